//! Applying a named scenario to a model's current state: the one place
//! that decides what a scenario means for inputs it does not name. Every
//! input takes the scenario's value or, where the scenario gives none, its
//! default (a scenario is a set of overrides of the defaults, see
//! docs/model-format.md), so applying one never keeps a visitor's earlier
//! values and gives the same outputs as the scenario's column in
//! `analysis::scenarios`.
//!
//! It never reads or writes anything outside the state it is given.

use super::diagnostic::{IdKind, ModelError};
use super::engine::{CompiledModel, ModelState};

impl CompiledModel {
    /// Makes scenario `scenario_id`'s full input set the state's inputs
    /// (its overrides, every other input at its default) and returns the
    /// indices of the outputs whose values changed, in output order; the
    /// full input set is then `state.inputs`. Scenario ids match exactly,
    /// as the document writes them (they are not names in formulas).
    /// Nothing changes when the id is unknown.
    pub fn apply_scenario(
        &self,
        state: &mut ModelState,
        scenario_id: &str,
    ) -> Result<Vec<usize>, ModelError> {
        let spec = self.spec();
        let scenario = spec
            .scenarios
            .iter()
            .find(|scenario| scenario.id == scenario_id)
            .ok_or_else(|| ModelError::UnknownId {
                kind: IdKind::Scenario,
                id: scenario_id.to_string(),
            })?;
        let mut inputs = self.default_inputs();
        // Reading the model checked each override against its input and
        // wrote the input's own id, so a plain lookup finds it.
        for (id, value) in &scenario.inputs {
            let index = spec.inputs.iter().position(|input| &input.id == id);
            debug_assert!(index.is_some(), "scenario override of unknown input {id}");
            if let Some(slot) = index.and_then(|index| inputs.get_mut(index)) {
                *slot = value.clone();
            }
        }
        // A full evaluation, as the scenario comparison does: a click is
        // rare, and the widget build already carries `evaluate`.
        let before = std::mem::replace(state, self.evaluate(&inputs));
        let mut changed = Vec::new();
        for index in 0..spec.outputs.len() {
            if state.output(self, index) != before.output(self, index) {
                changed.push(index);
            }
        }
        Ok(changed)
    }
}
