//! `SuccessPortfolio.portfolio(asOf)`: one row per account on the
//! snapshot shown, with totals per currency and grade (money is never
//! summed across currencies). Conversion of the core's figures, written
//! as one JSON text that JavaScript parses in one call
//! ([`super::success_text`]); the open alerts are the counts of the one
//! pass over every rule ([`yardstick_core::success::alerts::AlertReadings`]).
//!
//! The one definition made here is the value at risk: an active account's
//! annual value when its grade is `at_risk`, else 0 (docs/success.md,
//! "The page"). A churned account's value is lost, not at risk: from its
//! churn date on its value at risk is 0, and the totals count it under
//! `churned` (its annual value, the value lost) instead of its frozen
//! grade.

use super::error::{display_text, JsError};
use super::js::Object;
use super::success::SuccessPortfolio;
use super::success_dto::CellFigures;
use super::success_text::JsonText;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::success::date::Date;
use yardstick_core::success::settings::Grade;
use yardstick_core::success::stages::AccountTimeline;
use yardstick_core::success::trends::{trend, ScoreChange, Trend};

/// A total's grade: a grade, no score, or churned (value lost).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TotalGrade {
    Graded(Grade),
    None,
    Churned,
}

impl TotalGrade {
    fn as_str(self) -> &'static str {
        match self {
            TotalGrade::Graded(grade) => grade.as_str(),
            TotalGrade::None => "none",
            TotalGrade::Churned => "churned",
        }
    }

    /// Healthy to at risk, then unscored, then churned.
    fn rank(self) -> usize {
        match self {
            TotalGrade::Graded(grade) => grade as usize,
            TotalGrade::None => Grade::ALL.len(),
            TotalGrade::Churned => Grade::ALL.len() + 1,
        }
    }
}

/// Per currency and grade: accounts, annual value, value at risk.
struct Total {
    currency: String,
    grade: TotalGrade,
    accounts: f64,
    annual_value: f64,
    value_at_risk: f64,
}

/// Bytes per row the text starts with room for (a row of 24 snapshots
/// writes about 800).
const ROW_BYTES: usize = 800;

#[wasm_bindgen]
impl SuccessPortfolio {
    /// Every account on the snapshot on or before `asOf` (absent: the
    /// latest), in the data's order.
    #[wasm_bindgen(unchecked_return_type = "PortfolioView")]
    pub fn portfolio(&mut self, as_of: Option<String>) -> Result<JsValue, JsError> {
        let snapshot = self.snapshot_on(as_of)?;
        let date = self
            .table
            .dates()
            .get(snapshot)
            .copied()
            .ok_or_else(|| JsError::new(ErrorCode::INVALID_AS_OF, "no snapshot"))?;
        // The rules are read once per re-score; the rows read the counts.
        self.alert_readings();
        let mut json = JsonText::with_capacity(ROW_BYTES * self.data.accounts.len() + 1024);
        json.open_object();
        json.key("asOf");
        json.text(&display_text(&date));
        json.key("snapshot");
        json.number(snapshot as f64);
        json.key("snapshots");
        json.open_list();
        for day in self.table.dates() {
            json.text(&display_text(day));
        }
        json.close_list();
        json.key("rows");
        json.open_list();
        let mut totals: Vec<Total> = Vec::new();
        for position in 0..self.data.accounts.len() {
            if let Some((currency, grade, annual, at_risk)) =
                self.write_row(&mut json, position, snapshot, date)
            {
                add_total(&mut totals, currency, grade, annual, at_risk);
            }
        }
        json.close_list();
        json.key("totals");
        write_totals(&mut json, totals);
        json.close_object();
        json.parse()
    }
}

impl SuccessPortfolio {
    /// One row; its currency, total grade, annual value and value at risk
    /// for the totals (`None`: no cell, no row).
    fn write_row(
        &self,
        json: &mut JsonText,
        position: usize,
        snapshot: usize,
        date: Date,
    ) -> Option<(&str, TotalGrade, f64, f64)> {
        let account = self.data.accounts.get(position)?;
        let cell = self.table.cell(position, snapshot)?;
        let figures = CellFigures::of(cell);
        let renewals = self.renewals.get(position).map_or(&[][..], Vec::as_slice);
        let timeline = AccountTimeline::new(account, self.settings.stages, renewals);
        let churned = cell.frozen || timeline.churned_on().is_some_and(|day| day <= date);
        json.open_object();
        json.key("id");
        json.text(&account.id);
        json.key("name");
        json.text(&account.name);
        json.key("segment");
        json.text_or_null(account.segment.as_deref());
        json.key("owner");
        json.text_or_null(account.owner.as_deref());
        json.key("currency");
        json.text(&account.currency);
        json.key("stage");
        json.text_or_null(figures.stage);
        json.key("churned");
        json.boolean(churned);
        figures.write_score(json);
        json.key("trend");
        write_trend(json, &trend(&self.table, position, snapshot));
        json.key("sparkline");
        json.open_list();
        for earlier in 0..=snapshot {
            json.number_or_null(self.table.cell(position, earlier).and_then(|c| c.score));
        }
        json.close_list();
        json.key("openAlerts");
        let open = self
            .fired
            .as_ref()
            .map_or(0, |r| r.open_on(position, snapshot));
        json.number(open as f64);
        json.key("renewal");
        let renewal = timeline.next_renewal_on(date).map(|d| display_text(&d));
        json.text_or_null(renewal.as_deref());
        json.key("annualValue");
        json.number(account.annual_value);
        let at_risk = !churned && cell.grade == Some(Grade::AtRisk);
        let value_at_risk = if at_risk { account.annual_value } else { 0.0 };
        json.key("valueAtRisk");
        json.number(value_at_risk);
        json.close_object();
        let grade = match (churned, cell.grade) {
            (true, _) => TotalGrade::Churned,
            (false, Some(grade)) => TotalGrade::Graded(grade),
            (false, None) => TotalGrade::None,
        };
        Some((
            &account.currency,
            grade,
            account.annual_value,
            value_at_risk,
        ))
    }
}

fn add_total(totals: &mut Vec<Total>, currency: &str, grade: TotalGrade, value: f64, risk: f64) {
    match totals
        .iter_mut()
        .find(|total| total.grade == grade && total.currency == currency)
    {
        Some(total) => {
            total.accounts += 1.0;
            total.annual_value += value;
            total.value_at_risk += risk;
        }
        None => totals.push(Total {
            currency: currency.to_string(),
            grade,
            accounts: 1.0,
            annual_value: value,
            value_at_risk: risk,
        }),
    }
}

/// Totals by currency, then grade from healthy to at risk, then
/// unscored, then churned.
fn write_totals(json: &mut JsonText, mut totals: Vec<Total>) {
    totals.sort_by(|a, b| {
        (a.currency.as_str(), a.grade.rank()).cmp(&(b.currency.as_str(), b.grade.rank()))
    });
    json.open_list();
    for total in totals {
        json.open_object();
        json.key("currency");
        json.text(&total.currency);
        json.key("grade");
        json.text(total.grade.as_str());
        json.key("accounts");
        json.number(total.accounts);
        json.key("annualValue");
        json.number(total.annual_value);
        json.key("valueAtRisk");
        json.number(total.value_at_risk);
        json.close_object();
    }
    json.close_list();
}

fn write_trend(json: &mut JsonText, trend: &Trend) {
    let points = |change: Option<ScoreChange>| change.map(|c| c.points);
    json.open_object();
    for (key, change) in [
        ("previous", trend.previous),
        ("days7", trend.days_7),
        ("days30", trend.days_30),
        ("days90", trend.days_90),
    ] {
        json.key(key);
        json.number_or_null(points(change));
    }
    json.key("stageChanged");
    json.boolean(trend.stage_changed);
    json.close_object();
}

/// A text property, or `null` when there is none.
pub(crate) fn set_text_or_null(object: &Object, key: &str, value: Option<&str>) {
    super::dto::set(object, key, &value.map_or(JsValue::NULL, JsValue::from_str));
}
