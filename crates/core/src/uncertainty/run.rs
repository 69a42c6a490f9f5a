//! The chunked Monte Carlo runner: draws one sample per uncertain variable
//! per trial, hands them to a caller-supplied evaluation, and keeps every
//! output's results for the summaries, a chunk at a time so a browser can
//! stay responsive and show progress.
//!
//! Sampling order is fixed: trial by trial, and within a trial variable by
//! variable in plan order, all from one [`TrialRng`] seeded with the plan's
//! seed. So the same plan gives the same results however the run is
//! chunked (`advance(10)` a hundred times equals `advance(1000)`).
//!
//! Memory is bounded: at most [`MAX_TRIALS`] trials, [`MAX_OUTPUTS`]
//! outputs, and [`MAX_STORED_RESULTS`] stored values (8 bytes each, one
//! `f64` per successful output per trial: 8 MB per output at a million
//! trials, 128 MB at the overall cap). Buffers grow chunk by chunk, so a
//! run cancelled early holds only what it ran. The runner knows nothing of
//! models, formulas or JavaScript, and reads no clock.

use super::distribution::Distribution;
use super::error::UncertaintyError;
use super::rng::TrialRng;
use super::sampler::Sampler;
use super::summary::{probability, Event, Summary, MAX_HISTOGRAM_BINS};

/// The most trials one run may have.
pub const MAX_TRIALS: usize = 1_000_000;
/// The most uncertain variables one run may sample.
pub const MAX_VARIABLES: usize = 1_000;
/// The most outputs one run may summarize.
pub const MAX_OUTPUTS: usize = 256;
/// The most stored results (`trials × outputs`) one run may hold.
pub const MAX_STORED_RESULTS: usize = 16_000_000;

/// What to run: how many trials, the seed, and one distribution per
/// uncertain variable (the order is the order of the sample slice the
/// evaluation receives).
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarloPlan {
    /// 1..=[`MAX_TRIALS`].
    pub trials: usize,
    /// The stream's seed; record it in the receipt to reproduce the run.
    pub seed: u64,
    /// Each uncertain variable's distribution, in the order trials draw them.
    pub variables: Vec<Distribution>,
    /// Histogram bins of each summary, 1..=[`MAX_HISTOGRAM_BINS`]
    /// ([`DEFAULT_HISTOGRAM_BINS`](super::DEFAULT_HISTOGRAM_BINS) is 20).
    pub histogram_bins: usize,
}

/// How far a run has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Trials run so far.
    pub trials_done: usize,
    /// Trials the plan asks for.
    pub trials_total: usize,
    /// Whether every trial has run.
    pub done: bool,
}

/// The results of one output so far: its successful values in trial order
/// and the count of failed trials.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutputResults {
    /// The successful trials' values, in trial order.
    pub values: Vec<f64>,
    /// Trials whose output was an error: counted apart, not in `values`.
    pub failed_trials: usize,
}

/// A Monte Carlo run in progress (see the module docs).
#[derive(Debug, Clone)]
pub struct MonteCarloRun {
    rng: TrialRng,
    samplers: Vec<Sampler>,
    sample: Vec<f64>,
    trials_total: usize,
    trials_done: usize,
    histogram_bins: usize,
    outputs: Vec<OutputResults>,
}

impl MonteCarloRun {
    /// Validates the plan (trial, bin, variable and output counts, every
    /// distribution) and prepares a run with `output_count` outputs.
    pub fn new(plan: MonteCarloPlan, output_count: usize) -> Result<Self, UncertaintyError> {
        let MonteCarloPlan {
            trials,
            seed,
            variables,
            histogram_bins,
        } = plan;
        if !(1..=MAX_TRIALS).contains(&trials) {
            return Err(UncertaintyError::TrialsOutOfRange {
                trials,
                max_trials: MAX_TRIALS,
            });
        }
        if !(1..=MAX_HISTOGRAM_BINS).contains(&histogram_bins) {
            return Err(UncertaintyError::HistogramBinsOutOfRange {
                bins: histogram_bins,
                max_bins: MAX_HISTOGRAM_BINS,
            });
        }
        if variables.len() > MAX_VARIABLES {
            return Err(UncertaintyError::TooManyVariables {
                variables: variables.len(),
                max_variables: MAX_VARIABLES,
            });
        }
        if !(1..=MAX_OUTPUTS).contains(&output_count) {
            return Err(UncertaintyError::OutputCountOutOfRange {
                outputs: output_count,
                max_outputs: MAX_OUTPUTS,
            });
        }
        if trials.saturating_mul(output_count) > MAX_STORED_RESULTS {
            return Err(UncertaintyError::TooManyResults {
                trials,
                outputs: output_count,
                max_results: MAX_STORED_RESULTS,
            });
        }
        // A plain loop: collecting into a `Result` adds its own adapter.
        let mut samplers = Vec::with_capacity(variables.len());
        for (index, distribution) in variables.iter().enumerate() {
            samplers.push(
                Sampler::new(distribution)
                    .map_err(|error| UncertaintyError::InvalidVariable { index, error })?,
            );
        }
        Ok(MonteCarloRun {
            rng: TrialRng::from_seed(seed),
            sample: Vec::with_capacity(samplers.len()),
            samplers,
            trials_total: trials,
            trials_done: 0,
            histogram_bins,
            outputs: vec![OutputResults::default(); output_count],
        })
    }

    /// Runs up to `max_trials` more trials. For each, `evaluate` receives
    /// one sampled value per variable (plan order) and fills one entry per
    /// output (all `None` when it is called): `Some(value)`, or `None` when
    /// the output failed (an error such as `#NUM!`). A non-finite value
    /// counts as failed, an entry left `None` too. The entries are one
    /// buffer reused for every trial.
    pub fn advance(
        &mut self,
        max_trials: usize,
        mut evaluate: impl FnMut(&[f64], &mut [Option<f64>]),
    ) -> Progress {
        let remaining = self.trials_total - self.trials_done;
        let chunk = max_trials.min(remaining);
        for output in &mut self.outputs {
            output.values.reserve(chunk);
        }
        let mut results = vec![None; self.outputs.len()];
        for _ in 0..chunk {
            self.sample.clear();
            for sampler in &self.samplers {
                self.sample.push(sampler.sample(&mut self.rng));
            }
            results.fill(None);
            evaluate(&self.sample, &mut results);
            for (output, result) in self.outputs.iter_mut().zip(&results) {
                match result {
                    Some(value) if value.is_finite() => output.values.push(*value),
                    _ => output.failed_trials += 1,
                }
            }
            self.trials_done += 1;
        }
        self.progress()
    }

    /// How far the run has got.
    pub fn progress(&self) -> Progress {
        Progress {
            trials_done: self.trials_done,
            trials_total: self.trials_total,
            done: self.trials_done >= self.trials_total,
        }
    }

    /// The number of outputs the run keeps.
    pub fn output_count(&self) -> usize {
        self.outputs.len()
    }

    /// One summary per output, from the trials done so far (sorts a copy of
    /// each output's values: O(n log n) per call).
    pub fn summaries(&self) -> Vec<Summary> {
        let mut summaries = Vec::with_capacity(self.outputs.len());
        for output in &self.outputs {
            summaries.push(Summary::from_values(
                &output.values,
                output.failed_trials,
                self.histogram_bins,
            ));
        }
        summaries
    }

    /// The results of output `index` so far; `None` past the output count.
    pub fn results(&self, index: usize) -> Option<&OutputResults> {
        self.outputs.get(index)
    }

    /// The probability of `event` for output `index` over the trials done
    /// so far (see [`probability`]); `None` past the output count or when
    /// no trial is counted.
    pub fn probability(&self, index: usize, event: &Event) -> Option<f64> {
        let output = self.outputs.get(index)?;
        probability(&output.values, output.failed_trials, event)
    }
}

#[cfg(test)]
#[path = "run_test.rs"]
mod tests;
