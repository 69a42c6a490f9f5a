//! The compiled model's plan as data: its variables (each with its parsed
//! and lowered formula and what it reads) and the steps that evaluate them
//! in dependency order. `compile` builds it; the engine, its name scope and
//! the numeric lowering (`fast_lower`) read it.
//!
//! Its own file so that `compile` and `fast_lower` (which `compile` calls)
//! do not import each other. Types only; no logic.

use super::fast::Node;
use super::graph::Edge;
use crate::formula::ast::Expr;
use crate::name_table::NameTable;

/// The name of the current period inside per-period formulas.
pub const PERIOD_NAME: &str = "period";

/// What a variable is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The input at this position of the model's `inputs`.
    Input(usize),
    /// The calculation at this position of the model's `calculations`.
    Calculation(usize),
    /// The output at this position of the model's `outputs`.
    Output(usize),
}

/// One value of the model: a scalar, or a series over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// Its id, as the document spells it.
    pub id: String,
    /// Which input, calculation or output it is.
    pub role: Role,
    /// True for a series over the horizon.
    pub per_period: bool,
    /// The parsed formula; `None` for inputs.
    pub formula: Option<Expr>,
    /// What the formula reads (variable indices).
    pub reads: Vec<Edge>,
    /// The formula lowered to the numeric path, when any of it lowers.
    pub fast: Option<Node>,
}

/// A unit of evaluation, in dependency order.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// One scalar calculation or output.
    Scalar(usize),
    /// Series computed period by period, in this order within each period.
    Series(Vec<usize>),
}

/// The compiled structure: variables (inputs first, then calculations, then
/// outputs) and the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Every input, calculation and output, in that order.
    pub variables: Vec<Variable>,
    /// Lower-case id to variable index.
    pub by_name: NameTable,
    /// How to evaluate the variables, in dependency order.
    pub steps: Vec<Step>,
    /// Variable index to the step that computes it (`None` for inputs).
    pub step_of: Vec<Option<usize>>,
}
