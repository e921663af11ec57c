//! Greedy construction of a form: pinned content first, then one unit (item or set) at a time
//! by a weighted-deviation rule with randomesque choice.
//!
//! Each step ranks the units that still fit (no bucket over its target, no enemy on the form)
//! by `urgency(domain bucket) + urgency(outcome bucket) + SOFT_WEIGHT × soft score`, where the
//! urgency of a bucket is `open places / items still able to fill it`, so the scarcest quotas
//! are served first. The step then picks uniformly among the best `exposure.randomesque`
//! candidates (items over the exposure cap only when nothing else is in that top list).
//! Ties are broken by per-form random keys, so equal items share exposure.
//!
//! Items sharing a cell (the same domain and outcome bucket) share an urgency, so the ranking
//! walks cells from the most urgent and stops once no remaining cell can enter the top list.
//! Within a cell, units are scanned in a fixed order per form: by soft score when it does not
//! depend on the partial form (no target, maximize information), then by random key, highest
//! first. A cell's scan stops at the first unit that can no longer enter the top list, so with a
//! target that many items meet equally well (the best score is common) a step looks at a few
//! units per cell instead of the whole bank. A set ranks with one key (its first member's), like
//! a single item, so sets are not favoured.

use crate::stable_sort;

use super::bank::{Bank, NONE};
use super::random::SeededRng;
use super::selection::Selection;
use super::soft_target::{SoftStep, SOFT_WEIGHT};

/// Score taken off items over the exposure cap, so every other fitting item ranks first.
const EXPOSED_PENALTY: f64 = 4.0;

/// Units per cell put in scan order up front; the rest only when a scan reaches them.
const SORTED_PREFIX: usize = 32;

/// A single-item unit with what orders a cell's scan: its fixed soft score (when it does not
/// depend on the form; else 0), its random key, and the unit.
type Ranked = (f64, u32, u32);

/// The scan order: highest fixed soft score first, then highest random key, then bank order.
fn scan_order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f64,
    key: u32,
    unit: u32,
    exposed: bool,
}

impl Candidate {
    /// True when `self` ranks before `other`.
    fn beats(&self, other: &Candidate) -> bool {
        match self.score.total_cmp(&other.score) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => (self.key, other.unit) > (other.key, self.unit),
        }
    }
}

/// Greedy state beyond the selection: what can still be added, and how scarce each bucket is.
struct Greedy<'b, 'p> {
    bank: &'b Bank<'p>,
    keys: &'b [u32],
    addable: Vec<bool>,
    supply: Vec<i32>,
    urgency: Vec<f64>,
    cells: Vec<(f64, u32)>,
    top: Vec<Candidate>,
    chosen: Vec<u32>,
    step: SoftStep,
    /// The single-item units of every cell in scan order (cell `c` at
    /// `scan[scan_start[c]..scan_start[c + 1]]`): highest fixed soft score first when the
    /// score does not depend on the form, then highest random key.
    scan: Vec<Ranked>,
    scan_start: Vec<usize>,
    /// Per cell, the end of its sorted prefix in `scan`.
    sorted_to: Vec<usize>,
}

/// Build a form greedily into `sel`. Returns true when every quota is met exactly; false when
/// the greedy painted itself into a corner (the caller repairs) or a pinned set could not be
/// placed.
pub(crate) fn construct(
    bank: &Bank,
    sel: &mut Selection,
    keys: &[u32],
    rng: &mut SeededRng,
) -> bool {
    let mut g = Greedy {
        bank,
        keys,
        addable: vec![false; bank.items.len()],
        supply: vec![0; bank.buckets.len()],
        urgency: vec![0.0; bank.buckets.len()],
        cells: Vec::with_capacity(bank.cells()),
        top: Vec::new(),
        chosen: Vec::new(),
        step: bank.soft.step(),
        scan: Vec::new(),
        scan_start: Vec::with_capacity(bank.cells() + 1),
        sorted_to: Vec::with_capacity(bank.cells()),
    };
    g.order_cells();
    let forced_ok = g.place_forced(sel);
    g.init_supply(sel);
    let k = bank.package.blueprint.exposure.randomesque.max(1);
    while sel.n_items < bank.length {
        g.rank(sel, k);
        let fresh = g.top.iter().filter(|c| !c.exposed).count();
        let pool = if fresh > 0 { fresh } else { g.top.len() };
        if pool == 0 {
            return false;
        }
        let pick = rng.below(pool);
        let chosen = g
            .top
            .iter()
            .filter(|c| fresh == 0 || !c.exposed)
            .nth(pick)
            .copied();
        let Some(c) = chosen else {
            return false;
        };
        if !g.take(sel, c.unit) {
            return false;
        }
    }
    forced_ok && sel.h == 0
}

impl Greedy<'_, '_> {
    /// Put pinned items, then pinned sets, on the form. A pinned set that cannot be drawn in
    /// full (an enemy of its members is already on) is left off for the repair to place;
    /// returns false then.
    fn place_forced(&mut self, sel: &mut Selection) -> bool {
        let bank = self.bank;
        let mut ok = true;
        let mut placed: Vec<u32> = Vec::new();
        for sets in [false, true] {
            for &u in &bank.forced_units {
                let unit = bank.units[u as usize];
                if (unit.set != NONE) != sets {
                    continue;
                }
                let members = bank.unit_members(u);
                placed.clear();
                // Pinned members first, then the best-fitting others.
                for &m in members {
                    if bank.item(m).pinned && sel.can_take(bank, m) {
                        sel.put(bank, m);
                        placed.push(m);
                    }
                }
                while placed.len() < unit.draw as usize {
                    let mut best: Option<(bool, u32, u32)> = None;
                    for &m in members {
                        if !sel.can_take(bank, m) {
                            continue;
                        }
                        let f = bank.item(m);
                        let fits = sel.open(f.db) > 0 && sel.open(f.ob) > 0;
                        let cand = (fits, self.key(m), m);
                        if best.map(|b| (cand.0, cand.1) > (b.0, b.1)) != Some(false) {
                            best = Some(cand);
                        }
                    }
                    match best {
                        Some((_, _, m)) => {
                            sel.put(bank, m);
                            placed.push(m);
                        }
                        None => break,
                    }
                }
                let pins = members.iter().filter(|&&m| bank.item(m).pinned).count();
                let pins_placed = placed.iter().filter(|&&m| bank.item(m).pinned).count();
                if placed.len() == unit.draw as usize && pins_placed == pins {
                    sel.add_unit(bank, u, &[]);
                } else {
                    for &m in &placed {
                        sel.take_out(bank, m);
                    }
                    ok = false;
                }
            }
        }
        ok
    }

    fn key(&self, item: u32) -> u32 {
        self.keys.get(item as usize).copied().unwrap_or(0)
    }

    /// The key of a unit: its first member's.
    fn unit_key(&self, unit: u32) -> u32 {
        self.bank
            .unit_members(unit)
            .first()
            .map_or(0, |&m| self.key(m))
    }

    /// Put every cell's single-item units in scan order, so that a scan can stop as soon as no
    /// later unit can enter the top list. Only the first [`SORTED_PREFIX`] units of a cell are
    /// put in order here (the best ones, found by selection); a scan that gets past them sorts
    /// the rest ([`Greedy::sort_rest`]). The order is total, so it is the same either way.
    fn order_cells(&mut self) {
        let (bank, keys) = (self.bank, self.keys);
        self.scan.clear();
        self.scan_start.clear();
        self.sorted_to.clear();
        for c in 0..bank.cells() {
            let start = self.scan.len();
            self.scan_start.push(start);
            self.scan.extend(bank.cell_units(c).iter().map(|&u| {
                let first = bank.unit_members(u).first().copied();
                let fixed = first.and_then(|m| bank.soft.fixed_score(m)).unwrap_or(0.0);
                let key = first
                    .and_then(|m| keys.get(m as usize).copied())
                    .unwrap_or(0);
                (fixed, key, u)
            }));
            let cell = &mut self.scan[start..];
            if cell.len() > SORTED_PREFIX {
                stable_sort::sort_first_by(cell, SORTED_PREFIX, scan_order);
                self.sorted_to.push(start + SORTED_PREFIX);
            } else {
                stable_sort::sort_by(cell, scan_order);
                self.sorted_to.push(self.scan.len());
            }
        }
        self.scan_start.push(self.scan.len());
    }

    /// Sort the units of cell `c` after its sorted prefix (all rank below the prefix).
    fn sort_rest(&mut self, c: usize) {
        let (Some(&from), Some(&to)) = (self.sorted_to.get(c), self.scan_start.get(c + 1)) else {
            return;
        };
        if let Some(rest) = self.scan.get_mut(from..to) {
            stable_sort::sort_by(rest, scan_order);
        }
        if let Some(s) = self.sorted_to.get_mut(c) {
            *s = to;
        }
    }

    /// True when a full top list's last candidate beats any candidate scoring at most `bound`
    /// with a key at most `key`.
    fn settled(&self, bound: f64, key: u32, k: usize) -> bool {
        self.top.len() >= k
            && self
                .top
                .last()
                .is_some_and(|w| w.score > bound || (w.score == bound && w.key > key))
    }

    fn init_supply(&mut self, sel: &Selection) {
        let bank = self.bank;
        for (i, f) in bank.items.iter().enumerate() {
            let ok = f.usable() && !sel.unit_on[f.unit as usize] && sel.can_take(bank, i as u32);
            self.addable[i] = ok;
            if ok {
                self.supply[f.db as usize] += 1;
                self.supply[f.ob as usize] += 1;
            }
        }
    }

    fn retire(&mut self, i: u32) {
        if let Some(a) = self.addable.get_mut(i as usize) {
            if *a {
                *a = false;
                let f = self.bank.item(i);
                self.supply[f.db as usize] -= 1;
                self.supply[f.ob as usize] -= 1;
            }
        }
    }

    fn penalty(&self, i: u32) -> f64 {
        if self.bank.item(i).overexposed {
            EXPOSED_PENALTY
        } else {
            0.0
        }
    }

    /// Fill `self.top` with the best `k` units that fit.
    fn rank(&mut self, sel: &Selection, k: usize) {
        let bank = self.bank;
        for (b, u) in self.urgency.iter_mut().enumerate() {
            let open = sel.open(b as u32);
            *u = if open > 0 {
                f64::from(open) / f64::from(self.supply[b].max(1))
            } else {
                -1.0
            };
        }
        bank.soft
            .prepare(&mut self.step, &sel.sums, sel.n_items, bank.length);
        self.cells.clear();
        for c in 0..bank.cells() {
            let (db, ob) = bank.cell_buckets(c);
            let (ud, uo) = (self.urgency[db as usize], self.urgency[ob as usize]);
            if ud >= 0.0 && uo >= 0.0 && !bank.cell_units(c).is_empty() {
                self.cells.push((ud + uo, c as u32));
            }
        }
        stable_sort::sort_by(&mut self.cells, |a, b| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        });
        self.top.clear();
        // The most a soft score can add: nothing without a soft target.
        let soft_max = if bank.soft.dims == 0 {
            0.0
        } else {
            SOFT_WEIGHT
        };
        for ci in 0..self.cells.len() {
            let (cu, c) = self.cells[ci];
            if self.cannot_enter(cu + soft_max, k) {
                break;
            }
            let (from, to) = (
                self.scan_start.get(c as usize).copied().unwrap_or(0),
                self.scan_start.get(c as usize + 1).copied().unwrap_or(0),
            );
            for n in from..to {
                if self.sorted_to.get(c as usize) == Some(&n) {
                    self.sort_rest(c as usize);
                }
                let u = self.scan[n].2;
                let Some(&i) = bank.unit_members(u).first() else {
                    continue;
                };
                if !self.addable[i as usize] {
                    continue;
                }
                let key = self.key(i);
                // In scan order, no later unit of the cell scores above this bound, and those
                // that reach it have lower keys.
                let fixed = bank.soft.fixed_score(i);
                let bound = cu + SOFT_WEIGHT * fixed.unwrap_or(1.0);
                if self.settled(bound, key, k) {
                    break;
                }
                let soft = match fixed {
                    Some(f) => f,
                    None => bank.soft.score(&self.step, i),
                };
                let score = cu + SOFT_WEIGHT * soft - self.penalty(i);
                self.offer(
                    Candidate {
                        score,
                        key,
                        unit: u,
                        exposed: bank.item(i).overexposed,
                    },
                    k,
                );
            }
        }
        for si in 0..bank.set_units.len() {
            let u = bank.set_units[si];
            if sel.unit_on[u as usize] {
                continue;
            }
            // A set scores the mean of its members: at most its best member's bound.
            let mut bound: Option<f64> = None;
            for &m in bank.unit_members(u) {
                if self.addable[m as usize] {
                    let f = bank.item(m);
                    let soft = bank.soft.fixed_score(m).unwrap_or(1.0);
                    let b = self.urgency[f.db as usize].max(0.0)
                        + self.urgency[f.ob as usize].max(0.0)
                        + SOFT_WEIGHT * soft;
                    bound = Some(bound.map_or(b, |x: f64| x.max(b)));
                }
            }
            // One key per set (its first member's). The best chosen member's key would be the
            // largest of several random keys and favour sets over single items.
            let key = self.unit_key(u);
            match bound {
                Some(b) if !self.settled(b, key, k) => {}
                _ => continue,
            }
            if let Some((score, exposed)) = self.realize(sel, u) {
                self.offer(
                    Candidate {
                        score,
                        key,
                        unit: u,
                        exposed,
                    },
                    k,
                );
            }
        }
    }

    /// True when a candidate scoring at most `bound` cannot enter a full top list.
    fn cannot_enter(&self, bound: f64, k: usize) -> bool {
        self.top.len() >= k && self.top.last().is_some_and(|w| bound < w.score)
    }

    fn offer(&mut self, c: Candidate, k: usize) {
        if self.top.len() >= k && !self.top.last().is_some_and(|w| c.beats(w)) {
            return;
        }
        let at = self
            .top
            .iter()
            .position(|t| c.beats(t))
            .unwrap_or(self.top.len());
        self.top.insert(at, c);
        self.top.truncate(k);
    }

    /// Choose the members of a set unit that fit best into `self.chosen`. Returns the mean
    /// member score and whether an overexposed member was needed, or None when the set does
    /// not fit.
    fn realize(&mut self, sel: &Selection, u: u32) -> Option<(f64, bool)> {
        let bank = self.bank;
        let unit = bank.units[u as usize];
        let members = bank.unit_members(u);
        self.chosen.clear();
        let mut total = 0.0;
        let mut exposed = false;
        // Pinned members are always drawn (a pinned set the first pass could not place).
        for &m in members {
            if bank.item(m).pinned {
                let f = bank.item(m);
                let clash =
                    f.enemy != NONE && self.chosen.iter().any(|&c| bank.item(c).enemy == f.enemy);
                if !self.addable[m as usize] || clash {
                    return None;
                }
                self.chosen.push(m);
            }
        }
        while self.chosen.len() < unit.draw as usize {
            let mut best: Option<(f64, u32, u32)> = None;
            for &m in members {
                if !self.addable[m as usize] || self.chosen.contains(&m) {
                    continue;
                }
                let f = bank.item(m);
                if f.enemy != NONE && self.chosen.iter().any(|&c| bank.item(c).enemy == f.enemy) {
                    continue;
                }
                let in_db = self
                    .chosen
                    .iter()
                    .filter(|&&c| bank.item(c).db == f.db)
                    .count();
                let in_ob = self
                    .chosen
                    .iter()
                    .filter(|&&c| bank.item(c).ob == f.ob)
                    .count();
                if i64::from(sel.open(f.db)) <= in_db as i64
                    || i64::from(sel.open(f.ob)) <= in_ob as i64
                {
                    continue;
                }
                let score = self.urgency[f.db as usize].max(0.0)
                    + self.urgency[f.ob as usize].max(0.0)
                    + SOFT_WEIGHT * bank.soft.score(&self.step, m)
                    - self.penalty(m);
                let key = self.key(m);
                let better = match best {
                    None => true,
                    Some((s, k, _)) => match score.total_cmp(&s) {
                        std::cmp::Ordering::Greater => true,
                        std::cmp::Ordering::Less => false,
                        std::cmp::Ordering::Equal => key > k,
                    },
                };
                if better {
                    best = Some((score, key, m));
                }
            }
            let (score, _, m) = best?;
            total += score;
            exposed |= bank.item(m).overexposed;
            self.chosen.push(m);
        }
        Some((total / f64::from(unit.draw.max(1)), exposed))
    }

    /// Put the chosen unit on the form and retire what can no longer be added.
    fn take(&mut self, sel: &mut Selection, u: u32) -> bool {
        let bank = self.bank;
        let unit = bank.units[u as usize];
        if unit.set == NONE {
            self.chosen.clear();
            self.chosen.extend_from_slice(bank.unit_members(u));
        } else if self.realize(sel, u).is_none() {
            return false;
        }
        let chosen = std::mem::take(&mut self.chosen);
        sel.add_unit(bank, u, &chosen);
        for &m in bank.unit_members(u) {
            self.retire(m);
        }
        for &m in &chosen {
            let g = bank.item(m).enemy;
            if g != NONE {
                for &j in bank.enemy_members(g) {
                    self.retire(j);
                }
            }
        }
        self.chosen = chosen;
        true
    }
}
