//! `SuccessPortfolio.team(asOf)`: the core's team view (`success::team`,
//! docs/success.md, "The team view") on the snapshot shown, with the play
//! completions of the data's `plays` rows and N = the settings'
//! `playFollowUpDays`, the health changes read from the table on the
//! plays' dates ([`super::success_evidence`]). Conversion only.

use super::dto::{object, set, set_number, set_number_or_null, set_text};
use super::error::{display_text, JsError};
use super::js::Array;
use super::success::SuccessPortfolio;
use super::success_portfolio::set_text_or_null;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::success::team::{team_view, OwnerFigures};

#[wasm_bindgen(typescript_custom_section)]
const TEAM_TYPES: &str = r##"
/** One owner's figures (null owner: the accounts without one). Accounts, value, outcomes, plans and milestones count active accounts; plays and days to first value all the owner's accounts. */
export interface OwnerView {
  owner: string | null; accounts: number; churned: number;
  /** Per currency, sorted; never summed across currencies. */
  annualValue: { currency: string; value: number }[];
  outcomes: number; outcomesAchieved: number; outcomesOnTrack: number; successPlans: number;
  milestonesOnTime: number; milestonesDue: number;
  playsCompleted: number; playsWithChange: number;
  /** The mean score change `followUpDays` after a completed play, in points. */
  meanHealthChange: number | null;
  medianDaysToFirstValue: number | null;
}
export interface TeamView { asOf: string; followUpDays: number; owners: OwnerView[] }
"##;

#[wasm_bindgen]
impl SuccessPortfolio {
    /// Per owner on the snapshot on or before `asOf` (absent: the latest),
    /// named owners by id, then the accounts without an owner.
    #[wasm_bindgen(unchecked_return_type = "TeamView")]
    pub fn team(&mut self, as_of: Option<String>) -> Result<JsValue, JsError> {
        let snapshot = self.snapshot_on(as_of)?;
        let date = *self.table.dates().get(snapshot).ok_or_else(|| {
            JsError::new(
                ErrorCode::INVALID_AS_OF,
                "no snapshot on or before that date",
            )
        })?;
        let table = self.take_evidence()?;
        let completions = self.completions();
        let days = self.settings.play_follow_up_days;
        // The milestones read their signals from the data; the portfolio
        // keeps them in the index only, so they come back for this call.
        self.data.signals = self.milestone_signals_all();
        let grid = self.evidence_grid;
        let owners = team_view(
            &self.data,
            &self.settings,
            &table,
            &completions,
            days,
            date,
            grid,
        );
        self.data.signals = Vec::new();
        self.keep_evidence(table);
        let view = object();
        set_text(&view, "asOf", &display_text(&date));
        set_number(&view, "followUpDays", f64::from(days));
        let list = Array::new();
        for figures in &owners {
            list.push(&owner_to_js(figures));
        }
        set(&view, "owners", &list);
        Ok(view.into())
    }
}

fn owner_to_js(figures: &OwnerFigures) -> JsValue {
    let item = object();
    set_text_or_null(&item, "owner", figures.owner.as_deref());
    let count = |key: &str, value: usize| set_number(&item, key, value as f64);
    count("accounts", figures.accounts);
    count("churned", figures.churned);
    count("outcomes", figures.outcomes);
    count("outcomesAchieved", figures.outcomes_achieved);
    count("outcomesOnTrack", figures.outcomes_on_track);
    count("successPlans", figures.success_plans);
    count("milestonesOnTime", figures.milestones_on_time);
    count("milestonesDue", figures.milestones_due);
    count("playsCompleted", figures.plays_completed);
    count("playsWithChange", figures.plays_with_change);
    let values = Array::new();
    for (currency, value) in &figures.annual_value {
        let entry = object();
        set_text(&entry, "currency", currency);
        set_number(&entry, "value", *value);
        values.push(&entry);
    }
    set(&item, "annualValue", &values);
    set_number_or_null(&item, "meanHealthChange", figures.mean_health_change);
    set_number_or_null(
        &item,
        "medianDaysToFirstValue",
        figures.median_days_to_first_value,
    );
    item.into()
}
