//! The assembled form: which items, in what order, with which choice order, in which sections,
//! and how far the soft targets were missed.

use serde::{Deserialize, Serialize};

use crate::sorted_map::SortedMap;

use super::random::Seed;

/// One learner's form. The same package, seed and context give the same form on every target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub seed: Seed,
    /// Items in delivery order.
    pub items: Vec<FormItem>,
    /// Section boundaries over `items`, in order.
    pub sections: Vec<FormSection>,
    /// How far the soft targets were missed.
    pub deviation: SoftDeviation,
}

/// One item on a form with its presentation order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormItem {
    pub item_id: String,
    /// Display order of the choice ids (single choice, multiple response), step ids (ordering)
    /// or source ids (matching). Empty when the interaction has no such list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choice_order: Vec<String>,
    /// Display order of matching targets. Empty for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_order: Vec<String>,
    /// Display order of the choices of each inline-choice cloze gap, by gap id.
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub gap_orders: SortedMap<String, Vec<String>>,
}

/// A section of the form: items `start..end`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSection {
    pub id: String,
    pub title: String,
    pub start: usize,
    pub end: usize,
}

/// The soft-target outcome of assembly.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SoftDeviation {
    /// Which target: `mean_p`, `mean_b`, `information`, `maximize_information`, or `none`.
    pub target: String,
    /// The achieved value: the mean p or b, or the test information at θ (for
    /// `maximize_information`). For `information`, the largest |information − target|.
    pub achieved: f64,
    /// Distance outside the target: 0 when a range target is met, the largest absolute
    /// information deviation for an information target, 0 for maximize.
    pub deviation: f64,
    /// Test information at each target θ (information targets), in target order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub information: Vec<f64>,
}

impl Form {
    /// The item ids in delivery order.
    pub fn item_ids(&self) -> Vec<&str> {
        self.items.iter().map(|i| i.item_id.as_str()).collect()
    }
}
