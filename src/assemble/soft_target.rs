//! Soft targets on the form's difficulty (`blueprint.difficulty`): per-item values as flat
//! arrays, the greedy score that steers selection towards the target, the objective that the
//! swap pass minimises, and the [`SoftDeviation`] reported on the form.
//!
//! # Met, not maximal
//! Many different forms meet a soft target equally well, and a target met by the same most
//! suitable items on every form would expose them on every form. So a target counts as met
//! within a tolerance, and the search stops there:
//!
//! - Range targets (mean p, mean b): the form mean lies in the range (by at least a rounding
//!   margin, so that the mean computed afresh agrees).
//! - Information targets: every θ point is within [`information_tolerance`] of its target
//!   (2% of the target, at most [`INFORMATION_TOLERANCE_CAP`] absolute).
//!
//! The greedy score gives every item that keeps the partial form on track the same top score,
//! so randomesque selection (ties broken by per-form random keys) spreads the picks across the
//! bank. For a range target, an item is on track when its value lies near the band that would
//! land the mean in the range if every remaining item had it ([`RANGE_BAND`]). For an
//! information target, when its information lies in a wide band around the per-item share of
//! what the form still needs at each θ ([`INFORMATION_BAND_BELOW`]; for a target of 13 over 60
//! items, from about 0.11 up at first), rather than only the most informative items. The swap
//! pass ([`improve`](super::improve)) then closes what the greedy left, with random choice
//! among the swaps that meet the target, or that are good enough on the way.
//!
//! The objective the swap pass minimises is 0 exactly when the target is met: the distance of
//! the mean outside the range, or Σ over the θ points of the squared excess of
//! |TIF(θ) − target| over the tolerance (squares, so that a swap that helps one point while
//! another is worse still counts). The deviation reported on the form is always computed
//! afresh from the items ([`deviation`]): the largest |TIF(θ) − target|, or the distance of the
//! mean outside the range.
//!
//! Maximize-information ranks items by information at θ (randomesque among the most
//! informative, the classical exposure-controlled rule) and is not swapped further.

use crate::model::{Difficulty, DifficultyTarget, Item, Package};

use super::form::SoftDeviation;
use super::information::item_information;

/// Which soft target the blueprint sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SoftKind {
    None,
    MeanP { min: f64, max: f64 },
    MeanB { min: f64, max: f64 },
    Information,
    Maximize,
}

/// Per-item soft-target values, item-major (`dims` values per bank item).
pub(crate) struct SoftTable {
    pub kind: SoftKind,
    pub dims: usize,
    values: Vec<f64>,
    /// Information targets, one per θ point (information targets only).
    targets: Vec<f64>,
    /// How far each θ point may be from its target and still count as met.
    tolerance: Vec<f64>,
    /// Normalisation of distances in the greedy score.
    scale: f64,
}

/// The greedy score's view of the current partial form, prepared once per greedy step.
pub(crate) struct SoftStep {
    lo: f64,
    hi: f64,
    ideal: Vec<f64>,
}

/// Weight of the soft score (in [0, 1]) against quota urgency in the greedy score.
pub(crate) const SOFT_WEIGHT: f64 = 0.1;

/// How far (in units of the target's scale: 0.05 for p, 0.25 for b) an item's value may lie
/// outside the per-item band of a range target and still keep the partial form on track: ±0.15
/// in p, ±0.75 in b. The per-item band alone (the values that would land the mean in range if
/// every remaining item had them) is as narrow as the range, so the same few items would fit
/// it on every form; the remaining items make up for the difference.
pub(crate) const RANGE_BAND: f64 = 3.0;

/// Share of an information target within which the form's information counts as met.
pub const INFORMATION_TOLERANCE_SHARE: f64 = 0.02;

/// Largest tolerance of an information target, in information units, whatever its size.
pub const INFORMATION_TOLERANCE_CAP: f64 = 0.01;

/// The band of item information that keeps a partial form on track, relative to the per-item
/// share still needed at a θ point: an item scores best when its information at every θ lies
/// between (1 − below) and (1 + above) times that share, from half to three times it.
///
/// The band is wide above: a form short of information can take any of the informative items,
/// not only those near the share, so the most informative items are shared out evenly instead
/// of being left to the end, when only they can close the gap (measured on the certification
/// example and a 2,000-item bank: fewer unused items and less overlap than a band of ±50%).
pub(crate) const INFORMATION_BAND_BELOW: f64 = 0.5;

/// See [`INFORMATION_BAND_BELOW`].
pub(crate) const INFORMATION_BAND_ABOVE: f64 = 2.0;

/// How far the test information at a θ point may be from `target` and still count as met:
/// 2% of the target, at most 0.01.
pub fn information_tolerance(target: f64) -> f64 {
    (INFORMATION_TOLERANCE_SHARE * target.abs()).min(INFORMATION_TOLERANCE_CAP)
}

impl SoftTable {
    /// Read every item's value for the blueprint's target.
    pub fn build(package: &Package) -> SoftTable {
        let length = package.blueprint.length.max(1) as f64;
        let n = package.items.len();
        match &package.blueprint.difficulty {
            None => SoftTable {
                kind: SoftKind::None,
                dims: 0,
                values: Vec::new(),
                targets: Vec::new(),
                tolerance: Vec::new(),
                scale: 1.0,
            },
            Some(DifficultyTarget::MeanP { min, max }) => {
                let mid = finite_or(0.5 * (min + max), 0.5);
                let values = package
                    .items
                    .iter()
                    .map(|it| match it.difficulty {
                        Some(Difficulty::P(p)) if p.is_finite() => p,
                        _ => mid,
                    })
                    .collect();
                SoftTable {
                    kind: SoftKind::MeanP {
                        min: *min,
                        max: *max,
                    },
                    dims: 1,
                    values,
                    targets: Vec::new(),
                    tolerance: Vec::new(),
                    scale: 0.05,
                }
            }
            Some(DifficultyTarget::MeanB { min, max }) => {
                let mid = finite_or(0.5 * (min + max), 0.0);
                let values = package
                    .items
                    .iter()
                    .map(|it| item_b(it).unwrap_or(mid))
                    .collect();
                SoftTable {
                    kind: SoftKind::MeanB {
                        min: *min,
                        max: *max,
                    },
                    dims: 1,
                    values,
                    targets: Vec::new(),
                    tolerance: Vec::new(),
                    scale: 0.25,
                }
            }
            Some(DifficultyTarget::Information { points }) => {
                let dims = points.len();
                let mut values = Vec::with_capacity(n.saturating_mul(dims));
                for it in &package.items {
                    for pt in points {
                        values.push(it.irt.map_or(0.0, |p| item_information(&p, pt.theta)));
                    }
                }
                let targets: Vec<f64> = points.iter().map(|p| finite_or(p.target, 0.0)).collect();
                let tolerance = targets.iter().map(|&t| information_tolerance(t)).collect();
                let total: f64 = targets.iter().sum();
                let per_item = total / (dims.max(1) as f64 * length);
                SoftTable {
                    kind: SoftKind::Information,
                    dims,
                    values,
                    targets,
                    tolerance,
                    scale: if per_item > 1e-9 { per_item } else { 1.0 },
                }
            }
            Some(DifficultyTarget::MaximizeInformation { theta }) => {
                let values: Vec<f64> = package
                    .items
                    .iter()
                    .map(|it| it.irt.map_or(0.0, |p| item_information(&p, *theta)))
                    .collect();
                let top = values.iter().copied().fold(0.0f64, f64::max);
                SoftTable {
                    kind: SoftKind::Maximize,
                    dims: 1,
                    values,
                    targets: Vec::new(),
                    tolerance: Vec::new(),
                    scale: if top > 1e-12 { top } else { 1.0 },
                }
            }
        }
    }

    /// The values of one bank item (`dims` of them).
    pub fn values(&self, item: u32) -> &[f64] {
        let start = (item as usize).saturating_mul(self.dims);
        self.values
            .get(start..start.saturating_add(self.dims))
            .unwrap_or(&[])
    }

    /// True when the swap pass should work on this target.
    pub fn improves_by_swaps(&self) -> bool {
        matches!(
            self.kind,
            SoftKind::MeanP { .. } | SoftKind::MeanB { .. } | SoftKind::Information
        )
    }

    /// What the swap pass minimises for a full form whose value sums are `sums`: the distance
    /// of the mean outside the range, or Σ (|information − target| − tolerance)² over the θ
    /// points outside their tolerance. Exactly 0 when the target is met.
    pub fn objective(&self, sums: &[f64], length: usize) -> f64 {
        let len = length.max(1) as f64;
        match self.kind {
            SoftKind::MeanP { min, max } | SoftKind::MeanB { min, max } => {
                let (lo, hi) = inner(min, max);
                outside(sums.first().copied().unwrap_or(0.0) / len, lo, hi)
            }
            SoftKind::Information => {
                let mut total = 0.0;
                for ((s, t), tol) in sums.iter().zip(&self.targets).zip(&self.tolerance) {
                    let excess = (s - t).abs() - tol;
                    if excess > 0.0 {
                        total += excess * excess;
                    }
                }
                total
            }
            SoftKind::None | SoftKind::Maximize => 0.0,
        }
    }

    /// [`objective`](Self::objective) of a form whose value sums are `base` plus the values of
    /// `item`: a swap's result without building its sums (the swap pass's inner loop).
    pub fn objective_with(&self, base: &[f64], item: u32, length: usize) -> f64 {
        let values = self.values(item);
        match self.kind {
            SoftKind::MeanP { min, max } | SoftKind::MeanB { min, max } => {
                let sum =
                    base.first().copied().unwrap_or(0.0) + values.first().copied().unwrap_or(0.0);
                let (lo, hi) = inner(min, max);
                outside(sum / length.max(1) as f64, lo, hi)
            }
            SoftKind::Information => {
                let mut total = 0.0;
                for (((b, v), t), tol) in base
                    .iter()
                    .zip(values)
                    .zip(&self.targets)
                    .zip(&self.tolerance)
                {
                    let excess = (b + v - t).abs() - tol;
                    if excess > 0.0 {
                        total += excess * excess;
                    }
                }
                total
            }
            SoftKind::None | SoftKind::Maximize => 0.0,
        }
    }

    /// A fresh greedy step view.
    pub fn step(&self) -> SoftStep {
        SoftStep {
            lo: 0.0,
            hi: 0.0,
            ideal: vec![0.0; self.targets.len()],
        }
    }

    /// Prepare `step` for a partial form of `placed` items with value sums `sums`.
    pub fn prepare(&self, step: &mut SoftStep, sums: &[f64], placed: usize, length: usize) {
        let remaining = length.saturating_sub(placed).max(1) as f64;
        let len = length as f64;
        let sum0 = sums.first().copied().unwrap_or(0.0);
        match self.kind {
            SoftKind::MeanP { min, max } | SoftKind::MeanB { min, max } => {
                // The per-item band that lands the mean in range if every remaining item had it.
                step.lo = (min * len - sum0) / remaining;
                step.hi = (max * len - sum0) / remaining;
            }
            SoftKind::Information => {
                for ((ideal, t), s) in step.ideal.iter_mut().zip(&self.targets).zip(sums) {
                    *ideal = (t - s) / remaining;
                }
            }
            SoftKind::None | SoftKind::Maximize => {}
        }
    }

    /// How well one item suits the partial form, in [0, 1] (1 is best).
    pub fn score(&self, step: &SoftStep, item: u32) -> f64 {
        match self.kind {
            SoftKind::None => 0.0,
            SoftKind::MeanP { .. } | SoftKind::MeanB { .. } => {
                let v = self.values(item).first().copied().unwrap_or(0.0);
                let slack = RANGE_BAND * self.scale;
                1.0 / (1.0 + outside(v, step.lo - slack, step.hi + slack) / self.scale)
            }
            SoftKind::Information => {
                let mut dist = 0.0;
                for (v, ideal) in self.values(item).iter().zip(&step.ideal) {
                    let a = ideal.abs();
                    dist += (ideal - INFORMATION_BAND_BELOW * a - v).max(0.0)
                        + (v - ideal - INFORMATION_BAND_ABOVE * a).max(0.0);
                }
                1.0 / (1.0 + dist / self.scale)
            }
            SoftKind::Maximize => self.maximize_score(item),
        }
    }

    /// The greedy score of an item when it does not depend on the partial form (no target, or
    /// maximize information); None when it does (range and information targets).
    pub fn fixed_score(&self, item: u32) -> Option<f64> {
        match self.kind {
            SoftKind::None => Some(0.0),
            SoftKind::Maximize => Some(self.maximize_score(item)),
            SoftKind::MeanP { .. } | SoftKind::MeanB { .. } | SoftKind::Information => None,
        }
    }

    fn maximize_score(&self, item: u32) -> f64 {
        let v = self.values(item).first().copied().unwrap_or(0.0);
        (v / self.scale).clamp(0.0, 1.0)
    }
}

/// The soft-target outcome of a finished form, computed afresh from its items.
pub(crate) fn deviation(package: &Package, items: &[&Item]) -> SoftDeviation {
    match &package.blueprint.difficulty {
        None => SoftDeviation {
            target: "none".into(),
            ..SoftDeviation::default()
        },
        Some(DifficultyTarget::MeanP { min, max }) => {
            let values: Vec<f64> = items
                .iter()
                .filter_map(|it| match it.difficulty {
                    Some(Difficulty::P(p)) if p.is_finite() => Some(p),
                    _ => None,
                })
                .collect();
            range_deviation("mean_p", &values, *min, *max)
        }
        Some(DifficultyTarget::MeanB { min, max }) => {
            let values: Vec<f64> = items.iter().filter_map(|it| item_b(it)).collect();
            range_deviation("mean_b", &values, *min, *max)
        }
        Some(DifficultyTarget::Information { points }) => {
            let information: Vec<f64> = points.iter().map(|pt| tif(items, pt.theta)).collect();
            let worst = information
                .iter()
                .zip(points)
                .map(|(i, pt)| (i - pt.target).abs())
                .fold(0.0, f64::max);
            SoftDeviation {
                target: "information".into(),
                achieved: worst,
                deviation: worst,
                information,
            }
        }
        Some(DifficultyTarget::MaximizeInformation { theta }) => {
            let info = tif(items, *theta);
            SoftDeviation {
                target: "maximize_information".into(),
                achieved: info,
                deviation: 0.0,
                information: vec![info],
            }
        }
    }
}

/// Whether a finished form's soft target is met: every θ point within its tolerance, or the
/// mean inside its range (up to rounding: the search tracks sums that differ from the fresh
/// [`deviation`] in the last bits). Always true without a target and for maximize-information.
pub(crate) fn met(package: &Package, deviation: &SoftDeviation) -> bool {
    const ROUNDING: f64 = 1e-9;
    match &package.blueprint.difficulty {
        None | Some(DifficultyTarget::MaximizeInformation { .. }) => true,
        Some(DifficultyTarget::MeanP { .. }) | Some(DifficultyTarget::MeanB { .. }) => {
            deviation.deviation <= ROUNDING
        }
        Some(DifficultyTarget::Information { points }) => {
            deviation.information.len() == points.len()
                && deviation.information.iter().zip(points).all(|(i, pt)| {
                    (i - pt.target).abs() <= information_tolerance(pt.target) + ROUNDING
                })
        }
    }
}

fn tif(items: &[&Item], theta: f64) -> f64 {
    items
        .iter()
        .filter_map(|it| it.irt.as_ref())
        .map(|p| item_information(p, theta))
        .sum()
}

fn range_deviation(target: &str, values: &[f64], min: f64, max: f64) -> SoftDeviation {
    let mean = if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    };
    SoftDeviation {
        target: target.into(),
        achieved: mean,
        deviation: outside(mean, min, max),
        information: Vec::new(),
    }
}

/// The IRT location used by a mean-b target: `difficulty.b`, else `irt.b`.
fn item_b(item: &Item) -> Option<f64> {
    match item.difficulty {
        Some(Difficulty::B(b)) if b.is_finite() => Some(b),
        _ => item.irt.map(|p| p.b).filter(|b| b.is_finite()),
    }
}

/// How far inside its range a mean must be for the search to count it as met: the search adds
/// and removes values, so its sums may differ in the last bits from the mean computed afresh.
const RANGE_MARGIN: f64 = 1e-9;

/// The range the search aims at: `[min, max]` narrowed by [`RANGE_MARGIN`] on both sides (its
/// midpoint when it is narrower than that), so that a form the search counts as met is met.
fn inner(min: f64, max: f64) -> (f64, f64) {
    if max - min > 2.0 * RANGE_MARGIN {
        (min + RANGE_MARGIN, max - RANGE_MARGIN)
    } else {
        let mid = 0.5 * (min + max);
        (mid, mid)
    }
}

/// Distance of `v` outside [lo, hi] (0 inside).
fn outside(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo - v
    } else if v > hi {
        v - hi
    } else {
        0.0
    }
}

fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        fallback
    }
}
