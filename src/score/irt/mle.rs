//! MLE ability: the θ in [−4, 4] that maximizes the likelihood of dichotomous answers to
//! 2PL/3PL items (logistic metric, D = 1), and its standard error.
//!
//! [`MleScorer`] precomputes, per usable item and at each of the EAP's [`QUADRATURE_POINTS`]
//! points on [−4, 4], the item's ln P and ln Q and their θ-derivatives. A vector is then
//! scored in four steps:
//!
//! 1. **Grid** (additions only): the log-likelihood l and its slope l′ at the 61 points, as
//!    sums of table columns.
//! 2. **Bracket**: a grid cell whose slope goes from + to − holds a local maximum. Every
//!    cell gets an upper bound on l from its end values and slopes and a bound on the
//!    curvature (l″ ≤ a²/4 for a correctly answered 3PL item, l″ ≤ 0 for every other term);
//!    cells whose bound does not beat the best point found so far are ruled out. The two
//!    cells next to the best grid point are tried first, so in practice one cell is searched
//!    and the other 59 are ruled out by a few multiplications each.
//! 3. **Newton–Raphson** in that cell, with the analytic l″ of the 3PL log-likelihood (one
//!    `exp` per item and step), started at the secant root of the cell's end slopes and
//!    safeguarded by bisection on l′: a step that leaves the bracket, meets l″ ≥ 0 or fails to
//!    halve the previous step is replaced by the bracket's midpoint. Three or four steps
//!    reach 1e-12.
//! 4. A cell that neither brackets a root nor can be ruled out (3PL likelihoods with several
//!    maxima close together) is halved, and the halves treated the same way, up to
//!    `MAX_SUBDIVISIONS` (128) evaluations.
//!
//! The result is the global maximum on [−4, 4]. When it is a bound of the range (the
//! likelihood still rises there: all-correct and all-wrong patterns, and patterns whose maximum
//! lies beyond ±4) `bounded` is set; all-correct and all-wrong patterns are answered at once.
//! With no answered usable item the likelihood is flat and θ is the given start.
//!
//! All transcendental functions go through `libm` and every sum runs in a fixed order, so the
//! estimate is bit-identical on every target.

use crate::model::IrtParameters;

use super::{is_usable, quadrature_theta, ItemAt, QUADRATURE_POINTS, THETA_MAX, THETA_MIN};

/// Most Newton/bisection steps in one bracket.
const MAX_STEPS: usize = 200;
/// Newton–Raphson stops when a step or the bracket is shorter than this.
const THETA_TOLERANCE: f64 = 1e-12;
/// Most likelihood evaluations spent halving cells that the bound cannot rule out.
const MAX_SUBDIVISIONS: usize = 128;

type Column = [f64; QUADRATURE_POINTS];

/// A maximum-likelihood θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MleEstimate {
    pub theta: f64,
    /// 1 / sqrt(test information at θ); `f64::MAX` when the information is 0.
    pub se: f64,
    /// θ is a bound of [−4, 4] because the likelihood still rises there.
    pub bounded: bool,
}

/// The MLE of θ for one response vector (`correct[i]` answers `items[i]`). Builds the tables
/// of [`MleScorer`] for this one call; score many vectors on the same items with the scorer.
/// A flat likelihood (no answered usable item) gives θ = 0, the prior mean.
pub fn mle(items: &[IrtParameters], correct: &[bool]) -> MleEstimate {
    MleScorer::new(items).estimate(correct)
}

/// The MLE of θ, with `start` (clamped to [−4, 4]; 0 when not finite) as the answer for a flat
/// likelihood. Only item/response pairs present in both slices (and with usable parameters)
/// enter. The search itself does not depend on `start`.
pub fn mle_from(items: &[IrtParameters], correct: &[bool], start: f64) -> MleEstimate {
    MleScorer::new(items).estimate_from(correct, start)
}

/// One usable item and its tables at the quadrature points.
#[derive(Debug, Clone)]
struct GridItem {
    /// Position in the list given to [`MleScorer::new`].
    position: usize,
    item: IrtParameters,
    a: f64,
    c: f64,
    /// ln P, ln Q, d ln P / dθ and d ln Q / dθ at each point.
    ln_p: Column,
    ln_q: Column,
    slope_p: Column,
    slope_q: Column,
}

/// MLE scoring of many response vectors on the same items, with the per-item tables at the
/// quadrature points computed once (see the module docs).
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
    items: Vec<GridItem>,
}

/// A point where the likelihood was evaluated.
#[derive(Debug, Clone, Copy)]
struct Point {
    theta: f64,
    log_likelihood: f64,
    /// Test information at θ, when already known.
    information: Option<f64>,
}

/// An interval with the log-likelihood and its slope at both ends.
#[derive(Debug, Clone, Copy)]
struct Cell {
    lo: f64,
    hi: f64,
    l_lo: f64,
    l_hi: f64,
    d_lo: f64,
    d_hi: f64,
}

impl Cell {
    /// An upper bound on l over the cell when l″ ≤ `curvature` everywhere: l lies below both
    /// parabolas l(lo) + l′(lo)t + mt²/2 and l(hi) − l′(hi)(w − t) + m(w − t)²/2, whose
    /// difference is linear in t, so the largest value of the lower of the two is at an end
    /// or where they cross.
    fn bound(&self, curvature: f64) -> f64 {
        let w = self.hi - self.lo;
        let m = curvature;
        let from_lo = |t: f64| self.l_lo + self.d_lo * t + 0.5 * m * t * t;
        let from_hi = |t: f64| self.l_hi - self.d_hi * (w - t) + 0.5 * m * (w - t) * (w - t);
        let mut bound = from_lo(0.0)
            .min(from_hi(0.0))
            .max(from_lo(w).min(from_hi(w)));
        // from_lo − from_hi = k0 + k1 t.
        let k0 = self.l_lo - self.l_hi + self.d_hi * w - 0.5 * m * w * w;
        let k1 = self.d_lo - self.d_hi + m * w;
        if k1 != 0.0 {
            let t = -k0 / k1;
            if t > 0.0 && t < w {
                bound = bound.max(from_lo(t));
            }
        }
        if bound.is_nan() {
            f64::INFINITY
        } else {
            bound
        }
    }

    /// The slope falls from + to −: a local maximum lies inside.
    fn brackets_a_maximum(&self) -> bool {
        self.d_lo > 0.0 && self.d_hi < 0.0
    }
}

fn add(sum: &mut Column, column: &Column) {
    for (s, v) in sum.iter_mut().zip(column) {
        *s += *v;
    }
}

fn standard_error(information: f64) -> f64 {
    if information > 0.0 && information.is_finite() {
        (1.0 / information.sqrt()).min(f64::MAX)
    } else {
        f64::MAX
    }
}

impl MleScorer {
    /// Precompute the tables for these items (items with unusable parameters are left out).
    pub fn new(items: &[IrtParameters]) -> MleScorer {
        let items = items
            .iter()
            .enumerate()
            .filter(|(_, item)| is_usable(item))
            .map(|(position, item)| {
                let mut grid = GridItem {
                    position,
                    item: *item,
                    a: item.a,
                    c: item.c.unwrap_or(0.0),
                    ln_p: [0.0; QUADRATURE_POINTS],
                    ln_q: [0.0; QUADRATURE_POINTS],
                    slope_p: [0.0; QUADRATURE_POINTS],
                    slope_q: [0.0; QUADRATURE_POINTS],
                };
                for q in 0..QUADRATURE_POINTS {
                    let at = ItemAt::new(item, quadrature_theta(q));
                    grid.ln_p[q] = at.ln_p();
                    grid.ln_q[q] = at.ln_q();
                    grid.slope_p[q] = at.score(true);
                    grid.slope_q[q] = at.score(false);
                }
                grid
            })
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
        let (mut answered, mut right) = (0usize, 0usize);
        for (_, u) in self.answered(correct) {
            answered += 1;
            right += usize::from(u);
        }
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
            self.point(correct, THETA_MAX)
        } else if right == 0 {
            self.point(correct, THETA_MIN)
        } else {
            self.maximum(correct)
        };
        let information = match best.information {
            Some(info) => info,
            None => self.point(correct, best.theta).information.unwrap_or(0.0),
        };
        MleEstimate {
            theta: best.theta,
            se: standard_error(information),
            bounded: best.theta <= THETA_MIN || best.theta >= THETA_MAX,
        }
    }

    /// The answered usable items with their answers, in order.
    fn answered<'a>(&'a self, correct: &'a [bool]) -> impl Iterator<Item = (&'a GridItem, bool)> {
        self.items
            .iter()
            .filter_map(|it| correct.get(it.position).map(|&u| (it, u)))
    }

    /// The global maximum of l on [−4, 4] for a vector with right and wrong answers.
    fn maximum(&self, correct: &[bool]) -> Point {
        let mut l = [0.0; QUADRATURE_POINTS];
        let mut d = [0.0; QUADRATURE_POINTS];
        let mut curvature = 0.0;
        for (it, u) in self.answered(correct) {
            if u {
                add(&mut l, &it.ln_p);
                add(&mut d, &it.slope_p);
                if it.c > 0.0 {
                    curvature += 0.25 * it.a * it.a;
                }
            } else {
                add(&mut l, &it.ln_q);
                add(&mut d, &it.slope_q);
            }
        }
        let mut top = 0;
        for (q, v) in l.iter().enumerate() {
            if *v > l[top] || l[top].is_nan() {
                top = q;
            }
        }
        let mut best = Point {
            theta: quadrature_theta(top),
            log_likelihood: l[top],
            information: None,
        };
        let cell = |k: usize| Cell {
            lo: quadrature_theta(k),
            hi: quadrature_theta(k + 1),
            l_lo: l[k],
            l_hi: l[k + 1],
            d_lo: d[k],
            d_hi: d[k + 1],
        };
        let cells = QUADRATURE_POINTS - 1;
        // The cells either side of the best grid point first, then the rest.
        let first = [top.checked_sub(1), (top < cells).then_some(top)];
        let rest = (0..cells).filter(|k| Some(*k) != first[0] && Some(*k) != first[1]);
        let mut budget = MAX_SUBDIVISIONS;
        for k in first.into_iter().flatten().chain(rest) {
            self.explore(correct, cell(k), curvature, &mut best, &mut budget);
        }
        best
    }

    /// Raise `best` to the maximum of l in `cell` if that is higher (see the module docs).
    fn explore(
        &self,
        correct: &[bool],
        cell: Cell,
        curvature: f64,
        best: &mut Point,
        budget: &mut usize,
    ) {
        let mut pending = vec![];
        let mut next = Some(cell);
        while let Some(cell) = next.take().or_else(|| pending.pop()) {
            if cell.bound(curvature) <= best.log_likelihood {
                continue;
            }
            if cell.brackets_a_maximum() {
                let found = self.point(correct, self.root(correct, &cell));
                if found.log_likelihood > best.log_likelihood || best.log_likelihood.is_nan() {
                    *best = found;
                }
                continue;
            }
            if *budget == 0 {
                continue;
            }
            *budget -= 1;
            let middle = 0.5 * (cell.lo + cell.hi);
            if !(middle > cell.lo && middle < cell.hi) {
                continue;
            }
            let (l_mid, d_mid) = self.log_likelihood_and_slope(correct, middle);
            if l_mid > best.log_likelihood {
                *best = Point {
                    theta: middle,
                    log_likelihood: l_mid,
                    information: None,
                };
            }
            next = Some(Cell {
                hi: middle,
                l_hi: l_mid,
                d_hi: d_mid,
                ..cell
            });
            pending.push(Cell {
                lo: middle,
                l_lo: l_mid,
                d_lo: d_mid,
                ..cell
            });
        }
    }

    /// The root of l′ in a cell whose slope goes from + to −: safeguarded Newton–Raphson from
    /// the secant root of the end slopes. The bracket keeps the sign change from + to −, so
    /// the root is a maximum.
    fn root(&self, correct: &[bool], cell: &Cell) -> f64 {
        let (mut lo, mut hi) = (cell.lo, cell.hi);
        let mut x = lo + (hi - lo) * (cell.d_lo / (cell.d_lo - cell.d_hi));
        if !(x > lo && x < hi) {
            x = 0.5 * (lo + hi);
        }
        let mut previous = hi - lo;
        for _ in 0..MAX_STEPS {
            let (d, d2) = self.slope_and_curvature(correct, x);
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
                return (x + step).clamp(lo, hi);
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

    /// l, with the test information, at θ.
    fn point(&self, correct: &[bool], theta: f64) -> Point {
        let (mut l, mut info) = (0.0, 0.0);
        for (it, u) in self.answered(correct) {
            let at = ItemAt::new(&it.item, theta);
            l += at.log_likelihood(u);
            info += at.information();
        }
        Point {
            theta,
            log_likelihood: l,
            information: Some(info),
        }
    }

    /// l and l′ at θ.
    fn log_likelihood_and_slope(&self, correct: &[bool], theta: f64) -> (f64, f64) {
        let (mut l, mut d) = (0.0, 0.0);
        for (it, u) in self.answered(correct) {
            let at = ItemAt::new(&it.item, theta);
            l += at.log_likelihood(u);
            d += at.score(u);
        }
        (l, d)
    }

    /// l′ and l″ at θ, with one `exp` per item. With s = σ(a(θ − b)), P = c + (1 − c)s and
    /// g = (1 − c)s(1 − s)/P: a right answer adds a·g and a²g(c(1 − 2s) − (1 − c)s²)/P (for
    /// 2PL a(1 − s) and −a²s(1 − s)), a wrong one −a·s and −a²s(1 − s).
    fn slope_and_curvature(&self, correct: &[bool], theta: f64) -> (f64, f64) {
        let (mut d, mut d2) = (0.0, 0.0);
        for (it, u) in self.answered(correct) {
            let (a, c) = (it.a, it.c);
            let z = a * (theta - it.item.b);
            let e = libm::exp(-z.abs());
            let r = 1.0 / (1.0 + e);
            // s = σ(z) and t = 1 − σ(z), each without cancellation.
            let (s, t) = if z >= 0.0 { (r, e * r) } else { (e * r, r) };
            let st = s * t;
            match (u, c == 0.0) {
                (true, true) => {
                    d += a * t;
                    d2 -= a * a * st;
                }
                (true, false) => {
                    let p = c + (1.0 - c) * s;
                    let g = (1.0 - c) * st / p;
                    d += a * g;
                    d2 += a * a * g * (c * (1.0 - 2.0 * s) - (1.0 - c) * s * s) / p;
                }
                (false, _) => {
                    d -= a * s;
                    d2 -= a * a * st;
                }
            }
        }
        (d, d2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p3(a: f64, b: f64, c: f64) -> IrtParameters {
        IrtParameters { a, b, c: Some(c) }
    }

    /// Central differences of l and l′, computed from the plain formulas.
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
    fn analytic_derivatives_match_finite_differences() {
        let items = vec![
            p3(1.3, -0.4, 0.2),
            IrtParameters {
                a: 0.8,
                b: 0.9,
                c: None,
            },
            p3(2.1, 0.3, 0.05),
            p3(0.6, -2.0, 0.25),
        ];
        let scorer = MleScorer::new(&items);
        for u in [
            [true, false, true, false],
            [false, true, true, true],
            [true, true, false, false],
        ] {
            for theta in [-3.7, -1.1, 0.0, 0.45, 2.8] {
                let (d, d2) = scorer.slope_and_curvature(&u, theta);
                let (_, d_table) = scorer.log_likelihood_and_slope(&u, theta);
                let h = 1e-5;
                let num_d = (log_likelihood(&items, &u, theta + h)
                    - log_likelihood(&items, &u, theta - h))
                    / (2.0 * h);
                let num_d2 = (log_likelihood(&items, &u, theta + h)
                    - 2.0 * log_likelihood(&items, &u, theta)
                    + log_likelihood(&items, &u, theta - h))
                    / (h * h);
                assert!((d - num_d).abs() < 1e-7, "{u:?} {theta}: {d} vs {num_d}");
                assert!(
                    (d - d_table).abs() < 1e-12,
                    "{u:?} {theta}: {d} vs {d_table}"
                );
                assert!(
                    (d2 - num_d2).abs() < 1e-3,
                    "{u:?} {theta}: {d2} vs {num_d2}"
                );
            }
        }
    }

    #[test]
    fn curvature_never_exceeds_a_squared_over_four() {
        // The pruning bound rests on l″ ≤ a²/4 for a right answer to a 3PL item.
        for c in [0.001, 0.05, 0.2, 0.5, 0.9] {
            let item = [p3(1.0, 0.0, c)];
            let scorer = MleScorer::new(&item);
            for k in 0..=800 {
                let theta = -20.0 + k as f64 * 0.05;
                let (_, d2) = scorer.slope_and_curvature(&[true], theta);
                assert!(d2 <= 0.25, "c {c} θ {theta}: {d2}");
            }
        }
    }

    #[test]
    fn the_bound_is_an_upper_bound() {
        // l(θ) = −(θ − 0.3)² + 0.1 sin(7θ) on [0, 0.5]: l″ ≤ −2 + 4.9.
        let l = |t: f64| -(t - 0.3) * (t - 0.3) + 0.1 * (7.0 * t).sin();
        let dl = |t: f64| -2.0 * (t - 0.3) + 0.7 * (7.0 * t).cos();
        for (lo, hi) in [(0.0, 0.5), (0.1, 0.2), (0.25, 0.45), (-1.0, 1.0)] {
            let cell = Cell {
                lo,
                hi,
                l_lo: l(lo),
                l_hi: l(hi),
                d_lo: dl(lo),
                d_hi: dl(hi),
            };
            let top = (0..=1000)
                .map(|k| l(lo + (hi - lo) * k as f64 / 1000.0))
                .fold(f64::NEG_INFINITY, f64::max);
            assert!(cell.bound(2.9) >= top, "[{lo}, {hi}]");
        }
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
        let m = MleScorer::new(&items).estimate(&u);
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
        let (d, _) = MleScorer::new(&items).slope_and_curvature(&u, m.theta);
        assert!(d.abs() < 1e-9, "{d}");
    }
}
