//! Items as xAPI `cmi.interaction` activities: the `interactionType` for each of certa's nine
//! interaction kinds, the component lists (`choices`, `source`, `target`), the learner's
//! response in the spec's pattern format, and the `correctResponsesPattern` (left out by the
//! caller in secure mode).
//!
//! | certa kind        | interactionType | components       | response                    |
//! |-------------------|-----------------|------------------|-----------------------------|
//! | single_choice     | choice          | choices          | `b`                         |
//! | multiple_response | choice          | choices          | `a[,]c`                     |
//! | true_false        | true-false      | —                | `true`                      |
//! | text_entry        | fill-in         | —                | `the text`                  |
//! | numeric           | numeric         | —                | `42.5`                      |
//! | ordering          | sequencing      | choices          | `s2[,]s1[,]s3`              |
//! | matching          | matching        | source, target   | `s1[.]t2[,]s2[.]t1`         |
//! | cloze             | fill-in         | —                | one entry per gap, in order |
//! | extended_text     | long-fill-in    | —                | `the essay`                 |
//!
//! Lists are written in the item's own order (choices as authored, matching pairs by source
//! then target), never the learner's shuffled display order, so that equal responses give
//! equal strings. A cloze gap answered with an inline choice contributes the choice id; an
//! unanswered gap contributes an empty entry.

use super::export_error::ExportError;
use super::xapi_format::{decimal, excerpt, plain_text};
use super::xapi_statement::{ActivityDefinition, InteractionComponent, LanguageMap};
use crate::model::json::Value;
use crate::model::{AcceptedAnswer, Choice, Gap, Interaction, Item, NumericKey};
use crate::score::cloze::gap_shares;
use crate::score::response::{parse_response, Response};
use crate::score::text::clamp_points;
use crate::sorted_map::SortedSet;
use crate::stable_sort;

/// Activity type of interaction activities.
pub const CMI_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// Most alternatives a cloze's correct responses pattern lists (one per combination of
/// accepted gap answers); beyond it the pattern is left out, since xAPI discourages a
/// non-exhaustive one.
pub const MAX_CLOZE_PATTERNS: usize = 64;

/// Longest activity name, in characters (the full stem goes in the description).
const NAME_CHARS: usize = 80;

/// Relative slack when judging whether an answer's points are full credit.
const FULL_CREDIT_SLACK: f64 = 1e-9;

/// The `interactionType` of an item.
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

/// The activity definition of an item: name and description from its text, the
/// interaction type, its component lists, and (when `with_key`) the correct responses.
pub fn interaction_definition(item: &Item, language: &str, with_key: bool) -> ActivityDefinition {
    let text = item_text(item);
    let name = if text.is_empty() {
        item.id.clone()
    } else {
        excerpt(&text, NAME_CHARS)
    };
    let mut definition = ActivityDefinition {
        name: Some(language_map(language, name)),
        description: (!text.is_empty()).then(|| language_map(language, text)),
        activity_type: Some(CMI_INTERACTION.to_string()),
        interaction_type: Some(interaction_type(&item.interaction).to_string()),
        ..ActivityDefinition::default()
    };
    match &item.interaction {
        Interaction::SingleChoice { choices, .. }
        | Interaction::MultipleResponse { choices, .. }
        | Interaction::Ordering { choices, .. } => {
            definition.choices = Some(components(choices, language));
        }
        Interaction::Matching {
            sources, targets, ..
        } => {
            definition.source = Some(components(sources, language));
            definition.target = Some(components(targets, language));
        }
        _ => {}
    }
    if with_key {
        definition.correct_responses_pattern = correct_responses(item);
    }
    definition
}

/// The learner's response in the pattern format of the item's interaction type. `None` for
/// JSON null (unanswered). A response of the wrong shape is an error naming the item.
pub fn response_pattern(item: &Item, value: &Value) -> Result<Option<String>, ExportError> {
    let parsed = parse_response(item, value).map_err(|err| ExportError::BadResponse {
        item_id: item.id.clone(),
        message: err.to_string(),
    })?;
    let Some(parsed) = parsed else {
        return Ok(None);
    };
    let text = match (&item.interaction, parsed) {
        (_, Response::SingleChoice(id)) => id.to_string(),
        (Interaction::MultipleResponse { choices, .. }, Response::MultipleResponse(selected)) => {
            let ids: Vec<&str> = choices
                .iter()
                .map(|c| c.id.as_str())
                .filter(|id| selected.contains(id))
                .collect();
            ids.join("[,]")
        }
        (_, Response::TrueFalse(given)) => given.to_string(),
        (_, Response::TextEntry(text)) | (_, Response::ExtendedText(text)) => text.to_string(),
        (_, Response::Numeric(x)) => format!("{x}"),
        (_, Response::Ordering(order)) => order.join("[,]"),
        (
            Interaction::Matching {
                sources, targets, ..
            },
            Response::Matching(pairs),
        ) => {
            let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
            matching_pattern(sources, targets, &pairs)
        }
        (Interaction::Cloze { gaps, .. }, Response::Cloze(answers)) => {
            let entries: Vec<&str> = gaps
                .iter()
                .map(|g| answers.get(g.id()).copied().unwrap_or(""))
                .collect();
            entries.join("[,]")
        }
        // parse_response types each response by the item's own interaction.
        _ => {
            return Err(ExportError::BadResponse {
                item_id: item.id.clone(),
                message: "the response does not fit this interaction".into(),
            })
        }
    };
    Ok(Some(text))
}

/// The item's correct responses: every response worth full points, as patterns. `None` when
/// there is no key (extended text) or the list would not be exhaustive (see the module docs).
pub fn correct_responses(item: &Item) -> Option<Vec<String>> {
    let full = item.points;
    match &item.interaction {
        Interaction::SingleChoice { key, .. } => Some(vec![key.clone()]),
        Interaction::MultipleResponse { choices, keys, .. } => {
            let ids: Vec<&str> = choices
                .iter()
                .map(|c| c.id.as_str())
                .filter(|id| keys.iter().any(|k| k == id))
                .collect();
            Some(vec![ids.join("[,]")])
        }
        Interaction::TrueFalse { key } => Some(vec![key.to_string()]),
        Interaction::TextEntry {
            answers,
            case_sensitive,
            ..
        } => {
            let prefix = if *case_sensitive {
                "{case_matters=true}"
            } else {
                ""
            };
            let patterns: Vec<String> = full_credit(answers, full)
                .into_iter()
                .map(|value| format!("{prefix}{value}"))
                .collect();
            (!patterns.is_empty()).then_some(patterns)
        }
        Interaction::Numeric { key, .. } => numeric_pattern(key).map(|p| vec![p]),
        Interaction::Ordering { key, .. } => Some(vec![key.join("[,]")]),
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => {
            let pairs: Vec<(&str, &str)> =
                key.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
            Some(vec![matching_pattern(sources, targets, &pairs)])
        }
        Interaction::Cloze { gaps, .. } => cloze_patterns(gaps, full),
        Interaction::ExtendedText { .. } => None,
    }
}

/// The stem as text; a cloze adds its text with each gap shown as `___`.
fn item_text(item: &Item) -> String {
    let stem = plain_text(&item.stem);
    let Interaction::Cloze { text, gaps } = &item.interaction else {
        return stem;
    };
    let mut body = text.clone();
    for gap in gaps {
        body = body.replace(&format!("{{{{{}}}}}", gap.id()), " ___ ");
    }
    let body = plain_text(&body);
    match (stem.is_empty(), body.is_empty()) {
        (_, true) => stem,
        (true, false) => body,
        (false, false) => format!("{stem} {body}"),
    }
}

fn language_map(language: &str, text: String) -> LanguageMap {
    LanguageMap::from([(language.to_string(), text)])
}

fn components(choices: &[Choice], language: &str) -> Vec<InteractionComponent> {
    choices
        .iter()
        .map(|c| {
            let text = plain_text(&c.content);
            InteractionComponent {
                id: c.id.clone(),
                description: (!text.is_empty()).then(|| language_map(language, text)),
            }
        })
        .collect()
}

/// Pairs as `s[.]t[,]…`, ordered by the source's then the target's position in the item.
fn matching_pattern(sources: &[Choice], targets: &[Choice], pairs: &[(&str, &str)]) -> String {
    let position = |list: &[Choice], id: &str| list.iter().position(|c| c.id == id);
    let mut sorted: Vec<(&str, &str)> = pairs.to_vec();
    stable_sort::sort_by_key(&mut sorted, |(s, t)| {
        (position(sources, s), position(targets, t), *s, *t)
    });
    sorted
        .iter()
        .map(|(s, t)| format!("{s}[.]{t}"))
        .collect::<Vec<_>>()
        .join("[,]")
}

/// `value`, `low[:]high` (a value with a tolerance, or a range), `low[:]` or `[:]high`.
fn numeric_pattern(key: &NumericKey) -> Option<String> {
    let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
    if let Some(v) = finite(key.value) {
        let tolerance = match (
            finite(key.absolute_tolerance),
            finite(key.relative_tolerance),
        ) {
            (Some(t), _) => t.max(0.0),
            (None, Some(r)) => r.max(0.0) * v.abs(),
            (None, None) => 0.0,
        };
        return Some(if tolerance > 0.0 {
            format!("{}[:]{}", decimal(v - tolerance), decimal(v + tolerance))
        } else {
            decimal(v)
        });
    }
    match (finite(key.min), finite(key.max)) {
        (None, None) => None,
        (lo, hi) => Some(format!(
            "{}[:]{}",
            lo.map(decimal).unwrap_or_default(),
            hi.map(decimal).unwrap_or_default()
        )),
    }
}

/// The accepted answers worth full points (`full`), in the author's order, without repeats.
fn full_credit(answers: &[AcceptedAnswer], full: f64) -> Vec<String> {
    let slack = FULL_CREDIT_SLACK * full.abs().max(1.0);
    let mut out: Vec<String> = Vec::new();
    for answer in answers {
        let points = clamp_points(answer.points.unwrap_or(full), full);
        if points >= full - slack && !out.contains(&answer.value) {
            out.push(answer.value.clone());
        }
    }
    out
}

/// Every combination of full-credit gap answers, when all text gaps agree on case
/// sensitivity and there are at most [`MAX_CLOZE_PATTERNS`] combinations.
fn cloze_patterns(gaps: &[Gap], full: f64) -> Option<Vec<String>> {
    let mut case_flags = gaps.iter().filter_map(|g| match g {
        Gap::Text { case_sensitive, .. } => Some(*case_sensitive),
        Gap::Choice { .. } => None,
    });
    let first = case_flags.next();
    if case_flags.any(|flag| Some(flag) != first) {
        return None;
    }
    let mut combinations: Vec<Vec<String>> = vec![Vec::new()];
    for (gap, share) in gaps.iter().zip(gap_shares(gaps, full)) {
        let options = match gap {
            Gap::Text { answers, .. } => full_credit(answers, share),
            Gap::Choice { key, .. } => vec![key.clone()],
        };
        if options.is_empty() || combinations.len() * options.len() > MAX_CLOZE_PATTERNS {
            return None;
        }
        combinations = combinations
            .iter()
            .flat_map(|prefix| {
                options.iter().map(move |option| {
                    let mut next = prefix.clone();
                    next.push(option.clone());
                    next
                })
            })
            .collect();
    }
    let prefix = if first == Some(true) {
        "{case_matters=true}"
    } else {
        ""
    };
    let mut seen = SortedSet::new();
    let mut out = Vec::new();
    for combination in combinations {
        let pattern = format!("{prefix}{}", combination.join("[,]"));
        if seen.insert(pattern.clone()) {
            out.push(pattern);
        }
    }
    Some(out)
}
