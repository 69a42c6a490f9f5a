//! Unit tests of operator semantics through the public `evaluate`.

use crate::formula::{evaluate, ErrorKind, Value};

fn check(formula: &str, expected: Value) {
    let evaluation = evaluate(formula);
    assert_eq!(
        evaluation.value, expected,
        "{formula}: {:?}",
        evaluation.diagnostics
    );
}

fn num(n: f64) -> Value {
    Value::Number(n)
}

fn check_error(formula: &str, kind: ErrorKind) {
    match evaluate(formula).value {
        Value::Error(err) => assert_eq!(err.kind, kind, "{formula}: {err}"),
        other => panic!("{formula}: expected {kind}, got {other:?}"),
    }
}

#[test]
fn arithmetic_follows_excel_precedence() {
    check("=-2^2", num(4.0));
    check("=2^3^2", num(64.0));
    check("=2-2^2", num(-2.0));
    check("=2^-1", num(0.5));
    check("=1-2-3", num(-4.0));
    check("=2+3*4", num(14.0));
    check("=50%*2", num(1.0));
    check("=-50%", num(-0.5));
    check("=10/4", num(2.5));
    check("=+-+3", num(-3.0));
}

#[test]
fn text_and_comparison_follow_excel() {
    check("=\"a\"&1&TRUE", Value::Text("a1TRUE".into()));
    check("=1/3&\"\"", Value::Text("0.333333333333333".into()));
    check("=\"a\"=\"A\"", Value::Bool(true));
    check("=1<\"a\"", Value::Bool(true));
    check("=\"z\"<TRUE", Value::Bool(true));
    check("=\"b\">\"A\"", Value::Bool(true));
    check("=1=1.0", Value::Bool(true));
    check("=0.1+0.2=0.3", Value::Bool(true));
    check("=0.1+0.2<>0.3", Value::Bool(false));
    check("=0.1=(1.2-1.1)", Value::Bool(false));
    check("=1+1e-14>1", Value::Bool(true));
    check("=1+1e-15>1", Value::Bool(false));
    check("=\"3\"+1", num(4.0));
    check("=TRUE+TRUE", num(2.0));
    check("=1+2&3", Value::Text("33".into()));
    check("=1&2=\"12\"", Value::Bool(true));
}

#[test]
fn errors_propagate_and_explain() {
    check_error("=1/0", ErrorKind::DivZero);
    check_error("=#N/A+1", ErrorKind::NotAvailable);
    check_error("=1+#N/A/0", ErrorKind::NotAvailable);
    check_error("=\"abc\"*2", ErrorKind::Value);
    check_error("=0^0", ErrorKind::Num);
    check_error("=0^-1", ErrorKind::DivZero);
    check_error("=(-8)^(1/3)", ErrorKind::Num);
    check_error("=10^400", ErrorKind::Num);
    check_error("=1e308*10", ErrorKind::Num);
    check_error("=nosuchname", ErrorKind::Name);
    check_error("=NOSUCHFN(1)", ErrorKind::Name);
    check_error("=1+", ErrorKind::Syntax);
}

#[test]
fn arrays_broadcast_like_excel() {
    let array = |rows: Vec<Vec<f64>>| {
        Value::Array(
            crate::formula::Array::from_rows(
                rows.into_iter()
                    .map(|r| r.into_iter().map(Value::Number).collect())
                    .collect(),
            )
            .unwrap(),
        )
    };
    check("={1,2}*2", array(vec![vec![2.0, 4.0]]));
    check(
        "={1,2;3,4}+{10,20}",
        array(vec![vec![11.0, 22.0], vec![13.0, 24.0]]),
    );
    check(
        "={1;2}*{1,10}",
        array(vec![vec![1.0, 10.0], vec![2.0, 20.0]]),
    );
    check("=-{1,2}%", array(vec![vec![-0.01, -0.02]]));
    // A row times a column spans their product: bounded, not allocated blindly.
    let column = format!("{{{}1}}", "1;".repeat(1_999));
    let row = format!("{{{}1}}", "1,".repeat(1_999));
    match evaluate(&format!("={column}*{row}")).value {
        Value::Error(e) => assert_eq!(e.kind, ErrorKind::Num, "{e}"),
        other => panic!("expected #NUM!, got {}", other.type_name()),
    }
    match evaluate("={1,2,3}+{1,2}").value {
        Value::Array(a) => assert!(
            matches!(a.get(0, 2), Some(Value::Error(e)) if e.kind == ErrorKind::NotAvailable)
        ),
        other => panic!("{other:?}"),
    }
}

mod comparison_fast_path {
    use crate::formula::eval::compare_numbers;
    use proptest::prelude::*;

    fn round_to_15_digits(n: f64) -> f64 {
        format!("{n:.14e}").parse().unwrap()
    }

    proptest! {
        /// The shortcut for far-apart numbers never changes the answer of
        /// the plain definition: equal iff they agree to 15 digits.
        #[test]
        fn equality_is_agreement_to_15_digits(a in -1e300f64..1e300, ulps in -2_000_000i64..2_000_000, scale in -30i32..30) {
            let a = a * 10f64.powi(scale);
            let b = f64::from_bits((a.to_bits() as i64).wrapping_add(ulps) as u64);
            prop_assume!(b.is_finite() && a.is_finite());
            let expected = a == b || round_to_15_digits(a) == round_to_15_digits(b);
            prop_assert_eq!(compare_numbers(a, b).is_eq(), expected, "{} vs {}", a, b);
        }
    }
}

mod number_fast_path {
    use super::super::binary_broadcast;
    use crate::formula::ast::{BinaryOp, Expr, ExprKind};
    use crate::formula::{Evaluator, NoNames, Span, Value};
    use proptest::prelude::*;

    fn number(n: f64) -> Box<Expr> {
        Box::new(Expr::new(ExprKind::Number(n), Span::default()))
    }

    proptest! {
        /// The shortcut for two numbers gives exactly what the general path gives.
        #[test]
        fn matches_the_general_path(a in prop_oneof![any::<f64>(), -1e3f64..1e3, Just(0.0)], b in prop_oneof![any::<f64>(), -1e3f64..1e3, Just(0.0)], op in prop::sample::select(vec![
            BinaryOp::Add, BinaryOp::Subtract, BinaryOp::Multiply, BinaryOp::Divide, BinaryOp::Power,
            BinaryOp::Equal, BinaryOp::NotEqual, BinaryOp::Less, BinaryOp::LessEqual, BinaryOp::Greater, BinaryOp::GreaterEqual,
        ])) {
            prop_assume!(a.is_finite() && b.is_finite());
            let expr = Expr::new(ExprKind::Binary { op, left: number(a), right: number(b) }, Span::default());
            let fast = Evaluator::new(&NoNames).eval(&expr);
            let general = binary_broadcast(op, &Value::Number(a), &Value::Number(b));
            prop_assert_eq!(fast, general);
        }
    }
}
