//! Why a proof statistic could not be computed. Statistics that merely do
//! not exist for a group (a grade with no renewals) are `None` in the
//! result instead; these errors are for inputs the kernels refuse outright
//! and for fits that have no finite answer. Messages never print NaN as a
//! result: they name what is wrong and where.

use crate::error::ErrorCode;
use crate::number_text::Plain;
use std::fmt;

/// Why a proof statistic could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum ProofError {
    /// More observations than the kernels accept.
    TooManyObservations {
        /// Observations passed.
        count: usize,
        /// Observations allowed (`MAX_OBSERVATIONS`).
        limit: usize,
    },
    /// More measures than a logistic fit accepts.
    TooManyFeatures {
        /// Measures passed.
        count: usize,
        /// Measures allowed (`MAX_FEATURES`).
        limit: usize,
    },
    /// A per-observation list whose length differs from the outcomes'.
    LengthMismatch {
        /// Which list (`scores`, `measures[2]`).
        what: &'static str,
        /// The number of outcomes.
        expected: usize,
        /// The list's length.
        found: usize,
    },
    /// A NaN or infinite number where a finite one is required.
    NotFinite {
        /// Which list.
        what: &'static str,
        /// The first offending position.
        index: usize,
    },
    /// Every observation churned, or none did: nothing to separate.
    OneOutcomeOnly {
        /// Observations that churned.
        churned: usize,
        /// Observations that renewed.
        renewed: usize,
    },
    /// An option outside its range.
    InvalidOption {
        /// The option's name (`z`, `penalty`, `folds`).
        option: &'static str,
        /// The rejected value.
        value: f64,
        /// The accepted range, in words.
        expected: &'static str,
    },
    /// An observation's grade index outside the scorecard's grades.
    GradeOutOfRange {
        /// The observation's position.
        index: usize,
        /// Its grade index.
        grade: usize,
        /// How many grades there are.
        grade_count: usize,
    },
    /// Band edges that are not finite and strictly increasing.
    InvalidEdges {
        /// The first offending edge.
        index: usize,
    },
    /// Too few churned or renewed observations for every fold to hold both.
    TooFewForFolds {
        /// Folds asked for.
        folds: usize,
        /// Observations that churned.
        churned: usize,
        /// Observations that renewed.
        renewed: usize,
    },
    /// The logistic fit's Hessian is not positive definite (without a
    /// penalty: collinear measures, or probabilities that reached 0 or 1).
    SingularHessian {
        /// The Newton iteration at which it happened (1-based).
        iteration: usize,
    },
    /// Without a penalty the coefficients grow without bound: the measures
    /// separate churned from renewed completely or almost, so no finite
    /// maximum-likelihood estimate exists. A positive penalty fixes it.
    Separation {
        /// The Newton iterations run before giving up.
        iterations: usize,
    },
    /// The fit did not converge within its iteration cap.
    NotConverged {
        /// The iteration cap that was reached.
        iterations: usize,
    },
    /// Every measure's coefficient says higher points go with more churn,
    /// so no non-negative weights can be suggested.
    NoProtectiveMeasure,
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProofError::TooManyObservations { count, limit } => {
                write!(f, "{count} observations, more than the limit of {limit}")
            }
            ProofError::TooManyFeatures { count, limit } => {
                write!(f, "{count} measures, more than the limit of {limit}")
            }
            ProofError::LengthMismatch {
                what,
                expected,
                found,
            } => write!(
                f,
                "{what} has {found} entries but there are {expected} outcomes"
            ),
            ProofError::NotFinite { what, index } => {
                write!(f, "{what}[{index}] is not a finite number")
            }
            ProofError::OneOutcomeOnly { churned, renewed } => write!(
                f,
                "{churned} churned and {renewed} renewed: both outcomes are needed"
            ),
            ProofError::InvalidOption {
                option,
                value,
                expected,
            } => write!(f, "{option} must be {expected}, not {}", Plain(*value)),
            ProofError::GradeOutOfRange {
                index,
                grade,
                grade_count,
            } => write!(
                f,
                "grades[{index}] is {grade}, but there are only {grade_count} grades"
            ),
            ProofError::InvalidEdges { index } => write!(
                f,
                "band edge {index} is not finite or not above the previous edge"
            ),
            ProofError::TooFewForFolds {
                folds,
                churned,
                renewed,
            } => write!(
                f,
                "{folds} folds need at least {folds} churned and {folds} renewed observations, \
                 not {churned} and {renewed}"
            ),
            ProofError::SingularHessian { iteration } => write!(
                f,
                "the fit's Hessian is singular at iteration {iteration} \
                 (collinear measures or perfect prediction); use a positive penalty"
            ),
            ProofError::Separation { iterations } => write!(
                f,
                "the measures separate churned from renewed (coefficients still growing after \
                 {iterations} iterations); use a positive penalty"
            ),
            ProofError::NotConverged { iterations } => {
                write!(f, "the fit did not converge in {iterations} iterations")
            }
            ProofError::NoProtectiveMeasure => f.write_str(
                "no measure's higher points go with less churn, so no weights can be suggested",
            ),
        }
    }
}

impl std::error::Error for ProofError {}

impl ProofError {
    /// The stable code callers branch on (docs/errors.md).
    pub fn code(&self) -> ErrorCode {
        match self {
            ProofError::TooManyObservations { .. } | ProofError::TooManyFeatures { .. } => {
                ErrorCode::TOO_MUCH_WORK
            }
            ProofError::InvalidOption { .. } => ErrorCode::INVALID_OPTION,
            ProofError::LengthMismatch { .. }
            | ProofError::NotFinite { .. }
            | ProofError::GradeOutOfRange { .. }
            | ProofError::InvalidEdges { .. } => ErrorCode::INVALID_ARGUMENT,
            ProofError::OneOutcomeOnly { .. }
            | ProofError::TooFewForFolds { .. }
            | ProofError::SingularHessian { .. }
            | ProofError::Separation { .. }
            | ProofError::NotConverged { .. }
            | ProofError::NoProtectiveMeasure => ErrorCode::NOT_ENOUGH_EVIDENCE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(error: ProofError, expected: &str, code: ErrorCode) {
        assert_eq!(error.to_string(), expected);
        assert_eq!(error.code(), code);
    }

    #[test]
    fn messages_name_what_is_wrong() {
        check(
            ProofError::TooManyObservations { count: 3, limit: 2 },
            "3 observations, more than the limit of 2",
            ErrorCode::TOO_MUCH_WORK,
        );
        check(
            ProofError::LengthMismatch {
                what: "scores",
                expected: 4,
                found: 3,
            },
            "scores has 3 entries but there are 4 outcomes",
            ErrorCode::INVALID_ARGUMENT,
        );
        check(
            ProofError::InvalidOption {
                option: "penalty",
                value: f64::NAN,
                expected: "from 0 to 1e6",
            },
            "penalty must be from 0 to 1e6, not NaN",
            ErrorCode::INVALID_OPTION,
        );
        check(
            ProofError::OneOutcomeOnly {
                churned: 0,
                renewed: 5,
            },
            "0 churned and 5 renewed: both outcomes are needed",
            ErrorCode::NOT_ENOUGH_EVIDENCE,
        );
        check(
            ProofError::TooFewForFolds {
                folds: 5,
                churned: 3,
                renewed: 40,
            },
            "5 folds need at least 5 churned and 5 renewed observations, not 3 and 40",
            ErrorCode::NOT_ENOUGH_EVIDENCE,
        );
        check(
            ProofError::Separation { iterations: 12 },
            "the measures separate churned from renewed (coefficients still growing after 12 \
             iterations); use a positive penalty",
            ErrorCode::NOT_ENOUGH_EVIDENCE,
        );
    }
}
