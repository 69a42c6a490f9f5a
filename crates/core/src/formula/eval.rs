//! The evaluator: walks a parsed formula and computes its value with Excel's
//! semantics. Operators coerce like Excel, apply element-wise over arrays,
//! and errors propagate as values.
//!
//! It never parses, never performs I/O, and never panics: every failure is
//! an error value.

use super::ast::{ArrayElement, BinaryOp, Expr, ExprKind, FunctionId, PostfixOp, UnaryOp};
use super::calling::Implementation;
use super::functions;
use super::limits::{MAX_ARRAY_ELEMENTS, MAX_EVALUATION_BYTES};
use super::value::{Array, ErrorKind, ErrorValue, Value};
use std::cmp::Ordering;

// What this file once defined, at the paths callers know.
pub use super::calling::{arity_text, over_budget, Evaluator};
pub use super::names::{Names, NoNames, Previous};
pub use super::operators::{compare, compare_numbers, power};

impl Evaluator<'_> {
    /// `value`, counted against this evaluation's budget; past the budget,
    /// `#VALUE!`. Numbers, booleans and errors cost nothing.
    fn charge(&self, value: Value) -> Value {
        let bytes = value.held_bytes();
        if bytes == 0 {
            return value;
        }
        let spent = self.spent_bytes.get().saturating_add(bytes);
        self.spent_bytes.set(spent);
        if spent > MAX_EVALUATION_BYTES {
            return over_budget();
        }
        value
    }

    /// The value of an expression, counted against the evaluation's budget
    /// (every node whose result holds text or an array: a copy or a new
    /// value). Recursion depth is bounded by the parser's nesting limit.
    pub fn eval(&self, expr: &Expr) -> Value {
        self.charge(self.node(expr))
    }

    fn node(&self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Number(n) => Value::number(*n),
            ExprKind::Text(text) => Value::Text(text.clone()),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Error(kind) => Value::error(*kind, ""),
            ExprKind::Missing => Value::Empty,
            ExprKind::Array(rows) => array_literal(rows),
            ExprKind::Name(name) => self
                .names
                .lookup(name)
                .unwrap_or_else(|| unknown_name(name)),
            ExprKind::Variable { name, slot } => self
                .names
                .lookup_slot(*slot)
                .unwrap_or_else(|| unknown_name(name)),
            ExprKind::Group(inner) => self.eval(inner),
            ExprKind::Unary { op, operand } => {
                let value = self.eval(operand);
                map_scalar(&value, &|v| unary(*op, v))
            }
            ExprKind::Postfix {
                op: PostfixOp::Percent,
                operand,
            } => {
                let value = self.eval(operand);
                map_scalar(&value, &|v| v.to_number().map(|n| n / 100.0).into())
            }
            ExprKind::Binary { op, left, right } => {
                let left = self.eval(left);
                let right = self.eval(right);
                // Two numbers (the bulk of model formulas) need none of the
                // coercion and broadcasting below; the results are the same.
                if let (Value::Number(l), Value::Number(r)) = (&left, &right) {
                    match op {
                        BinaryOp::Add => return Value::number(l + r),
                        BinaryOp::Subtract => return Value::number(l - r),
                        BinaryOp::Multiply => return Value::number(l * r),
                        BinaryOp::Divide if *r != 0.0 => return Value::number(l / r),
                        BinaryOp::Equal => return Value::Bool(compare_numbers(*l, *r).is_eq()),
                        BinaryOp::NotEqual => return Value::Bool(compare_numbers(*l, *r).is_ne()),
                        BinaryOp::Less => return Value::Bool(compare_numbers(*l, *r).is_lt()),
                        BinaryOp::LessEqual => return Value::Bool(compare_numbers(*l, *r).is_le()),
                        BinaryOp::Greater => return Value::Bool(compare_numbers(*l, *r).is_gt()),
                        BinaryOp::GreaterEqual => {
                            return Value::Bool(compare_numbers(*l, *r).is_ge())
                        }
                        _ => {}
                    }
                }
                binary_broadcast(*op, &left, &right)
            }
            ExprKind::Call {
                name,
                function,
                args,
            } => self.call(name, *function, args),
        }
    }

    fn call(&self, name: &str, function: Option<FunctionId>, args: &[Expr]) -> Value {
        let Some(spec) = function.and_then(functions::by_id) else {
            return Value::error(ErrorKind::Name, format!("unknown function `{name}`"));
        };
        if args.len() < spec.min_args || args.len() > spec.max_args {
            return Value::error(
                ErrorKind::Value,
                format!(
                    "{} takes {}",
                    spec.name,
                    arity_text(spec.min_args, spec.max_args)
                ),
            );
        }
        match spec.implementation {
            Implementation::Lazy(function) => function(args, self),
            Implementation::Eager(function) => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg));
                }
                match function(&values) {
                    Ok(value) => finite(value),
                    Err(err) => Value::Error(err),
                }
            }
        }
    }
}

fn unknown_name(name: &str) -> Value {
    Value::error(ErrorKind::Name, format!("unknown name {name}"))
}

/// Guards the invariant that no number is NaN or infinite.
fn finite(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::number(n),
        other => other,
    }
}

fn array_literal(rows: &[Vec<ArrayElement>]) -> Value {
    // Built flat, row by row, so no vector of rows is collected and flattened.
    let cols = rows.first().map_or(0, Vec::len);
    let mut values = Vec::with_capacity(rows.len().saturating_mul(cols));
    for row in rows {
        if row.len() != cols {
            return unequal_rows();
        }
        for element in row {
            values.push(match element {
                ArrayElement::Number(n) => Value::number(*n),
                ArrayElement::Text(text) => Value::Text(text.clone()),
                ArrayElement::Bool(b) => Value::Bool(*b),
                ArrayElement::Error(kind) => Value::error(*kind, ""),
            });
        }
    }
    Array::new(rows.len(), cols, values).map_or_else(unequal_rows, Value::Array)
}

fn unequal_rows() -> Value {
    Value::error(ErrorKind::Value, "array rows must have equal length")
}

/// Applies a scalar operation to a value, element-wise when it is an array.
fn map_scalar(value: &Value, op: &dyn Fn(&Value) -> Value) -> Value {
    match value {
        Value::Array(array) => Value::Array(array.map(op)),
        scalar => op(scalar),
    }
}

fn unary(op: UnaryOp, value: &Value) -> Value {
    match op {
        UnaryOp::Negate => value.to_number().map(|n| -n).into(),
        UnaryOp::Plus => value.clone(),
    }
}

/// Applies a binary operator, broadcasting arrays as Excel does: a scalar
/// pairs with every element; two arrays pair element by element, a single
/// row or column stretches across the other's size, and positions outside
/// both give `#N/A`.
fn binary_broadcast(op: BinaryOp, left: &Value, right: &Value) -> Value {
    let (left_array, right_array) = match (left, right) {
        (Value::Array(l), Value::Array(r)) => (Some(l), Some(r)),
        (Value::Array(l), _) => (Some(l), None),
        (_, Value::Array(r)) => (None, Some(r)),
        _ => return binary(op, left, right),
    };
    let dims = |a: Option<&Array>| a.map_or((1, 1), |a| (a.rows(), a.cols()));
    let (left_rows, left_cols) = dims(left_array);
    let (right_rows, right_cols) = dims(right_array);
    let rows = left_rows.max(right_rows);
    let cols = left_cols.max(right_cols);
    let pick = |value: &Value, array: Option<&Array>, row: usize, col: usize| -> Value {
        match array {
            None => value.clone(),
            Some(a) => {
                let r = if a.rows() == 1 { 0 } else { row };
                let c = if a.cols() == 1 { 0 } else { col };
                a.get(r, c).cloned().unwrap_or_else(|| {
                    Value::error(ErrorKind::NotAvailable, "arrays of different sizes")
                })
            }
        }
    };
    let element_count = rows.saturating_mul(cols);
    if element_count > MAX_ARRAY_ELEMENTS {
        return Value::error(
            ErrorKind::Num,
            "the result would have more than 65,536 elements",
        );
    }
    let mut values = Vec::with_capacity(element_count);
    let mut held_bytes = 0usize;
    for row in 0..rows {
        for col in 0..cols {
            let l = pick(left, left_array, row, col);
            let r = pick(right, right_array, row, col);
            let value = binary(op, &l, &r);
            // `&` can make every element a long text: stop at the budget
            // rather than after the allocation.
            held_bytes = held_bytes.saturating_add(value.held_bytes());
            if held_bytes > MAX_EVALUATION_BYTES {
                return over_budget();
            }
            values.push(value);
        }
    }
    Array::new(rows, cols, values).map_or_else(
        || Value::error(ErrorKind::Value, "empty array"),
        Value::Array,
    )
}

fn binary(op: BinaryOp, left: &Value, right: &Value) -> Value {
    // Errors propagate left first, as in Excel.
    if let Value::Error(err) = left {
        return Value::Error(err.clone());
    }
    if let Value::Error(err) = right {
        return Value::Error(err.clone());
    }
    match op {
        BinaryOp::Concat => match (left.to_text(), right.to_text()) {
            (Ok(l), Ok(r)) => Value::text(l + &r),
            (Err(err), _) | (_, Err(err)) => Value::Error(err),
        },
        BinaryOp::Equal
        | BinaryOp::NotEqual
        | BinaryOp::Less
        | BinaryOp::LessEqual
        | BinaryOp::Greater
        | BinaryOp::GreaterEqual => {
            let ordering = compare(left, right);
            Value::Bool(match op {
                BinaryOp::Equal => ordering == Ordering::Equal,
                BinaryOp::NotEqual => ordering != Ordering::Equal,
                BinaryOp::Less => ordering == Ordering::Less,
                BinaryOp::LessEqual => ordering != Ordering::Greater,
                BinaryOp::Greater => ordering == Ordering::Greater,
                _ => ordering != Ordering::Less,
            })
        }
        _ => arithmetic(op, left, right).unwrap_or_else(Value::Error),
    }
}

fn arithmetic(op: BinaryOp, left: &Value, right: &Value) -> Result<Value, ErrorValue> {
    let l = left.to_number()?;
    let r = right.to_number()?;
    let result = match op {
        BinaryOp::Add => l + r,
        BinaryOp::Subtract => l - r,
        BinaryOp::Multiply => l * r,
        BinaryOp::Divide => {
            if r == 0.0 {
                return Err(ErrorValue::new(ErrorKind::DivZero, "division by zero"));
            }
            l / r
        }
        _ => power(l, r)?,
    };
    Ok(Value::number(result))
}

#[cfg(test)]
#[path = "eval_test.rs"]
mod tests;
