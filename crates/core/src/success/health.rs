//! The health table (docs/success.md, "Health"): for a set of accounts and
//! ascending snapshot dates, per cell the stage, the score 0..100 by the
//! stage's scorecard, its grade, coverage, and per measure the value,
//! points, weight share and contribution, plus the measure that moved the
//! score most since the previous snapshot.
//!
//! Built for re-scoring a portfolio per keystroke:
//!
//! - signals are read through [`SignalIndex`] with one forward cursor per
//!   (account, measure), because snapshot dates ascend;
//! - values and points live in flat columns (`cell × width + measure`), so
//!   a weight change re-sums points without reading a signal
//!   ([`HealthTable::rescore_weights`]) and a rule change re-evaluates one
//!   measure's column ([`HealthTable::rescore_measure`]);
//! - rules are the scoring engine's [`ScoringRule`] (points without the
//!   band label, so the loop allocates nothing) and the weighting is the
//!   engine's own allocation-free kernel ([`crate::scoring::weigh_points`],
//!   in `health_sum`); a property test holds every cell to
//!   [`crate::scoring::score`] as the oracle.
//!
//! After a churn the account has no stage: its cells are read as on the
//! churn date (the last day it had one) and marked frozen.

use super::account_positions::AccountPositions;
use super::data::{Outcome, Renewal, Stage, SuccessData};
use super::date::Date;
pub use super::health_sources::CaseDocuments;
use super::health_sources::{AccountSources, SourcesUsed};
use super::outcomes::mean_progress;
use super::settings::{Grade, GradeThresholds, HealthScorecard, HealthSource, SuccessSettings};
use super::signal_index::{Cursor, Series, SignalIndex};
use super::stages::AccountTimeline;
use crate::scoring::ScoringRule;

/// The most cells × measures a table holds (about 100 MB of columns).
pub const MAX_TABLE_SLOTS: usize = 4_000_000;

/// A score whose coverage is under this share of the weight is shown but
/// flagged (docs/success.md, "Health per stage").
pub const LOW_COVERAGE_BELOW: f64 = 0.5;

/// Why a table cannot be built or re-scored.
#[derive(Debug, Clone, PartialEq)]
pub enum HealthError {
    /// Accounts × dates × measures is above [`MAX_TABLE_SLOTS`].
    TooLarge {
        /// The slots asked for.
        slots: usize,
    },
    /// New weights do not fit the scorecards (counts, a weight not finite
    /// or negative, or a scorecard without a positive weight).
    Weights(String),
    /// No such scorecard or measure, or a rule the engine refuses.
    Measure(String),
}

/// One account on one snapshot date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HealthCell {
    /// The stage (on the churn date for a frozen cell); `None` before the
    /// contract.
    pub stage: Option<Stage>,
    /// After the churn: read as on the churn date.
    pub frozen: bool,
    /// The scorecard used, its position in the settings.
    pub scorecard: Option<u16>,
    /// 0 to 100; `None` without a scorecard or without any fresh data.
    pub score: Option<f64>,
    /// The score's grade.
    pub grade: Option<Grade>,
    /// The share of the scorecard's weight backed by fresh data, 0 to 1.
    pub coverage: f64,
    /// The measure (its position in the scorecard) whose contribution
    /// changed most since the previous snapshot, when both snapshots used
    /// the same scorecard and had a score.
    pub moved_most: Option<u16>,
}

impl HealthCell {
    const EMPTY: HealthCell = HealthCell {
        stage: None,
        frozen: false,
        scorecard: None,
        score: None,
        grade: None,
        coverage: 0.0,
        moved_most: None,
    };
}

/// One measure of a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasureCell {
    /// The value read; `None` when missing.
    pub value: Option<f64>,
    /// 0 to 100; 0 when missing.
    pub points: f64,
    /// Its share of the weight counted, 0 to 1 (0 when missing).
    pub weight_share: f64,
    /// Points × share: the contributions add up to the score.
    pub contribution: f64,
}

/// What the table knows of an account.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct AccountRow {
    /// Its position in the data.
    pub position: usize,
    pub contract_start: Date,
    pub churned_on: Option<Date>,
}

/// Health of accounts over snapshot dates.
#[derive(Debug, Clone)]
pub struct HealthTable {
    pub(super) scorecards: Vec<HealthScorecard>,
    pub(super) grades: GradeThresholds,
    pub(super) accounts: Vec<AccountRow>,
    pub(super) dates: Vec<Date>,
    /// The most measures of a scorecard: the stride of the columns.
    pub(super) width: usize,
    pub(super) cells: Vec<HealthCell>,
    /// NaN when missing.
    pub(super) values: Vec<f64>,
    pub(super) points: Vec<f64>,
    pub(super) contributions: Vec<f64>,
    /// Tightened rules per (scorecard, measure) slot, by whole months.
    pub(super) shifted: Vec<Vec<(i64, ScoringRule)>>,
    /// Where each scorecard's slots start in `shifted`.
    pub(super) slot_start: Vec<usize>,
    /// `sum_cell`'s weights and has-a-value flags for the weighting
    /// kernel, reused cell after cell (`width` long).
    pub(super) weights_buffer: Vec<f64>,
    pub(super) counted_buffer: Vec<bool>,
}

impl HealthTable {
    /// The table of every account in `data` on `dates` (sorted and
    /// de-duplicated here), with signals from `index` (built from the
    /// same data), without case documents (`realised_over_projected`
    /// reads as missing).
    pub fn build(
        data: &SuccessData,
        index: &SignalIndex,
        settings: &SuccessSettings,
        dates: &[Date],
    ) -> Result<HealthTable, HealthError> {
        HealthTable::build_with_cases(data, index, settings, dates, &CaseDocuments::new())
    }

    /// [`HealthTable::build`] with each linked account's case document,
    /// which `realised_over_projected` reads (`health_sources`).
    pub fn build_with_cases(
        data: &SuccessData,
        index: &SignalIndex,
        settings: &SuccessSettings,
        dates: &[Date],
        cases: &CaseDocuments,
    ) -> Result<HealthTable, HealthError> {
        HealthTable::build_cells(data, index, settings, (dates, cases), &|_, _| true)
    }

    /// [`HealthTable::build_with_cases`] scoring only the cells `wanted`
    /// (account position, date) asks for; the others stay empty (no stage,
    /// no score), so they cost nothing to build or to re-sum. For a table
    /// read on a few known cells, such as the proof's (each renewal's
    /// account on its date − N). A cell's figures do not depend on which
    /// other cells are scored, except its mover, which needs the previous
    /// cell scored.
    pub fn build_cells(
        data: &SuccessData,
        index: &SignalIndex,
        settings: &SuccessSettings,
        (dates, cases): (&[Date], &CaseDocuments),
        wanted: &dyn Fn(usize, Date) -> bool,
    ) -> Result<HealthTable, HealthError> {
        let mut dates = dates.to_vec();
        dates.sort_unstable();
        dates.dedup();
        let width = settings
            .scorecards
            .iter()
            .map(|card| card.measures.len())
            .max()
            .unwrap_or(0);
        let cell_count = data.accounts.len().saturating_mul(dates.len());
        let slots = cell_count.saturating_mul(width.max(1));
        if slots > MAX_TABLE_SLOTS {
            return Err(HealthError::TooLarge { slots });
        }
        let mut slot_start = Vec::with_capacity(settings.scorecards.len());
        let mut slot_count = 0;
        for card in &settings.scorecards {
            slot_start.push(slot_count);
            slot_count += card.measures.len();
        }
        let mut table = HealthTable {
            scorecards: settings.scorecards.clone(),
            grades: settings.grades,
            accounts: Vec::with_capacity(data.accounts.len()),
            dates,
            width,
            cells: vec![HealthCell::EMPTY; cell_count],
            values: vec![f64::NAN; cell_count * width],
            points: vec![0.0; cell_count * width],
            contributions: vec![0.0; cell_count * width],
            shifted: vec![Vec::new(); slot_count],
            slot_start,
            weights_buffer: vec![0.0; width],
            counted_buffer: vec![false; width],
        };
        let renewals = group_by_account(data, &data.renewals, |row| row.account.as_str());
        let outcomes = group_by_account(data, &data.outcomes, |row| row.account.as_str());
        let used = SourcesUsed::of(settings);
        let realised = group_by_account(data, &data.realised, |row| row.account.as_str());
        let checklist = group_by_account(data, &data.checklist, |row| row.account.as_str());
        // Each (scorecard, measure) slot's metric number, once.
        let mut metric_numbers = Vec::with_capacity(slot_count);
        for card in &table.scorecards {
            for measure in &card.measures {
                metric_numbers.push(match &measure.source {
                    HealthSource::Metric(metric) => index.metric_number(metric),
                    _ => None,
                });
            }
        }
        let mut series: Vec<Series<'_>> = vec![Series::EMPTY; slot_count];
        let mut cursors: Vec<Cursor> = vec![Cursor::new(); slot_count];
        for (position, account) in data.accounts.iter().enumerate() {
            let own_renewals: Vec<Renewal> = rows_of(&renewals, position, &data.renewals)
                .into_iter()
                .cloned()
                .collect();
            let own_outcomes: Vec<&Outcome> = rows_of(&outcomes, position, &data.outcomes);
            let timeline = AccountTimeline::new(account, settings.stages, &own_renewals);
            let sources = AccountSources::new(
                used,
                (account, cases, table.dates.last().copied()),
                rows_of(&realised, position, &data.realised),
                rows_of(&checklist, position, &data.checklist),
                &settings.checklists,
            );
            let row = AccountRow {
                position,
                contract_start: account.contract_start,
                churned_on: timeline.churned_on(),
            };
            for (slot, number) in metric_numbers.iter().enumerate() {
                if let (Some(number), Some(target)) = (number, series.get_mut(slot)) {
                    *target = index.series(position, *number);
                }
            }
            cursors.fill(Cursor::new());
            let row_index = table.accounts.len();
            table.accounts.push(row);
            for snapshot in 0..table.dates.len() {
                let Some(&date) = table.dates.get(snapshot).filter(|d| wanted(position, **d))
                else {
                    continue;
                };
                let read_on = row.churned_on.map_or(date, |churn| date.min(churn));
                let stage = timeline.stage_on(read_on);
                let card = stage.and_then(|stage| {
                    let card = settings.scorecard_for(stage, account.segment.as_deref())?;
                    settings
                        .scorecards
                        .iter()
                        .position(|known| std::ptr::eq(known, card))
                });
                let cell_index = row_index * table.dates.len() + snapshot;
                if let Some(cell) = table.cells.get_mut(cell_index) {
                    cell.stage = stage;
                    cell.frozen = read_on < date;
                    cell.scorecard = card.and_then(|card| u16::try_from(card).ok());
                }
                let Some(card) = card else { continue };
                let inputs = CellInputs {
                    read_on,
                    series: &series,
                    outcomes: &own_outcomes,
                    sources: &sources,
                    stale_after_days: settings.stale_after_days,
                };
                table.read_values(cell_index, card, &inputs, &mut cursors);
                table.evaluate_points(cell_index, card, None);
            }
            let first = row_index * table.dates.len();
            for cell_index in first..first + table.dates.len() {
                table.sum_cell(cell_index);
            }
        }
        Ok(table)
    }

    /// Reads the measures' values of a cell that uses scorecard `card`.
    fn read_values(
        &mut self,
        cell_index: usize,
        card: usize,
        inputs: &CellInputs<'_, '_>,
        cursors: &mut [Cursor],
    ) {
        let start = self.slot_start.get(card).copied().unwrap_or(0);
        let Some(scorecard) = self.scorecards.get(card) else {
            return;
        };
        for (position, measure) in scorecard.measures.iter().enumerate() {
            let slot = start + position;
            let value = match &measure.source {
                HealthSource::Metric(_) => match (inputs.series.get(slot), cursors.get_mut(slot)) {
                    (Some(series), Some(cursor)) => {
                        cursor.fresh_on(series, inputs.read_on, inputs.stale_after_days)
                    }
                    _ => None,
                },
                HealthSource::OutcomeProgress => {
                    mean_progress(inputs.outcomes.iter().copied(), inputs.read_on)
                }
                HealthSource::RealisedOverProjected | HealthSource::Execution => {
                    inputs.sources.value(&measure.source, inputs.read_on)
                }
            };
            if let Some(target) = self.values.get_mut(cell_index * self.width + position) {
                *target = value.filter(|value| value.is_finite()).unwrap_or(f64::NAN);
            }
        }
    }

    /// The snapshot dates, ascending.
    pub fn dates(&self) -> &[Date] {
        &self.dates
    }

    /// The scorecards in use (with any weights and rules changed since).
    pub fn scorecards(&self) -> &[HealthScorecard] {
        &self.scorecards
    }

    /// How many accounts (rows); row `r` is the data's account `r`.
    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    /// The cell of account row `account` on snapshot `snapshot`.
    pub fn cell(&self, account: usize, snapshot: usize) -> Option<&HealthCell> {
        if snapshot >= self.dates.len() {
            return None;
        }
        self.cells.get(
            account
                .checked_mul(self.dates.len())?
                .checked_add(snapshot)?,
        )
    }

    /// Measure `measure` (its position in the cell's scorecard) of a cell.
    pub fn measure(&self, account: usize, snapshot: usize, measure: usize) -> Option<MeasureCell> {
        let cell = self.cell(account, snapshot)?;
        let card = self.scorecards.get(usize::from(cell.scorecard?))?;
        if measure >= card.measures.len() {
            return None;
        }
        let cell_index = account * self.dates.len() + snapshot;
        let slot = cell_index * self.width + measure;
        let value = *self.values.get(slot)?;
        let points = *self.points.get(slot)?;
        let contribution = *self.contributions.get(slot)?;
        let weight_share = match cell.score {
            Some(_) if !value.is_nan() => self.share(cell_index, card, measure),
            _ => 0.0,
        };
        Some(MeasureCell {
            value: (!value.is_nan()).then_some(value),
            points,
            weight_share,
            contribution,
        })
    }
}

/// What a cell's values are read from.
struct CellInputs<'a, 'b> {
    read_on: Date,
    series: &'b [Series<'a>],
    outcomes: &'b [&'a Outcome],
    sources: &'b AccountSources<'a>,
    stale_after_days: u32,
}

/// The rows of account `position`, from [`group_by_account`]'s groups.
fn rows_of<'a, T>(groups: &[Vec<usize>], position: usize, rows: &'a [T]) -> Vec<&'a T> {
    let mut own = Vec::new();
    for row in groups.get(position).map_or(&[][..], Vec::as_slice) {
        if let Some(row) = rows.get(*row) {
            own.push(row);
        }
    }
    own
}

/// The positions in `rows` per account position in `data`, in row order;
/// rows naming no account of the data are left out.
fn group_by_account<T>(
    data: &SuccessData,
    rows: &[T],
    account_of: impl Fn(&T) -> &str,
) -> Vec<Vec<usize>> {
    AccountPositions::new(&data.accounts).group_rows(data.accounts.len(), rows, account_of)
}

#[cfg(test)]
#[path = "health_test.rs"]
mod tests;
