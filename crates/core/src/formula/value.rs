//! Formula values: numbers, text, booleans, Excel error values and arrays,
//! with Excel's coercion rules between them.
//!
//! Values are plain data. Nothing here parses or evaluates formulas; the
//! evaluator and the function library build on these rules so that every
//! function coerces its arguments the same way Excel does.

use super::limits::{ARRAY_ELEMENT_BYTES, MAX_TEXT_CHARS};
use crate::number_text;
use std::fmt;

/// One of Excel's error values. Errors are values: they propagate through
/// formulas instead of aborting evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `#DIV/0!`: division by zero.
    DivZero,
    /// `#N/A`: a value is not available (lookups that find nothing).
    NotAvailable,
    /// `#NAME?`: an unknown function or variable name.
    Name,
    /// `#NULL!`: an empty intersection.
    Null,
    /// `#NUM!`: a number is out of range, or an iterative function found no result.
    Num,
    /// `#REF!`: an invalid reference (an index outside an array).
    Ref,
    /// `#VALUE!`: an argument has the wrong type.
    Value,
    /// `#ERROR!`: the formula does not parse. Excel refuses such a formula
    /// outright; Yardstick returns this value (as Google Sheets shows it) with
    /// diagnostics, so it can never be mistaken for a computed error.
    Syntax,
}

impl ErrorKind {
    /// The error as Excel writes it, such as `#DIV/0!`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::DivZero => "#DIV/0!",
            ErrorKind::NotAvailable => "#N/A",
            ErrorKind::Name => "#NAME?",
            ErrorKind::Null => "#NULL!",
            ErrorKind::Num => "#NUM!",
            ErrorKind::Ref => "#REF!",
            ErrorKind::Value => "#VALUE!",
            ErrorKind::Syntax => "#ERROR!",
        }
    }

    /// Every error kind, in a fixed order.
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::DivZero,
        ErrorKind::NotAvailable,
        ErrorKind::Name,
        ErrorKind::Null,
        ErrorKind::Num,
        ErrorKind::Ref,
        ErrorKind::Value,
        ErrorKind::Syntax,
    ];

    /// Parses an error literal as written in a formula, case-insensitively.
    pub fn from_code(code: &str) -> Option<ErrorKind> {
        ErrorKind::ALL
            .into_iter()
            .find(|kind| kind.code().eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An error value with a human explanation of why it arose.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorValue {
    /// Which Excel error (`#NUM!`, `#DIV/0!`, ...).
    pub kind: ErrorKind,
    /// Why the error arose, for a person ("PMT: nper must not be zero").
    pub message: String,
}

impl ErrorValue {
    /// An error of `kind` that says why in `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorValue {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for ErrorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{} ({})", self.kind, self.message)
        }
    }
}

impl std::error::Error for ErrorValue {}

/// A rectangular array of scalar values, stored row by row.
/// Elements are never arrays themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Array {
    rows: usize,
    cols: usize,
    values: Vec<Value>,
}

impl Array {
    /// Builds an array from its rows; `None` if the rows differ in length,
    /// are empty, or an element is itself an array.
    pub fn from_rows(rows: Vec<Vec<Value>>) -> Option<Array> {
        let cols = rows.first()?.len();
        if cols == 0 || rows.iter().any(|row| row.len() != cols) {
            return None;
        }
        let row_count = rows.len();
        let mut values = Vec::with_capacity(row_count * cols);
        for row in rows {
            values.extend(row);
        }
        if values.iter().any(|v| matches!(v, Value::Array(_))) {
            return None;
        }
        Some(Array {
            rows: row_count,
            cols,
            values,
        })
    }

    /// A single row of values; `None` if empty or nested.
    pub fn from_row(values: Vec<Value>) -> Option<Array> {
        let cols = values.len();
        Array::new(1, cols, values)
    }

    /// An array of `rows` × `cols` values given row by row, built without
    /// intermediate row vectors; `None` if the count does not match, it is
    /// empty, or an element is an array.
    pub fn new(rows: usize, cols: usize, values: Vec<Value>) -> Option<Array> {
        if values.is_empty()
            || rows.checked_mul(cols) != Some(values.len())
            || values.iter().any(|v| matches!(v, Value::Array(_)))
        {
            return None;
        }
        Some(Array { rows, cols, values })
    }

    /// The same shape with every element replaced by `op(element)`.
    /// `op` must not return arrays; one that does gives `#VALUE!` there.
    /// A trait object, so the loop is compiled once for every operator and
    /// function that maps over an array.
    pub fn map(&self, op: &dyn Fn(&Value) -> Value) -> Array {
        let mut values = Vec::with_capacity(self.values.len());
        for v in &self.values {
            values.push(match op(v) {
                Value::Array(_) => Value::error(ErrorKind::Value, "an array inside an array"),
                other => other,
            });
        }
        Array {
            rows: self.rows,
            cols: self.cols,
            values,
        }
    }

    /// A single column of values; `None` if empty or nested.
    pub fn from_column(values: Vec<Value>) -> Option<Array> {
        Array::column(values)
    }

    /// A single column built without copying the values row by row (the
    /// model engine turns every series it reads into one).
    pub fn column(values: Vec<Value>) -> Option<Array> {
        if values.is_empty() || values.iter().any(|v| matches!(v, Value::Array(_))) {
            return None;
        }
        Some(Array {
            rows: values.len(),
            cols: 1,
            values,
        })
    }

    /// The number of rows (at least 1).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The number of columns (at least 1).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// All elements, row by row.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The element at a zero-based row and column, if inside the array.
    pub fn get(&self, row: usize, col: usize) -> Option<&Value> {
        if row >= self.rows || col >= self.cols {
            return None;
        }
        self.values.get(row * self.cols + col)
    }

    /// Copies of the elements at `rows` × `cols` (zero-based), row by row;
    /// positions outside the array are left out. One loop for INDEX's rows
    /// and columns, XLOOKUP's results, TAKE and DROP.
    pub fn block(&self, rows: std::ops::Range<usize>, cols: std::ops::Range<usize>) -> Vec<Value> {
        let mut values = Vec::new();
        for row in rows {
            for col in cols.clone() {
                if let Some(value) = self.get(row, col) {
                    values.push(value.clone());
                }
            }
        }
        values
    }

    /// The rows as slices.
    pub fn row_slices(&self) -> impl Iterator<Item = &[Value]> {
        self.values.chunks(self.cols.max(1))
    }
}

/// A formula value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A finite number. Non-finite results become `#NUM!` or `#DIV/0!` before
    /// they are stored; use [`Value::number`] to build one safely.
    Number(f64),
    /// Text, at most 32,767 characters (Excel's cell limit; see [`Value::text`]).
    Text(String),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// An error value; it propagates through operators and most functions.
    Error(ErrorValue),
    /// An array of values, row by row (a series is one column).
    Array(Array),
    /// An omitted argument, as in `PV(0.1, 10, , 100)`. Acts as 0 in
    /// arithmetic and as "" in text.
    Empty,
}

impl Value {
    /// A number, or `#NUM!` when it is not finite (Excel has no NaN or infinity).
    #[inline]
    pub fn number(n: f64) -> Value {
        if n.is_finite() {
            Value::Number(n)
        } else {
            Value::error(ErrorKind::Num, "the result is too large or not a number")
        }
    }

    /// The error value of `kind` with `message`.
    pub fn error(kind: ErrorKind, message: impl Into<String>) -> Value {
        Value::Error(ErrorValue::new(kind, message))
    }

    /// Text, or `#VALUE!` when it is longer than Excel's cell limit
    /// ([`MAX_TEXT_CHARS`] UTF-16 code units). Only text of more bytes
    /// than the limit is counted: fewer bytes are fewer units.
    pub fn text(text: String) -> Value {
        if text.len() > MAX_TEXT_CHARS
            && text.chars().map(char::len_utf16).sum::<usize>() > MAX_TEXT_CHARS
        {
            return Value::error(ErrorKind::Value, "text longer than 32,767 characters");
        }
        Value::Text(text)
    }

    /// The bytes this value holds that a number does not: its text, and
    /// [`ARRAY_ELEMENT_BYTES`] plus the text of each array element. What
    /// the evaluation and model budgets count.
    pub fn held_bytes(&self) -> usize {
        match self {
            Value::Text(text) => text.len(),
            Value::Array(array) => {
                let mut bytes = 0usize;
                for value in &array.values {
                    if let Value::Text(text) = value {
                        bytes += text.len();
                    }
                    bytes += ARRAY_ELEMENT_BYTES;
                }
                bytes
            }
            _ => 0,
        }
    }

    /// A short name of the value's type for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Text(_) => "text",
            Value::Bool(_) => "boolean",
            Value::Error(_) => "error",
            Value::Array(_) => "array",
            Value::Empty => "empty",
        }
    }

    /// Coerces to a number as Excel's arithmetic does: booleans are 1 and 0,
    /// numeric text converts, empty is 0, other text is `#VALUE!`, errors
    /// propagate, and an array gives its first element.
    pub fn to_number(&self) -> Result<f64, ErrorValue> {
        match self {
            Value::Number(n) => Ok(*n),
            Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
            Value::Empty => Ok(0.0),
            Value::Text(text) => parse_number_text(text).ok_or_else(|| {
                ErrorValue::new(
                    ErrorKind::Value,
                    format!("expected a number, got the text \"{}\"", clip(text)),
                )
            }),
            Value::Error(err) => Err(err.clone()),
            Value::Array(array) => match array.values().first() {
                Some(first) => first.to_number(),
                None => Err(ErrorValue::new(ErrorKind::Value, "empty array")),
            },
        }
    }

    /// Coerces to text as Excel's `&` does: numbers in General format,
    /// booleans as TRUE / FALSE, errors propagate.
    pub fn to_text(&self) -> Result<String, ErrorValue> {
        match self {
            Value::Number(n) => Ok(format_general(*n)),
            Value::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Value::Empty => Ok(String::new()),
            Value::Text(text) => Ok(text.clone()),
            Value::Error(err) => Err(err.clone()),
            Value::Array(array) => match array.values().first() {
                Some(first) => first.to_text(),
                None => Err(ErrorValue::new(ErrorKind::Value, "empty array")),
            },
        }
    }

    /// Coerces to a boolean as Excel's logical functions do: numbers are
    /// true unless zero, "TRUE"/"FALSE" text converts, other text is `#VALUE!`.
    pub fn to_bool(&self) -> Result<bool, ErrorValue> {
        match self {
            Value::Bool(b) => Ok(*b),
            Value::Number(n) => Ok(*n != 0.0),
            Value::Empty => Ok(false),
            Value::Text(text) => {
                if text.eq_ignore_ascii_case("TRUE") {
                    Ok(true)
                } else if text.eq_ignore_ascii_case("FALSE") {
                    Ok(false)
                } else {
                    Err(ErrorValue::new(
                        ErrorKind::Value,
                        format!("expected TRUE or FALSE, got the text \"{}\"", clip(text)),
                    ))
                }
            }
            Value::Error(err) => Err(err.clone()),
            Value::Array(array) => match array.values().first() {
                Some(first) => first.to_bool(),
                None => Err(ErrorValue::new(ErrorKind::Value, "empty array")),
            },
        }
    }
}

impl From<Result<f64, ErrorValue>> for Value {
    fn from(result: Result<f64, ErrorValue>) -> Value {
        match result {
            Ok(n) => Value::number(n),
            Err(err) => Value::Error(err),
        }
    }
}

/// Shortens text quoted in a message so a message stays readable.
fn clip(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    // Where character MAX_CHARS + 1 starts, if there is one: no
    // `chars().count()`, whose word-at-a-time counter is 1 KB of wasm.
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// Parses numeric text the way Excel coerces it in arithmetic: surrounding
/// spaces, a sign, decimals, an exponent and a trailing percent sign.
pub fn parse_number_text(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    let (body, scale) = match trimmed.strip_suffix('%') {
        Some(body) => (body.trim_end(), 0.01),
        None => (trimmed, 1.0),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        // Rejects "inf", "NaN" and friends that Rust's parser would accept.
        return None;
    }
    let n = super::decimal::parse_decimal(body)?;
    let scaled = n * scale;
    scaled.is_finite().then_some(scaled)
}

/// Formats a number as Excel's General format does when it turns a number
/// into text: at most 15 significant digits, no trailing zeros, scientific
/// notation for very large or very small magnitudes.
pub fn format_general(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    let magnitude = n.abs();
    if !(1e-9..1e15).contains(&magnitude) {
        return format_scientific(n);
    }
    // Round to 15 significant digits, then print in fixed notation.
    let digits_before_point = magnitude.log10().floor() as i32 + 1;
    let decimals = (15 - digits_before_point).clamp(0, 24).unsigned_abs();
    match number_text::fixed(n, decimals) {
        Some(formatted) => trim_fraction(&formatted).to_string(),
        None => format_scientific(n),
    }
}

/// Scientific General format: a mantissa of up to 15 significant digits
/// without trailing zeros, as in 1.23456789012345E+20.
fn format_scientific(n: f64) -> String {
    let (digits, exponent) = number_text::significant(n.abs(), 15);
    let mut mantissa = String::with_capacity(24);
    if n < 0.0 {
        mantissa.push('-');
    }
    number_text::push_u64(&mut mantissa, digits, 1);
    // Fifteen digits (after any sign): the point goes after the first.
    if let Some(point) = mantissa.len().checked_sub(14).filter(|&p| p > 0) {
        mantissa.insert(point, '.');
    }
    let mut text = trim_fraction(&mantissa).to_string();
    text.push_str(if exponent < 0 { "E-" } else { "E+" });
    number_text::push_u64(&mut text, u64::from(exponent.unsigned_abs()), 2);
    text
}

fn trim_fraction(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

#[cfg(test)]
#[path = "value_test.rs"]
mod tests;
