//! Capacity: the most items each quota bucket (and the whole form) can get from the bank, and
//! the shortfalls where a quota or the form length asks for more.
//!
//! The count is an upper bound that respects the hard rules item by item: only usable items
//! (not seen, in a usable set), at most one item per enemy group (and none of a group that a
//! pinned item already uses), and at most `draw` items per set. A bucket whose capacity is
//! below its target can never be met; meeting every capacity is necessary, not sufficient (the
//! solver proves sufficiency by building a form). When every bucket has enough, the joint
//! check ([`joint_shortfall`]) asks whether the domain and outcome quotas can be met together.

use super::bank::{Bank, NONE};
use super::joint_quota::joint_shortfall;
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
    /// Most items each (domain bucket, outcome bucket) cell can give, by cell index.
    pub cells: Vec<usize>,
}

/// Count what the bank can supply, in one pass over flat arrays.
pub(crate) fn capacity(bank: &Bank) -> Capacity {
    let buckets = bank.buckets.len();
    let whole = buckets; // the extra slot counts the whole form
    let mut in_bank = vec![0usize; buckets];
    let mut pinned = vec![0usize; buckets];
    let mut certain_in_group = vec![NONE; bank.enemy_names.len()];
    for i in 0..bank.items.len() as u32 {
        let f = bank.item(i);
        in_bank[f.db as usize] += 1;
        in_bank[f.ob as usize] += 1;
        if bank.certain(i) {
            pinned[f.db as usize] += 1;
            pinned[f.ob as usize] += 1;
            if let Some(c) = certain_in_group.get_mut(f.enemy as usize) {
                if *c == NONE {
                    *c = i;
                }
            }
        }
    }
    // Slots: every bucket, the whole form, then every cell.
    let slots = buckets + 1 + bank.cells();
    let mut available = vec![0usize; slots];
    // Per (slot, limiting key) counts, kept with a stamp per slot: the stamp says which key
    // the slot's running count belongs to, so no map is needed.
    let mut stamp = vec![usize::MAX; slots];
    let mut used = vec![0usize; slots];
    let mut count = |key: usize, cap: usize, f: &super::bank::ItemFacts| {
        let cell = whole + 1 + f.cell as usize;
        for b in [f.db as usize, f.ob as usize, whole, cell] {
            if stamp[b] != key {
                stamp[b] = key;
                used[b] = 0;
            }
            if used[b] < cap {
                used[b] += 1;
                available[b] += 1;
            }
        }
    };
    let groups = bank.enemy_names.len();
    // One item per enemy group (only the pinned one where a pin uses the group).
    for (g, &c) in certain_in_group.iter().enumerate() {
        for &i in bank.enemy_members(g as u32) {
            if c == NONE || c == i {
                count(g, 1, bank.item(i));
            }
        }
    }
    // Up to `draw` items per partly drawn set; every other usable item on its own.
    for (u, unit) in bank.units.iter().enumerate() {
        let partial = unit.set != NONE && unit.draw < unit.len;
        for &i in bank.unit_members(u as u32) {
            let f = bank.item(i);
            if f.enemy != NONE {
                continue;
            }
            let key = if partial {
                groups + u
            } else {
                groups + bank.units.len() + i as usize
            };
            count(key, if partial { unit.draw as usize } else { 1 }, f);
        }
    }
    let cells = available.split_off(whole + 1);
    let total = available.pop().unwrap_or(0);
    Capacity {
        available,
        in_bank,
        pinned,
        total,
        cells,
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
    if out.is_empty() {
        out.extend(joint_shortfall(bank, cap));
    }
    out
}
