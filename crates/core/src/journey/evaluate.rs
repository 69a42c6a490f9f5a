//! The Evaluate phase of one customer (docs/journey.md, "Evaluate"): the
//! customer's cases through the pipeline's six steps, by the pipeline's
//! own rules (`cases::pipeline`), and the domain's measure per step.
//!
//! Per currency (values are never summed across currencies), each
//! measure counts the cases that **passed that step's gate** and sums
//! their pipeline values (a case's value, 0 when it has none or it is
//! negative): potential projects (business review), a positive
//! high-level case, moving on (projects review), a positive detailed
//! case, approved (decision), committed (commitment). A case that moved
//! past a gate without a positive case is not counted at that gate (the
//! pipeline's own `count` implies it; the measure does not). Dropped:
//! the cases the customer dropped, wherever they were.

use crate::cases::pipeline::{
    case_pipeline, stage_events, CaseHistory, CasePipeline, DEFAULT_STALLED_AFTER_DAYS,
};
use crate::scoring::{PipelineError, PipelineStage};

/// One step's measure: the cases that passed its gate and their value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepMeasure {
    /// The step.
    pub stage: PipelineStage,
    /// Cases that passed it.
    pub count: usize,
    /// Their pipeline values' sum.
    pub value: f64,
}

/// The measures in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyMeasures {
    /// The currency (the cases' settings', else their models').
    pub currency: String,
    /// One per step, in pipeline order.
    pub steps: Vec<StepMeasure>,
    /// Dropped cases.
    pub dropped: usize,
    /// Their pipeline values' sum.
    pub dropped_value: f64,
}

/// One customer's Evaluate phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluate {
    /// The domain's measures, per currency in code order.
    pub measures: Vec<CurrencyMeasures>,
    /// The pipeline of the customer's cases (counts, conversions, days,
    /// each case's standing), as `GET /api/pipeline?customer=` gives it.
    pub pipeline: CasePipeline,
}

/// The Evaluate phase of `histories` (the customer's cases) as of
/// `as_of_ms`; fails only as the pipeline does (too many cases, a bad time).
pub fn evaluate(histories: &[CaseHistory], as_of_ms: f64) -> Result<Evaluate, PipelineError> {
    let pipeline = case_pipeline(histories, as_of_ms, DEFAULT_STALLED_AFTER_DAYS)?;
    let mut measures: Vec<CurrencyMeasures> = pipeline
        .currencies
        .iter()
        .map(|currency| CurrencyMeasures {
            currency: currency.currency.clone(),
            steps: PipelineStage::ALL
                .iter()
                .map(|&stage| StepMeasure {
                    stage,
                    count: 0,
                    value: 0.0,
                })
                .collect(),
            dropped: 0,
            dropped_value: 0.0,
        })
        .collect();
    for history in histories {
        let Some(entry) = measures
            .iter_mut()
            .find(|entry| entry.currency == history.currency)
        else {
            continue;
        };
        let value = history.value.unwrap_or(0.0).max(0.0);
        let events = stage_events(&history.marks);
        for event in &events {
            if let Some(step) = entry.steps.get_mut(event.stage.position()) {
                step.count += 1;
                step.value += value;
            }
        }
        if events.last().is_some_and(|event| event.outcome.is_some()) {
            entry.dropped += 1;
            entry.dropped_value += value;
        }
    }
    Ok(Evaluate { measures, pipeline })
}

#[cfg(test)]
#[path = "evaluate_test.rs"]
mod tests;
