//! Reading a number a person typed into a field, in their locale's
//! notation: `1.234,5` is 1234.5 where the decimal mark is a comma, `$1,200`
//! is 1200, `12 %` is 12 (the caller scales percentages).
//!
//! It decides what a visitor's entry means, so it lives here and not in the
//! page: the same text gives the same number in every host, and the rules
//! are tested natively. It never guesses a number the visitor did not type:
//! an entry with more significant digits than an `f64` keeps (15) is refused
//! rather than rounded, and text that is not one number is refused rather
//! than read up to its first non-digit.

use crate::formula::decimal::parse_decimal_bytes;
use core::fmt;

/// Significant digits an `f64` keeps for every decimal number (DBL_DIG).
pub const SIGNIFICANT_DIGITS_MAX: usize = 15;

/// Why a typed entry is not a number the calculator can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryRefusal {
    /// Nothing but spaces.
    Empty,
    /// Not one number in the locale's notation; holds the text as typed.
    NotANumber(String),
    /// More significant digits than [`SIGNIFICANT_DIGITS_MAX`]: the number
    /// read would not be the one typed.
    TooPrecise,
}

impl fmt::Display for EntryRefusal {
    /// The message for the visitor, shown beside the field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryRefusal::Empty => f.write_str("Enter a value."),
            EntryRefusal::NotANumber(text) => write!(f, "“{text}” is not a number."),
            // The bound written out: formatting an integer would link
            // core's integer printer into the wasm for one message.
            EntryRefusal::TooPrecise => f.write_str("Enter at most 15 significant digits."),
        }
    }
}

/// Reads `text` as typed in a locale whose decimal mark is a comma
/// (`decimal_comma`) or a point. Spaces (also no-break ones) and `%` are
/// ignored anywhere; currency symbols and units before or after the number
/// are dropped; `−` (U+2212) is a minus sign; an exponent (`1e6`) is read.
///
/// The other mark is a grouping mark only in whole groups of three after a
/// leading group of one to three digits that does not start with 0
/// (`1.234.567` with a decimal comma); otherwise a single one is read as the
/// decimal point, so `2.5` typed where the mark is a comma is still 2.5.
pub fn read_typed_number(text: &str, decimal_comma: bool) -> Result<f64, EntryRefusal> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(EntryRefusal::Empty);
    }
    let not_a_number = || EntryRefusal::NotANumber(trimmed.to_string());
    let (decimal, group) = if decimal_comma {
        (b',', b'.')
    } else {
        (b'.', b',')
    };
    // Bytes from here on (no `str` slicing and its panic paths in the wasm):
    // any other non-ASCII character becomes `?`, which no number holds.
    let mut cleaned = Vec::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        cleaned.push(match c {
            '\u{2212}' => b'-',
            '%' => continue,
            _ if c.is_whitespace() => continue,
            _ if c.is_ascii() => c as u8,
            _ => b'?',
        });
    }
    // Currency symbols and units around the number go.
    let mut number = cleaned.as_slice();
    while let Some((first, rest)) = number.split_first() {
        if first.is_ascii_digit() || b"-+.,".contains(first) {
            break;
        }
        number = rest;
    }
    while let Some((last, rest)) = number.split_last() {
        if last.is_ascii_digit() || b".,".contains(last) {
            break;
        }
        number = rest;
    }
    let (negative, unsigned) = match number.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, number),
    };
    let mut digits = Vec::with_capacity(unsigned.len());
    let mut decimals = 0;
    let mut groups = 0;
    for &byte in unsigned {
        if byte == decimal {
            decimals += 1;
        } else if byte == group {
            groups += 1;
        }
        digits.push(byte);
    }
    let whole_length = unsigned
        .iter()
        .position(|b| *b == decimal)
        .unwrap_or(unsigned.len());
    if decimals > 1 {
        return Err(not_a_number());
    }
    if groups > 0 {
        if is_grouped(unsigned.get(..whole_length).unwrap_or_default(), group) {
            digits.retain(|b| *b != group);
        } else if decimals == 0 && decimal_comma && groups == 1 {
            // `2.5` typed where the mark is a comma: a decimal point.
        } else {
            return Err(not_a_number());
        }
    }
    for byte in &mut digits {
        if *byte == b',' {
            *byte = b'.';
        }
    }
    // parse_decimal takes a sign of its own: refuse a second one here.
    if !digits
        .first()
        .is_some_and(|b| b.is_ascii_digit() || *b == b'.')
    {
        return Err(not_a_number());
    }
    let magnitude = parse_decimal_bytes(&digits).ok_or_else(not_a_number)?;
    if significant_digits(&digits) > SIGNIFICANT_DIGITS_MAX {
        return Err(EntryRefusal::TooPrecise);
    }
    if !magnitude.is_finite() {
        return Err(not_a_number());
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// `1,234,567` with `,` as the group mark: a first group of 1 to 3 digits
/// not starting with 0, then groups of exactly 3.
fn is_grouped(whole: &[u8], group: u8) -> bool {
    let mut run = 0;
    let mut first = true;
    for &byte in whole {
        if byte == group {
            if run == 0 || run > 3 || (!first && run != 3) {
                return false;
            }
            first = false;
            run = 0;
        } else if byte.is_ascii_digit() && !(first && run == 0 && byte == b'0') {
            run += 1;
        } else {
            return false;
        }
    }
    !first && run == 3
}

/// Digits of the mantissa without leading and trailing zeros (`0.00120`
/// has 2, `1200` has 2, `1.5e9` has 2).
fn significant_digits(digits: &[u8]) -> usize {
    let (mut count, mut zeros, mut started) = (0, 0, false);
    for &byte in digits {
        match byte {
            b'e' | b'E' => break,
            b'0' if started => zeros += 1,
            b'1'..=b'9' => {
                count += zeros + 1;
                zeros = 0;
                started = true;
            }
            _ => {}
        }
    }
    count
}

#[cfg(test)]
#[path = "typed_number_test.rs"]
mod typed_number_test;
