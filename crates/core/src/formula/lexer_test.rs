//! Unit tests of `formula::lexer`.

use super::*;

fn kinds(source: &str) -> Vec<TokenKind> {
    tokenize(source)
        .unwrap()
        .into_iter()
        .map(|t| t.kind)
        .collect()
}

fn check_error(source: &str, code: DiagnosticCode, span: (usize, usize)) {
    let err = tokenize(source).unwrap_err();
    assert_eq!(err.code, code, "{source}: {err}");
    assert_eq!((err.span.start, err.span.end), span, "{source}: {err}");
}

#[test]
fn lexes_literals_operators_and_names() {
    use TokenKind::*;
    assert_eq!(
        kinds("1.5e3+\"a\"\"b\"&#N/A<=x.y_1"),
        vec![
            Number(1500.0),
            Plus,
            Text("a\"b".into()),
            Ampersand,
            Error(ErrorKind::NotAvailable),
            LessEqual,
            Name("x.y_1".into()),
            End
        ]
    );
    assert_eq!(kinds(".5%"), vec![Number(0.5), Percent, End]);
    assert_eq!(kinds("<>"), vec![NotEqual, End]);
    assert_eq!(kinds("#div/0!"), vec![Error(ErrorKind::DivZero), End]);
    assert_eq!(
        kinds("umsätze*売上"),
        vec![Name("umsätze".into()), Star, Name("売上".into()), End]
    );
}

#[test]
fn spans_are_byte_ranges() {
    let tokens = tokenize("  é + 12").unwrap();
    assert_eq!(tokens[0].span, Span::new(2, 4));
    assert_eq!(tokens[2].span, Span::new(7, 9));
}

#[test]
fn reports_lexical_errors_with_spans() {
    check_error("1 + \"abc", DiagnosticCode::UnterminatedString, (4, 8));
    check_error("1.2.3", DiagnosticCode::InvalidNumber, (0, 5));
    check_error("1e+", DiagnosticCode::InvalidNumber, (0, 2));
    check_error("12abc", DiagnosticCode::InvalidNumber, (0, 5));
    check_error("1 $ 2", DiagnosticCode::UnexpectedCharacter, (2, 3));
    check_error("#FOO", DiagnosticCode::UnexpectedCharacter, (0, 1));
    check_error("1e999", DiagnosticCode::InvalidNumber, (0, 5));
}
