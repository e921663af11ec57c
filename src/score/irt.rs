//! IRT ability estimation on the logistic metric (D = 1): expected a posteriori (EAP) and
//! maximum likelihood (MLE) θ for dichotomous responses to 2PL/3PL items.
//!
//! - **EAP** ([`eap`], [`EapScorer`]; in `irt/eap.rs`): 61 equally spaced quadrature points
//!   on [−4, 4] with an N(0, 1) prior; the posterior mean and standard deviation. One vector
//!   is scored in log space; the batch scorer multiplies precomputed likelihood tables of
//!   [`CHUNK_ITEMS`] items at a time, so a 50-item vector costs a few hundred multiplications.
//! - **MLE**: Fisher scoring (Newton–Raphson with the expected information) on the 3PL
//!   log-likelihood, started at the EAP estimate and kept inside a shrinking bracket on
//!   [−4, 4], with bisection whenever a step would leave the bracket or fails to halve it.
//!   For 3PL items, whose likelihood can have several maxima, the result is compared with
//!   a grid scan and refined around the grid's best point if that is higher. When the
//!   likelihood still rises at a bound (all-correct and all-wrong patterns, and patterns whose
//!   maximum lies beyond ±4) the estimate is that bound and `bounded` is set.
//!
//! All transcendental functions go through `libm`, so results are bit-identical on every
//! target. Items whose parameters are unusable (a ≤ 0, NaN, |a| or |b| above 10⁶, c outside
//! [0, 1)) are left out of every estimate.

use crate::model::IrtParameters;

use super::result::AbilityEstimate;

mod eap;

pub use eap::{eap, EapScorer, CHUNK_ITEMS};

/// Quadrature points of the EAP estimate.
pub const QUADRATURE_POINTS: usize = 61;
/// Lower end of the θ range (quadrature and MLE bound).
pub const THETA_MIN: f64 = -4.0;
/// Upper end of the θ range (quadrature and MLE bound).
pub const THETA_MAX: f64 = 4.0;

/// Most Fisher-scoring/bisection steps of one MLE search.
const MAX_STEPS: usize = 200;
/// The search stops when a step or the bracket is shorter than this.
const THETA_TOLERANCE: f64 = 1e-12;

/// The θ of quadrature point `q`: `−4 + 8q/60`.
pub fn quadrature_theta(q: usize) -> f64 {
    THETA_MIN + (THETA_MAX - THETA_MIN) * q as f64 / (QUADRATURE_POINTS - 1) as f64
}

/// True when the parameters can enter an estimate (see the module docs).
pub fn is_usable(item: &IrtParameters) -> bool {
    let c = item.c.unwrap_or(0.0);
    item.a.is_finite()
        && item.a > 0.0
        && item.b.is_finite()
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

    /// This item's term of the log-likelihood.
    fn log_likelihood(&self, correct: bool) -> f64 {
        if correct {
            self.ln_p()
        } else {
            self.ln_q()
        }
    }

    /// This item's term of dl/dθ: a(u − P)σ / P, which is a(u − P) for 2PL. The 2PL form is
    /// used directly so that P underflowing to 0 far from b never divides by zero.
    fn score(&self, correct: bool) -> f64 {
        match (correct, self.c == 0.0) {
            (true, true) => self.a * self.q,
            (true, false) => self.a * self.q * self.sigma / self.p,
            (false, _) => -self.a * self.sigma,
        }
    }

    /// Fisher information a²σ²Q / P, which is a²PQ for 2PL (used directly, as above).
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

/// A maximum-likelihood θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MleEstimate {
    pub theta: f64,
    /// 1 / sqrt(test information at θ).
    pub se: f64,
    /// θ is a bound of [−4, 4] because the likelihood still rises there.
    pub bounded: bool,
}

/// The MLE of θ, started at the EAP estimate.
pub fn mle(items: &[IrtParameters], correct: &[bool]) -> MleEstimate {
    let (start, _) = eap(items, correct);
    mle_from(items, correct, start)
}

/// The MLE of θ started at `start`. Only item/response pairs present in both slices (and with
/// usable parameters) enter. With no such pair the likelihood is flat: θ is `start` (clamped
/// to [−4, 4]) and `se` is `f64::MAX`.
pub fn mle_from(items: &[IrtParameters], correct: &[bool], start: f64) -> MleEstimate {
    let pairs: Vec<(IrtParameters, bool)> = items
        .iter()
        .zip(correct)
        .filter(|(item, _)| is_usable(item))
        .map(|(item, u)| (*item, *u))
        .collect();
    let start = if start.is_finite() {
        start.clamp(THETA_MIN, THETA_MAX)
    } else {
        0.0
    };
    if pairs.is_empty() {
        return MleEstimate {
            theta: start,
            se: f64::MAX,
            bounded: false,
        };
    }
    let theta = if pairs.iter().all(|(_, u)| *u) {
        THETA_MAX
    } else if pairs.iter().all(|(_, u)| !*u) {
        THETA_MIN
    } else {
        let mut best = search(&pairs, THETA_MIN, THETA_MAX, start);
        if pairs.iter().any(|(item, _)| item.c.unwrap_or(0.0) > 0.0) {
            best = better_of_grid(&pairs, best);
        }
        best
    };
    MleEstimate {
        theta,
        se: standard_error(&pairs, theta),
        bounded: theta <= THETA_MIN || theta >= THETA_MAX,
    }
}

/// Log-likelihood at θ.
fn log_likelihood(pairs: &[(IrtParameters, bool)], theta: f64) -> f64 {
    pairs
        .iter()
        .map(|(item, u)| ItemAt::new(item, theta).log_likelihood(*u))
        .sum()
}

/// dl/dθ and the test information at θ.
fn score_and_information(pairs: &[(IrtParameters, bool)], theta: f64) -> (f64, f64) {
    pairs.iter().fold((0.0, 0.0), |(d, info), (item, u)| {
        let at = ItemAt::new(item, theta);
        (d + at.score(*u), info + at.information())
    })
}

fn standard_error(pairs: &[(IrtParameters, bool)], theta: f64) -> f64 {
    let (_, info) = score_and_information(pairs, theta);
    if info > 0.0 && info.is_finite() {
        (1.0 / info.sqrt()).min(f64::MAX)
    } else {
        f64::MAX
    }
}

/// A maximum of the likelihood on [lo, hi]: the bound when the likelihood does not fall
/// towards it, else safeguarded Fisher scoring from `start` inside the bracket.
fn search(pairs: &[(IrtParameters, bool)], lo: f64, hi: f64, start: f64) -> f64 {
    let (d_lo, _) = score_and_information(pairs, lo);
    let (d_hi, _) = score_and_information(pairs, hi);
    match (d_lo > 0.0, d_hi < 0.0) {
        (true, true) => bracketed_root(pairs, lo, hi, start),
        (false, true) => lo,
        (true, false) => hi,
        (false, false) => {
            if log_likelihood(pairs, lo) >= log_likelihood(pairs, hi) {
                lo
            } else {
                hi
            }
        }
    }
}

/// The root of dl/dθ in (lo, hi), given dl/dθ(lo) > 0 > dl/dθ(hi): Fisher-scoring steps,
/// replaced by bisection whenever a step leaves the bracket or does not halve the previous
/// step. The bracket keeps a sign change from + to −, so the root found is a maximum.
fn bracketed_root(pairs: &[(IrtParameters, bool)], mut lo: f64, mut hi: f64, start: f64) -> f64 {
    let mut x = if start > lo && start < hi {
        start
    } else {
        0.5 * (lo + hi)
    };
    let mut previous_step = hi - lo;
    for _ in 0..MAX_STEPS {
        let (d, info) = score_and_information(pairs, x);
        if !d.is_finite() {
            break;
        }
        if d == 0.0 {
            return x;
        }
        if d > 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x + d / info;
        let next = if newton.is_finite()
            && newton > lo
            && newton < hi
            && (newton - x).abs() <= 0.5 * previous_step.abs()
        {
            newton
        } else {
            0.5 * (lo + hi)
        };
        previous_step = next - x;
        x = next;
        if previous_step.abs() < THETA_TOLERANCE || hi - lo < THETA_TOLERANCE {
            break;
        }
    }
    x
}

/// For 3PL likelihoods with several maxima: if a quadrature grid point beats `found`, search
/// again around the best grid point and keep whichever is higher.
fn better_of_grid(pairs: &[(IrtParameters, bool)], found: f64) -> f64 {
    let found_ll = log_likelihood(pairs, found);
    let mut best_q = 0;
    let mut best_ll = f64::NEG_INFINITY;
    for q in 0..QUADRATURE_POINTS {
        let ll = log_likelihood(pairs, quadrature_theta(q));
        if ll > best_ll {
            best_ll = ll;
            best_q = q;
        }
    }
    if best_ll <= found_ll + 1e-9 || best_ll.is_nan() {
        return found;
    }
    let lo = quadrature_theta(best_q.saturating_sub(1));
    let hi = quadrature_theta((best_q + 1).min(QUADRATURE_POINTS - 1));
    let refined = search(pairs, lo, hi, quadrature_theta(best_q));
    if log_likelihood(pairs, refined) > found_ll {
        refined
    } else {
        found
    }
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
