//! Break-even: the first period where a series' cumulative value turns
//! positive (for a net cash flow series: when the investment is paid back),
//! interpolated within that period, as the PAYBACK function defines it.

use crate::finance::{payback_period, Payback};
use crate::formula::Value;
use crate::model::diagnostic::{IdKind, ModelError};
use crate::model::engine::{CompiledModel, ModelState};
use crate::model::Slot;

/// When the cumulative sum of series `series_id` first recovers to zero or
/// above, in periods from period 0 (fractional), or [`Payback::Never`].
pub fn break_even(
    model: &CompiledModel,
    state: &ModelState,
    series_id: &str,
) -> Result<Payback, ModelError> {
    let unknown = || ModelError::UnknownId {
        kind: IdKind::Calculation,
        id: series_id.to_string(),
    };
    let Some(Slot::Series(values)) = state.calculation(model, series_id) else {
        return Err(unknown());
    };
    let mut flows = Vec::with_capacity(values.len());
    for (period, value) in values.iter().enumerate() {
        match value {
            Value::Number(n) => flows.push(*n),
            other => {
                return Err(ModelError::InvalidOption {
                    option: "series",
                    reason: format!(
                        "`{series_id}` is not a number in period {period}: {}",
                        describe(other)
                    ),
                })
            }
        }
    }
    payback_period(&flows).map_err(|err| ModelError::InvalidOption {
        option: "series",
        reason: crate::error::display_text(&err),
    })
}

fn describe(value: &Value) -> String {
    match value {
        Value::Error(err) => crate::error::display_text(err),
        other => other.type_name().to_string(),
    }
}
