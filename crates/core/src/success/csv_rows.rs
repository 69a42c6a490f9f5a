//! The success data as CSV tables (docs/success.md, "As CSV"), without
//! parsing CSV: the server splits each file with the `csv` crate and hands
//! over the header and the records with their line numbers; this reads
//! them into typed rows. An import is all or nothing: every problem comes
//! back as `signals.csv line 14, column value: expected a number, found
//! "n/a"`, and with one there are no rows. Rows may name accounts and
//! outcomes of the same import or the ids the caller says are stored.
//!
//! The rules are the JSON reader's (`values`, `data_checks`); only the
//! places are worded differently. Work is bounded by the documented row
//! bounds, checked before any row is read.

use super::csv_records as records;
pub use super::csv_tables::CsvRecord;
use super::csv_tables::{self as tables, problem, Cells, Columns, TABLES};
use super::data::*;
use super::data_checks::{check_data, Place};
use super::data_read::MAX_DIAGNOSTICS;
use super::diagnostic::{CsvProblem, SuccessCode};
use crate::model::diagnostic::suggest_id;

/// One CSV file of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTable {
    /// The file's name as documented (`signals.csv`).
    pub file: String,
    /// The header row's cells.
    pub header: Vec<String>,
    /// The records after the header.
    pub records: Vec<CsvRecord>,
}

/// An actual of an outcome stored earlier (not in this import).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOutcomeActual {
    /// The outcome's id.
    pub outcome: String,
    /// The actual.
    pub actual: Actual,
}

/// A renegotiation of an outcome stored earlier (not in this import).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOutcomeRenegotiation {
    /// The outcome's id.
    pub outcome: String,
    /// The renegotiation.
    pub renegotiation: Renegotiation,
}

/// The rows of a CSV import, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsvImport {
    /// The rows; an outcome of `outcomes.csv` carries the actuals and
    /// renegotiations of this import that name it, in date order.
    pub data: SuccessData,
    /// Actuals of stored outcomes.
    pub stored_actuals: Vec<StoredOutcomeActual>,
    /// Renegotiations of stored outcomes.
    pub stored_renegotiations: Vec<StoredOutcomeRenegotiation>,
}

/// Line numbers of the rows read, for wording `data_checks`' places.
#[derive(Default)]
pub(super) struct Lines {
    pub(super) accounts: Vec<u64>,
    pub(super) signals: Vec<u64>,
    pub(super) events: Vec<u64>,
    pub(super) outcomes: Vec<u64>,
    pub(super) actuals: Vec<Vec<u64>>,
    pub(super) renegotiations: Vec<Vec<u64>>,
    pub(super) renewals: Vec<u64>,
    pub(super) realised: Vec<u64>,
    pub(super) checklist: Vec<u64>,
    pub(super) plays: Vec<u64>,
}

/// Reads an import of one or more tables; rows may name `known` ids.
pub fn read_csv_import(
    tables: &[CsvTable],
    known: &KnownIds,
) -> Result<CsvImport, Vec<CsvProblem>> {
    let mut problems = Vec::new();
    let mut import = CsvImport::default();
    let mut lines = Lines::default();
    let mut actuals: Vec<(u64, String, Actual)> = Vec::new();
    let mut renegotiations: Vec<(u64, String, Renegotiation)> = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        let Some((columns, bound)) = spec(&table.file) else {
            let names: Vec<&str> = TABLES.iter().map(|(name, _)| *name).collect();
            let hint = suggest_id(&table.file, names.iter().copied());
            let reason = format!("not a table of the success data{hint}");
            problems.push(problem(
                &table.file,
                0,
                None,
                SuccessCode::UnknownField,
                reason,
            ));
            continue;
        };
        if tables
            .iter()
            .take(index)
            .any(|earlier| earlier.file == table.file)
        {
            let reason = "the file is given twice in one import".to_string();
            problems.push(problem(
                &table.file,
                0,
                None,
                SuccessCode::DuplicateField,
                reason,
            ));
            continue;
        }
        if table.records.len() > bound {
            let reason = format!(
                "{} rows, more than the bound of {bound}",
                table.records.len()
            );
            problems.push(problem(&table.file, 0, None, SuccessCode::TooLarge, reason));
            continue;
        }
        if table.header.len() > super::fields::MAX_OBJECT_FIELDS {
            let reason = format!(
                "{} columns, more than any table has ({})",
                table.header.len(),
                super::fields::MAX_OBJECT_FIELDS
            );
            problems.push(problem(&table.file, 1, None, SuccessCode::TooLarge, reason));
            continue;
        }
        let before = problems.len();
        let positions =
            tables::header_positions(&table.file, columns, &table.header, &mut problems);
        if problems.len() > before {
            continue;
        }
        for record in &table.records {
            let shape = (columns, positions.as_slice(), table.header.len());
            let Some(mut cells) = Cells::open(&table.file, shape, record, &mut problems) else {
                continue;
            };
            let line = record.line;
            match table.file.as_str() {
                "accounts.csv" => push_row(
                    records::account(&mut cells),
                    line,
                    &mut import.data.accounts,
                    &mut lines.accounts,
                ),
                "signals.csv" => push_row(
                    records::signal(&mut cells),
                    line,
                    &mut import.data.signals,
                    &mut lines.signals,
                ),
                "events.csv" => push_row(
                    records::event(&mut cells),
                    line,
                    &mut import.data.events,
                    &mut lines.events,
                ),
                "outcomes.csv" => push_row(
                    records::outcome(&mut cells),
                    line,
                    &mut import.data.outcomes,
                    &mut lines.outcomes,
                ),
                "outcome_actuals.csv" => actuals.extend(
                    records::actual(&mut cells).map(|(outcome, actual)| (line, outcome, actual)),
                ),
                "outcome_renegotiations.csv" => renegotiations.extend(
                    records::renegotiation(&mut cells).map(|(outcome, r)| (line, outcome, r)),
                ),
                "renewals.csv" => push_row(
                    records::renewal(&mut cells),
                    line,
                    &mut import.data.renewals,
                    &mut lines.renewals,
                ),
                "realised.csv" => push_row(
                    records::realised(&mut cells),
                    line,
                    &mut import.data.realised,
                    &mut lines.realised,
                ),
                "checklist.csv" => push_row(
                    records::checklist_mark(&mut cells),
                    line,
                    &mut import.data.checklist,
                    &mut lines.checklist,
                ),
                _ => push_row(
                    records::play_completion(&mut cells),
                    line,
                    &mut import.data.plays,
                    &mut lines.plays,
                ),
            }
        }
    }
    if problems.is_empty() {
        csv_attach::attach(
            &mut import,
            &mut lines,
            (actuals, renegotiations),
            known,
            &mut problems,
        );
    }
    if problems.is_empty() {
        for found in check_data(&import.data, known) {
            let line = line_of(&lines, found.place);
            let mut reason = found.message.clone();
            if let Some(also) = found.also {
                reason.push_str(&format!(" (also on line {})", line_of(&lines, also).1));
            }
            problems.push(problem(
                line.0,
                line.1,
                Some(&column_of(found.field)),
                found.code,
                reason,
            ));
        }
    }
    if problems.is_empty() {
        Ok(import)
    } else {
        if problems.len() > MAX_DIAGNOSTICS {
            let more = problems.len() - MAX_DIAGNOSTICS;
            problems.truncate(MAX_DIAGNOSTICS);
            let reason = format!("{more} more problems not shown");
            problems.push(problem("import", 0, None, SuccessCode::TooLarge, reason));
        }
        Err(problems)
    }
}

fn push_row<T>(row: Option<T>, line: u64, rows: &mut Vec<T>, lines: &mut Vec<u64>) {
    if let Some(row) = row {
        rows.push(row);
        lines.push(line);
    }
}

/// A table's columns and row bound.
fn spec(file: &str) -> Option<(Columns, usize)> {
    let columns = TABLES.iter().find(|(name, _)| *name == file)?.1;
    let bound = match file {
        "accounts.csv" => MAX_ACCOUNTS,
        "signals.csv" => MAX_SIGNALS,
        "events.csv" => MAX_EVENTS,
        "outcomes.csv" => MAX_OUTCOMES,
        "outcome_actuals.csv" => MAX_OUTCOMES.saturating_mul(MAX_ACTUALS_PER_OUTCOME),
        "outcome_renegotiations.csv" => MAX_OUTCOMES.saturating_mul(MAX_RENEGOTIATIONS_PER_OUTCOME),
        "realised.csv" => MAX_REALISED,
        "checklist.csv" => MAX_CHECKLIST,
        "plays.csv" => MAX_PLAYS,
        _ => MAX_RENEWALS,
    };
    Some((columns, bound))
}

/// The file and line of a place.
fn line_of(lines: &Lines, place: Place) -> (&'static str, u64) {
    let at = |rows: &[u64], index: usize| rows.get(index).copied().unwrap_or(0);
    let nested = |rows: &[Vec<u64>], outer: usize, inner: usize| {
        rows.get(outer)
            .and_then(|row| row.get(inner))
            .copied()
            .unwrap_or(0)
    };
    match place {
        Place::Account(i) => ("accounts.csv", at(&lines.accounts, i)),
        Place::Signal(i) => ("signals.csv", at(&lines.signals, i)),
        Place::Event(i) => ("events.csv", at(&lines.events, i)),
        Place::Outcome(i) => ("outcomes.csv", at(&lines.outcomes, i)),
        Place::Actual(o, a) => ("outcome_actuals.csv", nested(&lines.actuals, o, a)),
        Place::Renegotiation(o, r) => (
            "outcome_renegotiations.csv",
            nested(&lines.renegotiations, o, r),
        ),
        Place::Renewal(i) => ("renewals.csv", at(&lines.renewals, i)),
        Place::Realised(i) => ("realised.csv", at(&lines.realised, i)),
        Place::Checklist(i) => ("checklist.csv", at(&lines.checklist, i)),
        Place::Play(i) => ("plays.csv", at(&lines.plays, i)),
    }
}

/// The CSV column of a JSON field name: `firstValue` is `first_value`,
/// `target.date` is `target_date`, `stage.until` is `stage_until`.
fn column_of(field: &str) -> String {
    let mut column = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c == '.' {
            column.push('_');
        } else if c.is_ascii_uppercase() {
            column.push('_');
            column.push(c.to_ascii_lowercase());
        } else {
            column.push(c);
        }
    }
    column
}

/// Attaching outcome rows to their outcomes: this reader's own part.
#[path = "csv_attach.rs"]
mod csv_attach;

#[cfg(test)]
#[path = "csv_rows_test.rs"]
mod tests;
