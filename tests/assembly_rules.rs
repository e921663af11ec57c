//! Blueprint rules of form assembly, one by one, on realistic hand-built packages: a
//! 300-item network-engineering certification bank (five domains, outcomes, enemies, testlets),
//! plus small packages for the interaction-level rules.

use std::collections::{BTreeMap, BTreeSet};

use certa::assemble::information::item_information;
use certa::assemble::{
    assemble, assemble_form, check_form, feasibility, feasibility_with, information_tolerance,
    largest_remainder, AssemblyContext, AssemblyError, FeasibilityOptions, Form, Seed,
};
use certa::model::{
    Blueprint, Choice, CredentialPolicy, DeliveryPolicy, Difficulty, DifficultyTarget,
    ExposureControl, Gap, InformationPoint, Interaction, IrtParameters, Item, ItemSet, Outcome,
    OutcomeAlignment, Package, Quota, ScoringPolicy, Section, SectionOrder,
};
use certa::synthetic::{generate_bank, BankSpec, TargetSpec};

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

const DOMAINS: [&str; 5] = ["NET", "SEC", "OPS", "CLOUD", "DEV"];

fn choice(id: &str, pinned: bool) -> Choice {
    Choice {
        id: id.into(),
        content: format!("<p>Option {id}</p>"),
        pinned,
        feedback: None,
    }
}

fn single_choice() -> Interaction {
    Interaction::SingleChoice {
        choices: vec![
            choice("a", false),
            choice("b", false),
            choice("c", false),
            choice("d", false),
        ],
        key: "b".into(),
        shuffle: true,
    }
}

fn item(id: &str, domain: &str, outcome: Option<&str>) -> Item {
    Item {
        id: id.into(),
        stem: format!("<p>Question {id}</p>"),
        points: 1.0,
        domain: domain.into(),
        outcomes: outcome
            .map(|o| {
                vec![OutcomeAlignment {
                    outcome: o.into(),
                    weight: 1.0,
                }]
            })
            .unwrap_or_default(),
        difficulty: None,
        irt: None,
        enemy_group: None,
        set: None,
        feedback: None,
        interaction: single_choice(),
    }
}

fn blueprint(length: usize) -> Blueprint {
    Blueprint {
        length,
        sections: Vec::new(),
        domains: Vec::new(),
        outcomes: Vec::new(),
        difficulty: None,
        pinned: Vec::new(),
        exposure: ExposureControl::default(),
        shuffle_choices: true,
    }
}

fn package(items: Vec<Item>, blueprint: Blueprint) -> Package {
    let mut outcome_ids: BTreeSet<String> = BTreeSet::new();
    for it in &items {
        for a in &it.outcomes {
            outcome_ids.insert(a.outcome.clone());
        }
    }
    let mut set_ids: Vec<String> = Vec::new();
    for it in &items {
        if let Some(s) = &it.set {
            if !set_ids.contains(s) {
                set_ids.push(s.clone());
            }
        }
    }
    Package {
        format: "certa/1".into(),
        id: "net-cert".into(),
        version: "2026.1".into(),
        title: "Network Engineer Certification".into(),
        language: "en".into(),
        outcomes: outcome_ids
            .into_iter()
            .map(|id| Outcome {
                statement: format!("Outcome {id}"),
                id,
                uri: None,
                mastery: 0.8,
                required: false,
                min_items: 1,
            })
            .collect(),
        sets: set_ids
            .into_iter()
            .map(|id| ItemSet {
                title: format!("Case study {id}"),
                stimulus: "<p>Read the case.</p>".into(),
                id,
                draw: None,
            })
            .collect(),
        items,
        blueprint,
        scoring: ScoringPolicy {
            cut_score: 70.0,
            scale: Default::default(),
            negative_marking: Default::default(),
            rounding: Default::default(),
        },
        credential: CredentialPolicy::Certification {
            name: "Certified Network Engineer".into(),
            description: String::new(),
            validity_days: 1095,
        },
        attempts: Default::default(),
        delivery: DeliveryPolicy::default(),
        assets: Vec::new(),
        published: None,
    }
}

/// 300 items, 60 per domain; outcomes O1..O10 (two per domain, alternating); enemy pairs every
/// 10th item; p-values and 2PL parameters spread over the bank.
fn certification_bank() -> Vec<Item> {
    let mut items = Vec::new();
    for (d, domain) in DOMAINS.iter().enumerate() {
        for k in 0..60 {
            let n = d * 60 + k;
            let outcome = format!("O{}", 2 * d + 1 + (k % 2));
            let mut it = item(&format!("{domain}-{k:03}"), domain, Some(&outcome));
            let spread = (n * 37 % 100) as f64 / 100.0;
            it.difficulty = Some(Difficulty::P(0.3 + 0.6 * spread));
            it.irt = Some(IrtParameters {
                a: 0.6 + (n * 13 % 20) as f64 / 10.0,
                b: -2.5 + 5.0 * spread,
                c: None,
            });
            if k % 10 == 0 {
                // Enemy pair across domains: this item and the same position in the next one.
                it.enemy_group = Some(format!("E{}", (n + 60 * (DOMAINS.len() - d)) % 300 / 10));
            }
            items.push(it);
        }
    }
    items
}

fn percent(id: &str, p: f64) -> Quota {
    Quota {
        id: id.into(),
        count: None,
        percent: Some(p),
    }
}

fn count(id: &str, c: usize) -> Quota {
    Quota {
        id: id.into(),
        count: Some(c),
        percent: None,
    }
}

fn certification_package() -> Package {
    let mut bp = blueprint(60);
    bp.domains = vec![
        percent("NET", 20.0),
        percent("SEC", 25.0),
        percent("OPS", 20.0),
        percent("CLOUD", 15.0),
        percent("DEV", 20.0),
    ];
    package(certification_bank(), bp)
}

fn none() -> AssemblyContext {
    AssemblyContext::default()
}

fn domain_counts(p: &Package, form: &Form) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for id in form.item_ids() {
        let it = p.item(id).expect("form item in bank");
        *out.entry(it.domain.clone()).or_insert(0) += 1;
    }
    out
}

fn assert_sound(p: &Package, form: &Form, context: &AssemblyContext) {
    let violations = check_form(p, form, context);
    assert!(violations.is_empty(), "violations: {violations:#?}");
    assert_eq!(form.items.len(), p.blueprint.length);
}

fn shortfalls(result: Result<Form, AssemblyError>) -> Vec<certa::assemble::Shortfall> {
    match result {
        Ok(form) => panic!(
            "expected an infeasible blueprint, got a form of {}",
            form.items.len()
        ),
        Err(AssemblyError::Infeasible(s)) => s,
    }
}

// ---------------------------------------------------------------------------------------------
// Quotas
// ---------------------------------------------------------------------------------------------

#[test]
fn percentages_become_exact_domain_counts() {
    let p = certification_package();
    assert_eq!(
        largest_remainder(&[20.0, 25.0, 20.0, 15.0, 20.0], 60),
        vec![12, 15, 12, 9, 12]
    );
    for seed in 0..10 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        let counts = domain_counts(&p, &form);
        assert_eq!(counts["NET"], 12);
        assert_eq!(counts["SEC"], 15);
        assert_eq!(counts["OPS"], 12);
        assert_eq!(counts["CLOUD"], 9);
        assert_eq!(counts["DEV"], 12);
    }
}

#[test]
fn remainders_go_to_the_largest_fractions_then_quota_order() {
    // 30/30/40 % of 7 = 2.1/2.1/2.8 → 2/2/3.
    let mut bp = blueprint(7);
    bp.domains = vec![
        percent("NET", 30.0),
        percent("SEC", 30.0),
        percent("OPS", 40.0),
    ];
    let p = package(certification_bank(), bp);
    let form = assemble_form(&p, Seed(3), &none()).unwrap();
    assert_sound(&p, &form, &none());
    let c = domain_counts(&p, &form);
    assert_eq!((c["NET"], c["SEC"], c["OPS"]), (2, 2, 3));
    assert!(!c.contains_key("CLOUD") && !c.contains_key("DEV"));

    // 25 % × 4 of 10 = 2.5 each: the two extra places go to the first two quotas.
    let mut bp = blueprint(10);
    bp.domains = vec![
        percent("DEV", 25.0),
        percent("NET", 25.0),
        percent("SEC", 25.0),
        percent("OPS", 25.0),
    ];
    let p = package(certification_bank(), bp);
    let form = assemble_form(&p, Seed(4), &none()).unwrap();
    let c = domain_counts(&p, &form);
    assert_eq!((c["DEV"], c["NET"], c["SEC"], c["OPS"]), (3, 3, 2, 2));

    // 35 % + 35 % of 10 leaves 30 % free: 3.5/3.5/rest 3 → 4/3 and 3 free.
    let mut bp = blueprint(10);
    bp.domains = vec![percent("NET", 35.0), percent("SEC", 35.0)];
    let p = package(certification_bank(), bp);
    let form = assemble_form(&p, Seed(5), &none()).unwrap();
    let c = domain_counts(&p, &form);
    assert_eq!((c["NET"], c["SEC"]), (4, 3));
    assert_eq!(c.values().sum::<usize>(), 10);
}

#[test]
fn outcome_quotas_count_each_item_on_its_primary_outcome() {
    let mut items = certification_bank();
    // Give 15 NET and 15 DEV items a second, heavier alignment to O9: it becomes their
    // primary outcome; the lighter first alignment no longer counts for quotas.
    for domain in ["NET", "DEV"] {
        for it in items.iter_mut().filter(|it| it.domain == domain).take(15) {
            it.outcomes.push(OutcomeAlignment {
                outcome: "O9".into(),
                weight: 3.0,
            });
        }
    }
    let mut bp = blueprint(40);
    bp.domains = vec![count("NET", 10), count("SEC", 10)];
    bp.outcomes = vec![count("O9", 14), count("O1", 2), count("O3", 5)];
    let p = package(items, bp);
    for seed in 0..8 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        let mut primaries: BTreeMap<&str, usize> = BTreeMap::new();
        for id in form.item_ids() {
            let o = p.item(id).unwrap().primary_outcome().unwrap();
            *primaries.entry(o).or_insert(0) += 1;
        }
        assert_eq!(primaries["O9"], 14);
        assert_eq!(primaries["O1"], 2);
        assert_eq!(primaries["O3"], 5);
        assert_eq!(domain_counts(&p, &form)["NET"], 10);
    }
}

// ---------------------------------------------------------------------------------------------
// Enemies, sets, pins
// ---------------------------------------------------------------------------------------------

#[test]
fn enemies_never_share_a_form() {
    let mut items = certification_bank();
    // Triples of near-duplicate items in NET and SEC: at most one per triple.
    for (k, it) in items.iter_mut().enumerate() {
        if it.domain == "NET" || it.domain == "SEC" {
            it.enemy_group = Some(format!("dup-{}", k / 3));
        }
    }
    // NET: 60 items in 20 triples → at most 20; the quota asks for exactly 20.
    let mut bp = blueprint(50);
    bp.domains = vec![count("NET", 20), count("SEC", 20)];
    let p = package(items, bp);
    for seed in 0..20 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        let mut groups = BTreeSet::new();
        for id in form.item_ids() {
            if let Some(g) = &p.item(id).unwrap().enemy_group {
                assert!(groups.insert(g.clone()), "two items of {g} on seed {seed}");
            }
        }
    }
}

fn testlet_package(draw: Option<usize>) -> Package {
    let mut items = certification_bank();
    // Case studies: 5 sets of 4 items in OPS, interleaved with single items in bank order.
    for (k, it) in items
        .iter_mut()
        .filter(|it| it.domain == "OPS")
        .enumerate()
        .filter(|(k, _)| k % 3 == 0)
        .take(20)
    {
        it.set = Some(format!("case-{}", k / 12));
    }
    let mut bp = blueprint(30);
    bp.domains = vec![count("OPS", 10), count("NET", 8)];
    let mut p = package(items, bp);
    for s in &mut p.sets {
        s.draw = draw;
    }
    p
}

#[test]
fn sets_are_all_or_none_together_and_in_bank_order() {
    for draw in [None, Some(2)] {
        let p = testlet_package(draw);
        let want = draw.unwrap_or(4);
        let mut sets_seen = 0;
        for seed in 0..30 {
            let form = assemble_form(&p, Seed(seed), &none()).unwrap();
            assert_sound(&p, &form, &none());
            let ids = form.item_ids();
            let mut by_set: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (pos, id) in ids.iter().enumerate() {
                if let Some(s) = &p.item(id).unwrap().set {
                    by_set.entry(s.clone()).or_default().push(pos);
                }
            }
            for (s, pos) in &by_set {
                assert_eq!(pos.len(), want, "set {s} draw {draw:?}");
                assert!(pos.windows(2).all(|w| w[1] == w[0] + 1), "set {s} split");
                let bank: Vec<usize> = pos
                    .iter()
                    .map(|&k| p.items.iter().position(|it| it.id == ids[k]).unwrap())
                    .collect();
                assert!(
                    bank.windows(2).all(|w| w[0] < w[1]),
                    "set {s} out of bank order"
                );
            }
            sets_seen += by_set.len();
        }
        assert!(sets_seen > 0, "no set was ever drawn (draw {draw:?})");
    }
}

#[test]
fn pinned_items_are_on_every_form_and_force_their_set() {
    let mut p = testlet_package(Some(2));
    let set_item = p
        .items
        .iter()
        .find(|it| it.set.as_deref() == Some("case-1"))
        .unwrap()
        .id
        .clone();
    p.blueprint.pinned = vec!["SEC-007".into(), "NET-013".into(), set_item.clone()];
    for seed in 0..15 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        let ids = form.item_ids();
        for pin in &p.blueprint.pinned {
            assert!(ids.contains(&pin.as_str()), "{pin} missing on seed {seed}");
        }
        let in_case = ids
            .iter()
            .filter(|id| p.item(id).unwrap().set.as_deref() == Some("case-1"))
            .count();
        assert_eq!(in_case, 2);
    }
}

#[test]
fn seen_items_are_never_selected_on_a_retake() {
    let mut p = certification_package();
    p.blueprint.pinned = vec!["DEV-042".into()];
    let first = assemble_form(&p, Seed(11), &none()).unwrap();
    let seen: BTreeSet<String> = first.item_ids().iter().map(|s| s.to_string()).collect();
    let context = AssemblyContext {
        seen_item_ids: seen.iter().cloned().collect(),
        ..Default::default()
    };
    for seed in 0..5 {
        let retake = assemble_form(&p, Seed(100 + seed), &context).unwrap();
        assert_sound(&p, &retake, &context);
        for id in retake.item_ids() {
            // The pinned item is on every form, so it is the only repeat.
            assert!(!seen.contains(id) || id == "DEV-042", "{id} repeated");
        }
        assert!(retake.item_ids().contains(&"DEV-042"));
    }
}

#[test]
fn exposure_cap_is_respected_while_the_bank_allows_it() {
    let p = {
        let mut p = certification_package();
        p.blueprint.exposure.max_rate = Some(0.3);
        p
    };
    // Half of NET (30 items) is overexposed; NET needs 12, so the rest suffices.
    let mut counts = BTreeMap::new();
    for it in p.items.iter().filter(|it| it.domain == "NET").take(30) {
        counts.insert(it.id.clone(), 40u64);
    }
    let context = AssemblyContext {
        exposure_counts: counts.clone().into_iter().collect(),
        administrations: 100,
        ..Default::default()
    };
    for seed in 0..10 {
        let a = assemble(&p, Seed(seed), &context).unwrap();
        assert_sound(&p, &a.form, &context);
        assert!(a.overexposed_items.is_empty());
        for id in a.form.item_ids() {
            assert!(!counts.contains_key(id), "{id} is over the cap");
        }
    }
}

#[test]
fn exposure_cap_gives_way_only_as_far_as_a_quota_needs_and_says_so() {
    let mut p = certification_package();
    p.blueprint.exposure.max_rate = Some(0.3);
    // 55 of 60 NET items are overexposed; NET needs 12, so exactly 7 must be used.
    let counts: BTreeMap<String, u64> = p
        .items
        .iter()
        .filter(|it| it.domain == "NET")
        .take(55)
        .map(|it| (it.id.clone(), 50))
        .collect();
    let context = AssemblyContext {
        exposure_counts: counts.clone().into_iter().collect(),
        administrations: 100,
        ..Default::default()
    };
    p.blueprint.domains[0] = count("NET", 12);
    let a = assemble(&p, Seed(2), &context).unwrap();
    assert_sound(&p, &a.form, &context);
    let used: Vec<&str> = a
        .form
        .item_ids()
        .into_iter()
        .filter(|id| counts.contains_key(*id))
        .collect();
    assert_eq!(used.len(), 7, "used {used:?}");
    assert_eq!(a.overexposed_items.len(), 7);
    let report = feasibility_with(&p, &context, &FeasibilityOptions { sample_forms: 0 });
    assert!(report.feasible);
    assert_eq!(report.overexposed_items, 55);
    assert_eq!(report.proof.unwrap().overexposed_items.len(), 7);
}

// ---------------------------------------------------------------------------------------------
// Sections and order
// ---------------------------------------------------------------------------------------------

fn bank_index(p: &Package, id: &str) -> usize {
    p.items.iter().position(|it| it.id == id).unwrap()
}

#[test]
fn fixed_sections_keep_bank_order_and_shuffled_sections_shuffle() {
    let mut p = certification_package();
    p.blueprint.sections = vec![
        Section {
            id: "core".into(),
            title: "Core networking".into(),
            domains: vec!["NET".into(), "SEC".into()],
            order: SectionOrder::Fixed,
        },
        Section {
            id: "rest".into(),
            title: "Operations and development".into(),
            domains: Vec::new(),
            order: SectionOrder::Shuffled,
        },
    ];
    let mut shuffled_ever = false;
    for seed in 0..10 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        assert_eq!(form.sections.len(), 2);
        let core = &form.sections[0];
        assert_eq!((core.id.as_str(), core.start, core.end), ("core", 0, 27));
        let ids = form.item_ids();
        let core_idx: Vec<usize> = ids[0..27].iter().map(|id| bank_index(&p, id)).collect();
        assert!(
            core_idx.windows(2).all(|w| w[0] < w[1]),
            "fixed section out of order"
        );
        for id in &ids[27..] {
            let d = &p.item(id).unwrap().domain;
            assert!(d != "NET" && d != "SEC");
        }
        let rest_idx: Vec<usize> = ids[27..].iter().map(|id| bank_index(&p, id)).collect();
        shuffled_ever |= rest_idx.windows(2).any(|w| w[0] > w[1]);
    }
    assert!(shuffled_ever, "the shuffled section was never shuffled");
}

#[test]
fn without_sections_the_form_is_one_shuffled_main_section() {
    let p = certification_package();
    let form = assemble_form(&p, Seed(8), &none()).unwrap();
    assert_eq!(form.sections.len(), 1);
    assert_eq!(form.sections[0].id, "main");
    assert_eq!((form.sections[0].start, form.sections[0].end), (0, 60));
    let idx: Vec<usize> = form
        .item_ids()
        .iter()
        .map(|id| bank_index(&p, id))
        .collect();
    assert!(idx.windows(2).any(|w| w[0] > w[1]));
}

#[test]
fn item_order_and_choice_shuffles_never_change_the_selection() {
    let p = certification_package();
    let mut fixed = p.clone();
    fixed.blueprint.sections = vec![Section {
        id: "all".into(),
        title: String::new(),
        domains: Vec::new(),
        order: SectionOrder::Fixed,
    }];
    fixed.blueprint.shuffle_choices = false;
    for seed in 0..5 {
        let a = assemble_form(&p, Seed(seed), &none()).unwrap();
        let b = assemble_form(&fixed, Seed(seed), &none()).unwrap();
        let sa: BTreeSet<&str> = a.item_ids().into_iter().collect();
        let sb: BTreeSet<&str> = b.item_ids().into_iter().collect();
        assert_eq!(sa, sb);
        assert_ne!(a.item_ids(), b.item_ids());
    }
}

// ---------------------------------------------------------------------------------------------
// Choices
// ---------------------------------------------------------------------------------------------

fn interaction_package(shuffle_choices: bool) -> Package {
    let mut items = Vec::new();
    for k in 0..6 {
        let mut it = item(&format!("sc-{k}"), "NET", None);
        it.interaction = Interaction::SingleChoice {
            choices: vec![
                choice("a", false),
                choice("b", false),
                choice("c", false),
                choice("none", true),
            ],
            key: "none".into(),
            shuffle: true,
        };
        items.push(it);
        let mut it = item(&format!("ord-{k}"), "NET", None);
        let steps = 2 + k % 4;
        let ids: Vec<String> = (0..steps).map(|s| format!("s{s}")).collect();
        it.interaction = Interaction::Ordering {
            choices: ids.iter().map(|s| choice(s, false)).collect(),
            key: ids.clone(),
            rule: Default::default(),
        };
        items.push(it);
        let mut it = item(&format!("match-{k}"), "NET", None);
        it.interaction = Interaction::Matching {
            sources: vec![choice("p", false), choice("q", false), choice("r", false)],
            targets: vec![choice("x", false), choice("y", false), choice("z", true)],
            key: vec![("p".into(), "x".into()), ("q".into(), "y".into())],
            rule: Default::default(),
            shuffle: true,
        };
        items.push(it);
        let mut it = item(&format!("cloze-{k}"), "NET", None);
        it.interaction = Interaction::Cloze {
            text: "A {{g1}} connects {{g2}} networks.".into(),
            gaps: vec![
                Gap::Choice {
                    id: "g1".into(),
                    choices: vec![
                        choice("router", false),
                        choice("hub", false),
                        choice("cable", false),
                    ],
                    key: "router".into(),
                    shuffle: true,
                    points: None,
                },
                Gap::Text {
                    id: "g2".into(),
                    answers: vec![certa::model::AcceptedAnswer {
                        value: "two".into(),
                        points: None,
                    }],
                    case_sensitive: false,
                    points: None,
                },
            ],
        };
        items.push(it);
        let mut it = item(&format!("tf-{k}"), "NET", None);
        it.interaction = Interaction::TrueFalse { key: true };
        items.push(it);
    }
    let mut bp = blueprint(30);
    bp.shuffle_choices = shuffle_choices;
    package(items, bp)
}

#[test]
fn pinned_choices_stay_put_and_others_shuffle() {
    let p = interaction_package(true);
    let mut moved = false;
    for seed in 0..20 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        for fi in &form.items {
            if fi.item_id.starts_with("sc-") {
                assert_eq!(fi.choice_order[3], "none");
                moved |= fi.choice_order[..3] != ["a", "b", "c"];
            }
            if fi.item_id.starts_with("match-") {
                assert_eq!(fi.target_order[2], "z");
                assert_eq!(fi.choice_order.len(), 3);
            }
            if fi.item_id.starts_with("cloze-") {
                assert_eq!(fi.gap_orders.len(), 1);
                assert_eq!(fi.gap_orders.get("g1").map(Vec::len), Some(3));
            }
            if fi.item_id.starts_with("tf-") {
                assert!(fi.choice_order.is_empty() && fi.gap_orders.is_empty());
            }
        }
    }
    assert!(moved, "unpinned choices never moved");
}

#[test]
fn ordering_steps_are_never_delivered_in_key_order() {
    let p = interaction_package(true);
    let no_shuffle = interaction_package(false);
    for seed in 0..200 {
        for pk in [&p, &no_shuffle] {
            let form = assemble_form(pk, Seed(seed), &none()).unwrap();
            for fi in form.items.iter().filter(|f| f.item_id.starts_with("ord-")) {
                let Interaction::Ordering { key, .. } = &pk.item(&fi.item_id).unwrap().interaction
                else {
                    unreachable!()
                };
                assert_ne!(&fi.choice_order, key, "{} seed {seed}", fi.item_id);
            }
        }
    }
}

#[test]
fn without_choice_shuffling_lists_come_in_authored_order() {
    let p = interaction_package(false);
    let form = assemble_form(&p, Seed(9), &none()).unwrap();
    assert_sound(&p, &form, &none());
    for fi in &form.items {
        if fi.item_id.starts_with("sc-") {
            assert_eq!(fi.choice_order, ["a", "b", "c", "none"]);
        }
        if fi.item_id.starts_with("match-") {
            assert_eq!(fi.choice_order, ["p", "q", "r"]);
            assert_eq!(fi.target_order, ["x", "y", "z"]);
        }
        if fi.item_id.starts_with("cloze-") {
            assert_eq!(
                fi.gap_orders.get("g1").cloned().unwrap_or_default(),
                ["router", "hub", "cable"]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------------

#[test]
fn the_same_seed_gives_the_same_form_and_other_seeds_differ() {
    let mut p = certification_package();
    p.blueprint.pinned = vec!["OPS-010".into()];
    let a = assemble_form(&p, Seed(2024), &none()).unwrap();
    let b = assemble_form(&p, Seed(2024), &none()).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let forms: BTreeSet<Vec<String>> = (0..10)
        .map(|s| {
            let f = assemble_form(&p, Seed(s), &none()).unwrap();
            let mut ids: Vec<String> = f.item_ids().iter().map(|s| s.to_string()).collect();
            ids.sort();
            ids
        })
        .collect();
    assert_eq!(
        forms.len(),
        10,
        "ten seeds should give ten different item selections"
    );
}

#[test]
fn randomesque_one_and_no_target_still_spreads_items_over_seeds() {
    let mut p = certification_package();
    p.blueprint.exposure.randomesque = 1;
    let mut used = BTreeSet::new();
    for s in 0..20 {
        for id in assemble_form(&p, Seed(s), &none()).unwrap().item_ids() {
            used.insert(id.to_string());
        }
    }
    // Ties are broken by per-form random keys, so most of the bank gets used.
    assert!(used.len() > 200, "only {} items used", used.len());
}

// ---------------------------------------------------------------------------------------------
// Soft targets
// ---------------------------------------------------------------------------------------------

#[test]
fn mean_p_target_is_met_when_the_bank_allows() {
    let mut p = certification_package();
    p.blueprint.difficulty = Some(DifficultyTarget::MeanP {
        min: 0.70,
        max: 0.74,
    });
    for seed in 0..5 {
        let form = assemble_form(&p, Seed(seed), &none()).unwrap();
        assert_sound(&p, &form, &none());
        assert_eq!(form.deviation.target, "mean_p");
        assert_eq!(
            form.deviation.deviation, 0.0,
            "mean p {}",
            form.deviation.achieved
        );
        assert!((0.70..=0.74).contains(&form.deviation.achieved));
    }
}

#[test]
fn information_target_is_approached_and_reported_per_point() {
    let mut p = certification_package();
    let points = vec![
        InformationPoint {
            theta: -1.0,
            target: 9.0,
        },
        InformationPoint {
            theta: 0.0,
            target: 12.0,
        },
        InformationPoint {
            theta: 1.0,
            target: 9.0,
        },
    ];
    p.blueprint.difficulty = Some(DifficultyTarget::Information {
        points: points.clone(),
    });
    let form = assemble_form(&p, Seed(1), &none()).unwrap();
    assert_sound(&p, &form, &none());
    assert_eq!(form.deviation.target, "information");
    assert_eq!(form.deviation.information.len(), 3);
    let worst = form
        .deviation
        .information
        .iter()
        .zip(&points)
        .map(|(i, pt)| (i - pt.target).abs())
        .fold(0.0, f64::max);
    assert!((worst - form.deviation.deviation).abs() < 1e-12);
    // A form assembled without the target is much further off.
    let mut plain = p.clone();
    plain.blueprint.difficulty = None;
    let other = assemble_form(&plain, Seed(1), &none()).unwrap();
    let tif = |f: &Form, theta: f64| -> f64 {
        f.item_ids()
            .iter()
            .map(|id| {
                certa::assemble::information::item_information(
                    &p.item(id).unwrap().irt.unwrap(),
                    theta,
                )
            })
            .sum()
    };
    let other_worst = points
        .iter()
        .map(|pt| (tif(&other, pt.theta) - pt.target).abs())
        .fold(0.0, f64::max);
    assert!(
        form.deviation.deviation < other_worst,
        "{} vs {other_worst}",
        form.deviation.deviation
    );
    assert!(
        form.deviation.deviation < 1.0,
        "{}",
        form.deviation.deviation
    );
}

#[test]
fn maximize_information_prefers_informative_items() {
    let mut p = certification_package();
    p.blueprint.difficulty = Some(DifficultyTarget::MaximizeInformation { theta: 0.5 });
    let form = assemble_form(&p, Seed(3), &none()).unwrap();
    assert_eq!(form.deviation.target, "maximize_information");
    let mut plain = p.clone();
    plain.blueprint.difficulty = Some(DifficultyTarget::MeanP { min: 0.0, max: 1.0 });
    let base = assemble_form(&plain, Seed(3), &none()).unwrap();
    let base_info: f64 = base
        .item_ids()
        .iter()
        .map(|id| {
            certa::assemble::information::item_information(&p.item(id).unwrap().irt.unwrap(), 0.5)
        })
        .sum();
    assert!(form.deviation.achieved > 1.5 * base_info);
}

// ---------------------------------------------------------------------------------------------
// Diversity at equal quality, and exposure as a delivery service sees it
// ---------------------------------------------------------------------------------------------

/// The shipped certification exam: 300 items, 60-item forms, information target 13 at θ = 0.3,
/// randomesque 4, exposure cap 0.35.
fn shipped_exam() -> Package {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/certification-exam.json");
    let json = std::fs::read_to_string(path).expect("examples/certification-exam.json");
    Package::load(&json).expect("the shipped exam loads")
}

fn information_points(p: &Package) -> Vec<InformationPoint> {
    match &p.blueprint.difficulty {
        Some(DifficultyTarget::Information { points }) => points.clone(),
        other => panic!("expected an information target, found {other:?}"),
    }
}

/// Test information of a form at θ, from its items.
fn form_information(p: &Package, form: &Form, theta: f64) -> f64 {
    form.item_ids()
        .iter()
        .map(|id| item_information(&p.item(id).unwrap().irt.unwrap(), theta))
        .sum()
}

/// Every point of the form within its tolerance (and within 0.02 absolute), as reported.
fn assert_information_met(p: &Package, form: &Form) {
    let points = information_points(p);
    assert_eq!(form.deviation.information.len(), points.len());
    let mut worst = 0.0f64;
    for (reported, pt) in form.deviation.information.iter().zip(&points) {
        let actual = form_information(p, form, pt.theta);
        assert!(
            (reported - actual).abs() < 1e-9,
            "reported {reported}, actual {actual}"
        );
        let off = (actual - pt.target).abs();
        assert!(
            off <= information_tolerance(pt.target) + 1e-9 && off <= 0.02,
            "θ {}: information {actual} for target {}",
            pt.theta,
            pt.target
        );
        worst = worst.max(off);
    }
    assert!((form.deviation.deviation - worst).abs() < 1e-12);
}

/// Mean share of items two forms have in common, over every pair.
fn mean_overlap(forms: &[Form]) -> f64 {
    let sets: Vec<BTreeSet<&str>> = forms
        .iter()
        .map(|f| f.item_ids().into_iter().collect())
        .collect();
    let mut total = 0.0;
    let mut pairs = 0usize;
    for a in 0..sets.len() {
        for b in a + 1..sets.len() {
            let shared = sets[a].intersection(&sets[b]).count();
            total += shared as f64 / sets[a].len().max(1) as f64;
            pairs += 1;
        }
    }
    total / pairs.max(1) as f64
}

#[test]
fn information_target_forms_differ_across_seeds_and_all_meet_the_tolerance() {
    let p = shipped_exam();
    let forms: Vec<Form> = (0..30)
        .map(|s| assemble_form(&p, Seed(s), &none()).unwrap())
        .collect();
    for form in &forms {
        assert_sound(&p, form, &none());
        assert_information_met(&p, form);
    }
    // Before the target was met "within tolerance" the forms converged on the same most
    // informative items (mean overlap 0.84, 197 items never used over 50 forms).
    let overlap = mean_overlap(&forms);
    assert!(overlap < 0.6, "mean overlap {overlap:.3}");
    let used: BTreeSet<&str> = forms.iter().flat_map(|f| f.item_ids()).collect();
    assert!(used.len() >= 150, "only {} items used", used.len());
}

#[test]
fn a_three_point_information_target_spreads_over_a_large_bank() {
    // Targets at 70% of the information profile of the most informative 60 items (summed over
    // the three points), so that a real form can have their shape.
    let thetas = [-1.0, 0.0, 1.0];
    let probe = generate_bank(&BankSpec::default());
    let mut irts: Vec<IrtParameters> = probe.items.iter().filter_map(|it| it.irt).collect();
    let total = |irt: &IrtParameters| {
        thetas
            .iter()
            .map(|&t| item_information(irt, t))
            .sum::<f64>()
    };
    irts.sort_by(|a, b| total(b).total_cmp(&total(a)));
    let points: Vec<(f64, f64)> = thetas
        .iter()
        .map(|&t| {
            let best: f64 = irts
                .iter()
                .take(60)
                .map(|irt| item_information(irt, t))
                .sum();
            (t, (0.7 * best * 10.0).round() / 10.0)
        })
        .collect();
    let p = generate_bank(&BankSpec {
        target: TargetSpec::Information { points },
        ..BankSpec::default()
    });
    let forms: Vec<Form> = (0..8)
        .map(|s| assemble_form(&p, Seed(s), &none()).unwrap())
        .collect();
    for form in &forms {
        assert_sound(&p, form, &none());
        assert_information_met(&p, form);
    }
    let overlap = mean_overlap(&forms);
    assert!(overlap < 0.4, "mean overlap {overlap:.3}");
}

#[test]
fn mean_p_forms_differ_across_seeds_inside_the_range() {
    let mut p = certification_package();
    p.blueprint.difficulty = Some(DifficultyTarget::MeanP {
        min: 0.70,
        max: 0.74,
    });
    let forms: Vec<Form> = (0..12)
        .map(|s| assemble_form(&p, Seed(s), &none()).unwrap())
        .collect();
    for form in &forms {
        assert_eq!(
            form.deviation.deviation, 0.0,
            "mean p {}",
            form.deviation.achieved
        );
    }
    // The per-item band alone gave 0.67: the forms shared two thirds of their items.
    let overlap = mean_overlap(&forms);
    assert!(overlap < 0.45, "mean overlap {overlap:.3}");
}

#[test]
fn the_exposure_estimate_assembles_in_sequence_and_respects_the_cap() {
    let p = shipped_exam();
    let cap = p.blueprint.exposure.max_rate.unwrap();
    let report = feasibility_with(&p, &none(), &FeasibilityOptions { sample_forms: 40 });
    assert!(report.feasible);
    let e = report.exposure.as_ref().unwrap();
    assert_eq!(e.forms, 40);
    assert!(
        e.max_rate <= cap + 0.02,
        "max rate {} over the cap {cap}",
        e.max_rate
    );

    // The same forms, assembled as a delivery service would: each with the counts of the
    // forms before it.
    let mut context = none();
    let mut forms = Vec::new();
    for s in 0..40 {
        let a = assemble(&p, Seed(s), &context).unwrap();
        for id in a.form.item_ids() {
            *context.exposure_counts.entry(id.to_string()).or_insert(0) += 1;
        }
        context.administrations += 1;
        forms.push(a.form);
    }
    let most = context.exposure_counts.values().copied().max().unwrap();
    assert!((e.max_rate - most as f64 / 40.0).abs() < 1e-12);
    assert_eq!(e.never_used, p.items.len() - context.exposure_counts.len());
    assert!((e.mean_overlap - mean_overlap(&forms)).abs() < 1e-9);
    let worst = forms
        .iter()
        .map(|f| f.deviation.deviation)
        .fold(0.0, f64::max);
    assert!((e.max_deviation - worst).abs() < 1e-12);
    // The proof form is seed 0 with the caller's context, as before.
    assert_eq!(
        report.proof.as_ref().unwrap().item_ids,
        forms[0]
            .item_ids()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );

    // Without the cap, items go well above it: the cap is what keeps them down.
    let mut uncapped = p.clone();
    uncapped.blueprint.exposure.max_rate = None;
    let free = feasibility_with(&uncapped, &none(), &FeasibilityOptions { sample_forms: 40 });
    assert!(free.exposure.unwrap().max_rate > cap + 0.1);
}

#[test]
fn the_exposure_cap_waits_for_enough_administrations() {
    let mut p = certification_package();
    p.blueprint.exposure.max_rate = Some(0.35);
    let context = |administrations: u64, uses: u64| AssemblyContext {
        exposure_counts: p
            .items
            .iter()
            .filter(|it| it.domain == "NET")
            .take(30)
            .map(|it| (it.id.clone(), uses))
            .collect(),
        administrations,
        ..Default::default()
    };
    let over = |c: &AssemblyContext| {
        feasibility_with(&p, c, &FeasibilityOptions { sample_forms: 0 }).overexposed_items
    };
    // The cap applies from 2 / 0.35 ≈ 5.7 administrations on: before, even items on every form
    // so far are not over it.
    assert_eq!(over(&context(5, 5)), 0);
    assert_eq!(over(&context(6, 5)), 30);
    // Over the cap: the rate after this form would exceed it, (count + 1) / (n + 1) > 0.35.
    assert_eq!(over(&context(99, 34)), 0);
    assert_eq!(over(&context(99, 35)), 30);
}

#[test]
fn a_young_bank_is_not_blocked_by_its_first_forms() {
    // 120 items for 60-item forms: a cap that counted a single use would forbid the first
    // form's items on the second form and every item on the third.
    let mut p = certification_package();
    p.items
        .retain(|it| matches!(it.domain.as_str(), "NET" | "SEC"));
    p.blueprint.domains = vec![percent("NET", 50.0), percent("SEC", 50.0)];
    p.blueprint.exposure.max_rate = Some(0.5);
    let mut context = none();
    for s in 0..8 {
        let a = assemble(&p, Seed(s), &context).unwrap();
        assert_sound(&p, &a.form, &context);
        if context.administrations < 4 {
            assert!(
                a.overexposed_items.is_empty(),
                "form {s}: {:?}",
                a.overexposed_items
            );
        }
        for id in a.form.item_ids() {
            *context.exposure_counts.entry(id.to_string()).or_insert(0) += 1;
        }
        context.administrations += 1;
    }
}

#[test]
fn soft_target_forms_and_the_report_are_reproducible() {
    let p = shipped_exam();
    for s in [0, 7, 123_456_789] {
        let a = assemble_form(&p, Seed(s), &none()).unwrap();
        let b = assemble_form(&p, Seed(s), &none()).unwrap();
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
    }
    let options = FeasibilityOptions { sample_forms: 10 };
    assert_eq!(
        feasibility_with(&p, &none(), &options),
        feasibility_with(&p, &none(), &options)
    );
}

// ---------------------------------------------------------------------------------------------
// Infeasible blueprints
// ---------------------------------------------------------------------------------------------

#[test]
fn a_domain_short_of_items_names_the_rule_and_the_numbers() {
    let mut p = certification_package();
    p.blueprint.length = 60;
    p.blueprint.domains = vec![count("NET", 23)];
    // 60 NET items: 38 seen, and 6 enemy pairs inside the 22 left (E-groups link across
    // domains, so pair them explicitly here).
    let net: Vec<String> = p
        .items
        .iter()
        .filter(|it| it.domain == "NET")
        .map(|it| it.id.clone())
        .collect();
    let seen: BTreeSet<String> = net.iter().take(38).cloned().collect();
    for it in p.items.iter_mut() {
        it.enemy_group = None;
    }
    for (k, id) in net.iter().skip(38).take(6).enumerate() {
        let it = p.items.iter_mut().find(|it| &it.id == id).unwrap();
        it.enemy_group = Some(format!("pair-{}", k / 2));
    }
    let context = AssemblyContext {
        seen_item_ids: seen.into_iter().collect(),
        ..Default::default()
    };
    let s = shortfalls(assemble_form(&p, Seed(0), &context));
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].rule, "blueprint.domains[0]");
    assert_eq!((s[0].needed, s[0].available), (23, 19));
    assert!(
        s[0].message.starts_with(
            "domain \"NET\" needs 23 item(s) but only 19 remain after excluding enemies and seen items"
        ),
        "{}",
        s[0].message
    );
    let report = feasibility(&p, &context);
    assert!(!report.feasible);
    assert_eq!(report.problems, s);
    assert_eq!(report.domains[0].available, 19);
    assert!(!report.domains[0].enough);
}

#[test]
fn pins_that_break_a_rule_are_named() {
    // Two pinned enemies.
    let mut p = certification_package();
    p.blueprint.pinned = vec!["NET-000".into(), "NET-001".into()];
    p.items[1].enemy_group = p.items[0].enemy_group.clone();
    let s = shortfalls(assemble_form(&p, Seed(0), &none()));
    assert!(s.iter().any(|s| s.rule == "blueprint.pinned"
        && s.message.contains("\"NET-000\" and \"NET-001\"")
        && s.message.contains("enemies")));

    // More pins in a domain than its quota.
    let mut p = certification_package();
    p.blueprint.domains = vec![count("CLOUD", 2)];
    p.blueprint.pinned = vec!["CLOUD-001".into(), "CLOUD-002".into(), "CLOUD-003".into()];
    let s = shortfalls(assemble_form(&p, Seed(0), &none()));
    assert_eq!(s[0].rule, "blueprint.domains[0]");
    assert!(
        s[0].message.contains("takes 2 item(s) but pinned items"),
        "{}",
        s[0].message
    );

    // A pinned item that is not in the bank.
    let mut p = certification_package();
    p.blueprint.pinned = vec!["NET-999".into()];
    let s = shortfalls(assemble_form(&p, Seed(0), &none()));
    assert_eq!(s[0].rule, "blueprint.pinned[0]");
}

#[test]
fn a_pinned_set_that_cannot_be_drawn_is_named() {
    let mut p = testlet_package(Some(3));
    let members: Vec<String> = p
        .items
        .iter()
        .filter(|it| it.set.as_deref() == Some("case-0"))
        .map(|it| it.id.clone())
        .collect();
    p.blueprint.pinned = vec![members[0].clone()];
    // Two of the other three were seen: the set draws 3 but only 2 are left.
    let context = AssemblyContext {
        seen_item_ids: members[1..3].iter().cloned().collect(),
        ..Default::default()
    };
    let s = shortfalls(assemble_form(&p, Seed(0), &context));
    assert_eq!(s[0].rule, "sets[0]");
    assert!(
        s[0].message.contains("must be on every form"),
        "{}",
        s[0].message
    );
    assert_eq!((s[0].needed, s[0].available), (3, 2));
}

#[test]
fn an_outcome_quota_its_domains_cannot_feed_is_named() {
    // O1 items all sit in NET; O1 needs 8 but NET takes only 5.
    let items: Vec<Item> = (0..40)
        .map(|k| {
            let (d, o) = if k < 20 { ("NET", "O1") } else { ("SEC", "O3") };
            item(&format!("{d}-{k}"), d, Some(o))
        })
        .collect();
    let mut bp = blueprint(10);
    bp.domains = vec![count("NET", 5)];
    bp.outcomes = vec![count("O1", 8)];
    let p = package(items, bp);
    let s = shortfalls(assemble_form(&p, Seed(0), &none()));
    assert_eq!(s[0].rule, "blueprint.outcomes[0]");
    assert_eq!(
        s[0].message,
        "the domain and outcome quotas cannot both be met: outcome \"O1\" needs 8 item(s), but domain \"NET\" takes only 5 and the other domains can give at most 0 of their items"
    );
    assert_eq!((s[0].needed, s[0].available), (8, 5));
}

#[test]
fn sets_that_block_every_form_are_proved_infeasible() {
    // Two case studies, each one NET and one SEC item drawn whole, plus one SEC single.
    // NET needs 2 (both cases) but SEC takes 1: every capacity passes, the sets make it
    // impossible, and the exact search proves it.
    let mut items = Vec::new();
    for k in 0..2 {
        let mut a = item(&format!("NET-{k}"), "NET", None);
        a.set = Some(format!("case-{k}"));
        let mut b = item(&format!("SEC-{k}"), "SEC", None);
        b.set = Some(format!("case-{k}"));
        items.push(a);
        items.push(b);
    }
    items.push(item("SEC-9", "SEC", None));
    let mut bp = blueprint(3);
    bp.domains = vec![count("NET", 2), count("SEC", 1)];
    let p = package(items, bp);
    let s = shortfalls(assemble_form(&p, Seed(0), &none()));
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].rule, "blueprint");
    assert!(
        s[0].message
            .contains("an exhaustive search of the bank found none"),
        "{}",
        s[0].message
    );
}

#[test]
fn quotas_of_two_dimensions_that_cannot_meet_are_reported_not_delivered() {
    // NET items all align to O1, SEC to O3. NET needs 5 and SEC 5, but O1 needs 8: the
    // capacities pass one by one, yet no form meets both dimensions.
    let items: Vec<Item> = (0..40)
        .map(|k| {
            let (d, o) = if k < 20 { ("NET", "O1") } else { ("SEC", "O3") };
            item(&format!("{d}-{k}"), d, Some(o))
        })
        .collect();
    let mut bp = blueprint(10);
    bp.domains = vec![count("NET", 5), count("SEC", 5)];
    bp.outcomes = vec![count("O1", 8)];
    let p = package(items, bp);
    let s = shortfalls(assemble_form(&p, Seed(0), &none()));
    assert_eq!(s.len(), 1);
    assert!(
        s[0].message
            .starts_with("the domain and outcome quotas cannot both be met: "),
        "{}",
        s[0].message
    );
    assert!(s[0].needed > s[0].available);
    let report = feasibility(&p, &none());
    assert!(!report.feasible);
    assert!(report.proof.is_none());
}

// ---------------------------------------------------------------------------------------------
// Feasibility report and the checker
// ---------------------------------------------------------------------------------------------

#[test]
fn feasibility_report_proves_and_describes_a_feasible_blueprint() {
    let mut p = testlet_package(Some(2));
    p.blueprint.domains = vec![
        percent("NET", 20.0),
        percent("SEC", 25.0),
        percent("OPS", 20.0),
    ];
    p.blueprint.pinned = vec!["SEC-003".into()];
    let report = feasibility_with(&p, &none(), &FeasibilityOptions { sample_forms: 20 });
    assert!(report.feasible, "{:#?}", report.problems);
    assert!(report.problems.is_empty());
    assert_eq!(report.length, 30);
    assert_eq!(report.bank_items, 300);
    let net = &report.domains[0];
    assert_eq!(net.id.as_deref(), Some("NET"));
    assert_eq!(
        (net.target, net.from_percent, net.percent),
        (6, true, Some(20.0))
    );
    assert_eq!(net.in_bank, 60);
    assert_eq!(report.domains[1].target, 8);
    assert_eq!(report.domains[1].pinned, 1);
    let free = report.domains.last().unwrap();
    assert_eq!(free.id, None);
    assert_eq!(free.target, 30 - 6 - 8 - 6);
    assert_eq!(report.pins.len(), 1);
    assert_eq!(report.pins[0].domain.as_deref(), Some("SEC"));
    assert_eq!(report.sets.len(), 5);
    assert!(report.sets.iter().all(|s| s.draw == 2 && s.usable));
    let proof = report.proof.as_ref().unwrap();
    assert_eq!(
        proof.item_ids,
        assemble_form(&p, Seed(0), &none())
            .unwrap()
            .item_ids()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    let exposure = report.exposure.as_ref().unwrap();
    assert_eq!(exposure.forms, 20);
    assert!(
        (exposure.max_rate - 1.0).abs() < 1e-12,
        "the pinned item is on every form"
    );
    assert_eq!(exposure.most_exposed[0].id, "SEC-003");
    assert!((exposure.mean_rate - 30.0 / report.usable_items as f64).abs() < 1e-9);
    assert!(report.distinct_forms_log10.unwrap() > 10.0);
    // The report serializes for the CLI and the instructor preview.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["feasible"], true);
}

#[test]
fn the_checker_catches_every_kind_of_tampering() {
    let mut p = testlet_package(None);
    p.blueprint.pinned = vec!["SEC-004".into()];
    let form = assemble_form(&p, Seed(6), &none()).unwrap();
    assert_sound(&p, &form, &none());

    // Drop the pinned item for another SEC item.
    let mut bad = form.clone();
    let k = bad
        .items
        .iter()
        .position(|f| f.item_id == "SEC-004")
        .unwrap();
    let spare = p
        .items
        .iter()
        .find(|it| {
            it.domain == "SEC"
                && it.enemy_group.is_none()
                && !form.item_ids().contains(&it.id.as_str())
        })
        .unwrap();
    bad.items[k].item_id = spare.id.clone();
    let v = check_form(&p, &bad, &none());
    assert!(
        v.iter()
            .any(|m| m.contains("pinned item \"SEC-004\" is missing")),
        "{v:#?}"
    );

    // A repeated item and a wrong length.
    let mut bad = form.clone();
    let dup = bad.items[0].clone();
    bad.items.push(dup);
    let v = check_form(&p, &bad, &none());
    assert!(v.iter().any(|m| m.contains("twice")));
    assert!(v.iter().any(|m| m.contains("31 items")));

    // A moved pinned choice and an unshuffled list that moved.
    let mut bad = form.clone();
    bad.items[1].choice_order.swap(0, 1);
    bad.items[1].choice_order.push("zz".into());
    let v = check_form(&p, &bad, &none());
    assert!(v.iter().any(|m| m.contains("not a permutation")));

    // Seen items.
    let unpinned = form.items.iter().find(|f| f.item_id != "SEC-004").unwrap();
    let ctx = AssemblyContext {
        seen_item_ids: [unpinned.item_id.clone()].into_iter().collect(),
        ..Default::default()
    };
    let v = check_form(&p, &form, &ctx);
    assert!(v.len() == 1 && v[0].contains("seen"), "{v:#?}");
}

#[test]
fn thousands_of_empty_quotas_stay_cheap() {
    // An unvalidated blueprint with 3,000 zero quotas per dimension for ids no item has:
    // cells exist only where items are, so this is as cheap as the plain blueprint.
    let mut p = certification_package();
    for k in 0..3000 {
        p.blueprint
            .domains
            .push(count(&format!("ghost-domain-{k}"), 0));
        p.blueprint
            .outcomes
            .push(count(&format!("ghost-outcome-{k}"), 0));
    }
    let start = std::time::Instant::now();
    let form = assemble_form(&p, Seed(1), &none()).unwrap();
    assert_sound(&p, &form, &none());
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    // A ghost quota that asks for items is named.
    p.blueprint.domains = vec![count("NET", 10), count("ghost-domain-x", 2)];
    let s = shortfalls(assemble_form(&p, Seed(1), &none()));
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s.iter().any(|s| s
        .message
        .starts_with("domain \"ghost-domain-x\" needs 2 item(s)")));
}

// ---------------------------------------------------------------------------------------------
// Timing (run by hand: cargo test --test assembly_rules timing -- --ignored --nocapture)
// ---------------------------------------------------------------------------------------------

/// A bank of `n` items over the five domains and ten outcomes, with enemy pairs, four-item
/// case studies drawing two, 2PL parameters and p-values.
fn big_bank(n: usize) -> Vec<Item> {
    (0..n)
        .map(|k| {
            let d = DOMAINS[k % 5];
            let mut it = item(&format!("{d}-{k:04}"), d, Some(&format!("O{}", k % 10)));
            let spread = (k * 37 % 101) as f64 / 101.0;
            it.difficulty = Some(Difficulty::P(0.3 + 0.6 * spread));
            it.irt = Some(IrtParameters {
                a: 0.6 + (k * 13 % 20) as f64 / 10.0,
                b: -2.5 + 5.0 * spread,
                c: None,
            });
            if k % 7 == 0 {
                it.enemy_group = Some(format!("E{}", k / 14));
            }
            if k % 50 < 4 {
                it.set = Some(format!("case-{}", k / 50));
            }
            it
        })
        .collect()
}

#[test]
#[ignore]
fn timing() {
    for n in [300, 2000] {
        for target in [
            None,
            Some(DifficultyTarget::MeanP {
                min: 0.6,
                max: 0.62,
            }),
        ] {
            let mut bp = blueprint(60);
            bp.domains = vec![
                percent("NET", 20.0),
                percent("SEC", 25.0),
                percent("OPS", 20.0),
                percent("CLOUD", 15.0),
                percent("DEV", 20.0),
            ];
            bp.outcomes = vec![count("O1", 6), count("O2", 6)];
            bp.difficulty = target.clone();
            let mut p = package(big_bank(n), bp);
            for s in &mut p.sets {
                s.draw = Some(2);
            }
            let forms = 50;
            let start = std::time::Instant::now();
            for s in 0..forms {
                let form = assemble_form(&p, Seed(s), &none()).unwrap();
                assert_eq!(form.items.len(), 60);
            }
            let per = start.elapsed() / forms as u32;
            println!(
                "60 of {n} (target {:?}): {per:?} per form",
                target.is_some()
            );
        }
    }
}
