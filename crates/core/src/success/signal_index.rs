//! The signals indexed once for health scoring (docs/success.md, "Health"):
//! one date-sorted series per (account, metric), kept in flat columns so
//! the health table reads "the latest value on or before `d`, no older
//! than `staleAfterDays`" with a pointer that only moves forward as the
//! snapshot dates ascend.
//!
//! Building is O(n log n) in the signals (one sort of their keys);
//! memory is two numbers per signal and one key per series. Rows naming
//! an account not in the data are left out. Of two rows for the same
//! account, date and metric (the readers refuse them; the index does not
//! rely on it) the later in the document wins, as a later import's does.

use super::data::SuccessData;
use super::date::Date;

/// One (account, metric) series: `len` signals from `start` in the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SeriesKey {
    account: u32,
    metric: u32,
    start: u32,
    len: u32,
}

/// A signal reduced to numbers ([`SignalIndex::from_rows`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignalRow {
    /// The account's position in the data.
    pub account: u32,
    /// The metric's position in the sorted metric ids.
    pub metric: u32,
    /// The date's serial ([`Date::serial`]).
    pub serial: i32,
    /// The value.
    pub value: f64,
}

/// A date-sorted slice of one account's metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series<'a> {
    /// Serials, strictly ascending.
    pub dates: &'a [i32],
    /// The values, one per date.
    pub values: &'a [f64],
}

impl Series<'_> {
    /// No signals.
    pub const EMPTY: Series<'static> = Series {
        dates: &[],
        values: &[],
    };

    /// The latest value on or before `date` that is at most
    /// `stale_after_days` old, by binary search.
    pub fn fresh_on(&self, date: Date, stale_after_days: u32) -> Option<f64> {
        let serial = date.serial();
        let after = self.dates.partition_point(|&day| i64::from(day) <= serial);
        fresh_at(self, after, serial, stale_after_days)
    }
}

/// A forward-only reader of a series for ascending dates: each call costs
/// the signals passed since the previous one.
#[derive(Debug, Clone, Copy)]
pub struct Cursor {
    /// How many of the series' signals are on or before the last date asked.
    after: usize,
}

impl Cursor {
    /// At the series' start.
    pub fn new() -> Cursor {
        Cursor { after: 0 }
    }

    /// [`Series::fresh_on`] for a `date` not before the previous call's.
    pub fn fresh_on(
        &mut self,
        series: &Series<'_>,
        date: Date,
        stale_after_days: u32,
    ) -> Option<f64> {
        let serial = date.serial();
        while let Some(&day) = series.dates.get(self.after) {
            if i64::from(day) > serial {
                break;
            }
            self.after += 1;
        }
        fresh_at(series, self.after, serial, stale_after_days)
    }
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor::new()
    }
}

/// The value of the last of the first `after` signals, if fresh on `serial`.
fn fresh_at(series: &Series<'_>, after: usize, serial: i64, stale_after_days: u32) -> Option<f64> {
    let last = after.checked_sub(1)?;
    let day = *series.dates.get(last)?;
    if serial - i64::from(day) > i64::from(stale_after_days) {
        return None;
    }
    series.values.get(last).copied()
}

/// Every signal of the data, by account and metric.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignalIndex {
    /// Metric ids, sorted: a metric's number is its position.
    metrics: Vec<String>,
    /// Series keys sorted by (account, metric).
    keys: Vec<SeriesKey>,
    dates: Vec<i32>,
    values: Vec<f64>,
}

impl SignalIndex {
    /// Indexes `data`'s signals; accounts are numbered by their position
    /// in `data.accounts`.
    pub fn new(data: &SuccessData) -> SignalIndex {
        let mut account_ids: Vec<(&str, u32)> = Vec::with_capacity(data.accounts.len());
        for (position, account) in data.accounts.iter().enumerate() {
            account_ids.push((account.id.as_str(), position as u32));
        }
        account_ids.sort_unstable();
        let metrics = distinct_metrics(data);
        // (account position, metric number, serial, document row).
        let mut rows: Vec<(u32, u32, i32, usize)> = Vec::with_capacity(data.signals.len());
        // Rows usually come grouped by account: the last look-ups are kept.
        let mut last_account: Option<(&str, Option<u32>)> = None;
        for (row, signal) in data.signals.iter().enumerate() {
            let account = match last_account {
                Some((id, found)) if id == signal.account => found,
                _ => {
                    let found = lookup(&account_ids, &signal.account);
                    last_account = Some((signal.account.as_str(), found));
                    found
                }
            };
            let metric = metrics
                .binary_search_by(|known| known.cmp(&signal.metric.as_str()))
                .ok();
            if let (Some(account), Some(metric)) = (account, metric) {
                let serial = i32::try_from(signal.date.serial()).unwrap_or(i32::MAX);
                rows.push((account, metric as u32, serial, row));
            }
        }
        // The row number makes every key unique, so an unstable sort is
        // deterministic, and the later of two rows for one day comes last.
        rows.sort_unstable();
        let mut index = SignalIndex {
            metrics: metrics.into_iter().map(str::to_string).collect(),
            keys: Vec::new(),
            dates: Vec::with_capacity(rows.len()),
            values: Vec::with_capacity(rows.len()),
        };
        for &(account, metric, serial, row) in &rows {
            let value = data
                .signals
                .get(row)
                .map_or(f64::NAN, |signal| signal.value);
            index.push(account, metric, serial, value);
        }
        index
    }

    /// The index of signals already reduced to numbers, for a caller that
    /// reads millions of rows and keeps none of their text (the browser's
    /// `SuccessPortfolio`): `metrics` sorted and distinct (a row's `metric`
    /// is a position in it), `account` a position in the data. As
    /// [`SignalIndex::new`], of two rows for one account, metric and day
    /// the later in `rows` wins. Memory: `rows` (24 bytes a signal) and a
    /// stable sort's buffer while building, then 12 bytes a signal.
    pub fn from_rows(metrics: Vec<String>, mut rows: Vec<SignalRow>) -> SignalIndex {
        // Stable: rows of one day keep their order, so the later wins.
        rows.sort_by_key(|row| (row.account, row.metric, row.serial));
        let mut index = SignalIndex {
            metrics,
            keys: Vec::new(),
            dates: Vec::with_capacity(rows.len()),
            values: Vec::with_capacity(rows.len()),
        };
        for row in &rows {
            index.push(row.account, row.metric, row.serial, row.value);
        }
        index
    }

    fn push(&mut self, account: u32, metric: u32, serial: i32, value: f64) {
        let at = self.dates.len() as u32;
        match self.keys.last_mut() {
            Some(key) if key.account == account && key.metric == metric => {
                if self.dates.last() == Some(&serial) {
                    // The same day again: the later row replaces it.
                    if let Some(last) = self.values.last_mut() {
                        *last = value;
                    }
                    return;
                }
                key.len += 1;
            }
            _ => self.keys.push(SeriesKey {
                account,
                metric,
                start: at,
                len: 1,
            }),
        }
        self.dates.push(serial);
        self.values.push(value);
    }

    /// The metric's number, if any signal has it.
    pub fn metric_number(&self, metric: &str) -> Option<u32> {
        self.metrics
            .binary_search_by(|known| known.as_str().cmp(metric))
            .ok()
            .map(|number| number as u32)
    }

    /// The series of the account at `account` (its position in the data)
    /// and metric number `metric`; empty when it has none.
    pub fn series(&self, account: usize, metric: u32) -> Series<'_> {
        let wanted = (account as u64, metric);
        let Ok(found) = self
            .keys
            .binary_search_by(|key| (u64::from(key.account), key.metric).cmp(&wanted))
        else {
            return Series::EMPTY;
        };
        let Some(key) = self.keys.get(found) else {
            return Series::EMPTY;
        };
        let range = key.start as usize..(key.start as usize + key.len as usize);
        match (self.dates.get(range.clone()), self.values.get(range)) {
            (Some(dates), Some(values)) => Series { dates, values },
            _ => Series::EMPTY,
        }
    }

    /// [`SignalIndex::series`] by metric id.
    pub fn series_of(&self, account: usize, metric: &str) -> Series<'_> {
        match self.metric_number(metric) {
            Some(number) => self.series(account, number),
            None => Series::EMPTY,
        }
    }
}

/// The distinct metric ids, sorted. A portfolio has few metrics and many
/// rows, so each row is looked up in the sorted list and inserted when
/// new; past [`SMALL_METRIC_COUNT`] metrics (insertion would turn
/// quadratic) every row's id is collected and sorted instead.
fn distinct_metrics(data: &SuccessData) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for signal in &data.signals {
        let metric = signal.metric.as_str();
        if let Err(at) = ids.binary_search(&metric) {
            if ids.len() >= SMALL_METRIC_COUNT {
                let mut all: Vec<&str> = data.signals.iter().map(|s| s.metric.as_str()).collect();
                all.sort_unstable();
                all.dedup();
                return all;
            }
            ids.insert(at, metric);
        }
    }
    ids
}

/// The most metrics [`distinct_metrics`] inserts one by one.
const SMALL_METRIC_COUNT: usize = 1_024;

/// The position in `data.accounts` of `id`, from the (id, position)
/// pairs sorted by id; the first account of a repeated id.
fn lookup(sorted: &[(&str, u32)], id: &str) -> Option<u32> {
    let first = sorted.partition_point(|(known, _)| *known < id);
    match sorted.get(first) {
        Some((known, position)) if *known == id => Some(*position),
        _ => None,
    }
}

#[cfg(test)]
#[path = "signal_index_test.rs"]
mod tests;
