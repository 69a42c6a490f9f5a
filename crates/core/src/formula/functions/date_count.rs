//! Date counting with Excel's semantics over the 1900 date system:
//! YEARFRAC (all five day-count bases), NETWORKDAYS, WORKDAY and DATEDIF.
//!
//! Dates are serial numbers read as the other date functions read them
//! (time of day dropped, ISO date text accepted). Weekends are Saturday
//! and Sunday; holidays are an array of serials. YEARFRAC's US 30/360 and
//! actual/actual bases follow Excel's own rules (as reverse-engineered by
//! David A. Wheeler's YEARFRAC study and checked against Excel's
//! documented examples); LibreOffice 7.4 differs on some actual/actual
//! spans, and Excel wins. NETWORKDAYS counts in O(1); WORKDAY steps one
//! day at a time and stops at the end of the date range, so its work is
//! bounded by the calendar.

use super::args;
use super::date::{date_arg, serial_arg};
use super::date_serial::{days_in_month, serial_from_ymd, CivilDate, MAX_SERIAL};
use super::{Category, FunctionSpec};
use crate::formula::value::{ErrorValue, Value};
use crate::small_sort::sort_by;

/// The date-counting functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("YEARFRAC", Category::Date, 2, 3, yearfrac),
    FunctionSpec::eager("NETWORKDAYS", Category::Date, 2, 3, networkdays),
    FunctionSpec::eager("WORKDAY", Category::Date, 2, 3, workday),
    FunctionSpec::eager("DATEDIF", Category::Date, 3, 3, datedif),
];

/// The serial of a date given as year, month and day (rolling over as
/// DATE does), or `i64::MIN` outside the date range: callers only compare
/// and subtract it with in-range serials, where that gives a far-off value.
fn serial(year: i64, month: i64, day: i64) -> i64 {
    serial_from_ymd(year, month, day).unwrap_or(i64::MIN / 2)
}

fn is_leap(year: i64) -> bool {
    days_in_month(year, 2) == 29
}

fn is_end_of_february(date: CivilDate) -> bool {
    date.month == 2 && date.day == days_in_month(date.year, 2)
}

/// Days between two dates on a 30-day-month calendar.
fn days_360(a: CivilDate, a_day: u32, b: CivilDate, b_day: u32) -> f64 {
    let months = (b.year - a.year) * 12 + i64::from(b.month) - i64::from(a.month);
    (months * 30 + i64::from(b_day) - i64::from(a_day)) as f64
}

/// YEARFRAC(start_date, end_date, [basis]): the fraction of a year
/// between two dates (in either order) on a day-count basis: 0 US
/// (NASD) 30/360 (the default), 1 actual/actual, 2 actual/360,
/// 3 actual/365, 4 European 30/360. Another basis is `#NUM!`.
fn yearfrac(args: &[Value]) -> Result<Value, ErrorValue> {
    let mut start = serial_arg("YEARFRAC", args, 0)?;
    let mut end = serial_arg("YEARFRAC", args, 1)?;
    let basis = args::number_or(args, 2, 0.0)?.trunc();
    if !(0.0..=4.0).contains(&basis) {
        return Err(args::num_error("YEARFRAC", "basis must be from 0 to 4"));
    }
    if start > end {
        std::mem::swap(&mut start, &mut end);
    }
    let (a, b) = (
        date_arg("YEARFRAC", args, 0)?,
        date_arg("YEARFRAC", args, 1)?,
    );
    let (a, b) = if (a.year, a.month, a.day) <= (b.year, b.month, b.day) {
        (a, b)
    } else {
        (b, a)
    };
    let days = (end - start) as f64;
    let fraction = match basis as u8 {
        0 => {
            let (mut a_day, mut b_day) = (a.day, b.day);
            if a_day == 31 && b_day == 31 {
                (a_day, b_day) = (30, 30);
            } else if a_day == 31 {
                a_day = 30;
            } else if a_day == 30 && b_day == 31 {
                b_day = 30;
            } else if is_end_of_february(a) && is_end_of_february(b) {
                (a_day, b_day) = (30, 30);
            } else if is_end_of_february(a) {
                a_day = 30;
            }
            days_360(a, a_day, b, b_day) / 360.0
        }
        1 => {
            let within_a_year =
                a.year == b.year || (a.year + 1 == b.year && (a.month, a.day) >= (b.month, b.day));
            if within_a_year {
                let spans_leap_day = (a.year == b.year && is_leap(a.year))
                    || (is_leap(a.year) && start < serial(a.year, 3, 1))
                    || (is_leap(b.year) && end >= serial(b.year, 3, 1));
                days / if spans_leap_day { 366.0 } else { 365.0 }
            } else {
                let years = (b.year - a.year + 1) as f64;
                let year_days = (serial(b.year + 1, 1, 1) - serial(a.year, 1, 1)) as f64;
                days / (year_days / years)
            }
        }
        2 => days / 360.0,
        3 => days / 365.0,
        _ => days_360(a, a.day.min(30), b, b.day.min(30)) / 360.0,
    };
    Ok(Value::number(fraction))
}

/// Saturday or Sunday: serial 0 (1900-01-00) is a Saturday in Excel's
/// calendar, so a serial's remainder by 7 is 0 on Saturdays, 1 on Sundays.
fn is_weekend(serial: i64) -> bool {
    serial.rem_euclid(7) < 2
}

/// Weekdays among the serials `0..serial` (serial >= 0).
fn weekdays_before(serial: i64) -> i64 {
    serial / 7 * 5 + (serial % 7 - 2).max(0)
}

/// The holidays argument as whole serials (text and booleans in the array
/// are skipped, errors propagate), sorted with the order statistics'
/// sort so no second instance of it is compiled; repeats are kept, and
/// callers count a day once.
fn holidays(args: &[Value]) -> Result<Vec<f64>, ErrorValue> {
    let mut days = match args.get(2) {
        None | Some(Value::Empty) => Vec::new(),
        Some(value) => args::number_series(value)?,
    };
    for day in &mut days {
        if !(0.0..=MAX_SERIAL as f64).contains(day) {
            return Err(args::num_error("holidays", "a holiday is not a valid date"));
        }
        *day = day.trunc();
    }
    sort_by(&mut days, |a, b| a < b);
    Ok(days)
}

/// Whether sorted `days` holds `day`.
fn contains(days: &[f64], day: i64) -> bool {
    let day = day as f64;
    days.get(days.partition_point(|d| *d < day)) == Some(&day)
}

/// NETWORKDAYS(start_date, end_date, [holidays]): the weekdays from start
/// to end inclusive, less the holidays among them; negative when end is
/// before start.
fn networkdays(args: &[Value]) -> Result<Value, ErrorValue> {
    let start = serial_arg("NETWORKDAYS", args, 0)?;
    let end = serial_arg("NETWORKDAYS", args, 1)?;
    let (low, high, sign) = if start <= end {
        (start, end, 1)
    } else {
        (end, start, -1)
    };
    let mut count = weekdays_before(high + 1) - weekdays_before(low);
    let mut previous = -1.0;
    for day in holidays(args)? {
        if day != previous && (low as f64..=high as f64).contains(&day) && !is_weekend(day as i64) {
            count -= 1;
        }
        previous = day;
    }
    Ok(Value::Number((sign * count) as f64))
}

/// WORKDAY(start_date, days, [holidays]): the date `days` weekdays
/// (truncated) after start, or before it when negative, skipping
/// holidays; 0 days is the start itself. A result outside the date range
/// is `#NUM!`.
fn workday(args: &[Value]) -> Result<Value, ErrorValue> {
    let mut day = serial_arg("WORKDAY", args, 0)?;
    let count = args::integer(args, 1)?;
    let holidays = holidays(args)?;
    let step = if count < 0.0 { -1 } else { 1 };
    // More weekdays than the calendar holds can never be reached.
    let mut remaining = count.abs().min(MAX_SERIAL as f64) as i64;
    while remaining > 0 {
        day += step;
        if !(0..=MAX_SERIAL).contains(&day) {
            return Err(args::num_error(
                "WORKDAY",
                "the result is before 1900 or after 9999",
            ));
        }
        if !is_weekend(day) && !contains(&holidays, day) {
            remaining -= 1;
        }
    }
    Ok(Value::Number(day as f64))
}

/// DATEDIF(start_date, end_date, unit): the whole years ("Y"), months
/// ("M") or days ("D") from start to end; the days ignoring months and
/// years ("MD"), the months ignoring years ("YM"), or the days ignoring
/// years ("YD"). End before start, or another unit, is `#NUM!`. "MD"
/// reproduces Excel's documented quirk: when the end's day is before the
/// start's, it counts from the start's day in the previous month, rolled
/// over, so 2023-01-31 to 2023-03-01 gives -2 as in Excel.
fn datedif(args: &[Value]) -> Result<Value, ErrorValue> {
    let start = serial_arg("DATEDIF", args, 0)?;
    let end = serial_arg("DATEDIF", args, 1)?;
    let unit = args::text(args, 2)?.to_ascii_uppercase();
    if start > end {
        return Err(args::num_error(
            "DATEDIF",
            "the start date is after the end date",
        ));
    }
    let (a, b) = (date_arg("DATEDIF", args, 0)?, date_arg("DATEDIF", args, 1)?);
    let day_short = i64::from(b.day < a.day);
    let months = (b.year - a.year) * 12 + i64::from(b.month) - i64::from(a.month) - day_short;
    let (a_month, a_day) = (i64::from(a.month), i64::from(a.day));
    let result = match unit.as_str() {
        "Y" => months.div_euclid(12),
        "M" => months,
        "D" => end - start,
        "MD" if day_short == 0 => i64::from(b.day) - a_day,
        "MD" => end - serial(b.year, i64::from(b.month) - 1, a_day),
        "YM" => months.rem_euclid(12),
        "YD" => {
            let this_year = serial(b.year, a_month, a_day);
            if this_year <= end {
                end - this_year
            } else {
                end - serial(b.year - 1, a_month, a_day)
            }
        }
        _ => {
            return Err(args::num_error(
                "DATEDIF",
                "unit must be \"Y\", \"M\", \"D\", \"MD\", \"YM\" or \"YD\"",
            ))
        }
    };
    Ok(Value::Number(result as f64))
}

#[cfg(test)]
#[path = "date_count_test.rs"]
mod tests;
