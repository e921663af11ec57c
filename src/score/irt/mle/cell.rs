//! A stretch of θ searched by the MLE, with the log-likelihood and its slope at both ends, and
//! the bound that rules it out: how high the log-likelihood can rise inside it.

/// An interval with the log-likelihood l and its slope l′ at both ends.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell {
    pub lo: f64,
    pub hi: f64,
    pub l_lo: f64,
    pub l_hi: f64,
    pub d_lo: f64,
    pub d_hi: f64,
}

impl Cell {
    /// An upper bound on l over the cell when l″ ≤ `curvature` (m) there: with t = θ − lo
    /// and w the width, l lies below both parabolas l(lo) + l′(lo)t + mt²/2 and
    /// l(hi) − l′(hi)(w − t) + m(w − t)²/2. Their difference is linear in t, so the lower of
    /// the two is one parabola on each side of the crossing point, and its largest value is at
    /// an end of the cell, at the crossing, or at a parabola's vertex (when m < 0). Not a
    /// number (never ruled out) when an input is not finite.
    pub fn bound(&self, curvature: f64) -> f64 {
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
    pub fn brackets_a_maximum(&self) -> bool {
        self.d_lo > 0.0 && self.d_hi < 0.0
    }

    /// The two halves, given l and l′ at the middle.
    pub fn halves(&self, middle: f64, l_mid: f64, d_mid: f64) -> (Cell, Cell) {
        let left = Cell {
            hi: middle,
            l_hi: l_mid,
            d_hi: d_mid,
            ..*self
        };
        let right = Cell {
            lo: middle,
            l_lo: l_mid,
            d_lo: d_mid,
            ..*self
        };
        (left, right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(l: impl Fn(f64) -> f64, dl: impl Fn(f64) -> f64, lo: f64, hi: f64) -> Cell {
        Cell {
            lo,
            hi,
            l_lo: l(lo),
            l_hi: l(hi),
            d_lo: dl(lo),
            d_hi: dl(hi),
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
                let top = (0..=1000)
                    .map(|j| l(lo + (hi - lo) * j as f64 / 1000.0))
                    .fold(f64::NEG_INFINITY, f64::max);
                let bound = cell(l, dl, lo, hi).bound(-2.0 * k + 4.9);
                assert!(bound >= top, "k {k} [{lo}, {hi}]: {bound} < {top}");
            }
        }
    }

    #[test]
    fn the_bound_of_a_parabola_is_its_maximum() {
        let l = |t: f64| 1.0 - 5.0 * (t - 0.27) * (t - 0.27);
        let dl = |t: f64| -10.0 * (t - 0.27);
        let c = cell(l, dl, 0.2, 0.333);
        assert!((c.bound(-10.0) - 1.0).abs() < 1e-12, "{}", c.bound(-10.0));
        assert!(c.brackets_a_maximum());
        // Beside the maximum: the bound is the higher end.
        let side = cell(l, dl, 0.3, 0.4);
        assert!((side.bound(-10.0) - l(0.3)).abs() < 1e-12);
        assert!(!side.brackets_a_maximum());
        assert!(c.bound(f64::NAN).is_nan() && c.bound(f64::INFINITY).is_nan());
    }

    #[test]
    fn halves_share_the_middle() {
        let c = Cell {
            lo: 0.0,
            hi: 1.0,
            l_lo: -3.0,
            l_hi: -2.0,
            d_lo: 1.0,
            d_hi: -1.0,
        };
        let (left, right) = c.halves(0.5, -1.0, 0.25);
        assert_eq!(
            (left.lo, left.hi, left.l_hi, left.d_hi),
            (0.0, 0.5, -1.0, 0.25)
        );
        assert_eq!(
            (right.lo, right.hi, right.l_lo, right.d_lo),
            (0.5, 1.0, -1.0, 0.25)
        );
    }
}
