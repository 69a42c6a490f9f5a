//! One CSV table of an import, row by row: the header's columns checked
//! against the table's (unknown, repeated and missing columns), then each
//! record's cells read by the value rules into the table's typed row.
//! Problems name file, line and column. Cross-row rules are `csv_rows`'.

use super::date::Date;
use super::diagnostic::{CsvProblem, SuccessCode};
use super::values::{self, Checked};
use crate::model::diagnostic::suggest_id;

/// One record of a CSV file as the server's CSV reader gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRecord {
    /// The line it starts on, counted from 1 with the header.
    pub line: u64,
    /// Its cells, in the header's order.
    pub cells: Vec<String>,
}

/// A table's columns: `(name, required)`.
pub type Columns = &'static [(&'static str, bool)];

/// The columns of each file of docs/success.md ("As CSV").
pub const TABLES: [(&str, Columns); 10] = [
    (
        "accounts.csv",
        &[
            ("id", true),
            ("name", true),
            ("segment", false),
            ("owner", false),
            ("annual_value", true),
            ("currency", true),
            ("contract_start", true),
            ("first_value", false),
            ("renewal", true),
            ("stage", false),
            ("stage_from", false),
            ("stage_until", false),
            ("stage_reason", false),
            ("case_id", false),
            ("case_revision", false),
            ("domains", false),
        ],
    ),
    (
        "signals.csv",
        &[
            ("account", true),
            ("date", true),
            ("metric", true),
            ("value", true),
        ],
    ),
    (
        "events.csv",
        &[
            ("account", true),
            ("date", true),
            ("kind", true),
            ("note", false),
        ],
    ),
    (
        "outcomes.csv",
        &[
            ("id", true),
            ("account", true),
            ("label", true),
            ("unit", false),
            ("direction", true),
            ("baseline_value", true),
            ("baseline_date", true),
            ("target_value", true),
            ("target_date", true),
        ],
    ),
    (
        "outcome_actuals.csv",
        &[("outcome", true), ("date", true), ("value", true)],
    ),
    (
        "outcome_renegotiations.csv",
        &[
            ("outcome", true),
            ("date", true),
            ("target", true),
            ("target_date", true),
            ("reason", true),
            ("agreed_by", true),
        ],
    ),
    (
        "renewals.csv",
        &[
            ("account", true),
            ("date", true),
            ("result", true),
            ("value", true),
        ],
    ),
    (
        "realised.csv",
        &[
            ("account", true),
            ("date", true),
            ("input", true),
            ("value", true),
        ],
    ),
    (
        "checklist.csv",
        &[
            ("account", true),
            ("list", true),
            ("item", true),
            ("date", true),
            ("done", true),
            ("note", false),
        ],
    ),
    (
        "plays.csv",
        &[
            ("account", true),
            ("play", true),
            ("alert", false),
            ("date", true),
            ("by", false),
            ("note", false),
        ],
    ),
];

/// Where each of a table's columns is in the header (`None`: not given).
pub fn header_positions(
    file: &str,
    columns: Columns,
    header: &[String],
    problems: &mut Vec<CsvProblem>,
) -> Vec<Option<usize>> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim();
        if !names.contains(&name) {
            let hint = suggest_id(name, names.iter().copied());
            let reason = format!("unknown column \"{}\"{hint}", values::short(name));
            problems.push(problem(file, 1, None, SuccessCode::UnknownField, reason));
        } else if header
            .iter()
            .take(index)
            .any(|earlier| earlier.trim() == name)
        {
            let reason = format!("the column \"{name}\" is named twice");
            problems.push(problem(file, 1, None, SuccessCode::DuplicateField, reason));
        }
    }
    let mut positions = Vec::with_capacity(columns.len());
    for (name, required) in columns {
        let position = header.iter().position(|given| given.trim() == *name);
        if position.is_none() && *required {
            let reason = format!("the column \"{name}\" is required");
            problems.push(problem(file, 1, None, SuccessCode::MissingField, reason));
        }
        positions.push(position);
    }
    positions
}

/// A problem at a file's line and column.
pub fn problem(
    file: &str,
    line: u64,
    column: Option<&str>,
    code: SuccessCode,
    reason: String,
) -> CsvProblem {
    CsvProblem {
        code,
        file: file.to_string(),
        line,
        column: column.map(str::to_string),
        reason,
    }
}

/// One record being read.
pub struct Cells<'a> {
    file: &'a str,
    columns: Columns,
    positions: &'a [Option<usize>],
    record: &'a CsvRecord,
    problems: &'a mut Vec<CsvProblem>,
}

impl<'a> Cells<'a> {
    /// The record, if its cell count matches the header's (else recorded).
    pub fn open(
        file: &'a str,
        (columns, positions, header_len): (Columns, &'a [Option<usize>], usize),
        record: &'a CsvRecord,
        problems: &'a mut Vec<CsvProblem>,
    ) -> Option<Cells<'a>> {
        if record.cells.len() != header_len {
            let reason = format!(
                "expected {header_len} cells as in the header, found {}",
                record.cells.len()
            );
            problems.push(problem(
                file,
                record.line,
                None,
                SuccessCode::InvalidValue,
                reason,
            ));
            return None;
        }
        Some(Cells {
            file,
            columns,
            positions,
            record,
            problems,
        })
    }

    /// The cell of column `name`; empty (or blank) is absent, and absent is
    /// recorded when `required`.
    fn raw(&mut self, name: &str, required: bool) -> Option<&'a str> {
        let index = self
            .columns
            .iter()
            .position(|(column, _)| *column == name)?;
        let position = self.positions.get(index).copied().flatten();
        let cell = position
            .and_then(|p| self.record.cells.get(p))
            .map(String::as_str);
        let cell = cell.filter(|text| !text.trim().is_empty());
        if cell.is_none() && required {
            let reason = "is required".to_string();
            self.problems.push(problem(
                self.file,
                self.record.line,
                Some(name),
                SuccessCode::MissingField,
                reason,
            ));
        }
        cell
    }

    pub(super) fn refuse<T>(&mut self, name: &str, checked: Checked<T>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err((code, reason)) => {
                self.problems.push(problem(
                    self.file,
                    self.record.line,
                    Some(name),
                    code,
                    reason,
                ));
                None
            }
        }
    }

    /// The table's columns.
    pub(super) fn columns(&self) -> Columns {
        self.columns
    }

    /// Whether the column has a value in this record.
    pub fn has(&mut self, name: &str) -> bool {
        self.raw(name, false).is_some()
    }

    /// An id cell.
    pub fn id(&mut self, name: &str, required: bool) -> Option<String> {
        let raw = self.raw(name, required)?;
        self.refuse(name, values::id(raw))
    }

    /// A text cell (a note when `note`).
    pub fn text(&mut self, name: &str, required: bool, note: bool) -> Option<String> {
        let raw = self.raw(name, required)?;
        self.refuse(name, values::text(raw, note))
    }

    /// A date cell.
    pub fn date(&mut self, name: &str, required: bool) -> Option<Date> {
        let raw = self.raw(name, required)?;
        self.refuse(name, values::date(raw.trim()))
    }

    /// A number cell within `range`.
    pub fn number(&mut self, name: &str, required: bool, range: (f64, f64)) -> Option<f64> {
        let raw = self.raw(name, required)?;
        let value = self.refuse(name, values::number_text(raw))?;
        self.refuse(name, values::number_in(value, range))
    }

    /// A whole-number cell within `range`.
    pub fn whole(&mut self, name: &str, required: bool, range: (f64, f64)) -> Option<u64> {
        let raw = self.raw(name, required)?;
        let value = self.refuse(name, values::number_text(raw))?;
        self.refuse(name, values::whole_in(value, range))
    }

    /// A cell that must be one of `names`: its position.
    pub fn choice(&mut self, name: &str, required: bool, names: &[&str]) -> Option<usize> {
        let raw = self.raw(name, required)?;
        self.refuse(name, values::choice(raw.trim(), names))
    }
}
