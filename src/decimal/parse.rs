//! Decimal text to the nearest `f64` (round half to even), exactly as `str::parse::<f64>`
//! reads it, for the grammar of JSON numbers.
//!
//! Most numbers take the fast path: at most 19 significant digits whose value is below 2⁵³
//! and a power of ten within 10^±22 are both exact `f64`s, so one correctly rounded
//! multiplication or division gives the answer. The rest (long or extreme numbers) are
//! decided exactly with big integers: the decimal is a ratio `num / den`, scaled by a power of
//! two until its quotient has 63 or 64 bits, and that quotient, with the remainder as a sticky
//! bit, is rounded to 53 bits (fewer below the normal range).
//!
//! Digits past the 800th only matter by being non-zero: they are replaced by one trailing
//! `1`, which sits on the same side of every halfway point between two `f64`s (those have at
//! most 767 significant digits).

use super::big::Big;

/// Significant digits kept before the rest is summarized as one non-zero digit.
const MAX_DIGITS: usize = 800;

/// Exponents are clamped to this magnitude: anything beyond is infinite or zero already.
const EXPONENT_LIMIT: i64 = 100_000;

/// The `f64` nearest to decimal `text`: an optional sign, digits with an optional fraction
/// (`12`, `0.5`, `.5`, `5.`), and an optional exponent (`e-7`, `E+3`). A number too large
/// for `f64` is infinite; one too small is zero (with its sign). `None` when `text` is not a
/// number in that form (`inf`, `NaN`, an empty string, a stray character).
///
/// ```
/// use certa::decimal::parse;
/// assert_eq!(parse("0.1"), Some(0.1));
/// assert_eq!(parse("-2.5e-3"), Some(-0.0025));
/// assert_eq!(parse("1e400"), Some(f64::INFINITY));
/// assert_eq!(parse("1.2.3"), None);
/// ```
pub fn parse(text: &str) -> Option<f64> {
    let number = Scanned::new(text)?;
    let magnitude = number.magnitude(text);
    Some(if number.negative {
        -magnitude
    } else {
        magnitude
    })
}

/// One pass over the text: where the digits are, the first 19 significant ones as an
/// integer, and the decimal exponent.
struct Scanned {
    negative: bool,
    /// Byte range of the digits and point (the mantissa, without sign or exponent).
    mantissa: std::ops::Range<usize>,
    /// The first (up to) 19 significant digits as an integer.
    leading: u64,
    /// How many significant digits there are in all (from the first non-zero one).
    significant: usize,
    /// The value is `0.d₁d₂…` (all significant digits) × 10^`point`.
    point: i64,
}

impl Scanned {
    fn new(text: &str) -> Option<Scanned> {
        let bytes = text.as_bytes();
        let mut i = 0;
        let negative = match bytes.first() {
            Some(b'-') => {
                i = 1;
                true
            }
            Some(b'+') => {
                i = 1;
                false
            }
            _ => false,
        };
        let start = i;
        let (mut leading, mut significant, mut point) = (0u64, 0usize, 0i64);
        let (mut digits, mut seen_point) = (0usize, false);
        while let Some(&b) = bytes.get(i) {
            match b {
                b'0'..=b'9' => {
                    digits += 1;
                    if significant == 0 && b == b'0' {
                        // A leading zero: after the point it moves the first digit right.
                        if seen_point {
                            point -= 1;
                        }
                    } else {
                        if significant < 19 {
                            leading = leading * 10 + u64::from(b - b'0');
                        }
                        significant += 1;
                        if !seen_point {
                            point += 1;
                        }
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if digits == 0 {
            return None;
        }
        let mantissa = start..i;
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            let exponent_negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let exponent_start = i;
            let mut exponent = 0i64;
            while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
                exponent = (exponent * 10 + i64::from(b - b'0')).min(EXPONENT_LIMIT);
                i += 1;
            }
            if i == exponent_start {
                return None;
            }
            point += if exponent_negative {
                -exponent
            } else {
                exponent
            };
        }
        if i != bytes.len() {
            return None;
        }
        Some(Scanned {
            negative,
            mantissa,
            leading,
            significant,
            point,
        })
    }

    /// The nearest `f64` to the number's absolute value.
    fn magnitude(&self, text: &str) -> f64 {
        if self.significant == 0 {
            return 0.0;
        }
        // value < 10^point ≤ 10^-325: under half the smallest subnormal (2.5e-324).
        if self.point < -324 {
            return 0.0;
        }
        // value ≥ 10^(point-1) ≥ 10^309: beyond f64::MAX.
        if self.point > 309 {
            return f64::INFINITY;
        }
        // The integer of the first ≤ 19 digits, scaled by 10^exponent.
        let exponent = self.point - self.significant.min(19) as i64;
        if self.significant <= 19 && self.leading <= 1 << 53 && exponent.abs() <= 22 {
            let power = pow10(exponent.unsigned_abs() as u32);
            let leading = self.leading as f64;
            return if exponent < 0 {
                leading / power
            } else {
                leading * power
            };
        }
        self.exact(text)
    }

    /// The slow path: every significant digit (up to [`MAX_DIGITS`]) as a big integer.
    fn exact(&self, text: &str) -> f64 {
        let mut num = Big::from_u64(0);
        let mut kept = 0usize;
        let mut dropped_non_zero = false;
        let mantissa = text
            .as_bytes()
            .get(self.mantissa.clone())
            .unwrap_or_default();
        let digits = mantissa
            .iter()
            .filter(|b| b.is_ascii_digit())
            .skip_while(|b| **b == b'0');
        for &b in digits {
            if kept < MAX_DIGITS {
                num.mul_add_small(10, u32::from(b - b'0'));
                kept += 1;
            } else if b != b'0' {
                dropped_non_zero = true;
                break;
            }
        }
        if dropped_non_zero {
            num.mul_add_small(10, 1);
            kept += 1;
        }
        // value = num × 10^exponent
        let exponent = self.point - kept as i64;
        let mut den = Big::from_u64(1);
        if exponent >= 0 {
            num.mul_pow10(exponent as u32);
        } else {
            den.mul_pow10(exponent.unsigned_abs() as u32);
        }
        nearest(num, den)
    }
}

/// 10^`power` for `power` ≤ 22: exact in an `f64`.
fn pow10(power: u32) -> f64 {
    (0..power).fold(1.0, |p, _| p * 10.0)
}

/// The `f64` nearest to `num / den` (both non-zero), ties to even.
fn nearest(mut num: Big, mut den: Big) -> f64 {
    // num / den lies in (2^(d-1), 2^(d+1)); scaled by 2^shift it lies in (2^62, 2^64).
    let d = i64::from(num.bit_len()) - i64::from(den.bit_len());
    let shift = 63 - d;
    if shift >= 0 {
        num.shl(shift as u32);
    } else {
        den.shl(shift.unsigned_abs() as u32);
    }
    // Binary long division: 64 quotient bits, the remainder as the sticky bit.
    den.shl(64);
    let mut quotient = 0u64;
    for _ in 0..64 {
        num.shl(1);
        quotient <<= 1;
        if num >= den {
            num.sub(&den);
            quotient |= 1;
        }
    }
    let sticky = !num.is_zero();
    // value = (quotient + fraction) × 2^-shift, with quotient of `width` (63 or 64) bits.
    let width = 64 - i64::from(quotient.leading_zeros());
    let binary_exponent = width - 1 - shift;
    if binary_exponent > 1023 {
        return f64::INFINITY;
    }
    // Bits kept: 53, fewer for a subnormal; none left means below 2^-1075 or just above.
    let keep = 53 - (-1022 - binary_exponent).max(0);
    if keep < 0 {
        return 0.0;
    }
    let drop = (width - keep) as u32;
    let (kept, dropped) = if drop == 64 {
        (0, quotient)
    } else {
        (quotient >> drop, quotient & ((1u64 << drop) - 1))
    };
    let half = 1u64 << (drop - 1);
    let round_up = dropped > half || (dropped == half && (sticky || kept & 1 == 1));
    let mantissa = kept + u64::from(round_up);
    let bits = if binary_exponent >= -1022 {
        // The mantissa's leading bit (2^52) lands in the exponent field, adding the 1 the
        // biased exponent lacks; a carry to 2^53 moves to the next binade (or infinity).
        ((binary_exponent + 1022) as u64) * (1 << 52) + mantissa
    } else {
        mantissa
    };
    f64::from_bits(bits)
}
