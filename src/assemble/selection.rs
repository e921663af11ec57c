//! The solver's working state: which items and units are on the form, the count in every
//! quota bucket, the items per enemy group, the soft-target value sums, and the hard penalty
//! `H = Σ |count − target|` over all buckets, kept up to date on every change. A form meets
//! every quota exactly when `H = 0` (enemy groups and sets are kept valid by every move).

use super::bank::{Bank, NONE};

/// The partial or complete form being built.
pub(crate) struct Selection {
    pub count: Vec<i32>,
    target: Vec<i32>,
    pub enemy: Vec<u32>,
    pub picked: Vec<bool>,
    pub unit_on: Vec<bool>,
    /// Units on the form, in the order they were added.
    pub units_on: Vec<u32>,
    pub n_items: usize,
    /// Σ |count − target| over every bucket.
    pub h: i64,
    /// Soft-target value sums over the picked items.
    pub sums: Vec<f64>,
}

impl Selection {
    /// An empty form.
    pub fn new(bank: &Bank) -> Selection {
        let target: Vec<i32> = bank
            .buckets
            .iter()
            .map(|b| i32::try_from(b.target).unwrap_or(i32::MAX))
            .collect();
        Selection {
            count: vec![0; target.len()],
            h: target.iter().map(|&t| i64::from(t)).sum(),
            target,
            enemy: vec![0; bank.enemy_names.len()],
            picked: vec![false; bank.items.len()],
            unit_on: vec![false; bank.units.len()],
            units_on: Vec::new(),
            n_items: 0,
            sums: vec![0.0; bank.soft.dims],
        }
    }

    /// Target of a bucket.
    pub fn target(&self, bucket: u32) -> i32 {
        self.target.get(bucket as usize).copied().unwrap_or(0)
    }

    /// Places still open in a bucket (negative when over).
    pub fn open(&self, bucket: u32) -> i32 {
        self.target(bucket) - self.count.get(bucket as usize).copied().unwrap_or(0)
    }

    /// The item is not on the form and no enemy of it is.
    pub fn can_take(&self, bank: &Bank, i: u32) -> bool {
        let f = bank.item(i);
        !self.picked[i as usize] && (f.enemy == NONE || self.enemy[f.enemy as usize] == 0)
    }

    /// Put one item on the form (its unit bookkeeping is the caller's).
    pub fn put(&mut self, bank: &Bank, i: u32) {
        let f = *bank.item(i);
        self.picked[i as usize] = true;
        self.shift(f.db, 1);
        self.shift(f.ob, 1);
        if f.enemy != NONE {
            self.enemy[f.enemy as usize] += 1;
        }
        self.n_items += 1;
        for (s, v) in self.sums.iter_mut().zip(bank.soft.values(i)) {
            *s += v;
        }
    }

    /// Take one item off the form.
    pub fn take_out(&mut self, bank: &Bank, i: u32) {
        let f = *bank.item(i);
        self.picked[i as usize] = false;
        self.shift(f.db, -1);
        self.shift(f.ob, -1);
        if f.enemy != NONE {
            self.enemy[f.enemy as usize] = self.enemy[f.enemy as usize].saturating_sub(1);
        }
        self.n_items = self.n_items.saturating_sub(1);
        for (s, v) in self.sums.iter_mut().zip(bank.soft.values(i)) {
            *s -= v;
        }
    }

    fn shift(&mut self, bucket: u32, delta: i32) {
        let b = bucket as usize;
        let (Some(c), Some(&t)) = (self.count.get_mut(b), self.target.get(b)) else {
            return;
        };
        let before = i64::from((*c - t).abs());
        *c += delta;
        self.h += i64::from((*c - t).abs()) - before;
    }

    /// Put a unit on the form with the given members.
    pub fn add_unit(&mut self, bank: &Bank, unit: u32, members: &[u32]) {
        for &m in members {
            self.put(bank, m);
        }
        self.unit_on[unit as usize] = true;
        self.units_on.push(unit);
    }

    /// Take a unit off the form; its members that were on are appended to `removed`.
    pub fn remove_unit(&mut self, bank: &Bank, unit: u32, removed: &mut Vec<u32>) {
        for &m in bank.unit_members(unit) {
            if self.picked[m as usize] {
                self.take_out(bank, m);
                removed.push(m);
            }
        }
        self.unit_on[unit as usize] = false;
        if let Some(k) = self.units_on.iter().position(|&u| u == unit) {
            self.units_on.swap_remove(k);
        }
    }

    /// Recompute the soft-target sums from scratch (after many add/remove round trips, whose
    /// floating-point sums may have drifted in the last bits).
    pub fn recompute_sums(&mut self, bank: &Bank) {
        for s in self.sums.iter_mut() {
            *s = 0.0;
        }
        for i in 0..self.picked.len() as u32 {
            if self.picked[i as usize] {
                for (s, v) in self.sums.iter_mut().zip(bank.soft.values(i)) {
                    *s += v;
                }
            }
        }
    }

    /// Picked items in bank order.
    pub fn picked_items(&self) -> Vec<u32> {
        (0..self.picked.len() as u32)
            .filter(|&i| self.picked[i as usize])
            .collect()
    }
}
