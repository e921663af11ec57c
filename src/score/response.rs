//! Responses as typed values: a learner's JSON answer checked against the item's interaction
//! (shape, and that every id it names is real) and turned into a [`Response`] that borrows
//! from the JSON. A misfit is a [`ScoreError::WrongShape`] that names the item and says what
//! is wrong; it is never scored as a silent zero.

use super::error::ScoreError;
use super::text::char_count_nfc;
use crate::model::json::Value;
use crate::model::{Choice, Gap, Interaction, Item};
use crate::sorted_map::{SortedMap, SortedSet};

/// Longest quoted excerpt of a learner's value in an error message.
const EXCERPT_CHARS: usize = 40;

/// A response of the right shape for its item. JSON null (unanswered) has no `Response`.
#[derive(Debug, Clone, PartialEq)]
pub enum Response<'a> {
    /// The chosen choice id.
    SingleChoice(&'a str),
    /// The selected choice ids (no duplicates; may be empty).
    MultipleResponse(SortedSet<&'a str>),
    TrueFalse(bool),
    TextEntry(&'a str),
    /// A finite number.
    Numeric(f64),
    /// Every step id exactly once, in the learner's order.
    Ordering(Vec<&'a str>),
    /// Distinct `(source, target)` pairs.
    Matching(SortedSet<(&'a str, &'a str)>),
    /// Answered gaps: gap id → text or choice id. Gaps given as null are left out.
    Cloze(SortedMap<&'a str, &'a str>),
    ExtendedText(&'a str),
}

/// Check `value` against the item and type it. `Ok(None)` means unanswered (JSON null).
pub fn parse_response<'a>(
    item: &Item,
    value: &'a Value,
) -> Result<Option<Response<'a>>, ScoreError> {
    if value.is_null() {
        return Ok(None);
    }
    let fail = |problem: String| wrong_shape(item, problem);
    let response = match &item.interaction {
        Interaction::SingleChoice { choices, .. } => {
            let id = value.as_str().ok_or_else(|| fail(found(value)))?;
            require_choice(choices, id, "choice").map_err(fail)?;
            Response::SingleChoice(id)
        }
        Interaction::MultipleResponse {
            choices,
            max_choices,
            ..
        } => {
            let list = value.as_array().ok_or_else(|| fail(found(value)))?;
            let mut selected = SortedSet::new();
            for (i, entry) in list.iter().enumerate() {
                let id = entry
                    .as_str()
                    .ok_or_else(|| fail(format!("entry {i}: {}", found(entry))))?;
                require_choice(choices, id, "choice").map_err(fail)?;
                if !selected.insert(id) {
                    return Err(fail(format!("{} is selected twice", quote(id))));
                }
            }
            if let Some(max) = max_choices {
                if selected.len() > *max {
                    return Err(fail(format!(
                        "{} choices are selected but at most {max} may be",
                        selected.len()
                    )));
                }
            }
            Response::MultipleResponse(selected)
        }
        Interaction::TrueFalse { .. } => {
            Response::TrueFalse(value.as_bool().ok_or_else(|| fail(found(value)))?)
        }
        Interaction::TextEntry { max_length, .. } => {
            let text = value.as_str().ok_or_else(|| fail(found(value)))?;
            check_length(text, *max_length).map_err(fail)?;
            Response::TextEntry(text)
        }
        Interaction::Numeric { .. } => {
            let number = match value {
                Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
                _ => None,
            };
            Response::Numeric(number.ok_or_else(|| fail(found(value)))?)
        }
        Interaction::Ordering { choices, .. } => {
            Response::Ordering(parse_ordering(choices, value).map_err(fail)?)
        }
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => Response::Matching(parse_matching(sources, targets, key, value).map_err(fail)?),
        Interaction::Cloze { gaps, .. } => Response::Cloze(parse_cloze(gaps, value).map_err(fail)?),
        Interaction::ExtendedText { max_length, .. } => {
            let text = value.as_str().ok_or_else(|| fail(found(value)))?;
            check_length(text, *max_length).map_err(fail)?;
            Response::ExtendedText(text)
        }
    };
    Ok(Some(response))
}

/// The `WrongShape` error for this item.
fn wrong_shape(item: &Item, problem: String) -> ScoreError {
    let kind = item.interaction.kind();
    ScoreError::WrongShape {
        item_id: item.id.clone(),
        kind,
        expected: kind.expected_response(),
        problem,
    }
}

fn require_choice(choices: &[Choice], id: &str, what: &str) -> Result<(), String> {
    if choices.iter().any(|c| c.id == id) {
        Ok(())
    } else {
        Err(format!("{} names no {what}", quote(id)))
    }
}

fn check_length(text: &str, max_length: Option<usize>) -> Result<(), String> {
    if let Some(max) = max_length {
        let n = char_count_nfc(text);
        if n > max {
            return Err(format!(
                "the text has {n} characters, more than the {max} allowed"
            ));
        }
    }
    Ok(())
}

fn parse_ordering<'a>(choices: &[Choice], value: &'a Value) -> Result<Vec<&'a str>, String> {
    let list = value.as_array().ok_or_else(|| found(value))?;
    let mut order = Vec::with_capacity(list.len().min(choices.len()));
    let mut seen = SortedSet::new();
    for (i, entry) in list.iter().enumerate() {
        let id = entry
            .as_str()
            .ok_or_else(|| format!("entry {i}: {}", found(entry)))?;
        require_choice(choices, id, "step")?;
        if !seen.insert(id) {
            return Err(format!("step {} is listed twice", quote(id)));
        }
        order.push(id);
    }
    if let Some(missing) = choices.iter().find(|c| !seen.contains(c.id.as_str())) {
        return Err(format!("step {} is missing", quote(&missing.id)));
    }
    Ok(order)
}

/// How many targets one source may take in a response: as many as the key pairs it with, and
/// at least one. A one-to-one matching item thus takes one target per source, so a learner
/// cannot collect every correct pair by pairing each source with every target.
pub fn targets_per_source(key: &[(String, String)]) -> usize {
    let mut per_source: SortedMap<&str, usize> = SortedMap::new();
    for (s, _) in key {
        *per_source.entry(s.as_str()).or_default() += 1;
    }
    per_source.values().copied().max().unwrap_or(1).max(1)
}

fn parse_matching<'a>(
    sources: &[Choice],
    targets: &[Choice],
    key: &[(String, String)],
    value: &'a Value,
) -> Result<SortedSet<(&'a str, &'a str)>, String> {
    let list = value.as_array().ok_or_else(|| found(value))?;
    let limit = targets_per_source(key);
    let mut pairs = SortedSet::new();
    let mut per_source: SortedMap<&str, usize> = SortedMap::new();
    for (i, entry) in list.iter().enumerate() {
        let pair = match entry.as_array().map(Vec::as_slice) {
            Some([Value::String(s), Value::String(t)]) => (s.as_str(), t.as_str()),
            _ => return Err(format!("entry {i}: {}", found(entry))),
        };
        require_choice(sources, pair.0, "source").map_err(|e| format!("entry {i}: {e}"))?;
        require_choice(targets, pair.1, "target").map_err(|e| format!("entry {i}: {e}"))?;
        if !pairs.insert(pair) {
            return Err(format!(
                "pair [{}, {}] is given twice",
                quote(pair.0),
                quote(pair.1)
            ));
        }
        let count = per_source.entry(pair.0).or_default();
        *count += 1;
        if *count > limit {
            return Err(format!(
                "source {} is matched {} times; it takes at most {limit} target(s)",
                quote(pair.0),
                *count
            ));
        }
    }
    Ok(pairs)
}

fn parse_cloze<'a>(gaps: &[Gap], value: &'a Value) -> Result<SortedMap<&'a str, &'a str>, String> {
    let object = value.as_object().ok_or_else(|| found(value))?;
    let mut answers = SortedMap::new();
    for (gap_id, entry) in object {
        let gap = gaps
            .iter()
            .find(|g| g.id() == gap_id)
            .ok_or_else(|| format!("{} names no gap", quote(gap_id)))?;
        if entry.is_null() {
            continue;
        }
        let text = entry
            .as_str()
            .ok_or_else(|| format!("gap {}: {}", quote(gap_id), found(entry)))?;
        if let Gap::Choice { choices, .. } = gap {
            require_choice(choices, text, "choice of this gap")
                .map_err(|e| format!("gap {}: {e}", quote(gap_id)))?;
        }
        answers.insert(gap_id.as_str(), text);
    }
    Ok(answers)
}

/// `"abc"`, cut to a readable length.
fn quote(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// What the learner gave, in words: `found a number`, `found the string "x"`.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "found null".to_string(),
        Value::Bool(b) => format!("found {b}"),
        Value::Number(n) => format!("found the number {n}"),
        Value::String(s) => format!("found the string {}", quote(s)),
        Value::Array(a) => format!("found an array of {} entries", a.len()),
        Value::Object(o) => format!("found an object with {} keys", o.len()),
    }
}
