//! Saved business cases (docs/cases.md): the sales engineer's case of one
//! customer, saved revision after revision, and the Evaluate pipeline the
//! saved cases make.
//!
//! - [`read`]: the `yardstick/case@1` document from a [`crate::json::Node`]
//!   into a [`read::CaseDocument`], every problem reported with its path.
//! - [`figures`]: the case checked against its own model document (inputs,
//!   sources and scenarios name real inputs, values fit kinds and bounds),
//!   then its value (`leadValue`, else `npv`), its business-case verdict
//!   (the default scorecard with the case's settings) and its receipt.
//! - [`diff`]: what changed between two revisions, as data.
//! - [`pipeline`]: how a case's revisions become the pipeline's
//!   [`crate::scoring::StageEvent`]s, days in step, stalled cases, and the
//!   report per currency.
//! - [`document`]: the document written back as JSON (what is stored).
//! - [`nodes`]: the JSON shapes of the figures, diffs, pipeline and
//!   problems, which the server answers.
//!
//! Like the rest of the core it reads no clock and does no I/O: revision
//! times and "now" are arguments, and the server stores what these return.
//! It builds on `model` and `scoring`; neither reaches it.

pub mod diff;
pub mod document;
pub mod figures;
pub mod nodes;
pub mod pipeline;
pub mod read;
mod text;

#[cfg(test)]
mod tests;
