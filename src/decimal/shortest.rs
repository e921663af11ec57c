//! The shortest decimal digits that read back as the same `f64` (the digits Rust's `{}`,
//! `{:?}` and `{:e}` print), from `zmij`, the formatter `serde_json` already uses.
//!
//! The two agree but for ties: when the value lies exactly halfway between the two closest
//! shortest candidates (`2^-25` = 2.98023223876953125e-8, between …312 and …313), `zmij`
//! takes the even one and Rust the upper one. A tie needs 16 or more digits (the candidates
//! are one unit of the last digit apart, and that must not exceed the value's binary spacing),
//! so only such values are checked, exactly, and moved up to Rust's choice.

use super::big::Big;

/// The shortest round-trip digits of a finite `f64`: its magnitude is
/// `0.d₁d₂…dₙ × 10^point`, with `d₁` and `dₙ` non-zero. Zero has no digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortest {
    /// The significant digits, as ASCII (`b"125"`).
    pub digits: Vec<u8>,
    /// Where the decimal point goes: before the first digit plus `point` places.
    pub point: i32,
}

impl Shortest {
    /// The digits of finite `value`, sign ignored (NaN and infinities give the digits of some
    /// finite number: check first).
    pub fn of(value: f64) -> Shortest {
        let mut buffer = zmij::Buffer::new();
        // zmij writes `123.45`, `1.5e-7` or `1e+21`.
        let text = buffer.format_finite(value.abs());
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let exponent = exponent.parse::<i32>().unwrap_or(0);
        let before_point = mantissa.find('.').unwrap_or(mantissa.len()) as i32;
        let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        let leading_zeros = digits.iter().take_while(|d| **d == b'0').count();
        digits.drain(..leading_zeros);
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        let mut shortest = Shortest {
            point: if digits.is_empty() {
                0
            } else {
                before_point - leading_zeros as i32 + exponent
            },
            digits,
        };
        if shortest.digits.len() >= 16 && shortest.is_half_below(value) {
            shortest.round_up_last();
        }
        shortest
    }

    /// Whether |`value`| is exactly half a unit of the last digit above these digits.
    fn is_half_below(&self, value: f64) -> bool {
        let (mantissa, exponent) = super::parts(value);
        let candidate = self
            .digits
            .iter()
            .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        // 2 × mantissa × 2^exponent against (2 × candidate + 1) × 10^k
        let k = self.point - self.digits.len() as i32;
        let mut twice_value = Big::from_u64(mantissa);
        let mut halfway = Big::from_u64(2 * candidate + 1);
        if exponent + 1 >= 0 {
            twice_value.shl((exponent + 1) as u32);
        } else {
            halfway.shl((exponent + 1).unsigned_abs());
        }
        if k >= 0 {
            halfway.mul_pow10(k as u32);
        } else {
            twice_value.mul_pow10(k.unsigned_abs());
        }
        twice_value == halfway
    }

    /// Add one unit of the last digit (`…3125` → `…313`, `…9` carries, `99` → `1`).
    fn round_up_last(&mut self) {
        while let Some(last) = self.digits.pop() {
            if last != b'9' {
                self.digits.push(last + 1);
                return;
            }
        }
        self.digits.push(b'1');
        self.point += 1;
    }

    /// The digits written out without exponent, as `{}` writes an `f64`: `1000`, `0.0001`,
    /// `12.5`, `0` (no sign).
    pub(super) fn plain(&self) -> String {
        let len = self.digits.len() as i32;
        let mut out =
            String::with_capacity(self.digits.len() + self.point.unsigned_abs() as usize + 2);
        if self.digits.is_empty() {
            out.push('0');
        } else if self.point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', self.point.unsigned_abs() as usize));
            out.extend(self.digits.iter().map(|d| char::from(*d)));
        } else if self.point >= len {
            out.extend(self.digits.iter().map(|d| char::from(*d)));
            out.extend(std::iter::repeat_n('0', (self.point - len) as usize));
        } else {
            for (i, d) in self.digits.iter().enumerate() {
                if i as i32 == self.point {
                    out.push('.');
                }
                out.push(char::from(*d));
            }
        }
        out
    }
}
