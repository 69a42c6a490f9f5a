//! Text functions with Excel's semantics: CONCAT, TEXTJOIN, LEFT, RIGHT,
//! MID, LEN, UPPER, LOWER, TRIM, VALUE, and TEXT (whose format codes live
//! in [`super::text_format`]).
//!
//! Positions and lengths count characters (Unicode scalar values). Excel
//! counts UTF-16 code units, which is the same for every character of the
//! Basic Multilingual Plane (Latin, Greek, Cyrillic, CJK, ...); a
//! character outside it (most emoji) is 2 in Excel and 1 here, so
//! Yardstick never splits one in half. UPPER and LOWER use the case table
//! of [`crate::formula::case_fold`] (Latin, Greek, Cyrillic), not
//! Unicode's 12 KB one; `ß` stays `ß` as in Excel. The one-text functions
//! apply element by element to an array first argument; results are
//! bounded by Excel's 32,767-character text limit.

use super::args;
use super::{Category, FunctionSpec};
use crate::formula::case_fold::fold_char;
use crate::formula::value::{parse_number_text, ErrorValue, Value};

/// The text functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager(
        "TEXT",
        Category::Text,
        2,
        2,
        super::text_format::text_function,
    ),
    FunctionSpec::eager("CONCAT", Category::Text, 1, 255, concat),
    FunctionSpec::eager("TEXTJOIN", Category::Text, 3, 255, textjoin),
    FunctionSpec::eager("LEFT", Category::Text, 1, 2, left),
    FunctionSpec::eager("RIGHT", Category::Text, 1, 2, right),
    FunctionSpec::eager("MID", Category::Text, 3, 3, mid),
    FunctionSpec::eager("LEN", Category::Text, 1, 1, len),
    FunctionSpec::eager("UPPER", Category::Text, 1, 1, upper),
    FunctionSpec::eager("LOWER", Category::Text, 1, 1, lower),
    FunctionSpec::eager("TRIM", Category::Text, 1, 1, trim),
    FunctionSpec::eager("VALUE", Category::Text, 1, 1, value),
];

/// Every argument's text in order, arrays row by row; errors propagate.
fn pieces(args: &[Value]) -> Result<Vec<String>, ErrorValue> {
    let mut pieces = Vec::new();
    for arg in args {
        match arg {
            Value::Array(array) => {
                for element in array.values() {
                    pieces.push(element.to_text()?);
                }
            }
            other => pieces.push(other.to_text()?),
        }
    }
    Ok(pieces)
}

/// CONCAT(text1, ...): every text joined, arrays element by element.
fn concat(args: &[Value]) -> Result<Value, ErrorValue> {
    join(&[], false, args)
}

/// TEXTJOIN(delimiter, ignore_empty, text1, ...): the texts joined by the
/// delimiter (an array of delimiters is used in turn), leaving out empty
/// texts when ignore_empty is TRUE.
fn textjoin(args: &[Value]) -> Result<Value, ErrorValue> {
    let delimiters = pieces(args.get(..1).unwrap_or_default())?;
    let ignore_empty = args::boolean(args, 1)?;
    join(&delimiters, ignore_empty, args.get(2..).unwrap_or_default())
}

/// The texts of `args` joined by `delimiters` in turn (none: nothing
/// between), empty texts left out when `ignore_empty`; CONCAT and
/// TEXTJOIN share it.
fn join(delimiters: &[String], ignore_empty: bool, args: &[Value]) -> Result<Value, ErrorValue> {
    let mut joined = String::new();
    let mut count = 0usize;
    for piece in pieces(args)? {
        if ignore_empty && piece.is_empty() {
            continue;
        }
        if count > 0 && !delimiters.is_empty() {
            if let Some(delimiter) = delimiters.get((count - 1) % delimiters.len()) {
                joined.push_str(delimiter);
            }
        }
        joined.push_str(&piece);
        count += 1;
        if joined.len() > 4 * crate::formula::limits::MAX_TEXT_CHARS {
            break;
        }
    }
    Ok(Value::text(joined))
}

/// A character count argument: truncated, `default` when omitted, below 0
/// `#VALUE!`.
fn count_arg(
    function: &str,
    args: &[Value],
    index: usize,
    default: f64,
) -> Result<usize, ErrorValue> {
    let count = args::number_or(args, index, default)?.trunc();
    if count < 0.0 {
        return Err(args::value_error(
            function,
            "a character count must not be negative",
        ));
    }
    Ok(count.min(u32::MAX as f64) as usize)
}

/// The characters `skip..skip + take` of `text`, found by their byte
/// offsets (one pass, no collecting of characters).
fn characters(text: &str, skip: usize, take: usize) -> Value {
    let (mut start, mut end) = (text.len(), text.len());
    for (index, (byte, _)) in text.char_indices().enumerate() {
        if index == skip {
            start = byte;
        }
        if index == skip.saturating_add(take) {
            end = byte;
            break;
        }
    }
    Value::Text(text.get(start..end).unwrap_or_default().to_string())
}

/// `text` with `convert` applied to every character (one instance for
/// UPPER and LOWER).
fn map_chars(value: &Value, convert: fn(char) -> char) -> Result<Value, ErrorValue> {
    let text = value.to_text()?;
    let mut converted = String::with_capacity(text.len());
    for c in text.chars() {
        converted.push(convert(c));
    }
    Ok(Value::Text(converted))
}

/// LEFT(text, [num_chars]): the first num_chars characters (1).
fn left(args: &[Value]) -> Result<Value, ErrorValue> {
    let count = count_arg("LEFT", args, 1, 1.0)?;
    Ok(args::map_first(args, &|v| {
        Ok(characters(&v.to_text()?, 0, count))
    }))
}

/// RIGHT(text, [num_chars]): the last num_chars characters (1).
fn right(args: &[Value]) -> Result<Value, ErrorValue> {
    let count = count_arg("RIGHT", args, 1, 1.0)?;
    Ok(args::map_first(args, &|v| {
        let text = v.to_text()?;
        let length = text.chars().fold(0, |n, _| n + 1);
        Ok(characters(&text, length - count.min(length), count))
    }))
}

/// MID(text, start_num, num_chars): num_chars characters from the 1-based
/// start; a start below 1 is `#VALUE!`, a start past the end gives "".
fn mid(args: &[Value]) -> Result<Value, ErrorValue> {
    let start = count_arg("MID", args, 1, 0.0)?;
    if start < 1 {
        return Err(args::value_error("MID", "start_num must be at least 1"));
    }
    let count = count_arg("MID", args, 2, 0.0)?;
    Ok(args::map_first(args, &|v| {
        Ok(characters(&v.to_text()?, start - 1, count))
    }))
}

/// LEN(text): the number of characters.
fn len(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(args::map_first(args, &|v| {
        Ok(Value::Number(
            v.to_text()?.chars().fold(0.0, |n, _| n + 1.0),
        ))
    }))
}

/// The upper-case form of `c`: the character whose [`fold_char`] is `c`,
/// among the few offsets the case table uses.
fn upper_char(c: char) -> char {
    let code = c as u32;
    for candidate in [
        code.wrapping_sub(0x20),
        code.wrapping_sub(1),
        code.wrapping_sub(0x50),
        code.wrapping_sub(0x25),
        code.wrapping_sub(0x3F),
        code.wrapping_sub(0x40),
        0x178,
        0x386,
    ] {
        if let Some(upper) = char::from_u32(candidate) {
            if upper != c && fold_char(upper) == c {
                return upper;
            }
        }
    }
    c
}

/// UPPER(text).
fn upper(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(args::map_first(args, &|v| map_chars(v, upper_char)))
}

/// LOWER(text).
fn lower(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(args::map_first(args, &|v| map_chars(v, fold_char)))
}

/// TRIM(text): no spaces (U+0020, as Excel) at either end and single
/// spaces between words.
fn trim(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(args::map_first(args, &|v| {
        let text = v.to_text()?;
        let mut trimmed = String::with_capacity(text.len());
        for word in text.split(' ').filter(|word| !word.is_empty()) {
            if !trimmed.is_empty() {
                trimmed.push(' ');
            }
            trimmed.push_str(word);
        }
        Ok(Value::Text(trimmed))
    }))
}

/// VALUE(text): numeric text (signs, decimals, exponents, a trailing %)
/// or an ISO date ("2024-03-15", its serial) as a number; a number stays
/// itself; other text and booleans are `#VALUE!`, as in Excel.
fn value(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(args::map_first(args, &|v| match v {
        Value::Number(n) => Ok(Value::Number(*n)),
        Value::Empty => Ok(Value::Number(0.0)),
        Value::Text(text) => parse_number_text(text)
            .or_else(|| super::date_serial::serial_from_iso_text(text).map(|s| s as f64))
            .map(Value::Number)
            .ok_or_else(|| args::value_error("VALUE", format!("\"{text}\" is not a number"))),
        Value::Error(err) => Err(err.clone()),
        _ => Err(args::value_error("VALUE", "expected text or a number")),
    }))
}

#[cfg(test)]
#[path = "text_test.rs"]
mod tests;
