//! Choice order: the display order of each item's choices, ordering steps, matching sources and
//! targets, and inline-choice cloze gaps, drawn from the choice-order stream.
//!
//! A list is shuffled when the blueprint's `shuffle_choices` and the interaction's `shuffle`
//! allow it; pinned choices keep their index. Ordering steps are always shuffled (their order
//! is the question), and never delivered in their authored order when at least two steps are
//! free to move: a shuffle that lands on the authored order is redrawn, and after a few
//! redraws the first two free steps are swapped, so the result stays deterministic.
//!
//! The rule looks at the authored order, never at the key: a secure delivery copy has no key,
//! and must draw exactly the same orders as the full package, or the backend could not
//! re-derive the form the learner saw. Authors list steps in their correct order (the usual
//! way, and what the importers write), so the solved order is never shown; steps authored out
//! of order can come up solved with probability 1/n!. Lists that are not shuffled are still
//! given, in authored order, so the player never has to guess.

use crate::model::{Choice, Gap, Interaction, Item};
use crate::sorted_map::SortedMap;

use super::form::FormItem;
use super::random::SeededRng;

/// Redraws of an ordering shuffle that landed on the authored order before swapping two steps.
const REDRAWS: usize = 8;

/// The presentation of one item on the form.
pub(crate) fn present(item: &Item, shuffle_choices: bool, rng: &mut SeededRng) -> FormItem {
    let mut out = FormItem {
        item_id: item.id.clone(),
        choice_order: Vec::new(),
        target_order: Vec::new(),
        gap_orders: SortedMap::new(),
    };
    match &item.interaction {
        Interaction::SingleChoice {
            choices, shuffle, ..
        }
        | Interaction::MultipleResponse {
            choices, shuffle, ..
        } => {
            out.choice_order = permute(choices, shuffle_choices && *shuffle, rng);
        }
        Interaction::Ordering { choices, .. } => {
            out.choice_order = ordering(choices, rng);
        }
        Interaction::Matching {
            sources,
            targets,
            shuffle,
            ..
        } => {
            let allowed = shuffle_choices && *shuffle;
            out.choice_order = permute(sources, allowed, rng);
            out.target_order = permute(targets, allowed, rng);
        }
        Interaction::Cloze { gaps, .. } => {
            for gap in gaps {
                if let Gap::Choice {
                    id,
                    choices,
                    shuffle,
                    ..
                } = gap
                {
                    let order = permute(choices, shuffle_choices && *shuffle, rng);
                    out.gap_orders.insert(id.clone(), order);
                }
            }
        }
        Interaction::TrueFalse { .. }
        | Interaction::TextEntry { .. }
        | Interaction::Numeric { .. }
        | Interaction::ExtendedText { .. } => {}
    }
    out
}

/// The ids of `choices`, shuffled when `shuffle` (pinned choices keep their index).
fn permute(choices: &[Choice], shuffle: bool, rng: &mut SeededRng) -> Vec<String> {
    let mut ids: Vec<String> = choices.iter().map(|c| c.id.clone()).collect();
    if shuffle {
        shuffle_free(choices, &mut ids, rng);
    }
    ids
}

/// Shuffle the entries of `ids` whose choice is not pinned, among their own positions.
fn shuffle_free(choices: &[Choice], ids: &mut [String], rng: &mut SeededRng) {
    let free: Vec<usize> = (0..choices.len()).filter(|&k| !choices[k].pinned).collect();
    let mut values: Vec<String> = free.iter().map(|&k| ids[k].clone()).collect();
    rng.shuffle(&mut values);
    for (&k, v) in free.iter().zip(values) {
        ids[k] = v;
    }
}

/// Ordering steps: always shuffled, never in the authored order when two steps can move.
fn ordering(choices: &[Choice], rng: &mut SeededRng) -> Vec<String> {
    let authored: Vec<String> = choices.iter().map(|c| c.id.clone()).collect();
    let mut ids = authored.clone();
    let free: Vec<usize> = (0..choices.len()).filter(|&k| !choices[k].pinned).collect();
    shuffle_free(choices, &mut ids, rng);
    if free.len() < 2 {
        return ids;
    }
    let mut redraws = 0;
    while ids == authored && redraws < REDRAWS {
        shuffle_free(choices, &mut ids, rng);
        redraws += 1;
    }
    if ids == authored {
        ids.swap(free[0], free[1]);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::random::{Seed, Stream};

    fn choice(id: &str, pinned: bool) -> Choice {
        Choice {
            id: id.into(),
            content: id.into(),
            pinned,
            feedback: None,
        }
    }

    #[test]
    fn pinned_choices_keep_their_index() {
        let choices = vec![
            choice("a", false),
            choice("b", false),
            choice("c", false),
            choice("none", true),
        ];
        for seed in 0..50 {
            let mut rng = SeededRng::new(Seed(seed), Stream::ChoiceOrder);
            let order = permute(&choices, true, &mut rng);
            assert_eq!(order[3], "none");
            let mut sorted = order.clone();
            sorted.sort();
            assert_eq!(sorted, vec!["a", "b", "c", "none"]);
        }
    }

    #[test]
    fn two_step_ordering_is_always_reversed_from_the_authored_order() {
        let choices = vec![choice("x", false), choice("y", false)];
        for seed in 0..40 {
            let mut rng = SeededRng::new(Seed(seed), Stream::ChoiceOrder);
            assert_eq!(ordering(&choices, &mut rng), vec!["y", "x"]);
        }
    }

    #[test]
    fn ordering_with_one_free_step_is_left_alone() {
        let choices = vec![choice("x", true), choice("y", false)];
        let mut rng = SeededRng::new(Seed(1), Stream::ChoiceOrder);
        assert_eq!(ordering(&choices, &mut rng), vec!["x", "y"]);
    }
}
