//! Conditional aggregates over arrays with Excel's criteria: SUMIF, SUMIFS,
//! COUNTIF, COUNTIFS, AVERAGEIF, MAXIFS and MINIFS, all on one kernel
//! (`select`) and one criteria matcher (`Criterion`).
//!
//! A criterion is a number, a boolean, or text: `"=x"`, `"<>x"`, `">5"`,
//! `"<=5"`, `"2024-01-31"` (an ISO date is its serial), or text with
//! Excel's wildcards `*`, `?` and `~` (see [`super::wildcard`]), compared
//! case-insensitively. A cell matches an `=`, `<` or `>` criterion only
//! when it is of the criterion's kind (a number never equals the text
//! "5"); `<>` matches every cell that does not equal. Yardstick has no cell
//! ranges: the ranges are arrays (a model series is one column), every
//! range of a call must have the same shape (else `#VALUE!`; Excel would
//! resize a range reference), and the work is one pass per criterion over
//! at most an array's elements.

use super::args;
use super::date_serial::serial_from_iso_text;
use super::wildcard::{has_wildcards, wildcard_match};
use super::{Category, FunctionSpec};
use crate::formula::operators::compare;
use crate::formula::value::{parse_number_text, ErrorKind, ErrorValue, Value};
use std::cmp::Ordering;

/// The conditional aggregates (SUMIF and SUMIFS are math in Excel's
/// listing, the others statistical).
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("SUMIF", Category::Math, 2, 3, sumif),
    FunctionSpec::eager("SUMIFS", Category::Math, 3, 255, sumifs),
    FunctionSpec::eager("COUNTIF", Category::Statistical, 2, 2, countif),
    FunctionSpec::eager("COUNTIFS", Category::Statistical, 2, 254, countifs),
    FunctionSpec::eager("AVERAGEIF", Category::Statistical, 2, 3, averageif),
    FunctionSpec::eager("MAXIFS", Category::Statistical, 3, 255, maxifs),
    FunctionSpec::eager("MINIFS", Category::Statistical, 3, 255, minifs),
];

/// Which orderings of cell against operand a criterion accepts.
const LESS: u8 = 1;
const EQUAL: u8 = 2;
const GREATER: u8 = 4;
const NOT_EQUAL: u8 = LESS | GREATER;

/// One parsed criterion.
struct Criterion {
    /// The accepted orderings: [`LESS`], [`EQUAL`], [`GREATER`] combined.
    accepts: u8,
    /// What cells are compared with: a number, a boolean or text.
    operand: Value,
    /// Text with `*`, `?` or `~`, matched as a pattern by `=` and `<>`.
    pattern: bool,
}

impl Criterion {
    fn parse(value: &Value) -> Result<Criterion, ErrorValue> {
        let text = match value {
            Value::Text(text) => text,
            Value::Array(array) => {
                return Criterion::parse(array.values().first().unwrap_or(&Value::Empty))
            }
            Value::Error(err) => return Err(err.clone()),
            Value::Empty => return Ok(Criterion::equal(Value::Number(0.0))),
            scalar => return Ok(Criterion::equal(scalar.clone())),
        };
        let (accepts, rest) = [
            ("<=", LESS | EQUAL),
            (">=", GREATER | EQUAL),
            ("<>", NOT_EQUAL),
            ("<", LESS),
            (">", GREATER),
            ("=", EQUAL),
        ]
        .into_iter()
        .find_map(|(prefix, accepts)| Some((accepts, text.strip_prefix(prefix)?)))
        .unwrap_or((EQUAL, text));
        let operand = if let Some(n) = parse_number_text(rest) {
            Value::Number(n)
        } else if let Some(serial) = serial_from_iso_text(rest) {
            Value::Number(serial as f64)
        } else if rest.eq_ignore_ascii_case("TRUE") || rest.eq_ignore_ascii_case("FALSE") {
            Value::Bool(rest.len() == 4)
        } else {
            Value::Text(rest.to_string())
        };
        let pattern = matches!(&operand, Value::Text(t) if has_wildcards(t));
        Ok(Criterion {
            accepts,
            operand,
            pattern,
        })
    }

    fn equal(operand: Value) -> Criterion {
        Criterion {
            accepts: EQUAL,
            operand,
            pattern: false,
        }
    }

    fn matches(&self, cell: &Value) -> bool {
        // A blank cell is empty text to a criterion.
        let blank = Value::Text(String::new());
        let cell = if matches!(cell, Value::Empty) {
            &blank
        } else {
            cell
        };
        if let (true, Value::Text(pattern)) = (self.pattern, &self.operand) {
            if self.accepts & (LESS | GREATER) == 0 || self.accepts == NOT_EQUAL {
                let found = matches!(cell, Value::Text(text) if wildcard_match(pattern, text));
                return found == (self.accepts == EQUAL);
            }
        }
        if std::mem::discriminant(cell) != std::mem::discriminant(&self.operand) {
            return self.accepts == NOT_EQUAL;
        }
        let bit = match compare(cell, &self.operand) {
            Ordering::Less => LESS,
            Ordering::Equal => EQUAL,
            Ordering::Greater => GREATER,
        };
        self.accepts & bit != 0
    }
}

/// The elements of a range argument (a scalar is a one-element range).
fn cells(value: &Value) -> (&[Value], (usize, usize)) {
    match value {
        Value::Array(array) => (array.values(), (array.rows(), array.cols())),
        scalar => (std::slice::from_ref(scalar), (1, 1)),
    }
}

/// The kernel: how many positions meet every (range, criterion) pair of
/// `pairs`, and the numbers of `target` at those positions (text and
/// booleans there are skipped, an error there propagates). Every range
/// and the target must have the same shape.
fn select(
    function: &str,
    target: Option<&Value>,
    pairs: &[Value],
) -> Result<(usize, Vec<f64>), ErrorValue> {
    if pairs.len() % 2 != 0 {
        return Err(args::value_error(
            function,
            "needs pairs of a range and a criterion",
        ));
    }
    let shape = cells(pairs.first().unwrap_or(&Value::Empty)).1;
    let mut selected = vec![true; shape.0 * shape.1];
    fn same_shape<'v>(
        function: &str,
        value: &'v Value,
        shape: (usize, usize),
    ) -> Result<&'v [Value], ErrorValue> {
        let (values, dims) = cells(value);
        if dims == shape {
            Ok(values)
        } else {
            Err(args::value_error(
                function,
                "the ranges must have the same size",
            ))
        }
    }
    for pair in pairs.chunks(2) {
        let [range, criterion] = pair else { break };
        let criterion = Criterion::parse(criterion)?;
        for (keep, cell) in selected.iter_mut().zip(same_shape(function, range, shape)?) {
            *keep = *keep && criterion.matches(cell);
        }
    }
    let mut numbers = Vec::new();
    let target = match target {
        Some(target) => same_shape(function, target, shape)?,
        None => &[],
    };
    for (keep, cell) in selected.iter().zip(target) {
        match (keep, cell) {
            (true, Value::Number(n)) => numbers.push(*n),
            (true, Value::Error(err)) => return Err(err.clone()),
            _ => {}
        }
    }
    Ok((selected.iter().filter(|keep| **keep).count(), numbers))
}

/// The range to add or average in SUMIF and AVERAGEIF: the third
/// argument, or the criteria range when it is omitted.
fn own_target(args: &[Value]) -> Option<&Value> {
    match args.get(2) {
        None | Some(Value::Empty) => args.first(),
        target => target,
    }
}

/// SUMIF(range, criteria, [sum_range]).
fn sumif(args: &[Value]) -> Result<Value, ErrorValue> {
    let pairs = args.get(..2).unwrap_or_default();
    let (_, numbers) = select("SUMIF", own_target(args), pairs)?;
    Ok(Value::number(numbers.iter().sum()))
}

/// SUMIFS(sum_range, criteria_range1, criteria1, ...).
fn sumifs(args: &[Value]) -> Result<Value, ErrorValue> {
    let (_, numbers) = select("SUMIFS", args.first(), args.get(1..).unwrap_or_default())?;
    Ok(Value::number(numbers.iter().sum()))
}

/// COUNTIF(range, criteria).
fn countif(args: &[Value]) -> Result<Value, ErrorValue> {
    let (count, _) = select("COUNTIF", None, args)?;
    Ok(Value::Number(count as f64))
}

/// COUNTIFS(criteria_range1, criteria1, ...).
fn countifs(args: &[Value]) -> Result<Value, ErrorValue> {
    let (count, _) = select("COUNTIFS", None, args)?;
    Ok(Value::Number(count as f64))
}

/// AVERAGEIF(range, criteria, [average_range]): `#DIV/0!` when no number
/// is selected.
fn averageif(args: &[Value]) -> Result<Value, ErrorValue> {
    let pairs = args.get(..2).unwrap_or_default();
    let (_, numbers) = select("AVERAGEIF", own_target(args), pairs)?;
    if numbers.is_empty() {
        return Err(ErrorValue::new(
            ErrorKind::DivZero,
            "AVERAGEIF: no number meets the criteria",
        ));
    }
    Ok(Value::number(
        numbers.iter().sum::<f64>() / numbers.len() as f64,
    ))
}

/// MAXIFS(max_range, criteria_range1, criteria1, ...): 0 when nothing is
/// selected, as in Excel.
fn maxifs(args: &[Value]) -> Result<Value, ErrorValue> {
    extreme("MAXIFS", args, f64::max)
}

/// MINIFS(min_range, criteria_range1, criteria1, ...): 0 when nothing is
/// selected.
fn minifs(args: &[Value]) -> Result<Value, ErrorValue> {
    extreme("MINIFS", args, f64::min)
}

fn extreme(function: &str, args: &[Value], pick: fn(f64, f64) -> f64) -> Result<Value, ErrorValue> {
    let (_, numbers) = select(function, args.first(), args.get(1..).unwrap_or_default())?;
    Ok(Value::Number(
        numbers.into_iter().reduce(pick).unwrap_or(0.0),
    ))
}

#[cfg(test)]
#[path = "criteria_test.rs"]
mod tests;
