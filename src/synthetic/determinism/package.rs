//! The package of a determinism case: a synthetic bank ([`generate_bank`]) of 5–120 items,
//! then varied where floating point and ordering matter — IRT on all, some or no items (2PL
//! and 3PL), fractional points and weights, essays, Unicode text answers, awkward numeric
//! keys, partial-credit rules, mastery thresholds, credential kinds, scales, negative marking,
//! rounding rules, quotas as counts or percentages, outcome quotas, sections, pins, exposure
//! control, time limits, linear navigation and retake rules.

use crate::assemble::SeededRng;
use crate::model::{
    AcceptedAnswer, CredentialPolicy, DifficultyTarget, Gap, Interaction, InteractionKind, Item,
    MultipleResponseRule, Navigation, NegativeMarking, NumericKey, Package, Quota, Rounding,
    RoundingMode, ScoreScale, Section, SectionOrder,
};
use crate::synthetic::{generate_bank, BankSpec, InteractionMix, TargetSpec};

use super::any_u64;
use super::text::UNICODE_TERMS;

/// How far a case's package strays from a plain bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Everything varies (see the module docs).
    Varied,
    /// A mixed bank without enemies, sets, pins, sections, quotas of its own or history: the
    /// fallback when varied blueprints cannot be met.
    Plain,
}

/// Item points other than 1: halves, thirds, tenths and larger values.
const POINTS: [f64; 8] = [0.5, 1.5, 2.0, 3.0, 0.25, 1.0 / 3.0, 0.1, 0.7];

/// Outcome alignment weights.
const WEIGHTS: [f64; 7] = [0.25, 0.5, 1.0, 1.5, 2.0, 0.1, 3.0];

/// Mastery thresholds, including both ends of [0, 1].
const MASTERY: [f64; 9] = [0.5, 0.6, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0, 0.0];

/// Numeric keys where binary floating point bites: decimal values at the tolerance edge,
/// negative values, zero (so that −0 answers it), tiny ranges, very large and very small
/// magnitudes, and a value above 2^53.
fn awkward_numeric_key(rng: &mut SeededRng) -> NumericKey {
    let value = |v: f64| NumericKey {
        value: Some(v),
        ..NumericKey::default()
    };
    match rng.below(10) {
        0 => NumericKey {
            absolute_tolerance: Some(0.05),
            ..value(9.81)
        },
        1 => NumericKey {
            relative_tolerance: Some(0.001),
            ..value(-273.15)
        },
        2 => value(0.0),
        3 => NumericKey {
            min: Some(-1e-7),
            max: Some(1e-7),
            ..NumericKey::default()
        },
        4 => NumericKey {
            relative_tolerance: Some(1e-6),
            ..value(6.022_140_76e23)
        },
        5 => NumericKey {
            absolute_tolerance: Some(0.5),
            ..value(1e15)
        },
        6 => value(0.3),
        7 => value(12_345_678_901_234_567_890.0),
        8 => NumericKey {
            min: Some(-45.5),
            max: Some(-40.0),
            ..NumericKey::default()
        },
        _ => NumericKey {
            absolute_tolerance: Some(1e-300),
            ..value(5e-324)
        },
    }
}

/// The package of a case.
pub fn case_package(rng: &mut SeededRng, index: u64, shape: Shape) -> Package {
    let varied = shape == Shape::Varied;
    let items = 5 + rng.below(116);
    let domains = 1 + rng.below((items / 3).clamp(1, 6));
    let outcomes = match rng.below(4) {
        0 => 0,
        1 | 2 => domains,
        _ => (1 + rng.below(domains + 2)).min(items),
    };
    let share = 20 + rng.below(71); // percent of the bank on a form
    let form_length = (items * share / 100).max(1);
    let sets = if varied && rng.below(3) == 0 {
        1 + rng.below(3)
    } else {
        0
    };
    let set_size = 2 + rng.below(3);
    let spec = BankSpec {
        items,
        domains,
        outcomes,
        enemy_pairs: if varied { rng.below(items / 8 + 1) } else { 0 },
        sets,
        set_size,
        set_draw: (rng.below(3) == 0).then(|| 1 + rng.below(set_size)),
        form_length,
        domain_quotas: None,
        seed: any_u64(rng),
        interactions: if rng.below(7) == 0 {
            InteractionMix::Dichotomous
        } else {
            InteractionMix::Mixed
        },
        target: match rng.below(4) {
            0 => TargetSpec::MaximizeInformation {
                theta: (rng.below(401) as f64 - 200.0) / 100.0,
            },
            1 => TargetSpec::Information {
                points: vec![
                    (-1.0, rng.below(30) as f64 / 2.0),
                    (0.0, rng.below(40) as f64 / 3.0),
                    (1.5, rng.below(30) as f64 / 7.0),
                ],
            },
            _ => TargetSpec::None,
        },
        exposure_randomesque: 1 + rng.below(6),
    };
    let mut package = generate_bank(&spec);
    package.id = format!("determinism-case-{index}");
    package.title = format!("Determinism case {index}: {} items, Prüfung", items);

    vary_irt(rng, &mut package);
    vary_items(rng, &mut package);
    vary_outcomes(rng, &mut package);
    vary_policies(rng, &mut package);
    if varied {
        vary_blueprint(rng, &mut package);
    } else {
        package.blueprint.difficulty = None;
    }
    package
}

/// IRT parameters on every item (3PL), as 2PL, on some items only, or on none.
fn vary_irt(rng: &mut SeededRng, package: &mut Package) {
    match rng.below(10) {
        0..=3 => {}
        4 | 5 => {
            for item in &mut package.items {
                if rng.below(2) == 0 {
                    item.irt = None;
                }
            }
        }
        6 | 7 => {
            for item in &mut package.items {
                if let Some(irt) = &mut item.irt {
                    irt.c = None;
                }
            }
        }
        _ => {
            for item in &mut package.items {
                item.irt = None;
            }
        }
    }
    let all_irt = package.items.iter().all(|i| i.irt.is_some());
    let needs_irt = matches!(
        package.blueprint.difficulty,
        Some(DifficultyTarget::Information { .. } | DifficultyTarget::MaximizeInformation { .. })
    );
    if needs_irt && !all_irt {
        // Every item keeps its b, so a mean-b window is always valid.
        package.blueprint.difficulty = (rng.below(2) == 0).then_some(DifficultyTarget::MeanB {
            min: -0.5,
            max: 0.75,
        });
    }
}

/// Item points, essays, Unicode answers, awkward numeric keys and partial-credit rules.
fn vary_items(rng: &mut SeededRng, package: &mut Package) {
    let fractional_points = rng.below(3) == 0;
    let essays = rng.below(6) == 0;
    let unicode = rng.below(2) == 0;
    let awkward_numbers = rng.below(2) == 0;
    for item in &mut package.items {
        if fractional_points && rng.below(2) == 0 {
            item.points = POINTS[rng.below(POINTS.len())];
        }
        if essays && rng.below(6) == 0 {
            item.interaction = Interaction::ExtendedText {
                max_length: (rng.below(2) == 0).then_some(400),
                rubric: Some("Names the evidence and the follow-up.".into()),
            };
            continue;
        }
        vary_interaction(rng, item, unicode, awkward_numbers);
    }
}

fn vary_interaction(rng: &mut SeededRng, item: &mut Item, unicode: bool, awkward_numbers: bool) {
    let points = item.points;
    match &mut item.interaction {
        Interaction::TextEntry {
            answers,
            case_sensitive,
            ..
        } => {
            if unicode && rng.below(2) == 0 {
                let term = &UNICODE_TERMS[rng.below(UNICODE_TERMS.len())];
                if let Some(first) = answers.first_mut() {
                    first.value = term.answer.to_string();
                }
            }
            *case_sensitive = rng.below(5) == 0;
            // The variant answer is worth a share of the item's points.
            for answer in answers.iter_mut().skip(1) {
                answer.points = Some(points * [0.5, 0.25, 0.75][rng.below(3)]);
            }
        }
        Interaction::Cloze { gaps, .. } => {
            let explicit = rng.below(3) == 0;
            let gap_count = gaps.len();
            for gap in gaps.iter_mut() {
                match gap {
                    Gap::Text {
                        answers,
                        case_sensitive,
                        points: gap_points,
                        ..
                    } => {
                        if unicode && rng.below(2) == 0 {
                            let term = &UNICODE_TERMS[rng.below(UNICODE_TERMS.len())];
                            *answers = vec![
                                AcceptedAnswer {
                                    value: term.answer.to_string(),
                                    points: None,
                                },
                                AcceptedAnswer {
                                    value: term.near_miss.to_string(),
                                    points: Some(0.0),
                                },
                            ];
                        }
                        *case_sensitive = rng.below(4) == 0;
                        if explicit && gap_count > 1 {
                            *gap_points = Some(points * 0.3);
                        }
                    }
                    Gap::Choice { shuffle, .. } => *shuffle = rng.below(3) != 0,
                }
            }
        }
        Interaction::Numeric { key, .. } => {
            if awkward_numbers && rng.below(2) == 0 {
                *key = awkward_numeric_key(rng);
            }
        }
        Interaction::MultipleResponse {
            choices,
            keys,
            rule,
            max_choices,
            ..
        } => {
            *rule = [
                MultipleResponseRule::AllOrNothing,
                MultipleResponseRule::PerOption,
                MultipleResponseRule::RightMinusWrong,
            ][rng.below(3)];
            if rng.below(3) == 0 {
                *max_choices = Some(keys.len() + rng.below(choices.len() - keys.len() + 1));
            }
        }
        Interaction::SingleChoice {
            choices, shuffle, ..
        } => {
            *shuffle = rng.below(5) != 0;
            // A pinned last choice ("None of the above") keeps its place in a shuffle.
            if rng.below(4) == 0 {
                if let Some(last) = choices.last_mut() {
                    last.pinned = true;
                }
            }
        }
        Interaction::Matching { shuffle, .. } => *shuffle = rng.below(4) != 0,
        Interaction::TrueFalse { .. }
        | Interaction::Ordering { .. }
        | Interaction::ExtendedText { .. } => {}
    }
    if item.interaction.kind() == InteractionKind::SingleChoice && rng.below(10) == 0 {
        item.difficulty = None;
    }
}

/// Alignment weights, second alignments, mastery thresholds, required outcomes, evidence
/// minimums.
fn vary_outcomes(rng: &mut SeededRng, package: &mut Package) {
    if package.outcomes.is_empty() {
        return;
    }
    let ids: Vec<String> = package.outcomes.iter().map(|o| o.id.clone()).collect();
    let weighted = rng.below(2) == 0;
    for item in &mut package.items {
        if weighted {
            for a in &mut item.outcomes {
                a.weight = WEIGHTS[rng.below(WEIGHTS.len())];
            }
        }
        if ids.len() > 1 && rng.below(6) == 0 {
            let extra = &ids[rng.below(ids.len())];
            if !item.outcomes.iter().any(|a| &a.outcome == extra) {
                item.outcomes.push(crate::model::OutcomeAlignment {
                    outcome: extra.clone(),
                    weight: WEIGHTS[rng.below(WEIGHTS.len())],
                });
            }
        }
    }
    for outcome in &mut package.outcomes {
        outcome.mastery = MASTERY[rng.below(MASTERY.len())];
        outcome.required = rng.below(3) == 0;
        outcome.min_items = rng.below(4);
    }
}

/// Scale, cut score, negative marking, rounding, credential, delivery and retakes.
fn vary_policies(rng: &mut SeededRng, package: &mut Package) {
    let scale = [
        ScoreScale {
            min: 0.0,
            max: 100.0,
        },
        ScoreScale {
            min: 200.0,
            max: 800.0,
        },
        ScoreScale { min: 0.0, max: 1.0 },
        ScoreScale {
            min: -50.0,
            max: 50.0,
        },
    ][rng.below(4)];
    let scoring = &mut package.scoring;
    scoring.scale = scale;
    let share = [0.5, 0.6, 0.65, 0.7, 0.725, 0.8, 1.0 / 3.0, 0.0][rng.below(8)];
    scoring.cut_score = scale.min + (scale.max - scale.min) * share;
    scoring.negative_marking = if rng.below(5) == 0 {
        NegativeMarking {
            enabled: true,
            penalty: [0.25, 0.5, 1.0 / 3.0, 1.0][rng.below(4)],
        }
    } else {
        NegativeMarking::default()
    };
    scoring.rounding = Rounding {
        decimals: rng.below(7) as u32,
        mode: [
            RoundingMode::HalfUp,
            RoundingMode::HalfEven,
            RoundingMode::Down,
        ][rng.below(3)],
    };
    package.credential = match rng.below(5) {
        0 | 1 => CredentialPolicy::Certificate {
            name: "Zertifikat — Systemadministration".into(),
            description: "Awarded for mastery of every required outcome.".into(),
        },
        2 | 3 => CredentialPolicy::Certification {
            name: "Certified Operator".into(),
            description: String::new(),
            validity_days: 1 + rng.below(3650) as u32,
        },
        _ => CredentialPolicy::None,
    };
    package.delivery.navigation = if rng.below(4) == 0 {
        Navigation::Linear
    } else {
        Navigation::Free
    };
    package.delivery.time_limit_seconds =
        (rng.below(5) < 3).then(|| [30, 90, 600, 1800, 5400, 7200][rng.below(6)]);
    package.attempts.max = (rng.below(3) != 0).then(|| 1 + rng.below(5) as u32);
    package.attempts.avoid_seen_items = rng.below(2) == 0;
}

/// Quotas as counts, percentages or partial; outcome quotas; sections; pins; exposure.
fn vary_blueprint(rng: &mut SeededRng, package: &mut Package) {
    let length = package.blueprint.length;
    let domains: Vec<String> = package.domains().into_iter().map(String::from).collect();
    let bp = &mut package.blueprint;
    match rng.below(5) {
        // Percentages that are not whole numbers and sum to 100.
        0 | 1 if !bp.domains.is_empty() => {
            let n = bp.domains.len();
            for q in &mut bp.domains {
                let count = q.count.unwrap_or(0);
                q.count = None;
                q.percent = Some(if n == 3 {
                    100.0 / 3.0
                } else {
                    count as f64 * 100.0 / length as f64
                });
            }
        }
        // Only some domains have a quota; the rest fill the form.
        2 if bp.domains.len() > 1 => {
            bp.domains.truncate(bp.domains.len() / 2);
        }
        3 => bp.domains.clear(),
        _ => {}
    }
    if rng.below(6) == 0 {
        if let Some(outcome) = package.outcomes.first() {
            bp.outcomes = vec![Quota {
                id: outcome.id.clone(),
                count: Some(1),
                percent: None,
            }];
        }
    }
    if domains.len() > 1 && rng.below(3) == 0 {
        let split = 1 + rng.below(domains.len() - 1);
        bp.sections = vec![
            Section {
                id: "part-1".into(),
                title: "Teil 1".into(),
                domains: domains[..split].to_vec(),
                order: if rng.below(2) == 0 {
                    SectionOrder::Fixed
                } else {
                    SectionOrder::Shuffled
                },
            },
            Section {
                id: "part-2".into(),
                title: "Part 2".into(),
                domains: Vec::new(),
                order: SectionOrder::Shuffled,
            },
        ];
    }
    if rng.below(5) == 0 {
        let free: Vec<&Item> = package
            .items
            .iter()
            .filter(|i| i.set.is_none() && i.enemy_group.is_none())
            .collect();
        for _ in 0..1 + rng.below(2) {
            if let Some(item) = free.get(rng.below(free.len())) {
                if !bp.pinned.contains(&item.id) {
                    bp.pinned.push(item.id.clone());
                }
            }
        }
    }
    if rng.below(5) == 0 {
        bp.exposure.max_rate = Some([0.2, 0.25, 1.0 / 3.0, 0.5][rng.below(4)]);
    }
    bp.shuffle_choices = rng.below(4) != 0;
}
