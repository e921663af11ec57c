//! MLE ability: the θ in [−4, 4] that maximizes the likelihood of dichotomous answers to
//! 2PL/3PL items (logistic metric, D = 1), and its standard error.
//!
//! The search starts from the EAP's [`QUADRATURE_POINTS`] points on [−4, 4] and the 60 cells
//! between them, in four steps:
//!
//! 1. **Grid**: the log-likelihood l at the 61 points; the best point is the best so far.
//! 2. **Bracket**: a cell is ruled out when l cannot rise above the best point found so far
//!    inside it. A quick test needs only the end values: l″ ≥ −M (−a²/2 per right answer to a
//!    3PL item, −a²/4 per other answer; `item.rs`), so l stays below the higher end plus
//!    M·w²/8 (w the cell width). A cell that passes gets the slopes l′ at its ends and an
//!    upper bound on l″ over the cell, and the tighter test of `Cell::bound` (`cell.rs`).
//!    The two cells beside the best grid point go first, so in practice one cell is searched
//!    and the other 59 are ruled out.
//! 3. **Newton–Raphson** in a cell whose slope goes from + to −, with the analytic l″ of the
//!    3PL log-likelihood (one `exp` per item and step), started at the secant root of the end
//!    slopes and safeguarded by bisection on l′: a step that leaves the bracket, meets
//!    l″ ≥ 0 or fails to halve the previous step is replaced by the bracket's midpoint. Three
//!    steps usually reach 1e-12.
//! 4. A cell that neither brackets a root nor can be ruled out (3PL likelihoods with several
//!    maxima close together, or a peak narrower than a cell) is halved, and the halves
//!    treated the same way, up to `MAX_SUBDIVISIONS` evaluations per vector.
//!
//! [`MleScorer`] precomputes, per usable item, the grid values of steps 1 and 2 (ln P, ln Q,
//! their slopes, and the curvature bounds per cell), so that those steps are additions only;
//! [`mle`] computes the few it needs for its one vector. Both give the same estimate to the
//! last bit.
//!
//! The result is the global maximum on [−4, 4]. When it is a bound of the range (the
//! likelihood still rises there: all-correct and all-wrong patterns, and patterns whose maximum
//! lies beyond ±4) `bounded` is set; all-correct and all-wrong patterns are answered at once.
//! With no answered usable item the likelihood is flat and θ is the given start.
//!
//! All transcendental functions go through `libm` and every sum runs in a fixed order, so the
//! estimate is bit-identical on every target.

use crate::model::IrtParameters;

use super::{is_usable, quadrature_theta, QUADRATURE_POINTS, THETA_MAX, THETA_MIN};

mod cell;
mod item;

use cell::Cell;
use item::ItemModel;

/// Most Newton/bisection steps in one bracket.
const MAX_STEPS: usize = 200;
/// Newton–Raphson stops when a step or the bracket is shorter than this.
const THETA_TOLERANCE: f64 = 1e-12;
/// Most likelihood evaluations spent halving cells that no bound rules out, per vector.
const MAX_SUBDIVISIONS: usize = 128;
/// Cells between the quadrature points.
const CELLS: usize = QUADRATURE_POINTS - 1;
/// Width of a cell.
const CELL_WIDTH: f64 = (THETA_MAX - THETA_MIN) / CELLS as f64;

type Column = [f64; QUADRATURE_POINTS];
type PerCell = [f64; CELLS];

/// A maximum-likelihood θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MleEstimate {
    pub theta: f64,
    /// 1 / sqrt(test information at θ); `f64::MAX` when the information is 0.
    pub se: f64,
    /// θ is a bound of [−4, 4] because the likelihood still rises there.
    pub bounded: bool,
}

/// The MLE of θ for one response vector (`correct[i]` answers `items[i]`). A flat likelihood
/// (no answered usable item) gives θ = 0, the prior mean. Score many vectors on the same
/// items with [`MleScorer`].
pub fn mle(items: &[IrtParameters], correct: &[bool]) -> MleEstimate {
    mle_from(items, correct, 0.0)
}

/// The MLE of θ, with `start` (clamped to [−4, 4]; 0 when not finite) as the answer for a flat
/// likelihood. Only item/response pairs present in both slices (and with usable parameters)
/// enter. The search itself does not depend on `start`.
pub fn mle_from(items: &[IrtParameters], correct: &[bool], start: f64) -> MleEstimate {
    let answered = items
        .iter()
        .enumerate()
        .zip(correct)
        .filter(|((_, item), _)| is_usable(item))
        .map(|((position, item), &u)| (ItemModel::new(position, item), u))
        .collect();
    estimate(&Direct { answered }, start)
}

/// One usable item and its values at the quadrature points and over the cells.
#[derive(Debug, Clone)]
struct TabledItem {
    model: ItemModel,
    /// ln P, ln Q, d ln P / dθ and d ln Q / dθ at each quadrature point.
    ln_p: Column,
    ln_q: Column,
    slope_p: Column,
    slope_q: Column,
    /// Upper bounds on d² ln P / dθ² and d² ln Q / dθ² over each cell.
    curvature_p: PerCell,
    curvature_q: PerCell,
}

impl TabledItem {
    fn new(model: ItemModel) -> TabledItem {
        let mut tabled = TabledItem {
            model,
            ln_p: [0.0; QUADRATURE_POINTS],
            ln_q: [0.0; QUADRATURE_POINTS],
            slope_p: [0.0; QUADRATURE_POINTS],
            slope_q: [0.0; QUADRATURE_POINTS],
            curvature_p: [0.0; CELLS],
            curvature_q: [0.0; CELLS],
        };
        for q in 0..QUADRATURE_POINTS {
            let theta = quadrature_theta(q);
            tabled.ln_p[q] = model.terms(theta, true).log_likelihood;
            tabled.ln_q[q] = model.terms(theta, false).log_likelihood;
            tabled.slope_p[q] = model.slope_and_curvature(theta, true).0;
            tabled.slope_q[q] = model.slope_and_curvature(theta, false).0;
        }
        for k in 0..CELLS {
            let (lo, hi) = (quadrature_theta(k), quadrature_theta(k + 1));
            tabled.curvature_p[k] = model.curvature_bound(lo, hi, true);
            tabled.curvature_q[k] = model.curvature_bound(lo, hi, false);
        }
        tabled
    }
}

/// MLE scoring of many response vectors on the same items, with the per-item values of the
/// search's first steps computed once (see the module docs).
///
/// ```
/// use certa::model::IrtParameters;
/// use certa::score::irt::{mle, MleScorer};
/// let items: Vec<IrtParameters> = (0..20)
///     .map(|i| IrtParameters { a: 1.2, b: -2.0 + 0.2 * i as f64, c: Some(0.2) })
///     .collect();
/// let scorer = MleScorer::new(&items);
/// let answers: Vec<bool> = (0..20).map(|i| i % 3 != 0).collect();
/// let m = scorer.estimate(&answers);
/// assert_eq!(m, mle(&items, &answers));
/// assert!(!m.bounded && m.theta > -4.0 && m.theta < 4.0 && m.se > 0.0);
/// ```
#[derive(Debug, Clone)]
pub struct MleScorer {
    items: Vec<TabledItem>,
}

impl MleScorer {
    /// Precompute the tables for these items (items with unusable parameters are left out).
    pub fn new(items: &[IrtParameters]) -> MleScorer {
        let items = items
            .iter()
            .enumerate()
            .filter(|(_, item)| is_usable(item))
            .map(|(position, item)| TabledItem::new(ItemModel::new(position, item)))
            .collect();
        MleScorer { items }
    }

    /// Items that enter an estimate (usable parameters).
    pub fn usable_items(&self) -> usize {
        self.items.len()
    }

    /// The MLE for one response vector: `correct[i]` answers item `i`. Entries beyond the
    /// items are ignored; items beyond the entries count as not administered. A flat
    /// likelihood gives θ = 0.
    pub fn estimate(&self, correct: &[bool]) -> MleEstimate {
        self.estimate_from(correct, 0.0)
    }

    /// As [`MleScorer::estimate`], with `start` (clamped to [−4, 4]; 0 when not finite) as the
    /// answer for a flat likelihood.
    pub fn estimate_from(&self, correct: &[bool], start: f64) -> MleEstimate {
        estimate(
            &Tabled {
                scorer: self,
                correct,
            },
            start,
        )
    }
}

/// One vector's log-likelihood l as the search reads it. The provided methods compute from
/// the item models; [`Tabled`] reads the grid values from its tables instead (the same values,
/// summed in the same order).
trait Likelihood {
    /// Calls `f` with each answered usable item and its answer, in item order.
    fn each_answered(&self, f: impl FnMut(&ItemModel, bool));

    /// l at the quadrature points.
    fn grid(&self) -> Column {
        let mut l = [0.0; QUADRATURE_POINTS];
        for (q, value) in l.iter_mut().enumerate() {
            let theta = quadrature_theta(q);
            self.each_answered(|model, u| *value += model.terms(theta, u).log_likelihood);
        }
        l
    }

    /// l′ at quadrature point `q`.
    fn slope_at(&self, q: usize) -> f64 {
        let theta = quadrature_theta(q);
        let mut d = 0.0;
        self.each_answered(|model, u| d += model.slope_and_curvature(theta, u).0);
        d
    }

    /// An upper bound on l″ over cell `k`.
    fn curvature_of(&self, k: usize) -> f64 {
        let (lo, hi) = (quadrature_theta(k), quadrature_theta(k + 1));
        let mut m = 0.0;
        self.each_answered(|model, u| m += model.curvature_bound(lo, hi, u));
        m
    }

    /// A lower bound on l″ everywhere.
    fn curvature_floor(&self) -> f64 {
        let mut m = 0.0;
        self.each_answered(|model, u| m += model.curvature_floor(u));
        m
    }

    /// l, with the test information, at θ.
    fn point(&self, theta: f64) -> Point {
        let (mut l, mut info) = (0.0, 0.0);
        self.each_answered(|model, u| {
            let terms = model.terms(theta, u);
            l += terms.log_likelihood;
            info += terms.information;
        });
        Point {
            theta,
            log_likelihood: l,
            information: Some(info),
        }
    }

    /// l′ and l″ at θ.
    fn slope_and_curvature(&self, theta: f64) -> (f64, f64) {
        let (mut d, mut d2) = (0.0, 0.0);
        self.each_answered(|model, u| {
            let (slope, curvature) = model.slope_and_curvature(theta, u);
            d += slope;
            d2 += curvature;
        });
        (d, d2)
    }
}

/// One vector on its own: the answered usable items.
struct Direct {
    answered: Vec<(ItemModel, bool)>,
}

impl Likelihood for Direct {
    fn each_answered(&self, mut f: impl FnMut(&ItemModel, bool)) {
        for (model, u) in &self.answered {
            f(model, *u);
        }
    }
}

/// One vector read through a scorer's tables.
struct Tabled<'a> {
    scorer: &'a MleScorer,
    correct: &'a [bool],
}

impl Tabled<'_> {
    fn each_tabled(&self, mut f: impl FnMut(&TabledItem, bool)) {
        for it in &self.scorer.items {
            if let Some(&u) = self.correct.get(it.model.position) {
                f(it, u);
            }
        }
    }
}

impl Likelihood for Tabled<'_> {
    fn each_answered(&self, mut f: impl FnMut(&ItemModel, bool)) {
        self.each_tabled(|it, u| f(&it.model, u));
    }

    fn grid(&self) -> Column {
        let mut l = [0.0; QUADRATURE_POINTS];
        self.each_tabled(|it, u| {
            let column = if u { &it.ln_p } else { &it.ln_q };
            for (s, v) in l.iter_mut().zip(column) {
                *s += *v;
            }
        });
        l
    }

    fn slope_at(&self, q: usize) -> f64 {
        let mut d = 0.0;
        self.each_tabled(|it, u| {
            let column = if u { &it.slope_p } else { &it.slope_q };
            d += column.get(q).copied().unwrap_or(f64::NAN);
        });
        d
    }

    fn curvature_of(&self, k: usize) -> f64 {
        let mut m = 0.0;
        self.each_tabled(|it, u| {
            let cells = if u { &it.curvature_p } else { &it.curvature_q };
            m += cells.get(k).copied().unwrap_or(f64::NAN);
        });
        m
    }
}

/// The estimate for one vector (see the module docs).
fn estimate(likelihood: &impl Likelihood, start: f64) -> MleEstimate {
    let (mut answered, mut right) = (0usize, 0usize);
    likelihood.each_answered(|_, u| {
        answered += 1;
        right += usize::from(u);
    });
    if answered == 0 {
        let theta = if start.is_finite() {
            start.clamp(THETA_MIN, THETA_MAX)
        } else {
            0.0
        };
        return MleEstimate {
            theta,
            se: f64::MAX,
            bounded: false,
        };
    }
    let best = if right == answered {
        likelihood.point(THETA_MAX)
    } else if right == 0 {
        likelihood.point(THETA_MIN)
    } else {
        Search::new(likelihood).run()
    };
    let information = match best.information {
        Some(info) => info,
        None => likelihood.point(best.theta).information.unwrap_or(0.0),
    };
    MleEstimate {
        theta: best.theta,
        se: standard_error(information),
        bounded: best.theta <= THETA_MIN || best.theta >= THETA_MAX,
    }
}

fn standard_error(information: f64) -> f64 {
    if information > 0.0 && information.is_finite() {
        (1.0 / information.sqrt()).min(f64::MAX)
    } else {
        f64::MAX
    }
}

/// A point where l was evaluated.
#[derive(Debug, Clone, Copy)]
struct Point {
    theta: f64,
    log_likelihood: f64,
    /// Test information at θ, when already known.
    information: Option<f64>,
}

/// The search for the global maximum of one vector's likelihood (see the module docs).
struct Search<'a, L: Likelihood> {
    likelihood: &'a L,
    /// l at the quadrature points.
    grid: Column,
    /// l′ at the quadrature points, computed when first needed (NaN until then).
    slopes: Column,
    /// The best quadrature point.
    top: usize,
    best: Point,
    budget: usize,
}

impl<'a, L: Likelihood> Search<'a, L> {
    fn new(likelihood: &'a L) -> Search<'a, L> {
        let grid = likelihood.grid();
        let mut top = 0;
        for (q, v) in grid.iter().enumerate() {
            if *v > grid[top] {
                top = q;
            }
        }
        Search {
            likelihood,
            grid,
            slopes: [f64::NAN; QUADRATURE_POINTS],
            top,
            best: Point {
                theta: quadrature_theta(top),
                log_likelihood: grid[top],
                information: None,
            },
            budget: MAX_SUBDIVISIONS,
        }
    }

    /// The global maximum: the cells beside the best grid point first, then the rest.
    fn run(mut self) -> Point {
        // When l″ ≥ −M, l lies below its chord plus M(θ − lo)(hi − θ)/2, so below the larger
        // end value plus M·w²/8 anywhere in a cell.
        let margin = -self.likelihood.curvature_floor() * CELL_WIDTH * CELL_WIDTH / 8.0;
        let top = self.top;
        let first = [top.checked_sub(1), (top < CELLS).then_some(top)];
        let rest = (0..CELLS).filter(|k| Some(*k) != first[0] && Some(*k) != first[1]);
        for k in first.into_iter().flatten().chain(rest) {
            let (l_lo, l_hi) = (self.grid[k], self.grid[k + 1]);
            if l_lo.max(l_hi) + margin <= self.best.log_likelihood {
                continue;
            }
            let cell = Cell {
                lo: quadrature_theta(k),
                hi: quadrature_theta(k + 1),
                l_lo,
                l_hi,
                d_lo: self.slope_at(k),
                d_hi: self.slope_at(k + 1),
            };
            let curvature = self.likelihood.curvature_of(k);
            self.explore(cell, curvature);
        }
        self.best
    }

    /// l′ at quadrature point `q`, computed once.
    fn slope_at(&mut self, q: usize) -> f64 {
        match self.slopes.get(q) {
            Some(d) if !d.is_nan() => *d,
            _ => {
                let d = self.likelihood.slope_at(q);
                if let Some(slot) = self.slopes.get_mut(q) {
                    *slot = d;
                }
                d
            }
        }
    }

    /// Raise `best` to the maximum of l in `cell` (where l″ ≤ `curvature`) if that is higher.
    fn explore(&mut self, cell: Cell, curvature: f64) {
        let mut pending = Vec::new();
        let mut next = Some(cell);
        while let Some(cell) = next.take().or_else(|| pending.pop()) {
            if cell.bound(curvature) <= self.best.log_likelihood {
                continue;
            }
            if cell.brackets_a_maximum() {
                let found = self.likelihood.point(self.root(&cell));
                if found.log_likelihood > self.best.log_likelihood {
                    self.best = found;
                }
                continue;
            }
            let middle = 0.5 * (cell.lo + cell.hi);
            if self.budget == 0 || !(middle > cell.lo && middle < cell.hi) {
                continue;
            }
            self.budget -= 1;
            let at = self.likelihood.point(middle);
            let (d_mid, _) = self.likelihood.slope_and_curvature(middle);
            if at.log_likelihood > self.best.log_likelihood {
                self.best = at;
            }
            let (left, right) = cell.halves(middle, at.log_likelihood, d_mid);
            next = Some(left);
            pending.push(right);
        }
    }

    /// The root of l′ in a cell whose slope goes from + to −: safeguarded Newton–Raphson from
    /// the secant root of the end slopes. The bracket keeps the sign change from + to −, so
    /// the root is a maximum.
    fn root(&self, cell: &Cell) -> f64 {
        let (mut lo, mut hi) = (cell.lo, cell.hi);
        let mut x = lo + (hi - lo) * (cell.d_lo / (cell.d_lo - cell.d_hi));
        if !(x > lo && x < hi) {
            x = 0.5 * (lo + hi);
        }
        let mut previous = hi - lo;
        for _ in 0..MAX_STEPS {
            let (d, d2) = self.likelihood.slope_and_curvature(x);
            if d == 0.0 || !d.is_finite() {
                break;
            }
            if d > 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let step = -d / d2;
            if d2 < 0.0 && step.abs() < THETA_TOLERANCE {
                return (x + step).max(lo).min(hi);
            }
            let newton = x + step;
            let next =
                if d2 < 0.0 && newton > lo && newton < hi && step.abs() <= 0.5 * previous.abs() {
                    newton
                } else {
                    0.5 * (lo + hi)
                };
            previous = next - x;
            x = next;
            if previous.abs() < THETA_TOLERANCE || hi - lo < THETA_TOLERANCE {
                break;
            }
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p3(a: f64, b: f64, c: f64) -> IrtParameters {
        IrtParameters { a, b, c: Some(c) }
    }

    /// The log-likelihood with plain `f64` math.
    fn log_likelihood(items: &[IrtParameters], u: &[bool], theta: f64) -> f64 {
        items
            .iter()
            .zip(u)
            .map(|(it, &right)| {
                let c = it.c.unwrap_or(0.0);
                let p = c + (1.0 - c) / (1.0 + (-it.a * (theta - it.b)).exp());
                if right {
                    p.ln()
                } else {
                    (1.0 - p).ln()
                }
            })
            .sum()
    }

    #[test]
    fn the_tables_hold_what_the_direct_path_computes() {
        let items = vec![
            p3(1.3, -0.4, 0.2),
            IrtParameters {
                a: 0.8,
                b: 0.9,
                c: None,
            },
            p3(2.1, 0.3, 0.05),
            p3(0.0, 0.0, 0.2),
            p3(0.6, -2.0, 0.25),
        ];
        let u = [true, false, true, true, false];
        let scorer = MleScorer::new(&items);
        assert_eq!(scorer.usable_items(), 4);
        let tabled = Tabled {
            scorer: &scorer,
            correct: &u,
        };
        let answered = items
            .iter()
            .enumerate()
            .zip(&u)
            .filter(|((_, item), _)| is_usable(item))
            .map(|((position, item), &right)| (ItemModel::new(position, item), right))
            .collect();
        let direct = Direct { answered };
        assert_eq!(tabled.grid(), direct.grid());
        for q in 0..QUADRATURE_POINTS {
            assert_eq!(tabled.slope_at(q), direct.slope_at(q));
        }
        for k in 0..CELLS {
            assert_eq!(tabled.curvature_of(k), direct.curvature_of(k));
        }
        // Out of range: not a number, never a panic.
        assert!(tabled.slope_at(QUADRATURE_POINTS).is_nan());
        assert!(tabled.curvature_of(CELLS).is_nan());
        let grid = direct.grid();
        for (q, value) in grid.iter().enumerate() {
            let plain = log_likelihood(&items, &u, quadrature_theta(q))
                - log_likelihood(&items[3..4], &u[3..4], quadrature_theta(q));
            assert!((value - plain).abs() < 1e-12, "{q}");
        }
        assert_eq!(scorer.estimate(&u), mle(&items, &u));
    }

    #[test]
    fn a_peak_between_grid_points_is_found() {
        // Five flat 2PL items put a broad maximum near 0.61; a guessed right answer to a very
        // sharp hard item (b = 2.05) and a wrong one to the next (b = 2.09) add a peak 1.4
        // nats higher that is narrower than a grid cell and lies between the grid points 2.0
        // and 2.133, where the grid sees nothing of it: the best grid point is 0.667.
        let flat = |b: f64| IrtParameters { a: 0.7, b, c: None };
        let items = vec![
            flat(-1.0),
            flat(-0.5),
            flat(0.0),
            flat(0.5),
            flat(1.0),
            p3(80.0, 2.05, 0.05),
            p3(80.0, 2.09, 0.05),
        ];
        let u = [true, true, false, true, false, true, false];
        let grid_best = (0..QUADRATURE_POINTS)
            .map(|q| {
                (
                    log_likelihood(&items, &u, quadrature_theta(q)),
                    quadrature_theta(q),
                )
            })
            .fold(
                (f64::NEG_INFINITY, 0.0),
                |a, b| if b.0 > a.0 { b } else { a },
            );
        assert!((grid_best.1 - 0.6667).abs() < 1e-3, "{grid_best:?}");
        let scorer = MleScorer::new(&items);
        let m = scorer.estimate(&u);
        assert_eq!(m, mle(&items, &u));
        let (best_ll, best) = (0..=80_000)
            .map(|k| -4.0 + k as f64 * 1e-4)
            .map(|t| (log_likelihood(&items, &u, t), t))
            .fold(
                (f64::NEG_INFINITY, 0.0),
                |a, b| if b.0 > a.0 { b } else { a },
            );
        assert!((best - 2.069).abs() < 1e-3, "{best}");
        assert!(
            !m.bounded && (m.theta - best).abs() < 1e-4,
            "{m:?} vs {best}"
        );
        assert!(log_likelihood(&items, &u, m.theta) >= best_ll, "{m:?}");
        let tabled = Tabled {
            scorer: &scorer,
            correct: &u,
        };
        let (d, _) = tabled.slope_and_curvature(m.theta);
        assert!(d.abs() < 1e-9, "{d}");
    }
}
