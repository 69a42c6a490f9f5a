//! Argument coercion shared by every function, so each one reads its
//! arguments with Excel's rules: which types convert, which are skipped
//! inside arrays, and which raise `#VALUE!`.
//!
//! Nothing here knows a particular function beyond the name used in messages.

use crate::formula::limits::MAX_ARRAY_ELEMENTS;
use crate::formula::value::{ErrorKind, ErrorValue, Value};

/// A required numeric argument. Booleans, numeric text and omitted
/// arguments convert (as in Excel); other text is `#VALUE!`.
pub fn number(args: &[Value], index: usize) -> Result<f64, ErrorValue> {
    args.get(index).unwrap_or(&Value::Empty).to_number()
}

/// An optional numeric argument: absent or omitted gives `default`.
pub fn number_or(args: &[Value], index: usize, default: f64) -> Result<f64, ErrorValue> {
    match args.get(index) {
        None | Some(Value::Empty) => Ok(default),
        Some(value) => value.to_number(),
    }
}

/// The most numbers [`numbers`] reads (RATE's six arguments).
pub const MAX_NUMBERS: usize = 6;

/// The leading numeric arguments, left to right, as [`number_or`] reads each
/// one with `defaults[index]` (0 for a required argument, which is what an
/// omitted one converts to anyway); the first failure is the result, as
/// reading them one by one would give. Positions past `defaults` are 0.
/// One shared loop instead of a `?` per argument in every function keeps
/// the wasm small.
pub fn numbers(args: &[Value], defaults: &[f64]) -> Result<[f64; MAX_NUMBERS], ErrorValue> {
    let mut numbers = [0.0; MAX_NUMBERS];
    for (index, (slot, default)) in numbers.iter_mut().zip(defaults).enumerate() {
        *slot = number_or(args, index, *default)?;
    }
    Ok(numbers)
}

/// A required argument truncated toward zero, as Excel does for counts and
/// indices.
pub fn integer(args: &[Value], index: usize) -> Result<f64, ErrorValue> {
    Ok(number(args, index)?.trunc())
}

/// A required logical argument.
pub fn boolean(args: &[Value], index: usize) -> Result<bool, ErrorValue> {
    args.get(index).unwrap_or(&Value::Empty).to_bool()
}

/// A required text argument.
pub fn text(args: &[Value], index: usize) -> Result<String, ErrorValue> {
    args.get(index).unwrap_or(&Value::Empty).to_text()
}

/// The numbers an aggregate such as SUM or AVERAGE reads, with Excel's rules:
/// a direct argument that is a boolean or numeric text counts, other direct
/// text is `#VALUE!`; inside an array only numbers count and text and
/// booleans are skipped; errors anywhere propagate; omitted arguments count
/// as nothing.
pub fn aggregate_numbers(args: &[Value]) -> Result<Vec<f64>, ErrorValue> {
    let mut numbers = Vec::new();
    for arg in args {
        match arg {
            Value::Array(array) => {
                for element in array.values() {
                    match element {
                        Value::Number(n) => numbers.push(*n),
                        Value::Error(err) => return Err(err.clone()),
                        _ => {}
                    }
                }
            }
            Value::Empty => {}
            other => numbers.push(other.to_number()?),
        }
    }
    Ok(numbers)
}

/// The numbers of a cash-flow argument (IRR, XNPV, MIRR): an array's numbers
/// in row order with text and booleans skipped, or a single number. Errors
/// propagate.
pub fn number_series(value: &Value) -> Result<Vec<f64>, ErrorValue> {
    match value {
        Value::Array(array) => {
            let mut numbers = Vec::with_capacity(array.values().len());
            for element in array.values() {
                match element {
                    Value::Number(n) => numbers.push(*n),
                    Value::Error(err) => return Err(err.clone()),
                    _ => {}
                }
            }
            Ok(numbers)
        }
        Value::Error(err) => Err(err.clone()),
        other => Ok(vec![other.to_number()?]),
    }
}

/// Applies a function of one value to the first argument, element by
/// element when it is an array (as Excel's dynamic arrays do).
pub fn map_first(args: &[Value], op: &dyn Fn(&Value) -> Result<Value, ErrorValue>) -> Value {
    let apply = |value: &Value| op(value).unwrap_or_else(Value::Error);
    match args.first().unwrap_or(&Value::Empty) {
        Value::Array(array) if array.values().len() <= MAX_ARRAY_ELEMENTS => {
            Value::Array(array.map(&apply))
        }
        Value::Array(_) => Value::error(ErrorKind::Num, "the array is too large"),
        scalar => apply(scalar),
    }
}

/// A `#VALUE!` error naming the function and the problem.
pub fn value_error(function: &str, problem: impl std::fmt::Display) -> ErrorValue {
    ErrorValue::new(ErrorKind::Value, format!("{function}: {problem}"))
}

/// A `#NUM!` error naming the function and the problem.
pub fn num_error(function: &str, problem: impl std::fmt::Display) -> ErrorValue {
    ErrorValue::new(ErrorKind::Num, format!("{function}: {problem}"))
}

#[cfg(test)]
#[path = "args_test.rs"]
mod tests;
