//! Editing help: the name the caret is typing, for the playground's
//! autocomplete. The caret must be inside a name token or at its end.
//!
//! It reads the formula with the engine's own lexer (leniently, as
//! [`super::call_at`] does), so what counts as a name, a string or a number
//! is exactly what the parser sees: nothing is offered inside a string,
//! in `1.5E` or in `12ab`. It never parses into a tree and never evaluates.

use super::lexer::{tokenize_lenient, TokenKind};

/// A name around the caret, as byte offsets into the formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameAt {
    /// Where the name starts.
    pub start: usize,
    /// Where it ends (past the caret when the caret is inside it): the
    /// range a completion replaces.
    pub end: usize,
    /// The caret, moved back to a character boundary: the text typed so
    /// far is `start..caret`.
    pub caret: usize,
}

/// The name token that holds `caret` (a byte offset into `source`, clamped
/// to its length and moved back to a character boundary) or ends at it.
/// `None` when the caret is not in or at the end of a name.
pub fn name_at(source: &str, caret: usize) -> Option<NameAt> {
    let mut caret = caret.min(source.len());
    while !source.is_char_boundary(caret) {
        caret -= 1;
    }
    // Tokens come in text order: the first that reaches the caret decides.
    for token in tokenize_lenient(source) {
        if token.span.start >= caret {
            return None;
        }
        if caret <= token.span.end {
            return match token.kind {
                TokenKind::Name(_) => Some(NameAt {
                    start: token.span.start,
                    end: token.span.end,
                    caret,
                }),
                _ => None,
            };
        }
    }
    None
}

#[cfg(test)]
#[path = "name_at_test.rs"]
mod tests;
