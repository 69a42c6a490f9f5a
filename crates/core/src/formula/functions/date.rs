//! Date functions over Excel's 1900 date system: DATE, YEAR, MONTH, DAY,
//! EDATE, EOMONTH and DAYS. Dates are serial numbers (1 = 1900-01-01,
//! 60 = the fictional 1900-02-29, 2,958,465 = 9999-12-31); the calendar
//! arithmetic lives in [`super::date_serial`].
//!
//! These functions never read the clock (there is no TODAY or NOW: the core
//! is deterministic), never know time zones, and ignore the time-of-day
//! fraction of a serial. A date argument may be a serial number, numeric
//! text, or ISO date text such as "2024-03-15"; other text is `#VALUE!`.
//! An array argument uses its first element (no spilling).

use super::args;
use super::date_serial::{self, CivilDate, MAX_SERIAL};
use super::{Category, FunctionSpec};
use crate::formula::value::{parse_number_text, ErrorValue, Value};

/// The date functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("DATE", Category::Date, 3, 3, date),
    FunctionSpec::eager("YEAR", Category::Date, 1, 1, year),
    FunctionSpec::eager("MONTH", Category::Date, 1, 1, month),
    FunctionSpec::eager("DAY", Category::Date, 1, 1, day),
    FunctionSpec::eager("EDATE", Category::Date, 2, 2, edate),
    FunctionSpec::eager("EOMONTH", Category::Date, 2, 2, eomonth),
    FunctionSpec::eager("DAYS", Category::Date, 2, 2, days),
];

/// DATE(year, month, day). Arguments are truncated. A year from 0 to 1899
/// is added to 1900 (Excel's rule, so DATE(24, 1, 1) is 1924-01-01); a
/// negative year or one of 10000 or more is `#NUM!`. Months and days past
/// their ranges roll over (DATE(2024, 14, 1) is 2025-02-01, DATE(2024, 1, 0)
/// is 2023-12-31); a result before serial 0 or after 9999-12-31 is `#NUM!`.
fn date(args: &[Value]) -> Result<Value, ErrorValue> {
    let [year, month, day, ..] = args::numbers(args, &[0.0; 3])?.map(f64::trunc);
    if !(0.0..10_000.0).contains(&year) {
        return Err(args::num_error("DATE", "year must be between 0 and 9999"));
    }
    let full_year = if year < 1900.0 { year + 1900.0 } else { year };
    // `as` saturates, and a saturated month or day is out of range anyway.
    date_serial::serial_from_ymd(full_year as i64, month as i64, day as i64)
        .map(serial_value)
        .ok_or_else(|| args::num_error("DATE", "the date is before 1900 or after 9999"))
}

/// YEAR(serial_number): the year, 1900 for serial 0.
fn year(args: &[Value]) -> Result<Value, ErrorValue> {
    let date = date_arg("YEAR", args, 0)?;
    Ok(Value::Number(date.year as f64))
}

/// MONTH(serial_number): the month, 1 for serial 0.
fn month(args: &[Value]) -> Result<Value, ErrorValue> {
    let date = date_arg("MONTH", args, 0)?;
    Ok(Value::Number(f64::from(date.month)))
}

/// DAY(serial_number): the day of the month; 0 for serial 0 and 29 for the
/// fictional 1900-02-29 (serial 60), as in Excel.
fn day(args: &[Value]) -> Result<Value, ErrorValue> {
    let date = date_arg("DAY", args, 0)?;
    Ok(Value::Number(f64::from(date.day)))
}

/// EDATE(start_date, months): the same day of the month `months` months
/// away (truncated), clamped to the end of a shorter month, so
/// EDATE(2024-01-31, 1) is 2024-02-29. A result outside the date range is
/// `#NUM!`. February 1900 has 29 days here, as everywhere in Excel's calendar.
fn edate(args: &[Value]) -> Result<Value, ErrorValue> {
    let start = date_arg("EDATE", args, 0)?;
    let months = args::integer(args, 1)?;
    let (year, month) = shift_month("EDATE", start, months)?;
    let day = start.day.min(date_serial::days_in_month(year, month));
    date_serial::serial_from_ymd(year, i64::from(month), i64::from(day))
        .map(serial_value)
        .ok_or_else(|| out_of_range("EDATE"))
}

/// EOMONTH(start_date, months): the last day of the month `months` months
/// (truncated) away from `start_date`; outside the date range is `#NUM!`.
fn eomonth(args: &[Value]) -> Result<Value, ErrorValue> {
    let start = date_arg("EOMONTH", args, 0)?;
    let months = args::integer(args, 1)?;
    let (year, month) = shift_month("EOMONTH", start, months)?;
    let last_day = date_serial::days_in_month(year, month);
    date_serial::serial_from_ymd(year, i64::from(month), i64::from(last_day))
        .map(serial_value)
        .ok_or_else(|| out_of_range("EOMONTH"))
}

/// DAYS(end_date, start_date): whole days from start to end, negative when
/// end is earlier. Both dates drop their time of day first (as Excel does,
/// so DAYS(2.9, 1.1) is 1); each must be a valid date or `#NUM!` (numbers)
/// or `#VALUE!` (text that is no date).
fn days(args: &[Value]) -> Result<Value, ErrorValue> {
    let end = serial_arg("DAYS", args, 0)?;
    let start = serial_arg("DAYS", args, 1)?;
    Ok(Value::Number((end - start) as f64))
}

/// A date argument as a whole serial number within `0..=MAX_SERIAL`.
pub(super) fn serial_arg(function: &str, args: &[Value], index: usize) -> Result<i64, ErrorValue> {
    let value = args.get(index).unwrap_or(&Value::Empty);
    let serial = match value {
        // Date text first, so "2024-03-15" is a date rather than an error.
        Value::Text(text) => match date_serial::serial_from_iso_text(text) {
            Some(serial) => serial as f64,
            None => parse_number_text(text)
                .ok_or_else(|| args::value_error(function, format!("\"{text}\" is not a date")))?,
        },
        other => other.to_number()?,
    };
    if !(0.0..(MAX_SERIAL + 1) as f64).contains(&serial) {
        return Err(args::num_error(
            function,
            "the date must be a serial number from 0 to 2958465 (9999-12-31)",
        ));
    }
    Ok(serial.trunc() as i64)
}

/// A date argument as a calendar date.
pub(super) fn date_arg(
    function: &str,
    args: &[Value],
    index: usize,
) -> Result<CivilDate, ErrorValue> {
    let serial = serial_arg(function, args, index)?;
    date_serial::ymd_from_serial(serial).ok_or_else(|| out_of_range(function))
}

/// The (year, month) `months` months after `start`'s month, if the year
/// stays within 1900..=9999.
fn shift_month(function: &str, start: CivilDate, months: f64) -> Result<(i64, u32), ErrorValue> {
    // Beyond this many months no date can be in range; the bound keeps the
    // arithmetic below far from overflow.
    const MAX_MONTH_SHIFT: f64 = 1.0e9;
    if months.abs() > MAX_MONTH_SHIFT {
        return Err(out_of_range(function));
    }
    let total = start.year * 12 + i64::from(start.month) - 1 + months as i64;
    let year = total.div_euclid(12);
    let month = u32::try_from(total.rem_euclid(12) + 1).map_err(|_| out_of_range(function))?;
    if !(1900..=9999).contains(&year) {
        return Err(out_of_range(function));
    }
    Ok((year, month))
}

fn serial_value(serial: i64) -> Value {
    Value::Number(serial as f64)
}

fn out_of_range(function: &str) -> ErrorValue {
    args::num_error(function, "the result is before 1900 or after 9999")
}

#[cfg(test)]
#[path = "date_test.rs"]
mod tests;
