//! Parser (placeholder).
use super::ast::Expr;
use super::diagnostic::Diagnostic;

/// A parsed formula.
pub struct Parsed {
    pub expr: Expr,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a formula.
pub fn parse(_formula: &str) -> Result<Parsed, Vec<Diagnostic>> {
    Err(Vec::new())
}
