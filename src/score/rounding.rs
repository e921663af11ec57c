//! The one rounding rule for reported figures (`scoring.rounding`), and the plain formatting of
//! rounded figures in sentences.
//!
//! # The rule
//! A figure is rounded as the decimal number it is *written as*: the shortest decimal string
//! that reads back to the same `f64` ([`Shortest`], the digits of Rust's `{:e}`, exact and
//! identical on every target). So `2.345`, stored in binary as 2.34499999999999997…, is
//! treated as the decimal 2.345 and is a tie: half-up gives 2.35, half-even 2.34. Rounding is
//! done on that digit string, and the rounded decimal is read back with [`decimal::parse`],
//! which is correctly rounded. Nothing here depends on the platform's floating-point library.

use crate::decimal::{self, Decimal, Shortest};
use crate::model::{Rounding, RoundingMode};

/// The most digits after the decimal point the rule allows.
pub const MAX_DECIMALS: u32 = 6;

/// Round `value` to `rounding.decimals` digits (clamped to 0..=6) by `rounding.mode`:
/// `half_up` breaks ties away from zero, `half_even` to the even digit, `down` always goes
/// towards −∞. Ties are decided on the shortest decimal representation (see the module docs).
/// NaN and infinities are returned unchanged; a zero result is always `+0.0`.
pub fn round(value: f64, rounding: &Rounding) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let decimals = rounding.decimals.min(MAX_DECIMALS);
    let negative = value.is_sign_negative();
    let (digits, exponent) = shortest_digits(value.abs());
    // Number of digits kept: those before the point plus `decimals` after it.
    let kept_len = exponent + 1 + decimals as i64;
    if kept_len >= digits.len() as i64 {
        return value + 0.0; // already exact at this precision; `+ 0.0` turns -0.0 into 0.0
    }
    let (kept, rest): (&[u8], Vec<u8>) = if kept_len <= 0 {
        // Everything is dropped; the dropped part starts with -kept_len zeros.
        let mut rest = vec![0u8; kept_len.unsigned_abs().min(400) as usize];
        rest.extend_from_slice(&digits);
        (&[], rest)
    } else {
        let split = kept_len as usize;
        (&digits[..split], digits[split..].to_vec())
    };
    let mut magnitude: u64 = kept.iter().fold(0u64, |m, d| m * 10 + u64::from(*d));
    if rounds_magnitude_up(rounding.mode, negative, magnitude, &rest) {
        magnitude += 1;
    }
    if magnitude == 0 {
        return 0.0;
    }
    let text = format!(
        "{}{}e-{}",
        if negative { "-" } else { "" },
        magnitude,
        decimals
    );
    decimal::parse(&text).unwrap_or(value)
}

/// The shortest decimal digits of a finite, non-negative `value` and its decimal exponent:
/// `value = d0.d1d2… × 10^exponent`. Zero gives `([0], 0)`.
fn shortest_digits(value: f64) -> (Vec<u8>, i64) {
    let shortest = Shortest::of(value);
    if shortest.digits.is_empty() {
        return (vec![0], 0);
    }
    let digits = shortest.digits.iter().map(|d| d - b'0').collect();
    (digits, i64::from(shortest.point) - 1)
}

/// Whether dropping `rest` (a non-empty digit string whose last digit is non-zero, or a run of
/// zeros followed by such digits) moves the kept magnitude up by one unit.
fn rounds_magnitude_up(mode: RoundingMode, negative: bool, kept: u64, rest: &[u8]) -> bool {
    let nonzero = rest.iter().any(|d| *d != 0);
    match mode {
        // Towards −∞: a positive value is truncated, a negative one grows in magnitude.
        RoundingMode::Down => negative && nonzero,
        RoundingMode::HalfUp | RoundingMode::HalfEven => {
            let first = rest.first().copied().unwrap_or(0);
            let tail_nonzero = rest.iter().skip(1).any(|d| *d != 0);
            match first.cmp(&5) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal if tail_nonzero => true,
                std::cmp::Ordering::Equal => match mode {
                    RoundingMode::HalfEven => kept % 2 == 1,
                    _ => true,
                },
            }
        }
    }
}

/// Format a rounded figure the short way: `70`, `61.5`, `0.25` (no trailing zeros).
pub fn format_rounded(value: f64, rounding: &Rounding) -> String {
    Decimal(round(value, rounding)).to_string()
}

/// Format a rounded figure with exactly `decimals` digits after the point (at least `min`):
/// `0.80`.
pub fn format_fixed(value: f64, rounding: &Rounding, min_decimals: u32) -> String {
    let decimals = rounding.decimals.max(min_decimals).min(MAX_DECIMALS);
    let r = Rounding {
        decimals,
        mode: rounding.mode,
    };
    format!("{:.*}", decimals as usize, Decimal(round(value, &r)))
}

/// The package rounding, with extra digits (up to [`MAX_DECIMALS`]) when the rule would show
/// two different figures as equal, so that a sentence like "69.996 is below 70" never reads
/// "70 is below 70".
pub fn distinguishing(a: f64, b: f64, rounding: &Rounding) -> Rounding {
    let mut r = *rounding;
    r.decimals = r.decimals.min(MAX_DECIMALS);
    while a != b && round(a, &r) == round(b, &r) && r.decimals < MAX_DECIMALS {
        r.decimals += 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(decimals: u32, mode: RoundingMode) -> Rounding {
        Rounding { decimals, mode }
    }

    #[test]
    fn ties_follow_the_written_decimal() {
        assert_eq!(round(2.345, &r(2, RoundingMode::HalfUp)), 2.35);
        assert_eq!(round(2.345, &r(2, RoundingMode::HalfEven)), 2.34);
        assert_eq!(round(2.355, &r(2, RoundingMode::HalfEven)), 2.36);
        assert_eq!(round(0.125, &r(2, RoundingMode::HalfEven)), 0.12);
        assert_eq!(round(0.125, &r(2, RoundingMode::HalfUp)), 0.13);
        assert_eq!(round(1.005, &r(2, RoundingMode::HalfUp)), 1.01);
        assert_eq!(round(-2.345, &r(2, RoundingMode::HalfUp)), -2.35);
        assert_eq!(round(2.5, &r(0, RoundingMode::HalfEven)), 2.0);
        assert_eq!(round(3.5, &r(0, RoundingMode::HalfEven)), 4.0);
    }

    #[test]
    fn down_goes_towards_minus_infinity() {
        assert_eq!(round(2.349, &r(2, RoundingMode::Down)), 2.34);
        assert_eq!(round(-2.341, &r(2, RoundingMode::Down)), -2.35);
        assert_eq!(round(69.999, &r(0, RoundingMode::Down)), 69.0);
        assert_eq!(round(-0.0001, &r(2, RoundingMode::Down)), -0.01);
        assert_eq!(round(0.0001, &r(2, RoundingMode::Down)), 0.0);
    }

    #[test]
    fn edges() {
        assert_eq!(round(0.004, &r(2, RoundingMode::HalfUp)), 0.0);
        assert!(round(-0.004, &r(2, RoundingMode::HalfUp)).is_sign_positive());
        assert_eq!(round(0.005, &r(2, RoundingMode::HalfUp)), 0.01);
        assert_eq!(round(0.0005, &r(2, RoundingMode::HalfUp)), 0.0);
        assert_eq!(round(9.995, &r(2, RoundingMode::HalfUp)), 10.0);
        assert_eq!(round(1e300, &r(2, RoundingMode::HalfUp)), 1e300);
        assert_eq!(round(1e-300, &r(6, RoundingMode::Down)), 0.0);
        assert_eq!(round(70.0, &r(2, RoundingMode::HalfUp)), 70.0);
        assert_eq!(round(2.345, &r(9, RoundingMode::HalfUp)), 2.345);
        assert!(round(f64::NAN, &r(2, RoundingMode::HalfUp)).is_nan());
        assert_eq!(
            round(f64::INFINITY, &r(2, RoundingMode::HalfUp)),
            f64::INFINITY
        );
    }

    #[test]
    fn formats() {
        let two = r(2, RoundingMode::HalfUp);
        assert_eq!(format_rounded(61.5, &two), "61.5");
        assert_eq!(format_rounded(70.0, &two), "70");
        assert_eq!(format_fixed(0.8, &two, 2), "0.80");
        assert_eq!(format_fixed(0.8, &r(0, RoundingMode::HalfUp), 2), "0.80");
        let d = distinguishing(69.996, 70.0, &two);
        assert_eq!(format_rounded(69.996, &d), "69.996");
    }
}
