//! Alerts over the health table (docs/success.md, "Alerts"): each rule's
//! condition is read on every snapshot of an account, and the rule fires
//! **once per episode**: on the first snapshot where the condition holds
//! after one where it did not (or on the first snapshot). The episode ends
//! on the next snapshot where it does not hold.
//!
//! Conditions on snapshot `d` (decided here where the contract is open):
//!
//! - `grade`: the cell's grade is `to`;
//! - `drop`: some earlier snapshot at most `withinDays` before `d` scored
//!   at least `points` more than `d`;
//! - `metric_change`: the metric's latest value on or before `d` against
//!   its latest on or before `d − withinDays` changed by at least
//!   `percent` percent (a fall when negative) of the earlier value's size;
//! - `days_at_risk`: at risk on every snapshot since one at least `days`
//!   days before `d`;
//! - `event`: an event of the kind dated after the previous snapshot and
//!   on or before `d` (each event is its own episode);
//! - `milestone_overdue`: a milestone of the account's stage on `d` is
//!   overdue on `d` ([`super::milestones`]); the episode ends when none
//!   is (a milestone done late ends it). Evidence: each overdue
//!   milestone's id and days over, in the settings' order. Only
//!   [`settings_alerts`] evaluates it (it needs the milestones);
//!   [`alerts`] leaves it out.
//!
//! Each alert carries its evidence as text and the play to run when the
//! play is for the account's stage.

use super::data::{Event, SuccessData};
use super::date::Date;
use super::health::HealthTable;
use super::settings::{AlertCondition, AlertRule, Grade, Play, SuccessSettings};
use super::signal_index::{Cursor, Series, SignalIndex};
pub use alert_readings::{AlertReadings, FiredAlert};
use std::cell::Cell;

/// A fired alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// The rule's id.
    pub rule: String,
    /// The account's row in the table.
    pub account: usize,
    /// The snapshot it fired on.
    pub snapshot: usize,
    /// What made the condition true, for a person.
    pub evidence: String,
    /// The play's id, when the play is for the account's stage then.
    pub play: Option<String>,
}

/// Every alert of the settings' rules over the table (`milestone_overdue`
/// included), by account then snapshot.
pub fn settings_alerts(
    table: &HealthTable,
    data: &SuccessData,
    index: &SignalIndex,
    settings: &SuccessSettings,
) -> Vec<Alert> {
    let readings = AlertReadings::of_settings(table, data, index, settings);
    readings.alerts(&settings.alerts, &settings.plays)
}

/// Every alert of `rules` over the table, by account then snapshot;
/// `milestone_overdue` rules never fire here (see [`settings_alerts`]).
pub fn alerts(
    table: &HealthTable,
    data: &SuccessData,
    index: &SignalIndex,
    rules: &[AlertRule],
    plays: &[Play],
) -> Vec<Alert> {
    let readings = AlertReadings::of_rules(table, data, index, rules, plays);
    readings.alerts(rules, plays)
}

/// Whether `rule`'s condition holds for account row `account` on
/// `snapshot`: its episode is open then (the alert fired on the episode's
/// first snapshot, on or before this one). Never on a frozen cell (after
/// the account churned: nothing is left to act on). Reads one cell; for
/// every cell at once, [`AlertReadings`] is one pass.
pub fn condition_holds(
    table: &HealthTable,
    data: &SuccessData,
    index: &SignalIndex,
    rule: &AlertRule,
    account: usize,
    snapshot: usize,
) -> bool {
    let Some(id) = data.accounts.get(account).map(|a| a.id.as_str()) else {
        return false;
    };
    if table
        .cell(account, snapshot)
        .is_some_and(|cell| cell.frozen)
    {
        return false;
    }
    let events = AccountEvents::of_rows(data.events.iter().filter(|row| row.account == id));
    let context = CellContext {
        table,
        index,
        events: &events,
        at_risk_since: None,
        metric_series: None,
        metric_cursors: Cell::new((Cursor::new(), Cursor::new())),
    };
    why(&context, &rule.condition, account, snapshot).is_some()
}

/// What made a condition true: the figures behind the evidence, kept as
/// numbers and dates so that the text is written only for the alerts a
/// person looks at ([`Why::text`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The grade reached on the day.
    Grade {
        /// The grade.
        to: Grade,
        /// The snapshot's date.
        today: Date,
    },
    /// A higher score earlier within the days.
    Drop {
        /// The earlier score and its date.
        then: f64,
        /// The earlier snapshot's date.
        day: Date,
        /// The score now.
        now: f64,
        /// The snapshot's date.
        today: Date,
    },
    /// A metric's change.
    Metric {
        /// The earlier value, read on or before `earlier`.
        then: f64,
        /// The snapshot's date minus the rule's days.
        earlier: Date,
        /// The value on or before `today`.
        now: f64,
        /// The snapshot's date.
        today: Date,
        /// The change in percent of the earlier value's size.
        change: f64,
    },
    /// At risk on every snapshot since this date.
    AtRisk {
        /// The first snapshot of the at-risk run.
        since: Date,
    },
    /// The first event of the kind in the snapshot's days.
    Event {
        /// Its date.
        day: Date,
    },
    /// The overdue milestones, as text already.
    Overdue(String),
}

impl Why {
    /// The evidence for a person, as the rule's condition words it.
    pub fn text(&self, condition: &AlertCondition) -> String {
        match (self, condition) {
            // In words, as the page writes grades: "at risk", not "at_risk".
            (Why::Grade { to, today }, _) => {
                format!("graded {} on {today}", to.as_str().replace('_', " "))
            }
            (
                Why::Drop {
                    then,
                    day,
                    now,
                    today,
                },
                _,
            ) => format!("score {then:.1} on {day}, {now:.1} on {today}"),
            (
                Why::Metric {
                    then,
                    earlier,
                    now,
                    today,
                    change,
                },
                AlertCondition::MetricChange { metric, .. },
            ) => format!("{metric} {then} by {earlier}, {now} by {today} ({change:.1}%)"),
            (Why::AtRisk { since }, _) => format!("at risk since {since}"),
            (Why::Event { day }, AlertCondition::Event { event }) => format!("{event} on {day}"),
            (Why::Overdue(text), _) => text.clone(),
            // A reading always comes from its own rule's condition.
            (Why::Metric { today, .. } | Why::Event { day: today }, _) => today.to_string(),
        }
    }
}

/// What a cell's condition reads besides the table.
pub(super) struct CellContext<'a> {
    pub table: &'a HealthTable,
    pub index: &'a SignalIndex,
    /// The account's events.
    pub events: &'a AccountEvents<'a>,
    /// For `days_at_risk` read snapshot after snapshot: the first date of
    /// the account's current at-risk run, so no reading looks back.
    pub at_risk_since: Option<Option<Date>>,
    /// For `metric_change` read snapshot after snapshot: the account's
    /// series of the rule's metric, found once, and forward cursors for
    /// the value now and the value `withinDays` before (both dates ascend).
    pub metric_series: Option<Series<'a>>,
    pub metric_cursors: Cell<(Cursor, Cursor)>,
}

/// One account's events, sorted by kind then date, so an `event` rule
/// finds the first of its kind in a snapshot's days by binary search.
pub(super) struct AccountEvents<'a> {
    rows: Vec<(&'a str, Date)>,
}

impl<'a> AccountEvents<'a> {
    pub fn of_rows(rows: impl Iterator<Item = &'a Event>) -> AccountEvents<'a> {
        let mut rows: Vec<(&str, Date)> = rows.map(|row| (row.kind.as_str(), row.date)).collect();
        rows.sort_unstable();
        AccountEvents { rows }
    }

    /// The first event of `kind` after `after` (when given), on or before
    /// `today`.
    fn first_of(&self, kind: &str, after: Option<Date>, today: Date) -> Option<Date> {
        let first = match after {
            Some(after) => self.rows.partition_point(|row| *row <= (kind, after)),
            None => self.rows.partition_point(|(known, _)| *known < kind),
        };
        let (known, day) = *self.rows.get(first)?;
        (known == kind && day <= today).then_some(day)
    }
}

/// The reading when the condition holds on the snapshot.
pub(super) fn why(
    context: &CellContext<'_>,
    rule: &AlertCondition,
    account: usize,
    snapshot: usize,
) -> Option<Why> {
    let table = context.table;
    let dates = table.dates();
    let today = *dates.get(snapshot)?;
    let cell = table.cell(account, snapshot)?;
    match rule {
        AlertCondition::Grade { to } => {
            (cell.grade == Some(*to)).then_some(Why::Grade { to: *to, today })
        }
        AlertCondition::Drop {
            points,
            within_days,
        } => {
            let now = cell.score?;
            for before in (0..snapshot).rev() {
                let day = *dates.get(before)?;
                if today.days_since(day) > i64::from(*within_days) {
                    break;
                }
                let then = table.cell(account, before).and_then(|c| c.score);
                if let Some(then) = then.filter(|then| then - now >= *points) {
                    return Some(Why::Drop {
                        then,
                        day,
                        now,
                        today,
                    });
                }
            }
            None
        }
        AlertCondition::MetricChange {
            metric,
            percent,
            within_days,
        } => {
            let earlier = today.plus_days(-i64::from(*within_days))?;
            let (now, then) = match context.metric_series {
                Some(series) => {
                    let (mut now_at, mut then_at) = context.metric_cursors.get();
                    let read = (
                        now_at.fresh_on(&series, today, u32::MAX),
                        then_at.fresh_on(&series, earlier, u32::MAX),
                    );
                    context.metric_cursors.set((now_at, then_at));
                    read
                }
                None => {
                    let series = context.index.series_of(account, metric);
                    (
                        series.fresh_on(today, u32::MAX),
                        series.fresh_on(earlier, u32::MAX),
                    )
                }
            };
            let (now, then) = (now?, then?);
            if then == 0.0 {
                return None;
            }
            let change = (now - then) / then.abs() * 100.0;
            let holds = if *percent < 0.0 {
                change <= *percent
            } else {
                change >= *percent
            };
            holds.then_some(Why::Metric {
                then,
                earlier,
                now,
                today,
                change,
            })
        }
        AlertCondition::DaysAtRisk { days } => {
            if cell.grade != Some(Grade::AtRisk) {
                return None;
            }
            let since = match context.at_risk_since {
                Some(known) => known.unwrap_or(today),
                None => {
                    let mut since = today;
                    for before in (0..snapshot).rev() {
                        if table.cell(account, before)?.grade != Some(Grade::AtRisk) {
                            break;
                        }
                        since = *dates.get(before)?;
                    }
                    since
                }
            };
            (today.days_since(since) >= i64::from(*days)).then_some(Why::AtRisk { since })
        }
        AlertCondition::Event { event } => {
            let after: Option<Date> = snapshot.checked_sub(1).and_then(|s| dates.get(s).copied());
            let day = context.events.first_of(event, after, today)?;
            Some(Why::Event { day })
        }
        AlertCondition::MilestoneOverdue => None,
    }
}

/// `milestone_overdue`'s reading: this module's own part.
#[path = "alerts_milestones.rs"]
mod alerts_milestones;

/// Every rule over every cell in one pass per account.
#[path = "alert_readings.rs"]
mod alert_readings;

#[cfg(test)]
#[path = "alerts_test.rs"]
mod tests;
