//! The civil date of success rows (`YYYY-MM-DD`, no time, no zone): one
//! representation, the Excel serial of `formula::functions::date_serial`,
//! so a date reads the same in a formula and in the success data.
//!
//! Dates run from 1900-03-01 to 9999-12-31: from March 1900 on, Excel's
//! serials count real days (its fictional 1900-02-29 lies before), so the
//! difference of two serials is the number of calendar days between them.
//! It never reads a clock and never panics: out-of-range arithmetic gives
//! `None`.

use crate::formula::functions::date_serial::{
    days_in_month, serial_from_iso_text, serial_from_ymd, ymd_from_serial, MAX_SERIAL,
};
use std::fmt;

/// The serial of 1900-03-01, the first date after Excel's fictional leap day.
pub const FIRST_SERIAL: i64 = 61;

/// A civil date between 1900-03-01 and 9999-12-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date of an Excel serial, if within the range.
    pub fn from_serial(serial: i64) -> Option<Date> {
        if (FIRST_SERIAL..=MAX_SERIAL).contains(&serial) {
            i32::try_from(serial).ok().map(Date)
        } else {
            None
        }
    }

    /// The date `year`-`month`-`day`, if it exists and is within the range.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Date::from_serial(serial_from_ymd(year, i64::from(month), i64::from(day))?)
    }

    /// The date of exactly `YYYY-MM-DD` (four, two and two digits).
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes.get(4) == Some(&b'-')
            && bytes.get(7) == Some(&b'-')
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return None;
        }
        Date::from_serial(serial_from_iso_text(text)?)
    }

    /// The Excel serial (1 = 1900-01-01).
    pub fn serial(self) -> i64 {
        i64::from(self.0)
    }

    /// Calendar days from `earlier` to this date (negative when before).
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// The date `days` days later (earlier when negative), if in range.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_serial(self.serial().checked_add(days)?)
    }

    /// The same day `months` months later, or the month's last day when it
    /// is shorter (as Excel's EDATE: 2024-01-31 plus one month is
    /// 2024-02-29), if in range.
    pub fn plus_months(self, months: i64) -> Option<Date> {
        let civil = ymd_from_serial(self.serial())?;
        let month_index = civil
            .year
            .checked_mul(12)?
            .checked_add(i64::from(civil.month) - 1)?
            .checked_add(months)?;
        let year = month_index.div_euclid(12);
        let month = u32::try_from(month_index.rem_euclid(12) + 1).ok()?;
        let day = civil.day.min(days_in_month(year, month));
        Date::from_ymd(year, month, day)
    }

    /// The whole months from `earlier` to this date: the largest `k` with
    /// `earlier.plus_months(k) <= self` (0 when this date is earlier).
    pub fn whole_months_since(self, earlier: Date) -> i64 {
        let (Some(from), Some(to)) = (
            ymd_from_serial(earlier.serial()),
            ymd_from_serial(self.serial()),
        ) else {
            return 0;
        };
        let guess = (to.year - from.year) * 12 + i64::from(to.month) - i64::from(from.month);
        // The guess is right or one too many (the day of the month not yet
        // reached); month ends clamp, so check with `plus_months` itself.
        let mut months = guess.max(0);
        while months > 0 && earlier.plus_months(months).map_or(true, |date| date > self) {
            months -= 1;
        }
        months
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match ymd_from_serial(self.serial()) {
            Some(civil) => write!(f, "{:04}-{:02}-{:02}", civil.year, civil.month, civil.day),
            None => write!(f, "serial {}", self.0),
        }
    }
}

#[cfg(test)]
#[path = "date_test.rs"]
mod tests;
