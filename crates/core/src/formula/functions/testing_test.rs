//! Helpers for the function modules' unit tests: value and expression
//! builders, a call wrapper, and a comparison that matches errors by kind.
//!
//! Compiled only for tests; nothing in the library depends on it.
#![cfg(test)]

use crate::formula::ast::{Expr, ExprKind};
use crate::formula::diagnostic::Span;
use crate::formula::eval::{Evaluator, Names};
use crate::formula::value::{Array, ErrorKind, ErrorValue, Value};
use std::cell::Cell;

/// An eager function's signature.
pub type Eager = fn(&[Value]) -> Result<Value, ErrorValue>;

/// A number value.
pub fn num(n: f64) -> Value {
    Value::Number(n)
}

/// A text value.
pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// An error value of `kind` with no message.
pub fn err(kind: ErrorKind) -> Value {
    Value::error(kind, "")
}

/// A 2-D array from rows.
pub fn grid(rows: Vec<Vec<Value>>) -> Value {
    Value::Array(Array::from_rows(rows).unwrap())
}

/// A one-row array.
pub fn row(values: Vec<Value>) -> Value {
    Value::Array(Array::from_row(values).unwrap())
}

/// A one-column array.
pub fn column(values: Vec<Value>) -> Value {
    Value::Array(Array::from_column(values).unwrap())
}

/// A one-row array of numbers.
pub fn nums(values: &[f64]) -> Value {
    row(values.iter().copied().map(Value::Number).collect())
}

/// Calls an eager function, turning `Err` into an error value as the
/// evaluator does.
pub fn call(function: Eager, args: &[Value]) -> Value {
    function(args).unwrap_or_else(Value::Error)
}

/// Asserts that `actual` equals `expected`: errors by kind only, numbers
/// to 1e-12 relative, arrays element by element.
pub fn assert_same(actual: &Value, expected: &Value, context: &str) {
    assert!(
        same(actual, expected),
        "{context}: got {actual:?}, expected {expected:?}"
    );
}

fn same(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => (a - e).abs() <= 1e-12 * e.abs().max(1.0),
        (Value::Error(a), Value::Error(e)) => a.kind == e.kind,
        (Value::Array(a), Value::Array(e)) => {
            a.rows() == e.rows()
                && a.cols() == e.cols()
                && a.values().iter().zip(e.values()).all(|(x, y)| same(x, y))
        }
        (a, e) => a == e,
    }
}

fn expr(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::default())
}

/// A number literal.
pub fn num_expr(n: f64) -> Expr {
    expr(ExprKind::Number(n))
}

/// A text literal.
pub fn text_expr(s: &str) -> Expr {
    expr(ExprKind::Text(s.to_string()))
}

/// A boolean literal.
pub fn bool_expr(b: bool) -> Expr {
    expr(ExprKind::Bool(b))
}

/// An error literal.
pub fn err_expr(kind: ErrorKind) -> Expr {
    expr(ExprKind::Error(kind))
}

/// An omitted argument.
pub fn missing_expr() -> Expr {
    expr(ExprKind::Missing)
}

/// A variable name.
pub fn name_expr(name: &str) -> Expr {
    expr(ExprKind::Name(name.to_string()))
}

/// An array literal of numbers, one row.
pub fn array_expr(values: &[f64]) -> Expr {
    use crate::formula::ast::ArrayElement;
    expr(ExprKind::Array(vec![values
        .iter()
        .map(|n| ArrayElement::Number(*n))
        .collect()]))
}

/// A call of `name`, resolved as the parser resolves it.
pub fn call_expr(name: &str, args: Vec<Expr>) -> Expr {
    expr(ExprKind::Call {
        name: name.to_string(),
        function: crate::formula::functions::find_id(name),
        args,
    })
}

/// Names whose every lookup gives 99 and is counted, so tests can prove a
/// lazy function left a branch unevaluated.
#[derive(Default)]
pub struct CountingNames {
    /// How many lookups were made.
    pub lookups: Cell<usize>,
}

impl Names for CountingNames {
    fn lookup(&self, _name: &str) -> Option<Value> {
        self.lookups.set(self.lookups.get() + 1);
        Some(Value::Number(99.0))
    }
}

/// Evaluates `expr` and returns its value with the number of name lookups
/// made.
pub fn eval_counting(expr: &Expr) -> (Value, usize) {
    let names = CountingNames::default();
    let value = Evaluator::new(&names).eval(expr);
    (value, names.lookups.get())
}

/// A value as the reference vectors write it: numbers in Rust's shortest
/// form, text in double quotes, errors by code, arrays as `{1,2;3,4}`.
pub fn show(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("{n}"),
        Value::Text(s) => format!("\"{s}\""),
        Value::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Value::Error(e) => e.kind.code().to_string(),
        Value::Empty => String::new(),
        Value::Array(array) => {
            let rows: Vec<String> = array
                .row_slices()
                .map(|row| row.iter().map(show).collect::<Vec<_>>().join(","))
                .collect();
            format!("{{{}}}", rows.join(";"))
        }
    }
}

/// Evaluates `formula` with no names and compares it with `expected`,
/// written as [`show`] writes values; a number matches to 1e-9 relative.
pub fn check_formula(formula: &str, expected: &str) {
    let value = crate::formula::evaluate(formula).value;
    let shown = show(&value);
    let agrees = match (expected.parse::<f64>(), &value) {
        (Ok(e), Value::Number(a)) => (a - e).abs() <= 1e-9 * e.abs().max(1.0),
        _ => shown == expected,
    };
    assert!(
        agrees,
        "{formula}: expected {expected}, got {shown} ({value:?})"
    );
}
