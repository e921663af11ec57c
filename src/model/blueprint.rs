//! The exam blueprint: what every assembled form must contain.
//!
//! Hard rules (length, quotas, enemies, sets, pins, exclusions) must hold in every form; soft
//! targets (difficulty, test information) are met as closely as possible. The solver lives in
//! `assemble/`; this module only describes the rules.

use serde::Serialize;

use super::tagged::internally_tagged;

/// Rules for assembling one form from the item bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blueprint {
    /// Number of items on every form.
    pub length: usize,
    /// Sections in delivery order. Absent: one shuffled section holding every item.
    pub sections: Vec<Section>,
    /// Per-domain quotas. Domains without a quota may fill the rest of the form.
    pub domains: Vec<Quota>,
    /// Per-outcome quotas, counted on each item's primary (largest-weight) outcome.
    pub outcomes: Vec<Quota>,
    /// Soft difficulty or information target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<DifficultyTarget>,
    /// Item ids that must appear on every form.
    pub pinned: Vec<String>,
    /// Randomization and exposure control.
    pub exposure: ExposureControl,
    /// Shuffle choices of items whose interaction allows it (pinned choices stay put).
    pub shuffle_choices: bool,
}

/// The `shuffle_choices` of a blueprint that gives none.
pub(crate) fn yes() -> bool {
    true
}

/// A part of the form with its own ordering rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Domains whose items go in this section. Empty: every domain no other section claims.
    pub domains: Vec<String>,
    pub order: SectionOrder,
}

/// How items are ordered inside a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionOrder {
    /// Bank order (the order of `items[]` in the package).
    Fixed,
    /// Seeded random order. Items of a set stay together, in bank order.
    #[default]
    Shuffled,
}

/// How many items of a domain or outcome a form holds: an exact count, or a percentage of the
/// form length. Percentages are turned into counts by the largest-remainder method, so that
/// the counts of a fully specified blueprint always sum to the form length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quota {
    /// Domain name or outcome id.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
}

/// A soft target on the form's difficulty. Tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum DifficultyTarget {
    /// Mean classical p-value in [min, max].
    MeanP { min: f64, max: f64 },
    /// Mean IRT b in [min, max].
    MeanB { min: f64, max: f64 },
    /// Test information function target: at each θ, the summed item information should be
    /// close to `target`. The deviation reported is the largest |information − target|.
    Information { points: Vec<InformationPoint> },
    /// Make test information at θ as large as possible (for example at the cut ability).
    MaximizeInformation { theta: f64 },
}

internally_tagged!(DifficultyTarget, "kind");

/// One point of a test information target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InformationPoint {
    pub theta: f64,
    pub target: f64,
}

/// Randomization and exposure control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExposureControl {
    /// Randomesque selection: pick at random among the best `randomesque` candidates at each
    /// step. 1 means always the best (deterministic given the bank).
    pub randomesque: usize,
    /// Items whose exposure rate (from the counts in the assembly context) would rise above
    /// this share of administrations if the form used them are not selected, unless a hard rule
    /// needs them. The cap applies from `2 / max_rate` administrations on, so that a young bank
    /// is not blocked by items seen once (see `certa::assemble`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_rate: Option<f64>,
}

/// The `randomesque` of exposure control that gives none.
pub(crate) fn default_randomesque() -> usize {
    5
}

impl Default for ExposureControl {
    fn default() -> Self {
        ExposureControl {
            randomesque: default_randomesque(),
            max_rate: None,
        }
    }
}
