//! The team view (docs/success.md, "The team view"): per owner, on a date,
//! the book (accounts, annual value per currency), the customers' outcomes,
//! success plans, milestones, plays and time to first value.
//!
//! Decisions made here:
//!
//! - an account counts from its `contractStart` on; from its churn date on
//!   it is counted as churned and leaves the book: accounts, annual value,
//!   outcomes, plans and milestones are over the owner's **active**
//!   accounts; plays and time to first value over all the owner's accounts
//!   (work done and value reached stay done after a churn);
//! - accounts without an owner form one group, `owner: None` (shown as
//!   "unassigned"), listed after the named owners (sorted by id);
//! - an outcome counts from its baseline date; a **success plan** is an
//!   account with at least one such outcome;
//! - milestones **due so far** are those done (on time or late) or overdue
//!   on the date; still-due ones are not yet counted;
//! - a play's health change is the score on `completed + N days` minus the
//!   score on `completed`, read from the health table on those dates
//!   ([`team_dates`] lists them; on a bounded table, the grid date on or
//!   before each, `evidence_dates`); only completions with both scores
//!   and `completed + N` on or before the date count;
//! - days to first value: `firstValue − contractStart` for accounts whose
//!   first value is on or before the date; the median of an even count is
//!   the mean of the middle two.
//!
//! Point-in-time: nothing dated after the date is read. Work is linear in
//! the rows plus a sort of the accounts.

use std::collections::HashMap;

use super::account_positions::AccountPositions;
use super::data::SuccessData;
use super::date::Date;
use super::evidence_dates::DateGrid;
use super::health::HealthTable;
use super::milestones::{MilestoneStatus, MilestoneTables};
use super::outcomes::{outcome_on, OutcomeStatus};
use super::settings::SuccessSettings;
use super::stages::AccountTimeline;

/// A play completed for an account (the minimal input; where completions
/// are stored is another module's business).
#[derive(Debug, Clone, PartialEq)]
pub struct PlayCompletion {
    /// The account's id.
    pub account: String,
    /// The day the play was completed.
    pub completed: Date,
}

/// One owner's figures on a date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OwnerFigures {
    /// The owner's id; `None` for accounts without an owner.
    pub owner: Option<String>,
    /// Active accounts (started, not churned).
    pub accounts: usize,
    /// Accounts churned on or before the date.
    pub churned: usize,
    /// The active accounts' annual value per currency, currencies sorted.
    pub annual_value: Vec<(String, f64)>,
    /// Outcomes past their baseline date.
    pub outcomes: usize,
    /// Of them, achieved.
    pub outcomes_achieved: usize,
    /// Of them, on track.
    pub outcomes_on_track: usize,
    /// Active accounts with at least one outcome past its baseline.
    pub success_plans: usize,
    /// Milestones done within their days.
    pub milestones_on_time: usize,
    /// Milestones done, done late or overdue.
    pub milestones_due: usize,
    /// Plays completed on or before the date.
    pub plays_completed: usize,
    /// Completions whose health change N days after could be read.
    pub plays_with_change: usize,
    /// The mean of those changes in points; `None` without any.
    pub mean_health_change: Option<f64>,
    /// Median days from contract start to first value; `None` without any.
    pub median_days_to_first_value: Option<f64>,
}

/// The dates the health table needs for the play changes: each
/// completion's date and that date plus `days_after`, merged with
/// `snapshot_dates`, sorted, without repeats.
pub fn team_dates(
    completions: &[PlayCompletion],
    days_after: u32,
    snapshot_dates: &[Date],
) -> Vec<Date> {
    let mut dates = snapshot_dates.to_vec();
    for completion in completions {
        dates.push(completion.completed);
        dates.extend(completion.completed.plus_days(i64::from(days_after)));
    }
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// The team view on `date`: one entry per owner (module docs). `table` is
/// the health table of the same data (row `r` is account `r`), its dates
/// laid out by `grid` ([`super::evidence_dates`]).
pub fn team_view(
    data: &SuccessData,
    settings: &SuccessSettings,
    table: &HealthTable,
    completions: &[PlayCompletion],
    days_after: u32,
    date: Date,
    grid: DateGrid,
) -> Vec<OwnerFigures> {
    let rows = AccountTables::new(data, settings);
    let mut owners: Vec<OwnerFigures> = Vec::new();
    let mut owner_of: HashMap<Option<&str>, usize> = HashMap::new();
    let mut first_value_days: Vec<Vec<i64>> = Vec::new();
    let mut changes: Vec<(usize, f64)> = Vec::new();
    let mut account_owner: Vec<usize> = Vec::with_capacity(data.accounts.len());
    for (position, account) in data.accounts.iter().enumerate() {
        let key = account.owner.as_deref();
        let group = *owner_of.entry(key).or_insert_with(|| {
            owners.push(OwnerFigures {
                owner: key.map(str::to_string),
                ..OwnerFigures::default()
            });
            first_value_days.push(Vec::new());
            owners.len() - 1
        });
        account_owner.push(group);
        let (Some(figures), Some(days)) = (owners.get_mut(group), first_value_days.get_mut(group))
        else {
            continue;
        };
        if let Some(first) = account.first_value.filter(|first| *first <= date) {
            days.push(first.days_since(account.contract_start));
        }
        if account.contract_start > date {
            continue;
        }
        let renewals = rows.milestones.renewals(position);
        let timeline = AccountTimeline::new(account, settings.stages, renewals);
        if timeline.churned_on().is_some_and(|churn| churn <= date) {
            figures.churned += 1;
            continue;
        }
        figures.accounts += 1;
        add_value(
            &mut figures.annual_value,
            &account.currency,
            account.annual_value,
        );
        let mut has_plan = false;
        for outcome in rows.outcomes(position) {
            let Some(reading) = outcome_on(outcome, date) else {
                continue;
            };
            has_plan = true;
            figures.outcomes += 1;
            match reading.status {
                OutcomeStatus::Achieved => figures.outcomes_achieved += 1,
                OutcomeStatus::OnTrack => figures.outcomes_on_track += 1,
                _ => {}
            }
        }
        figures.success_plans += usize::from(has_plan);
        let readings =
            rows.milestones
                .milestones_on(position, settings.stages, &settings.milestones, date);
        for reading in readings {
            match reading.status {
                MilestoneStatus::Done { late, .. } => {
                    figures.milestones_due += 1;
                    figures.milestones_on_time += usize::from(!late);
                }
                MilestoneStatus::Overdue { .. } => figures.milestones_due += 1,
                MilestoneStatus::Due { .. } => {}
            }
        }
    }
    let positions = AccountPositions::new(&data.accounts);
    for completion in completions.iter().filter(|c| c.completed <= date) {
        let Some(position) = positions.position_of(&completion.account) else {
            continue;
        };
        let Some(&group) = account_owner.get(position) else {
            continue;
        };
        if let Some(figures) = owners.get_mut(group) {
            figures.plays_completed += 1;
        }
        let after = completion.completed.plus_days(i64::from(days_after));
        let change = after.filter(|after| *after <= date).and_then(|after| {
            Some(
                score_on(table, grid, position, after)?
                    - score_on(table, grid, position, completion.completed)?,
            )
        });
        if let Some(change) = change {
            changes.push((group, change));
        }
    }
    for (group, figures) in owners.iter_mut().enumerate() {
        let own: Vec<f64> = changes
            .iter()
            .filter(|(g, _)| *g == group)
            .map(|(_, c)| *c)
            .collect();
        figures.plays_with_change = own.len();
        figures.mean_health_change =
            (!own.is_empty()).then(|| own.iter().sum::<f64>() / own.len() as f64);
        figures.median_days_to_first_value = first_value_days
            .get_mut(group)
            .and_then(|days| median(days));
    }
    owners.sort_by(|a, b| match (&a.owner, &b.owner) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    owners
}

/// The table's score of account row `account` on `date`, as `grid` reads
/// it (exactly that day with [`DateGrid::EXACT`]).
fn score_on(table: &HealthTable, grid: DateGrid, account: usize, date: Date) -> Option<f64> {
    let snapshot = grid.snapshot_of(table.dates(), date)?;
    table.cell(account, snapshot)?.score
}

fn add_value(totals: &mut Vec<(String, f64)>, currency: &str, value: f64) {
    match totals.binary_search_by(|(known, _)| known.as_str().cmp(currency)) {
        Ok(at) => {
            if let Some((_, total)) = totals.get_mut(at) {
                *total += value;
            }
        }
        Err(at) => totals.insert(at, (currency.to_string(), value)),
    }
}

fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(middle).map(|v| *v as f64),
        _ => Some((*values.get(middle - 1)? as f64 + *values.get(middle)? as f64) / 2.0),
    }
}

/// Each account's outcomes, and the rows its milestones read
/// ([`MilestoneTables`]), grouped once.
struct AccountTables<'a> {
    outcomes: Vec<Vec<&'a super::data::Outcome>>,
    milestones: MilestoneTables<'a>,
}

impl<'a> AccountTables<'a> {
    fn new(data: &'a SuccessData, settings: &SuccessSettings) -> AccountTables<'a> {
        let outcomes = AccountPositions::new(&data.accounts)
            .group_rows(data.accounts.len(), &data.outcomes, |row| {
                row.account.as_str()
            })
            .into_iter()
            .map(|rows| {
                rows.into_iter()
                    .filter_map(|at| data.outcomes.get(at))
                    .collect()
            })
            .collect();
        AccountTables {
            outcomes,
            milestones: MilestoneTables::new(data, &settings.milestones),
        }
    }

    fn outcomes(&self, account: usize) -> &[&'a super::data::Outcome] {
        self.outcomes.get(account).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
#[path = "team_test.rs"]
mod tests;
