//! The sales engineer's analyses on a `Model`: sensitivity (tornado), goal
//! seek and Monte Carlo. Built only with the `workbench` feature (the
//! default); the prospect's widget build leaves them out to stay small.
//!
//! Conversion only: every number comes from the core.

use super::dto::{field, object, set};
use super::js::Array;
use super::model::{js_error, number_or_null, Model};
use crate::model::analysis::{self, GoalSeekOptions, GoalSeekResult, SensitivityOptions};
use wasm_bindgen::prelude::*;

fn option_f64(options: &JsValue, key: &str) -> Option<f64> {
    field(options, key).as_f64()
}

fn option_string(options: &JsValue, key: &str) -> Result<String, JsError> {
    field(options, key)
        .as_string()
        .ok_or_else(|| JsError::new(&format!("option `{key}` is required")))
}

fn option_bool(options: &JsValue, key: &str) -> Option<bool> {
    field(options, key).as_bool()
}

#[wasm_bindgen]
impl Model {
    /// The tornado for one output around the current inputs.
    #[wasm_bindgen(unchecked_return_type = "SensitivityResult")]
    pub fn sensitivity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SensitivityOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let output_id = option_string(&options, "output")?;
        let settings = SensitivityOptions {
            output_id: output_id.clone(),
            percent_change: option_f64(&options, "percentChange").unwrap_or(0.1),
            use_uncertainty: option_bool(&options, "useUncertainty").unwrap_or(true),
        };
        let (base, rows) = analysis::sensitivity(&self.compiled, &self.state, &settings)
            .map_err(|e| js_error(&e))?;
        let result = object();
        set(&result, "output", &JsValue::from_str(&output_id));
        set(&result, "base", &JsValue::from_f64(base));
        let list = Array::new();
        for row in rows {
            let item = object();
            set(&item, "input", &JsValue::from_str(&row.input_id));
            set(&item, "low", &JsValue::from_f64(row.low_input));
            set(&item, "high", &JsValue::from_f64(row.high_input));
            set(&item, "outputAtLow", &number_or_null(row.output_at_low));
            set(&item, "outputAtHigh", &number_or_null(row.output_at_high));
            set(&item, "swing", &JsValue::from_f64(row.swing));
            list.push(&item);
        }
        set(&result, "rows", &list);
        Ok(result.into())
    }

    /// The value of one input that makes an output hit a target.
    #[wasm_bindgen(js_name = goalSeek, unchecked_return_type = "GoalSeekResult")]
    pub fn goal_seek(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GoalSeekOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let settings = GoalSeekOptions {
            input_id: option_string(&options, "input")?,
            output_id: option_string(&options, "output")?,
            target: option_f64(&options, "target")
                .ok_or_else(|| JsError::new("option `target` is required"))?,
            low: option_f64(&options, "low"),
            high: option_f64(&options, "high"),
            tolerance: option_f64(&options, "tolerance").unwrap_or(1e-9),
        };
        let result = object();
        match analysis::goal_seek(&self.compiled, &self.state, &settings)
            .map_err(|e| js_error(&e))?
        {
            GoalSeekResult::Found {
                input_value,
                output_value,
                evaluations,
            } => {
                set(&result, "found", &JsValue::TRUE);
                set(&result, "inputValue", &JsValue::from_f64(input_value));
                set(&result, "outputValue", &JsValue::from_f64(output_value));
                set(
                    &result,
                    "evaluations",
                    &JsValue::from_f64(evaluations as f64),
                );
            }
            GoalSeekResult::NotReachable {
                lowest_output,
                highest_output,
                message,
            } => {
                set(&result, "found", &JsValue::FALSE);
                set(&result, "message", &JsValue::from_str(&message));
                set(&result, "lowestOutput", &number_or_null(lowest_output));
                set(&result, "highestOutput", &number_or_null(highest_output));
            }
        }
        Ok(result.into())
    }

    /// Starts a Monte Carlo run around the current inputs: `{ trials?,
    /// seed?, histogramBins? }` (10,000 trials and a fixed seed by default).
    /// Call `step(n)` on the run until it is done, then `result()`.
    #[wasm_bindgen(js_name = monteCarlo)]
    pub fn monte_carlo(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonteCarloOptions | undefined")] options: JsValue,
    ) -> Result<super::monte_carlo::MonteCarloRun, JsError> {
        super::monte_carlo::MonteCarloRun::start(&self.compiled, &self.state, &options)
    }
}
