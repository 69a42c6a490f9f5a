//! Yardstick's core: an Excel-parity engine for ROI, business-case and
//! customer-success calculators. The `yardstick-wasm` crate compiles it to
//! WebAssembly for the browser; `yardstick-serve` uses it natively.
//!
//! This file only maps the modules; it holds no logic.
//!
//! - [`error`]: the stable error codes ([`error::ErrorCode`]) callers branch
//!   on; each error enum maps its variants to one (docs/errors.md).
//! - [`finance`]: time-value-of-money kernels over `&[f64]` (NPV, IRR, PMT, ...),
//!   matching Excel's argument order, defaults and error results.
//! - [`formula`]: the Excel-style formula language: lexer, parser, AST,
//!   printer, evaluator and function library.
//! - [`json`]: the generic JSON tree ([`json::Node`]) and its canonical
//!   text, the base that `model` and `engagement` share.
//! - [`model`]: calculator models: validation, compilation, evaluation and
//!   incremental recompute.
//! - [`engagement`]: the interaction clock of embedded widgets, the event
//!   envelope, its sinks' shapes and the collector's metrics.
//! - [`cases`]: saved business cases (`yardstick/case@1`): read and checked
//!   against their model, their value and verdict, revision diffs and the
//!   Evaluate pipeline their history makes.
//! - [`leads`]: leads that carry their case: the `yardstick/lead@1` body
//!   read and checked, the case recomputed under its model (outputs, the
//!   lead's value, the receipt) and the totals per calculator.
//! - [`scoring`]: weighted scorecards (business cases, later health scores),
//!   the default business-case scorecard and the evaluation pipeline.
//! - [`success`]: customer-success tracking: the success data and the
//!   team's settings read and checked, and each account's stage by date.
//! - [`name_table`]: name-to-index lookups and duplicate checks without std's
//!   hash maps (a sorted vector and binary search).
//! - [`number_text`]: numbers to decimal text (shortest round-trip, fixed,
//!   significant digits) without core's float formatting tables.
//! - [`small_sort`]: one small stable merge sort for every list the engine sorts.
//! - [`success`]: success tracking after the sale (docs/success.md): the
//!   success data, health per stage, outcomes, the proof of a health score,
//!   and a seeded demo portfolio.
//! - [`uncertainty`]: distributions of uncertain inputs, a seeded and pinned
//!   random stream, the chunked Monte Carlo runner and its summary statistics.
//!
//! The core does no I/O, reads no clock and draws no global randomness:
//! the same inputs give the same outputs on every platform. It knows no
//! JavaScript: its dependencies (Cargo.toml) are pure computation, and
//! `make lint` checks that no wasm-bindgen, tokio or SQLite enters them.

// Every public item is documented: `make lint` denies the warning (clippy
// and rustdoc with `-D warnings`), so a new item starts documented.
#![warn(missing_docs)]

pub mod cases;
pub mod engagement;
pub mod error;
#[cfg(feature = "export")]
pub mod export;
pub mod finance;
pub mod formula;
#[cfg(feature = "journey")]
pub mod journey;
pub mod json;
pub mod leads;
pub mod model;
pub mod name_table;
pub mod number_text;
pub mod scoring;
pub mod small_sort;
pub mod success;
#[cfg(test)]
mod test_rng;
pub mod typed_number;
pub mod uncertainty;
