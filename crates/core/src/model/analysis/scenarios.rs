//! Scenarios side by side: every output under the defaults and under each
//! named scenario, in one call: one full evaluation each, refused past
//! [`MAX_ANALYSIS_CELLS`](super::MAX_ANALYSIS_CELLS) formula cells.

use crate::formula::Value;
use crate::model::diagnostic::ModelError;
use crate::model::engine::CompiledModel;

/// The outputs under one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioResult {
    /// `default` for the model's defaults, else the scenario's id.
    pub id: String,
    /// The column's label: the scenario's, or the defaults' own.
    pub label: String,
    /// One value per output, in the model's output order.
    pub outputs: Vec<Value>,
}

/// The id of the defaults column.
pub const DEFAULT_SCENARIO_ID: &str = "default";

/// The defaults first, then every scenario in document order.
pub fn scenarios(model: &CompiledModel) -> Result<Vec<ScenarioResult>, ModelError> {
    let evaluations = model.spec().scenarios.len() + 1;
    super::within_budget(
        "comparing the scenarios",
        model.cells_per_evaluation().saturating_mul(evaluations),
        super::MAX_ANALYSIS_CELLS,
        "compare fewer scenarios, or use a smaller model",
    )?;
    let mut results = vec![ScenarioResult {
        id: DEFAULT_SCENARIO_ID.to_string(),
        label: "Default inputs".to_string(),
        outputs: model.evaluate(&model.default_inputs()).outputs(model),
    }];
    for scenario in &model.spec().scenarios {
        let inputs = model.inputs_with(&scenario.inputs)?;
        results.push(ScenarioResult {
            id: scenario.id.clone(),
            label: scenario.label.clone(),
            outputs: model.evaluate(&inputs).outputs(model),
        });
    }
    Ok(results)
}
