//! The query of `GET /api/leads` and `GET /api/leads.csv` (docs/leads.md):
//! `calc_id`, `from` and `to` (UTC days, `YYYY-MM-DD`, both inclusive),
//! `limit` and `cursor`, each checked with a reason that names it; and
//! the UTC calendar arithmetic they and the CSV's times need (days since
//! 1970 to and from civil dates, Howard Hinnant's algorithms), so no date
//! crate is needed for two conversions.
//!
//! It reads no clock and no store.

use yardstick_core::engagement::envelope::{is_valid_id, is_valid_uuid};
use yardstick_core::engagement::funnel_dates::{civil_from_days, parse_day};

use crate::store::{LeadCursor, LeadFilter};

/// Leads per page when `limit` is not given.
pub const LEADS_PER_PAGE_DEFAULT: usize = 100;
/// The most leads one page of the JSON list may hold.
pub const LEADS_PER_PAGE_MAX: usize = 1000;
/// The most leads one CSV export holds (its default too); the answer's
/// `Yardstick-Next-Cursor` header says where the next export starts.
pub const LEADS_PER_CSV_MAX: usize = 10_000;

const MS_PER_DAY: i64 = 86_400_000;

/// A checked query.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadQuery {
    pub filter: LeadFilter,
    pub cursor: Option<LeadCursor>,
    pub limit: usize,
}

/// Reads the query string (without `?`); `default_limit` and `max_limit`
/// differ between the list and the export. The error is the reason, naming
/// the parameter.
pub fn read_query(
    query: &str,
    default_limit: usize,
    max_limit: usize,
) -> Result<LeadQuery, String> {
    let value = |key: &str| {
        crate::api::query_value(query, key)
            .map_err(|_| format!("{key}: the query has a malformed escape"))
    };
    let calc_id = value("calc_id")?;
    if let Some(calc_id) = &calc_id {
        if !is_valid_id(calc_id) {
            return Err("calc_id must be 1 to 64 characters from A-Z a-z 0-9 . _ : -".into());
        }
    }
    let day = |key: &str| -> Result<Option<i64>, String> {
        match value(key)? {
            None => Ok(None),
            Some(text) => day_start_ms(&text).map(Some).ok_or_else(|| {
                format!("{key} must be a UTC day written YYYY-MM-DD (1970-01-01 to 9999-12-31)")
            }),
        }
    };
    let from_ms = day("from")?;
    let before_ms = day("to")?.map(|start| start + MS_PER_DAY);
    if let (Some(from), Some(before)) = (from_ms, before_ms) {
        if from >= before {
            return Err("from must be the same day as to or before it".into());
        }
    }
    let limit = match value("limit")? {
        None => default_limit,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=max_limit).contains(&n) => n,
            _ => {
                return Err(format!(
                    "limit must be a whole number from 1 to {max_limit}"
                ))
            }
        },
    };
    let cursor = match value("cursor")? {
        None => None,
        Some(text) => Some(read_cursor(&text).ok_or_else(|| {
            "cursor must be a next_cursor this API answered (MS_LEADID)".to_string()
        })?),
    };
    Ok(LeadQuery {
        filter: LeadFilter {
            calc_id,
            from_ms,
            before_ms,
        },
        cursor,
        limit,
    })
}

/// A cursor as the API writes it: `received_at_ms` `_` `lead_id`.
pub fn cursor_text(cursor: &LeadCursor) -> String {
    format!("{}_{}", cursor.received_at_ms, cursor.lead_id)
}

fn read_cursor(text: &str) -> Option<LeadCursor> {
    let (ms, lead_id) = text.split_once('_')?;
    let received_at_ms = ms.parse::<i64>().ok().filter(|ms| *ms >= 0)?;
    is_valid_uuid(lead_id).then(|| LeadCursor {
        received_at_ms,
        lead_id: lead_id.to_string(),
    })
}

/// The first millisecond of the UTC day `YYYY-MM-DD` (years 1970 to 9999),
/// read by the core's calendar (the funnel's).
pub fn day_start_ms(text: &str) -> Option<i64> {
    parse_day(text).map(|days| days * MS_PER_DAY)
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for epoch milliseconds (0 and later).
pub fn utc_text(epoch_ms: i64) -> String {
    let days = epoch_ms.div_euclid(MS_PER_DAY);
    let ms_of_day = epoch_ms.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_utc_midnights_and_round_trip_through_the_csv_times() {
        assert_eq!(day_start_ms("1970-01-01"), Some(0));
        assert_eq!(day_start_ms("2025-11-24"), Some(1_763_942_400_000));
        assert_eq!(day_start_ms("2024-02-29"), Some(1_709_164_800_000));
        for bad in [
            "2023-02-29",
            "2025-13-01",
            "2025-04-31",
            "1969-12-31",
            "2025-1-01",
            "2025/01/01",
            "+025-01-01",
            "",
        ] {
            assert_eq!(day_start_ms(bad), None, "{bad}");
        }
        assert_eq!(utc_text(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            utc_text(1_709_164_800_000 + 3_723_004),
            "2024-02-29T01:02:03.004Z"
        );
        // Every 997th day to 9999-12-31, the last day `day_start_ms` reads.
        for day in (0..=2_932_896).step_by(997).chain([2_932_896]) {
            let text = utc_text(day * MS_PER_DAY);
            assert_eq!(
                day_start_ms(text.get(..10).unwrap_or("")),
                Some(day * MS_PER_DAY)
            );
        }
    }

    #[test]
    fn every_parameter_is_checked_by_name() {
        let read = |query: &str| read_query(query, 100, 1000);
        let all = read("calc_id=saas-roi&from=2025-11-01&to=2025-11-30&limit=5").unwrap();
        assert_eq!(all.filter.calc_id.as_deref(), Some("saas-roi"));
        assert_eq!(all.filter.from_ms, day_start_ms("2025-11-01"));
        assert_eq!(all.filter.before_ms, day_start_ms("2025-12-01"));
        assert_eq!(all.limit, 5);
        assert_eq!(read("").unwrap().limit, 100);
        let cursor = LeadCursor {
            received_at_ms: 17,
            lead_id: "0b6f3c2e-8a41-4d7e-9f10-3c5a7e2b9d01".into(),
        };
        let text = cursor_text(&cursor);
        assert_eq!(
            read(&format!("cursor={text}")).unwrap().cursor,
            Some(cursor)
        );
        for (query, named) in [
            ("calc_id=a%20b", "calc_id"),
            ("from=2025-02-30", "from"),
            ("to=tomorrow", "to"),
            ("from=2025-11-02&to=2025-11-01", "from"),
            ("limit=0", "limit"),
            ("limit=1001", "limit"),
            ("limit=ten", "limit"),
            ("cursor=17", "cursor"),
            ("cursor=x_0b6f3c2e-8a41-4d7e-9f10-3c5a7e2b9d01", "cursor"),
            ("calc_id=%zz", "calc_id"),
        ] {
            let err = read(query).unwrap_err();
            assert!(err.starts_with(named), "{query}: {err}");
        }
        // The same day as from and to is that one day.
        let day = read("from=2025-11-01&to=2025-11-01").unwrap();
        assert_eq!(
            day.filter.before_ms.unwrap() - day.filter.from_ms.unwrap(),
            MS_PER_DAY
        );
    }
}
