//! LET(name1, value1, [name2, value2, ...], calculation): names for
//! intermediate values, scoped to the LET, as in Excel.
//!
//! Each value is evaluated once, in order, and may read the names bound
//! before it; the calculation reads them all. A LET name hides a variable
//! of the same name (case-insensitively) inside the LET only. The bound
//! values live in a `Scope` that answers name lookups before the
//! surrounding [`Names`]; the evaluation's byte budget carries through.
//! [`bound_names`] lets the passes that check names (unknown-name
//! diagnostics, the model compiler) skip a LET's own names.

use super::{Category, FunctionSpec};
use crate::formula::ast::{Expr, ExprKind};
use crate::formula::calling::Evaluator;
use crate::formula::names::{Names, Previous};
use crate::formula::value::{ErrorKind, Value};

/// LET's table entry (a logical function in Excel's listing).
pub const FUNCTIONS: &[FunctionSpec] = &[FunctionSpec::lazy(
    "LET",
    Category::Logical,
    3,
    253,
    let_function,
)];

/// The names a LET call binds, in order: the name arguments of its
/// (name, value) pairs; `None` when the call is not a well-formed LET
/// (an even argument count or a name argument that is not a plain name).
pub fn bound_names(args: &[Expr]) -> Option<Vec<&str>> {
    if args.len() % 2 == 0 {
        return None;
    }
    let mut names = Vec::new();
    for pair in args.chunks(2) {
        match pair {
            [name, _] => match &name.kind {
                ExprKind::Name(name) => names.push(name.as_str()),
                _ => return None,
            },
            _ => break,
        }
    }
    Some(names)
}

/// Values bound by a LET in front of the names around it.
struct Scope<'a> {
    outer: &'a dyn Names,
    bound: &'a [(String, Value)],
}

impl Names for Scope<'_> {
    fn lookup(&self, name: &str) -> Option<Value> {
        // The latest binding of a name wins.
        for (bound_name, value) in self.bound.iter().rev() {
            if bound_name.eq_ignore_ascii_case(name) {
                return Some(value.clone());
            }
        }
        self.outer.lookup(name)
    }

    fn previous(&self, name: &str) -> Previous {
        self.outer.previous(name)
    }

    fn lookup_slot(&self, slot: usize) -> Option<Value> {
        self.outer.lookup_slot(slot)
    }

    fn previous_slot(&self, slot: usize) -> Previous {
        self.outer.previous_slot(slot)
    }
}

/// `expr`'s value with `bound` in scope, on the caller's byte budget.
fn eval_in(bound: &[(String, Value)], expr: &Expr, evaluator: &Evaluator<'_>) -> Value {
    let scope = Scope {
        outer: evaluator.names(),
        bound,
    };
    let inner = Evaluator::new(&scope);
    inner.spent_bytes.set(evaluator.spent_bytes.get());
    let value = inner.eval(expr);
    evaluator.spent_bytes.set(inner.spent_bytes.get());
    value
}

/// LET: binds each name to its value in turn, then evaluates the
/// calculation. Pairs that are not (name, value), or no calculation after
/// them, are `#VALUE!`.
fn let_function(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    let (Some(names), Some((calculation, pairs))) = (bound_names(args), args.split_last()) else {
        return Value::error(
            ErrorKind::Value,
            "LET takes pairs of a name and a value, then a calculation",
        );
    };
    let mut bound: Vec<(String, Value)> = Vec::with_capacity(names.len());
    for (name, pair) in names.into_iter().zip(pairs.chunks(2)) {
        let value = match pair.get(1) {
            Some(expr) => eval_in(&bound, expr, evaluator),
            None => Value::Empty,
        };
        bound.push((name.to_string(), value));
    }
    eval_in(&bound, calculation, evaluator)
}
