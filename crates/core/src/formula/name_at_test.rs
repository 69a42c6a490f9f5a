// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::panic)]

use super::*;

/// The name at the caret `|` marks, as (typed prefix, whole name).
fn check(marked: &str, expected: Option<(&str, &str)>) {
    let caret = marked.find('|').expect("the case marks the caret with |");
    let text = marked.replacen('|', "", 1);
    let found = name_at(&text, caret).map(|name| {
        assert!(
            name.start <= name.caret && name.caret <= name.end,
            "{marked}"
        );
        (&text[name.start..name.caret], &text[name.start..name.end])
    });
    assert_eq!(found, expected, "{marked}");
}

#[test]
fn finds_the_name_the_caret_ends_or_sits_in() {
    check("=SU|", Some(("SU", "SU")));
    check("1+npv|(", Some(("npv", "npv")));
    // The rest of the name after the caret is part of the range replaced.
    check("=SU|M(1)", Some(("SU", "SUM")));
    check("=F.DI|", Some(("F.DI", "F.DI")));
    check("=PMT(rate; nper|", Some(("nper", "nper")));
    check("=_x|", Some(("_x", "_x")));
}

#[test]
fn is_silent_inside_strings_numbers_and_after_nothing() {
    check("=\"SU|", None);
    check("=\"a\"\"SU|", None);
    check("=\"SU|\"", None);
    check("=1E|", None);
    check("=1.5E|", None);
    check("=12ab|", None);
    check("=SUM(|", None);
    check("=SUM( |", None);
    check("|", None);
    check("|SUM", None);
    // After a closed string the caret is outside it again.
    check("=\"a\"&LE|", Some(("LE", "LE")));
    check("=\"x;(\"; SU|", Some(("SU", "SU")));
}

#[test]
fn reads_utf8_and_clamps_the_caret() {
    let text = "=\"é\"&PM";
    // The caret inside the two bytes of `é` moves back to its start.
    assert_eq!(name_at(text, 3), None);
    let end = text.len();
    assert_eq!(
        name_at(text, end + 10),
        Some(NameAt {
            start: end - 2,
            end,
            caret: end
        })
    );
}
