//! Errors of the scoring module: why a scorecard produced no score, and why
//! a pipeline report could not be built at all.
//!
//! These only describe failures. Problems that still leave a useful answer
//! (a project with inconsistent events) travel as diagnostics beside the
//! result instead, and nothing here ever panics or formats numbers as NaN.

use super::validate::ScorecardDiagnostic;
use crate::error::ErrorCode;
use crate::number_text::Plain;
use std::fmt;

/// Why a scorecard produced no score.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoringError {
    /// The scorecard failed validation; every problem is listed.
    InvalidScorecard {
        /// Every problem found, in scorecard order.
        diagnostics: Vec<ScorecardDiagnostic>,
    },
    /// The missing policy is `Fail` and these measures have no finite value.
    MissingValues {
        /// The measures without a finite value, in scorecard order.
        measure_ids: Vec<String>,
    },
    /// The missing policy is `Exclude` and every measure with a positive
    /// weight was excluded, so there is nothing left to weight.
    NothingToScore {
        /// The measures left out for lack of a value.
        excluded_measure_ids: Vec<String>,
    },
}

impl fmt::Display for ScoringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoringError::InvalidScorecard { diagnostics } => {
                write!(f, "the scorecard is invalid")?;
                for (index, diagnostic) in diagnostics.iter().enumerate() {
                    let separator = if index == 0 { ": " } else { "; " };
                    write!(f, "{separator}{diagnostic}")?;
                }
                Ok(())
            }
            ScoringError::MissingValues { measure_ids } => {
                f.write_str("no value for ")?;
                write_list(f, measure_ids)?;
                f.write_str("; the scorecard requires every measure")
            }
            ScoringError::NothingToScore {
                excluded_measure_ids,
            } => {
                f.write_str("every weighted measure lacks a value (")?;
                write_list(f, excluded_measure_ids)?;
                f.write_str("), so there is nothing to score")
            }
        }
    }
}

/// Writes `ids` separated by ", " straight into the formatter: a `join`
/// would build a `String` first and link its own generic body into the wasm.
fn write_list(f: &mut fmt::Formatter<'_>, ids: &[String]) -> fmt::Result {
    for (index, id) in ids.iter().enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        f.write_str(id)?;
    }
    Ok(())
}

impl std::error::Error for ScoringError {}

impl ScoringError {
    /// The stable code callers branch on (docs/errors.md).
    pub fn code(&self) -> ErrorCode {
        match self {
            ScoringError::InvalidScorecard { .. } => ErrorCode::INVALID_SCORECARD,
            ScoringError::MissingValues { .. } => ErrorCode::MISSING_VALUES,
            ScoringError::NothingToScore { .. } => ErrorCode::NOTHING_TO_SCORE,
        }
    }
}

/// Why no pipeline report could be built at all. Problems with single
/// projects are diagnostics in the report instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PipelineError {
    /// `as_of_ms` is NaN, infinite or outside the JavaScript date range.
    InvalidAsOf {
        /// The rejected time.
        as_of_ms: f64,
    },
    /// More projects than the limit allows.
    TooManyProjects {
        /// Projects passed.
        count: usize,
        /// Projects allowed.
        limit: usize,
    },
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::InvalidAsOf { as_of_ms } => write!(
                f,
                "as_of_ms must be a finite time within ±8.64e15 ms of the epoch, not {}",
                Plain(*as_of_ms)
            ),
            PipelineError::TooManyProjects { count, limit } => {
                write!(f, "{count} projects, more than the limit of {limit}")
            }
        }
    }
}

impl std::error::Error for PipelineError {}

impl PipelineError {
    /// The stable code callers branch on (docs/errors.md).
    pub fn code(&self) -> ErrorCode {
        match self {
            PipelineError::InvalidAsOf { .. } => ErrorCode::INVALID_AS_OF,
            PipelineError::TooManyProjects { .. } => ErrorCode::TOO_MANY_PROJECTS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::validate::ScorecardDiagnosticCode;

    fn check(error: &dyn std::error::Error, expected: &str) {
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn messages_name_what_is_wrong() {
        let diagnostic = ScorecardDiagnostic {
            code: ScorecardDiagnosticCode::InvalidWeight,
            message: "a weight must be finite and >= 0, not -1".into(),
            path: "measures[0].weight".into(),
        };
        check(
            &ScoringError::InvalidScorecard {
                diagnostics: vec![diagnostic.clone(), diagnostic],
            },
            "the scorecard is invalid: measures[0].weight: a weight must be finite and >= 0, \
             not -1 (invalid-weight); measures[0].weight: a weight must be finite and >= 0, \
             not -1 (invalid-weight)",
        );
        check(
            &ScoringError::MissingValues {
                measure_ids: vec!["irr".into(), "npv".into()],
            },
            "no value for irr, npv; the scorecard requires every measure",
        );
        check(
            &ScoringError::NothingToScore {
                excluded_measure_ids: vec!["irr".into()],
            },
            "every weighted measure lacks a value (irr), so there is nothing to score",
        );
        check(
            &PipelineError::TooManyProjects { count: 3, limit: 2 },
            "3 projects, more than the limit of 2",
        );
        check(
            &PipelineError::InvalidAsOf { as_of_ms: f64::NAN },
            "as_of_ms must be a finite time within ±8.64e15 ms of the epoch, not NaN",
        );
    }
}
