//! Improvement passes on a form that already meets every hard rule. Every move swaps an item
//! for another of the same cell (same domain bucket and outcome bucket) that no enemy blocks,
//! or a drawn member of a set for an undrawn one of the same cell, so quotas, enemies, sets
//! and pins stay met.
//!
//! 1. Exposure: items over the exposure cap (only present when a hard rule needed
//!    them) are swapped out where another item can take their place.
//! 2. Soft target: swaps that reduce the soft objective until the target is met within its
//!    tolerance (then stop: a random one of the swaps that meet it is taken), or no swap helps
//!    (range and information targets only).

use crate::stable_sort;

use super::bank::{Bank, NONE};
use super::selection::Selection;

/// Most passes of the soft-target improvement.
const PASSES: usize = 8;

/// Replacements the soft-target pass may evaluate per form: a bound on its time when the target
/// cannot be met (8 passes over 60 items with 60 replacements each, or 2 passes with 250). Forms
/// that meet a three-point information target on a 2,000-item bank needed at most 21,000.
const EVALUATIONS: usize = 30_000;

/// Share of the best available improvement a random swap must reach to be taken.
const GOOD_ENOUGH: f64 = 0.5;

/// Improvements smaller than this are noise.
const EPSILON: f64 = 1e-12;

/// A same-cell replacement for item `out`.
#[derive(Debug, Clone, Copy)]
struct Swap {
    out: u32,
    into: u32,
    /// Unit of `into` when it is a single item; NONE for a set member swap.
    unit: u32,
}

/// Replace overexposed items wherever a fresh item of the same cell can take their place.
pub(crate) fn reduce_overexposure(bank: &Bank, sel: &mut Selection, keys: &[u32]) {
    let mut base = vec![0.0; bank.soft.dims];
    for i in sel.picked_items() {
        let f = bank.item(i);
        if !f.overexposed || f.pinned || bank.certain(i) {
            continue;
        }
        without(bank, sel, &mut base, i);
        let mut best: Option<(f64, u32, Swap)> = None;
        for swap in replacements(bank, sel, i) {
            if bank.item(swap.into).overexposed {
                continue;
            }
            let obj = bank.soft.objective_with(&base, swap.into, bank.length);
            let key = keys.get(swap.into as usize).copied().unwrap_or(0);
            if best.map(|(o, k, _)| obj < o || (obj == o && key > k)) != Some(false) {
                best = Some((obj, key, swap));
            }
        }
        if let Some((_, _, swap)) = best {
            apply(bank, sel, swap);
        }
    }
}

/// Swap items until the soft target is met (see [`soft_target`](super::soft_target)), or no
/// swap helps.
///
/// The picked items are visited in a random order (from the per-form random keys). For each,
/// every same-cell replacement is evaluated:
/// - if some meet the target, the one with the highest random key is taken and the search
///   stops there: among the many forms that meet the target a random one is delivered, not the
///   one closest to the target;
/// - otherwise, among the replacements that remove at least [`GOOD_ENOUGH`] of the best
///   improvement, the one with the highest random key is taken. Always taking the best would
///   take the most informative item of the cell whenever the form is short of information, and
///   so the same few items on every form.
pub(crate) fn improve_soft(bank: &Bank, sel: &mut Selection, keys: &[u32]) {
    if !bank.soft.improves_by_swaps() {
        return;
    }
    let key = |i: u32| keys.get(i as usize).copied().unwrap_or(0);
    let mut base = vec![0.0; bank.soft.dims];
    let mut current = bank.soft.objective(&sel.sums, bank.length);
    let mut budget = EVALUATIONS;
    let mut order: Vec<u32> = Vec::with_capacity(bank.length);
    let mut improving: Vec<(f64, Swap)> = Vec::new();
    for pass in 0..PASSES {
        if current <= 0.0 {
            return;
        }
        // A fresh random visiting order each pass: the keys, rotated by the pass.
        order.clear();
        order.extend(sel.picked_items());
        stable_sort::sort_by_key(&mut order, |&i| (key(i).rotate_left(pass as u32 * 7), i));
        let mut improved = false;
        for &i in &order {
            if !sel.picked[i as usize] || bank.certain(i) || bank.item(i).pinned {
                continue;
            }
            if budget == 0 {
                return;
            }
            let exposed_out = bank.item(i).overexposed;
            without(bank, sel, &mut base, i);
            let mut best = current - EPSILON;
            let mut meets: Option<(u32, Swap)> = None;
            improving.clear();
            for swap in replacements(bank, sel, i) {
                if bank.item(swap.into).overexposed && !exposed_out {
                    continue;
                }
                budget = budget.saturating_sub(1);
                let obj = bank.soft.objective_with(&base, swap.into, bank.length);
                if obj <= 0.0 {
                    let k = key(swap.into);
                    if meets.map(|(m, _)| k > m) != Some(false) {
                        meets = Some((k, swap));
                    }
                } else if obj < current - EPSILON {
                    best = best.min(obj);
                    improving.push((obj, swap));
                }
            }
            if let Some((_, swap)) = meets {
                apply(bank, sel, swap);
                return;
            }
            // Good enough: removes at least GOOD_ENOUGH of the best improvement.
            let bar = current - GOOD_ENOUGH * (current - best);
            let pick = improving
                .iter()
                .filter(|(obj, _)| *obj <= bar)
                .max_by_key(|(_, swap)| (key(swap.into), swap.into));
            if let Some(&(_, swap)) = pick {
                apply(bank, sel, swap);
                current = bank.soft.objective(&sel.sums, bank.length);
                improved = true;
            }
        }
        if !improved {
            return;
        }
    }
}

/// Items that can replace picked item `i` without breaking a hard rule.
fn replacements<'a>(bank: &'a Bank, sel: &'a Selection, i: u32) -> impl Iterator<Item = Swap> + 'a {
    let f = *bank.item(i);
    let unit = bank.units[f.unit as usize];
    let enemy_ok = move |j: u32| {
        let g = bank.item(j).enemy;
        !sel.picked[j as usize]
            && (g == NONE
                || sel.enemy[g as usize] == 0
                || (g == f.enemy && sel.enemy[g as usize] == 1))
    };
    let singles: &[u32] = if unit.set == NONE {
        bank.cell_units(f.cell as usize)
    } else {
        &[]
    };
    let members: &[u32] = if unit.set != NONE && unit.draw < unit.len {
        bank.unit_members(f.unit)
    } else {
        &[]
    };
    let single_swaps = singles.iter().filter_map(move |&u| {
        let j = *bank.unit_members(u).first()?;
        (!sel.unit_on[u as usize] && enemy_ok(j)).then_some(Swap {
            out: i,
            into: j,
            unit: u,
        })
    });
    let member_swaps = members.iter().filter_map(move |&j| {
        let g = bank.item(j);
        (j != i && g.db == f.db && g.ob == f.ob && enemy_ok(j)).then_some(Swap {
            out: i,
            into: j,
            unit: NONE,
        })
    });
    single_swaps.chain(member_swaps)
}

/// The soft-target sums of the form without `out` (into `base`); a replacement's objective is
/// then `bank.soft.objective_with(base, into, length)`.
fn without(bank: &Bank, sel: &Selection, base: &mut [f64], out: u32) {
    for ((b, cur), vo) in base.iter_mut().zip(&sel.sums).zip(bank.soft.values(out)) {
        *b = cur - vo;
    }
}

fn apply(bank: &Bank, sel: &mut Selection, swap: Swap) {
    if swap.unit == NONE {
        sel.take_out(bank, swap.out);
        sel.put(bank, swap.into);
    } else {
        let out_unit = bank.item(swap.out).unit;
        let mut removed = Vec::new();
        sel.remove_unit(bank, out_unit, &mut removed);
        sel.add_unit(bank, swap.unit, &[swap.into]);
    }
}
