//! Counting the Develop funnel ([`super::funnel`]'s types): distinct
//! visitors at their deepest step, over the range, per day and per page,
//! referrer and campaign, with the "other" row past the top rows.
//!
//! One sort of the range's page views by visitor, then linear passes: each
//! visitor's page views are few, so counting a visitor once per group
//! sorts only those few. The dimensions' values are mapped to dense
//! indices once (a sorted list of the distinct keys), so counts are
//! vectors, not maps. Rows outside the range are skipped.

use super::funnel::{
    BreakdownKey, BreakdownRow, Funnel, FunnelQuery, LeadCurrency, PageViewRow, StepCounts,
    BREAKDOWN_TOP_ROWS,
};

/// The dimensions of the breakdowns: page, referrer, campaign.
const DIMENSIONS: usize = 3;

/// One page view reduced to what counting needs (small, so the sort by
/// visitor moves few bytes).
#[derive(Clone, Copy)]
struct Mark {
    visitor: i64,
    lead_value: f64,
    lead_currency: LeadCurrency,
    /// Its day, as days since the range's first.
    day_index: u32,
    /// Its value's index in each dimension's sorted distinct keys.
    key_index: [u32; DIMENSIONS],
    /// 0 visited, 1 interested, 2 interacted, 3 lead.
    level: u8,
    returning: bool,
}

/// A dimension's distinct keys, sorted, and a way to find a key's index:
/// a table by label key when the keys are small (the collector's are row
/// ids), else a binary search.
struct Dimension {
    keys: Vec<BreakdownKey>,
    /// `table[label]` is the index of `Label(label)` plus one (0: absent).
    table: Vec<u32>,
}

/// Label keys up to this many times the page views are looked up in a
/// table; larger ones by binary search.
const TABLE_PER_ROW: usize = 4;

impl Dimension {
    fn new(labels: impl Iterator<Item = Option<i64>> + Clone, rows: usize) -> Dimension {
        let key = |label: Option<i64>| label.map_or(BreakdownKey::None, BreakdownKey::Label);
        let mut keys: Vec<BreakdownKey> = labels.clone().map(key).collect();
        keys.sort_unstable();
        keys.dedup();
        let largest = labels.flatten().max().unwrap_or(0);
        let mut table = Vec::new();
        let small = usize::try_from(largest)
            .ok()
            .filter(|&n| n <= rows.saturating_mul(TABLE_PER_ROW).max(1024));
        if let Some(largest) = small {
            table = vec![0; largest + 1];
            for (index, key) in keys.iter().enumerate() {
                if let BreakdownKey::Label(label) = key {
                    let slot = usize::try_from(*label).ok().and_then(|l| table.get_mut(l));
                    if let Some(slot) = slot {
                        *slot = u32::try_from(index + 1).unwrap_or(0);
                    }
                }
            }
        }
        Dimension { keys, table }
    }

    fn index_of(&self, label: Option<i64>) -> u32 {
        let from_table = label
            .and_then(|l| usize::try_from(l).ok())
            .and_then(|l| self.table.get(l))
            .and_then(|&i| i.checked_sub(1));
        if let Some(index) = from_table {
            return index;
        }
        let key = label.map_or(BreakdownKey::None, BreakdownKey::Label);
        let index = self.keys.binary_search(&key).unwrap_or(0);
        u32::try_from(index).unwrap_or(0)
    }
}

/// The deepest step a page view reached.
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

/// Counts one more visitor at `level` with leads worth `lead_value` in
/// `currency`.
fn add(counts: &mut StepCounts, level: u8, lead_value: f64, currency: LeadCurrency) {
    counts.visitors += 1;
    counts.interested += u64::from(level >= 1);
    counts.interacting += u64::from(level >= 2);
    counts.leads += u64::from(level >= 3);
    counts.lead_value += lead_value;
    counts.lead_currency = counts.lead_currency.and(currency);
}

/// Adds one visitor's page views (`run`) to `counts`, once per group that
/// `group` gives (an index into `counts`), at the visitor's deepest level
/// in that group. `scratch` is reused between visitors.
fn add_per_group(
    run: &[Mark],
    group: impl Fn(&Mark) -> u32,
    counts: &mut [StepCounts],
    scratch: &mut Vec<(u32, u8, f64, LeadCurrency)>,
) {
    if let [only] = run {
        // Most visitors have one page view (every one without consent).
        if let Some(slot) = usize::try_from(group(only))
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            add(slot, only.level, only.lead_value, only.lead_currency);
        }
        return;
    }
    scratch.clear();
    scratch.extend(
        run.iter()
            .map(|m| (group(m), m.level, m.lead_value, m.lead_currency)),
    );
    // Lead values in a fixed order, so the sums are the same whatever
    // order the rows came in.
    scratch.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.2.total_cmp(&b.2)));
    let mut index = 0;
    while let Some(&(first, mut deepest, mut value, mut currency)) = scratch.get(index) {
        index += 1;
        while let Some(&(_, level, lead_value, lead_currency)) =
            scratch.get(index).filter(|e| e.0 == first)
        {
            deepest = deepest.max(level);
            value += lead_value;
            currency = currency.and(lead_currency);
            index += 1;
        }
        if let Some(slot) = usize::try_from(first).ok().and_then(|i| counts.get_mut(i)) {
            add(slot, deepest, value, currency);
        }
    }
}

/// The visitors' runs: `marks` sorted by visitor, cut where it changes.
fn runs(marks: &[Mark]) -> impl Iterator<Item = &[Mark]> {
    marks.chunk_by(|a, b| a.visitor == b.visitor)
}

/// The funnel of `query` over `rows` (rows outside the range are skipped).
pub fn compute_funnel(query: &FunnelQuery, rows: &[PageViewRow]) -> Funnel {
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
    let in_range = |row: &&PageViewRow| (query.from_day..=query.to_day).contains(&row.day);
    let count = rows.iter().filter(in_range).count();
    let dimensions = [
        Dimension::new(rows.iter().filter(in_range).map(|r| r.path), count),
        Dimension::new(rows.iter().filter(in_range).map(|r| r.referrer), count),
        Dimension::new(rows.iter().filter(in_range).map(|r| r.campaign), count),
    ];
    let [paths, referrers, campaigns] = &dimensions;
    let mut marks: Vec<Mark> = Vec::with_capacity(count);
    for row in rows.iter().filter(in_range) {
        funnel.page_views += 1;
        funnel.downloads += row.downloads;
        funnel.video_plays += row.video_plays;
        funnel.outbound_clicks += row.outbound_clicks;
        marks.push(Mark {
            visitor: row.visitor,
            lead_value: row.lead_value,
            lead_currency: row.lead_currency,
            day_index: u32::try_from(row.day - query.from_day).unwrap_or(0),
            key_index: [
                paths.index_of(row.path),
                referrers.index_of(row.referrer),
                campaigns.index_of(row.campaign),
            ],
            level: level(row, query.engaged_threshold_ms),
            returning: row.returning,
        });
    }
    marks.sort_unstable_by(|a, b| {
        a.visitor
            .cmp(&b.visitor)
            .then(a.lead_value.total_cmp(&b.lead_value))
    });
    let days = usize::try_from(query.days()).unwrap_or(0);
    let mut daily = vec![StepCounts::default(); days];
    let mut by_key: [Vec<StepCounts>; DIMENSIONS] = std::array::from_fn(|d| {
        vec![StepCounts::default(); dimensions.get(d).map_or(0, |dim| dim.keys.len())]
    });
    let mut scratch = Vec::new();
    for run in runs(&marks) {
        let deepest = run.iter().map(|m| m.level).max().unwrap_or(0);
        let value = run.iter().map(|m| m.lead_value).sum();
        let currency = run
            .iter()
            .fold(LeadCurrency::None, |c, m| c.and(m.lead_currency));
        add(&mut funnel.counts, deepest, value, currency);
        funnel.returning_visitors += u64::from(run.iter().any(|m| m.returning));
        add_per_group(run, |m| m.day_index, &mut daily, &mut scratch);
        for (d, counts) in by_key.iter_mut().enumerate() {
            let index = |m: &Mark| m.key_index.get(d).copied().unwrap_or(0);
            add_per_group(run, index, counts, &mut scratch);
        }
    }
    funnel.daily = (query.from_day..).zip(daily).collect();
    let [pages, referrers, campaigns] = std::array::from_fn(|d| {
        let keys = dimensions.get(d).map_or(&[][..], |dim| dim.keys.as_slice());
        let counts = by_key.get(d).map_or(&[][..], Vec::as_slice);
        breakdown(&marks, d, keys, counts)
    });
    funnel.pages = pages;
    funnel.referrers = referrers;
    funnel.campaigns = campaigns;
    funnel
}

/// Dimension `d`'s rows: the top ones by visitors (ties by key, absent
/// first), then one "other" row whose visitors are counted once again.
fn breakdown(
    marks: &[Mark],
    d: usize,
    keys: &[BreakdownKey],
    counts: &[StepCounts],
) -> Vec<BreakdownRow> {
    let mut order: Vec<usize> = (0..keys.len().min(counts.len())).collect();
    let visitors = |i: usize| counts.get(i).map_or(0, |c| c.visitors);
    order.sort_by(|&a, &b| visitors(b).cmp(&visitors(a)).then(a.cmp(&b)));
    let mut rows: Vec<BreakdownRow> = order
        .iter()
        .take(BREAKDOWN_TOP_ROWS)
        .filter_map(|&i| {
            Some(BreakdownRow {
                key: *keys.get(i)?,
                counts: *counts.get(i)?,
            })
        })
        .collect();
    if order.len() <= BREAKDOWN_TOP_ROWS {
        return rows;
    }
    let mut is_other = vec![true; keys.len()];
    for &i in order.iter().take(BREAKDOWN_TOP_ROWS) {
        if let Some(flag) = is_other.get_mut(i) {
            *flag = false;
        }
    }
    let mut other = StepCounts::default();
    for run in runs(marks) {
        let in_other = run.iter().filter(|m| {
            let index = m.key_index.get(d).map_or(0, |&i| i as usize);
            is_other.get(index).copied().unwrap_or(false)
        });
        let mut seen = false;
        let (mut deepest, mut value, mut currency) = (0, 0.0, LeadCurrency::None);
        for mark in in_other {
            seen = true;
            deepest = deepest.max(mark.level);
            value += mark.lead_value;
            currency = currency.and(mark.lead_currency);
        }
        if seen {
            add(&mut other, deepest, value, currency);
        }
    }
    rows.push(BreakdownRow {
        key: BreakdownKey::Other,
        counts: other,
    });
    rows
}

#[cfg(test)]
#[path = "funnel_test.rs"]
mod tests;
