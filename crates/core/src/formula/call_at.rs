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
    /// The function's parameters as the registry writes them, joined by
    /// `|` (read them with [`CallAt::parameters`]). Kept as the one static
    /// text rather than collected, so nothing is allocated for them.
    pub parameter_list: &'static str,
    /// The index in `parameters` of the one the argument stands for:
    /// `argument_index` itself, or, at or past a `...`, the repeating
    /// parameter before it; `None` past the end of a fixed list.
    pub active_parameter: Option<usize>,
}

impl CallAt {
    /// The function's parameters as shown to people: `[fv]` is optional,
    /// and a `...` entry says that the parameter before it repeats.
    pub fn parameters(&self) -> functions::Parameters {
        self.parameter_list.split('|')
    }
}

/// An open bracket before the caret.
struct Open<'t> {
    /// The function name before a call's `(`, borrowed from its token;
    /// `None` for a grouping `(` and for an array constant's `{`, whose
    /// separators are not the call's.
    call: Option<&'t str>,
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
    let tokens = tokenize_lenient(before);
    let mut open: Vec<Open> = Vec::new();
    let mut previous: Option<&TokenKind> = None;
    for token in &tokens {
        match &token.kind {
            TokenKind::LeftParen => {
                let call = match previous {
                    Some(TokenKind::Name(name)) => Some(name.as_str()),
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
        previous = Some(&token.kind);
    }
    let (name, argument_index) = open
        .iter()
        .rev()
        .find_map(|level| Some((level.call?, level.separators)))?;
    let spec = functions::find(name)?;
    let &(_, parameter_list) = functions::help_row(spec.name)?;
    Some(CallAt {
        name: spec.name,
        argument_index,
        active_parameter: active_parameter(parameter_list, argument_index),
        parameter_list,
    })
}

/// Which displayed parameter (of the `|`-joined `parameter_list`) argument
/// `argument_index` stands for. One pass over the list, no collection.
fn active_parameter(parameter_list: &str, argument_index: usize) -> Option<usize> {
    let mut repeat = None;
    for (index, parameter) in parameter_list.split('|').enumerate() {
        if parameter == "..." {
            repeat = repeat.or(Some(index));
        } else if index == argument_index {
            return Some(argument_index);
        }
    }
    repeat.and_then(|at: usize| at.checked_sub(1))
}

#[cfg(test)]
#[path = "call_at_test.rs"]
mod tests;
