//! The shipped example packages: every `examples/*.json` loads and validates, and the
//! certificate quiz covers what it is meant to demonstrate (every interaction kind, five
//! outcomes with enough evidence each, a blueprint the bank can fill).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use certa::model::{Interaction, InteractionKind, Package};

const CERTIFICATE_QUIZ: &str = "examples/certificate-quiz.json";

const ALL_KINDS: [InteractionKind; 9] = [
    InteractionKind::SingleChoice,
    InteractionKind::MultipleResponse,
    InteractionKind::TrueFalse,
    InteractionKind::TextEntry,
    InteractionKind::Numeric,
    InteractionKind::Ordering,
    InteractionKind::Matching,
    InteractionKind::Cloze,
    InteractionKind::ExtendedText,
];

fn example_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Package {
    let json = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    match Package::load(&json) {
        Ok(package) => package,
        Err(err) => {
            let problems: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
            panic!(
                "{} is not a valid package:\n  {}",
                path.display(),
                problems.join("\n  ")
            )
        }
    }
}

fn certificate_quiz() -> Package {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(CERTIFICATE_QUIZ))
}

#[test]
fn every_example_package_loads_and_validates() {
    let files = example_files();
    assert!(
        files.iter().any(|p| p.ends_with(CERTIFICATE_QUIZ)),
        "{CERTIFICATE_QUIZ} is missing from {files:?}"
    );
    for path in &files {
        let package = load(path);
        assert!(!package.items.is_empty(), "{} has no items", path.display());
    }
}

#[test]
fn certificate_quiz_uses_every_interaction_kind() {
    let package = certificate_quiz();
    let mut counts: BTreeMap<InteractionKind, usize> = BTreeMap::new();
    for item in &package.items {
        *counts.entry(item.interaction.kind()).or_default() += 1;
    }
    for kind in ALL_KINDS {
        assert!(
            counts.get(&kind).copied().unwrap_or(0) >= 2,
            "the quiz should hold at least two {kind} items, found {counts:?}"
        );
    }
}

#[test]
fn certificate_quiz_has_five_outcomes_each_with_enough_aligned_items() {
    let package = certificate_quiz();
    assert_eq!(package.outcomes.len(), 5);
    let required = package.outcomes.iter().filter(|o| o.required).count();
    assert!(
        (3..=4).contains(&required),
        "3 or 4 outcomes should be required for the certificate, found {required}"
    );
    for outcome in &package.outcomes {
        let aligned = package
            .items
            .iter()
            .filter(|i| i.outcomes.iter().any(|a| a.outcome == outcome.id))
            .count();
        assert!(
            aligned >= 6,
            "outcome {} has only {aligned} aligned items",
            outcome.id
        );
        assert!(
            (0.7..=0.8).contains(&outcome.mastery),
            "outcome {} mastery {}",
            outcome.id,
            outcome.mastery
        );
    }
}

/// Each outcome quota must be reachable even when every enemy group contributes one item
/// and the set contributes `draw` items: count the distinct "slots" per primary outcome.
#[test]
fn certificate_quiz_outcome_quotas_survive_enemies_and_the_set() {
    let package = certificate_quiz();
    let bp = &package.blueprint;
    let quota_total: usize = bp.outcomes.iter().filter_map(|q| q.count).sum();
    assert_eq!(
        quota_total, bp.length,
        "outcome quotas should fill the form"
    );
    for quota in &bp.outcomes {
        let wanted = quota.count.expect("the quiz uses counts");
        let primaries: Vec<_> = package
            .items
            .iter()
            .filter(|i| i.primary_outcome() == Some(quota.id.as_str()))
            .collect();
        assert!(
            primaries.len() >= 7,
            "outcome {} is primary for only {} items",
            quota.id,
            primaries.len()
        );
        let enemy_groups: BTreeSet<&str> = primaries
            .iter()
            .filter_map(|i| i.enemy_group.as_deref())
            .collect();
        let free = primaries
            .iter()
            .filter(|i| i.enemy_group.is_none() && i.set.is_none())
            .count();
        assert!(
            free + enemy_groups.len() >= wanted,
            "outcome {} can fill only {} of its {wanted} places without the set",
            quota.id,
            free + enemy_groups.len()
        );
    }
}

#[test]
fn certificate_quiz_set_enemies_and_pinned_choices_are_well_formed() {
    let package = certificate_quiz();
    let set = package.set("SET-FORM").expect("the form-review set");
    let members = package
        .items
        .iter()
        .filter(|i| i.set.as_deref() == Some("SET-FORM"))
        .count();
    assert_eq!(members, 3);
    assert_eq!(set.draw, Some(2));
    assert!(
        set.stimulus.contains("&lt;form"),
        "the stimulus shows markup"
    );

    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &package.items {
        if let Some(g) = &item.enemy_group {
            *groups.entry(g).or_default() += 1;
        }
    }
    assert_eq!(groups.len(), 2, "two enemy groups: {groups:?}");
    assert!(groups.values().all(|n| *n >= 2), "{groups:?}");

    let mut pinned_last = 0;
    for item in &package.items {
        if let Interaction::SingleChoice { choices, .. } = &item.interaction {
            for (k, choice) in choices.iter().enumerate() {
                if choice.pinned {
                    assert_eq!(k + 1, choices.len(), "{}: pinned choice not last", item.id);
                    pinned_last += 1;
                }
            }
        }
    }
    assert!(pinned_last >= 1, "a pinned \"None of the above\" choice");
}
