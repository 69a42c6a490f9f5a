//! The engine: a compiled model evaluated on input values, fully or
//! incrementally. Series are vectors over the horizon; scalars are single
//! values; both are formula values, so errors propagate as in Excel.
//!
//! Evaluation is pure: the same model and inputs always give the same
//! values. After an input changes, only the steps that depend on it run
//! again, and the result equals a full evaluation (property-tested).

use super::compile::compile_parts;
use super::diagnostic::{ModelDiagnostic, ModelDiagnosticCode, ModelPath};
use super::engine_scope::Scope;
use super::fast::{Context, Scalar, Workspace};
use super::item_names::name_items;
use super::plan::{Role, Step, Structure, Variable};
use super::slot::Slot;
use super::spec::{InputValue, ModelSpec};
use crate::formula::eval::Evaluator;
use crate::formula::{ErrorKind, Value};
use crate::json::Node;
use std::cell::OnceCell;
pub use work::MAX_MODEL_HELD_BYTES;

#[path = "engine_work.rs"]
mod work;

#[path = "engine_set.rs"]
mod set;

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
/// follows from the plan, so it never makes two models differ. A
/// `OnceCell`, not a `OnceLock`: the lock's synchronisation was 0.3 KB of
/// each wasm build, and a compiled model moves between threads (`Send`)
/// but is not shared by them (not `Sync`; a host serving one model from
/// several threads clones it per thread).
#[derive(Clone)]
struct StepsByInput(Vec<OnceCell<Vec<usize>>>);

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
        match CompiledModel::compile_document(document.clone()) {
            Ok((model, _)) => Ok(model),
            Err((diagnostics, _)) => Err(diagnostics),
        }
    }

    /// [`CompiledModel::compile`] keeping `document` as the model's (no
    /// copy), with the state at the default inputs, which compiling
    /// evaluates anyway to check the outputs' kinds. A refused document
    /// comes back with the diagnostics, for a host to point into it.
    pub fn compile_document(
        document: Node,
    ) -> Result<(CompiledModel, ModelState), (Vec<ModelDiagnostic>, Node)> {
        // A model with diagnostics is still evaluated when it could be read,
        // so its kind problems come back with its other problems at once.
        let (parts, mut diagnostics) = compile_parts(&document);
        let Some((spec, structure)) = parts else {
            return Err((diagnostics, document));
        };
        // A plain loop: `vec![cell; n]` clones a cell, its own code in the wasm.
        let mut steps_by_input = Vec::with_capacity(spec.inputs.len());
        for _ in &spec.inputs {
            steps_by_input.push(OnceCell::new());
        }
        let model = CompiledModel {
            steps_by_input: StepsByInput(steps_by_input),
            spec,
            structure,
            document,
            fast_path: true,
        };
        let state = model.evaluate_inputs(model.default_inputs());
        let mut kind_problems = model.kind_problems(&state);
        name_items(&mut kind_problems, &model.document);
        diagnostics.extend(kind_problems);
        if diagnostics.is_empty() {
            Ok((model, state))
        } else {
            Err((diagnostics, model.document))
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

    /// Whether calculation `index` reads its own previous period
    /// (`PREV(x)` in `x`'s formula): a running balance, whose last value
    /// already is its total.
    pub fn reads_own_previous(&self, index: usize) -> bool {
        let variable = self.spec.inputs.len() + index;
        self.structure
            .variables
            .get(variable)
            .is_some_and(|v| v.reads.iter().any(|e| e.lagged && e.on == variable))
    }

    /// The calculations (places in `calculations`) that calculation
    /// `index` reads in the same period, in the order it names them; not
    /// itself, nor what it reads through `PREV`.
    pub fn calculation_reads(&self, index: usize) -> Vec<usize> {
        let first = self.spec.inputs.len();
        let end = first + self.spec.calculations.len();
        let variable = first + index;
        let mut found = Vec::new();
        if let Some(v) = self.structure.variables.get(variable) {
            for edge in &v.reads {
                let read = edge.on;
                if !edge.lagged && read != variable && (first..end).contains(&read) {
                    let calculation = read - first;
                    if !found.contains(&calculation) {
                        found.push(calculation);
                    }
                }
            }
        }
        found
    }

    /// Every input at its default.
    pub fn default_inputs(&self) -> Vec<InputValue> {
        let mut inputs = Vec::with_capacity(self.spec.inputs.len());
        for input in &self.spec.inputs {
            inputs.push(input.default.clone());
        }
        inputs
    }

    /// Whether input `index` applies under `inputs`: always, unless it
    /// names a toggle in `appliesWhen` and that toggle is off. Formulas
    /// read its value either way; this says whether a form offers it.
    pub fn input_applies(&self, inputs: &[InputValue], index: usize) -> bool {
        let condition = self
            .spec
            .inputs
            .get(index)
            .and_then(|i| i.applies_when.as_ref());
        match condition {
            None => true,
            Some(condition) => matches!(
                inputs.get(condition.input_index),
                Some(InputValue::Bool(true))
            ),
        }
    }

    /// The positions of the inputs that do not apply under `inputs`, in
    /// the model's order (empty for a model without `appliesWhen`).
    pub fn inapplicable_inputs(&self, inputs: &[InputValue]) -> Vec<usize> {
        let mut list = Vec::new();
        for index in 0..self.spec.inputs.len() {
            if !self.input_applies(inputs, index) {
                list.push(index);
            }
        }
        list
    }

    /// Evaluates everything under `inputs` (one value per input, already checked).
    pub fn evaluate(&self, inputs: &[InputValue]) -> ModelState {
        self.evaluate_inputs(inputs.to_vec())
    }

    /// [`CompiledModel::evaluate`] keeping `inputs` as the state's inputs,
    /// with no copy (a host's list of inputs then drops with the state).
    pub fn evaluate_inputs(&self, inputs: Vec<InputValue>) -> ModelState {
        let series_len = self.spec.horizon.series_len();
        let mut slots = Vec::with_capacity(self.structure.variables.len());
        for v in &self.structure.variables {
            slots.push(match v.role {
                Role::Input(i) => Slot::Scalar(inputs.get(i).map_or(Value::Empty, input_to_value)),
                _ if v.per_period => {
                    // A plain loop: `vec![value; n]` is its own cloning code in the wasm.
                    let mut series = Vec::with_capacity(series_len);
                    for _ in 0..series_len {
                        series.push(Value::Empty);
                    }
                    Slot::Series(series)
                }
                _ => Slot::Scalar(Value::Empty),
            });
        }
        let mut state = ModelState {
            inputs,
            slots,
            scratch: Scratch::default(),
        };
        for step in &self.structure.steps {
            self.run_step(step, &mut state.slots, &state.scratch.0);
        }
        state
    }

    fn run_step(&self, step: &Step, slots: &mut [Slot], workspace: &Workspace) {
        match step {
            Step::Scalar(variable) => {
                let value = self.eval_variable(*variable, slots, None, workspace);
                match (slots.get_mut(*variable), value) {
                    // A number over a number: nothing to drop.
                    (Some(Slot::Scalar(Value::Number(old))), Value::Number(new)) => *old = new,
                    (Some(slot), value) => {
                        *slot = Slot::Scalar(self.within_share(value, &mut 0, 1))
                    }
                    (None, _) => {}
                }
            }
            Step::Series(members) if self.fast_path && members.len() == 1 => {
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
            let fast = variable.fast.as_ref().and_then(|node| {
                node.eval(&Context {
                    slots,
                    period: Some(period),
                    workspace,
                })
            });
            // A number over a number is written as it is, without making a
            // `Value` first (a store and a reload of the whole value, the
            // hottest line of a Monte Carlo trial).
            if let (Some(Scalar::Number(new)), Some(Slot::Series(values))) =
                (fast, slots.get_mut(member))
            {
                if let Some(Value::Number(old)) = values.get_mut(period) {
                    *old = new;
                    continue;
                }
            }
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
        if let (true, Some(node)) = (self.fast_path, &variable.fast) {
            let context = Context {
                slots,
                period,
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
                // `leadValue` is summed and compared, so it must name an output
                // that gives a number (an error value such as #DIV/0! at the
                // defaults is a number formula's, and allowed).
                (Role::Output(i), Some(Slot::Scalar(Value::Text(_) | Value::Bool(_) | Value::Empty)))
                    if self.spec.lead_value == Some(i) =>
                {
                    problems.push(ModelDiagnostic::new(
                        ModelDiagnosticCode::WrongKind,
                        ModelPath::root().key("leadValue"),
                        format!("output `{}` gives text or a boolean, but a lead's value must be a number", variable.id),
                    ));
                }
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
        self.calculation_at(model, index)
    }

    /// The slot of calculation `index` (its place in the model's
    /// `calculations`).
    pub fn calculation_at<'a>(&'a self, model: &CompiledModel, index: usize) -> Option<&'a Slot> {
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
