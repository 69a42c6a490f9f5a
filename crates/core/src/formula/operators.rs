//! Excel's scalar operations that both the evaluator's operators and the
//! function library use: comparison (numbers equal to 15 significant
//! digits, Excel's order across types) and `^`'s power with its edge cases.
//!
//! Plain functions over values; they never evaluate an expression.

use super::functions::rounding::round_to_15_significant_digits;
use super::value::{ErrorKind, ErrorValue, Value};
use std::cmp::Ordering;

/// `^` with Excel's edge cases: `0^0` and `0^-1` are errors, a negative base
/// needs an integer exponent.
pub fn power(base: f64, exponent: f64) -> Result<f64, ErrorValue> {
    if base == 0.0 && exponent == 0.0 {
        return Err(ErrorValue::new(ErrorKind::Num, "0^0 is undefined"));
    }
    if base == 0.0 && exponent < 0.0 {
        return Err(ErrorValue::new(
            ErrorKind::DivZero,
            "0 raised to a negative power",
        ));
    }
    let result = base.powf(exponent);
    if result.is_nan() {
        return Err(ErrorValue::new(
            ErrorKind::Num,
            "a negative number raised to a fractional power",
        ));
    }
    if result.is_infinite() {
        return Err(ErrorValue::new(ErrorKind::Num, "the result is too large"));
    }
    Ok(result)
}

/// Excel's comparison order: numbers < text < booleans; text compares
/// case-insensitively; an empty value compares as 0, "" or FALSE to match
/// the other side.
pub fn compare(left: &Value, right: &Value) -> Ordering {
    fn rank(value: &Value) -> u8 {
        match value {
            Value::Number(_) => 0,
            Value::Text(_) => 1,
            Value::Bool(_) => 2,
            _ => 3,
        }
    }
    // An empty side takes the other side's kind; nothing is copied (a text
    // compared with a text can be 32,767 characters).
    let empty_left;
    let empty_right;
    let (left, right) = match (left, right) {
        (Value::Empty, Value::Empty) => return Ordering::Equal,
        (Value::Empty, other) => {
            empty_left = empty_like(other);
            (&empty_left, other)
        }
        (other, Value::Empty) => {
            empty_right = empty_like(other);
            (other, &empty_right)
        }
        pair => pair,
    };
    match (left, right) {
        (Value::Number(l), Value::Number(r)) => compare_numbers(*l, *r),
        (Value::Text(l), Value::Text(r)) => super::case_fold::compare_folded(l, r),
        (Value::Bool(l), Value::Bool(r)) => l.cmp(r),
        (l, r) => rank(l).cmp(&rank(r)),
    }
}

/// Compares numbers as Excel does: two numbers that agree to 15 significant
/// digits are equal, so `0.1+0.2=0.3` is TRUE (Excel shows and compares 15
/// digits; the binary sum is 0.30000000000000004).
pub fn compare_numbers(left: f64, right: f64) -> Ordering {
    if left == right {
        return Ordering::Equal;
    }
    // Numbers that agree to 15 digits differ by less than one unit in the
    // 15th digit, under 1e-13 of their magnitude; farther apart, skip the
    // (costly) decimal rounding.
    let close = (left - right).abs() <= 1e-13 * left.abs().max(right.abs());
    if close && round_to_15_digits(left) == round_to_15_digits(right) {
        return Ordering::Equal;
    }
    left.partial_cmp(&right).unwrap_or(Ordering::Equal)
}

/// The number rounded to 15 significant decimal digits, as Excel compares
/// (shared with ROUND's helper so core's float formatting is never linked).
fn round_to_15_digits(n: f64) -> f64 {
    round_to_15_significant_digits(n)
}

fn empty_like(other: &Value) -> Value {
    match other {
        Value::Text(_) => Value::Text(String::new()),
        Value::Bool(_) => Value::Bool(false),
        _ => Value::Number(0.0),
    }
}
