//! Lookup functions over arrays with Excel's semantics: CHOOSE (lazy: only
//! the chosen value is evaluated), INDEX, MATCH and XLOOKUP.
//!
//! Values compare in Excel's order ([`compare`]): text case-insensitively,
//! and only values of the same type (number, text, boolean) ever match or
//! bracket one another. A scalar where an array is expected acts as a 1x1
//! array. Results are elements or slices of the input arrays, so they never
//! exceed [`crate::formula::limits::MAX_ARRAY_ELEMENTS`]. Nothing here knows
//! cell references: there are no ranges, only array values.

use super::wildcard::{has_wildcards, wildcard_match};
use super::{args, Category, FunctionSpec};
use crate::formula::ast::Expr;
use crate::formula::calling::Evaluator;
use crate::formula::operators::compare;
use crate::formula::value::{Array, ErrorKind, ErrorValue, Value};
use std::cmp::Ordering;

/// The lookup functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::lazy("CHOOSE", Category::Lookup, 2, 255, choose),
    FunctionSpec::eager("INDEX", Category::Lookup, 2, 3, index),
    FunctionSpec::eager("MATCH", Category::Lookup, 2, 3, match_function),
    FunctionSpec::eager("XLOOKUP", Category::Lookup, 3, 6, xlookup),
];

/// CHOOSE(index_num, value1, ...): the index is truncated; outside
/// 1..=number of values is `#VALUE!`. Only the chosen value is evaluated;
/// an omitted one gives 0. An array index uses its first element (no
/// spilling).
fn choose(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    let index_value = args
        .first()
        .map_or(Value::Empty, |expr| evaluator.eval(expr));
    let index = match index_value.to_number() {
        Ok(n) => n.trunc(),
        Err(err) => return Value::Error(err),
    };
    let value_count = args.len().saturating_sub(1);
    if index < 1.0 || index > value_count as f64 {
        return Value::error(
            ErrorKind::Value,
            format!("CHOOSE: index_num must be between 1 and {value_count}"),
        );
    }
    match args.get(index as usize).map(|expr| evaluator.eval(expr)) {
        Some(Value::Empty) => Value::Number(0.0),
        Some(value) => value,
        None => Value::error(ErrorKind::Value, "CHOOSE: no value at that index"),
    }
}

/// INDEX(array, row_num, [column_num]): positions are truncated and
/// 1-based; a negative one is `#VALUE!`, one past the edge `#REF!`. Row 0
/// (or column 0) returns the whole column (or row). With a one-row array
/// and no column_num, row_num picks the column, so INDEX({1,2,3}, 2) is 2;
/// a 2-D array without column_num returns the whole row.
fn index(args: &[Value]) -> Result<Value, ErrorValue> {
    let array = array_arg(args, 0)?;
    let row_num = position_arg(args, 1)?;
    let column_num = match args.get(2) {
        None => None,
        Some(_) => Some(position_arg(args, 2)?),
    };
    let (row, col) = match column_num {
        None if array.rows() == 1 => (1, row_num),
        None if array.cols() == 1 => (row_num, 1),
        None => (row_num, 0),
        Some(col) => (row_num, col),
    };
    if row > array.rows() || col > array.cols() {
        return Err(ErrorValue::new(
            ErrorKind::Ref,
            format!(
                "INDEX: position ({row}, {col}) is outside the {}x{} array",
                array.rows(),
                array.cols()
            ),
        ));
    }
    Ok(match (row, col) {
        (0, 0) => Value::Array(array),
        (0, col) => column_of(&array, col - 1),
        (row, 0) => row_of(&array, row - 1),
        (row, col) => array.get(row - 1, col - 1).cloned().unwrap_or(Value::Empty),
    })
}

/// MATCH(lookup_value, lookup_array, [match_type]): the 1-based position,
/// or `#N/A`. match_type 0 finds the first equal value (text ignores case
/// and honours the wildcards `*`, `?` and `~`); 1 (the default) finds the
/// largest value not above lookup_value in ascending data; -1 the smallest
/// value not below lookup_value in descending data. An explicitly empty match_type
/// (`MATCH(x, a, )`) is 0, as in Excel. The array must be one row or one
/// column, else `#N/A`. Approximate matches scan linearly and stop at the
/// first value past lookup_value, which equals Excel's binary search on
/// sorted data (with duplicates, the last one is found).
fn match_function(args: &[Value]) -> Result<Value, ErrorValue> {
    let lookup_value = lookup_value_arg(args)?;
    let array = array_arg(args, 1)?;
    if array.rows() != 1 && array.cols() != 1 {
        return Err(not_found(
            "MATCH: lookup_array must be one row or one column",
        ));
    }
    let match_type = match args.get(2) {
        None => 1.0,
        Some(Value::Empty) => 0.0,
        Some(value) => value.to_number()?,
    };
    let values = array.values();
    let position = if match_type == 0.0 {
        values
            .iter()
            .position(|candidate| matches_exactly(&lookup_value, candidate, true))
    } else {
        // Ascending data for 1: keep going while values are <= lookup_value.
        // Descending data for -1: keep going while values are >= lookup_value.
        let stop_at = if match_type > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        };
        let mut found = None;
        for (position, candidate) in values.iter().enumerate() {
            if !same_type(&lookup_value, candidate) {
                continue;
            }
            if compare(candidate, &lookup_value) == stop_at {
                break;
            }
            found = Some(position);
        }
        found
    };
    position
        .map(|p| Value::Number((p + 1) as f64))
        .ok_or_else(|| not_found("MATCH: the value was not found"))
}

/// How XLOOKUP compares values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MatchMode {
    Exact,
    ExactOrNextSmaller,
    ExactOrNextLarger,
    Wildcard,
}

/// XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found],
/// [match_mode], [search_mode]). lookup_array must be one row or one column
/// (else `#VALUE!`) and return_array must have as many rows (for a column)
/// or columns (for a row), else `#VALUE!`; a 2-D return_array yields the
/// whole matching row or column. match_mode: 0 exact (no wildcards), -1
/// exact or next smaller, 1 exact or next larger, 2 wildcard. search_mode:
/// 1 first to last, -1 last to first; the binary modes 2 and -2 are
/// accepted and searched linearly, which gives Excel's answer whenever the
/// data is sorted as those modes require. Not found: if_not_found, else
/// `#N/A`.
fn xlookup(args: &[Value]) -> Result<Value, ErrorValue> {
    let lookup_value = lookup_value_arg(args)?;
    let lookup_array = array_arg(args, 1)?;
    let return_array = array_arg(args, 2)?;
    let by_rows = lookup_array.cols() == 1;
    if !by_rows && lookup_array.rows() != 1 {
        return Err(args::value_error(
            "XLOOKUP",
            "lookup_array must be one row or one column",
        ));
    }
    let return_len = if by_rows {
        return_array.rows()
    } else {
        return_array.cols()
    };
    if return_len != lookup_array.values().len() {
        return Err(args::value_error(
            "XLOOKUP",
            "return_array must be as long as lookup_array",
        ));
    }
    // `as` truncates and saturates; anything out of range is rejected below.
    let match_mode = match args::number_or(args, 4, 0.0)? as i64 {
        0 => MatchMode::Exact,
        -1 => MatchMode::ExactOrNextSmaller,
        1 => MatchMode::ExactOrNextLarger,
        2 => MatchMode::Wildcard,
        _ => {
            return Err(args::value_error(
                "XLOOKUP",
                "match_mode must be 0, -1, 1 or 2",
            ))
        }
    };
    let search_mode = args::number_or(args, 5, 1.0)? as i64;
    if ![1, -1, 2, -2].contains(&search_mode) {
        return Err(args::value_error(
            "XLOOKUP",
            "search_mode must be 1, -1, 2 or -2",
        ));
    }
    let values = lookup_array.values();
    let order: Box<dyn Iterator<Item = usize>> = if search_mode == -1 {
        Box::new((0..values.len()).rev())
    } else {
        Box::new(0..values.len())
    };
    match find_position(&lookup_value, values, order, match_mode) {
        Some(position) if by_rows => Ok(row_of(&return_array, position)),
        Some(position) => Ok(column_of(&return_array, position)),
        None => match args.get(3) {
            Some(Value::Empty) | None => Err(not_found("XLOOKUP: the value was not found")),
            Some(if_not_found) => Ok(if_not_found.clone()),
        },
    }
}

/// The first exact match in search order; failing that, for the
/// approximate modes, the nearest value on the requested side (the first
/// one in search order among equals).
fn find_position(
    lookup_value: &Value,
    values: &[Value],
    order: impl Iterator<Item = usize>,
    mode: MatchMode,
) -> Option<usize> {
    let wildcards = mode == MatchMode::Wildcard;
    let wanted_side = match mode {
        MatchMode::ExactOrNextSmaller => Ordering::Less,
        MatchMode::ExactOrNextLarger => Ordering::Greater,
        MatchMode::Exact | MatchMode::Wildcard => Ordering::Equal,
    };
    let mut nearest: Option<(usize, &Value)> = None;
    for position in order {
        let Some(candidate) = values.get(position) else {
            continue;
        };
        if matches_exactly(lookup_value, candidate, wildcards) {
            return Some(position);
        }
        if wanted_side == Ordering::Equal
            || !same_type(lookup_value, candidate)
            || compare(candidate, lookup_value) != wanted_side
        {
            continue;
        }
        // Closer means further toward lookup_value, the opposite of wanted_side.
        let closer = nearest.map_or(true, |(_, best)| {
            compare(candidate, best) == wanted_side.reverse()
        });
        if closer {
            nearest = Some((position, candidate));
        }
    }
    nearest.map(|(position, _)| position)
}

/// Exact equality for lookups: same type and equal (text ignoring case);
/// with `wildcards`, a text lookup value with `*`, `?` or `~` is a pattern.
fn matches_exactly(lookup_value: &Value, candidate: &Value, wildcards: bool) -> bool {
    match (lookup_value, candidate) {
        (Value::Text(pattern), Value::Text(text)) if wildcards && has_wildcards(pattern) => {
            wildcard_match(pattern, text)
        }
        _ => {
            same_type(lookup_value, candidate)
                && compare(lookup_value, candidate) == Ordering::Equal
        }
    }
}

fn same_type(left: &Value, right: &Value) -> bool {
    matches!(
        (left, right),
        (Value::Number(_), Value::Number(_))
            | (Value::Text(_), Value::Text(_))
            | (Value::Bool(_), Value::Bool(_))
    )
}

/// The value to look up: an error propagates, an array gives its first
/// element, and an omitted value is 0.
fn lookup_value_arg(args: &[Value]) -> Result<Value, ErrorValue> {
    let value = match args.first() {
        Some(Value::Array(array)) => array.values().first().cloned().unwrap_or(Value::Empty),
        Some(value) => value.clone(),
        None => Value::Empty,
    };
    match value {
        Value::Error(err) => Err(err),
        Value::Empty => Ok(Value::Number(0.0)),
        other => Ok(other),
    }
}

/// An array argument; a scalar becomes a 1x1 array and an error propagates.
fn array_arg(args: &[Value], index: usize) -> Result<Array, ErrorValue> {
    match args.get(index).unwrap_or(&Value::Empty) {
        Value::Array(array) => Ok(array.clone()),
        Value::Error(err) => Err(err.clone()),
        scalar => Array::from_row(vec![scalar.clone()])
            .ok_or_else(|| args::value_error("lookup", "expected an array")),
    }
}

/// A 1-based position argument, truncated; 0 means "all". Negative is `#VALUE!`.
fn position_arg(args: &[Value], index: usize) -> Result<usize, ErrorValue> {
    let position = args::integer(args, index)?;
    if position < 0.0 {
        return Err(args::value_error("INDEX", "positions must not be negative"));
    }
    // `as` saturates; a huge position is then simply out of range.
    Ok(position as usize)
}

/// Row `row` (zero-based) as a one-row array, or its only element.
fn row_of(array: &Array, row: usize) -> Value {
    let values = array.block(row..row.saturating_add(1), 0..array.cols());
    single_or_array(values, Array::from_row)
}

/// Column `col` (zero-based) as a one-column array, or its only element.
fn column_of(array: &Array, col: usize) -> Value {
    let values = array.block(0..array.rows(), col..col.saturating_add(1));
    single_or_array(values, Array::from_column)
}

fn single_or_array(mut values: Vec<Value>, build: fn(Vec<Value>) -> Option<Array>) -> Value {
    if values.len() == 1 {
        return values.pop().unwrap_or(Value::Empty);
    }
    build(values).map_or_else(
        || Value::error(ErrorKind::Ref, "the position is outside the array"),
        Value::Array,
    )
}

fn not_found(message: &str) -> ErrorValue {
    ErrorValue::new(ErrorKind::NotAvailable, message)
}

#[cfg(test)]
mod tests;
