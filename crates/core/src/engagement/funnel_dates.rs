//! UTC calendar days for the Develop funnel: `YYYY-MM-DD` text to days
//! since 1970-01-01 and back (the proleptic Gregorian calendar, Howard
//! Hinnant's civil-date algorithms), with no clock: today is the
//! caller's argument.

/// The first day a funnel date may name: 1970-01-01.
pub const FIRST_DAY: i64 = 0;
/// The last day a funnel date may name: 9999-12-31.
pub const LAST_DAY: i64 = 2_932_896;

/// Days since 1970-01-01 of a civil date (any year; `month` 1 to 12,
/// `day` 1 to 31, not checked against the month here).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month 1-12, day 1-31) of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // day is 1..=31 and month 1..=12 by construction.
    (year, month as u32, day as u32)
}

/// `YYYY-MM-DD` of a day since 1970-01-01.
pub fn format_day(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day a `YYYY-MM-DD` text names, if it is exactly that form, a real
/// date, and from 1970-01-01 to 9999-12-31.
pub fn parse_day(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let (year, month, day) = (digits_at(0..4)?, digits_at(5..7)?, digits_at(8..10)?);
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    // A day past the month's end comes back as another date.
    let real = civil_from_days(days) == (i64::from(year), month, day);
    (real && (FIRST_DAY..=LAST_DAY).contains(&days)).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_agree() {
        let check = |text: &str, days: i64| {
            assert_eq!(parse_day(text), Some(days), "{text}");
            assert_eq!(format_day(days), text);
        };
        check("1970-01-01", 0);
        check("2000-02-29", 11_016);
        check("2026-12-03", 20_790);
        check("9999-12-31", LAST_DAY);
        for days in (-1_000..30_000).step_by(7) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn refuses_what_is_not_a_real_date() {
        for text in [
            "",
            "2026-1-03",
            "2026-13-01",
            "2026-02-29",
            "2026-04-31",
            "2026-00-10",
            "2026-01-00",
            "1969-12-31",
            "2026/01/01",
            "+026-01-01",
            "2026-01-0a",
            "2026-01-011",
        ] {
            assert_eq!(parse_day(text), None, "{text}");
        }
    }
}
