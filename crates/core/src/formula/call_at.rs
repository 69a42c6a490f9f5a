//! Editing help: the function call whose parentheses hold the caret, the
//! argument the caret is in, and that function's parameters from the
//! registry, for the playground's signature hint.
//!
//! It reads the formula with the engine's own lexer (leniently, since a
//! formula being typed is rarely valid), so strings, array constants and
//! the `;` separator mean here exactly what they mean to the parser. It
//! never parses into a tree and never evaluates.

use super::functions;
use super::lexer::{tokenize_lenient, TokenKind};

/// The call the caret is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallAt {
    /// The function's name as the registry spells it (upper case).
    pub name: &'static str,
    /// The 0-based index of the argument the caret is in: how many `,` or
    /// `;` of the call's own level come before it.
    pub argument_index: usize,
    /// The function's parameters as shown to people: `[fv]` is optional,
    /// and a `...` entry says that the parameter before it repeats.
    pub parameters: Vec<&'static str>,
    /// The index in `parameters` of the one the argument stands for:
    /// `argument_index` itself, or, at or past a `...`, the repeating
    /// parameter before it; `None` past the end of a fixed list.
    pub active_parameter: Option<usize>,
    /// The function's one-line summary.
    pub summary: &'static str,
}

/// An open bracket before the caret.
struct Open {
    /// The function name before a call's `(`; `None` for a grouping `(`
    /// and for an array constant's `{`, whose separators are not the
    /// call's.
    call: Option<String>,
    /// Separators of this level seen so far.
    separators: usize,
}

/// The innermost function call whose `(` comes before `caret` (a byte
/// offset into `source`, clamped to its length and moved back to a
/// character boundary) and is not closed before it. Grouping parentheses
/// and array constants inside a call are part of its argument. `None`
/// outside every call, and when the innermost call is not a function the
/// registry knows.
pub fn call_at(source: &str, caret: usize) -> Option<CallAt> {
    let mut end = caret.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = source.get(..end)?;
    let mut open: Vec<Open> = Vec::new();
    let mut previous: Option<TokenKind> = None;
    for token in tokenize_lenient(before) {
        match &token.kind {
            TokenKind::LeftParen => {
                let call = match previous.take() {
                    Some(TokenKind::Name(name)) => Some(name),
                    _ => None,
                };
                open.push(Open {
                    call,
                    separators: 0,
                });
            }
            TokenKind::LeftBrace => open.push(Open {
                call: None,
                separators: 0,
            }),
            TokenKind::RightParen | TokenKind::RightBrace => {
                open.pop();
            }
            TokenKind::Comma | TokenKind::Semicolon => {
                if let Some(innermost) = open.last_mut() {
                    innermost.separators += 1;
                }
            }
            _ => {}
        }
        previous = Some(token.kind);
    }
    let (name, argument_index) = open
        .iter()
        .rev()
        .find_map(|level| Some((level.call.as_deref()?, level.separators)))?;
    let spec = functions::find(name)?;
    let parameters: Vec<&'static str> = functions::parameters(spec.name)?.collect();
    Some(CallAt {
        name: spec.name,
        argument_index,
        active_parameter: active_parameter(&parameters, argument_index),
        parameters,
        summary: functions::summary(spec.name).unwrap_or_default(),
    })
}

/// Which displayed parameter argument `argument_index` stands for.
fn active_parameter(parameters: &[&str], argument_index: usize) -> Option<usize> {
    let repeat = parameters.iter().position(|p| *p == "...");
    match parameters.get(argument_index) {
        Some(&parameter) if parameter != "..." => Some(argument_index),
        _ => repeat.and_then(|at| at.checked_sub(1)),
    }
}

#[cfg(test)]
#[path = "call_at_test.rs"]
mod tests;
