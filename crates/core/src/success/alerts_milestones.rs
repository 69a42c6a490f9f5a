//! The `milestone_overdue` alert's condition: each account's own events,
//! renewals and the signals of the metrics milestones read, grouped once
//! (one pass over the rows), then the account's milestones read on each
//! snapshot by [`milestones_on`].

use super::super::data::{Event, Renewal, Signal, Stage, SuccessData};
use super::super::date::Date;
use super::super::milestones::{milestones_on, AccountRows, MilestoneStatus};
use super::super::settings::{AlertCondition, MilestoneCondition, SuccessSettings};

/// The rows milestones read, per account position in the data.
pub(super) struct MilestoneRows<'a> {
    data: &'a SuccessData,
    settings: &'a SuccessSettings,
    renewals: Vec<Vec<Renewal>>,
    events: Vec<Vec<Event>>,
    signals: Vec<Vec<Signal>>,
}

impl<'a> MilestoneRows<'a> {
    /// `None` when no rule is `milestone_overdue` or there is no milestone.
    pub(super) fn new(data: &'a SuccessData, settings: &'a SuccessSettings) -> Option<Self> {
        let wanted = settings
            .alerts
            .iter()
            .any(|rule| rule.condition == AlertCondition::MilestoneOverdue);
        if !wanted || settings.milestones.is_empty() {
            return None;
        }
        let mut ids: Vec<(&str, usize)> = data
            .accounts
            .iter()
            .enumerate()
            .map(|(position, account)| (account.id.as_str(), position))
            .collect();
        ids.sort_unstable();
        let position_of = |id: &str| {
            let at = ids.partition_point(|(known, _)| *known < id);
            ids.get(at)
                .filter(|(known, _)| *known == id)
                .map(|(_, p)| *p)
        };
        let count = data.accounts.len();
        let mut rows = MilestoneRows {
            data,
            settings,
            renewals: vec![Vec::new(); count],
            events: vec![Vec::new(); count],
            signals: vec![Vec::new(); count],
        };
        for row in &data.renewals {
            if let Some(list) = position_of(&row.account).and_then(|p| rows.renewals.get_mut(p)) {
                list.push(row.clone());
            }
        }
        for row in &data.events {
            if let Some(list) = position_of(&row.account).and_then(|p| rows.events.get_mut(p)) {
                list.push(row.clone());
            }
        }
        let metrics: Vec<&str> = settings
            .milestones
            .iter()
            .filter_map(|m| match &m.condition {
                MilestoneCondition::Signal { metric, .. } => Some(metric.as_str()),
                _ => None,
            })
            .collect();
        for row in data
            .signals
            .iter()
            .filter(|s| metrics.contains(&s.metric.as_str()))
        {
            if let Some(list) = position_of(&row.account).and_then(|p| rows.signals.get_mut(p)) {
                list.push(row.clone());
            }
        }
        Some(rows)
    }
}

/// The evidence when a milestone of `stage` (the account's on `today`) is
/// overdue on `today`: `id N days over`, joined by `; `.
pub(super) fn overdue_evidence(
    rows: &MilestoneRows<'_>,
    account: usize,
    stage: Option<Stage>,
    today: Date,
) -> Option<String> {
    let stage = stage?;
    let own = AccountRows {
        account: rows.data.accounts.get(account)?,
        renewals: rows.renewals.get(account)?,
        events: rows.events.get(account)?,
        signals: rows.signals.get(account)?,
    };
    let settings = rows.settings;
    let mut overdue = Vec::new();
    for reading in milestones_on(own, settings.stages, &settings.milestones, today) {
        let of_stage = settings
            .milestones
            .iter()
            .any(|m| m.id == reading.id && m.stage == stage);
        if let (true, MilestoneStatus::Overdue { days_over }) = (of_stage, reading.status) {
            overdue.push(format!(
                "{} {days_over} days over (due {})",
                reading.id, reading.deadline
            ));
        }
    }
    (!overdue.is_empty()).then(|| overdue.join("; "))
}
