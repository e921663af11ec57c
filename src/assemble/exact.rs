//! Exact search: a depth-first search over items with constraint propagation, used when the
//! greedy and the repair could not find a form. Within its work budget it either finds a form
//! or proves that none exists.
//!
//! Every usable item is in, out or undecided. Propagation keeps each constraint consistent:
//! a bucket at its target closes (its undecided items go out), a bucket that needs all its
//! undecided items takes them; an item in an enemy group sends the others out; a set holds
//! 0 or `draw` members (a started set takes what it needs, a set that cannot reach `draw`
//! goes out). Branching picks the bucket with the least slack (fail first) and tries its
//! undecided item with the highest random key (items under the exposure cap first) in, then
//! out.

use super::bank::{Bank, NONE};

/// Result of the exact search.
pub(crate) enum Exact {
    /// Items of a form meeting every hard rule, in bank order.
    Found(Vec<u32>),
    /// The whole space was searched: no form exists.
    Infeasible,
    /// The work budget ran out first.
    Unknown,
}

const UNDECIDED: u8 = 0;
const IN: u8 = 1;
const OUT: u8 = 2;

#[derive(Debug, Clone, Copy)]
enum Check {
    Bucket(u32),
    Group(u32),
    Unit(u32),
}

/// Usable items of each bucket: `items[start[b]..start[b + 1]]`.
struct BucketLists {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl BucketLists {
    fn build(bank: &Bank) -> BucketLists {
        let nb = bank.buckets.len();
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); nb];
        for (i, f) in bank.items.iter().enumerate() {
            if f.usable() {
                lists[f.db as usize].push(i as u32);
                lists[f.ob as usize].push(i as u32);
            }
        }
        let mut start = vec![0u32; nb + 1];
        let mut items = Vec::new();
        for (b, list) in lists.iter().enumerate() {
            start[b + 1] = start[b] + list.len() as u32;
            items.extend_from_slice(list);
        }
        BucketLists { start, items }
    }
}

struct Search<'b, 'p> {
    bank: &'b Bank<'p>,
    keys: &'b [u32],
    state: Vec<u8>,
    count_in: Vec<i64>,
    undecided: Vec<i64>,
    target: Vec<i64>,
    group_in: Vec<u32>,
    unit_in: Vec<u32>,
    unit_undecided: Vec<u32>,
    lists: &'b BucketLists,
    trail: Vec<u32>,
    queue: Vec<Check>,
    work: usize,
}

/// Search for a form within `budget` units of work (item visits).
pub(crate) fn search(bank: &Bank, keys: &[u32], budget: usize) -> Exact {
    let lists = BucketLists::build(bank);
    let Some(mut s) = Search::new(bank, keys, &lists) else {
        return Exact::Infeasible;
    };
    if !s.propagate() {
        return Exact::Infeasible;
    }
    // Frames: (trail length before the decision, item, tried out already).
    let mut frames: Vec<(usize, u32, bool)> = Vec::new();
    loop {
        if s.work > budget {
            return Exact::Unknown;
        }
        let Some(i) = s.branch_item() else {
            return match s.complete() {
                true => Exact::Found(s.picked()),
                false => Exact::Infeasible,
            };
        };
        frames.push((s.trail.len(), i, false));
        let mut ok = s.assign(i, IN) && s.propagate();
        while !ok {
            let Some((mark, item, tried_out)) = frames.pop() else {
                return Exact::Infeasible;
            };
            s.undo_to(mark);
            if !tried_out {
                frames.push((mark, item, true));
                ok = s.assign(item, OUT) && s.propagate();
            }
        }
    }
}

impl<'b, 'p> Search<'b, 'p> {
    fn new(bank: &'b Bank<'p>, keys: &'b [u32], lists: &'b BucketLists) -> Option<Self> {
        let nb = bank.buckets.len();
        let mut s = Search {
            bank,
            keys,
            state: vec![OUT; bank.items.len()],
            count_in: vec![0; nb],
            undecided: vec![0; nb],
            target: bank.buckets.iter().map(|b| b.target as i64).collect(),
            group_in: vec![0; bank.enemy_names.len()],
            unit_in: vec![0; bank.units.len()],
            unit_undecided: vec![0; bank.units.len()],
            lists,
            trail: Vec::new(),
            queue: Vec::new(),
            work: 0,
        };
        // Usable items start undecided.
        for (i, f) in bank.items.iter().enumerate() {
            if f.usable() {
                s.state[i] = UNDECIDED;
                s.undecided[f.db as usize] += 1;
                s.undecided[f.ob as usize] += 1;
                s.unit_undecided[f.unit as usize] += 1;
            }
        }
        for b in 0..nb as u32 {
            s.queue.push(Check::Bucket(b));
        }
        for u in 0..bank.units.len() as u32 {
            s.queue.push(Check::Unit(u));
        }
        for i in 0..bank.items.len() as u32 {
            if bank.item(i).pinned && s.state[i as usize] == UNDECIDED && !s.assign(i, IN) {
                return None;
            }
        }
        Some(s)
    }

    fn bucket(&self, b: u32) -> &'b [u32] {
        let lists = self.lists;
        match (lists.start.get(b as usize), lists.start.get(b as usize + 1)) {
            (Some(&a), Some(&z)) => lists.items.get(a as usize..z as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Decide an item. False when it contradicts a decision already made.
    fn assign(&mut self, i: u32, value: u8) -> bool {
        let current = self.state[i as usize];
        if current != UNDECIDED {
            return current == value;
        }
        let f = *self.bank.item(i);
        self.state[i as usize] = value;
        self.trail.push(i);
        self.work += 1;
        self.undecided[f.db as usize] -= 1;
        self.undecided[f.ob as usize] -= 1;
        self.unit_undecided[f.unit as usize] -= 1;
        if value == IN {
            self.count_in[f.db as usize] += 1;
            self.count_in[f.ob as usize] += 1;
            self.unit_in[f.unit as usize] += 1;
            if f.enemy != NONE {
                self.group_in[f.enemy as usize] += 1;
                self.queue.push(Check::Group(f.enemy));
            }
        }
        self.queue.push(Check::Bucket(f.db));
        self.queue.push(Check::Bucket(f.ob));
        self.queue.push(Check::Unit(f.unit));
        true
    }

    fn undo_to(&mut self, mark: usize) {
        self.queue.clear();
        while self.trail.len() > mark {
            let Some(i) = self.trail.pop() else {
                break;
            };
            let f = *self.bank.item(i);
            if self.state[i as usize] == IN {
                self.count_in[f.db as usize] -= 1;
                self.count_in[f.ob as usize] -= 1;
                self.unit_in[f.unit as usize] -= 1;
                if f.enemy != NONE {
                    self.group_in[f.enemy as usize] -= 1;
                }
            }
            self.state[i as usize] = UNDECIDED;
            self.undecided[f.db as usize] += 1;
            self.undecided[f.ob as usize] += 1;
            self.unit_undecided[f.unit as usize] += 1;
        }
    }

    /// Decide every undecided item of `items` as `value`.
    fn assign_all(&mut self, items: &[u32], value: u8) -> bool {
        for &j in items {
            self.work += 1;
            if self.state[j as usize] == UNDECIDED && !self.assign(j, value) {
                return false;
            }
        }
        true
    }

    /// Run the queued checks to a fixpoint. False on a contradiction.
    fn propagate(&mut self) -> bool {
        while let Some(check) = self.queue.pop() {
            let ok = match check {
                Check::Bucket(b) => self.check_bucket(b),
                Check::Group(g) => self.check_group(g),
                Check::Unit(u) => self.check_unit(u),
            };
            if !ok {
                self.queue.clear();
                return false;
            }
        }
        true
    }

    fn check_bucket(&mut self, b: u32) -> bool {
        let (c, r, t) = (
            self.count_in[b as usize],
            self.undecided[b as usize],
            self.target[b as usize],
        );
        if c > t || c + r < t {
            return false;
        }
        if r == 0 {
            return true;
        }
        let items = self.bucket(b);
        if c == t {
            self.assign_all(items, OUT)
        } else if c + r == t {
            self.assign_all(items, IN)
        } else {
            true
        }
    }

    fn check_group(&mut self, g: u32) -> bool {
        match self.group_in[g as usize] {
            0 => true,
            1 => {
                let bank = self.bank;
                let members = bank.enemy_members(g);
                self.assign_all(members, OUT)
            }
            _ => false,
        }
    }

    fn check_unit(&mut self, u: u32) -> bool {
        let unit = self.bank.units[u as usize];
        let (inn, und, draw) = (
            self.unit_in[u as usize],
            self.unit_undecided[u as usize],
            unit.draw,
        );
        if inn > draw || (inn > 0 && inn + und < draw) {
            return false;
        }
        if und == 0 {
            return true;
        }
        let bank = self.bank;
        let members = bank.unit_members(u);
        if inn == draw || (inn == 0 && und < draw) {
            self.assign_all(members, OUT)
        } else if inn > 0 && inn + und == draw {
            self.assign_all(members, IN)
        } else {
            true
        }
    }

    /// The undecided item to branch on: in the short bucket with the least slack, the one
    /// with the highest key. None when no bucket is short.
    fn branch_item(&mut self) -> Option<u32> {
        let mut best: Option<(i64, u32)> = None;
        for b in 0..self.target.len() {
            let need = self.target[b] - self.count_in[b];
            if need <= 0 {
                continue;
            }
            let slack = self.undecided[b] - need;
            if best.map(|(s, _)| slack < s) != Some(false) {
                best = Some((slack, b as u32));
            }
        }
        let (_, b) = best?;
        // Items under the exposure cap first, then by key.
        let mut pick: Option<((bool, u32), u32)> = None;
        for &i in self.bucket(b) {
            self.work += 1;
            if self.state[i as usize] != UNDECIDED {
                continue;
            }
            let rank = (
                !self.bank.item(i).overexposed,
                self.keys.get(i as usize).copied().unwrap_or(0),
            );
            if pick.map(|(r, _)| rank > r) != Some(false) {
                pick = Some((rank, i));
            }
        }
        pick.map(|(_, i)| i)
    }

    /// Every bucket met and every set at 0 or its draw.
    fn complete(&self) -> bool {
        self.count_in.iter().zip(&self.target).all(|(c, t)| c == t)
            && self
                .bank
                .units
                .iter()
                .zip(&self.unit_in)
                .all(|(u, &n)| n == 0 || n == u.draw)
    }

    fn picked(&self) -> Vec<u32> {
        (0..self.state.len() as u32)
            .filter(|&i| self.state[i as usize] == IN)
            .collect()
    }
}
