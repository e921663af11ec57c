//! Selected-response scoring: single choice, multiple response (all-or-nothing, per-option,
//! right-minus-wrong) and true/false. Each function returns the points earned before negative
//! marking, within [0, full].

use crate::model::{Choice, MultipleResponseRule};
use crate::sorted_map::SortedSet;

/// The key earns `full`, any other choice 0.
pub fn score_single(key: &str, chosen: &str, full: f64) -> f64 {
    if chosen == key {
        full
    } else {
        0.0
    }
}

/// True/false: the keyed judgement earns `full`.
pub fn score_true_false(key: bool, given: bool, full: f64) -> f64 {
    if given == key {
        full
    } else {
        0.0
    }
}

/// Multiple response by `rule`:
/// - all-or-nothing: `full` when the selection is exactly the keyed choices;
/// - per-option: `full × judged right / choices`, where a selected key and an unselected
///   non-key are both judged right;
/// - right-minus-wrong: `full × (keys selected − non-keys selected) / keys`, floored at 0.
///
/// Keys that name no choice are ignored; with no usable key nothing is earned.
pub fn score_multiple(
    choices: &[Choice],
    keys: &[String],
    rule: MultipleResponseRule,
    selected: &SortedSet<&str>,
    full: f64,
) -> f64 {
    let keyed: SortedSet<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|k| choices.iter().any(|c| c.id == *k))
        .collect();
    if keyed.is_empty() || choices.is_empty() {
        return 0.0;
    }
    let keys_selected = selected.iter().filter(|id| keyed.contains(*id)).count();
    let others_selected = selected.len().saturating_sub(keys_selected);
    match rule {
        MultipleResponseRule::AllOrNothing => {
            if keys_selected == keyed.len() && others_selected == 0 {
                full
            } else {
                0.0
            }
        }
        MultipleResponseRule::PerOption => {
            let judged_right = choices
                .iter()
                .filter(|c| keyed.contains(c.id.as_str()) == selected.contains(c.id.as_str()))
                .count();
            full * judged_right as f64 / choices.len() as f64
        }
        MultipleResponseRule::RightMinusWrong => {
            let net = keys_selected as f64 - others_selected as f64;
            (full * net / keyed.len() as f64).max(0.0)
        }
    }
}
