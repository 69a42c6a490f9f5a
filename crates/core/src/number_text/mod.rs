//! Numbers to decimal text without core's float formatting.
//!
//! `format!("{}", x)` on an `f64` links core's Grisu and Dragon printers,
//! their power-of-ten tables and the padding machinery: about 20 KB of wasm
//! that every build would ship. This module gives the same text with exact
//! big-integer arithmetic and no table, so the wasm holds one small printer:
//!
//! - [`shortest`] and [`shortest_exp`]: the shortest digits that read back as
//!   the same `f64`, exactly as `{}` and `{:e}` print them (Burger and
//!   Dybvig's free-format algorithm, with core's tie and boundary rules).
//! - [`significant`]: a number rounded to a count of significant digits, as
//!   `{:.14e}` rounds (ties to even on the exact binary value).
//! - [`fixed`]: a number rounded to a count of decimals, as `{:.2}` prints it.
//! - [`Plain`]: a `Display` wrapper around [`shortest`] for messages.
//!
//! Every function is checked against core's output on random bit patterns in
//! the tests. Nothing here parses text (see `formula::decimal`) or panics.

pub(crate) mod big;

use big::{divide_small_quotient, Big};
use core::cmp::Ordering;
use std::fmt;

/// An `f64` shown as `{}` shows it (shortest round-trip digits), printed
/// without core's float formatting. Use it for numbers in messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plain(pub f64);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&shortest(self.0))
    }
}

/// The text `format!("{}", n)` gives: the shortest digits that read back as
/// `n`, in plain decimal notation (never an exponent), `-` for negative
/// numbers and negative zero, `NaN`, `inf` and `-inf` for the rest.
pub fn shortest(n: f64) -> String {
    let Some((digits, exponent)) = shortest_digits(n.abs()) else {
        return non_finite_or_zero(n, "0");
    };
    let mut out = sign(n);
    let length = to_i32(digits.len());
    if exponent <= 0 {
        // 0.000ddd
        out.push_str("0.");
        push_zeros(&mut out, exponent.unsigned_abs());
        push_ascii(&mut out, &digits);
    } else if exponent < length {
        // ddd.ddd
        let (integer, fraction) = digits.split_at(exponent.unsigned_abs() as usize);
        push_ascii(&mut out, integer);
        out.push('.');
        push_ascii(&mut out, fraction);
    } else {
        // ddd000
        push_ascii(&mut out, &digits);
        push_zeros(&mut out, (exponent - length).unsigned_abs());
    }
    out
}

/// The text `format!("{:e}", n)` gives: the shortest round-trip digits as
/// `d.ddde-7` (`1e300` for a single digit, `0e0` for zero).
pub fn shortest_exp(n: f64) -> String {
    let Some((digits, exponent)) = shortest_digits(n.abs()) else {
        return non_finite_or_zero(n, "0e0");
    };
    let mut out = sign(n);
    if let Some((first, rest)) = digits.split_first() {
        out.push(char::from(*first));
        if !rest.is_empty() {
            out.push('.');
            push_ascii(&mut out, rest);
        }
    }
    out.push('e');
    push_i32(&mut out, exponent - 1);
    out
}

/// `magnitude` (positive and finite) rounded to `count` significant digits
/// (1 to 19), ties to even on its exact binary value, as `{:.14e}` rounds
/// for 15: the digits as an integer of exactly `count` digits, and the
/// decimal exponent of the first. `(0, 0)` for zero or a non-finite value.
pub fn significant(magnitude: f64, count: u32) -> (u64, i32) {
    let Some((mantissa, exponent)) = decode(magnitude) else {
        return (0, 0);
    };
    let count = count.clamp(1, 19);
    let limit = 10_u64.pow(count);
    // magnitude >= 2^top, so 10^first_guess <= magnitude: the first digit's
    // exponent is first_guess or one of the next two.
    let top = exponent + to_i32(64 - mantissa.leading_zeros() as usize) - 1;
    let first_guess = (f64::from(top) * core::f64::consts::LOG10_2).floor() as i32;
    for first in first_guess..first_guess + 3 {
        let scale = to_i32(count as usize) - 1 - first;
        if let Some(digits) = round_scaled(mantissa, exponent, scale).filter(|&d| d < limit) {
            return (digits, first);
        }
    }
    (0, 0)
}

/// The text `format!("{:.*}", decimals, n)` gives, for numbers with
/// `|n| × 10^decimals` below 10^19; `None` past that (and for NaN and
/// infinities), where callers should choose another form.
pub fn fixed(n: f64, decimals: u32) -> Option<String> {
    let scaled = match decode(n.abs()) {
        None if n == 0.0 => 0,
        None => return None,
        Some((mantissa, exponent)) => round_scaled(mantissa, exponent, to_i32(decimals as usize))
            .filter(|&q| q < 10_000_000_000_000_000_000)?,
    };
    let mut digits = Vec::with_capacity(24);
    push_u64_ascii(&mut digits, scaled);
    let decimals = decimals as usize;
    if digits.len() <= decimals {
        let mut padded = vec![b'0'; decimals + 1 - digits.len()];
        padded.extend_from_slice(&digits);
        digits = padded;
    }
    let mut out = sign(n);
    let (integer, fraction) = digits.split_at(digits.len() - decimals);
    push_ascii(&mut out, integer);
    if !fraction.is_empty() {
        out.push('.');
        push_ascii(&mut out, fraction);
    }
    Some(out)
}

/// Appends `n` in decimal, at least `min_digits` digits (zero-padded).
pub fn push_u64(out: &mut String, n: u64, min_digits: usize) {
    let mut digits = Vec::with_capacity(20);
    push_u64_ascii(&mut digits, n);
    push_zeros(out, min_digits.saturating_sub(digits.len()) as u32);
    push_ascii(out, &digits);
}

/// A positive finite number as `mantissa × 2^exponent` (`None` for zero,
/// NaN and infinities).
fn decode(magnitude: f64) -> Option<(u64, i32)> {
    if magnitude == 0.0 || !magnitude.is_finite() {
        return None;
    }
    let bits = magnitude.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    Some(if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    })
}

/// `mantissa × 2^exponent × 10^scale` rounded to an integer, ties to even;
/// `None` when that is 2^64 or more.
fn round_scaled(mantissa: u64, exponent: i32, scale: i32) -> Option<u64> {
    // 10^scale = 5^scale × 2^scale: fold the two into the binary exponent.
    let binary = exponent + scale;
    if let Ok(power @ 0..=27) = u32::try_from(scale) {
        // The common case, in u128: mantissa × 5^27 < 2^53 × 2^63.
        let product = u128::from(mantissa) * 5_u128.pow(power);
        let Ok(shift) = u32::try_from(-binary) else {
            let left = binary.unsigned_abs();
            return if left < product.leading_zeros() {
                u64::try_from(product << left).ok()
            } else {
                None
            };
        };
        if shift == 0 {
            return u64::try_from(product).ok();
        }
        if shift >= 120 {
            return Some(0); // below a quarter: product < 2^116
        }
        let quotient = product >> shift;
        let remainder = product & ((1 << shift) - 1);
        let half = 1 << (shift - 1);
        let up = remainder > half || (remainder == half && quotient & 1 == 1);
        return u64::try_from(quotient + u128::from(up)).ok();
    }
    // Exact fraction numerator / denominator, then one long division of
    // twice the numerator: the quotient's last bit and the remainder give
    // the rounding.
    let mut numerator = Big::from_u64(mantissa);
    let mut denominator = Big::one();
    if scale >= 0 {
        numerator.mul_pow5(u64::from(scale.unsigned_abs()));
    } else {
        denominator.mul_pow5(u64::from(scale.unsigned_abs()));
    }
    if binary >= 0 {
        numerator.shl(u64::from(binary.unsigned_abs()) + 1);
    } else {
        numerator.shl(1);
        denominator.shl(u64::from(binary.unsigned_abs()));
    }
    if numerator.bit_len() > denominator.bit_len() + 65 {
        return None;
    }
    let (twice, sticky) = divide_small_quotient(numerator, denominator);
    let quotient = twice >> 1;
    let up = twice & 1 == 1 && (sticky || quotient & 1 == 1);
    u64::try_from(quotient + u128::from(up)).ok()
}

/// The shortest digits (ASCII) that read back as `magnitude`, and the
/// exponent `k` with `magnitude ≈ 0.d₁d₂… × 10^k`; `None` for zero, NaN and
/// infinities. Burger and Dybvig's free-format algorithm with core's rules:
/// the rounding interval's ends count when the mantissa is even (always
/// for subnormals, as core decodes them), the lower gap is half the upper
/// one at a power of two, and a tie between the two candidates rounds up.
fn shortest_digits(magnitude: f64) -> Option<(Vec<u8>, i32)> {
    let (mantissa, exponent) = decode(magnitude)?;
    // v = mant × 2^exp; low = (mant - minus) × 2^exp; high = (mant + plus) × 2^exp.
    let (mant, minus, plus, exp, inclusive) = if mantissa == 1 << 52 {
        (mantissa << 2, 1, 2, exponent - 2, true)
    } else if mantissa < 1 << 52 {
        (mantissa << 1, 1, 1, exponent - 1, true)
    } else {
        (mantissa << 1, 1, 1, exponent - 1, mantissa & 1 == 0)
    };
    // `a.cmp(b) < stop` is `a <= b` when the ends count, else `a < b`.
    let stop = if inclusive {
        Ordering::Greater
    } else {
        Ordering::Equal
    };
    let mut mant = Big::from_u64(mant);
    let mut minus = Big::from_u64(minus);
    let mut plus = Big::from_u64(plus);
    let mut scale = Big::one();
    let binary = u64::from(exp.unsigned_abs());
    if exp >= 0 {
        mant.shl(binary);
        minus.shl(binary);
        plus.shl(binary);
    } else {
        scale.shl(binary);
    }
    // Find k with 10^(k-1) < high <= 10^k (10^(k-1) <= high < 10^k when the
    // ends count), then scale so mant / scale = v / 10^(k-1).
    // 2^top <= v < high < 2^(top+1), so this k is right or one too small.
    let top = exponent + to_i32(64 - mantissa.leading_zeros() as usize) - 1;
    let mut k = (f64::from(top) * core::f64::consts::LOG10_2).floor() as i32 + 1;
    let power = u64::from((k - 1).unsigned_abs());
    if k >= 1 {
        scale.mul_pow10(power);
    } else {
        for big in [&mut mant, &mut minus, &mut plus] {
            big.mul_pow10(power);
        }
    }
    for _ in 0..4 {
        let high = sum(&mant, &plus);
        let mut ten_scale = scale.clone();
        ten_scale.mul_add_small(10, 0);
        if ten_scale.cmp(&high) < stop {
            k += 1;
            scale = ten_scale;
        } else if scale.cmp(&high) >= stop {
            k -= 1;
            for big in [&mut mant, &mut minus, &mut plus] {
                big.mul_add_small(10, 0);
            }
        } else {
            break;
        }
    }
    let mut digits = Vec::with_capacity(17);
    let (mut down, mut up) = (false, false);
    while digits.len() < 20 {
        let mut digit = b'0';
        while digit < b'9' && mant.cmp(&scale) != Ordering::Less {
            mant.sub_assign(&scale);
            digit += 1;
        }
        digits.push(digit);
        down = mant.cmp(&minus) < stop;
        up = scale.cmp(&sum(&mant, &plus)) < stop;
        if down || up {
            break;
        }
        for big in [&mut mant, &mut minus, &mut plus] {
            big.mul_add_small(10, 0);
        }
    }
    mant.shl(1);
    if up && (!down || mant.cmp(&scale) != Ordering::Less) && round_up(&mut digits) {
        k += 1;
    }
    Some((digits, k))
}

/// Adds one to the last digit; `true` when that carried out of the first
/// (all nines), which leaves `100…0` one digit longer.
fn round_up(digits: &mut Vec<u8>) -> bool {
    for digit in digits.iter_mut().rev() {
        if *digit < b'9' {
            *digit += 1;
            return false;
        }
        *digit = b'0';
    }
    if let Some(first) = digits.first_mut() {
        *first = b'1';
    }
    digits.push(b'0');
    true
}

fn sum(a: &Big, b: &Big) -> Big {
    let mut total = a.clone();
    total.add_assign(b);
    total
}

fn non_finite_or_zero(n: f64, zero: &str) -> String {
    if n.is_nan() {
        "NaN".to_string()
    } else {
        let mut out = sign(n);
        out.push_str(if n.is_infinite() { "inf" } else { zero });
        out
    }
}

fn sign(n: f64) -> String {
    if n.is_sign_negative() && !n.is_nan() {
        "-".to_string()
    } else {
        String::new()
    }
}

fn push_ascii(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(d)));
}

fn push_zeros(out: &mut String, count: u32) {
    out.extend((0..count).map(|_| '0'));
}

fn push_u64_ascii(out: &mut Vec<u8>, mut n: u64) {
    let start = out.len();
    loop {
        out.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if let Some(written) = out.get_mut(start..) {
        written.reverse();
    }
}

fn push_i32(out: &mut String, n: i32) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, u64::from(n.unsigned_abs()), 1);
}

/// A small count as `i32` (digit counts and exponents always fit).
fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX / 2)
}

#[cfg(test)]
#[path = "number_text_test.rs"]
mod tests;
