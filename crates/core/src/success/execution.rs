//! The Execute phase's checklists (docs/success.md, "Execution"): an
//! account's degree of ideal set-up and of ideal execution on a date,
//! 0 to 1, scored by the scorecard engine (`scoring`) with one measure per
//! checklist item (done 1, not done 0, each item's weight from the
//! settings, 1 by default), what is missing, and "measure and report": the
//! account's outcomes read on the date (`outcomes`).
//!
//! Decisions:
//!
//! - an item's state on `d` is its latest row dated on or before `d`
//!   (point-in-time); an item without one is not done;
//! - a list's degree is **missing** when the account has no row of that
//!   list on or before `d` (no data is not "nothing done", as for every
//!   health measure), when the list is empty, or when no item weighs more
//!   than 0; rows naming items the settings no longer list are ignored;
//! - the health source `execution` reads the execution list's degree.

use super::data::{ChecklistKind, ChecklistMark, Outcome};
use super::date::Date;
use super::outcomes::{outcome_on, OutcomeReading};
use super::settings::{ChecklistItem, Checklists};
use crate::scoring::{
    GradeBand, Measure, MeasureSource, MissingPolicy, ScoreInputs, Scorecard, ScoringRule,
    VerdictThresholds,
};

/// One checklist item of an account on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    /// The item's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Done on the date.
    pub done: bool,
    /// The date of the row that set the state, when one did.
    pub since: Option<Date>,
    /// That row's note.
    pub note: Option<String>,
}

/// One list of an account on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct ListReading {
    /// 0 to 1 (the engine's score over 100); see the module's decisions.
    pub degree: Option<f64>,
    /// Every item of the settings' list, in its order.
    pub items: Vec<ItemState>,
    /// The ids of the items not done, in the list's order.
    pub missing: Vec<String>,
}

/// An account's Execute phase on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionReading {
    /// The ideal set-up.
    pub setup: ListReading,
    /// The ideal execution.
    pub execution: ListReading,
    /// Measure and report: each outcome past its baseline, `(id, reading)`.
    pub outcomes: Vec<(String, OutcomeReading)>,
}

/// The account's Execute phase on `date`, from its own `marks` (any
/// order) and outcomes.
pub fn execution_on(
    marks: &[&ChecklistMark],
    outcomes: &[&Outcome],
    checklists: &Checklists,
    date: Date,
) -> ExecutionReading {
    let mut readings = Vec::new();
    for outcome in outcomes {
        if let Some(reading) = outcome_on(outcome, date) {
            readings.push((outcome.id.clone(), reading));
        }
    }
    ExecutionReading {
        setup: list_on(marks, ChecklistKind::Setup, &checklists.setup, date),
        execution: list_on(marks, ChecklistKind::Execution, &checklists.execution, date),
        outcomes: readings,
    }
}

/// The degree of the execution list alone: the health source `execution`.
pub fn execution_degree(
    marks: &[&ChecklistMark],
    checklists: &Checklists,
    date: Date,
) -> Option<f64> {
    list_on(marks, ChecklistKind::Execution, &checklists.execution, date).degree
}

/// One list on `date`.
pub fn list_on(
    marks: &[&ChecklistMark],
    list: ChecklistKind,
    items: &[ChecklistItem],
    date: Date,
) -> ListReading {
    let mut any_row = false;
    let mut states = Vec::with_capacity(items.len());
    for item in items {
        let latest = marks
            .iter()
            .filter(|mark| mark.list == list && mark.date <= date && mark.item == item.id)
            .max_by_key(|mark| mark.date);
        any_row |= latest.is_some();
        states.push(ItemState {
            id: item.id.clone(),
            label: item.label.clone(),
            done: latest.is_some_and(|mark| mark.done),
            since: latest.map(|mark| mark.date),
            note: latest.and_then(|mark| mark.note.clone()),
        });
    }
    let missing = states
        .iter()
        .filter(|state| !state.done)
        .map(|state| state.id.clone())
        .collect();
    let degree = if any_row {
        degree(items, &states)
    } else {
        None
    };
    ListReading {
        degree,
        items: states,
        missing,
    }
}

/// The engine's score of the items, over 100; `None` when the engine
/// refuses the scorecard (an empty list, no positive weight).
fn degree(items: &[ChecklistItem], states: &[ItemState]) -> Option<f64> {
    let mut measures = Vec::with_capacity(items.len());
    let mut inputs = ScoreInputs::new();
    for (item, state) in items.iter().zip(states) {
        measures.push(Measure {
            id: item.id.clone(),
            label: item.label.clone(),
            source: MeasureSource::Supplied(item.id.clone()),
            rule: ScoringRule::Linear {
                worst: 0.0,
                best: 1.0,
            },
            weight: item.weight,
            gate: false,
        });
        inputs.set_supplied(&item.id, if state.done { 1.0 } else { 0.0 });
    }
    let scorecard = Scorecard {
        id: "checklist".to_string(),
        title: "Checklist".to_string(),
        measures,
        grades: vec![
            GradeBand {
                label: "complete".to_string(),
                min_score_0_to_100: 100.0,
            },
            GradeBand {
                label: "incomplete".to_string(),
                min_score_0_to_100: 0.0,
            },
        ],
        missing_policy: MissingPolicy::Exclude,
        verdict_thresholds: VerdictThresholds {
            positive_at: 100.0,
            marginal_at: 50.0,
        },
    };
    let result = scorecard.score(&inputs).ok()?;
    Some(result.score_0_to_100 / 100.0)
}

#[cfg(test)]
#[path = "execution_test.rs"]
mod tests;
