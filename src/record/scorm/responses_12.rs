//! SCORM 1.2 interaction types, student responses and correct-response patterns (RTE 3.4.2.7,
//! `CMIFeedback`, at most 255 characters).
//!
//! | kind | type | student_response | pattern |
//! |---|---|---|---|
//! | single_choice | `choice` | `b` | `b` |
//! | multiple_response | `choice` | `a,c` (authored order) | `{a,c}` (all of them) |
//! | true_false | `true-false` | `t` / `f` | `t` / `f` |
//! | text_entry | `fill-in` | the text | the first full-credit answer |
//! | numeric | `numeric` | `3.8` | the keyed value (none for a pure range) |
//! | ordering | `sequencing` | `b,a,c` | the keyed order |
//! | matching | `matching` | `a.c,b.a` (authored source order) | the keyed pairs |
//! | cloze | `fill-in` | the gap answers in authored order, comma-separated | the same for the key |
//! | extended_text | `fill-in` | the text, cut to 255 | none |
//!
//! SCORM 1.2 writes choices, steps and matching sources and targets as single characters
//! `0-9 a-z`. When an item's ids are such characters they are used as they are; otherwise each
//! is written as the character of its authored position (`a` for the first, then `b`, ...,
//! `z`, `0`, ..., `9`) and a notice gives the correspondence. Past 36 choices there are no
//! characters left: the ids are then written as `CMIIdentifier`s, with a notice.

use super::decimal::decimal;
use super::identifier::identifier_12;
use super::text::{fold_whitespace, limit};
use super::{typed_response, ScormNotice};
use crate::model::json::Value;
use crate::model::{Choice, Gap, Interaction, Item};
use crate::score::response::Response;

/// `CMIFeedback` is a `CMIString255`.
const FEEDBACK_MAX: usize = 255;
/// The characters SCORM 1.2 allows for choices, in the order positions take them.
const POSITION_CHARS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// The `cmi.interactions.n.type` of an item.
pub fn interaction_type(interaction: &Interaction) -> &'static str {
    match interaction {
        Interaction::SingleChoice { .. } | Interaction::MultipleResponse { .. } => "choice",
        Interaction::TrueFalse { .. } => "true-false",
        Interaction::TextEntry { .. } | Interaction::Cloze { .. } => "fill-in",
        Interaction::ExtendedText { .. } => "fill-in",
        Interaction::Numeric { .. } => "numeric",
        Interaction::Ordering { .. } => "sequencing",
        Interaction::Matching { .. } => "matching",
    }
}

/// How the ids of one choice list are written.
pub struct ChoiceLetters<'c> {
    choices: &'c [Choice],
    /// How ids are written: as they are, by position, or as identifiers.
    scheme: Scheme,
}

#[derive(Clone, Copy, PartialEq)]
enum Scheme {
    AsIs,
    ByPosition,
    Identifier,
}

impl<'c> ChoiceLetters<'c> {
    /// Pick the scheme for `choices`.
    pub fn new(choices: &'c [Choice]) -> Self {
        let single = |id: &str| {
            id.len() == 1
                && id
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        };
        let scheme = if choices.iter().all(|c| single(&c.id)) {
            Scheme::AsIs
        } else if choices.len() <= POSITION_CHARS.len() {
            Scheme::ByPosition
        } else {
            Scheme::Identifier
        };
        ChoiceLetters { choices, scheme }
    }

    /// The written form of choice `id`.
    pub fn letter(&self, id: &str) -> String {
        match self.scheme {
            Scheme::AsIs => id.to_string(),
            Scheme::Identifier => identifier_12(id),
            Scheme::ByPosition => self
                .choices
                .iter()
                .position(|c| c.id == id)
                .and_then(|i| POSITION_CHARS.chars().nth(i))
                .map(String::from)
                .unwrap_or_else(|| identifier_12(id)),
        }
    }

    /// The notice for `element` when ids are not written as they are.
    pub fn notice(&self, element: &str, what: &str) -> Option<ScormNotice> {
        match self.scheme {
            Scheme::AsIs => None,
            Scheme::ByPosition => {
                let table: Vec<String> = self
                    .choices
                    .iter()
                    .map(|c| format!("{} = \"{}\"", self.letter(&c.id), c.id))
                    .collect();
                Some(ScormNotice::new(
                    element,
                    format!(
                        "{what} ids written as single characters by authored position: {}",
                        table.join(", ")
                    ),
                ))
            }
            Scheme::Identifier => Some(ScormNotice::new(
                element,
                format!(
                    "{} {what}s are more than the 36 single characters SCORM 1.2 has; ids are written as identifiers",
                    self.choices.len()
                ),
            )),
        }
    }
}

/// The notices on how an item's ids are written (once per item, at `cmi.interactions.n`).
pub fn letter_notices(item: &Item, element: &str) -> Vec<ScormNotice> {
    match &item.interaction {
        Interaction::SingleChoice { choices, .. }
        | Interaction::MultipleResponse { choices, .. } => {
            { ChoiceLetters::new(choices).notice(element, "choice") }
                .into_iter()
                .collect()
        }
        Interaction::Ordering { choices, .. } => ChoiceLetters::new(choices)
            .notice(element, "step")
            .into_iter()
            .collect(),
        Interaction::Matching {
            sources, targets, ..
        } => [
            ChoiceLetters::new(sources).notice(element, "source"),
            ChoiceLetters::new(targets).notice(element, "target"),
        ]
        .into_iter()
        .flatten()
        .collect(),
        _ => Vec::new(),
    }
}

/// The student response, or `None`. `element` is `cmi.interactions.n.student_response`.
pub fn student_response(
    item: &Item,
    value: &Value,
    element: &str,
    notices: &mut Vec<ScormNotice>,
) -> Option<String> {
    let response = typed_response(item, value, element, notices)?;
    let text = match (&item.interaction, response) {
        (Interaction::SingleChoice { choices, .. }, Response::SingleChoice(id)) => {
            ChoiceLetters::new(choices).letter(id)
        }
        (Interaction::MultipleResponse { choices, .. }, Response::MultipleResponse(selected)) => {
            let letters = ChoiceLetters::new(choices);
            choices
                .iter()
                .filter(|c| selected.contains(c.id.as_str()))
                .map(|c| letters.letter(&c.id))
                .collect::<Vec<_>>()
                .join(",")
        }
        (_, Response::TrueFalse(b)) => if b { "t" } else { "f" }.to_string(),
        (_, Response::TextEntry(t)) | (_, Response::ExtendedText(t)) => fold_whitespace(t),
        (_, Response::Numeric(x)) => decimal(x),
        (Interaction::Ordering { choices, .. }, Response::Ordering(order)) => {
            let letters = ChoiceLetters::new(choices);
            order
                .iter()
                .map(|id| letters.letter(id))
                .collect::<Vec<_>>()
                .join(",")
        }
        (
            Interaction::Matching {
                sources, targets, ..
            },
            Response::Matching(pairs),
        ) => matching(sources, targets, pairs.iter().map(|(s, t)| (*s, *t))),
        (Interaction::Cloze { gaps, .. }, Response::Cloze(answers)) => gaps
            .iter()
            .map(|g| {
                answers
                    .get(g.id())
                    .map(|a| fold_whitespace(a))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(","),
        _ => return None,
    };
    Some(limit(text, FEEDBACK_MAX, element, notices))
}

/// The correct-response pattern, if the item has one in SCORM 1.2. `element` is
/// `cmi.interactions.n.correct_responses.0.pattern`.
pub fn correct_pattern(
    item: &Item,
    element: &str,
    notices: &mut Vec<ScormNotice>,
) -> Option<String> {
    let text = match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => ChoiceLetters::new(choices).letter(key),
        Interaction::MultipleResponse { choices, keys, .. } => {
            let letters = ChoiceLetters::new(choices);
            let keyed: Vec<String> = choices
                .iter()
                .filter(|c| keys.contains(&c.id))
                .map(|c| letters.letter(&c.id))
                .collect();
            format!("{{{}}}", keyed.join(","))
        }
        Interaction::TrueFalse { key } => if *key { "t" } else { "f" }.to_string(),
        Interaction::TextEntry { answers, .. } => {
            let full = answers
                .iter()
                .find(|a| a.points.is_none_or(|p| p >= item.points))?;
            fold_whitespace(&full.value)
        }
        Interaction::Numeric { key, .. } => match key.value {
            Some(v) => decimal(v),
            None => {
                notices.push(ScormNotice::new(
                    element,
                    "omitted: SCORM 1.2 numeric patterns hold one value, not a range",
                ));
                return None;
            }
        },
        Interaction::Ordering { choices, key, .. } => {
            let letters = ChoiceLetters::new(choices);
            key.iter()
                .map(|id| letters.letter(id))
                .collect::<Vec<_>>()
                .join(",")
        }
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => matching(
            sources,
            targets,
            key.iter().map(|(s, t)| (s.as_str(), t.as_str())),
        ),
        Interaction::Cloze { gaps, .. } => gaps
            .iter()
            .map(|g| match g {
                Gap::Text { answers, .. } => answers
                    .first()
                    .map(|a| fold_whitespace(&a.value))
                    .unwrap_or_default(),
                Gap::Choice { key, .. } => key.clone(),
            })
            .collect::<Vec<_>>()
            .join(","),
        Interaction::ExtendedText { .. } => return None,
    };
    Some(limit(text, FEEDBACK_MAX, element, notices))
}

/// `a.c,b.a`: pairs in authored source order.
fn matching<'a>(
    sources: &[Choice],
    targets: &[Choice],
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> String {
    let (src_letters, tgt_letters) = (ChoiceLetters::new(sources), ChoiceLetters::new(targets));
    let pairs: Vec<(&str, &str)> = pairs.collect();
    sources
        .iter()
        .flat_map(|s| pairs.iter().filter(move |(src, _)| *src == s.id))
        .map(|(s, t)| format!("{}.{}", src_letters.letter(s), tgt_letters.letter(t)))
        .collect::<Vec<_>>()
        .join(",")
}
