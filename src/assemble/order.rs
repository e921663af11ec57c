//! Item order: which section each selected item goes in, and the order inside each section.
//!
//! An item goes in the section that claims its domain, else in the catch-all section (the one
//! with no domains). Without sections the form has one shuffled section, `main`. The items of
//! a set form one block, in bank order, placed in the section of the set's first item on the
//! form. A `fixed` section keeps bank order; a `shuffled` one shuffles its blocks with the
//! item-order stream (sections in blueprint order), so ordering never changes which items
//! were selected. Sections that receive no item are left out of the form.

use crate::model::{Blueprint, Package, SectionOrder};
use crate::sorted_map::SortedMap;

use super::form::FormSection;
use super::random::{Seed, SeededRng, Stream};

/// Id of the one section of a blueprint without sections.
pub const MAIN_SECTION: &str = "main";

/// The form's items (bank indices) in delivery order, and its sections.
pub(crate) struct Arranged {
    pub order: Vec<u32>,
    pub sections: Vec<FormSection>,
}

/// The index of the section that holds items of `domain`: the one that claims it, else the
/// catch-all. Without sections, 0 (the implicit `main` section).
pub fn section_of(blueprint: &Blueprint, domain: &str) -> Option<usize> {
    if blueprint.sections.is_empty() {
        return Some(0);
    }
    blueprint
        .sections
        .iter()
        .position(|s| s.domains.iter().any(|d| d == domain))
        .or_else(|| blueprint.sections.iter().position(|s| s.domains.is_empty()))
}

/// Place the picked items (bank indices in bank order) into sections and order them.
pub(crate) fn arrange(package: &Package, picked: &[u32], seed: Seed) -> Arranged {
    let bp = &package.blueprint;
    let section_count = bp.sections.len().max(1);
    // Blocks in bank order of their first item; a set is one block.
    let mut blocks: Vec<(usize, Vec<u32>)> = Vec::new();
    let mut set_block: SortedMap<&str, usize> = SortedMap::new();
    for &i in picked {
        let Some(item) = package.items.get(i as usize) else {
            continue;
        };
        if let Some(s) = item.set.as_deref() {
            if let Some(&b) = set_block.get(s) {
                blocks[b].1.push(i);
                continue;
            }
            set_block.insert(s, blocks.len());
        }
        let section = section_of(bp, &item.domain).unwrap_or(section_count - 1);
        blocks.push((section, vec![i]));
    }
    let mut rng = SeededRng::new(seed, Stream::ItemOrder);
    let mut order = Vec::with_capacity(picked.len());
    let mut sections = Vec::new();
    for s in 0..section_count {
        let mut mine: Vec<&Vec<u32>> = blocks
            .iter()
            .filter(|(sec, _)| *sec == s)
            .map(|(_, b)| b)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let (id, title, ordering) = match bp.sections.get(s) {
            Some(sec) => (sec.id.clone(), sec.title.clone(), sec.order),
            None => (
                MAIN_SECTION.to_string(),
                String::new(),
                SectionOrder::Shuffled,
            ),
        };
        if ordering == SectionOrder::Shuffled {
            rng.shuffle(&mut mine);
        }
        let start = order.len();
        for block in mine {
            order.extend_from_slice(block);
        }
        sections.push(FormSection {
            id,
            title,
            start,
            end: order.len(),
        });
    }
    Arranged { order, sections }
}
