//! Unit tests of `formula::functions::date`.

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
