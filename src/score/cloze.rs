//! Cloze responses: each gap earns its share of the item's points, a text gap like a text
//! entry and an inline-choice gap by its key.
//!
//! Shares: a gap with explicit `points` is worth them; the points left over are shared
//! equally among the gaps without. A gap missing from the response earns 0.

use super::text::{best_answer_points, clamp_points};
use crate::model::Gap;
use crate::sorted_map::SortedMap;

/// The points each gap is worth, in gap order.
pub fn gap_shares(gaps: &[Gap], full: f64) -> Vec<f64> {
    let explicit: f64 = gaps
        .iter()
        .filter_map(Gap::explicit_points)
        .map(|p| clamp_points(p, full))
        .sum();
    let implicit = gaps
        .iter()
        .filter(|g| g.explicit_points().is_none())
        .count();
    let shared = if implicit > 0 {
        ((full - explicit) / implicit as f64).max(0.0)
    } else {
        0.0
    };
    gaps.iter()
        .map(|g| match g.explicit_points() {
            Some(p) => clamp_points(p, full),
            None => shared,
        })
        .collect()
}

/// Points for the answered gaps (gap id → text or choice id), at most `full`.
pub fn score_cloze(gaps: &[Gap], answers: &SortedMap<&str, &str>, full: f64) -> f64 {
    let earned: f64 = gaps
        .iter()
        .zip(gap_shares(gaps, full))
        .map(|(gap, share)| match answers.get(gap.id()) {
            None => 0.0,
            Some(given) => score_gap(gap, given, share),
        })
        .sum();
    clamp_points(earned, full)
}

fn score_gap(gap: &Gap, given: &str, share: f64) -> f64 {
    match gap {
        Gap::Text {
            answers,
            case_sensitive,
            ..
        } => best_answer_points(given, answers, *case_sensitive, share),
        Gap::Choice { key, .. } => {
            if given == key {
                share
            } else {
                0.0
            }
        }
    }
}
