//! An `f64` with a fixed number of decimals, as `format!("{:.N}", x)` writes it: the exact
//! binary value rounded half to even (`0.125` → `0.12`, `2.5` → `2`), every integer digit
//! written out, and a `-` for any negative value, zero included (`-0.00`).

use std::cmp::Ordering;

use super::big::Big;

/// Decimals past this many are zeros for every `f64` (the smallest has 1074).
const EXACT_DECIMALS: usize = 1100;

/// The digits of finite `value` with `decimals` digits after the point, sign included.
pub(super) fn fixed(value: f64, decimals: usize) -> String {
    let zeros = decimals.saturating_sub(EXACT_DECIMALS);
    let decimals = decimals - zeros;
    let (mantissa, exponent) = super::parts(value);
    // round(|value| × 10^decimals), as an integer.
    let mut scaled = Big::from_u64(mantissa);
    scaled.mul_pow10(decimals as u32);
    if exponent >= 0 {
        scaled.shl(exponent as u32);
    } else {
        let dropped = scaled.shr_compare_half(exponent.unsigned_abs());
        if dropped == Ordering::Greater || (dropped == Ordering::Equal && scaled.is_odd()) {
            scaled.mul_add_small(1, 1);
        }
    }
    let mut digits = scaled.to_decimal();
    if digits.len() <= decimals {
        let padding = decimals + 1 - digits.len();
        digits.splice(0..0, std::iter::repeat_n(b'0', padding));
    }
    let mut out = String::with_capacity(digits.len() + 2);
    if value.is_sign_negative() {
        out.push('-');
    }
    let point = digits.len() - decimals;
    for (i, d) in digits.iter().enumerate() {
        if i == point {
            out.push('.');
        }
        out.push(char::from(*d));
    }
    out.extend(std::iter::repeat_n('0', zeros));
    out
}
