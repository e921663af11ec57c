//! GIFT multiple choice to certa: one right answer is a `single_choice` item (or, with text
//! after the answer block, a cloze item with one inline-choice gap); several right answers are
//! a `multiple_response` item.
//!
//! Weights. Moodle scores a multiple-answer question as the sum of the weights of the chosen
//! answers, kept within 0..100%. certa's closest rule is `right_minus_wrong`: each right answer
//! earns an equal share (100/k % of k right answers) and each wrong choice takes one share off.
//! That is exact when the right answers weigh 100/k % each and every wrong answer weighs
//! -100/k %; otherwise the item is imported with that rule and a warning says what differs.
//! A single-choice item has no partial credit and no per-item penalty: other non-zero weights
//! are reported and score 0.

use super::answers::ChoiceAnswer;
use super::convert::{blank_stem, cloze_text, BLANK_GAP, CLOZE_STEM};
use super::question::RawQuestion;
use super::report::ImportError;
use super::source::error_at;
use crate::model::{Choice, Gap, Interaction, MultipleResponseRule};

/// Weights closer than this (in percent) are equal: `%33.33333%` is a third.
const WEIGHT_SLACK: f64 = 0.01;

/// A choice with content and no feedback.
pub fn plain_choice(id: &str, content: &str) -> Choice {
    Choice {
        id: id.to_string(),
        content: content.to_string(),
        pinned: false,
        feedback: None,
    }
}

/// Choice ids `a`..`z`, then `c27`, `c28`, ...
fn choice_id(index: usize) -> String {
    match u8::try_from(index).ok().filter(|i| *i < 26) {
        Some(i) => char::from(b'a' + i).to_string(),
        None => format!("c{}", index + 1),
    }
}

fn percent(w: f64) -> String {
    format!("{}%", (w * 100.0).round() / 100.0)
}

/// The stem and interaction of a multiple-choice question.
pub fn convert(
    q: &RawQuestion,
    answers: &[ChoiceAnswer],
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<(String, Interaction), ImportError> {
    let choices: Vec<Choice> = answers
        .iter()
        .enumerate()
        .map(|(i, a)| Choice {
            feedback: a.feedback.clone(),
            ..plain_choice(&choice_id(i), &a.content)
        })
        .collect();
    let full: Vec<usize> = (0..answers.len())
        .filter(|&i| {
            answers
                .get(i)
                .is_some_and(|a| a.weight >= 100.0 - WEIGHT_SLACK)
        })
        .collect();
    let keys: Vec<String> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| a.weight > 0.0)
        .map(|(i, _)| choice_id(i))
        .collect();
    if keys.is_empty() {
        return Err(error_at(
            file,
            q.open,
            "no right answer: every answer weighs 0% or less",
            Some("`=` before the right answer, or a positive weight like `~%50%`"),
        ));
    }
    let single_answer = answers.iter().any(|a| a.equals);
    if single_answer && full.len() == 1 {
        let key = full.first().map(|&i| choice_id(i)).unwrap_or_default();
        let lost: Vec<String> = answers
            .iter()
            .filter(|a| a.weight.abs() > WEIGHT_SLACK && a.weight < 100.0 - WEIGHT_SLACK)
            .map(|a| format!("{} for \"{}\"", percent(a.weight), plain(&a.content)))
            .collect();
        if !lost.is_empty() {
            warnings.push(format!(
                "a single-choice item has no partial credit or penalty; these weights score 0: {}",
                lost.join(", ")
            ));
        }
        if q.after.is_some() {
            let gap = Gap::Choice {
                id: BLANK_GAP.to_string(),
                choices,
                key,
                shuffle: true,
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
        return Ok((
            blank_stem(q),
            Interaction::SingleChoice {
                choices,
                key,
                shuffle: true,
            },
        ));
    }
    if single_answer && full.is_empty() {
        return Err(error_at(
            file,
            q.open,
            "no answer earns 100%",
            Some("one answer marked `=` with no weight (or weighted %100%)"),
        ));
    }
    if single_answer {
        warnings.push(format!(
            "{} answers are marked `=`: Moodle accepts any one of them; certa makes a multiple-response item (right_minus_wrong) in which each right answer earns an equal share",
            full.len()
        ));
    } else if let Some(difference) = weight_difference(answers, keys.len()) {
        warnings.push(format!(
            "GIFT weights differ from certa's right_minus_wrong rule: {difference}"
        ));
    }
    if q.after.is_some() {
        warnings.push(
            "a blank with several right answers cannot be a cloze gap; imported as multiple response with the blank shown as _____".to_string(),
        );
    }
    Ok((
        blank_stem(q),
        Interaction::MultipleResponse {
            choices,
            keys,
            rule: MultipleResponseRule::RightMinusWrong,
            shuffle: true,
            max_choices: None,
        },
    ))
}

/// How Moodle's weights differ from right-minus-wrong with `k` right answers, if they do.
fn weight_difference(answers: &[ChoiceAnswer], k: usize) -> Option<String> {
    let share = 100.0 / k.max(1) as f64;
    let rights: Vec<f64> = answers
        .iter()
        .map(|a| a.weight)
        .filter(|w| *w > 0.0)
        .collect();
    let wrongs: Vec<f64> = answers
        .iter()
        .map(|a| a.weight)
        .filter(|w| *w <= 0.0)
        .collect();
    let mut out = Vec::new();
    if rights.iter().any(|w| (w - share).abs() > WEIGHT_SLACK) {
        let list: Vec<String> = rights.iter().map(|w| percent(*w)).collect();
        out.push(format!(
            "the right answers weigh {} in GIFT, in certa each earns {}",
            list.join(", "),
            percent(share)
        ));
    }
    if wrongs.iter().any(|w| w.abs() <= WEIGHT_SLACK) {
        out.push(format!(
            "wrong answers weighing 0% cost nothing in Moodle (choosing every answer earns full marks), in certa each wrong choice costs {}",
            percent(share)
        ));
    }
    let other: Vec<String> = wrongs
        .iter()
        .filter(|w| w.abs() > WEIGHT_SLACK && (*w + share).abs() > WEIGHT_SLACK)
        .map(|w| percent(*w))
        .collect();
    if !other.is_empty() {
        out.push(format!(
            "wrong answers weigh {} in GIFT, in certa each wrong choice costs {}",
            other.join(", "),
            percent(share)
        ));
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// HTML without tags, for messages.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
