//! `Model.monteCarlo` and the `MonteCarloRun` class it starts: a model's
//! Monte Carlo advanced in chunks from JavaScript (`run.step(2000)` until
//! `done`), so a page can show progress and cancel by not stepping further.
//!
//! Built only with the `risk` feature: the separate build `make pkg-risk`,
//! which the workbench's Monte Carlo worker loads. The full build (pkg/)
//! leaves it out, with its TypeScript types below.
//!
//! Conversion only: sampling, recomputation and statistics are the core's.

use super::dto::{field, object, set, set_number, set_number_or_null};
use super::error::{display_text, JsError};
use super::js::Array;
use super::model::Model;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::model::analysis::{
    self, ModelMonteCarlo, MonteCarloOptions, DEFAULT_SEED, DEFAULT_TRIALS,
};
use yardstick_core::model::CompiledModel;
use yardstick_core::uncertainty::{
    Comparison, Event, FailedTrials, Progress, DEFAULT_HISTOGRAM_BINS, MAX_HISTOGRAM_BINS,
    MAX_TRIALS,
};

#[wasm_bindgen(typescript_custom_section)]
const MONTE_CARLO_TYPES: &str = r##"
export interface MonteCarloOptions { trials?: number; seed?: number; histogramBins?: number }
export interface MonteCarloProgress { trialsDone: number; trialsTotal: number; done: boolean }
export interface HistogramBin { lower: number; upper: number; count: number }
export interface OutputDistribution {
  failedTrials: number;
  mean?: number; stdDev?: number; min?: number; max?: number; p10?: number; p50?: number; p90?: number;
  histogram?: HistogramBin[];
  probabilityAboveZero: number | null;
}
export interface MonteCarloResult {
  trialsDone: number; trialsTotal: number; done: boolean; seed: number;
  sampledInputs: string[];
  outputs: Record<string, OutputDistribution>;
}
"##;

/// The largest seed a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// A Monte Carlo run over a copy of a model.
#[wasm_bindgen]
pub struct MonteCarloRun {
    model: CompiledModel,
    run: ModelMonteCarlo,
    seed: u64,
}

/// Option `key` as a whole number from `min` to `max` (`None` when absent);
/// anything else, a number out of range, a fraction, NaN or a string, is
/// refused with the option's name and the value as given (NaN for
/// anything but a number).
fn whole_number(
    options: &JsValue,
    key: &'static str,
    min: u64,
    max: u64,
) -> Result<Option<u64>, JsError> {
    let value = field(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    // Not a number at all: refused as NaN, never read as a default.
    let number = value.as_f64().unwrap_or(f64::NAN);
    analysis::whole_number(key, number, min, max)
        .map(Some)
        .map_err(JsError::from)
}

impl MonteCarloRun {
    fn start(
        model: &CompiledModel,
        base: &yardstick_core::model::ModelState,
        options: &JsValue,
    ) -> Result<MonteCarloRun, JsError> {
        // Absent options (or an absent field) take the defaults.
        let trials = whole_number(options, "trials", 1, MAX_TRIALS as u64)?;
        let seed = whole_number(options, "seed", 0, MAX_SAFE_INTEGER)?;
        let bins = whole_number(options, "histogramBins", 1, MAX_HISTOGRAM_BINS as u64)?;
        let seed = seed.unwrap_or(DEFAULT_SEED);
        // Within the bounds just checked, so the conversions are exact.
        let settings = MonteCarloOptions {
            trials: trials.map_or(DEFAULT_TRIALS, |t| t as usize),
            seed,
            histogram_bins: bins.map_or(DEFAULT_HISTOGRAM_BINS, |b| b as usize),
        };
        let run = ModelMonteCarlo::new(model, base, settings)?;
        // The run outlives any later change to the page's model, so it owns
        // a model. Compiling the kept document again gives an equal one
        // (compilation is deterministic) and links no `Clone` of the whole
        // compiled model, formula trees included (about 4 KB of wasm).
        let model = CompiledModel::compile(model.document()).map_err(|diagnostics| {
            JsError::new(
                ErrorCode::INVALID_MODEL,
                &diagnostics
                    .first()
                    .map(|first| display_text(first))
                    .unwrap_or_default(),
            )
        })?;
        Ok(MonteCarloRun { model, run, seed })
    }
}

#[wasm_bindgen]
impl Model {
    /// Starts a Monte Carlo run around the current inputs: `{ trials?,
    /// seed?, histogramBins? }` (10,000 trials and a fixed seed by default).
    /// Call `step(n)` on the run until it is done, then `result()`.
    #[wasm_bindgen(js_name = monteCarlo)]
    pub fn monte_carlo(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonteCarloOptions | undefined")] options: JsValue,
    ) -> Result<MonteCarloRun, JsError> {
        MonteCarloRun::start(&self.compiled, &self.state, &options)
    }
}

fn progress_to_js(progress: Progress) -> super::js::Object {
    let result = object();
    set_number(&result, "trialsDone", progress.trials_done as f64);
    set_number(&result, "trialsTotal", progress.trials_total as f64);
    set(&result, "done", &JsValue::from_bool(progress.done));
    result
}

#[wasm_bindgen]
impl MonteCarloRun {
    /// Runs up to `max_trials` more trials (a whole number from 0 to
    /// 1,000,000, taken as any JS number and checked, never wrapped) and
    /// reports progress.
    #[wasm_bindgen(unchecked_return_type = "MonteCarloProgress")]
    pub fn step(&mut self, max_trials: f64) -> Result<JsValue, JsError> {
        let max_trials = analysis::whole_number("maxTrials", max_trials, 0, MAX_TRIALS as u64)?;
        Ok(progress_to_js(self.run.advance(&self.model, max_trials as usize)).into())
    }

    /// Progress so far.
    #[wasm_bindgen(getter, unchecked_return_type = "MonteCarloProgress")]
    pub fn progress(&self) -> JsValue {
        progress_to_js(self.run.progress()).into()
    }

    /// Statistics of every output over the trials run so far, with the
    /// probability that each is above 0 (failed trials count as misses).
    #[wasm_bindgen(unchecked_return_type = "MonteCarloResult")]
    pub fn result(&self) -> JsValue {
        // Progress first (trialsDone, trialsTotal, done), then the statistics.
        let result = progress_to_js(self.run.progress());
        set_number(&result, "seed", self.seed as f64);
        let sampled = Array::new();
        for id in self.run.sampled_input_ids(&self.model) {
            sampled.push(&JsValue::from_str(id));
        }
        set(&result, "sampledInputs", &sampled);
        let outputs = object();
        for (index, (output, summary)) in self
            .model
            .spec()
            .outputs
            .iter()
            .zip(self.run.summaries())
            .enumerate()
        {
            let item = object();
            set_number(&item, "failedTrials", summary.failed_trials as f64);
            if let Some(stats) = &summary.statistics {
                set_number(&item, "mean", stats.mean);
                set_number(&item, "stdDev", stats.std_dev);
                set_number(&item, "min", stats.min);
                set_number(&item, "max", stats.max);
                set_number(&item, "p10", stats.p10);
                set_number(&item, "p50", stats.p50);
                set_number(&item, "p90", stats.p90);
                let bins = Array::new();
                for bin in &stats.histogram.bins {
                    let b = object();
                    set_number(&b, "lower", bin.lower);
                    set_number(&b, "upper", bin.upper);
                    set_number(&b, "count", bin.count as f64);
                    bins.push(&b);
                }
                set(&item, "histogram", &bins);
            }
            let positive = Event {
                comparison: Comparison::Above,
                threshold: 0.0,
                failed_trials: FailedTrials::CountAsMiss,
            };
            set_number_or_null(
                &item,
                "probabilityAboveZero",
                self.run.probability(index, &positive),
            );
            set(&outputs, &output.id, &item);
        }
        set(&result, "outputs", &outputs);
        result.into()
    }

    /// The probability that output `output_id` is above (`"above"`),
    /// at least, below or at most `threshold`; failed trials (an output
    /// that is an error, such as a payback that never comes) count as
    /// misses. `null` before any trial.
    pub fn probability(
        &self,
        output_id: &str,
        comparison: &str,
        threshold: f64,
    ) -> Result<Option<f64>, JsError> {
        let index = self.model.output_index(output_id)?;
        let comparison = match comparison {
            "above" => Comparison::Above,
            "atLeast" => Comparison::AtLeast,
            "below" => Comparison::Below,
            "atMost" => Comparison::AtMost,
            other => {
                return Err(JsError::argument(&format!(
                    "comparison `{other}`: use above, atLeast, below or atMost"
                )))
            }
        };
        let event = Event {
            comparison,
            threshold,
            failed_trials: FailedTrials::CountAsMiss,
        };
        Ok(self.run.probability(index, &event))
    }
}
