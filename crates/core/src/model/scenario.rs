//! Applying a named scenario to a model's current state: the one place
//! that decides what a scenario means for inputs it does not name. Every
//! input takes the scenario's value or, where the scenario gives none, its
//! default (a scenario is a set of overrides of the defaults, see
//! docs/model-format.md), so applying one never keeps a visitor's earlier
//! values and gives the same outputs as the scenario's column in
//! `analysis::scenarios`.
//!
//! A visitor who picks a scenario does not lose their own numbers: the
//! first scenario shown after them keeps them ([`OwnInputs`]), and
//! [`CompiledModel::show_own_inputs`] brings them back. A change made on
//! top of a scenario makes those numbers the visitor's own.
//!
//! It never reads or writes anything outside the state it is given.

use super::diagnostic::{IdKind, ModelError};
use super::engine::{CompiledModel, ModelState};
use super::spec::{InputValue, ScenarioSpec};

/// The visitor's own inputs, kept while a scenario is shown (empty while
/// their own numbers are).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnInputs(Option<Vec<InputValue>>);

impl OwnInputs {
    /// Whether a scenario is shown over kept numbers.
    pub fn is_kept(&self) -> bool {
        self.0.is_some()
    }

    /// The visitor changed an input: what is shown is their own now.
    pub fn forget(&mut self) {
        self.0 = None;
    }
}

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
        let inputs = self.scenario_input_values(scenario);
        Ok(self.replace_inputs(state, &inputs))
    }

    /// Every input's value under `scenario`: its override, or the input's
    /// default where it names none (one value per input, in model order).
    pub fn scenario_input_values(&self, scenario: &ScenarioSpec) -> Vec<InputValue> {
        let spec = self.spec();
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
        inputs
    }

    /// [`apply_scenario`](Self::apply_scenario), keeping the inputs shown
    /// before in `own` when they were the visitor's own (no scenario
    /// shown over kept numbers yet). Nothing changes when the id is unknown.
    pub fn show_scenario(
        &self,
        state: &mut ModelState,
        own: &mut OwnInputs,
        scenario_id: &str,
    ) -> Result<Vec<usize>, ModelError> {
        let shown = state.inputs.clone();
        let changed = self.apply_scenario(state, scenario_id)?;
        if !own.is_kept() {
            own.0 = Some(shown);
        }
        Ok(changed)
    }

    /// Brings back the visitor's own inputs kept by
    /// [`show_scenario`](Self::show_scenario) and returns the outputs that
    /// changed; with nothing kept (their own numbers are shown), nothing
    /// changes.
    pub fn show_own_inputs(&self, state: &mut ModelState, own: &mut OwnInputs) -> Vec<usize> {
        match own.0.take() {
            Some(inputs) => self.replace_inputs(state, &inputs),
            None => Vec::new(),
        }
    }

    /// Evaluates `inputs` into `state`; the indices of the outputs whose
    /// values changed, in output order. A full evaluation, as the scenario
    /// comparison does: a click is rare, and the widget build already
    /// carries `evaluate`.
    fn replace_inputs(&self, state: &mut ModelState, inputs: &[InputValue]) -> Vec<usize> {
        let before = std::mem::replace(state, self.evaluate(inputs));
        let mut changed = Vec::new();
        for index in 0..self.spec().outputs.len() {
            if state.output(self, index) != before.output(self, index) {
                changed.push(index);
            }
        }
        changed
    }
}

/// The positions of the inputs whose values are not the same in every one
/// of `sets` (each one value per input, in model order): what a scenario
/// comparison lists under "which inputs differ". Values compare exactly,
/// as the engine stores them (a date is its serial, whatever text gave it).
pub fn differing_inputs(sets: &[Vec<InputValue>]) -> Vec<usize> {
    let Some(first) = sets.first() else {
        return Vec::new();
    };
    let mut differing = Vec::new();
    for (index, value) in first.iter().enumerate() {
        if sets.iter().any(|set| set.get(index) != Some(value)) {
            differing.push(index);
        }
    }
    differing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_differ_when_any_set_has_another_value() {
        let n = InputValue::Number;
        let sets = vec![
            vec![n(1.0), n(2.0), InputValue::Bool(true)],
            vec![n(1.0), n(3.0), InputValue::Bool(true)],
            vec![n(1.0), n(2.0), InputValue::Bool(false)],
        ];
        assert_eq!(differing_inputs(&sets), [1, 2]);
        assert_eq!(differing_inputs(&sets[..1]), Vec::<usize>::new());
        assert_eq!(differing_inputs(&[]), Vec::<usize>::new());
    }
}
