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

/// The day count in 128 bits throughout (the implementation before it
/// moved to 64-bit divisions), as the reference for any i64 inputs.
fn serial_from_ymd_i128(year: i64, month: i64, day: i64) -> Option<i64> {
    fn days(year: i128, month: i128, day: i128) -> i128 {
        let march_based_year = if month <= 2 { year - 1 } else { year };
        let era = march_based_year.div_euclid(400);
        let year_of_era = march_based_year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
    let total_months = i128::from(year) * 12 + i128::from(month) - 1;
    let real_offset = days(
        total_months.div_euclid(12),
        total_months.rem_euclid(12) + 1,
        1,
    ) - days(1899, 12, 31);
    let first = if real_offset >= 60 {
        real_offset + 1
    } else {
        real_offset
    };
    let serial = first + i128::from(day) - 1;
    (0..=i128::from(MAX_SERIAL))
        .contains(&serial)
        .then(|| i64::try_from(serial).unwrap())
}

#[test]
fn any_i64_arguments_agree_with_128_bit_arithmetic() {
    let mut next = crate::test_rng::xorshift64();
    let extremes = [
        i64::MIN,
        i64::MIN + 1,
        -(1 << 60) - 1,
        -(1 << 60),
        -1,
        0,
        1,
        12,
        13,
        1 << 60,
        (1 << 60) + 1,
        i64::MAX,
    ];
    for &year in &extremes {
        for &month in &extremes {
            for &day in &extremes {
                assert_eq!(
                    serial_from_ymd(year, month, day),
                    serial_from_ymd_i128(year, month, day)
                );
            }
        }
    }
    for _ in 0..200_000 {
        let year = (next() % 12_000) as i64 - 1_000;
        let month = (next() % 400) as i64 - 200;
        let day = (next() % 6_000_000) as i64 - 3_000_000;
        assert_eq!(
            serial_from_ymd(year, month, day),
            serial_from_ymd_i128(year, month, day)
        );
        // A far-off month with the day count that brings it back in range.
        let far_month = (next() >> 2) as i64 / 13;
        assert_eq!(
            serial_from_ymd(year, far_month, day),
            serial_from_ymd_i128(year, far_month, day)
        );
    }
    // Months of ±2^60 years and more, pulled back into range by the day.
    for years in [(1_i64 << 59), (1 << 60) - 1, 1 << 60, (1 << 60) + 1] {
        for sign in [-1_i64, 1] {
            let month = sign * years.saturating_mul(12).min(i64::MAX / 2);
            let pull = -(sign as i128) * (years as i128) * 146_097 / 400;
            let day = i64::try_from(pull).unwrap_or(if sign > 0 { i64::MIN } else { i64::MAX });
            for offset in [-1_000_000_i64, 0, 1_000_000] {
                let day = day.saturating_add(offset);
                assert_eq!(
                    serial_from_ymd(2000, month, day),
                    serial_from_ymd_i128(2000, month, day),
                    "{years} {sign} {offset}"
                );
            }
        }
    }
}
