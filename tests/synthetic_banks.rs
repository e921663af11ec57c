//! Synthetic banks: valid packages, determinism from the seed, plausible parameter
//! distributions, enemy pairs and sets as specified, and simulated responses that follow θ.

// Property tests need OS entropy, so this file runs natively only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use certa::model::json::Value;
use certa::model::{
    CredentialPolicy, DifficultyTarget, Gap, Interaction, InteractionKind, Item, Package,
};
use certa::sorted_map::SortedMap;
use certa::synthetic::{
    generate_bank, simulate_dichotomous, simulate_responses, simulate_thetas, BankSpec,
    InteractionMix, TargetSpec,
};
use proptest::prelude::*;

fn mixed_spec() -> BankSpec {
    BankSpec {
        interactions: InteractionMix::Mixed,
        seed: 2024,
        ..BankSpec::default()
    }
}

/// Serialize and load through the public entry point, as `certa bench-data` output would be.
fn round_trip(package: &Package) -> Package {
    let json = serde_json::to_string(package).unwrap();
    match Package::load(&json) {
        Ok(p) => p,
        Err(e) => panic!("generated bank does not load: {:?}", e.problems()),
    }
}

fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a response earns full credit, judged directly against the item's key.
fn matches_key(item: &Item, response: &Value) -> bool {
    fn ids(v: &Value) -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|x| x.as_str().map(String::from))
            .collect()
    }
    match &item.interaction {
        Interaction::SingleChoice { key, .. } => response.as_str() == Some(key.as_str()),
        Interaction::MultipleResponse { keys, .. } => {
            let got: Option<BTreeSet<String>> = ids(response).map(|v| v.into_iter().collect());
            got == Some(keys.iter().cloned().collect())
        }
        Interaction::TrueFalse { key } => response.as_bool() == Some(*key),
        Interaction::TextEntry { answers, .. } => response.as_str().is_some_and(|r| {
            answers
                .iter()
                .any(|a| a.points.is_none() && norm(&a.value) == norm(r))
        }),
        Interaction::Numeric { key, .. } => response.as_f64().is_some_and(|r| {
            if let Some(v) = key.value {
                let tol = key
                    .absolute_tolerance
                    .or(key.relative_tolerance.map(|t| t * v.abs()))
                    .unwrap_or(0.0);
                (r - v).abs() <= tol
            } else {
                key.min.is_some_and(|lo| r >= lo) && key.max.is_some_and(|hi| r <= hi)
            }
        }),
        Interaction::Ordering { key, .. } => ids(response).as_ref() == Some(key),
        Interaction::Matching { key, .. } => {
            let got: Option<BTreeSet<(String, String)>> = response.as_array().and_then(|pairs| {
                pairs
                    .iter()
                    .map(|p| {
                        let v = ids(p)?;
                        match v.as_slice() {
                            [s, t] => Some((s.clone(), t.clone())),
                            _ => None,
                        }
                    })
                    .collect()
            });
            got == Some(key.iter().cloned().collect())
        }
        Interaction::Cloze { gaps, .. } => response.as_object().is_some_and(|map| {
            gaps.iter().all(|g| {
                let given = map.get(g.id()).and_then(Value::as_str);
                match g {
                    Gap::Text { answers, .. } => given.is_some_and(|r| {
                        answers
                            .iter()
                            .any(|a| a.points.is_none() && norm(&a.value) == norm(r))
                    }),
                    Gap::Choice { key, .. } => given == Some(key.as_str()),
                }
            })
        }),
        Interaction::ExtendedText { .. } => false,
    }
}

/// Whether a response has the JSON shape of its kind and names only real choices.
fn has_right_shape(item: &Item, response: &Value) -> bool {
    let names = |list: &[certa::model::Choice], v: &Value| {
        v.as_str().is_some_and(|s| list.iter().any(|c| c.id == s))
    };
    match &item.interaction {
        Interaction::SingleChoice { choices, .. } => names(choices, response),
        Interaction::MultipleResponse { choices, .. } => response
            .as_array()
            .is_some_and(|a| a.iter().all(|v| names(choices, v))),
        Interaction::TrueFalse { .. } => response.is_boolean(),
        Interaction::TextEntry { .. } | Interaction::ExtendedText { .. } => response.is_string(),
        Interaction::Numeric { .. } => response.is_number(),
        Interaction::Ordering { choices, .. } => response.as_array().is_some_and(|a| {
            a.len() == choices.len()
                && a.iter().all(|v| names(choices, v))
                && a.iter()
                    .filter_map(Value::as_str)
                    .collect::<BTreeSet<_>>()
                    .len()
                    == a.len()
        }),
        Interaction::Matching {
            sources, targets, ..
        } => response.as_array().is_some_and(|a| {
            a.iter().all(|p| {
                p.as_array().is_some_and(|pair| {
                    pair.len() == 2 && names(sources, &pair[0]) && names(targets, &pair[1])
                })
            })
        }),
        Interaction::Cloze { gaps, .. } => response.as_object().is_some_and(|map| {
            map.len() == gaps.len()
                && gaps.iter().all(|g| match (g, map.get(g.id())) {
                    (Gap::Text { .. }, Some(v)) => v.is_string(),
                    (Gap::Choice { choices, .. }, Some(v)) => names(choices, v),
                    _ => false,
                })
        }),
    }
}

#[test]
fn default_bank_is_the_benchmark_fixture_and_loads() {
    let bank = generate_bank(&BankSpec::default());
    let loaded = round_trip(&bank);
    assert_eq!(loaded, bank, "the JSON must parse back to the same package");

    assert_eq!(bank.items.len(), 2000);
    let mut per_domain: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &bank.items {
        *per_domain.entry(item.domain.as_str()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = (1..=8)
        .map(|d| (["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"][d - 1], 250))
        .collect();
    assert_eq!(per_domain, expected);

    let bp = &bank.blueprint;
    assert_eq!(bp.length, 60);
    let quotas: Vec<(String, usize)> = bp
        .domains
        .iter()
        .map(|q| (q.id.clone(), q.count.unwrap()))
        .collect();
    assert_eq!(
        quotas,
        vec![
            ("D1".to_string(), 8),
            ("D2".to_string(), 8),
            ("D3".to_string(), 8),
            ("D4".to_string(), 7),
            ("D5".to_string(), 7),
            ("D6".to_string(), 8),
            ("D7".to_string(), 7),
            ("D8".to_string(), 7),
        ]
    );
    assert_eq!(
        bp.difficulty,
        Some(DifficultyTarget::MaximizeInformation { theta: 0.0 })
    );
    assert_eq!(bp.exposure.randomesque, 5);
    assert_eq!(bank.scoring.cut_score, 60.0);
    assert_eq!(
        (bank.scoring.scale.min, bank.scoring.scale.max),
        (0.0, 100.0)
    );
    assert!(matches!(
        bank.credential,
        CredentialPolicy::Certification {
            validity_days: 730,
            ..
        }
    ));

    // Single choice only, keys a–d spread evenly, realistic stems.
    let mut key_counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in &bank.items {
        match &item.interaction {
            Interaction::SingleChoice { choices, key, .. } => {
                assert_eq!(
                    choices.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                    ["a", "b", "c", "d"]
                );
                *key_counts.entry(key.clone()).or_default() += 1;
            }
            other => panic!("{}: a dichotomous bank holds {:?}", item.id, other.kind()),
        }
    }
    assert_eq!(key_counts.values().copied().collect::<Vec<_>>(), [500; 4]);
    let item = &bank.items[141];
    assert_eq!(item.id, "D1-0142");
    assert!(
        item.stem
            .starts_with("<p>D1 item 0142: Which configuration"),
        "{}",
        item.stem
    );
}

#[test]
fn outcomes_follow_domains_with_some_secondary_alignments() {
    let bank = generate_bank(&BankSpec::default());
    let ids: Vec<&str> = bank.outcomes.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["LO-D1", "LO-D2", "LO-D3", "LO-D4", "LO-D5", "LO-D6", "LO-D7", "LO-D8"]
    );
    let mut secondary = 0;
    for item in &bank.items {
        assert_eq!(
            item.primary_outcome(),
            Some(format!("LO-{}", item.domain).as_str())
        );
        assert_eq!(item.outcomes[0].weight, 1.0);
        match item.outcomes.as_slice() {
            [_] => {}
            [_, second] => {
                assert_ne!(second.outcome, item.outcomes[0].outcome);
                assert!(second.weight < 1.0);
                secondary += 1;
            }
            other => panic!("{}: {} alignments", item.id, other.len()),
        }
    }
    assert!(
        (140..=260).contains(&secondary),
        "{secondary} of 2000 items have a secondary alignment; expected about 10%"
    );
}

#[test]
fn mixed_bank_loads_and_holds_every_auto_scored_kind() {
    let bank = generate_bank(&mixed_spec());
    assert_eq!(round_trip(&bank), bank);
    let mut kinds: BTreeMap<InteractionKind, usize> = BTreeMap::new();
    for item in &bank.items {
        *kinds.entry(item.interaction.kind()).or_default() += 1;
    }
    let present: Vec<InteractionKind> = kinds.keys().copied().collect();
    assert_eq!(
        present,
        [
            InteractionKind::SingleChoice,
            InteractionKind::MultipleResponse,
            InteractionKind::TrueFalse,
            InteractionKind::TextEntry,
            InteractionKind::Numeric,
            InteractionKind::Ordering,
            InteractionKind::Matching,
            InteractionKind::Cloze,
        ]
    );
    let single = kinds[&InteractionKind::SingleChoice] as f64 / 2000.0;
    assert!(
        (0.55..=0.65).contains(&single),
        "single choice share {single}"
    );
    // The kinds are spread over the bank, not in blocks.
    let first_hundred: BTreeSet<InteractionKind> = bank.items[..100]
        .iter()
        .map(|i| i.interaction.kind())
        .collect();
    assert!(first_hundred.len() >= 5, "{first_hundred:?}");
    assert!(bank.has_irt());
}

#[test]
fn same_seed_gives_identical_json_and_another_seed_differs() {
    for spec in [BankSpec::default(), mixed_spec()] {
        let a = serde_json::to_string(&generate_bank(&spec)).unwrap();
        let b = serde_json::to_string(&generate_bank(&spec.clone())).unwrap();
        assert_eq!(a, b);
        let other = BankSpec {
            seed: spec.seed + 1,
            ..spec.clone()
        };
        let c = generate_bank(&other);
        assert_ne!(a, serde_json::to_string(&c).unwrap());
        // The parameters themselves change, not only the ids or titles.
        let bank = generate_bank(&spec);
        let same_b = bank
            .items
            .iter()
            .zip(&c.items)
            .filter(|(x, y)| x.irt == y.irt)
            .count();
        assert!(same_b < 5, "{same_b} items kept their parameters");
    }
}

#[test]
fn changing_enemy_pairs_keeps_the_parameters_and_sets() {
    let base = generate_bank(&BankSpec::default());
    let fewer = generate_bank(&BankSpec {
        enemy_pairs: 10,
        ..BankSpec::default()
    });
    for (x, y) in base.items.iter().zip(&fewer.items) {
        assert_eq!(x.irt, y.irt);
        assert_eq!(x.set, y.set);
        assert_eq!(x.interaction, y.interaction);
    }
}

#[test]
fn parameter_distributions_are_plausible() {
    let bank = generate_bank(&BankSpec::default());
    let irt: Vec<_> = bank.items.iter().map(|i| i.irt.unwrap()).collect();
    let b: Vec<f64> = irt.iter().map(|p| p.b).collect();
    let ln_a: Vec<f64> = irt.iter().map(|p| p.a.ln()).collect();
    let (mean_b, sd_b) = mean_sd(&b);
    let (mean_ln_a, sd_ln_a) = mean_sd(&ln_a);
    assert!(mean_b.abs() <= 0.1, "mean b {mean_b}");
    assert!((sd_b - 1.0).abs() <= 0.1, "sd b {sd_b}");
    assert!(mean_ln_a.abs() <= 0.05, "mean ln a {mean_ln_a}");
    assert!((sd_ln_a - 0.3).abs() <= 0.03, "sd ln a {sd_ln_a}");
    for p in &irt {
        let c = p.c.unwrap();
        assert!((0.05..=0.25).contains(&c), "c {c}");
    }
    let (mean_c, _) = mean_sd(&irt.iter().map(|p| p.c.unwrap()).collect::<Vec<_>>());
    assert!((mean_c - 0.15).abs() < 0.01, "mean c {mean_c}");
    for item in &bank.items {
        assert_eq!(
            item.difficulty,
            Some(certa::model::Difficulty::B(item.irt.unwrap().b))
        );
    }
}

#[test]
fn exactly_100_enemy_pairs_outside_sets() {
    let bank = generate_bank(&BankSpec::default());
    let mut groups: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for item in &bank.items {
        if let Some(g) = &item.enemy_group {
            groups.entry(g.as_str()).or_default().push(item);
        }
    }
    assert_eq!(groups.len(), 100);
    assert_eq!(groups.keys().next(), Some(&"EN-001"));
    assert_eq!(groups.keys().last(), Some(&"EN-100"));
    for (g, members) in &groups {
        assert_eq!(members.len(), 2, "{g}");
        assert!(
            members.iter().all(|i| i.set.is_none()),
            "{g} holds a set item"
        );
    }
}

#[test]
fn forty_sets_of_four_each_within_one_domain() {
    let bank = generate_bank(&BankSpec::default());
    assert_eq!(bank.sets.len(), 40);
    for (k, set) in bank.sets.iter().enumerate() {
        assert_eq!(set.id, format!("SET-{:02}", k + 1));
        assert_eq!(set.draw, None);
        assert!(set.stimulus.starts_with("<p>") && set.stimulus.len() > 100);
        let members: Vec<(usize, &Item)> = bank
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.set.as_deref() == Some(set.id.as_str()))
            .collect();
        assert_eq!(members.len(), 4, "{}", set.id);
        let domains: BTreeSet<&str> = members.iter().map(|(_, i)| i.domain.as_str()).collect();
        assert_eq!(domains.len(), 1, "{} spans {domains:?}", set.id);
        let span = members[3].0 - members[0].0;
        assert!(span <= 6, "{} is spread over {span} positions", set.id);
    }
    // Five sets in each of the eight domains.
    let mut per_domain: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in &bank.items {
        if let Some(s) = &item.set {
            per_domain
                .entry(item.domain.clone())
                .or_default()
                .insert(s.clone());
        }
    }
    assert!(per_domain.values().all(|s| s.len() == 5), "{per_domain:?}");
}

#[test]
fn set_draw_is_carried_to_every_set() {
    let bank = generate_bank(&BankSpec {
        set_draw: Some(2),
        ..BankSpec::default()
    });
    round_trip(&bank);
    assert!(bank.sets.iter().all(|s| s.draw == Some(2)));
}

#[test]
fn information_target_and_custom_quotas_reach_the_blueprint() {
    let spec = BankSpec {
        items: 400,
        domains: 4,
        outcomes: 4,
        sets: 8,
        enemy_pairs: 20,
        form_length: 40,
        domain_quotas: Some(vec![12, 10, 10, 8]),
        target: TargetSpec::Information {
            points: vec![(-1.0, 5.0), (0.0, 8.0), (1.0, 5.0)],
        },
        ..BankSpec::default()
    };
    assert!(spec.check().is_empty(), "{:?}", spec.check());
    let bank = round_trip(&generate_bank(&spec));
    let counts: Vec<usize> = bank
        .blueprint
        .domains
        .iter()
        .map(|q| q.count.unwrap())
        .collect();
    assert_eq!(counts, [12, 10, 10, 8]);
    match &bank.blueprint.difficulty {
        Some(DifficultyTarget::Information { points }) => {
            assert_eq!(points.len(), 3);
            assert_eq!((points[1].theta, points[1].target), (0.0, 8.0));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn high_ability_answers_more_items_correctly_than_low_ability() {
    let bank = generate_bank(&mixed_spec());
    let ids: Vec<&str> = bank.items.iter().map(|i| i.id.as_str()).collect();
    let correct = |responses: &SortedMap<String, Value>| {
        responses
            .iter()
            .filter(|(id, v)| matches_key(bank.item(id).unwrap(), v))
            .count()
    };
    let high = simulate_responses(&bank, &ids, 2.0, 99);
    let low = simulate_responses(&bank, &ids, -2.0, 99);
    let (high_n, low_n) = (correct(&high), correct(&low));
    assert!(high_n > low_n + 600, "high θ {high_n} vs low θ {low_n}");
    // Common random numbers: whatever the low-ability learner gets right, so does the high one.
    for (id, v) in &low {
        if matches_key(bank.item(id).unwrap(), v) {
            let given = high.get(id).expect("the same items");
            assert!(matches_key(bank.item(id).unwrap(), given), "{id}");
        }
    }
}

#[test]
fn responses_have_the_right_shape_and_wrong_ones_really_are_wrong() {
    let bank = generate_bank(&mixed_spec());
    let ids: Vec<&str> = bank.items.iter().map(|i| i.id.as_str()).collect();
    // θ = +50: every answered item is right.
    let top = simulate_responses(&bank, &ids, 50.0, 5);
    for (id, v) in &top {
        let item = bank.item(id).unwrap();
        assert!(has_right_shape(item, v), "{id}: {v}");
        assert!(matches_key(item, v), "{id} at θ = 50: {v}");
    }
    // θ = −50: only guessing (c, mean 0.15) gets an item right, so a wrong answer that
    // accidentally matched the key would push this share up.
    let bottom = simulate_responses(&bank, &ids, -50.0, 5);
    let right = bottom
        .iter()
        .filter(|(id, v)| {
            let item = bank.item(id).unwrap();
            assert!(has_right_shape(item, v), "{id}: {v}");
            matches_key(item, v)
        })
        .count() as f64
        / bottom.len() as f64;
    assert!(
        (0.12..=0.18).contains(&right),
        "share right at θ = −50: {right}"
    );
    // About 2% omitted.
    for responses in [&top, &bottom] {
        let omitted = 2000 - responses.len();
        assert!((15..=70).contains(&omitted), "{omitted} omitted");
    }
    // Deterministic from the seed, and the seed matters.
    assert_eq!(
        simulate_responses(&bank, &ids, 0.3, 7),
        simulate_responses(&bank, &ids, 0.3, 7)
    );
    assert_ne!(
        simulate_responses(&bank, &ids, 0.3, 7),
        simulate_responses(&bank, &ids, 0.3, 8)
    );
}

#[test]
fn unknown_item_ids_are_skipped() {
    let bank = generate_bank(&BankSpec::default());
    let responses = simulate_responses(&bank, &["D1-0001", "NOPE"], 0.0, 1);
    assert!(!responses.contains_key("NOPE"));
    assert!(responses.len() <= 1);
}

#[test]
fn simulated_thetas_and_dichotomous_matrices_are_plausible() {
    let thetas = simulate_thetas(5000, 3);
    let (mean, sd) = mean_sd(&thetas);
    assert!(mean.abs() < 0.05 && (sd - 1.0).abs() < 0.05, "{mean} {sd}");
    assert_eq!(simulate_thetas(10, 3), thetas[..10].to_vec());

    let bank = generate_bank(&BankSpec::default());
    let items: Vec<_> = bank.items[..50].iter().map(|i| i.irt.unwrap()).collect();
    let matrix = simulate_dichotomous(&items, &[-2.0, 0.0, 2.0], 4);
    assert_eq!(matrix.len(), 3);
    assert!(matrix.iter().all(|row| row.len() == 50));
    let big: Vec<f64> = [-2.0; 200].into_iter().chain([2.0; 200]).collect();
    let rows = simulate_dichotomous(&items, &big, 4);
    let share = |rows: &[Vec<bool>]| {
        rows.iter().flatten().filter(|x| **x).count() as f64 / (rows.len() * 50) as f64
    };
    let (low, high) = (share(&rows[..200]), share(&rows[200..]));
    assert!(low < 0.4 && high > 0.75, "low {low} high {high}");
    assert_eq!(rows, simulate_dichotomous(&items, &big, 4));
}

#[test]
fn spec_round_trips_through_json_with_defaults() {
    let spec: BankSpec =
        serde_json::from_str(r#"{"items": 500, "interactions": "mixed", "seed": 9}"#).unwrap();
    assert_eq!(spec.items, 500);
    assert_eq!(spec.interactions, InteractionMix::Mixed);
    assert_eq!(spec.form_length, 60);
    let json = serde_json::to_string(&spec).unwrap();
    assert_eq!(serde_json::from_str::<BankSpec>(&json).unwrap(), spec);
    assert!(serde_json::from_str::<BankSpec>(r#"{"itemz": 5}"#).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the spec, the bank loads; a spec that needs no adjustment is built as given.
    #[test]
    fn any_spec_gives_a_valid_bank(
        items in 0usize..300,
        domains in 0usize..12,
        outcomes in 0usize..15,
        enemy_pairs in 0usize..200,
        sets in 0usize..40,
        set_size in 0usize..8,
        set_draw in proptest::option::of(0usize..9),
        form_length in 0usize..320,
        mixed in any::<bool>(),
        seed in any::<u64>(),
        theta in -10.0f64..10.0,
    ) {
        let spec = BankSpec {
            items, domains, outcomes, enemy_pairs, sets, set_size, set_draw, form_length,
            domain_quotas: None,
            seed,
            interactions: if mixed { InteractionMix::Mixed } else { InteractionMix::Dichotomous },
            target: TargetSpec::MaximizeInformation { theta },
            exposure_randomesque: 3,
        };
        let bank = generate_bank(&spec);
        let json = serde_json::to_string(&bank).unwrap();
        let loaded = Package::load(&json);
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.problems()));
        if spec.check().is_empty() {
            prop_assert_eq!(bank.items.len(), items);
            prop_assert_eq!(bank.sets.len(), sets);
            prop_assert_eq!(bank.blueprint.length, form_length);
            let groups: BTreeSet<_> = bank.items.iter().filter_map(|i| i.enemy_group.clone()).collect();
            prop_assert_eq!(groups.len(), enemy_pairs);
        }
        let ids: Vec<&str> = bank.items.iter().map(|i| i.id.as_str()).collect();
        for (id, v) in simulate_responses(&bank, &ids, theta, seed) {
            let item = bank.item(&id).unwrap();
            prop_assert!(has_right_shape(item, &v), "{}: {}", id, v);
        }
    }
}
