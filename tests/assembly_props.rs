//! Property tests of form assembly.
//!
//! Banks are generated feasible by construction: a hidden form that meets every rule is built
//! first (singles and item sets with draws), the quotas are read off it (as counts or as
//! percentages), and the rest of the bank is noise around it: extra items and sets, enemy
//! groups that tie each hidden item to extras, pins, seen items, overexposed items, sections,
//! soft targets and every interaction kind. Assembly must then always succeed with a form the
//! independent checker accepts, the same seed must give the same form, and breaking the bank
//! on purpose must give an error, never a panic or a short form.

// Property tests need OS entropy, so this file runs natively only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use certa::assemble::{
    assemble_form, check_form, feasibility_with, AssemblyContext, AssemblyError,
    FeasibilityOptions, Seed,
};
use certa::model::{
    validate, AcceptedAnswer, Blueprint, Choice, CredentialPolicy, Difficulty, DifficultyTarget,
    ExposureControl, Gap, InformationPoint, Interaction, IrtParameters, Item, ItemSet, Outcome,
    OutcomeAlignment, Package, Quota, ScoringPolicy, Section, SectionOrder,
};
use proptest::prelude::*;

/// SplitMix64: the generator's own detail randomness (proptest draws the seed and the sizes).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Debug, Clone)]
struct Spec {
    seed: u64,
    length: usize,
    domains: usize,
    outcomes: usize,
    extras: usize,
    hidden_sets: usize,
    form_seed: u64,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        any::<u64>(),
        3usize..=30,
        1usize..=4,
        0usize..=4,
        0usize..=60,
        0usize..=3,
        any::<u64>(),
    )
        .prop_map(
            |(seed, length, domains, outcomes, extras, hidden_sets, form_seed)| Spec {
                seed,
                length,
                domains,
                outcomes,
                extras,
                hidden_sets,
                form_seed,
            },
        )
}

struct Built {
    package: Package,
    context: AssemblyContext,
}

fn choice(id: &str, pinned: bool) -> Choice {
    Choice {
        id: id.into(),
        content: format!("<p>{id}</p>"),
        pinned,
        feedback: None,
    }
}

fn interaction(r: &mut Mix) -> Interaction {
    match r.below(5) {
        0 => Interaction::SingleChoice {
            choices: vec![
                choice("a", false),
                choice("b", false),
                choice("c", false),
                choice("none", r.chance(50)),
            ],
            key: "a".into(),
            shuffle: r.chance(80),
        },
        1 => {
            let n = 2 + r.below(4);
            let ids: Vec<String> = (0..n).map(|k| format!("s{k}")).collect();
            Interaction::Ordering {
                choices: ids
                    .iter()
                    .enumerate()
                    .map(|(k, s)| choice(s, k == 0 && n > 3 && r.chance(30)))
                    .collect(),
                key: ids,
                rule: Default::default(),
            }
        }
        2 => Interaction::Matching {
            sources: vec![choice("p", false), choice("q", r.chance(30))],
            targets: vec![choice("x", false), choice("y", false), choice("z", false)],
            key: vec![("p".into(), "x".into())],
            rule: Default::default(),
            shuffle: r.chance(70),
        },
        3 => Interaction::Cloze {
            text: "{{g1}} and {{g2}}".into(),
            gaps: vec![
                Gap::Choice {
                    id: "g1".into(),
                    choices: vec![choice("u", false), choice("v", false), choice("w", true)],
                    key: "u".into(),
                    shuffle: r.chance(70),
                    points: None,
                },
                Gap::Text {
                    id: "g2".into(),
                    answers: vec![AcceptedAnswer {
                        value: "ok".into(),
                        points: None,
                    }],
                    case_sensitive: false,
                    points: None,
                },
            ],
        },
        _ => Interaction::TrueFalse { key: r.chance(50) },
    }
}

fn new_item(r: &mut Mix, n: usize, domains: usize, outcomes: usize) -> Item {
    let domain = format!("D{}", r.below(domains));
    let mut aligned = Vec::new();
    if outcomes > 0 && r.chance(85) {
        aligned.push(OutcomeAlignment {
            outcome: format!("L{}", r.below(outcomes)),
            weight: 1.0,
        });
        if outcomes > 1 && r.chance(25) {
            let second = format!("L{}", r.below(outcomes));
            if second != aligned[0].outcome {
                aligned.push(OutcomeAlignment {
                    outcome: second,
                    weight: 0.5 + r.below(3) as f64,
                });
            }
        }
    }
    Item {
        id: format!("i{n:03}"),
        stem: format!("<p>Item {n}</p>"),
        points: 1.0,
        domain,
        outcomes: aligned,
        difficulty: Some(Difficulty::P(0.2 + 0.6 * r.below(100) as f64 / 100.0)),
        irt: Some(IrtParameters {
            a: 0.5 + r.below(20) as f64 / 10.0,
            b: -2.0 + r.below(40) as f64 / 10.0,
            c: if r.chance(30) { Some(0.2) } else { None },
        }),
        enemy_group: None,
        set: None,
        feedback: None,
        interaction: interaction(r),
    }
}

/// A valid package with a hidden form that meets every rule.
fn build(spec: &Spec) -> Built {
    let r = &mut Mix(spec.seed);
    let (nd, no) = (spec.domains, spec.outcomes);
    let mut items: Vec<Item> = Vec::new();
    let mut hidden: BTreeSet<usize> = BTreeSet::new();
    let mut sets: Vec<ItemSet> = Vec::new();
    // Hidden sets (some with undrawn extra members), then hidden singles.
    let mut left = spec.length;
    for s in 0..spec.hidden_sets {
        if left < 2 {
            break;
        }
        let draw = 1 + r.below(3.min(left - 1));
        let extra = r.below(3);
        let members = draw + extra;
        let id = format!("hs{s}");
        sets.push(ItemSet {
            id: id.clone(),
            title: String::new(),
            stimulus: String::new(),
            draw: if extra == 0 && r.chance(50) {
                None
            } else {
                Some(draw)
            },
        });
        let mut realized: Vec<usize> = (0..members).collect();
        for k in (1..realized.len()).rev() {
            realized.swap(k, r.below(k + 1));
        }
        realized.truncate(draw);
        for k in 0..members {
            let mut it = new_item(r, items.len(), nd, no);
            it.set = Some(id.clone());
            if realized.contains(&k) {
                hidden.insert(items.len());
            }
            items.push(it);
        }
        left -= draw;
    }
    for _ in 0..left {
        hidden.insert(items.len());
        let it = new_item(r, items.len(), nd, no);
        items.push(it);
    }
    // Noise: extra singles and extra sets.
    for _ in 0..spec.extras {
        let it = new_item(r, items.len(), nd, no);
        items.push(it);
    }
    for s in 0..r.below(3) {
        let size = 2 + r.below(3);
        let id = format!("xs{s}");
        sets.push(ItemSet {
            id: id.clone(),
            title: String::new(),
            stimulus: String::new(),
            draw: if r.chance(50) {
                None
            } else {
                Some(1 + r.below(size))
            },
        });
        for _ in 0..size {
            let mut it = new_item(r, items.len(), nd, no);
            it.set = Some(id.clone());
            items.push(it);
        }
    }
    let extras: Vec<usize> = (0..items.len()).filter(|k| !hidden.contains(k)).collect();
    // Enemy groups: a hidden item with one or two extras, or extras among themselves.
    let mut grouped: BTreeSet<usize> = BTreeSet::new();
    let mut g = 0;
    for &h in &hidden {
        if !r.chance(30) || extras.is_empty() {
            continue;
        }
        items[h].enemy_group = Some(format!("g{g}"));
        for _ in 0..1 + r.below(2) {
            let e = extras[r.below(extras.len())];
            if grouped.insert(e) {
                items[e].enemy_group = Some(format!("g{g}"));
            }
        }
        g += 1;
    }
    for _ in 0..r.below(4) {
        let mut members = 0;
        for _ in 0..2 + r.below(2) {
            if extras.is_empty() {
                break;
            }
            let e = extras[r.below(extras.len())];
            if grouped.insert(e) {
                items[e].enemy_group = Some(format!("g{g}"));
                members += 1;
            }
        }
        if members > 0 {
            g += 1;
        }
    }
    // Pins: some hidden items (a pinned set member forces its set, which the hidden form holds).
    let pinned: Vec<usize> = hidden.iter().copied().filter(|_| r.chance(10)).collect();
    // Seen: extras, pinned items, and members of pinned sets drawn whole (both exempt).
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for &e in &extras {
        if r.chance(20) {
            seen.insert(items[e].id.clone());
        }
    }
    for &p in &pinned {
        if r.chance(30) {
            seen.insert(items[p].id.clone());
        }
        if let Some(s) = items[p].set.clone() {
            let whole = sets.iter().any(|x| x.id == s && x.draw.is_none());
            if whole {
                for it in items
                    .iter()
                    .filter(|it| it.set.as_deref() == Some(s.as_str()))
                {
                    if r.chance(40) {
                        seen.insert(it.id.clone());
                    }
                }
            }
        }
    }
    // Exposure: any item may be over the cap (hidden ones force the fallback).
    let capped = r.chance(50);
    let mut exposure_counts = BTreeMap::new();
    for it in &items {
        if capped && r.chance(15) {
            exposure_counts.insert(it.id.clone(), 6 + r.below(4) as u64);
        } else if r.chance(30) {
            exposure_counts.insert(it.id.clone(), r.below(5) as u64);
        }
    }
    // Quotas read off the hidden form.
    let present: BTreeSet<String> = items.iter().map(|it| it.domain.clone()).collect();
    let mut domain_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut outcome_counts: BTreeMap<String, usize> = BTreeMap::new();
    for &h in &hidden {
        *domain_counts.entry(items[h].domain.clone()).or_default() += 1;
        if let Some(o) = items[h].primary_outcome() {
            *outcome_counts.entry(o.to_string()).or_default() += 1;
        }
    }
    let length = spec.length;
    let quotas = |r: &mut Mix, ids: Vec<String>, counts: &BTreeMap<String, usize>| {
        let as_percent = r.chance(50);
        ids.into_iter()
            .filter(|_| r.chance(70))
            .map(|id| {
                let c = counts.get(&id).copied().unwrap_or(0);
                Quota {
                    count: (!as_percent).then_some(c),
                    percent: as_percent.then(|| c as f64 * 100.0 / length as f64),
                    id,
                }
            })
            .collect::<Vec<_>>()
    };
    let domain_quotas = quotas(r, present.iter().cloned().collect(), &domain_counts);
    let outcome_quotas = quotas(
        r,
        (0..no).map(|k| format!("L{k}")).collect(),
        &outcome_counts,
    );
    // Sections: none, or one claiming a present domain plus the catch-all.
    let sections = if r.chance(40) {
        Vec::new()
    } else {
        let claimed: Vec<String> = present.iter().take(1 + r.below(2)).cloned().collect();
        vec![
            Section {
                id: "first".into(),
                title: "First".into(),
                domains: claimed,
                order: if r.chance(50) {
                    SectionOrder::Fixed
                } else {
                    SectionOrder::Shuffled
                },
            },
            Section {
                id: "rest".into(),
                title: "Rest".into(),
                domains: Vec::new(),
                order: if r.chance(50) {
                    SectionOrder::Fixed
                } else {
                    SectionOrder::Shuffled
                },
            },
        ]
    };
    let difficulty = match r.below(5) {
        0 => Some(DifficultyTarget::MeanP {
            min: 0.45,
            max: 0.6,
        }),
        1 => Some(DifficultyTarget::MeanB {
            min: -0.5,
            max: 0.5,
        }),
        2 => Some(DifficultyTarget::Information {
            points: vec![
                InformationPoint {
                    theta: -1.0,
                    target: length as f64 * 0.2,
                },
                InformationPoint {
                    theta: 1.0,
                    target: length as f64 * 0.2,
                },
            ],
        }),
        3 => Some(DifficultyTarget::MaximizeInformation { theta: 0.0 }),
        _ => None,
    };
    // Shuffle the bank so sets and hidden items interleave.
    for k in (1..items.len()).rev() {
        items.swap(k, r.below(k + 1));
    }
    let pinned_ids: Vec<String> = pinned.iter().map(|&p| format!("i{p:03}")).collect();
    let package = Package {
        format: "certa/1".into(),
        id: "prop".into(),
        version: "1".into(),
        title: "Generated".into(),
        language: "en".into(),
        outcomes: (0..no)
            .map(|k| Outcome {
                id: format!("L{k}"),
                statement: format!("Outcome {k}"),
                uri: None,
                mastery: 0.7,
                required: false,
                min_items: 1,
            })
            .collect(),
        sets,
        items,
        blueprint: Blueprint {
            length,
            sections,
            domains: domain_quotas,
            outcomes: outcome_quotas,
            difficulty,
            pinned: pinned_ids,
            exposure: ExposureControl {
                randomesque: 1 + r.below(5),
                max_rate: capped.then_some(0.5),
            },
            shuffle_choices: r.chance(80),
        },
        scoring: ScoringPolicy {
            cut_score: 60.0,
            scale: Default::default(),
            negative_marking: Default::default(),
            rounding: Default::default(),
        },
        credential: CredentialPolicy::None,
        attempts: Default::default(),
        delivery: Default::default(),
        assets: Vec::new(),
        published: None,
    };
    Built {
        package,
        context: AssemblyContext {
            seen_item_ids: seen.into_iter().collect(),
            exposure_counts: exposure_counts.into_iter().collect(),
            administrations: 10,
        },
    }
}

/// Break a feasible bank so that no form exists. Returns what was broken.
fn break_bank(b: &mut Built, how: usize, r: &mut Mix) -> &'static str {
    let p = &mut b.package;
    let pinned: BTreeSet<String> = p.blueprint.pinned.iter().cloned().collect();
    // Items on every form whatever happens: pins, and members of pinned sets drawn whole.
    let forced_sets: BTreeSet<String> = p
        .items
        .iter()
        .filter(|it| pinned.contains(&it.id))
        .filter_map(|it| it.set.clone())
        .filter(|s| {
            let size = p
                .items
                .iter()
                .filter(|it| it.set.as_ref() == Some(s))
                .count();
            p.sets
                .iter()
                .any(|x| x.id == *s && x.draw.map(|d| d >= size) != Some(false))
        })
        .collect();
    let exempt = |it: &Item| {
        pinned.contains(&it.id) || it.set.as_ref().is_some_and(|s| forced_sets.contains(s))
    };
    match how {
        0 => {
            // A domain quota loses its items to "seen".
            let target = quota_counts(p);
            if let Some((d, _)) = target.iter().find(|(d, t)| {
                *t > p
                    .items
                    .iter()
                    .filter(|it| it.domain == *d && exempt(it))
                    .count()
            }) {
                let d = d.clone();
                for it in p.items.iter().filter(|it| it.domain == d && !exempt(it)) {
                    b.context.seen_item_ids.insert(it.id.clone());
                }
                return "domain quota without items";
            }
        }
        1 => {
            // Pin two enemies.
            let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for it in &p.items {
                if let Some(g) = &it.enemy_group {
                    groups.entry(g.clone()).or_default().push(it.id.clone());
                }
            }
            let pairs: Vec<Vec<String>> = groups.into_values().filter(|v| v.len() >= 2).collect();
            if !pairs.is_empty() {
                let pair = &pairs[r.below(pairs.len())];
                for id in pair.iter().take(2) {
                    if !p.blueprint.pinned.contains(id) {
                        p.blueprint.pinned.push(id.clone());
                    }
                }
                return "pinned enemies";
            }
        }
        2 => {
            // More pins in a domain than its quota.
            let target = quota_counts(p);
            for (d, t) in target {
                let ids: Vec<String> = p
                    .items
                    .iter()
                    .filter(|it| it.domain == d)
                    .map(|it| it.id.clone())
                    .collect();
                if ids.len() > t {
                    for id in ids.into_iter().take(t + 1) {
                        if !p.blueprint.pinned.contains(&id) {
                            p.blueprint.pinned.push(id);
                        }
                    }
                    return "pins beyond a quota";
                }
            }
        }
        3 => {
            // Everything not exempt was seen.
            let on_every_form = p.items.iter().filter(|it| exempt(it)).count();
            if on_every_form < p.blueprint.length {
                for it in p.items.iter().filter(|it| !exempt(it)) {
                    b.context.seen_item_ids.insert(it.id.clone());
                }
                return "bank exhausted";
            }
        }
        _ => {}
    }
    // Always possible: a quota for an outcome no item has as its primary outcome.
    p.outcomes.push(Outcome {
        id: "L-empty".into(),
        statement: "Nothing aligns here".into(),
        uri: None,
        mastery: 0.7,
        required: false,
        min_items: 1,
    });
    p.blueprint.outcomes.push(Quota {
        id: "L-empty".into(),
        count: Some(1),
        percent: None,
    });
    "outcome quota without items"
}

/// Domain quotas as counts (percentages converted as assembly does).
fn quota_counts(p: &Package) -> Vec<(String, usize)> {
    certa::assemble::quota_targets(&p.blueprint.domains, p.blueprint.length)
        .into_iter()
        .map(|t| (t.id, t.count))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn feasible_banks_always_give_sound_reproducible_forms(spec in spec()) {
        let b = build(&spec);
        let problems = validate(&b.package);
        prop_assert!(problems.is_empty(), "generator made an invalid package: {problems:#?}");
        let seed = Seed(spec.form_seed);
        let form = match assemble_form(&b.package, seed, &b.context) {
            Ok(f) => f,
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        prop_assert_eq!(form.items.len(), spec.length);
        let violations = check_form(&b.package, &form, &b.context);
        prop_assert!(violations.is_empty(), "{:#?}", violations);
        for pin in &b.package.blueprint.pinned {
            prop_assert!(form.item_ids().contains(&pin.as_str()));
        }
        let again = assemble_form(&b.package, seed, &b.context).unwrap();
        prop_assert_eq!(&form, &again);
        // Item order and choice shuffles use their own streams: the selection is unchanged.
        let mut reordered = b.package.clone();
        reordered.blueprint.shuffle_choices = !reordered.blueprint.shuffle_choices;
        for s in &mut reordered.blueprint.sections {
            s.order = match s.order {
                SectionOrder::Fixed => SectionOrder::Shuffled,
                SectionOrder::Shuffled => SectionOrder::Fixed,
            };
        }
        let other = assemble_form(&reordered, seed, &b.context).unwrap();
        let picked: BTreeSet<&str> = form.item_ids().into_iter().collect();
        let picked_again: BTreeSet<&str> = other.item_ids().into_iter().collect();
        prop_assert_eq!(picked, picked_again);
        // The feasibility report agrees.
        let report = feasibility_with(&b.package, &b.context, &FeasibilityOptions { sample_forms: 0 });
        prop_assert!(report.feasible, "{:#?}", report.problems);
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn broken_banks_give_an_error_never_a_panic_or_a_short_form(spec in spec(), how in 0usize..5) {
        let mut b = build(&spec);
        let what = break_bank(&mut b, how, &mut Mix(spec.seed ^ 0x5EED));
        match assemble_form(&b.package, Seed(spec.form_seed), &b.context) {
            Ok(form) => {
                return Err(TestCaseError::fail(format!(
                    "{what}: got a form of {} items: {:?}",
                    form.items.len(),
                    form.item_ids()
                )))
            }
            Err(AssemblyError::Infeasible(s)) => prop_assert!(!s.is_empty()),
        }
        let report = feasibility_with(&b.package, &b.context, &FeasibilityOptions { sample_forms: 0 });
        prop_assert!(!report.feasible, "{}", what);
        prop_assert!(!report.problems.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Packages that skipped validation (nonsense quotas, draws, pins, sections, exposure):
    /// assembly never panics, and a form it returns is sound and full length.
    #[test]
    fn unvalidated_packages_never_panic_or_give_bad_forms(spec in spec(), noise in any::<u64>()) {
        let mut b = build(&spec);
        let r = &mut Mix(noise);
        let p = &mut b.package;
        for _ in 0..1 + r.below(4) {
            match r.below(10) {
                0 => p.blueprint.length = r.below(p.items.len() + 5),
                1 => p.blueprint.domains.push(Quota {
                    id: format!("D{}", r.below(6)),
                    count: Some(r.below(40)),
                    percent: None,
                }),
                2 => p.blueprint.outcomes.push(Quota {
                    id: format!("L{}", r.below(6)),
                    count: None,
                    percent: Some([f64::NAN, -20.0, 55.5, 150.0, 100.0][r.below(5)]),
                }),
                3 => {
                    if let Some(s) = p.sets.first_mut() {
                        s.draw = Some(r.below(7));
                    }
                }
                4 => p.blueprint.pinned.push(format!("i{:03}", r.below(200))),
                5 => p.blueprint.exposure.randomesque = r.below(3),
                6 => p.blueprint.sections.push(Section {
                    id: "odd".into(),
                    title: String::new(),
                    domains: vec![format!("D{}", r.below(6))],
                    order: SectionOrder::Fixed,
                }),
                7 => {
                    p.blueprint.sections.retain(|s| !s.domains.is_empty());
                }
                8 => {
                    let k = r.below(p.items.len());
                    p.items[k].set = Some(format!("ghost{}", r.below(2)));
                }
                _ => p.blueprint.exposure.max_rate = Some([0.0, -1.0, f64::NAN, 1e-9][r.below(4)]),
            }
        }
        if let Ok(form) = assemble_form(&b.package, Seed(spec.form_seed), &b.context) {
            prop_assert_eq!(form.items.len(), b.package.blueprint.length);
            let violations = check_form(&b.package, &form, &b.context);
            prop_assert!(violations.is_empty(), "{:#?}", violations);
        }
    }
}

/// Many more generated banks than the proptest run, with solver statistics (which attempt
/// found the form; attempt 6 is the exact search). Run by hand:
/// `STRESS=100000 SSEED=7 cargo test --test assembly_props stress -- --ignored --nocapture`.
#[test]
#[ignore]
fn stress_many_generated_banks() {
    let n: u64 = std::env::var("STRESS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let mut r = Mix(std::env::var("SSEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(99));
    let mut attempts: BTreeMap<usize, usize> = BTreeMap::new();
    let mut fails = 0;
    let t = std::time::Instant::now();
    let mut worst = (0u128, 0u64);
    for k in 0..n {
        let spec = Spec {
            seed: r.next(),
            length: 3 + r.below(28),
            domains: 1 + r.below(4),
            outcomes: r.below(5),
            extras: r.below(61),
            hidden_sets: r.below(4),
            form_seed: r.next(),
        };
        let b = build(&spec);
        let t0 = std::time::Instant::now();
        match certa::assemble::assemble(&b.package, Seed(spec.form_seed), &b.context) {
            Ok(a) => {
                *attempts.entry(a.attempt).or_default() += 1;
            }
            Err(e) => {
                fails += 1;
                if fails < 5 {
                    println!("FAIL {k} {spec:?}: {e}");
                }
            }
        }
        let el = t0.elapsed().as_micros();
        if el > worst.0 {
            worst = (el, k);
        }
    }
    println!(
        "attempts {attempts:?} fails {fails} total {:?} worst {:?}",
        t.elapsed(),
        worst
    );
}

/// Banks that once broke the solver, kept as fixed cases.
#[test]
fn regressions() {
    let cases = [
        // A near-unique form: the bank holds only seven items more than the form, and a
        // pinned draw-set's undrawn member is an enemy of a whole set (needs the exact search).
        Spec {
            seed: 17604024396121817819,
            length: 27,
            domains: 4,
            outcomes: 0,
            extras: 2,
            hidden_sets: 3,
            form_seed: 13100073488358060239,
        },
        // A pinned set deferred by the first pass was later drawn without its pinned item.
        Spec {
            seed: 219013873887776994,
            length: 16,
            domains: 4,
            outcomes: 2,
            extras: 21,
            hidden_sets: 3,
            form_seed: 4533540374039507829,
        },
        Spec {
            seed: 295227253967889652,
            length: 30,
            domains: 3,
            outcomes: 4,
            extras: 42,
            hidden_sets: 3,
            form_seed: 1061373346490167814,
        },
    ];
    for spec in cases {
        let b = build(&spec);
        let form = assemble_form(&b.package, Seed(spec.form_seed), &b.context)
            .unwrap_or_else(|e| panic!("{spec:?}: {e}"));
        assert_eq!(form.items.len(), spec.length);
        assert!(check_form(&b.package, &form, &b.context).is_empty());
    }
}
