//! [`generate_bank`]: a complete, valid `certa/1` package built from a [`BankSpec`] — items with
//! IRT parameters, domains, outcomes, enemy pairs, item sets, the blueprint and the policies.
//!
//! Each part of the bank draws from its own derived stream (`synthetic::streams`), so the same
//! spec always gives the same package, byte for byte, on every target.

use crate::model::{
    AttemptsPolicy, Blueprint, CredentialPolicy, DeliveryPolicy, Difficulty, DifficultyTarget,
    ExposureControl, InformationPoint, InteractionKind, IrtParameters, Item, ItemSet, Navigation,
    Outcome, OutcomeAlignment, Package, Quota, ScoringPolicy, PACKAGE_FORMAT,
};

use super::content::{self, ItemContext};
use super::distributions::{lognormal, normal, uniform};
use super::spec::{BankSpec, InteractionMix, Plan, TargetSpec};
use super::streams::{purpose_rng, Purpose};

/// Share of items (in percent) of each kind in a [`InteractionMix::Mixed`] bank.
const MIXED_SHARES: [(InteractionKind, usize); 8] = [
    (InteractionKind::SingleChoice, 60),
    (InteractionKind::MultipleResponse, 8),
    (InteractionKind::TrueFalse, 8),
    (InteractionKind::TextEntry, 6),
    (InteractionKind::Numeric, 6),
    (InteractionKind::Ordering, 4),
    (InteractionKind::Matching, 4),
    (InteractionKind::Cloze, 4),
];

/// Share of items with a second outcome alignment.
const SECONDARY_ALIGNMENT_RATE: f64 = 0.10;

/// Weight of a secondary alignment (the domain's outcome has weight 1, so it stays primary).
const SECONDARY_WEIGHT: f64 = 0.5;

/// Round to 4 decimals, so the JSON looks like a calibrated bank and parses back exactly.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Build the bank a spec describes. Never fails: a spec that cannot be met as given is
/// clamped to what fits ([`BankSpec::check`] lists the adjustments), and the result always
/// passes `Package::load` after `serde_json::to_string`.
pub fn generate_bank(spec: &BankSpec) -> Package {
    let plan = spec.plan();
    let domain_names: Vec<String> = (1..=plan.domain_sizes.len())
        .map(|d| format!("D{d}"))
        .collect();
    let outcomes = outcome_list(&plan, &domain_names);

    // Domain of each item, in bank order (items are grouped by domain).
    let item_domain: Vec<usize> = plan
        .domain_sizes
        .iter()
        .enumerate()
        .flat_map(|(d, size)| std::iter::repeat_n(d, *size))
        .collect();

    let kinds = interaction_kinds(spec, &plan);
    let irt = irt_parameters(spec.seed, plan.items);
    let primary = primary_outcomes(&plan, &item_domain);
    let secondary = secondary_outcomes(spec.seed, &plan, &primary);
    let (item_set, sets) = item_sets(spec.seed, &plan);
    let enemies = enemy_groups(spec.seed, &plan, &item_set);

    let mut keys = purpose_rng(spec.seed, Purpose::Keys);
    let single_choice_count = kinds
        .iter()
        .filter(|k| **k == InteractionKind::SingleChoice)
        .count();
    // Key positions a–d, spread evenly over the single-choice items, in seeded order.
    let mut key_positions: Vec<usize> = (0..single_choice_count).map(|i| i % 4).collect();
    keys.shuffle(&mut key_positions);
    let mut key_positions = key_positions.into_iter();

    let mut items = Vec::with_capacity(plan.items);
    for (i, ((domain, kind), params)) in item_domain.iter().zip(&kinds).zip(&irt).enumerate() {
        let ctx = ItemContext {
            domain: &domain_names[*domain],
            domain_index: *domain,
            number: i + 1,
        };
        let key_position = if *kind == InteractionKind::SingleChoice {
            key_positions.next().unwrap_or(0)
        } else {
            0
        };
        let (stem, interaction) = content::item_content(*kind, &ctx, key_position, &mut keys);
        let mut alignments = Vec::new();
        if let Some(p) = primary[i] {
            alignments.push(OutcomeAlignment {
                outcome: outcomes[p].id.clone(),
                weight: 1.0,
            });
        }
        if let Some(s) = secondary[i] {
            alignments.push(OutcomeAlignment {
                outcome: outcomes[s].id.clone(),
                weight: SECONDARY_WEIGHT,
            });
        }
        items.push(Item {
            id: format!("{}-{:04}", ctx.domain, ctx.number),
            stem,
            points: 1.0,
            domain: ctx.domain.to_string(),
            outcomes: alignments,
            difficulty: Some(Difficulty::B(params.b)),
            irt: Some(*params),
            enemy_group: enemies[i].map(|g| format!("EN-{:03}", g + 1)),
            set: item_set[i].and_then(|s| sets.get(s)).map(|s| s.id.clone()),
            feedback: None,
            interaction,
        });
    }

    Package {
        format: PACKAGE_FORMAT.to_string(),
        id: format!("synthetic-bank-{}", spec.seed),
        version: "1.0.0".to_string(),
        title: format!(
            "Synthetic certification bank ({} items, seed {})",
            plan.items, spec.seed
        ),
        language: "en".to_string(),
        outcomes,
        sets,
        items,
        blueprint: blueprint(&plan, &domain_names),
        scoring: ScoringPolicy {
            cut_score: 60.0,
            scale: Default::default(),
            negative_marking: Default::default(),
            rounding: Default::default(),
        },
        credential: CredentialPolicy::Certification {
            name: "Synthetic Systems Administrator".to_string(),
            description: "Awarded for a scaled score of 60 or more on the synthetic exam."
                .to_string(),
            validity_days: 730,
        },
        attempts: AttemptsPolicy {
            max: Some(3),
            avoid_seen_items: true,
            ..AttemptsPolicy::default()
        },
        delivery: DeliveryPolicy {
            navigation: Navigation::Free,
            time_limit_seconds: Some(90 * 60),
            secure: false,
        },
        assets: Vec::new(),
        published: None,
    }
}

/// Outcomes: `LO-D1`, `LO-D2`, ... when there is one per domain, `LO-01`, ... otherwise.
fn outcome_list(plan: &Plan, domain_names: &[String]) -> Vec<Outcome> {
    let per_domain = plan.outcomes == domain_names.len();
    (0..plan.outcomes)
        .map(|j| {
            let domain = j % domain_names.len().max(1);
            Outcome {
                id: if per_domain {
                    format!("LO-{}", domain_names[j])
                } else {
                    format!("LO-{:02}", j + 1)
                },
                statement: format!(
                    "Configure and review {} controls to an audit-ready standard.",
                    content::topic(domain)
                ),
                uri: None,
                mastery: 0.7,
                required: false,
                min_items: 3,
            }
        })
        .collect()
}

/// The interaction kind of each item, in bank order.
fn interaction_kinds(spec: &BankSpec, plan: &Plan) -> Vec<InteractionKind> {
    match spec.interactions {
        InteractionMix::Dichotomous => vec![InteractionKind::SingleChoice; plan.items],
        InteractionMix::Mixed => {
            // Largest-remainder counts of the shares, then a seeded shuffle.
            let total: usize = MIXED_SHARES.iter().map(|(_, s)| s).sum();
            let mut counts: Vec<usize> = MIXED_SHARES
                .iter()
                .map(|(_, s)| plan.items * s / total)
                .collect();
            let mut remainders: Vec<(usize, usize)> = MIXED_SHARES
                .iter()
                .enumerate()
                .map(|(k, (_, s))| (plan.items * s % total, k))
                .collect();
            remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let missing = plan.items - counts.iter().sum::<usize>();
            for (_, k) in remainders.iter().take(missing) {
                counts[*k] += 1;
            }
            let mut kinds: Vec<InteractionKind> = MIXED_SHARES
                .iter()
                .zip(&counts)
                .flat_map(|((kind, _), n)| std::iter::repeat_n(*kind, *n))
                .collect();
            purpose_rng(spec.seed, Purpose::Kinds).shuffle(&mut kinds);
            kinds
        }
    }
}

/// IRT parameters: a ~ lognormal(0, 0.3), b ~ N(0, 1), c ~ U(0.05, 0.25), 4 decimals.
fn irt_parameters(seed: u64, items: usize) -> Vec<IrtParameters> {
    let mut rng = purpose_rng(seed, Purpose::Parameters);
    (0..items)
        .map(|_| {
            let a = lognormal(&mut rng, 0.0, 0.3);
            let b = normal(&mut rng, 0.0, 1.0);
            let c = uniform(&mut rng, 0.05, 0.25);
            IrtParameters {
                a: round4(a.clamp(0.1, 5.0)),
                b: round4(b.clamp(-6.0, 6.0)),
                c: Some(round4(c)),
            }
        })
        .collect()
}

/// The primary outcome of each item: an outcome owned by its domain (outcome `j` belongs to
/// domain `j mod domains`), taken in turn when a domain owns several.
fn primary_outcomes(plan: &Plan, item_domain: &[usize]) -> Vec<Option<usize>> {
    let domains = plan.domain_sizes.len().max(1);
    let mut seen_in_domain = vec![0usize; domains];
    item_domain
        .iter()
        .map(|d| {
            if plan.outcomes == 0 {
                return None;
            }
            let owned: Vec<usize> = (0..plan.outcomes).filter(|j| j % domains == *d).collect();
            let k = seen_in_domain[*d];
            seen_in_domain[*d] += 1;
            Some(if owned.is_empty() {
                d % plan.outcomes
            } else {
                owned[k % owned.len()]
            })
        })
        .collect()
}

/// A second, different outcome on about 10% of the items.
fn secondary_outcomes(seed: u64, plan: &Plan, primary: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut rng = purpose_rng(seed, Purpose::Outcomes);
    primary
        .iter()
        .map(|p| {
            let p = (*p)?;
            if plan.outcomes < 2 || rng.unit() >= SECONDARY_ALIGNMENT_RATE {
                return None;
            }
            // A uniform pick among the other outcomes.
            let other = rng.below(plan.outcomes - 1);
            Some(if other >= p { other + 1 } else { other })
        })
        .collect()
}

/// Item sets: per domain, seeded blocks of `set_size` consecutive items. Returns the set
/// index of each item and the sets, numbered `SET-01`, ... in bank order.
fn item_sets(seed: u64, plan: &Plan) -> (Vec<Option<usize>>, Vec<ItemSet>) {
    let mut rng = purpose_rng(seed, Purpose::Sets);
    let mut of_item = vec![None; plan.items];
    let mut sets = Vec::new();
    let mut domain_start = 0usize;
    for (d, (size, wanted)) in plan.domain_sizes.iter().zip(&plan.domain_sets).enumerate() {
        let blocks = size / plan.set_size;
        let mut chosen: Vec<usize> = (0..blocks).collect();
        rng.shuffle(&mut chosen);
        chosen.truncate(*wanted);
        chosen.sort_unstable();
        for block in chosen {
            let number = sets.len() + 1;
            let (title, stimulus) = content::stimulus(number, d);
            let first = domain_start + block * plan.set_size;
            for slot in of_item.iter_mut().skip(first).take(plan.set_size) {
                *slot = Some(sets.len());
            }
            sets.push(ItemSet {
                id: format!("SET-{number:02}"),
                title,
                stimulus,
                draw: plan.set_draw,
            });
        }
        domain_start += size;
    }
    (of_item, sets)
}

/// Enemy pairs on disjoint seeded pairs of items outside sets. Returns the pair index of each
/// item.
fn enemy_groups(seed: u64, plan: &Plan, item_set: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut rng = purpose_rng(seed, Purpose::Enemies);
    let mut free: Vec<usize> = (0..plan.items)
        .filter(|i| item_set.get(*i).is_some_and(Option::is_none))
        .collect();
    rng.shuffle(&mut free);
    let mut of_item = vec![None; plan.items];
    for (pair, members) in free.chunks_exact(2).take(plan.enemy_pairs).enumerate() {
        for m in members {
            if let Some(slot) = of_item.get_mut(*m) {
                *slot = Some(pair);
            }
        }
    }
    of_item
}

/// The blueprint: form length, domain quotas as counts, the difficulty target, exposure.
fn blueprint(plan: &Plan, domain_names: &[String]) -> Blueprint {
    let difficulty = match &plan.target {
        TargetSpec::MaximizeInformation { theta } => {
            Some(DifficultyTarget::MaximizeInformation { theta: *theta })
        }
        TargetSpec::Information { points } => Some(DifficultyTarget::Information {
            points: points
                .iter()
                .map(|(theta, target)| InformationPoint {
                    theta: *theta,
                    target: *target,
                })
                .collect(),
        }),
        TargetSpec::None => None,
    };
    Blueprint {
        length: plan.form_length,
        sections: Vec::new(),
        domains: domain_names
            .iter()
            .zip(&plan.quotas)
            .map(|(d, n)| Quota {
                id: d.clone(),
                count: Some(*n),
                percent: None,
            })
            .collect(),
        outcomes: Vec::new(),
        difficulty,
        pinned: Vec::new(),
        exposure: ExposureControl {
            randomesque: plan.randomesque,
            max_rate: None,
        },
        shuffle_choices: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_counts_follow_the_shares() {
        let spec = BankSpec {
            interactions: InteractionMix::Mixed,
            ..BankSpec::default()
        };
        let kinds = interaction_kinds(&spec, &spec.plan());
        let count = |k| kinds.iter().filter(|x| **x == k).count();
        assert_eq!(kinds.len(), 2000);
        assert_eq!(count(InteractionKind::SingleChoice), 1200);
        assert_eq!(count(InteractionKind::MultipleResponse), 160);
        assert_eq!(count(InteractionKind::Cloze), 80);
        assert_eq!(count(InteractionKind::ExtendedText), 0);
    }
}
