//! Uncertainty: the distributions of uncertain inputs, a seeded and
//! pinned random stream, a chunked Monte Carlo runner, and the summary
//! statistics of its outputs (mean, deviation, P10/P50/P90, histogram,
//! probability of an event).
//!
//! This module knows nothing of models or formulas: the runner hands each
//! trial's samples to a caller-supplied evaluation. It reads no clock and
//! no global randomness (the seed is part of the plan, so a receipt's seed
//! reproduces the run), never panics, never loops without bound, and never
//! returns NaN or infinity.
//!
//! Reproducibility: the generator ([`rng`]), the sampling algorithms
//! ([`sampler`]) and the sampling order ([`run`]) are pinned by golden
//! tests. Integer steps are exact everywhere; the float functions used
//! (`sqrt`, correctly rounded, and `ln`, `exp`, `ln_1p`, `exp_m1` from the
//! platform libm) give bit-identical results on native and wasm32 in
//! practice, though libm does not promise correct rounding.
//!
//! - [`distribution`]: [`Distribution`], its validation, analytic moments
//!   and sensitivity low/high.
//! - [`sampler`]: [`Sampler`], the prepared distribution that draws samples.
//! - [`normal`]: the standard normal's CDF, quantile and truncated sampler.
//! - [`rng`]: [`TrialRng`], PCG32 with a pinned seeding and uniform mapping.
//! - [`summary`]: [`Summary`], percentiles, histograms and [`probability`].
//! - [`run`]: [`MonteCarloPlan`] and the chunked [`MonteCarloRun`].
//! - [`error`]: [`DistributionError`] and [`UncertaintyError`].

pub mod distribution;
pub mod error;
pub mod normal;
pub mod rng;
pub mod run;
pub mod sampler;
mod shape;
pub mod summary;

pub use distribution::{Distribution, MAX_PARAMETER_MAGNITUDE, P90_Z};
pub use error::{DistributionError, UncertaintyError};
pub use rng::TrialRng;
pub use run::{
    MonteCarloPlan, MonteCarloRun, OutputResults, Progress, MAX_OUTPUTS, MAX_STORED_RESULTS,
    MAX_TRIALS, MAX_VARIABLES,
};
pub use sampler::{Sampler, MAX_GAMMA_ATTEMPTS};
pub use summary::{
    percentile_inc, probability, Bin, Comparison, Event, FailedTrials, Histogram, Statistics,
    Summary, DEFAULT_HISTOGRAM_BINS, MAX_HISTOGRAM_BINS,
};
