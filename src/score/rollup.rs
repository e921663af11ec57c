//! Roll-up of item scores: raw and scaled totals, domain subscores and outcome mastery.

use super::result::{DomainScore, ItemScore, ItemStatus, OutcomeMastery};
use crate::model::{Item, Outcome, ScoreScale};

/// Slack for "at or above a threshold" judgements (mastery, cut score), so that a share that
/// is mathematically equal to the threshold is not failed by binary rounding noise.
pub const THRESHOLD_SLACK: f64 = 1e-9;

/// One form item with its score.
pub type Scored<'a> = (&'a Item, &'a ItemScore);

/// The attempt's totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    /// Sum of item points, floored at 0.
    pub raw: f64,
    /// Sum of item maxima, pending manual items included.
    pub max_raw: f64,
    /// `raw` on the reporting scale.
    pub scaled: f64,
    /// Items awaiting manual grading.
    pub pending_manual: usize,
    /// The scaled total if every pending item were given full marks.
    pub best_scaled: f64,
}

/// Totals over the scored items.
pub fn totals(items: &[ItemScore], scale: &ScoreScale) -> Totals {
    let sum: f64 = items.iter().map(|s| s.points).sum();
    let max_raw: f64 = items.iter().map(|s| s.max_points).sum();
    let pending: Vec<&ItemScore> = items
        .iter()
        .filter(|s| s.status == ItemStatus::PendingManual)
        .collect();
    let pending_max: f64 = pending.iter().map(|s| s.max_points).sum();
    let raw = sum.max(0.0);
    Totals {
        raw,
        max_raw,
        scaled: scaled(raw, max_raw, scale),
        pending_manual: pending.len(),
        best_scaled: scaled((sum + pending_max).max(0.0), max_raw, scale),
    }
}

/// `scale.min + (raw / max_raw) × (scale.max − scale.min)`; `scale.min` when nothing can be
/// earned.
pub fn scaled(raw: f64, max_raw: f64, scale: &ScoreScale) -> f64 {
    if max_raw > 0.0 {
        scale.min + (raw / max_raw) * (scale.max - scale.min)
    } else {
        scale.min
    }
}

/// Domain subscores in the order domains first appear on the form. A domain's points are
/// floored at 0, like the raw total.
pub fn domain_scores(scored: &[Scored]) -> Vec<DomainScore> {
    let mut out: Vec<DomainScore> = Vec::new();
    for (item, score) in scored {
        let index = match out.iter().position(|d| d.domain == item.domain) {
            Some(i) => i,
            None => {
                out.push(DomainScore {
                    domain: item.domain.clone(),
                    points: 0.0,
                    max_points: 0.0,
                    ratio: 0.0,
                    items: 0,
                });
                out.len() - 1
            }
        };
        if let Some(d) = out.get_mut(index) {
            d.points += score.points;
            d.max_points += score.max_points;
            d.items += 1;
        }
    }
    for d in &mut out {
        d.points = d.points.max(0.0);
        d.ratio = ratio(d.points, d.max_points);
    }
    out
}

fn ratio(points: f64, max: f64) -> f64 {
    if max > 0.0 {
        (points / max).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The share of an item's points that counts towards `outcome`: its alignment weight over the
/// sum of its alignment weights (0 when not aligned). Weights that are not positive numbers
/// are ignored.
pub fn alignment_share(item: &Item, outcome: &str) -> f64 {
    let usable = |w: f64| w.is_finite() && w > 0.0;
    let total: f64 = item
        .outcomes
        .iter()
        .map(|a| a.weight)
        .filter(|w| usable(*w))
        .sum();
    let mine: f64 = item
        .outcomes
        .iter()
        .filter(|a| a.outcome == outcome && usable(a.weight))
        .map(|a| a.weight)
        .sum();
    if total > 0.0 {
        mine / total
    } else {
        0.0
    }
}

/// Mastery of each outcome, in package order. The score is
/// `Σ share·max(points, 0) / Σ share·max_points` over the aligned items on the form; an
/// outcome is mastered when the score reaches the threshold, there are at least `min_items`
/// aligned items, and none of them awaits manual grading. An outcome with no aligned item on
/// the form is never mastered, whatever its `min_items`: mastery needs evidence.
pub fn outcome_mastery(outcomes: &[Outcome], scored: &[Scored]) -> Vec<OutcomeMastery> {
    outcomes
        .iter()
        .map(|outcome| {
            let mut earned = 0.0;
            let mut possible = 0.0;
            let mut items = 0;
            let mut pending_manual = 0;
            for (item, score) in scored {
                let share = alignment_share(item, &outcome.id);
                if share <= 0.0 {
                    continue;
                }
                items += 1;
                earned += share * score.points.max(0.0);
                possible += share * score.max_points;
                if score.status == ItemStatus::PendingManual {
                    pending_manual += 1;
                }
            }
            let score = ratio(earned, possible);
            let mastered = score + THRESHOLD_SLACK >= outcome.mastery
                && items >= outcome.min_items
                && pending_manual == 0
                && items > 0;
            OutcomeMastery {
                outcome: outcome.id.clone(),
                score,
                threshold: outcome.mastery,
                items,
                min_items: outcome.min_items,
                required: outcome.required,
                mastered,
                pending_manual,
            }
        })
        .collect()
}
