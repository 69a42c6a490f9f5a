//! TAKE and DROP: the first or last rows and columns of an array, as in
//! Excel 365. Models use them on series (one-column arrays over the
//! horizon), e.g. `NPV(rate, DROP(net_cash_flow, 1))` skips period 0.
//!
//! A scalar acts as a 1x1 array. A result with no elements is `#VALUE!`
//! (Excel's `#CALC!`, which Yardstick does not have). Nothing here copies
//! more than the input array holds.

use super::{args, Category, FunctionSpec};
use crate::formula::value::{Array, ErrorKind, ErrorValue, Value};

/// The slicing functions (listed with the lookup functions).
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("TAKE", Category::Lookup, 2, 3, take),
    FunctionSpec::eager("DROP", Category::Lookup, 2, 3, drop),
];

/// Which part of one dimension to keep: `start..end`.
fn kept_range(length: usize, count: f64, keep: bool) -> std::ops::Range<usize> {
    let magnitude = count.abs().trunc().min(length as f64) as usize;
    match (keep, count >= 0.0) {
        (true, true) => 0..magnitude,
        (true, false) => length - magnitude..length,
        (false, true) => magnitude..length,
        (false, false) => 0..length - magnitude,
    }
}

fn slice(name: &str, arguments: &[Value], keep: bool) -> Result<Value, ErrorValue> {
    let array = match arguments.first() {
        Some(Value::Array(array)) => array.clone(),
        Some(Value::Error(err)) => return Err(err.clone()),
        Some(scalar) => Array::from_row(vec![scalar.clone()])
            .ok_or_else(|| args::value_error(name, "needs an array"))?,
        None => return Err(args::value_error(name, "needs an array")),
    };
    let rows_count = args::number(arguments, 1)?;
    let (rows, cols) = (array.rows(), array.cols());
    let row_range = match arguments.get(1) {
        Some(Value::Empty) => 0..rows,
        _ => kept_range(rows, rows_count, keep),
    };
    let col_range = match arguments.get(2) {
        None | Some(Value::Empty) => 0..cols,
        Some(_) => kept_range(cols, args::number(arguments, 2)?, keep),
    };
    let (kept_rows, kept_cols) = (row_range.len(), col_range.len());
    let kept = array.block(row_range, col_range);
    Array::new(kept_rows, kept_cols, kept)
        .map(Value::Array)
        .ok_or_else(|| {
            ErrorValue::new(
                ErrorKind::Value,
                format!("{name}: the result would be empty"),
            )
        })
}

fn take(arguments: &[Value]) -> Result<Value, ErrorValue> {
    slice("TAKE", arguments, true)
}

fn drop(arguments: &[Value]) -> Result<Value, ErrorValue> {
    slice("DROP", arguments, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::functions::testing::{assert_same, call, column, err, grid, num};

    fn check(function: fn(&[Value]) -> Result<Value, ErrorValue>, args: &[Value], expected: Value) {
        assert_same(&call(function, args), &expected, &format!("{args:?}"));
    }

    #[test]
    fn take_and_drop_rows_from_either_end() {
        let series = column(vec![num(-100.0), num(30.0), num(40.0), num(50.0)]);
        check(
            take,
            &[series.clone(), num(2.0)],
            column(vec![num(-100.0), num(30.0)]),
        );
        check(take, &[series.clone(), num(-1.0)], column(vec![num(50.0)]));
        check(
            drop,
            &[series.clone(), num(1.0)],
            column(vec![num(30.0), num(40.0), num(50.0)]),
        );
        check(
            drop,
            &[series.clone(), num(-3.0)],
            column(vec![num(-100.0)]),
        );
        check(take, &[series.clone(), num(10.0)], series.clone());
        check(drop, &[series.clone(), num(4.0)], err(ErrorKind::Value));
        check(take, &[series, num(0.0)], err(ErrorKind::Value));
    }

    #[test]
    fn columns_and_scalars() {
        let table = grid(vec![
            vec![num(1.0), num(2.0), num(3.0)],
            vec![num(4.0), num(5.0), num(6.0)],
        ]);
        check(
            take,
            &[table.clone(), Value::Empty, num(-1.0)],
            grid(vec![vec![num(3.0)], vec![num(6.0)]]),
        );
        check(
            drop,
            &[table, num(1.0), num(1.0)],
            grid(vec![vec![num(5.0), num(6.0)]]),
        );
        check(take, &[num(7.0), num(1.0)], grid(vec![vec![num(7.0)]]));
        check(take, &[err(ErrorKind::Num), num(1.0)], err(ErrorKind::Num));
    }
}
