//! The sales engineer's analyses on a `Model`: goal seek. Built only with the `workbench` feature (the
//! default); the prospect's widget build leaves them out to stay small. Monte Carlo is in its own build
//! (`monte_carlo`, the `risk` feature).
//!
//! Conversion only: every number comes from the core.

use super::dto::{field, object, set, set_number, set_number_or_null, set_text};
use super::error::JsError;
use super::model::{js_error, Model};
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::model::analysis::{self, GoalSeekOptions, GoalSeekResult};

/// Option `key` as a number; `None` when absent, an error naming it when
/// it is something else (never silently the default).
pub(crate) fn option_f64(options: &JsValue, key: &str) -> Result<Option<f64>, JsError> {
    let value = field(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_f64().map(Some).ok_or_else(|| {
        JsError::new(
            ErrorCode::INVALID_OPTION,
            &format!("option `{key}`: must be a number"),
        )
    })
}

fn option_string(options: &JsValue, key: &str) -> Result<String, JsError> {
    field(options, key).as_string().ok_or_else(|| {
        JsError::new(
            ErrorCode::INVALID_OPTION,
            &format!("option `{key}` is required"),
        )
    })
}

#[wasm_bindgen]
impl Model {
    /// The value of one input that makes an output hit a target.
    #[wasm_bindgen(js_name = goalSeek, unchecked_return_type = "GoalSeekResult")]
    pub fn goal_seek(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GoalSeekOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let settings = GoalSeekOptions {
            input_id: option_string(&options, "input")?,
            output_id: option_string(&options, "output")?,
            target: option_f64(&options, "target")?.ok_or_else(|| {
                JsError::new(ErrorCode::INVALID_OPTION, "option `target` is required")
            })?,
            low: option_f64(&options, "low")?,
            high: option_f64(&options, "high")?,
            tolerance: option_f64(&options, "tolerance")?.unwrap_or(analysis::DEFAULT_TOLERANCE),
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
                set_number(&result, "inputValue", input_value);
                set_number(&result, "outputValue", output_value);
                set_number(&result, "evaluations", evaluations as f64);
            }
            GoalSeekResult::NotReachable {
                lowest_output,
                highest_output,
                closest_output,
                message,
            } => {
                set(&result, "found", &JsValue::FALSE);
                set_text(&result, "message", &message);
                set_number_or_null(&result, "lowestOutput", lowest_output);
                set_number_or_null(&result, "highestOutput", highest_output);
                set_number_or_null(&result, "closestOutput", closest_output);
            }
        }
        Ok(result.into())
    }
}
