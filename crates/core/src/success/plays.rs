//! Play completions and the health change after them (docs/success.md,
//! "Plays"): for each completion, the account's score on the completion
//! date and `days` days later (`playFollowUpDays` in the settings), and
//! the change.
//!
//! Read from a health table, point-in-time: the score "on" a date is the
//! score of the table's latest snapshot on or before it (built with
//! [`effect_dates`] among its dates, the snapshots fall on the days
//! exactly). The change is missing when either score is missing, when the
//! follow-up date is after the table's last snapshot (not known yet), or
//! when both dates read the same snapshot (nothing was measured after the
//! play). Completions of accounts the data does not hold are left out.

use super::account_positions::AccountPositions;
use super::data::{PlayCompletion, SuccessData};
use super::date::Date;
use super::health::HealthTable;

/// A completed play and the health change after it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayEffect {
    /// The account's row in the table.
    pub account: usize,
    /// The play's id.
    pub play: String,
    /// The alert rule that called for it, if any.
    pub alert: Option<String>,
    /// When it was completed.
    pub completed: Date,
    /// `days` after the completion.
    pub follow_up: Date,
    /// The snapshot read for the completion date, and its score.
    pub before: Option<(Date, Option<f64>)>,
    /// The snapshot read for the follow-up date, and its score.
    pub after: Option<(Date, Option<f64>)>,
    /// Score after minus score before.
    pub change: Option<f64>,
}

/// The completion and follow-up dates of `completions`, to add to a health
/// table's snapshot dates so each score is read on its day.
pub fn effect_dates(completions: &[PlayCompletion], days: u32) -> Vec<Date> {
    let mut dates = Vec::with_capacity(completions.len() * 2);
    for completion in completions {
        dates.push(completion.date);
        dates.extend(completion.date.plus_days(i64::from(days)));
    }
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// The health change `days` days after each completion, in the
/// completions' order.
pub fn health_change_after(
    table: &HealthTable,
    data: &SuccessData,
    completions: &[PlayCompletion],
    days: u32,
) -> Vec<PlayEffect> {
    let positions = AccountPositions::new(&data.accounts);
    let dates = table.dates();
    let last = dates.last().copied();
    let read = |account: usize, on: Date| -> Option<(usize, Date, Option<f64>)> {
        let snapshot = dates.partition_point(|day| *day <= on).checked_sub(1)?;
        let day = *dates.get(snapshot)?;
        let score = table.cell(account, snapshot).and_then(|cell| cell.score);
        Some((snapshot, day, score))
    };
    let mut effects = Vec::with_capacity(completions.len());
    for completion in completions {
        let Some(account) = positions.position_of(&completion.account) else {
            continue;
        };
        if account >= table.account_count() {
            continue;
        }
        let Some(follow_up) = completion.date.plus_days(i64::from(days)) else {
            continue;
        };
        let before = read(account, completion.date);
        let after = read(account, follow_up).filter(|_| last.is_some_and(|l| follow_up <= l));
        let change = match (before, after) {
            (Some((b, _, Some(then))), Some((a, _, Some(now)))) if a > b => Some(now - then),
            _ => None,
        };
        effects.push(PlayEffect {
            account,
            play: completion.play.clone(),
            alert: completion.alert.clone(),
            completed: completion.date,
            follow_up,
            before: before.map(|(_, day, score)| (day, score)),
            after: after.map(|(_, day, score)| (day, score)),
            change,
        });
    }
    effects
}

#[cfg(test)]
#[path = "plays_test.rs"]
mod tests;
