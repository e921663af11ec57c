//! Capacity: the most items each quota bucket (and the whole form) can get from the bank, and
//! the shortfalls where a quota or the form length asks for more.
//!
//! The count is an upper bound that respects the hard rules item by item: only usable items
//! (not seen, in a usable set), at most one item per enemy group (and none of a group that a
//! pinned item already uses), and at most `draw` items per set. A bucket whose capacity is
//! below its target can never be met; meeting every capacity is necessary, not sufficient (the
//! solver proves sufficiency by building a form).

use std::collections::BTreeMap;

use super::bank::{Bank, NONE};
use super::Shortfall;

/// Capacities per bucket and for the whole form.
#[derive(Debug, Clone)]
pub(crate) struct Capacity {
    /// Most items each bucket can hold.
    pub available: Vec<usize>,
    /// Items of each bucket in the bank, usable or not.
    pub in_bank: Vec<usize>,
    /// Items each bucket gets from pinned content.
    pub pinned: Vec<usize>,
    /// Most items a form can hold.
    pub total: usize,
}

/// What limits how many items share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Group(u32),
    Set(u32),
    Item(u32),
}

const WHOLE_FORM: u32 = u32::MAX;

/// Count what the bank can supply.
pub(crate) fn capacity(bank: &Bank) -> Capacity {
    let buckets = bank.buckets.len();
    let mut in_bank = vec![0usize; buckets];
    let mut pinned = vec![0usize; buckets];
    let mut certain_in_group: BTreeMap<u32, u32> = BTreeMap::new();
    for i in 0..bank.items.len() as u32 {
        let f = bank.item(i);
        in_bank[f.db as usize] += 1;
        in_bank[f.ob as usize] += 1;
        if bank.certain(i) {
            pinned[f.db as usize] += 1;
            pinned[f.ob as usize] += 1;
            if f.enemy != NONE {
                certain_in_group.entry(f.enemy).or_insert(i);
            }
        }
    }
    // (bucket, key) → (cap, count)
    let mut counts: BTreeMap<(u32, Key), (usize, usize)> = BTreeMap::new();
    for i in 0..bank.items.len() as u32 {
        let f = bank.item(i);
        if !f.usable() {
            continue;
        }
        let (key, cap) = if f.enemy != NONE {
            match certain_in_group.get(&f.enemy) {
                Some(&c) if c != i => continue,
                _ => (Key::Group(f.enemy), 1),
            }
        } else {
            let unit = &bank.units[f.unit as usize];
            if unit.set != NONE && unit.draw < unit.len {
                (Key::Set(f.unit), unit.draw as usize)
            } else {
                (Key::Item(i), 1)
            }
        };
        for b in [f.db, f.ob, WHOLE_FORM] {
            let e = counts.entry((b, key)).or_insert((cap, 0));
            e.1 += 1;
        }
    }
    let mut available = vec![0usize; buckets];
    let mut total = 0usize;
    for ((b, _), (cap, n)) in counts {
        let add = cap.min(n);
        if b == WHOLE_FORM {
            total += add;
        } else if let Some(a) = available.get_mut(b as usize) {
            *a += add;
        }
    }
    Capacity {
        available,
        in_bank,
        pinned,
        total,
    }
}

/// Every bucket, and the form length, that asks for more than the bank can supply.
pub(crate) fn shortfalls(bank: &Bank, cap: &Capacity) -> Vec<Shortfall> {
    let mut out = Vec::new();
    if bank.length == 0 {
        out.push(Shortfall {
            rule: "blueprint.length".into(),
            message: "a form needs at least one item".into(),
            needed: 1,
            available: 0,
        });
    }
    if cap.total < bank.length {
        out.push(Shortfall {
            rule: "blueprint.length".into(),
            message: format!(
                "the form needs {} items but only {} remain after excluding enemies and seen items ({} in the bank)",
                bank.length,
                cap.total,
                bank.items.len()
            ),
            needed: bank.length,
            available: cap.total,
        });
    }
    for (b, bucket) in bank.buckets.iter().enumerate() {
        let available = cap.available.get(b).copied().unwrap_or(0);
        if available < bucket.target {
            let verb = if bucket.quota.is_some() {
                "needs"
            } else {
                "need"
            };
            out.push(Shortfall {
                rule: bucket.rule(),
                message: format!(
                    "{} {verb} {} item(s) but only {available} remain after excluding enemies and seen items ({} in the bank)",
                    bucket.label(),
                    bucket.target,
                    cap.in_bank.get(b).copied().unwrap_or(0)
                ),
                needed: bucket.target,
                available,
            });
        }
    }
    out
}
