//! `evaluatePipeline`: the evaluation pipeline (business review to
//! commitment) from plain project objects: number and value at each stage,
//! conversion between stages and time spent in each.
//!
//! Conversion only: every count, ratio and duration comes from the core.

use super::dto::{field, object, set, set_number, set_number_or_null, set_text};
use super::error::JsError;
use super::js::Array;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::scoring::{
    evaluate_pipeline, PipelineProject, PipelineStage, StageEvent, StageOutcome,
};

/// Most projects read from JavaScript (the core's own limit applies too).
const MAX_JS_PROJECTS: u32 = 100_000;

// A plain loop: `find` over the array was a body of its own in the wasm.
#[allow(clippy::manual_find)]
fn stage_from(text: &str) -> Option<PipelineStage> {
    for stage in PipelineStage::ALL {
        if stage.as_str() == text {
            return Some(stage);
        }
    }
    None
}

fn project_from_js(value: &JsValue, index: u32) -> Result<PipelineProject, JsError> {
    let at = |what: &str| JsError::argument(&format!("projects[{index}]: {what}"));
    let id = field(value, "id")
        .as_string()
        .ok_or_else(|| at("`id` must be text"))?;
    let amount = field(value, "value")
        .as_f64()
        .ok_or_else(|| at("`value` must be a number"))?;
    let events_value = field(value, "events");
    if !Array::is_array(&events_value) {
        return Err(at("`events` must be a list"));
    }
    let mut events = Vec::new();
    for (event_index, event) in events_value.unchecked_ref::<Array>().iter().enumerate() {
        let stage_text = field(&event, "stage").as_string().unwrap_or_default();
        let stage = stage_from(&stage_text).ok_or_else(|| {
            JsError::argument(&format!(
                "projects[{index}]: events[{event_index}].stage `{stage_text}` is not one of business_review, high_level_case, projects_review, detailed_case, decision, commitment"
            ))
        })?;
        let entered_at_ms = field(&event, "enteredAtMs").as_f64().ok_or_else(|| {
            JsError::argument(&format!(
                "projects[{index}]: events[{event_index}].enteredAtMs must be a number (ms since 1970)"
            ))
        })?;
        let outcome = field(&event, "droppedAtMs")
            .as_f64()
            .map(|dropped_at_ms| StageOutcome::Dropped { dropped_at_ms });
        events.push(StageEvent {
            stage,
            entered_at_ms,
            outcome,
        });
    }
    Ok(PipelineProject {
        id,
        value: amount,
        events,
    })
}

/// The pipeline report for `projects` as of `asOfMs` (ms since 1970; the
/// core reads no clock). Projects with problems are left out and explained
/// in `diagnostics`.
#[wasm_bindgen(js_name = evaluatePipeline, unchecked_return_type = "PipelineReport")]
pub fn evaluate_pipeline_js(
    #[wasm_bindgen(unchecked_param_type = "PipelineProject[]")] projects: JsValue,
    as_of_ms: f64,
) -> Result<JsValue, JsError> {
    if !Array::is_array(&projects) {
        return Err(JsError::argument("projects must be a list"));
    }
    let list: &Array = projects.unchecked_ref();
    if list.length() > MAX_JS_PROJECTS {
        return Err(JsError::new(
            ErrorCode::TOO_MANY_PROJECTS,
            // MAX_JS_PROJECTS as text: a constant message needs no `format!`.
            "at most 100000 projects",
        ));
    }
    // A plain loop: collecting into a `Result` would add its own adapter.
    let mut parsed = Vec::new();
    for (i, p) in list.iter().enumerate() {
        parsed.push(project_from_js(&p, i as u32)?);
    }
    let report = evaluate_pipeline(&parsed, as_of_ms)?;
    let result = object();
    set_number(&result, "asOfMs", report.as_of_ms);
    set_number(
        &result,
        "includedProjects",
        report.included_project_count as f64,
    );
    let stages = Array::new();
    for metrics in &report.stages {
        let item = object();
        set_text(&item, "stage", metrics.stage.as_str());
        set_number(&item, "count", metrics.count as f64);
        set_number(&item, "value", metrics.value);
        set_number(&item, "open", metrics.open_count as f64);
        set_number(&item, "dropped", metrics.dropped_count as f64);
        set_number(&item, "skipped", metrics.skipped_count as f64);
        set_number_or_null(
            &item,
            "conversionFromPrevious",
            metrics.conversion_from_previous,
        );
        set_number_or_null(
            &item,
            "valueConversionFromPrevious",
            metrics.value_conversion_from_previous,
        );
        set_number_or_null(&item, "medianDaysInStage", metrics.median_days_in_stage);
        set_number_or_null(&item, "meanDaysInStage", metrics.mean_days_in_stage);
        stages.push(&item);
    }
    set(&result, "stages", &stages);
    let diagnostics = Array::new();
    for diagnostic in &report.diagnostics {
        let item = object();
        set_text(&item, "code", diagnostic.code.as_str());
        set_text(&item, "message", &diagnostic.message);
        set_text(&item, "path", &diagnostic.path);
        set_text(&item, "projectId", &diagnostic.project_id);
        diagnostics.push(&item);
    }
    set(&result, "diagnostics", &diagnostics);
    Ok(result.into())
}
