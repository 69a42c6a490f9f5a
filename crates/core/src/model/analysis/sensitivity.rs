//! Sensitivity for a tornado chart: for each numeric input, the output at
//! the input's low and at its high value, all other inputs at the base,
//! sorted by the swing between them (largest first).
//!
//! Low and high come from the input's uncertainty when it has one (min and
//! max; P10 and P90 for an unbounded normal), otherwise from a plus/minus
//! percentage of the base value, clamped to the input's bounds. Select,
//! toggle and date inputs are not varied.

use crate::model::diagnostic::ModelError;
use crate::model::engine::{CompiledModel, ModelState};
use crate::model::spec::InputValue;

/// The relative change for inputs without uncertainty when a caller names
/// none: ±10%.
pub const DEFAULT_PERCENT_CHANGE: f64 = 0.1;

/// How far to move inputs without an uncertainty.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityOptions {
    /// The output whose swing is measured.
    pub output_id: String,
    /// Relative change for inputs without uncertainty: 0.1 moves them ±10%.
    pub percent_change: f64,
    /// Use uncertainty bounds when an input has them (default true).
    pub use_uncertainty: bool,
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRow {
    /// The id of the input varied.
    pub input_id: String,
    /// The input's low value, in its own unit.
    pub low_input: f64,
    /// The input's high value, in its own unit.
    pub high_input: f64,
    /// The output at the low input; `None` where it is not a number.
    pub output_at_low: Option<f64>,
    /// The output at the high input; `None` where it is not a number.
    pub output_at_high: Option<f64>,
    /// `|output_at_high - output_at_low|`, 0 when either is missing.
    pub swing: f64,
}

/// Largest relative change accepted, so a typo cannot flip signs wildly.
const MAX_PERCENT_CHANGE: f64 = 10.0;

/// The tornado rows for `options.output_id` around `base` (a state of the model).
pub fn sensitivity(
    model: &CompiledModel,
    base: &ModelState,
    options: &SensitivityOptions,
) -> Result<(f64, Vec<SensitivityRow>), ModelError> {
    let output_index = model.output_index(&options.output_id)?;
    if !(options.percent_change.is_finite()
        && options.percent_change > 0.0
        && options.percent_change <= MAX_PERCENT_CHANGE)
    {
        return Err(ModelError::InvalidOption {
            option: "percentChange",
            reason: format!(
                "must be greater than 0 and at most {}",
                crate::number_text::Plain(MAX_PERCENT_CHANGE)
            ),
        });
    }
    let base_output =
        base.output_number(model, output_index)
            .ok_or_else(|| ModelError::InvalidOption {
                option: "output",
                reason: format!(
                    "output `{}` is not a number at the base inputs",
                    options.output_id
                ),
            })?;
    // Each numeric input is set low, high and back to its base value on one
    // working state, re-running only the steps between it and the output;
    // the widget, whose bytes count, re-runs every step downstream (the
    // same answers, a stricter budget).
    let steps_for = |index: usize| {
        let steps = model.steps_after(&[index]);
        if cfg!(feature = "workbench") {
            model.steps_for_outputs(&steps, Some(output_index))
        } else {
            steps
        }
    };
    let inputs = &model.spec().inputs;
    let mut cells = 0usize;
    for (index, input) in inputs.iter().enumerate() {
        if input.kind.is_numeric() {
            cells = cells.saturating_add(model.cells_in(&steps_for(index)).saturating_mul(3));
        }
    }
    super::within_budget(
        "sensitivity",
        cells,
        super::MAX_ANALYSIS_CELLS,
        "use a smaller model",
    )?;
    let mut state = base.clone();
    let mut rows = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let Some(&InputValue::Number(base_value)) = base.inputs.get(index) else {
            continue;
        };
        if !input.kind.is_numeric() {
            continue;
        }
        let steps = steps_for(index);
        let (mut low, mut high) = match (&input.uncertainty, options.use_uncertainty) {
            (Some(uncertainty), true) => uncertainty.low_high(),
            _ => {
                let delta = (base_value * options.percent_change).abs();
                (base_value - delta, base_value + delta)
            }
        };
        if let Some(min) = input.min {
            low = low.max(min);
            high = high.max(min);
        }
        if let Some(max) = input.max {
            low = low.min(max);
            high = high.min(max);
        }
        if input.kind == crate::model::spec::InputKind::Integer {
            low = low.round();
            high = high.round();
        }
        // Low, high, then back to the base (the same steps at the base
        // value): one loop, so the wasm holds one copy of the evaluation.
        let mut outputs = [None; 3];
        for (output, value) in outputs.iter_mut().zip([low, high, base_value]) {
            *output = model
                .set_index(&mut state, index, &InputValue::Number(value), &steps)
                .ok()
                .and_then(|()| state.output_number(model, output_index));
        }
        let [output_at_low, output_at_high, _] = outputs;
        let swing = match (output_at_low, output_at_high) {
            (Some(l), Some(h)) => (h - l).abs(),
            _ => 0.0,
        };
        rows.push(SensitivityRow {
            input_id: input.id.clone(),
            low_input: low,
            high_input: high,
            output_at_low,
            output_at_high,
            swing,
        });
    }
    // Widest swing first; ties keep the inputs' order.
    let swing = |index: usize| rows.get(index).map_or(0.0, |row| row.swing);
    let order = crate::small_sort::sorted_indices(rows.len(), &|a, b| {
        swing(a).total_cmp(&swing(b)).is_gt()
    });
    // Rows by index in sorted order: no sort generic over the row type.
    let mut sorted = Vec::with_capacity(rows.len());
    for index in order {
        if let Some(row) = rows.get(index) {
            sorted.push(row.clone());
        }
    }
    Ok((base_output, sorted))
}
