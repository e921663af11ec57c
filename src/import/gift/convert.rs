//! GIFT answers to a certa interaction, stem and feedback, with a warning for everything the
//! certa model cannot express exactly. Multiple choice lives in `choice`; the other GIFT types
//! are here:
//!
//! - true/false → `true_false` (first `#` feedback: wrong judgement, second: right one);
//! - short answer → `text_entry` (case-insensitive, `=%50%x` earns half the points), or a
//!   cloze text gap when text follows the answer block;
//! - numeric → `numeric`: the first 100% answer is the key (value with an absolute tolerance,
//!   or min..max); other answers cannot be kept and are reported;
//! - matching → `matching`, credit per pair; pairs with an empty question are distractors;
//! - essay → `extended_text`, the general feedback becoming the grader's rubric.
//!
//! General feedback (`####`) is added to the correct and incorrect feedback (and the partial
//! one when there is one).

use super::answers::{Answers, MatchPair, ShortAnswer};
use super::choice;
use super::numeric::{NumericAnswer, NumericValue};
use super::question::RawQuestion;
use super::report::ImportError;
use super::source::error_at;
use super::text::escape_html;
use crate::model::{AcceptedAnswer, Choice, Feedback, Gap, Interaction, MatchingRule, NumericKey};

/// The id of the single gap of a missing-word cloze item.
pub const BLANK_GAP: &str = "blank";

/// The stem of a missing-word cloze item (the text itself is the cloze text).
pub const CLOZE_STEM: &str = "Fill in the blank.";

/// A converted question, before it gets an id and a domain.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub stem: String,
    pub interaction: Interaction,
    pub feedback: Option<Feedback>,
    pub warnings: Vec<String>,
}

/// Feedback texts by item status, collected while converting.
#[derive(Debug, Default)]
pub struct FeedbackParts {
    pub correct: Vec<String>,
    pub incorrect: Vec<String>,
    pub partial: Vec<String>,
}

impl FeedbackParts {
    /// One text per status (the first of several different ones, with a warning), with the
    /// general feedback added.
    pub fn finish(self, general: Option<&str>, warnings: &mut Vec<String>) -> Option<Feedback> {
        let pick = |texts: Vec<String>, what: &str, warnings: &mut Vec<String>| {
            let mut distinct: Vec<String> = Vec::new();
            for t in texts {
                if !distinct.contains(&t) {
                    distinct.push(t);
                }
            }
            if distinct.len() > 1 {
                warnings.push(format!(
                    "{} different feedback texts for {what}; certa keeps one per outcome, the first",
                    distinct.len()
                ));
            }
            distinct.into_iter().next()
        };
        let with_general = |own: Option<String>| match (own, general) {
            (Some(a), Some(g)) => Some(format!("{a}\n{g}")),
            (a, g) => a.or_else(|| g.map(str::to_string)),
        };
        let correct = with_general(pick(self.correct, "right answers", warnings));
        let incorrect = with_general(pick(self.incorrect, "wrong answers", warnings));
        let partial = pick(self.partial, "partly right answers", warnings)
            .and_then(|p| with_general(Some(p)));
        let feedback = Feedback {
            correct,
            incorrect,
            partial,
        };
        (feedback != Feedback::default()).then_some(feedback)
    }
}

/// Convert a question worth `points`. Fails when no answer earns full credit.
pub fn convert(q: &RawQuestion, points: f64, file: &str) -> Result<Converted, ImportError> {
    let mut warnings = q.notes.clone();
    let mut fb = FeedbackParts::default();
    let general = q.general_feedback.as_deref();
    let (stem, interaction) = match &q.answers {
        Answers::Choices(answers) => choice::convert(q, answers, file, &mut warnings)?,
        Answers::TrueFalse {
            value,
            wrong_feedback,
            right_feedback,
        } => {
            fb.correct.extend(right_feedback.clone());
            fb.incorrect.extend(wrong_feedback.clone());
            (blank_stem(q), Interaction::TrueFalse { key: *value })
        }
        Answers::Short(answers) => short(q, answers, points, file, &mut fb, &mut warnings)?,
        Answers::Numeric {
            answers,
            wrong_feedback,
        } => {
            fb.incorrect.extend(wrong_feedback.clone());
            let key = numeric(q, answers, file, &mut fb, &mut warnings)?;
            (blank_stem(q), Interaction::Numeric { key, unit: None })
        }
        Answers::Matching(pairs) => (blank_stem(q), matching(pairs)),
        Answers::Essay => {
            let interaction = Interaction::ExtendedText {
                max_length: None,
                rubric: q.general_feedback.clone(),
            };
            return Ok(Converted {
                stem: blank_stem(q),
                interaction,
                feedback: None,
                warnings,
            });
        }
    };
    let feedback = fb.finish(general, &mut warnings);
    Ok(Converted {
        stem,
        interaction,
        feedback,
        warnings,
    })
}

/// The question text with the answer block shown as `_____` (Moodle's missing word).
pub fn blank_stem(q: &RawQuestion) -> String {
    match &q.after {
        Some(after) => format!("{}_____{after}", q.before),
        None => q.before.clone(),
    }
}

/// The cloze text of a missing-word item: the question text with the gap marker. Braces in
/// the text become character references so they cannot be read as markers.
pub fn cloze_text(q: &RawQuestion) -> String {
    let safe = |s: &str| s.replace('{', "&#123;").replace('}', "&#125;");
    format!(
        "{}{{{{{BLANK_GAP}}}}}{}",
        safe(&q.before),
        safe(q.after.as_deref().unwrap_or_default())
    )
}

fn short(
    q: &RawQuestion,
    answers: &[ShortAnswer],
    points: f64,
    file: &str,
    fb: &mut FeedbackParts,
    warnings: &mut Vec<String>,
) -> Result<(String, Interaction), ImportError> {
    if !answers.iter().any(|a| a.weight >= 100.0) {
        return Err(error_at(
            file,
            q.open,
            "no answer earns full credit",
            Some("a right answer marked `=` (with no weight, or `=%100%`)"),
        ));
    }
    let mut accepted = Vec::new();
    let mut negative = Vec::new();
    for a in answers {
        let target = if a.weight >= 100.0 {
            &mut fb.correct
        } else if a.weight > 0.0 {
            &mut fb.partial
        } else {
            &mut fb.incorrect
        };
        target.extend(a.feedback.clone());
        if a.weight < 0.0 {
            negative.push(format!("{}% for \"{}\"", a.weight, a.value));
        }
        if a.weight > 0.0 {
            accepted.push(AcceptedAnswer {
                value: a.value.clone(),
                points: (a.weight < 100.0).then_some(points * a.weight / 100.0),
            });
        }
    }
    if !negative.is_empty() {
        warnings.push(format!(
            "negative answer weights cannot be represented; these answers score 0: {}",
            negative.join(", ")
        ));
    }
    if q.after.is_some() {
        let gap = Gap::Text {
            id: BLANK_GAP.to_string(),
            answers: accepted,
            case_sensitive: false,
            points: None,
        };
        let text = cloze_text(q);
        return Ok((
            CLOZE_STEM.to_string(),
            Interaction::Cloze {
                text,
                gaps: vec![gap],
            },
        ));
    }
    Ok((
        blank_stem(q),
        Interaction::TextEntry {
            answers: accepted,
            case_sensitive: false,
            max_length: None,
        },
    ))
}

fn numeric(
    q: &RawQuestion,
    answers: &[NumericAnswer],
    file: &str,
    fb: &mut FeedbackParts,
    warnings: &mut Vec<String>,
) -> Result<NumericKey, ImportError> {
    let Some(key) = answers.iter().find(|a| a.weight >= 100.0) else {
        return Err(error_at(
            file,
            q.open,
            "no numeric answer earns full credit",
            Some("a 100% answer, like {#3.14} or {#=1822:5 =%50%1822:10}"),
        ));
    };
    fb.correct.extend(key.feedback.clone());
    let mut dropped = Vec::new();
    for a in answers.iter().filter(|a| !std::ptr::eq(*a, key)) {
        if a.weight > 0.0 {
            dropped.push(format!("{}% for {}", a.weight, a.written));
        } else {
            fb.incorrect.extend(a.feedback.clone());
        }
    }
    if !dropped.is_empty() {
        warnings.push(format!(
            "a numeric item accepts one value or range ({}, kept); other answers cannot be represented and score 0: {}",
            key.written,
            dropped.join(", ")
        ));
    }
    Ok(match key.value {
        NumericValue::Exact { value, tolerance } => NumericKey {
            value: Some(value),
            absolute_tolerance: (tolerance > 0.0).then_some(tolerance),
            ..NumericKey::default()
        },
        NumericValue::Range { min, max } => NumericKey {
            min: Some(min),
            max: Some(max),
            ..NumericKey::default()
        },
    })
}

fn matching(pairs: &[MatchPair]) -> Interaction {
    let mut sources = Vec::new();
    let mut targets: Vec<Choice> = Vec::new();
    let mut target_texts: Vec<&str> = Vec::new();
    let mut key = Vec::new();
    for pair in pairs {
        let target_id = match target_texts.iter().position(|t| *t == pair.target) {
            Some(i) => format!("t{}", i + 1),
            None => {
                target_texts.push(&pair.target);
                let id = format!("t{}", target_texts.len());
                targets.push(choice::plain_choice(&id, &escape_html(&pair.target)));
                id
            }
        };
        if !pair.source.trim().is_empty() {
            let id = format!("s{}", sources.len() + 1);
            sources.push(choice::plain_choice(&id, &pair.source));
            key.push((id, target_id));
        }
    }
    Interaction::Matching {
        sources,
        targets,
        key,
        rule: MatchingRule::PerPair,
        shuffle: true,
    }
}
