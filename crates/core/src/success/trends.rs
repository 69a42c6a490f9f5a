//! Health trends from the table (docs/success.md, "Trend"): the change
//! against the previous snapshot and over 7, 30 and 90 days, with stage
//! changes marked.
//!
//! Snapshots need not be N days apart, so an N-day change is read against
//! the earlier snapshot nearest to `d − N` days (of two equally near, the
//! earlier), counted only when it lies within `max(N / 6, 3)` days of
//! `d − N`: with monthly snapshots the 30-day change is the month's (28
//! to 31 days), the 90-day change the quarter's, and there is no 7-day
//! change (the nearest snapshot is weeks away). Changes are between
//! scores; a cell or its comparison without a score has none.

use super::health::HealthTable;

/// A change of score against an earlier snapshot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreChange {
    /// Score points, positive when the score rose.
    pub points: f64,
    /// The earlier snapshot's position in the table's dates.
    pub from_snapshot: usize,
    /// Days between the two snapshots.
    pub days: i64,
}

/// One cell's trend.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Trend {
    /// Against the previous snapshot.
    pub previous: Option<ScoreChange>,
    /// Over about 7 days.
    pub days_7: Option<ScoreChange>,
    /// Over about 30 days.
    pub days_30: Option<ScoreChange>,
    /// Over about 90 days.
    pub days_90: Option<ScoreChange>,
    /// The stage differs from the previous snapshot's.
    pub stage_changed: bool,
}

/// The trend of account row `account` on snapshot `snapshot`.
pub fn trend(table: &HealthTable, account: usize, snapshot: usize) -> Trend {
    let Some(cell) = table.cell(account, snapshot) else {
        return Trend::default();
    };
    let previous = snapshot
        .checked_sub(1)
        .and_then(|before| table.cell(account, before));
    Trend {
        previous: snapshot
            .checked_sub(1)
            .and_then(|before| change(table, account, snapshot, before)),
        days_7: over_days(table, account, snapshot, 7),
        days_30: over_days(table, account, snapshot, 30),
        days_90: over_days(table, account, snapshot, 90),
        stage_changed: previous.is_some_and(|before| before.stage != cell.stage),
    }
}

fn change(table: &HealthTable, account: usize, now: usize, before: usize) -> Option<ScoreChange> {
    let score_now = table.cell(account, now)?.score?;
    let score_before = table.cell(account, before)?.score?;
    let dates = table.dates();
    Some(ScoreChange {
        points: score_now - score_before,
        from_snapshot: before,
        days: dates.get(now)?.days_since(*dates.get(before)?),
    })
}

/// The change against the earlier snapshot nearest to `days` days back.
fn over_days(table: &HealthTable, account: usize, now: usize, days: i64) -> Option<ScoreChange> {
    let dates = table.dates();
    let today = *dates.get(now)?;
    let earlier = dates.get(..now)?;
    let wanted = today.plus_days(-days)?;
    // The first earlier snapshot after `wanted`, and the one before it.
    let after = earlier.partition_point(|date| *date <= wanted);
    let mut best: Option<(usize, i64)> = None;
    for candidate in [after.checked_sub(1), Some(after)].into_iter().flatten() {
        let Some(date) = earlier.get(candidate) else {
            continue;
        };
        let distance = date.days_since(wanted).abs();
        if best.map_or(true, |(_, nearest)| distance < nearest) {
            best = Some((candidate, distance));
        }
    }
    let (before, distance) = best?;
    if distance > (days / 6).max(3) {
        return None;
    }
    change(table, account, now, before)
}

#[cfg(test)]
#[path = "trends_test.rs"]
mod tests;
