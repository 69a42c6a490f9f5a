//! Functions that only make sense inside a calculator model: PREV reads a
//! series' value in the previous period, which is how a per-period
//! calculation accumulates (`cumulative = PREV(cumulative) + net_cash_flow`).
//!
//! The model supplies the values through [`Names::previous`](crate::formula::names::Names::previous); outside a
//! per-period model calculation PREV is `#N/A` with a message saying so.
//! Nothing here knows how models store series.

use super::{Category, FunctionSpec};
use crate::formula::ast::{Expr, ExprKind};
use crate::formula::calling::Evaluator;
use crate::formula::names::Previous;
use crate::formula::value::{ErrorKind, Value};

/// The model functions.
pub const FUNCTIONS: &[FunctionSpec] = &[FunctionSpec::lazy("PREV", Category::Model, 1, 2, prev)];

/// PREV(series, [default]): the series must be named directly, so the model
/// can see the lagged dependency when it orders calculations.
fn prev(args: &[Expr], evaluator: &Evaluator<'_>) -> Value {
    let (name, previous) = match args.first().map(|a| &a.kind) {
        Some(ExprKind::Name(name)) => (name, evaluator.names().previous(name)),
        Some(ExprKind::Variable { name, slot }) => (name, evaluator.names().previous_slot(*slot)),
        _ => {
            return Value::error(
                ErrorKind::Value,
                "PREV takes the name of a per-period calculation, as in PREV(cumulative)",
            )
        }
    };
    match previous {
        Previous::Value(value) => value,
        Previous::BeforeStart => match args.get(1) {
            Some(default) => match evaluator.eval(default) {
                Value::Empty => Value::Number(0.0),
                value => value,
            },
            None => Value::Number(0.0),
        },
        Previous::NotASeries => Value::error(
            ErrorKind::Value,
            format!("PREV({name}): {name} is not a per-period calculation"),
        ),
        Previous::Unavailable => Value::error(
            ErrorKind::NotAvailable,
            "PREV works only inside a per-period calculation of a model",
        ),
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
