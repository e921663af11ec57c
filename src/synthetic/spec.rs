//! What a synthetic bank looks like: [`BankSpec`] and its parts, and the plan that turns a
//! spec into counts the generator can always meet.
//!
//! The generator never refuses a spec: out-of-range numbers are clamped to what fits (at
//! least one item, no more sets than a domain can hold, ...). [`BankSpec::check`] lists every
//! such adjustment so that a caller (the `certa bench-data` command) can refuse the spec with
//! a plain message instead.

use serde::{Deserialize, Serialize};

/// Largest bank the generator builds.
pub const MAX_ITEMS: usize = 100_000;

/// Which interaction kinds the bank holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionMix {
    /// Single choice only: every item is scored right or wrong (IRT benchmarks).
    #[default]
    Dichotomous,
    /// About 60% single choice, the rest multiple response, true/false, text entry, numeric,
    /// ordering, matching and cloze (no extended text).
    Mixed,
}

/// The blueprint's soft difficulty target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TargetSpec {
    /// Maximize test information at θ.
    MaximizeInformation { theta: f64 },
    /// A test information target: `(θ, information)` points.
    Information { points: Vec<(f64, f64)> },
    /// No difficulty target.
    None,
}

/// Everything that shapes a synthetic bank. `Default` is the benchmark fixture: 2,000 items in
/// 8 domains, 100 enemy pairs, 40 sets of 4, 60-item forms maximizing information at θ = 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BankSpec {
    /// Number of items in the bank (at most [`MAX_ITEMS`]).
    pub items: usize,
    /// Number of blueprint domains, `D1`, `D2`, ...; items are shared equally among them.
    pub domains: usize,
    /// Number of learning outcomes. With one per domain they are `LO-D1`, `LO-D2`, ...
    pub outcomes: usize,
    /// Number of enemy pairs (`EN-001`, ...), on disjoint pairs of items outside sets.
    pub enemy_pairs: usize,
    /// Number of item sets (`SET-01`, ...), each within one domain.
    pub sets: usize,
    /// Items per set.
    pub set_size: usize,
    /// How many items of a set a form takes; `None` takes the whole set or none of it.
    pub set_draw: Option<usize>,
    /// Items per form (the blueprint length).
    pub form_length: usize,
    /// Per-domain item counts on a form, in domain order. Used when it has one entry per
    /// domain summing to `form_length`; otherwise the counts are the largest-remainder
    /// split of equal shares (see [`BankSpec::effective_domain_quotas`]).
    pub domain_quotas: Option<Vec<usize>>,
    /// The seed everything random is derived from.
    pub seed: u64,
    /// Which interaction kinds the items use.
    pub interactions: InteractionMix,
    /// The blueprint's difficulty target.
    pub target: TargetSpec,
    /// Randomesque exposure control: pick among the best this many candidates (at least 1).
    pub exposure_randomesque: usize,
}

impl Default for BankSpec {
    fn default() -> Self {
        BankSpec {
            items: 2000,
            domains: 8,
            outcomes: 8,
            enemy_pairs: 100,
            sets: 40,
            set_size: 4,
            set_draw: None,
            form_length: 60,
            domain_quotas: Some(vec![8, 8, 8, 7, 7, 8, 7, 7]),
            seed: 6,
            interactions: InteractionMix::Dichotomous,
            target: TargetSpec::MaximizeInformation { theta: 0.0 },
            exposure_randomesque: 5,
        }
    }
}

/// One way a spec had to be adjusted to build a valid bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct SpecProblem {
    /// The spec field, e.g. `enemy_pairs`.
    pub field: String,
    /// A plain sentence saying what was asked and what is built instead.
    pub message: String,
}

/// The counts the generator actually builds, all guaranteed to fit together.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    pub items: usize,
    /// Items per domain, in domain order (sums to `items`).
    pub domain_sizes: Vec<usize>,
    pub outcomes: usize,
    /// Sets per domain, in domain order.
    pub domain_sets: Vec<usize>,
    pub set_size: usize,
    pub set_draw: Option<usize>,
    pub enemy_pairs: usize,
    pub form_length: usize,
    pub quotas: Vec<usize>,
    /// `(θ, target)` points, or the θ to maximize at, already inside the validator's range.
    pub target: TargetSpec,
    pub randomesque: usize,
}

/// Split `total` into `parts` equal shares by the largest-remainder method (ties go to the
/// earlier part). Returns an empty list when `parts` is 0.
pub(crate) fn equal_shares(total: usize, parts: usize) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    let base = total / parts;
    let extra = total % parts;
    (0..parts).map(|i| base + usize::from(i < extra)).collect()
}

/// Clamp a θ into the validator's [−6, 6]; a non-finite θ becomes 0.
fn clamp_theta(theta: f64) -> f64 {
    if theta.is_finite() {
        theta.clamp(-6.0, 6.0)
    } else {
        0.0
    }
}

impl BankSpec {
    /// The per-domain counts on a form that the generated blueprint uses.
    pub fn effective_domain_quotas(&self) -> Vec<usize> {
        self.plan().quotas
    }

    /// Every adjustment [`generate_bank`](super::generate_bank) makes to this spec to build a
    /// valid bank. Empty when the bank is built exactly as specified.
    pub fn check(&self) -> Vec<SpecProblem> {
        let plan = self.plan();
        let mut out = Vec::new();
        let mut add = |field: &str, message: String| {
            out.push(SpecProblem {
                field: field.to_string(),
                message,
            })
        };
        if plan.items != self.items {
            add(
                "items",
                format!(
                    "must be 1 to {MAX_ITEMS}, found {}; building {}",
                    self.items, plan.items
                ),
            );
        }
        if plan.domain_sizes.len() != self.domains {
            add(
                "domains",
                format!(
                    "must be 1 to the number of items, found {}; building {}",
                    self.domains,
                    plan.domain_sizes.len()
                ),
            );
        }
        if plan.outcomes != self.outcomes {
            add(
                "outcomes",
                format!(
                    "must be at most the number of items, found {}; building {}",
                    self.outcomes, plan.outcomes
                ),
            );
        }
        if plan.set_size != self.set_size && self.sets > 0 {
            add(
                "set_size",
                format!(
                    "must be 1 to the smallest domain's item count, found {}; building {}",
                    self.set_size, plan.set_size
                ),
            );
        }
        let sets: usize = plan.domain_sets.iter().sum();
        if sets != self.sets {
            add(
                "sets",
                format!(
                    "{} sets of {} do not fit in the domains; building {sets}",
                    self.sets, plan.set_size
                ),
            );
        }
        if plan.set_draw != self.set_draw {
            add(
                "set_draw",
                format!(
                    "must be 1 to set_size {}, found {:?}; using {:?}",
                    plan.set_size, self.set_draw, plan.set_draw
                ),
            );
        }
        if plan.enemy_pairs != self.enemy_pairs {
            add(
                "enemy_pairs",
                format!(
                    "{} pairs do not fit in the items outside sets; building {}",
                    self.enemy_pairs, plan.enemy_pairs
                ),
            );
        }
        if plan.form_length != self.form_length {
            add(
                "form_length",
                format!(
                    "must be 1 to the number of items, found {}; using {}",
                    self.form_length, plan.form_length
                ),
            );
        }
        if let Some(q) = &self.domain_quotas {
            if *q != plan.quotas {
                add(
                    "domain_quotas",
                    format!(
                        "need one count per domain summing to the form length, found {q:?}; using {:?}",
                        plan.quotas
                    ),
                );
            }
        }
        if plan.target != self.target {
            add(
                "target",
                "θ must lie in [−6, 6] and information targets must be finite and 0 or more; \
                 out-of-range values were clamped"
                    .to_string(),
            );
        }
        if plan.randomesque != self.exposure_randomesque {
            add(
                "exposure_randomesque",
                format!(
                    "must be at least 1, found {}; using 1",
                    self.exposure_randomesque
                ),
            );
        }
        out
    }

    /// The counts the generator builds: the spec, clamped so that everything fits.
    pub(crate) fn plan(&self) -> Plan {
        let items = self.items.clamp(1, MAX_ITEMS);
        let domains = self.domains.clamp(1, items);
        let domain_sizes = equal_shares(items, domains);
        let outcomes = self.outcomes.min(items);
        let smallest = domain_sizes.iter().copied().min().unwrap_or(1);
        let set_size = self.set_size.clamp(1, smallest.max(1));
        // Sets go round-robin over the domains; each domain holds at most size / set_size.
        let mut domain_sets = vec![0usize; domains];
        let mut placed = 0usize;
        let mut d = 0usize;
        let mut full_rounds = 0usize;
        while placed < self.sets && full_rounds < domains {
            let room = domain_sizes[d] / set_size;
            if domain_sets[d] < room {
                domain_sets[d] += 1;
                placed += 1;
                full_rounds = 0;
            } else {
                full_rounds += 1;
            }
            d = (d + 1) % domains;
        }
        let set_draw = self.set_draw.map(|k| k.clamp(1, set_size));
        let outside_sets = items - placed * set_size;
        let enemy_pairs = self.enemy_pairs.min(outside_sets / 2);
        let form_length = self.form_length.clamp(1, items);
        let quotas = match &self.domain_quotas {
            Some(q)
                if q.len() == domains
                    && q.iter().try_fold(0usize, |s, c| s.checked_add(*c)) == Some(form_length) =>
            {
                q.clone()
            }
            _ => equal_shares(form_length, domains),
        };
        let target = match &self.target {
            TargetSpec::MaximizeInformation { theta } => TargetSpec::MaximizeInformation {
                theta: clamp_theta(*theta),
            },
            TargetSpec::Information { points } => {
                let points: Vec<(f64, f64)> = points
                    .iter()
                    .filter(|(t, v)| t.is_finite() && v.is_finite())
                    .map(|(t, v)| (clamp_theta(*t), v.max(0.0)))
                    .collect();
                if points.is_empty() {
                    TargetSpec::None
                } else {
                    TargetSpec::Information { points }
                }
            }
            TargetSpec::None => TargetSpec::None,
        };
        Plan {
            items,
            domain_sizes,
            outcomes,
            domain_sets,
            set_size,
            set_draw,
            enemy_pairs,
            form_length,
            quotas,
            target,
            randomesque: self.exposure_randomesque.max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_spec_needs_no_adjustment() {
        let spec = BankSpec::default();
        assert_eq!(spec.check(), Vec::new());
        let plan = spec.plan();
        assert_eq!(plan.domain_sizes, vec![250; 8]);
        assert_eq!(plan.domain_sets, vec![5; 8]);
        assert_eq!(plan.quotas, vec![8, 8, 8, 7, 7, 8, 7, 7]);
    }

    #[test]
    fn equal_shares_give_extra_to_earlier_parts() {
        assert_eq!(equal_shares(60, 8), vec![8, 8, 8, 8, 7, 7, 7, 7]);
        assert_eq!(equal_shares(10, 4), vec![3, 3, 2, 2]);
        assert_eq!(equal_shares(5, 0), Vec::<usize>::new());
    }

    #[test]
    fn quotas_of_the_wrong_shape_fall_back_to_equal_shares() {
        let spec = BankSpec {
            domains: 4,
            ..BankSpec::default()
        };
        assert_eq!(spec.effective_domain_quotas(), vec![15, 15, 15, 15]);
        assert_eq!(spec.check().len(), 1);
        assert_eq!(spec.check()[0].field, "domain_quotas");
    }

    #[test]
    fn impossible_counts_are_clamped_and_reported() {
        let spec = BankSpec {
            items: 30,
            domains: 3,
            sets: 20,
            set_size: 4,
            enemy_pairs: 50,
            form_length: 100,
            domain_quotas: None,
            exposure_randomesque: 0,
            target: TargetSpec::MaximizeInformation { theta: f64::NAN },
            ..BankSpec::default()
        };
        let plan = spec.plan();
        assert_eq!(plan.domain_sets, vec![2, 2, 2]);
        assert_eq!(plan.enemy_pairs, 3);
        assert_eq!(plan.form_length, 30);
        assert_eq!(plan.randomesque, 1);
        let fields: Vec<String> = spec.check().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                "sets",
                "enemy_pairs",
                "form_length",
                "target",
                "exposure_randomesque"
            ]
        );
    }
}
