//! The scored result of an attempt: per item, per domain, per outcome, the total, the decision,
//! the credential, and the IRT ability estimate. Figures are unrounded here; rounding happens
//! once, at output (`score::rounding`).

use serde::{Deserialize, Serialize};

use crate::timestamp::Timestamp;

/// How one item was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Correct,
    Incorrect,
    Partial,
    /// No response was given.
    Unanswered,
    /// Extended text awaiting a human grader.
    PendingManual,
}

/// The score of one item on the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemScore {
    pub item_id: String,
    pub status: ItemStatus,
    /// Points earned, after negative marking (may be negative when marking is on).
    pub points: f64,
    /// The item's maximum points.
    pub max_points: f64,
}

/// Raw points per blueprint domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainScore {
    pub domain: String,
    pub points: f64,
    pub max_points: f64,
    /// points / max_points, 0 when the domain has no points on the form.
    pub ratio: f64,
    pub items: usize,
}

/// Mastery of one learning outcome on this attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeMastery {
    pub outcome: String,
    /// Weighted share of the aligned points earned, in [0, 1].
    pub score: f64,
    pub threshold: f64,
    /// Aligned items on the form (the evidence).
    pub items: usize,
    pub min_items: usize,
    pub required: bool,
    /// score ≥ threshold and items ≥ min_items (and nothing aligned is pending manual grading).
    pub mastered: bool,
    /// Aligned items still awaiting manual grading.
    pub pending_manual: usize,
}

/// Pass/fail on the cut score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Pass,
    Fail,
    /// Manually graded items could still change the decision.
    Pending,
}

/// Whether the credential is awarded, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialDecision {
    /// `certificate`, `certification` or `none`.
    pub kind: String,
    pub awarded: bool,
    /// Plain sentences: `"not awarded: outcome LO-3 not mastered (0.55 < 0.80)"`.
    pub reasons: Vec<String>,
    /// Certifications: the end of validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
}

/// An IRT ability estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AbilityEstimate {
    /// Expected a posteriori θ (61-point quadrature on [−4, 4], N(0, 1) prior).
    pub eap: f64,
    /// Posterior standard deviation.
    pub eap_se: f64,
    /// Maximum-likelihood θ. For all-correct or all-wrong patterns, where the MLE does not
    /// exist, this is the bound of the search interval (±4) and `mle_bounded` is set.
    pub mle: f64,
    /// 1 / sqrt(test information at the MLE).
    pub mle_se: f64,
    pub mle_bounded: bool,
    /// Items that entered the estimate.
    pub items: usize,
}

/// Everything the scoring of one attempt yields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptResult {
    /// In form order.
    pub items: Vec<ItemScore>,
    /// Sum of item points, floored at 0.
    pub raw: f64,
    pub max_raw: f64,
    /// raw mapped linearly onto the package's scale.
    pub scaled: f64,
    pub decision: Decision,
    pub domains: Vec<DomainScore>,
    pub outcomes: Vec<OutcomeMastery>,
    pub credential: CredentialDecision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ability: Option<AbilityEstimate>,
    /// Items awaiting manual grading.
    pub pending_manual: usize,
}
