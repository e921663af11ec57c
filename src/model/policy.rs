//! Package-wide policies: scoring and rounding, credential award, attempts, and delivery.

use serde::Serialize;

use super::tagged::internally_tagged;

/// How raw points become the reported total and the pass/fail decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoringPolicy {
    /// Cut score on the scaled total: the total passes when scaled ≥ cut_score.
    pub cut_score: f64,
    /// The scaled total maps raw/max linearly onto [scale.min, scale.max].
    pub scale: ScoreScale,
    pub negative_marking: NegativeMarking,
    pub rounding: Rounding,
}

/// Linear reporting scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreScale {
    pub min: f64,
    pub max: f64,
}

impl Default for ScoreScale {
    fn default() -> Self {
        ScoreScale {
            min: 0.0,
            max: 100.0,
        }
    }
}

/// Negative marking: a wrong answer to a selected-response item (single choice, multiple
/// response, true/false) loses `penalty` × the item's points. Unanswered items lose nothing.
/// The raw total is floored at 0.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct NegativeMarking {
    pub enabled: bool,
    /// Share of the item's points lost on a wrong answer, in [0, 1].
    pub penalty: f64,
}

/// The one rounding rule, applied to reported figures only (never during computation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rounding {
    /// Digits after the decimal point, 0..=6.
    pub decimals: u32,
    pub mode: RoundingMode,
}

/// The `decimals` of a rounding rule that gives none.
pub(crate) fn two() -> u32 {
    2
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            decimals: 2,
            mode: RoundingMode::HalfUp,
        }
    }
}

/// Tie-breaking rule for rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 2.345 → 2.35 (ties away from zero).
    #[default]
    HalfUp,
    /// 2.345 → 2.34, 2.355 → 2.36 (ties to even; "banker's rounding").
    HalfEven,
    /// Always towards −∞. A learner is never rounded up over the cut.
    Down,
}

/// What the attempt can earn. Tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum CredentialPolicy {
    /// Assessment-based certificate: cut score met and every required outcome mastered.
    Certificate { name: String, description: String },
    /// Certification: cut score met; valid for `validity_days` from the submission date.
    Certification {
        name: String,
        description: String,
        validity_days: u32,
    },
    /// No credential: the attempt only reports scores.
    None,
}

internally_tagged!(CredentialPolicy, "kind");

/// Retake rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptsPolicy {
    /// Maximum attempts per learner; absent means unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    pub grading: AttemptGrading,
    /// A retake excludes the items the learner has already seen (when the bank allows it).
    pub avoid_seen_items: bool,
}

impl Default for AttemptsPolicy {
    fn default() -> Self {
        AttemptsPolicy {
            max: None,
            grading: AttemptGrading::Highest,
            avoid_seen_items: false,
        }
    }
}

/// Which attempt's score stands when there are several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptGrading {
    #[default]
    Highest,
    Last,
    First,
    Average,
}

/// How the learner moves through the form, and the time allowed.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DeliveryPolicy {
    pub navigation: Navigation,
    /// Time limit for the whole attempt, in seconds; absent means untimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit_seconds: Option<u64>,
    /// Secure packages are delivered without keys; scoring happens on the backend.
    pub secure: bool,
}

/// Navigation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Navigation {
    /// Any item, in any order, any number of times.
    #[default]
    Free,
    /// Forward only: once the learner moves past an item, it cannot be revisited.
    Linear,
}
