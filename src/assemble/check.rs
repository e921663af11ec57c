//! The independent checker: every hard rule of the blueprint, verified on a finished form from
//! the package and the form alone (no solver data), so a solver bug can never deliver a bad
//! form. `assemble_form` runs it on every form before returning it; verifiers and tests can run
//! it on any form.

use crate::model::{Choice, Gap, Interaction, Item, Package, SectionOrder};
use crate::sorted_map::{SortedMap, SortedSet};
use crate::stable_sort;

use super::form::{Form, FormItem};
use super::order::{section_of, MAIN_SECTION};
use super::quota::quota_targets;
use super::AssemblyContext;

/// Every hard rule the form breaks, in plain words. Empty when the form is sound.
///
/// Checked: length and unknown or repeated items; domain and outcome quotas (exact, outcomes
/// on each item's primary outcome); enemy groups; item sets (all-or-none with `draw`,
/// contiguous, in bank order); pins; seen items (pinned items, and the items of a pinned set
/// drawn whole, are exempt); sections (placement, boundaries, fixed order); and the choice
/// orders (permutations, pinned choices in place, authored order when shuffling is off,
/// ordering steps not in their authored order).
pub fn check_form(package: &Package, form: &Form, context: &AssemblyContext) -> Vec<String> {
    check_form_at(package, form, context, None)
}

/// [`check_form`] with a hint: the bank position of each form item, as the solver knows it.
/// The hint is verified id by id and only saves the search of the bank; a wrong hint falls
/// back to the search.
pub(crate) fn check_form_at(
    package: &Package,
    form: &Form,
    context: &AssemblyContext,
    positions: Option<&[u32]>,
) -> Vec<String> {
    let bp = &package.blueprint;
    let mut v = Vec::new();
    let index = bank_positions(package, form, positions);

    // Items: known, once each, the right number.
    let mut on: Vec<(usize, &Item)> = Vec::with_capacity(form.items.len());
    let mut ids: SortedSet<&str> = SortedSet::new();
    for (pos, fi) in form.items.iter().enumerate() {
        match index.get(fi.item_id.as_str()).filter(|&&k| k != usize::MAX) {
            None => v.push(format!(
                "form item {pos}: \"{}\" is not in the bank",
                fi.item_id
            )),
            Some(&k) => {
                if !ids.insert(&fi.item_id) {
                    v.push(format!(
                        "form item {pos}: \"{}\" is on the form twice",
                        fi.item_id
                    ));
                }
                on.push((k, &package.items[k]));
            }
        }
    }
    if form.items.len() != bp.length {
        v.push(format!(
            "the form holds {} items; the blueprint needs {}",
            form.items.len(),
            bp.length
        ));
    }

    // Quotas.
    for t in quota_targets(&bp.domains, bp.length) {
        let n = on.iter().filter(|(_, it)| it.domain == t.id).count();
        if n != t.count {
            v.push(format!(
                "domain \"{}\" has {n} item(s); its quota (blueprint.domains[{}]) is {}",
                t.id, t.index, t.count
            ));
        }
    }
    for t in quota_targets(&bp.outcomes, bp.length) {
        let n = on
            .iter()
            .filter(|(_, it)| it.primary_outcome() == Some(t.id.as_str()))
            .count();
        if n != t.count {
            v.push(format!(
                "outcome \"{}\" has {n} item(s); its quota (blueprint.outcomes[{}]) is {}",
                t.id, t.index, t.count
            ));
        }
    }

    // Enemies.
    let mut groups: SortedMap<&str, &str> = SortedMap::new();
    for (_, it) in &on {
        if let Some(g) = it.enemy_group.as_deref() {
            if let Some(first) = groups.insert(g, &it.id) {
                v.push(format!(
                    "items \"{first}\" and \"{}\" are enemies (enemy group \"{g}\")",
                    it.id
                ));
            }
        }
    }

    // Pins.
    for id in &bp.pinned {
        if !ids.contains(id.as_str()) {
            v.push(format!("pinned item \"{id}\" is missing"));
        }
    }

    // Sets: members per set in the bank, forced sets.
    let mut set_members: SortedMap<&str, Vec<usize>> = SortedMap::new();
    for (k, it) in package.items.iter().enumerate() {
        if let Some(s) = it.set.as_deref() {
            set_members.entry(s).or_default().push(k);
        }
    }
    let pinned: SortedSet<&str> = bp.pinned.iter().map(String::as_str).collect();
    let set_draw = |s: &str| -> usize {
        let total = set_members.get(s).map_or(0, Vec::len);
        package.set(s).and_then(|d| d.draw).unwrap_or(total)
    };
    let exempt = |it: &Item| -> bool {
        if pinned.contains(it.id.as_str()) {
            return true;
        }
        let Some(s) = it.set.as_deref() else {
            return false;
        };
        let members = set_members.get(s).map_or(&[][..], Vec::as_slice);
        let forced = members
            .iter()
            .any(|&k| pinned.contains(package.items[k].id.as_str()));
        forced && set_draw(s) >= members.len()
    };

    // Seen.
    for (_, it) in &on {
        if context.seen_item_ids.contains(&it.id) && !exempt(it) {
            v.push(format!("item \"{}\" was seen on an earlier attempt", it.id));
        }
    }

    // Sets on the form: all-or-none, contiguous, bank order.
    let mut positions: SortedMap<&str, Vec<(usize, usize)>> = SortedMap::new();
    for (pos, (k, it)) in on.iter().enumerate() {
        if let Some(s) = it.set.as_deref() {
            positions.entry(s).or_default().push((pos, *k));
        }
    }
    for (s, places) in &positions {
        let draw = set_draw(s);
        if places.len() != draw {
            v.push(format!(
                "set \"{s}\" has {} item(s) on the form; it is drawn all-or-none with {draw}",
                places.len()
            ));
        }
        let contiguous = places.windows(2).all(|w| w[1].0 == w[0].0 + 1);
        let bank_order = places.windows(2).all(|w| w[1].1 > w[0].1);
        if !contiguous || !bank_order {
            v.push(format!(
                "the items of set \"{s}\" are not together in bank order"
            ));
        }
    }

    check_sections(package, form, &on, &mut v);

    // Choices.
    for (fi, (_, it)) in form.items.iter().zip(&on) {
        check_choices(bp.shuffle_choices, it, fi, &mut v);
    }
    v
}

/// Bank position of each form item id (`usize::MAX` for ids not in the bank).
fn bank_positions<'a>(
    package: &Package,
    form: &'a Form,
    hint: Option<&[u32]>,
) -> SortedMap<&'a str, usize> {
    if let Some(hint) = hint {
        let confirmed = hint.len() == form.items.len()
            && form.items.iter().zip(hint).all(|(fi, &k)| {
                package
                    .items
                    .get(k as usize)
                    .is_some_and(|it| it.id == fi.item_id)
            });
        if confirmed {
            return form
                .items
                .iter()
                .zip(hint)
                .map(|(fi, &k)| (fi.item_id.as_str(), k as usize))
                .collect();
        }
    }
    search_positions(package, form)
}

fn search_positions<'a>(package: &Package, form: &'a Form) -> SortedMap<&'a str, usize> {
    let mut index: SortedMap<&str, usize> = form
        .items
        .iter()
        .map(|fi| (fi.item_id.as_str(), usize::MAX))
        .collect();
    for (k, it) in package.items.iter().enumerate() {
        if let Some(slot) = index.get_mut(it.id.as_str()) {
            if *slot == usize::MAX {
                *slot = k;
            }
        }
    }
    index
}

fn check_sections(package: &Package, form: &Form, on: &[(usize, &Item)], v: &mut Vec<String>) {
    let bp = &package.blueprint;
    let mut expected_end = 0usize;
    let mut last_section: Option<usize> = None;
    for s in &form.sections {
        let k = if bp.sections.is_empty() {
            (s.id == MAIN_SECTION).then_some(0)
        } else {
            bp.sections.iter().position(|b| b.id == s.id)
        };
        match k {
            None => v.push(format!("section \"{}\" is not in the blueprint", s.id)),
            Some(k) => {
                if last_section.is_some_and(|l| k <= l) {
                    v.push(format!("section \"{}\" is out of blueprint order", s.id));
                }
                last_section = Some(k);
            }
        }
        if s.start != expected_end || s.end < s.start {
            v.push(format!(
                "section \"{}\" spans {}..{}; it should start at {expected_end}",
                s.id, s.start, s.end
            ));
        }
        expected_end = s.end;
    }
    if expected_end != form.items.len() {
        v.push(format!(
            "the sections cover {expected_end} of the form's {} items",
            form.items.len()
        ));
    }
    // Where each item must be: its domain's section, or its set's first item's section.
    let mut set_section: SortedMap<&str, Option<usize>> = SortedMap::new();
    let mut by_bank: Vec<&(usize, &Item)> = on.iter().collect();
    stable_sort::sort_by_key(&mut by_bank, |(k, _)| *k);
    for (_, it) in &by_bank {
        if let Some(s) = it.set.as_deref() {
            set_section
                .entry(s)
                .or_insert_with(|| section_of(bp, &it.domain));
        }
    }
    for (pos, (_, it)) in on.iter().enumerate() {
        let want = match it.set.as_deref() {
            Some(s) => set_section.get(s).copied().flatten(),
            None => section_of(bp, &it.domain),
        };
        let Some(section) = form.sections.iter().find(|s| s.start <= pos && pos < s.end) else {
            continue;
        };
        let want_id = match want {
            Some(k) => bp.sections.get(k).map_or(MAIN_SECTION, |s| s.id.as_str()),
            None => {
                v.push(format!(
                    "item \"{}\": domain \"{}\" belongs to no section",
                    it.id, it.domain
                ));
                continue;
            }
        };
        if section.id != want_id {
            v.push(format!(
                "item \"{}\" is in section \"{}\"; it belongs in \"{want_id}\"",
                it.id, section.id
            ));
        }
    }
    // Fixed sections keep bank order (a set is one block at its first item).
    for s in &form.sections {
        let fixed = bp
            .sections
            .iter()
            .find(|b| b.id == s.id)
            .is_some_and(|b| b.order == SectionOrder::Fixed);
        if !fixed {
            continue;
        }
        let mut firsts: Vec<usize> = Vec::new();
        let mut blocks: SortedSet<&str> = SortedSet::new();
        for (k, it) in on.get(s.start..s.end.min(on.len())).unwrap_or(&[]) {
            match it.set.as_deref() {
                Some(set) if !blocks.insert(set) => {}
                _ => firsts.push(*k),
            }
        }
        if firsts.windows(2).any(|w| w[1] < w[0]) {
            v.push(format!("fixed section \"{}\" is not in bank order", s.id));
        }
    }
}

fn check_choices(shuffle_choices: bool, it: &Item, fi: &FormItem, v: &mut Vec<String>) {
    let mut expect_targets = false;
    let mut expect_gaps = false;
    match &it.interaction {
        Interaction::SingleChoice {
            choices, shuffle, ..
        }
        | Interaction::MultipleResponse {
            choices, shuffle, ..
        } => {
            check_list(
                &it.id,
                "choice_order",
                choices,
                &fi.choice_order,
                shuffle_choices && *shuffle,
                v,
            );
        }
        Interaction::Ordering { choices, .. } => {
            check_list(&it.id, "choice_order", choices, &fi.choice_order, true, v);
            let free = choices.iter().filter(|c| !c.pinned).count();
            let authored = choices.iter().map(|c| &c.id).eq(fi.choice_order.iter());
            if free >= 2 && authored {
                v.push(format!(
                    "item \"{}\": ordering steps are delivered in their authored order",
                    it.id
                ));
            }
        }
        Interaction::Matching {
            sources,
            targets,
            shuffle,
            ..
        } => {
            let allowed = shuffle_choices && *shuffle;
            check_list(
                &it.id,
                "choice_order",
                sources,
                &fi.choice_order,
                allowed,
                v,
            );
            check_list(
                &it.id,
                "target_order",
                targets,
                &fi.target_order,
                allowed,
                v,
            );
            expect_targets = true;
        }
        Interaction::Cloze { gaps, .. } => {
            let mut want: SortedSet<&str> = SortedSet::new();
            for gap in gaps {
                if let Gap::Choice {
                    id,
                    choices,
                    shuffle,
                    ..
                } = gap
                {
                    want.insert(id);
                    match fi.gap_orders.get(id) {
                        Some(order) => check_list(
                            &it.id,
                            &format!("gap_orders.{id}"),
                            choices,
                            order,
                            shuffle_choices && *shuffle,
                            v,
                        ),
                        None => v.push(format!(
                            "item \"{}\": gap \"{id}\" has no choice order",
                            it.id
                        )),
                    }
                }
            }
            let got: SortedSet<&str> = fi.gap_orders.keys().map(String::as_str).collect();
            if got != want {
                v.push(format!(
                    "item \"{}\": gap orders are given for the wrong gaps",
                    it.id
                ));
            }
            expect_gaps = true;
            if !fi.choice_order.is_empty() {
                v.push(format!(
                    "item \"{}\": a cloze item has no choice order",
                    it.id
                ));
            }
        }
        Interaction::TrueFalse { .. }
        | Interaction::TextEntry { .. }
        | Interaction::Numeric { .. }
        | Interaction::ExtendedText { .. } => {
            if !fi.choice_order.is_empty() {
                v.push(format!(
                    "item \"{}\": a {} item has no choice order",
                    it.id,
                    it.interaction.kind()
                ));
            }
        }
    }
    if !expect_targets && !fi.target_order.is_empty() {
        v.push(format!(
            "item \"{}\": only matching items have a target order",
            it.id
        ));
    }
    if !expect_gaps && !fi.gap_orders.is_empty() {
        v.push(format!(
            "item \"{}\": only cloze items have gap orders",
            it.id
        ));
    }
}

/// `got` must be a permutation of the choice ids with pinned choices in place, and the
/// authored order when shuffling is not allowed.
fn check_list(
    item: &str,
    what: &str,
    choices: &[Choice],
    got: &[String],
    shuffle_allowed: bool,
    v: &mut Vec<String>,
) {
    let mut want: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
    let mut have: Vec<&str> = got.iter().map(String::as_str).collect();
    // Stable or not, equal ids cannot be told apart.
    stable_sort::sort(&mut want);
    stable_sort::sort(&mut have);
    if want != have {
        v.push(format!(
            "item \"{item}\": {what} is not a permutation of the authored list"
        ));
        return;
    }
    for (k, c) in choices.iter().enumerate() {
        let moved = got.get(k).map(String::as_str) != Some(c.id.as_str());
        if moved && (c.pinned || !shuffle_allowed) {
            let why = if c.pinned {
                "is pinned"
            } else {
                "may not be shuffled"
            };
            v.push(format!(
                "item \"{item}\": {what}: \"{}\" {why} but moved from position {k}",
                c.id
            ));
        }
    }
}
