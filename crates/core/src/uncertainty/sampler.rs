//! Drawing samples: a [`Sampler`] is a validated [`Distribution`] with its
//! per-sample constants precomputed, so a million trials never re-validate
//! or recompute a CDF.
//!
//! Algorithms (part of the reproducibility contract, like the stream in
//! [`rng`](super::rng)):
//!
//! - Uniform: `min + u·(max − min)`, one uniform.
//! - Triangular: inverse CDF, one uniform. With `f = (mode − min)/w` and
//!   `w = max − min`: `min + w·√(u·f)` when `u < f`, else
//!   `max − w·√((1 − u)·(max − mode)/w)`.
//! - PERT: `min + w·X/(X + Y)` with `X ~ Gamma(α)`, `Y ~ Gamma(β)` drawn in
//!   that order by Marsaglia and Tsang's method (2000): each attempt draws
//!   a standard normal by the AS 241 quantile of one uniform, then (unless
//!   `1 + c·x <= 0`) a second uniform for the squeeze / log test. Shapes
//!   are in [1, 5], where an attempt is accepted with probability above
//!   0.95; attempts are capped at [`MAX_GAMMA_ATTEMPTS`], after which the
//!   gamma's `d = shape − 1/3` is returned (probability below 1e-40).
//! - Normal: inverse CDF of the truncated normal, one uniform (see
//!   [`normal`](super::normal)); no rejection loop.
//!
//! Every sample is clamped into the distribution's bounds, so rounding
//! never puts one outside them, and is finite. The number of uniforms a
//! sample consumes depends only on the stream, so the same seed always
//! gives the same samples. This module reads no clock and keeps no state
//! beyond the caller's [`TrialRng`].

use super::distribution::Distribution;
use super::error::DistributionError;
use super::normal::{standard_normal_quantile, TruncatedStandardNormal};
use super::rng::TrialRng;
use super::shape::{clamp_between, clamp_optional, pert_shape, standard_bounds};

/// The cap on Marsaglia–Tsang attempts per gamma draw.
pub const MAX_GAMMA_ATTEMPTS: usize = 32;

/// Marsaglia–Tsang constants for one gamma shape (≥ 1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct GammaShape {
    /// `shape − 1/3`.
    d: f64,
    /// `1/√(9d)`.
    c: f64,
}

impl GammaShape {
    fn new(shape: f64) -> Self {
        let d = shape - 1.0 / 3.0;
        GammaShape {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    fn sample(self, rng: &mut TrialRng) -> f64 {
        let GammaShape { d, c } = self;
        for _ in 0..MAX_GAMMA_ATTEMPTS {
            let x = standard_normal_quantile(rng.next_unit());
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.next_unit();
            let x_squared = x * x;
            if u < 1.0 - 0.0331 * x_squared * x_squared
                || u.ln() < 0.5 * x_squared + d * (1.0 - v + v.ln())
            {
                return d * v;
            }
        }
        d
    }
}

/// A validated distribution, ready to draw samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sampler {
    kind: SamplerKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SamplerKind {
    Uniform {
        min: f64,
        width: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        width: f64,
        max: f64,
        mode_fraction: f64,
        upper_fraction: f64,
    },
    Pert {
        min: f64,
        width: f64,
        max: f64,
        alpha: GammaShape,
        beta: GammaShape,
    },
    Normal {
        mean: f64,
        sd: f64,
        min: Option<f64>,
        max: Option<f64>,
        standard: TruncatedStandardNormal,
    },
}

impl Distribution {
    /// The validated, prepared form that draws samples.
    pub fn sampler(&self) -> Result<Sampler, DistributionError> {
        Sampler::new(self)
    }

    /// One sample from `rng` (see [`Sampler::sample`] for the algorithms).
    /// Preparing costs a few CDF evaluations for a truncated normal; to draw
    /// many samples, prepare once with [`Distribution::sampler`].
    pub fn sample(&self, rng: &mut TrialRng) -> Result<f64, DistributionError> {
        Ok(self.sampler()?.sample(rng))
    }
}

impl Sampler {
    /// Validates `distribution` (see [`Distribution::validate`]) and
    /// precomputes its sampling constants.
    pub fn new(distribution: &Distribution) -> Result<Self, DistributionError> {
        distribution.validate()?;
        let kind = match *distribution {
            Distribution::Uniform { min, max } => SamplerKind::Uniform {
                min,
                width: max - min,
                max,
            },
            Distribution::Triangular { min, mode, max } => {
                let width = max - min;
                SamplerKind::Triangular {
                    min,
                    width,
                    max,
                    mode_fraction: (mode - min) / width,
                    upper_fraction: (max - mode) / width,
                }
            }
            Distribution::Pert { min, mode, max } => {
                let (width, alpha, beta) = pert_shape(min, mode, max);
                SamplerKind::Pert {
                    min,
                    width,
                    max,
                    alpha: GammaShape::new(alpha),
                    beta: GammaShape::new(beta),
                }
            }
            Distribution::Normal { mean, sd, min, max } => {
                let (lower_z, upper_z) = standard_bounds(mean, sd, min, max);
                SamplerKind::Normal {
                    mean,
                    sd,
                    min,
                    max,
                    standard: TruncatedStandardNormal::new(lower_z, upper_z),
                }
            }
        };
        Ok(Sampler { kind })
    }

    /// One sample, by the algorithms in the module docs; always finite and
    /// within the distribution's bounds.
    pub fn sample(&self, rng: &mut TrialRng) -> f64 {
        match self.kind {
            SamplerKind::Uniform { min, width, max } => {
                clamp_between(min + rng.next_unit() * width, min, max)
            }
            SamplerKind::Triangular {
                min,
                width,
                max,
                mode_fraction,
                upper_fraction,
            } => {
                let u = rng.next_unit();
                let value = if u < mode_fraction {
                    min + width * (u * mode_fraction).sqrt()
                } else {
                    max - width * ((1.0 - u) * upper_fraction).sqrt()
                };
                clamp_between(value, min, max)
            }
            SamplerKind::Pert {
                min,
                width,
                max,
                alpha,
                beta,
            } => {
                let x = alpha.sample(rng);
                let y = beta.sample(rng);
                // Both are positive: d > 0 and v > 0 on acceptance.
                let fraction = x / (x + y);
                let value = min + width * fraction;
                if value.is_finite() {
                    clamp_between(value, min, max)
                } else {
                    min
                }
            }
            SamplerKind::Normal {
                mean,
                sd,
                min,
                max,
                standard,
            } => {
                let z = standard.sample(rng.next_unit());
                let value = clamp_optional(mean + sd * z, min, max);
                if z.is_finite() && value.is_finite() {
                    value
                } else {
                    // The bounds are infinitely many (subnormal) sds away:
                    // all the mass sits at the point of [min, max] nearest the mean.
                    clamp_optional(mean, min, max)
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "sampler_test.rs"]
mod tests;
