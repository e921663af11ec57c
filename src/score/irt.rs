//! IRT ability estimation on the logistic metric (D = 1): expected a posteriori (EAP) and
//! maximum likelihood (MLE) θ for dichotomous responses to 2PL/3PL items.
//!
//! - **EAP** ([`eap`], [`EapScorer`]; in `irt/eap.rs`): 61 equally spaced quadrature points
//!   on [−4, 4] with an N(0, 1) prior; the posterior mean and standard deviation. One vector
//!   is scored in log space; the batch scorer multiplies precomputed likelihood tables of
//!   [`CHUNK_ITEMS`] items at a time, so a 50-item vector costs a few hundred multiplications.
//! - **MLE** ([`mle`], [`MleScorer`]; in `irt/mle.rs`): the global maximum of the likelihood
//!   on [−4, 4]. Per-item tables of ln P, ln Q and their slopes at the same 61 points give
//!   the log-likelihood and its slope on the grid by additions alone; a curvature bound rules
//!   out every grid cell that cannot hold the maximum, and a few safeguarded Newton–Raphson
//!   steps with the analytic second derivative solve the score equation in the cell that
//!   can. When the likelihood still rises at a bound (all-correct and all-wrong patterns, and
//!   patterns whose maximum lies beyond ±4) the estimate is that bound and `bounded` is set.
//!
//! All transcendental functions go through `libm`, so results are bit-identical on every
//! target. Items whose parameters are unusable (a ≤ 0, NaN, |a| or |b| above 10⁶, c outside
//! [0, 1)) are left out of every estimate.

use crate::model::IrtParameters;

use super::result::AbilityEstimate;

mod eap;
mod mle;

pub use eap::{eap, EapScorer, CHUNK_ITEMS};
pub use mle::{mle, mle_from, MleEstimate, MleScorer};

/// Quadrature points of the EAP estimate.
pub const QUADRATURE_POINTS: usize = 61;
/// Lower end of the θ range (quadrature and MLE bound).
pub const THETA_MIN: f64 = -4.0;
/// Upper end of the θ range (quadrature and MLE bound).
pub const THETA_MAX: f64 = 4.0;

/// Items whose |a| or |b| exceeds this are left out of every estimate (a(θ − b) and its
/// logarithms stay finite).
const MAX_PARAMETER: f64 = 1e6;

/// The θ of quadrature point `q`: `−4 + 8q/60`.
pub fn quadrature_theta(q: usize) -> f64 {
    THETA_MIN + (THETA_MAX - THETA_MIN) * q as f64 / (QUADRATURE_POINTS - 1) as f64
}

/// True when the parameters can enter an estimate (see the module docs).
pub fn is_usable(item: &IrtParameters) -> bool {
    let c = item.c.unwrap_or(0.0);
    item.a.is_finite()
        && item.a > 0.0
        && item.a <= MAX_PARAMETER
        && item.b.is_finite()
        && item.b.abs() <= MAX_PARAMETER
        && c.is_finite()
        && (0.0..1.0).contains(&c)
}

/// ln(1 + e^x), without overflow.
fn softplus(x: f64) -> f64 {
    x.max(0.0) + libm::log1p(libm::exp(-x.abs()))
}

/// The logistic function 1 / (1 + e^−z), without overflow.
fn logistic(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

/// One item's response function at one θ, with its complement computed directly (not as
/// `1 − P`, which loses everything when P is near 1).
#[derive(Debug, Clone, Copy)]
struct ItemAt {
    a: f64,
    c: f64,
    /// Logistic part σ(a(θ − b)).
    sigma: f64,
    /// P(correct) = c + (1 − c)σ.
    p: f64,
    /// P(incorrect) = (1 − c)(1 − σ).
    q: f64,
    z: f64,
}

impl ItemAt {
    fn new(item: &IrtParameters, theta: f64) -> ItemAt {
        let c = item.c.unwrap_or(0.0);
        let z = item.a * (theta - item.b);
        let sigma = logistic(z);
        ItemAt {
            a: item.a,
            c,
            sigma,
            p: c + (1.0 - c) * sigma,
            q: (1.0 - c) * logistic(-z),
            z,
        }
    }

    fn ln_p(&self) -> f64 {
        if self.c == 0.0 {
            -softplus(-self.z)
        } else {
            libm::log(self.p)
        }
    }

    fn ln_q(&self) -> f64 {
        libm::log1p(-self.c) - softplus(self.z)
    }

    /// Fisher information a²σ²Q / P, which is a²PQ for 2PL (used directly, so that P
    /// underflowing to 0 far from b never divides by zero).
    fn information(&self) -> f64 {
        if self.c == 0.0 {
            self.a * self.a * self.p * self.q
        } else {
            self.a * self.a * self.sigma * self.sigma * self.q / self.p
        }
    }
}

/// P(correct | θ) for a 2PL/3PL item.
pub fn probability(item: &IrtParameters, theta: f64) -> f64 {
    ItemAt::new(item, theta).p
}

/// Fisher information of a 2PL/3PL item at θ.
pub fn information(item: &IrtParameters, theta: f64) -> f64 {
    ItemAt::new(item, theta).information()
}

/// The ability estimate for dichotomous responses, or None when no item has usable
/// parameters. `correct[i]` answers `items[i]`; the slices should be the same length.
pub fn ability(items: &[IrtParameters], correct: &[bool]) -> Option<AbilityEstimate> {
    let entered = items
        .iter()
        .zip(correct)
        .filter(|(item, _)| is_usable(item))
        .count();
    if entered == 0 {
        return None;
    }
    let (eap, eap_se) = eap(items, correct);
    let m = mle_from(items, correct, eap);
    Some(AbilityEstimate {
        eap,
        eap_se,
        mle: m.theta,
        mle_se: m.se,
        mle_bounded: m.bounded,
        items: entered,
    })
}
