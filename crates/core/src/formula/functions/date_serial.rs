//! Excel's 1900 date system: conversion between serial numbers and calendar
//! dates, for the date functions and for models that show or accept dates.
//!
//! Serial 1 is 1900-01-01 and serial 2,958,465 is 9999-12-31. Excel keeps
//! Lotus 1-2-3's mistake of treating 1900 as a leap year, so serial 60 is the
//! fictional 1900-02-29 and every later serial is one more than the true day
//! count; serial 0 is "1900-01-00". This module reproduces that calendar
//! exactly. Below it is a proleptic Gregorian day count (the days-from-civil
//! algorithm). It never reads a clock, never knows time zones or time of day,
//! and never panics: out-of-range input gives `None`.

/// The largest valid serial number: 9999-12-31.
pub const MAX_SERIAL: i64 = 2_958_465;

/// The serial number of the fictional 1900-02-29.
const FICTIONAL_LEAP_DAY: i64 = 60;

/// A calendar date in Excel's calendar (which includes 1900-02-29 and the
/// day 0 of January 1900).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilDate {
    /// The year, 1900 to 9999 for a valid serial.
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31; 0 only for serial 0 ("1900-01-00").
    pub day: u32,
}

/// The serial number of `year`-`month`-`day`, rolling months and days over
/// as Excel's DATE does: month 14 is February of the next year, month 0 is
/// December of the year before, day 0 is the last day of the previous
/// month, day 32 of January is February 1. `year` is the full year (the
/// 0..=1899 shorthand of DATE is the caller's business). `None` when the
/// result falls outside `0..=MAX_SERIAL`.
pub fn serial_from_ymd(year: i64, month: i64, day: i64) -> Option<i64> {
    // Month 0 is December of the year before; month 13 is January after.
    let (carry, month_of_year) = (month.div_euclid(12), month.rem_euclid(12));
    let (carry, first_month) = if month_of_year == 0 {
        (carry - 1, 12)
    } else {
        (carry, month_of_year)
    };
    let first_year = year.checked_add(carry)?;
    // Past 2^60 years the day count (over 4e20) dwarfs any i64 `day`, so
    // the date is out of range; below it the day count is exact in i128
    // with only i64 divisions (no 128-bit division in the wasm).
    if first_year.unsigned_abs() > 1 << 60 {
        return None;
    }
    // Adding days in serial space (not real days) is what makes
    // DATE(1900, 2, 29) = 60 and DATE(1900, 3, 0) = 60, as in Excel.
    let serial = serial_of_real_date(first_year, first_month, 1) + i128::from(day) - 1;
    if (0..=i128::from(MAX_SERIAL)).contains(&serial) {
        i64::try_from(serial).ok()
    } else {
        None
    }
}

/// The calendar date of a serial number, or `None` outside `0..=MAX_SERIAL`.
/// Fractions (times of day) are the caller's to drop.
pub fn ymd_from_serial(serial: i64) -> Option<CivilDate> {
    if !(0..=MAX_SERIAL).contains(&serial) {
        return None;
    }
    match serial {
        0 => Some(CivilDate {
            year: 1900,
            month: 1,
            day: 0,
        }),
        FICTIONAL_LEAP_DAY => Some(CivilDate {
            year: 1900,
            month: 2,
            day: 29,
        }),
        _ => {
            // Serials after the fictional day are one ahead of the real count.
            let real_offset = if serial > FICTIONAL_LEAP_DAY {
                serial - 1
            } else {
                serial
            };
            let days = i64::try_from(epoch_days()).ok()? + real_offset;
            let (year, month, day) = civil_from_days(days);
            Some(CivilDate {
                year,
                month: u32::try_from(month).ok()?,
                day: u32::try_from(day).ok()?,
            })
        }
    }
}

/// Days in a month of Excel's calendar: February 1900 has 29 days.
/// Months outside 1..=12 give 0.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year == 1900 || is_gregorian_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `year` is a leap year in the (proleptic) Gregorian calendar.
pub fn is_gregorian_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The serial number of an ISO date text `yyyy-mm-dd` (also `yyyy/mm/dd`),
/// with surrounding spaces allowed. The date must exist in Excel's calendar
/// (1900-02-29 does) and lie between 1900-01-01 and 9999-12-31.
pub fn serial_from_iso_text(text: &str) -> Option<i64> {
    let trimmed = text.trim();
    let separator = if trimmed.contains('/') { '/' } else { '-' };
    let mut parts = trimmed.split(separator);
    let year_text = parts.next()?;
    let month_text = parts.next()?;
    let day_text = parts.next()?;
    if parts.next().is_some()
        || year_text.len() != 4
        || !(1..=2).contains(&month_text.len())
        || !(1..=2).contains(&day_text.len())
    {
        return None;
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(year_text) && all_digits(month_text) && all_digits(day_text)) {
        return None;
    }
    let year: i64 = year_text.parse().ok()?;
    let month: u32 = month_text.parse().ok()?;
    let day: u32 = day_text.parse().ok()?;
    if year < 1900 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    serial_from_ymd(year, i64::from(month), i64::from(day))
}

/// Excel serial of a real (Gregorian) date, extended linearly before 1900.
/// `year` is at most 2^60 in magnitude.
fn serial_of_real_date(year: i64, month: i64, day: i64) -> i128 {
    let real_offset = days_from_civil(year, month, day) - epoch_days();
    // Real dates from 1900-03-01 on (offset 60) sit one serial later.
    if real_offset >= FICTIONAL_LEAP_DAY.into() {
        real_offset + 1
    } else {
        real_offset
    }
}

/// Day count of 1899-12-31, the day before serial 1.
fn epoch_days() -> i128 {
    days_from_civil(1899, 12, 31)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (`year` at most 2^60
/// in magnitude, `month` 1 to 12, `day` small). Counting years from March
/// puts the leap day at the end of the counted year, so a 400-year era
/// (146,097 days) has a closed-form day-of-era. Only the era's day count
/// needs 128 bits.
fn days_from_civil(year: i64, month: i64, day: i64) -> i128 {
    let march_based_year = if month <= 2 { year - 1 } else { year };
    let era = march_based_year.div_euclid(400);
    let year_of_era = march_based_year - era * 400;
    let month_from_march = (month + 9) % 12;
    // 153 days per 5 months (31+30+31+30+31) gives each month's start.
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days separate 0000-03-01 from 1970-01-01.
    i128::from(era) * 146_097 + i128::from(day_of_era) - 719_468
}

/// The inverse of [`days_from_civil`] for the serial range: (year, month,
/// day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
#[path = "date_serial_test.rs"]
mod tests;
