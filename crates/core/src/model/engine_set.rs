//! Changing inputs: one by id or index (a keystroke in a widget), several
//! at once (a scenario), or number inputs over and over (an analysis, a
//! Monte Carlo trial). Every value is checked against its input's kind
//! and bounds before anything changes; then only the plan steps
//! downstream of the changed inputs re-run.
//!
//! One change from a host is one id lookup (ids match ignoring ASCII
//! case, as in formulas), one conversion of the host's value, one check and
//! one bounds check of the input index: [`CompiledModel::set_node_at`].
//! Nothing here evaluates a formula itself (the engine's steps do).

use super::{input_to_value, CompiledModel, ModelState, OutputChange};
use crate::formula::Value;
use crate::json::Node;
use crate::model::diagnostic::{IdKind, ModelError};
use crate::model::inputs::{check_input_value, value_from_node};
use crate::model::plan::Step;
use crate::model::refusal::Refusal;
use crate::model::slot::Slot;
use crate::model::spec::{InputKind, InputSpec, InputValue};

impl CompiledModel {
    /// The index of input `id`. Ids match ignoring ASCII case, as formulas
    /// name them (the model refuses ids that differ only in case).
    pub fn input_index(&self, id: &str) -> Result<usize, ModelError> {
        self.spec
            .inputs
            .iter()
            .position(|i| i.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| ModelError::UnknownId {
                kind: IdKind::Input,
                id: id.to_string(),
            })
    }

    /// The index of output `id`, matched ignoring ASCII case.
    pub fn output_index(&self, id: &str) -> Result<usize, ModelError> {
        self.spec
            .outputs
            .iter()
            .position(|o| o.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| ModelError::UnknownId {
                kind: IdKind::Output,
                id: id.to_string(),
            })
    }

    /// Default inputs with `overrides` applied, each checked.
    pub fn inputs_with(
        &self,
        overrides: &[(String, InputValue)],
    ) -> Result<Vec<InputValue>, ModelError> {
        let mut inputs = self.default_inputs();
        for (id, value) in overrides {
            let index = self.input_index(id)?;
            let checked = self.check_input(index, value)?;
            if let Some(slot) = inputs.get_mut(index) {
                *slot = checked;
            }
        }
        Ok(inputs)
    }

    /// Checks a value for input `index` against its kind and bounds.
    pub fn check_input(&self, index: usize, value: &InputValue) -> Result<InputValue, ModelError> {
        let input = self.input_at(index)?;
        check_input_value(input, value).map_err(|refusal| self.invalid_input(input, &refusal))
    }

    /// Input `index`'s spec: the one bounds check of a change.
    fn input_at(&self, index: usize) -> Result<&InputSpec, ModelError> {
        self.spec
            .inputs
            .get(index)
            .ok_or_else(|| ModelError::UnknownId {
                kind: IdKind::Input,
                id: index.to_string(),
            })
    }
    /// Sets one input (by id, matched ignoring ASCII case) and recomputes
    /// only what depends on it; returns the outputs whose values changed.
    pub fn set(
        &self,
        state: &mut ModelState,
        input_id: &str,
        value: &InputValue,
    ) -> Result<Vec<OutputChange>, ModelError> {
        self.set_at(state, self.input_index(input_id)?, value)
    }

    /// [`CompiledModel::set`] of input `index`: the value checked against
    /// the input's kind and bounds (an index past the inputs is
    /// [`ModelError::UnknownId`]), then only the steps downstream re-run.
    /// Nothing changes when the value is rejected.
    pub fn set_at(
        &self,
        state: &mut ModelState,
        index: usize,
        value: &InputValue,
    ) -> Result<Vec<OutputChange>, ModelError> {
        let value = self.check_input(index, value)?;
        let mut changes = Vec::new();
        self.change(state, index, value, &mut |output_index, value| {
            changes.push(OutputChange {
                output_index,
                value: value.clone(),
            })
        });
        Ok(changes)
    }

    /// [`CompiledModel::set_at`] with the value as a document node, as a
    /// host passes it (see [`CompiledModel::input_from_node`]): one
    /// conversion, one check, one bounds check of `index`. Each output
    /// whose value changed is passed to `changed` (its index and new
    /// value, in output order), so no list of changes is built, copied
    /// or dropped by the host.
    pub fn set_node_at(
        &self,
        state: &mut ModelState,
        index: usize,
        node: Node,
        changed: &mut dyn FnMut(usize, &Value),
    ) -> Result<(), ModelError> {
        let value = self.input_from_node(index, node)?;
        self.change(state, index, value, changed);
        Ok(())
    }

    /// The checked value a document node gives input `index`: a number,
    /// boolean or text as the input's kind reads it (a date as ISO text
    /// `YYYY-MM-DD` or as its serial number, which formulas see).
    pub fn input_from_node(&self, index: usize, node: Node) -> Result<InputValue, ModelError> {
        let input = self.input_at(index)?;
        let value = match (input.kind, &node) {
            (InputKind::Date, Node::Number(n)) => Ok(InputValue::Number(*n)),
            (kind, node) => value_from_node(kind, node),
        };
        // One error path for both steps: each `map_err` closure is its own
        // body in the wasm.
        match value {
            Ok(value) => check_input_value(input, &value),
            Err(reason) => Err(Refusal::Other(reason)),
        }
        .map_err(|refusal| self.invalid_input(input, &refusal))
    }

    /// Stores input `index`'s checked value, re-runs the steps downstream
    /// of it (worked out on its first change) and passes each output whose
    /// value changed to `changed`.
    fn change(
        &self,
        state: &mut ModelState,
        index: usize,
        value: InputValue,
        changed: &mut dyn FnMut(usize, &Value),
    ) {
        let before = state.outputs(self);
        let steps = self
            .steps_by_input
            .0
            .get(index)
            .map(|steps| steps.get_or_init(|| self.steps_after(&[index])));
        self.store(state, index, value, steps.map_or(&[][..], Vec::as_slice));
        for (output_index, old) in before.iter().enumerate() {
            let new = state.output(self, output_index);
            if new != old {
                changed(output_index, new);
            }
        }
    }

    /// Sets input `index`, checked, and re-runs `steps`: all of
    /// [`CompiledModel::steps_after`] it, or only those an analysis reads
    /// (see [`CompiledModel::steps_for_outputs`]). Nothing changes when
    /// the value is rejected.
    pub fn set_index(
        &self,
        state: &mut ModelState,
        index: usize,
        value: &InputValue,
        steps: &[usize],
    ) -> Result<(), ModelError> {
        let value = self.check_input(index, value)?;
        self.store(state, index, value, steps);
        Ok(())
    }

    /// Stores input `index`'s checked value and re-runs `steps`.
    fn store(&self, state: &mut ModelState, index: usize, value: InputValue, steps: &[usize]) {
        // Inputs come first among the variables, in input order.
        if let Some(slot) = state.slots.get_mut(index) {
            *slot = Slot::Scalar(input_to_value(&value));
        }
        if let Some(input) = state.inputs.get_mut(index) {
            *input = value;
        }
        for &step_index in steps {
            if let Some(step) = self.structure.steps.get(step_index) {
                self.run_step(step, &mut state.slots, &state.scratch.0);
            }
        }
    }

    /// Sets several inputs (by index) at once, each checked, and recomputes
    /// every step downstream of any of them exactly once. Nothing changes
    /// when a value is rejected.
    pub fn apply(
        &self,
        state: &mut ModelState,
        changes: &[(usize, InputValue)],
    ) -> Result<(), ModelError> {
        // A plain loop: collecting into a `Result` adds its own adapter.
        let mut checked = Vec::with_capacity(changes.len());
        for (index, value) in changes {
            checked.push((*index, self.check_input(*index, value)?));
        }
        let mut dirty_variables = vec![false; self.structure.variables.len()];
        for (index, value) in checked {
            if let Some(slot) = state.inputs.get_mut(index) {
                *slot = value.clone();
            }
            // Inputs come first among the variables, in input order.
            if let Some(slot) = state.slots.get_mut(index) {
                *slot = Slot::Scalar(input_to_value(&value));
            }
            if let Some(flag) = dirty_variables.get_mut(index) {
                *flag = true;
            }
        }
        for step_index in self.affected_steps(dirty_variables) {
            if let Some(step) = self.structure.steps.get(step_index) {
                self.run_step(step, &mut state.slots, &state.scratch.0);
            }
        }
        Ok(())
    }

    /// The steps downstream of `inputs` (indices), in plan order: what
    /// [`CompiledModel::apply_numbers`] re-runs when those inputs change,
    /// worked out once for callers that change the same inputs many
    /// times, such as Monte Carlo.
    pub fn steps_after(&self, inputs: &[usize]) -> Vec<usize> {
        let mut dirty_variables = vec![false; self.structure.variables.len()];
        for &index in inputs {
            if let Some(flag) = dirty_variables.get_mut(index) {
                *flag = true;
            }
        }
        self.affected_steps(dirty_variables)
    }

    /// Sets number inputs (by index), each checked, and re-runs `steps`,
    /// which must be [`CompiledModel::steps_after`] of those inputs (or a
    /// superset, in plan order). The same result as
    /// [`CompiledModel::apply`], without its allocations. Nothing changes
    /// when a value is rejected.
    pub fn apply_numbers(
        &self,
        state: &mut ModelState,
        changes: &[(usize, f64)],
        steps: &[usize],
    ) -> Result<(), ModelError> {
        for &(index, value) in changes {
            if !self.plainly_accepts(index, value) {
                self.check_input(index, &InputValue::Number(value))?;
            }
        }
        for &(index, value) in changes {
            // A number over a number, in place: nothing to drop.
            match state.inputs.get_mut(index) {
                Some(InputValue::Number(old)) => *old = value,
                Some(slot) => *slot = InputValue::Number(value),
                None => {}
            }
            // Inputs come first among the variables, in input order.
            match state.slots.get_mut(index) {
                Some(Slot::Scalar(Value::Number(old))) if value.is_finite() => *old = value,
                Some(slot) => *slot = Slot::Scalar(Value::number(value)),
                None => {}
            }
        }
        for &step_index in steps {
            if let Some(step) = self.structure.steps.get(step_index) {
                self.run_step(step, &mut state.slots, &state.scratch.0);
            }
        }
        Ok(())
    }

    /// [`crate::model::inputs::plainly_accepted`] for input `index`.
    fn plainly_accepts(&self, index: usize, value: f64) -> bool {
        self.spec
            .inputs
            .get(index)
            .is_some_and(|input| crate::model::inputs::plainly_accepted(input, value))
    }

    /// Steps downstream of the dirty variables, in plan order.
    fn affected_steps(&self, mut dirty_variables: Vec<bool>) -> Vec<usize> {
        let steps = &self.structure.steps;
        let mut affected = Vec::new();
        // Steps are in dependency order, so one forward pass finds the closure.
        for (step_index, step) in steps.iter().enumerate() {
            let members: &[usize] = match step {
                Step::Scalar(v) => std::slice::from_ref(v),
                Step::Series(vs) => vs,
            };
            let reads_dirty = members.iter().any(|&m| {
                self.structure.variables.get(m).is_some_and(|v| {
                    v.reads
                        .iter()
                        .any(|e| dirty_variables.get(e.on).copied().unwrap_or(false))
                })
            });
            if reads_dirty {
                affected.push(step_index);
                for &m in members {
                    if let Some(flag) = dirty_variables.get_mut(m) {
                        *flag = true;
                    }
                }
            }
        }
        affected
    }
}

impl CompiledModel {
    /// The error of a value `input` does not take, worded for the person
    /// who entered it (the label and the bound's display form; the id stays
    /// in the error's `input` field).
    fn invalid_input(&self, input: &InputSpec, refusal: &Refusal) -> ModelError {
        ModelError::InvalidInput {
            input: input.id.clone(),
            reason: refusal.visitor_text(input, &self.spec.currency),
        }
    }
}
