// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::panic)]

use super::*;

/// The formula with `|` marking the caret, as (text, byte offset).
fn at(marked: &str) -> (String, usize) {
    let caret = marked.find('|').expect("the case marks the caret with |");
    (marked.replacen('|', "", 1), caret)
}

/// The call at the marked caret, as (name, argument index, active parameter).
fn check(marked: &str, expected: Option<(&str, usize, Option<usize>)>) {
    let (text, caret) = at(marked);
    let found = call_at(&text, caret);
    let summary = found
        .as_ref()
        .map(|call| (call.name, call.argument_index, call.active_parameter));
    assert_eq!(summary, expected, "{marked}");
}

#[test]
fn names_the_innermost_call_and_the_argument_the_caret_is_in() {
    check("=SUM(|", Some(("SUM", 0, Some(0))));
    check("=pmt(0.05, 10, |", Some(("PMT", 2, Some(2))));
    check("=IF(A, ROUND(1.5, |), 3)", Some(("ROUND", 1, Some(1))));
    check("=IF(A, ROUND(1.5, 0), |3)", Some(("IF", 2, Some(2))));
    check("=IF(A, ROUND(1.5, 0)|, 3)", Some(("IF", 1, Some(1))));
    check("=NPV (0.1, |", Some(("NPV", 1, Some(1))));
}

#[test]
fn semicolons_separate_arguments_as_the_parser_reads_them() {
    // The parser accepts `;` between arguments, as European spreadsheets
    // write them; the hint counts them alike.
    check("=NPV (0.1; |", Some(("NPV", 1, Some(1))));
    check("=PMT(0.05; 10; |1000)", Some(("PMT", 2, Some(2))));
    check("=IF(A; ROUND(1,5; |); 3)", Some(("ROUND", 2, None)));
    // Inside an array constant `;` separates rows, not arguments.
    check("=SUM({1,2;3,4}; |", Some(("SUM", 1, Some(1))));
    check("=SUM({1,2;3|,4})", Some(("SUM", 0, Some(0))));
}

#[test]
fn separators_and_brackets_inside_strings_are_text() {
    check("=MATCH(\"a,b(\", |", Some(("MATCH", 1, Some(1))));
    check("=MATCH(\"a;b)\"; |", Some(("MATCH", 1, Some(1))));
    check("=MATCH(\"say \"\"(,)\"\"\", |", Some(("MATCH", 1, Some(1))));
    // The caret inside a string is still inside the call.
    check("=MATCH(\"a,b(|\", 1)", Some(("MATCH", 0, Some(0))));
}

#[test]
fn unterminated_strings_and_lexical_errors_do_not_stop_the_reading() {
    check("=MATCH(\"a, (b|", Some(("MATCH", 0, Some(0))));
    check("=MATCH(1, \"a, (b|", Some(("MATCH", 1, Some(1))));
    check("=SUM($1, 12abc, |", Some(("SUM", 2, Some(1))));
    check("=SUM(#BAD, |", Some(("SUM", 1, Some(1))));
}

#[test]
fn array_constants_and_grouping_parentheses_belong_to_the_argument() {
    check("=SUM({1,2,3}, |", Some(("SUM", 1, Some(1))));
    check("=SUM({1,2|,3})", Some(("SUM", 0, Some(0))));
    check("=ROUND((1+|2), 1)", Some(("ROUND", 0, Some(0))));
    check("=ROUND((1, 2), |", Some(("ROUND", 1, Some(1))));
}

#[test]
fn is_none_outside_any_call_and_at_the_edges() {
    check("=1+2|", None);
    check("=SUM(1)|", None);
    check("=SUM|(1)", None);
    check("=SU|M(1)", None);
    check("=(1+|2)", None);
    check("|", None);
    check("|=SUM(1", None);
    check("={1,|2}", None);
    // Right after `(` and right before `)` the caret is inside.
    check("=SUM(|)", Some(("SUM", 0, Some(0))));
    check("=SUM(1, 2|)", Some(("SUM", 1, Some(1))));
}

#[test]
fn unknown_functions_and_names_give_nothing() {
    check("=NOPE(1, |", None);
    // The innermost call decides, as the parser reports it.
    check("=SUM(NOPE(|", None);
    check("=SUM(NOPE(1), |", Some(("SUM", 1, Some(1))));
}

#[test]
fn the_caret_is_clamped_to_the_text_and_its_characters() {
    let text = "=MATCH(\"é€\", ";
    assert_eq!(call_at(text, 10_000).map(|c| c.argument_index), Some(1));
    // A caret inside a multi-byte character counts from its start.
    let inside_euro = text.find('€').unwrap() + 1;
    assert_eq!(call_at(text, inside_euro).map(|c| c.name), Some("MATCH"));
    assert_eq!(call_at("", 3), None);
}

#[test]
fn repeating_parameters_stay_active_past_the_named_ones() {
    // NPV(rate, value1, [value2], ...)
    check("=NPV(0.1, 1, 2, |", Some(("NPV", 3, Some(2))));
    check("=NPV(0.1, 1, 2, 3, 4, |", Some(("NPV", 5, Some(2))));
    // SWITCH(expression, value1, result1, [value2, result2], ..., [default])
    check("=SWITCH(1, 2, 3, 4, |", Some(("SWITCH", 4, Some(3))));
    check("=SWITCH(1, 2, 3, 4, 5, |", Some(("SWITCH", 5, Some(5))));
    check("=SWITCH(1, 2, 3, 4, 5, 6, |", Some(("SWITCH", 6, Some(3))));
    // A fixed list has no parameter past its end.
    check("=ROUND(1, 2, |", Some(("ROUND", 2, None)));
}

#[test]
fn parameters_come_from_the_registry() {
    let call = call_at("=pmt(", 5).unwrap();
    let parameters: Vec<&str> = call.parameters().collect();
    assert_eq!(parameters, ["rate", "nper", "pv", "[fv]", "[type]"]);
    // The signature is built from the same list.
    assert_eq!(
        functions::signature("PMT").as_deref(),
        Some("PMT(rate, nper, pv, [fv], [type])")
    );
}

#[test]
fn lenient_tokens_match_the_strict_lexer_on_valid_text() {
    for source in [
        "=SUM({1,2;3,4}, \"a\"\"b\", -2^2%)",
        "IF(x <> 1; TRUE, #N/A)",
        "",
    ] {
        let mut strict = super::super::lexer::tokenize(source).unwrap();
        strict.pop();
        assert_eq!(tokenize_lenient(source), strict, "{source}");
    }
}
