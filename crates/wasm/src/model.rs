//! The `Model` class JavaScript uses: compile a model document once, then
//! evaluate, set inputs (getting back only changed outputs), compare
//! scenarios, find break-even, and (in the full build) make receipts.
//!
//! Conversion only: every number comes from the core.

use super::document::node_from_js;
#[cfg(feature = "workbench")]
use super::dto::set_number_or_null;
use super::dto::{object, set, set_key, set_number, set_text, utf16_offset, value_to_js};
use super::error::{coded_error, display_text, JsError};
use super::js::{Array, Object};
use super::model_view::input_value;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::formula::Value;
use yardstick_core::json::Node;
#[cfg(feature = "workbench")]
use yardstick_core::model::analysis;
#[cfg(feature = "workbench")]
use yardstick_core::model::receipt::receipt;
use yardstick_core::model::spec::InputValue;
use yardstick_core::model::{
    CompiledModel, ModelDiagnostic, ModelError, ModelPath, ModelState, OwnInputs, Slot,
};

/// A compiled calculator model and its current inputs.
#[wasm_bindgen]
pub struct Model {
    pub(crate) compiled: CompiledModel,
    pub(crate) state: ModelState,
    /// The output ids as JavaScript strings, made once: passing a string to
    /// JavaScript costs more than the recompute of a small output.
    output_keys: Vec<JsValue>,
    /// The visitor's own inputs while a scenario is shown (core `OwnInputs`).
    own: OwnInputs,
}

/// Sets output `index`'s value on `target` under its id made once
/// (`output_keys`): one body for a change, a scenario and an evaluation.
#[inline(never)]
fn set_output(output_keys: &[JsValue], target: &Object, index: usize, value: &Value) {
    match (output_keys.get(index), value) {
        (Some(key), Value::Number(n)) => target.set_number_property(key, *n),
        (Some(key), value) => set_key(target, key, &value_to_js(value)),
        (None, _) => {}
    }
}

pub(crate) fn js_error(error: &ModelError) -> JsError {
    JsError::displayed(error.code(), error)
}

/// An `Error` whose `diagnostics` property lists every problem.
fn invalid_model_error(document: Option<&Node>, diagnostics: &[ModelDiagnostic]) -> JsValue {
    let summary = match diagnostics.first() {
        Some(first) if diagnostics.len() == 1 => format!("the model is invalid: {first}"),
        Some(first) => format!(
            "the model has {} problems; the first: {first}",
            diagnostics.len()
        ),
        None => "the model is invalid".to_string(),
    };
    let error = coded_error(ErrorCode::INVALID_MODEL, &summary);
    let list = Array::new();
    for diagnostic in diagnostics {
        let item = object();
        set_text(&item, "code", diagnostic.code.as_str());
        set_text(&item, "message", &diagnostic.message);
        set_text(&item, "path", &display_text(&diagnostic.path));
        if let Some(span) = diagnostic.span {
            let formula = match document.and_then(|d| diagnostic.path.find(d)) {
                Some(Node::Text(text)) => text.as_str(),
                _ => "",
            };
            set_number(&item, "start", utf16_offset(formula, span.start) as f64);
            set_number(&item, "end", utf16_offset(formula, span.end) as f64);
        }
        list.push(&item);
    }
    set(&error, "diagnostics", &list);
    error.into()
}

/// A JavaScript input value as a document node (numbers, booleans,
/// text); the core converts it for the input's kind and checks it.
fn input_node_from_js(input_id: &str, value: &JsValue) -> Result<Node, JsError> {
    if let Some(n) = value.as_f64() {
        Ok(Node::Number(n))
    } else if let Some(b) = value.as_bool() {
        Ok(Node::Bool(b))
    } else if let Some(text) = value.as_string() {
        Ok(Node::Text(text))
    } else {
        Err(JsError::new(
            ErrorCode::INVALID_INPUT,
            &format!("input `{input_id}`: expected a number, text or boolean"),
        ))
    }
}

/// Default inputs overridden by a `{ id: value }` object (or none).
#[cfg(any(feature = "workbench", feature = "export", feature = "risk"))]
pub(crate) fn inputs_from_js(
    model: &CompiledModel,
    inputs: &JsValue,
) -> Result<Vec<InputValue>, JsError> {
    let mut values = model.default_inputs();
    if inputs.is_undefined() || inputs.is_null() {
        return Ok(values);
    }
    if !inputs.is_object() {
        return Err(JsError::argument(
            "inputs must be an object of input id → value",
        ));
    }
    for entry in Object::entries(inputs.unchecked_ref()).iter() {
        let pair: Array = entry.unchecked_into();
        let id = pair.get(0).as_string().unwrap_or_default();
        let index = model.input_index(&id).map_err(|e| js_error(&e))?;
        let node = input_node_from_js(&id, &pair.get(1))?;
        let value = model
            .input_from_node(index, node)
            .map_err(|e| js_error(&e))?;
        if let Some(slot) = values.get_mut(index) {
            *slot = value;
        }
    }
    Ok(values)
}

fn input_to_js(value: &InputValue) -> JsValue {
    match value {
        InputValue::Number(n) => JsValue::from_f64(*n),
        InputValue::Text(t) => JsValue::from_str(t),
        InputValue::Bool(b) => JsValue::from_bool(*b),
    }
}

#[wasm_bindgen]
impl Model {
    /// Validates and compiles a model document (a plain object, as
    /// `JSON.parse` gives). Throws an `Error` whose `diagnostics` lists every
    /// problem with its path.
    pub fn compile(
        #[wasm_bindgen(unchecked_param_type = "ModelDocument")] document: JsValue,
    ) -> Result<Model, JsValue> {
        let node = node_from_js(&document).map_err(|e| {
            invalid_model_error(
                None,
                &[ModelDiagnostic::new(
                    yardstick_core::model::ModelDiagnosticCode::TooLarge,
                    ModelPath::root(),
                    e.0.to_string(),
                )],
            )
        })?;
        // The document moves into the model, and the defaults are evaluated
        // once (compiling checks them).
        let (compiled, state) = CompiledModel::compile_document(node)
            .map_err(|(diagnostics, node)| invalid_model_error(Some(&node), &diagnostics))?;
        let mut output_keys = Vec::with_capacity(compiled.spec().outputs.len());
        for output in &compiled.spec().outputs {
            output_keys.push(JsValue::from_str(&output.id));
        }
        Ok(Model {
            compiled,
            state,
            output_keys,
            own: OwnInputs::default(),
        })
    }

    /// Evaluates the model with `inputs` (id → value; missing ids keep their
    /// defaults) and makes them the current inputs. Only in the full build
    /// and Monte Carlo's (whose worker is sent the case's inputs as a set):
    /// the widget changes inputs one at a time (`set`) and applies
    /// scenarios (`applyScenario`), and leaves out reading an input set.
    #[cfg(any(feature = "workbench", feature = "risk"))]
    #[wasm_bindgen(unchecked_return_type = "ModelEvaluation")]
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InputValues | undefined")] inputs: JsValue,
    ) -> Result<JsValue, JsError> {
        let values = inputs_from_js(&self.compiled, &inputs)?;
        self.state = self.compiled.evaluate_inputs(values);
        self.own.forget();
        Ok(self.evaluation_to_js())
    }

    /// Sets one input and returns only the outputs whose values changed.
    #[wasm_bindgen(unchecked_return_type = "Record<string, FormulaValue>")]
    pub fn set(
        &mut self,
        input_id: &str,
        #[wasm_bindgen(unchecked_param_type = "InputValue")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        // One id lookup here; the core converts, checks and recomputes
        // with no second lookup or check.
        let index = self
            .compiled
            .input_index(input_id)
            .map_err(|e| js_error(&e))?;
        let node = input_node_from_js(input_id, &value)?;
        let result = object();
        let output_keys = &self.output_keys;
        self.compiled
            .set_node_at(&mut self.state, index, node, &mut |output, value| {
                set_output(output_keys, &result, output, value);
            })
            .map_err(|e| js_error(&e))?;
        // A change, on top of a scenario or not, is the visitor's own.
        self.own.forget();
        Ok(result.into())
    }

    /// The current inputs, outputs and series.
    #[wasm_bindgen(unchecked_return_type = "ModelEvaluation")]
    pub fn current(&self) -> JsValue {
        self.evaluation_to_js()
    }

    /// The ids of the inputs that do not apply now (their `appliesWhen`
    /// toggle is off), in the model's order, as the core decides: what a
    /// form disables after `set`. `current()` and `applyScenario` answer
    /// with the same list.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn inapplicable(&self) -> Array {
        let list = Array::new();
        let inputs = &self.compiled.spec().inputs;
        for index in self.compiled.inapplicable_inputs(&self.state.inputs) {
            if let Some(input) = inputs.get(index) {
                list.push(&JsValue::from_str(&input.id));
            }
        }
        list
    }

    /// Applies scenario `id` (its id exactly as the model writes it): every
    /// input takes the scenario's value or, where it names none, its
    /// default, as the core decides. Returns, in one answer, every input's
    /// value (as `layout()` gives them: dates as ISO text), only the
    /// outputs whose values changed, and every series, so a form updates
    /// its fields, results and charts without reading the model again.
    /// Throws for an unknown id, changing nothing.
    #[wasm_bindgen(js_name = applyScenario, unchecked_return_type = "AppliedScenario")]
    pub fn apply_scenario(&mut self, id: &str) -> Result<JsValue, JsError> {
        let changed = self
            .compiled
            .show_scenario(&mut self.state, &mut self.own, id)
            .map_err(|e| js_error(&e))?;
        Ok(self.applied_to_js(changed))
    }

    /// Brings back the visitor's own inputs, kept when the first scenario
    /// was applied over them, in `applyScenario`'s answer. With none kept
    /// (no scenario applied since their last change), nothing changes.
    #[wasm_bindgen(js_name = showOwnInputs, unchecked_return_type = "AppliedScenario")]
    pub fn show_own_inputs(&mut self) -> JsValue {
        let changed = self
            .compiled
            .show_own_inputs(&mut self.state, &mut self.own);
        self.applied_to_js(changed)
    }

    /// Every input, the outputs at `changed` and every series.
    fn applied_to_js(&self, changed: Vec<usize>) -> JsValue {
        let outputs = object();
        for index in changed {
            let value = self.state.output(&self.compiled, index);
            set_output(&self.output_keys, &outputs, index, value);
        }
        self.state_to_js(true, &outputs)
    }

    /// Every output under the defaults and under each scenario.
    #[cfg(feature = "workbench")]
    #[wasm_bindgen(unchecked_return_type = "ScenarioColumn[]")]
    pub fn scenarios(&self) -> Result<JsValue, JsError> {
        let columns = analysis::scenarios(&self.compiled).map_err(|e| js_error(&e))?;
        let list = Array::new();
        for column in &columns {
            let item = object();
            set_text(&item, "id", &column.id);
            set_text(&item, "label", &column.label);
            set(&item, "outputs", &self.outputs_to_js(&column.outputs));
            list.push(&item);
        }
        Ok(list.into())
    }

    /// When a series' cumulative value first turns non-negative, in periods
    /// and in months (`null` when it never does).
    #[cfg(feature = "workbench")]
    #[wasm_bindgen(js_name = breakEven, unchecked_return_type = "BreakEven")]
    pub fn break_even(&self, series_id: &str) -> Result<JsValue, JsError> {
        let payback = analysis::break_even(&self.compiled, &self.state, series_id)
            .map_err(|e| js_error(&e))?;
        let period = match payback {
            yardstick_core::finance::Payback::Period(p) => Some(p),
            yardstick_core::finance::Payback::Never => None,
        };
        let result = object();
        set_number_or_null(&result, "period", period);
        let months_per_period = self.compiled.spec().horizon.unit.months();
        set_number_or_null(&result, "months", period.map(|p| p * months_per_period));
        Ok(result.into())
    }

    /// A receipt for `inputs` (or the current inputs): model id and version,
    /// SHA-256 of the model and inputs, and the outputs. Only in the full
    /// build: a receipt is a pure function of the model and the inputs, so
    /// the workbench (or a collector) makes the same hash from the inputs a
    /// widget reports, and the widget leaves out SHA-256 and canonical JSON.
    #[cfg(feature = "workbench")]
    #[wasm_bindgen(unchecked_return_type = "Receipt")]
    pub fn receipt(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InputValues | undefined")] inputs: JsValue,
    ) -> Result<JsValue, JsError> {
        let state = if inputs.is_undefined() || inputs.is_null() {
            self.state.clone()
        } else {
            self.compiled
                .evaluate(&inputs_from_js(&self.compiled, &inputs)?)
        };
        let record = receipt(&self.compiled, &state);
        let result = object();
        set_text(&result, "modelId", &record.model_id);
        set_text(&result, "modelVersion", &record.model_version);
        set_text(&result, "hash", &record.hash_sha256);
        let inputs_object = object();
        for (id, value) in &record.inputs {
            set(&inputs_object, id, &input_to_js(value));
        }
        set(&result, "inputs", &inputs_object);
        let outputs_object = object();
        for (id, value) in &record.outputs {
            set(&outputs_object, id, &value_to_js(value));
        }
        set(&result, "outputs", &outputs_object);
        Ok(result.into())
    }
}

impl Model {
    fn outputs_to_js(&self, values: &[yardstick_core::formula::Value]) -> JsValue {
        let result = object();
        for (index, value) in values.iter().enumerate() {
            set_output(&self.output_keys, &result, index, value);
        }
        result.into()
    }

    fn evaluation_to_js(&self) -> JsValue {
        let outputs = self.outputs_to_js(&self.state.outputs(&self.compiled));
        self.state_to_js(false, &outputs)
    }

    /// `{ inputs, outputs, series }` of the current state with `outputs`
    /// given: one writer for an evaluation and an applied scenario. Inputs
    /// as the layout shows them (dates as ISO text) when `as_layout`, else
    /// as stored.
    fn state_to_js(&self, as_layout: bool, outputs: &JsValue) -> JsValue {
        let result = object();
        let inputs = object();
        for (input, value) in self.compiled.spec().inputs.iter().zip(&self.state.inputs) {
            let js_value = if as_layout {
                input_value(input.kind, value)
            } else {
                input_to_js(value)
            };
            set(&inputs, &input.id, &js_value);
        }
        set(&result, "inputs", &inputs);
        set(&result, "outputs", outputs);
        set(&result, "series", &self.series_to_js());
        set(&result, "inapplicable", &self.inapplicable());
        result.into()
    }

    /// Every per-period calculation's values, by id.
    fn series_to_js(&self) -> Object {
        let series = object();
        // By index: no id compared against every calculation's.
        for (index, calculation) in self.compiled.spec().calculations.iter().enumerate() {
            if let Some(Slot::Series(values)) = self.state.calculation_at(&self.compiled, index) {
                let list = Array::new();
                for value in values {
                    list.push(&value_to_js(value));
                }
                set(&series, &calculation.id, &list);
            }
        }
        series
    }
}
