//! The rules across rows of the Execute-phase tables: one realised value
//! per account, date and input; one checklist state per account, list,
//! item and date; one play completion per account, play and date.
//!
//! Where each reference is checked (the reader knows neither the cases
//! nor, unless told, the settings):
//!
//! - a row's `account`: by [`super::check_data`], as every table's;
//! - a checklist row's `item`, a completion's `play` and `alert`: here,
//!   when the caller's [`KnownIds`] carry the settings' ids
//!   ([`settings_ids`]); the server passes its current settings on import.
//!   A later settings change may drop an item: execution then ignores it;
//! - a realised row's `input`: against the model of the account's linked
//!   case, by the server on import (`success::realised::model_input_ids`
//!   gives the ids), which alone can load the case.

use super::super::data::{ChecklistKind, KnownIds, SettingsIds, SuccessData};
use super::super::date::Date;
use super::super::diagnostic::SuccessCode;
use super::super::settings::SuccessSettings;
use super::{duplicates, finding, push_duplicates, Finding, Place};
use crate::model::diagnostic::suggest_id;

/// The ids of `settings` that the Execute-phase rows name.
pub fn settings_ids(settings: &SuccessSettings) -> SettingsIds {
    let ids = |items: &[super::super::settings::ChecklistItem]| {
        items.iter().map(|item| item.id.clone()).collect()
    };
    SettingsIds {
        setup: ids(&settings.checklists.setup),
        execution: ids(&settings.checklists.execution),
        plays: settings.plays.iter().map(|play| play.id.clone()).collect(),
        alerts: settings.alerts.iter().map(|rule| rule.id.clone()).collect(),
    }
}

/// The duplicate keys of the three tables.
pub(super) fn check_tracking_keys(data: &SuccessData, out: &mut Vec<Finding>) {
    let keys: Vec<(&str, Date, &str)> = data
        .realised
        .iter()
        .map(|r| (r.account.as_str(), r.date, r.input.as_str()))
        .collect();
    let what = "a second realised value for the same account, date and input";
    push_duplicates(duplicates(&keys), (Place::Realised, "input"), what, out);
    let keys: Vec<(&str, ChecklistKind, &str, Date)> = data
        .checklist
        .iter()
        .map(|c| (c.account.as_str(), c.list, c.item.as_str(), c.date))
        .collect();
    let what = "a second state for the same account, list, item and date";
    push_duplicates(duplicates(&keys), (Place::Checklist, "date"), what, out);
    let keys: Vec<(&str, &str, Date)> = data
        .plays
        .iter()
        .map(|p| (p.account.as_str(), p.play.as_str(), p.date))
        .collect();
    let what = "a second completion of the same play for the account on the date";
    push_duplicates(duplicates(&keys), (Place::Play, "date"), what, out);
}

/// The closest of `known` to `id`, while fewer than
/// [`super::MAX_SUGGESTIONS`] searches ran.
fn hint(searches: &mut usize, id: &str, known: &[String]) -> String {
    if *searches >= super::MAX_SUGGESTIONS {
        return String::new();
    }
    *searches += 1;
    suggest_id(id, known.iter().map(String::as_str))
}

/// Checklist items, plays and alert rules the settings do not list, when
/// `known` carries the settings' ids.
pub(super) fn check_settings_references(
    data: &SuccessData,
    known: &KnownIds,
    out: &mut Vec<Finding>,
) {
    let Some(ids) = known.settings_ids() else {
        return;
    };
    let mut searches = 0;
    for (i, row) in data.checklist.iter().enumerate() {
        let items = match row.list {
            ChecklistKind::Setup => &ids.setup,
            ChecklistKind::Execution => &ids.execution,
        };
        if !items.contains(&row.item) {
            let near = hint(&mut searches, &row.item, items);
            let message = format!(
                "the {} checklist has no item \"{}\"{near}",
                row.list.as_str(),
                row.item
            );
            let code = SuccessCode::UnknownReference;
            out.push(finding(Place::Checklist(i), "item", code, message));
        }
    }
    for (i, row) in data.plays.iter().enumerate() {
        if !ids.plays.contains(&row.play) {
            let near = hint(&mut searches, &row.play, &ids.plays);
            let message = format!("no play has the id \"{}\"{near}", row.play);
            let code = SuccessCode::UnknownReference;
            out.push(finding(Place::Play(i), "play", code, message));
        }
        if let Some(alert) = row.alert.as_ref().filter(|a| !ids.alerts.contains(a)) {
            let near = hint(&mut searches, alert, &ids.alerts);
            let message = format!("no alert rule has the id \"{alert}\"{near}");
            let code = SuccessCode::UnknownReference;
            out.push(finding(Place::Play(i), "alert", code, message));
        }
    }
}
