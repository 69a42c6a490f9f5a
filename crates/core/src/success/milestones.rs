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
//! - point-in-time: only rows dated on or before `d` are read.

use super::data::{Account, Event, Renewal, Signal, Stage};
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
