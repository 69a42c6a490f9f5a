//! TEXT(value, format_text): a documented subset of Excel's number format
//! codes, and nothing more.
//!
//! Supported: `General`; number codes built from `0`, `#` and `,` before
//! an optional `.` and zeros (`0`, `0.00`, `#,##0`, `#,##0.00`), an
//! optional trailing `%` (`0%`, `0.0%`), or scientific `0.00E+00`; and
//! date codes from `yyyy`/`yy`, `m`/`mm`/`mmm`/`mmmm`, `d`/`dd`/`ddd`/
//! `dddd` (English names) separated by `-`, `/`, `.`, `,` or spaces
//! (`yyyy-mm-dd`, `dd/mm/yyyy`, `mmm yyyy`). Any other code (times,
//! literals, sections, colours, locales) is `#VALUE!` with a message
//! naming it, never a silent guess. Decimals round half away from zero
//! on the 15-digit decimal form, as ROUND does. Numeric text and ISO date
//! text convert; other text comes back unchanged, as in Excel.

use super::args;
use super::date_serial::{serial_from_iso_text, ymd_from_serial, MAX_SERIAL};
use super::rounding::{round_decimal, RoundingMode};
use crate::formula::value::{format_general, parse_number_text, ErrorValue, Value};
use crate::number_text;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Day names from serial % 7 = 0 (serial 0 is a Saturday).
const DAYS: [&str; 7] = [
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
];

/// TEXT(value, format_text).
pub(super) fn text_function(args: &[Value]) -> Result<Value, ErrorValue> {
    let format = args::text(args, 1)?;
    Ok(args::map_first(args, &|value| {
        let n = match value {
            Value::Text(text) => match parse_number_text(text)
                .or_else(|| serial_from_iso_text(text).map(|serial| serial as f64))
            {
                Some(n) => n,
                None => return Ok(value.clone()),
            },
            Value::Bool(_) => return value.to_text().map(Value::Text),
            other => other.to_number()?,
        };
        let text = if format.eq_ignore_ascii_case("general") {
            Some(format_general(n))
        } else if format.contains(['0', '#']) {
            number(n, &format)
        } else {
            date(n, &format)
        };
        text.map(Value::text).ok_or_else(|| {
            args::value_error(
                "TEXT",
                format!("the format code \"{format}\" is not supported"),
            )
        })
    }))
}

/// A number code, or `None` when `format` is not one this module knows.
/// Read character by character (no byte slicing, whose panic path and
/// messages would cost the wasm more than this whole function).
fn number(n: f64, format: &str) -> Option<String> {
    // Where the reading is: 0 integer placeholders, 1 decimals, 2 after
    // `E`, 3 exponent digits, 4 after `%`.
    let mut stage = 0;
    let (mut placeholders, mut min_digits, mut decimals) = (0, 0, 0);
    let (mut grouping, mut last) = (false, ' ');
    let mut exponent_digits: Option<usize> = None;
    for c in format.chars() {
        match (stage, c) {
            (0, '0' | '#' | ',') => {
                placeholders += 1;
                min_digits += usize::from(c == '0');
                grouping |= c == ',';
            }
            (0, '.') => stage = 1,
            (1, '0') => decimals += 1,
            (0 | 1, 'E' | 'e') => stage = 2,
            (2, '+') => {
                stage = 3;
                exponent_digits = Some(0);
            }
            (3, '0') => exponent_digits = exponent_digits.map(|d| d + 1),
            (0 | 1 | 3, '%') => stage = 4,
            _ => return None,
        }
        if stage == 0 {
            last = c;
        }
    }
    if placeholders == 0 || last == ',' || stage == 2 || exponent_digits == Some(0) {
        return None;
    }
    let n = if stage == 4 { n * 100.0 } else { n };
    let mut out = String::new();
    if let Some(min_exponent_digits) = exponent_digits {
        let (digits, exponent) = if n == 0.0 {
            (0, 0)
        } else {
            number_text::significant(n.abs(), decimals as u32 + 1)
        };
        if n < 0.0 {
            out.push('-');
        }
        let mut mantissa = String::new();
        number_text::push_u64(&mut mantissa, digits, decimals + 1);
        for (index, digit) in mantissa.chars().enumerate() {
            if index == 1 {
                out.push('.');
            }
            out.push(digit);
        }
        out.push_str(if exponent < 0 { "E-" } else { "E+" });
        number_text::push_u64(
            &mut out,
            u64::from(exponent.unsigned_abs()),
            min_exponent_digits,
        );
    } else {
        let rounded = round_decimal(n, decimals as i32, RoundingMode::HalfAwayFromZero);
        let fixed = number_text::fixed(rounded.abs(), decimals as u32)?;
        let (integer, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let integer = if integer == "0" { "" } else { integer };
        if rounded < 0.0 {
            out.push('-');
        }
        let mut padded = String::new();
        for _ in integer.len()..min_digits {
            padded.push('0');
        }
        padded.push_str(integer);
        for (index, digit) in padded.chars().enumerate() {
            if grouping && index > 0 && (padded.len() - index) % 3 == 0 {
                out.push(',');
            }
            out.push(digit);
        }
        if decimals > 0 {
            out.push('.');
            out.push_str(fraction);
        }
    }
    if stage == 4 {
        out.push('%');
    }
    Some(out)
}

/// A date code, or `None` when `format` is not one this module knows or
/// `n` is not a date serial.
fn date(n: f64, format: &str) -> Option<String> {
    if !(0.0..(MAX_SERIAL + 1) as f64).contains(&n) {
        return None;
    }
    let serial = n as i64;
    let date = ymd_from_serial(serial)?;
    let month_name = MONTHS.get(date.month as usize - 1)?;
    let day_name = DAYS.get(serial.rem_euclid(7) as usize)?;
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        let letter = c.to_ascii_lowercase();
        let mut run = 1;
        while chars.peek().map(char::to_ascii_lowercase) == Some(letter)
            && letter.is_ascii_alphabetic()
        {
            chars.next();
            run += 1;
        }
        let (number, min_digits) = match (letter, run) {
            ('y', 1 | 2) => (date.year % 100, 2),
            ('y', 3 | 4) => (date.year, 4),
            ('m', 1 | 2) => (i64::from(date.month), run),
            ('d', 1 | 2) => (i64::from(date.day), run),
            ('m', 3) => {
                out.push_str(month_name.get(..3)?);
                continue;
            }
            ('m', 4) => {
                out.push_str(month_name);
                continue;
            }
            ('d', 3) => {
                out.push_str(day_name.get(..3)?);
                continue;
            }
            ('d', 4) => {
                out.push_str(day_name);
                continue;
            }
            ('-' | '/' | '.' | ',' | ' ', _) => {
                out.push(c);
                continue;
            }
            _ => return None,
        };
        number_text::push_u64(&mut out, number.unsigned_abs(), min_digits);
    }
    Some(out)
}

#[cfg(test)]
#[path = "text_format_test.rs"]
mod tests;
