//! Decimal text for `f64`s, in and out: the engine's one float formatter and one float parser.
//!
//! # Why
//! The browser module is sent to every learner, so its size counts. Formatting an `f64` with
//! `{}`, `{:.2}`, `{:?}` or `{:e}` links core's `flt2dec` (Grisu with a Dragon fallback and a
//! big-integer library, about 19 KB), and `str::parse::<f64>` links core's `dec2flt` (its code
//! and power-of-ten tables, about 14 KB). `serde_json` already carries `zmij` to write JSON
//! numbers, so this module builds on it instead, and parses with a small exact parser.
//!
//! # How to use it
//! - Put an `f64` in a message as [`Decimal`]: `format!("found {}", Decimal(x))` writes
//!   exactly what `format!("found {x}")` writes (`70`, `0.25`, `1000000000000000000000`,
//!   `-0`, `NaN`, `inf`), and `format!("{:.2}", Decimal(x))` exactly what `{:.2}` writes
//!   (`0.80`, ties to even on the exact binary value). Never format a bare `f64` in code the
//!   browser module reaches: that links `flt2dec` back in.
//! - Read decimal text with [`parse`] (correctly rounded, as `str::parse::<f64>`), never
//!   `str::parse::<f64>`.
//! - The shortest round-trip digits of a value, for rounding by its written decimal, are
//!   [`Shortest::of`].
//!
//! Width, fill, alignment and `+` flags are not supported by [`Decimal`].

mod big;
mod fixed;
mod parse;
mod shortest;

use std::fmt;

pub use parse::parse;
pub use shortest::Shortest;

/// An `f64` that displays exactly as Rust displays it (`{}` and `{:.N}`), through `zmij`
/// and this module's exact fixed-point writer rather than core's `flt2dec`.
///
/// ```
/// use certa::decimal::Decimal;
/// assert_eq!(Decimal(70.0).to_string(), "70");
/// assert_eq!(Decimal(0.1 + 0.2).to_string(), "0.30000000000000004");
/// assert_eq!(Decimal(1e-7).to_string(), "0.0000001");
/// assert_eq!(format!("{:.2}", Decimal(0.8)), "0.80");
/// assert_eq!(format!("{:.2}", Decimal(0.125)), "0.12");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decimal(pub f64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if value.is_nan() {
            return f.write_str("NaN");
        }
        if value.is_infinite() {
            return f.write_str(if value < 0.0 { "-inf" } else { "inf" });
        }
        match f.precision() {
            Some(decimals) => f.write_str(&fixed::fixed(value, decimals)),
            None => {
                if value.is_sign_negative() {
                    f.write_str("-")?;
                }
                f.write_str(&Shortest::of(value).plain())
            }
        }
    }
}

/// `|value| = mantissa × 2^exponent`, for a finite `value`.
fn parts(value: f64) -> (u64, i32) {
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

#[cfg(test)]
mod tests;
