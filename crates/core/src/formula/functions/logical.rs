//! Logical functions with Excel's semantics: IF, IFS, IFERROR and SWITCH
//! evaluate only the arguments they need (they are lazy, so an unused branch
//! costs nothing and its errors never surface); AND, OR and NOT evaluate
//! everything; TRUE() and FALSE() are constants.
//!
//! A condition is read as Excel reads it: numbers are true unless zero,
//! "TRUE"/"FALSE" text converts, other text is `#VALUE!`, errors propagate.
//! An omitted branch (as in `IF(x, , 1)`) gives 0, as in Excel. Nothing here
//! evaluates an argument twice or panics.

use super::{args, Category, FunctionSpec};
use crate::formula::ast::Expr;
use crate::formula::calling::{over_budget, Evaluator};
use crate::formula::limits::MAX_EVALUATION_BYTES;
use crate::formula::operators::compare;
use crate::formula::value::{Array, ErrorKind, ErrorValue, Value};
use std::cmp::Ordering;

/// The logical functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::lazy("IF", Category::Logical, 2, 3, if_function),
    FunctionSpec::lazy("IFS", Category::Logical, 2, 254, ifs),
    FunctionSpec::eager("AND", Category::Logical, 1, 255, and),
    FunctionSpec::eager("OR", Category::Logical, 1, 255, or),
    FunctionSpec::eager("NOT", Category::Logical, 1, 1, not),
    FunctionSpec::lazy("IFERROR", Category::Logical, 2, 2, iferror),
    FunctionSpec::lazy("SWITCH", Category::Logical, 3, 254, switch),
    FunctionSpec::eager("TRUE", Category::Logical, 0, 0, true_function),
    FunctionSpec::eager("FALSE", Category::Logical, 0, 0, false_function),
];

/// IF(test, then, [else]): only the chosen branch is evaluated. A missing
/// else gives FALSE. An array test chooses element by element (Excel's
/// dynamic-array IF), taking matching elements of array branches.
fn if_function(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    let condition = eval_arg(args, 0, evaluator);
    let evaluate_branch = |truth: bool| {
        if truth {
            branch_value(args.get(1), evaluator, Value::Bool(true))
        } else {
            branch_value(args.get(2), evaluator, Value::Bool(false))
        }
    };
    match condition {
        Value::Array(tests) => {
            let mut truths: Vec<Result<bool, ErrorValue>> =
                Vec::with_capacity(tests.values().len());
            for test in tests.values() {
                truths.push(test.to_bool());
            }
            // Each branch is evaluated at most once, and only if some element needs it.
            let then_value = truths
                .iter()
                .any(|t| t == &Ok(true))
                .then(|| evaluate_branch(true));
            let else_value = truths
                .iter()
                .any(|t| t == &Ok(false))
                .then(|| evaluate_branch(false));
            build_like(&tests, &|index, row, col| match truths.get(index) {
                Some(Ok(true)) => then_value.as_ref().map(|v| element_at(v, row, col)),
                Some(Ok(false)) => else_value.as_ref().map(|v| element_at(v, row, col)),
                Some(Err(err)) => Some(Value::Error(err.clone())),
                None => None,
            })
        }
        scalar => match scalar.to_bool() {
            Ok(truth) => evaluate_branch(truth),
            Err(err) => Value::Error(err),
        },
    }
}

/// IFS(test1, value1, ...): the value of the first true test; `#N/A` when
/// none is true. Tests after the first true one are not evaluated.
fn ifs(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    if args.len() % 2 != 0 {
        return Value::error(
            ErrorKind::Value,
            "IFS: needs pairs of a condition and a value",
        );
    }
    for pair in args.chunks(2) {
        let [test, value] = pair else { break };
        match evaluator.eval(test).to_bool() {
            Ok(true) => return branch_value(Some(value), evaluator, Value::Bool(true)),
            Ok(false) => {}
            Err(err) => return Value::Error(err),
        }
    }
    Value::error(ErrorKind::NotAvailable, "IFS: no condition is true")
}

/// AND: TRUE when every logical value is true. Inside arrays, booleans and
/// numbers count and text is skipped; direct text must be "TRUE" or
/// "FALSE" (else `#VALUE!`); an omitted argument counts as FALSE, as in
/// Excel; errors propagate; no logical value at all is `#VALUE!`.
fn and(args: &[Value]) -> Result<Value, ErrorValue> {
    let values = logical_values("AND", args)?;
    Ok(Value::Bool(values.iter().all(|b| *b)))
}

/// OR: TRUE when any logical value is true; arguments read as in AND.
fn or(args: &[Value]) -> Result<Value, ErrorValue> {
    let values = logical_values("OR", args)?;
    Ok(Value::Bool(values.iter().any(|b| *b)))
}

/// NOT(logical): element by element over an array.
fn not(args: &[Value]) -> Result<Value, ErrorValue> {
    let invert = |value: &Value| match value.to_bool() {
        Ok(b) => Value::Bool(!b),
        Err(err) => Value::Error(err),
    };
    Ok(match args.first().unwrap_or(&Value::Empty) {
        Value::Array(array) => {
            build_like(array, &|index, _, _| array.values().get(index).map(invert))
        }
        scalar => invert(scalar),
    })
}

/// IFERROR(value, value_if_error): the fallback is evaluated only when
/// needed. For an array value, each error element is replaced by the
/// matching element of the fallback (Excel's dynamic-array behaviour).
fn iferror(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    let fallback = || branch_value(args.get(1), evaluator, Value::Number(0.0));
    match eval_arg(args, 0, evaluator) {
        Value::Error(_) => fallback(),
        Value::Empty => Value::Number(0.0),
        Value::Array(array) => {
            if !array.values().iter().any(|v| matches!(v, Value::Error(_))) {
                return Value::Array(array);
            }
            let replacement = fallback();
            build_like(&array, &|index, row, col| {
                array.values().get(index).map(|value| match value {
                    Value::Error(_) => element_at(&replacement, row, col),
                    other => other.clone(),
                })
            })
        }
        value => value,
    }
}

/// SWITCH(expression, value1, result1, ..., [default]): the result paired
/// with the first value equal to the expression (same type; text compares
/// case-insensitively), else the default, else `#N/A`. Values after the
/// match and unused results are not evaluated. An array expression uses its
/// first element.
fn switch(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    let expression = match first_element(eval_arg(args, 0, evaluator)) {
        Value::Error(err) => return Value::Error(err),
        value => value,
    };
    for pair in args.get(1..).unwrap_or_default().chunks(2) {
        match pair {
            [candidate, result] => match first_element(evaluator.eval(candidate)) {
                Value::Error(err) => return Value::Error(err),
                candidate if switch_equal(&expression, &candidate) => {
                    return branch_value(Some(result), evaluator, Value::Number(0.0));
                }
                _ => {}
            },
            [default] => return branch_value(Some(default), evaluator, Value::Number(0.0)),
            _ => {}
        }
    }
    Value::error(
        ErrorKind::NotAvailable,
        "SWITCH: no value matches the expression",
    )
}

fn true_function(_args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(Value::Bool(true))
}

fn false_function(_args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(Value::Bool(false))
}

/// The logical values AND and OR read from their arguments.
fn logical_values(function: &str, args: &[Value]) -> Result<Vec<bool>, ErrorValue> {
    let mut values = Vec::new();
    for arg in args {
        match arg {
            Value::Array(array) => {
                for element in array.values() {
                    match element {
                        Value::Bool(b) => values.push(*b),
                        Value::Number(n) => values.push(*n != 0.0),
                        Value::Error(err) => return Err(err.clone()),
                        Value::Text(_) | Value::Empty | Value::Array(_) => {}
                    }
                }
            }
            Value::Empty => values.push(false),
            other => values.push(other.to_bool()?),
        }
    }
    if values.is_empty() {
        return Err(args::value_error(function, "there are no logical values"));
    }
    Ok(values)
}

/// Equality for SWITCH: both values of the same type and equal.
fn switch_equal(left: &Value, right: &Value) -> bool {
    let comparable = matches!(
        (left, right),
        (Value::Number(_), Value::Number(_))
            | (Value::Text(_), Value::Text(_))
            | (Value::Bool(_), Value::Bool(_))
            | (Value::Empty, _)
            | (_, Value::Empty)
    );
    comparable && compare(left, right) == Ordering::Equal
}

fn eval_arg(args: &[Expr], index: usize, evaluator: &Evaluator<'_>) -> Value {
    args.get(index)
        .map_or(Value::Empty, |expr| evaluator.eval(expr))
}

/// A chosen branch's value: `absent` when the argument is not there at all,
/// 0 when it is there but omitted (`IF(x, , 1)`).
fn branch_value(expr: Option<&Expr>, evaluator: &Evaluator<'_>, absent: Value) -> Value {
    match expr.map(|expr| evaluator.eval(expr)) {
        None => absent,
        Some(Value::Empty) => Value::Number(0.0),
        Some(value) => value,
    }
}

fn first_element(value: Value) -> Value {
    match value {
        Value::Array(array) => array.values().first().cloned().unwrap_or(Value::Empty),
        other => other,
    }
}

/// The element of `value` at a position, stretching a single row or column
/// (and a scalar) as Excel's broadcasting does; `#N/A` outside.
fn element_at(value: &Value, row: usize, col: usize) -> Value {
    match value {
        Value::Array(array) => {
            let r = if array.rows() == 1 { 0 } else { row };
            let c = if array.cols() == 1 { 0 } else { col };
            array.get(r, c).cloned().unwrap_or_else(|| {
                Value::error(ErrorKind::NotAvailable, "arrays of different sizes")
            })
        }
        Value::Empty => Value::Number(0.0),
        scalar => scalar.clone(),
    }
}

/// An array shaped like `shape`, filled by `element(index, row, col)`.
/// `element` is a trait object so the loop is compiled once for IF, NOT
/// and IFERROR.
fn build_like(shape: &Array, element: &dyn Fn(usize, usize, usize) -> Option<Value>) -> Value {
    let cols = shape.cols().max(1);
    let mut values = Vec::with_capacity(shape.values().len());
    let mut held_bytes = 0usize;
    for row in 0..shape.rows() {
        for col in 0..cols {
            match element(row * cols + col, row, col) {
                Some(value) => {
                    // A long text branch copied into every element: stop
                    // at the evaluation budget, not after the allocation.
                    held_bytes = held_bytes.saturating_add(value.held_bytes());
                    if held_bytes > MAX_EVALUATION_BYTES {
                        return over_budget();
                    }
                    values.push(value)
                }
                None => return empty_array(),
            }
        }
    }
    Array::new(shape.rows(), cols, values).map_or_else(empty_array, Value::Array)
}

fn empty_array() -> Value {
    Value::error(ErrorKind::Value, "empty array")
}

#[cfg(test)]
mod tests;
