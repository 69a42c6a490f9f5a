//! How a formula reads the variables around it: the [`Names`] a host
//! (a model, a batch row, nothing at all) supplies, and what PREV finds.
//!
//! It only describes the lookup; it never evaluates and never stores values.

use super::value::Value;

/// Supplies the values of variable names (model inputs and calculations).
pub trait Names {
    /// The value of `name`, or `None` when the name is unknown.
    fn lookup(&self, name: &str) -> Option<Value>;

    /// The value of series `name` in the period before the current one, for
    /// PREV. Only a model evaluating a per-period calculation knows it.
    fn previous(&self, _name: &str) -> Previous {
        Previous::Unavailable
    }

    /// The value of a variable the host resolved to `slot` at compile time.
    fn lookup_slot(&self, _slot: usize) -> Option<Value> {
        None
    }

    /// As [`Names::previous`], for a resolved variable.
    fn previous_slot(&self, _slot: usize) -> Previous {
        Previous::Unavailable
    }
}

/// What PREV finds for a name.
#[derive(Debug, Clone, PartialEq)]
pub enum Previous {
    /// The series' value in the previous period.
    Value(Value),
    /// The current period is the first: PREV gives its default.
    BeforeStart,
    /// The name is not a per-period calculation.
    NotASeries,
    /// Not inside a per-period calculation (the playground, a scalar formula).
    Unavailable,
}

/// No variables: every name is unknown.
pub struct NoNames;

impl Names for NoNames {
    fn lookup(&self, _name: &str) -> Option<Value> {
        None
    }
}
