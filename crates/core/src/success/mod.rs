//! Success tracking after the sale (docs/success.md): what happened to
//! accounts after they bought, measured against what was promised.
//!
//! - [`date`]: the civil [`date::Date`] every success row carries.
//! - [`diagnostic`]: problems with a document or a CSV import, as data.
//! - [`data`]: the typed success data (`yardstick/success@1`);
//!   [`data_read::read_data`] reads it from a JSON tree, all or nothing;
//!   [`account_positions`] maps the rows' account ids to positions.
//! - [`csv_rows`]: the same rows from CSV records (the server splits the
//!   text), with problems as `signals.csv line 14, column value: ...`.
//! - [`settings`]: the team's settings (`yardstick/success-settings@1`),
//!   [`settings_read::read_settings`], [`settings_default::default_settings`]
//!   and back to a document: [`settings_write::settings_to_node`].
//! - [`stages`]: the stage of an account on a date and the dates it changes.
//! - [`signal_index`] and [`health`]: health per stage over snapshot dates,
//!   point-in-time, with fast re-scoring after a weight or rule change.
//! - [`outcomes`]: outcome progress and status on a date.
//! - [`trends`], [`milestones`], [`alerts`]: read from the health table.
//! - [`proof`]: the statistics that prove a health score against churn
//!   (docs/success-proof.md); [`prove`] runs them on the history of a
//!   health table ([`prove_observations`] builds one observation per
//!   renewal).
//! - [`team`]: the team view, per owner.
//! - [`demo`]: a seeded demo portfolio whose churn planted signals drive,
//!   and [`demo_settings`], scorecards over its metrics.
//!
//! Like the rest of the core, nothing here does I/O, reads a clock or draws
//! unseeded randomness: every date and seed is an argument. It may use
//! `scoring` and `model`; neither reaches it.

pub mod account_positions;
pub mod alerts;
mod csv_records;
pub mod csv_rows;
mod csv_tables;
pub mod data;
mod data_checks;
pub mod data_read;
pub mod date;
pub mod demo;
mod demo_execute;
mod demo_nodes;
pub mod demo_settings;
pub mod diagnostic;
pub mod evidence_dates;
pub mod execution;
mod fields;
pub mod health;
mod health_error;
mod health_sources;
mod health_sum;
pub mod milestones;
pub mod outcomes;
pub mod plays;
pub mod proof;
pub mod prove;
pub mod prove_observations;
pub mod realised;
mod row_fields;
pub mod settings;
mod settings_checks;
pub mod settings_default;
pub mod settings_read;
mod settings_rules;
pub mod settings_write;
pub mod signal_index;
pub mod stages;
pub mod stored_keys;
pub mod team;
pub(crate) mod test_json;
pub mod trends;
mod values;
