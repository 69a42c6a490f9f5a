//! Analyses on a compiled model: scenarios side by side, sensitivity
//! (tornado), goal seek and break-even (Monte Carlo lives beside them). Each evaluates the same compiled
//! model many times; none changes it.
//!
//! Every loop has a fixed cap, so no option makes an analysis hang, and
//! every analysis counts the formula cells it would evaluate before it
//! starts (`CompiledModel::cells_in`): past [`MAX_ANALYSIS_CELLS`] (or
//! [`MAX_MONTE_CARLO_CELLS`] for a Monte Carlo run) it is refused with a
//! [`ModelError::TooMuchWork`] that says what to ask for instead.

pub mod break_even;
pub mod goal_seek;
pub mod monte_carlo;
pub mod scenarios;
pub mod sensitivity;

pub use break_even::break_even;
pub use goal_seek::{goal_seek, GoalSeekOptions, GoalSeekResult, DEFAULT_TOLERANCE};
pub use monte_carlo::{ModelMonteCarlo, MonteCarloOptions, DEFAULT_SEED, DEFAULT_TRIALS};
pub use scenarios::{scenarios, ScenarioResult};
pub use sensitivity::{sensitivity, SensitivityOptions, SensitivityRow, DEFAULT_PERCENT_CHANGE};

use crate::model::diagnostic::ModelError;

/// Most formula cells one sensitivity or goal seek may evaluate: a few
/// seconds in a browser on the largest model, whose full evaluation is
/// 1.2 million cells.
pub const MAX_ANALYSIS_CELLS: usize = 20_000_000;

/// Most formula cells one Monte Carlo run may evaluate over all its trials.
pub const MAX_MONTE_CARLO_CELLS: usize = 200_000_000;

/// `Ok` when `cells` is within `limit`, otherwise the error that says so.
pub(crate) fn within_budget(
    analysis: &'static str,
    cells: usize,
    limit: usize,
    advice: &'static str,
) -> Result<(), ModelError> {
    if cells > limit {
        return Err(ModelError::TooMuchWork {
            analysis,
            cells,
            limit,
            advice,
        });
    }
    Ok(())
}

/// `value` as a whole number from `min` to `max`; otherwise an error
/// naming `option` and showing the value as given (NaN, infinities and
/// fractions included), never a wrapped or truncated one.
pub fn whole_number(
    option: &'static str,
    value: f64,
    min: u64,
    max: u64,
) -> Result<u64, ModelError> {
    if value.fract() == 0.0 && value >= min as f64 && value <= max as f64 {
        return Ok(value as u64);
    }
    Err(ModelError::InvalidOption {
        option,
        reason: format!(
            "must be a whole number from {min} to {max}; got {}",
            crate::number_text::Plain(value)
        ),
    })
}
