//! Unit tests of the parser: precedence, spans, messages and limits.

use super::*;
use crate::formula::printer::print;

/// Parses and prints back with every group made explicit by the tree.
fn check(formula: &str, expected_print: &str) {
    let parsed = parse(formula).unwrap_or_else(|d| panic!("{formula}: {d:?}"));
    assert_eq!(print(&parsed.expr), expected_print, "{formula}");
}

fn check_error(formula: &str, code: DiagnosticCode, message_part: &str) -> Diagnostic {
    let diagnostics = parse(formula).expect_err(formula);
    let first = diagnostics.first().unwrap().clone();
    assert_eq!(first.code, code, "{formula}: {first}");
    assert!(
        first.message.contains(message_part),
        "{formula}: message {:?} lacks {message_part:?}",
        first.message
    );
    assert!(
        first.span.end <= formula.len(),
        "{formula}: span past the end"
    );
    first
}

fn shape(formula: &str) -> ExprKind {
    parse(formula).unwrap().expr.without_spans().kind
}

#[test]
fn text_prints_back_with_its_quotes_doubled() {
    check(r#""say ""hi""""#, r#""say ""hi""""#);
    check(r#""""""#, r#""""""#);
    check(r#""plain""#, r#""plain""#);
}

#[test]
fn excel_precedence() {
    // Negation binds tighter than ^, so -2^2 is (-2)^2.
    assert!(matches!(
        shape("-2^2"),
        ExprKind::Binary { op: BinaryOp::Power, left, .. } if matches!(left.kind, ExprKind::Unary { .. })
    ));
    // ^ is left-associative: 2^3^2 is (2^3)^2.
    assert!(matches!(
        shape("2^3^2"),
        ExprKind::Binary { op: BinaryOp::Power, left, .. } if matches!(left.kind, ExprKind::Binary { .. })
    ));
    assert!(matches!(
        shape("1+2*3"),
        ExprKind::Binary { op: BinaryOp::Add, right, .. } if matches!(right.kind, ExprKind::Binary { op: BinaryOp::Multiply, .. })
    ));
    assert!(matches!(
        shape("1&2=\"12\""),
        ExprKind::Binary { op: BinaryOp::Equal, left, .. } if matches!(left.kind, ExprKind::Binary { op: BinaryOp::Concat, .. })
    ));
    assert!(matches!(
        shape("-5%"),
        ExprKind::Postfix { operand, .. } if matches!(operand.kind, ExprKind::Unary { .. })
    ));
}

#[test]
fn prints_round_trip() {
    check("=1+2*3", "1+2*3");
    check(" = SUM( 1 , 2 ) ", "SUM(1,2)");
    check("pv(0.1;10;;100)", "PV(0.1,10,,100)");
    check("{1,-2;\"a\"\"b\",TRUE}", "{1,-2;\"a\"\"b\",TRUE}");
    check("(1+2)*3%", "(1+2)*3%");
    check("#N/A", "#N/A");
    check("revenue*(1+growth)^period", "revenue*(1+growth)^period");
    check("NOW()", "NOW()");
    check("1e300+1e-300", "1e300+1e-300");
}

#[test]
fn spans_cover_source_text() {
    let parsed = parse("=SUM(1, 22)").unwrap();
    assert_eq!(parsed.expr.span, Span::new(1, 11));
    let ExprKind::Call { args, .. } = &parsed.expr.kind else {
        panic!("not a call")
    };
    assert_eq!(args[1].span, Span::new(8, 10));
}

#[test]
fn unclosed_call_names_the_function_and_position() {
    let d = check_error(
        "=IF(1,2",
        DiagnosticCode::UnclosedDelimiter,
        "to close IF( opened at 1:4",
    );
    assert_eq!(d.span, Span::new(1, 7));
    check_error(
        "=(1+2",
        DiagnosticCode::UnclosedDelimiter,
        "expected `)` to close the `(` opened at 1:2",
    );
    check_error(
        "{1,2",
        DiagnosticCode::UnclosedDelimiter,
        "close the array opened at 1:1",
    );
    check_error(
        "SUM(1 2)",
        DiagnosticCode::UnexpectedToken,
        "found a number",
    );
}

#[test]
fn syntax_errors_explain_themselves() {
    check_error("", DiagnosticCode::UnexpectedEnd, "the formula is empty");
    check_error("=", DiagnosticCode::UnexpectedEnd, "the formula is empty");
    check_error(
        "1+",
        DiagnosticCode::UnexpectedEnd,
        "expected a value after `+`",
    );
    check_error(
        "1 2",
        DiagnosticCode::UnexpectedToken,
        "unexpected a number",
    );
    check_error(
        "1)",
        DiagnosticCode::UnexpectedToken,
        "without a matching `(`",
    );
    check_error(
        "*2",
        DiagnosticCode::UnexpectedToken,
        "expected a value, found `*`",
    );
    check_error("{1,2;3}", DiagnosticCode::InvalidArray, "row 2 has 1");
    check_error(
        "{1+1}",
        DiagnosticCode::InvalidArray,
        "compute values outside the braces",
    );
    check_error("{-\"a\"}", DiagnosticCode::InvalidArray, "not a text value");
    check_error(
        "A1:B2",
        DiagnosticCode::UnexpectedCharacter,
        "cell ranges are not supported",
    );
}

#[test]
fn unknown_functions_and_arity_are_diagnostics_not_failures() {
    let parsed = parse("SUMM(1)+IF(1)").unwrap();
    let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        vec![
            DiagnosticCode::UnknownFunction,
            DiagnosticCode::WrongArgumentCount
        ]
    );
    assert!(parsed.diagnostics[0].message.contains("did you mean SUM?"));
    assert_eq!(parsed.diagnostics[0].span, Span::new(0, 4));
    assert!(parsed.diagnostics[1]
        .message
        .contains("IF takes 2 to 3 arguments, but got 1"));
}

#[test]
fn limits_hold_without_deep_recursion() {
    let deep_parens = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    check_error(
        &deep_parens,
        DiagnosticCode::FormulaTooLong,
        "limit is 8192",
    );
    let nested = format!("{}1{}", "(".repeat(65), ")".repeat(65));
    check_error(
        &nested,
        DiagnosticCode::NestingTooDeep,
        "more than 64 levels",
    );
    let ok = format!("{}1{}", "(".repeat(64), ")".repeat(64));
    assert!(parse(&ok).is_ok());
    let calls = format!("{}1{}", "ABS(".repeat(65), ")".repeat(65));
    check_error(
        &calls,
        DiagnosticCode::NestingTooDeep,
        "more than 64 levels",
    );
    let chain = format!("1{}", "+1".repeat(300));
    check_error(
        &chain,
        DiagnosticCode::NestingTooDeep,
        "levels of operators",
    );
    let signs = format!("{}1", "-".repeat(300));
    check_error(
        &signs,
        DiagnosticCode::NestingTooDeep,
        "levels of operators",
    );
    let long_chain = format!("1{}", "+1".repeat(200));
    assert!(parse(&long_chain).is_ok());
    let big_array = format!("{{{}1}}", "1,".repeat(70_000));
    check_error(&big_array, DiagnosticCode::FormulaTooLong, "bytes long");
}

#[test]
fn ten_thousand_levels_hit_the_nesting_guard_not_the_stack() {
    // Lift the length limit so the nesting guard itself is what refuses.
    let limits = Limits {
        max_formula_bytes: 1_000_000,
        ..Limits::default()
    };
    for (open, close) in [
        ("(", ")"),
        ("SUM(", ")"),
        ("-", ""),
        ("IF(1,", ")"),
        ("+", ""),
        ("(-", ")"),
    ] {
        let formula = format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
        let first = parse_with_limits(&formula, limits).unwrap_err().remove(0);
        assert_eq!(
            first.code,
            DiagnosticCode::NestingTooDeep,
            "{open}: {first}"
        );
    }
    let array = format!("{{{}1}}", "1,".repeat(70_000));
    let first = parse_with_limits(&array, limits).unwrap_err().remove(0);
    assert_eq!(first.code, DiagnosticCode::ArrayTooLarge);
}

#[test]
fn too_long_span_stays_on_a_char_boundary() {
    let formula = "é".repeat(5_000);
    let first = parse(&formula).unwrap_err().remove(0);
    assert_eq!(first.code, DiagnosticCode::FormulaTooLong);
    assert!(formula.is_char_boundary(first.span.start));
}
