//! The Develop funnel (docs/engagement.md, "The Develop funnel"): from the
//! page views of a UTC date range, the visitors, the interested ones, those
//! who used a calculator, those who sent a lead and the leads' value; the
//! same per day, and per page, referrer and campaign.
//!
//! A *visitor* is a visitor id (consent granted) or, without one, the page
//! view itself. The steps nest: each counts the visitors who reached it or
//! a later one (a lead used a calculator; a calculator user is
//! interested), so a conversion is never above 1. The input is one row per
//! page view (the collector's aggregates), never the events; the counting
//! is [`super::funnel_count`]'s. Here are the query, its bounds and the
//! types. It reads no clock: today is the caller's argument.

use std::fmt;

use super::funnel_dates::{format_day, parse_day};

/// The engaged threshold when none is asked for, in seconds.
pub const ENGAGED_DEFAULT_S: u64 = 10;
/// The least engaged threshold, in seconds.
pub const ENGAGED_MIN_S: u64 = 1;
/// The greatest engaged threshold, in seconds.
pub const ENGAGED_MAX_S: u64 = 600;
/// The range when none is asked for: this many days ending today.
pub const RANGE_DEFAULT_DAYS: i64 = 30;
/// The longest range, in days.
pub const RANGE_MAX_DAYS: i64 = 366;
/// Rows per breakdown before the rest is merged into one "other" row.
pub const BREAKDOWN_TOP_ROWS: usize = 50;

/// Which days and which threshold a funnel is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunnelQuery {
    /// The first day (days since 1970-01-01, UTC), included.
    pub from_day: i64,
    /// The last day, included.
    pub to_day: i64,
    /// A page view is engaged from this much engaged time on, in ms.
    pub engaged_threshold_ms: u64,
}

/// Why a funnel query is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FunnelQueryError {
    /// `from` or `to` is not a real `YYYY-MM-DD` date from 1970 to 9999.
    BadDate {
        /// `from` or `to`.
        field: &'static str,
        /// The text given, at most 32 characters.
        found: String,
    },
    /// `from` is after `to`.
    Reversed {
        /// The first day asked for.
        from: String,
        /// The last day asked for.
        to: String,
    },
    /// More than [`RANGE_MAX_DAYS`] days.
    TooLong {
        /// The days asked for.
        days: i64,
    },
    /// `engaged_s` is not a whole number of seconds from 1 to 600.
    BadThreshold {
        /// The text given, at most 32 characters.
        found: String,
    },
}

impl fmt::Display for FunnelQueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FunnelQueryError::BadDate { field, found } => write!(
                f,
                "{field} must be a date YYYY-MM-DD from 1970-01-01 to 9999-12-31, not \"{found}\""
            ),
            FunnelQueryError::Reversed { from, to } => {
                write!(f, "from ({from}) must not be after to ({to})")
            }
            FunnelQueryError::TooLong { days } => write!(
                f,
                "the range must be at most {RANGE_MAX_DAYS} days, not {days}"
            ),
            FunnelQueryError::BadThreshold { found } => write!(
                f,
                "engaged_s must be a whole number of seconds from {ENGAGED_MIN_S} to {ENGAGED_MAX_S}, not \"{found}\""
            ),
        }
    }
}

impl std::error::Error for FunnelQueryError {}

fn shortened(text: &str) -> String {
    text.chars().take(32).collect()
}

impl FunnelQuery {
    /// The query for the texts given (each `None` when absent): `to`
    /// defaults to `today_day`, `from` to [`RANGE_DEFAULT_DAYS`] days
    /// ending at `to`, `engaged_s` to [`ENGAGED_DEFAULT_S`].
    pub fn read(
        from: Option<&str>,
        to: Option<&str>,
        engaged_s: Option<&str>,
        today_day: i64,
    ) -> Result<FunnelQuery, FunnelQueryError> {
        let day = |field: &'static str, text: &str| {
            parse_day(text).ok_or_else(|| FunnelQueryError::BadDate {
                field,
                found: shortened(text),
            })
        };
        let to_day = match to {
            Some(text) => day("to", text)?,
            None => today_day,
        };
        let from_day = match from {
            Some(text) => day("from", text)?,
            None => to_day - (RANGE_DEFAULT_DAYS - 1),
        };
        if from_day > to_day {
            return Err(FunnelQueryError::Reversed {
                from: format_day(from_day),
                to: format_day(to_day),
            });
        }
        let days = to_day - from_day + 1;
        if days > RANGE_MAX_DAYS {
            return Err(FunnelQueryError::TooLong { days });
        }
        let engaged_s = match engaged_s {
            None => ENGAGED_DEFAULT_S,
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|s| (ENGAGED_MIN_S..=ENGAGED_MAX_S).contains(s) && !text.starts_with('+'))
                .ok_or_else(|| FunnelQueryError::BadThreshold {
                    found: shortened(text),
                })?,
        };
        Ok(FunnelQuery {
            from_day,
            to_day,
            engaged_threshold_ms: engaged_s * 1000,
        })
    }

    /// The days in the range.
    pub fn days(&self) -> i64 {
        self.to_day - self.from_day + 1
    }
}

/// One page view as the funnel needs it. The label keys (`path`,
/// `referrer`, `campaign`) are the collector's ids for the texts; `None`
/// means absent (a direct visit, no campaign).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageViewRow {
    /// Its UTC day.
    pub day: i64,
    /// Its visitor: the visitor id's key, or one of the page view's own.
    pub visitor: i64,
    /// The page path's key.
    pub path: Option<i64>,
    /// The referrer host's key.
    pub referrer: Option<i64>,
    /// The `utm_campaign`'s key.
    pub campaign: Option<i64>,
    /// The largest engaged time reported, in ms.
    pub max_engaged_ms: u64,
    /// Downloads.
    pub downloads: u64,
    /// Video plays.
    pub video_plays: u64,
    /// Outbound clicks.
    pub outbound_clicks: u64,
    /// The visitor had a page view on an earlier day.
    pub returning: bool,
    /// A calculator was used on it.
    pub calc_used: bool,
    /// Leads sent from it.
    pub leads: u64,
    /// The leads' value.
    pub lead_value: f64,
    /// The currency of that value.
    pub lead_currency: LeadCurrency,
}

/// The currency of a sum of lead values: none (no lead carried a value),
/// one ISO 4217 code, or several. Dollars and euros do not add up, so a
/// sum over several currencies is never reported as a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeadCurrency {
    /// No lead with a value.
    #[default]
    None,
    /// Every valued lead is in this code (three ASCII capital letters).
    One([u8; 3]),
    /// Valued leads in more than one currency (or in a code that is not
    /// three capital letters, which cannot be told apart from another).
    Several,
}

impl LeadCurrency {
    /// The currency of a valued lead, from its code.
    pub fn from_code(code: &str) -> LeadCurrency {
        match code.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                LeadCurrency::One([*a, *b, *c])
            }
            _ => LeadCurrency::Several,
        }
    }

    /// The currency of the two sums added together.
    pub fn and(self, other: LeadCurrency) -> LeadCurrency {
        match (self, other) {
            (LeadCurrency::None, either) | (either, LeadCurrency::None) => either,
            (LeadCurrency::One(a), LeadCurrency::One(b)) if a == b => self,
            _ => LeadCurrency::Several,
        }
    }

    /// The code, for one currency.
    pub fn code(&self) -> Option<&str> {
        match self {
            LeadCurrency::One(bytes) => std::str::from_utf8(bytes).ok(),
            _ => None,
        }
    }
}

/// The funnel's counts for a set of page views: distinct visitors at each
/// step (nested), and the leads' value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StepCounts {
    /// Distinct visitors.
    pub visitors: u64,
    /// Visitors engaged past the threshold, or who downloaded a file or
    /// played a video, or reached a later step.
    pub interested: u64,
    /// Visitors who used a calculator or sent a lead.
    pub interacting: u64,
    /// Visitors who sent a lead.
    pub leads: u64,
    /// The sum of the leads' values; a number only when `lead_currency`
    /// is not [`LeadCurrency::Several`].
    pub lead_value: f64,
    /// The currency of that sum.
    pub lead_currency: LeadCurrency,
}

/// Which row of a breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BreakdownKey {
    /// No value (a direct visit, no campaign).
    None,
    /// The label with this key.
    Label(i64),
    /// Every row after the top [`BREAKDOWN_TOP_ROWS`], merged.
    Other,
}

/// One row of a breakdown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakdownRow {
    /// Which value.
    pub key: BreakdownKey,
    /// Its funnel.
    pub counts: StepCounts,
}

/// The funnel of a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    /// What was asked.
    pub query: FunnelQuery,
    /// The range's funnel.
    pub counts: StepCounts,
    /// Page views in the range.
    pub page_views: u64,
    /// Downloads in the range.
    pub downloads: u64,
    /// Video plays in the range.
    pub video_plays: u64,
    /// Outbound clicks in the range.
    pub outbound_clicks: u64,
    /// Distinct visitors with a page view marked returning.
    pub returning_visitors: u64,
    /// Every day of the range, in order: (day, its funnel).
    pub daily: Vec<(i64, StepCounts)>,
    /// By page path.
    pub pages: Vec<BreakdownRow>,
    /// By referrer host.
    pub referrers: Vec<BreakdownRow>,
    /// By `utm_campaign`.
    pub campaigns: Vec<BreakdownRow>,
}
