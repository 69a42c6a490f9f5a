//! Every alert rule read on every cell of the table in one pass per
//! account (docs/success.md, "Alerts"): the alerts fired, once per
//! episode, and per cell how many rules hold (the portfolio's open
//! alerts), so neither is read again cell by cell.
//!
//! Why one pass: a weight change re-reads every rule on every snapshot of
//! every account. Per account the events are grouped once and sorted by
//! kind and date (an `event` rule finds its first event in a snapshot's
//! days by binary search, not by scanning the portfolio's events),
//! `days_at_risk` carries the start of the at-risk run forward instead of
//! looking back, and the evidence stays numbers ([`Why`]) until a person
//! asks for an account's alerts ([`FiredAlert::alert`]).

use super::alerts_milestones::{overdue_evidence, MilestoneRows};
use super::{why, AccountEvents, Alert, CellContext, Why};
use crate::success::account_positions::AccountPositions;
use crate::success::data::SuccessData;
use crate::success::health::HealthTable;
use crate::success::settings::{AlertCondition, AlertRule, Grade, Play, SuccessSettings};
use crate::success::signal_index::{Cursor, SignalIndex};
use std::cell::Cell;

/// An alert fired, its evidence still as figures.
#[derive(Debug, Clone, PartialEq)]
pub struct FiredAlert {
    /// The rule's position in the rules read.
    pub rule: usize,
    /// The account's row in the table.
    pub account: usize,
    /// The snapshot it fired on.
    pub snapshot: usize,
    /// What made the condition true.
    pub why: Why,
    /// The play's position in the plays, when the play is for the
    /// account's stage then.
    pub play: Option<usize>,
}

impl FiredAlert {
    /// The alert with its evidence as text (`rules` and `plays` as read).
    pub fn alert(&self, rules: &[AlertRule], plays: &[Play]) -> Alert {
        let rule = rules.get(self.rule);
        Alert {
            rule: rule.map(|r| r.id.clone()).unwrap_or_default(),
            account: self.account,
            snapshot: self.snapshot,
            evidence: rule
                .map(|r| self.why.text(&r.condition))
                .unwrap_or_default(),
            play: self
                .play
                .and_then(|at| plays.get(at))
                .map(|play| play.id.clone()),
        }
    }
}

/// The rules read over a whole table.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertReadings {
    date_count: usize,
    /// By account, then rule, then snapshot.
    fired: Vec<FiredAlert>,
    /// Per cell (`account × dates + snapshot`): the rules that hold.
    open: Vec<u8>,
}

impl AlertReadings {
    /// Every rule of the settings, `milestone_overdue` included.
    pub fn of_settings(
        table: &HealthTable,
        data: &SuccessData,
        index: &SignalIndex,
        settings: &SuccessSettings,
    ) -> AlertReadings {
        let milestones = MilestoneRows::new(data, settings);
        read(
            table,
            (data, index),
            (&settings.alerts, &settings.plays),
            milestones.as_ref(),
        )
    }

    /// Every rule of `rules`; `milestone_overdue` never holds here.
    pub fn of_rules(
        table: &HealthTable,
        data: &SuccessData,
        index: &SignalIndex,
        rules: &[AlertRule],
        plays: &[Play],
    ) -> AlertReadings {
        read(table, (data, index), (rules, plays), None)
    }

    /// Every alert fired, by account, then rule (as read), then snapshot.
    pub fn fired(&self) -> &[FiredAlert] {
        &self.fired
    }

    /// The alerts fired for account row `account`, by rule then snapshot.
    pub fn of_account(&self, account: usize) -> &[FiredAlert] {
        let first = self.fired.partition_point(|alert| alert.account < account);
        let end = self.fired.partition_point(|alert| alert.account <= account);
        self.fired.get(first..end).unwrap_or(&[])
    }

    /// How many rules hold for the account on the snapshot: the alerts
    /// whose episode is open then.
    pub fn open_on(&self, account: usize, snapshot: usize) -> usize {
        if snapshot >= self.date_count {
            return 0;
        }
        account
            .checked_mul(self.date_count)
            .and_then(|row| self.open.get(row + snapshot))
            .map_or(0, |count| usize::from(*count))
    }

    /// Every alert with its evidence as text, by account then rule then
    /// snapshot.
    pub fn alerts(&self, rules: &[AlertRule], plays: &[Play]) -> Vec<Alert> {
        self.fired
            .iter()
            .map(|fired| fired.alert(rules, plays))
            .collect()
    }
}

fn read(
    table: &HealthTable,
    (data, index): (&SuccessData, &SignalIndex),
    (rules, plays): (&[AlertRule], &[Play]),
    milestones: Option<&MilestoneRows<'_>>,
) -> AlertReadings {
    let date_count = table.dates().len();
    let mut readings = AlertReadings {
        date_count,
        fired: Vec::new(),
        open: vec![0; table.account_count().saturating_mul(date_count)],
    };
    // Events are grouped only for a rule that reads them.
    let reads_events = rules
        .iter()
        .any(|rule| matches!(rule.condition, AlertCondition::Event { .. }));
    let events = if reads_events {
        events_by_account(data, table.account_count())
    } else {
        Vec::new()
    };
    let no_events = AccountEvents::of_rows(std::iter::empty());
    // Each rule's play, once.
    let rule_plays: Vec<Option<usize>> = rules
        .iter()
        .map(|rule| plays.iter().position(|play| play.id == rule.play))
        .collect();
    for account in 0..table.account_count() {
        let mut context = CellContext {
            table,
            index,
            events: events.get(account).unwrap_or(&no_events),
            at_risk_since: None,
            metric_series: None,
            metric_cursors: Cell::new((Cursor::new(), Cursor::new())),
        };
        for (rule_position, rule) in rules.iter().enumerate() {
            let mut was_true = false;
            let forward = matches!(rule.condition, AlertCondition::DaysAtRisk { .. });
            context.at_risk_since = forward.then_some(None);
            context.metric_series = match &rule.condition {
                AlertCondition::MetricChange { metric, .. } => {
                    Some(index.series_of(account, metric))
                }
                _ => None,
            };
            context.metric_cursors.set((Cursor::new(), Cursor::new()));
            for snapshot in 0..date_count {
                let cell = table.cell(account, snapshot);
                let stage = cell.and_then(|cell| cell.stage);
                // After a churn the cells are frozen: nothing is left to
                // act on, so no rule fires or stays open there (a frozen
                // at-risk score would otherwise count days at risk for
                // ever, and a window sliding past the last signal could
                // start a new episode).
                if cell.is_some_and(|cell| cell.frozen) {
                    was_true = false;
                    continue;
                }
                let reading = match (&rule.condition, milestones) {
                    (AlertCondition::MilestoneOverdue, Some(rows)) => {
                        let today = table.dates().get(snapshot).copied();
                        today
                            .and_then(|today| overdue_evidence(rows, account, stage, today))
                            .map(Why::Overdue)
                    }
                    _ => why(&context, &rule.condition, account, snapshot),
                };
                if forward {
                    // The run's first date, for the next snapshot's reading.
                    let at_risk = cell.is_some_and(|c| c.grade == Some(Grade::AtRisk));
                    let today = table.dates().get(snapshot).copied();
                    let since = context.at_risk_since.flatten().or(today);
                    context.at_risk_since = Some(since.filter(|_| at_risk));
                }
                let holds = reading.is_some();
                if let Some(why) = reading.filter(|_| !was_true) {
                    let play = rule_plays
                        .get(rule_position)
                        .copied()
                        .flatten()
                        .filter(|at| {
                            let stages = plays.get(*at).map_or(&[][..], |p| p.stages.as_slice());
                            stage.is_some_and(|stage| stages.contains(&stage))
                        });
                    readings.fired.push(FiredAlert {
                        rule: rule_position,
                        account,
                        snapshot,
                        why,
                        play,
                    });
                }
                if holds {
                    if let Some(count) = readings.open.get_mut(account * date_count + snapshot) {
                        *count = count.saturating_add(1);
                    }
                }
                was_true = holds;
            }
        }
    }
    readings
}

/// Each account's events (by position in the data), grouped in one pass.
fn events_by_account(data: &SuccessData, count: usize) -> Vec<AccountEvents<'_>> {
    AccountPositions::new(&data.accounts)
        .group_rows(count, &data.events, |row| row.account.as_str())
        .into_iter()
        .map(|rows| AccountEvents::of_rows(rows.into_iter().filter_map(|at| data.events.get(at))))
        .collect()
}

#[cfg(test)]
#[path = "alert_readings_test.rs"]
mod tests;
