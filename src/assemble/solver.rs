//! The solver: from a prepared bank and a seed to the items of one form that meets every hard
//! rule, or the shortfalls that explain why none was found.
//!
//! 1. Structural problems (pins, sets) stop it at once.
//! 2. Up to [`ATTEMPTS`] times: draw per-item random keys from the selection stream, build
//!    greedily ([`construct`]), repair with a tabu search when the greedy got stuck
//!    ([`repair`]), and stop at the first form with every quota met. The first time the greedy
//!    gets stuck, capacity shortfalls ([`capacity`], [`shortfalls`]) stop the solver with
//!    their explanation (a form the greedy built needs no such check).
//! 3. If none succeeded, an exact search ([`search`]) finds a form or proves there is none.
//! 4. Swap out overexposed items where possible, then improve the soft target by swaps that
//!    keep every hard rule.
//!
//! Only the selection stream is used, so item and choice order never change the items.

use super::bank::Bank;
use super::capacity::{capacity, shortfalls};
use super::construct::construct;
use super::exact::{search, Exact};
use super::improve::{improve_soft, reduce_overexposure};
use super::random::{Seed, SeededRng, Stream};
use super::repair::repair;
use super::selection::Selection;
use super::Shortfall;

/// Fresh starts before the solver gives up.
pub(crate) const ATTEMPTS: usize = 5;

/// Work (item visits) the exact search may spend before giving up.
const EXACT_BUDGET: usize = 3_000_000;

/// Range of each random draw that seeds the tie-break keys (fits a 32-bit `usize`, so wasm32
/// and x86_64 draw the same numbers).
const KEY_RANGE: usize = 1 << 30;

/// The items of a form, in bank order.
pub(crate) struct Solved {
    pub items: Vec<u32>,
    /// Which attempt found it (1-based).
    pub attempt: usize,
}

/// Find a form, or explain why none can be found.
pub(crate) fn solve(bank: &Bank, seed: Seed) -> Result<Solved, Vec<Shortfall>> {
    if !bank.problems.is_empty() {
        return Err(bank.problems.clone());
    }
    // The capacity check proves a blueprint infeasible; a form the greedy built proves it
    // feasible, so the check runs only once a greedy construction has failed (it uses no
    // random draws, so the forms are the same either way).
    let mut capacity_checked = false;
    let mut rng = SeededRng::new(seed, Stream::Selection);
    let mut closest: Option<(i64, Vec<i32>, usize)> = None;
    let iterations = 20 * bank.length + 200;
    for attempt in 1..=ATTEMPTS {
        let keys = item_keys(bank, &mut rng);
        let mut sel = Selection::new(bank);
        let built = construct(bank, &mut sel, &keys, &mut rng);
        if !built && !capacity_checked {
            capacity_checked = true;
            let short = shortfalls(bank, &capacity(bank));
            if !short.is_empty() {
                return Err(short);
            }
        }
        let met = built || repair(bank, &mut sel, &mut rng, iterations);
        let forced_on = bank.forced_units.iter().all(|&u| sel.unit_on[u as usize]);
        if met && forced_on && sel.h == 0 && sel.n_items == bank.length {
            sel.recompute_sums(bank);
            reduce_overexposure(bank, &mut sel, &keys);
            improve_soft(bank, &mut sel, &keys);
            return Ok(Solved {
                items: sel.picked_items(),
                attempt,
            });
        }
        if closest.as_ref().map(|(h, _, _)| sel.h < *h) != Some(false) {
            closest = Some((sel.h, sel.count.clone(), sel.n_items));
        }
    }
    if !capacity_checked {
        let short = shortfalls(bank, &capacity(bank));
        if !short.is_empty() {
            return Err(short);
        }
    }
    let keys = item_keys(bank, &mut rng);
    match search(bank, &keys, EXACT_BUDGET) {
        Exact::Found(items) => {
            let mut sel = Selection::new(bank);
            for &i in &items {
                sel.put(bank, i);
                let unit = bank.item(i).unit;
                if !sel.unit_on[unit as usize] {
                    sel.add_unit(bank, unit, &[]);
                }
            }
            reduce_overexposure(bank, &mut sel, &keys);
            improve_soft(bank, &mut sel, &keys);
            Ok(Solved {
                items: sel.picked_items(),
                attempt: ATTEMPTS + 1,
            })
        }
        Exact::Infeasible => Err(vec![unsolved(bank, closest, true)]),
        Exact::Unknown => Err(vec![unsolved(bank, closest, false)]),
    }
}

/// Per-item random tie-break keys: two draws from the selection stream seed a SplitMix64
/// sequence over the items (cheap, and the same on every target).
fn item_keys(bank: &Bank, rng: &mut SeededRng) -> Vec<u32> {
    let base = ((rng.below(KEY_RANGE) as u64) << 32) | rng.below(KEY_RANGE) as u64;
    (0..bank.items.len() as u64)
        .map(|i| {
            let mut z = base.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 32) as u32
        })
        .collect()
}

/// The shortfall when no attempt met every rule: which buckets the closest attempt missed.
fn unsolved(bank: &Bank, closest: Option<(i64, Vec<i32>, usize)>, proved: bool) -> Shortfall {
    let (count, items) = match closest {
        Some((_, count, items)) => (count, items),
        None => (vec![0; bank.buckets.len()], 0),
    };
    let misses: Vec<String> = bank
        .buckets
        .iter()
        .zip(&count)
        .filter(|(b, c)| i64::from(**c) != b.target as i64)
        .map(|(b, c)| format!("{} at {c} of {}", b.label(), b.target))
        .collect();
    let detail = if misses.is_empty() {
        "a pinned set could not be drawn without an enemy clash".to_string()
    } else {
        format!("the closest form left {}", misses.join(", "))
    };
    let how = if proved {
        "an exhaustive search of the bank found none"
    } else {
        "none was found within the search budget"
    };
    Shortfall {
        rule: "blueprint".into(),
        message: format!(
            "no form meets every hard rule at once (quotas, enemies and sets interact; {how}): {detail}"
        ),
        needed: bank.length,
        available: items,
    }
}
