//! The distributions an uncertain model input can follow (the model
//! format's "Uncertainty" section): their validation, analytic mean and
//! standard deviation, and the low/high pair sensitivity analysis uses.
//!
//! Every public function validates first, so no NaN or infinity comes out
//! of any parameters: invalid ones are a [`DistributionError`]. Sampling
//! itself lives in [`sampler`](super::sampler) (with
//! `Distribution::sampler` and `Distribution::sample`, so this file never
//! imports the sampler that imports it); this module never draws random
//! numbers and keeps no state.

use super::error::DistributionError;
use super::normal::truncated_standard_moments;
pub use super::shape::MAX_PARAMETER_MAGNITUDE;
use super::shape::{clamp_between, clamp_optional, pert_shape, standard_bounds};

/// The standard normal's 90th percentile: an unbounded normal's P10 and
/// P90 are `mean ∓ P90_Z·sd`.
pub const P90_Z: f64 = 1.281_551_565_544_600_4;

/// The distribution of one uncertain variable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    /// Every value in `[min, max]` equally likely.
    Uniform {
        /// The least value.
        min: f64,
        /// The greatest value; above `min`.
        max: f64,
    },
    /// Triangular density rising linearly from `min` to `mode` and falling
    /// to `max`.
    Triangular {
        /// The least value.
        min: f64,
        /// The most likely value, within `[min, max]`.
        mode: f64,
        /// The greatest value; above `min`.
        max: f64,
    },
    /// Beta-PERT with shape 4: `min + (max − min)·Beta(α, β)` with
    /// `α = 1 + 4(mode − min)/(max − min)`, `β = 1 + 4(max − mode)/(max − min)`.
    Pert {
        /// The least value.
        min: f64,
        /// The most likely value, within `[min, max]`.
        mode: f64,
        /// The greatest value; above `min`.
        max: f64,
    },
    /// Normal with mean `mean` and standard deviation `sd`, truncated to
    /// `[min, max]` where given (the mean may lie outside the bounds).
    Normal {
        /// The untruncated mean.
        mean: f64,
        /// The untruncated standard deviation; above 0.
        sd: f64,
        /// The lower truncation bound, if any.
        min: Option<f64>,
        /// The upper truncation bound, if any; above `min`.
        max: Option<f64>,
    },
}

fn finite(
    distribution: &'static str,
    parameter: &'static str,
    value: f64,
) -> Result<(), DistributionError> {
    if value.is_finite() && value.abs() <= MAX_PARAMETER_MAGNITUDE {
        Ok(())
    } else {
        Err(DistributionError::NotFinite {
            distribution,
            parameter,
            value,
        })
    }
}

fn ordered(distribution: &'static str, min: f64, max: f64) -> Result<(), DistributionError> {
    finite(distribution, "min", min)?;
    finite(distribution, "max", max)?;
    if min < max {
        Ok(())
    } else {
        Err(DistributionError::EmptyRange {
            distribution,
            min,
            max,
        })
    }
}

fn with_mode(
    distribution: &'static str,
    min: f64,
    mode: f64,
    max: f64,
) -> Result<(), DistributionError> {
    ordered(distribution, min, max)?;
    finite(distribution, "mode", mode)?;
    if (min..=max).contains(&mode) {
        Ok(())
    } else {
        Err(DistributionError::ModeOutsideRange {
            distribution,
            min,
            mode,
            max,
        })
    }
}

impl Distribution {
    /// The name the model format uses: `uniform`, `triangular`, `pert`, `normal`.
    pub fn name(&self) -> &'static str {
        match self {
            Distribution::Uniform { .. } => "uniform",
            Distribution::Triangular { .. } => "triangular",
            Distribution::Pert { .. } => "pert",
            Distribution::Normal { .. } => "normal",
        }
    }

    /// Checks the parameters: all finite and of magnitude at most
    /// [`MAX_PARAMETER_MAGNITUDE`], `min < max`, `min <= mode <= max`,
    /// `sd > 0`.
    pub fn validate(&self) -> Result<(), DistributionError> {
        let name = self.name();
        match *self {
            Distribution::Uniform { min, max } => ordered(name, min, max),
            Distribution::Triangular { min, mode, max } | Distribution::Pert { min, mode, max } => {
                with_mode(name, min, mode, max)
            }
            Distribution::Normal { mean, sd, min, max } => {
                finite(name, "mean", mean)?;
                finite(name, "sd", sd)?;
                if sd <= 0.0 {
                    return Err(DistributionError::NonPositiveStandardDeviation { sd });
                }
                match (min, max) {
                    (Some(min), Some(max)) => ordered(name, min, max),
                    (Some(min), None) => finite(name, "min", min),
                    (None, Some(max)) => finite(name, "max", max),
                    (None, None) => Ok(()),
                }
            }
        }
    }

    /// The low and high values sensitivity (tornado) analysis uses: `min`
    /// and `max`; for a normal, each missing bound is replaced by the
    /// untruncated P10 / P90 `mean ∓ 1.2815515655446004·sd`, clamped to the
    /// bound that is given (so `low <= high` always).
    pub fn low_high(&self) -> Result<(f64, f64), DistributionError> {
        self.validate()?;
        Ok(match *self {
            Distribution::Uniform { min, max }
            | Distribution::Triangular { min, max, .. }
            | Distribution::Pert { min, max, .. } => (min, max),
            Distribution::Normal { mean, sd, min, max } => {
                let lower_bound = min.unwrap_or(f64::NEG_INFINITY);
                let upper_bound = max.unwrap_or(f64::INFINITY);
                let low = min.unwrap_or(mean - P90_Z * sd);
                let high = max.unwrap_or(mean + P90_Z * sd);
                (
                    clamp_between(low, lower_bound, upper_bound),
                    clamp_between(high, lower_bound, upper_bound),
                )
            }
        })
    }

    /// The analytic mean. For a truncated normal this is the mean of the
    /// distribution the sampler actually draws from (including its far-tail
    /// fallback, see [`normal`](super::normal)).
    pub fn mean(&self) -> Result<f64, DistributionError> {
        self.validate()?;
        Ok(match *self {
            Distribution::Uniform { min, max } => min + (max - min) / 2.0,
            Distribution::Triangular { min, mode, max } => min / 3.0 + mode / 3.0 + max / 3.0,
            Distribution::Pert { min, mode, max } => min / 6.0 + mode * (4.0 / 6.0) + max / 6.0,
            Distribution::Normal { mean, sd, min, max } => {
                let (lower, upper) = standard_bounds(mean, sd, min, max);
                let (mean_z, _) = truncated_standard_moments(lower, upper);
                let value = clamp_optional(mean + sd * mean_z, min, max);
                if mean_z.is_finite() && value.is_finite() {
                    value
                } else {
                    clamp_optional(mean, min, max)
                }
            }
        })
    }

    /// The analytic standard deviation (the square root of the variance,
    /// computed in a form that cannot overflow for valid parameters).
    pub fn std_dev(&self) -> Result<f64, DistributionError> {
        self.validate()?;
        Ok(match *self {
            Distribution::Uniform { min, max } => (max - min) / 12f64.sqrt(),
            Distribution::Triangular { min, mode, max } => {
                let width = max - min;
                let mode_fraction = (mode - min) / width;
                width * ((1.0 - mode_fraction + mode_fraction * mode_fraction) / 18.0).sqrt()
            }
            Distribution::Pert { min, mode, max } => {
                let (width, alpha, beta) = pert_shape(min, mode, max);
                // Var(Beta) = αβ / ((α+β)²(α+β+1)) with α + β = 6.
                width * (alpha * beta / 252.0).sqrt()
            }
            Distribution::Normal { mean, sd, min, max } => {
                let (lower, upper) = standard_bounds(mean, sd, min, max);
                let (_, variance_z) = truncated_standard_moments(lower, upper);
                let value = sd * variance_z.sqrt();
                if value.is_finite() {
                    value
                } else {
                    0.0
                }
            }
        })
    }
}

#[cfg(test)]
#[path = "distribution_test.rs"]
mod tests;
