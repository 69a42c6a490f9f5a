//! What a model's evaluation may hold and what a recompute costs: the
//! equal share of [`MAX_MODEL_HELD_BYTES`] each variable's values may
//! hold, and the formula cells a set of plan steps evaluates (a scalar
//! calculation or output is one cell, a per-period calculation one per
//! period), so analyses can refuse work past their budget before they
//! start, and re-run only the steps the outputs they read depend on.
//!
//! Nothing here evaluates a formula.

use super::CompiledModel;
use crate::formula::{ErrorKind, Value};
use crate::model::plan::Step;

/// Most bytes of text and array elements ([`Value::held_bytes`]) a model's
/// values hold (64 MiB), shared equally among its calculations and outputs:
/// each may hold `MAX_MODEL_HELD_BYTES / (calculations + outputs)`, over all
/// its periods. A value past its variable's share is `#VALUE!`. An equal
/// share, not a running total, so the result never depends on which
/// values an incremental recompute happened to keep.
pub const MAX_MODEL_HELD_BYTES: usize = 64 << 20;

impl CompiledModel {
    /// `value`, counted into `held_bytes` (what the step already holds);
    /// `#VALUE!` past the share of [`MAX_MODEL_HELD_BYTES`] of `members`
    /// variables.
    pub(super) fn within_share(
        &self,
        value: Value,
        held_bytes: &mut usize,
        members: usize,
    ) -> Value {
        let bytes = value.held_bytes();
        if bytes == 0 {
            return value;
        }
        *held_bytes = held_bytes.saturating_add(bytes);
        let variables = self.spec.calculations.len() + self.spec.outputs.len();
        let share = MAX_MODEL_HELD_BYTES / variables.max(1) * members;
        if *held_bytes > share {
            return Value::error(
                ErrorKind::Value,
                "over its share of the model's 64 MiB of text and arrays",
            );
        }
        value
    }

    /// The formula cells `steps` evaluate (saturating).
    pub fn cells_in(&self, steps: &[usize]) -> usize {
        let mut cells = 0usize;
        for &index in steps {
            cells = cells.saturating_add(self.step_cells(self.structure.steps.get(index)));
        }
        cells
    }

    /// The formula cells a full evaluation evaluates.
    pub fn cells_per_evaluation(&self) -> usize {
        let mut cells = 0usize;
        for step in &self.structure.steps {
            cells = cells.saturating_add(self.step_cells(Some(step)));
        }
        cells
    }

    fn step_cells(&self, step: Option<&Step>) -> usize {
        match step {
            Some(Step::Series(members)) => {
                members.len().saturating_mul(self.spec.horizon.series_len())
            }
            _ => 1,
        }
    }

    /// `steps` (plan order) without those that compute nothing output
    /// `output` (an index; `None` for every output) reads, directly or
    /// through other variables: all an analysis reading only those
    /// outputs has to re-run. Skipped steps keep their values, so
    /// re-running the same steps after restoring the inputs gives the base
    /// state back. Plain loops: iterator chains cost the wasm kilobytes.
    pub fn steps_for_outputs(&self, steps: &[usize], output: Option<usize>) -> Vec<usize> {
        let variables = &self.structure.variables;
        let first_output = self.spec.inputs.len() + self.spec.calculations.len();
        let mut needed = vec![false; variables.len()];
        let mut pending = Vec::new();
        for index in 0..self.spec.outputs.len() {
            if output.is_none() || output == Some(index) {
                pending.push(first_output + index);
            }
        }
        while let Some(index) = pending.pop() {
            match needed.get_mut(index) {
                Some(flag) if !*flag => *flag = true,
                _ => continue,
            }
            if let Some(variable) = variables.get(index) {
                for edge in &variable.reads {
                    pending.push(edge.on);
                }
            }
        }
        let mut kept = Vec::new();
        for &index in steps {
            let members: &[usize] = match self.structure.steps.get(index) {
                Some(Step::Scalar(variable)) => std::slice::from_ref(variable),
                Some(Step::Series(members)) => members,
                None => &[],
            };
            if members.iter().any(|&m| needed.get(m) == Some(&true)) {
                kept.push(index);
            }
        }
        kept
    }
}
