//! Unit tests of `formula::functions::date_serial`.

use super::*;

fn check(serial: i64, year: i64, month: u32, day: u32) {
    assert_eq!(
        ymd_from_serial(serial),
        Some(CivilDate { year, month, day }),
        "ymd_from_serial({serial})"
    );
    if day > 0 {
        assert_eq!(
            serial_from_ymd(year, i64::from(month), i64::from(day)),
            Some(serial),
            "serial_from_ymd({year}, {month}, {day})"
        );
    }
}

#[test]
fn known_serials_match_excel() {
    check(0, 1900, 1, 0);
    check(1, 1900, 1, 1);
    check(59, 1900, 2, 28);
    check(60, 1900, 2, 29);
    check(61, 1900, 3, 1);
    check(367, 1901, 1, 1);
    check(36_526, 2000, 1, 1);
    check(39_448, 2008, 1, 1);
    check(45_366, 2024, 3, 15);
    check(45_351, 2024, 2, 29);
    check(73_109, 2100, 2, 28);
    check(73_110, 2100, 3, 1);
    check(MAX_SERIAL, 9999, 12, 31);
}

#[test]
fn months_and_days_roll_over() {
    assert_eq!(serial_from_ymd(2024, 14, 1), serial_from_ymd(2025, 2, 1));
    assert_eq!(serial_from_ymd(2024, 1, 0), serial_from_ymd(2023, 12, 31));
    assert_eq!(serial_from_ymd(2024, 0, 1), serial_from_ymd(2023, 12, 1));
    assert_eq!(serial_from_ymd(2024, -13, 1), serial_from_ymd(2022, 11, 1));
    assert_eq!(serial_from_ymd(2023, 2, 29), serial_from_ymd(2023, 3, 1));
    assert_eq!(serial_from_ymd(1900, 3, 0), Some(60));
    assert_eq!(serial_from_ymd(1900, 1, 0), Some(0));
    assert_eq!(serial_from_ymd(1900, 1, -1), None);
    assert_eq!(serial_from_ymd(10_000, 1, 1), None);
    assert_eq!(serial_from_ymd(i64::MAX, i64::MAX, i64::MIN), None);
    assert_eq!(serial_from_ymd(i64::MIN, i64::MIN, i64::MAX), None);
}

#[test]
fn out_of_range_serials_have_no_date() {
    assert_eq!(ymd_from_serial(-1), None);
    assert_eq!(ymd_from_serial(MAX_SERIAL + 1), None);
}

#[test]
fn every_serial_round_trips() {
    for serial in 1..=MAX_SERIAL {
        let date = ymd_from_serial(serial).unwrap();
        assert!(date.day >= 1 && date.day <= days_in_month(date.year, date.month));
        let back = serial_from_ymd(date.year, date.month.into(), date.day.into());
        assert_eq!(back, Some(serial));
    }
}

#[test]
fn iso_text_parses_strictly() {
    assert_eq!(serial_from_iso_text("2024-03-15"), Some(45_366));
    assert_eq!(
        serial_from_iso_text(" 2024/3/5 "),
        serial_from_ymd(2024, 3, 5)
    );
    assert_eq!(serial_from_iso_text("1900-02-29"), Some(60));
    assert_eq!(serial_from_iso_text("2023-02-29"), None);
    assert_eq!(serial_from_iso_text("2024-13-01"), None);
    assert_eq!(serial_from_iso_text("1899-12-31"), None);
    assert_eq!(serial_from_iso_text("2024-03"), None);
    assert_eq!(serial_from_iso_text("2024-03-15-1"), None);
    assert_eq!(serial_from_iso_text("24-03-15"), None);
    assert_eq!(serial_from_iso_text("2024-+3-15"), None);
    assert_eq!(serial_from_iso_text("abc"), None);
}

#[test]
fn leap_years_follow_gregorian_rules() {
    assert!(is_gregorian_leap_year(2000));
    assert!(is_gregorian_leap_year(2024));
    assert!(!is_gregorian_leap_year(2100));
    assert!(!is_gregorian_leap_year(1900));
    assert_eq!(days_in_month(1900, 2), 29);
    assert_eq!(days_in_month(2100, 2), 28);
    assert_eq!(days_in_month(2024, 13), 0);
}
