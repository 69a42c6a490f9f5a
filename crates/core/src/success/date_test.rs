use super::*;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is not a date"))
}

fn check_parse(text: &str, expected: Option<&str>) {
    assert_eq!(
        Date::parse(text).map(|d| d.to_string()),
        expected.map(String::from),
        "{text}"
    );
}

#[test]
fn parses_only_exact_iso_dates_in_range() {
    check_parse("2025-01-15", Some("2025-01-15"));
    check_parse("2024-02-29", Some("2024-02-29"));
    check_parse("1900-03-01", Some("1900-03-01"));
    check_parse("9999-12-31", Some("9999-12-31"));
    for bad in [
        "2025-02-29",
        "2025-13-01",
        "2025-00-10",
        "2025-01-00",
        "2025-1-15",
        "2025/01/15",
        " 2025-01-15",
        "2025-01-15T00:00",
        "1900-02-28",
        "1900-02-29",
        "",
        "abcd-ef-gh",
        "+025-01-15",
    ] {
        check_parse(bad, None);
    }
}

#[test]
fn serials_match_excel() {
    // Excel: =DATE(2025,1,15) is 45672; =DATE(1900,3,1) is 61.
    assert_eq!(date("2025-01-15").serial(), 45_672);
    assert_eq!(date("1900-03-01").serial(), 61);
    assert_eq!(Date::from_serial(60), None);
    assert_eq!(Date::from_serial(MAX_SERIAL + 1), None);
}

#[test]
fn counts_calendar_days() {
    assert_eq!(date("2025-03-20").days_since(date("2025-01-15")), 64);
    assert_eq!(date("2025-01-15").days_since(date("2025-03-20")), -64);
    assert_eq!(date("2024-03-01").days_since(date("2024-02-28")), 2);
    assert_eq!(date("2025-01-15").plus_days(90), Some(date("2025-04-15")));
    assert_eq!(date("9999-12-31").plus_days(1), None);
    assert_eq!(date("1900-03-01").plus_days(-1), None);
    assert_eq!(date("2025-01-15").plus_days(i64::MAX), None);
}

#[test]
fn adds_months_as_edate_does() {
    let check = |from: &str, months: i64, expected: &str| {
        assert_eq!(
            date(from).plus_months(months),
            Some(date(expected)),
            "{from} + {months}"
        );
    };
    check("2025-01-15", 12, "2026-01-15");
    check("2024-01-31", 1, "2024-02-29");
    check("2025-01-31", 1, "2025-02-28");
    check("2025-03-31", -1, "2025-02-28");
    check("2025-12-15", 1, "2026-01-15");
    assert_eq!(date("9999-12-01").plus_months(1), None);
    assert_eq!(date("2025-01-01").plus_months(i64::MAX), None);
}

#[test]
fn counts_whole_months() {
    let check = |from: &str, to: &str, expected: i64| {
        assert_eq!(
            date(to).whole_months_since(date(from)),
            expected,
            "{from} to {to}"
        );
    };
    check("2025-01-15", "2025-01-15", 0);
    check("2025-01-15", "2025-02-14", 0);
    check("2025-01-15", "2025-02-15", 1);
    check("2025-01-15", "2026-01-15", 12);
    check("2025-01-31", "2025-02-28", 1);
    check("2025-01-31", "2025-02-27", 0);
    check("2025-03-01", "2025-01-01", 0);
}
