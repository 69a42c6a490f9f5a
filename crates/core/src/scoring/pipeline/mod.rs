//! The evaluation pipeline (domain.md, "Evaluate"): how many projects, and
//! how much value, reached each step from business review to commitment,
//! how many moved from one step to the next, and how long they stayed.
//!
//! Timestamps are arguments (ms since the epoch, as JavaScript's
//! `Date.now()`); nothing here reads a clock. Inconsistent projects are
//! left out of the metrics and reported as diagnostics; nothing panics.
//!
//! Semantics, recorded here and in ARCHITECTURE.md:
//!
//! - A [`StageEvent`] says the project *passed* that stage's gate at
//!   `entered_at_ms`: listed at a business review, a positive high-level
//!   case, picked at the projects review, a positive detailed case,
//!   approved, started. So a stage's `count` is the domain's measure
//!   ("number and value with a positive high-level case").
//! - Skipping stages is allowed (a small project may be approved without a
//!   formal detailed case). A project that reached a later stage counts as
//!   having reached every earlier stage too (`skipped_count` says how many
//!   did so without an event), so counts never grow along the pipeline and
//!   conversions stay within [0, 1].
//! - Time in a stage runs from its event to the project's next event (the
//!   next stage entered, skipped stages in between included), to the drop
//!   if the project was dropped there, or to `as_of_ms` if it is still
//!   there. Skipped stages get no time sample. Commitment ends the Evaluate
//!   phase, so it has no time in stage (what follows belongs to Execute).
//! - Events may be listed in any order; they are put in stage order. Each
//!   stage appears at most once, and time must not run backwards along the
//!   stages (entering a later stage before an earlier one is an error).

mod validate;

use super::error::PipelineError;
use std::fmt;

pub use validate::{PipelineDiagnostic, PipelineDiagnosticCode};

/// The most projects one report may cover.
pub const MAX_PROJECTS: usize = 100_000;
/// The most events one project may have (each stage appears at most once,
/// so more than six is always an error; past this bound the events are not
/// even inspected one by one).
pub const MAX_EVENTS_PER_PROJECT: usize = 64;
/// The largest project value accepted, so that sums over
/// [`MAX_PROJECTS`] projects stay finite.
pub const MAX_PROJECT_VALUE: f64 = 1e15;
/// The JavaScript date range: timestamps lie within ±8.64e15 ms of the epoch.
pub const MAX_ABS_TIMESTAMP_MS: f64 = 8.64e15;
/// Milliseconds in a day (24 × 60 × 60 × 1000); days here are elapsed
/// 24-hour spans, not calendar days.
pub const MS_PER_DAY: f64 = 86_400_000.0;

/// The steps of the Evaluate phase, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PipelineStage {
    /// Listed as a potential project at a periodic business review.
    BusinessReview,
    /// Has a positive high-level business case.
    HighLevelCase,
    /// Picked at the potential projects review to be investigated.
    ProjectsReview,
    /// Has a positive detailed business case.
    DetailedCase,
    /// Approved by the customer's decision makers.
    Decision,
    /// Actually started.
    Commitment,
}

impl PipelineStage {
    /// Every stage, in pipeline order.
    pub const ALL: [PipelineStage; 6] = [
        PipelineStage::BusinessReview,
        PipelineStage::HighLevelCase,
        PipelineStage::ProjectsReview,
        PipelineStage::DetailedCase,
        PipelineStage::Decision,
        PipelineStage::Commitment,
    ];

    /// The position in [`PipelineStage::ALL`], from 0.
    pub fn position(self) -> usize {
        match self {
            PipelineStage::BusinessReview => 0,
            PipelineStage::HighLevelCase => 1,
            PipelineStage::ProjectsReview => 2,
            PipelineStage::DetailedCase => 3,
            PipelineStage::Decision => 4,
            PipelineStage::Commitment => 5,
        }
    }

    /// The stage as a snake_case word (`business_review`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            PipelineStage::BusinessReview => "business_review",
            PipelineStage::HighLevelCase => "high_level_case",
            PipelineStage::ProjectsReview => "projects_review",
            PipelineStage::DetailedCase => "detailed_case",
            PipelineStage::Decision => "decision",
            PipelineStage::Commitment => "commitment",
        }
    }
}

impl fmt::Display for PipelineStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a project's stay in a stage ended, when it did not move on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StageOutcome {
    /// The project left the pipeline at this stage (negative case, not
    /// picked, declined, withdrawn) at `dropped_at_ms`. Only the project's
    /// last stage may carry it.
    Dropped {
        /// When the project left, ms since the epoch; not before the
        /// stage was entered and not after `as_of_ms`.
        dropped_at_ms: f64,
    },
}

/// A project passed a stage's gate at a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageEvent {
    /// The stage whose gate the project passed.
    pub stage: PipelineStage,
    /// When the project entered the stage, ms since the epoch.
    pub entered_at_ms: f64,
    /// Set when the project was dropped at this stage.
    pub outcome: Option<StageOutcome>,
}

/// A potential improvement project moving through the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineProject {
    /// Unique within a report.
    pub id: String,
    /// The money the project is worth (for example its NPV or annual
    /// benefit, in the report's single currency), finite, `>= 0` and at
    /// most [`MAX_PROJECT_VALUE`].
    pub value: f64,
    /// The stages the project entered, in any order, each at most once.
    pub events: Vec<StageEvent>,
}

/// What happened at one stage, over every included project.
#[derive(Debug, Clone, PartialEq)]
pub struct StageMetrics {
    /// The stage these metrics describe.
    pub stage: PipelineStage,
    /// Projects that reached the stage (with an event, or implied by a
    /// later one).
    pub count: usize,
    /// Their total value.
    pub value: f64,
    /// Of `count`, the projects that reached the stage only by implication.
    pub skipped_count: usize,
    /// Projects whose latest stage is this one and that were not dropped.
    pub open_count: usize,
    /// Projects dropped at this stage.
    pub dropped_count: usize,
    /// `count / previous stage's count`, within [0, 1]; `None` for the first
    /// stage and when the previous count is 0.
    pub conversion_from_previous: Option<f64>,
    /// The same ratio over values; `None` when the previous value is 0.
    pub value_conversion_from_previous: Option<f64>,
    /// Projects with a time sample (an event at this stage; never for
    /// Commitment).
    pub timed_count: usize,
    /// Median days in the stage over the timed projects (the mean of the
    /// middle two for an even count); `None` when none is timed.
    pub median_days_in_stage: Option<f64>,
    /// Mean days in the stage over the timed projects.
    pub mean_days_in_stage: Option<f64>,
}

/// The pipeline at a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineReport {
    /// The moment the report describes, ms since the epoch.
    pub as_of_ms: f64,
    /// One entry per stage, in pipeline order.
    pub stages: Vec<StageMetrics>,
    /// Projects counted in the metrics.
    pub included_project_count: usize,
    /// Projects left out because of diagnostics, in input order.
    pub excluded_project_ids: Vec<String>,
    /// Every problem found, in input order.
    pub diagnostics: Vec<PipelineDiagnostic>,
}

/// A project reduced to what the metrics need, after validation.
struct ProjectPath {
    value: f64,
    /// `(stage position, time in stage in days if timed)` for each event,
    /// in stage order.
    visits: Vec<(usize, Option<f64>)>,
    /// The furthest stage's position.
    last_position: usize,
    dropped: bool,
}

/// Per-stage running totals.
#[derive(Default, Clone)]
struct Tally {
    count: usize,
    value: f64,
    skipped_count: usize,
    open_count: usize,
    dropped_count: usize,
    days: Vec<f64>,
}

/// Builds the pipeline report for `projects` as of `as_of_ms`.
///
/// Fails only when `as_of_ms` is not a valid time or there are more than
/// [`MAX_PROJECTS`] projects; a project with problems is left out of the
/// metrics and described in `diagnostics`. Projects with a duplicate id
/// after the first are left out.
pub fn evaluate_pipeline(
    projects: &[PipelineProject],
    as_of_ms: f64,
) -> Result<PipelineReport, PipelineError> {
    if !validate::is_valid_timestamp(as_of_ms) {
        return Err(PipelineError::InvalidAsOf { as_of_ms });
    }
    if projects.len() > MAX_PROJECTS {
        return Err(PipelineError::TooManyProjects {
            count: projects.len(),
            limit: MAX_PROJECTS,
        });
    }
    let mut tallies = vec![Tally::default(); PipelineStage::ALL.len()];
    let mut diagnostics = Vec::new();
    let mut excluded_project_ids = Vec::new();
    let mut included_project_count = 0;
    let mut ids = Vec::with_capacity(projects.len());
    for project in projects {
        ids.push(project.id.as_str());
    }
    let previous_ids = crate::name_table::previous_uses(&ids);
    for (index, project) in projects.iter().enumerate() {
        let mut problems = validate::check_project(project, index, as_of_ms);
        let repeated = previous_ids.get(index).is_some_and(Option::is_some);
        if !project.id.is_empty() && repeated {
            problems.push(validate::duplicate_id(project, index));
        }
        if problems.is_empty() {
            if let Some(path) = project_path(project, as_of_ms) {
                add_to_tallies(&mut tallies, &path);
                included_project_count += 1;
                continue;
            }
        }
        diagnostics.append(&mut problems);
        excluded_project_ids.push(project.id.clone());
    }
    Ok(PipelineReport {
        as_of_ms,
        stages: stage_metrics(&tallies),
        included_project_count,
        excluded_project_ids,
        diagnostics,
    })
}

/// The validated project's visits in stage order with their times.
fn project_path(project: &PipelineProject, as_of_ms: f64) -> Option<ProjectPath> {
    let events = in_stage_order(&project.events);
    let (_, last) = events.last()?;
    let dropped_at_ms = last
        .outcome
        .map(|StageOutcome::Dropped { dropped_at_ms }| dropped_at_ms);
    // A plain loop, as in `stage_metrics`.
    let mut visits = Vec::with_capacity(events.len());
    for (i, (_, event)) in events.iter().enumerate() {
        let end_ms = match events.get(i + 1) {
            Some((_, next)) => next.entered_at_ms,
            None => dropped_at_ms.unwrap_or(as_of_ms),
        };
        let timed = event.stage != PipelineStage::Commitment;
        let days = timed.then(|| ((end_ms - event.entered_at_ms) / MS_PER_DAY).max(0.0));
        visits.push((event.stage.position(), days));
    }
    Some(ProjectPath {
        value: project.value,
        visits,
        last_position: last.stage.position(),
        dropped: dropped_at_ms.is_some(),
    })
}

fn add_to_tallies(tallies: &mut [Tally], path: &ProjectPath) {
    for (position, tally) in tallies.iter_mut().enumerate() {
        if position > path.last_position {
            break;
        }
        tally.count += 1;
        tally.value += path.value;
        // Plain loops: `find`, and `extend` from an `Option`, were bodies
        // of their own in the wasm.
        let mut visited = false;
        for &(visit_position, days) in &path.visits {
            if visit_position == position {
                visited = true;
                if let Some(days) = days {
                    tally.days.push(days);
                }
                break;
            }
        }
        if !visited {
            tally.skipped_count += 1;
        }
        if position == path.last_position {
            if path.dropped {
                tally.dropped_count += 1;
            } else {
                tally.open_count += 1;
            }
        }
    }
}

fn stage_metrics(tallies: &[Tally]) -> Vec<StageMetrics> {
    let ratio = |part: f64, whole: f64| (whole > 0.0).then(|| (part / whole).clamp(0.0, 1.0));
    // A plain loop: a zip/map/collect chain is its own body in the wasm.
    let mut metrics = Vec::with_capacity(tallies.len());
    let mut previous: Option<&Tally> = None;
    for (stage, tally) in PipelineStage::ALL.iter().zip(tallies) {
        let conversion_from_previous =
            previous.and_then(|p| ratio(tally.count as f64, p.count as f64));
        let value_conversion_from_previous = previous.and_then(|p| ratio(tally.value, p.value));
        previous = Some(tally);
        metrics.push(StageMetrics {
            stage: *stage,
            count: tally.count,
            value: tally.value,
            skipped_count: tally.skipped_count,
            open_count: tally.open_count,
            dropped_count: tally.dropped_count,
            conversion_from_previous,
            value_conversion_from_previous,
            timed_count: tally.days.len(),
            median_days_in_stage: median(&tally.days),
            mean_days_in_stage: mean(&tally.days),
        });
    }
    metrics
}

/// The positions of `events` in stage order; a stable sort, so events of
/// the same stage keep their input order. Sorting positions with the
/// crate's one merge sort (rather than `small_sort::sort_by` on each kind
/// of list) keeps one copy of the sort in the wasm.
fn stage_order(events: &[StageEvent]) -> Vec<usize> {
    let stage = |index: usize| events.get(index).map(|event| event.stage);
    crate::small_sort::sorted_indices(events.len(), &|a, b| stage(a) < stage(b))
}

/// `events` in stage order, each with its input position (see
/// [`stage_order`]). Validation and the metrics share it, so the wasm holds
/// one copy of the collecting loop.
fn in_stage_order(events: &[StageEvent]) -> Vec<(usize, &StageEvent)> {
    let mut ordered = Vec::with_capacity(events.len());
    for index in stage_order(events) {
        if let Some(event) = events.get(index) {
            ordered.push((index, event));
        }
    }
    ordered
}

/// The median of finite samples; `None` when empty.
fn median(samples: &[f64]) -> Option<f64> {
    let order = crate::small_sort::sorted_indices(samples.len(), &|a, b| match (
        samples.get(a),
        samples.get(b),
    ) {
        (Some(a), Some(b)) => a.total_cmp(b).is_lt(),
        _ => false,
    });
    let ranked = |rank: usize| order.get(rank).and_then(|&index| samples.get(index));
    let middle = order.len() / 2;
    if order.len() % 2 == 1 {
        ranked(middle).copied()
    } else {
        let low = ranked(middle.checked_sub(1)?)?;
        let high = ranked(middle)?;
        Some(low / 2.0 + high / 2.0)
    }
}

/// The mean of finite samples; `None` when empty.
fn mean(samples: &[f64]) -> Option<f64> {
    (!samples.is_empty()).then(|| samples.iter().sum::<f64>() / samples.len() as f64)
}

#[cfg(test)]
mod tests;
