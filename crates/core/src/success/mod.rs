//! Customer-success tracking (docs/success.md): what happened to accounts
//! after they bought, read and checked, and the stage each account is in.
//!
//! - [`date`]: the civil [`date::Date`] every success row carries.
//! - [`diagnostic`]: problems with a document or a CSV import, as data.
//! - [`data`]: the typed success data (`yardstick/success@1`);
//!   [`data_read::read_data`] reads it from a JSON tree, all or nothing.
//! - [`csv_rows`]: the same rows from CSV records (the server splits the
//!   text), with problems as `signals.csv line 14, column value: ...`.
//! - [`settings`]: the team's settings (`yardstick/success-settings@1`),
//!   [`settings_read::read_settings`] and [`settings_default::default_settings`].
//! - [`stages`]: the stage of an account on a date and the dates it changes.
//!
//! Like the rest of the core it does no I/O and reads no clock: dates are
//! arguments. It may use `scoring` and `model`; neither reaches it.

mod csv_attach;
mod csv_records;
pub mod csv_rows;
mod csv_tables;
pub mod data;
mod data_checks;
pub mod data_read;
pub mod date;
pub mod diagnostic;
mod fields;
pub mod settings;
mod settings_checks;
pub mod settings_default;
mod settings_lists;
pub mod settings_read;
mod settings_rules;
pub mod stages;
mod test_json;
mod values;
