//! The `Scorecard` class JavaScript uses: the default business-case
//! scorecard, scored on plain values or on a model's current outputs.
//!
//! Conversion only: the score, its contributions and the verdict come from
//! the core.

use super::dto::{field, object, set, set_number, set_number_or_null, set_text};
use super::error::JsError;
use super::js::{Array, Object};
use super::model::Model;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::model::spec::InputValue;
use yardstick_core::scoring::{
    is_positive_case, BusinessCaseScorecard, BusinessCaseScorecardOptions, CaseDepth,
    MeasureStatus, ScoreInputs, ScoreResult, Scorecard as ScorecardSpec,
};

/// A weighted scorecard.
#[wasm_bindgen]
pub struct Scorecard {
    scorecard: BusinessCaseScorecard,
}

fn option_f64(options: &JsValue, key: &str) -> Option<f64> {
    field(options, key).as_f64()
}

/// Copies `values[group]` (`{ id: number }`) into the score inputs.
fn read_group(
    values: &JsValue,
    group: &str,
    inputs: &mut ScoreInputs,
    add: fn(&mut ScoreInputs, &str, f64),
) -> Result<(), JsError> {
    let entries = field(values, group);
    if entries.is_undefined() || entries.is_null() {
        return Ok(());
    }
    if !entries.is_object() {
        return Err(JsError::argument(&format!(
            "values.{group} must be an object of id → number"
        )));
    }
    for entry in Object::entries(entries.unchecked_ref()).iter() {
        let pair: Array = entry.unchecked_into();
        let id = pair.get(0).as_string().unwrap_or_default();
        if let Some(n) = pair.get(1).as_f64() {
            add(inputs, &id, n);
        }
    }
    Ok(())
}

#[wasm_bindgen]
impl Scorecard {
    /// The default business-case scorecard: NPV > 0 (a gate), IRR above the
    /// hurdle, payback within the limit, risk (probability NPV > 0) and
    /// strategic fit (1 to 5). Options: `hurdleRate` (0.10),
    /// `irrFullPointsAboveHurdle` (0.15), `paybackLimitMonths` (36).
    #[wasm_bindgen(js_name = businessCase)]
    pub fn business_case(
        #[wasm_bindgen(unchecked_param_type = "BusinessCaseScorecardOptions | undefined")] options: JsValue,
    ) -> Result<Scorecard, JsError> {
        let mut settings = BusinessCaseScorecardOptions::default();
        if let Some(v) = option_f64(&options, "hurdleRate") {
            settings.hurdle_rate = v;
        }
        if let Some(v) = option_f64(&options, "irrFullPointsAboveHurdle") {
            settings.irr_full_points_above_hurdle = v;
        }
        if let Some(v) = option_f64(&options, "paybackLimitMonths") {
            settings.payback_limit_months = v;
        }
        // Validated once here; scoring it does not validate again.
        match BusinessCaseScorecard::new(settings) {
            Ok(scorecard) => Ok(Scorecard { scorecard }),
            Err(problems) => {
                let first = problems.first();
                Err(JsError::new(
                    ErrorCode::INVALID_SCORECARD,
                    &format!(
                        "{}: {}",
                        first.map_or("", |p| p.path.as_str()),
                        first.map_or("", |p| p.message.as_str())
                    ),
                ))
            }
        }
    }

    /// Scores `{ outputs?, inputs?, supplied? }`, each an object of id → number.
    #[wasm_bindgen(unchecked_return_type = "ScoreResult")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreValues")] values: JsValue,
    ) -> Result<JsValue, JsError> {
        let mut inputs = ScoreInputs::new();
        read_group(&values, "outputs", &mut inputs, |i, id, v| {
            i.set_output(id, v);
        })?;
        read_group(&values, "inputs", &mut inputs, |i, id, v| {
            i.set_input(id, v);
        })?;
        read_group(&values, "supplied", &mut inputs, |i, id, v| {
            i.set_supplied(id, v);
        })?;
        self.score_inputs(&inputs)
    }

    /// Scores a model's current outputs and inputs, plus `supplied` values
    /// (such as `strategic_fit`) given by hand.
    #[wasm_bindgen(js_name = scoreModel, unchecked_return_type = "ScoreResult")]
    pub fn score_model(
        &self,
        model: &Model,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number> | undefined")]
        supplied: JsValue,
    ) -> Result<JsValue, JsError> {
        let mut inputs = ScoreInputs::new();
        // The model's numeric outputs and inputs, by id, straight into the
        // score inputs: a list of owned pairs in between cost its own drop
        // code in the wasm.
        let spec = model.compiled.spec();
        for (index, output) in spec.outputs.iter().enumerate() {
            if let Some(n) = model.state.output_number(&model.compiled, index) {
                inputs.set_output(&output.id, n);
            }
        }
        for (input, value) in spec.inputs.iter().zip(&model.state.inputs) {
            if let InputValue::Number(n) = value {
                inputs.set_input(&input.id, *n);
            }
        }
        let wrapper = object();
        set(&wrapper, "supplied", &supplied);
        read_group(&wrapper.into(), "supplied", &mut inputs, |i, id, v| {
            i.set_supplied(id, v);
        })?;
        self.score_inputs(&inputs)
    }
}

impl Scorecard {
    fn score_inputs(&self, inputs: &ScoreInputs) -> Result<JsValue, JsError> {
        let result = self.scorecard.score(inputs)?;
        Ok(result_to_js(&result, self.scorecard.scorecard()))
    }
}

/// The result with each measure's label, source and gate from `scorecard`
/// (the one scored), so a page shows the breakdown without knowing the
/// scorecard's measures itself.
fn result_to_js(result: &ScoreResult, scorecard: &ScorecardSpec) -> JsValue {
    let out = object();
    set_text(&out, "scorecard", &result.scorecard_id);
    set_number(&out, "score", result.score_0_to_100);
    set_text(&out, "grade", &result.grade);
    set_text(&out, "verdict", result.verdict.as_str());
    let gates = Array::new();
    for id in &result.failed_gate_ids {
        gates.push(&JsValue::from_str(id));
    }
    set(&out, "failedGates", &gates);
    set(
        &out,
        "highLevelCasePositive",
        &JsValue::from_bool(is_positive_case(result, CaseDepth::HighLevel)),
    );
    set(
        &out,
        "detailedCasePositive",
        &JsValue::from_bool(is_positive_case(result, CaseDepth::Detailed)),
    );
    let measures = Array::new();
    for measure in &result.measures {
        let item = object();
        set_text(&item, "id", &measure.id);
        if let Some(spec) = scorecard.measures.iter().find(|m| m.id == measure.id) {
            set_text(&item, "label", &spec.label);
            set_text(&item, "source", spec.source.kind());
            set_text(&item, "sourceId", spec.source.id());
            set(&item, "gate", &JsValue::from_bool(spec.gate));
        }
        set_number_or_null(&item, "value", measure.value);
        set_number(&item, "points", measure.points_0_to_100);
        set_number(&item, "weightShare", measure.weight_share);
        set_number(&item, "contribution", measure.contribution);
        let status = match measure.status {
            MeasureStatus::Scored => "scored",
            MeasureStatus::Missing => "missing",
            MeasureStatus::Excluded => "excluded",
        };
        set_text(&item, "status", status);
        measures.push(&item);
    }
    set(&out, "measures", &measures);
    out.into()
}
