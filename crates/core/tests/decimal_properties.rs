//! Property tests of `parse_decimal`: on every text of its grammar it gives
//! the same `f64` bits as `str::parse::<f64>`, and it rejects everything else.
//! Inputs: printed finite doubles (shortest, scientific, 17 digits, exact),
//! exact halfway points between neighbouring doubles and their neighbours,
//! random digit strings with random exponents, and random junk over the
//! grammar's alphabet. `PROPTEST_CASES` overrides the case counts for a heavy
//! run, e.g. `PROPTEST_CASES=1000000 cargo test --release --test decimal_properties`.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use proptest::prelude::*;
use yardstick_core::formula::decimal::parse_decimal;

/// The case count: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// `parse_decimal` and std agree bit for bit (including both rejecting).
fn agrees(text: &str) -> Result<(), TestCaseError> {
    let ours = parse_decimal(text).map(f64::to_bits);
    let std = text.parse::<f64>().ok().map(f64::to_bits);
    prop_assert_eq!(ours, std, "text {:?}", text);
    Ok(())
}

fn finite() -> impl Strategy<Value = f64> {
    any::<u64>()
        .prop_map(f64::from_bits)
        .prop_filter("finite", |x| x.is_finite())
}

/// The exact decimal digits of a non-negative finite `x`, scaled by 10^1100.
fn scaled_digits(x: f64) -> Vec<u8> {
    let text = format!("{x:.1100}");
    text.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// The exact halfway point between positive finite `x` and the next double
/// up, as digits (big-endian) of the value times 10^1100.
fn halfway_digits(x: f64) -> Vec<u8> {
    let (low, high) = (
        scaled_digits(x),
        scaled_digits(f64::from_bits(x.to_bits() + 1)),
    );
    let width = high.len().max(low.len()) + 1;
    let pad = |d: Vec<u8>| [vec![0; width - d.len()], d].concat();
    let (mut sum, high) = (pad(low), pad(high));
    let mut carry = 0;
    for (digit, other) in sum.iter_mut().zip(&high).rev() {
        let total = *digit + other + carry;
        (*digit, carry) = (total % 10, total / 10);
    }
    let mut remainder = 0;
    for digit in &mut sum {
        let value = remainder * 10 + *digit;
        (*digit, remainder) = (value / 2, value % 2);
    }
    // x and the next double have at most 1074 decimals; half their sum 1075 < 1100.
    assert_eq!(remainder, 0);
    sum
}

fn to_text(digits: &[u8], exponent: i32) -> String {
    let digits: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{digits}e{exponent}")
}

/// Decimal text in the grammar: sign, digits with an optional point, exponent.
fn decimal_text() -> impl Strategy<Value = String> {
    let digit_alphabet = prop_oneof![
        "[0-9]{0,60}",
        "[09]{0,60}",
        "[0459]{0,60}",
        "(0|[1-9][0-9]{0,18}|[0-9]{19,60})",
    ];
    let exponent = prop_oneof![
        Just(String::new()),
        (-30i32..30).prop_map(|e| format!("e{e}")),
        (-400i32..400).prop_map(|e| format!("E{e:+}")),
        (-1200i32..1200).prop_map(|e| format!("e{e}")),
        any::<i64>().prop_map(|e| format!("e{e}")),
    ];
    (
        "[+-]?",
        digit_alphabet,
        proptest::option::of(0usize..=60),
        exponent,
    )
        .prop_filter_map("needs a digit", |(sign, digits, point, exponent)| {
            let point = point.map_or(digits.len(), |p| p.min(digits.len()));
            let (integer, fraction) = digits.split_at(point);
            let text = if point == digits.len() && point % 2 == 0 {
                format!("{sign}{integer}{exponent}")
            } else {
                format!("{sign}{integer}.{fraction}{exponent}")
            };
            (!digits.is_empty()).then_some(text)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

    #[test]
    fn printed_doubles_parse_back_exactly(x in finite()) {
        for text in [
            format!("{x}"),
            format!("{x:e}"),
            format!("{x:.17e}"),
            format!("{x:.16e}"),
            format!("{x:.15e}"),
            format!("{x:E}"),
        ] {
            agrees(&text)?;
        }
        prop_assert_eq!(parse_decimal(&format!("{x:e}")).map(f64::to_bits), Some(x.to_bits()));
    }

    #[test]
    fn random_decimal_text_agrees_with_std(text in decimal_text()) {
        agrees(&text)?;
    }

    #[test]
    fn junk_over_the_alphabet_agrees_with_std(text in "[0-9.eE+_x -]{0,12}") {
        // No letters of "inf" or "nan": std accepts exactly our grammar here.
        agrees(&text)?;
    }
}

proptest! {
    // Each case parses three texts of about 1,100 digits.
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn halfway_points_round_to_even(x in finite(), negative in any::<bool>()) {
        let x = x.abs();
        prop_assume!(x < f64::MAX);
        let halfway = halfway_digits(x);
        let mut below = halfway.clone();
        for digit in below.iter_mut().rev() {
            // Decrement: the halfway point is not zero, so this ends.
            if *digit > 0 {
                *digit -= 1;
                break;
            }
            *digit = 9;
        }
        let sign = if negative { "-" } else { "" };
        let texts = [
            to_text(&halfway, -1100),
            to_text(&[halfway.as_slice(), &[0, 0, 1]].concat(), -1103),
            to_text(&[below.as_slice(), &[9]].concat(), -1101),
        ];
        for text in texts {
            agrees(&format!("{sign}{text}"))?;
        }
        let even = if x.to_bits() % 2 == 0 { x } else { f64::from_bits(x.to_bits() + 1) };
        prop_assert_eq!(parse_decimal(&to_text(&halfway, -1100)).map(f64::to_bits), Some(even.to_bits()));
    }
}
