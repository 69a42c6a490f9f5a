//! The lexer: turns formula text into tokens with byte spans.
//!
//! It recognises Excel's literals (numbers, "strings" with doubled quotes,
//! error values such as `#DIV/0!`), names (letters, digits, `_` and `.`),
//! operators and punctuation. It never builds trees and never evaluates.

use super::diagnostic::{Diagnostic, DiagnosticCode, Span};
use super::value::ErrorKind;

/// One token's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// A number literal, already converted exactly (`formula::decimal`).
    Number(f64),
    /// A string literal, quotes removed and `""` unescaped.
    Text(String),
    /// An error literal such as `#N/A`.
    Error(ErrorKind),
    /// A name: a function, a variable, or TRUE / FALSE.
    Name(String),
    /// `+`.
    Plus,
    /// `-`.
    Minus,
    /// `*`.
    Star,
    /// `/`.
    Slash,
    /// `^`.
    Caret,
    /// `&`.
    Ampersand,
    /// `%`.
    Percent,
    /// `=`.
    Equal,
    /// `<>`.
    NotEqual,
    /// `<`.
    Less,
    /// `<=`.
    LessEqual,
    /// `>`.
    Greater,
    /// `>=`.
    GreaterEqual,
    /// `(`.
    LeftParen,
    /// `)`.
    RightParen,
    /// `{`: starts an array literal.
    LeftBrace,
    /// `}`.
    RightBrace,
    /// `,`: separates arguments and array columns.
    Comma,
    /// `;`: separates array rows.
    Semicolon,
    /// The end of the text; always the last token.
    End,
}

impl TokenKind {
    /// How the token reads in a message: "`)`", "a number", "the end of the formula".
    pub fn describe(&self) -> String {
        match self {
            TokenKind::Number(_) => "a number".to_string(),
            TokenKind::Text(_) => "a text value".to_string(),
            TokenKind::Error(kind) => format!("the error value `{kind}`"),
            TokenKind::Name(name) => format!("the name `{name}`"),
            TokenKind::End => "the end of the formula".to_string(),
            other => format!("`{}`", other.symbol()),
        }
    }

    fn symbol(&self) -> &'static str {
        match self {
            TokenKind::Plus => "+",
            TokenKind::Minus => "-",
            TokenKind::Star => "*",
            TokenKind::Slash => "/",
            TokenKind::Caret => "^",
            TokenKind::Ampersand => "&",
            TokenKind::Percent => "%",
            TokenKind::Equal => "=",
            TokenKind::NotEqual => "<>",
            TokenKind::Less => "<",
            TokenKind::LessEqual => "<=",
            TokenKind::Greater => ">",
            TokenKind::GreaterEqual => ">=",
            TokenKind::LeftParen => "(",
            TokenKind::RightParen => ")",
            TokenKind::LeftBrace => "{",
            TokenKind::RightBrace => "}",
            TokenKind::Comma => ",",
            TokenKind::Semicolon => ";",
            _ => "",
        }
    }
}

/// A token and where it stands in the formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// The bytes of the formula text it covers.
    pub span: Span,
}

/// Splits `source` into tokens, ending with [`TokenKind::End`]. Stops at the
/// first lexical error, which is returned as a diagnostic.
pub fn tokenize(source: &str) -> Result<Vec<Token>, Diagnostic> {
    let mut lexer = Lexer {
        source,
        position: 0,
    };
    let mut tokens = Vec::new();
    loop {
        let token = lexer.next_token()?;
        let done = token.kind == TokenKind::End;
        tokens.push(token);
        if done {
            return Ok(tokens);
        }
    }
}

/// Every token of `source` (without the final [`TokenKind::End`]),
/// stepping over what does not lex (an unterminated string, a stray `$`,
/// `12abc`) instead of stopping there: editing help reads formulas while
/// they are typed, before they are valid. Tokens it does return are the
/// ones [`tokenize`] gives for the same text.
pub fn tokenize_lenient(source: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        source,
        position: 0,
    };
    let mut tokens = Vec::new();
    loop {
        let before = lexer.position;
        match lexer.next_token() {
            Ok(token) if token.kind == TokenKind::End => return tokens,
            Ok(token) => tokens.push(token),
            // Every lexical error consumes its text; the step is a guard
            // that the loop always moves on.
            Err(_) if lexer.position > before => {}
            Err(_) => {
                if lexer.bump().is_none() {
                    return tokens;
                }
            }
        }
    }
}

struct Lexer<'a> {
    source: &'a str,
    position: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        self.source.get(self.position..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.position += ch.len_utf8();
        Some(ch)
    }

    fn next_token(&mut self) -> Result<Token, Diagnostic> {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        let start = self.position;
        let Some(ch) = self.peek() else {
            return Ok(Token {
                kind: TokenKind::End,
                span: Span::new(start, start),
            });
        };
        let kind = match ch {
            '0'..='9' | '.' => self.number(start)?,
            '"' => self.text(start)?,
            '#' => self.error_literal(start)?,
            c if is_name_start(c) => self.name(),
            _ => self.punctuation(start, ch)?,
        };
        Ok(Token {
            kind,
            span: Span::new(start, self.position),
        })
    }

    fn punctuation(&mut self, start: usize, ch: char) -> Result<TokenKind, Diagnostic> {
        self.bump();
        let kind = match ch {
            '+' => TokenKind::Plus,
            '-' => TokenKind::Minus,
            '*' => TokenKind::Star,
            '/' => TokenKind::Slash,
            '^' => TokenKind::Caret,
            '&' => TokenKind::Ampersand,
            '%' => TokenKind::Percent,
            '=' => TokenKind::Equal,
            '(' => TokenKind::LeftParen,
            ')' => TokenKind::RightParen,
            '{' => TokenKind::LeftBrace,
            '}' => TokenKind::RightBrace,
            ',' => TokenKind::Comma,
            ';' => TokenKind::Semicolon,
            '<' => match self.peek() {
                Some('=') => {
                    self.bump();
                    TokenKind::LessEqual
                }
                Some('>') => {
                    self.bump();
                    TokenKind::NotEqual
                }
                _ => TokenKind::Less,
            },
            '>' => {
                if self.peek() == Some('=') {
                    self.bump();
                    TokenKind::GreaterEqual
                } else {
                    TokenKind::Greater
                }
            }
            other => {
                let hint = match other {
                    '\'' => " (text goes in double quotes: \"like this\")",
                    '$' | '€' | '£' => " (write amounts without a currency sign)",
                    ':' => " (cell ranges are not supported; use an array such as {1,2,3})",
                    '!' => " (sheet references are not supported)",
                    _ => "",
                };
                return Err(Diagnostic::new(
                    DiagnosticCode::UnexpectedCharacter,
                    format!("unexpected character `{other}`{hint}"),
                    Span::new(start, self.position),
                ));
            }
        };
        Ok(kind)
    }

    /// Digits with an optional fraction and exponent: `12`, `.5`, `1.5E-3`.
    fn number(&mut self, start: usize) -> Result<TokenKind, Diagnostic> {
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            self.bump();
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let exponent_follows = match self.peek_second() {
                Some(c) if c.is_ascii_digit() => true,
                Some('+' | '-') => self
                    .rest()
                    .chars()
                    .nth(2)
                    .is_some_and(|c| c.is_ascii_digit()),
                _ => false,
            };
            if !exponent_follows {
                self.bump();
                return Err(self.invalid_number(start, "an exponent needs digits, as in 1.5E3"));
            }
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
        }
        // A letter glued to a number ("12abc") is a typo, not two tokens.
        if self
            .peek()
            .is_some_and(|c| is_name_start(c) || c.is_ascii_digit())
        {
            while self.peek().is_some_and(is_name_char) {
                self.bump();
            }
            return Err(self.invalid_number(start, "a number cannot run into letters"));
        }
        let text = self.source.get(start..self.position).unwrap_or("");
        if text.matches('.').count() > 1 || text == "." {
            return Err(self.invalid_number(start, "a number has at most one decimal point"));
        }
        match super::decimal::parse_decimal(text) {
            Some(n) if n.is_finite() => Ok(TokenKind::Number(n)),
            _ => Err(self.invalid_number(start, "the number is too large")),
        }
    }

    fn invalid_number(&self, start: usize, why: &str) -> Diagnostic {
        let text = self.source.get(start..self.position).unwrap_or("");
        Diagnostic::new(
            DiagnosticCode::InvalidNumber,
            format!("`{text}` is not a valid number: {why}"),
            Span::new(start, self.position),
        )
    }

    /// A string in double quotes; `""` inside stands for one quote.
    fn text(&mut self, start: usize) -> Result<TokenKind, Diagnostic> {
        self.bump();
        let mut text = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(Diagnostic::new(
                        DiagnosticCode::UnterminatedString,
                        "this text has no closing `\"`",
                        Span::new(start, self.position),
                    ))
                }
                Some('"') if self.peek() == Some('"') => {
                    self.bump();
                    text.push('"');
                }
                Some('"') => return Ok(TokenKind::Text(text)),
                Some(c) => text.push(c),
            }
        }
    }

    /// An error literal such as `#N/A` or `#DIV/0!`.
    fn error_literal(&mut self, start: usize) -> Result<TokenKind, Diagnostic> {
        let rest = self.rest();
        let found = ErrorKind::ALL
            .into_iter()
            .filter(|kind| *kind != ErrorKind::Syntax)
            .find(|kind| {
                rest.get(..kind.code().len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(kind.code()))
            });
        match found {
            Some(kind) => {
                self.position += kind.code().len();
                Ok(TokenKind::Error(kind))
            }
            None => {
                self.bump();
                Err(Diagnostic::new(
                    DiagnosticCode::UnexpectedCharacter,
                    "unknown error value; Excel's are #DIV/0!, #N/A, #NAME?, #NULL!, #NUM!, #REF!, #VALUE!",
                    Span::new(start, self.position),
                ))
            }
        }
    }

    /// A name: letters, digits, `_`, `.` and `\`, as Excel allows in names
    /// and dotted function names such as `STDEV.S`.
    fn name(&mut self) -> TokenKind {
        let start = self.position;
        while self.peek().is_some_and(is_name_char) {
            self.bump();
        }
        TokenKind::Name(
            self.source
                .get(start..self.position)
                .unwrap_or("")
                .to_string(),
        )
    }
}

/// Whether `c` can start a name: an ASCII letter, `_` or `\\`, or any
/// non-ASCII character that is not a space or a currency sign. Treating
/// every other non-ASCII character as a letter accepts names in any script
/// (`umsätze`, `売上`) without shipping Unicode's letter tables to the browser.
fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '_' | '\\')
        || (!c.is_ascii() && !c.is_whitespace() && !matches!(c, '€' | '£' | '¥' | '¢' | '₹'))
}

/// Whether `c` can continue a name: a name start, a digit or `.`.
fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '.'
}

#[cfg(test)]
#[path = "lexer_test.rs"]
mod tests;
