//! Small non-negative big integers for exact decimal conversion, shared by
//! the decimal parser (`formula::decimal`) and the number formatter
//! ([`super`]). Only the few operations those need; every loop is bounded
//! by the operands' length, and nothing here panics.

use core::cmp::Ordering;

/// Long division when the quotient is known to be below `2^66`: returns it
/// and whether a remainder is left.
pub(crate) fn divide_small_quotient(mut remainder: Big, denominator: Big) -> (u128, bool) {
    let mut shifted = denominator;
    shifted.shl(65);
    let mut quotient = 0_u128;
    for bit in (0..=65).rev() {
        if remainder.cmp(&shifted) != Ordering::Less {
            remainder.sub_assign(&shifted);
            quotient |= 1 << bit;
        }
        shifted.shr1();
    }
    (quotient, !remainder.is_zero())
}

/// A non-negative big integer: little-endian base-2^32 limbs, no high zeros.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Big {
    limbs: Vec<u32>,
}

impl Big {
    pub(crate) fn one() -> Big {
        Big { limbs: vec![1] }
    }

    pub(crate) fn from_u64(value: u64) -> Big {
        let mut big = Big {
            limbs: vec![value as u32, (value >> 32) as u32],
        };
        big.normalize();
        big
    }

    /// The integer whose decimal digits (values 0..=9) these are.
    pub(crate) fn from_digits(digits: impl Iterator<Item = u8>) -> Big {
        let mut big = Big { limbs: Vec::new() };
        let (mut chunk, mut chunk_scale) = (0_u32, 1_u32);
        for digit in digits {
            chunk = chunk * 10 + u32::from(digit);
            chunk_scale *= 10;
            if chunk_scale == 1_000_000_000 {
                big.mul_add_small(chunk_scale, chunk);
                (chunk, chunk_scale) = (0, 1);
            }
        }
        big.mul_add_small(chunk_scale, chunk);
        big
    }

    /// `self = self × factor + addend`.
    pub(crate) fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.limbs {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32; // low half; the high half carries
            carry = product >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.normalize();
    }

    /// `self = self × 10^power`.
    pub(crate) fn mul_pow10(&mut self, power: u64) {
        let mut left = power;
        while left >= 9 {
            self.mul_add_small(1_000_000_000, 0);
            left -= 9;
        }
        let rest = (0..left).fold(1_u32, |p, _| p * 10);
        self.mul_add_small(rest, 0);
    }

    /// `self = self × 5^power`.
    pub(crate) fn mul_pow5(&mut self, power: u64) {
        const FIVE_TO_13: u32 = 1_220_703_125;
        let mut left = power;
        while left >= 13 {
            self.mul_add_small(FIVE_TO_13, 0);
            left -= 13;
        }
        let rest = (0..left).fold(1_u32, |p, _| p * 5);
        self.mul_add_small(rest, 0);
    }

    /// `self = self + other`.
    pub(crate) fn add_assign(&mut self, other: &Big) {
        if self.limbs.len() < other.limbs.len() {
            self.limbs.resize(other.limbs.len(), 0);
        }
        let mut carry = 0_u64;
        let others = other.limbs.iter().chain(core::iter::repeat(&0));
        for (limb, &addend) in self.limbs.iter_mut().zip(others) {
            let sum = u64::from(*limb) + u64::from(addend) + carry;
            *limb = sum as u32; // low half; the high half carries
            carry = sum >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
    }

    pub(crate) fn bit_len(&self) -> usize {
        self.limbs.last().map_or(0, |top| {
            32 * self.limbs.len() - top.leading_zeros() as usize
        })
    }

    /// `self = self × 2^bits`.
    pub(crate) fn shl(&mut self, bits: u64) {
        let whole = usize::try_from(bits / 32).unwrap_or(0);
        let part = (bits % 32) as u32;
        if part != 0 {
            let mut carry = 0_u32;
            for limb in &mut self.limbs {
                let next = *limb >> (32 - part);
                *limb = (*limb << part) | carry;
                carry = next;
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        if whole > 0 {
            let mut shifted = vec![0; whole];
            shifted.extend_from_slice(&self.limbs);
            self.limbs = shifted;
        }
    }

    /// `self = self / 2`, rounding down.
    pub(crate) fn shr1(&mut self) {
        let mut carry = 0_u32;
        for limb in self.limbs.iter_mut().rev() {
            let next = *limb << 31;
            *limb = (*limb >> 1) | carry;
            carry = next;
        }
        self.normalize();
    }

    /// `self = self - other`; requires `self >= other`.
    pub(crate) fn sub_assign(&mut self, other: &Big) {
        let mut borrow = false;
        let others = other.limbs.iter().chain(core::iter::repeat(&0));
        for (limb, &subtrahend) in self.limbs.iter_mut().zip(others) {
            let (difference, borrow_a) = limb.overflowing_sub(subtrahend);
            let (difference, borrow_b) = difference.overflowing_sub(u32::from(borrow));
            *limb = difference;
            borrow = borrow_a || borrow_b;
        }
        self.normalize();
    }

    pub(crate) fn cmp(&self, other: &Big) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    pub(crate) fn normalize(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }
}
