//! Numeric responses: a keyed value (exact, or with an absolute or relative tolerance) or an
//! inclusive range.
//!
//! Every comparison allows a slack of `1e-9 × max(1, |bound|)` so that decimal keys survive
//! binary floating point: with key 9.81 ± 0.05, the response 9.76 is accepted although
//! `|9.76 − 9.81|` is 0.05000000000000071 in `f64`. The slack is far below any tolerance an
//! author would write.

use crate::model::NumericKey;

/// Relative slack that absorbs floating-point noise in comparisons.
const SLACK: f64 = 1e-9;

fn slack(bound: f64) -> f64 {
    SLACK * bound.abs().max(1.0)
}

/// True when `x` is accepted by the key. A key with neither a value nor a complete range
/// accepts nothing.
pub fn accepts(key: &NumericKey, x: f64) -> bool {
    if !x.is_finite() {
        return false;
    }
    match (key.value, key.min, key.max) {
        (Some(v), _, _) => {
            let allowed = match (key.absolute_tolerance, key.relative_tolerance) {
                (Some(t), _) => t.max(0.0),
                (None, Some(r)) => r.max(0.0) * v.abs(),
                (None, None) => 0.0,
            };
            (x - v).abs() <= allowed + slack(v)
        }
        (None, Some(lo), Some(hi)) => x >= lo - slack(lo) && x <= hi + slack(hi),
        _ => false,
    }
}

/// `full` when the key accepts `x`, else 0.
pub fn score_numeric(key: &NumericKey, x: f64, full: f64) -> f64 {
    if accepts(key, x) {
        full
    } else {
        0.0
    }
}
