//! Reading and checking inputs: kinds, defaults, bounds, select options,
//! date texts and uncertainty. The same value check serves the document's
//! defaults and scenarios and, at run time, every value a page sets.
//!
//! Values are checked, never silently clamped: a page that sends 20,000
//! seats to an input capped at 10,000 gets an error that says so.

use super::diagnostic::ModelDiagnosticCode;
use super::diagnostic::ModelPath;
use super::fields::{Diagnostics, Fields};
use super::refusal::Refusal;
use super::spec::{
    AppliesWhen, InputKind, InputSpec, InputValue, Scale, SelectOption, UncertaintySpec,
};
use crate::formula::functions::date_serial::serial_from_iso_text;
use crate::json::Node;
use crate::number_text::Plain;

const INPUT_FIELDS: &[&str] = &[
    "id",
    "label",
    "kind",
    "default",
    "min",
    "max",
    "step",
    "unit",
    "help",
    "options",
    "uncertainty",
    "scale",
    "appliesWhen",
    "section",
];

/// Reads one input at `path`; `None` when it is too broken to use.
pub fn read_input(
    node: &Node,
    path: &ModelPath,
    diagnostics: &mut Diagnostics,
) -> Option<InputSpec> {
    let fields = Fields::open(node, path, diagnostics)?;
    fields.reject_unknown(INPUT_FIELDS, diagnostics);
    let id = fields.text("id", true, diagnostics);
    let label = fields.text("label", true, diagnostics);
    let kind = read_kind(&fields, diagnostics);
    let unit = fields.text("unit", false, diagnostics);
    let help = fields.text("help", false, diagnostics);
    let kind = kind?;
    let (min, max) = read_bounds(&fields, kind, diagnostics);
    let step = fields.number("step", false, diagnostics);
    if let Some(step) = step {
        if step <= 0.0 {
            diagnostics.push(
                ModelDiagnosticCode::OutOfRange,
                &fields.field_path("step"),
                "step must be greater than 0",
            );
        }
    }
    let options = if kind == InputKind::Select {
        read_options(&fields, diagnostics)
    } else {
        if fields.get("options").is_some() {
            diagnostics.push(
                ModelDiagnosticCode::UnknownField,
                &fields.field_path("options"),
                "only select inputs have options",
            );
        }
        Vec::new()
    };
    let uncertainty = fields.get("uncertainty").and_then(|node| {
        read_uncertainty(node, &fields.field_path("uncertainty"), kind, diagnostics)
    });
    let scale = read_scale(&fields, kind, (min, max), diagnostics);
    // Resolved against the other inputs once all are read (`read`).
    let applies_when = fields
        .text("appliesWhen", false, diagnostics)
        .map(|input_id| AppliesWhen {
            input_id,
            input_index: 0,
        });
    let mut input = InputSpec {
        id: id.unwrap_or_default(),
        label: label.unwrap_or_default(),
        kind,
        default: InputValue::Number(0.0),
        min,
        max,
        step,
        unit,
        help,
        options,
        uncertainty,
        scale,
        applies_when,
        #[cfg(feature = "workbench")]
        section: super::sections::read_input_section(&fields, diagnostics),
        #[cfg(not(feature = "workbench"))]
        section: None,
    };
    let default_path = fields.field_path("default");
    match fields.get("default") {
        None => diagnostics.push(
            ModelDiagnosticCode::MissingField,
            &default_path,
            "`default` is required",
        ),
        Some(node) => match value_from_node(kind, node).and_then(|v| check_value(&input, &v)) {
            Ok(value) => input.default = value,
            Err(reason) => {
                diagnostics.push(ModelDiagnosticCode::InvalidValue, &default_path, reason)
            }
        },
    }
    Some(input)
}

fn read_kind(fields: &Fields<'_>, diagnostics: &mut Diagnostics) -> Option<InputKind> {
    let kinds = [
        InputKind::Number,
        InputKind::Integer,
        InputKind::Percent,
        InputKind::Currency,
        InputKind::Select,
        InputKind::Toggle,
        InputKind::Date,
    ];
    let kind_choice = (
        "kind",
        &[
            "number", "integer", "percent", "currency", "select", "toggle", "date",
        ][..],
        ModelDiagnosticCode::InvalidValue,
    );
    let index = fields.choice("kind", true, kind_choice, diagnostics)?;
    kinds.get(index).copied()
}

/// `scale`: `linear` (the default) or `log`, which needs a number,
/// integer or currency input with `min > 0` and a `max` (a ratio scale has
/// no zero and no end otherwise).
fn read_scale(
    fields: &Fields<'_>,
    kind: InputKind,
    (min, max): (Option<f64>, Option<f64>),
    diagnostics: &mut Diagnostics,
) -> Scale {
    let choice = (
        "scale",
        &["linear", "log"][..],
        ModelDiagnosticCode::InvalidValue,
    );
    if fields.choice("scale", false, choice, diagnostics) != Some(1) {
        return Scale::Linear;
    }
    let fits = matches!(
        kind,
        InputKind::Number | InputKind::Integer | InputKind::Currency
    ) && min.is_some_and(|min| min > 0.0)
        && max.is_some();
    if !fits {
        diagnostics.push(
            ModelDiagnosticCode::InvalidValue,
            &fields.field_path("scale"),
            "a log scale needs a number, integer or currency input with a min above 0 and a max",
        );
        return Scale::Linear;
    }
    Scale::Log
}

/// `min` and `max`: numbers, or ISO date texts for date inputs.
fn read_bounds(
    fields: &Fields<'_>,
    kind: InputKind,
    diagnostics: &mut Diagnostics,
) -> (Option<f64>, Option<f64>) {
    let mut bound = |key: &str| -> Option<f64> {
        let node = fields.get(key)?;
        let path = fields.field_path(key);
        if matches!(kind, InputKind::Select | InputKind::Toggle) {
            diagnostics.push(
                ModelDiagnosticCode::UnknownField,
                &path,
                format!("{} inputs have no {key}", kind.as_str()),
            );
            return None;
        }
        match value_from_node(kind, node) {
            Ok(InputValue::Number(n)) => Some(n),
            Ok(_) => None,
            Err(reason) => {
                diagnostics.push(ModelDiagnosticCode::InvalidValue, &path, reason);
                None
            }
        }
    };
    let min = bound("min");
    let max = bound("max");
    if let (Some(low), Some(high)) = (min, max) {
        if low > high {
            diagnostics.push(
                ModelDiagnosticCode::OutOfRange,
                &fields.field_path("min"),
                format!("min ({}) is greater than max ({})", Plain(low), Plain(high)),
            );
        }
    }
    (min, max)
}

fn read_options(fields: &Fields<'_>, diagnostics: &mut Diagnostics) -> Vec<SelectOption> {
    let items = fields.list("options", true, diagnostics);
    if items.is_empty() && fields.get("options").is_some() {
        diagnostics.push(
            ModelDiagnosticCode::InvalidValue,
            &fields.field_path("options"),
            "a select input needs at least one option",
        );
    }
    let mut options: Vec<SelectOption> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let path = fields.field_path("options").index(index);
        let Some(option) = Fields::open(item, &path, diagnostics) else {
            continue;
        };
        option.reject_unknown(&["value", "label"], diagnostics);
        let label = option.text("label", true, diagnostics).unwrap_or_default();
        let value = match option.get("value") {
            Some(Node::Number(n)) if n.is_finite() => InputValue::Number(*n),
            Some(Node::Text(t)) => InputValue::Text(t.clone()),
            Some(other) => {
                diagnostics.wrong_type(&option.field_path("value"), "a number or text", other);
                continue;
            }
            None => {
                diagnostics.push(
                    ModelDiagnosticCode::MissingField,
                    &option.field_path("value"),
                    "`value` is required",
                );
                continue;
            }
        };
        if options.iter().any(|o| o.value == value) {
            diagnostics.push(
                ModelDiagnosticCode::DuplicateId,
                &option.field_path("value"),
                "two options have the same value",
            );
        }
        options.push(SelectOption { value, label });
    }
    options
}

/// The distributions an uncertainty names, and their positions there.
const DISTRIBUTIONS: [&str; 4] = ["uniform", "triangular", "pert", "normal"];
const UNIFORM: usize = 0;
const TRIANGULAR: usize = 1;
const PERT: usize = 2;

fn read_uncertainty(
    node: &Node,
    path: &ModelPath,
    kind: InputKind,
    diagnostics: &mut Diagnostics,
) -> Option<UncertaintySpec> {
    let fields = Fields::open(node, path, diagnostics)?;
    if !kind.is_numeric() {
        diagnostics.push(
            ModelDiagnosticCode::InvalidDistribution,
            path,
            format!(
                "{} inputs cannot be uncertain; only number, integer, percent and currency inputs",
                kind.as_str()
            ),
        );
        return None;
    }
    let choice = (
        "distribution",
        &DISTRIBUTIONS[..],
        ModelDiagnosticCode::InvalidDistribution,
    );
    let distribution = fields.choice("distribution", true, choice, diagnostics)?;
    let invalid = |diagnostics: &mut Diagnostics, message: &str| {
        diagnostics.push(
            ModelDiagnosticCode::InvalidDistribution,
            path,
            message.to_string(),
        );
    };
    let spec = match distribution {
        UNIFORM | TRIANGULAR | PERT => {
            let with_mode = distribution != UNIFORM;
            let allowed: &[&str] = if with_mode {
                &["distribution", "min", "mode", "max"]
            } else {
                &["distribution", "min", "max"]
            };
            fields.reject_unknown(allowed, diagnostics);
            let min = fields.number("min", true, diagnostics);
            let max = fields.number("max", true, diagnostics);
            let mode = if with_mode {
                fields.number("mode", true, diagnostics)
            } else {
                min
            };
            let (min, mode, max) = (min?, mode?, max?);
            if min >= max {
                invalid(diagnostics, "min must be less than max");
                return None;
            }
            if !(min..=max).contains(&mode) {
                invalid(diagnostics, "mode must lie between min and max");
                return None;
            }
            match distribution {
                UNIFORM => UncertaintySpec::Uniform { min, max },
                TRIANGULAR => UncertaintySpec::Triangular { min, mode, max },
                _ => UncertaintySpec::Pert { min, mode, max },
            }
        }
        // NORMAL, the only other position `choice` gives
        _ => {
            fields.reject_unknown(&["distribution", "mean", "sd", "min", "max"], diagnostics);
            let mean = fields.number("mean", true, diagnostics);
            let sd = fields.number("sd", true, diagnostics);
            let min = fields.number("min", false, diagnostics);
            let max = fields.number("max", false, diagnostics);
            let (mean, sd) = (mean?, sd?);
            if sd <= 0.0 {
                invalid(diagnostics, "sd must be greater than 0");
                return None;
            }
            if let (Some(low), Some(high)) = (min, max) {
                if low >= high {
                    invalid(diagnostics, "min must be less than max");
                    return None;
                }
            }
            UncertaintySpec::Normal { mean, sd, min, max }
        }
    };
    Some(spec)
}

/// The value a document node gives an input of `kind`: numbers for the
/// numeric kinds, `true`/`false` for toggles, ISO text for dates (returned
/// as a serial number), a number or text for selects.
pub fn value_from_node(kind: InputKind, node: &Node) -> Result<InputValue, String> {
    match (kind, node) {
        (InputKind::Toggle, Node::Bool(b)) => Ok(InputValue::Bool(*b)),
        (InputKind::Toggle, other) => Err(format!(
            "expected true or false, found {}",
            other.type_name()
        )),
        (InputKind::Date, Node::Text(text)) => serial_from_iso_text(text)
            .map(|serial| InputValue::Number(serial as f64))
            .ok_or_else(|| {
                format!("`{text}` is not a date as YYYY-MM-DD between 1900-01-01 and 9999-12-31")
            }),
        (InputKind::Date, other) => Err(format!(
            "expected a date as YYYY-MM-DD text, found {}",
            other.type_name()
        )),
        (InputKind::Select, Node::Text(text)) => Ok(InputValue::Text(text.clone())),
        (_, Node::Number(n)) if n.is_finite() => Ok(InputValue::Number(*n)),
        (_, other) => Err(format!(
            "expected a finite number, found {}",
            other.type_name()
        )),
    }
}

/// Whether [`check_value`] surely accepts the number `value` for `input`
/// unchanged: a finite number within the bounds of a number, percent or
/// currency input. Monte Carlo's shortcut for every sample (no checked copy
/// and no drop); anything else goes through the full check. A property
/// test (`tests/model_properties.rs`) holds it to `check_value`.
pub fn plainly_accepted(input: &InputSpec, value: f64) -> bool {
    matches!(
        input.kind,
        InputKind::Number | InputKind::Percent | InputKind::Currency
    ) && value.is_finite()
        && !input.min.is_some_and(|min| value < min)
        && !input.max.is_some_and(|max| value > max)
}

/// Checks a value against an input's kind, bounds and options; returns the
/// value to store, or the author's sentence of why not.
pub fn check_value(input: &InputSpec, value: &InputValue) -> Result<InputValue, String> {
    check_input_value(input, value).map_err(|refusal| refusal.author_text())
}

/// [`check_value`] with the reason as data, for a caller that words it for
/// another reader ([`Refusal::visitor_text`]).
pub fn check_input_value(input: &InputSpec, value: &InputValue) -> Result<InputValue, Refusal> {
    match (input.kind, value) {
        (InputKind::Toggle, InputValue::Bool(_)) => Ok(value.clone()),
        (InputKind::Toggle, _) => Err(Refusal::Other("expected true or false".to_string())),
        (InputKind::Select, _) => {
            if input.options.iter().any(|o| &o.value == value) {
                Ok(value.clone())
            } else {
                // `x is not one of the options (a, b, c)`, pushed piece by piece.
                let mut message = show(value);
                message.push_str(" is not one of the options (");
                for (index, option) in input.options.iter().enumerate() {
                    if index > 0 {
                        message.push_str(", ");
                    }
                    message.push_str(&show(&option.value));
                }
                message.push(')');
                Err(Refusal::Other(message))
            }
        }
        (kind, InputValue::Number(n)) => {
            let value_number = *n;
            if !n.is_finite() {
                return Err(Refusal::NotFinite);
            }
            if kind == InputKind::Integer && n.fract() != 0.0 {
                return Err(Refusal::NotWhole {
                    value: value_number,
                });
            }
            if kind == InputKind::Date && n.fract() != 0.0 {
                return Err(Refusal::NotWholeDate {
                    value: value_number,
                });
            }
            if let Some(min) = input.min.filter(|min| n < min) {
                return Err(Refusal::BelowMin {
                    value: value_number,
                    min,
                });
            }
            if let Some(max) = input.max.filter(|max| n > max) {
                return Err(Refusal::AboveMax {
                    value: value_number,
                    max,
                });
            }
            Ok(value.clone())
        }
        (kind, other) => Err(Refusal::Other(format!(
            "a {} input needs a number, got {}",
            kind.as_str(),
            show(other)
        ))),
    }
}

fn show(value: &InputValue) -> String {
    match value {
        InputValue::Number(n) => crate::number_text::shortest(*n),
        InputValue::Text(t) => format!("\"{t}\""),
        InputValue::Bool(b) => b.to_string(),
    }
}
