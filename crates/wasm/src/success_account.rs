//! `SuccessPortfolio.account(id, asOf)`: one account's health history,
//! breakdown per snapshot, stage changes, alerts with their plays,
//! milestones and outcomes, as the core computes them. Conversion only.

use super::dto::{object, set, set_number, set_number_or_null, set_text};
use super::error::{display_text, JsError};
use super::js::{Array, Object};
use super::success::SuccessPortfolio;
use super::success_dto::CellFigures;
use super::success_portfolio::set_text_or_null;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::success::data::{Account, Event, OutcomeDirection, Signal};
use yardstick_core::success::date::Date;
use yardstick_core::success::milestones::{milestones_on, AccountRows, MilestoneStatus};
use yardstick_core::success::outcomes::outcome_on;
use yardstick_core::success::settings::MilestoneCondition;
use yardstick_core::success::stages::AccountTimeline;

#[wasm_bindgen]
impl SuccessPortfolio {
    /// The account `id` on the snapshot on or before `asOf` (absent: the
    /// latest), with its history up to that snapshot.
    #[wasm_bindgen(unchecked_return_type = "AccountView")]
    pub fn account(&mut self, id: &str, as_of: Option<String>) -> Result<JsValue, JsError> {
        let snapshot = self.snapshot_on(as_of)?;
        let position = self
            .data
            .accounts
            .iter()
            .position(|account| account.id == id)
            .ok_or_else(|| JsError::new(ErrorCode::UNKNOWN_ID, &format!("no account `{id}`")))?;
        // The alerts first: computing them borrows the portfolio mutably.
        let alerts = self.alerts_to_js(position, snapshot);
        let Some(account) = self.data.accounts.get(position) else {
            return Err(JsError::new(ErrorCode::UNKNOWN_ID, "no such account"));
        };
        let date = self
            .table
            .dates()
            .get(snapshot)
            .copied()
            .unwrap_or(account.contract_start);
        let renewals = self.renewals.get(position).map_or(&[][..], Vec::as_slice);
        let timeline = AccountTimeline::new(account, self.settings.stages, renewals);
        let view = object();
        set_text(&view, "id", &account.id);
        set_text(&view, "name", &account.name);
        set_text_or_null(&view, "segment", account.segment.as_deref());
        set_text_or_null(&view, "owner", account.owner.as_deref());
        set_text(&view, "currency", &account.currency);
        set_number(&view, "annualValue", account.annual_value);
        set_text(
            &view,
            "contractStart",
            &display_text(&account.contract_start),
        );
        let renewal = timeline.next_renewal_on(date).map(|d| display_text(&d));
        set_text_or_null(&view, "renewal", renewal.as_deref());
        let churned = timeline.churned_on().filter(|churn| *churn <= date);
        set_text_or_null(
            &view,
            "churnedOn",
            churned.map(|d| display_text(&d)).as_deref(),
        );
        set_text(&view, "asOf", &display_text(&date));
        set_number(&view, "snapshot", snapshot as f64);
        set(&view, "history", &self.history_to_js(position, snapshot));
        let changes = Array::new();
        for change in timeline.stage_changes(account.contract_start, date) {
            let item = object();
            set_text(&item, "date", &display_text(&change.date));
            set_text_or_null(&item, "stage", change.stage.map(|s| s.as_str()));
            changes.push(&item);
        }
        set(&view, "stageChanges", &changes);
        set(&view, "alerts", &alerts);
        set(&view, "milestones", &self.milestones_to_js(account, date));
        set(&view, "outcomes", &self.outcomes_to_js(account, date));
        self.set_execute_views(&view, account, date);
        Ok(view.into())
    }
}

impl SuccessPortfolio {
    fn history_to_js(&self, position: usize, last: usize) -> Array {
        let history = Array::new();
        let dates = self.table.dates();
        for snapshot in 0..=last {
            let (Some(cell), Some(date)) =
                (self.table.cell(position, snapshot), dates.get(snapshot))
            else {
                continue;
            };
            let item = object();
            let figures = CellFigures::of(cell);
            set_text(&item, "date", &display_text(date));
            set_text_or_null(&item, "stage", figures.stage);
            set(&item, "frozen", &JsValue::from_bool(figures.frozen));
            figures.set_score_on(&item);
            let card = cell.scorecard.and_then(|at| {
                self.table
                    .scorecards()
                    .get(usize::from(at))
                    .map(|c| (at, c))
            });
            let measures = Array::new();
            let mut scorecard = JsValue::NULL;
            let mut mover = JsValue::NULL;
            if let Some((at, card)) = card {
                let used = object();
                set_number(&used, "position", f64::from(at));
                set_text(&used, "stage", card.stage.as_str());
                set_text_or_null(&used, "segment", card.segment.as_deref());
                scorecard = used.into();
                for (index, measure) in card.measures.iter().enumerate() {
                    let Some(reading) = self.table.measure(position, snapshot, index) else {
                        continue;
                    };
                    let entry = object();
                    set_text(&entry, "id", &measure.id);
                    set_text(&entry, "label", &measure.label);
                    set_number(&entry, "weight", measure.weight);
                    set_number_or_null(&entry, "value", reading.value);
                    set_number(&entry, "points", reading.points);
                    set_number(&entry, "weightShare", reading.weight_share);
                    set_number(&entry, "contribution", reading.contribution);
                    measures.push(&entry);
                }
                if let Some(moved) = cell.moved_most.map(usize::from) {
                    let now = self.table.measure(position, snapshot, moved);
                    let before = snapshot
                        .checked_sub(1)
                        .and_then(|previous| self.table.measure(position, previous, moved));
                    if let (Some(measure), Some(now), Some(before)) =
                        (card.measures.get(moved), now, before)
                    {
                        let entry = object();
                        set_text(&entry, "id", &measure.id);
                        set_text(&entry, "label", &measure.label);
                        set_number(&entry, "change", now.contribution - before.contribution);
                        mover = entry.into();
                    }
                }
            }
            set(&item, "scorecard", &scorecard);
            set(&item, "measures", &measures);
            set(&item, "mover", &mover);
            history.push(&item);
        }
        history
    }

    fn alerts_to_js(&mut self, position: usize, snapshot: usize) -> Array {
        let readings = self.alert_readings();
        let own: Vec<_> = readings
            .of_account(position)
            .iter()
            .filter(|alert| alert.snapshot <= snapshot)
            .cloned()
            .collect();
        // The evidence is written for this account's alerts only.
        let own: Vec<_> = own
            .iter()
            .map(|alert| alert.alert(&self.settings.alerts, &self.settings.plays))
            .collect();
        let list = Array::new();
        let dates = self.table.dates();
        for (at, alert) in own.iter().enumerate() {
            let Some(date) = dates.get(alert.snapshot).copied() else {
                continue;
            };
            // Open: the rule's latest episode up to the snapshot, still on.
            let later_episode = own
                .get(at + 1..)
                .unwrap_or(&[])
                .iter()
                .any(|a| a.rule == alert.rule);
            let rule = self
                .settings
                .alerts
                .iter()
                .find(|rule| rule.id == alert.rule);
            let open = !later_episode
                && rule.is_some_and(|rule| self.rule_holds(rule, position, snapshot));
            let item = object();
            set_text(&item, "rule", &alert.rule);
            set_text(&item, "date", &display_text(&date));
            set_text(&item, "evidence", &alert.evidence);
            set(&item, "open", &JsValue::from_bool(open));
            let play = alert
                .play
                .as_ref()
                .and_then(|id| self.settings.plays.iter().find(|play| &play.id == id));
            let play_js = match play {
                Some(play) => {
                    let view = object();
                    set_text(&view, "id", &play.id);
                    set_text(&view, "title", &play.title);
                    set_text(&view, "ownerRole", &play.owner_role);
                    let steps = Array::new();
                    for step in &play.steps {
                        steps.push(&JsValue::from_str(step));
                    }
                    set(&view, "steps", &steps);
                    set_number(&view, "dueInDays", f64::from(play.due_in_days));
                    let due = date.plus_days(i64::from(play.due_in_days)).unwrap_or(date);
                    set_text(&view, "due", &display_text(&due));
                    view.into()
                }
                None => JsValue::NULL,
            };
            set(&item, "play", &play_js);
            list.push(&item);
        }
        list
    }

    fn milestones_to_js(&self, account: &Account, date: Date) -> Array {
        let events: Vec<Event> = own_rows(&self.data.events, |e| &e.account, &account.id);
        let signals = self.milestone_signals(account);
        let position = self.data.accounts.iter().position(|a| a.id == account.id);
        let renewals = position
            .and_then(|p| self.renewals.get(p))
            .map_or(&[][..], Vec::as_slice);
        let rows = AccountRows {
            account,
            renewals,
            events: &events,
            signals: &signals,
        };
        let list = Array::new();
        let readings = milestones_on(rows, self.settings.stages, &self.settings.milestones, date);
        for reading in readings {
            let Some(milestone) = self.settings.milestones.iter().find(|m| m.id == reading.id)
            else {
                continue;
            };
            let item = object();
            set_text(&item, "id", &reading.id);
            set_text(&item, "label", &milestone.label);
            set_text(&item, "stage", milestone.stage.as_str());
            set_text(&item, "stageStart", &display_text(&reading.stage_start));
            set_text(&item, "deadline", &display_text(&reading.deadline));
            let (status, reached, late, left, over) = match reading.status {
                MilestoneStatus::Done { on, late } => ("done", Some(on), late, None, None),
                MilestoneStatus::Due { days_left } => ("due", None, false, Some(days_left), None),
                MilestoneStatus::Overdue { days_over } => {
                    ("overdue", None, false, None, Some(days_over))
                }
            };
            set_text(&item, "status", status);
            set_text_or_null(
                &item,
                "reachedOn",
                reached.map(|d| display_text(&d)).as_deref(),
            );
            set(&item, "late", &JsValue::from_bool(late));
            set_number_or_null(&item, "daysLeft", left.map(|d| d as f64));
            set_number_or_null(&item, "daysOver", over.map(|d| d as f64));
            list.push(&item);
        }
        list
    }

    /// The account's signals of the metrics its milestones read, back from
    /// the index (the portfolio keeps no signal rows).
    fn milestone_signals(&self, account: &Account) -> Vec<Signal> {
        let Some(position) = self.data.accounts.iter().position(|a| a.id == account.id) else {
            return Vec::new();
        };
        let mut signals = Vec::new();
        for milestone in &self.settings.milestones {
            let MilestoneCondition::Signal { metric, .. } = &milestone.condition else {
                continue;
            };
            if signals
                .iter()
                .any(|signal: &Signal| &signal.metric == metric)
            {
                continue;
            }
            let series = self.index.series_of(position, metric);
            for (serial, value) in series.dates.iter().zip(series.values) {
                if let Some(date) = Date::from_serial(i64::from(*serial)) {
                    signals.push(Signal {
                        account: account.id.clone(),
                        date,
                        metric: metric.clone(),
                        value: *value,
                    });
                }
            }
        }
        signals
    }

    fn outcomes_to_js(&self, account: &Account, date: Date) -> Array {
        let list = Array::new();
        for outcome in self
            .data
            .outcomes
            .iter()
            .filter(|o| o.account == account.id)
        {
            let item = object();
            set_text(&item, "id", &outcome.id);
            set_text(&item, "label", &outcome.label);
            set_text_or_null(&item, "unit", outcome.unit.as_deref());
            let direction = match outcome.direction {
                OutcomeDirection::Increase => "increase",
                OutcomeDirection::Decrease => "decrease",
            };
            set_text(&item, "direction", direction);
            set(
                &item,
                "baseline",
                &dated(outcome.baseline.value, outcome.baseline.date),
            );
            set(
                &item,
                "originalTarget",
                &dated(outcome.target.value, outcome.target.date),
            );
            let reading = outcome_on(outcome, date);
            let target = reading.map_or(JsValue::NULL, |r| dated(r.target, r.target_date).into());
            set(&item, "target", &target);
            set_number_or_null(&item, "current", reading.and_then(|r| r.current));
            set_number_or_null(&item, "progress", reading.map(|r| r.progress));
            let status = reading.map_or("not_started", |r| r.status.as_str());
            set_text(&item, "status", status);
            let actuals = Array::new();
            for actual in outcome.actuals.iter().filter(|a| a.date <= date) {
                actuals.push(&dated(actual.value, actual.date));
            }
            set(&item, "actuals", &actuals);
            let renegotiations = Array::new();
            for change in outcome.renegotiations.iter().filter(|r| r.date <= date) {
                let entry = object();
                set_text(&entry, "date", &display_text(&change.date));
                set_number(&entry, "target", change.target);
                set_text(&entry, "targetDate", &display_text(&change.target_date));
                set_text(&entry, "reason", &change.reason);
                set_text(&entry, "agreedBy", &change.agreed_by);
                renegotiations.push(&entry);
            }
            set(&item, "renegotiations", &renegotiations);
            list.push(&item);
        }
        list
    }
}

fn dated(value: f64, date: Date) -> Object {
    let item = object();
    set_number(&item, "value", value);
    set_text(&item, "date", &display_text(&date));
    item
}

/// The rows of one account (copies: a view reads one account at a time).
fn own_rows<T: Clone>(rows: &[T], account_of: impl Fn(&T) -> &String, id: &str) -> Vec<T> {
    rows.iter()
        .filter(|row| account_of(row) == id)
        .cloned()
        .collect()
}
