//! Checks one pipeline project: id, value, timestamps, stage order and drop
//! outcomes, returning every problem as a diagnostic with the path of the
//! field concerned (`projects[3].events[1].entered_at_ms`).
//!
//! It never repairs a project and never panics; the caller leaves a project
//! with any diagnostic out of the metrics.

use super::{
    PipelineProject, StageEvent, StageOutcome, MAX_ABS_TIMESTAMP_MS, MAX_EVENTS_PER_PROJECT,
    MAX_PROJECT_VALUE,
};
use crate::number_text::Plain;
use std::fmt::{self, Write};

/// What kind of problem a pipeline diagnostic reports; stable across versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PipelineDiagnosticCode {
    /// The project has no id.
    EmptyProjectId,
    /// Another project earlier in the list has the same id.
    DuplicateProjectId,
    /// The value is negative, NaN, infinite or above the limit.
    InvalidValue,
    /// The project has no events.
    NoEvents,
    /// The project has more events than the limit.
    TooManyEvents,
    /// A timestamp is NaN, infinite or outside the JavaScript date range.
    InvalidTimestamp,
    /// A timestamp lies after `as_of_ms`.
    AfterAsOf,
    /// Two events name the same stage.
    DuplicateStage,
    /// A later stage was entered before an earlier one.
    EventsOutOfOrder,
    /// A drop outcome on a stage the project later moved on from.
    OutcomeBeforeLastStage,
    /// A project dropped before it entered the stage.
    DroppedBeforeEntered,
}

impl PipelineDiagnosticCode {
    /// The code as a kebab-case string, as JavaScript will see it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EmptyProjectId => "empty-project-id",
            Self::DuplicateProjectId => "duplicate-project-id",
            Self::InvalidValue => "invalid-value",
            Self::NoEvents => "no-events",
            Self::TooManyEvents => "too-many-events",
            Self::InvalidTimestamp => "invalid-timestamp",
            Self::AfterAsOf => "after-as-of",
            Self::DuplicateStage => "duplicate-stage",
            Self::EventsOutOfOrder => "events-out-of-order",
            Self::OutcomeBeforeLastStage => "outcome-before-last-stage",
            Self::DroppedBeforeEntered => "dropped-before-entered",
        }
    }
}

impl fmt::Display for PipelineDiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with one project of a pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineDiagnostic {
    /// What kind of problem.
    pub code: PipelineDiagnosticCode,
    /// What is wrong, for a person.
    pub message: String,
    /// The field concerned, such as `projects[3].events[1].entered_at_ms`.
    pub path: String,
    /// The id of the project concerned (possibly empty).
    pub project_id: String,
}

impl fmt::Display for PipelineDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.message, self.code)
    }
}

/// Whether a timestamp is finite and within the JavaScript date range.
pub(super) fn is_valid_timestamp(ms: f64) -> bool {
    ms.is_finite() && ms.abs() <= MAX_ABS_TIMESTAMP_MS
}

/// Collects one project's diagnostics.
struct Findings<'a> {
    project: &'a PipelineProject,
    base_path: String,
    diagnostics: Vec<PipelineDiagnostic>,
}

impl Findings<'_> {
    /// Records a problem with `field` of the project, or of its event at
    /// input position `event` when given (an empty `field` means the event
    /// itself). The path is built here, once, rather than by every check.
    fn push(
        &mut self,
        code: PipelineDiagnosticCode,
        event: Option<usize>,
        field: &str,
        message: String,
    ) {
        let mut path = self.base_path.clone();
        if let Some(index) = event {
            // Writing to a `String` cannot fail.
            let _ = write!(path, ".events[{index}]");
        }
        if !field.is_empty() {
            path.push('.');
            path.push_str(field);
        }
        self.diagnostics.push(PipelineDiagnostic {
            code,
            message,
            path,
            project_id: self.project.id.clone(),
        });
    }

    /// Checks a timestamp of the event at input position `event`; true when
    /// it is valid and not after `as_of_ms`.
    fn timestamp(&mut self, ms: f64, event: usize, field: &str, as_of_ms: f64) -> bool {
        if !is_valid_timestamp(ms) {
            let message = format!(
                "must be a finite time within ±8.64e15 ms of the epoch, not {}",
                Plain(ms)
            );
            let code = PipelineDiagnosticCode::InvalidTimestamp;
            self.push(code, Some(event), field, message);
            false
        } else if ms > as_of_ms {
            let message = format!("{} lies after as_of_ms {}", Plain(ms), Plain(as_of_ms));
            self.push(
                PipelineDiagnosticCode::AfterAsOf,
                Some(event),
                field,
                message,
            );
            false
        } else {
            true
        }
    }
}

/// The diagnostic for a project whose id an earlier project already has.
pub(super) fn duplicate_id(project: &PipelineProject, index: usize) -> PipelineDiagnostic {
    PipelineDiagnostic {
        code: PipelineDiagnosticCode::DuplicateProjectId,
        message: format!("the project id \"{}\" is used twice", project.id),
        path: format!("projects[{index}].id"),
        project_id: project.id.clone(),
    }
}

/// Every problem with `project` (at `index` in the input) as of `as_of_ms`,
/// apart from duplicate ids, which need the other projects.
pub(super) fn check_project(
    project: &PipelineProject,
    index: usize,
    as_of_ms: f64,
) -> Vec<PipelineDiagnostic> {
    let mut findings = Findings {
        project,
        base_path: format!("projects[{index}]"),
        diagnostics: Vec::new(),
    };
    if project.id.is_empty() {
        let message = "a project needs an id".to_string();
        findings.push(PipelineDiagnosticCode::EmptyProjectId, None, "id", message);
    }
    let value = project.value;
    if !(value.is_finite() && (0.0..=MAX_PROJECT_VALUE).contains(&value)) {
        let message = format!(
            "a value must be finite, >= 0 and <= 1e15, not {}",
            Plain(value)
        );
        findings.push(PipelineDiagnosticCode::InvalidValue, None, "value", message);
    }
    let events = &project.events;
    if events.is_empty() {
        let message = "a project needs at least one stage event".to_string();
        findings.push(PipelineDiagnosticCode::NoEvents, None, "events", message);
    } else if events.len() > MAX_EVENTS_PER_PROJECT {
        let message = format!(
            "{} events, more than the limit of {MAX_EVENTS_PER_PROJECT}",
            events.len()
        );
        let code = PipelineDiagnosticCode::TooManyEvents;
        findings.push(code, None, "events", message);
    } else {
        check_events(&mut findings, events, as_of_ms);
    }
    findings.diagnostics
}

/// The event fields whose times are checked.
const ENTERED: &str = "entered_at_ms";
const DROPPED: &str = "outcome.dropped_at_ms";

fn check_events(findings: &mut Findings<'_>, events: &[StageEvent], as_of_ms: f64) {
    // Input positions in stage order; a stable sort keeps duplicates in
    // input order, so the second occurrence is the one reported.
    let order = super::in_stage_order(events);
    let last_stage = order.last().map(|(_, event)| event.stage);

    let mut previous: Option<(usize, &StageEvent, bool)> = None;
    for &(index, event) in &order {
        let entered_ok = findings.timestamp(event.entered_at_ms, index, ENTERED, as_of_ms);
        if let Some(StageOutcome::Dropped { dropped_at_ms }) = event.outcome {
            let dropped_ok = findings.timestamp(dropped_at_ms, index, DROPPED, as_of_ms);
            if entered_ok && dropped_ok && dropped_at_ms < event.entered_at_ms {
                let message = format!(
                    "dropped at {}, before entering {} at {}",
                    Plain(dropped_at_ms),
                    event.stage,
                    Plain(event.entered_at_ms)
                );
                let code = PipelineDiagnosticCode::DroppedBeforeEntered;
                findings.push(code, Some(index), DROPPED, message);
            }
            if Some(event.stage) != last_stage {
                let message = format!(
                    "dropped at {} but the project later reached {}",
                    event.stage,
                    last_stage.map_or("", |stage| stage.as_str())
                );
                let code = PipelineDiagnosticCode::OutcomeBeforeLastStage;
                findings.push(code, Some(index), "", message);
            }
        }
        if let Some((previous_index, previous_event, previous_ok)) = previous {
            if previous_event.stage == event.stage {
                let message = format!(
                    "{} already has an event at events[{previous_index}]",
                    event.stage
                );
                let code = PipelineDiagnosticCode::DuplicateStage;
                findings.push(code, Some(index), "stage", message);
            } else if previous_ok
                && entered_ok
                && event.entered_at_ms < previous_event.entered_at_ms
            {
                let message = format!(
                    "entered {} at {}, before entering the earlier stage {} at {} \
                     (events[{previous_index}])",
                    event.stage,
                    Plain(event.entered_at_ms),
                    previous_event.stage,
                    Plain(previous_event.entered_at_ms)
                );
                let code = PipelineDiagnosticCode::EventsOutOfOrder;
                findings.push(code, Some(index), ENTERED, message);
            }
        }
        previous = Some((index, event, entered_ok));
    }
}
