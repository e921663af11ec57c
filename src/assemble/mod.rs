//! Blueprint → form: quota targets, the seeded solver, item and choice shuffles, exposure
//! control, and the feasibility report that explains before delivery why a blueprint cannot
//! be met.
//!
//! # Rules
//! Hard (every form, or an error): the form length; domain and outcome quotas as exact counts
//! (percentages by largest remainder, see [`quota`]); at most one item per enemy group; item
//! sets all-or-none with their `draw`, kept together in bank order; pinned items (a pinned item
//! in a set forces the set in); items the learner has seen are never selected (pinned items,
//! and the items of a pinned set drawn whole, are exempt: they are on every form by rule).
//!
//! Soft: items over the exposure cap are avoided unless a hard rule needs them (reported in
//! [`Assembly::overexposed_items`]). An item is over the cap when delivering it on this form
//! would lift its rate above `exposure.max_rate`: `(count + 1) / (administrations + 1) >
//! max_rate`, with the counts of the [`AssemblyContext`]. The cap applies only from
//! `2 / max_rate` administrations on, so that a young bank is not blocked by items seen once
//! (the reasons are on `bank::cap_applies`). The difficulty or information target is met
//! within its tolerance (see [`information_tolerance`]); among the many forms that meet it, a
//! random one is delivered, so a target does not expose the same best-suited items on every
//! form. The deviation is reported truthfully in [`Form::deviation`].
//!
//! # Determinism
//! Selection, item order and choice order each use their own stream of the seed
//! ([`Stream`]), so shuffles never change which items are picked. No hash-map iteration, and
//! transcendental math only through `libm`: the same inputs give the same form on every target.
//!
//! # Files
//! - `bank`: flat per-item data (buckets, cells, units, eligibility) and structural problems.
//! - `capacity`, `joint_quota`: what the bank can supply per quota, and whether the domain and
//!   outcome quotas fit together (max flow); these name the shortfalls.
//! - `construct` (greedy, randomesque), `repair` (tabu search), `exact` (exhaustive search, the
//!   last resort), `improve` (exposure and soft-target swaps), tied together by `solver`.
//! - [`order`] and `choices` lay the form out; [`check`] verifies every hard rule on its own;
//!   [`feasibility()`] explains a blueprint before delivery.

mod bank;
mod capacity;
mod chacha20;
pub mod check;
mod choices;
mod construct;
mod exact;
pub mod feasibility;
pub mod form;
mod improve;
pub mod information;
mod joint_quota;
pub mod order;
pub mod quota;
pub mod random;
mod repair;
mod selection;
mod soft_target;
mod solver;
mod to_json;

use serde::{Deserialize, Serialize};

use crate::model::Package;
use crate::sorted_map::{SortedMap, SortedSet};

use bank::{Bank, ExposurePolicy};

pub use check::check_form;
pub use feasibility::{
    feasibility, feasibility_with, ExposureEstimate, FeasibilityOptions, FeasibilityReport,
    ItemExposure, PinRow, ProofForm, QuotaRow, SetRow,
};
pub use form::{Form, FormItem, FormSection, SoftDeviation};
pub use quota::{largest_remainder, quota_targets, QuotaTarget};
pub use random::{Seed, SeededRng, Stream};
pub use soft_target::{
    information_tolerance, INFORMATION_TOLERANCE_CAP, INFORMATION_TOLERANCE_SHARE,
};

/// What assembly knows about the learner and the bank's history.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AssemblyContext {
    /// Items this learner has seen on earlier attempts; never selected again.
    #[serde(default)]
    pub seen_item_ids: SortedSet<String>,
    /// How many earlier forms each item appeared on.
    #[serde(default)]
    pub exposure_counts: SortedMap<String, u64>,
    /// How many forms were administered in all (the denominator of the exposure rate).
    #[serde(default)]
    pub administrations: u64,
}

impl AssemblyContext {
    /// True when assembly knows nothing of history (the default).
    pub fn is_empty(&self) -> bool {
        self.seen_item_ids.is_empty()
            && self.exposure_counts.is_empty()
            && self.administrations == 0
    }
}

/// Why no form could be assembled.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AssemblyError {
    /// A hard rule cannot be met. Every shortfall found is listed.
    #[error("the blueprint cannot be met: {}", .0.iter().map(|s| s.message.clone()).collect::<Vec<_>>().join("; "))]
    Infeasible(Vec<Shortfall>),
}

/// One hard rule that cannot be met, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The rule's JSON path, e.g. `blueprint.domains[2]`.
    pub rule: String,
    /// "domain NET needs 23 items but only 19 remain after excluding enemies and seen items".
    pub message: String,
    /// How many items (or places) the rule needs.
    pub needed: usize,
    /// How many the bank (or the form) can give.
    pub available: usize,
}

/// A form together with what assembly had to concede to build it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assembly {
    pub form: Form,
    /// Items over the exposure cap that a hard rule could not do without, in bank
    /// order. Empty when the cap was respected (pinned items never count).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overexposed_items: Vec<String>,
    /// The solver attempt that found the form (1 is the first).
    pub attempt: usize,
}

/// Assemble one form. Every hard rule holds in every form returned (each form passes
/// [`check_form`] before it is returned); otherwise the error lists every shortfall found.
///
/// ```
/// # let json = std::fs::read_to_string("examples/certificate-quiz.json");
/// # let Ok(json) = json else { return; };
/// let package = certa::model::Package::load(&json).unwrap();
/// let seed = certa::assemble::Seed(7);
/// let form = certa::assemble::assemble_form(&package, seed, &Default::default()).unwrap();
/// assert_eq!(form.items.len(), package.blueprint.length);
/// ```
pub fn assemble_form(
    package: &Package,
    seed: Seed,
    context: &AssemblyContext,
) -> Result<Form, AssemblyError> {
    assemble(package, seed, context).map(|a| a.form)
}

/// Assemble one form and report what it needed: [`assemble_form`] with the exposure overrides.
pub fn assemble(
    package: &Package,
    seed: Seed,
    context: &AssemblyContext,
) -> Result<Assembly, AssemblyError> {
    let avoid = Bank::build(package, context, ExposurePolicy::Avoid);
    let capped = avoid.items.iter().any(|f| f.overexposed && !f.exempt);
    match solver::solve(&avoid, seed) {
        Ok(solved) => finish(&avoid, seed, context, solved),
        Err(shortfalls) if !capped => Err(AssemblyError::Infeasible(shortfalls)),
        Err(_) => {
            let allow = Bank::build(package, context, ExposurePolicy::Allow);
            match solver::solve(&allow, seed) {
                Ok(solved) => finish(&allow, seed, context, solved),
                Err(shortfalls) => Err(AssemblyError::Infeasible(shortfalls)),
            }
        }
    }
}

/// Lay out the solved items as a form, and check it before it leaves.
fn finish(
    bank: &Bank,
    seed: Seed,
    context: &AssemblyContext,
    solved: solver::Solved,
) -> Result<Assembly, AssemblyError> {
    let package = bank.package;
    let arranged = order::arrange(package, &solved.items, seed);
    let mut rng = SeededRng::new(seed, Stream::ChoiceOrder);
    // Choice orders are drawn in bank order, so item order never changes them.
    let mut presented: SortedMap<u32, FormItem> = SortedMap::new();
    for &i in &solved.items {
        if let Some(item) = package.items.get(i as usize) {
            presented.insert(
                i,
                choices::present(item, package.blueprint.shuffle_choices, &mut rng),
            );
        }
    }
    let mut items = Vec::with_capacity(arranged.order.len());
    let mut refs = Vec::with_capacity(arranged.order.len());
    for i in &arranged.order {
        if let (Some(fi), Some(item)) = (presented.remove(i), package.items.get(*i as usize)) {
            items.push(fi);
            refs.push(item);
        }
    }
    let form = Form {
        seed,
        items,
        sections: arranged.sections,
        deviation: soft_target::deviation(package, &refs),
    };
    let violations = check::check_form_at(package, &form, context, Some(&arranged.order));
    if !violations.is_empty() {
        return Err(AssemblyError::Infeasible(vec![Shortfall {
            rule: "form".into(),
            message: format!(
                "the assembled form failed its final check, so it was not delivered: {}",
                violations.join("; ")
            ),
            needed: 0,
            available: violations.len(),
        }]));
    }
    let overexposed_items = solved
        .items
        .iter()
        .filter(|&&i| {
            let f = bank.item(i);
            f.overexposed && !f.exempt
        })
        .map(|&i| bank.item_id(i).to_string())
        .collect();
    Ok(Assembly {
        form,
        overexposed_items,
        attempt: solved.attempt,
    })
}
