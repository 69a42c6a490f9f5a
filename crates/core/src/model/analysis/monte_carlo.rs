//! Monte Carlo on a compiled model: every input with an uncertainty is
//! sampled (seeded PCG32, see `crate::uncertainty`), the model is
//! recomputed incrementally from the base state, and each output's trials
//! are summarised (mean, P10/P50/P90, histogram) and can answer
//! probabilities such as P(NPV > 0).
//!
//! The run advances in chunks, so a page can show progress and cancel by
//! simply not asking for more; the same seed gives the same result however
//! it is chunked. Samples are clamped to the input's own bounds and rounded
//! for integer inputs, so every trial is a valid set of inputs.

use crate::model::diagnostic::ModelError;
use crate::model::engine::{CompiledModel, ModelState};
use crate::model::spec::{InputKind, UncertaintySpec};
use crate::uncertainty::{
    Distribution, Event, MonteCarloPlan, MonteCarloRun, Progress, Summary, UncertaintyError,
};

/// How many trials, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonteCarloOptions {
    /// How many trials to run.
    pub trials: usize,
    /// The seed of the pinned random stream: the same seed gives the same
    /// results on every platform.
    pub seed: u64,
    /// How many bins each output's histogram has.
    pub histogram_bins: usize,
}

/// The trials of a run when a caller names none.
pub const DEFAULT_TRIALS: usize = 10_000;
/// The seed of a run when a caller names none: a run without one is
/// still reproducible.
pub const DEFAULT_SEED: u64 = 20_260_101;

/// A Monte Carlo run over one model, advanced in chunks.
#[derive(Debug, Clone)]
pub struct ModelMonteCarlo {
    base: ModelState,
    working: ModelState,
    /// Input indices sampled, in model order (the plan's variable order).
    sampled_inputs: Vec<usize>,
    /// The plan steps downstream of the sampled inputs: all a trial re-runs.
    steps: Vec<usize>,
    /// One trial's inputs, reused.
    changes: Vec<(usize, f64)>,
    run: MonteCarloRun,
}

fn distribution(spec: &UncertaintySpec) -> Distribution {
    match *spec {
        UncertaintySpec::Uniform { min, max } => Distribution::Uniform { min, max },
        UncertaintySpec::Triangular { min, mode, max } => {
            Distribution::Triangular { min, mode, max }
        }
        UncertaintySpec::Pert { min, mode, max } => Distribution::Pert { min, mode, max },
        UncertaintySpec::Normal { mean, sd, min, max } => {
            Distribution::Normal { mean, sd, min, max }
        }
    }
}

impl ModelMonteCarlo {
    /// Prepares a run around `base` (the inputs without uncertainty keep
    /// their base values).
    pub fn new(
        model: &CompiledModel,
        base: &ModelState,
        options: MonteCarloOptions,
    ) -> Result<Self, ModelError> {
        // The sampled inputs and their distributions, in input order.
        let mut sampled_inputs = Vec::new();
        let mut variables = Vec::new();
        for (index, input) in model.spec().inputs.iter().enumerate() {
            if let Some(uncertainty) = &input.uncertainty {
                sampled_inputs.push(index);
                variables.push(distribution(uncertainty));
            }
        }
        if sampled_inputs.is_empty() {
            return Err(ModelError::InvalidOption {
                option: "model",
                reason: "no input has an uncertainty to sample; add one to the model's inputs"
                    .to_string(),
            });
        }
        let plan = MonteCarloPlan {
            trials: options.trials,
            seed: options.seed,
            variables,
            histogram_bins: options.histogram_bins,
        };
        let run = MonteCarloRun::new(plan, model.spec().outputs.len()).map_err(|err| {
            ModelError::InvalidOption {
                option: match err {
                    UncertaintyError::HistogramBinsOutOfRange { .. } => "histogramBins",
                    UncertaintyError::TrialsOutOfRange { .. }
                    | UncertaintyError::TooManyResults { .. } => "trials",
                    _ => "model",
                },
                reason: crate::error::display_text(&err),
            }
        })?;
        // A trial re-runs the steps between the sampled inputs and the outputs.
        let steps = model.steps_for_outputs(&model.steps_after(&sampled_inputs), None);
        super::within_budget(
            "this Monte Carlo run",
            model.cells_in(&steps).saturating_mul(options.trials),
            super::MAX_MONTE_CARLO_CELLS,
            "ask for fewer trials",
        )?;
        Ok(ModelMonteCarlo {
            base: base.clone(),
            working: base.clone(),
            steps,
            changes: Vec::with_capacity(sampled_inputs.len()),
            sampled_inputs,
            run,
        })
    }

    /// Runs up to `max_trials` more trials.
    pub fn advance(&mut self, model: &CompiledModel, max_trials: usize) -> Progress {
        let ModelMonteCarlo {
            base,
            working,
            sampled_inputs,
            steps,
            changes,
            run,
        } = self;
        run.advance(max_trials, |sample, results| {
            changes.clear();
            // A plain loop: `extend` from a zip/map chain was a body of its own.
            for (&index, &value) in sampled_inputs.iter().zip(sample) {
                changes.push((index, fit_to_input(model, index, value)));
            }
            if model.apply_numbers(working, changes, steps).is_err() {
                *working = base.clone();
                results.fill(None);
                return;
            }
            for (index, result) in results.iter_mut().enumerate() {
                *result = working.output_number(model, index);
            }
        })
    }

    /// How many trials have run, of how many.
    pub fn progress(&self) -> Progress {
        self.run.progress()
    }

    /// One summary per output, over the trials run so far.
    pub fn summaries(&self) -> Vec<Summary> {
        self.run.summaries()
    }

    /// The probability of `event` for output `output_index`; `None` when no
    /// trial counts.
    pub fn probability(&self, output_index: usize, event: &Event) -> Option<f64> {
        self.run.probability(output_index, event)
    }

    /// The input ids sampled, in order.
    pub fn sampled_input_ids<'a>(&self, model: &'a CompiledModel) -> Vec<&'a str> {
        let mut ids = Vec::with_capacity(self.sampled_inputs.len());
        for &i in &self.sampled_inputs {
            if let Some(input) = model.spec().inputs.get(i) {
                ids.push(input.id.as_str());
            }
        }
        ids
    }
}

/// A sample made valid for its input: clamped to min/max, whole for integers.
fn fit_to_input(model: &CompiledModel, index: usize, value: f64) -> f64 {
    let Some(input) = model.spec().inputs.get(index) else {
        return value;
    };
    let mut fitted = value;
    if input.kind == InputKind::Integer {
        fitted = fitted.round();
    }
    if let Some(min) = input.min {
        fitted = fitted.max(min);
    }
    if let Some(max) = input.max {
        fitted = fitted.min(max);
    }
    fitted
}
