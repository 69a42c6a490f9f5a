//! The engine: a compiled model evaluated on input values, fully or
//! incrementally. Series are vectors over the horizon; scalars are single
//! values; both are formula values, so errors propagate as in Excel.
//!
//! Evaluation is pure: the same model and inputs always give the same
//! values. After an input changes, only the steps that depend on it run
//! again, and the result equals a full evaluation (property-tested).

use super::compile::compile;
use super::diagnostic::{IdKind, ModelDiagnostic, ModelDiagnosticCode, ModelError};
use super::engine_scope::Scope;
use super::fast::{self, Context, Workspace};
use super::inputs::check_value;
use super::plan::{Role, Step, Structure, Variable};
use super::slot::Slot;
use super::spec::{InputValue, ModelSpec};
use crate::formula::eval::Evaluator;
use crate::formula::{ErrorKind, Value};
use crate::json::Node;
use std::sync::OnceLock;
pub use work::MAX_MODEL_HELD_BYTES;

#[path = "engine_work.rs"]
mod work;

/// The error a per-period calculation gets when a period's formula gives an
/// array; compile-time checks look for it.
const ARRAY_IN_PERIOD: &str = "a per-period calculation must give one value in each period";

/// A compiled model: its spec and evaluation plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledModel {
    spec: ModelSpec,
    structure: Structure,
    /// Document of the model, kept for receipts.
    document: Node,
    /// The steps downstream of each input, worked out on its first `set`.
    steps_by_input: StepsByInput,
    /// Whether formulas take the compiled numeric path first (always, but
    /// for [`CompiledModel::without_fast_path`], the reference in tests).
    fast_path: bool,
}

/// A cache of [`CompiledModel::steps_after`] for each single input: it
/// follows from the plan, so it never makes two models differ.
#[derive(Clone)]
struct StepsByInput(Vec<OnceLock<Vec<usize>>>);

impl PartialEq for StepsByInput {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for StepsByInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StepsByInput")
    }
}

/// Input values and every variable's value under them.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelState {
    /// One value per input, in the model's input order.
    pub inputs: Vec<InputValue>,
    slots: Vec<Slot>,
    scratch: Scratch,
}

/// The compiled path's working memory between evaluations, not state
/// (clones start empty, and it never makes two states differ).
#[derive(Default)]
struct Scratch(Workspace);

impl Clone for Scratch {
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

impl PartialEq for Scratch {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

/// An output whose value changed.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputChange {
    /// The output's position in the model's `outputs`.
    pub output_index: usize,
    /// Its new value.
    pub value: Value,
}

impl CompiledModel {
    /// Validates and compiles a model document. Every problem comes back at
    /// once; a model whose outputs give a series, or whose per-period
    /// calculations give arrays, is refused too.
    pub fn compile(document: &Node) -> Result<CompiledModel, Vec<ModelDiagnostic>> {
        let (spec, structure) = compile(document)?;
        let model = CompiledModel {
            steps_by_input: StepsByInput(vec![OnceLock::new(); spec.inputs.len()]),
            spec,
            structure,
            document: document.clone(),
            fast_path: true,
        };
        let state = model.evaluate(&model.default_inputs());
        let kind_problems = model.kind_problems(&state);
        if kind_problems.is_empty() {
            Ok(model)
        } else {
            Err(kind_problems)
        }
    }

    /// The same model evaluated by the general evaluator alone: the
    /// reference the numeric path is tested against, never faster.
    pub fn without_fast_path(&self) -> CompiledModel {
        CompiledModel {
            fast_path: false,
            ..self.clone()
        }
    }

    /// The typed model this was compiled from.
    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// The model's JSON document as read, which receipts hash.
    pub fn document(&self) -> &Node {
        &self.document
    }

    /// Every input at its default.
    pub fn default_inputs(&self) -> Vec<InputValue> {
        let mut inputs = Vec::with_capacity(self.spec.inputs.len());
        for input in &self.spec.inputs {
            inputs.push(input.default.clone());
        }
        inputs
    }

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
        let input = self
            .spec
            .inputs
            .get(index)
            .ok_or_else(|| ModelError::UnknownId {
                kind: IdKind::Input,
                id: index.to_string(),
            })?;
        check_value(input, value).map_err(|reason| ModelError::InvalidInput {
            input: input.id.clone(),
            reason,
        })
    }

    /// Evaluates everything under `inputs` (one value per input, already checked).
    pub fn evaluate(&self, inputs: &[InputValue]) -> ModelState {
        let series_len = self.spec.horizon.series_len();
        let mut slots = Vec::with_capacity(self.structure.variables.len());
        for v in &self.structure.variables {
            slots.push(match v.role {
                Role::Input(i) => Slot::Scalar(inputs.get(i).map_or(Value::Empty, input_to_value)),
                _ if v.per_period => Slot::Series(vec![Value::Empty; series_len]),
                _ => Slot::Scalar(Value::Empty),
            });
        }
        let mut state = ModelState {
            inputs: inputs.to_vec(),
            slots,
            scratch: Scratch::default(),
        };
        for step in &self.structure.steps {
            self.run_step(step, &mut state.slots, &state.scratch.0);
        }
        state
    }

    /// Sets one input and recomputes only what depends on it; returns the
    /// outputs whose values changed.
    pub fn set(
        &self,
        state: &mut ModelState,
        input_id: &str,
        value: &InputValue,
    ) -> Result<Vec<OutputChange>, ModelError> {
        let index = self.input_index(input_id)?;
        let before = state.outputs(self);
        let steps = self
            .steps_by_input
            .0
            .get(index)
            .map(|steps| steps.get_or_init(|| self.steps_after(&[index])));
        self.set_index(state, index, value, steps.map_or(&[][..], Vec::as_slice))?;
        // A plain loop: each iterator chain that collects is its own body
        // in the wasm.
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
        Ok(())
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

    /// [`inputs::plainly_accepted`] for input `index`.
    fn plainly_accepts(&self, index: usize, value: f64) -> bool {
        self.spec
            .inputs
            .get(index)
            .is_some_and(|input| super::inputs::plainly_accepted(input, value))
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

    fn run_step(&self, step: &Step, slots: &mut [Slot], workspace: &Workspace) {
        match step {
            Step::Scalar(variable) => {
                let value = self.eval_variable(*variable, slots, None, workspace);
                match (slots.get_mut(*variable), value) {
                    // A number over a number: nothing to drop (the full
                    // build's speed; the widget keeps the smaller code).
                    (Some(Slot::Scalar(Value::Number(old))), Value::Number(new))
                        if fast::ENABLED =>
                    {
                        *old = new
                    }
                    (Some(slot), value) => {
                        *slot = Slot::Scalar(self.within_share(value, &mut 0, 1))
                    }
                    (None, _) => {}
                }
            }
            Step::Series(members) if fast::ENABLED && self.fast_path && members.len() == 1 => {
                for &member in members {
                    self.run_series(member, slots, workspace);
                }
            }
            Step::Series(members) => {
                let mut held_bytes = 0;
                for period in 0..self.spec.horizon.series_len() {
                    for &member in members {
                        let value = self.eval_variable(member, slots, Some(period), workspace);
                        let Some(Slot::Series(values)) = slots.get_mut(member) else {
                            debug_assert!(false, "series member {member} has no series slot");
                            continue;
                        };
                        let Some(cell) = values.get_mut(period) else {
                            debug_assert!(false, "series {member} has no period {period}");
                            continue;
                        };
                        match (cell, value) {
                            // A number over a number: nothing to drop.
                            (Value::Number(old), Value::Number(new)) => *old = new,
                            (_, Value::Array(_)) => {
                                if let Some(cell) = values.get_mut(period) {
                                    *cell = Value::error(ErrorKind::Value, ARRAY_IN_PERIOD);
                                }
                            }
                            (cell, value) => {
                                *cell = self.within_share(value, &mut held_bytes, members.len())
                            }
                        }
                    }
                }
            }
        }
    }

    /// One per-period calculation over every period, the numeric path's
    /// lookups done once.
    fn run_series(&self, member: usize, slots: &mut [Slot], workspace: &Workspace) {
        let Some(variable) = self.structure.variables.get(member) else {
            return;
        };
        let mut held_bytes = 0;
        for period in 0..self.spec.horizon.series_len() {
            let fast = variable
                .fast
                .as_ref()
                .filter(|_| fast::ENABLED)
                .and_then(|node| {
                    let scope = Scope {
                        structure: &self.structure,
                        slots,
                        period: Some(period),
                    };
                    node.eval(&Context {
                        slots,
                        period: Some(period),
                        names: &scope,
                        workspace,
                    })
                });
            let value = match fast {
                Some(scalar) => scalar.to_value(),
                None => match self.general_value(variable, slots, Some(period)) {
                    Value::Array(_) => Value::error(ErrorKind::Value, ARRAY_IN_PERIOD),
                    other => other,
                },
            };
            if let Some(Slot::Series(values)) = slots.get_mut(member) {
                match (values.get_mut(period), value) {
                    // A number over a number: nothing to drop.
                    (Some(Value::Number(old)), Value::Number(new)) => *old = new,
                    (Some(cell), value) => *cell = self.within_share(value, &mut held_bytes, 1),
                    (None, _) => {}
                }
            }
        }
    }

    fn eval_variable(
        &self,
        variable: usize,
        slots: &[Slot],
        period: Option<usize>,
        workspace: &Workspace,
    ) -> Value {
        let Some(variable) = self.structure.variables.get(variable) else {
            return Value::Empty;
        };
        if let (true, Some(node)) = (fast::ENABLED && self.fast_path, &variable.fast) {
            let scope = Scope {
                structure: &self.structure,
                slots,
                period,
            };
            let context = Context {
                slots,
                period,
                names: &scope,
                workspace,
            };
            // The numeric path gives up wherever the general evaluator
            // could give anything but a number or a boolean.
            if let Some(scalar) = node.eval(&context) {
                return scalar.to_value();
            }
        }
        self.general_value(variable, slots, period)
    }

    /// A formula's value by the general evaluator alone.
    fn general_value(&self, variable: &Variable, slots: &[Slot], period: Option<usize>) -> Value {
        let Some(expr) = variable.formula.as_ref() else {
            return Value::Empty;
        };
        let scope = Scope {
            structure: &self.structure,
            slots,
            period,
        };
        Evaluator::new(&scope).eval(expr)
    }

    /// Outputs that give a series and per-period calculations that give
    /// arrays, found by evaluating the defaults once at compile time.
    fn kind_problems(&self, state: &ModelState) -> Vec<ModelDiagnostic> {
        let mut problems = Vec::new();
        for (index, variable) in self.structure.variables.iter().enumerate() {
            match (variable.role, state.slots.get(index)) {
                (Role::Output(i), Some(Slot::Scalar(Value::Array(_)))) => problems.push(ModelDiagnostic::new(
                    ModelDiagnosticCode::WrongKind,
                    super::diagnostic::item_path("outputs", i).key("formula"),
                    format!("output `{}` gives a series or an array, but an output is one value; reduce it with SUM, INDEX, NPV or similar", variable.id),
                )),
                (Role::Calculation(i), Some(Slot::Series(values)))
                    if values.iter().any(|v| matches!(v, Value::Error(e) if e.message == ARRAY_IN_PERIOD)) =>
                {
                    problems.push(ModelDiagnostic::new(
                        ModelDiagnosticCode::WrongKind,
                        super::diagnostic::item_path("calculations", i).key("formula"),
                        format!("per-period calculation `{}` gives an array in a period; it must give one value per period", variable.id),
                    ));
                }
                _ => {}
            }
        }
        problems
    }
}

impl ModelState {
    /// The value of output `index`.
    pub fn output<'a>(&'a self, model: &CompiledModel, index: usize) -> &'a Value {
        let variable = model.spec.inputs.len() + model.spec.calculations.len() + index;
        match self.slots.get(variable) {
            Some(Slot::Scalar(value)) => value,
            _ => &Value::Empty,
        }
    }

    /// Every output's value, in the model's order.
    pub fn outputs(&self, model: &CompiledModel) -> Vec<Value> {
        let mut values = Vec::with_capacity(model.spec.outputs.len());
        for i in 0..model.spec.outputs.len() {
            values.push(self.output(model, i).clone());
        }
        values
    }

    /// A calculation's slot by id (a scalar or a series), matched ignoring
    /// ASCII case.
    pub fn calculation<'a>(&'a self, model: &CompiledModel, id: &str) -> Option<&'a Slot> {
        let index = model
            .spec
            .calculations
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(id))?;
        self.slots.get(model.spec.inputs.len() + index)
    }

    /// The output's value as a number, if it is one.
    pub fn output_number(&self, model: &CompiledModel, index: usize) -> Option<f64> {
        match self.output(model, index) {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// A formula value for an input value.
pub fn input_to_value(value: &InputValue) -> Value {
    match value {
        InputValue::Number(n) => Value::number(*n),
        InputValue::Text(t) => Value::Text(t.clone()),
        InputValue::Bool(b) => Value::Bool(*b),
    }
}
