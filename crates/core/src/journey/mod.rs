//! One customer's whole journey on one page (docs/journey.md): the four
//! phases of the lifecycle (docs: the domain's "Develop, Evaluate, Execute,
//! Prosper") with every measure of each step, from what the three stores
//! hold: the collector's leads and page views, the saved cases and the
//! success data.
//!
//! Who is one customer: a success account and the cases whose
//! `customer.id` equals the account's id (plus the case the account links,
//! whatever customer it names); the leads whose contact e-mail is at one
//! of the account's `domains` ([`mod@develop`]). A customer known only from
//! cases has Evaluate alone; one known only from its account has no
//! Evaluate cases.
//!
//! Pure: the caller reads the stores and hands the rows; no clock (the
//! pipeline's moment and the account's date are arguments). Bounded: at
//! most [`MAX_LEADS`] leads and [`MAX_PAGE_VIEWS`] page views; the cases
//! within the pipeline's own bound; health within the health table's.

pub mod account;
pub mod develop;
pub mod evaluate;
pub mod nodes;
pub mod plan;

use crate::cases::pipeline::CaseHistory;
use crate::scoring::PipelineError;
use account::{account_phases, AccountInput, AccountPhases};
use develop::{customer_leads, develop, Develop, LeadFacts, PageViewFacts};
use evaluate::{evaluate, Evaluate};

/// The most leads one journey reads.
pub const MAX_LEADS: usize = 10_000;
/// The most page views one journey reads.
pub const MAX_PAGE_VIEWS: usize = 200_000;

/// What a journey is computed from.
#[derive(Debug, Clone, Copy)]
pub struct JourneyInput<'a> {
    /// The customer: an account id, or a case's `customer.id`.
    pub customer_id: &'a str,
    /// Candidate leads (the caller may pre-select by domain; the rule is
    /// applied here).
    pub leads: &'a [LeadFacts],
    /// The page views of the customer's leads and of their visitors.
    pub page_views: &'a [PageViewFacts],
    /// The customer's cases' histories.
    pub cases: &'a [CaseHistory],
    /// The pipeline's moment, ms since the epoch.
    pub as_of_ms: f64,
    /// The success data and settings, when the store holds success data.
    pub account: Option<AccountInput<'a>>,
}

/// One customer's journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Journey {
    /// The customer's id.
    pub customer_id: String,
    /// The account's name, else the latest case's customer name.
    pub customer_name: String,
    /// Develop.
    pub develop: Develop,
    /// Evaluate.
    pub evaluate: Evaluate,
    /// Execute and Prosper, when the customer has a success account.
    pub account: Option<AccountPhases>,
}

/// Why there is no journey.
#[derive(Debug, Clone, PartialEq)]
pub enum JourneyError {
    /// Neither an account nor a case of that customer.
    UnknownCustomer,
    /// More rows than a journey reads.
    TooMany {
        /// Which rows.
        what: &'static str,
        /// The bound.
        limit: usize,
    },
    /// The pipeline refused (too many cases, a bad moment).
    Pipeline(PipelineError),
    /// Health could not be computed (why).
    Health(String),
}

impl std::fmt::Display for JourneyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JourneyError::UnknownCustomer => f.write_str("no account or case of that customer"),
            JourneyError::TooMany { what, limit } => {
                write!(f, "more than {limit} {what} for one customer")
            }
            JourneyError::Pipeline(err) => write!(f, "the pipeline could not be computed: {err}"),
            JourneyError::Health(why) => write!(f, "health could not be computed: {why}"),
        }
    }
}

/// The journey of `input.customer_id`.
pub fn build_journey(input: &JourneyInput<'_>) -> Result<Journey, JourneyError> {
    if input.leads.len() > MAX_LEADS {
        return Err(JourneyError::TooMany {
            what: "leads",
            limit: MAX_LEADS,
        });
    }
    if input.page_views.len() > MAX_PAGE_VIEWS {
        return Err(JourneyError::TooMany {
            what: "page views",
            limit: MAX_PAGE_VIEWS,
        });
    }
    let phases = match &input.account {
        Some(account) => {
            account_phases(account, input.customer_id).map_err(JourneyError::Health)?
        }
        None => None,
    };
    let latest_case = input
        .cases
        .iter()
        .filter(|case| case.customer_id == input.customer_id)
        .max_by(|a, b| {
            let at = |c: &CaseHistory| c.marks.last().map_or(0.0, |m| m.saved_at_ms);
            at(a).total_cmp(&at(b))
        });
    let customer_name = match (&phases, latest_case) {
        (Some(phases), _) => phases.account.name.clone(),
        (None, Some(case)) => case.customer_name.clone(),
        (None, None) => return Err(JourneyError::UnknownCustomer),
    };
    let domains = phases
        .as_ref()
        .map_or(&[][..], |p| p.account.domains.as_slice());
    let leads = customer_leads(domains, input.leads);
    Ok(Journey {
        customer_id: input.customer_id.to_string(),
        customer_name,
        develop: develop(domains, &leads, input.page_views),
        evaluate: evaluate(input.cases, input.as_of_ms).map_err(JourneyError::Pipeline)?,
        account: phases,
    })
}

#[cfg(test)]
#[path = "journey_test.rs"]
mod tests;
