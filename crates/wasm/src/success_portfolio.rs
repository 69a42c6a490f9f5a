//! `SuccessPortfolio.portfolio(asOf)`: one row per account on the
//! snapshot shown, with totals per currency and grade (money is never
//! summed across currencies). Conversion of the core's figures into
//! columns (numbers and flags as typed arrays, texts as one JSON list)
//! from which `success_rows.js` builds the row objects in one JavaScript
//! loop: setting each property from wasm was a call across the boundary
//! per figure. The open alerts are the counts of the one pass over every
//! rule ([`yardstick_core::success::alerts::AlertReadings`]).
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
use yardstick_core::success::alerts::AlertReadings;
use yardstick_core::success::date::Date;
use yardstick_core::success::settings::Grade;
use yardstick_core::success::stages::AccountTimeline;
use yardstick_core::success::trends::{trend, ScoreChange};

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

/// Builds the rows from the columns in JavaScript (`success_rows.js`).
#[wasm_bindgen(module = "/src/success_rows.js")]
extern "C" {
    #[wasm_bindgen(js_name = portfolioView)]
    fn portfolio_view(
        head: JsValue,
        texts_json: &str,
        numbers: &[f64],
        flags: &[u8],
        sparklines: &[f64],
        width: u32,
    ) -> JsValue;
}

/// The rows as columns, one entry per row in each (widths as
/// `success_rows.js` reads them).
struct Columns {
    /// id, name, segment, owner, currency, stage, grade, renewal.
    texts: JsonText,
    /// score, coverage, the four trend changes, open alerts, annual value,
    /// value at risk; NaN where the view has `null`.
    numbers: Vec<f64>,
    /// churned, low coverage, stage changed.
    flags: Vec<u8>,
    /// The scores up to the snapshot shown; NaN where none.
    sparklines: Vec<f64>,
}

/// Text bytes per row the columns start with room for.
const ROW_TEXT_BYTES: usize = 120;

#[wasm_bindgen]
impl SuccessPortfolio {
    /// Every account on the snapshot on or before `asOf` (absent: the
    /// latest), in the data's order.
    #[wasm_bindgen(unchecked_return_type = "PortfolioView")]
    pub fn portfolio(&self, as_of: Option<String>) -> Result<JsValue, JsError> {
        let snapshot = self.snapshot_on(as_of)?;
        let date = self
            .table
            .dates()
            .get(snapshot)
            .copied()
            .ok_or_else(|| JsError::new(ErrorCode::INVALID_AS_OF, "no snapshot"))?;
        // The rules are read once per re-score; the rows read the counts.
        let readings = self.alert_readings();
        let count = self.data.accounts.len();
        let width = snapshot + 1;
        let mut columns = Columns {
            texts: JsonText::with_capacity(ROW_TEXT_BYTES * count),
            numbers: Vec::with_capacity(9 * count),
            flags: Vec::with_capacity(3 * count),
            sparklines: Vec::with_capacity(width * count),
        };
        columns.texts.open_list();
        let mut totals: Vec<Total> = Vec::new();
        for position in 0..count {
            if let Some((currency, grade, annual, at_risk)) =
                self.row_columns(&mut columns, readings, position, snapshot, date)
            {
                add_total(&mut totals, currency, grade, annual, at_risk);
            }
        }
        columns.texts.close_list();
        let mut head = JsonText::with_capacity(1024);
        head.open_object();
        head.key("asOf");
        head.text(&display_text(&date));
        head.key("snapshot");
        head.number(snapshot as f64);
        head.key("snapshots");
        head.open_list();
        for day in self.table.dates() {
            head.text(&display_text(day));
        }
        head.close_list();
        head.key("totals");
        write_totals(&mut head, totals);
        head.close_object();
        let texts = columns.texts.into_string();
        Ok(portfolio_view(
            head.parse()?,
            &texts,
            &columns.numbers,
            &columns.flags,
            &columns.sparklines,
            u32::try_from(width).unwrap_or(u32::MAX),
        ))
    }
}

impl SuccessPortfolio {
    /// One row into the columns; its currency, total grade, annual value
    /// and value at risk for the totals (`None`: no cell, no row).
    fn row_columns(
        &self,
        columns: &mut Columns,
        readings: &AlertReadings,
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
        let renewal = timeline.next_renewal_on(date).map(|d| display_text(&d));
        let texts = &mut columns.texts;
        texts.text(&account.id);
        texts.text(&account.name);
        texts.text_or_null(account.segment.as_deref());
        texts.text_or_null(account.owner.as_deref());
        texts.text(&account.currency);
        texts.text_or_null(figures.stage);
        texts.text_or_null(figures.grade);
        texts.text_or_null(renewal.as_deref());
        let trend = trend(&self.table, position, snapshot);
        let points = |change: Option<ScoreChange>| change.map_or(f64::NAN, |c| c.points);
        let open = readings.open_on(position, snapshot);
        let at_risk = !churned && cell.grade == Some(Grade::AtRisk);
        let value_at_risk = if at_risk { account.annual_value } else { 0.0 };
        columns.numbers.extend_from_slice(&[
            figures.score.unwrap_or(f64::NAN),
            figures.coverage,
            points(trend.previous),
            points(trend.days_7),
            points(trend.days_30),
            points(trend.days_90),
            open as f64,
            account.annual_value,
            value_at_risk,
        ]);
        columns.flags.extend_from_slice(&[
            u8::from(churned),
            u8::from(figures.low_coverage),
            u8::from(trend.stage_changed),
        ]);
        for earlier in 0..=snapshot {
            let score = self.table.cell(position, earlier).and_then(|c| c.score);
            columns.sparklines.push(score.unwrap_or(f64::NAN));
        }
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

/// A text property, or `null` when there is none.
pub(crate) fn set_text_or_null(object: &Object, key: &str, value: Option<&str>) {
    super::dto::set(object, key, &value.map_or(JsValue::NULL, JsValue::from_str));
}
