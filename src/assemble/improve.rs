//! Improvement passes on a form that already meets every hard rule. Every move swaps an item
//! for another of the same cell (same domain bucket and outcome bucket) that no enemy blocks,
//! or a drawn member of a set for an undrawn one of the same cell, so quotas, enemies, sets
//! and pins stay met.
//!
//! 1. Exposure: items at or above the exposure cap (only present when a hard rule needed
//!    them) are swapped out where another item can take their place.
//! 2. Soft target: best-improvement swaps that reduce the soft objective, until it is met or
//!    no swap helps (range and information targets only).

use super::bank::{Bank, NONE};
use super::selection::Selection;

/// Most passes of the soft-target improvement.
const PASSES: usize = 8;

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
    let mut sums = vec![0.0; bank.soft.dims];
    for i in sel.picked_items() {
        let f = bank.item(i);
        if !f.overexposed || f.pinned || bank.certain(i) {
            continue;
        }
        let mut best: Option<(f64, u32, Swap)> = None;
        for swap in replacements(bank, sel, i) {
            if bank.item(swap.into).overexposed {
                continue;
            }
            let obj = objective_after(bank, sel, &mut sums, i, swap.into);
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

/// Swap items to bring the soft target closer, as long as swaps help.
pub(crate) fn improve_soft(bank: &Bank, sel: &mut Selection) {
    if !bank.soft.improves_by_swaps() {
        return;
    }
    let mut sums = vec![0.0; bank.soft.dims];
    for _ in 0..PASSES {
        let mut current = bank.soft.objective(&sel.sums, bank.length);
        if current <= EPSILON {
            return;
        }
        let mut improved = false;
        for i in sel.picked_items() {
            if !sel.picked[i as usize] || bank.certain(i) || bank.item(i).pinned {
                continue;
            }
            let exposed_out = bank.item(i).overexposed;
            let mut best: Option<(f64, Swap)> = None;
            for swap in replacements(bank, sel, i) {
                if bank.item(swap.into).overexposed && !exposed_out {
                    continue;
                }
                let obj = objective_after(bank, sel, &mut sums, i, swap.into);
                if best.map(|(o, _)| obj < o) != Some(false) {
                    best = Some((obj, swap));
                }
            }
            if let Some((obj, swap)) = best {
                if obj < current - EPSILON {
                    apply(bank, sel, swap);
                    current = bank.soft.objective(&sel.sums, bank.length);
                    improved = true;
                    if current <= EPSILON {
                        return;
                    }
                }
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

/// The soft objective if `out` were replaced by `into`.
fn objective_after(bank: &Bank, sel: &Selection, sums: &mut [f64], out: u32, into: u32) -> f64 {
    for ((s, cur), (vo, vi)) in sums
        .iter_mut()
        .zip(&sel.sums)
        .zip(bank.soft.values(out).iter().zip(bank.soft.values(into)))
    {
        *s = cur - vo + vi;
    }
    bank.soft.objective(sums, bank.length)
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
