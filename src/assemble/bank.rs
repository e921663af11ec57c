//! The item bank prepared for one assembly: every item's quota buckets, enemy group, set and
//! eligibility as flat indices, the selection units (single items and item sets), and the
//! structural problems (pins, sets) found on the way. The solver works only on these arrays
//! and never touches a string in its inner loops.
//!
//! Buckets: each dimension (domains, outcomes) is split into one bucket per quota plus one
//! "free" bucket for everything without a quota, whose target is `length − Σ quotas`. Every
//! dimension's targets then sum to the form length, and an item counts in exactly one bucket
//! per dimension (outcomes by the item's primary outcome; items without one are free).
//!
//! Eligibility: seen items are never used, and items over the exposure cap (see [`over_cap`]
//! and [`cap_applies`]) are left out under [`ExposurePolicy::Avoid`]. Pinned items are exempt
//! (they are on every form by definition, so they are always "seen" on a retake), and so are
//! the items of a set that a pin forces onto the form whole. Items whose domain belongs to no
//! section cannot be placed.

use crate::model::Package;
use crate::sorted_map::{SortedMap, SortedSet};

use super::quota::{quota_targets, QuotaTarget};
use super::soft_target::SoftTable;
use super::{AssemblyContext, Shortfall};

/// Whether the exposure cap `max_rate` applies after `administrations` forms.
///
/// Not before `2 / max_rate` administrations (6 for a cap of 0.35, 20 for 0.1). Below
/// `1 / max_rate` a single use already puts an item over the cap, so on a young bank a cap
/// would forbid every item of every earlier form: consecutive forms would have to be
/// disjoint, quality would suffer, and the bank would run dry after `bank / length` forms,
/// all before any item has been seen more often than its share. From `2 / max_rate` on, an item
/// must have been used at least twice to be over the cap, so the cap singles out items used
/// more than their share. A cap that is not a number in (0, 1) never applies (1 allows
/// everything).
pub(crate) fn cap_applies(max_rate: f64, administrations: u64) -> bool {
    max_rate.is_finite()
        && max_rate > 0.0
        && max_rate < 1.0
        && administrations as f64 >= 2.0 / max_rate
}

/// Whether an item used on `count` of `administrations` earlier forms is over the cap: when
/// delivering it on this form would lift its rate above `max_rate`, that is
/// `(count + 1) / (administrations + 1) > max_rate`. An item kept to that rule never goes
/// above the cap once the cap applies (see [`cap_applies`]), whatever order the forms come in.
pub(crate) fn over_cap(count: u64, administrations: u64, max_rate: f64) -> bool {
    (count as f64 + 1.0) > max_rate * (administrations as f64 + 1.0)
}

/// "No index" in the flat arrays.
pub(crate) const NONE: u32 = u32::MAX;

/// Largest (domain buckets × outcome buckets) grid looked up as a flat table when numbering
/// cells; larger ones use a map (cells in first-seen order either way).
const CELL_GRID_LIMIT: usize = 1 << 16;

/// Whether items over the exposure cap (`exposure.max_rate`, see [`over_cap`]) may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExposurePolicy {
    /// Leave them out.
    Avoid,
    /// Use them, as a last resort (the solver ranks them last and swaps them out after).
    Allow,
}

/// The two quota dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dimension {
    Domain,
    Outcome,
}

/// One quota bucket: a quota, or the free rest of a dimension.
#[derive(Debug, Clone)]
pub(crate) struct Bucket {
    pub dimension: Dimension,
    /// The quota, or `None` for the free bucket.
    pub quota: Option<QuotaTarget>,
    /// Exact number of items the form holds in this bucket.
    pub target: usize,
}

impl Bucket {
    /// Plain words for messages: `domain "NET"`, `domains without a quota`.
    pub fn label(&self) -> String {
        match (&self.quota, self.dimension) {
            (Some(q), Dimension::Domain) => format!("domain \"{}\"", q.id),
            (Some(q), Dimension::Outcome) => format!("outcome \"{}\"", q.id),
            (None, Dimension::Domain) => "items whose domain has no quota".into(),
            (None, Dimension::Outcome) => "items whose outcome has no quota".into(),
        }
    }

    /// The JSON path of the rule: `blueprint.domains[2]`, or the list for the free bucket.
    pub fn rule(&self) -> String {
        let list = match self.dimension {
            Dimension::Domain => "blueprint.domains",
            Dimension::Outcome => "blueprint.outcomes",
        };
        match &self.quota {
            Some(q) => format!("{list}[{}]", q.index),
            None => list.into(),
        }
    }
}

/// Per-item facts as indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ItemFacts {
    /// Domain bucket (global bucket index).
    pub db: u32,
    /// Outcome bucket (global bucket index).
    pub ob: u32,
    /// Enemy group index or NONE.
    pub enemy: u32,
    /// Set index (into `Bank::sets`) or NONE.
    pub set: u32,
    /// The unit that holds this item, or NONE when the item cannot be used.
    pub unit: u32,
    /// The (domain bucket, outcome bucket) cell of a usable item, or NONE.
    pub cell: u32,
    pub pinned: bool,
    pub seen: bool,
    pub overexposed: bool,
    /// Exempt from the seen and exposure exclusions (pinned, or in a pinned whole set).
    pub exempt: bool,
    /// The item's domain belongs to a section (always true without sections).
    pub has_section: bool,
}

impl ItemFacts {
    /// True when the item belongs to a usable unit.
    pub fn usable(&self) -> bool {
        self.unit != NONE
    }
}

/// An item set as the bank sees it.
#[derive(Debug, Clone)]
pub(crate) struct SetFacts<'p> {
    pub id: &'p str,
    /// Position in `package.sets`, or None for a set named only by items.
    pub index: Option<usize>,
    /// Every member, in bank order.
    pub members: Vec<u32>,
    /// How many members a form holds when it holds the set.
    pub draw: usize,
    /// A member is pinned, so every form holds the set.
    pub forced: bool,
    /// The form holds every member when it holds the set.
    pub whole: bool,
    /// Members that can be used.
    pub usable: usize,
}

impl SetFacts<'_> {
    /// JSON path of the set's rule.
    pub fn rule(&self) -> String {
        match self.index {
            Some(i) => format!("sets[{i}]"),
            None => "sets".into(),
        }
    }
}

/// A selection unit: one item, or an item set drawn all-or-none.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    /// Members in `Bank::members[start..start + len]`, in bank order (usable ones only).
    pub start: u32,
    pub len: u32,
    /// How many members go on the form.
    pub draw: u32,
    /// Set index or NONE for a single item.
    pub set: u32,
    /// On every form (a pinned item, or a set holding one).
    pub forced: bool,
}

/// The bank prepared for the solver.
pub(crate) struct Bank<'p> {
    pub package: &'p Package,
    pub length: usize,
    pub items: Vec<ItemFacts>,
    /// Domain buckets `0..domain_buckets`, then outcome buckets.
    pub buckets: Vec<Bucket>,
    pub domain_buckets: u32,
    pub units: Vec<Unit>,
    members: Vec<u32>,
    pub sets: Vec<SetFacts<'p>>,
    pub enemy_names: Vec<&'p str>,
    enemy_start: Vec<u32>,
    enemy_items: Vec<u32>,
    /// The buckets of each cell. Cells exist only where usable items are, so there are never
    /// more cells than items, whatever the number of quotas.
    cell_keys: Vec<(u32, u32)>,
    cell_start: Vec<u32>,
    cell_units: Vec<u32>,
    /// Usable set units, in bank order.
    pub set_units: Vec<u32>,
    /// Units on every form, in bank order.
    pub forced_units: Vec<u32>,
    pub soft: SoftTable,
    /// Structural problems: pins and sets that make every form impossible.
    pub problems: Vec<Shortfall>,
}

impl<'p> Bank<'p> {
    /// Prepare `package` for assembly under `context`.
    pub fn build(package: &'p Package, context: &AssemblyContext, policy: ExposurePolicy) -> Self {
        let bp = &package.blueprint;
        let length = bp.length;
        let mut problems = Vec::new();

        // Buckets.
        let mut buckets = Vec::new();
        let domain_index =
            dimension_buckets(&mut buckets, &mut problems, package, Dimension::Domain);
        let domain_buckets = buckets.len() as u32;
        let outcome_index =
            dimension_buckets(&mut buckets, &mut problems, package, Dimension::Outcome);
        let free_domain = domain_buckets - 1;
        let free_outcome = buckets.len() as u32 - 1;

        // Sections.
        let claimed: SortedSet<&str> = bp
            .sections
            .iter()
            .flat_map(|s| s.domains.iter().map(String::as_str))
            .collect();
        let catch_all = bp.sections.iter().any(|s| s.domains.is_empty());

        // Pins (checked against the bank below, while the items are read).
        let pinned: SortedSet<&str> = bp.pinned.iter().map(String::as_str).collect();
        let mut pins_found = 0usize;

        // Exposure cap: the ids over it (usually few, so each item's check is cheap).
        let over: SortedSet<&str> = match bp.exposure.max_rate {
            Some(r) if cap_applies(r, context.administrations) => context
                .exposure_counts
                .iter()
                .filter(|(_, &n)| over_cap(n, context.administrations, r))
                .map(|(id, _)| id.as_str())
                .collect(),
            _ => SortedSet::new(),
        };

        // Sets: declared ones first, then names only items use.
        let mut set_index: SortedMap<&str, u32> = SortedMap::new();
        let mut sets: Vec<SetFacts> = Vec::new();
        for (k, s) in package.sets.iter().enumerate() {
            if !set_index.contains_key(s.id.as_str()) {
                set_index.insert(&s.id, sets.len() as u32);
                sets.push(SetFacts {
                    id: &s.id,
                    index: Some(k),
                    members: Vec::new(),
                    draw: 0,
                    forced: false,
                    whole: true,
                    usable: 0,
                });
            }
        }

        // Items.
        let mut enemy_index: SortedMap<&str, u32> = SortedMap::new();
        let mut enemy_names: Vec<&str> = Vec::new();
        let mut items = Vec::with_capacity(package.items.len());
        // Banks usually list a domain's items together: the last lookup is kept.
        let mut last_domain: Option<(&str, u32)> = None;
        for (i, item) in package.items.iter().enumerate() {
            let db = match last_domain {
                Some((d, b)) if d == item.domain => b,
                _ => {
                    let b = domain_index
                        .get(item.domain.as_str())
                        .copied()
                        .unwrap_or(free_domain);
                    last_domain = Some((item.domain.as_str(), b));
                    b
                }
            };
            let ob = if outcome_index.is_empty() {
                free_outcome
            } else {
                item.primary_outcome()
                    .and_then(|o| outcome_index.get(o).copied())
                    .unwrap_or(free_outcome)
            };
            let enemy = match &item.enemy_group {
                Some(g) => *enemy_index.entry(g).or_insert_with(|| {
                    enemy_names.push(g);
                    enemy_names.len() as u32 - 1
                }),
                None => NONE,
            };
            let set = match &item.set {
                Some(s) => *set_index.entry(s).or_insert_with(|| {
                    sets.push(SetFacts {
                        id: s,
                        index: None,
                        members: Vec::new(),
                        draw: 0,
                        forced: false,
                        whole: true,
                        usable: 0,
                    });
                    sets.len() as u32 - 1
                }),
                None => NONE,
            };
            let is_pinned = !pinned.is_empty() && pinned.contains(item.id.as_str());
            pins_found += usize::from(is_pinned);
            if let Some(s) = sets.get_mut(set as usize) {
                s.members.push(i as u32);
                s.forced |= is_pinned;
            }
            // An item without a count is never over the cap: (0 + 1) / (administrations + 1)
            // is at most max_rate once the cap applies (administrations ≥ 2 / max_rate).
            let overexposed = !over.is_empty() && over.contains(item.id.as_str());
            items.push(ItemFacts {
                db,
                ob,
                enemy,
                set,
                unit: NONE,
                cell: NONE,
                pinned: is_pinned,
                seen: context.seen_item_ids.contains(&item.id),
                overexposed,
                exempt: is_pinned,
                has_section: bp.sections.is_empty()
                    || catch_all
                    || claimed.contains(item.domain.as_str()),
            });
        }
        if pins_found < pinned.len() {
            let ids: SortedSet<&str> = package.items.iter().map(|i| i.id.as_str()).collect();
            for (k, id) in bp.pinned.iter().enumerate() {
                if !ids.contains(id.as_str()) {
                    problems.push(Shortfall {
                        rule: format!("blueprint.pinned[{k}]"),
                        message: format!("pinned item \"{id}\" is not in the bank"),
                        needed: 1,
                        available: 0,
                    });
                }
            }
        }
        for s in &mut sets {
            let declared = s.index.and_then(|k| package.sets.get(k));
            s.draw = declared.and_then(|d| d.draw).unwrap_or(s.members.len());
            s.whole = s.draw >= s.members.len();
            if s.forced && s.whole {
                for &m in &s.members {
                    if let Some(f) = items.get_mut(m as usize) {
                        f.exempt = true;
                    }
                }
            }
        }
        let excluded = |f: &ItemFacts| {
            !f.has_section
                || (f.seen && !f.exempt)
                || (policy == ExposurePolicy::Avoid && f.overexposed && !f.exempt)
        };

        // Units, in bank order of their first member.
        let mut units: Vec<Unit> = Vec::new();
        let mut members: Vec<u32> = Vec::new();
        let mut set_done = vec![false; sets.len()];
        for i in 0..items.len() {
            let f = items[i];
            if f.set == NONE {
                if !excluded(&f) {
                    let u = units.len() as u32;
                    units.push(Unit {
                        start: members.len() as u32,
                        len: 1,
                        draw: 1,
                        set: NONE,
                        forced: f.pinned,
                    });
                    members.push(i as u32);
                    items[i].unit = u;
                } else if f.pinned {
                    problems.push(unplaceable_pin(package, i));
                }
                continue;
            }
            let s = f.set as usize;
            if set_done.get(s).copied().unwrap_or(true) {
                continue;
            }
            set_done[s] = true;
            let usable: Vec<u32> = sets[s]
                .members
                .iter()
                .copied()
                .filter(|&m| !excluded(&items[m as usize]))
                .collect();
            let pins = sets[s]
                .members
                .iter()
                .filter(|&&m| items[m as usize].pinned)
                .count();
            let set = &mut sets[s];
            set.usable = usable.len();
            if set.draw >= 1 && usable.len() >= set.draw && pins <= set.draw {
                let u = units.len() as u32;
                units.push(Unit {
                    start: members.len() as u32,
                    len: usable.len() as u32,
                    draw: set.draw as u32,
                    set: s as u32,
                    forced: set.forced,
                });
                for &m in &usable {
                    items[m as usize].unit = u;
                }
                members.extend_from_slice(&usable);
            } else if set.forced {
                problems.push(unusable_forced_set(package, set, &items, pins));
            }
        }

        // Enemy groups: usable items per group.
        let (enemy_start, enemy_items) = group_lists(
            enemy_names.len(),
            items
                .iter()
                .enumerate()
                .filter(|(_, f)| f.usable() && f.enemy != NONE)
                .map(|(i, f)| (f.enemy as usize, i as u32)),
        );

        // Cells: the (domain bucket, outcome bucket) pairs of usable items, in first-seen
        // order, and the single-item units of each.
        let mut cell_keys: Vec<(u32, u32)> = Vec::new();
        let outcome_buckets = buckets.len() - domain_buckets as usize;
        let grid = (domain_buckets as usize).saturating_mul(outcome_buckets);
        if grid <= CELL_GRID_LIMIT {
            // A flat (domain bucket × outcome bucket) table.
            let mut cell_of = vec![NONE; grid];
            for f in items.iter_mut().filter(|f| f.unit != NONE) {
                let at =
                    f.db as usize * outcome_buckets + f.ob.saturating_sub(domain_buckets) as usize;
                if let Some(slot) = cell_of.get_mut(at) {
                    if *slot == NONE {
                        *slot = cell_keys.len() as u32;
                        cell_keys.push((f.db, f.ob));
                    }
                    f.cell = *slot;
                }
            }
        } else {
            let mut cell_index: SortedMap<(u32, u32), u32> = SortedMap::new();
            for f in items.iter_mut().filter(|f| f.unit != NONE) {
                f.cell = *cell_index.entry((f.db, f.ob)).or_insert_with(|| {
                    cell_keys.push((f.db, f.ob));
                    cell_keys.len() as u32 - 1
                });
            }
        }
        let (cell_start, cell_units) = group_lists(
            cell_keys.len(),
            units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.set == NONE)
                .map(|(k, u)| {
                    let cell = members
                        .get(u.start as usize)
                        .and_then(|&i| items.get(i as usize))
                        .map_or(usize::MAX, |f| f.cell as usize);
                    (cell, k as u32)
                }),
        );
        let set_units = (0..units.len() as u32)
            .filter(|&u| units[u as usize].set != NONE)
            .collect();
        let forced_units = (0..units.len() as u32)
            .filter(|&u| units[u as usize].forced)
            .collect();

        let mut bank = Bank {
            package,
            length,
            items,
            buckets,
            domain_buckets,
            units,
            members,
            sets,
            enemy_names,
            enemy_start,
            enemy_items,
            cell_keys,
            cell_start,
            cell_units,
            set_units,
            forced_units,
            soft: SoftTable::build(package),
            problems,
        };
        bank.check_forced_content();
        bank
    }

    /// Usable members of a unit, in bank order.
    pub fn unit_members(&self, unit: u32) -> &[u32] {
        match self.units.get(unit as usize) {
            Some(u) => {
                let start = u.start as usize;
                self.members
                    .get(start..start + u.len as usize)
                    .unwrap_or(&[])
            }
            None => &[],
        }
    }

    /// Usable items of an enemy group.
    pub fn enemy_members(&self, group: u32) -> &[u32] {
        slice_of(&self.enemy_start, &self.enemy_items, group as usize)
    }

    /// Number of outcome buckets.
    pub fn outcome_buckets(&self) -> usize {
        self.buckets.len() - self.domain_buckets as usize
    }

    /// Number of (domain bucket, outcome bucket) cells that hold usable items.
    pub fn cells(&self) -> usize {
        self.cell_keys.len()
    }

    /// The domain and outcome bucket of a cell.
    pub fn cell_buckets(&self, cell: usize) -> (u32, u32) {
        self.cell_keys.get(cell).copied().unwrap_or((0, 0))
    }

    /// Single-item units of a cell, in bank order.
    pub fn cell_units(&self, cell: usize) -> &[u32] {
        slice_of(&self.cell_start, &self.cell_units, cell)
    }

    /// The facts of an item (items come from the bank's own arrays, so this always holds).
    pub fn item(&self, i: u32) -> &ItemFacts {
        &self.items[i as usize]
    }

    /// The package id of a bank item.
    pub fn item_id(&self, i: u32) -> &'p str {
        self.package
            .items
            .get(i as usize)
            .map_or("", |it| it.id.as_str())
    }

    /// Items every form must hold whatever else is chosen: pinned items and the members of
    /// pinned sets drawn whole.
    pub fn certain(&self, i: u32) -> bool {
        let f = self.item(i);
        f.usable() && (f.pinned || (f.exempt && self.units[f.unit as usize].forced))
    }

    /// Pins that cannot share a form, and forced content beyond a quota or the form length.
    fn check_forced_content(&mut self) {
        // The first certain item of each enemy group (NONE: none yet).
        let mut first_in_group = vec![NONE; self.enemy_names.len()];
        let mut per_bucket = vec![0usize; self.buckets.len()];
        for i in 0..self.items.len() as u32 {
            if !self.certain(i) {
                continue;
            }
            let f = *self.item(i);
            per_bucket[f.db as usize] += 1;
            per_bucket[f.ob as usize] += 1;
            if f.enemy == NONE {
                continue;
            }
            let Some(first) = first_in_group.get_mut(f.enemy as usize) else {
                continue;
            };
            if *first != NONE {
                let other = *first;
                self.problems.push(Shortfall {
                    rule: "blueprint.pinned".into(),
                    message: format!(
                        "items \"{}\" and \"{}\" must both be on every form (pinned, or in a pinned set) but are enemies (enemy group \"{}\")",
                        self.item_id(other),
                        self.item_id(i),
                        self.enemy_names.get(f.enemy as usize).copied().unwrap_or("")
                    ),
                    needed: 2,
                    available: 1,
                });
            } else {
                *first = i;
            }
        }
        for (b, bucket) in self.buckets.iter().enumerate() {
            if per_bucket[b] > bucket.target {
                self.problems.push(Shortfall {
                    rule: bucket.rule(),
                    message: format!(
                        "{} takes {} item(s) but pinned items (with their sets) already put {} in it",
                        bucket.label(),
                        bucket.target,
                        per_bucket[b]
                    ),
                    needed: per_bucket[b],
                    available: bucket.target,
                });
            }
        }
        let forced: usize = self
            .forced_units
            .iter()
            .map(|&u| self.units[u as usize].draw as usize)
            .sum();
        if forced > self.length {
            self.problems.push(Shortfall {
                rule: "blueprint.pinned".into(),
                message: format!(
                    "pinned items and their sets fill {forced} places but the form has {}",
                    self.length
                ),
                needed: forced,
                available: self.length,
            });
        }
    }
}

/// Add the buckets of one dimension; returns quota id → bucket index. The free bucket is last.
fn dimension_buckets<'p>(
    buckets: &mut Vec<Bucket>,
    problems: &mut Vec<Shortfall>,
    package: &'p Package,
    dimension: Dimension,
) -> SortedMap<&'p str, u32> {
    let bp = &package.blueprint;
    let (quotas, list, what) = match dimension {
        Dimension::Domain => (&bp.domains, "blueprint.domains", "domain"),
        Dimension::Outcome => (&bp.outcomes, "blueprint.outcomes", "outcome"),
    };
    let targets = quota_targets(quotas, bp.length);
    let mut index: SortedMap<&'p str, u32> = SortedMap::new();
    let mut sum = 0usize;
    for (q, t) in quotas.iter().zip(targets) {
        if index.contains_key(q.id.as_str()) {
            problems.push(Shortfall {
                rule: format!("{list}[{}]", t.index),
                message: format!("{what} \"{}\" has two quotas", q.id),
                needed: 1,
                available: 0,
            });
            continue;
        }
        index.insert(&q.id, buckets.len() as u32);
        sum = sum.saturating_add(t.count);
        buckets.push(Bucket {
            dimension,
            target: t.count,
            quota: Some(t),
        });
    }
    if sum > bp.length {
        problems.push(Shortfall {
            rule: list.into(),
            message: format!(
                "{what} quotas add up to {sum} items, more than the form length {}",
                bp.length
            ),
            needed: sum,
            available: bp.length,
        });
    }
    buckets.push(Bucket {
        dimension,
        quota: None,
        target: bp.length.saturating_sub(sum),
    });
    index
}

fn unplaceable_pin(package: &Package, i: usize) -> Shortfall {
    let item = &package.items[i];
    let k = package
        .blueprint
        .pinned
        .iter()
        .position(|p| *p == item.id)
        .unwrap_or(0);
    Shortfall {
        rule: format!("blueprint.pinned[{k}]"),
        message: format!(
            "pinned item \"{}\" cannot be placed: its domain \"{}\" belongs to no section",
            item.id, item.domain
        ),
        needed: 1,
        available: 0,
    }
}

fn unusable_forced_set(
    package: &Package,
    set: &SetFacts,
    items: &[ItemFacts],
    pins: usize,
) -> Shortfall {
    let pin = set
        .members
        .iter()
        .find(|&&m| items[m as usize].pinned)
        .and_then(|&m| package.items.get(m as usize))
        .map_or("", |it| it.id.as_str());
    let message = if pins > set.draw {
        format!(
            "set \"{}\" draws {} item(s) but {pins} of its items are pinned",
            set.id, set.draw
        )
    } else {
        let seen = set
            .members
            .iter()
            .filter(|&&m| items[m as usize].seen && !items[m as usize].exempt)
            .count();
        format!(
            "set \"{}\" must be on every form (it holds pinned item \"{pin}\") and draws {} item(s), but only {} remain after excluding {seen} seen item(s), overexposed items and items outside every section",
            set.id, set.draw, set.usable
        )
    };
    Shortfall {
        rule: set.rule(),
        message,
        needed: set.draw,
        available: set.usable,
    }
}

/// Compressed lists: `start[g]..start[g + 1]` indexes `values` for group `g`.
fn group_lists(groups: usize, pairs: impl Iterator<Item = (usize, u32)>) -> (Vec<u32>, Vec<u32>) {
    let pairs: Vec<(usize, u32)> = pairs.filter(|(g, _)| *g < groups).collect();
    let mut start = vec![0u32; groups + 1];
    for (g, _) in &pairs {
        start[g + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut values = vec![0u32; pairs.len()];
    for (g, v) in pairs {
        values[fill[g] as usize] = v;
        fill[g] += 1;
    }
    (start, values)
}

fn slice_of<'a>(start: &[u32], values: &'a [u32], g: usize) -> &'a [u32] {
    match (start.get(g), start.get(g + 1)) {
        (Some(&a), Some(&b)) => values.get(a as usize..b as usize).unwrap_or(&[]),
        _ => &[],
    }
}
