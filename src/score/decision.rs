//! The pass/fail decision on the cut score, and the credential decision with its reasons in
//! plain sentences.

use super::result::{CredentialDecision, Decision, OutcomeMastery};
use super::rollup::{Totals, THRESHOLD_SLACK};
use super::rounding::{distinguishing, format_fixed, format_rounded};
use crate::model::{CredentialPolicy, Rounding, ScoringPolicy};
use crate::timestamp::Timestamp;

/// True when `value` reaches `threshold` (within the threshold slack).
fn reaches(value: f64, threshold: f64) -> bool {
    value + THRESHOLD_SLACK * threshold.abs().max(1.0) >= threshold
}

/// Pass when the scaled total reaches the cut. With items pending manual grading: pass when
/// the cut is already reached, fail when even full marks on the pending items cannot reach it,
/// pending otherwise.
pub fn decide(totals: &Totals, cut_score: f64) -> Decision {
    if reaches(totals.scaled, cut_score) {
        Decision::Pass
    } else if totals.pending_manual > 0 && reaches(totals.best_scaled, cut_score) {
        Decision::Pending
    } else {
        Decision::Fail
    }
}

/// The credential decision. A certificate is awarded on a pass with every required outcome
/// mastered; a certification on a pass, valid for `validity_days` from `submitted_at`.
/// Figures in the reasons use the package rounding.
pub fn credential(
    policy: &CredentialPolicy,
    scoring: &ScoringPolicy,
    totals: &Totals,
    decision: Decision,
    outcomes: &[OutcomeMastery],
    submitted_at: Timestamp,
) -> CredentialDecision {
    let rounding = &scoring.rounding;
    match policy {
        CredentialPolicy::None => CredentialDecision {
            kind: "none".to_string(),
            awarded: false,
            reasons: vec!["no credential".to_string()],
            expires_at: None,
        },
        CredentialPolicy::Certificate { .. } => {
            let mut reasons = cut_reasons(decision, totals, scoring.cut_score, rounding);
            let required: Vec<&OutcomeMastery> = outcomes.iter().filter(|o| o.required).collect();
            for o in &required {
                if let Some(reason) = outcome_reason(o, rounding) {
                    reasons.push(reason);
                }
            }
            let awarded = decision == Decision::Pass && reasons.is_empty();
            if awarded {
                reasons.push(match required.len() {
                    0 => "awarded: cut score met (no outcome is required)".to_string(),
                    1 => "awarded: cut score met and the 1 required outcome mastered".to_string(),
                    n => format!("awarded: cut score met and all {n} required outcomes mastered"),
                });
            }
            CredentialDecision {
                kind: "certificate".to_string(),
                awarded,
                reasons,
                expires_at: None,
            }
        }
        CredentialPolicy::Certification { validity_days, .. } => {
            let mut reasons = cut_reasons(decision, totals, scoring.cut_score, rounding);
            let awarded = decision == Decision::Pass;
            let expires_at = awarded.then(|| submitted_at.plus_days(*validity_days));
            if let Some(expiry) = expires_at {
                let r = distinguishing(totals.scaled, scoring.cut_score, rounding);
                reasons.push(format!(
                    "awarded: scaled score {} meets the cut score {}; valid until {}",
                    format_rounded(totals.scaled, &r),
                    format_rounded(scoring.cut_score, &r),
                    expiry.to_date()
                ));
            }
            CredentialDecision {
                kind: "certification".to_string(),
                awarded,
                reasons,
                expires_at,
            }
        }
    }
}

/// Why the cut-score decision stands in the way, if it does.
fn cut_reasons(decision: Decision, totals: &Totals, cut: f64, rounding: &Rounding) -> Vec<String> {
    match decision {
        Decision::Pass => Vec::new(),
        Decision::Fail => {
            let r = distinguishing(totals.scaled, cut, rounding);
            vec![format!(
                "not awarded: scaled score {} is below the cut score {}",
                format_rounded(totals.scaled, &r),
                format_rounded(cut, &r)
            )]
        }
        Decision::Pending => {
            let r = distinguishing(totals.scaled, cut, rounding);
            vec![format!(
                "not awarded: grading is pending for {} (scaled score so far {}, cut score {})",
                items(totals.pending_manual),
                format_rounded(totals.scaled, &r),
                format_rounded(cut, &r)
            )]
        }
    }
}

/// Why a required outcome is not mastered, if it is not.
fn outcome_reason(o: &OutcomeMastery, rounding: &Rounding) -> Option<String> {
    if o.mastered {
        return None;
    }
    let id = &o.outcome;
    Some(if o.items == 0 {
        format!("not awarded: outcome {id} has no item of evidence on this form")
    } else if o.items < o.min_items {
        format!(
            "not awarded: outcome {id} has {} of evidence, needs {}",
            items(o.items),
            o.min_items
        )
    } else if o.pending_manual > 0 {
        format!(
            "not awarded: outcome {id} awaits manual grading of {}",
            items(o.pending_manual)
        )
    } else {
        let r = distinguishing(o.score, o.threshold, rounding);
        format!(
            "not awarded: outcome {id} not mastered ({} < {})",
            format_fixed(o.score, &r, 2),
            format_fixed(o.threshold, &r, 2)
        )
    })
}

/// `1 item`, `3 items`.
fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_string()
    } else {
        format!("{n} items")
    }
}
