//! Model diagnostics: every problem in a model, as data, with the model
//! path it refers to (`calculations[3].formula`) and, inside a formula, the
//! byte span within that formula.
//!
//! Diagnostics never stop validation: a model comes back with all of them.
//!
//! Also the two helpers every reader words its diagnostics with
//! ([`item_path`], [`suggest_id`]): here rather than in `read`, so that
//! `read`, `fields` and `inputs` share them without importing one another.

use crate::formula::Span;
use std::fmt;

/// What kind of problem a model diagnostic reports; stable across versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelDiagnosticCode {
    UnsupportedSchema,
    MissingField,
    WrongType,
    UnknownField,
    InvalidId,
    DuplicateId,
    ReservedId,
    InvalidValue,
    OutOfRange,
    InvalidDistribution,
    FormulaSyntax,
    UnknownName,
    UnknownFunction,
    WrongArgumentCount,
    Cycle,
    WrongKind,
    UnknownReference,
    TooLarge,
}

impl ModelDiagnosticCode {
    /// The code as a kebab-case string, as JavaScript sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelDiagnosticCode::UnsupportedSchema => "unsupported-schema",
            ModelDiagnosticCode::MissingField => "missing-field",
            ModelDiagnosticCode::WrongType => "wrong-type",
            ModelDiagnosticCode::UnknownField => "unknown-field",
            ModelDiagnosticCode::InvalidId => "invalid-id",
            ModelDiagnosticCode::DuplicateId => "duplicate-id",
            ModelDiagnosticCode::ReservedId => "reserved-id",
            ModelDiagnosticCode::InvalidValue => "invalid-value",
            ModelDiagnosticCode::OutOfRange => "out-of-range",
            ModelDiagnosticCode::InvalidDistribution => "invalid-distribution",
            ModelDiagnosticCode::FormulaSyntax => "formula-syntax",
            ModelDiagnosticCode::UnknownName => "unknown-name",
            ModelDiagnosticCode::UnknownFunction => "unknown-function",
            ModelDiagnosticCode::WrongArgumentCount => "wrong-argument-count",
            ModelDiagnosticCode::Cycle => "cycle",
            ModelDiagnosticCode::WrongKind => "wrong-kind",
            ModelDiagnosticCode::UnknownReference => "unknown-reference",
            ModelDiagnosticCode::TooLarge => "too-large",
        }
    }
}

/// One problem in a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelDiagnostic {
    pub code: ModelDiagnosticCode,
    pub message: String,
    /// Where in the document: `inputs[2].default`, `calculations[0].formula`.
    pub path: String,
    /// Inside a formula, the byte span the problem covers.
    pub span: Option<Span>,
}

impl ModelDiagnostic {
    pub fn new(
        code: ModelDiagnosticCode,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ModelDiagnostic {
            code,
            message: message.into(),
            path: path.into(),
            span: None,
        }
    }

    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
}

impl fmt::Display for ModelDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.path,
            self.message,
            self.code.as_str()
        )?;
        if let Some(span) = self.span {
            write!(f, " at {}..{}", span.start, span.end)?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelDiagnostic {}

/// Errors from using a compiled model: bad input values, unknown ids,
/// analysis options out of range.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// No item of this kind has this id.
    UnknownId { kind: IdKind, id: String },
    /// An input value does not fit the input's kind or bounds.
    InvalidInput { input: String, reason: String },
    /// An analysis option is out of range.
    InvalidOption {
        option: &'static str,
        reason: String,
    },
    /// An analysis would evaluate more formula cells than its budget
    /// allows; `advice` says what to ask for instead.
    TooMuchWork {
        analysis: &'static str,
        cells: usize,
        limit: usize,
        advice: &'static str,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::UnknownId { kind, id } => write!(f, "no {kind} has the id `{id}`"),
            ModelError::InvalidInput { input, reason } => write!(f, "input `{input}`: {reason}"),
            ModelError::InvalidOption { option, reason } => {
                write!(f, "option `{option}`: {reason}")
            }
            ModelError::TooMuchWork {
                analysis,
                cells,
                limit,
                advice,
            } => write!(
                f,
                "{analysis} would evaluate {cells} formula cells; the limit is {limit}: {advice}"
            ),
        }
    }
}

impl std::error::Error for ModelError {}

/// What kind of item an unknown id was asked for as, so a caller can
/// branch on it (a misspelt input differs from a missing output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// An input of the model.
    Input,
    /// An output of the model.
    Output,
    /// A per-period calculation (a series) of the model.
    Calculation,
}

impl IdKind {
    /// The kind as a message names it.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Input => "input",
            IdKind::Output => "output",
            IdKind::Calculation => "per-period calculation",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `list[index]`: the path of a list item. One function for every list, so
/// the formatting is compiled once rather than at each reader.
pub fn item_path(list: &str, index: usize) -> String {
    format!("{list}[{index}]")
}

/// "; did you mean `x`?" for the closest id, or nothing.
pub fn suggest_id<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> String {
    crate::formula::functions::closest(wanted, ids)
        .map(|id| format!("; did you mean `{id}`?"))
        .unwrap_or_default()
}
