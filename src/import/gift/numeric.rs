//! Numeric answers of a GIFT question: `{#3.14}`, `{#5:0.5}` (value and absolute tolerance),
//! `{#1..5}` (inclusive range), several answers with weights (`{#=1822:0 =%50%1822:2}`) and
//! the feedback for any other number after `~#`. Numbers are finite decimals: `3,14`, `inf`
//! and `NaN` are errors.

use super::answers::{split_feedback, Answers, Parser};
use super::report::ImportError;
use super::source::Pos;
use super::span::{self, Span};

const NUMBER_HINT: &str =
    "a number like 3.14, a range like 1..5, or a value with a tolerance like 5:0.5";

/// A numeric answer: a value with an absolute tolerance, or an inclusive range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumericValue {
    Exact { value: f64, tolerance: f64 },
    Range { min: f64, max: f64 },
}

/// One answer of a numeric question.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericAnswer {
    pub weight: f64,
    pub value: NumericValue,
    /// The answer as written (`1822:5`), for messages.
    pub written: String,
    /// HTML.
    pub feedback: Option<String>,
    pub pos: Pos,
}

impl Parser<'_> {
    pub(super) fn numeric(
        &self,
        s: Span<'_>,
        notes: &mut Vec<String>,
    ) -> Result<Answers, ImportError> {
        // `~#feedback`: shown for any other number.
        let (s, wrong) = span::split(s, span::find(s, '~').unwrap_or(s.len()));
        let wrong_feedback = split_feedback(span::skip(wrong, 1))
            .1
            .and_then(|f| self.feedback(f));
        let (head, parts) = span::split_markers(s, |t| t.ch == '=');
        let mut out = Vec::new();
        if !span::is_blank(head) {
            out.push(self.numeric_answer(head, false)?);
        }
        for part in parts {
            out.push(self.numeric_answer(part, true)?);
        }
        if out.is_empty() {
            return Err(self.err(self.open, "a numeric question with no answer", NUMBER_HINT));
        }
        if out.len() > 1 && !span::is_blank(head) {
            notes.push("the first numeric answer has no `=` in front".to_string());
        }
        Ok(Answers::Numeric {
            answers: out,
            wrong_feedback,
        })
    }

    fn numeric_answer(&self, part: Span<'_>, marked: bool) -> Result<NumericAnswer, ImportError> {
        let pos = span::pos_or(span::trim(part), self.open);
        let body = if marked { span::skip(part, 1) } else { part };
        let (weight, body) = self.weight(body)?;
        let (text, feedback) = split_feedback(body);
        let text = span::trim(text);
        let written = span::text(text);
        let bad = |what: &str| {
            self.err(
                pos,
                format!("the numeric answer \"{written}\": {what}"),
                NUMBER_HINT,
            )
        };
        let value = if let Some(i) = span::find_str(text, "..", 1) {
            let (lo, hi) = span::split(text, i);
            let lo_text = span::text(lo);
            let hi_text = span::text(span::skip(hi, 2));
            let (Some(min), Some(max)) = (parse_number(&lo_text), parse_number(&hi_text)) else {
                return Err(bad("a range needs a number on each side of `..`"));
            };
            if min > max {
                return Err(bad(&format!(
                    "the range starts at {min}, above its end {max}"
                )));
            }
            NumericValue::Range { min, max }
        } else if let Some(i) = span::find(text, ':').filter(|&i| i > 0) {
            let (v, t) = span::split(text, i);
            let (Some(value), Some(tolerance)) = (
                parse_number(&span::text(v)),
                parse_number(&span::text(span::skip(t, 1))),
            ) else {
                return Err(bad("a value and its tolerance must both be numbers"));
            };
            if tolerance < 0.0 {
                return Err(bad("the tolerance is negative"));
            }
            NumericValue::Exact { value, tolerance }
        } else {
            let Some(value) = parse_number(&written) else {
                return Err(bad("not a number"));
            };
            NumericValue::Exact {
                value,
                tolerance: 0.0,
            }
        };
        Ok(NumericAnswer {
            weight: weight.unwrap_or(100.0),
            value,
            written,
            feedback: feedback.and_then(|f| self.feedback(f)),
            pos,
        })
    }
}

/// A finite decimal number (`3.14`, `-2`, `.5`, `1e3`); no `inf`, `NaN` or `1,5`.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}
