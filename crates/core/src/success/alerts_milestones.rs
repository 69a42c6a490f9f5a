//! The `milestone_overdue` alert's condition: each account's own rows
//! grouped once ([`MilestoneTables`]), then the account's milestones read
//! on each snapshot by [`MilestoneTables::milestones_on`].

use super::super::data::{Stage, SuccessData};
use super::super::date::Date;
use super::super::milestones::{MilestoneStatus, MilestoneTables};
use super::super::settings::{AlertCondition, SuccessSettings};

/// The rows milestones read, per account position in the data.
pub(super) struct MilestoneRows<'a> {
    settings: &'a SuccessSettings,
    tables: MilestoneTables<'a>,
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
        Some(MilestoneRows {
            settings,
            tables: MilestoneTables::new(data, &settings.milestones),
        })
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
    let settings = rows.settings;
    let mut overdue = Vec::new();
    let readings = rows
        .tables
        .milestones_on(account, settings.stages, &settings.milestones, today);
    for reading in readings {
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
