//! IRT item and test information on the logistic metric (D = 1), through `libm` so the values
//! are bit-identical on wasm32 and x86_64.
//!
//! For the 3PL model `P(θ) = c + (1 − c) / (1 + exp(−a(θ − b)))` the item information is
//! `I(θ) = a² · ((P − c)² / (1 − c)²) · ((1 − P) / P)`; with `c = 0` (2PL) this is
//! `a² · P · (1 − P)`.

use crate::model::IrtParameters;

/// Probability of a correct response at ability `theta`. Returns 0 for parameters that are
/// not usable (non-finite, or `c` outside [0, 1)).
pub fn probability(irt: &IrtParameters, theta: f64) -> f64 {
    let c = irt.c.unwrap_or(0.0);
    if !(irt.a.is_finite() && irt.b.is_finite() && theta.is_finite() && (0.0..1.0).contains(&c)) {
        return 0.0;
    }
    let p = c + (1.0 - c) / (1.0 + libm::exp(-irt.a * (theta - irt.b)));
    if p.is_finite() {
        p
    } else {
        0.0
    }
}

/// Fisher information of one item at `theta`. Never negative, never NaN: parameters that
/// cannot give a value give 0.
pub fn item_information(irt: &IrtParameters, theta: f64) -> f64 {
    let c = irt.c.unwrap_or(0.0);
    let p = probability(irt, theta);
    if !(p > 0.0 && p < 1.0 && (0.0..1.0).contains(&c)) {
        return 0.0;
    }
    let lift = (p - c) / (1.0 - c);
    let info = irt.a * irt.a * lift * lift * ((1.0 - p) / p);
    if info.is_finite() && info > 0.0 {
        info
    } else {
        0.0
    }
}

/// Test information: the sum of item information at `theta` (items without IRT add 0).
pub fn test_information<'a>(
    items: impl IntoIterator<Item = Option<&'a IrtParameters>>,
    theta: f64,
) -> f64 {
    items
        .into_iter()
        .flatten()
        .map(|irt| item_information(irt, theta))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irt(a: f64, b: f64, c: Option<f64>) -> IrtParameters {
        IrtParameters { a, b, c }
    }

    #[test]
    fn two_pl_peaks_at_b_with_a_squared_over_four() {
        let i = item_information(&irt(1.6, 0.5, None), 0.5);
        assert!((i - 1.6 * 1.6 / 4.0).abs() < 1e-12);
        assert!(item_information(&irt(1.6, 0.5, None), 2.0) < i);
    }

    #[test]
    fn three_pl_matches_the_formula() {
        let p = irt(1.2, 0.0, Some(0.2));
        let theta = 0.7;
        let pr = 0.2 + 0.8 / (1.0 + libm::exp(-1.2 * 0.7));
        let expected = 1.44 * ((pr - 0.2) * (pr - 0.2) / 0.64) * ((1.0 - pr) / pr);
        assert!((item_information(&p, theta) - expected).abs() < 1e-12);
        // Guessing lowers information.
        assert!(item_information(&p, theta) < item_information(&irt(1.2, 0.0, None), theta));
    }

    #[test]
    fn bad_parameters_give_zero() {
        assert_eq!(item_information(&irt(f64::NAN, 0.0, None), 0.0), 0.0);
        assert_eq!(item_information(&irt(1.0, 0.0, Some(1.5)), 0.0), 0.0);
        assert_eq!(item_information(&irt(50.0, 0.0, None), 40.0), 0.0);
        assert!(item_information(&irt(1.0, 0.0, None), 30.0) >= 0.0);
    }

    #[test]
    fn test_information_sums_items() {
        let a = irt(1.0, 0.0, None);
        let b = irt(2.0, 1.0, None);
        let t = test_information([Some(&a), None, Some(&b)], 0.5);
        assert!((t - item_information(&a, 0.5) - item_information(&b, 0.5)).abs() < 1e-12);
    }
}
