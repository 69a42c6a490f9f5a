//! Errors of the finance kernels, and the Excel error value each one stands
//! for, so a caller can show `#NUM!` or `#DIV/0!` exactly where Excel would.
//!
//! This module only describes failures; it never formats formula values and
//! knows nothing of the formula language.

use crate::number_text::Plain;
use std::fmt;

/// Why a finance kernel produced no number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FinanceError {
    /// An argument is outside the range the function accepts
    /// ("PMT: nper must not be zero"). Excel: `#NUM!`.
    InvalidArgument {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// The argument's name, as Excel's documentation calls it (`nper`).
        argument: &'static str,
        /// What the argument must satisfy, phrased to follow its name.
        requirement: &'static str,
    },
    /// Cash flows and dates differ in count. Excel: `#NUM!`.
    LengthMismatch {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// How many cash flows were given.
        values: usize,
        /// How many dates were given.
        dates: usize,
    },
    /// A date serial number is not a valid Excel date (before 0 or after
    /// 31 December 9999). Excel: `#VALUE!`.
    InvalidDate {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// The serial number given, in days since Excel's epoch.
        serial: f64,
    },
    /// A date precedes the first date of the schedule. Excel: `#NUM!`.
    DateBeforeStart {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// The 0-based position of the early date in the schedule.
        index: usize,
    },
    /// The cash flows lack a positive or a negative value, so no rate of
    /// return exists. Excel: `#NUM!`.
    NoSignChange {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
    },
    /// The equation has no solution for these arguments. Excel: `#NUM!`.
    NoRoot {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// Why no solution exists, in a phrase.
        reason: &'static str,
    },
    /// An iterative solver found no root within its iteration cap.
    /// Excel: `#NUM!`.
    NotConverged {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// The iterations tried, which is the solver's cap.
        iterations: usize,
    },
    /// The formula divides by zero for these arguments. Excel: `#DIV/0!`.
    DivisionByZero {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
        /// What is zero, in a phrase.
        reason: &'static str,
    },
    /// The result is too large (or not a number) for a finite `f64`.
    /// Excel: `#NUM!`.
    NotFinite {
        /// The function that failed, by its Excel name (`PMT`).
        function: &'static str,
    },
}

/// The Excel error value a [`FinanceError`] corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExcelError {
    /// `#NUM!`
    Num,
    /// `#DIV/0!`
    DivZero,
    /// `#VALUE!`
    Value,
}

impl ExcelError {
    /// The error as Excel writes it, such as `#NUM!`.
    pub fn code(self) -> &'static str {
        match self {
            ExcelError::Num => "#NUM!",
            ExcelError::DivZero => "#DIV/0!",
            ExcelError::Value => "#VALUE!",
        }
    }
}

impl FinanceError {
    /// The Excel error value Excel shows for this failure.
    pub fn excel_error(&self) -> ExcelError {
        match self {
            FinanceError::DivisionByZero { .. } => ExcelError::DivZero,
            FinanceError::InvalidDate { .. } => ExcelError::Value,
            FinanceError::InvalidArgument { .. }
            | FinanceError::LengthMismatch { .. }
            | FinanceError::DateBeforeStart { .. }
            | FinanceError::NoSignChange { .. }
            | FinanceError::NoRoot { .. }
            | FinanceError::NotConverged { .. }
            | FinanceError::NotFinite { .. } => ExcelError::Num,
        }
    }

    /// Shorthand for `self.excel_error().code()`.
    pub fn excel_error_code(&self) -> &'static str {
        self.excel_error().code()
    }

    /// The Excel-style name of the function that failed, such as `PMT`.
    pub fn function(&self) -> &'static str {
        match self {
            FinanceError::InvalidArgument { function, .. }
            | FinanceError::LengthMismatch { function, .. }
            | FinanceError::InvalidDate { function, .. }
            | FinanceError::DateBeforeStart { function, .. }
            | FinanceError::NoSignChange { function }
            | FinanceError::NoRoot { function, .. }
            | FinanceError::NotConverged { function, .. }
            | FinanceError::DivisionByZero { function, .. }
            | FinanceError::NotFinite { function } => function,
        }
    }
}

impl fmt::Display for FinanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FinanceError::InvalidArgument {
                function,
                argument,
                requirement,
            } => write!(f, "{function}: {argument} {requirement}"),
            FinanceError::LengthMismatch {
                function,
                values,
                dates,
            } => write!(
                f,
                "{function}: values and dates must have the same count (got {values} values and {dates} dates)"
            ),
            FinanceError::InvalidDate { function, serial } => {
                write!(
                    f,
                    "{function}: {} is not a valid date serial number",
                    Plain(*serial)
                )
            }
            FinanceError::DateBeforeStart { function, index } => write!(
                f,
                "{function}: date {} precedes the first date",
                index.saturating_add(1)
            ),
            FinanceError::NoSignChange { function } => write!(
                f,
                "{function}: values need at least one positive and one negative cash flow"
            ),
            FinanceError::NoRoot { function, reason } => write!(f, "{function}: {reason}"),
            FinanceError::NotConverged {
                function,
                iterations,
            } => write!(
                f,
                "{function}: no result found within {iterations} iterations; try another guess"
            ),
            FinanceError::DivisionByZero { function, reason } => write!(f, "{function}: {reason}"),
            FinanceError::NotFinite { function } => {
                write!(f, "{function}: the result is too large or not a number")
            }
        }
    }
}

impl std::error::Error for FinanceError {}

/// Rejects a NaN or infinite argument.
pub(crate) fn require_finite(
    function: &'static str,
    argument: &'static str,
    value: f64,
) -> Result<f64, FinanceError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(FinanceError::InvalidArgument {
            function,
            argument,
            requirement: "must be a finite number",
        })
    }
}

/// Rejects the first NaN or infinite value of `values`, named by the word
/// at the same position of `names` (space-separated, as in `"rate nper"`).
pub(crate) fn require_finite_args(
    function: &'static str,
    names: &'static str,
    values: &[f64],
) -> Result<(), FinanceError> {
    // One string of names, split only for the message: a list of string
    // slices was 8 bytes of addresses per name in the wasm.
    for (position, value) in values.iter().enumerate() {
        if !value.is_finite() {
            let argument = names.split(' ').nth(position).unwrap_or_default();
            require_finite(function, argument, *value)?;
        }
    }
    Ok(())
}

/// Rejects a slice holding a NaN or infinite value.
pub(crate) fn require_all_finite(
    function: &'static str,
    argument: &'static str,
    values: &[f64],
) -> Result<(), FinanceError> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(FinanceError::InvalidArgument {
            function,
            argument,
            requirement: "must hold only finite numbers",
        })
    }
}

/// Turns a NaN or infinite result into [`FinanceError::NotFinite`].
pub(crate) fn finite_result(function: &'static str, value: f64) -> Result<f64, FinanceError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(FinanceError::NotFinite { function })
    }
}

/// A shorthand for [`FinanceError::InvalidArgument`].
pub(crate) fn invalid(
    function: &'static str,
    argument: &'static str,
    requirement: &'static str,
) -> FinanceError {
    FinanceError::InvalidArgument {
        function,
        argument,
        requirement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_function_and_map_to_excel_codes() {
        let err = invalid("PMT", "nper", "must not be zero");
        assert_eq!(err.to_string(), "PMT: nper must not be zero");
        assert_eq!(err.excel_error_code(), "#NUM!");
        assert_eq!(err.function(), "PMT");
        let div = FinanceError::DivisionByZero {
            function: "NPV",
            reason: "rate must not be -1",
        };
        assert_eq!(div.excel_error_code(), "#DIV/0!");
        let date = FinanceError::InvalidDate {
            function: "XNPV",
            serial: -1.0,
        };
        assert_eq!(date.excel_error(), ExcelError::Value);
    }
}
