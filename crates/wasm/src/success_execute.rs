//! The Execute phase in `SuccessPortfolio.account(id, asOf)`: realised
//! against projected value per benefit line (`success::realised`, with the
//! case documents given to `setCases`), the degrees of ideal set-up and
//! execution with the items not done (`success::execution`), and the
//! plays completed with the health change after them (`success::plays`).
//! Conversion only; every figure is the core's, read on the snapshot shown.

use super::dto::{object, set, set_number, set_number_or_null, set_text};
use super::error::display_text;
use super::js::{Array, Object};
use super::success::SuccessPortfolio;
use super::success_portfolio::set_text_or_null;
use wasm_bindgen::prelude::*;
use yardstick_core::success::data::{Account, ChecklistMark, Outcome, RealisedValue};
use yardstick_core::success::date::Date;
use yardstick_core::success::execution::{execution_on, ListReading};
use yardstick_core::success::plays::health_change_after;
use yardstick_core::success::realised::{realised_to_date, RealisedError};

impl SuccessPortfolio {
    /// Sets `realised`, `execution` and `plays` on the account's view.
    pub(crate) fn set_execute_views(&self, view: &Object, account: &Account, date: Date) {
        set(view, "realised", &self.realised_to_js(account, date).into());
        set(
            view,
            "execution",
            &self.execution_to_js(account, date).into(),
        );
        set(view, "plays", &self.plays_to_js(account, date).into());
    }

    fn realised_to_js(&self, account: &Account, date: Date) -> Object {
        let view = object();
        let link = account.case.as_ref().map_or(JsValue::NULL, |link| {
            let case = object();
            set_number(&case, "id", link.id as f64);
            set_number(&case, "revision", link.revision as f64);
            case.into()
        });
        set(&view, "case", &link);
        let rows: Vec<&RealisedValue> = self
            .data
            .realised
            .iter()
            .filter(|row| row.account == account.id)
            .collect();
        let report = match (account.case.as_ref(), self.cases.get(&account.id)) {
            (None, _) => Err(("no_case", None)),
            (Some(_), None) => Err(("not_loaded", None)),
            (Some(_), Some(case)) => realised_to_date(case, account.contract_start, &rows, date)
                .map_err(|error| ("not_comparable", Some(realised_error_text(&error)))),
        };
        let report = match report {
            Ok(report) => report,
            Err((status, message)) => {
                set_text(&view, "status", status);
                set_text_or_null(&view, "message", message.as_deref());
                set_number(&view, "periodsElapsed", 0.0);
                set(&view, "lines", &Array::new());
                set_number(&view, "projected", 0.0);
                set_number(&view, "realised", 0.0);
                set(&view, "ratio", &JsValue::NULL);
                set(&view, "currency", &JsValue::NULL);
                set(&view, "refused", &Array::new());
                set_number(&view, "actuals", rows.len() as f64);
                return view;
            }
        };
        set_text(&view, "status", "compared");
        set(&view, "message", &JsValue::NULL);
        set_number(&view, "periodsElapsed", report.periods_elapsed as f64);
        let lines = Array::new();
        for line in &report.lines {
            let item = object();
            set_text(&item, "id", &line.id);
            set_text_or_null(&item, "label", line.label.as_deref());
            set_number(&item, "projected", line.projected_to_date);
            set_number(&item, "realised", line.realised_to_date);
            set_number(&item, "variance", line.variance);
            set_number_or_null(&item, "variancePercent", line.variance_percent);
            lines.push(&item);
        }
        set(&view, "lines", &lines);
        set_number(&view, "projected", report.projected_to_date);
        set_number(&view, "realised", report.realised_to_date);
        set_number_or_null(&view, "ratio", report.ratio);
        set_text(&view, "currency", &report.currency);
        let refused = Array::new();
        for actual in &report.refused {
            let item = object();
            set_text(&item, "input", &actual.input);
            set_text(&item, "date", &display_text(&actual.date));
            set_text(&item, "reason", &actual.reason);
            refused.push(&item);
        }
        set(&view, "refused", &refused);
        set_number(&view, "actuals", rows.len() as f64);
        view
    }

    fn execution_to_js(&self, account: &Account, date: Date) -> Object {
        let marks: Vec<&ChecklistMark> = self
            .data
            .checklist
            .iter()
            .filter(|mark| mark.account == account.id)
            .collect();
        let outcomes: Vec<&Outcome> = self
            .data
            .outcomes
            .iter()
            .filter(|outcome| outcome.account == account.id)
            .collect();
        let reading = execution_on(&marks, &outcomes, &self.settings.checklists, date);
        let view = object();
        set(&view, "setup", &list_to_js(&reading.setup).into());
        set(&view, "execution", &list_to_js(&reading.execution).into());
        view
    }

    fn plays_to_js(&self, account: &Account, date: Date) -> Array {
        let completions: Vec<_> = self
            .data
            .plays
            .iter()
            .filter(|play| play.account == account.id && play.date <= date)
            .cloned()
            .collect();
        let days = self.settings.play_follow_up_days;
        let effects = health_change_after(&self.table, &self.data, &completions, days);
        let list = Array::new();
        for effect in effects {
            // Point-in-time: a follow-up after the snapshot shown is not
            // known on it, even when a later snapshot holds it.
            let known = effect.follow_up <= date;
            let item = object();
            set_text(&item, "play", &effect.play);
            let title = self
                .settings
                .plays
                .iter()
                .find(|play| play.id == effect.play)
                .map(|play| play.title.as_str());
            set_text_or_null(&item, "title", title);
            set_text_or_null(&item, "alert", effect.alert.as_deref());
            set_text(&item, "completed", &display_text(&effect.completed));
            set_text(&item, "followUp", &display_text(&effect.follow_up));
            set_number(&item, "followUpDays", f64::from(days));
            set(&item, "before", &reading_to_js(effect.before));
            let after = if known { effect.after } else { None };
            set(&item, "after", &reading_to_js(after));
            let change = if known { effect.change } else { None };
            set_number_or_null(&item, "change", change);
            list.push(&item);
        }
        list
    }
}

fn realised_error_text(error: &RealisedError) -> String {
    match error {
        RealisedError::Case(why) => why.clone(),
        RealisedError::NoBenefits => "the case's model declares no benefits series".to_string(),
    }
}

fn list_to_js(list: &ListReading) -> Object {
    let view = object();
    set_number_or_null(&view, "degree", list.degree);
    let items = Array::new();
    let missing = Array::new();
    for state in &list.items {
        let item = object();
        set_text(&item, "id", &state.id);
        set_text(&item, "label", &state.label);
        set(&item, "done", &JsValue::from_bool(state.done));
        let since = state.since.map(|day| display_text(&day));
        set_text_or_null(&item, "since", since.as_deref());
        set_text_or_null(&item, "note", state.note.as_deref());
        if !state.done {
            missing.push(&item);
        }
        items.push(&item);
    }
    set(&view, "items", &items);
    set(&view, "missing", &missing);
    view
}

/// A score read for a date: the snapshot's date and its score.
fn reading_to_js(reading: Option<(Date, Option<f64>)>) -> JsValue {
    match reading {
        Some((day, score)) => {
            let item = object();
            set_text(&item, "date", &display_text(&day));
            set_number_or_null(&item, "score", score);
            item.into()
        }
        None => JsValue::NULL,
    }
}
