//! The feasibility report: before delivery, prove that the blueprint can be met (by assembling
//! a form) or explain why not, rule by rule, with the shortfall in numbers; plus the quota
//! rows, pins and sets, an estimate of how many distinct forms exist, and the exposure a
//! sample of forms gives each item.
//!
//! The report agrees with [`assemble_form`](super::assemble_form): it is feasible exactly when
//! the capacity checks pass and seed 0 assembles.

use serde::{Deserialize, Serialize};

use crate::model::Package;
use crate::sorted_map::SortedMap;
use crate::stable_sort;

use super::bank::{Bank, Dimension, ExposurePolicy, NONE};
use super::capacity::{capacity, shortfalls, Capacity};
use super::form::SoftDeviation;
use super::soft_target;
use super::{assemble, AssemblyContext, AssemblyError, Seed, Shortfall};

/// How much work the report does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeasibilityOptions {
    /// Forms assembled (seeds 0, 1, …) to estimate exposure. 0 skips the estimate; the proof
    /// form (seed 0) is always assembled.
    pub sample_forms: usize,
}

impl Default for FeasibilityOptions {
    fn default() -> Self {
        FeasibilityOptions { sample_forms: 50 }
    }
}

/// Whether and how well the bank can meet the blueprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeasibilityReport {
    /// Every hard rule can be met: a form was assembled.
    pub feasible: bool,
    /// Items per form.
    pub length: usize,
    pub bank_items: usize,
    /// Items that can be used (not seen, in a usable set, in a section).
    pub usable_items: usize,
    /// Items left out because the learner saw them.
    pub seen_items: usize,
    /// Items over the exposure cap (used only when a hard rule needs them).
    pub overexposed_items: usize,
    /// Most items one form can hold (at most one per enemy group, `draw` per set).
    pub capacity: usize,
    pub domains: Vec<QuotaRow>,
    pub outcomes: Vec<QuotaRow>,
    pub pins: Vec<PinRow>,
    pub sets: Vec<SetRow>,
    /// Every hard rule that cannot be met. Empty when feasible.
    pub problems: Vec<Shortfall>,
    /// Estimated log10 of the number of distinct forms (see [`feasibility`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct_forms_log10: Option<f64>,
    /// The form that proves feasibility (seed 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<ProofForm>,
    /// Exposure over a sample of forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure: Option<ExposureEstimate>,
}

/// One quota bucket: a domain or outcome quota, or the free rest of the dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaRow {
    /// Domain name or outcome id; None for the items without a quota.
    pub id: Option<String>,
    /// Plain words: `domain "NET"`, `domains without a quota`.
    pub label: String,
    /// Exact items per form.
    pub target: usize,
    /// The quota was a percentage (this one), turned into `target` by largest remainder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    pub from_percent: bool,
    /// Items of the bucket in the bank.
    pub in_bank: usize,
    /// Most items a form can take from the bucket (usable, one per enemy group, draw per set).
    pub available: usize,
    /// Items pinned content puts in the bucket.
    pub pinned: usize,
    /// available ≥ target.
    pub enough: bool,
}

/// A pinned item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PinRow {
    pub id: String,
    pub in_bank: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    /// The learner saw it before (pinned items are delivered anyway).
    pub seen: bool,
}

/// An item set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetRow {
    pub id: String,
    pub items: usize,
    /// Items a form holds when it holds the set.
    pub draw: usize,
    pub usable_items: usize,
    /// A pinned item forces the set onto every form.
    pub pinned: bool,
    /// The set can go on a form.
    pub usable: bool,
}

/// The form that proves the blueprint can be met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProofForm {
    pub seed: Seed,
    pub item_ids: Vec<String>,
    pub deviation: SoftDeviation,
    /// Overexposed items a hard rule needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overexposed_items: Vec<String>,
}

/// How often items appear over a sample of forms, assembled as a delivery service would: one
/// after another (seeds 0, 1, …), each with the exposure counts and administrations of the
/// caller's context plus the sample forms before it, so `exposure.max_rate` takes effect as it
/// would in production (from `2 / max_rate` administrations on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExposureEstimate {
    /// Forms assembled (seeds 0..forms).
    pub forms: usize,
    /// Highest share of the sample forms any one item appeared on.
    pub max_rate: f64,
    /// Mean share over the usable items (length / usable items when every form is full).
    pub mean_rate: f64,
    /// Usable items that no sample form used.
    pub never_used: usize,
    /// The first of them, in bank order (at most 20).
    pub never_used_items: Vec<String>,
    /// The most exposed items (at most 10), highest first.
    pub most_exposed: Vec<ItemExposure>,
    /// Mean share of items two sample forms have in common, over every pair of sample forms
    /// (0 when no two forms share an item, 1 when every form is the same).
    #[serde(default)]
    pub mean_overlap: f64,
    /// The largest soft-target deviation ([`SoftDeviation::deviation`]) of a sample form.
    #[serde(default)]
    pub max_deviation: f64,
    /// Sample forms whose soft target is not met within its tolerance. More than 0 with an
    /// exposure cap often means the cap leaves too few suitable items for the target on
    /// every form (the cap is kept; the target gives way).
    #[serde(default)]
    pub off_target: usize,
}

/// One item's exposure rate in the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemExposure {
    pub id: String,
    pub rate: f64,
}

/// The feasibility report with the default options (50 sample forms).
///
/// The distinct-forms estimate is, for each quota dimension, the product over its buckets of
/// `C(available − pinned, target − pinned)` (choosing the open places of each bucket from the
/// items that can fill it), and the smaller of the two dimensions is reported. It ignores how
/// the two dimensions, enemies and sets restrict each other jointly, so it is an upper-bound
/// style estimate: good for orders of magnitude ("about 10^14 forms"), not for exact counts.
pub fn feasibility(package: &Package, context: &AssemblyContext) -> FeasibilityReport {
    feasibility_with(package, context, &FeasibilityOptions::default())
}

/// The feasibility report with explicit options.
pub fn feasibility_with(
    package: &Package,
    context: &AssemblyContext,
    options: &FeasibilityOptions,
) -> FeasibilityReport {
    let bank = Bank::build(package, context, ExposurePolicy::Allow);
    let cap = capacity(&bank);
    let mut problems = bank.problems.clone();
    problems.extend(shortfalls(&bank, &cap));

    let mut proof = None;
    if problems.is_empty() {
        match assemble(package, Seed(0), context) {
            Ok(a) => {
                proof = Some(ProofForm {
                    seed: Seed(0),
                    item_ids: a.form.items.iter().map(|i| i.item_id.clone()).collect(),
                    deviation: a.form.deviation,
                    overexposed_items: a.overexposed_items,
                })
            }
            Err(AssemblyError::Infeasible(s)) => problems.extend(s),
        }
    }
    let feasible = problems.is_empty() && proof.is_some();
    let exposure = if feasible && options.sample_forms > 0 {
        Some(sample_exposure(&bank, context, options.sample_forms))
    } else {
        None
    };
    FeasibilityReport {
        feasible,
        length: bank.length,
        bank_items: bank.items.len(),
        usable_items: bank.items.iter().filter(|f| f.usable()).count(),
        seen_items: bank.items.iter().filter(|f| f.seen && !f.exempt).count(),
        overexposed_items: bank
            .items
            .iter()
            .filter(|f| f.overexposed && !f.exempt)
            .count(),
        capacity: cap.total,
        domains: rows(&bank, &cap, Dimension::Domain),
        outcomes: rows(&bank, &cap, Dimension::Outcome),
        pins: pin_rows(&bank),
        sets: set_rows(&bank),
        distinct_forms_log10: if feasible {
            distinct_forms_log10(&bank, &cap)
        } else {
            None
        },
        problems,
        proof,
        exposure,
    }
}

fn rows(bank: &Bank, cap: &Capacity, dimension: Dimension) -> Vec<QuotaRow> {
    bank.buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.dimension == dimension)
        .filter(|(k, b)| b.quota.is_some() || b.target > 0 || cap.in_bank[*k] > 0)
        .map(|(k, b)| QuotaRow {
            id: b.quota.as_ref().map(|q| q.id.clone()),
            label: b.label(),
            target: b.target,
            percent: b.quota.as_ref().and_then(|q| q.percent),
            from_percent: b.quota.as_ref().is_some_and(|q| q.percent.is_some()),
            in_bank: cap.in_bank[k],
            available: cap.available[k],
            pinned: cap.pinned[k],
            enough: cap.available[k] >= b.target,
        })
        .collect()
}

fn pin_rows(bank: &Bank) -> Vec<PinRow> {
    let package = bank.package;
    package
        .blueprint
        .pinned
        .iter()
        .map(
            |id| match package.items.iter().position(|it| it.id == *id) {
                Some(k) => {
                    let it = &package.items[k];
                    PinRow {
                        id: id.clone(),
                        in_bank: true,
                        domain: Some(it.domain.clone()),
                        outcome: it.primary_outcome().map(str::to_string),
                        set: it.set.clone(),
                        seen: bank.items[k].seen,
                    }
                }
                None => PinRow {
                    id: id.clone(),
                    in_bank: false,
                    domain: None,
                    outcome: None,
                    set: None,
                    seen: false,
                },
            },
        )
        .collect()
}

fn set_rows(bank: &Bank) -> Vec<SetRow> {
    bank.sets
        .iter()
        .map(|s| SetRow {
            id: s.id.to_string(),
            items: s.members.len(),
            draw: s.draw,
            usable_items: s.usable,
            pinned: s.forced,
            usable: s
                .members
                .first()
                .is_some_and(|&m| bank.item(m).unit != NONE),
        })
        .collect()
}

/// Smaller over the two dimensions of Σ log10 C(available − pinned, target − pinned).
fn distinct_forms_log10(bank: &Bank, cap: &Capacity) -> Option<f64> {
    let mut per_dimension = [0.0f64; 2];
    for (k, b) in bank.buckets.iter().enumerate() {
        let d = match b.dimension {
            Dimension::Domain => 0,
            Dimension::Outcome => 1,
        };
        let pinned = cap.pinned[k];
        let n = cap.available[k].checked_sub(pinned)?;
        let r = b.target.checked_sub(pinned)?;
        per_dimension[d] += log10_binomial(n, r)?;
    }
    Some(per_dimension[0].min(per_dimension[1]))
}

/// log10 of C(n, r) through `libm::lgamma`; None when r > n.
fn log10_binomial(n: usize, r: usize) -> Option<f64> {
    if r > n {
        return None;
    }
    let (n, r) = (n as f64, r as f64);
    let ln = libm::lgamma(n + 1.0) - libm::lgamma(r + 1.0) - libm::lgamma(n - r + 1.0);
    Some((ln / std::f64::consts::LN_10).max(0.0))
}

/// Assemble `forms` sample forms in sequence, each seeing the exposure of those before it.
fn sample_exposure(bank: &Bank, context: &AssemblyContext, forms: usize) -> ExposureEstimate {
    let package = bank.package;
    let mut uses = vec![0usize; package.items.len()];
    let mut assembled = 0usize;
    let index: SortedMap<&str, usize> = package
        .items
        .iter()
        .enumerate()
        .map(|(k, it)| (it.id.as_str(), k))
        .collect();
    let mut delivery = context.clone();
    let mut max_deviation = 0.0f64;
    let mut off_target = 0usize;
    for s in 0..forms as u64 {
        if let Ok(a) = assemble(package, Seed(s), &delivery) {
            assembled += 1;
            max_deviation = max_deviation.max(a.form.deviation.deviation);
            off_target += usize::from(!soft_target::met(package, &a.form.deviation));
            for fi in &a.form.items {
                if let Some(&k) = index.get(fi.item_id.as_str()) {
                    uses[k] += 1;
                }
                // Saturating: a count given by the caller may already be u64::MAX.
                let count = delivery
                    .exposure_counts
                    .entry(fi.item_id.clone())
                    .or_insert(0);
                *count = count.saturating_add(1);
            }
            delivery.administrations = delivery.administrations.saturating_add(1);
        }
    }
    let denom = assembled.max(1) as f64;
    let usable: Vec<usize> = (0..package.items.len())
        .filter(|&k| bank.items[k].usable())
        .collect();
    let max_rate = uses.iter().copied().max().unwrap_or(0) as f64 / denom;
    let total: usize = usable.iter().map(|&k| uses[k]).sum();
    let mean_rate = if usable.is_empty() {
        0.0
    } else {
        total as f64 / (denom * usable.len() as f64)
    };
    let never: Vec<usize> = usable.iter().copied().filter(|&k| uses[k] == 0).collect();
    // Σ over pairs of forms of the items they share = Σ over items of C(uses, 2).
    let shared: f64 = uses
        .iter()
        .map(|&u| (u as f64) * (u.saturating_sub(1) as f64) / 2.0)
        .sum();
    let pairs = (assembled as f64) * (assembled.saturating_sub(1) as f64) / 2.0;
    let mean_overlap = if pairs > 0.0 && bank.length > 0 {
        shared / (pairs * bank.length as f64)
    } else {
        0.0
    };
    let mut ranked: Vec<usize> = (0..package.items.len()).filter(|&k| uses[k] > 0).collect();
    stable_sort::sort_by(&mut ranked, |&a, &b| uses[b].cmp(&uses[a]).then(a.cmp(&b)));
    ExposureEstimate {
        forms: assembled,
        max_rate,
        mean_rate,
        never_used: never.len(),
        never_used_items: never
            .iter()
            .take(20)
            .map(|&k| package.items[k].id.clone())
            .collect(),
        most_exposed: ranked
            .iter()
            .take(10)
            .map(|&k| ItemExposure {
                id: package.items[k].id.clone(),
                rate: uses[k] as f64 / denom,
            })
            .collect(),
        mean_overlap,
        max_deviation,
        off_target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz() -> Package {
        let json = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
        Package::load(&json).unwrap()
    }

    /// Found by the `assemble` fuzz target (fuzz/regressions/assemble/): the exposure sample
    /// added one to a caller's count of u64::MAX.
    #[test]
    fn sample_exposure_saturates_counts_at_the_maximum() {
        let package = quiz();
        let context = AssemblyContext {
            seen_item_ids: Default::default(),
            exposure_counts: package
                .items
                .iter()
                .map(|item| (item.id.clone(), u64::MAX))
                .collect(),
            administrations: u64::MAX,
        };
        let report = feasibility_with(&package, &context, &FeasibilityOptions { sample_forms: 3 });
        assert!(report.feasible, "{:?}", report.problems);
        let exposure = report.exposure.expect("an exposure estimate");
        assert_eq!(exposure.forms, 3);
    }
}
