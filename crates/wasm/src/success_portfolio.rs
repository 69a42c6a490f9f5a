//! `SuccessPortfolio.portfolio(asOf)`: one row per account on the
//! snapshot shown, with totals per currency and grade (money is never
//! summed across currencies). Conversion of the core's figures; the one
//! definition made here is the value at risk: an account's annual value
//! when its grade is `at_risk`, else 0 (docs/success.md, "The page").

use super::dto::{object, set, set_number, set_number_or_null, set_text};
use super::error::{display_text, JsError};
use super::js::{Array, Object};
use super::success::SuccessPortfolio;
use super::success_dto::dates_to_js;
use wasm_bindgen::prelude::*;
use yardstick_core::success::health::LOW_COVERAGE_BELOW;
use yardstick_core::success::settings::Grade;
use yardstick_core::success::stages::AccountTimeline;
use yardstick_core::success::trends::{trend, Trend};

/// A total's key: currency and grade (`None`: no score).
type TotalKey = (String, Option<Grade>);

#[wasm_bindgen]
impl SuccessPortfolio {
    /// Every account on the snapshot on or before `asOf` (absent: the
    /// latest), in the data's order.
    #[wasm_bindgen(unchecked_return_type = "PortfolioView")]
    pub fn portfolio(&self, as_of: Option<String>) -> Result<JsValue, JsError> {
        let snapshot = self.snapshot_on(as_of)?;
        let dates = self.table.dates();
        let date = dates.get(snapshot).copied().ok_or_else(|| {
            JsError::new(
                yardstick_core::error::ErrorCode::INVALID_AS_OF,
                "no snapshot",
            )
        })?;
        let rows = Array::new();
        let mut totals: Vec<(TotalKey, f64, f64, f64)> = Vec::new();
        for (position, account) in self.data.accounts.iter().enumerate() {
            let Some(cell) = self.table.cell(position, snapshot) else {
                continue;
            };
            let row = object();
            set_text(&row, "id", &account.id);
            set_text(&row, "name", &account.name);
            set_text_or_null(&row, "segment", account.segment.as_deref());
            set_text_or_null(&row, "owner", account.owner.as_deref());
            set_text(&row, "currency", &account.currency);
            set_text_or_null(&row, "stage", cell.stage.map(|stage| stage.as_str()));
            set(&row, "churned", &JsValue::from_bool(cell.frozen));
            set_number_or_null(&row, "score", cell.score);
            set_text_or_null(&row, "grade", cell.grade.map(Grade::as_str));
            set_number(&row, "coverage", cell.coverage);
            let low = cell.score.is_some() && cell.coverage < LOW_COVERAGE_BELOW;
            set(&row, "lowCoverage", &JsValue::from_bool(low));
            set(
                &row,
                "trend",
                &trend_to_js(&trend(&self.table, position, snapshot)),
            );
            let sparkline = Array::new();
            for earlier in 0..=snapshot {
                let score = self.table.cell(position, earlier).and_then(|c| c.score);
                sparkline.push(&score.map_or(JsValue::NULL, JsValue::from_f64));
            }
            set(&row, "sparkline", &sparkline);
            let open = self
                .settings
                .alerts
                .iter()
                .filter(|rule| self.rule_holds(rule, position, snapshot))
                .count();
            set_number(&row, "openAlerts", open as f64);
            let renewals = self.renewals.get(position).map_or(&[][..], Vec::as_slice);
            let timeline = AccountTimeline::new(account, self.settings.stages, renewals);
            let renewal = timeline.next_renewal_on(date).map(|d| display_text(&d));
            set_text_or_null(&row, "renewal", renewal.as_deref());
            set_number(&row, "annualValue", account.annual_value);
            let at_risk = cell.grade == Some(Grade::AtRisk);
            let value_at_risk = if at_risk { account.annual_value } else { 0.0 };
            set_number(&row, "valueAtRisk", value_at_risk);
            add_total(
                &mut totals,
                (account.currency.clone(), cell.grade),
                account.annual_value,
                value_at_risk,
            );
            rows.push(&row);
        }
        let view = object();
        set_text(&view, "asOf", &display_text(&date));
        set_number(&view, "snapshot", snapshot as f64);
        set(&view, "snapshots", &dates_to_js(dates));
        set(&view, "rows", &rows);
        set(&view, "totals", &totals_to_js(totals));
        Ok(view.into())
    }
}

fn add_total(totals: &mut Vec<(TotalKey, f64, f64, f64)>, key: TotalKey, value: f64, at_risk: f64) {
    match totals.iter_mut().find(|(known, ..)| *known == key) {
        Some((_, accounts, annual, risk)) => {
            *accounts += 1.0;
            *annual += value;
            *risk += at_risk;
        }
        None => totals.push((key, 1.0, value, at_risk)),
    }
}

/// Totals by currency, then grade from healthy to at risk, then unscored.
fn totals_to_js(mut totals: Vec<(TotalKey, f64, f64, f64)>) -> Array {
    let rank = |grade: &Option<Grade>| grade.map_or(Grade::ALL.len(), |g| g as usize);
    totals.sort_by(|a, b| (a.0 .0.as_str(), rank(&a.0 .1)).cmp(&(b.0 .0.as_str(), rank(&b.0 .1))));
    let list = Array::new();
    for ((currency, grade), accounts, annual, at_risk) in totals {
        let total = object();
        set_text(&total, "currency", &currency);
        set_text(&total, "grade", grade.map_or("none", Grade::as_str));
        set_number(&total, "accounts", accounts);
        set_number(&total, "annualValue", annual);
        set_number(&total, "valueAtRisk", at_risk);
        list.push(&total);
    }
    list
}

pub(crate) fn trend_to_js(trend: &Trend) -> Object {
    let view = object();
    let points =
        |change: Option<yardstick_core::success::trends::ScoreChange>| change.map(|c| c.points);
    set_number_or_null(&view, "previous", points(trend.previous));
    set_number_or_null(&view, "days7", points(trend.days_7));
    set_number_or_null(&view, "days30", points(trend.days_30));
    set_number_or_null(&view, "days90", points(trend.days_90));
    set(
        &view,
        "stageChanged",
        &JsValue::from_bool(trend.stage_changed),
    );
    view
}

/// A text property, or `null` when there is none.
pub(crate) fn set_text_or_null(object: &Object, key: &str, value: Option<&str>) {
    set(object, key, &value.map_or(JsValue::NULL, JsValue::from_str));
}
