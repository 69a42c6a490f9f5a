//! What the sales engineer's workbench reads from a `Model` besides the
//! analyses: each scenario's full set of inputs, which inputs differ
//! between sets, and the period table (as values, and as CSV or TSV text).
//! Built only with the `workbench` feature (the default); the widget
//! leaves it out.
//!
//! Conversion only: the scenario inputs, the comparison, the totals and
//! the text are the core's (`model::scenario`, `model::period_table`).

use super::dto::{object, set, set_text, value_to_js};
use super::error::JsError;
use super::js::{Array, Object};
use super::model::{inputs_from_js, Model};
use super::model_view::input_value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yardstick_core::error::ErrorCode;
use yardstick_core::model::period_table::TableText;
use yardstick_core::model::scenario::differing_inputs;
use yardstick_core::model::spec::{InputSpec, InputValue};

#[wasm_bindgen(typescript_custom_section)]
const WORKBENCH_TYPES: &str = r##"
/** A scenario with every input's value: its overrides, the defaults elsewhere (dates as ISO text). */
export interface ScenarioInputs { id: string; label: string; inputs: InputValues }
/** One series of the period table; `total` is null where adding the periods up means nothing. */
export interface PeriodRow {
    id: string; label: string; unit?: string;
    style: "currency" | "percent" | "number" | "months"; decimals: number;
    values: FormulaValue[]; total: FormulaValue | null;
}
/** Every series by period: headings (`Start`, `Year 1`, ...) and rows. */
export interface PeriodTable { periods: string[]; rows: PeriodRow[] }
"##;

fn inputs_object(inputs: &[InputSpec], values: &[InputValue]) -> Object {
    let result = object();
    for (input, value) in inputs.iter().zip(values) {
        set(&result, &input.id, &input_value(input.kind, value));
    }
    result
}

#[wasm_bindgen]
impl Model {
    /// Every scenario with every input's value under it (its overrides,
    /// each other input at its default, as applying it gives), in the
    /// model's order.
    #[wasm_bindgen(js_name = scenarioInputs, unchecked_return_type = "ScenarioInputs[]")]
    pub fn scenario_inputs(&self) -> JsValue {
        let spec = self.compiled.spec();
        let list = Array::new();
        for scenario in &spec.scenarios {
            let item = object();
            set_text(&item, "id", &scenario.id);
            set_text(&item, "label", &scenario.label);
            let values = self.compiled.scenario_input_values(scenario);
            set(&item, "inputs", &inputs_object(&spec.inputs, &values));
            list.push(&item);
        }
        list.into()
    }

    /// The ids of the inputs whose values are not the same in every one of
    /// `sets` (each id → value; a missing id is the input's default), in
    /// the model's order. Throws, naming the input, for a value the model
    /// refuses.
    #[wasm_bindgen(js_name = differingInputs, unchecked_return_type = "string[]")]
    pub fn differing_inputs(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InputValues[]")] sets: JsValue,
    ) -> Result<JsValue, JsError> {
        if !Array::is_array(&sets) {
            return Err(JsError::argument("sets must be an array of input values"));
        }
        let sets: Array = sets.unchecked_into();
        let mut read = Vec::new();
        for index in 0..sets.length() {
            read.push(inputs_from_js(&self.compiled, &sets.get(index))?);
        }
        let inputs = &self.compiled.spec().inputs;
        let list = Array::new();
        for index in differing_inputs(&read) {
            if let Some(input) = inputs.get(index) {
                list.push(&JsValue::from_str(&input.id));
            }
        }
        Ok(list.into())
    }

    /// The period table of the current inputs: every series by period,
    /// with a total where the core says adding it up means something.
    #[wasm_bindgen(js_name = periodTable, unchecked_return_type = "PeriodTable")]
    pub fn period_table(&self) -> JsValue {
        let table = self.compiled.period_table(&self.state);
        let result = object();
        let periods = Array::new();
        for heading in &table.periods {
            periods.push(&JsValue::from_str(heading));
        }
        set(&result, "periods", &periods);
        let rows = Array::new();
        for row in &table.rows {
            let item = object();
            set_text(&item, "id", &row.id);
            set_text(&item, "label", &row.label);
            if let Some(unit) = &row.unit {
                set_text(&item, "unit", unit);
            }
            set_text(&item, "style", row.format.style.as_str());
            set(
                &item,
                "decimals",
                &JsValue::from_f64(f64::from(row.format.decimals)),
            );
            let values = Array::new();
            for value in &row.values {
                values.push(&value_to_js(value));
            }
            set(&item, "values", &values);
            set(
                &item,
                "total",
                &row.total.as_ref().map_or(JsValue::NULL, value_to_js),
            );
            rows.push(&item);
        }
        set(&result, "rows", &rows);
        result.into()
    }

    /// The period table of the current inputs as text: `"csv"` (RFC 4180,
    /// CRLF) or `"tsv"` (tab-separated, as a spreadsheet pastes it).
    #[wasm_bindgen(js_name = periodTableText)]
    pub fn period_table_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"csv\" | \"tsv\"")] format: &str,
    ) -> Result<String, JsError> {
        let format = match format {
            "csv" => TableText::Csv,
            "tsv" => TableText::Tsv,
            _ => {
                return Err(JsError::new(
                    ErrorCode::INVALID_OPTION,
                    &format!("format `{format}`: use \"csv\" or \"tsv\""),
                ))
            }
        };
        Ok(self.compiled.period_table(&self.state).to_text(format))
    }
}
