//! Problems with a success document, a settings document or a CSV import,
//! as data: a stable code, a message a person can act on, and where:
//! a [`ModelPath`] in a JSON document (`accounts[acme].renewal`, items named
//! by their id where it is valid and unique, as model diagnostics are), or
//! a file, line and column in a CSV import.
//!
//! It only describes problems; the readers find them.

use crate::model::diagnostic::ModelPath;
use std::fmt;

/// What kind of problem; stable across versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuccessCode {
    /// `schema` is not the document's schema.
    UnsupportedSchema,
    /// A required field or column is absent.
    MissingField,
    /// A value of the wrong JSON type (text where a number belongs).
    WrongType,
    /// A field or column the format does not define.
    UnknownField,
    /// The same key twice in one JSON object, or a column named twice.
    DuplicateField,
    /// An id that is not 1 to 64 of `A-Z a-z 0-9 . _ : -`.
    InvalidId,
    /// Two rows with the same key (an id, or account + date + metric).
    DuplicateRow,
    /// Text, a choice or a combination of fields that does not fit.
    InvalidValue,
    /// A number outside its range.
    OutOfRange,
    /// Not a date `YYYY-MM-DD` from 1900-03-01 to 9999-12-31.
    InvalidDate,
    /// Dates in the wrong order (a first value before the contract start).
    DateOrder,
    /// A row names an account, outcome, play or milestone that does not exist.
    UnknownReference,
    /// More rows than the format's bound.
    TooLarge,
}

impl SuccessCode {
    /// The code as a kebab-case string, as JavaScript and the server see it.
    pub fn as_str(self) -> &'static str {
        match self {
            SuccessCode::UnsupportedSchema => "unsupported-schema",
            SuccessCode::MissingField => "missing-field",
            SuccessCode::WrongType => "wrong-type",
            SuccessCode::UnknownField => "unknown-field",
            SuccessCode::DuplicateField => "duplicate-field",
            SuccessCode::InvalidId => "invalid-id",
            SuccessCode::DuplicateRow => "duplicate-row",
            SuccessCode::InvalidValue => "invalid-value",
            SuccessCode::OutOfRange => "out-of-range",
            SuccessCode::InvalidDate => "invalid-date",
            SuccessCode::DateOrder => "date-order",
            SuccessCode::UnknownReference => "unknown-reference",
            SuccessCode::TooLarge => "too-large",
        }
    }
}

impl fmt::Display for SuccessCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a JSON document (data or settings).
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessDiagnostic {
    /// What kind of problem.
    pub code: SuccessCode,
    /// Where: `signals[14].value`, `accounts[acme].renewal`; empty for the
    /// document itself.
    pub path: ModelPath,
    /// The problem in a sentence, for people.
    pub message: String,
}

impl fmt::Display for SuccessDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() {
            write!(f, "{} ({})", self.message, self.code)
        } else {
            write!(f, "{}: {} ({})", self.path, self.message, self.code)
        }
    }
}

impl std::error::Error for SuccessDiagnostic {}

/// One problem in a CSV import: `signals.csv line 14, column value:
/// expected a number, found "n/a"`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvProblem {
    /// What kind of problem.
    pub code: SuccessCode,
    /// The file (`signals.csv`).
    pub file: String,
    /// The line, counted from 1 with the header; 0 for the whole file.
    pub line: u64,
    /// The column's name, when the problem is one cell's.
    pub column: Option<String>,
    /// Why, for people.
    pub reason: String,
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, " line {}", self.line)?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for CsvProblem {}
