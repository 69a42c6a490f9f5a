//! The Develop funnel (docs/engagement.md, "The Develop funnel"): from the
//! page views of a UTC date range, the visitors, the interested ones, those
//! who used a calculator, those who sent a lead and the leads' value; the
//! same per day, and per page, referrer and campaign.
//!
//! A *visitor* is a visitor id (consent granted) or, without one, the page
//! view itself. The steps nest: each counts the visitors who reached it or
//! a later one (a lead used a calculator; a calculator user is
//! interested), so a conversion is never above 1. The input is one row per
//! page view (the collector's aggregates), never the events, so the cost
//! is a few sorts of the range's page views, whatever the number of events.
//! It reads no clock: today is the caller's argument.

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
}

/// The deepest step a page view reached: 0 visited, 1 interested,
/// 2 interacted, 3 lead.
fn level(row: &PageViewRow, engaged_threshold_ms: u64) -> u8 {
    if row.leads > 0 {
        3
    } else if row.calc_used {
        2
    } else if row.max_engaged_ms >= engaged_threshold_ms || row.downloads > 0 || row.video_plays > 0
    {
        1
    } else {
        0
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
    /// The sum of the leads' values.
    pub lead_value: f64,
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

/// One page view reduced to what counting needs: a group, its visitor,
/// its level, its lead value.
#[derive(Clone, Copy)]
struct Mark<K> {
    group: K,
    visitor: i64,
    level: u8,
    lead_value: f64,
}

impl<K> Mark<K> {
    /// The same page view in another grouping.
    fn regroup<L>(&self, group: L) -> Mark<L> {
        Mark {
            group,
            visitor: self.visitor,
            level: self.level,
            lead_value: self.lead_value,
        }
    }
}

/// The counts of each group (ascending), from marks sorted here by group
/// and visitor: a visitor counts once per group, at their deepest level.
fn counts_by_group<K: Ord + Copy>(marks: &mut [Mark<K>]) -> Vec<(K, StepCounts)> {
    marks.sort_unstable_by(|a, b| (a.group, a.visitor).cmp(&(b.group, b.visitor)));
    let mut out: Vec<(K, StepCounts)> = Vec::new();
    let mut index = 0;
    while let Some(first) = marks.get(index) {
        let mut level = first.level;
        let mut lead_value = first.lead_value;
        index += 1;
        while let Some(next) = marks
            .get(index)
            .filter(|m| m.group == first.group && m.visitor == first.visitor)
        {
            level = level.max(next.level);
            lead_value += next.lead_value;
            index += 1;
        }
        if out.last().map(|(group, _)| *group) != Some(first.group) {
            out.push((first.group, StepCounts::default()));
        }
        if let Some((_, counts)) = out.last_mut() {
            counts.visitors += 1;
            counts.interested += u64::from(level >= 1);
            counts.interacting += u64::from(level >= 2);
            counts.leads += u64::from(level >= 3);
            counts.lead_value += lead_value;
        }
    }
    out
}

/// A breakdown: the top rows by visitors (ties by key, absent first), then
/// one "other" row for the rest, its visitors counted distinct again.
fn breakdown(marks: &mut [Mark<BreakdownKey>]) -> Vec<BreakdownRow> {
    let mut rows: Vec<BreakdownRow> = counts_by_group(marks)
        .into_iter()
        .map(|(key, counts)| BreakdownRow { key, counts })
        .collect();
    rows.sort_by(|a, b| {
        b.counts
            .visitors
            .cmp(&a.counts.visitors)
            .then(a.key.cmp(&b.key))
    });
    if rows.len() <= BREAKDOWN_TOP_ROWS {
        return rows;
    }
    let mut kept: Vec<BreakdownKey> = rows
        .iter()
        .take(BREAKDOWN_TOP_ROWS)
        .map(|row| row.key)
        .collect();
    kept.sort_unstable();
    rows.truncate(BREAKDOWN_TOP_ROWS);
    let mut rest: Vec<Mark<()>> = marks
        .iter()
        .filter(|m| kept.binary_search(&m.group).is_err())
        .map(|m| m.regroup(()))
        .collect();
    if let Some(((), counts)) = counts_by_group(&mut rest).pop() {
        rows.push(BreakdownRow {
            key: BreakdownKey::Other,
            counts,
        });
    }
    rows
}

/// The funnel of `query` over `rows` (rows outside the range are skipped).
pub fn compute_funnel(query: &FunnelQuery, rows: &[PageViewRow]) -> Funnel {
    let in_range = rows
        .iter()
        .filter(|row| (query.from_day..=query.to_day).contains(&row.day));
    let mut by_day = Vec::new();
    let mut pages = Vec::new();
    let mut referrers = Vec::new();
    let mut campaigns = Vec::new();
    let mut returning = Vec::new();
    let mut funnel = Funnel {
        query: *query,
        counts: StepCounts::default(),
        page_views: 0,
        downloads: 0,
        video_plays: 0,
        outbound_clicks: 0,
        returning_visitors: 0,
        daily: Vec::new(),
        pages: Vec::new(),
        referrers: Vec::new(),
        campaigns: Vec::new(),
    };
    let key = |label: Option<i64>| label.map_or(BreakdownKey::None, BreakdownKey::Label);
    for row in in_range {
        let mark = Mark {
            group: row.day,
            visitor: row.visitor,
            level: level(row, query.engaged_threshold_ms),
            lead_value: row.lead_value,
        };
        by_day.push(mark);
        pages.push(mark.regroup(key(row.path)));
        referrers.push(mark.regroup(key(row.referrer)));
        campaigns.push(mark.regroup(key(row.campaign)));
        if row.returning {
            returning.push(mark.regroup(()));
        }
        funnel.page_views += 1;
        funnel.downloads += row.downloads;
        funnel.video_plays += row.video_plays;
        funnel.outbound_clicks += row.outbound_clicks;
    }
    funnel.returning_visitors = counts_by_group(&mut returning)
        .pop()
        .map_or(0, |(_, counts)| counts.visitors);
    let mut all: Vec<Mark<()>> = by_day.iter().map(|m| m.regroup(())).collect();
    funnel.counts = counts_by_group(&mut all)
        .pop()
        .map_or_else(StepCounts::default, |(_, counts)| counts);
    let mut days = counts_by_group(&mut by_day).into_iter().peekable();
    funnel.daily = (query.from_day..=query.to_day)
        .map(|day| match days.next_if(|(d, _)| *d == day) {
            Some(entry) => entry,
            None => (day, StepCounts::default()),
        })
        .collect();
    funnel.pages = breakdown(&mut pages);
    funnel.referrers = breakdown(&mut referrers);
    funnel.campaigns = breakdown(&mut campaigns);
    funnel
}

#[cfg(test)]
#[path = "funnel_test.rs"]
mod tests;
