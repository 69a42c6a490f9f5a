//! Errors of the uncertainty module: why a distribution's parameters or a
//! Monte Carlo plan were refused, phrased so a model author can fix them.
//!
//! This module only describes failures; it never samples, never formats
//! numbers for display beyond `Display`, and knows nothing of models.

use crate::error::ErrorCode;
use std::fmt;

/// A parameter as a message shows it: plain decimals for everyday
/// magnitudes, scientific notation for huge or tiny ones.
struct Number(f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.0.abs();
        if magnitude == 0.0 || !magnitude.is_finite() || (1e-6..1e15).contains(&magnitude) {
            f.write_str(&crate::number_text::shortest(self.0))
        } else {
            f.write_str(&crate::number_text::shortest_exp(self.0))
        }
    }
}

/// Why a [`Distribution`](super::Distribution)'s parameters are invalid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DistributionError {
    /// A parameter is NaN or infinite, or its magnitude exceeds
    /// [`MAX_PARAMETER_MAGNITUDE`](super::MAX_PARAMETER_MAGNITUDE).
    NotFinite {
        /// The distribution's name (`triangular`, ...).
        distribution: &'static str,
        /// The parameter's name (`min`, `sd`, ...).
        parameter: &'static str,
        /// The value given.
        value: f64,
    },
    /// `min` is not strictly below `max`.
    EmptyRange {
        /// The distribution's name.
        distribution: &'static str,
        /// The `min` given.
        min: f64,
        /// The `max` given.
        max: f64,
    },
    /// `mode` lies outside `[min, max]`.
    ModeOutsideRange {
        /// The distribution's name.
        distribution: &'static str,
        /// The `min` given.
        min: f64,
        /// The `mode` given.
        mode: f64,
        /// The `max` given.
        max: f64,
    },
    /// A normal distribution's standard deviation is zero or negative.
    NonPositiveStandardDeviation {
        /// The `sd` given.
        sd: f64,
    },
}

impl fmt::Display for DistributionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DistributionError::NotFinite {
                distribution,
                parameter,
                value,
            } => write!(
                f,
                "{distribution}: {parameter} must be a finite number of magnitude at most \
                 {}, got {}",
                crate::number_text::shortest_exp(super::MAX_PARAMETER_MAGNITUDE),
                Number(*value)
            ),
            DistributionError::EmptyRange {
                distribution,
                min,
                max,
            } => write!(
                f,
                "{distribution}: min must be less than max, got min {} and max {}",
                Number(*min),
                Number(*max)
            ),
            DistributionError::ModeOutsideRange {
                distribution,
                min,
                mode,
                max,
            } => write!(
                f,
                "{distribution}: mode must lie between min and max, got min {}, \
                 mode {}, max {}",
                Number(*min),
                Number(*mode),
                Number(*max)
            ),
            DistributionError::NonPositiveStandardDeviation { sd } => {
                write!(f, "normal: sd must be greater than 0, got {}", Number(*sd))
            }
        }
    }
}

impl std::error::Error for DistributionError {}

/// Why a [`MonteCarloPlan`](super::MonteCarloPlan) was refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UncertaintyError {
    /// The distribution of variable `index` (0-based, plan order) is invalid.
    InvalidVariable {
        /// The variable's position in the plan, from 0.
        index: usize,
        /// What is wrong with its distribution.
        error: DistributionError,
    },
    /// The trial count is zero or above [`MAX_TRIALS`](super::MAX_TRIALS).
    TrialsOutOfRange {
        /// The trials asked for.
        trials: usize,
        /// The most allowed.
        max_trials: usize,
    },
    /// The histogram bin count is zero or above
    /// [`MAX_HISTOGRAM_BINS`](super::MAX_HISTOGRAM_BINS).
    HistogramBinsOutOfRange {
        /// The bins asked for.
        bins: usize,
        /// The most allowed.
        max_bins: usize,
    },
    /// More uncertain variables than [`MAX_VARIABLES`](super::MAX_VARIABLES).
    TooManyVariables {
        /// The variables given.
        variables: usize,
        /// The most allowed.
        max_variables: usize,
    },
    /// The output count is zero or above [`MAX_OUTPUTS`](super::MAX_OUTPUTS).
    OutputCountOutOfRange {
        /// The outputs given.
        outputs: usize,
        /// The most allowed.
        max_outputs: usize,
    },
    /// `trials × outputs` results would exceed
    /// [`MAX_STORED_RESULTS`](super::MAX_STORED_RESULTS) (8 bytes each).
    TooManyResults {
        /// The trials asked for.
        trials: usize,
        /// The outputs given.
        outputs: usize,
        /// The most results a run may store.
        max_results: usize,
    },
}

impl fmt::Display for UncertaintyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UncertaintyError::InvalidVariable { index, error } => {
                write!(f, "uncertain variable {index}: {error}")
            }
            UncertaintyError::TrialsOutOfRange { trials, max_trials } => write!(
                f,
                "Monte Carlo trials must be between 1 and {max_trials}, got {trials}"
            ),
            UncertaintyError::HistogramBinsOutOfRange { bins, max_bins } => write!(
                f,
                "histogram bins must be between 1 and {max_bins}, got {bins}"
            ),
            UncertaintyError::TooManyVariables {
                variables,
                max_variables,
            } => write!(
                f,
                "at most {max_variables} uncertain variables are allowed, got {variables}"
            ),
            UncertaintyError::OutputCountOutOfRange {
                outputs,
                max_outputs,
            } => write!(
                f,
                "Monte Carlo needs between 1 and {max_outputs} outputs, got {outputs}"
            ),
            UncertaintyError::TooManyResults {
                trials,
                outputs,
                max_results,
            } => write!(
                f,
                "{trials} trials × {outputs} outputs exceeds the limit of {max_results} \
                 stored results; run fewer trials or summarize fewer outputs"
            ),
        }
    }
}

impl UncertaintyError {
    /// The stable code callers branch on (docs/errors.md).
    pub fn code(&self) -> ErrorCode {
        match self {
            UncertaintyError::InvalidVariable { .. } => ErrorCode::INVALID_DISTRIBUTION,
            UncertaintyError::TrialsOutOfRange { .. } => ErrorCode::TRIALS_OUT_OF_RANGE,
            UncertaintyError::HistogramBinsOutOfRange { .. } => ErrorCode::BINS_OUT_OF_RANGE,
            UncertaintyError::TooManyVariables { .. } => ErrorCode::TOO_MANY_VARIABLES,
            UncertaintyError::OutputCountOutOfRange { .. } => ErrorCode::OUTPUT_COUNT_OUT_OF_RANGE,
            UncertaintyError::TooManyResults { .. } => ErrorCode::TOO_MANY_RESULTS,
        }
    }
}

impl std::error::Error for UncertaintyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UncertaintyError::InvalidVariable { error, .. } => Some(error),
            _ => None,
        }
    }
}
