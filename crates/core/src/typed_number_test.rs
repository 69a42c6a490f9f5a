//! What a visitor's typed entry reads as, in decimal-comma and
//! decimal-point locales (the cases the widget met; grouped text pasted
//! from the widget's own output reads back).

use super::{read_typed_number, EntryRefusal};

fn comma(text: &str) -> Result<f64, EntryRefusal> {
    read_typed_number(text, true)
}

fn point(text: &str) -> Result<f64, EntryRefusal> {
    read_typed_number(text, false)
}

#[test]
fn decimal_comma_entries_read_with_grouping_dots() {
    let cases = [
        ("1.234,5", 1234.5),
        ("1.234.567", 1_234_567.0),
        ("1.234", 1234.0),
        ("12,75", 12.75),
        ("-3,5", -3.5),
        ("\u{2212}3,5", -3.5),
        // A dot not followed by whole groups of three is a decimal point.
        ("2.5", 2.5),
        // A leading-zero group is never grouping.
        ("0.125", 0.125),
        ("0,125", 0.125),
        ("-0.125", -0.125),
        ("1.234 €", 1234.0),
        ("  42  ", 42.0),
        ("12,5 %", 12.5),
        ("1\u{202f}234,5", 1234.5),
    ];
    for (text, expected) in cases {
        assert_eq!(comma(text), Ok(expected), "{text:?}");
    }
}

#[test]
fn decimal_point_entries_read_with_grouping_commas() {
    let cases = [
        ("1,234.5", 1234.5),
        ("1,234,567", 1_234_567.0),
        ("1,234", 1234.0),
        ("0.125", 0.125),
        (".5", 0.5),
        ("$1,000", 1000.0),
        ("-2.5", -2.5),
        ("+7", 7.0),
        ("1e3", 1000.0),
        ("12.5%", 12.5),
        ("40 hours", 40.0),
    ];
    for (text, expected) in cases {
        assert_eq!(point(text), Ok(expected), "{text:?}");
    }
}

#[test]
fn text_that_is_not_one_number_is_refused_not_read_in_part() {
    for text in [
        "abc",
        "1,2,3",
        "1.23.4",
        "1.234.5,6,7",
        "0.125,5",
        "--1",
        "1a2",
        "%",
    ] {
        assert_eq!(
            comma(text),
            Err(EntryRefusal::NotANumber(text.trim().into())),
            "{text:?}"
        );
    }
    // `0,125` is no grouping of 125 and a decimal-point locale reads no
    // comma as a decimal mark: refused rather than taken as 125.
    for text in [
        "0,125",
        "00,125",
        "1,23",
        "1.2.3",
        "1,234.5.6",
        "Infinity",
        "NaN",
        "1e999",
        "2,5",
    ] {
        assert_eq!(
            point(text),
            Err(EntryRefusal::NotANumber(text.into())),
            "{text:?}"
        );
    }
    assert_eq!(point("   "), Err(EntryRefusal::Empty));
    assert_eq!(comma(""), Err(EntryRefusal::Empty));
}

#[test]
fn more_than_15_significant_digits_are_refused_not_rounded() {
    assert_eq!(point("12345678901234567890"), Err(EntryRefusal::TooPrecise));
    assert_eq!(point("1234567890.123456"), Err(EntryRefusal::TooPrecise));
    assert_eq!(
        comma("1.234.567.890.123.456"),
        Err(EntryRefusal::TooPrecise)
    );
    // Zeros that only place the point are not significant.
    assert_eq!(point("123456789012345"), Ok(123_456_789_012_345.0));
    assert_eq!(point("100000000000000000000"), Ok(1e20));
    assert_eq!(point("0.000000000000000012"), Ok(1.2e-17));
}

#[test]
fn what_the_widget_shows_reads_back_as_the_same_number() {
    // The number box's text (no grouping) and the outputs' grouped text, as
    // Intl.NumberFormat writes them in de-DE and en-US.
    let shown = [
        ("1234567,25", "1234567.25", 1_234_567.25),
        ("-98765,4321", "-98765.4321", -98_765.432_1),
        ("0,001", "0.001", 0.001),
        ("-0,5", "-0.5", -0.5),
        ("0", "0", 0.0),
        ("1.234,5", "1,234.5", 1234.5),
        ("1.000,125", "1,000.125", 1000.125),
        ("1.234.567", "1,234,567", 1_234_567.0),
    ];
    for (comma_text, point_text, value) in shown {
        assert_eq!(comma(comma_text), Ok(value), "{comma_text}");
        assert_eq!(point(point_text), Ok(value), "{point_text}");
    }
}

#[test]
fn refusals_speak_to_the_visitor() {
    assert_eq!(point(" ").unwrap_err().to_string(), "Enter a value.");
    assert_eq!(
        point(" 12ab3 ").unwrap_err().to_string(),
        "“12ab3” is not a number."
    );
    assert_eq!(
        point("12345678901234567890").unwrap_err().to_string(),
        "Enter at most 15 significant digits."
    );
}
