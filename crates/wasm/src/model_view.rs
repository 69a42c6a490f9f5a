//! What a page needs to draw a `Model` (every build, the widget's too): its
//! layout (inputs with kinds, bounds and options; outputs with formats;
//! series, scenarios and charts, with every default filled in) and the
//! tornado behind a `tornado` chart.
//!
//! Conversion only: the page reads the layout instead of re-reading the
//! document, so defaults (horizon, decimals, labels) are decided once, here
//! in the core.

use super::dto::{field, object, set, set_number, set_number_or_null, set_text};
use super::error::JsError;
use super::js::{Array, Object};
use super::model::{js_error, Model};
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::formula::functions::date_serial::ymd_from_serial;
use yardstick_core::model::analysis::{self, SensitivityOptions};
use yardstick_core::model::spec::{InputKind, InputSpec, InputValue, OutputFormat};

#[wasm_bindgen(typescript_custom_section)]
const LAYOUT_TYPES: &str = r##"
/** One input as a form shows it. Dates are ISO text (`YYYY-MM-DD`). */
export interface InputLayout {
    id: string; label: string;
    kind: "number" | "integer" | "percent" | "currency" | "select" | "toggle" | "date";
    default: InputValue; min?: number | string; max?: number | string; step?: number;
    unit?: string; help?: string;
    options?: { value: number | string; label: string }[];
    /** Whether the input has a distribution (and so a range in the tornado). */
    uncertain: boolean;
    /** How its slider moves: by equal steps, or by equal ratios (`log`: min > 0 and a max). */
    scale: "linear" | "log";
    /** The toggle it applies under (its id and label); `inapplicable` in the model's answers says when it does not. */
    appliesWhen?: { input: string; label: string };
    /** The id of the section it is shown in (full build only; the widget does not read sections). */
    section?: string;
}
/** A group of inputs (the model's `sections`). */
export interface SectionLayout { id: string; label: string; description?: string }
/** How a number is shown: the model's format with its defaults filled in (a plain number, 2 decimals, when the model gives none). */
export interface NumberFormat { style: "currency" | "percent" | "number" | "months"; decimals: number }
export interface OutputLayout extends NumberFormat { id: string; label: string }
/** A per-period calculation; charts show its values in its format. */
export interface SeriesLayout extends NumberFormat {
    id: string; label: string; unit?: string;
    /** Whether a period table adds its periods up (full build only): the core's rule, see docs/model-format.md. */
    total?: boolean;
}
export interface ChartLayout { id: string; title: string; type: "bar" | "line" | "tornado"; series: string[]; output?: string }
/** A scenario to offer; `Model.applyScenario(id)` applies it. */
export interface ScenarioLayout { id: string; label: string }
/** A compiled model's layout, every default filled in. */
export interface ModelLayout {
    id: string; version: string; title: string; description?: string;
    currency: string; locale: string;
    horizon: { periods: number; unit: "year" | "quarter" | "month" };
    inputs: InputLayout[]; outputs: OutputLayout[]; series: SeriesLayout[];
    scenarios: ScenarioLayout[]; charts: ChartLayout[];
    /** The output that is a lead's value (the model's `leadValue`), if any. */
    leadValue?: string;
    /** The groups of inputs, in order (full build only; the widget build leaves it out). */
    sections?: SectionLayout[];
    /** Which series are the net cash flow, its running total, benefits and costs (the model's `cashFlow`), if it says; full build only. */
    cashFlow?: CashFlowLayout;
}
/** Series ids (`layout.series`): break-even is `breakEven(net)`. */
export interface CashFlowLayout { net: string; cumulative?: string; benefits?: string; costs?: string }
"##;

fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

fn set_optional_text(target: &Object, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        set_text(target, key, value);
    }
}

/// `YYYY-MM-DD` for an Excel serial, as `<input type="date">` wants it.
fn iso_date(serial: f64) -> Option<String> {
    let date = ymd_from_serial(serial.floor() as i64)?;
    (1..=9999)
        .contains(&date.year)
        .then(|| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day))
}

/// An input's value as a form shows it: dates as ISO text, the rest as is.
pub(crate) fn input_value(kind: InputKind, value: &InputValue) -> JsValue {
    match (kind, value) {
        (InputKind::Date, InputValue::Number(serial)) => {
            iso_date(*serial).map_or(JsValue::from_f64(*serial), |iso| text(&iso))
        }
        (_, InputValue::Number(n)) => JsValue::from_f64(*n),
        (_, InputValue::Text(t)) => text(t),
        (_, InputValue::Bool(b)) => JsValue::from_bool(*b),
    }
}

fn bound(kind: InputKind, bound: Option<f64>) -> Option<JsValue> {
    bound.map(|n| input_value(kind, &InputValue::Number(n)))
}

fn input_layout(input: &InputSpec, inputs: &[InputSpec]) -> Object {
    let item = object();
    set_text(&item, "id", &input.id);
    set_text(&item, "label", &input.label);
    set_text(&item, "kind", input.kind.as_str());
    set(&item, "default", &input_value(input.kind, &input.default));
    if let Some(min) = bound(input.kind, input.min) {
        set(&item, "min", &min);
    }
    if let Some(max) = bound(input.kind, input.max) {
        set(&item, "max", &max);
    }
    if let Some(step) = input.step_or_default() {
        set_number(&item, "step", step);
    }
    set_optional_text(&item, "unit", input.unit.as_ref());
    set_optional_text(&item, "help", input.help.as_ref());
    if input.kind == InputKind::Select {
        let options = Array::new();
        for option in &input.options {
            let entry = object();
            set(&entry, "value", &input_value(input.kind, &option.value));
            set_text(&entry, "label", &option.label);
            options.push(&entry);
        }
        set(&item, "options", &options);
    }
    set(
        &item,
        "uncertain",
        &JsValue::from_bool(input.uncertainty.is_some()),
    );
    set_text(&item, "scale", input.scale.as_str());
    // The toggle's label too, so a form can say why a field is off
    // without looking the toggle up.
    let toggle = input
        .applies_when
        .as_ref()
        .and_then(|condition| inputs.get(condition.input_index));
    if let Some(toggle) = toggle {
        let condition = object();
        set_text(&condition, "input", &toggle.id);
        set_text(&condition, "label", &toggle.label);
        set(&item, "appliesWhen", &condition);
    }
    #[cfg(feature = "workbench")]
    set_optional_text(&item, "section", input.section.as_ref());
    item
}

/// `style` and `decimals`, as the core filled them in: outputs and series
/// alike, so a page formats both by one rule and never guesses.
fn set_format(item: &Object, format: OutputFormat) {
    set_text(item, "style", format.style.as_str());
    set_number(item, "decimals", f64::from(format.decimals));
}

fn id_list(ids: &[String]) -> Array {
    let list = Array::new();
    for id in ids {
        list.push(&text(id));
    }
    list
}

#[wasm_bindgen]
impl Model {
    /// The model's layout for a form: inputs, outputs with their formats,
    /// series, scenarios and charts, with every default filled in.
    #[wasm_bindgen(unchecked_return_type = "ModelLayout")]
    pub fn layout(&self) -> JsValue {
        let spec = self.compiled.spec();
        let result = object();
        set_text(&result, "id", &spec.id);
        set_text(&result, "version", &spec.version);
        set_text(&result, "title", &spec.title);
        set_optional_text(&result, "description", spec.description.as_ref());
        set_text(&result, "currency", &spec.currency);
        set_text(&result, "locale", &spec.locale);
        if let Some(output) = spec.lead_value.and_then(|i| spec.outputs.get(i)) {
            set_text(&result, "leadValue", &output.id);
        }
        // The workbench charts the cash flow; the widget leaves it out.
        #[cfg(feature = "workbench")]
        if let Some(cash_flow) = spec.cash_flow {
            let item = object();
            let id =
                |index: Option<usize>| index.and_then(|i| spec.calculations.get(i)).map(|c| &c.id);
            set_optional_text(&item, "net", id(Some(cash_flow.net)));
            set_optional_text(&item, "cumulative", id(cash_flow.cumulative));
            set_optional_text(&item, "benefits", id(cash_flow.benefits));
            set_optional_text(&item, "costs", id(cash_flow.costs));
            set(&result, "cashFlow", &item);
        }
        let horizon = object();
        set_number(&horizon, "periods", spec.horizon.periods as f64);
        set_text(&horizon, "unit", spec.horizon.unit.as_str());
        set(&result, "horizon", &horizon);
        let inputs = Array::new();
        for input in &spec.inputs {
            inputs.push(&input_layout(input, &spec.inputs));
        }
        set(&result, "inputs", &inputs);
        let outputs = Array::new();
        for output in &spec.outputs {
            let item = object();
            set_text(&item, "id", &output.id);
            set_text(&item, "label", &output.label);
            set_format(&item, output.format);
            outputs.push(&item);
        }
        set(&result, "outputs", &outputs);
        let series = Array::new();
        for (index, calculation) in spec.calculations.iter().enumerate() {
            if !calculation.per_period {
                continue;
            }
            let item = object();
            set_text(&item, "id", &calculation.id);
            let label = calculation.label.as_ref().unwrap_or(&calculation.id);
            set_text(&item, "label", label);
            set_optional_text(&item, "unit", calculation.unit.as_ref());
            set_format(&item, calculation.format);
            #[cfg(feature = "workbench")]
            set(
                &item,
                "total",
                &JsValue::from_bool(yardstick_core::model::period_table::totals_series(
                    &self.compiled,
                    index,
                    calculation,
                )),
            );
            // The widget draws no period table, so it says nothing of totals.
            #[cfg(not(feature = "workbench"))]
            let _ = index;
            series.push(&item);
        }
        set(&result, "series", &series);
        let scenarios = Array::new();
        // Ids and labels only: what a scenario does to the inputs is the
        // core's to decide (`applyScenario` answers with every input).
        for scenario in &spec.scenarios {
            let item = object();
            set_text(&item, "id", &scenario.id);
            set_text(&item, "label", &scenario.label);
            scenarios.push(&item);
        }
        set(&result, "scenarios", &scenarios);
        let charts = Array::new();
        for chart in &spec.charts {
            let item = object();
            set_text(&item, "id", &chart.id);
            set_text(&item, "title", &chart.title);
            set_text(&item, "type", chart.chart_type.as_str());
            set(&item, "series", &id_list(&chart.series));
            set_optional_text(&item, "output", chart.output.as_ref());
            charts.push(&item);
        }
        set(&result, "charts", &charts);
        #[cfg(feature = "workbench")]
        {
            let sections = Array::new();
            for section in &spec.sections {
                let item = object();
                set_text(&item, "id", &section.id);
                set_text(&item, "label", &section.label);
                set_optional_text(&item, "description", section.description.as_ref());
                sections.push(&item);
            }
            set(&result, "sections", &sections);
        }
        result.into()
    }

    /// The tornado for one output around the current inputs.
    #[wasm_bindgen(unchecked_return_type = "SensitivityResult")]
    pub fn sensitivity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SensitivityOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let output_id = field(&options, "output").as_string().ok_or_else(|| {
            JsError::new(ErrorCode::INVALID_OPTION, "option `output` is required")
        })?;
        // Anything but a number (or nothing) is refused by the core as NaN,
        // never replaced by the default.
        let percent = field(&options, "percentChange");
        let settings = SensitivityOptions {
            output_id: output_id.clone(),
            percent_change: if percent.is_undefined() {
                analysis::DEFAULT_PERCENT_CHANGE
            } else {
                percent.as_f64().unwrap_or(f64::NAN)
            },
            use_uncertainty: field(&options, "useUncertainty").as_bool().unwrap_or(true),
        };
        let (base, rows) = analysis::sensitivity(&self.compiled, &self.state, &settings)
            .map_err(|e| js_error(&e))?;
        let result = object();
        set_text(&result, "output", &output_id);
        set_number(&result, "base", base);
        let list = Array::new();
        for row in &rows {
            let item = object();
            set_text(&item, "input", &row.input_id);
            set_number(&item, "low", row.low_input);
            set_number(&item, "high", row.high_input);
            set_number_or_null(&item, "outputAtLow", row.output_at_low);
            set_number_or_null(&item, "outputAtHigh", row.output_at_high);
            set_number(&item, "swing", row.swing);
            list.push(&item);
        }
        set(&result, "rows", &list);
        Ok(result.into())
    }
}
