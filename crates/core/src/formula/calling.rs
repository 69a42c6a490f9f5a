//! The calling convention between the evaluator and the function library:
//! what a function is ([`FunctionSpec`]), how it takes its arguments
//! ([`Implementation`]), and the [`Evaluator`] a lazy function (IF,
//! IFERROR, CHOOSE, PREV) evaluates the arguments it needs with.
//!
//! The function tables depend on this file, and `eval.rs` implements the
//! evaluation and calls the tables: neither file imports the other back.
//! It evaluates nothing.

use super::ast::Expr;
use super::names::Names;
use super::value::{ErrorKind, ErrorValue, Value};
use std::cell::Cell;

/// The most arguments any call may pass (Excel's limit).
pub const MAX_ARGUMENTS: usize = 255;

/// Groups functions for documentation and autocomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// IF, IFS, AND, OR, NOT, IFERROR, SWITCH and friends.
    Logical,
    /// Arithmetic, rounding, sums and counts.
    Math,
    /// Excel 1900-system serial dates.
    Date,
    /// Time value of money, cash flows and the business helpers.
    Financial,
    /// CHOOSE, INDEX, MATCH, XLOOKUP, TAKE, DROP.
    Lookup,
    /// Functions that need a model's context, such as PREV.
    Model,
    /// MEDIAN, STDEV.S, PERCENTILE.INC, COUNTIF and friends.
    Statistical,
    /// TEXT, CONCAT, LEFT, LEN and friends.
    Text,
}

impl Category {
    /// The lower-case name listings show: `"financial"`, `"math"`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Logical => "logical",
            Category::Math => "math",
            Category::Date => "date",
            Category::Financial => "financial",
            Category::Lookup => "lookup",
            Category::Model => "model",
            Category::Statistical => "statistical",
            Category::Text => "text",
        }
    }
}

/// Evaluates expressions against a set of names: what a lazy function
/// evaluates its arguments with. The type is declared here, beside the
/// calling convention that hands it to functions; the evaluation itself
/// ([`Evaluator::eval`]) is implemented in `eval.rs`, which calls the
/// function tables. A method call needs no import, so the tables name this
/// file and never `eval.rs`.
pub struct Evaluator<'a> {
    pub(super) names: &'a dyn Names,
    /// Bytes of text and array elements produced or copied so far; see
    /// [`MAX_EVALUATION_BYTES`](super::limits::MAX_EVALUATION_BYTES).
    pub(super) spent_bytes: Cell<usize>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator that reads variables from `names`, with a fresh byte
    /// budget.
    pub fn new(names: &'a dyn Names) -> Evaluator<'a> {
        Evaluator {
            names,
            spent_bytes: Cell::new(0),
        }
    }

    /// The names this evaluator resolves, for functions such as PREV.
    pub fn names(&self) -> &'a dyn Names {
        self.names
    }
}

/// How a function receives its arguments.
#[derive(Clone, Copy)]
pub enum Implementation {
    /// Arguments are evaluated first, left to right; an omitted argument
    /// arrives as [`Value::Empty`]. Returning `Err` yields that error value.
    Eager(fn(&[Value]) -> Result<Value, ErrorValue>),
    /// The function evaluates its own arguments, so IF, IFERROR, CHOOSE and
    /// friends only evaluate the branch they need (as Excel does).
    Lazy(fn(&[Expr], &Evaluator<'_>) -> Value),
}

/// One function: its name, arity and implementation (its help text lives
/// apart, in `functions::help`, so the widget build can leave it out).
#[derive(Clone, Copy)]
pub struct FunctionSpec {
    /// Upper-case name, such as `XLOOKUP`.
    pub name: &'static str,
    /// Where listings group it.
    pub category: Category,
    /// The fewest arguments a call may pass.
    pub min_args: usize,
    /// The most arguments a call may pass; at most [`MAX_ARGUMENTS`].
    pub max_args: usize,
    /// How the evaluator calls it.
    pub implementation: Implementation,
}

impl FunctionSpec {
    /// A function whose arguments are evaluated before the call: the row
    /// every category table is made of.
    pub const fn eager(
        name: &'static str,
        category: Category,
        min_args: usize,
        max_args: usize,
        function: fn(&[Value]) -> Result<Value, ErrorValue>,
    ) -> FunctionSpec {
        FunctionSpec {
            name,
            category,
            min_args,
            max_args,
            implementation: Implementation::Eager(function),
        }
    }

    /// A function that evaluates its own arguments (IF, IFERROR, LET, PREV).
    pub const fn lazy(
        name: &'static str,
        category: Category,
        min_args: usize,
        max_args: usize,
        function: fn(&[Expr], &Evaluator<'_>) -> Value,
    ) -> FunctionSpec {
        FunctionSpec {
            name,
            category,
            min_args,
            max_args,
            implementation: Implementation::Lazy(function),
        }
    }
}

/// "2 arguments", "1 to 3 arguments", "at least 1 argument".
pub fn arity_text(min_args: usize, max_args: usize) -> String {
    let noun = |n: usize| if n == 1 { "argument" } else { "arguments" };
    if min_args == max_args {
        format!("{min_args} {}", noun(min_args))
    } else if max_args >= MAX_ARGUMENTS {
        format!("at least {min_args} {}", noun(min_args))
    } else {
        format!("{min_args} to {max_args} {}", noun(max_args))
    }
}

/// The error of a formula past
/// [`MAX_EVALUATION_BYTES`](super::limits::MAX_EVALUATION_BYTES) (one value built
/// element by element, or all a formula's results together).
pub fn over_budget() -> Value {
    Value::error(ErrorKind::Value, "more than 16 MiB of text and arrays")
}
