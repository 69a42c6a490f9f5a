//! The parser: tokens to a syntax tree, with Excel's precedence
//! (negation, then `%`, then `^`, `* /`, `+ -`, `&`, comparisons; all binary
//! operators left-associative) and bounded nesting.
//!
//! A syntax error is returned as a diagnostic with a span and a message a
//! marketer can act on; the parser never panics and never recurses deeper
//! than [`MAX_NESTING_DEPTH`](super::limits::MAX_NESTING_DEPTH) levels. Unknown functions and wrong argument
//! counts do not stop parsing: they come back as diagnostics beside the tree.

use super::ast::{ArrayElement, BinaryOp, Expr, ExprKind, PostfixOp, UnaryOp};
use super::calling::arity_text;
use super::diagnostic::{line_column, Diagnostic, DiagnosticCode, Span};
use super::functions;
use super::lexer::{tokenize, Token, TokenKind};
use super::limits::Limits;

/// A parsed formula and the non-fatal problems found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The syntax tree, present when the syntax is valid even if a call
    /// names an unknown function or has the wrong argument count.
    pub expr: Expr,
    /// Unknown functions and wrong argument counts; evaluation turns these
    /// into `#NAME?` and `#VALUE!` values.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a formula under the default [`Limits`]; a leading `=` is
/// optional. Returns the fatal syntax error as a one-element list on failure.
pub fn parse(formula: &str) -> Result<Parsed, Vec<Diagnostic>> {
    parse_with_limits(formula, Limits::default())
}

/// Parses a formula under the given limits.
pub fn parse_with_limits(formula: &str, limits: Limits) -> Result<Parsed, Vec<Diagnostic>> {
    let max_formula_bytes = limits.max_formula_bytes;
    if formula.len() > max_formula_bytes {
        return Err(vec![Diagnostic::new(
            DiagnosticCode::FormulaTooLong,
            format!(
                "the formula is {} bytes long; the limit is {max_formula_bytes}",
                formula.len()
            ),
            Span::new(
                floor_char_boundary(formula, max_formula_bytes),
                formula.len(),
            ),
        )]);
    }
    let tokens = tokenize(formula).map_err(|d| vec![d])?;
    let mut parser = Parser {
        source: formula,
        tokens,
        position: 0,
        nesting_depth: 0,
        diagnostics: Vec::new(),
        limits,
    };
    if parser.peek().kind == TokenKind::Equal {
        parser.position += 1;
    }
    if parser.peek().kind == TokenKind::End {
        return Err(vec![Diagnostic::new(
            DiagnosticCode::UnexpectedEnd,
            "the formula is empty; type a value or a function such as =SUM(1, 2)",
            parser.peek().span,
        )]);
    }
    let node = parser.expression(0).map_err(|d| vec![*d])?;
    let next = parser.peek();
    if next.kind != TokenKind::End {
        let hint = if next.kind == TokenKind::RightParen {
            "; there is a `)` without a matching `(`".to_string()
        } else {
            "; expected an operator such as + or the end of the formula".to_string()
        };
        return Err(vec![Diagnostic::new(
            DiagnosticCode::UnexpectedToken,
            format!("unexpected {}{hint}", next.kind.describe()),
            next.span,
        )]);
    }
    Ok(Parsed {
        expr: node.expr,
        diagnostics: parser.diagnostics,
    })
}

/// An expression with the depth of its tree, tracked while building so that
/// no later pass has to recurse into an unbounded tree.
struct Node {
    expr: Expr,
    depth: usize,
}

struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Token>,
    position: usize,
    nesting_depth: usize,
    diagnostics: Vec<Diagnostic>,
    limits: Limits,
}

/// The largest char boundary at or below `index`, so spans never split a character.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    (0..=index.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0)
}

/// A parse step's result. A syntax error is boxed so that passing it up
/// through every level (each `?`) moves one pointer, not the diagnostic.
type Parse<T> = Result<T, Box<Diagnostic>>;

/// A syntax error, boxed (see [`Parse`]).
#[cold]
fn fail(code: DiagnosticCode, message: impl Into<String>, span: Span) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(code, message, span))
}

/// The end-of-formula token returned when the position runs past the tokens.
const END_TOKEN: Token = Token {
    kind: TokenKind::End,
    span: Span { start: 0, end: 0 },
};

impl Parser<'_> {
    fn peek(&self) -> &Token {
        self.tokens
            .get(self.position)
            .or_else(|| self.tokens.last())
            .unwrap_or(&END_TOKEN)
    }

    /// The next token, moved out of the list (nothing reads a token twice
    /// once it is passed, so it is not cloned); past the end, the end token.
    fn advance(&mut self) -> Token {
        let span = self.peek().span;
        let kind = match self.tokens.get_mut(self.position) {
            Some(token) => {
                self.position += 1;
                std::mem::replace(&mut token.kind, TokenKind::End)
            }
            None => TokenKind::End,
        };
        Token { kind, span }
    }

    fn node(&self, kind: ExprKind, span: Span, depth: usize) -> Parse<Node> {
        let max_tree_depth = self.limits.max_tree_depth;
        if depth > max_tree_depth {
            return Err(fail(
                DiagnosticCode::NestingTooDeep,
                format!(
                    "the formula is too deeply nested (more than {max_tree_depth} levels of operators); split it into smaller steps"
                ),
                span,
            ));
        }
        Ok(Node {
            expr: Expr::new(kind, span),
            depth,
        })
    }

    /// Enters one level of parentheses, call or array; fails past the limit
    /// before recursing, so 10,000 nested `(` cost nothing.
    fn enter(&mut self, opener: Span) -> Parse<()> {
        let max_nesting_depth = self.limits.max_nesting_depth;
        if self.nesting_depth >= max_nesting_depth {
            return Err(fail(
                DiagnosticCode::NestingTooDeep,
                format!(
                    "parentheses and functions nest more than {max_nesting_depth} levels deep here; split the formula into smaller steps"
                ),
                opener,
            ));
        }
        self.nesting_depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting_depth = self.nesting_depth.saturating_sub(1);
    }

    /// Binary operators of at least `min_precedence`, left-associative.
    fn expression(&mut self, min_precedence: u8) -> Parse<Node> {
        let mut left = self.operand()?;
        while let Some(op) = binary_op(&self.peek().kind) {
            if op.precedence() < min_precedence {
                break;
            }
            let op_token = self.advance();
            if self.peek().kind == TokenKind::End {
                return Err(fail(
                    DiagnosticCode::UnexpectedEnd,
                    format!("expected a value after `{}`", op.symbol()),
                    op_token.span,
                ));
            }
            let right = self.expression(op.precedence() + 1)?;
            let span = left.expr.span.to(right.expr.span);
            let depth = left.depth.max(right.depth) + 1;
            left = self.node(
                ExprKind::Binary {
                    op,
                    left: Box::new(left.expr),
                    right: Box::new(right.expr),
                },
                span,
                depth,
            )?;
        }
        Ok(left)
    }

    /// Prefix signs, a primary, then `%` suffixes. Signs bind tighter than
    /// `%` and `^` in Excel, so `-2^2` is `(-2)^2`.
    fn operand(&mut self) -> Parse<Node> {
        let mut prefixes = Vec::new();
        loop {
            let op = match self.peek().kind {
                TokenKind::Minus => UnaryOp::Negate,
                TokenKind::Plus => UnaryOp::Plus,
                _ => break,
            };
            prefixes.push((op, self.advance().span));
        }
        let mut node = self.primary()?;
        for (op, span) in prefixes.into_iter().rev() {
            let span = span.to(node.expr.span);
            let depth = node.depth + 1;
            node = self.node(
                ExprKind::Unary {
                    op,
                    operand: Box::new(node.expr),
                },
                span,
                depth,
            )?;
        }
        while self.peek().kind == TokenKind::Percent {
            let percent = self.advance();
            let span = node.expr.span.to(percent.span);
            let depth = node.depth + 1;
            node = self.node(
                ExprKind::Postfix {
                    op: PostfixOp::Percent,
                    operand: Box::new(node.expr),
                },
                span,
                depth,
            )?;
        }
        Ok(node)
    }

    fn primary(&mut self) -> Parse<Node> {
        let token = self.advance();
        let span = token.span;
        match token.kind {
            TokenKind::Number(n) => self.node(ExprKind::Number(n), span, 1),
            TokenKind::Text(text) => self.node(ExprKind::Text(text), span, 1),
            TokenKind::Error(kind) => self.node(ExprKind::Error(kind), span, 1),
            TokenKind::Name(name) => {
                if self.peek().kind == TokenKind::LeftParen {
                    self.call(name, span)
                } else if name.eq_ignore_ascii_case("TRUE") {
                    self.node(ExprKind::Bool(true), span, 1)
                } else if name.eq_ignore_ascii_case("FALSE") {
                    self.node(ExprKind::Bool(false), span, 1)
                } else {
                    self.node(ExprKind::Name(name), span, 1)
                }
            }
            TokenKind::LeftParen => self.group(span),
            TokenKind::LeftBrace => self.array(span),
            TokenKind::End => Err(fail(
                DiagnosticCode::UnexpectedEnd,
                "the formula ends where a value was expected",
                span,
            )),
            other => Err(fail(
                DiagnosticCode::UnexpectedToken,
                format!("expected a value, found {}", other.describe()),
                span,
            )),
        }
    }

    fn group(&mut self, open: Span) -> Parse<Node> {
        self.enter(open)?;
        let inner = self.expression(0)?;
        if self.peek().kind != TokenKind::RightParen {
            return Err(self.unclosed(open, "`)`", "the `(`", "", open));
        }
        let close = self.advance().span;
        self.leave();
        let depth = inner.depth + 1;
        self.node(ExprKind::Group(Box::new(inner.expr)), open.to(close), depth)
    }

    /// "expected {expected} to close {opener}{opener_suffix} opened at
    /// line:column, found {the next token}", spanning `start` to that token;
    /// every unclosed `(`, call and array shares this one message.
    fn unclosed(
        &self,
        start: Span,
        expected: &str,
        opener: &str,
        opener_suffix: &str,
        open: Span,
    ) -> Box<Diagnostic> {
        let found = self.peek();
        let code = if found.kind == TokenKind::End {
            DiagnosticCode::UnclosedDelimiter
        } else {
            DiagnosticCode::UnexpectedToken
        };
        let (line, column) = line_column(self.source, open.start);
        fail(
            code,
            format!(
                "expected {expected} to close {opener}{opener_suffix} opened at {line}:{column}, found {}",
                found.kind.describe()
            ),
            start.to(found.span),
        )
    }

    /// `NAME(arg, arg, ...)`; `;` is accepted between arguments too, as
    /// European spreadsheets write it. Blank arguments are [`ExprKind::Missing`].
    fn call(&mut self, name: String, name_span: Span) -> Parse<Node> {
        let open = self.advance().span;
        self.enter(open)?;
        let upper = name.to_ascii_uppercase();
        let mut args: Vec<Expr> = Vec::new();
        let mut depth = 1;
        if self.peek().kind != TokenKind::RightParen {
            loop {
                let arg = match self.peek().kind {
                    TokenKind::End => {
                        return Err(self.unclosed(
                            name_span,
                            "an argument or `)`",
                            &name,
                            "(",
                            open,
                        ))
                    }
                    TokenKind::Comma | TokenKind::Semicolon | TokenKind::RightParen => {
                        let at = self.peek().span.start;
                        self.node(ExprKind::Missing, Span::new(at, at), 1)?
                    }
                    _ => self.expression(0)?,
                };
                depth = depth.max(arg.depth);
                args.push(arg.expr);
                if args.len() > functions::MAX_ARGUMENTS {
                    return Err(fail(
                        DiagnosticCode::WrongArgumentCount,
                        format!(
                            "{upper} has more than {} arguments",
                            functions::MAX_ARGUMENTS
                        ),
                        name_span.to(self.peek().span),
                    ));
                }
                match self.peek().kind {
                    TokenKind::Comma | TokenKind::Semicolon => self.position += 1,
                    TokenKind::RightParen => break,
                    _ => return Err(self.unclosed(name_span, "`,` or `)`", &name, "(", open)),
                }
            }
        }
        let close = self.advance().span;
        self.leave();
        let span = name_span.to(close);
        self.check_call(&upper, name_span, span, args.len());
        let function = functions::find_id(&upper);
        self.node(
            ExprKind::Call {
                name: upper,
                function,
                args,
            },
            span,
            depth + 1,
        )
    }

    /// Records unknown functions and wrong argument counts without failing.
    fn check_call(&mut self, name: &str, name_span: Span, call_span: Span, arg_count: usize) {
        match functions::find(name) {
            None => {
                let hint = functions::suggest(name)
                    .map(|s| format!("; did you mean {s}?"))
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::new(
                    DiagnosticCode::UnknownFunction,
                    format!("unknown function `{name}`{hint}"),
                    name_span,
                ));
            }
            Some(spec) if arg_count < spec.min_args || arg_count > spec.max_args => {
                self.diagnostics.push(Diagnostic::new(
                    DiagnosticCode::WrongArgumentCount,
                    format!(
                        "{} takes {}, but got {arg_count}{}",
                        spec.name,
                        arity_text(spec.min_args, spec.max_args),
                        signature_suffix(spec.name)
                    ),
                    call_span,
                ));
            }
            Some(_) => {}
        }
    }

    /// An array constant `{1, 2; 3, 4}`: `,` separates columns, `;` rows.
    /// Elements are constants, optionally signed, as in Excel.
    fn array(&mut self, open: Span) -> Parse<Node> {
        self.enter(open)?;
        let mut rows: Vec<Vec<ArrayElement>> = vec![Vec::new()];
        let mut element_count = 0usize;
        loop {
            let element = self.array_element(open)?;
            element_count += 1;
            let max_array_elements = self.limits.max_array_elements;
            if element_count > max_array_elements {
                return Err(fail(
                    DiagnosticCode::ArrayTooLarge,
                    format!("an array may hold at most {max_array_elements} values"),
                    open.to(self.peek().span),
                ));
            }
            if let Some(row) = rows.last_mut() {
                row.push(element);
            }
            match &self.peek().kind {
                TokenKind::Comma => {}
                TokenKind::Semicolon => rows.push(Vec::new()),
                TokenKind::RightBrace => break,
                TokenKind::End => {
                    return Err(self.unclosed(open, "`,`, `;` or `}`", "the array", "", open))
                }
                other => {
                    return Err(fail(
                        DiagnosticCode::InvalidArray,
                        format!(
                            "an array may only hold constants separated by `,` and `;`, not {}; compute values outside the braces",
                            other.describe()
                        ),
                        self.peek().span,
                    ))
                }
            }
            self.position += 1;
        }
        let close = self.advance().span;
        self.leave();
        let span = open.to(close);
        let width = rows.first().map_or(0, Vec::len);
        if let Some((index, row)) = rows.iter().enumerate().find(|(_, row)| row.len() != width) {
            return Err(fail(
                DiagnosticCode::InvalidArray,
                format!(
                    "every row of an array needs the same number of values: row 1 has {width}, row {} has {}",
                    index + 1,
                    row.len()
                ),
                span,
            ));
        }
        self.node(ExprKind::Array(rows), span, 1)
    }

    fn array_element(&mut self, open: Span) -> Parse<ArrayElement> {
        let mut negative = false;
        let mut sign_span = None;
        while matches!(self.peek().kind, TokenKind::Minus | TokenKind::Plus) {
            let sign = self.advance();
            negative ^= sign.kind == TokenKind::Minus;
            sign_span.get_or_insert(sign.span);
        }
        if self.peek().kind == TokenKind::End {
            return Err(self.unclosed(open, "`}`", "the array", "", open));
        }
        let token = self.advance();
        let element = match (token.kind, sign_span) {
            (TokenKind::Number(n), _) => ArrayElement::Number(if negative { -n } else { n }),
            (TokenKind::Text(text), None) => ArrayElement::Text(text),
            (TokenKind::Error(kind), None) => ArrayElement::Error(kind),
            (TokenKind::Name(name), None) if name.eq_ignore_ascii_case("TRUE") => {
                ArrayElement::Bool(true)
            }
            (TokenKind::Name(name), None) if name.eq_ignore_ascii_case("FALSE") => {
                ArrayElement::Bool(false)
            }
            (kind, _) => {
                return Err(fail(
                    DiagnosticCode::InvalidArray,
                    format!(
                        "an array may only hold numbers, text, TRUE/FALSE or error values, not {}; compute values outside the braces",
                        kind.describe()
                    ),
                    sign_span.unwrap_or(token.span).to(token.span),
                ))
            }
        };
        Ok(element)
    }
}

fn binary_op(kind: &TokenKind) -> Option<BinaryOp> {
    Some(match kind {
        TokenKind::Equal => BinaryOp::Equal,
        TokenKind::NotEqual => BinaryOp::NotEqual,
        TokenKind::Less => BinaryOp::Less,
        TokenKind::LessEqual => BinaryOp::LessEqual,
        TokenKind::Greater => BinaryOp::Greater,
        TokenKind::GreaterEqual => BinaryOp::GreaterEqual,
        TokenKind::Ampersand => BinaryOp::Concat,
        TokenKind::Plus => BinaryOp::Add,
        TokenKind::Minus => BinaryOp::Subtract,
        TokenKind::Star => BinaryOp::Multiply,
        TokenKind::Slash => BinaryOp::Divide,
        TokenKind::Caret => BinaryOp::Power,
        _ => return None,
    })
}

/// `: PMT(rate, nper, pv, [fv], [type])` after a wrong argument count, in the
/// full build; the widget build leaves the signatures' text out of its wasm
/// (0.8 KB gzipped), and its message ends at the count.
fn signature_suffix(name: &str) -> String {
    #[cfg(feature = "workbench")]
    if let Some(signature) = functions::signature(name) {
        return format!(": {signature}");
    }
    let _ = name;
    String::new()
}

#[cfg(test)]
#[path = "parser_test.rs"]
mod tests;
