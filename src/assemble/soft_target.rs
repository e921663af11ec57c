//! Soft targets on the form's difficulty (`blueprint.difficulty`): per-item values as flat
//! arrays, the greedy score that steers selection towards the target, the objective that the
//! swap pass minimises, and the [`SoftDeviation`] reported on the form.
//!
//! Range targets (mean p, mean b) are met when the form mean lies in the range; every item
//! that keeps the form on track scores the same, so randomesque selection still spreads
//! exposure. Information targets minimise the largest |TIF(θ) − target| over the θ points.
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
                let total: f64 = targets.iter().sum();
                let per_item = total / (dims.max(1) as f64 * length);
                SoftTable {
                    kind: SoftKind::Information,
                    dims,
                    values,
                    targets,
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
    /// of the mean outside the range, or the largest |information − target|. 0 when met.
    pub fn objective(&self, sums: &[f64], length: usize) -> f64 {
        let len = length.max(1) as f64;
        match self.kind {
            SoftKind::MeanP { min, max } | SoftKind::MeanB { min, max } => {
                outside(sums.first().copied().unwrap_or(0.0) / len, min, max)
            }
            SoftKind::Information => sums
                .iter()
                .zip(&self.targets)
                .map(|(s, t)| (s - t).abs())
                .fold(0.0, f64::max),
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
                1.0 / (1.0 + outside(v, step.lo, step.hi) / self.scale)
            }
            SoftKind::Information => {
                let mut dist = 0.0;
                for (v, ideal) in self.values(item).iter().zip(&step.ideal) {
                    dist += ((v - ideal).abs() - 0.1 * ideal.abs()).max(0.0);
                }
                1.0 / (1.0 + dist / self.scale)
            }
            SoftKind::Maximize => {
                let v = self.values(item).first().copied().unwrap_or(0.0);
                (v / self.scale).clamp(0.0, 1.0)
            }
        }
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
