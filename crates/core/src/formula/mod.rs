//! The Excel-style formula language: text in, value and diagnostics out.
//!
//! `evaluate("=PMT(8%/12, 10, 10000)")` lexes, parses and evaluates a formula
//! with Excel's syntax and semantics. Problems come back as diagnostics with
//! byte spans, never as panics. This module may call [`crate::finance`];
//! `finance` knows nothing of formulas.

pub mod ast;
#[cfg(feature = "workbench")]
pub mod call_at;
pub mod calling;
pub mod case_fold;
pub mod decimal;
pub mod diagnostic;
pub mod eval;
pub mod functions;
pub mod lexer;
pub mod limits;
#[cfg(feature = "workbench")]
pub mod name_at;
pub mod names;
pub mod operators;
pub mod parser;
pub mod printer;
pub mod value;

pub use diagnostic::{Diagnostic, DiagnosticCode, Span};
pub use eval::{Evaluator, Names, NoNames};
pub use value::{Array, ErrorKind, ErrorValue, Value};

/// The result of evaluating a formula: its value and every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The formula's value; `#ERROR!` when it does not parse.
    pub value: Value,
    /// Every problem found, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Evaluates a formula with no variables. A leading `=` is optional.
pub fn evaluate(formula: &str) -> Evaluation {
    evaluate_with(formula, &NoNames)
}

/// Adds a diagnostic for every variable name `names` does not know, so the
/// page can point at it; names a surrounding LET binds (`scope`) are known.
/// Recursion is bounded by the parser's tree depth.
fn unknown_names<'e>(
    expr: &'e ast::Expr,
    names: &dyn Names,
    scope: &mut Vec<&'e str>,
    out: &mut Vec<Diagnostic>,
) {
    use ast::ExprKind;
    match &expr.kind {
        ExprKind::Name(name)
            if names.lookup(name).is_none()
                && !scope.iter().any(|bound| bound.eq_ignore_ascii_case(name)) =>
        {
            let looks_like_cell = name
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .chars()
                .all(|c| c.is_ascii_digit())
                && name.chars().any(|c| c.is_ascii_digit());
            let hint = if looks_like_cell {
                "; cell references are not supported, use numbers or an array such as {1,2,3}"
            } else if functions::find(name).is_some() {
                "; to call the function, add parentheses"
            } else {
                ""
            };
            out.push(Diagnostic::new(
                DiagnosticCode::UnknownName,
                format!("unknown name `{name}`{hint}"),
                expr.span,
            ));
        }
        ExprKind::Call { name, args, .. } => {
            let depth = scope.len();
            let bound = match name.as_str() {
                "LET" => functions::let_function::bound_names(args),
                _ => None,
            };
            match bound {
                // Each value sees the names before it; the calculation all.
                Some(bound) => {
                    for (index, arg) in args.iter().enumerate() {
                        if index % 2 == 1 || index + 1 == args.len() {
                            unknown_names(arg, names, scope, out);
                        }
                        if let Some(name) = bound.get(index / 2).filter(|_| index % 2 == 1) {
                            scope.push(name);
                        }
                    }
                }
                None => args
                    .iter()
                    .for_each(|a| unknown_names(a, names, scope, out)),
            }
            scope.truncate(depth);
        }
        ExprKind::Unary { operand, .. } | ExprKind::Postfix { operand, .. } => {
            unknown_names(operand, names, scope, out)
        }
        ExprKind::Group(inner) => unknown_names(inner, names, scope, out),
        ExprKind::Binary { left, right, .. } => {
            unknown_names(left, names, scope, out);
            unknown_names(right, names, scope, out);
        }
        _ => {}
    }
}

/// A formula parsed once and evaluated any number of times, so a page or a
/// model that re-evaluates the same text pays for parsing only once.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledFormula {
    /// The tree, or `None` when the formula does not parse.
    expr: Option<ast::Expr>,
    /// Syntax errors, unknown functions and wrong argument counts.
    diagnostics: Vec<Diagnostic>,
}

impl CompiledFormula {
    /// Parses `formula` (a leading `=` is optional).
    pub fn compile(formula: &str) -> CompiledFormula {
        match parser::parse(formula) {
            Ok(parsed) => CompiledFormula {
                expr: Some(parsed.expr),
                diagnostics: parsed.diagnostics,
            },
            Err(diagnostics) => CompiledFormula {
                expr: None,
                diagnostics,
            },
        }
    }

    /// The problems found while parsing.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The syntax tree, when the formula parsed.
    pub fn expr(&self) -> Option<&ast::Expr> {
        self.expr.as_ref()
    }

    /// The formula's value, resolving names through `names`. A formula that
    /// does not parse gives `#ERROR!` with the first syntax error's message.
    pub fn evaluate(&self, names: &dyn Names) -> Value {
        match &self.expr {
            Some(expr) => Evaluator::new(names).eval(expr),
            None => {
                let message = self.diagnostics.first().map_or_else(
                    || "the formula does not parse".to_string(),
                    |d| d.message.clone(),
                );
                Value::error(ErrorKind::Syntax, message)
            }
        }
    }

    /// The value and every diagnostic, including names `names` does not know.
    pub fn evaluation(&self, names: &dyn Names) -> Evaluation {
        let mut diagnostics = self.diagnostics.clone();
        if let Some(expr) = &self.expr {
            unknown_names(expr, names, &mut Vec::new(), &mut diagnostics);
        }
        Evaluation {
            value: self.evaluate(names),
            diagnostics,
        }
    }
}

/// Evaluates a formula, resolving variable names through `names`.
pub fn evaluate_with(formula: &str, names: &dyn Names) -> Evaluation {
    CompiledFormula::compile(formula).evaluation(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_diagnosed_with_hints() {
        let evaluation = evaluate("=A1+revenue");
        assert_eq!(evaluation.diagnostics.len(), 2);
        assert!(evaluation.diagnostics[0]
            .message
            .contains("cell references are not supported"));
        assert_eq!(evaluation.diagnostics[1].span, Span::new(4, 11));
        assert!(matches!(evaluation.value, Value::Error(e) if e.kind == ErrorKind::Name));
    }

    #[test]
    fn an_unknown_function_is_named_in_the_diagnostic_and_the_value() {
        let evaluation = evaluate("=1+FOOBAR(1)");
        assert_eq!(evaluation.diagnostics.len(), 1);
        let diagnostic = &evaluation.diagnostics[0];
        assert_eq!(diagnostic.code, DiagnosticCode::UnknownFunction);
        assert_eq!(diagnostic.message, "unknown function `FOOBAR`");
        assert_eq!(diagnostic.span, Span::new(3, 9));
        match evaluation.value {
            Value::Error(e) => {
                assert_eq!(e.kind, ErrorKind::Name);
                assert_eq!(e.message, "unknown function `FOOBAR`");
            }
            other => panic!("{other:?}"),
        }
        let near = evaluate("SUMIFZ(1)");
        assert!(near.diagnostics[0].message.contains("did you mean SUMIF"));
    }

    #[test]
    fn let_names_are_known_inside_their_let_only() {
        let inside = evaluate("LET(rate, 5%, total, 100, total * (1 + rate))");
        assert!(inside.diagnostics.is_empty(), "{:?}", inside.diagnostics);
        assert_eq!(inside.value, Value::Number(105.0));
        // A value does not see its own name, nor the names after it.
        let own = evaluate("LET(x, x + 1, y, 2, x)");
        assert_eq!(own.diagnostics.len(), 1);
        assert_eq!(own.diagnostics[0].span, Span::new(7, 8));
        let outside = evaluate("LET(x, 1, x) + x");
        assert_eq!(outside.diagnostics.len(), 1);
        assert_eq!(outside.diagnostics[0].span, Span::new(15, 16));
    }

    #[test]
    fn a_compiled_formula_evaluates_like_the_text() {
        let compiled = CompiledFormula::compile("=PMT(8%/12, 10, 10000)");
        assert!(compiled.diagnostics().is_empty());
        assert_eq!(
            compiled.evaluate(&NoNames),
            evaluate("PMT(8%/12,10,10000)").value
        );
        let broken = CompiledFormula::compile("=IF(1,2");
        assert!(broken.expr().is_none());
        assert!(
            matches!(broken.evaluate(&NoNames), Value::Error(e) if e.kind == ErrorKind::Syntax)
        );
    }
}
