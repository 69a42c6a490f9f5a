//! The observations the proof of a health score is computed from
//! (docs/success-proof.md, "From history"): one per renewal row whose
//! account had a score `daysBeforeRenewal` days before the renewal date,
//! read from a [`HealthTable`] built on those dates (see [`proof_dates`]).
//!
//! Point-in-time by construction: the score, grade and each measure's
//! value and points are the table's cell on `renewal date − N days`, so
//! nothing dated after that day is read. A frozen cell (after the
//! account's churn) is never used; since a churn is the account's last
//! renewal row and `N ≥ 1`, a frozen cell on that day would mean the data
//! broke that rule, and it is counted as skipped rather than trusted.
//!
//! Measures are matched **by id across scorecards**: an observation scored
//! by the onboarding scorecard and one scored by the pre-renewal scorecard
//! both feed the column of a measure id both scorecards have. A measure
//! its scorecard lacks is missing for that observation. Reads only the
//! table's stored values and points, never a signal, so the proof re-runs
//! in the time of a re-sum after a weight change.

use super::account_positions::AccountPositions;
use super::data::{RenewalResult, SuccessData};
use super::date::Date;
use super::evidence_dates::DateGrid;
use super::health::HealthTable;
use super::proof::{ProofError, MAX_FEATURES};
use super::settings::{Grade, HealthMeasure};
use crate::scoring::ScoringRule;

/// One renewal that came due, as the table scored its account N days
/// before.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofObservation {
    /// The renewal row's position in the data.
    pub renewal: usize,
    /// The account's position in the data (and the table's row).
    pub account: usize,
    /// The date the score was read: the renewal date minus N days.
    pub scored_on: Date,
    /// The score then, 0 to 100.
    pub score: f64,
    /// Its grade's position in [`Grade::ALL`] (healthy, average, at risk).
    pub grade: usize,
    /// `true` when the renewal churned.
    pub churned: bool,
    /// Per measure column ([`ProofObservations::measures`]): the value
    /// read, `None` when missing or not in the scorecard used.
    pub values: Vec<Option<f64>>,
    /// Per measure column: the points, `None` where the value is.
    pub points: Vec<Option<f64>>,
    /// Per measure column: the measure's weight over its scorecard's total
    /// weight (0 where the scorecard lacks it).
    pub weight_shares: Vec<f64>,
}

/// A measure column: one measure id, over every scorecard that has it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureColumn {
    /// The measure's id.
    pub id: String,
    /// Its label in the first scorecard (settings order) that has it.
    pub label: String,
    /// The band edges of its rule, ascending, when some scorecard scores
    /// it banded (the first such, untightened); `None` otherwise.
    pub band_edges: Option<Vec<f64>>,
}

/// The observations and what was skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofObservations {
    /// The measure columns, in order of first appearance in the scorecards.
    pub measures: Vec<MeasureColumn>,
    /// One per renewal row with a score N days before, in data order.
    pub observations: Vec<ProofObservation>,
    /// Renewal rows whose account had no score N days before (no stage
    /// yet, no scorecard, no measure with data, or a frozen cell).
    pub skipped_without_score: usize,
    /// Renewal rows whose date − N days is not a snapshot of the table
    /// (the caller left it out of the dates; see [`proof_dates`]).
    pub skipped_not_in_table: usize,
}

/// The snapshot dates a table needs for the proof: each renewal's date
/// minus `days_before_renewal` days, merged with `snapshot_dates`, sorted,
/// without repeats. Dates before the calendar's start are left out.
pub fn proof_dates(
    data: &SuccessData,
    days_before_renewal: u32,
    snapshot_dates: &[Date],
) -> Vec<Date> {
    let mut dates: Vec<Date> = snapshot_dates.to_vec();
    for renewal in &data.renewals {
        if let Some(date) = renewal.date.plus_days(-i64::from(days_before_renewal)) {
            dates.push(date);
        }
    }
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// Builds the observations from `data` and a `table` built on the same
/// data, each renewal's score read with `grid` (the table date on or
/// before its date − N days, less than a step before it:
/// [`DateGrid::snapshot_of`]; exactly that day with [`DateGrid::EXACT`]).
/// Errors with `TooManyFeatures` when the scorecards have more than
/// [`MAX_FEATURES`] distinct measure ids.
pub fn build_observations(
    data: &SuccessData,
    table: &HealthTable,
    days_before_renewal: u32,
    grid: DateGrid,
) -> Result<ProofObservations, ProofError> {
    let (measures, column_of) = measure_columns(table)?;
    let positions = AccountPositions::new(&data.accounts);
    let mut found = ProofObservations {
        measures,
        observations: Vec::new(),
        skipped_without_score: 0,
        skipped_not_in_table: 0,
    };
    // Renewal rows come grouped by account (the store answers them in key
    // order), so the previous row's account is looked up first.
    let mut previous: Option<(&str, usize)> = None;
    for (renewal_position, renewal) in data.renewals.iter().enumerate() {
        let id = renewal.account.as_str();
        let known = previous.filter(|(known, _)| *known == id).map(|(_, at)| at);
        let account = match known.or_else(|| positions.position_of(id)) {
            Some(position) => position,
            None => {
                found.skipped_without_score += 1;
                continue;
            }
        };
        previous = Some((id, account));
        let wanted = renewal.date.plus_days(-i64::from(days_before_renewal));
        let snapshot = wanted.and_then(|date| grid.snapshot_of(table.dates(), date));
        let Some((snapshot, &scored_on)) =
            snapshot.and_then(|at| Some((at, table.dates().get(at)?)))
        else {
            found.skipped_not_in_table += 1;
            continue;
        };
        let cell = table.cell(account, snapshot).copied();
        let scored = cell.and_then(|cell| {
            let card = usize::from(cell.scorecard?);
            (!cell.frozen).then_some((cell.score?, cell.grade?, card))
        });
        let Some((score, grade, card)) = scored else {
            found.skipped_without_score += 1;
            continue;
        };
        let width = found.measures.len();
        let mut observation = ProofObservation {
            renewal: renewal_position,
            account,
            scored_on,
            score,
            grade: Grade::ALL.iter().position(|g| *g == grade).unwrap_or(0),
            churned: renewal.result == RenewalResult::Churned,
            values: vec![None; width],
            points: vec![None; width],
            weight_shares: vec![0.0; width],
        };
        let scorecard = table
            .scorecards()
            .get(card)
            .map_or(&[][..], |c| &c.measures);
        let total_weight: f64 = scorecard.iter().map(|m| m.weight).sum();
        let columns = column_of.get(card).map_or(&[][..], Vec::as_slice);
        for (position, (measure, &column)) in scorecard.iter().zip(columns).enumerate() {
            if let Some(share) = observation.weight_shares.get_mut(column) {
                *share = if total_weight > 0.0 {
                    measure.weight / total_weight
                } else {
                    0.0
                };
            }
            let Some((value, points)) = table.value_and_points(account, snapshot, position) else {
                continue;
            };
            if let (Some(value), Some(value_slot), Some(points_slot)) = (
                value,
                observation.values.get_mut(column),
                observation.points.get_mut(column),
            ) {
                *value_slot = Some(value);
                *points_slot = Some(points);
            }
        }
        found.observations.push(observation);
    }
    Ok(found)
}

/// The measure columns by id, and per scorecard each measure's column.
type Columns = (Vec<MeasureColumn>, Vec<Vec<usize>>);

fn measure_columns(table: &HealthTable) -> Result<Columns, ProofError> {
    let mut columns: Vec<MeasureColumn> = Vec::new();
    let mut column_of: Vec<Vec<usize>> = Vec::with_capacity(table.scorecards().len());
    for card in table.scorecards() {
        let mut own = Vec::with_capacity(card.measures.len());
        for measure in &card.measures {
            let column = match columns.iter().position(|known| known.id == measure.id) {
                Some(column) => column,
                None => {
                    if columns.len() == MAX_FEATURES {
                        return Err(ProofError::TooManyFeatures {
                            count: MAX_FEATURES + 1,
                            limit: MAX_FEATURES,
                        });
                    }
                    columns.push(MeasureColumn {
                        id: measure.id.clone(),
                        label: measure.label.clone(),
                        band_edges: None,
                    });
                    columns.len() - 1
                }
            };
            if let Some(known) = columns.get_mut(column) {
                if known.band_edges.is_none() {
                    known.band_edges = band_edges(measure);
                }
            }
            own.push(column);
        }
        column_of.push(own);
    }
    Ok((columns, column_of))
}

/// The ascending, finite boundaries of a banded rule (the engine's lowest
/// band starts at `-f64::MAX`, which is no boundary).
fn band_edges(measure: &HealthMeasure) -> Option<Vec<f64>> {
    let ScoringRule::Thresholds { bands, .. } = &measure.rule else {
        return None;
    };
    let mut edges: Vec<f64> = bands
        .iter()
        .map(|band| band.bound)
        .filter(|bound| bound.is_finite() && *bound > -f64::MAX)
        .collect();
    edges.sort_unstable_by(f64::total_cmp);
    edges.dedup();
    Some(edges)
}

#[cfg(test)]
#[path = "prove_observations_test.rs"]
mod tests;
