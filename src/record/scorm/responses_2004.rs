//! SCORM 2004 interaction types, learner responses and correct-response patterns for the nine
//! interaction kinds (RTE 4.2.9, "learner_response" and "correct_responses.n.pattern").
//!
//! | kind | type | learner_response | pattern |
//! |---|---|---|---|
//! | single_choice | `choice` | `b` | the key |
//! | multiple_response | `choice` | `a[,]c` (authored order) | the keys |
//! | true_false | `true-false` | `true` / `false` | the key |
//! | text_entry | `fill-in` | the text | one pattern per full-credit answer, `{case_matters=true}` when case counts |
//! | numeric | `numeric` | `3.8` | `v`, or `min[:]max` for a tolerance or range |
//! | ordering | `sequencing` | `s2[,]s1[,]s3` | the keyed order |
//! | matching | `matching` | `src[.]tgt[,]...` (authored source order) | the keyed pairs |
//! | cloze | `fill-in` | one entry per gap in authored order (`""` when unanswered) | `{order_matters=true}`, the first full-credit answer or key per gap |
//! | extended_text | `long-fill-in` | the text (≤ 4000) | none |
//!
//! Ids go through [`identifier_2004`] as `short_identifier_type`s; free text is folded to one
//! line, defused and cut to its SPM (250, 4000 for `long-fill-in`) with a notice.

use super::decimal::decimal;
use super::identifier::{identifier_2004, SHORT_2004};
use super::text::{defuse_delimiters, defuse_leading_brace, fold_whitespace, limit};
use super::{typed_response, ScormNotice};
use crate::model::json::Value;
use crate::model::{Choice, Gap, Interaction, Item, NumericKey};
use crate::score::response::Response;

/// SPM of a `fill-in` entry (`localized_string_type`).
const FILL_IN_SPM: usize = 250;
/// SPM of a `long-fill-in` response.
const LONG_FILL_IN_SPM: usize = 4000;

/// The `cmi.interactions.n.type` of an item.
pub fn interaction_type(interaction: &Interaction) -> &'static str {
    match interaction {
        Interaction::SingleChoice { .. } | Interaction::MultipleResponse { .. } => "choice",
        Interaction::TrueFalse { .. } => "true-false",
        Interaction::TextEntry { .. } | Interaction::Cloze { .. } => "fill-in",
        Interaction::Numeric { .. } => "numeric",
        Interaction::Ordering { .. } => "sequencing",
        Interaction::Matching { .. } => "matching",
        Interaction::ExtendedText { .. } => "long-fill-in",
    }
}

/// The learner response, or `None` (with a notice when something was given but cannot be
/// written). `element` is `cmi.interactions.n.learner_response`.
pub fn learner_response(
    item: &Item,
    value: &Value,
    element: &str,
    notices: &mut Vec<ScormNotice>,
) -> Option<String> {
    let response = typed_response(item, value, element, notices)?;
    let short = |id: &str| identifier_2004(id, SHORT_2004);
    let text = match (&item.interaction, response) {
        (_, Response::SingleChoice(id)) => short(id),
        (Interaction::MultipleResponse { choices, .. }, Response::MultipleResponse(selected)) => {
            if selected.is_empty() {
                notices.push(ScormNotice::new(
                    element,
                    "omitted: the learner selected no choice, and an empty set has no SCORM form",
                ));
                return None;
            }
            join(
                in_authored_order(choices, |id| selected.contains(id)),
                short,
            )
        }
        (_, Response::TrueFalse(b)) => b.to_string(),
        (_, Response::TextEntry(t)) => fill_in_entry(t, element, notices),
        (_, Response::Numeric(x)) => decimal(x),
        (_, Response::Ordering(order)) => order
            .iter()
            .map(|id| short(id))
            .collect::<Vec<_>>()
            .join("[,]"),
        (Interaction::Matching { sources, .. }, Response::Matching(pairs)) => sources
            .iter()
            .flat_map(|s| pairs.iter().filter(move |(src, _)| *src == s.id))
            .map(|(src, tgt)| format!("{}[.]{}", short(src), short(tgt)))
            .collect::<Vec<_>>()
            .join("[,]"),
        (Interaction::Cloze { gaps, .. }, Response::Cloze(answers)) => gaps
            .iter()
            .map(|gap| match answers.get(gap.id()) {
                Some(answer) => fill_in_entry(answer, element, notices),
                None => String::new(),
            })
            .collect::<Vec<_>>()
            .join("[,]"),
        (_, Response::ExtendedText(t)) => {
            let folded = defuse_leading_brace(fold_whitespace(t), element, notices);
            limit(folded, LONG_FILL_IN_SPM, element, notices)
        }
        // parse_response types the value by the item's own interaction.
        _ => return None,
    };
    Some(text)
}

/// The correct-response patterns (empty for extended text). `element` is
/// `cmi.interactions.n.correct_responses`.
pub fn correct_patterns(item: &Item, element: &str, notices: &mut Vec<ScormNotice>) -> Vec<String> {
    let short = |id: &str| identifier_2004(id, SHORT_2004);
    let pattern_element = |k: usize| format!("{element}.{k}.pattern");
    match &item.interaction {
        Interaction::SingleChoice { key, .. } => vec![short(key)],
        Interaction::MultipleResponse { choices, keys, .. } => {
            vec![join(
                in_authored_order(choices, |id| keys.iter().any(|k| k == id)),
                short,
            )]
        }
        Interaction::TrueFalse { key } => vec![key.to_string()],
        Interaction::TextEntry {
            answers,
            case_sensitive,
            ..
        } => answers
            .iter()
            .filter(|a| a.points.is_none_or(|p| p >= item.points))
            .enumerate()
            .map(|(k, a)| {
                let entry = fill_in_entry(&a.value, &pattern_element(k), notices);
                if *case_sensitive {
                    format!("{{case_matters=true}}{entry}")
                } else {
                    entry
                }
            })
            .collect(),
        Interaction::Numeric { key, .. } => numeric_pattern(key).into_iter().collect(),
        Interaction::Ordering { key, .. } => vec![key
            .iter()
            .map(|id| short(id))
            .collect::<Vec<_>>()
            .join("[,]")],
        Interaction::Matching { sources, key, .. } => vec![sources
            .iter()
            .flat_map(|s| key.iter().filter(move |(src, _)| *src == s.id))
            .map(|(src, tgt)| format!("{}[.]{}", short(src), short(tgt)))
            .collect::<Vec<_>>()
            .join("[,]")],
        Interaction::Cloze { gaps, .. } => {
            let element = pattern_element(0);
            let entries: Vec<String> = gaps
                .iter()
                .map(|gap| match gap {
                    Gap::Text {
                        answers, points, ..
                    } => {
                        let full = answers
                            .iter()
                            .find(|a| match (a.points, points) {
                                (Some(p), Some(max)) => p >= *max,
                                (Some(_), None) => false,
                                (None, _) => true,
                            })
                            .or(answers.first());
                        full.map(|a| fill_in_entry(&a.value, &element, notices))
                            .unwrap_or_default()
                    }
                    Gap::Choice { key, .. } => fill_in_entry(key, &element, notices),
                })
                .collect();
            let text_gaps: Vec<bool> = gaps
                .iter()
                .filter_map(|g| match g {
                    Gap::Text { case_sensitive, .. } => Some(*case_sensitive),
                    Gap::Choice { .. } => None,
                })
                .collect();
            let case = if !text_gaps.is_empty() && text_gaps.iter().all(|c| *c) {
                "{case_matters=true}"
            } else {
                ""
            };
            vec![format!(
                "{case}{{order_matters=true}}{}",
                entries.join("[,]")
            )]
        }
        Interaction::ExtendedText { .. } => Vec::new(),
    }
}

/// A numeric key as a pattern: the value, or `min[:]max` (either side may be open).
fn numeric_pattern(key: &NumericKey) -> Option<String> {
    let (min, max) = numeric_bounds(key);
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(decimal(a)),
        (None, None) => None,
        (a, b) => Some(format!(
            "{}[:]{}",
            a.map(decimal).unwrap_or_default(),
            b.map(decimal).unwrap_or_default()
        )),
    }
}

/// The accepted interval of a numeric key.
pub fn numeric_bounds(key: &NumericKey) -> (Option<f64>, Option<f64>) {
    match key.value {
        Some(v) => {
            let tolerance = key
                .absolute_tolerance
                .or(key.relative_tolerance.map(|r| r * v.abs()))
                .unwrap_or(0.0)
                .abs();
            (Some(v - tolerance), Some(v + tolerance))
        }
        None => (key.min, key.max),
    }
}

/// One entry of a `fill-in` list: one line, delimiters defused, no leading `{`, ≤ 250.
fn fill_in_entry(text: &str, element: &str, notices: &mut Vec<ScormNotice>) -> String {
    let folded = fold_whitespace(text);
    let defused = defuse_delimiters(&folded, element, notices);
    let braced = defuse_leading_brace(defused, element, notices);
    limit(braced, FILL_IN_SPM, element, notices)
}

/// The ids of `choices` that `pick` accepts, in authored order.
pub fn in_authored_order(choices: &[Choice], pick: impl Fn(&str) -> bool) -> Vec<&str> {
    choices
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| pick(id))
        .collect()
}

fn join(ids: Vec<&str>, map: impl Fn(&str) -> String) -> String {
    ids.into_iter().map(map).collect::<Vec<_>>().join("[,]")
}
