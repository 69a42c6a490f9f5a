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
use super::{Category, FunctionSpec, Implementation};
use crate::formula::value::{parse_number_text, ErrorValue, Value};

/// The date functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        name: "DATE",
        category: Category::Date,
        min_args: 3,
        max_args: 3,
        signature: "DATE(year, month, day)",
        summary: "Returns the serial number of a date, rolling months and days past their ranges over.",
        implementation: Implementation::Eager(date),
    },
    FunctionSpec {
        name: "YEAR",
        category: Category::Date,
        min_args: 1,
        max_args: 1,
        signature: "YEAR(serial_number)",
        summary: "Returns the year of a date serial number, from 1900 to 9999.",
        implementation: Implementation::Eager(year),
    },
    FunctionSpec {
        name: "MONTH",
        category: Category::Date,
        min_args: 1,
        max_args: 1,
        signature: "MONTH(serial_number)",
        summary: "Returns the month of a date serial number, from 1 to 12.",
        implementation: Implementation::Eager(month),
    },
    FunctionSpec {
        name: "DAY",
        category: Category::Date,
        min_args: 1,
        max_args: 1,
        signature: "DAY(serial_number)",
        summary: "Returns the day of the month of a date serial number, from 1 to 31.",
        implementation: Implementation::Eager(day),
    },
    FunctionSpec {
        name: "EDATE",
        category: Category::Date,
        min_args: 2,
        max_args: 2,
        signature: "EDATE(start_date, months)",
        summary: "Returns the date a number of months before or after a date, on the same day clamped to the month's end.",
        implementation: Implementation::Eager(edate),
    },
    FunctionSpec {
        name: "EOMONTH",
        category: Category::Date,
        min_args: 2,
        max_args: 2,
        signature: "EOMONTH(start_date, months)",
        summary: "Returns the last day of the month a number of months before or after a date.",
        implementation: Implementation::Eager(eomonth),
    },
    FunctionSpec {
        name: "DAYS",
        category: Category::Date,
        min_args: 2,
        max_args: 2,
        signature: "DAYS(end_date, start_date)",
        summary: "Returns the number of days between two dates.",
        implementation: Implementation::Eager(days),
    },
];

/// DATE(year, month, day). Arguments are truncated. A year from 0 to 1899
/// is added to 1900 (Excel's rule, so DATE(24, 1, 1) is 1924-01-01); a
/// negative year or one of 10000 or more is `#NUM!`. Months and days past
/// their ranges roll over (DATE(2024, 14, 1) is 2025-02-01, DATE(2024, 1, 0)
/// is 2023-12-31); a result before serial 0 or after 9999-12-31 is `#NUM!`.
fn date(args: &[Value]) -> Result<Value, ErrorValue> {
    let year = args::integer(args, 0)?;
    let month = args::integer(args, 1)?;
    let day = args::integer(args, 2)?;
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
fn serial_arg(function: &str, args: &[Value], index: usize) -> Result<i64, ErrorValue> {
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
fn date_arg(function: &str, args: &[Value], index: usize) -> Result<CivilDate, ErrorValue> {
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
mod tests {
    use super::*;
    use crate::formula::functions::testing::{assert_same, call, err, num, text, Eager};
    use crate::formula::value::ErrorKind;

    fn check(function: Eager, args: &[Value], expected: Value) {
        assert_same(&call(function, args), &expected, &format!("{args:?}"));
    }

    fn serial(y: i64, m: i64, d: i64) -> Value {
        num(date_serial::serial_from_ymd(y, m, d).unwrap() as f64)
    }

    #[test]
    fn date_builds_serials_like_excel() {
        check(date, &[num(2008.0), num(1.0), num(1.0)], num(39_448.0));
        check(date, &[num(2024.0), num(3.0), num(15.0)], num(45_366.0));
        check(date, &[num(1900.0), num(1.0), num(1.0)], num(1.0));
        check(date, &[num(1900.0), num(2.0), num(29.0)], num(60.0));
        check(date, &[num(1900.0), num(1.0), num(0.0)], num(0.0));
        check(date, &[num(9999.0), num(12.0), num(31.0)], num(2_958_465.0));
        // Two-digit and small years are offsets from 1900.
        check(date, &[num(108.0), num(1.0), num(2.0)], serial(2008, 1, 2));
        check(date, &[num(0.0), num(1.0), num(1.0)], num(1.0));
        // Truncation of fractional arguments.
        check(date, &[num(2024.9), num(3.7), num(15.2)], num(45_366.0));
        check(
            date,
            &[text("2024"), num(3.0), Value::Bool(true)],
            serial(2024, 3, 1),
        );
    }

    #[test]
    fn date_rolls_months_and_days() {
        check(
            date,
            &[num(2024.0), num(14.0), num(1.0)],
            serial(2025, 2, 1),
        );
        check(
            date,
            &[num(2024.0), num(1.0), num(0.0)],
            serial(2023, 12, 31),
        );
        check(
            date,
            &[num(2024.0), num(-3.0), num(2.0)],
            serial(2023, 9, 2),
        );
        check(
            date,
            &[num(2008.0), num(1.0), num(35.0)],
            serial(2008, 2, 4),
        );
        check(
            date,
            &[num(2023.0), num(2.0), num(29.0)],
            serial(2023, 3, 1),
        );
    }

    #[test]
    fn date_rejects_out_of_range_years_and_results() {
        let num_error = err(ErrorKind::Num);
        check(date, &[num(-1.0), num(1.0), num(1.0)], num_error.clone());
        check(
            date,
            &[num(10_000.0), num(1.0), num(1.0)],
            num_error.clone(),
        );
        check(date, &[num(1900.0), num(1.0), num(-1.0)], num_error.clone());
        check(
            date,
            &[num(9999.0), num(12.0), num(32.0)],
            num_error.clone(),
        );
        check(
            date,
            &[num(2000.0), num(1e300), num(1.0)],
            num_error.clone(),
        );
        check(date, &[num(2000.0), num(1.0), num(-1e300)], num_error);
        check(
            date,
            &[text("x"), num(1.0), num(1.0)],
            err(ErrorKind::Value),
        );
        check(
            date,
            &[err(ErrorKind::DivZero), num(1.0), num(1.0)],
            err(ErrorKind::DivZero),
        );
    }

    #[test]
    fn year_month_day_split_serials() {
        let split = |s: f64| {
            [year, month, day].map(|f| match call(f, &[num(s)]) {
                Value::Number(n) => n,
                other => panic!("{other:?}"),
            })
        };
        assert_eq!(split(0.0), [1900.0, 1.0, 0.0]);
        assert_eq!(split(1.0), [1900.0, 1.0, 1.0]);
        assert_eq!(split(60.0), [1900.0, 2.0, 29.0]);
        assert_eq!(split(61.0), [1900.0, 3.0, 1.0]);
        assert_eq!(split(45_366.75), [2024.0, 3.0, 15.0]);
        assert_eq!(split(2_958_465.0), [9999.0, 12.0, 31.0]);
        // Excel's example: MONTH("15-Apr-2011") is 4; ISO text works here.
        check(month, &[text("2011-04-15")], num(4.0));
        check(year, &[text("45366")], num(2024.0));
        check(day, &[Value::Bool(true)], num(1.0));
    }

    #[test]
    fn year_month_day_reject_invalid_serials() {
        for function in [year, month, day] {
            check(function, &[num(-1.0)], err(ErrorKind::Num));
            check(function, &[num(-0.5)], err(ErrorKind::Num));
            check(function, &[num(2_958_466.0)], err(ErrorKind::Num));
            check(function, &[text("March")], err(ErrorKind::Value));
            check(
                function,
                &[err(ErrorKind::NotAvailable)],
                err(ErrorKind::NotAvailable),
            );
        }
    }

    #[test]
    fn edate_keeps_the_day_and_clamps_to_month_end() {
        // Excel's example: EDATE(15-Jan-2011, 1) = 15-Feb-2011, -1 = 15-Dec-2010, 2 = 15-Mar-2011.
        let start = serial(2011, 1, 15);
        check(edate, &[start.clone(), num(1.0)], serial(2011, 2, 15));
        check(edate, &[start.clone(), num(-1.0)], serial(2010, 12, 15));
        check(edate, &[start, num(2.9)], serial(2011, 3, 15));
        check(edate, &[serial(2024, 1, 31), num(1.0)], serial(2024, 2, 29));
        check(edate, &[serial(2023, 1, 31), num(1.0)], serial(2023, 2, 28));
        check(edate, &[serial(2100, 1, 31), num(1.0)], serial(2100, 2, 28));
        check(
            edate,
            &[serial(2024, 3, 31), num(-1.0)],
            serial(2024, 2, 29),
        );
        check(
            edate,
            &[serial(2024, 3, 15), num(-24.0)],
            serial(2022, 3, 15),
        );
        check(edate, &[text("2024-03-15"), num(12.0)], serial(2025, 3, 15));
        check(edate, &[num(1.0), num(-1.0)], err(ErrorKind::Num));
        check(edate, &[serial(9999, 12, 1), num(1.0)], err(ErrorKind::Num));
        check(edate, &[num(45_000.0), num(1e300)], err(ErrorKind::Num));
        check(edate, &[num(-1.0), num(1.0)], err(ErrorKind::Num));
        check(edate, &[text("soon"), num(1.0)], err(ErrorKind::Value));
    }

    #[test]
    fn eomonth_returns_month_ends() {
        // Excel's examples: EOMONTH(1-Jan-2011, 1) = 28-Feb-2011, -3 = 31-Oct-2010.
        let start = serial(2011, 1, 1);
        check(eomonth, &[start.clone(), num(1.0)], serial(2011, 2, 28));
        check(eomonth, &[start, num(-3.0)], serial(2010, 10, 31));
        check(
            eomonth,
            &[serial(2024, 2, 10), num(0.0)],
            serial(2024, 2, 29),
        );
        check(eomonth, &[num(0.0), num(0.0)], num(31.0));
        check(eomonth, &[num(1.0), num(1.0)], num(60.0));
        check(eomonth, &[serial(9999, 12, 1), num(0.0)], num(2_958_465.0));
        check(
            eomonth,
            &[serial(9999, 12, 1), num(1.0)],
            err(ErrorKind::Num),
        );
        check(eomonth, &[num(1.0), num(-1.0)], err(ErrorKind::Num));
    }

    #[test]
    fn days_counts_whole_days() {
        // Excel's examples: DAYS("15-MAR-2021", "1-FEB-2021") = 42.
        check(days, &[text("2021-03-15"), text("2021-02-01")], num(42.0));
        check(
            days,
            &[serial(2021, 12, 31), serial(2021, 1, 1)],
            num(364.0),
        );
        check(days, &[num(1.0), num(10.0)], num(-9.0));
        check(days, &[num(2.9), num(1.1)], num(1.0));
        check(days, &[num(61.0), num(59.0)], num(2.0));
        check(days, &[num(-1.0), num(1.0)], err(ErrorKind::Num));
        check(days, &[num(1.0), num(3e6)], err(ErrorKind::Num));
        check(days, &[text("2021-02-30"), num(1.0)], err(ErrorKind::Value));
        check(days, &[num(1.0), err(ErrorKind::Ref)], err(ErrorKind::Ref));
    }

    #[test]
    fn table_entries_are_complete() {
        let names: Vec<&str> = FUNCTIONS.iter().map(|spec| spec.name).collect();
        assert_eq!(
            names,
            ["DATE", "YEAR", "MONTH", "DAY", "EDATE", "EOMONTH", "DAYS"]
        );
    }
}
