//! A committed project becomes its customer's success plan (docs/journey.md,
//! "A success plan from a committed case"): the case at the `commitment`
//! step makes (or updates) the customer's success account, linked to the
//! case and revision, with one outcome per benefit line of the case.
//!
//! Decisions made here:
//!
//! - **Which case**: its latest revision, at `commitment` and not dropped;
//!   anything else is refused with the reason.
//! - **The commitment date**: the UTC day of the first revision of the
//!   case's history at `commitment` (when the project was started). It is
//!   the new account's `contractStart`, and its `renewal` is a year later.
//! - **The account**: id and name are the case's `customer`; currency the
//!   case's (its settings', else its model's). An account already stored
//!   keeps its fields and gains the link. A new account's annual value is
//!   the caller's `annualValue`, else what the model says: the first of
//!   [`ANNUAL_VALUE_IDS`] that is an output or an input of the model with
//!   a number for the case's inputs (the subscription the customer pays
//!   each year); without either the plan is refused, so the caller asks.
//! - **The outcomes**: one per benefit line of the case (the lines realised
//!   value compares: `success::realised`), direction increase, unit the
//!   currency, baseline 0 on the commitment date (no benefit before the
//!   project), target the line's projected value over the first year from
//!   the commitment date, dated the last day of that year. Their ids are
//!   `plan-{caseId}-{line}` (cut to 64 characters), so a repeat writes the
//!   same rows.
//! - **Idempotent**: when the stored account already links this case and
//!   revision and holds every outcome, nothing is to be written.

use crate::cases::pipeline::CaseHistory;
use crate::cases::read::CaseDocument;
use crate::engagement::envelope::is_valid_id;
use crate::model::spec::InputValue;
use crate::model::CompiledModel;
use crate::scoring::{PipelineStage, MS_PER_DAY};
use crate::success::data::{Account, CaseLink, DatedValue, Outcome, OutcomeDirection};
use crate::success::date::Date;
use crate::success::realised::{realised_to_date, RealisedError};

/// The ids (outputs or inputs) whose value is the account's annual value,
/// in the order they are tried.
pub const ANNUAL_VALUE_IDS: [&str; 3] = [
    "annual_value",
    "subscription_per_year",
    "annual_product_cost",
];

/// The most an annual value may be (the success data's bound).
const MAX_ANNUAL_VALUE: f64 = 1e12;

/// Why a case cannot become a success plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanRefusal {
    /// The case's latest revision is at another step.
    NotCommitted(PipelineStage),
    /// The project was dropped.
    Dropped,
    /// No annual value was given and the model names none.
    NoAnnualValue,
    /// The given annual value is not 0 to 1e12.
    BadAnnualValue,
    /// The case's customer id is not a success id, or its model cannot be
    /// read for benefit lines (why).
    NotUsable(String),
}

impl std::fmt::Display for PlanRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanRefusal::NotCommitted(step) => write!(
                f,
                "the case is at step {step}: only a case at commitment becomes a success plan"
            ),
            PlanRefusal::Dropped => f.write_str("the project was dropped: reopen it first"),
            PlanRefusal::NoAnnualValue => f.write_str(
                "the case's model names no annual value (annual_value, subscription_per_year \
                 or annual_product_cost): give annualValue",
            ),
            PlanRefusal::BadAnnualValue => {
                f.write_str("annualValue must be a number from 0 to 1e12")
            }
            PlanRefusal::NotUsable(why) => f.write_str(why),
        }
    }
}

/// What a plan is made from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The case's id.
    pub case_id: u64,
    /// Its latest revision's number.
    pub revision: u64,
    /// That revision's document.
    pub case: &'a CaseDocument,
    /// The case's revisions (for the commitment date) and currency.
    pub history: &'a CaseHistory,
    /// The customer's stored account, when there is one.
    pub stored: Option<&'a Account>,
    /// The stored outcome ids of that account.
    pub stored_outcomes: &'a [String],
    /// The annual value the caller gives, if any.
    pub annual_value: Option<f64>,
}

/// The rows a plan writes.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessPlan {
    /// The account, linked to the case.
    pub account: Account,
    /// The outcomes prefilled from the case.
    pub outcomes: Vec<Outcome>,
    /// Whether anything differs from what is stored.
    pub changed: bool,
    /// The commitment date.
    pub committed_on: Date,
}

/// The plan of a committed case, or why there is none.
pub fn success_plan(input: &PlanInput<'_>) -> Result<SuccessPlan, PlanRefusal> {
    let case = input.case;
    if case.dropped.is_some() {
        return Err(PlanRefusal::Dropped);
    }
    if case.step != PipelineStage::Commitment {
        return Err(PlanRefusal::NotCommitted(case.step));
    }
    if !is_valid_id(&case.customer.id) {
        return Err(PlanRefusal::NotUsable(
            "the case's customer id is not a success account id".into(),
        ));
    }
    let committed_ms = input
        .history
        .marks
        .iter()
        .find(|mark| mark.step == PipelineStage::Commitment)
        .map_or(0.0, |mark| mark.saved_at_ms);
    let committed_on = date_of_ms(committed_ms)
        .ok_or_else(|| PlanRefusal::NotUsable("the commitment's date is out of range".into()))?;
    let year_end = committed_on
        .plus_months(12)
        .and_then(|d| d.plus_days(-1))
        .ok_or_else(|| PlanRefusal::NotUsable("the first year ends out of range".into()))?;
    let link = CaseLink {
        id: input.case_id,
        revision: input.revision,
    };
    let account = match input.stored {
        Some(stored) => Account {
            case: Some(link),
            ..stored.clone()
        },
        None => {
            let annual_value = match input.annual_value {
                Some(value) if value.is_finite() && (0.0..=MAX_ANNUAL_VALUE).contains(&value) => {
                    value
                }
                Some(_) => return Err(PlanRefusal::BadAnnualValue),
                None => model_annual_value(case)?.ok_or(PlanRefusal::NoAnnualValue)?,
            };
            Account {
                id: case.customer.id.clone(),
                name: case.customer.name.clone(),
                segment: None,
                owner: None,
                annual_value,
                currency: input.history.currency.clone(),
                contract_start: committed_on,
                first_value: None,
                renewal: committed_on
                    .plus_months(12)
                    .ok_or_else(|| PlanRefusal::NotUsable("the renewal is out of range".into()))?,
                stage_override: None,
                case: Some(link),
                domains: Vec::new(),
            }
        }
    };
    let report = realised_to_date(case, committed_on, &[], year_end).map_err(|err| match err {
        RealisedError::Case(why) => PlanRefusal::NotUsable(why),
        RealisedError::NoBenefits => PlanRefusal::NotUsable(
            "the case's model names no cashFlow.benefits series to make outcomes of".into(),
        ),
    })?;
    let outcomes: Vec<Outcome> = report
        .lines
        .iter()
        .map(|line| Outcome {
            id: outcome_id(input.case_id, &line.id),
            account: account.id.clone(),
            label: line.label.clone().unwrap_or_else(|| line.id.clone()),
            unit: Some(account.currency.clone()),
            direction: OutcomeDirection::Increase,
            baseline: DatedValue {
                value: 0.0,
                date: committed_on,
            },
            target: DatedValue {
                value: line.projected_to_date,
                date: year_end,
            },
            actuals: Vec::new(),
            renegotiations: Vec::new(),
        })
        .collect();
    let changed = input
        .stored
        .map_or(true, |stored| stored.case != Some(link))
        || outcomes
            .iter()
            .any(|outcome| !input.stored_outcomes.contains(&outcome.id));
    Ok(SuccessPlan {
        account,
        outcomes,
        changed,
        committed_on,
    })
}

/// `plan-{caseId}-{line}`, cut to the 64 characters an id may have.
pub fn outcome_id(case_id: u64, line: &str) -> String {
    // Cut at a character boundary (an id is ASCII when valid, but the
    // line's id is the model's).
    format!("plan-{case_id}-{line}").chars().take(64).collect()
}

/// The UTC day of `ms` since the epoch.
pub fn date_of_ms(ms: f64) -> Option<Date> {
    if !ms.is_finite() {
        return None;
    }
    // 1970-01-01 is the serial 25,569 in Excel's 1900 system.
    let days = (ms / MS_PER_DAY).floor();
    if days.abs() > 3e6 {
        return None;
    }
    Date::from_serial(25_569 + days as i64)
}

/// The first of [`ANNUAL_VALUE_IDS`] the case's model gives a number for.
fn model_annual_value(case: &CaseDocument) -> Result<Option<f64>, PlanRefusal> {
    let model = CompiledModel::compile(&case.model_document)
        .map_err(|_| PlanRefusal::NotUsable("the case's model does not compile".into()))?;
    let mut inputs = model.default_inputs();
    for (id, node) in &case.inputs {
        let Ok(index) = model.input_index(id) else {
            continue;
        };
        if let (Ok(value), Some(slot)) = (
            model.input_from_node(index, node.clone()),
            inputs.get_mut(index),
        ) {
            *slot = value;
        }
    }
    let state = model.evaluate(&inputs);
    let spec = model.spec();
    for wanted in ANNUAL_VALUE_IDS {
        if let Some(index) = spec.outputs.iter().position(|o| o.id == wanted) {
            if let Some(value) = state.output_number(&model, index) {
                return Ok(Some(value).filter(|v| (0.0..=MAX_ANNUAL_VALUE).contains(v)));
            }
        }
        if let Some(index) = spec.inputs.iter().position(|i| i.id == wanted) {
            if let Some(InputValue::Number(value)) = inputs.get(index) {
                return Ok(Some(*value).filter(|v| (0.0..=MAX_ANNUAL_VALUE).contains(v)));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
#[path = "plan_test.rs"]
mod tests;
