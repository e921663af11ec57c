//! MLE ability: the θ in [−4, 4] that maximizes the likelihood of dichotomous answers to
//! 2PL/3PL items (logistic metric, D = 1), and its standard error.
//!
//! [`MleScorer`] precomputes, per usable item, ln P and ln Q and their θ-derivatives at each of
//! the EAP's [`QUADRATURE_POINTS`] points on [−4, 4], and for each of the 60 cells between
//! them an upper bound on the second derivatives. A vector is then scored in four steps:
//!
//! 1. **Grid** (additions only): the log-likelihood l at the 61 points, as sums of table
//!    columns; the best point is where the search starts.
//! 2. **Bracket**: a cell is ruled out when l cannot rise above the best point found so far
//!    inside it. A quick test needs only the end values: l″ ≥ −a²/2 for a right answer to a
//!    3PL item and ≥ −a²/4 for every other term, so l stays below the higher end plus M·w²/8
//!    (M the sum of those bounds, w the cell width). A cell that passes gets the slopes at its
//!    ends and its own upper bound on l″ (both from the tables), and the tighter test of
//!    `Cell::bound`. The two cells beside the best grid point go first, so in practice one
//!    cell is searched and the other 59 are ruled out.
//! 3. **Newton–Raphson** in a cell whose slope goes from + to −, with the analytic l″ of the
//!    3PL log-likelihood (one `exp` per item and step), started at the secant root of the end
//!    slopes and safeguarded by bisection on l′: a step that leaves the bracket, meets
//!    l″ ≥ 0 or fails to halve the previous step is replaced by the bracket's midpoint. Three
//!    steps usually reach 1e-12.
//! 4. A cell that neither brackets a root nor can be ruled out (3PL likelihoods with several
//!    maxima close together, or a peak narrower than a cell) is halved, and the halves
//!    treated the same way, up to `MAX_SUBDIVISIONS` evaluations per vector.
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

/// σ(z) and 1 − σ(z), each computed without cancellation and exactly as `ItemAt` computes
/// them (so these tables match the EAP's to the last bit), and e^−|z|.
fn logistic_pair(z: f64) -> (f64, f64, f64) {
    let e = libm::exp(-z.abs());
    if z >= 0.0 {
        (1.0 / (1.0 + e), e / (1.0 + e), e)
    } else {
        (e / (1.0 + e), 1.0 / (1.0 + e), e)
    }
}

/// One usable item and its tables.
#[derive(Debug, Clone)]
struct GridItem {
    /// Position in the list given to [`MleScorer::new`].
    position: usize,
    a: f64,
    b: f64,
    c: f64,
    /// ln(1 − c).
    ln_1mc: f64,
    /// ln P, ln Q, d ln P / dθ and d ln Q / dθ at each quadrature point.
    ln_p: Column,
    ln_q: Column,
    slope_p: Column,
    slope_q: Column,
    /// Upper bounds on d² ln P / dθ² and d² ln Q / dθ² over each cell.
    curvature_p: PerCell,
    curvature_q: PerCell,
    /// Lower bounds on d² ln P / dθ² and d² ln Q / dθ² for every θ: −a²/2 for 3PL ln P,
    /// −a²/4 otherwise (see [`GridItem::curvature_bounds`]).
    curvature_floor_p: f64,
    curvature_floor_q: f64,
}

/// One item's terms at one θ.
#[derive(Debug, Clone, Copy)]
struct Terms {
    /// This item's term of l.
    log_likelihood: f64,
    /// Its Fisher information: a²s(1 − s) for 2PL, a²s²Q/P for 3PL.
    information: f64,
}

impl GridItem {
    fn new(position: usize, item: &IrtParameters) -> GridItem {
        let (a, c) = (item.a, item.c.unwrap_or(0.0));
        let mut grid = GridItem {
            position,
            a,
            b: item.b,
            c,
            ln_1mc: libm::log1p(-c),
            ln_p: [0.0; QUADRATURE_POINTS],
            ln_q: [0.0; QUADRATURE_POINTS],
            slope_p: [0.0; QUADRATURE_POINTS],
            slope_q: [0.0; QUADRATURE_POINTS],
            curvature_p: [0.0; CELLS],
            curvature_q: [0.0; CELLS],
            curvature_floor_p: if c > 0.0 { -0.5 * a * a } else { -0.25 * a * a },
            curvature_floor_q: -0.25 * a * a,
        };
        for q in 0..QUADRATURE_POINTS {
            let theta = quadrature_theta(q);
            grid.ln_p[q] = grid.terms(theta, true).log_likelihood;
            grid.ln_q[q] = grid.terms(theta, false).log_likelihood;
            grid.slope_p[q] = grid.slope_and_curvature(theta, true).0;
            grid.slope_q[q] = grid.slope_and_curvature(theta, false).0;
        }
        for k in 0..CELLS {
            let (p, q) = grid.curvature_bounds(quadrature_theta(k), quadrature_theta(k + 1));
            grid.curvature_p[k] = p;
            grid.curvature_q[k] = q;
        }
        grid
    }

    /// l and the information at θ: one `exp` and one logarithm.
    fn terms(&self, theta: f64, right: bool) -> Terms {
        let (a, c) = (self.a, self.c);
        let z = a * (theta - self.b);
        let (s, t, e) = logistic_pair(z);
        let p = c + (1.0 - c) * s;
        let information = if c == 0.0 {
            a * a * s * t
        } else {
            let q = (1.0 - c) * t;
            a * a * s * s * q / p
        };
        let log_likelihood = match (right, c == 0.0) {
            // −ln(1 + e^−z), which stays exact where P underflows.
            (true, true) => -((-z).max(0.0) + libm::log1p(e)),
            (true, false) => libm::log(p),
            // ln(1 − c) − ln(1 + e^z).
            (false, _) => self.ln_1mc - (z.max(0.0) + libm::log1p(e)),
        };
        Terms {
            log_likelihood,
            information,
        }
    }

    /// This item's terms of l′ and l″ at θ: one `exp`. With s = σ(a(θ − b)),
    /// P = c + (1 − c)s and g = (1 − c)s(1 − s)/P, a right answer gives a·g and
    /// a²g(c(1 − 2s) − (1 − c)s²)/P (for 2PL a(1 − s) and −a²s(1 − s)), a wrong one −a·s and
    /// −a²s(1 − s).
    fn slope_and_curvature(&self, theta: f64, right: bool) -> (f64, f64) {
        let (a, c) = (self.a, self.c);
        let (s, t, _) = logistic_pair(a * (theta - self.b));
        let st = s * t;
        match (right, c == 0.0) {
            (true, true) => (a * t, -a * a * st),
            (true, false) => {
                let p = c + (1.0 - c) * s;
                let g = (1.0 - c) * st / p;
                (
                    a * g,
                    a * a * g * (c * (1.0 - 2.0 * s) - (1.0 - c) * s * s) / p,
                )
            }
            (false, _) => (-a * s, -a * a * st),
        }
    }

    /// Upper bounds on the second derivatives of ln P and ln Q for θ in [lo, hi]. Both are
    /// functions of s = σ(a(θ − b)), which rises with θ from s₀ to s₁, and of v = s(1 − s):
    /// ln Q″ = −a²v (also ln P″ for 2PL), at most −a²·min v; for 3PL
    /// ln P″ = a²(1 − c)·v·g/P² with g = c(1 − 2s) − (1 − c)s² falling and P rising in s, so
    /// at most a²(1 − c)·max v·g(s₀)/P(s₀)² when g(s₀) > 0, else a²(1 − c)·min v·g(s₀)/P(s₁)²
    /// (≤ 0). Over the whole line, ln P″ ≤ a²/4, which caps the bound.
    ///
    /// Below: a²v ≤ a²/4, and for 3PL ln P″ = a²(1 − c)v·(c(1 − 2s) − (1 − c)s²)/P², whose
    /// two parts are each at least −a²/4 (P² ≥ 4c(1 − c)s and P ≥ (1 − c)s).
    fn curvature_bounds(&self, lo: f64, hi: f64) -> (f64, f64) {
        let (a, c) = (self.a, self.c);
        let (s0, t0, _) = logistic_pair(a * (lo - self.b));
        let (s1, t1, _) = logistic_pair(a * (hi - self.b));
        let (v0, v1) = (s0 * t0, s1 * t1);
        let v_min = v0.min(v1);
        let v_max = if s0 <= 0.5 && s1 >= 0.5 {
            0.25
        } else {
            v0.max(v1)
        };
        let a2 = a * a;
        let wrong = -a2 * v_min;
        let right = if c == 0.0 {
            wrong
        } else {
            let g0 = c * (1.0 - 2.0 * s0) - (1.0 - c) * s0 * s0;
            if g0 > 0.0 {
                let p0 = c + (1.0 - c) * s0;
                a2 * (1.0 - c) * v_max * g0 / (p0 * p0)
            } else {
                let p1 = c + (1.0 - c) * s1;
                a2 * (1.0 - c) * v_min * g0 / (p1 * p1)
            }
        }
        .min(0.25 * a2);
        (right, wrong)
    }
}

/// MLE scoring of many response vectors on the same items, with the per-item tables
/// computed once (see the module docs).
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
    /// An upper bound on l over the cell when l″ ≤ `curvature` (m) there: with t = θ − lo
    /// and w the width, l lies below both parabolas l(lo) + l′(lo)t + mt²/2 and
    /// l(hi) − l′(hi)(w − t) + m(w − t)²/2. Their difference is linear in t, so the lower of
    /// the two is one parabola on each side of the crossing point, and its largest value is at
    /// an end of the cell, at the crossing, or at a parabola's vertex (when m < 0). Not a
    /// number (never ruled out) when an input is not finite.
    fn bound(&self, curvature: f64) -> f64 {
        let inputs = [self.l_lo, self.l_hi, self.d_lo, self.d_hi, curvature];
        if inputs.iter().any(|v| !v.is_finite()) {
            return f64::NAN;
        }
        let w = self.hi - self.lo;
        let m = curvature;
        let from_lo = |t: f64| self.l_lo + self.d_lo * t + 0.5 * m * t * t;
        let from_hi = |t: f64| self.l_hi - self.d_hi * (w - t) + 0.5 * m * (w - t) * (w - t);
        // from_lo − from_hi = k0 + k1·t.
        let k0 = self.l_lo - self.l_hi + self.d_hi * w - 0.5 * m * w * w;
        let k1 = self.d_lo - self.d_hi + m * w;
        let crossing = -k0 / k1;
        let (vertex_lo, vertex_hi) = (-self.d_lo / m, w - self.d_hi / m);
        let mut bound = f64::NEG_INFINITY;
        for t in [0.0, w, crossing, vertex_lo, vertex_hi] {
            if (0.0..=w).contains(&t) {
                bound = bound.max(from_lo(t).min(from_hi(t)));
            }
        }
        bound
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
            .map(|(position, item)| GridItem::new(position, item))
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
            Search::new(self, correct).run()
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

    /// l, with the test information, at θ.
    fn point(&self, correct: &[bool], theta: f64) -> Point {
        let (mut l, mut info) = (0.0, 0.0);
        for (it, u) in self.answered(correct) {
            let terms = it.terms(theta, u);
            l += terms.log_likelihood;
            info += terms.information;
        }
        Point {
            theta,
            log_likelihood: l,
            information: Some(info),
        }
    }

    /// l′ and l″ at θ.
    fn slope_and_curvature(&self, correct: &[bool], theta: f64) -> (f64, f64) {
        let (mut d, mut d2) = (0.0, 0.0);
        for (it, u) in self.answered(correct) {
            let (slope, curvature) = it.slope_and_curvature(theta, u);
            d += slope;
            d2 += curvature;
        }
        (d, d2)
    }
}

/// The search for the global maximum of one vector's likelihood (see the module docs).
struct Search<'a> {
    scorer: &'a MleScorer,
    correct: &'a [bool],
    /// l at the quadrature points.
    grid: Column,
    /// l′ at the quadrature points, computed when first needed (NaN until then).
    slopes: Column,
    /// The best quadrature point.
    top: usize,
    best: Point,
    budget: usize,
}

impl<'a> Search<'a> {
    fn new(scorer: &'a MleScorer, correct: &'a [bool]) -> Search<'a> {
        let mut grid = [0.0; QUADRATURE_POINTS];
        for (it, u) in scorer.answered(correct) {
            add(&mut grid, if u { &it.ln_p } else { &it.ln_q });
        }
        let mut top = 0;
        for (q, v) in grid.iter().enumerate() {
            if *v > grid[top] {
                top = q;
            }
        }
        Search {
            scorer,
            correct,
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
        let top = self.top;
        let mut floor = 0.0;
        for (it, u) in self.scorer.answered(self.correct) {
            floor += if u {
                it.curvature_floor_p
            } else {
                it.curvature_floor_q
            };
        }
        // When l″ ≥ −M, l lies below its chord plus M(θ − lo)(hi − θ)/2, so below the larger
        // end value plus M·w²/8 anywhere in a cell.
        let margin = -floor * CELL_WIDTH * CELL_WIDTH / 8.0;
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
            let curvature = self.curvature_of(k);
            self.explore(cell, curvature);
        }
        self.best
    }

    /// l′ at quadrature point `q`, from the tables.
    fn slope_at(&mut self, q: usize) -> f64 {
        let cached = self.slopes.get(q).copied().unwrap_or(0.0);
        if !cached.is_nan() {
            return cached;
        }
        let mut d = 0.0;
        for (it, u) in self.scorer.answered(self.correct) {
            let column = if u { &it.slope_p } else { &it.slope_q };
            d += column.get(q).copied().unwrap_or(0.0);
        }
        if let Some(slot) = self.slopes.get_mut(q) {
            *slot = d;
        }
        d
    }

    /// The upper bound on l″ over cell `k`, from the tables.
    fn curvature_of(&self, k: usize) -> f64 {
        let mut m = 0.0;
        for (it, u) in self.scorer.answered(self.correct) {
            let cells = if u { &it.curvature_p } else { &it.curvature_q };
            m += cells.get(k).copied().unwrap_or(f64::INFINITY);
        }
        m
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
                let found = self.scorer.point(self.correct, self.root(&cell));
                if found.log_likelihood > self.best.log_likelihood {
                    self.best = found;
                }
                continue;
            }
            if self.budget == 0 {
                continue;
            }
            self.budget -= 1;
            let middle = 0.5 * (cell.lo + cell.hi);
            if !(middle > cell.lo && middle < cell.hi) {
                continue;
            }
            let at = self.scorer.point(self.correct, middle);
            let (d_mid, _) = self.scorer.slope_and_curvature(self.correct, middle);
            if at.log_likelihood > self.best.log_likelihood {
                self.best = at;
            }
            next = Some(Cell {
                hi: middle,
                l_hi: at.log_likelihood,
                d_hi: d_mid,
                ..cell
            });
            pending.push(Cell {
                lo: middle,
                l_lo: at.log_likelihood,
                d_lo: d_mid,
                ..cell
            });
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
            let (d, d2) = self.scorer.slope_and_curvature(self.correct, x);
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
    use super::super::ItemAt;
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

    fn sample_items() -> Vec<IrtParameters> {
        vec![
            p3(1.3, -0.4, 0.2),
            IrtParameters {
                a: 0.8,
                b: 0.9,
                c: None,
            },
            p3(2.1, 0.3, 0.05),
            p3(0.6, -2.0, 0.25),
            p3(9.0, 3.5, 0.001),
        ]
    }

    #[test]
    fn terms_and_derivatives_match_the_plain_formulas() {
        let items = sample_items();
        let scorer = MleScorer::new(&items);
        for u in [
            [true, false, true, false, true],
            [false, true, true, true, false],
            [true, true, false, false, false],
        ] {
            for theta in [-3.7, -1.1, 0.0, 0.45, 2.8] {
                let (d, d2) = scorer.slope_and_curvature(&u, theta);
                let h = 1e-5;
                let l = |t: f64| log_likelihood(&items, &u, t);
                let num_d = (l(theta + h) - l(theta - h)) / (2.0 * h);
                let num_d2 = (l(theta + h) - 2.0 * l(theta) + l(theta - h)) / (h * h);
                assert!((d - num_d).abs() < 1e-7, "{u:?} {theta}: {d} vs {num_d}");
                assert!(
                    (d2 - num_d2).abs() < 1e-3,
                    "{u:?} {theta}: {d2} vs {num_d2}"
                );
                let at = scorer.point(&u, theta);
                assert!((at.log_likelihood - l(theta)).abs() < 1e-12);
                let info: f64 = items
                    .iter()
                    .map(|it| super::super::information(it, theta))
                    .sum();
                assert_eq!(at.information, Some(info));
            }
        }
    }

    #[test]
    fn the_tables_hold_the_terms_at_the_grid_points() {
        let items = sample_items();
        let scorer = MleScorer::new(&items);
        for (it, item) in scorer.items.iter().zip(&items) {
            for q in 0..QUADRATURE_POINTS {
                let at = ItemAt::new(item, quadrature_theta(q));
                // The same operations as the EAP's tables, to the last bit.
                assert_eq!(it.ln_p[q], at.ln_p());
                assert_eq!(it.ln_q[q], at.ln_q());
                // dl/dθ = a(u − P)(P − c) / (P(1 − c)).
                let c = item.c.unwrap_or(0.0);
                let slope = |u: f64| item.a * (u - at.p) * (at.p - c) / (at.p * (1.0 - c));
                assert!(
                    (it.slope_p[q] - slope(1.0)).abs() <= 1e-9 * it.a,
                    "{item:?} {q}"
                );
                assert!(
                    (it.slope_q[q] - slope(0.0)).abs() <= 1e-9 * it.a,
                    "{item:?} {q}"
                );
            }
        }
    }

    #[test]
    fn cell_curvature_bounds_hold_inside_each_cell() {
        for c in [
            None,
            Some(0.001),
            Some(0.05),
            Some(0.2),
            Some(0.5),
            Some(0.9),
        ] {
            for (a, b) in [(1.0, 0.0), (2.5, -1.3), (0.4, 3.0), (9.0, 0.07)] {
                let item = IrtParameters { a, b, c };
                let grid = GridItem::new(0, &item);
                for j in 0..=2000 {
                    let theta = -40.0 + j as f64 * 0.04;
                    let (_, right) = grid.slope_and_curvature(theta, true);
                    let (_, wrong) = grid.slope_and_curvature(theta, false);
                    assert!(
                        right >= grid.curvature_floor_p,
                        "{item:?} θ {theta}: {right}"
                    );
                    assert!(
                        wrong >= grid.curvature_floor_q,
                        "{item:?} θ {theta}: {wrong}"
                    );
                    assert!(right <= 0.25 * a * a, "{item:?} θ {theta}: {right}");
                }
                for k in 0..CELLS {
                    for j in 0..=40 {
                        let theta = quadrature_theta(k) + CELL_WIDTH * j as f64 / 40.0;
                        let (_, right) = grid.slope_and_curvature(theta, true);
                        let (_, wrong) = grid.slope_and_curvature(theta, false);
                        let slack = 1e-12 * a * a;
                        assert!(
                            right <= grid.curvature_p[k] + slack,
                            "{item:?} cell {k}: {right}"
                        );
                        assert!(
                            wrong <= grid.curvature_q[k] + slack,
                            "{item:?} cell {k}: {wrong}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_bound_is_an_upper_bound() {
        // l(θ) = −k(θ − 0.3)² + 0.1 sin(7θ): l″ ≤ −2k + 4.9. k = 0.5 leaves l convex in
        // places, k = 5 makes it strongly concave (the bound's parabolas peak inside the cell).
        for k in [0.5, 1.0, 5.0] {
            let l = |t: f64| -k * (t - 0.3) * (t - 0.3) + 0.1 * (7.0 * t).sin();
            let dl = |t: f64| -2.0 * k * (t - 0.3) + 0.7 * (7.0 * t).cos();
            for (lo, hi) in [
                (0.0, 0.5),
                (0.1, 0.2),
                (0.25, 0.45),
                (-1.0, 1.0),
                (0.2, 0.333),
            ] {
                let cell = Cell {
                    lo,
                    hi,
                    l_lo: l(lo),
                    l_hi: l(hi),
                    d_lo: dl(lo),
                    d_hi: dl(hi),
                };
                let top = (0..=1000)
                    .map(|j| l(lo + (hi - lo) * j as f64 / 1000.0))
                    .fold(f64::NEG_INFINITY, f64::max);
                assert!(cell.bound(-2.0 * k + 4.9) >= top, "k {k} [{lo}, {hi}]");
            }
        }
        // A parabola with its exact curvature: the bound is its maximum.
        let l = |t: f64| 1.0 - 5.0 * (t - 0.27) * (t - 0.27);
        let dl = |t: f64| -10.0 * (t - 0.27);
        let cell = Cell {
            lo: 0.2,
            hi: 0.333,
            l_lo: l(0.2),
            l_hi: l(0.333),
            d_lo: dl(0.2),
            d_hi: dl(0.333),
        };
        assert!(
            (cell.bound(-10.0) - 1.0).abs() < 1e-12,
            "{}",
            cell.bound(-10.0)
        );
        assert!(cell.bound(f64::NAN).is_nan());
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
