//! The Execute and Prosper phases of one customer with a success account
//! (docs/journey.md, "Execute" and "Prosper"), as the success page
//! computes them (docs/success.md), on one date.
//!
//! - **The date** (`asOf`): the caller's, else the latest signal or event
//!   of the whole success data (the success page's default snapshot).
//! - **Execute**: the set-up and execution checklists' degrees and the
//!   items not done (`success::execution`), and measure and report: the
//!   account's outcomes past their baseline and how many have an actual.
//! - **Prosper**: each outcome's progress and status (`success::outcomes`),
//!   health (`success::health` over the account's own rows, on the success
//!   page's default snapshots: every month end of the 23 months before the
//!   date, and the date), its trend (`success::trends`), realised against
//!   projected value (`success::realised`) and the renewals.

use crate::cases::read::CaseDocument;
use crate::formula::functions::date_serial::ymd_from_serial;
use crate::success::data::{Account, Outcome, Renewal, Stage, SuccessData};
use crate::success::date::Date;
use crate::success::execution::{execution_on, ListReading};
use crate::success::health::{CaseDocuments, HealthTable};
use crate::success::outcomes::{outcome_on, OutcomeReading};
use crate::success::realised::{realised_to_date, RealisedError, RealisedReport};
use crate::success::settings::{Grade, SuccessSettings};
use crate::success::signal_index::SignalIndex;
use crate::success::stages::AccountTimeline;
use crate::success::trends::trend;

/// What the account's phases are computed from.
#[derive(Debug, Clone, Copy)]
pub struct AccountInput<'a> {
    /// The whole success data (the account's rows are taken from it).
    pub data: &'a SuccessData,
    /// The team's settings in force.
    pub settings: &'a SuccessSettings,
    /// The document of the case revision the account links, when stored.
    pub case: Option<&'a CaseDocument>,
    /// The date to read; `None`: the data's latest signal or event.
    pub as_of: Option<Date>,
}

/// The Execute phase on the date.
#[derive(Debug, Clone, PartialEq)]
pub struct Execute {
    /// The ideal set-up checklist: degree, items, missing.
    pub setup: ListReading,
    /// The ideal execution checklist.
    pub execution: ListReading,
    /// Outcomes past their baseline date.
    pub outcomes: usize,
    /// Of those, the ones with an actual on or before the date.
    pub outcomes_measured: usize,
}

/// Health on the date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HealthReading {
    /// The stage (`None` before the contract).
    pub stage: Option<Stage>,
    /// Read as on the churn date.
    pub frozen: bool,
    /// 0 to 100, when the stage has a scorecard with fresh data.
    pub score: Option<f64>,
    /// The score's grade.
    pub grade: Option<Grade>,
    /// The share of the weight backed by data.
    pub coverage: f64,
    /// Points since the previous snapshot.
    pub change_previous: Option<f64>,
    /// Points over about 30 days.
    pub change_30_days: Option<f64>,
    /// Points over about 90 days.
    pub change_90_days: Option<f64>,
}

/// Realised against projected value, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum RealisedStanding {
    /// The account links no case.
    NoCase,
    /// Its linked case revision is not stored.
    NotLoaded,
    /// The case cannot be compared (why).
    NotComparable(String),
    /// Compared.
    Compared(RealisedReport),
}

/// One outcome on the date.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeLine {
    /// The outcome as stored.
    pub outcome: Outcome,
    /// Its reading; `None` before its baseline date.
    pub reading: Option<OutcomeReading>,
}

/// The Prosper phase on the date.
#[derive(Debug, Clone, PartialEq)]
pub struct Prosper {
    /// Health, with its trend.
    pub health: HealthReading,
    /// The account's outcomes, in the data's order.
    pub outcomes: Vec<OutcomeLine>,
    /// Realised against projected value.
    pub realised: RealisedStanding,
    /// The renewals on or before the date, oldest first.
    pub renewals: Vec<Renewal>,
    /// The next renewal after the date (none once churned).
    pub next_renewal: Option<Date>,
    /// The churn date, when on or before the date.
    pub churned_on: Option<Date>,
}

/// An account's Execute and Prosper phases on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountPhases {
    /// The account.
    pub account: Account,
    /// The date read.
    pub as_of: Date,
    /// Execute.
    pub execute: Execute,
    /// Prosper.
    pub prosper: Prosper,
}

/// The phases of account `id`; `Ok(None)` when the data has no such
/// account. Fails when health cannot be computed (its bound).
pub fn account_phases(input: &AccountInput<'_>, id: &str) -> Result<Option<AccountPhases>, String> {
    let data = input.data;
    let Some(account) = data.accounts.iter().find(|a| a.id == id) else {
        return Ok(None);
    };
    let as_of = input.as_of.unwrap_or_else(|| {
        let latest_signal = data.signals.iter().map(|s| s.date).max();
        let latest_event = data.events.iter().map(|e| e.date).max();
        latest_signal
            .max(latest_event)
            .unwrap_or(account.contract_start)
    });
    let own = own_rows(data, account);
    let outcomes: Vec<&Outcome> = own.outcomes.iter().collect();
    let marks: Vec<_> = own.checklist.iter().collect();
    let reading = execution_on(&marks, &outcomes, &input.settings.checklists, as_of);
    let execute = Execute {
        outcomes: reading.outcomes.len(),
        outcomes_measured: reading
            .outcomes
            .iter()
            .filter(|(_, r)| r.current.is_some())
            .count(),
        setup: reading.setup,
        execution: reading.execution,
    };
    let mut cases = CaseDocuments::new();
    if let (Some(_), Some(case)) = (account.case, input.case) {
        cases.insert(account.id.clone(), case.clone());
    }
    let health = health_on(&own, input.settings, &cases, as_of)?;
    let realised = match (account.case, input.case) {
        (None, _) => RealisedStanding::NoCase,
        (Some(_), None) => RealisedStanding::NotLoaded,
        (Some(_), Some(case)) => {
            let rows: Vec<_> = own.realised.iter().collect();
            match realised_to_date(case, account.contract_start, &rows, as_of) {
                Ok(report) => RealisedStanding::Compared(report),
                Err(RealisedError::Case(message)) => RealisedStanding::NotComparable(message),
                Err(RealisedError::NoBenefits) => RealisedStanding::NotComparable(
                    "the case's model names no cashFlow.benefits series".into(),
                ),
            }
        }
    };
    let timeline = AccountTimeline::new(account, input.settings.stages, &own.renewals);
    let churned_on = timeline.churned_on().filter(|churn| *churn <= as_of);
    let next_renewal = if churned_on.is_some() {
        None
    } else {
        timeline.next_renewal_on(as_of)
    };
    let mut renewals: Vec<Renewal> = own
        .renewals
        .iter()
        .filter(|r| r.date <= as_of)
        .cloned()
        .collect();
    renewals.sort_by_key(|r| r.date);
    let prosper = Prosper {
        health,
        outcomes: own
            .outcomes
            .iter()
            .map(|outcome| OutcomeLine {
                reading: outcome_on(outcome, as_of),
                outcome: outcome.clone(),
            })
            .collect(),
        realised,
        renewals,
        next_renewal,
        churned_on,
    };
    Ok(Some(AccountPhases {
        account: account.clone(),
        as_of,
        execute,
        prosper,
    }))
}

/// The account's own rows, as a data set of one account.
fn own_rows(data: &SuccessData, account: &Account) -> SuccessData {
    let mine = |other: &str| other == account.id;
    SuccessData {
        accounts: vec![account.clone()],
        signals: data
            .signals
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
        events: data
            .events
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
        outcomes: data
            .outcomes
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
        renewals: data
            .renewals
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
        realised: data
            .realised
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
        checklist: data
            .checklist
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
        plays: data
            .plays
            .iter()
            .filter(|r| mine(&r.account))
            .cloned()
            .collect(),
    }
}

/// The success page's default snapshots up to `to`: every month end from
/// 23 months before it, and `to` itself.
pub fn snapshot_dates(to: Date) -> Vec<Date> {
    let mut dates = Vec::new();
    let mut month = to.plus_months(-23).unwrap_or(to);
    while let Some(end) = month_end(month) {
        if end > to {
            break;
        }
        dates.push(end);
        let Some(next) = end.plus_days(1) else { break };
        month = next;
    }
    if dates.last() != Some(&to) {
        dates.push(to);
    }
    dates
}

/// The last day of `date`'s month.
fn month_end(date: Date) -> Option<Date> {
    let civil = ymd_from_serial(date.serial())?;
    Date::from_ymd(civil.year, civil.month, 1)?
        .plus_months(1)?
        .plus_days(-1)
}

fn health_on(
    own: &SuccessData,
    settings: &SuccessSettings,
    cases: &CaseDocuments,
    as_of: Date,
) -> Result<HealthReading, String> {
    let dates = snapshot_dates(as_of);
    let index = SignalIndex::new(own);
    let table = HealthTable::build_with_cases(own, &index, settings, &dates, cases)
        .map_err(|err| err.to_string())?;
    let last = table.dates().len().saturating_sub(1);
    let cell = table.cell(0, last).copied();
    let changes = trend(&table, 0, last);
    Ok(HealthReading {
        stage: cell.and_then(|c| c.stage),
        frozen: cell.is_some_and(|c| c.frozen),
        score: cell.and_then(|c| c.score),
        grade: cell.and_then(|c| c.grade),
        coverage: cell.map_or(0.0, |c| c.coverage),
        change_previous: changes.previous.map(|c| c.points),
        change_30_days: changes.days_30.map(|c| c.points),
        change_90_days: changes.days_90.map(|c| c.points),
    })
}

#[cfg(test)]
#[path = "account_test.rs"]
mod tests;
