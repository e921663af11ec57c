//! EAP ability: the posterior mean and standard deviation of θ over [`QUADRATURE_POINTS`]
//! equally spaced points on [−4, 4] with an N(0, 1) prior, for dichotomous responses.
//!
//! The same posterior is evaluated in two ways:
//!
//! - **Log space** ([`eap`], and the fallback of [`EapScorer`]): per quadrature point, the log
//!   prior plus the items' log-likelihoods, then weights `exp(log posterior − its maximum)`;
//!   weights below `e^−45` of the largest are dropped (they change the sums by less than a unit
//!   in the last place). Robust for any vector, and what one attempt's score uses.
//! - **Product tables** ([`EapScorer::estimate`]): the usable items are cut into chunks of
//!   [`CHUNK_ITEMS`]; for each chunk and each of its `2^CHUNK_ITEMS` response patterns a table
//!   row holds the chunk's likelihood at every point (the prior folded into the first chunk),
//!   scaled by a power of two so its largest value lies in [0.5, 1). The posterior weights of a
//!   vector are then the element-wise product of one row per chunk: for 50 items, 6 products
//!   of 61 values and no transcendental function at all. The rows' scale factors are the same
//!   at every point, so they cancel in the mean. When the weights come out too small to trust
//!   (a vector the items find wildly inconsistent, below [`UNDERFLOW`]), or the vector does not
//!   answer every item, the vector is scored in log space instead.
//!
//! The two ways agree to about 1e-14 (rounding order); each is deterministic and bit-identical
//! on every target: the element-wise products vectorize (SIMD) without changing any result,
//! and every sum runs in a fixed order.

use crate::model::IrtParameters;

use super::{is_usable, quadrature_theta, ItemAt, QUADRATURE_POINTS};

/// Items per product table. 8 items give 256 rows of 62 values (124 KB) per chunk: for a
/// 50-item test 7 chunks, under 1 MB, which stays in cache.
pub const CHUNK_ITEMS: usize = 8;

/// Values per table row: the quadrature points padded to an even count (two-lane SIMD); the
/// padding holds 0 and weighs nothing.
const STRIDE: usize = QUADRATURE_POINTS + 1;

/// Posterior weight sums below this are scored in log space instead (the product may have
/// lost precision to underflow).
pub const UNDERFLOW: f64 = 1e-200;

/// Posterior weights smaller than `e^DROP_BELOW` of the largest are left out (log space).
const DROP_BELOW: f64 = -45.0;

type Row = [f64; STRIDE];

/// EAP θ and posterior SD for one response vector, in log space (`correct[i]` answers
/// `items[i]`; entries beyond the items are ignored, items beyond the entries count as not
/// administered).
pub fn eap(items: &[IrtParameters], correct: &[bool]) -> (f64, f64) {
    LogPosterior::new(items).estimate(correct)
}

/// EAP scoring of many response vectors on the same items, with the product tables computed
/// once (see the module docs).
///
/// ```
/// use certa::model::IrtParameters;
/// use certa::score::irt::{eap, EapScorer};
/// let items: Vec<IrtParameters> = (0..20)
///     .map(|i| IrtParameters { a: 1.2, b: -2.0 + 0.2 * i as f64, c: Some(0.2) })
///     .collect();
/// let scorer = EapScorer::new(&items);
/// let answers: Vec<bool> = (0..20).map(|i| i % 3 != 0).collect();
/// let (theta, sd) = scorer.estimate(&answers);
/// let (reference, _) = eap(&items, &answers);
/// assert!((theta - reference).abs() < 1e-12 && sd > 0.0);
/// ```
#[derive(Debug, Clone)]
pub struct EapScorer {
    log: LogPosterior,
    /// θ at each quadrature point, padded with 0.
    thetas: Row,
    /// The prior weights (used alone when no item is usable).
    prior: Row,
    /// Per chunk: its first position in `log.index`, its item count, its first row.
    chunks: Vec<(usize, usize, usize)>,
    rows: Vec<Row>,
}

impl EapScorer {
    /// Precompute the tables for these items (items with unusable parameters are left out).
    pub fn new(items: &[IrtParameters]) -> EapScorer {
        let log = LogPosterior::new(items);
        let mut thetas = [0.0; STRIDE];
        let mut prior = [0.0; STRIDE];
        for q in 0..QUADRATURE_POINTS {
            let t = quadrature_theta(q);
            thetas[q] = t;
            prior[q] = libm::exp(-0.5 * t * t);
        }
        let mut chunks = Vec::new();
        let mut rows: Vec<Row> = Vec::new();
        let usable: Vec<&IrtParameters> = log.index.iter().filter_map(|&i| items.get(i)).collect();
        for (c, group) in usable.chunks(CHUNK_ITEMS).enumerate() {
            let first_row = rows.len();
            chunks.push((c * CHUNK_ITEMS, group.len(), first_row));
            let mut start = [0.0; STRIDE];
            if c == 0 {
                start = prior;
            } else {
                start[..QUADRATURE_POINTS].fill(1.0);
            }
            rows.push(start);
            for item in group {
                let (mut p, mut q) = ([0.0; STRIDE], [0.0; STRIDE]);
                for k in 0..QUADRATURE_POINTS {
                    let at = ItemAt::new(item, thetas[k]);
                    p[k] = at.p;
                    q[k] = at.q;
                }
                // Row r has bit j set when item j of the chunk is answered correctly.
                let size = rows.len() - first_row;
                for r in first_row..first_row + size {
                    let base = rows[r];
                    rows.push(times(&base, &p));
                    rows[r] = times(&base, &q);
                }
            }
            for row in &mut rows[first_row..] {
                normalize(row);
            }
        }
        EapScorer {
            log,
            thetas,
            prior,
            chunks,
            rows,
        }
    }

    /// Items that enter an estimate (usable parameters).
    pub fn usable_items(&self) -> usize {
        self.log.index.len()
    }

    /// Posterior mean θ and SD for one response vector: `correct[i]` answers item `i`.
    /// Entries beyond the items are ignored; items beyond the entries count as not
    /// administered (such a vector is scored in log space).
    pub fn estimate(&self, correct: &[bool]) -> (f64, f64) {
        let complete = self.log.index.last().is_none_or(|&i| i < correct.len());
        if complete {
            if let Some(moments) = self.estimate_by_products(correct) {
                return moments;
            }
        }
        self.log.estimate(correct)
    }

    /// The product-table estimate, or None when the weights underflowed.
    fn estimate_by_products(&self, correct: &[bool]) -> Option<(f64, f64)> {
        let mut weights = self.prior;
        for (c, &(first, len, first_row)) in self.chunks.iter().enumerate() {
            let mut pattern = 0usize;
            let positions = self.log.index.get(first..first + len).unwrap_or(&[]);
            for (j, &i) in positions.iter().enumerate() {
                pattern |= usize::from(correct.get(i).copied().unwrap_or(false)) << j;
            }
            let row = self.rows.get(first_row + pattern)?;
            if c == 0 {
                weights = *row;
            } else {
                multiply(&mut weights, row);
            }
        }
        moments(&weights, &self.thetas)
    }
}

fn times(a: &Row, b: &Row) -> Row {
    let mut out = *a;
    multiply(&mut out, b);
    out
}

fn multiply(acc: &mut Row, by: &Row) {
    for (a, b) in acc.iter_mut().zip(by) {
        *a *= *b;
    }
}

/// Scale a row by a power of two (exact) so that its largest value lies in [0.5, 1).
fn normalize(row: &mut Row) {
    let top = row.iter().copied().fold(0.0f64, f64::max);
    if top > 0.0 && top.is_finite() {
        let (_, exponent) = libm::frexp(top);
        let scale = libm::ldexp(1.0, -exponent);
        if scale.is_finite() && scale > 0.0 {
            for v in row.iter_mut() {
                *v *= scale;
            }
        }
    }
}

/// Mean and SD of θ under the weights, or None when their sum is too small to trust.
fn moments(weights: &Row, thetas: &Row) -> Option<(f64, f64)> {
    let (mut sum_w, mut sum_wt) = (0.0, 0.0);
    for (w, t) in weights.iter().zip(thetas) {
        sum_w += w;
        sum_wt += w * t;
    }
    if !(sum_w > UNDERFLOW && sum_w.is_finite()) {
        return None;
    }
    let mean = sum_wt / sum_w;
    let mut sum_var = 0.0;
    for (w, t) in weights.iter().zip(thetas).take(QUADRATURE_POINTS) {
        let dev = t - mean;
        sum_var += w * dev * dev;
    }
    Some((mean, (sum_var / sum_w).max(0.0).sqrt()))
}

/// The log-space evaluation: the log posterior at each quadrature point starts from a
/// precomputed base, either "every item wrong" (ln prior + Σ ln Q) or "every item right"
/// (ln prior + Σ ln P), whichever is closer to the vector; each answer that differs from the
/// base then adds or subtracts its item's ln P − ln Q.
#[derive(Debug, Clone)]
struct LogPosterior {
    /// θ at each quadrature point.
    thetas: [f64; QUADRATURE_POINTS],
    /// ln prior + Σ ln Q over usable items, per quadrature point.
    base_wrong: [f64; QUADRATURE_POINTS],
    /// ln prior + Σ ln P over usable items, per quadrature point.
    base_right: [f64; QUADRATURE_POINTS],
    /// Position of each usable item in the list given to [`LogPosterior::new`], in order.
    index: Vec<usize>,
    /// Per usable item, ln P − ln Q at each point: what a correct answer adds to an incorrect
    /// one.
    logit: Vec<[f64; QUADRATURE_POINTS]>,
    /// Per usable item, ln P at each point.
    log_p: Vec<[f64; QUADRATURE_POINTS]>,
    /// Per usable item, ln Q at each point.
    log_q: Vec<[f64; QUADRATURE_POINTS]>,
}

fn add_to(sum: &mut [f64; QUADRATURE_POINTS], table: &[f64; QUADRATURE_POINTS]) {
    for (s, v) in sum.iter_mut().zip(table) {
        *s += *v;
    }
}

fn subtract_from(sum: &mut [f64; QUADRATURE_POINTS], table: &[f64; QUADRATURE_POINTS]) {
    for (s, v) in sum.iter_mut().zip(table) {
        *s -= *v;
    }
}

impl LogPosterior {
    fn new(items: &[IrtParameters]) -> LogPosterior {
        let mut thetas = [0.0; QUADRATURE_POINTS];
        let mut prior = [0.0; QUADRATURE_POINTS];
        for (q, (t, p)) in thetas.iter_mut().zip(prior.iter_mut()).enumerate() {
            *t = quadrature_theta(q);
            *p = -0.5 * *t * *t;
        }
        let (mut base_wrong, mut base_right) = (prior, prior);
        let mut index = Vec::new();
        let (mut logit, mut log_p, mut log_q) = (Vec::new(), Vec::new(), Vec::new());
        for (position, item) in items.iter().enumerate() {
            if !is_usable(item) {
                continue;
            }
            let mut lp = [0.0; QUADRATURE_POINTS];
            let mut lq = [0.0; QUADRATURE_POINTS];
            for ((p, n), theta) in lp.iter_mut().zip(lq.iter_mut()).zip(&thetas) {
                let at = ItemAt::new(item, *theta);
                *p = at.ln_p();
                *n = at.ln_q();
            }
            let mut l = lp;
            subtract_from(&mut l, &lq);
            add_to(&mut base_wrong, &lq);
            add_to(&mut base_right, &lp);
            index.push(position);
            logit.push(l);
            log_p.push(lp);
            log_q.push(lq);
        }
        LogPosterior {
            thetas,
            base_wrong,
            base_right,
            index,
            logit,
            log_p,
            log_q,
        }
    }

    fn estimate(&self, correct: &[bool]) -> (f64, f64) {
        let (mut answered, mut right) = (0usize, 0usize);
        for i in &self.index {
            if let Some(u) = correct.get(*i) {
                answered += 1;
                right += usize::from(*u);
            }
        }
        let from_right = 2 * right > answered;
        let mut log_post = if from_right {
            self.base_right
        } else {
            self.base_wrong
        };
        let tables = self.index.iter().zip(&self.logit);
        for (t, (i, logit)) in tables.enumerate() {
            match (correct.get(*i), from_right) {
                (Some(true), false) => add_to(&mut log_post, logit),
                (Some(false), true) => subtract_from(&mut log_post, logit),
                (None, false) => {
                    if let Some(lq) = self.log_q.get(t) {
                        subtract_from(&mut log_post, lq);
                    }
                }
                (None, true) => {
                    if let Some(lp) = self.log_p.get(t) {
                        subtract_from(&mut log_post, lp);
                    }
                }
                _ => {}
            }
        }
        log_moments(&log_post, &self.thetas)
    }
}

/// Mean and SD of θ under unnormalised log posterior weights at the quadrature points.
fn log_moments(
    log_post: &[f64; QUADRATURE_POINTS],
    thetas: &[f64; QUADRATURE_POINTS],
) -> (f64, f64) {
    let mut top = f64::NEG_INFINITY;
    for lp in log_post {
        if *lp > top {
            top = *lp;
        }
    }
    if !top.is_finite() {
        return (0.0, 1.0);
    }
    let mut weights = [0.0; QUADRATURE_POINTS];
    let (mut sum_w, mut sum_wt) = (0.0, 0.0);
    for ((w, lp), theta) in weights.iter_mut().zip(log_post).zip(thetas) {
        let d = lp - top;
        if d > DROP_BELOW {
            *w = libm::exp(d);
            sum_w += *w;
            sum_wt += *w * theta;
        }
    }
    let mean = sum_wt / sum_w;
    let mut sum_var = 0.0;
    for (w, theta) in weights.iter().zip(thetas) {
        let dev = theta - mean;
        sum_var += w * dev * dev;
    }
    (mean, (sum_var / sum_w).max(0.0).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<IrtParameters> {
        (0..n)
            .map(|i| IrtParameters {
                a: 0.6 + (i % 7) as f64 * 0.2,
                b: -2.5 + 5.0 * i as f64 / n.max(2) as f64,
                c: if i % 3 == 0 { None } else { Some(0.15) },
            })
            .collect()
    }

    #[test]
    fn products_agree_with_log_space() {
        for n in [1, 7, 8, 9, 50, 61] {
            let params = items(n);
            let scorer = EapScorer::new(&params);
            for v in 0..64u32 {
                let u: Vec<bool> = (0..n as u32)
                    .map(|i| (v.wrapping_mul(2_654_435_761) >> (i % 29)) & 1 == 1)
                    .collect();
                let (m1, s1) = scorer.estimate(&u);
                let (m2, s2) = eap(&params, &u);
                assert!((m1 - m2).abs() < 1e-12, "n {n} v {v}: {m1} vs {m2}");
                assert!((s1 - s2).abs() < 1e-12, "n {n} v {v}: {s1} vs {s2}");
            }
        }
    }

    #[test]
    fn underflowing_products_fall_back_to_log_space() {
        // Very discriminating items answered against the grain: each row is tiny where the
        // others are large, so the product underflows and log space takes over.
        let params: Vec<IrtParameters> = (0..64)
            .map(|i| IrtParameters {
                a: 40.0,
                b: if i % 2 == 0 { -3.9 } else { 3.9 },
                c: None,
            })
            .collect();
        let u: Vec<bool> = (0..64).map(|i| i % 2 == 1).collect();
        let scorer = EapScorer::new(&params);
        assert!(scorer.estimate_by_products(&u).is_none());
        let (m, s) = scorer.estimate(&u);
        assert_eq!((m, s), eap(&params, &u));
        assert!(m.is_finite() && s.is_finite());
    }

    #[test]
    fn no_usable_items_give_the_prior() {
        let scorer = EapScorer::new(&[]);
        let (m, s) = scorer.estimate(&[]);
        assert!(m.abs() < 1e-12);
        assert!((s - 1.0).abs() < 0.01, "{s}");
    }
}
