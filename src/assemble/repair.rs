//! Repair: a tabu local search that drives the hard penalty `H = Σ |count − target|` to 0 when
//! the greedy construction got stuck (quotas of two dimensions interacting with enemies and
//! sets).
//!
//! Moves: add a unit, drop a unit, swap one unit for another, or swap one drawn member of a set
//! for an undrawn one. Pinned content is never dropped, enemy groups never hold two items, and
//! sets stay all-or-none, so only the quota counts can be off. Each iteration takes the move
//! with the lowest resulting `H` (ties at random from the selection stream), even when it does
//! not improve, and forbids undoing it for a few iterations (tabu), unless the move reaches a
//! new best `H`. Pinned content the greedy could not place counts [`FORCED_OFF`] each in the
//! objective, so the search puts it on first. Added units are only looked for among cells that touch a bucket still short
//! of its target (a bounded, rotating sample of each), so an iteration stays cheap on large
//! banks.

use crate::stable_sort;

use super::bank::{Bank, NONE};
use super::random::SeededRng;
use super::selection::Selection;

/// Iterations a reversed move stays forbidden.
const TENURE: u32 = 7;

/// Most single-item candidates taken from one cell per iteration.
const PER_CELL: usize = 24;

/// Evaluations allowed per repair call, whatever the iteration budget.
const EVALUATIONS: usize = 500_000;

/// Weight of a pinned unit that is not on the form, against one quota place.
const FORCED_OFF: i64 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Add(u32),
    Drop(u32),
    Swap(u32, u32),
    Member(u32, u32),
}

struct Best {
    h: i64,
    mv: Option<Move>,
    ties: usize,
}

impl Best {
    fn offer(&mut self, h: i64, mv: Move, rng: &mut SeededRng) {
        if self.mv.is_none() || h < self.h {
            self.h = h;
            self.mv = Some(mv);
            self.ties = 1;
        } else if h == self.h {
            self.ties += 1;
            if rng.below(self.ties) == 0 {
                self.mv = Some(mv);
            }
        }
    }
}

/// Search from the current selection for a form with `H = 0`. Returns true on success.
pub(crate) fn repair(
    bank: &Bank,
    sel: &mut Selection,
    rng: &mut SeededRng,
    iterations: usize,
) -> bool {
    let mut tabu_add = vec![0usize; bank.units.len()];
    let mut tabu_drop = vec![0usize; bank.units.len()];
    let mut tabu_in = vec![0usize; bank.items.len()];
    let mut forced_off = bank
        .forced_units
        .iter()
        .filter(|&&u| !sel.unit_on[u as usize])
        .count() as i64;
    let mut best_h = sel.h + FORCED_OFF * forced_off;
    let mut cands: Vec<u32> = Vec::new();
    let mut on: Vec<u32> = Vec::new();
    let mut removed: Vec<u32> = Vec::new();
    let mut chosen: Vec<u32> = Vec::new();
    let mut evaluations = 0usize;
    let tenure = TENURE as usize;
    for iter in 1..=iterations {
        if sel.h == 0 && forced_off == 0 {
            return true;
        }
        let base = FORCED_OFF * forced_off;
        let gain = |u: u32| {
            if bank.units[u as usize].forced {
                FORCED_OFF
            } else {
                0
            }
        };
        if evaluations > EVALUATIONS {
            break;
        }
        collect_candidates(bank, sel, iter, &mut cands);
        on.clear();
        on.extend(
            sel.units_on
                .iter()
                .copied()
                .filter(|&u| !bank.units[u as usize].forced),
        );
        stable_sort::sort(&mut on);
        let mut best = Best {
            h: i64::MAX,
            mv: None,
            ties: 0,
        };
        for &u in &cands {
            evaluations += 1;
            if let Some(h) = evaluate_add(bank, sel, u, &mut chosen) {
                let h = h + base - gain(u);
                if tabu_add[u as usize] > iter && h >= best_h {
                    continue;
                }
                best.offer(h, Move::Add(u), rng);
            }
        }
        for &x in &on {
            let drop_tabu = tabu_drop[x as usize] > iter;
            removed.clear();
            sel.remove_unit(bank, x, &mut removed);
            if !drop_tabu || sel.h + base < best_h {
                best.offer(sel.h + base, Move::Drop(x), rng);
            }
            for &u in &cands {
                if u == x {
                    continue;
                }
                evaluations += 1;
                if let Some(h) = evaluate_add(bank, sel, u, &mut chosen) {
                    let h = h + base - gain(u);
                    if (drop_tabu || tabu_add[u as usize] > iter) && h >= best_h {
                        continue;
                    }
                    best.offer(h, Move::Swap(x, u), rng);
                }
            }
            sel.add_unit(bank, x, &removed);
        }
        for &x in &on {
            let unit = bank.units[x as usize];
            if unit.set == NONE || unit.draw >= unit.len {
                continue;
            }
            let members = bank.unit_members(x);
            for &m in members {
                if !sel.picked[m as usize] || bank.item(m).pinned {
                    continue;
                }
                sel.take_out(bank, m);
                for &m2 in members {
                    if m2 == m || !sel.can_take(bank, m2) {
                        continue;
                    }
                    evaluations += 1;
                    sel.put(bank, m2);
                    let h = sel.h + base;
                    sel.take_out(bank, m2);
                    if tabu_in[m2 as usize] > iter && h >= best_h {
                        continue;
                    }
                    best.offer(h, Move::Member(m, m2), rng);
                }
                sel.put(bank, m);
            }
        }
        let Some(mv) = best.mv else {
            return false;
        };
        match mv {
            Move::Add(u) => {
                if apply_add(bank, sel, u, &mut chosen) {
                    forced_off -= gain(u) / FORCED_OFF;
                }
                tabu_drop[u as usize] = iter + tenure;
            }
            Move::Drop(x) => {
                removed.clear();
                sel.remove_unit(bank, x, &mut removed);
                tabu_add[x as usize] = iter + tenure;
            }
            Move::Swap(x, u) => {
                removed.clear();
                sel.remove_unit(bank, x, &mut removed);
                if apply_add(bank, sel, u, &mut chosen) {
                    forced_off -= gain(u) / FORCED_OFF;
                }
                tabu_add[x as usize] = iter + tenure;
                tabu_drop[u as usize] = iter + tenure;
            }
            Move::Member(m, m2) => {
                sel.take_out(bank, m);
                sel.put(bank, m2);
                tabu_in[m as usize] = iter + tenure;
            }
        }
        best_h = best_h.min(sel.h + FORCED_OFF * forced_off);
    }
    sel.h == 0 && forced_off == 0
}

/// Units worth adding: single items in cells touching a bucket short of its target (a
/// rotating sample of at most `PER_CELL` per cell), and every set not on the form.
fn collect_candidates(bank: &Bank, sel: &Selection, iter: usize, cands: &mut Vec<u32>) {
    cands.clear();
    for c in 0..bank.cells() {
        let (db, ob) = bank.cell_buckets(c);
        if sel.open(db) <= 0 && sel.open(ob) <= 0 {
            continue;
        }
        let units = bank.cell_units(c);
        let n = units.len();
        if n == 0 {
            continue;
        }
        let take = n.min(PER_CELL);
        let offset = if n > PER_CELL {
            iter.wrapping_mul(PER_CELL) % n
        } else {
            0
        };
        for k in 0..take {
            let u = units[(offset + k) % n];
            if !sel.unit_on[u as usize] {
                cands.push(u);
            }
        }
    }
    for &u in &bank.set_units {
        if !sel.unit_on[u as usize] {
            cands.push(u);
        }
    }
    for &u in &bank.forced_units {
        if !sel.unit_on[u as usize] && !cands.contains(&u) {
            cands.push(u);
        }
    }
}

/// Put a unit's members on the form: its pinned members, then one by one the member giving
/// the lowest `H`.
/// Returns false (with nothing left on) when the unit cannot be drawn without an enemy clash.
fn realize(bank: &Bank, sel: &mut Selection, u: u32, chosen: &mut Vec<u32>) -> bool {
    chosen.clear();
    let unit = bank.units[u as usize];
    let members = bank.unit_members(u);
    if unit.set == NONE || unit.draw >= unit.len {
        for &m in members {
            if !sel.can_take(bank, m) {
                undo(bank, sel, chosen);
                return false;
            }
            sel.put(bank, m);
            chosen.push(m);
        }
        return true;
    }
    // Pinned members are always drawn.
    for &m in members {
        if bank.item(m).pinned {
            if !sel.can_take(bank, m) {
                undo(bank, sel, chosen);
                return false;
            }
            sel.put(bank, m);
            chosen.push(m);
        }
    }
    while chosen.len() < unit.draw as usize {
        let mut best: Option<(i64, u32)> = None;
        for &m in members {
            if !sel.can_take(bank, m) {
                continue;
            }
            sel.put(bank, m);
            let h = sel.h;
            sel.take_out(bank, m);
            if best.map(|(bh, _)| h < bh) != Some(false) {
                best = Some((h, m));
            }
        }
        match best {
            Some((_, m)) => {
                sel.put(bank, m);
                chosen.push(m);
            }
            None => {
                undo(bank, sel, chosen);
                return false;
            }
        }
    }
    true
}

fn undo(bank: &Bank, sel: &mut Selection, chosen: &mut Vec<u32>) {
    for &m in chosen.iter() {
        sel.take_out(bank, m);
    }
    chosen.clear();
}

/// `H` after adding the unit, or None when it cannot be added.
fn evaluate_add(bank: &Bank, sel: &mut Selection, u: u32, chosen: &mut Vec<u32>) -> Option<i64> {
    if !realize(bank, sel, u, chosen) {
        return None;
    }
    let h = sel.h;
    undo(bank, sel, chosen);
    Some(h)
}

fn apply_add(bank: &Bank, sel: &mut Selection, u: u32, chosen: &mut Vec<u32>) -> bool {
    let ok = realize(bank, sel, u, chosen);
    if ok {
        sel.add_unit(bank, u, &[]);
    }
    ok
}
