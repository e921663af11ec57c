//! A small unsigned big integer, just enough for exact decimal ↔ binary conversion: the slow
//! path of [`super::parse`] (a long or extreme number compared exactly) and
//! [`super::fixed`] (the exact decimal expansion of an `f64`).
//!
//! Limbs are `u32`, least significant first, with no zero limb at the top (zero is no limbs),
//! so products fit `u64` on every target, wasm32 included.

use std::cmp::Ordering;

/// An unsigned integer of any size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Big(Vec<u32>);

/// 10⁹, the largest power of ten in a `u32` limb.
const TEN_9: u32 = 1_000_000_000;

impl Big {
    /// `value` as a big integer.
    pub(super) fn from_u64(value: u64) -> Big {
        let mut big = Big(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    /// Whether this is zero.
    pub(super) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this is odd.
    pub(super) fn is_odd(&self) -> bool {
        self.0.first().is_some_and(|limb| limb & 1 == 1)
    }

    /// Number of significant bits (0 for zero).
    pub(super) fn bit_len(&self) -> u32 {
        match self.0.last() {
            Some(top) => (self.0.len() as u32 - 1) * 32 + (32 - top.leading_zeros()),
            None => 0,
        }
    }

    /// `self = self × factor + addend`.
    pub(super) fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    /// `self = self × 10^power`.
    pub(super) fn mul_pow10(&mut self, mut power: u32) {
        while power >= 9 {
            self.mul_add_small(TEN_9, 0);
            power -= 9;
        }
        self.mul_add_small(10u32.pow(power), 0);
    }

    /// `self = self × 2^bits`.
    pub(super) fn shl(&mut self, bits: u32) {
        if self.is_zero() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// `self = ⌊self / 2^bits⌋`; returns what was dropped compared with half of 2^bits
    /// (`Less` when nothing or less than half was dropped).
    pub(super) fn shr_compare_half(&mut self, bits: u32) -> Ordering {
        if bits == 0 {
            return Ordering::Less;
        }
        let half = bits - 1;
        let half_set = self.bit(half);
        let below = (0..half / 32).any(|i| self.0.get(i as usize).is_some_and(|l| *l != 0))
            || self
                .0
                .get((half / 32) as usize)
                .is_some_and(|l| l & ((1u32 << (half % 32)) - 1) != 0);
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        self.0.drain(..limbs.min(self.0.len()));
        if bits != 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut().rev() {
                let next = *limb << (32 - bits);
                *limb = (*limb >> bits) | carry;
                carry = next;
            }
        }
        self.trim();
        match (half_set, below) {
            (false, _) => Ordering::Less,
            (true, false) => Ordering::Equal,
            (true, true) => Ordering::Greater,
        }
    }

    /// Bit `index` (from the least significant, 0).
    fn bit(&self, index: u32) -> bool {
        self.0
            .get((index / 32) as usize)
            .is_some_and(|limb| (limb >> (index % 32)) & 1 == 1)
    }

    /// `self -= other`; `other` must not be greater than `self`.
    pub(super) fn sub(&mut self, other: &Big) {
        let mut borrow = 0u64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let subtrahend = u64::from(other.0.get(i).copied().unwrap_or(0)) + borrow;
            let (difference, under) = u64::from(*limb).overflowing_sub(subtrahend);
            *limb = difference as u32;
            borrow = u64::from(under);
        }
        self.trim();
    }

    /// `self = ⌊self / divisor⌋`; returns the remainder. `divisor` must not be 0.
    pub(super) fn div_small(&mut self, divisor: u32) -> u32 {
        let mut remainder = 0u64;
        for limb in self.0.iter_mut().rev() {
            let dividend = (remainder << 32) | u64::from(*limb);
            *limb = (dividend / u64::from(divisor)) as u32;
            remainder = dividend % u64::from(divisor);
        }
        self.trim();
        remainder as u32
    }

    /// The decimal digits (ASCII), most significant first; "0" for zero.
    pub(super) fn to_decimal(&self) -> Vec<u8> {
        let mut rest = self.clone();
        let mut chunks = Vec::new();
        while !rest.is_zero() {
            chunks.push(rest.div_small(TEN_9));
        }
        let mut out = match chunks.pop() {
            Some(top) => top.to_string().into_bytes(),
            None => return b"0".to_vec(),
        };
        for chunk in chunks.iter().rev() {
            let mut digits = [b'0'; 9];
            let mut chunk = *chunk;
            for d in digits.iter_mut().rev() {
                *d = b'0' + (chunk % 10) as u8;
                chunk /= 10;
            }
            out.extend_from_slice(&digits);
        }
        out
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
