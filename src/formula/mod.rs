//! The Excel-style formula language: text in, value and diagnostics out.
//!
//! `evaluate("=PMT(8%/12, 10, 10000)")` lexes, parses and evaluates a formula
//! with Excel's syntax and semantics. Problems come back as diagnostics with
//! byte spans, never as panics. This module may call [`crate::finance`];
//! `finance` knows nothing of formulas.

pub mod ast;
pub mod diagnostic;
pub mod eval;
pub mod functions;
pub mod lexer;
pub mod limits;
pub mod parser;
pub mod printer;
pub mod value;

pub use diagnostic::{Diagnostic, DiagnosticCode, Span};
pub use eval::{Evaluator, Names, NoNames};
pub use value::{Array, ErrorKind, ErrorValue, Value};

/// The result of evaluating a formula: its value and every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub value: Value,
    pub diagnostics: Vec<Diagnostic>,
}

/// Evaluates a formula with no variables. A leading `=` is optional.
pub fn evaluate(formula: &str) -> Evaluation {
    evaluate_with(formula, &NoNames)
}

/// Evaluates a formula, resolving variable names through `names`.
pub fn evaluate_with(formula: &str, names: &dyn Names) -> Evaluation {
    match parser::parse(formula) {
        Ok(parsed) => Evaluation {
            value: Evaluator::new(names).eval(&parsed.expr),
            diagnostics: parsed.diagnostics,
        },
        Err(diagnostics) => {
            let message = diagnostics.first().map_or_else(
                || "the formula does not parse".to_string(),
                |d| d.message.clone(),
            );
            Evaluation {
                value: Value::error(ErrorKind::Syntax, message),
                diagnostics,
            }
        }
    }
}
