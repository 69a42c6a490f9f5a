//! The demo case of `--success-demo`: the example model `business-case-5y`
//! (examples/models) saved as a case through the cases store, and a few
//! demo accounts linked to it with realised values, so the success page
//! shows realised against projected value (docs/success.md).
//!
//! Which accounts: the first [`LINKED_ACCOUNTS`] that never churned, in
//! the data's order. Their realised rows: in each year of the contract that
//! starts before the data's latest signal, the productivity benefit per
//! year and (in the first year) the adoption, each the case's value times
//! a fixed factor per account (some above plan, some below), dated half
//! way through the year. Deterministic: no random draw, no clock but the
//! save's time stamp.

use yardstick_core::cases::figures::case_figures;
use yardstick_core::cases::read::read_case;
use yardstick_core::success::data::{CaseLink, RealisedValue, RenewalResult, SuccessData};
use yardstick_json_text::node_from_json;

use crate::cases::new_revision;
use crate::store::Store;

/// How many demo accounts link the demo case.
pub const LINKED_ACCOUNTS: usize = 8;

/// The realised share of the case's value per linked account, in order.
const REALISED_FACTORS: [f64; LINKED_ACCOUNTS] = [0.7, 1.1, 0.85, 1.2, 0.6, 0.95, 1.05, 0.8];

/// The case's productivity benefit per year and first-year adoption (the
/// model's defaults, which the demo case keeps).
const PRODUCTIVITY_PER_YEAR: f64 = 240_000.0;
const ADOPTION_YEAR_1: f64 = 0.4;

/// The model the demo case is built on.
const MODEL_JSON: &str = include_str!("../../../examples/models/business-case-5y.json");

/// The customer of the demo's committed project, which has no success
/// account yet: the journey page's "Make it the success plan" starts it.
pub const COMMITTED_CUSTOMER: (&str, &str) = ("northwind-traders", "Northwind Traders");

/// Saves a case of `customer` (id, name) on the demo model at `step`, with
/// `inputs` (JSON members), as revision 1.
fn save_case(
    store: &Store,
    title: &str,
    customer: (&str, &str),
    step: &str,
    inputs: &str,
) -> Result<i64, String> {
    let (id, name) = customer;
    let case_json = format!(
        r#"{{"schema":"yardstick/case@1","title":"{title}","customer":{{"id":"{id}","name":"{name}"}},"model":{{"id":"business-case-5y","version":"1.0.0","document":{MODEL_JSON}}},"inputs":{{{inputs}}},"step":"{step}","author":"demo"}}"#
    );
    let node = node_from_json(&case_json).map_err(|_| "a demo case is not JSON".to_string())?;
    let case = read_case(&node).map_err(|_| "a demo case does not read".to_string())?;
    let figures = case_figures(&case).map_err(|_| "a demo case has no figures".to_string())?;
    store
        .create_case(&new_revision(&case, &figures, None))
        .map_err(|err| format!("a demo case was not stored: {err}"))
}

/// The Evaluate phase of the demo's journeys: a case of the first linked
/// account's own at the detailed case, and a committed project of a
/// customer without an account ([`COMMITTED_CUSTOMER`]). Call after
/// [`link_demo_case`].
pub fn save_journey_cases(store: &Store, data: &SuccessData) -> Result<(), String> {
    if let Some(account) = data.accounts.iter().find(|a| a.case.is_some()) {
        save_case(
            store,
            "Second site rollout",
            (&account.id, &account.name),
            "detailed_case",
            r#""adoption_year1":0.5"#,
        )?;
    }
    save_case(
        store,
        "Northwind Traders: analytics rollout",
        COMMITTED_CUSTOMER,
        "commitment",
        r#""adoption_year1":0.5,"subscription_per_year":90000"#,
    )?;
    Ok(())
}

/// Saves the demo case and links the first never-churned accounts of
/// `data` to it, adding their realised rows. Call before importing `data`.
pub fn link_demo_case(store: &Store, data: &mut SuccessData) -> Result<(), String> {
    let case_json = format!(
        r#"{{"schema":"yardstick/case@1","title":"Demo rollout business case","customer":{{"id":"demo","name":"Demo customers"}},"model":{{"id":"business-case-5y","version":"1.0.0","document":{MODEL_JSON}}},"inputs":{{}},"step":"business_review","author":"demo"}}"#
    );
    let node = node_from_json(&case_json).map_err(|_| "the demo case is not JSON".to_string())?;
    let case = read_case(&node).map_err(|_| "the demo case does not read".to_string())?;
    let figures = case_figures(&case).map_err(|_| "the demo case has no figures".to_string())?;
    let case_id = store
        .create_case(&new_revision(&case, &figures, None))
        .map_err(|err| format!("the demo case was not stored: {err}"))?;
    let link = CaseLink {
        id: u64::try_from(case_id).map_err(|_| "a negative case id".to_string())?,
        revision: 1,
    };
    let Some(latest) = data.signals.iter().map(|s| s.date).max() else {
        return Ok(());
    };
    let churned: Vec<&str> = data
        .renewals
        .iter()
        .filter(|r| r.result == RenewalResult::Churned)
        .map(|r| r.account.as_str())
        .collect();
    let mut realised = Vec::new();
    let mut linked = 0;
    for account in &mut data.accounts {
        if linked >= LINKED_ACCOUNTS {
            break;
        }
        if churned.contains(&account.id.as_str()) {
            continue;
        }
        let factor = REALISED_FACTORS.get(linked).copied().unwrap_or(1.0);
        linked += 1;
        account.case = Some(link);
        for year in 0..5_i64 {
            let Some(day) = account
                .contract_start
                .plus_months(12 * year)
                .and_then(|start| start.plus_days(182))
                .filter(|day| *day <= latest)
            else {
                break;
            };
            let mut row = |input: &str, value: f64| {
                realised.push(RealisedValue {
                    account: account.id.clone(),
                    date: day,
                    input: input.to_string(),
                    value,
                });
            };
            row(
                "productivity_benefit_per_year",
                PRODUCTIVITY_PER_YEAR * factor,
            );
            if year == 0 {
                row("adoption_year1", (ADOPTION_YEAR_1 * factor).min(1.0));
            }
        }
    }
    data.realised.extend(realised);
    Ok(())
}
