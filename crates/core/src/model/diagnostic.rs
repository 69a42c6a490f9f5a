//! Model diagnostics: every problem in a model, as data, with the model
//! path it refers to (a [`ModelPath`], shown as `calculations[3].formula`)
//! and, inside a formula, the byte span within that formula.
//!
//! Diagnostics never stop validation: a model comes back with all of them.
//!
//! Also the two helpers every reader words its diagnostics with
//! ([`item_path`], [`suggest_id`]): here rather than in `read`, so that
//! `read`, `fields` and `inputs` share them without importing one another.

use crate::error::ErrorCode;
use crate::formula::Span;
use crate::json::Node;
use std::fmt;

/// What kind of problem a model diagnostic reports; stable across versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelDiagnosticCode {
    /// `schema` is not `yardstick/model@1`.
    UnsupportedSchema,
    /// A required field is absent.
    MissingField,
    /// A field has the wrong JSON type (text where a number belongs).
    WrongType,
    /// A field the format does not define (often a misspelling).
    UnknownField,
    /// An id that is not a letter or `_` followed by letters, digits or `_`
    /// (at most 64).
    InvalidId,
    /// Two inputs, calculations, outputs, scenarios or charts share an id.
    DuplicateId,
    /// An id that means something else in formulas (`period`, `TRUE`).
    ReservedId,
    /// A value that does not fit its field (a default outside the options).
    InvalidValue,
    /// A number outside its allowed range (a default below `min`).
    OutOfRange,
    /// An uncertainty whose parameters do not make a distribution
    /// (`min > mode`, `sd <= 0`).
    InvalidDistribution,
    /// A formula that does not parse.
    FormulaSyntax,
    /// A formula names no input or calculation of the model.
    UnknownName,
    /// A formula calls a function the engine does not have.
    UnknownFunction,
    /// A function call with too few or too many arguments.
    WrongArgumentCount,
    /// Calculations that depend on themselves (other than through PREV).
    Cycle,
    /// A series where a single value belongs or the reverse (an output that
    /// is a series, PREV of a scalar, `period` outside a series).
    WrongKind,
    /// A scenario or chart names an input, series or output that does not
    /// exist.
    UnknownReference,
    /// The model exceeds a size bound (inputs, calculations, periods, ...).
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
    /// What kind of problem it is; stable, for callers to branch on.
    pub code: ModelDiagnosticCode,
    /// The problem in a sentence, for people.
    pub message: String,
    /// Where in the document: `inputs[2].default`, `calculations[0].formula`.
    pub path: ModelPath,
    /// Inside a formula, the byte span the problem covers.
    pub span: Option<Span>,
}

impl ModelDiagnostic {
    /// A diagnostic at `path`, outside any formula.
    pub fn new(code: ModelDiagnosticCode, path: ModelPath, message: impl Into<String>) -> Self {
        ModelDiagnostic {
            code,
            message: message.into(),
            path,
            span: None,
        }
    }

    /// The same diagnostic, pointing at the bytes `span` of the formula at
    /// its path.
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

/// One step into a model document: a field of an object or an item of a
/// list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// The field of this name.
    Key(String),
    /// The item at this 0-based position.
    Index(usize),
    /// The item at this 0-based position of a top-level list, named by its
    /// id because no other item of that list has it (`inputs[team_size]`);
    /// see `model::item_names`. It displays as the id and is followed by
    /// position, so nothing is lost.
    Item {
        /// The item's 0-based position in its list.
        index: usize,
        /// The item's id, unique in its list (ignoring case).
        id: String,
    },
}

/// Where in a model document something is: the steps from the document's
/// root. It displays as `inputs[2].default` (empty for the root), or
/// `inputs[team_size].default` once its item step is named by id
/// ([`ModelPath::name_item`]), and [`ModelPath::find`] follows the steps in
/// a document without reading that text back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelPath {
    segments: Vec<PathSegment>,
}

impl ModelPath {
    /// The document itself.
    pub fn root() -> ModelPath {
        ModelPath::default()
    }

    /// The field `key` of the object here.
    pub fn key(&self, key: &str) -> ModelPath {
        self.with(PathSegment::Key(key.to_string()))
    }

    /// The item `index` of the list here.
    pub fn index(&self, index: usize) -> ModelPath {
        self.with(PathSegment::Index(index))
    }

    /// Names this path's item step by `id` (`inputs[2]` becomes
    /// `inputs[team_size]`); done by `model::item_names`, which checks that
    /// the id is valid and names one item only. A no-op unless the second
    /// step is a position.
    pub fn name_item(&mut self, id: &str) {
        if let Some(segment) = self.segments.get_mut(1) {
            if let PathSegment::Index(index) = *segment {
                *segment = PathSegment::Item {
                    index,
                    id: id.to_string(),
                };
            }
        }
    }

    fn with(&self, segment: PathSegment) -> ModelPath {
        let mut path = self.clone();
        path.segments.push(segment);
        path
    }

    /// The steps from the root, in order.
    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// Whether this is the document itself.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The node this path leads to in `document`, if every step exists.
    pub fn find<'a>(&self, document: &'a Node) -> Option<&'a Node> {
        let mut node = document;
        for segment in &self.segments {
            node = match (segment, node) {
                (PathSegment::Key(key), _) => node.get(key)?,
                (
                    PathSegment::Index(index) | PathSegment::Item { index, .. },
                    Node::List(items),
                ) => items.get(*index)?,
                (PathSegment::Index(_) | PathSegment::Item { .. }, _) => return None,
            };
        }
        Some(node)
    }
}

impl fmt::Display for ModelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.segments.iter().enumerate() {
            match segment {
                PathSegment::Key(key) => {
                    if position > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                PathSegment::Index(index) => write!(f, "[{index}]")?,
                PathSegment::Item { id, .. } => write!(f, "[{id}]")?,
            }
        }
        Ok(())
    }
}

/// Errors from using a compiled model: bad input values, unknown ids,
/// analysis options out of range.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// No item of this kind has this id.
    UnknownId {
        /// What was looked for.
        kind: IdKind,
        /// The id asked for.
        id: String,
    },
    /// An input value does not fit the input's kind or bounds.
    InvalidInput {
        /// The input's id.
        input: String,
        /// Why the value does not fit, in a sentence for the person who
        /// entered it: the input's label and the bound's display form.
        reason: String,
    },
    /// An analysis option is out of range.
    InvalidOption {
        /// The option's name, as the caller passes it (`trials`).
        option: &'static str,
        /// Why its value is refused, in a sentence.
        reason: String,
    },
    /// An analysis would evaluate more formula cells than its budget
    /// allows; `advice` says what to ask for instead.
    TooMuchWork {
        /// The analysis refused (`sensitivity`, `goal seek`, ...).
        analysis: &'static str,
        /// The formula cells it would evaluate.
        cells: usize,
        /// The most formula cells it may evaluate.
        limit: usize,
        /// What to ask for instead, in a sentence.
        advice: &'static str,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::UnknownId { kind, id } => write!(f, "no {kind} has the id `{id}`"),
            // The reason names the input by its label, for the person who
            // typed the value; the id stays in the `input` field.
            ModelError::InvalidInput { reason, .. } => f.write_str(reason),
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

impl ModelError {
    /// The stable code callers branch on (docs/errors.md).
    pub fn code(&self) -> ErrorCode {
        match self {
            ModelError::UnknownId { .. } => ErrorCode::UNKNOWN_ID,
            ModelError::InvalidInput { .. } => ErrorCode::INVALID_INPUT,
            ModelError::InvalidOption { .. } => ErrorCode::INVALID_OPTION,
            ModelError::TooMuchWork { .. } => ErrorCode::TOO_MUCH_WORK,
        }
    }
}

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
    /// A named scenario of the model.
    Scenario,
}

impl IdKind {
    /// The kind as a message names it.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Input => "input",
            IdKind::Output => "output",
            IdKind::Calculation => "per-period calculation",
            IdKind::Scenario => "scenario",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `list[index]`: the path of an item of one of the document's top-level
/// lists (`inputs`, `calculations`, ...).
pub fn item_path(list: &str, index: usize) -> ModelPath {
    ModelPath::root().key(list).index(index)
}

/// "; did you mean `x`?" for the closest id, or nothing.
pub fn suggest_id<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> String {
    crate::formula::functions::closest(wanted, ids)
        .map(|id| format!("; did you mean `{id}`?"))
        .unwrap_or_default()
}
