//! A lead's case: the inputs the prospect left, applied to the model the
//! lead names and checked by it, and what the model makes of them: every
//! output (with its label and format, so the case reads the same after the
//! model changes), the lead's value (the output the model names in
//! `leadValue`) and the receipt that lets anyone re-derive the numbers.
//!
//! The collector calls this with the model it serves, so the value a
//! dashboard shows is computed here, never taken from the page. It only
//! reads the model; it does not evaluate anything the model's own
//! evaluation does not.

use std::fmt;

use super::read::Lead;
use crate::formula::Value;
use crate::json::Node;
use crate::model::receipt::{receipt, Receipt};
use crate::model::spec::{FormatStyle, InputValue};
use crate::model::CompiledModel;

/// One output of the case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseOutput {
    /// The output's id.
    pub id: String,
    /// Its label, as the widget showed it.
    pub label: String,
    /// How the widget formats it.
    pub style: FormatStyle,
    /// Its decimals.
    pub decimals: u8,
    /// Its value.
    pub value: Value,
}

/// An input the prospect changed, with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct EnteredInput {
    /// The input's id, as the model declares it.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The value the prospect left, as the model checked it.
    pub value: InputValue,
}

/// What the model makes of a lead's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadCase {
    /// Every output, in the model's order.
    pub outputs: Vec<CaseOutput>,
    /// The `leadValue` output's id, when the model names one.
    pub value_output: Option<String>,
    /// That output's number; `None` without `leadValue` or when it is an
    /// error value (`#DIV/0!`) for these inputs.
    pub value: Option<f64>,
    /// The inputs the prospect entered, in the order the lead lists them.
    pub entered: Vec<EnteredInput>,
    /// The core's receipt of the model and the inputs.
    pub receipt: Receipt,
}

/// Why the model refuses a lead's inputs; each names the lead's path.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseError {
    /// `inputs` holds an id the model has no input for.
    UnknownInput {
        /// The id given.
        id: String,
    },
    /// The model has an input the lead does not give.
    MissingInput {
        /// The input's id.
        id: String,
    },
    /// The value does not fit the input's kind or bounds.
    InvalidInput {
        /// The input's id, as the lead gives it.
        id: String,
        /// The model's reason, in the prospect's words.
        reason: String,
    },
    /// `scenario` names no scenario of the model.
    UnknownScenario {
        /// The id given.
        id: String,
    },
}

impl CaseError {
    /// The path in the lead (`inputs.seats`, `scenario`).
    pub fn path(&self) -> String {
        match self {
            CaseError::UnknownInput { id }
            | CaseError::MissingInput { id }
            | CaseError::InvalidInput { id, .. } => format!("inputs.{id}"),
            CaseError::UnknownScenario { .. } => "scenario".to_string(),
        }
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path())?;
        match self {
            CaseError::UnknownInput { .. } => f.write_str("is not an input of the model"),
            CaseError::MissingInput { .. } => {
                f.write_str("is required: a lead carries every input of the model")
            }
            CaseError::InvalidInput { reason, .. } => f.write_str(reason),
            CaseError::UnknownScenario { id } => {
                write!(f, "\"{id}\" is not a scenario of the model")
            }
        }
    }
}

impl std::error::Error for CaseError {}

/// The case of `lead` under `model`: every input checked by the model
/// (the first refusal is the error), then one evaluation.
pub fn lead_case(model: &CompiledModel, lead: &Lead) -> Result<LeadCase, CaseError> {
    let spec = model.spec();
    let mut inputs: Vec<Option<InputValue>> = vec![None; spec.inputs.len()];
    for (id, given) in &lead.inputs {
        let index = model
            .input_index(id)
            .map_err(|_| CaseError::UnknownInput { id: id.clone() })?;
        let value = model
            .input_from_node(index, given.to_node())
            .map_err(|err| CaseError::InvalidInput {
                id: id.clone(),
                reason: err.to_string(),
            })?;
        if let Some(slot) = inputs.get_mut(index) {
            *slot = Some(value);
        }
    }
    let mut values = Vec::with_capacity(inputs.len());
    for (input, value) in spec.inputs.iter().zip(inputs) {
        values.push(value.ok_or_else(|| CaseError::MissingInput {
            id: input.id.clone(),
        })?);
    }
    if let Some(scenario) = &lead.scenario {
        if !spec
            .scenarios
            .iter()
            .any(|s| s.id.eq_ignore_ascii_case(scenario))
        {
            return Err(CaseError::UnknownScenario {
                id: scenario.clone(),
            });
        }
    }
    let mut entered = Vec::with_capacity(lead.entered.len());
    for id in &lead.entered {
        // `read_lead` checked that each entered id is one of the inputs,
        // and every input was found above.
        if let Ok(index) = model.input_index(id) {
            if let (Some(input), Some(value)) = (spec.inputs.get(index), values.get(index)) {
                entered.push(EnteredInput {
                    id: input.id.clone(),
                    label: input.label.clone(),
                    value: value.clone(),
                });
            }
        }
    }
    let state = model.evaluate(&values);
    let mut outputs = Vec::with_capacity(spec.outputs.len());
    for (index, output) in spec.outputs.iter().enumerate() {
        outputs.push(CaseOutput {
            id: output.id.clone(),
            label: output.label.clone(),
            style: output.format.style,
            decimals: output.format.decimals,
            value: state.output(model, index).clone(),
        });
    }
    let value = spec
        .lead_value
        .and_then(|index| state.output_number(model, index));
    Ok(LeadCase {
        outputs,
        value_output: spec
            .lead_value
            .and_then(|index| spec.outputs.get(index))
            .map(|output| output.id.clone()),
        value,
        entered,
        receipt: receipt(model, &state),
    })
}

/// A formula value as JSON: numbers, text and booleans as they are, an
/// error as `{"error": "#DIV/0!", "message": ...}`, anything else `null`.
pub fn value_node(value: &Value) -> Node {
    match value {
        Value::Number(n) => Node::Number(*n),
        Value::Text(t) => Node::Text(t.clone()),
        Value::Bool(b) => Node::Bool(*b),
        Value::Error(e) => Node::Map(vec![
            ("error".into(), Node::Text(e.kind.code().into())),
            ("message".into(), Node::Text(e.message.clone())),
        ]),
        Value::Array(_) | Value::Empty => Node::Null,
    }
}

/// An input value as JSON.
pub fn input_node(value: &InputValue) -> Node {
    match value {
        InputValue::Number(n) => Node::Number(*n),
        InputValue::Text(t) => Node::Text(t.clone()),
        InputValue::Bool(b) => Node::Bool(*b),
    }
}

/// The case's outputs as a list of `{id, label, style, decimals, value}`.
pub fn outputs_node(case: &LeadCase) -> Node {
    let mut items = Vec::with_capacity(case.outputs.len());
    for output in &case.outputs {
        items.push(Node::Map(vec![
            ("id".into(), Node::Text(output.id.clone())),
            ("label".into(), Node::Text(output.label.clone())),
            ("style".into(), Node::Text(output.style.as_str().into())),
            ("decimals".into(), Node::Number(f64::from(output.decimals))),
            ("value".into(), value_node(&output.value)),
        ]));
    }
    Node::List(items)
}

/// The entered inputs as a list of `{id, label, value}`.
pub fn entered_node(case: &LeadCase) -> Node {
    let mut items = Vec::with_capacity(case.entered.len());
    for input in &case.entered {
        items.push(Node::Map(vec![
            ("id".into(), Node::Text(input.id.clone())),
            ("label".into(), Node::Text(input.label.clone())),
            ("value".into(), input_node(&input.value)),
        ]));
    }
    Node::List(items)
}

/// A receipt as JSON: `{model_id, model_version, hash_sha256, inputs,
/// outputs}`, inputs and outputs as objects by id.
pub fn receipt_node(receipt: &Receipt) -> Node {
    let mut inputs = Vec::with_capacity(receipt.inputs.len());
    for (id, value) in &receipt.inputs {
        inputs.push((id.clone(), input_node(value)));
    }
    let mut outputs = Vec::with_capacity(receipt.outputs.len());
    for (id, value) in &receipt.outputs {
        outputs.push((id.clone(), value_node(value)));
    }
    Node::Map(vec![
        ("model_id".into(), Node::Text(receipt.model_id.clone())),
        (
            "model_version".into(),
            Node::Text(receipt.model_version.clone()),
        ),
        (
            "hash_sha256".into(),
            Node::Text(receipt.hash_sha256.clone()),
        ),
        ("inputs".into(), Node::Map(inputs)),
        ("outputs".into(), Node::Map(outputs)),
    ])
}
