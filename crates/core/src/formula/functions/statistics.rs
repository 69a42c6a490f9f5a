//! Statistical functions with Excel's semantics: MEDIAN, STDEV.S, STDEV.P,
//! PERCENTILE.INC, QUARTILE.INC, LARGE, SMALL and CORREL.
//!
//! Every order statistic reads its numbers as the aggregates do
//! ([`args::aggregate_numbers`]: inside arrays only numbers count) and
//! sorts them once with the crate's one merge sort ([`sort_by`]), so the
//! work is O(n log n) over at most an array's elements. Nothing here
//! returns NaN: empty or degenerate input is `#NUM!` or `#DIV/0!` as in
//! Excel.

use super::args;
use super::{Category, FunctionSpec};
use crate::formula::value::{ErrorKind, ErrorValue, Value};
use crate::small_sort::sort_by;

/// The statistical functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("MEDIAN", Category::Statistical, 1, 255, median),
    FunctionSpec::eager("STDEV.S", Category::Statistical, 1, 255, stdev_s),
    FunctionSpec::eager("STDEV.P", Category::Statistical, 1, 255, stdev_p),
    FunctionSpec::eager(
        "PERCENTILE.INC",
        Category::Statistical,
        2,
        2,
        percentile_inc,
    ),
    FunctionSpec::eager("QUARTILE.INC", Category::Statistical, 2, 2, quartile_inc),
    FunctionSpec::eager("LARGE", Category::Statistical, 2, 2, large),
    FunctionSpec::eager("SMALL", Category::Statistical, 2, 2, small),
    FunctionSpec::eager("CORREL", Category::Statistical, 2, 2, correl),
];

/// The numbers of `args` in ascending order; `#NUM!` naming `function`
/// when there are none.
fn sorted(function: &str, args: &[Value]) -> Result<Vec<f64>, ErrorValue> {
    let mut numbers = args::aggregate_numbers(args)?;
    if numbers.is_empty() {
        return Err(args::num_error(function, "there are no numbers"));
    }
    sort_by(&mut numbers, |a, b| a < b);
    Ok(numbers)
}

/// The value at fractional rank `k` (0 to 1) of sorted numbers, linearly
/// interpolated between neighbours: Excel's PERCENTILE.INC rule,
/// rank = k * (n - 1).
fn interpolate(sorted: &[f64], k: f64) -> f64 {
    let rank = k * (sorted.len() - 1) as f64;
    let below = rank.floor();
    let low = sorted.get(below as usize).copied().unwrap_or(0.0);
    let high = sorted.get(below as usize + 1).copied().unwrap_or(low);
    low + (rank - below) * (high - low)
}

/// MEDIAN(number1, ...): the middle number, or the mean of the two middle
/// ones; `#NUM!` when there are no numbers.
fn median(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(Value::number(interpolate(&sorted("MEDIAN", args)?, 0.5)))
}

/// The sum of squared deviations from the mean and the count.
fn squared_deviations(args: &[Value]) -> Result<(f64, f64), ErrorValue> {
    let numbers = args::aggregate_numbers(args)?;
    let count = numbers.len() as f64;
    let mean = numbers.iter().sum::<f64>() / count;
    // Two passes: the one-pass formula loses digits when the mean is
    // large next to the spread.
    let sum: f64 = numbers.iter().map(|x| (x - mean) * (x - mean)).sum();
    Ok((sum, count))
}

/// STDEV.S(number1, ...): the sample standard deviation (n - 1);
/// `#DIV/0!` for fewer than two numbers.
fn stdev_s(args: &[Value]) -> Result<Value, ErrorValue> {
    let (sum, count) = squared_deviations(args)?;
    deviation(sum, count - 1.0)
}

/// STDEV.P(number1, ...): the population standard deviation (n);
/// `#DIV/0!` when there are no numbers.
fn stdev_p(args: &[Value]) -> Result<Value, ErrorValue> {
    let (sum, count) = squared_deviations(args)?;
    deviation(sum, count)
}

fn deviation(sum: f64, divisor: f64) -> Result<Value, ErrorValue> {
    if divisor < 1.0 {
        return Err(ErrorValue::new(
            ErrorKind::DivZero,
            "too few numbers for a standard deviation",
        ));
    }
    Ok(Value::number((sum / divisor).sqrt()))
}

/// The first argument's numbers sorted, and the second argument.
fn array_and_k(function: &str, args: &[Value]) -> Result<(Vec<f64>, f64), ErrorValue> {
    let k = args::number(args, 1)?;
    Ok((sorted(function, args.get(..1).unwrap_or_default())?, k))
}

/// PERCENTILE.INC(array, k): the k-th percentile, 0 <= k <= 1, else `#NUM!`.
fn percentile_inc(args: &[Value]) -> Result<Value, ErrorValue> {
    let (numbers, k) = array_and_k("PERCENTILE.INC", args)?;
    if !(0.0..=1.0).contains(&k) {
        return Err(args::num_error("PERCENTILE.INC", "k must be from 0 to 1"));
    }
    Ok(Value::number(interpolate(&numbers, k)))
}

/// QUARTILE.INC(array, quart): quart (truncated) 0 to 4 is the minimum,
/// first quartile, median, third quartile or maximum; else `#NUM!`.
fn quartile_inc(args: &[Value]) -> Result<Value, ErrorValue> {
    let (numbers, quart) = array_and_k("QUARTILE.INC", args)?;
    let quart = quart.trunc();
    if !(0.0..=4.0).contains(&quart) {
        return Err(args::num_error("QUARTILE.INC", "quart must be from 0 to 4"));
    }
    Ok(Value::number(interpolate(&numbers, quart / 4.0)))
}

/// LARGE(array, k): the k-th largest number.
fn large(args: &[Value]) -> Result<Value, ErrorValue> {
    kth("LARGE", args, true)
}

/// SMALL(array, k): the k-th smallest number.
fn small(args: &[Value]) -> Result<Value, ErrorValue> {
    kth("SMALL", args, false)
}

/// The k-th number from the top or the bottom; k is truncated, as
/// LibreOffice does (Excel's documentation does not say); k below 1 or
/// past the count is `#NUM!`.
fn kth(function: &str, args: &[Value], from_top: bool) -> Result<Value, ErrorValue> {
    let (numbers, k) = array_and_k(function, args)?;
    let k = k.trunc();
    if k < 1.0 || k > numbers.len() as f64 {
        return Err(args::num_error(
            function,
            "k must be from 1 to the count of numbers",
        ));
    }
    let index = if from_top {
        numbers.len() - k as usize
    } else {
        k as usize - 1
    };
    Ok(Value::number(numbers.get(index).copied().unwrap_or(0.0)))
}

/// The values of an array argument (a scalar is a one-element array).
fn elements(value: &Value) -> &[Value] {
    match value {
        Value::Array(array) => array.values(),
        scalar => std::slice::from_ref(scalar),
    }
}

/// CORREL(array1, array2): Pearson's correlation over the positions where
/// both arrays hold numbers. Arrays of different sizes are `#N/A`; fewer
/// than two pairs or no spread is `#DIV/0!`; an error element propagates.
fn correl(args: &[Value]) -> Result<Value, ErrorValue> {
    let left = elements(args.first().unwrap_or(&Value::Empty));
    let right = elements(args.get(1).unwrap_or(&Value::Empty));
    if left.len() != right.len() {
        return Err(ErrorValue::new(
            ErrorKind::NotAvailable,
            "CORREL: the arrays have different sizes",
        ));
    }
    let mut pairs = Vec::with_capacity(left.len());
    for (x, y) in left.iter().zip(right) {
        match (x, y) {
            (Value::Error(err), _) | (_, Value::Error(err)) => return Err(err.clone()),
            (Value::Number(x), Value::Number(y)) => pairs.push((*x, *y)),
            _ => {}
        }
    }
    let count = pairs.len() as f64;
    let (mut mean_x, mut mean_y) = (0.0, 0.0);
    for (x, y) in &pairs {
        mean_x += x;
        mean_y += y;
    }
    mean_x /= count;
    mean_y /= count;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in &pairs {
        sxy += (x - mean_x) * (y - mean_y);
        sxx += (x - mean_x) * (x - mean_x);
        syy += (y - mean_y) * (y - mean_y);
    }
    if count < 2.0 || sxx == 0.0 || syy == 0.0 {
        return Err(ErrorValue::new(
            ErrorKind::DivZero,
            "CORREL: needs two pairs of numbers with some spread",
        ));
    }
    Ok(Value::number(sxy / (sxx * syy).sqrt()))
}

#[cfg(test)]
#[path = "statistics_test.rs"]
mod tests;
