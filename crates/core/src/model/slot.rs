//! A variable's value during an evaluation: one value, or one per period.
//!
//! Its own file because the engine, the engine's name scope and the
//! compiled numeric path (`fast`) all hold slots: with the type here, none
//! of them imports another to name it. It holds no logic.

use crate::formula::Value;

/// A variable's value: one value, or one per period.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// A single value: an input, or a calculation that is not per period.
    Scalar(Value),
    /// One value per period, 0 to N: a per-period calculation.
    Series(Vec<Value>),
}
