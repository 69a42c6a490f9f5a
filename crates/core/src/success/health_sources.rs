//! The health measures read from the Execute phase (docs/success.md):
//! `realised_over_projected` (the account's case re-evaluated with its
//! realised values, [`super::realised`]) and `execution` (the execution
//! checklist's degree, [`super::execution`]), per account, point-in-time
//! on each cell's reading date.
//!
//! The case documents come from the caller (the core does no I/O): a map
//! from account id to the case its `case` link names. An account without
//! one, or whose case cannot be compared (its model does not compile or
//! declares no benefits), reads `realised_over_projected` as missing.

use std::collections::BTreeMap;

use super::data::{Account, ChecklistMark, RealisedValue};
use super::date::Date;
use super::execution::execution_degree;
use super::realised::RealisedTimeline;
use super::settings::{Checklists, HealthSource, SuccessSettings};
use crate::cases::read::CaseDocument;

/// The case document of each account that links one, by account id.
pub type CaseDocuments = BTreeMap<String, CaseDocument>;

/// Which of the two sources some scorecard reads (the others cost nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct SourcesUsed {
    pub realised: bool,
    pub execution: bool,
}

impl SourcesUsed {
    pub(super) fn of(settings: &SuccessSettings) -> SourcesUsed {
        let uses = |wanted: HealthSource| {
            settings
                .scorecards
                .iter()
                .any(|card| card.measures.iter().any(|m| m.source == wanted))
        };
        SourcesUsed {
            realised: uses(HealthSource::RealisedOverProjected),
            execution: uses(HealthSource::Execution),
        }
    }
}

/// One account's Execute-phase readings.
pub(super) struct AccountSources<'a> {
    realised: Option<RealisedTimeline>,
    marks: Vec<&'a ChecklistMark>,
    checklists: &'a Checklists,
}

impl<'a> AccountSources<'a> {
    /// The account's timeline up to `last_date` (the last snapshot) and
    /// its checklist rows, each only when some scorecard reads it.
    pub(super) fn new(
        used: SourcesUsed,
        (account, cases, last_date): (&Account, &CaseDocuments, Option<Date>),
        realised_rows: Vec<&'a RealisedValue>,
        marks: Vec<&'a ChecklistMark>,
        checklists: &'a Checklists,
    ) -> AccountSources<'a> {
        let realised = match (used.realised, cases.get(&account.id), last_date) {
            (true, Some(case), Some(until)) => {
                RealisedTimeline::new(case, account.contract_start, &realised_rows, until).ok()
            }
            _ => None,
        };
        AccountSources {
            realised,
            marks: if used.execution { marks } else { Vec::new() },
            checklists,
        }
    }

    /// The value of a computed source on `read_on` (`None` for others).
    pub(super) fn value(&self, source: &HealthSource, read_on: Date) -> Option<f64> {
        match source {
            HealthSource::RealisedOverProjected => self.realised.as_ref()?.ratio_on(read_on),
            HealthSource::Execution => execution_degree(&self.marks, self.checklists, read_on),
            _ => None,
        }
    }
}

#[cfg(test)]
#[path = "health_sources_test.rs"]
mod tests;
