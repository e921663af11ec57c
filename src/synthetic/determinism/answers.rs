//! The answer log of a determinism case: a learner of seeded ability answers the form at
//! seeded times, in form order or not (free navigation), changing, clearing and revisiting
//! some answers, and stopping at the time limit when the case runs out of time.
//!
//! Each response starts from a simulated learner's ([`simulate_responses`]) and is then, with
//! small probabilities, replaced by a partly right one, a blank one (empty text, list or
//! object), or a right one written unusually: decomposed or re-cased Unicode, odd whitespace,
//! negative zero, integers beyond 2^53, subnormal and huge numbers, floats one ulp off a
//! tolerance edge, unsorted lists, cloze gaps in reverse key order. Every response is checked
//! with [`check_response`] and replaced by the key if the item would refuse it, so that the
//! log always replays.

use crate::assemble::SeededRng;
use crate::model::json::{Map, Number, Value};
use crate::model::{Gap, Interaction, Item, Navigation, NumericKey, Package};
use crate::score::check_response;
use crate::synthetic::distributions::normal;
use crate::synthetic::responses::{correct_response, wrong_response};
use crate::synthetic::simulate_responses;

use super::text::{respaced, ESSAYS, UNICODE_TERMS};
use super::{any_u64, CaseAnswer, CaseStart};

/// The answer log and the submit time.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerLog {
    pub answers: Vec<CaseAnswer>,
    pub submit_at: i64,
}

/// Pace: the most milliseconds between two answers, drawn per case.
const PACES: [i64; 5] = [0, 1_000, 15_000, 60_000, 240_000];

/// The log of a learner answering `form` (item ids in delivery order).
pub fn answer_log(
    rng: &mut SeededRng,
    package: &Package,
    form: &[String],
    start: &CaseStart,
) -> AnswerLog {
    let theta = match rng.below(6) {
        0 => -3.0,
        1 | 2 => 3.0,
        _ => normal(rng, 0.3, 1.2),
    };
    let ids: Vec<&str> = form.iter().map(String::as_str).collect();
    let base = simulate_responses(package, &ids, theta, any_u64(rng));
    let limit_ms = package
        .delivery
        .time_limit_seconds
        .map(|s| i64::try_from(s.saturating_mul(1000)).unwrap_or(i64::MAX));
    let deadline = limit_ms.map(|ms| start.now.saturating_add(ms));
    let run_out = deadline.is_some() && rng.below(4) == 0;
    // Steps per item, with room for changes and revisits.
    let steps = (form.len() as i64 * 3 / 2 + 2).max(1);
    let pace = match limit_ms {
        // Running out: on average the learner reaches the limit two thirds of the way.
        Some(ms) if run_out => (ms * 3 / steps).max(1),
        // Finishing in time: the whole log fits in half the limit.
        Some(ms) => PACES[rng.below(PACES.len())].min(ms / (2 * steps)),
        None => PACES[rng.below(PACES.len())],
    };
    let linear = package.delivery.navigation == Navigation::Linear;
    let mut order: Vec<&str> = ids.clone();
    if !linear && rng.below(3) == 0 {
        rng.shuffle(&mut order);
    }

    let mut log = Log {
        answers: Vec::new(),
        now: start.now,
        pace,
        deadline,
    };
    let mut revisits = Vec::new();
    for id in &order {
        let Some(item) = package.item(id) else {
            continue;
        };
        let last = final_response(rng, item, base.get(*id));
        if rng.below(10) == 0 {
            // Changed: first another answer, then the last one.
            let first = if rng.below(2) == 0 {
                correct_response(&item.interaction)
            } else {
                wrong_response(&item.interaction, rng)
            };
            if !log.give(rng, item, first) {
                break;
            }
        }
        let Some(value) = last else { continue };
        if !log.give(rng, item, value) {
            break;
        }
        let after = rng.below(25);
        // Cleared again (unanswered in the end).
        if after == 0 && !log.give(rng, item, Value::Null) {
            break;
        }
        // Revisited after the rest of the form (free navigation only).
        if after == 1 && !linear {
            revisits.push(item);
        }
    }
    for item in revisits {
        let value = final_response(rng, item, None).unwrap_or(Value::Null);
        if !log.give(rng, item, value) {
            break;
        }
    }

    let submit_at = match deadline {
        Some(d) if run_out => d.saturating_add(rng.below(3_600_001) as i64),
        // Exactly at the limit: the attempt counts as timed out.
        Some(d) if rng.below(20) == 0 => d,
        Some(d) => (log.now + rng.below(60_000) as i64).min(d - 1).max(log.now),
        None => log.now + rng.below(600_000) as i64,
    };
    AnswerLog {
        answers: log.answers,
        submit_at,
    }
}

/// The log being written, and the learner's clock.
struct Log {
    answers: Vec<CaseAnswer>,
    now: i64,
    pace: i64,
    deadline: Option<i64>,
}

impl Log {
    /// Give `value` to `item` after a pause. False (and nothing given) once the time is up.
    fn give(&mut self, rng: &mut SeededRng, item: &Item, value: Value) -> bool {
        let pause = if self.pace > 0 {
            (any_u64(rng) % (self.pace as u64 + 1)) as i64
        } else {
            0
        };
        let at = self.now.saturating_add(pause);
        if self.deadline.is_some_and(|d| at >= d) {
            return false;
        }
        self.now = at;
        let value = if value.is_null() || check_response(item, &value).is_ok() {
            value
        } else {
            correct_response(&item.interaction)
        };
        self.answers.push(CaseAnswer {
            item: item.id.clone(),
            response: value,
            at,
        });
        true
    }
}

/// The learner's last response to an item, `None` when it is left alone: the simulated one
/// (`base`, absent when omitted), or a partly right, unusual or blank one.
fn final_response(rng: &mut SeededRng, item: &Item, base: Option<&Value>) -> Option<Value> {
    // Numbers and typed text are where the targets could part ways: more unusual ones there.
    let unusual_share = match item.interaction {
        Interaction::Numeric { .. } | Interaction::TextEntry { .. } | Interaction::Cloze { .. } => {
            35
        }
        _ => 12,
    };
    match rng.below(100) {
        r if r < 12 => Some(partial(rng, item)),
        r if r < 12 + unusual_share => Some(unusual(rng, item, base)),
        r if r < 17 + unusual_share => blank(rng, item),
        _ => base.cloned(),
    }
}

fn strings(ids: &[&str]) -> Value {
    Value::Array(
        ids.iter()
            .map(|s| Value::String((*s).to_string()))
            .collect(),
    )
}

/// A response worth part of the points where the interaction gives partial credit, else a
/// wrong one.
fn partial(rng: &mut SeededRng, item: &Item) -> Value {
    match &item.interaction {
        Interaction::MultipleResponse {
            choices,
            keys,
            max_choices,
            ..
        } => {
            let mut picked: Vec<&str> = keys.iter().map(String::as_str).collect();
            let others: Vec<&str> = choices
                .iter()
                .map(|c| c.id.as_str())
                .filter(|id| !keys.iter().any(|k| k == id))
                .collect();
            let room = max_choices.is_none_or(|m| picked.len() < m);
            if picked.len() > 1 && (rng.below(2) == 0 || others.is_empty() || !room) {
                picked.remove(rng.below(picked.len()));
            } else if let Some(extra) = others.get(rng.below(others.len())).filter(|_| room) {
                picked.push(extra);
            }
            strings(&picked)
        }
        Interaction::Ordering { key, .. } if key.len() > 1 => {
            let mut order: Vec<&str> = key.iter().map(String::as_str).collect();
            let i = rng.below(order.len() - 1);
            order.swap(i, i + 1);
            strings(&order)
        }
        Interaction::Matching { targets, key, .. } if !key.is_empty() => {
            let mut pairs: Vec<(&str, &str)> =
                key.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
            let k = rng.below(pairs.len());
            if rng.below(2) == 0 || targets.len() < 2 {
                pairs.remove(k);
            } else if let Some((_, t)) = pairs.get_mut(k) {
                let other = targets
                    .iter()
                    .map(|c| c.id.as_str())
                    .find(|id| id != t)
                    .unwrap_or(t);
                *t = other;
            }
            Value::Array(pairs.iter().map(|(s, t)| strings(&[s, t])).collect())
        }
        Interaction::Cloze { gaps, .. } => {
            let right = rng.below(gaps.len().max(1));
            let correct = correct_response(&item.interaction);
            let wrong = wrong_response(&item.interaction, rng);
            let mut out = Map::new();
            for (k, gap) in gaps.iter().enumerate() {
                let source = if k == right { &correct } else { &wrong };
                let value = source.get(gap.id()).cloned().unwrap_or(Value::Null);
                out.insert(gap.id().to_string(), value);
            }
            Value::Object(out)
        }
        Interaction::TextEntry { answers, .. } if answers.len() > 1 => {
            Value::String(answers[answers.len() - 1].value.clone())
        }
        other => wrong_response(other, rng),
    }
}

/// A right (or nearly right) response written in an unusual way.
fn unusual(rng: &mut SeededRng, item: &Item, base: Option<&Value>) -> Value {
    let interaction = &item.interaction;
    match interaction {
        Interaction::TextEntry { answers, .. } => {
            Value::String(unusual_text(rng, answers.first().map_or("", |a| &a.value)))
        }
        Interaction::Cloze { gaps, .. } => {
            // Gaps listed in reverse order; text gaps typed unusually.
            let mut out = Map::new();
            for gap in gaps.iter().rev() {
                let value = match gap {
                    Gap::Text { answers, .. } => {
                        unusual_text(rng, answers.first().map_or("", |a| &a.value))
                    }
                    Gap::Choice { key, .. } => key.clone(),
                };
                out.insert(gap.id().to_string(), Value::String(value));
            }
            Value::Object(out)
        }
        Interaction::Numeric { key, .. } => unusual_number(rng, key),
        Interaction::MultipleResponse { keys, .. } => {
            let mut ids: Vec<&str> = keys.iter().map(String::as_str).collect();
            ids.reverse();
            strings(&ids)
        }
        Interaction::Matching { key, .. } => Value::Array(
            key.iter()
                .rev()
                .map(|(s, t)| strings(&[s.as_str(), t.as_str()]))
                .collect(),
        ),
        Interaction::ExtendedText { .. } => Value::String(ESSAYS[rng.below(2)].to_string()),
        _ => base
            .cloned()
            .unwrap_or_else(|| correct_response(interaction)),
    }
}

/// An accepted answer typed differently: one of its Unicode spellings or near misses, or
/// re-cased and re-spaced.
fn unusual_text(rng: &mut SeededRng, answer: &str) -> String {
    match UNICODE_TERMS.iter().find(|t| t.answer == answer) {
        Some(term) if rng.below(4) == 0 => term.near_miss.to_string(),
        Some(term) => term.same[rng.below(term.same.len())].to_string(),
        None => respaced(answer, rng),
    }
}

/// A number as a JSON float (`450.0` keeps its fraction part when written).
fn number(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// A number at or near the key, written unusually.
fn unusual_number(rng: &mut SeededRng, key: &NumericKey) -> Value {
    let target = match (key.value, key.min, key.max) {
        (Some(v), _, _) => v,
        (None, Some(lo), Some(hi)) => lo + (hi - lo) / 2.0,
        (None, lo, hi) => lo.or(hi).unwrap_or(0.0),
    };
    let edge = match (key.value, key.absolute_tolerance, key.relative_tolerance) {
        (Some(v), Some(t), _) => v + t,
        (Some(v), None, Some(r)) => v + r * v.abs(),
        (Some(v), None, None) => v,
        _ => key.max.unwrap_or(target),
    };
    match rng.below(11) {
        0 => number(-0.0),
        // The key as a float with a fraction part written out (`450.0`), or as an integer.
        1 => number(target),
        2 if target.fract() == 0.0 && target.abs() < 9.0e15 => {
            if target < 0.0 {
                Value::from(target as i64)
            } else {
                Value::from(target as u64)
            }
        }
        // At the tolerance edge, and one ulp beyond it.
        3 => number(edge),
        4 => number(f64::from_bits(edge.to_bits().wrapping_add(1))),
        // Integers JavaScript cannot hold exactly.
        5 => Value::from(12_345_678_901_234_567_890_u64),
        6 => Value::from(-9_007_199_254_740_993_i64),
        // Subnormal, huge, and the classic 0.1 + 0.2.
        7 => number(5e-324),
        8 => number(if rng.below(2) == 0 { 1e300 } else { -1.5e308 }),
        9 => number(0.1 + 0.2),
        _ => number(target * (1.0 + f64::EPSILON)),
    }
}

/// An empty response where the interaction has one (`""`, `[]`, `{}`, gaps given as null),
/// else nothing.
fn blank(rng: &mut SeededRng, item: &Item) -> Option<Value> {
    match &item.interaction {
        Interaction::MultipleResponse { .. } | Interaction::Matching { .. } => {
            Some(Value::Array(Vec::new()))
        }
        Interaction::Cloze { gaps, .. } => Some(Value::Object(if rng.below(2) == 0 {
            Map::new()
        } else {
            gaps.iter()
                .map(|g| (g.id().to_string(), Value::Null))
                .collect()
        })),
        Interaction::TextEntry { .. } => Some(Value::String(
            ["", "   ", "\u{3000}"][rng.below(3)].to_string(),
        )),
        Interaction::ExtendedText { .. } => Some(Value::String(ESSAYS[2].to_string())),
        _ => None,
    }
}
