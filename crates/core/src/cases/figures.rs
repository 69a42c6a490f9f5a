//! A case checked against its own model document and what it comes to:
//! the model compiled (its diagnostics reported under `model.document`),
//! the id and version it must carry, every input, source and scenario
//! input checked by the model (unknown id, wrong kind, out of bounds),
//! then one evaluation giving the case's value, its business-case verdict
//! and its receipt.
//!
//! The value is the output the model names in `leadValue` (what the model's
//! author chose as a case's worth, as leads use it), else the output `npv`,
//! else none; [`ValueSource`] says which. The verdict is the default
//! business-case scorecard with the case's hurdle rate and payback limit,
//! fed the outputs `npv`, `irr` and `payback_months` and the supplied
//! strategic fit and Monte Carlo probability from the settings; positive
//! at high-level or detailed depth exactly as `scoring::is_positive_case`
//! says. Nothing here stores or times anything.

use super::read::{CaseDocument, CaseProblem};
use super::text::{join, short, Problems};
use crate::json::Node;
use crate::model::receipt::receipt;
use crate::model::spec::InputValue;
use crate::model::CompiledModel;
use crate::scoring::{
    is_positive_case, BusinessCaseScorecard, BusinessCaseScorecardOptions, CaseDepth,
    MeasureStatus, ScoreInputs, Verdict, OUTPUT_IRR, OUTPUT_NPV, OUTPUT_PAYBACK_MONTHS,
    SUPPLIED_PROBABILITY_NPV_POSITIVE, SUPPLIED_STRATEGIC_FIT,
};

/// The most model diagnostics a refused case reports (the first ones, in
/// the model's order), so a broken model of 500 inputs cannot make an
/// answer of thousands of lines.
pub const MAX_MODEL_PROBLEMS: usize = 50;

/// Which output gave the case's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueSource {
    /// The model's `leadValue` output.
    LeadValue,
    /// The output `npv` (the model names no `leadValue`).
    Npv,
    /// Neither exists, or it is not a number for these inputs.
    None,
}

impl ValueSource {
    /// `leadValue`, `npv` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueSource::LeadValue => "leadValue",
            ValueSource::Npv => "npv",
            ValueSource::None => "none",
        }
    }
}

/// The business-case scorecard's reading of a case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseVerdictFigures {
    /// The score, 0 to 100.
    pub score_0_to_100: f64,
    /// Its grade (A to D).
    pub grade: String,
    /// Positive, Marginal or Negative (gates included).
    pub verdict: Verdict,
    /// Positive as a high-level case (`is_positive_case`, HighLevel).
    pub high_level_positive: bool,
    /// Positive as a detailed case: also every measure had a value.
    pub detailed_positive: bool,
    /// Measures without a value, in scorecard order.
    pub missing_measure_ids: Vec<String>,
    /// Gate measures that failed.
    pub failed_gate_ids: Vec<String>,
}

/// What a checked case comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFigures {
    /// The case's value, when [`ValueSource`] gave a number.
    pub value: Option<f64>,
    /// The output id that gave it.
    pub value_output: Option<String>,
    /// Which rule gave it.
    pub value_source: ValueSource,
    /// The case's currency: the settings', else the model's.
    pub currency: String,
    /// The case's locale: the settings', else the model's.
    pub locale: String,
    /// The scorecard's reading.
    pub verdict: CaseVerdictFigures,
    /// The receipt's SHA-256 of the model and the case's inputs.
    pub receipt_hash: String,
    /// Every output as `{id: value}` (errors as `{error, message}`).
    pub outputs: Node,
}

/// Checks `case` against its model and computes its figures; every problem
/// at once, each with its path in the case.
pub fn case_figures(case: &CaseDocument) -> Result<CaseFigures, Vec<CaseProblem>> {
    let mut problems = Problems::default();
    let model = match CompiledModel::compile(&case.model_document) {
        Ok(model) => model,
        Err(diagnostics) => {
            for diagnostic in diagnostics.iter().take(MAX_MODEL_PROBLEMS) {
                let path = diagnostic.path.to_string();
                let path = if path.is_empty() {
                    "model.document".to_string()
                } else {
                    format!("model.document.{path}")
                };
                problems.push(&path, diagnostic.message.clone());
            }
            return Err(problems.0);
        }
    };
    let spec = model.spec();
    if spec.id != case.model_id {
        problems.push(
            "model.id",
            format!(
                "is \"{}\" but the document's id is \"{}\"",
                case.model_id, spec.id
            ),
        );
    }
    if spec.version != case.model_version {
        problems.push(
            "model.version",
            format!(
                "is \"{}\" but the document's version is \"{}\"",
                case.model_version, spec.version
            ),
        );
    }
    let inputs = checked_inputs(&model, &case.inputs, "inputs", &mut problems);
    for (id, _) in &case.sources {
        if model.input_index(id).is_err() {
            problems.push(&join("sources", short(id)), "is not an input of the model");
        }
    }
    for (index, scenario) in case.scenarios.iter().enumerate() {
        let path = format!("scenarios[{index}].inputs");
        checked_inputs(&model, &scenario.inputs, &path, &mut problems);
    }
    let defaults = BusinessCaseScorecardOptions::default();
    let options = BusinessCaseScorecardOptions {
        hurdle_rate: case.settings.hurdle_rate.unwrap_or(defaults.hurdle_rate),
        payback_limit_months: case
            .settings
            .payback_limit_months
            .unwrap_or(defaults.payback_limit_months),
        ..defaults
    };
    let scorecard = match BusinessCaseScorecard::new(options) {
        Ok(scorecard) => Some(scorecard),
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                problems.push("settings", diagnostic.to_string());
            }
            None
        }
    };
    let (Some(inputs), Some(scorecard)) = (inputs, scorecard) else {
        return Err(problems.0);
    };
    if !problems.0.is_empty() {
        return Err(problems.0);
    }
    let state = model.evaluate(&inputs);
    let output = |id: &str| {
        model
            .output_index(id)
            .ok()
            .and_then(|index| state.output_number(&model, index))
    };
    let mut score_inputs = ScoreInputs::new();
    for id in [OUTPUT_NPV, OUTPUT_IRR, OUTPUT_PAYBACK_MONTHS] {
        if let Some(value) = output(id) {
            score_inputs.set_output(id, value);
        }
    }
    if let Some(fit) = case.settings.strategic_fit {
        score_inputs.set_supplied(SUPPLIED_STRATEGIC_FIT, fit);
    }
    if let Some(probability) = case.settings.probability_npv_positive {
        score_inputs.set_supplied(SUPPLIED_PROBABILITY_NPV_POSITIVE, probability);
    }
    let result = match scorecard.score(&score_inputs) {
        Ok(result) => result,
        Err(err) => {
            problems.push("settings", err.to_string());
            return Err(problems.0);
        }
    };
    let mut missing_measure_ids = Vec::new();
    for measure in &result.measures {
        if measure.status != MeasureStatus::Scored {
            missing_measure_ids.push(measure.id.clone());
        }
    }
    let (value_output, value_source) = match spec.lead_value.and_then(|i| spec.outputs.get(i)) {
        Some(output) => (Some(output.id.clone()), ValueSource::LeadValue),
        None => match model
            .output_index(OUTPUT_NPV)
            .ok()
            .and_then(|i| spec.outputs.get(i))
        {
            Some(output) => (Some(output.id.clone()), ValueSource::Npv),
            None => (None, ValueSource::None),
        },
    };
    let value = value_output.as_deref().and_then(output);
    let mut outputs = Vec::with_capacity(spec.outputs.len());
    for (index, spec_output) in spec.outputs.iter().enumerate() {
        outputs.push((
            spec_output.id.clone(),
            crate::leads::case::value_node(state.output(&model, index)),
        ));
    }
    Ok(CaseFigures {
        value,
        value_source: if value.is_some() {
            value_source
        } else {
            ValueSource::None
        },
        value_output: value.and(value_output),
        currency: case
            .settings
            .currency
            .clone()
            .unwrap_or_else(|| spec.currency.clone()),
        locale: case
            .settings
            .locale
            .clone()
            .unwrap_or_else(|| spec.locale.clone()),
        verdict: CaseVerdictFigures {
            score_0_to_100: result.score_0_to_100,
            grade: result.grade.clone(),
            verdict: result.verdict,
            high_level_positive: is_positive_case(&result, CaseDepth::HighLevel),
            detailed_positive: is_positive_case(&result, CaseDepth::Detailed),
            missing_measure_ids,
            failed_gate_ids: result.failed_gate_ids.clone(),
        },
        receipt_hash: receipt(&model, &state).hash_sha256,
        outputs: Node::Map(outputs),
    })
}

/// The model's inputs with `given` applied, each checked; `None` (with the
/// problems reported under `path`) when any is refused.
fn checked_inputs(
    model: &CompiledModel,
    given: &[(String, Node)],
    path: &str,
    problems: &mut Problems,
) -> Option<Vec<InputValue>> {
    let mut inputs = model.default_inputs();
    let before = problems.0.len();
    for (id, node) in given {
        let item_path = join(path, short(id));
        let Ok(index) = model.input_index(id) else {
            problems.push(&item_path, "is not an input of the model");
            continue;
        };
        match model.input_from_node(index, node.clone()) {
            Ok(value) => {
                if let Some(slot) = inputs.get_mut(index) {
                    *slot = value;
                }
            }
            Err(err) => problems.push(&item_path, err.to_string()),
        }
    }
    (problems.0.len() == before).then_some(inputs)
}
