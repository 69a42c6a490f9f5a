//! A variable's value during an evaluation: one value, or one per period.
//!
//! Its own file because the engine, the engine's name scope and the
//! compiled numeric path (`fast`) all hold slots: with the type here, none
//! of them imports another to name it. It holds no logic.

use crate::formula::Value;

/// A variable's value: one value, or one per period.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    Scalar(Value),
    Series(Vec<Value>),
}
