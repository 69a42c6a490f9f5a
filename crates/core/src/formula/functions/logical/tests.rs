//! Unit tests for the logical functions: Excel's documented examples,
//! edge cases, error values, and proof that lazy functions leave unused
//! arguments unevaluated.

use super::*;
use crate::formula::functions::testing::{
    array_expr, assert_same, bool_expr, call, call_expr, err, err_expr, eval_counting,
    missing_expr, name_expr, num, num_expr, nums, row, text, text_expr, Eager,
};

/// Evaluates `name(args)` and checks the value and how many name
/// lookups (each name evaluates to 99) it made.
fn check(name: &str, args: Vec<Expr>, expected: Value, lookups: usize) {
    let (value, counted) = eval_counting(&call_expr(name, args));
    assert_same(&value, &expected, name);
    assert_eq!(counted, lookups, "{name}: names evaluated");
}

fn check_eager(function: Eager, args: &[Value], expected: Value) {
    assert_same(&call(function, args), &expected, &format!("{args:?}"));
}

#[test]
fn if_evaluates_only_the_chosen_branch() {
    check(
        "IF",
        vec![bool_expr(true), num_expr(1.0), name_expr("x")],
        num(1.0),
        0,
    );
    check(
        "IF",
        vec![bool_expr(false), name_expr("x"), num_expr(2.0)],
        num(2.0),
        0,
    );
    check(
        "IF",
        vec![num_expr(0.0), num_expr(1.0)],
        Value::Bool(false),
        0,
    );
    check("IF", vec![num_expr(-3.0), name_expr("x")], num(99.0), 1);
    check(
        "IF",
        vec![text_expr("true"), num_expr(1.0), num_expr(2.0)],
        num(1.0),
        0,
    );
    check(
        "IF",
        vec![bool_expr(true), missing_expr(), num_expr(2.0)],
        num(0.0),
        0,
    );
    check(
        "IF",
        vec![bool_expr(false), num_expr(1.0), missing_expr()],
        num(0.0),
        0,
    );
    check(
        "IF",
        vec![missing_expr(), num_expr(1.0), num_expr(2.0)],
        num(2.0),
        0,
    );
    let division_by_zero = err(ErrorKind::DivZero);
    check(
        "IF",
        vec![err_expr(ErrorKind::DivZero), name_expr("x")],
        division_by_zero,
        0,
    );
    check(
        "IF",
        vec![text_expr("yes"), name_expr("x")],
        err(ErrorKind::Value),
        0,
    );
    check(
        "IF",
        vec![bool_expr(true), err_expr(ErrorKind::Num)],
        err(ErrorKind::Num),
        0,
    );
}

#[test]
fn if_with_an_array_test_chooses_per_element() {
    let tests = array_expr(&[1.0, 0.0, 2.0]);
    let expected = row(vec![num(10.0), num(99.0), num(30.0)]);
    check(
        "IF",
        vec![
            tests.clone(),
            array_expr(&[10.0, 20.0, 30.0]),
            name_expr("x"),
        ],
        expected,
        1,
    );
    check(
        "IF",
        vec![tests, num_expr(1.0)],
        row(vec![num(1.0), Value::Bool(false), num(1.0)]),
        0,
    );
    let short = vec![array_expr(&[1.0, 1.0, 1.0]), array_expr(&[5.0, 6.0])];
    check(
        "IF",
        short,
        row(vec![num(5.0), num(6.0), err(ErrorKind::NotAvailable)]),
        0,
    );
}

#[test]
fn ifs_returns_the_first_true_pair() {
    let score = |n: f64| {
        vec![
            bool_expr(n > 89.0),
            text_expr("A"),
            bool_expr(n > 79.0),
            text_expr("B"),
            bool_expr(n > 69.0),
            text_expr("C"),
            bool_expr(true),
            text_expr("F"),
        ]
    };
    check("IFS", score(93.0), text("A"), 0);
    check("IFS", score(85.0), text("B"), 0);
    check("IFS", score(12.0), text("F"), 0);
    check(
        "IFS",
        vec![
            bool_expr(true),
            num_expr(1.0),
            name_expr("x"),
            name_expr("y"),
        ],
        num(1.0),
        0,
    );
    check(
        "IFS",
        vec![bool_expr(false), num_expr(1.0)],
        err(ErrorKind::NotAvailable),
        0,
    );
    check(
        "IFS",
        vec![text_expr("maybe"), num_expr(1.0)],
        err(ErrorKind::Value),
        0,
    );
    check(
        "IFS",
        vec![err_expr(ErrorKind::Ref), num_expr(1.0)],
        err(ErrorKind::Ref),
        0,
    );
    check("IFS", vec![bool_expr(true), missing_expr()], num(0.0), 0);
    let odd = ifs(
        &[bool_expr(true), num_expr(1.0), bool_expr(true)],
        &crate::formula::eval::Evaluator::new(&crate::formula::NoNames),
    );
    assert_same(&odd, &err(ErrorKind::Value), "IFS with an odd count");
}

#[test]
fn and_or_read_arguments_like_excel() {
    let t = Value::Bool(true);
    let f = Value::Bool(false);
    check_eager(and, &[t.clone(), t.clone()], t.clone());
    check_eager(and, &[t.clone(), f.clone()], f.clone());
    check_eager(and, &[num(2.0), text("TRUE")], t.clone());
    check_eager(or, &[f.clone(), num(0.0)], f.clone());
    check_eager(or, &[f.clone(), text("true")], t.clone());
    let mixed = row(vec![text("x"), Value::Bool(true), num(1.0)]);
    check_eager(and, std::slice::from_ref(&mixed), t.clone());
    check_eager(or, &[row(vec![text("x"), num(0.0)])], f.clone());
    check_eager(and, &[row(vec![text("x")])], err(ErrorKind::Value));
    check_eager(and, &[text("x"), t.clone()], err(ErrorKind::Value));
    check_eager(
        or,
        &[row(vec![t.clone(), err(ErrorKind::NotAvailable)])],
        err(ErrorKind::NotAvailable),
    );
    check_eager(
        or,
        &[t.clone(), err(ErrorKind::DivZero)],
        err(ErrorKind::DivZero),
    );
    check_eager(and, &[t.clone(), Value::Empty], f.clone());
    check_eager(or, &[Value::Empty, mixed], t);
}

#[test]
fn not_inverts_scalars_and_arrays() {
    check_eager(not, &[Value::Bool(false)], Value::Bool(true));
    check_eager(not, &[num(3.0)], Value::Bool(false));
    check_eager(not, &[Value::Empty], Value::Bool(true));
    check_eager(not, &[text("abc")], err(ErrorKind::Value));
    check_eager(not, &[err(ErrorKind::Num)], err(ErrorKind::Num));
    let inverted = row(vec![
        Value::Bool(false),
        Value::Bool(true),
        err(ErrorKind::Value),
    ]);
    check_eager(not, &[row(vec![num(1.0), num(0.0), text("x")])], inverted);
}

#[test]
fn iferror_evaluates_the_fallback_only_on_error() {
    check("IFERROR", vec![num_expr(5.0), name_expr("x")], num(5.0), 0);
    check(
        "IFERROR",
        vec![err_expr(ErrorKind::DivZero), name_expr("x")],
        num(99.0),
        1,
    );
    check(
        "IFERROR",
        vec![err_expr(ErrorKind::NotAvailable), missing_expr()],
        num(0.0),
        0,
    );
    check("IFERROR", vec![missing_expr(), num_expr(1.0)], num(0.0), 0);
    check(
        "IFERROR",
        vec![array_expr(&[1.0, 2.0]), name_expr("x")],
        nums(&[1.0, 2.0]),
        0,
    );
    let with_error = call_expr("SQRT", vec![array_expr(&[4.0, -1.0])]);
    check(
        "IFERROR",
        vec![with_error, name_expr("x")],
        nums(&[2.0, 99.0]),
        1,
    );
}

#[test]
fn switch_matches_values_and_defaults() {
    let weekday = |n: f64| {
        vec![
            num_expr(n),
            num_expr(1.0),
            text_expr("Sunday"),
            num_expr(2.0),
            text_expr("Monday"),
            num_expr(3.0),
            text_expr("Tuesday"),
            text_expr("No match"),
        ]
    };
    check("SWITCH", weekday(2.0), text("Monday"), 0);
    check("SWITCH", weekday(99.0), text("No match"), 0);
    check(
        "SWITCH",
        weekday(99.0)[..7].to_vec(),
        err(ErrorKind::NotAvailable),
        0,
    );
    let lazy = vec![
        text_expr("b"),
        text_expr("A"),
        name_expr("x"),
        text_expr("B"),
        num_expr(2.0),
        name_expr("y"),
    ];
    check("SWITCH", lazy, num(2.0), 0);
    check(
        "SWITCH",
        vec![text_expr("1"), num_expr(1.0), text_expr("number")],
        err(ErrorKind::NotAvailable),
        0,
    );
    check(
        "SWITCH",
        vec![bool_expr(true), num_expr(1.0), num_expr(2.0), num_expr(3.0)],
        num(3.0),
        0,
    );
    check(
        "SWITCH",
        vec![err_expr(ErrorKind::Ref), num_expr(1.0), num_expr(2.0)],
        err(ErrorKind::Ref),
        0,
    );
    check(
        "SWITCH",
        vec![num_expr(1.0), err_expr(ErrorKind::Null), num_expr(2.0)],
        err(ErrorKind::Null),
        0,
    );
    check(
        "SWITCH",
        vec![array_expr(&[3.0, 4.0]), num_expr(3.0), name_expr("x")],
        num(99.0),
        1,
    );
}

#[test]
fn constants_and_table() {
    check("TRUE", vec![], Value::Bool(true), 0);
    check("FALSE", vec![], Value::Bool(false), 0);
    let names: Vec<&str> = FUNCTIONS.iter().map(|spec| spec.name).collect();
    assert_eq!(
        names,
        ["IF", "IFS", "AND", "OR", "NOT", "IFERROR", "SWITCH", "TRUE", "FALSE"]
    );
}
