//! Simulated learners: responses of the right JSON shape for every interaction kind, right or
//! wrong with the probability the item's IRT model gives at θ, plus abilities and dichotomous
//! response matrices for ability-estimation benchmarks.
//!
//! Two draws decide each item (omitted? correct?) from one stream, and the content of a wrong
//! answer comes from another, so for one seed a higher θ answers correctly a superset of the
//! items a lower θ does (common random numbers).

use std::collections::BTreeMap;

use crate::assemble::SeededRng;
use crate::model::json::{Number, Value};
use crate::model::{AcceptedAnswer, Gap, Interaction, IrtParameters, Item, NumericKey, Package};
use crate::sorted_map::SortedMap;

use super::distributions::standard_normal;
use super::streams::{purpose_rng, Purpose};

/// Share of items a simulated learner leaves unanswered.
pub const OMISSION_RATE: f64 = 0.02;

/// Wrong short answers a simulated learner types, tried in order until one is not accepted.
const WRONG_TEXTS: [&str; 4] = ["not sure", "default settings", "none", "firewall"];

/// P(correct) under the 3PL model on the logistic metric (D = 1); 2PL when `c` is absent.
pub fn probability_correct(irt: &IrtParameters, theta: f64) -> f64 {
    let c = irt.c.unwrap_or(0.0);
    c + (1.0 - c) / (1.0 + libm::exp(-irt.a * (theta - irt.b)))
}

/// P(correct) for an item: its IRT model, or, without parameters, 0.5 at θ = 0 rising
/// towards 0.95 (and falling towards 0.05) with θ.
fn item_probability(item: &Item, theta: f64) -> f64 {
    match &item.irt {
        Some(irt) => probability_correct(irt, theta),
        None => 0.05 + 0.9 / (1.0 + libm::exp(-theta)),
    }
}

/// Responses of a learner of ability `theta` to the listed items, keyed by item id. About 2%
/// are omitted (no entry); the rest are the key, or a wrong answer of the right shape, with
/// the item's probability of a correct answer. Ids the package does not hold are skipped.
/// Extended text items always get an essay (they are graded by hand).
pub fn simulate_responses(
    package: &Package,
    item_ids: &[&str],
    theta: f64,
    seed: u64,
) -> SortedMap<String, Value> {
    let by_id: BTreeMap<&str, &Item> = package.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut decide = purpose_rng(seed, Purpose::Responses);
    let mut wrong = purpose_rng(seed, Purpose::WrongAnswers);
    let mut out = SortedMap::new();
    for id in item_ids {
        let Some(item) = by_id.get(id) else { continue };
        let omitted = decide.unit() < OMISSION_RATE;
        let correct = decide.unit() < item_probability(item, theta);
        if omitted {
            continue;
        }
        let value = if correct {
            correct_response(&item.interaction)
        } else {
            wrong_response(&item.interaction, &mut wrong)
        };
        out.insert((*id).to_string(), value);
    }
    out
}

/// `n` abilities drawn from N(0, 1).
pub fn simulate_thetas(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = purpose_rng(seed, Purpose::Thetas);
    (0..n).map(|_| standard_normal(&mut rng)).collect()
}

/// One right/wrong vector per θ over `items`, each entry correct with the model probability.
pub fn simulate_dichotomous(items: &[IrtParameters], thetas: &[f64], seed: u64) -> Vec<Vec<bool>> {
    let mut rng = purpose_rng(seed, Purpose::Dichotomous);
    thetas
        .iter()
        .map(|theta| {
            items
                .iter()
                .map(|p| rng.unit() < probability_correct(p, *theta))
                .collect()
        })
        .collect()
}

fn strings(ids: &[String]) -> Value {
    Value::Array(ids.iter().map(|s| Value::String(s.clone())).collect())
}

fn number(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Number(Number::from(0_u64)), Value::Number)
}

/// The accepted answer worth the most (the first on ties).
fn best_answer(answers: &[AcceptedAnswer]) -> String {
    let mut best: Option<&AcceptedAnswer> = None;
    for a in answers {
        let pts = a.points.unwrap_or(f64::INFINITY);
        if best.is_none_or(|b| pts > b.points.unwrap_or(f64::INFINITY)) {
            best = Some(a);
        }
    }
    best.map(|a| a.value.clone()).unwrap_or_default()
}

/// A short answer no accepted answer matches (ignoring case and surrounding space).
fn wrong_text(answers: &[AcceptedAnswer], max_length: Option<usize>) -> String {
    let accepted = |t: &str| {
        answers
            .iter()
            .any(|a| a.value.trim().to_lowercase() == t.to_lowercase())
    };
    let text = WRONG_TEXTS
        .iter()
        .find(|t| !accepted(t))
        .map_or_else(|| "unknown answer".to_string(), |t| t.to_string());
    match max_length {
        Some(m) => text.chars().take(m).collect(),
        None => text,
    }
}

/// A number the key does not accept: beyond twice the tolerance, or outside the range.
fn wrong_number(key: &NumericKey, rng: &mut SeededRng) -> f64 {
    let offset = 1.0 + rng.below(10) as f64;
    let sign = if rng.below(2) == 0 { 1.0 } else { -1.0 };
    match (key.value, key.min, key.max) {
        (Some(v), _, _) => {
            let tolerance = key
                .absolute_tolerance
                .or(key.relative_tolerance.map(|r| r * v.abs()))
                .unwrap_or(0.0);
            v + sign * (2.0 * tolerance.abs() + offset)
        }
        (None, Some(lo), Some(hi)) => {
            let width = (hi - lo).abs();
            if sign > 0.0 {
                hi + width + offset
            } else {
                lo - width - offset
            }
        }
        _ => offset,
    }
}

/// The keyed response of an interaction.
pub(crate) fn correct_response(interaction: &Interaction) -> Value {
    match interaction {
        Interaction::SingleChoice { key, .. } => Value::String(key.clone()),
        Interaction::MultipleResponse { keys, .. } => strings(keys),
        Interaction::TrueFalse { key } => Value::Bool(*key),
        Interaction::TextEntry { answers, .. } => Value::String(best_answer(answers)),
        Interaction::Numeric { key, .. } => {
            let v = match (key.value, key.min, key.max) {
                (Some(v), _, _) => v,
                (None, Some(lo), Some(hi)) => lo + (hi - lo) / 2.0,
                (None, lo, hi) => lo.or(hi).unwrap_or(0.0),
            };
            number(v)
        }
        Interaction::Ordering { key, .. } => strings(key),
        Interaction::Matching { key, .. } => Value::Array(
            key.iter()
                .map(|(s, t)| strings(&[s.clone(), t.clone()]))
                .collect(),
        ),
        Interaction::Cloze { gaps, .. } => Value::Object(
            gaps.iter()
                .map(|g| {
                    let v = match g {
                        Gap::Text { answers, .. } => best_answer(answers),
                        Gap::Choice { key, .. } => key.clone(),
                    };
                    (g.id().to_string(), Value::String(v))
                })
                .collect(),
        ),
        Interaction::ExtendedText { .. } => Value::String(essay()),
    }
}

fn essay() -> String {
    "I would start from the incident timeline, collect the relevant logs, compare the \
     configuration against the baseline, and record the follow-up actions with owners."
        .to_string()
}

/// A choice id other than `key`, or `key` itself when there is no other.
fn other_choice<'a>(ids: impl Iterator<Item = &'a str>, key: &str, rng: &mut SeededRng) -> String {
    let others: Vec<&str> = ids.filter(|id| *id != key).collect();
    match others.get(rng.below(others.len())) {
        Some(id) => (*id).to_string(),
        None => key.to_string(),
    }
}

/// A wrong response of the right shape. When an interaction admits no wrong answer of its
/// shape (a one-step ordering), the keyed response is given.
pub(crate) fn wrong_response(interaction: &Interaction, rng: &mut SeededRng) -> Value {
    match interaction {
        Interaction::SingleChoice { choices, key, .. } => Value::String(other_choice(
            choices.iter().map(|c| c.id.as_str()),
            key,
            rng,
        )),
        Interaction::MultipleResponse {
            choices,
            keys,
            max_choices,
            ..
        } => {
            let mut picked: Vec<String> = keys.clone();
            let non_keys: Vec<&str> = choices
                .iter()
                .map(|c| c.id.as_str())
                .filter(|id| !keys.iter().any(|k| k == id))
                .collect();
            // Drop a key (when that leaves a key, or no distractor can be added) and/or add
            // a distractor; at least one of the two always happens.
            let can_add = !non_keys.is_empty();
            let drop = !picked.is_empty() && (!can_add || (picked.len() > 1 && rng.below(2) == 0));
            if drop {
                let k = rng.below(picked.len());
                picked.remove(k);
            }
            if can_add && (!drop || rng.below(2) == 0) {
                if let Some(id) = non_keys.get(rng.below(non_keys.len())) {
                    picked.push((*id).to_string());
                }
            }
            // Never select more than the item allows: drop keys (listed first) instead.
            if let Some(max) = max_choices {
                while picked.len() > *max && picked.len() > 1 {
                    picked.remove(0);
                }
            }
            strings(&picked)
        }
        Interaction::TrueFalse { key } => Value::Bool(!*key),
        Interaction::TextEntry {
            answers,
            max_length,
            ..
        } => Value::String(wrong_text(answers, *max_length)),
        Interaction::Numeric { key, .. } => number(wrong_number(key, rng)),
        Interaction::Ordering { key, .. } => {
            let mut order = key.clone();
            order.reverse();
            strings(&order)
        }
        Interaction::Matching { targets, key, .. } => Value::Array(
            key.iter()
                .map(|(s, t)| {
                    let other = other_choice(targets.iter().map(|c| c.id.as_str()), t, rng);
                    strings(&[s.clone(), other])
                })
                .collect(),
        ),
        Interaction::Cloze { gaps, .. } => Value::Object(
            gaps.iter()
                .map(|g| {
                    let v = match g {
                        Gap::Text { answers, .. } => wrong_text(answers, None),
                        Gap::Choice { choices, key, .. } => {
                            other_choice(choices.iter().map(|c| c.id.as_str()), key, rng)
                        }
                    };
                    (g.id().to_string(), Value::String(v))
                })
                .collect(),
        ),
        Interaction::ExtendedText { .. } => Value::String(essay()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_pl_probability_has_the_right_shape() {
        let p = IrtParameters {
            a: 1.2,
            b: 0.5,
            c: Some(0.2),
        };
        assert!((probability_correct(&p, 0.5) - 0.6).abs() < 1e-12);
        assert!(probability_correct(&p, -8.0) < 0.2001);
        assert!(probability_correct(&p, 8.0) > 0.9999);
        let two_pl = IrtParameters { c: None, ..p };
        assert!((probability_correct(&two_pl, 0.5) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn wrong_numbers_fall_outside_the_key() {
        let mut rng = purpose_rng(1, Purpose::WrongAnswers);
        let abs = NumericKey {
            value: Some(100.0),
            absolute_tolerance: Some(0.5),
            ..NumericKey::default()
        };
        let rel = NumericKey {
            value: Some(100.0),
            relative_tolerance: Some(0.02),
            ..NumericKey::default()
        };
        let range = NumericKey {
            min: Some(95.0),
            max: Some(105.0),
            ..NumericKey::default()
        };
        for _ in 0..50 {
            assert!((wrong_number(&abs, &mut rng) - 100.0).abs() > 0.5);
            assert!((wrong_number(&rel, &mut rng) - 100.0).abs() > 2.0);
            let r = wrong_number(&range, &mut rng);
            assert!(!(95.0..=105.0).contains(&r), "{r}");
        }
    }

    #[test]
    fn wrong_text_avoids_accepted_answers() {
        let answers = vec![AcceptedAnswer {
            value: "Not Sure".into(),
            points: None,
        }];
        assert_eq!(wrong_text(&answers, None), "default settings");
        assert_eq!(wrong_text(&answers, Some(3)), "def");
    }
}
