//! The Evaluate pipeline of saved cases: how each case's revisions become
//! the pipeline's [`StageEvent`]s, how long a case has been at its step,
//! which cases are stalled, and the report (counts, values, conversions,
//! days in stage) per currency.
//!
//! The rules (docs/cases.md, "The pipeline"):
//!
//! - Revisions are taken in revision order; a revision's time is its save
//!   time, or the previous revision's when the clock went back, so time
//!   never runs backwards along a case.
//! - Business review: passed when the case was first saved.
//! - Projects review, decision, commitment: passed at the first revision
//!   whose step is that step or a later one.
//! - High-level case and detailed case are gates: passed at the first
//!   revision whose step is at or past the gate's step **and** whose
//!   scorecard says the case is positive at that depth
//!   (`scoring::is_positive_case`), provided that happened no later than
//!   the case first reached the next step. A case that moved past a gate
//!   without a positive case has no event there: the core counts it as
//!   having reached the stage by implication (`skipped_count`), and
//!   [`CaseStanding::without_positive_case`] names the gate.
//! - A gate once passed stays passed; the case's current verdict is shown
//!   beside it.
//! - Days in step run from the first revision of the latest run of
//!   revisions at the current step to `as_of_ms`; a case is stalled when
//!   that exceeds `stalled_after_days` and its step is not commitment
//!   (commitment ends the Evaluate phase).
//! - A case's pipeline value is its value (docs/cases.md, "Value"), 0 when
//!   it has none or it is negative: a case with a negative NPV is still a
//!   project in the pipeline, worth nothing yet.
//! - Values are never added across currencies: one report per currency.
//! - A dropped case (the latest revision carries `dropped`) is closed at
//!   the drop: the first revision of the latest run of dropped revisions.
//!   Only the revisions up to that one make its events (edits while it is
//!   dropped pass no gate), and its last event carries the core's
//!   [`StageOutcome::Dropped`], so it counts as having reached every stage
//!   up to the last one it passed, is never open or stalled there, and its
//!   days in that stage end at the drop. A reopened case is open again
//!   with all its revisions: the time it spent dropped counts as time at
//!   its step.
//!
//! Timestamps are arguments; nothing here reads a clock.

use crate::scoring::{
    evaluate_pipeline, PipelineError, PipelineProject, PipelineReport, PipelineStage, StageEvent,
    StageOutcome, MS_PER_DAY,
};

/// The stalled threshold when the caller names none, in days.
pub const DEFAULT_STALLED_AFTER_DAYS: f64 = 30.0;

/// What the pipeline needs of one revision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RevisionMark {
    /// When the revision was saved, ms since the epoch (the server's clock).
    pub saved_at_ms: f64,
    /// The step the revision put the case at.
    pub step: PipelineStage,
    /// The revision's scorecard says positive at high-level depth.
    pub high_level_positive: bool,
    /// The revision's scorecard says positive at detailed depth.
    pub detailed_positive: bool,
    /// The revision says the project was dropped.
    pub dropped: bool,
}

/// One saved case as the pipeline sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseHistory {
    /// The case's id.
    pub case_id: String,
    /// Its latest title.
    pub title: String,
    /// Its latest customer id.
    pub customer_id: String,
    /// Its latest customer name.
    pub customer_name: String,
    /// Its latest value, if any.
    pub value: Option<f64>,
    /// Its latest currency.
    pub currency: String,
    /// Every revision, in revision order.
    pub marks: Vec<RevisionMark>,
    /// Why it was dropped, when its latest revision says it was.
    pub dropped_reason: Option<String>,
}

/// How a dropped case was closed.
#[derive(Debug, Clone, PartialEq)]
pub struct DropStanding {
    /// Why, as typed.
    pub reason: String,
    /// When it was dropped (the first revision of the latest run of
    /// dropped revisions), ms since the epoch.
    pub dropped_at_ms: f64,
    /// The last stage whose gate it passed: where the report counts it as
    /// dropped (it reached that stage and never the next).
    pub last_stage_passed: PipelineStage,
}

/// Where one case stands.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStanding {
    /// The case's id.
    pub case_id: String,
    /// Its title.
    pub title: String,
    /// Its customer's id.
    pub customer_id: String,
    /// Its customer's name.
    pub customer_name: String,
    /// Its current step.
    pub step: PipelineStage,
    /// Its value (as saved; the report counts `max(value, 0)`).
    pub value: Option<f64>,
    /// Its currency.
    pub currency: String,
    /// When it entered its current step, ms since the epoch.
    pub entered_step_at_ms: f64,
    /// Days at its current step as of the report (until the drop, for a
    /// dropped case).
    pub days_in_step: f64,
    /// At its step longer than the threshold (never at commitment, never
    /// when dropped).
    pub stalled: bool,
    /// Set when the case is dropped.
    pub dropped: Option<DropStanding>,
    /// The gates at or before its step it has not passed with a positive
    /// case: moved on without one, or still waiting at the gate.
    pub without_positive_case: Vec<PipelineStage>,
    /// The latest revision's high-level verdict.
    pub high_level_positive: bool,
    /// The latest revision's detailed verdict.
    pub detailed_positive: bool,
}

/// The report of one currency's cases.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyPipeline {
    /// The ISO 4217 code.
    pub currency: String,
    /// The core's pipeline report over these cases.
    pub report: PipelineReport,
    /// Per stage, in pipeline order: how many open cases are at that step
    /// now and their value.
    pub at_step: Vec<(usize, f64)>,
    /// Per stage, in pipeline order: how many cases of the report were
    /// dropped after passing that stage last, and their value (the count
    /// is the report's `dropped_count`).
    pub dropped: Vec<(usize, f64)>,
}

/// The pipeline of a set of saved cases.
#[derive(Debug, Clone, PartialEq)]
pub struct CasePipeline {
    /// The moment described.
    pub as_of_ms: f64,
    /// The stalled threshold used, in days.
    pub stalled_after_days: f64,
    /// One report per currency, by currency code.
    pub currencies: Vec<CurrencyPipeline>,
    /// Every case, in the order given.
    pub cases: Vec<CaseStanding>,
}

/// The gates: stages passed only with a positive case at a depth.
fn is_gate(stage: PipelineStage) -> bool {
    matches!(
        stage,
        PipelineStage::HighLevelCase | PipelineStage::DetailedCase
    )
}

fn positive_for(stage: PipelineStage, mark: &RevisionMark) -> bool {
    match stage {
        PipelineStage::HighLevelCase => mark.high_level_positive,
        PipelineStage::DetailedCase => mark.detailed_positive,
        _ => true,
    }
}

/// The marks with times made non-decreasing.
fn monotonic(marks: &[RevisionMark]) -> Vec<RevisionMark> {
    let mut out: Vec<RevisionMark> = Vec::with_capacity(marks.len());
    let mut latest = f64::NEG_INFINITY;
    for mark in marks {
        latest = latest.max(mark.saved_at_ms);
        out.push(RevisionMark {
            saved_at_ms: latest,
            ..*mark
        });
    }
    out
}

/// The marks that make the events, with the drop's time: all of them for
/// an open case; for a dropped one, those up to the first revision of the
/// latest run of dropped revisions, which is the drop.
fn through_drop(marks: &[RevisionMark]) -> (&[RevisionMark], Option<f64>) {
    let mut drop_index = None;
    for (index, mark) in marks.iter().enumerate().rev() {
        if !mark.dropped {
            break;
        }
        drop_index = Some(index);
    }
    match drop_index.and_then(|index| Some((marks.get(..=index)?, marks.get(index)?))) {
        Some((kept, drop)) => (kept, Some(drop.saved_at_ms)),
        None => (marks, None),
    }
}

/// The stage events a case's revisions make (see the module's rules), in
/// stage order; a dropped case's last event carries the drop.
pub fn stage_events(marks: &[RevisionMark]) -> Vec<StageEvent> {
    let marks = monotonic(marks);
    let (marks, dropped_at_ms) = through_drop(&marks);
    let first_at = |position: usize, positive: &dyn Fn(&RevisionMark) -> bool| {
        marks
            .iter()
            .find(|mark| mark.step.position() >= position && positive(mark))
            .map(|mark| mark.saved_at_ms)
    };
    let mut events = Vec::new();
    for stage in PipelineStage::ALL {
        let position = stage.position();
        let entered = if position == 0 {
            marks.first().map(|mark| mark.saved_at_ms)
        } else if is_gate(stage) {
            let passed = first_at(position, &|mark| positive_for(stage, mark));
            let next = first_at(position + 1, &|_| true);
            passed.filter(|at| next.map_or(true, |next| *at <= next))
        } else {
            first_at(position, &|_| true)
        };
        if let Some(entered_at_ms) = entered {
            events.push(StageEvent {
                stage,
                entered_at_ms,
                outcome: None,
            });
        }
    }
    // Times are monotonic and the drop is the last mark kept, so it is
    // never before the last event.
    if let (Some(last), Some(dropped_at_ms)) = (events.last_mut(), dropped_at_ms) {
        last.outcome = Some(StageOutcome::Dropped { dropped_at_ms });
    }
    events
}

/// Where `history` stands as of `as_of_ms`; `None` without revisions.
pub fn standing(
    history: &CaseHistory,
    as_of_ms: f64,
    stalled_after_days: f64,
) -> Option<CaseStanding> {
    let all_marks = monotonic(&history.marks);
    let (marks, dropped_at_ms) = through_drop(&all_marks);
    let latest = marks.last()?;
    let mut entered_step_at_ms = latest.saved_at_ms;
    for mark in marks.iter().rev() {
        if mark.step != latest.step {
            break;
        }
        entered_step_at_ms = mark.saved_at_ms;
    }
    let until_ms = dropped_at_ms.unwrap_or(as_of_ms);
    let days_in_step = ((until_ms - entered_step_at_ms) / MS_PER_DAY).max(0.0);
    let events = stage_events(marks);
    let dropped = match (dropped_at_ms, events.last()) {
        (Some(dropped_at_ms), Some(last)) => Some(DropStanding {
            reason: history.dropped_reason.clone().unwrap_or_default(),
            dropped_at_ms,
            last_stage_passed: last.stage,
        }),
        _ => None,
    };
    let mut without_positive_case = Vec::new();
    for stage in PipelineStage::ALL {
        if is_gate(stage)
            && stage.position() <= latest.step.position()
            && !events.iter().any(|event| event.stage == stage)
        {
            without_positive_case.push(stage);
        }
    }
    Some(CaseStanding {
        case_id: history.case_id.clone(),
        title: history.title.clone(),
        customer_id: history.customer_id.clone(),
        customer_name: history.customer_name.clone(),
        step: latest.step,
        value: history.value,
        currency: history.currency.clone(),
        entered_step_at_ms,
        days_in_step,
        stalled: dropped.is_none()
            && latest.step != PipelineStage::Commitment
            && days_in_step > stalled_after_days,
        dropped,
        without_positive_case,
        high_level_positive: latest.high_level_positive,
        detailed_positive: latest.detailed_positive,
    })
}

/// The pipeline of `histories` as of `as_of_ms`: one core report per
/// currency (currencies in code order), and every case's standing.
/// Fails only as `evaluate_pipeline` does (a bad `as_of_ms`, too many cases).
pub fn case_pipeline(
    histories: &[CaseHistory],
    as_of_ms: f64,
    stalled_after_days: f64,
) -> Result<CasePipeline, PipelineError> {
    let mut currencies: Vec<String> = Vec::new();
    for history in histories {
        if !currencies.contains(&history.currency) {
            currencies.push(history.currency.clone());
        }
    }
    currencies.sort();
    let mut reports = Vec::with_capacity(currencies.len());
    let mut cases = Vec::with_capacity(histories.len());
    for history in histories {
        if let Some(standing) = standing(history, as_of_ms, stalled_after_days) {
            cases.push(standing);
        }
    }
    for currency in currencies {
        let mut projects = Vec::new();
        let mut at_step = vec![(0_usize, 0.0_f64); PipelineStage::ALL.len()];
        for history in histories.iter().filter(|h| h.currency == currency) {
            let value = history.value.unwrap_or(0.0).max(0.0);
            let events = stage_events(&history.marks);
            let dropped = events.last().is_some_and(|event| event.outcome.is_some());
            projects.push(PipelineProject {
                id: history.case_id.clone(),
                value,
                events,
            });
            match history.marks.last() {
                Some(last) if !dropped => {
                    if let Some(slot) = at_step.get_mut(last.step.position()) {
                        slot.0 += 1;
                        slot.1 += value;
                    }
                }
                _ => {}
            }
        }
        let report = evaluate_pipeline(&projects, as_of_ms)?;
        let dropped = dropped_by_stage(&projects, &report);
        reports.push(CurrencyPipeline {
            currency,
            report,
            at_step,
            dropped,
        });
    }
    Ok(CasePipeline {
        as_of_ms,
        stalled_after_days,
        currencies: reports,
        cases,
    })
}

/// Per stage, the projects of `report` dropped after passing it last and
/// their value; projects the report left out (its diagnostics) are left
/// out here too, so the counts are the report's `dropped_count`.
fn dropped_by_stage(projects: &[PipelineProject], report: &PipelineReport) -> Vec<(usize, f64)> {
    let excluded: std::collections::BTreeSet<&str> = report
        .excluded_project_ids
        .iter()
        .map(String::as_str)
        .collect();
    let mut dropped = vec![(0_usize, 0.0_f64); PipelineStage::ALL.len()];
    for project in projects {
        if excluded.contains(project.id.as_str()) {
            continue;
        }
        let Some(last) = project.events.iter().max_by_key(|event| event.stage) else {
            continue;
        };
        if last.outcome.is_some() {
            if let Some(slot) = dropped.get_mut(last.stage.position()) {
                slot.0 += 1;
                slot.1 += project.value;
            }
        }
    }
    dropped
}
