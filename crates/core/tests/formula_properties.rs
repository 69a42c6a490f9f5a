//! Property tests of the formula language: printing and parsing are
//! inverse, and no input string makes evaluation panic, hang or return a
//! value of the wrong shape.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use proptest::prelude::*;
use yardstick_core::formula::ast::{ArrayElement, BinaryOp, Expr, ExprKind, PostfixOp, UnaryOp};
use yardstick_core::formula::parser::parse;
use yardstick_core::formula::printer::print;
use yardstick_core::formula::{evaluate, DiagnosticCode, Span, Value};

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::default())
}

fn group(expr: Expr) -> Expr {
    node(ExprKind::Group(Box::new(expr)))
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        (0.0f64..1e12).prop_map(|n| node(ExprKind::Number(n))),
        (0u32..1000).prop_map(|n| node(ExprKind::Number(f64::from(n)))),
        "[a-zA-Z \"é%]{0,6}".prop_map(|s| node(ExprKind::Text(s))),
        any::<bool>().prop_map(|b| node(ExprKind::Bool(b))),
        "[a-z_][a-z0-9_]{0,5}"
            .prop_filter("not a boolean", |s| s != "true" && s != "false")
            .prop_map(|s| node(ExprKind::Name(s))),
        prop::collection::vec(prop::collection::vec(-1e6f64..1e6, 1..4), 1..3).prop_map(|rows| {
            let width = rows[0].len();
            let rows = rows
                .into_iter()
                .map(|mut row| {
                    row.resize(width, 0.0);
                    row.into_iter().map(ArrayElement::Number).collect()
                })
                .collect();
            node(ExprKind::Array(rows))
        }),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    prop::sample::select(vec![
        BinaryOp::Equal,
        BinaryOp::NotEqual,
        BinaryOp::Less,
        BinaryOp::LessEqual,
        BinaryOp::Greater,
        BinaryOp::GreaterEqual,
        BinaryOp::Concat,
        BinaryOp::Add,
        BinaryOp::Subtract,
        BinaryOp::Multiply,
        BinaryOp::Divide,
        BinaryOp::Power,
    ])
}

fn precedence(expr: &Expr) -> Option<u8> {
    match &expr.kind {
        ExprKind::Binary { op, .. } => Some(op.precedence()),
        _ => None,
    }
}

/// Trees as the parser would build them: wherever precedence needs
/// parentheses, the tree holds an explicit group.
fn tree() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            (binary_op(), inner.clone(), inner.clone()).prop_map(|(op, left, right)| {
                let p = op.precedence();
                let left = if precedence(&left).is_some_and(|l| l < p) {
                    group(left)
                } else {
                    left
                };
                let right = if precedence(&right).is_some_and(|r| r <= p) {
                    group(right)
                } else {
                    right
                };
                node(ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                })
            }),
            (any::<bool>(), inner.clone()).prop_map(|(negate, operand)| {
                let operand = match operand.kind {
                    ExprKind::Binary { .. } | ExprKind::Postfix { .. } => group(operand),
                    _ => operand,
                };
                let op = if negate {
                    UnaryOp::Negate
                } else {
                    UnaryOp::Plus
                };
                node(ExprKind::Unary {
                    op,
                    operand: Box::new(operand),
                })
            }),
            inner.clone().prop_map(|operand| {
                let operand = if precedence(&operand).is_some() {
                    group(operand)
                } else {
                    operand
                };
                node(ExprKind::Postfix {
                    op: PostfixOp::Percent,
                    operand: Box::new(operand),
                })
            }),
            inner.clone().prop_map(group),
            (
                prop::sample::select(vec!["SUM", "IF", "NPV", "MAX", "CHOOSE", "UNKNOWNFN"]),
                prop::collection::vec(
                    prop_oneof![4 => inner.clone(), 1 => Just(node(ExprKind::Missing))],
                    0..4
                )
            )
                .prop_map(|(name, args)| {
                    // A lone blank argument prints as `F()`, which is a call with none.
                    let args = if args.len() == 1 && args[0].kind == ExprKind::Missing {
                        Vec::new()
                    } else {
                        args
                    };
                    node(ExprKind::Call {
                        name: name.to_string(),
                        function: yardstick_core::formula::functions::find_id(name),
                        args,
                    })
                }),
        ]
    })
}

fn assert_well_formed(value: &Value, formula: &str) {
    match value {
        Value::Number(n) => assert!(n.is_finite(), "{formula:?} gave {n}"),
        Value::Array(array) => {
            assert!(
                array.rows() * array.cols() == array.values().len(),
                "{formula:?}"
            );
            for element in array.values() {
                assert!(
                    !matches!(element, Value::Array(_)),
                    "{formula:?}: nested array"
                );
                assert_well_formed(element, formula);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parse_of_print_is_the_tree(tree in tree()) {
        let text = print(&tree);
        let parsed = parse(&text).map_err(|d| TestCaseError::fail(format!("{text:?}: {d:?}")))?;
        prop_assert_eq!(parsed.expr.without_spans(), tree, "printed as {:?}", text);
    }

    #[test]
    fn evaluation_never_panics_on_arbitrary_text(formula in any::<String>()) {
        let evaluation = evaluate(&formula);
        assert_well_formed(&evaluation.value, &formula);
    }

    #[test]
    fn evaluation_never_panics_on_formula_like_text(
        formula in "=?[-+*/^&%=<>(){};,\"#!.: 0-9eEA-Z]{0,60}"
    ) {
        let evaluation = evaluate(&formula);
        assert_well_formed(&evaluation.value, &formula);
        for diagnostic in &evaluation.diagnostics {
            prop_assert!(diagnostic.span.start <= diagnostic.span.end);
            prop_assert!(diagnostic.span.end <= formula.len());
            prop_assert!(formula.is_char_boundary(diagnostic.span.start));
            prop_assert!(formula.is_char_boundary(diagnostic.span.end));
        }
    }

    #[test]
    fn printed_formulas_are_a_fixpoint(formula in "[-+*/^&%=<>()0-9,]{1,30}") {
        if let Ok(parsed) = parse(&formula) {
            let printed = print(&parsed.expr);
            let reparsed = parse(&printed).map_err(|d| TestCaseError::fail(format!("{printed:?}: {d:?}")))?;
            prop_assert_eq!(reparsed.expr.without_spans(), parsed.expr.without_spans());
        }
    }

    #[test]
    fn trees_evaluate_to_well_formed_values(tree in tree()) {
        let text = print(&tree);
        let evaluation = evaluate(&text);
        assert_well_formed(&evaluation.value, &text);
    }
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused_quickly() {
    for opener in ["(", "SUM(", "{", "-", "IF(1,"] {
        let closer = match opener {
            "(" | "SUM(" | "IF(1," => ")",
            "{" => "}",
            _ => "",
        };
        let formula = format!("{}1{}", opener.repeat(10_000), closer.repeat(10_000));
        let started = std::time::Instant::now();
        let evaluation = evaluate(&formula);
        assert!(
            matches!(&evaluation.value, Value::Error(e) if e.kind.code() == "#ERROR!"),
            "{opener}: {:?}",
            evaluation.value
        );
        // Longer than 8 KiB: refused before lexing.
        assert_eq!(
            evaluation.diagnostics[0].code,
            DiagnosticCode::FormulaTooLong
        );
        assert!(
            started.elapsed().as_secs() < 5,
            "{opener} took {:?}",
            started.elapsed()
        );
    }
    // Within the length limit, nesting itself is refused.
    let formula = format!("{}1{}", "(".repeat(4_000), ")".repeat(4_000));
    let evaluation = evaluate(&formula);
    assert_eq!(
        evaluation.diagnostics[0].code,
        DiagnosticCode::NestingTooDeep
    );
    let formula = format!("{}1", "-".repeat(8_000));
    let evaluation = evaluate(&formula);
    assert_eq!(
        evaluation.diagnostics[0].code,
        DiagnosticCode::NestingTooDeep
    );
}
