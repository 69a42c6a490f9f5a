//! Calculator models: one JSON document (`yardstick/model@1`, see
//! docs/model-format.md) compiled once into an evaluation plan, then
//! evaluated on input values, fully or incrementally.
//!
//! - the document itself is a [`crate::json::Node`] tree (JSON text into
//!   that tree is the `yardstick-json-text` crate's, native only);
//! - [`read`], [`inputs`], [`fields`]: validation into a [`spec::ModelSpec`],
//!   every problem reported at once with its path ([`item_names`] names
//!   the path's item by its id where that id is exact);
//! - [`compile`], [`graph`]: formulas parsed, names resolved, cycles found,
//!   into a [`plan`];
//! - [`engine`]: evaluation, incremental recompute, series and scalars;
//! - [`fast`] (lowered by `fast_lower`): the compiled numeric path the
//!   engine tries first, bit-identical to the general evaluator;
//! - `scenario`: a named scenario applied to the current state;
//! - `period_table` (full build): every series by period, with totals
//!   where they mean something, as a table, CSV or TSV;
//! - `sections` (full build): the groups a form shows inputs in;
//! - [`receipt`]: reproducible records of an evaluation (SHA-256);
//! - [`analysis`]: scenarios, sensitivity, goal seek;
//! - [`cash_flow`]: which series are the net cash flow, its running total,
//!   benefits and costs (`cashFlow`), checked as references;
//! - [`advice`]: what a model that compiles had better change (a money
//!   input without a maximum), apart from the blocking diagnostics.
//!
//! `model` builds on `formula`; it does no I/O and reads no clock.

pub mod advice;
pub mod analysis;
pub mod cash_flow;
pub mod compile;
pub mod diagnostic;
pub mod engine;
mod engine_scope;
pub mod fast;
mod fast_lower;
mod fast_workspace;
pub mod fields;
pub mod graph;
pub mod inputs;
pub mod item_names;
#[cfg(feature = "workbench")]
pub mod period_table;
pub mod plan;
pub mod read;
pub mod receipt;
pub mod refusal;
pub mod scenario;
#[cfg(feature = "workbench")]
pub mod sections;
pub use scenario::OwnInputs;
mod slot;
pub mod spec;

pub use diagnostic::{
    IdKind, ModelDiagnostic, ModelDiagnosticCode, ModelError, ModelPath, PathSegment,
};
pub use engine::{CompiledModel, ModelState, OutputChange};
pub use slot::Slot;
pub use spec::{InputValue, ModelSpec};
