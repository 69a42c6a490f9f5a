//! Milestones on a date (docs/success.md, "Milestones"): each of the
//! settings' milestones for an account is done, due (days left) or
//! overdue, counted from the start of its stage.
//!
//! Decisions the contract left open, made here:
//!
//! - the stage's start is the first day of the account's latest spell in
//!   that stage on or before `d` (onboarding: the contract's start); a
//!   milestone of a stage the account has not entered by `d` is not
//!   listed;
//! - the milestone is reached on the first day from the stage's start up
//!   to `d` on which its event happened, its signal was at or above
//!   `atLeast`, or (first value) the later of `firstValue` and the stage's
//!   start; reached within its days it is done, reached later it is done
//!   late (counted as overdue until then);
//! - point-in-time: only rows dated on or before `d` are read;
//! - frozen at churn, as the score is: after an account churns its
//!   milestones read as on the churn day (an overdue one stays overdue by
//!   the days it was when the customer left, not by more every day).
//!
//! [`MilestoneTables`] groups every account's rows once, so views that
//! read milestones of many accounts on a date (the team view, the
//! `milestone_overdue` alert) share one grouping and one reading,
//! [`MilestoneTables::milestones_on`].

use super::account_positions::AccountPositions;
use super::data::{Account, Event, Renewal, Signal, Stage, SuccessData};
use super::date::Date;
use super::settings::{Milestone, MilestoneCondition, StageSettings};
use super::stages::AccountTimeline;

/// Where a milestone stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneStatus {
    /// Reached on `on`; `late` when after its days.
    Done {
        /// The day it was reached.
        on: Date,
        /// Reached after the stage's start plus its days.
        late: bool,
    },
    /// Not yet reached, with days left (0 on the last day).
    Due {
        /// Days until the deadline.
        days_left: i64,
    },
    /// Not reached and past its days.
    Overdue {
        /// Days since the deadline.
        days_over: i64,
    },
}

/// A milestone's status for an account.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneReading {
    /// The milestone's id.
    pub id: String,
    /// The first day of the stage it counts from.
    pub stage_start: Date,
    /// The last day it is on time.
    pub deadline: Date,
    /// Where it stands.
    pub status: MilestoneStatus,
}

/// The account's rows a milestone reads (its own events and signals).
#[derive(Debug, Clone, Copy)]
pub struct AccountRows<'a> {
    /// The account.
    pub account: &'a Account,
    /// Its renewals.
    pub renewals: &'a [Renewal],
    /// Its events (others' are skipped).
    pub events: &'a [Event],
    /// Its signals (others' are skipped).
    pub signals: &'a [Signal],
}

/// Every milestone of `milestones` whose stage the account has entered by
/// `date`, with its status on `date`.
pub fn milestones_on(
    rows: AccountRows<'_>,
    stages: StageSettings,
    milestones: &[Milestone],
    date: Date,
) -> Vec<MilestoneReading> {
    let account = rows.account;
    let timeline = AccountTimeline::new(account, stages, rows.renewals);
    let date = match timeline.churned_on() {
        Some(churn) if churn < date => churn,
        _ => date,
    };
    let mut starts: Vec<(Stage, Date)> = Vec::new();
    if let Some(first) = timeline.stage_on(account.contract_start) {
        starts.push((first, account.contract_start));
    }
    for change in timeline.stage_changes(account.contract_start, date) {
        if let Some(stage) = change.stage {
            starts.push((stage, change.date));
        }
    }
    let mut readings = Vec::new();
    for milestone in milestones {
        let Some(&(_, start)) = starts
            .iter()
            .rev()
            .find(|(stage, _)| *stage == milestone.stage)
        else {
            continue;
        };
        let Some(deadline) = start.plus_days(i64::from(milestone.within_days)) else {
            continue;
        };
        let reached = reached_on(&rows, &milestone.condition, start, date);
        let status = match reached {
            Some(on) => MilestoneStatus::Done {
                on,
                late: on > deadline,
            },
            None if date <= deadline => MilestoneStatus::Due {
                days_left: deadline.days_since(date),
            },
            None => MilestoneStatus::Overdue {
                days_over: date.days_since(deadline),
            },
        };
        readings.push(MilestoneReading {
            id: milestone.id.clone(),
            stage_start: start,
            deadline,
            status,
        });
    }
    readings
}

/// Each account's own rows that milestones read, grouped in one pass over
/// the data (signals only of the metrics a milestone reads), by account
/// position in `data.accounts`.
#[derive(Debug, Clone)]
pub struct MilestoneTables<'a> {
    accounts: &'a [Account],
    renewals: Vec<Vec<Renewal>>,
    events: Vec<Vec<Event>>,
    signals: Vec<Vec<Signal>>,
}

impl<'a> MilestoneTables<'a> {
    /// Groups `data`'s rows for `milestones`. Rows naming no account of
    /// the data are left out.
    pub fn new(data: &'a SuccessData, milestones: &[Milestone]) -> MilestoneTables<'a> {
        let count = data.accounts.len();
        let positions = AccountPositions::new(&data.accounts);
        let at = |account: &str| positions.position_of(account);
        let mut tables = MilestoneTables {
            accounts: &data.accounts,
            renewals: vec![Vec::new(); count],
            events: vec![Vec::new(); count],
            signals: vec![Vec::new(); count],
        };
        for row in &data.renewals {
            if let Some(list) = at(&row.account).and_then(|p| tables.renewals.get_mut(p)) {
                list.push(row.clone());
            }
        }
        for row in &data.events {
            if let Some(list) = at(&row.account).and_then(|p| tables.events.get_mut(p)) {
                list.push(row.clone());
            }
        }
        let metrics: Vec<&str> = milestones
            .iter()
            .filter_map(|milestone| match &milestone.condition {
                MilestoneCondition::Signal { metric, .. } => Some(metric.as_str()),
                _ => None,
            })
            .collect();
        for row in data
            .signals
            .iter()
            .filter(|signal| metrics.contains(&signal.metric.as_str()))
        {
            if let Some(list) = at(&row.account).and_then(|p| tables.signals.get_mut(p)) {
                list.push(row.clone());
            }
        }
        tables
    }

    /// The renewals of the account at `position` (none past the end).
    pub fn renewals(&self, position: usize) -> &[Renewal] {
        self.renewals.get(position).map_or(&[], Vec::as_slice)
    }

    /// The rows of the account at `position`; `None` past the end.
    pub fn rows(&self, position: usize) -> Option<AccountRows<'_>> {
        Some(AccountRows {
            account: self.accounts.get(position)?,
            renewals: self.renewals.get(position)?,
            events: self.events.get(position)?,
            signals: self.signals.get(position)?,
        })
    }

    /// [`milestones_on`] for the account at `position` (none past the end).
    pub fn milestones_on(
        &self,
        position: usize,
        stages: StageSettings,
        milestones: &[Milestone],
        date: Date,
    ) -> Vec<MilestoneReading> {
        self.rows(position)
            .map(|rows| milestones_on(rows, stages, milestones, date))
            .unwrap_or_default()
    }
}

/// The first day in `start..=date` the condition holds.
fn reached_on(
    rows: &AccountRows<'_>,
    condition: &MilestoneCondition,
    start: Date,
    date: Date,
) -> Option<Date> {
    let within = |day: Date| start <= day && day <= date;
    let id = rows.account.id.as_str();
    match condition {
        MilestoneCondition::Event(kind) => rows
            .events
            .iter()
            .filter(|event| event.account == id && &event.kind == kind && within(event.date))
            .map(|event| event.date)
            .min(),
        MilestoneCondition::Signal { metric, at_least } => rows
            .signals
            .iter()
            .filter(|signal| {
                signal.account == id
                    && &signal.metric == metric
                    && signal.value >= *at_least
                    && within(signal.date)
            })
            .map(|signal| signal.date)
            .min(),
        MilestoneCondition::FirstValue => rows
            .account
            .first_value
            .filter(|first| *first <= date)
            .map(|first| first.max(start)),
    }
}

#[cfg(test)]
#[path = "milestones_test.rs"]
mod tests;
