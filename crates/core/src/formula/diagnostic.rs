//! Diagnostics: problems found in a formula, as data a page can show in
//! place: a stable code, a message a marketer can act on, and a byte span.
//!
//! Diagnostics never abort anything; they travel beside the value.

use std::fmt;

/// A half-open byte range `start..end` into the formula text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte (`end >= start`).
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// What kind of problem a diagnostic reports; stable across versions so a
/// page can react to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticCode {
    /// The formula text is longer than the limit.
    FormulaTooLong,
    /// Parentheses, function calls or arrays nest deeper than the limit.
    NestingTooDeep,
    /// An array literal has more elements than the limit.
    ArrayTooLarge,
    /// A character that cannot start any token.
    UnexpectedCharacter,
    /// A string literal without its closing quote.
    UnterminatedString,
    /// A number that cannot be read, such as `1.2.3` or `1e`.
    InvalidNumber,
    /// A token where another was expected.
    UnexpectedToken,
    /// An opening `(`, `{` without its closing partner.
    UnclosedDelimiter,
    /// The formula ends where more was expected.
    UnexpectedEnd,
    /// An array literal with rows of different lengths or non-constant elements.
    InvalidArray,
    /// A function the engine does not know.
    UnknownFunction,
    /// A name that is neither a function nor a known variable.
    UnknownName,
    /// A function called with too few or too many arguments.
    WrongArgumentCount,
}

impl DiagnosticCode {
    /// The code as a kebab-case string, as JavaScript sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::FormulaTooLong => "formula-too-long",
            DiagnosticCode::NestingTooDeep => "nesting-too-deep",
            DiagnosticCode::ArrayTooLarge => "array-too-large",
            DiagnosticCode::UnexpectedCharacter => "unexpected-character",
            DiagnosticCode::UnterminatedString => "unterminated-string",
            DiagnosticCode::InvalidNumber => "invalid-number",
            DiagnosticCode::UnexpectedToken => "unexpected-token",
            DiagnosticCode::UnclosedDelimiter => "unclosed-delimiter",
            DiagnosticCode::UnexpectedEnd => "unexpected-end",
            DiagnosticCode::InvalidArray => "invalid-array",
            DiagnosticCode::UnknownFunction => "unknown-function",
            DiagnosticCode::UnknownName => "unknown-name",
            DiagnosticCode::WrongArgumentCount => "wrong-argument-count",
        }
    }
}

/// One problem in a formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What kind of problem, stable for callers to branch on.
    pub code: DiagnosticCode,
    /// What is wrong, for a person.
    pub message: String,
    /// Where in the formula text.
    pub span: Span,
}

impl Diagnostic {
    /// A diagnostic of `code` at `span` that says `message`.
    pub fn new(code: DiagnosticCode, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}..{}: {}",
            self.code.as_str(),
            self.span.start,
            self.span.end,
            self.message
        )
    }
}

impl std::error::Error for Diagnostic {}

/// The 1-based line and column (in characters) of a byte offset, for messages
/// such as "opened at 1:4".
pub fn line_column(source: &str, byte_offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (index, ch) in source.char_indices() {
        if index >= byte_offset {
            break;
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("=IF(", 3), (1, 4));
        assert_eq!(line_column("é+1", 2), (1, 2));
        assert_eq!(line_column("1+\n2", 3), (2, 1));
    }
}
