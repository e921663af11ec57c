//! IRT ability: EAP against a plain independent implementation, MLE on the score equation,
//! against a fine-grid + golden-section reference and at the bounds, standard errors,
//! monotonicity, and the batch scorers.

use certa::model::IrtParameters;
use certa::score::irt::{self, EapScorer, MleScorer};

fn p2(a: f64, b: f64) -> IrtParameters {
    IrtParameters { a, b, c: None }
}

fn p3(a: f64, b: f64, c: f64) -> IrtParameters {
    IrtParameters { a, b, c: Some(c) }
}

/// A 12-item test: mixed 2PL and 3PL, spread over the ability range.
fn bank() -> Vec<IrtParameters> {
    vec![
        p2(1.2, -2.0),
        p2(0.8, -1.5),
        p3(1.5, -1.0, 0.2),
        p2(1.0, -0.5),
        p3(0.9, 0.0, 0.25),
        p2(1.7, 0.2),
        p2(1.1, 0.5),
        p3(1.3, 0.8, 0.15),
        p2(0.7, 1.0),
        p2(2.0, 1.4),
        p3(1.0, 2.0, 0.2),
        p2(1.4, 2.5),
    ]
}

// ---------------------------------------------------------------- reference implementation

fn prob(item: &IrtParameters, theta: f64) -> f64 {
    let c = item.c.unwrap_or(0.0);
    c + (1.0 - c) / (1.0 + (-item.a * (theta - item.b)).exp())
}

fn log_lik(items: &[IrtParameters], u: &[bool], theta: f64) -> f64 {
    let mut total = 0.0;
    for (item, &correct) in items.iter().zip(u) {
        let p = prob(item, theta);
        total += if correct { p.ln() } else { (1.0 - p).ln() };
    }
    total
}

/// Plain EAP: 61 points on [-4, 4], N(0,1) prior, direct sums.
fn reference_eap(items: &[IrtParameters], u: &[bool]) -> (f64, f64) {
    let mut thetas = Vec::new();
    let mut logs = Vec::new();
    for q in 0..61 {
        let theta = -4.0 + 8.0 * q as f64 / 60.0;
        thetas.push(theta);
        logs.push(log_lik(items, u, theta) - theta * theta / 2.0);
    }
    let top = logs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = logs.iter().map(|l| (l - top).exp()).collect();
    let total: f64 = weights.iter().sum();
    let mean: f64 = weights.iter().zip(&thetas).map(|(w, t)| w * t).sum::<f64>() / total;
    let var: f64 = weights
        .iter()
        .zip(&thetas)
        .map(|(w, t)| w * (t - mean) * (t - mean))
        .sum::<f64>()
        / total;
    (mean, var.sqrt())
}

/// dl/dθ by central difference of the reference log-likelihood.
fn numeric_derivative(items: &[IrtParameters], u: &[bool], theta: f64) -> f64 {
    let h = 1e-5;
    (log_lik(items, u, theta + h) - log_lik(items, u, theta - h)) / (2.0 * h)
}

/// dl/dθ in closed form.
fn derivative(items: &[IrtParameters], u: &[bool], theta: f64) -> f64 {
    items
        .iter()
        .zip(u)
        .map(|(item, &correct)| {
            let c = item.c.unwrap_or(0.0);
            let p = prob(item, theta);
            let uu = if correct { 1.0 } else { 0.0 };
            item.a * (uu - p) * (p - c) / (p * (1.0 - c))
        })
        .sum()
}

fn test_information(items: &[IrtParameters], theta: f64) -> f64 {
    items
        .iter()
        .map(|item| {
            let c = item.c.unwrap_or(0.0);
            let p = prob(item, theta);
            item.a * item.a * (p - c).powi(2) * (1.0 - p) / ((1.0 - c).powi(2) * p)
        })
        .sum()
}

fn patterns() -> Vec<Vec<bool>> {
    let t = true;
    let f = false;
    vec![
        vec![t, t, t, t, f, t, f, f, f, f, f, f],
        vec![t, t, t, t, t, t, t, f, t, f, f, f],
        vec![t, f, t, f, t, f, t, f, t, f, t, f],
        vec![f, t, f, f, f, f, f, f, f, f, t, f],
        vec![t, t, t, t, t, t, t, t, t, t, t, f],
        vec![f, f, f, f, f, f, f, f, f, f, f, t],
    ]
}

// ---------------------------------------------------------------- EAP

#[test]
fn eap_matches_the_reference() {
    let items = bank();
    let mut all = patterns();
    all.push(vec![true; 12]);
    all.push(vec![false; 12]);
    for u in &all {
        let (mean, sd) = irt::eap(&items, u);
        let (want_mean, want_sd) = reference_eap(&items, u);
        assert!(
            (mean - want_mean).abs() <= 1e-9,
            "{u:?}: {mean} vs {want_mean}"
        );
        assert!((sd - want_sd).abs() <= 1e-9, "{u:?}: {sd} vs {want_sd}");
        assert!(
            sd > 0.0 && sd < 1.0,
            "the posterior is narrower than the prior"
        );
    }
}

#[test]
fn eap_matches_the_reference_on_a_long_test() {
    // 50 items: the log-likelihood spans hundreds of nats, which only log-space sums survive.
    let items: Vec<IrtParameters> = (0..50)
        .map(|i| {
            let b = -3.0 + 6.0 * i as f64 / 49.0;
            if i % 3 == 0 {
                p3(2.5, b, 0.2)
            } else {
                p2(2.5, b)
            }
        })
        .collect();
    let u: Vec<bool> = (0..50).map(|i| i < 38 || i % 7 == 0).collect();
    let (mean, sd) = irt::eap(&items, &u);
    let (want_mean, want_sd) = reference_eap(&items, &u);
    assert!((mean - want_mean).abs() <= 1e-9, "{mean} vs {want_mean}");
    assert!((sd - want_sd).abs() <= 1e-9, "{sd} vs {want_sd}");
}

#[test]
fn eap_rises_with_each_further_correct_answer() {
    let items = bank();
    let mut u = vec![false; items.len()];
    let (mut last, _) = irt::eap(&items, &u);
    // Flip answers to correct from the hardest item down.
    for i in (0..items.len()).rev() {
        u[i] = true;
        let (theta, _) = irt::eap(&items, &u);
        assert!(
            theta > last,
            "flipping item {i} to correct: {theta} <= {last}"
        );
        last = theta;
    }
    assert!(last > 1.0);
}

fn close((m1, s1): (f64, f64), (m2, s2): (f64, f64)) {
    assert!(
        (m1 - m2).abs() < 1e-12 && (s1 - s2).abs() < 1e-12,
        "({m1}, {s1}) vs ({m2}, {s2})"
    );
}

#[test]
fn batch_scorer_agrees_with_eap() {
    let items = bank();
    let scorer = EapScorer::new(&items);
    assert_eq!(scorer.usable_items(), 12);
    // The batch scorer multiplies likelihood tables, eap() sums logs: the same posterior up
    // to rounding.
    for u in patterns() {
        close(scorer.estimate(&u), irt::eap(&items, &u));
    }
    // A short vector: the missing items were not administered.
    let short = [true, true, false];
    let (mean, sd) = scorer.estimate(&short);
    let (want_mean, want_sd) = reference_eap(&items[..3], &short);
    assert!((mean - want_mean).abs() <= 1e-9 && (sd - want_sd).abs() <= 1e-9);
}

#[test]
fn unusable_parameters_are_left_out() {
    let mut items = bank();
    items.push(p2(0.0, 0.0));
    items.push(p2(f64::NAN, 1.0));
    items.push(p3(1.0, 0.0, 1.0));
    let scorer = EapScorer::new(&items);
    assert_eq!(scorer.usable_items(), 12);
    let mut u = patterns()[0].clone();
    u.extend([true, true, true]);
    close(scorer.estimate(&u), irt::eap(&bank(), &patterns()[0]));
    assert_eq!(irt::ability(&[p2(-1.0, 0.0)], &[true]), None);
    assert_eq!(irt::ability(&[], &[]), None);
}

#[test]
fn scores_ten_thousand_vectors_quickly() {
    let items: Vec<IrtParameters> = (0..50)
        .map(|i| p2(0.6 + (i % 7) as f64 * 0.2, -2.5 + 5.0 * i as f64 / 49.0))
        .collect();
    let vectors: Vec<Vec<bool>> = (0..10_000u32)
        .map(|v| {
            (0..50u32)
                .map(|i| (v.wrapping_mul(2_654_435_761) >> (i % 29)) & 1 == 1 || i < v % 50)
                .collect()
        })
        .collect();
    let scorer = EapScorer::new(&items);
    let start = std::time::Instant::now();
    let total: f64 = vectors.iter().map(|u| scorer.estimate(u).0).sum();
    let elapsed = start.elapsed();
    eprintln!("EAP for 10,000 vectors of 50 items: {elapsed:?}");
    assert!(total.is_finite());
    // Generous bound for a shared debug-ish test build; the benchmark checks the real target.
    assert!(elapsed.as_secs_f64() < 2.0, "{elapsed:?}");
}

// ---------------------------------------------------------------- MLE

#[test]
fn mle_solves_the_score_equation() {
    let items = bank();
    for u in patterns() {
        let m = irt::mle(&items, &u);
        assert!(!m.bounded, "{u:?} has an interior maximum");
        assert!(m.theta > -4.0 && m.theta < 4.0);
        let d = derivative(&items, &u, m.theta);
        assert!(d.abs() < 1e-8, "{u:?}: dl/dθ({}) = {d}", m.theta);
        assert!(numeric_derivative(&items, &u, m.theta).abs() < 1e-5);
        // The global maximum on a fine grid over [-4, 4].
        let best = (0..=1600)
            .map(|k| log_lik(&items, &u, -4.0 + k as f64 / 200.0))
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(log_lik(&items, &u, m.theta) >= best - 1e-12, "{u:?}");
    }
}

#[test]
fn mle_of_a_pure_2pl_test() {
    let items: Vec<IrtParameters> = bank().into_iter().map(|p| p2(p.a, p.b)).collect();
    let u = patterns()[0].clone();
    let m = irt::mle(&items, &u);
    assert!(derivative(&items, &u, m.theta).abs() < 1e-10);
    // More correct answers, higher MLE.
    let m2 = irt::mle(&items, &patterns()[1]);
    assert!(m2.theta > m.theta);
    // The start does not matter for a concave likelihood.
    for start in [-4.0, -1.0, 3.9, f64::NAN] {
        let from = irt::mle_from(&items, &u, start);
        assert!((from.theta - m.theta).abs() < 1e-9, "start {start}");
    }
}

#[test]
fn mle_sits_at_the_bound_for_perfect_and_zero_scores() {
    let items = bank();
    let top = irt::mle(&items, &[true; 12]);
    assert_eq!((top.theta, top.bounded), (4.0, true));
    let bottom = irt::mle(&items, &[false; 12]);
    assert_eq!((bottom.theta, bottom.bounded), (-4.0, true));
    assert!(top.se.is_finite() && bottom.se.is_finite());
    let want = 1.0 / test_information(&items, 4.0).sqrt();
    assert!((top.se - want).abs() / want < 1e-9);
}

#[test]
fn mle_beyond_the_range_is_bounded() {
    // Five very easy items right, one extremely hard item wrong: the maximum lies above 4.
    let items = vec![
        p2(1.0, -3.0),
        p2(1.0, -3.0),
        p2(1.0, -3.0),
        p2(1.0, -3.0),
        p2(1.0, -3.0),
        p2(1.0, 10.0),
    ];
    let u = [true, true, true, true, true, false];
    assert!(
        derivative(&items, &u, 4.0) > 0.0,
        "the likelihood still rises at 4"
    );
    let m = irt::mle(&items, &u);
    assert_eq!((m.theta, m.bounded), (4.0, true));
}

/// The reference MLE: the best of a grid with step 0.005 on [-4, 4], refined by golden-section
/// search on the reference log-likelihood between its grid neighbours.
fn reference_mle(items: &[IrtParameters], u: &[bool]) -> f64 {
    let theta = |k: usize| -4.0 + k as f64 * 0.005;
    let mut best = 0;
    let mut best_ll = f64::NEG_INFINITY;
    for k in 0..=1600 {
        let ll = log_lik(items, u, theta(k));
        if ll > best_ll {
            best_ll = ll;
            best = k;
        }
    }
    let (mut lo, mut hi) = (theta(best.saturating_sub(1)), theta((best + 1).min(1600)));
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    while hi - lo > 1e-11 {
        let x1 = hi - ratio * (hi - lo);
        let x2 = lo + ratio * (hi - lo);
        if log_lik(items, u, x1) >= log_lik(items, u, x2) {
            hi = x2;
        } else {
            lo = x1;
        }
    }
    let middle = 0.5 * (lo + hi);
    // A maximum at a bound stays there.
    [middle, -4.0, 4.0]
        .into_iter()
        .map(|t| (log_lik(items, u, t), t))
        .fold(
            (f64::NEG_INFINITY, 0.0),
            |a, b| if b.0 > a.0 { b } else { a },
        )
        .1
}

#[test]
fn mle_matches_a_golden_section_reference() {
    let items = bank();
    let mut all = patterns();
    // Every 12-bit pattern with 3 to 9 right answers, spread out.
    for v in (0u32..4096).step_by(37) {
        let u: Vec<bool> = (0..12).map(|i| v >> i & 1 == 1).collect();
        all.push(u);
    }
    let scorer = MleScorer::new(&items);
    for u in &all {
        let m = scorer.estimate(u);
        assert_eq!(m, irt::mle(&items, u), "the scorer and one call agree");
        if u.iter().all(|&x| x) || u.iter().all(|&x| !x) {
            assert!(m.bounded);
            continue;
        }
        let want = reference_mle(&items, u);
        assert!(
            (m.theta - want).abs() < 1e-6,
            "{u:?}: {} vs {want}",
            m.theta
        );
        assert_eq!(m.bounded, want.abs() >= 4.0, "{u:?}: {m:?}");
    }
}

#[test]
fn mle_of_a_flat_likelihood_is_the_start() {
    let items = bank();
    // No answers, or only items whose parameters cannot enter.
    let unusable = [
        p2(0.0, 0.0),
        p2(f64::NAN, 0.0),
        p3(1.0, 0.0, 1.0),
        p2(1e7, 0.0),
        p2(1.0, -2e6),
    ];
    for (items, u) in [
        (&items[..], &[][..]),
        (&unusable[..], &[true, false, true, false, true][..]),
    ] {
        let m = irt::mle(items, u);
        assert_eq!((m.theta, m.se, m.bounded), (0.0, f64::MAX, false));
        let from = irt::mle_from(items, u, 1.25);
        assert_eq!((from.theta, from.se, from.bounded), (1.25, f64::MAX, false));
        assert_eq!(irt::mle_from(items, u, -9.0).theta, -4.0);
        assert_eq!(irt::mle_from(items, u, f64::NAN).theta, 0.0);
    }
    assert!(irt::ability(&unusable, &[true, false, true, false, true]).is_none());
}

#[test]
fn mle_leaves_out_unanswered_and_unusable_items() {
    let items = bank();
    let u = patterns()[0].clone();
    // A shorter vector: the items beyond it were not administered.
    let short = irt::mle(&items, &u[..9]);
    assert_eq!(short, irt::mle(&items[..9], &u[..9]));
    assert!((short.theta - reference_mle(&items[..9], &u[..9])).abs() < 1e-6);
    // Unusable items anywhere in the list change nothing.
    let mut padded = Vec::new();
    let mut answers = Vec::new();
    for (item, &right) in items.iter().zip(&u) {
        padded.push(p2(-1.0, 0.0));
        answers.push(!right);
        padded.push(*item);
        answers.push(right);
    }
    let m = irt::mle(&padded, &answers);
    assert_eq!(m, irt::mle(&items, &u));
    assert_eq!(MleScorer::new(&padded).usable_items(), 12);
}

#[test]
fn mle_finds_the_higher_of_two_maxima() {
    // Four weakly and four very discriminating 3PL items: a guessed right answer to a hard,
    // sharp item after wrong answers to flat ones gives the likelihood a second peak (18 of
    // the 254 mixed patterns have two). Whichever peak is higher must be found.
    let items = vec![
        p3(0.6, -2.0, 0.2),
        p3(0.6, -1.0, 0.2),
        p3(0.6, 0.0, 0.2),
        p3(0.6, 1.0, 0.2),
        p3(3.5, -1.5, 0.2),
        p3(3.5, 0.5, 0.2),
        p3(3.5, 1.5, 0.2),
        p3(3.5, 2.5, 0.2),
    ];
    let mut checked_bimodal = 0;
    for v in 0u32..256 {
        let u: Vec<bool> = (0..8).map(|i| v >> i & 1 == 1).collect();
        if u.iter().all(|&x| x) || u.iter().all(|&x| !x) {
            continue;
        }
        let peaks = (1..1600)
            .filter(|&k| {
                let t = -4.0 + k as f64 * 0.005;
                let here = log_lik(&items, &u, t);
                here > log_lik(&items, &u, t - 0.005) && here >= log_lik(&items, &u, t + 0.005)
            })
            .count();
        let m = irt::mle(&items, &u);
        let want = reference_mle(&items, &u);
        assert!(
            log_lik(&items, &u, m.theta) >= log_lik(&items, &u, want) - 1e-9,
            "{u:?}: {m:?} vs {want}"
        );
        assert!((m.theta - want).abs() < 1e-6, "{u:?}: {m:?} vs {want}");
        if peaks >= 2 {
            checked_bimodal += 1;
        }
    }
    assert!(
        checked_bimodal >= 10,
        "only {checked_bimodal} bimodal patterns"
    );
}

/// Property tests run natively (proptest needs an OS entropy source).
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// On random 2PL/3PL tests and answers, the MLE is the global maximum on [-4, 4] (no
        /// point of a fine grid is higher), solves the score equation when it is inside, and the
        /// scorer gives the very same estimate.
        #[test]
        fn mle_is_the_global_maximum(
            params in prop::collection::vec(
                (0.3f64..3.0, -3.0f64..3.0, prop::option::of(0.0f64..0.35), any::<bool>()),
                2..40,
            ),
        ) {
            let items: Vec<IrtParameters> = params
                .iter()
                .map(|&(a, b, c, _)| IrtParameters { a, b, c })
                .collect();
            let u: Vec<bool> = params.iter().map(|p| p.3).collect();
            let m = irt::mle(&items, &u);
            prop_assert_eq!(m, MleScorer::new(&items).estimate(&u));
            prop_assert!((-4.0..=4.0).contains(&m.theta) && m.se > 0.0);
            let ll = log_lik(&items, &u, m.theta);
            let scale = 1e-10 * (1.0 + ll.abs());
            for k in 0..=800 {
                let t = -4.0 + k as f64 * 0.01;
                prop_assert!(ll >= log_lik(&items, &u, t) - scale, "θ {} beats {:?}", t, m);
            }
            if !m.bounded {
                let d = derivative(&items, &u, m.theta);
                let info = test_information(&items, m.theta);
                prop_assert!(d.abs() < 1e-7 * (1.0 + info), "{:?}: l' = {}", m, d);
            }
        }
    }
}

#[test]
fn standard_errors_are_sane() {
    let items = bank();
    let u = patterns()[0].clone();
    let m = irt::mle(&items, &u);
    let want = 1.0 / test_information(&items, m.theta).sqrt();
    assert!((m.se - want).abs() / want < 1e-9, "{} vs {want}", m.se);
    assert!(m.se > 0.3 && m.se < 2.0);

    // Twice the items with the same answers: the SE shrinks by about √2.
    let doubled: Vec<IrtParameters> = items.iter().chain(items.iter()).copied().collect();
    let u2: Vec<bool> = u.iter().chain(u.iter()).copied().collect();
    let m2 = irt::mle(&doubled, &u2);
    assert!(
        (m2.theta - m.theta).abs() < 1e-8,
        "same proportion, same MLE"
    );
    assert!((m.se / m2.se - 2f64.sqrt()).abs() < 1e-6);

    let est = irt::ability(&items, &u).expect("usable items");
    assert_eq!(est.items, 12);
    assert_eq!(
        (est.mle, est.mle_se, est.mle_bounded),
        (m.theta, m.se, false)
    );
    let (eap, eap_se) = irt::eap(&items, &u);
    assert_eq!((est.eap, est.eap_se), (eap, eap_se));
    // The N(0,1) prior pulls EAP towards 0 relative to the MLE.
    assert!(est.eap.abs() < est.mle.abs());
}

#[test]
fn information_and_probability_match_the_reference() {
    for item in bank() {
        for theta in [-4.0, -1.3, 0.0, 0.7, 4.0] {
            assert!((irt::probability(&item, theta) - prob(&item, theta)).abs() < 1e-14);
            let want = test_information(&[item], theta);
            assert!((irt::information(&item, theta) - want).abs() < 1e-12 * want.max(1.0));
        }
    }
}

#[test]
fn extreme_parameters_give_finite_estimates() {
    let items = vec![
        p2(10.0, 10.0),
        p2(10.0, -10.0),
        p3(1e5, 3.0, 0.3),
        p2(1e5, -2.0),
    ];
    for u in [
        [true, false, true, false],
        [false, true, false, true],
        [true; 4],
        [false; 4],
    ] {
        let est = irt::ability(&items, &u).expect("usable");
        for v in [est.eap, est.eap_se, est.mle, est.mle_se] {
            assert!(v.is_finite(), "{u:?}: {est:?}");
        }
        assert!((-4.0..=4.0).contains(&est.mle) && (-4.0..=4.0).contains(&est.eap));
    }
}
