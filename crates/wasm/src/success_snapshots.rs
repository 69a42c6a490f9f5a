//! The snapshot dates a `SuccessPortfolio` scores, from its `SnapshotSpec`
//! (`{from, to, everyDays}`): every `everyDays` days back from `to`, or
//! every month end from `from` to `to` and `to` itself. Without `to`, the
//! latest signal or event of the data; without `from`, 23 months before
//! `to` (24 monthly snapshots). Bounded: at most [`MAX_SNAPSHOTS`].

use super::dto::field;
use super::error::JsError;
use wasm_bindgen::JsValue;
use yardstick_core::error::ErrorCode;
use yardstick_core::success::data::SuccessData;
use yardstick_core::success::date::Date;

/// The most snapshot dates a portfolio scores.
pub const MAX_SNAPSHOTS: usize = 400;

/// The snapshot dates asked for (see `SnapshotSpec`).
pub fn snapshot_dates(
    data: &SuccessData,
    latest_signal: Option<Date>,
    spec: &JsValue,
) -> Result<Vec<Date>, JsError> {
    let latest = data.events.iter().map(|e| e.date).max().max(latest_signal);
    let to = match date_option(spec, "to")? {
        Some(date) => date,
        None => latest.ok_or_else(|| {
            JsError::new(
                ErrorCode::INVALID_OPTION,
                "the data has no signal or event: give the snapshots' `to` date",
            )
        })?,
    };
    let from = match date_option(spec, "from")? {
        Some(date) => date,
        None => to.plus_months(-23).unwrap_or(to),
    };
    if from > to {
        return Err(JsError::new(
            ErrorCode::INVALID_OPTION,
            "the snapshots' `from` is after their `to`",
        ));
    }
    let every = field(spec, "everyDays");
    let mut dates = Vec::new();
    if every.is_undefined() || every.is_null() {
        // Month ends: the day before the first of each next month.
        let mut month = from;
        while let Some(end) = month_end(month) {
            if end > to {
                break;
            }
            dates.push(end);
            check_count(dates.len())?;
            let Some(next) = end.plus_days(1) else { break };
            month = next;
        }
        if dates.last() != Some(&to) {
            dates.push(to);
        }
    } else {
        let days = every.as_f64().unwrap_or(f64::NAN);
        if !(days.fract() == 0.0 && (1.0..=3_650.0).contains(&days)) {
            return Err(JsError::new(
                ErrorCode::INVALID_OPTION,
                "everyDays must be a whole number of days from 1 to 3650",
            ));
        }
        let mut date = to;
        while date >= from {
            dates.push(date);
            check_count(dates.len())?;
            match date.plus_days(-(days as i64)) {
                Some(earlier) => date = earlier,
                None => break,
            }
        }
        dates.reverse();
    }
    Ok(dates)
}

fn check_count(count: usize) -> Result<(), JsError> {
    if count > MAX_SNAPSHOTS {
        return Err(JsError::new(
            ErrorCode::INVALID_OPTION,
            &format!("more than {MAX_SNAPSHOTS} snapshots: a later `from` or more `everyDays`"),
        ));
    }
    Ok(())
}

/// The last day of `date`'s month.
fn month_end(date: Date) -> Option<Date> {
    let day_of_month = i64::from(ymd_day(date));
    date.plus_days(1 - day_of_month)?
        .plus_months(1)?
        .plus_days(-1)
}

/// The day of the month of `date` (from its ISO text: the core keeps serials).
fn ymd_day(date: Date) -> u32 {
    let text = super::error::display_text(&date);
    text.rsplit('-')
        .next()
        .and_then(|day| day.parse().ok())
        .unwrap_or(1)
}

fn date_option(spec: &JsValue, key: &str) -> Result<Option<Date>, JsError> {
    let value = field(spec, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let text = value.as_string().unwrap_or_default();
    Date::parse(&text).map(Some).ok_or_else(|| {
        JsError::new(
            ErrorCode::INVALID_OPTION,
            &format!("snapshots.{key} must be a date YYYY-MM-DD"),
        )
    })
}
