//! `SuccessPortfolio.setCases(json)`: the linked case documents (the body
//! of `GET /api/success/cases`), so the table reads the health source
//! `realised_over_projected` (`HealthTable::build_with_cases`) and the
//! account view compares realised against projected value. Also the
//! alert helpers that need every rule, `milestone_overdue` included
//! (`success::alerts::settings_alerts`): the milestones read signals,
//! which the portfolio keeps in its index only, so they are read back
//! from it for the metrics milestones name.

use super::dto::{object, set, set_number, set_text};
use super::error::JsError;
use super::js::Array;
use super::success::SuccessPortfolio;
use super::success_node::parse_node;
use wasm_bindgen::prelude::*;
use yardstick_core::cases::read::read_case;
use yardstick_core::json::Node;
use yardstick_core::success::alerts::condition_holds;
use yardstick_core::success::data::{Event, Signal, SuccessData};
use yardstick_core::success::date::Date;
use yardstick_core::success::health::{CaseDocuments, HealthTable};
use yardstick_core::success::milestones::{milestones_on, AccountRows, MilestoneStatus};
use yardstick_core::success::settings::{AlertCondition, AlertRule, MilestoneCondition};

#[wasm_bindgen]
impl SuccessPortfolio {
    /// Takes the linked cases (`{"cases": [{"account", "case", "document"}]}`,
    /// as `GET /api/success/cases` answers) and scores the table again with
    /// them. Entries without a document, or whose document does not read as
    /// a case, are left out and listed in the answer's `unread`; the others
    /// replace the cases given before. A body of another shape changes
    /// nothing and throws.
    #[wasm_bindgen(js_name = setCases, unchecked_return_type = "CasesRead")]
    pub fn set_cases(&mut self, cases_json: &str) -> Result<JsValue, JsError> {
        let node =
            parse_node(cases_json).map_err(|_| JsError::argument("the cases must be JSON text"))?;
        let Some(Node::List(entries)) = node.get("cases") else {
            return Err(JsError::argument(
                "the cases must be an object with a `cases` list",
            ));
        };
        let mut cases = CaseDocuments::new();
        let unread = Array::new();
        for entry in entries {
            let Some(Node::Text(account)) = entry.get("account") else {
                continue;
            };
            let read = match entry.get("document") {
                None | Some(Node::Null) => Err("the case is not stored".to_string()),
                Some(document) => read_case(document).map_err(|problems| {
                    let first = problems.first().map(ToString::to_string);
                    first.unwrap_or_else(|| "the case does not read".to_string())
                }),
            };
            match read {
                Ok(case) => {
                    cases.insert(account.clone(), case);
                }
                Err(why) => {
                    let item = object();
                    set_text(&item, "account", account);
                    set_text(&item, "reason", &why);
                    unread.push(&item);
                }
            }
        }
        let dates = self.table.dates().to_vec();
        let table =
            HealthTable::build_with_cases(&self.data, &self.index, &self.settings, &dates, &cases)
                .map_err(|error| JsError::displayed(error.code(), &error))?;
        self.table = table;
        let answer = object();
        set_number(&answer, "linked", cases.len() as f64);
        set(&answer, "unread", &unread);
        self.cases = cases;
        self.fired = std::cell::OnceCell::new();
        // The proof's table reads the ratio too: rebuilt when next asked for.
        self.evidence = None;
        Ok(answer.into())
    }
}

impl SuccessPortfolio {
    /// Whether `rule`'s condition holds for the account on the snapshot,
    /// `milestone_overdue` included (a milestone of the account's stage
    /// then is overdue then, as `settings_alerts` fires it).
    pub(crate) fn rule_holds(&self, rule: &AlertRule, position: usize, snapshot: usize) -> bool {
        if rule.condition != AlertCondition::MilestoneOverdue {
            return condition_holds(
                &self.table,
                &self.data,
                &self.index,
                rule,
                position,
                snapshot,
            );
        }
        let cell = self.table.cell(position, snapshot);
        if cell.is_some_and(|c| c.frozen) {
            return false;
        }
        let stage = cell.and_then(|c| c.stage);
        let (Some(stage), Some(date), Some(account)) = (
            stage,
            self.table.dates().get(snapshot).copied(),
            self.data.accounts.get(position),
        ) else {
            return false;
        };
        let events: Vec<Event> = self
            .data
            .events
            .iter()
            .filter(|event| event.account == account.id)
            .cloned()
            .collect();
        let signals = self.milestone_signals_of(position);
        let rows = AccountRows {
            account,
            renewals: self.renewals.get(position).map_or(&[][..], Vec::as_slice),
            events: &events,
            signals: &signals,
        };
        milestones_on(rows, self.settings.stages, &self.settings.milestones, date)
            .iter()
            .any(|reading| {
                matches!(reading.status, MilestoneStatus::Overdue { .. })
                    && self
                        .settings
                        .milestones
                        .iter()
                        .any(|m| m.id == reading.id && m.stage == stage)
            })
    }

    /// The data with the signals milestones read put back from the index,
    /// for `settings_alerts`; `None` when no milestone reads a signal or
    /// no rule is `milestone_overdue` (the data as kept will do).
    pub(crate) fn data_for_milestones(&self) -> Option<SuccessData> {
        let wanted = self
            .settings
            .alerts
            .iter()
            .any(|rule| rule.condition == AlertCondition::MilestoneOverdue);
        let reads_signals = self
            .settings
            .milestones
            .iter()
            .any(|m| matches!(m.condition, MilestoneCondition::Signal { .. }));
        if !wanted || !reads_signals {
            return None;
        }
        let mut signals = Vec::new();
        for position in 0..self.data.accounts.len() {
            signals.extend(self.milestone_signals_of(position));
        }
        Some(SuccessData {
            signals,
            ..self.data.clone()
        })
    }

    /// The account's signals of the metrics its milestones read, back from
    /// the index (the portfolio keeps no signal rows).
    pub(crate) fn milestone_signals_of(&self, position: usize) -> Vec<Signal> {
        let Some(account) = self.data.accounts.get(position) else {
            return Vec::new();
        };
        let mut metrics: Vec<&str> = Vec::new();
        for milestone in &self.settings.milestones {
            if let MilestoneCondition::Signal { metric, .. } = &milestone.condition {
                if !metrics.contains(&metric.as_str()) {
                    metrics.push(metric);
                }
            }
        }
        let mut signals = Vec::new();
        for metric in metrics {
            let series = self.index.series_of(position, metric);
            for (serial, value) in series.dates.iter().zip(series.values) {
                if let Some(date) = Date::from_serial(i64::from(*serial)) {
                    signals.push(Signal {
                        account: account.id.clone(),
                        date,
                        metric: metric.to_string(),
                        value: *value,
                    });
                }
            }
        }
        signals
    }
}
