//! More math functions with Excel's semantics: rounding to a multiple
//! (CEILING.MATH, FLOOR.MATH, MROUND), TRUNC, SIGN, LOG with a base, and
//! SEQUENCE.
//!
//! Multiples are counted on the quotient rounded to 15 significant digits,
//! as Excel does, so CEILING.MATH(0.3, 0.1) is 0.3 and not 0.4 (0.3 / 0.1
//! is 2.9999999999999996 in binary). The one-number functions apply element
//! by element to an array first argument, like ABS. SEQUENCE is bounded by
//! [`MAX_ARRAY_ELEMENTS`]; nothing here loops over more.

use super::args;
use super::math::map_number;
use super::rounding::{round_decimal, round_to_15_significant_digits, RoundingMode};
use super::{Category, FunctionSpec};
use crate::formula::limits::MAX_ARRAY_ELEMENTS;
use crate::formula::value::{Array, ErrorKind, ErrorValue, Value};

/// The functions of this module.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("CEILING.MATH", Category::Math, 1, 3, ceiling_math),
    FunctionSpec::eager("FLOOR.MATH", Category::Math, 1, 3, floor_math),
    FunctionSpec::eager("MROUND", Category::Math, 2, 2, mround),
    FunctionSpec::eager("TRUNC", Category::Math, 1, 2, trunc),
    FunctionSpec::eager("SIGN", Category::Math, 1, 1, sign),
    FunctionSpec::eager("LOG", Category::Math, 1, 2, log),
    FunctionSpec::eager("SEQUENCE", Category::Math, 1, 4, sequence),
];

/// `number` as a multiple of `step`: the quotient (rounded to 15
/// significant digits) passed through `round`, times `step`. A zero step
/// gives 0, as Excel's CEILING.MATH, FLOOR.MATH and MROUND do.
fn to_multiple(number: f64, step: f64, round: fn(f64) -> f64) -> f64 {
    if step == 0.0 {
        return 0.0;
    }
    round(round_to_15_significant_digits(number / step)) * step
}

/// The significance (|x|, 1 by default) and whether the mode is non-zero;
/// the number itself is read element by element by [`map_number`].
fn step_and_mode(args: &[Value]) -> Result<(f64, bool), ErrorValue> {
    Ok((
        args::number_or(args, 1, 1.0)?.abs(),
        args::number_or(args, 2, 0.0)? != 0.0,
    ))
}

/// CEILING.MATH(number, [significance], [mode]): up to a multiple of
/// |significance| (default 1). A negative number rounds toward zero, or
/// away from zero when mode is non-zero (Excel's documented rule;
/// LibreOffice 7.4 agrees).
fn ceiling_math(args: &[Value]) -> Result<Value, ErrorValue> {
    let (step, away) = step_and_mode(args)?;
    Ok(map_number(args, &|n| {
        let round = if n < 0.0 && away {
            f64::floor
        } else {
            f64::ceil
        };
        Ok(to_multiple(n, step, round))
    }))
}

/// FLOOR.MATH(number, [significance], [mode]): down to a multiple of
/// |significance| (default 1). A negative number rounds away from zero, or
/// toward zero when mode is non-zero.
fn floor_math(args: &[Value]) -> Result<Value, ErrorValue> {
    let (step, toward_zero) = step_and_mode(args)?;
    Ok(map_number(args, &|n| {
        let round = if n < 0.0 && toward_zero {
            f64::ceil
        } else {
            f64::floor
        };
        Ok(to_multiple(n, step, round))
    }))
}

/// MROUND(number, multiple): the nearest multiple, halves away from zero;
/// a number and multiple of opposite signs are `#NUM!`.
fn mround(args: &[Value]) -> Result<Value, ErrorValue> {
    let multiple = args::number(args, 1)?;
    Ok(map_number(args, &|n| {
        if n * multiple < 0.0 {
            return Err(args::num_error(
                "MROUND",
                "the number and the multiple have different signs",
            ));
        }
        Ok(to_multiple(n, multiple, f64::round))
    }))
}

/// TRUNC(number, [num_digits]): toward zero to `num_digits` decimals (0
/// by default), on the decimal form as ROUNDDOWN.
fn trunc(args: &[Value]) -> Result<Value, ErrorValue> {
    let digits = args::number_or(args, 1, 0.0)?.trunc().clamp(-400.0, 400.0) as i32;
    Ok(map_number(args, &|n| {
        Ok(round_decimal(n, digits, RoundingMode::TowardZero))
    }))
}

/// SIGN(number): 1, 0 or -1.
fn sign(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| {
        Ok(if n == 0.0 { 0.0 } else { n.signum() })
    }))
}

/// LOG(number, [base]): the logarithm in `base` (10 by default). A number
/// or base at or below zero is `#NUM!`; base 1 is `#DIV/0!`.
fn log(args: &[Value]) -> Result<Value, ErrorValue> {
    let base = args::number_or(args, 1, 10.0)?;
    Ok(map_number(args, &|n| {
        if n <= 0.0 || base <= 0.0 {
            return Err(args::num_error(
                "LOG",
                "the number and the base must be positive",
            ));
        }
        if base == 1.0 {
            return Err(ErrorValue::new(ErrorKind::DivZero, "LOG: the base is 1"));
        }
        // Base 10 exactly, so LOG(1000) is 3 as in Excel.
        Ok(if base == 10.0 {
            n.log10()
        } else {
            n.ln() / base.ln()
        })
    }))
}

/// SEQUENCE(rows, [columns], [start], [step]): a rows x columns array
/// counting from `start` (1) by `step` (1), row by row. Counts are
/// truncated; below 1 is `#VALUE!` (Excel's empty-array `#CALC!` has no
/// twin here); more than [`MAX_ARRAY_ELEMENTS`] elements is `#NUM!`,
/// checked before anything is allocated.
fn sequence(args: &[Value]) -> Result<Value, ErrorValue> {
    let [rows, cols, start, step, ..] = args::numbers(args, &[1.0, 1.0, 1.0, 1.0])?;
    let (rows, cols) = (rows.trunc(), cols.trunc());
    if rows < 1.0 || cols < 1.0 {
        return Err(args::value_error(
            "SEQUENCE",
            "rows and columns must be at least 1",
        ));
    }
    if rows * cols > MAX_ARRAY_ELEMENTS as f64 {
        return Err(args::num_error(
            "SEQUENCE",
            "the result would have more than 65,536 elements",
        ));
    }
    let (rows, cols) = (rows as usize, cols as usize);
    let mut values = Vec::with_capacity(rows * cols);
    for index in 0..rows * cols {
        values.push(Value::number(start + step * index as f64));
    }
    Array::new(rows, cols, values)
        .map(Value::Array)
        .ok_or_else(|| args::value_error("SEQUENCE", "empty array"))
}

#[cfg(test)]
#[path = "math_extra_test.rs"]
mod tests;
