//! Blueprint → form: quota targets, the seeded solver, item and choice shuffles, exposure
//! control, and the feasibility report that explains before delivery why a blueprint cannot
//! be met.

pub mod form;
pub mod random;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::Package;

pub use form::{Form, FormItem, FormSection, SoftDeviation};
pub use random::{Seed, SeededRng, Stream};

/// What assembly knows about the learner and the bank's history.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AssemblyContext {
    /// Items this learner has seen on earlier attempts; never selected again.
    #[serde(default)]
    pub seen_item_ids: BTreeSet<String>,
    /// How many earlier forms each item appeared on.
    #[serde(default)]
    pub exposure_counts: BTreeMap<String, u64>,
    /// How many forms were administered in all (the denominator of the exposure rate).
    #[serde(default)]
    pub administrations: u64,
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
    pub needed: usize,
    pub available: usize,
}

/// Assemble one form. Every hard rule holds in every form returned.
pub fn assemble_form(
    package: &Package,
    seed: Seed,
    context: &AssemblyContext,
) -> Result<Form, AssemblyError> {
    let _ = (package, seed, context);
    unimplemented!("assembly helper")
}
