//! The dates of the proof's and the team view's health table, bounded
//! (docs/success-proof.md, "The table's dates"). The proof reads each
//! renewal's score N days before it and the team view each play's score on
//! its completion and follow-up days; one table date per distinct such day
//! makes a dense table (accounts × dates × measures) that a portfolio with
//! renewals on most days pushes past [`MAX_TABLE_SLOTS`].
//!
//! The rule: the wanted days are used exactly while they fit, with the
//! snapshots, in the table's bound; otherwise each wanted day is snapped
//! down to a grid of every `step` days (serial days divisible by `step`,
//! so weekly grid days are always the same weekday), the finest of
//! [`GRID_STEPS_DAYS`] that fits. A score is then read from the latest
//! table date on or before the wanted day and less than `step` days
//! before it ([`DateGrid::snapshot_of`]): never a later day, so the
//! reading stays point-in-time; with a step of 1 it is the wanted day
//! itself, as before the bound.

use super::date::Date;
use super::health::MAX_TABLE_SLOTS;
use super::settings::SuccessSettings;

/// The grid steps tried, finest first: daily (exact), then weekly and
/// coarser multiples up to a year.
pub const GRID_STEPS_DAYS: [u32; 8] = [1, 7, 14, 28, 56, 91, 182, 364];

/// How wanted days map to table dates: a step of 1 reads each wanted day
/// exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateGrid {
    step_days: u32,
}

impl Default for DateGrid {
    fn default() -> DateGrid {
        DateGrid::EXACT
    }
}

impl DateGrid {
    /// Every wanted day is a table date.
    pub const EXACT: DateGrid = DateGrid { step_days: 1 };

    /// The grid of every `step_days` days (0 reads as 1).
    pub fn every(step_days: u32) -> DateGrid {
        DateGrid {
            step_days: step_days.max(1),
        }
    }

    /// Days between grid dates; 1 when exact.
    pub fn step_days(self) -> u32 {
        self.step_days
    }

    /// The latest grid day on or before `date` (`date` itself when exact;
    /// `None` before the calendar's start).
    pub fn snap(self, date: Date) -> Option<Date> {
        let serial = date.serial();
        Date::from_serial(serial - serial.rem_euclid(i64::from(self.step_days)))
    }

    /// The position in `table_dates` (sorted) of the latest date on or
    /// before `wanted` and less than the step before it.
    pub fn snapshot_of(self, table_dates: &[Date], wanted: Date) -> Option<usize> {
        let after = table_dates.partition_point(|date| *date <= wanted);
        let at = after.checked_sub(1)?;
        let date = table_dates.get(at)?;
        (wanted.days_since(*date) < i64::from(self.step_days)).then_some(at)
    }
}

/// How many dates a table of `accounts` accounts under `settings` holds
/// within [`MAX_TABLE_SLOTS`] (as `HealthTable::build` counts: accounts ×
/// dates × the widest scorecard).
pub fn max_table_dates(accounts: usize, settings: &SuccessSettings) -> usize {
    let width = settings
        .scorecards
        .iter()
        .map(|card| card.measures.len())
        .max()
        .unwrap_or(0)
        .max(1);
    MAX_TABLE_SLOTS / accounts.max(1).saturating_mul(width)
}

/// The table's dates for `wanted` days beside `snapshots`, at most
/// `max_dates` of them when any grid fits, and the grid to read them with
/// (module docs). When even the coarsest grid does not fit, its dates are
/// returned and the table's build refuses them as before.
pub fn evidence_dates(
    wanted: &[Date],
    snapshots: &[Date],
    max_dates: usize,
) -> (Vec<Date>, DateGrid) {
    let mut chosen = (Vec::new(), DateGrid::EXACT);
    for step in GRID_STEPS_DAYS {
        let grid = DateGrid::every(step);
        let mut dates: Vec<Date> = snapshots.to_vec();
        dates.extend(wanted.iter().filter_map(|day| grid.snap(*day)));
        dates.sort_unstable();
        dates.dedup();
        let fits = dates.len() <= max_dates;
        chosen = (dates, grid);
        if fits {
            break;
        }
    }
    chosen
}

#[cfg(test)]
#[path = "evidence_dates_test.rs"]
mod tests;
