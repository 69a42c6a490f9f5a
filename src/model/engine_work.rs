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
use crate::model::compile::Step;

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
        let periods = self.spec.horizon.series_len();
        let mut cells = 0usize;
        for &index in steps {
            cells = cells.saturating_add(match self.structure.steps.get(index) {
                Some(Step::Series(members)) => members.len().saturating_mul(periods),
                _ => 1,
            });
        }
        cells
    }

    /// The formula cells a full evaluation evaluates.
    pub fn cells_per_evaluation(&self) -> usize {
        let all: Vec<usize> = (0..self.structure.steps.len()).collect();
        self.cells_in(&all)
    }

    /// `steps` (plan order) without those that compute nothing `outputs`
    /// (indices) read, directly or through other variables: all an
    /// analysis reading only those outputs has to re-run. Skipped steps
    /// keep their values, so re-running the same steps after restoring the
    /// inputs gives the base state back.
    pub fn steps_for_outputs(&self, steps: &[usize], outputs: &[usize]) -> Vec<usize> {
        let variables = &self.structure.variables;
        let first_output = self.spec.inputs.len() + self.spec.calculations.len();
        let mut needed = vec![false; variables.len()];
        let mut pending: Vec<usize> = outputs.iter().map(|o| first_output + o).collect();
        while let Some(index) = pending.pop() {
            match needed.get_mut(index) {
                Some(flag) if !*flag => *flag = true,
                _ => continue,
            }
            if let Some(variable) = variables.get(index) {
                pending.extend(variable.reads.iter().map(|edge| edge.on));
            }
        }
        let is_needed = |v: &usize| needed.get(*v) == Some(&true);
        steps
            .iter()
            .copied()
            .filter(|&s| match self.structure.steps.get(s) {
                Some(Step::Scalar(v)) => is_needed(v),
                Some(Step::Series(members)) => members.iter().any(is_needed),
                None => false,
            })
            .collect()
    }
}
