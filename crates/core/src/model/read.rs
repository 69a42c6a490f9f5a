//! Reading a model document into a [`ModelSpec`], recording every
//! structural problem with its path: the schema version, missing and
//! unknown fields, wrong types, invalid or duplicate ids, defaults outside
//! their bounds, scenario overrides of unknown inputs, chart references.
//!
//! Formulas are only carried here; `compile` parses and checks them.

use super::cash_flow::{read_cash_flow, series_reference};
use super::diagnostic::{item_path, suggest_id, ModelDiagnostic, ModelDiagnosticCode, ModelPath};
use super::fields::{is_reserved_id, is_valid_id, is_valid_model_id, Diagnostics, Fields};
use super::inputs::{check_value, read_input, value_from_node};
use super::spec::*;
use crate::json::Node;
use crate::name_table::previous_uses;
use crate::number_text::Plain;

/// Most inputs a model may have.
pub const MAX_INPUTS: usize = 500;
/// Most calculations a model may have.
pub const MAX_CALCULATIONS: usize = 2_000;
/// Most outputs a model may have.
pub const MAX_OUTPUTS: usize = 500;
/// Most scenarios a model may have.
pub const MAX_SCENARIOS: usize = 100;
/// Most charts a model may have.
pub const MAX_CHARTS: usize = 50;
/// Longest horizon, in periods (50 years of months).
pub const MAX_PERIODS: usize = 600;

const TOP_FIELDS: &[&str] = &[
    "$schema",
    "schema",
    "id",
    "version",
    "title",
    "description",
    "currency",
    "locale",
    "horizon",
    "inputs",
    "calculations",
    "outputs",
    "scenarios",
    "charts",
    "leadValue",
    "sections",
    "cashFlow",
];

/// The text values of the fields that name one of a few choices: what the
/// field is (for "unknown unit `x`"), the names in the order messages list
/// them and the reader's tables map them, and the diagnostic code.
type Choice = (&'static str, &'static [&'static str], ModelDiagnosticCode);
const UNIT_CHOICE: Choice = (
    "unit",
    &["year", "quarter", "month"],
    ModelDiagnosticCode::InvalidValue,
);
const STYLE_CHOICE: Choice = (
    "style",
    &["currency", "percent", "number", "months"],
    ModelDiagnosticCode::InvalidValue,
);
const CHART_TYPE_CHOICE: Choice = (
    "chart type",
    &["bar", "line", "tornado"],
    ModelDiagnosticCode::InvalidValue,
);

/// Reads a document: the model as far as it could be read (broken entries
/// left out or given empty values) and every diagnostic. The model is
/// usable only when the list is empty; it is returned anyway so formulas
/// can be checked too and all problems reported at once.
pub fn read_model(document: &Node) -> (Option<ModelSpec>, Vec<ModelDiagnostic>) {
    let mut diagnostics = Diagnostics::default();
    let spec = read_top(document, &mut diagnostics);
    (spec, diagnostics.list)
}

fn read_top(document: &Node, diagnostics: &mut Diagnostics) -> Option<ModelSpec> {
    let top = Fields::open(document, &ModelPath::root(), diagnostics)?;
    match top.get("schema") {
        Some(Node::Text(schema)) if schema == SCHEMA => {}
        Some(Node::Text(schema)) => diagnostics.push(
            ModelDiagnosticCode::UnsupportedSchema,
            &top.field_path("schema"),
            format!("unsupported schema `{schema}`; this engine reads `{SCHEMA}`"),
        ),
        Some(other) => diagnostics.wrong_type(&top.field_path("schema"), "text", other),
        None => diagnostics.push(
            ModelDiagnosticCode::MissingField,
            &top.field_path("schema"),
            format!("`schema` is required; set it to `{SCHEMA}`"),
        ),
    }
    top.reject_unknown(TOP_FIELDS, diagnostics);
    let id = top.text("id", true, diagnostics).unwrap_or_default();
    if !id.is_empty() && !is_valid_model_id(&id) {
        diagnostics.push(
            ModelDiagnosticCode::InvalidId,
            &top.field_path("id"),
            "a model id uses letters, digits, `_` and `-`, starting with a letter",
        );
    }
    let mut spec = ModelSpec {
        id,
        version: top.text("version", true, diagnostics).unwrap_or_default(),
        title: top.text("title", true, diagnostics).unwrap_or_default(),
        description: top.text("description", false, diagnostics),
        currency: top
            .text("currency", false, diagnostics)
            .unwrap_or_else(|| "USD".to_string()),
        locale: top
            .text("locale", false, diagnostics)
            .unwrap_or_else(|| "en-US".to_string()),
        horizon: read_horizon(&top, diagnostics),
        inputs: Vec::new(),
        calculations: Vec::new(),
        outputs: Vec::new(),
        scenarios: Vec::new(),
        charts: Vec::new(),
        lead_value: None,
        sections: Vec::new(),
        cash_flow: None,
    };
    if spec.currency.len() != 3 || !spec.currency.chars().all(|c| c.is_ascii_uppercase()) {
        diagnostics.push(
            ModelDiagnosticCode::InvalidValue,
            &top.field_path("currency"),
            format!(
                "`{}` is not an ISO 4217 code such as USD or EUR",
                spec.currency
            ),
        );
    }
    let inputs = bounded_list(&top, "inputs", true, MAX_INPUTS, diagnostics);
    for (i, node) in inputs.iter().enumerate() {
        if let Some(item) = read_input(node, &item_path("inputs", i), diagnostics) {
            spec.inputs.push(item);
        }
    }
    let calculations = bounded_list(&top, "calculations", false, MAX_CALCULATIONS, diagnostics);
    for (i, node) in calculations.iter().enumerate() {
        if let Some(item) = read_calculation(node, &item_path("calculations", i), diagnostics) {
            spec.calculations.push(item);
        }
    }
    let outputs = bounded_list(&top, "outputs", true, MAX_OUTPUTS, diagnostics);
    for (i, node) in outputs.iter().enumerate() {
        if let Some(item) = read_output(node, &item_path("outputs", i), diagnostics) {
            spec.outputs.push(item);
        }
    }
    check_ids(&spec, diagnostics);
    #[cfg(feature = "workbench")]
    {
        spec.sections = super::sections::read_sections(&top, diagnostics);
        super::sections::check_input_sections(&spec.inputs, &spec.sections, diagnostics);
    }
    spec.lead_value = read_lead_value(&top, &spec.outputs, diagnostics);
    spec.cash_flow = read_cash_flow(&top, &spec.calculations, diagnostics);
    resolve_applies_when(&mut spec.inputs, diagnostics);
    let scenarios = bounded_list(&top, "scenarios", false, MAX_SCENARIOS, diagnostics);
    for (i, node) in scenarios.iter().enumerate() {
        if let Some(scenario) =
            read_scenario(node, &item_path("scenarios", i), &spec.inputs, diagnostics)
        {
            spec.scenarios.push(scenario);
        }
    }
    let charts = bounded_list(&top, "charts", false, MAX_CHARTS, diagnostics);
    let mut read_charts = Vec::new();
    for (i, node) in charts.iter().enumerate() {
        if let Some(chart) = read_chart(node, &item_path("charts", i), &spec, diagnostics) {
            read_charts.push(chart);
        }
    }
    spec.charts = read_charts;
    let mut scenario_ids = Vec::with_capacity(spec.scenarios.len());
    for scenario in &spec.scenarios {
        scenario_ids.push(scenario.id.as_str());
    }
    check_unique(&scenario_ids, "scenarios", diagnostics);
    let mut chart_ids = Vec::with_capacity(spec.charts.len());
    for chart in &spec.charts {
        chart_ids.push(chart.id.as_str());
    }
    check_unique(&chart_ids, "charts", diagnostics);
    Some(spec)
}

fn bounded_list<'a>(
    top: &Fields<'a>,
    key: &str,
    required: bool,
    max: usize,
    diagnostics: &mut Diagnostics,
) -> &'a [Node] {
    let items = top.list(key, required, diagnostics);
    if items.len() > max {
        diagnostics.push(
            ModelDiagnosticCode::TooLarge,
            &top.field_path(key),
            format!(
                "a model may have at most {max} {key}; this one has {}",
                items.len()
            ),
        );
        return items.get(..max).unwrap_or(items);
    }
    items
}

fn read_horizon(top: &Fields<'_>, diagnostics: &mut Diagnostics) -> Horizon {
    let default = Horizon {
        periods: 5,
        unit: PeriodUnit::Year,
    };
    let Some(node) = top.get("horizon") else {
        return default;
    };
    let Some(fields) = Fields::open(node, &top.field_path("horizon"), diagnostics) else {
        return default;
    };
    fields.reject_unknown(&["periods", "unit"], diagnostics);
    let periods = match fields.number("periods", false, diagnostics) {
        Some(n) if n.fract() == 0.0 && (1.0..=MAX_PERIODS as f64).contains(&n) => n as usize,
        Some(n) => {
            diagnostics.push(
                ModelDiagnosticCode::OutOfRange,
                &fields.field_path("periods"),
                format!(
                    "periods must be a whole number from 1 to {MAX_PERIODS}, not {}",
                    Plain(n)
                ),
            );
            default.periods
        }
        None => default.periods,
    };
    let units = [PeriodUnit::Year, PeriodUnit::Quarter, PeriodUnit::Month];
    let unit = fields
        .choice("unit", false, UNIT_CHOICE, diagnostics)
        .and_then(|index| units.get(index).copied())
        .unwrap_or(PeriodUnit::Year);
    Horizon { periods, unit }
}

/// `leadValue`: the index of the output it names (exactly, as a chart's
/// `output` names one). Whether that output gives a number is known once
/// the defaults are evaluated (`CompiledModel`'s kind check).
fn read_lead_value(
    top: &Fields<'_>,
    outputs: &[OutputSpec],
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let wanted = top.text("leadValue", false, diagnostics)?;
    let path = top.field_path("leadValue");
    output_reference(&wanted, outputs, &path, diagnostics)
}

/// The index of the output `output_id` (chart outputs and `leadValue`), or
/// an unknown-reference diagnostic at `path` with the closest id.
fn output_reference(
    output_id: &str,
    outputs: &[OutputSpec],
    path: &ModelPath,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let found = outputs.iter().position(|o| o.id == output_id);
    if found.is_none() {
        diagnostics.push(
            ModelDiagnosticCode::UnknownReference,
            path,
            format!(
                "no output has the id `{output_id}`{}",
                suggest_id(output_id, outputs.iter().map(|o| o.id.as_str()))
            ),
        );
    }
    found
}

fn read_calculation(
    node: &Node,
    path: &ModelPath,
    diagnostics: &mut Diagnostics,
) -> Option<CalculationSpec> {
    let fields = Fields::open(node, path, diagnostics)?;
    fields.reject_unknown(
        &[
            "id",
            "formula",
            "per_period",
            "label",
            "unit",
            "format",
            "total",
        ],
        diagnostics,
    );
    Some(CalculationSpec {
        id: fields.text("id", true, diagnostics).unwrap_or_default(),
        formula: fields
            .text("formula", true, diagnostics)
            .unwrap_or_default(),
        per_period: fields.boolean("per_period", diagnostics).unwrap_or(false),
        label: fields.text("label", false, diagnostics),
        unit: fields.text("unit", false, diagnostics),
        format: read_format(&fields, diagnostics),
        // Whether a period table may total it: the full build's (the
        // widget draws no period table and accepts the field unread).
        total: if cfg!(feature = "workbench") {
            fields.boolean("total", diagnostics)
        } else {
            None
        },
    })
}

fn read_output(node: &Node, path: &ModelPath, diagnostics: &mut Diagnostics) -> Option<OutputSpec> {
    let fields = Fields::open(node, path, diagnostics)?;
    fields.reject_unknown(&["id", "label", "formula", "format"], diagnostics);
    Some(OutputSpec {
        id: fields.text("id", true, diagnostics).unwrap_or_default(),
        label: fields.text("label", true, diagnostics).unwrap_or_default(),
        formula: fields
            .text("formula", true, diagnostics)
            .unwrap_or_default(),
        format: read_format(&fields, diagnostics),
    })
}

/// The `format` field of an output or a calculation: one reader, so both
/// take the same styles, decimals and default ([`OutputFormat::default`]).
fn read_format(fields: &Fields<'_>, diagnostics: &mut Diagnostics) -> OutputFormat {
    let mut format = OutputFormat::default();
    let Some(format_node) = fields.get("format") else {
        return format;
    };
    let Some(format_fields) = Fields::open(format_node, &fields.field_path("format"), diagnostics)
    else {
        return format;
    };
    format_fields.reject_unknown(&["style", "decimals"], diagnostics);
    let styles = [
        FormatStyle::Currency,
        FormatStyle::Percent,
        FormatStyle::Number,
        FormatStyle::Months,
    ];
    format.style = format_fields
        .choice("style", true, STYLE_CHOICE, diagnostics)
        .and_then(|index| styles.get(index).copied())
        .unwrap_or(FormatStyle::Number);
    format.decimals = match format_fields.number("decimals", false, diagnostics) {
        Some(d) if d.fract() == 0.0 && (0.0..=10.0).contains(&d) => d as u8,
        Some(_) => {
            diagnostics.push(
                ModelDiagnosticCode::OutOfRange,
                &format_fields.field_path("decimals"),
                "decimals must be a whole number from 0 to 10",
            );
            format.style.default_decimals()
        }
        None => format.style.default_decimals(),
    };
    format
}

/// Ids must be valid, not reserved, and unique across inputs, calculations
/// and outputs (case-insensitively, as formulas read them).
fn check_ids(spec: &ModelSpec, diagnostics: &mut Diagnostics) {
    // Plain loops: each iterator chain that collects is its own body in
    // the wasm. Empty ids were reported as missing; they take no part here.
    let mut all: Vec<(ModelPath, &String)> = Vec::new();
    for (i, x) in spec.inputs.iter().enumerate() {
        if !x.id.is_empty() {
            all.push((item_path("inputs", i).key("id"), &x.id));
        }
    }
    for (i, x) in spec.calculations.iter().enumerate() {
        if !x.id.is_empty() {
            all.push((item_path("calculations", i).key("id"), &x.id));
        }
    }
    for (i, x) in spec.outputs.iter().enumerate() {
        if !x.id.is_empty() {
            all.push((item_path("outputs", i).key("id"), &x.id));
        }
    }
    let mut lower = Vec::with_capacity(all.len());
    for (_, id) in &all {
        lower.push(id.to_ascii_lowercase());
    }
    let mut keys = Vec::with_capacity(lower.len());
    for id in &lower {
        keys.push(id.as_str());
    }
    let previous = previous_uses(&keys);
    for (index, (path, id)) in all.iter().enumerate() {
        if !is_valid_id(id) {
            diagnostics.push(
                ModelDiagnosticCode::InvalidId,
                path,
                format!("`{id}` is not a valid id: use a letter or `_`, then letters, digits or `_` (at most 64)"),
            );
        } else if is_reserved_id(id) {
            diagnostics.push(
                ModelDiagnosticCode::ReservedId,
                path,
                format!("`{id}` means something else in formulas; choose another id"),
            );
        }
        let earlier = previous.get(index).copied().flatten();
        if let Some((first, _)) = earlier.and_then(|earlier| all.get(earlier)) {
            diagnostics.push(
                ModelDiagnosticCode::DuplicateId,
                path,
                format!("`{id}` is already used at {first}"),
            );
        }
    }
}

/// Each `appliesWhen` must name another input (ignoring case, as every
/// id), that input must be a toggle, and it must apply always itself: one
/// level only, so no chain or cycle can form and whether an input applies
/// is one look at one toggle.
fn resolve_applies_when(inputs: &mut [InputSpec], diagnostics: &mut Diagnostics) {
    for index in 0..inputs.len() {
        let Some(Some(condition)) = inputs.get(index).map(|i| &i.applies_when) else {
            continue;
        };
        let wanted = &condition.input_id;
        let found = inputs
            .iter()
            .position(|other| other.id.eq_ignore_ascii_case(wanted));
        // One sentence per problem after the id: static text, so the four
        // cases cost one formatting call in the wasm.
        let (code, problem) = match found.and_then(|at| inputs.get(at).map(|other| (at, other))) {
            None => (ModelDiagnosticCode::UnknownReference, "is not an input's id"),
            Some((at, _)) if at == index => (
                ModelDiagnosticCode::Cycle,
                "is this input itself; name the toggle it depends on",
            ),
            Some((_, other)) if other.kind != InputKind::Toggle => (
                ModelDiagnosticCode::InvalidValue,
                "is not a toggle; an input can only depend on a toggle",
            ),
            Some((_, other)) if other.applies_when.is_some() => (
                ModelDiagnosticCode::InvalidValue,
                "itself applies only when another input is on; depend on a toggle that always applies",
            ),
            Some((at, _)) => {
                if let Some(Some(condition)) = inputs.get_mut(index).map(|i| &mut i.applies_when) {
                    condition.input_index = at;
                }
                continue;
            }
        };
        let hint = match found {
            None => suggest_id(wanted, inputs.iter().map(|i| i.id.as_str())),
            Some(_) => String::new(),
        };
        diagnostics.push(
            code,
            &item_path("inputs", index).key("appliesWhen"),
            format!("`{wanted}` {problem}{hint}"),
        );
    }
}

/// Scenario and chart ids must be unique within their list (the same
/// duplicate finder as the model's ids).
fn check_unique(ids: &[&str], list: &str, diagnostics: &mut Diagnostics) {
    let previous = previous_uses(ids);
    for (index, &id) in ids.iter().enumerate() {
        let repeated = previous.get(index).is_some_and(Option::is_some);
        if !id.is_empty() && repeated {
            diagnostics.push(
                ModelDiagnosticCode::DuplicateId,
                &item_path(list, index).key("id"),
                format!("`{id}` is already used by another entry of {list}"),
            );
        }
    }
}

fn read_scenario(
    node: &Node,
    path: &ModelPath,
    inputs: &[InputSpec],
    diagnostics: &mut Diagnostics,
) -> Option<ScenarioSpec> {
    let fields = Fields::open(node, path, diagnostics)?;
    fields.reject_unknown(&["id", "label", "inputs"], diagnostics);
    let id = fields.text("id", true, diagnostics).unwrap_or_default();
    let label = fields
        .text("label", false, diagnostics)
        .unwrap_or_else(|| id.clone());
    let mut overrides = Vec::new();
    match fields.get("inputs") {
        Some(Node::Map(entries)) => {
            for (input_id, value_node) in entries {
                let value_path = fields.field_path("inputs").key(input_id);
                let Some(input) = inputs.iter().find(|i| &i.id == input_id) else {
                    diagnostics.push(
                        ModelDiagnosticCode::UnknownReference,
                        &value_path,
                        format!(
                            "no input has the id `{input_id}`{}",
                            suggest_id(input_id, inputs.iter().map(|i| i.id.as_str()))
                        ),
                    );
                    continue;
                };
                match value_from_node(input.kind, value_node).and_then(|v| check_value(input, &v)) {
                    Ok(value) => overrides.push((input.id.clone(), value)),
                    Err(reason) => {
                        diagnostics.push(ModelDiagnosticCode::InvalidValue, &value_path, reason)
                    }
                }
            }
        }
        Some(other) => diagnostics.wrong_type(
            &fields.field_path("inputs"),
            "an object of input values",
            other,
        ),
        None => diagnostics.push(
            ModelDiagnosticCode::MissingField,
            &fields.field_path("inputs"),
            "`inputs` is required",
        ),
    }
    Some(ScenarioSpec {
        id,
        label,
        inputs: overrides,
    })
}

fn read_chart(
    node: &Node,
    path: &ModelPath,
    spec: &ModelSpec,
    diagnostics: &mut Diagnostics,
) -> Option<ChartSpec> {
    let fields = Fields::open(node, path, diagnostics)?;
    fields.reject_unknown(&["id", "title", "type", "series", "output"], diagnostics);
    let id = fields.text("id", true, diagnostics).unwrap_or_default();
    let title = fields
        .text("title", false, diagnostics)
        .unwrap_or_else(|| id.clone());
    let chart_types = [ChartType::Bar, ChartType::Line, ChartType::Tornado];
    let chart_type = fields
        .choice("type", true, CHART_TYPE_CHOICE, diagnostics)
        .and_then(|index| chart_types.get(index).copied())?;
    let mut series = Vec::new();
    for (index, item) in fields
        .list("series", chart_type != ChartType::Tornado, diagnostics)
        .iter()
        .enumerate()
    {
        let item_path = fields.field_path("series").index(index);
        match item {
            Node::Text(series_id) => {
                if series_reference(series_id, &spec.calculations, &item_path, diagnostics)
                    .is_some()
                {
                    series.push(series_id.clone());
                }
            }
            other => diagnostics.wrong_type(&item_path, "a calculation id", other),
        }
    }
    let output = fields.text("output", chart_type == ChartType::Tornado, diagnostics);
    if let Some(output_id) = &output {
        output_reference(
            output_id,
            &spec.outputs,
            &fields.field_path("output"),
            diagnostics,
        );
    }
    Some(ChartSpec {
        id,
        title,
        chart_type,
        series,
        output,
    })
}
