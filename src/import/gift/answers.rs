//! The answer block `{ ... }` of a question: which GIFT question type it is (by Moodle's rules)
//! and its answers, weights and feedback, still in GIFT terms (numeric answers: `numeric`).
//! `convert` maps them to certa.
//!
//! Type rules, in Moodle's order: an empty block is an essay; `#` first is numeric; a `~`
//! anywhere is multiple choice; `=` with `->` is matching; `T`, `TRUE`, `F` or `FALSE` (any
//! case) before an optional `#` is true/false; anything else is short answer.

use super::numeric::{parse_number, NumericAnswer};
use super::report::ImportError;
use super::source::{error_at, Pos};
use super::span::{self, Span};
use super::text::{span_html, split_format, TextFormat};

/// One answer of a multiple-choice question.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceAnswer {
    /// Percent of the item's points, -100..=100 (`=` is 100, a bare `~` is 0).
    pub weight: f64,
    /// Written with `=` (a right answer of a single-answer question in Moodle).
    pub equals: bool,
    /// HTML.
    pub content: String,
    /// HTML.
    pub feedback: Option<String>,
    pub pos: Pos,
}

/// One accepted answer of a short-answer question.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortAnswer {
    pub weight: f64,
    /// Plain text, compared with what the learner types.
    pub value: String,
    /// HTML.
    pub feedback: Option<String>,
    pub pos: Pos,
}

/// One `=question -> match` pair. An empty question makes the match a distractor.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchPair {
    /// HTML; empty for a distractor.
    pub source: String,
    /// Plain text.
    pub target: String,
    pub pos: Pos,
}

/// The answers of a question, by GIFT question type.
#[derive(Debug, Clone, PartialEq)]
pub enum Answers {
    Essay,
    TrueFalse {
        value: bool,
        /// HTML shown for a wrong judgement (the first `#`).
        wrong_feedback: Option<String>,
        /// HTML shown for a right judgement (the second `#`).
        right_feedback: Option<String>,
    },
    Choices(Vec<ChoiceAnswer>),
    Short(Vec<ShortAnswer>),
    Numeric {
        answers: Vec<NumericAnswer>,
        /// HTML after `~#`, shown for any other number.
        wrong_feedback: Option<String>,
    },
    Matching(Vec<MatchPair>),
}

/// Parse the inside of an answer block (general feedback already removed). `open` is the
/// place of the `{`. Notes are things to warn about.
pub fn parse(
    inner: Span<'_>,
    format: TextFormat,
    open: Pos,
    file: &str,
) -> Result<(Answers, Vec<String>), ImportError> {
    let s = span::trim(inner);
    let p = Parser { file, format, open };
    let mut notes = Vec::new();
    let answers = if s.is_empty() {
        Answers::Essay
    } else if s.first().is_some_and(|t| t.is('#')) {
        p.numeric(span::skip(s, 1), &mut notes)?
    } else if span::find(s, '~').is_some() {
        p.choices(s)?
    } else if span::find(s, '=').is_some() && span::find_str(s, "->", 0).is_some() {
        p.matching(s)?
    } else if let Some(tf) = p.true_false(s) {
        tf
    } else {
        p.short(s, &mut notes)?
    };
    Ok((answers, notes))
}

/// Parses the answers of one block; `numeric` adds the numeric answers.
pub(super) struct Parser<'f> {
    pub file: &'f str,
    pub format: TextFormat,
    pub open: Pos,
}

const WEIGHT_HINT: &str = "a weight between -100 and 100 written like %50% or %-25%";

impl Parser<'_> {
    pub(super) fn err(&self, pos: Pos, message: impl Into<String>, expected: &str) -> ImportError {
        error_at(self.file, pos, message, Some(expected))
    }

    fn html(&self, s: Span<'_>) -> String {
        let (format, rest) = split_format(s, self.format);
        span_html(rest, format)
    }

    pub(super) fn feedback(&self, s: Span<'_>) -> Option<String> {
        Some(self.html(s)).filter(|h| !h.trim().is_empty())
    }

    /// Plain text of an answer value (a format tag is dropped).
    fn plain(&self, s: Span<'_>) -> String {
        let (_, rest) = split_format(s, self.format);
        span::text(span::trim(rest))
    }

    /// An optional leading `%n%` weight; the rest of the answer.
    pub(super) fn weight<'a>(&self, s: Span<'a>) -> Result<(Option<f64>, Span<'a>), ImportError> {
        let s = span::trim_start(s);
        if !s.first().is_some_and(|t| t.is('%')) {
            return Ok((None, s));
        }
        let Some(close) = span::find(span::skip(s, 1), '%') else {
            return Ok((None, s));
        };
        let inner = span::text(s.get(1..close + 1).unwrap_or_default());
        let inner = inner.trim();
        let pos = span::pos_or(s, self.open);
        match parse_number(inner) {
            Some(w) if (-100.0..=100.0).contains(&w) => Ok((Some(w), span::skip(s, close + 2))),
            Some(w) => Err(self.err(
                pos,
                format!("answer weight {w}% is outside -100%..100%"),
                WEIGHT_HINT,
            )),
            // `%50 off%` is answer text, as in Moodle; `%5..0%` is a broken weight.
            None if !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_ascii_digit() || ".+- ".contains(c)) =>
            {
                Err(self.err(
                    pos,
                    format!("answer weight %{inner}% is not a number"),
                    WEIGHT_HINT,
                ))
            }
            None => Ok((None, s)),
        }
    }

    fn choices(&self, s: Span<'_>) -> Result<Answers, ImportError> {
        let (head, parts) = span::split_markers(s, |t| t.ch == '~' || t.ch == '=');
        if !span::is_blank(head) {
            return Err(self.err(
                span::pos_or(head, self.open),
                format!(
                    "text \"{}\" before the first answer",
                    span::text(span::trim(head))
                ),
                "`=` before the right answer or `~` before a wrong one",
            ));
        }
        let mut out = Vec::new();
        for part in parts {
            let pos = span::pos_or(part, self.open);
            let equals = part.first().is_some_and(|t| t.is('='));
            let (weight, body) = self.weight(span::skip(part, 1))?;
            let (text, feedback) = split_feedback(body);
            let content = self.html(text);
            if content.trim().is_empty() {
                return Err(self.err(
                    pos,
                    "an answer with no text",
                    "answer text after `=` or `~`",
                ));
            }
            out.push(ChoiceAnswer {
                weight: weight.unwrap_or(if equals { 100.0 } else { 0.0 }),
                equals,
                content,
                feedback: feedback.and_then(|f| self.feedback(f)),
                pos,
            });
        }
        if out.len() < 2 {
            return Err(self.err(
                self.open,
                format!("a multiple-choice question with {} answer", out.len()),
                "at least two answers, each starting with `=` or `~`",
            ));
        }
        Ok(Answers::Choices(out))
    }

    fn true_false(&self, s: Span<'_>) -> Option<Answers> {
        let (value, rest) = span::split(s, span::find(s, '#').unwrap_or(s.len()));
        let value = match span::text(span::trim(value)).to_ascii_uppercase().as_str() {
            "T" | "TRUE" => true,
            "F" | "FALSE" => false,
            _ => return None,
        };
        // `#wrong#right`: the second `#` starts the right-answer feedback; later `#` are text.
        let rest = span::skip(rest, 1);
        let (wrong, right) = match span::find(rest, '#') {
            Some(i) => {
                let (w, r) = span::split(rest, i);
                (w, span::skip(r, 1))
            }
            None => (rest, &[][..]),
        };
        Some(Answers::TrueFalse {
            value,
            wrong_feedback: self.feedback(wrong),
            right_feedback: self.feedback(right),
        })
    }

    fn short(&self, s: Span<'_>, notes: &mut Vec<String>) -> Result<Answers, ImportError> {
        let (head, parts) = span::split_markers(s, |t| t.ch == '=');
        let mut out = Vec::new();
        if !span::is_blank(head) {
            notes.push(format!(
                "the answer \"{}\" has no `=` in front; taken as a right answer, as Moodle does",
                span::text(span::trim(split_feedback(head).0))
            ));
            out.push(self.short_answer(head, false)?);
        }
        for part in parts {
            out.push(self.short_answer(part, true)?);
        }
        Ok(Answers::Short(out))
    }

    fn short_answer(&self, part: Span<'_>, marked: bool) -> Result<ShortAnswer, ImportError> {
        let pos = span::pos_or(part, self.open);
        let body = if marked { span::skip(part, 1) } else { part };
        let (weight, body) = self.weight(body)?;
        let (text, feedback) = split_feedback(body);
        let value = self.plain(text);
        if value.is_empty() {
            return Err(self.err(pos, "an answer with no text", "answer text after `=`"));
        }
        Ok(ShortAnswer {
            weight: weight.unwrap_or(100.0),
            value,
            feedback: feedback.and_then(|f| self.feedback(f)),
            pos,
        })
    }

    fn matching(&self, s: Span<'_>) -> Result<Answers, ImportError> {
        let (head, parts) = span::split_markers(s, |t| t.ch == '=');
        if !span::is_blank(head) {
            return Err(self.err(
                span::pos_or(head, self.open),
                format!(
                    "text \"{}\" before the first pair",
                    span::text(span::trim(head))
                ),
                "`=question -> match` pairs",
            ));
        }
        let mut out = Vec::new();
        for part in parts {
            let pos = span::pos_or(part, self.open);
            let body = span::skip(part, 1);
            let Some(arrow) = span::find_str(body, "->", 0) else {
                return Err(self.err(
                    pos,
                    format!("the pair \"{}\" has no `->`", span::text(span::trim(body))),
                    "`=question -> match`",
                ));
            };
            let (source, target) = span::split(body, arrow);
            let target = span::text(span::trim(span::skip(target, 2)));
            if target.is_empty() {
                return Err(self.err(pos, "a pair with no match after `->`", "text after `->`"));
            }
            out.push(MatchPair {
                source: self.html(source),
                target,
                pos,
            });
        }
        let questions = out.iter().filter(|p| !p.source.trim().is_empty()).count();
        if out.len() < 2 || questions == 0 {
            return Err(self.err(
                self.open,
                format!(
                    "a matching question with {} pair(s) and {questions} question(s)",
                    out.len()
                ),
                "at least two `=question -> match` pairs",
            ));
        }
        Ok(Answers::Matching(out))
    }
}

/// The answer text and the feedback after its first unescaped `#`.
pub(super) fn split_feedback(s: Span<'_>) -> (Span<'_>, Option<Span<'_>>) {
    match span::find(s, '#') {
        Some(i) => {
            let (text, rest) = span::split(s, i);
            (text, Some(span::skip(rest, 1)))
        }
        None => (s, None),
    }
}
