//! One 2PL/3PL item's part of the MLE search at any θ: its term of the log-likelihood and its
//! information, its terms of the first two θ-derivatives, and bounds on the second derivative.
//!
//! With z = a(θ − b), s = σ(z), P = c + (1 − c)s and Q = (1 − c)(1 − s):
//!
//! - ln P′ = a(1 − c)s(1 − s)/P and ln P″ = a²(1 − c)s(1 − s)(c(1 − 2s) − (1 − c)s²)/P²
//!   (for 2PL a(1 − s) and −a²s(1 − s));
//! - ln Q′ = −a·s and ln Q″ = −a²s(1 − s).
//!
//! Every evaluation costs one `exp` (and one logarithm for the log-likelihood); s and 1 − s
//! are computed as `ItemAt` computes them, so the log-likelihood terms at the quadrature
//! points equal the EAP's to the last bit.

use crate::model::IrtParameters;

/// σ(z) and 1 − σ(z), each without cancellation, and e^−|z|.
fn logistic_pair(z: f64) -> (f64, f64, f64) {
    let e = libm::exp(-z.abs());
    if z >= 0.0 {
        (1.0 / (1.0 + e), e / (1.0 + e), e)
    } else {
        (e / (1.0 + e), 1.0 / (1.0 + e), e)
    }
}

/// One usable item.
#[derive(Debug, Clone, Copy)]
pub(super) struct ItemModel {
    /// Position in the item list given to the estimate.
    pub position: usize,
    a: f64,
    b: f64,
    c: f64,
    /// ln(1 − c).
    ln_1mc: f64,
}

/// One item's terms at one θ.
#[derive(Debug, Clone, Copy)]
pub(super) struct Terms {
    /// This item's term of the log-likelihood.
    pub log_likelihood: f64,
    /// Its Fisher information: a²s(1 − s) for 2PL, a²s²Q/P for 3PL.
    pub information: f64,
}

impl ItemModel {
    /// The model of a usable item (see `is_usable`).
    pub fn new(position: usize, item: &IrtParameters) -> ItemModel {
        let c = item.c.unwrap_or(0.0);
        ItemModel {
            position,
            a: item.a,
            b: item.b,
            c,
            ln_1mc: libm::log1p(-c),
        }
    }

    /// The log-likelihood term of this answer, and the information, at θ.
    pub fn terms(&self, theta: f64, right: bool) -> Terms {
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

    /// This answer's terms of l′ and l″ at θ (see the module docs).
    pub fn slope_and_curvature(&self, theta: f64, right: bool) -> (f64, f64) {
        let (a, c) = (self.a, self.c);
        let (s, t, _) = logistic_pair(a * (theta - self.b));
        let st = s * t;
        match (right, c == 0.0) {
            (true, true) => (a * t, -a * a * st),
            (true, false) => {
                let p = c + (1.0 - c) * s;
                let g = (1.0 - c) * st / p;
                let curvature = a * a * g * (c * (1.0 - 2.0 * s) - (1.0 - c) * s * s) / p;
                (a * g, curvature)
            }
            (false, _) => (-a * s, -a * a * st),
        }
    }

    /// An upper bound on this answer's term of l″ for θ in [lo, hi] (lo < hi). Both second
    /// derivatives are functions of s, which rises with θ from s₀ to s₁, and of
    /// v = s(1 − s): ln Q″ = −a²v (also ln P″ for 2PL) is at most −a²·min v. For 3PL,
    /// ln P″ = a²(1 − c)·v·g/P² with g = c(1 − 2s) − (1 − c)s² falling and P rising in s, so
    /// it is at most a²(1 − c)·max v·g(s₀)/P(s₀)² when g(s₀) > 0, else
    /// a²(1 − c)·min v·g(s₀)/P(s₁)² (≤ 0); and never above a²/4 (see
    /// [`ItemModel::curvature_floor`]), which caps the bound.
    pub fn curvature_bound(&self, lo: f64, hi: f64, right: bool) -> f64 {
        let (a, c) = (self.a, self.c);
        let (s0, t0, _) = logistic_pair(a * (lo - self.b));
        let (s1, t1, _) = logistic_pair(a * (hi - self.b));
        let (v0, v1) = (s0 * t0, s1 * t1);
        let v_min = v0.min(v1);
        let a2 = a * a;
        if !right || c == 0.0 {
            return -a2 * v_min;
        }
        let v_max = if s0 <= 0.5 && s1 >= 0.5 {
            0.25
        } else {
            v0.max(v1)
        };
        let g0 = c * (1.0 - 2.0 * s0) - (1.0 - c) * s0 * s0;
        let bound = if g0 > 0.0 {
            let p0 = c + (1.0 - c) * s0;
            a2 * (1.0 - c) * v_max * g0 / (p0 * p0)
        } else {
            let p1 = c + (1.0 - c) * s1;
            a2 * (1.0 - c) * v_min * g0 / (p1 * p1)
        };
        bound.min(0.25 * a2)
    }

    /// A lower bound on this answer's term of l″ for every θ: −a²/4, or −a²/2 for a right
    /// answer to a 3PL item, whose ln P″ = a²(T₁ + T₂) with T₁ = (1 − c)v·c(1 − 2s)/P² and
    /// T₂ = −(1 − c)²s³(1 − s)/P²: P² ≥ 4c(1 − c)s gives |T₁| ≤ (1 − s)|1 − 2s|/4 ≤ 1/4 and
    /// P ≥ (1 − c)s gives |T₂| ≤ v ≤ 1/4. (T₁ ≤ 1/4 and T₂ ≤ 0 also give ln P″ ≤ a²/4.)
    pub fn curvature_floor(&self, right: bool) -> f64 {
        if right && self.c > 0.0 {
            -0.5 * self.a * self.a
        } else {
            -0.25 * self.a * self.a
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{quadrature_theta, ItemAt, QUADRATURE_POINTS};
    use super::*;

    fn items() -> Vec<IrtParameters> {
        let mut out = Vec::new();
        for c in [
            None,
            Some(0.001),
            Some(0.05),
            Some(0.2),
            Some(0.5),
            Some(0.9),
        ] {
            for (a, b) in [
                (1.0, 0.0),
                (2.5, -1.3),
                (0.4, 3.0),
                (9.0, 0.07),
                (80.0, 2.05),
            ] {
                out.push(IrtParameters { a, b, c });
            }
        }
        out
    }

    /// The term of the log-likelihood with plain `f64` math (Q not as 1 − P, which loses
    /// the digits that finite differences need where P is near 1).
    fn plain(item: &IrtParameters, right: bool, theta: f64) -> f64 {
        let c = item.c.unwrap_or(0.0);
        let z = item.a * (theta - item.b);
        if right {
            (c + (1.0 - c) / (1.0 + (-z).exp())).ln()
        } else {
            ((1.0 - c) / (1.0 + z.exp())).ln()
        }
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for item in items().iter().filter(|it| it.a < 10.0) {
            let model = ItemModel::new(0, item);
            for right in [true, false] {
                for theta in [-3.7, -1.1, 0.0, 0.45, 2.8] {
                    let (d, d2) = model.slope_and_curvature(theta, right);
                    let l = |t: f64| plain(item, right, t);
                    let h = 1e-5;
                    let num_d = (l(theta + h) - l(theta - h)) / (2.0 * h);
                    let num_d2 = (l(theta + h) - 2.0 * l(theta) + l(theta - h)) / (h * h);
                    let scale = item.a * item.a;
                    assert!((d - num_d).abs() < 1e-7 * scale, "{item:?} {right} {theta}");
                    assert!(
                        (d2 - num_d2).abs() < 1e-3 * scale,
                        "{item:?} {right} {theta}"
                    );
                    let terms = model.terms(theta, right);
                    let want = l(theta);
                    assert!((terms.log_likelihood - want).abs() < 1e-12 * (1.0 + want.abs()));
                }
            }
        }
    }

    #[test]
    fn terms_equal_the_eaps_at_the_grid_points() {
        for item in items() {
            let model = ItemModel::new(0, &item);
            for q in 0..QUADRATURE_POINTS {
                let theta = quadrature_theta(q);
                let at = ItemAt::new(&item, theta);
                assert_eq!(model.terms(theta, true).log_likelihood, at.ln_p());
                assert_eq!(model.terms(theta, false).log_likelihood, at.ln_q());
                assert_eq!(model.terms(theta, true).information, at.information());
            }
        }
    }

    #[test]
    fn curvature_bounds_hold() {
        let width = 8.0 / 60.0;
        for item in items() {
            let model = ItemModel::new(0, &item);
            let a2 = item.a * item.a;
            let slack = 1e-12 * a2;
            for right in [true, false] {
                let floor = model.curvature_floor(right);
                for k in 0..60 {
                    let lo = -4.0 + width * k as f64;
                    let bound = model.curvature_bound(lo, lo + width, right);
                    for j in 0..=40 {
                        let theta = lo + width * j as f64 / 40.0;
                        let (_, d2) = model.slope_and_curvature(theta, right);
                        assert!(
                            d2 <= bound + slack,
                            "{item:?} {right} {theta}: {d2} > {bound}"
                        );
                        assert!(
                            d2 >= floor - slack,
                            "{item:?} {right} {theta}: {d2} < {floor}"
                        );
                        assert!(d2 <= 0.25 * a2 + slack, "{item:?} {right} {theta}: {d2}");
                    }
                }
            }
        }
    }

    #[test]
    fn cell_bounds_are_tight_where_the_likelihood_is_concave() {
        // A wrong answer: ln Q″ = −a²s(1 − s) is largest at the cell end further from b.
        let model = ItemModel::new(
            0,
            &IrtParameters {
                a: 1.5,
                b: 0.0,
                c: Some(0.2),
            },
        );
        let (_, at_hi) = model.slope_and_curvature(1.2, false);
        assert_eq!(model.curvature_bound(1.0, 1.2, false), at_hi);
        assert!(model.curvature_bound(-0.1, 0.1, false) < -0.5);
    }
}
