//! How a formula of a compiled model sees names while one variable is
//! evaluated: model variables by name or slot, `period`, and the previous
//! period of a series (for `PREV`), read from the state's slots.

use super::plan::{Structure, PERIOD_NAME};
use super::slot::Slot;
use crate::formula::eval::{Names, Previous};
use crate::formula::{Array, Value};

/// Resolves names while one variable is evaluated, in one period or none.
pub(super) struct Scope<'a> {
    pub(super) structure: &'a Structure,
    pub(super) slots: &'a [Slot],
    pub(super) period: Option<usize>,
}

impl Scope<'_> {
    fn slot_value(&self, index: usize) -> Option<Value> {
        match (self.slots.get(index)?, self.period) {
            (Slot::Scalar(value), _) => Some(value.clone()),
            (Slot::Series(values), Some(period)) => values.get(period).cloned(),
            (Slot::Series(values), None) => Some(Value::Array(Array::column(values.clone())?)),
        }
    }

    fn slot_previous(&self, index: usize) -> Previous {
        let Some(period) = self.period else {
            return Previous::Unavailable;
        };
        match self.slots.get(index) {
            Some(Slot::Series(values)) => match period.checked_sub(1).and_then(|p| values.get(p)) {
                Some(value) => Previous::Value(value.clone()),
                None => Previous::BeforeStart,
            },
            _ => Previous::NotASeries,
        }
    }
}

impl Names for Scope<'_> {
    fn lookup(&self, name: &str) -> Option<Value> {
        if name == PERIOD_NAME {
            return self.period.map(|p| Value::Number(p as f64));
        }
        self.slot_value(self.structure.by_name.get(name)?)
    }

    fn previous(&self, name: &str) -> Previous {
        match self.structure.by_name.get(name) {
            Some(index) => self.slot_previous(index),
            None if self.period.is_none() => Previous::Unavailable,
            None => Previous::NotASeries,
        }
    }

    fn lookup_slot(&self, slot: usize) -> Option<Value> {
        self.slot_value(slot)
    }

    fn previous_slot(&self, slot: usize) -> Previous {
        self.slot_previous(slot)
    }
}
