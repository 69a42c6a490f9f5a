//! Why a model cannot be exported: every refusal names the model path of
//! the formula (or item) at fault, so an author knows what to change. The
//! export never writes a workbook it knows to be wrong; it refuses instead.

use std::fmt;

/// An export refusal.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// A function or construct has no faithful translation into a formula
    /// that Excel and LibreOffice 7.4 both evaluate as Yardstick does.
    Untranslatable {
        /// The model path of the formula, e.g. `outputs[2].formula`.
        path: String,
        /// What cannot be translated (`XLOOKUP`, `PREV of a scalar`).
        what: String,
        /// Why, and what would work instead.
        reason: String,
    },
    /// A translated formula is longer than Excel accepts.
    FormulaTooLong {
        /// The model path of the formula.
        path: String,
        /// Its length in characters.
        length: usize,
        /// Excel's limit.
        limit: usize,
    },
    /// The workbook would hold more formula cells than the export allows.
    TooLarge {
        /// Formula cells it would hold.
        cells: usize,
        /// The limit.
        limit: usize,
    },
    /// A scalar calculation gives an array, which one cell cannot hold.
    ArrayInCell {
        /// The model path of the calculation.
        path: String,
    },
    /// Two ids would become the same defined name.
    NameClash {
        /// The input id that could not be named.
        id: String,
        /// The name it would take.
        name: String,
    },
    /// The model's formula did not parse (a compiled model's always does).
    Parse {
        /// The model path of the formula.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// The input values do not fit the model (wrong count).
    Inputs {
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Untranslatable { path, what, reason } => {
                write!(f, "cannot export {path}: {what} {reason}")
            }
            ExportError::FormulaTooLong {
                path,
                length,
                limit,
            } => write!(
                f,
                "cannot export {path}: its Excel formula is {length} characters; Excel's limit is {limit}"
            ),
            ExportError::TooLarge { cells, limit } => write!(
                f,
                "cannot export: the workbook would hold {cells} formula cells; the limit is {limit}"
            ),
            ExportError::ArrayInCell { path } => write!(
                f,
                "cannot export {path}: it gives an array, and one cell holds one value"
            ),
            ExportError::NameClash { id, name } => write!(
                f,
                "cannot export input `{id}`: its Excel name `{name}` is taken by another input"
            ),
            ExportError::Parse { path, message } => {
                write!(f, "cannot export {path}: {message}")
            }
            ExportError::Inputs { message } => write!(f, "cannot export: {message}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl ExportError {
    /// The stable code a binding throws with (docs/errors.md).
    pub fn code(&self) -> crate::error::ErrorCode {
        use crate::error::ErrorCode;
        match self {
            ExportError::TooLarge { .. } => ErrorCode::TOO_MUCH_WORK,
            ExportError::Inputs { .. } => ErrorCode::INVALID_INPUT,
            ExportError::Untranslatable { .. }
            | ExportError::FormulaTooLong { .. }
            | ExportError::ArrayInCell { .. }
            | ExportError::NameClash { .. }
            | ExportError::Parse { .. } => ErrorCode::NOT_EXPORTABLE,
        }
    }
}
