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

/// Pushes `digits` with a `,` between groups of three from the right.
fn push_grouped(out: &mut String, digits: &str) {
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
}

/// A number code, or `None` when `format` is not one this module knows.
fn number(n: f64, format: &str) -> Option<String> {
    let (body, percent) = match format.strip_suffix('%') {
        Some(body) => (body, true),
        None => (format, false),
    };
    let n = if percent { n * 100.0 } else { n };
    let (body, exponent_digits) = match body.to_ascii_uppercase().split_once("E+") {
        Some((mantissa, exponent))
            if !exponent.is_empty() && exponent.bytes().all(|b| b == b'0') =>
        {
            (mantissa.to_string(), Some(exponent.len()))
        }
        Some(_) => return None,
        None => (body.to_string(), None),
    };
    let (integer_code, decimal_code) = body.split_once('.').unwrap_or((&body, ""));
    if integer_code.is_empty()
        || !integer_code
            .bytes()
            .all(|b| matches!(b, b'0' | b'#' | b','))
        || integer_code.ends_with(',')
        || !decimal_code.bytes().all(|b| b == b'0')
    {
        return None;
    }
    let decimals = decimal_code.len();
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
        let (first, rest) = mantissa.split_at(1.min(mantissa.len()));
        out.push_str(first);
        if decimals > 0 {
            out.push('.');
            out.push_str(rest);
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
        let min_digits = integer_code.bytes().filter(|b| *b == b'0').count();
        let integer = if integer == "0" && min_digits == 0 {
            ""
        } else {
            integer
        };
        let padded = format!(
            "{}{integer}",
            "0".repeat(min_digits.saturating_sub(integer.len()))
        );
        if rounded < 0.0 {
            out.push('-');
        }
        if integer_code.contains(',') {
            push_grouped(&mut out, &padded);
        } else {
            out.push_str(&padded);
        }
        if decimals > 0 {
            out.push('.');
            out.push_str(fraction);
        }
    }
    if percent {
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
