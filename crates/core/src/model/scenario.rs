//! Applying a named scenario to a model's current state: the one place
//! that decides what a scenario means for inputs it does not name. Every
//! input takes the scenario's value or, where the scenario gives none, its
//! default (a scenario is a set of overrides of the defaults, see
//! docs/model-format.md), so applying one never keeps a visitor's earlier
//! values and gives the same outputs as the scenario's column in
//! [`super::analysis::scenarios`].
//!
//! It never reads or writes anything outside the state it is given.

use super::diagnostic::{IdKind, ModelError};
use super::engine::{CompiledModel, ModelState, OutputChange};

impl CompiledModel {
    /// The position of scenario `id` in the model's `scenarios`. Scenario
    /// ids match exactly, as the document writes them (they are not names
    /// in formulas).
    pub fn scenario_index(&self, id: &str) -> Result<usize, ModelError> {
        self.spec()
            .scenarios
            .iter()
            .position(|scenario| scenario.id == id)
            .ok_or_else(|| ModelError::UnknownId {
                kind: IdKind::Scenario,
                id: id.to_string(),
            })
    }

    /// Makes scenario `id`'s full input set the state's inputs (its
    /// overrides, every other input at its default) and returns the
    /// outputs whose values changed. The full input set is then
    /// `state.inputs`. Nothing changes when the id is unknown.
    pub fn apply_scenario(
        &self,
        state: &mut ModelState,
        scenario_id: &str,
    ) -> Result<Vec<OutputChange>, ModelError> {
        let index = self.scenario_index(scenario_id)?;
        let overrides = self
            .spec()
            .scenarios
            .get(index)
            .map_or(&[][..], |scenario| scenario.inputs.as_slice());
        let inputs = self.inputs_with(overrides)?;
        let before = state.outputs(self);
        // A full evaluation, as the scenario comparison does: a click is
        // rare, and the widget build already carries `evaluate`.
        *state = self.evaluate(&inputs);
        let mut changes = Vec::new();
        for (output_index, old) in before.iter().enumerate() {
            let new = state.output(self, output_index);
            if new != old {
                changes.push(OutputChange {
                    output_index,
                    value: new.clone(),
                });
            }
        }
        Ok(changes)
    }
}
