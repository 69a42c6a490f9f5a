//! The printer: a syntax tree back to formula text, such that parsing the
//! printed text gives the same tree (spans aside).
//!
//! Parentheses the tree holds as groups are printed as they are; where a
//! tree built by code lacks a group that precedence needs, the printer adds
//! one so the text still means the same computation.

use super::ast::{ArrayElement, Expr, ExprKind, PostfixOp, UnaryOp};

/// The formula text of a tree, without a leading `=`.
pub fn print(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(expr, &mut out);
    out
}

fn write_expr(expr: &Expr, out: &mut String) {
    match &expr.kind {
        ExprKind::Number(n) => out.push_str(&format_number(*n)),
        ExprKind::Text(text) => write_text(text, out),
        ExprKind::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        ExprKind::Error(kind) => out.push_str(kind.code()),
        ExprKind::Name(name) | ExprKind::Variable { name, .. } => out.push_str(name),
        ExprKind::Missing => {}
        ExprKind::Array(rows) => {
            out.push('{');
            for (row_index, row) in rows.iter().enumerate() {
                if row_index > 0 {
                    out.push(';');
                }
                for (col_index, element) in row.iter().enumerate() {
                    if col_index > 0 {
                        out.push(',');
                    }
                    write_element(element, out);
                }
            }
            out.push('}');
        }
        ExprKind::Call { name, args, .. } => {
            out.push_str(name);
            out.push('(');
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_expr(arg, out);
            }
            out.push(')');
        }
        ExprKind::Group(inner) => {
            out.push('(');
            write_expr(inner, out);
            out.push(')');
        }
        ExprKind::Unary { op, operand } => {
            out.push(match op {
                UnaryOp::Negate => '-',
                UnaryOp::Plus => '+',
            });
            // A sign binds tighter than anything but a primary.
            let needs_group = matches!(
                operand.kind,
                ExprKind::Binary { .. } | ExprKind::Postfix { .. }
            );
            write_operand(operand, needs_group, out);
        }
        ExprKind::Postfix {
            op: PostfixOp::Percent,
            operand,
        } => {
            let needs_group = matches!(operand.kind, ExprKind::Binary { .. });
            write_operand(operand, needs_group, out);
            out.push('%');
        }
        ExprKind::Binary { op, left, right } => {
            let precedence = op.precedence();
            let left_group =
                matches!(&left.kind, ExprKind::Binary { op: l, .. } if l.precedence() < precedence);
            let right_group = matches!(&right.kind, ExprKind::Binary { op: r, .. } if r.precedence() <= precedence);
            write_operand(left, left_group, out);
            out.push_str(op.symbol());
            write_operand(right, right_group, out);
        }
    }
}

fn write_operand(expr: &Expr, group: bool, out: &mut String) {
    if group {
        out.push('(');
    }
    write_expr(expr, out);
    if group {
        out.push(')');
    }
}

fn write_element(element: &ArrayElement, out: &mut String) {
    match element {
        ArrayElement::Number(n) => out.push_str(&format_number(*n)),
        ArrayElement::Text(text) => write_text(text, out),
        ArrayElement::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        ArrayElement::Error(kind) => out.push_str(kind.code()),
    }
}

fn write_text(text: &str, out: &mut String) {
    out.push('"');
    // A loop, not `str::replace`: no copy, and no generic replace in the wasm.
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// The shortest text that reads back as exactly the same number; exponent
/// form for very large or small magnitudes keeps formulas short.
fn format_number(n: f64) -> String {
    let magnitude = n.abs();
    if magnitude != 0.0 && !(1e-6..1e16).contains(&magnitude) {
        crate::number_text::shortest_exp(n)
    } else {
        crate::number_text::shortest(n)
    }
}
