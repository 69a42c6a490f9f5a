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

use super::data::SuccessData;
use super::date::Date;
use super::health::HealthTable;
use super::settings::{AlertCondition, AlertRule, Grade, Play, SuccessSettings};
use super::signal_index::SignalIndex;
use alerts_milestones::{overdue_evidence, MilestoneRows};

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
    let milestones = MilestoneRows::new(data, settings);
    fire(
        table,
        (data, index),
        &settings.alerts,
        &settings.plays,
        milestones.as_ref(),
    )
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
    fire(table, (data, index), rules, plays, None)
}

fn fire(
    table: &HealthTable,
    (data, index): (&SuccessData, &SignalIndex),
    rules: &[AlertRule],
    plays: &[Play],
    milestones: Option<&MilestoneRows<'_>>,
) -> Vec<Alert> {
    let mut fired = Vec::new();
    for account in 0..table.account_count() {
        for rule in rules {
            let mut was_true = false;
            for snapshot in 0..table.dates().len() {
                let evidence = match (&rule.condition, milestones) {
                    (AlertCondition::MilestoneOverdue, Some(rows)) => {
                        let stage = table.cell(account, snapshot).and_then(|cell| cell.stage);
                        let today = table.dates().get(snapshot).copied();
                        today.and_then(|today| overdue_evidence(rows, account, stage, today))
                    }
                    _ => condition(table, data, index, &rule.condition, account, snapshot),
                };
                if let (Some(evidence), false) = (&evidence, was_true) {
                    let stage = table.cell(account, snapshot).and_then(|cell| cell.stage);
                    let play = plays
                        .iter()
                        .find(|play| play.id == rule.play)
                        .filter(|play| stage.is_some_and(|stage| play.stages.contains(&stage)))
                        .map(|play| play.id.clone());
                    fired.push(Alert {
                        rule: rule.id.clone(),
                        account,
                        snapshot,
                        evidence: evidence.clone(),
                        play,
                    });
                }
                was_true = evidence.is_some();
            }
        }
    }
    fired
}

/// Whether `rule`'s condition holds for account row `account` on
/// `snapshot`: its episode is open then (the alert fired on the episode's
/// first snapshot, on or before this one).
pub fn condition_holds(
    table: &HealthTable,
    data: &SuccessData,
    index: &SignalIndex,
    rule: &AlertRule,
    account: usize,
    snapshot: usize,
) -> bool {
    condition(table, data, index, &rule.condition, account, snapshot).is_some()
}

/// The evidence when the condition holds on the snapshot.
fn condition(
    table: &HealthTable,
    data: &SuccessData,
    index: &SignalIndex,
    rule: &AlertCondition,
    account: usize,
    snapshot: usize,
) -> Option<String> {
    let dates = table.dates();
    let today = *dates.get(snapshot)?;
    let cell = table.cell(account, snapshot)?;
    match rule {
        AlertCondition::Grade { to } => {
            (cell.grade == Some(*to)).then(|| format!("grade {} on {today}", to.as_str()))
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
                    return Some(format!("score {then:.1} on {day}, {now:.1} on {today}"));
                }
            }
            None
        }
        AlertCondition::MetricChange {
            metric,
            percent,
            within_days,
        } => {
            let series = index.series_of(account, metric);
            let earlier = today.plus_days(-i64::from(*within_days))?;
            let now = series.fresh_on(today, u32::MAX)?;
            let then = series.fresh_on(earlier, u32::MAX)?;
            if then == 0.0 {
                return None;
            }
            let change = (now - then) / then.abs() * 100.0;
            let holds = if *percent < 0.0 {
                change <= *percent
            } else {
                change >= *percent
            };
            holds.then(|| format!("{metric} {then} by {earlier}, {now} by {today} ({change:.1}%)"))
        }
        AlertCondition::DaysAtRisk { days } => {
            if cell.grade != Some(Grade::AtRisk) {
                return None;
            }
            let mut since = today;
            for before in (0..snapshot).rev() {
                if table.cell(account, before)?.grade != Some(Grade::AtRisk) {
                    break;
                }
                since = *dates.get(before)?;
            }
            (today.days_since(since) >= i64::from(*days)).then(|| format!("at risk since {since}"))
        }
        AlertCondition::Event { event } => {
            let after: Option<Date> = snapshot.checked_sub(1).and_then(|s| dates.get(s).copied());
            let id = data.accounts.get(account)?.id.as_str();
            data.events
                .iter()
                .filter(|row| row.account == id && &row.kind == event)
                .filter(|row| row.date <= today && after.map_or(true, |after| row.date > after))
                .map(|row| row.date)
                .min()
                .map(|day| format!("{event} on {day}"))
        }
        AlertCondition::MilestoneOverdue => None,
    }
}

/// `milestone_overdue`'s reading: this module's own part.
#[path = "alerts_milestones.rs"]
mod alerts_milestones;

#[cfg(test)]
#[path = "alerts_test.rs"]
mod tests;
