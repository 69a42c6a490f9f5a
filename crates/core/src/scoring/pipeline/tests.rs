//! Unit tests of the evaluation pipeline with exact timestamps: counts,
//! values, conversions, time in stage, skipping, drops, and every
//! diagnostic.

use super::*;
use PipelineStage::*;

const DAY_MS: f64 = MS_PER_DAY;
/// 2024-01-01T00:00:00Z.
const START_MS: f64 = 1_704_067_200_000.0;

fn at(days: f64) -> f64 {
    START_MS + days * DAY_MS
}

fn event(stage: PipelineStage, days: f64) -> StageEvent {
    StageEvent {
        stage,
        entered_at_ms: at(days),
        outcome: None,
    }
}

fn dropped(stage: PipelineStage, days: f64, dropped_days: f64) -> StageEvent {
    StageEvent {
        outcome: Some(StageOutcome::Dropped {
            dropped_at_ms: at(dropped_days),
        }),
        ..event(stage, days)
    }
}

fn project(id: &str, value: f64, events: Vec<StageEvent>) -> PipelineProject {
    PipelineProject {
        id: id.to_string(),
        value,
        events,
    }
}

/// What one stage should show: count, value, skipped, open, dropped,
/// conversion, median days, mean days.
type Expected = (
    usize,
    f64,
    usize,
    usize,
    usize,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

fn check(report: &PipelineReport, expected: [Expected; 6]) {
    assert_eq!(report.stages.len(), 6);
    for ((metrics, stage), expected) in report.stages.iter().zip(PipelineStage::ALL).zip(expected) {
        assert_eq!(metrics.stage, stage);
        let got: Expected = (
            metrics.count,
            metrics.value,
            metrics.skipped_count,
            metrics.open_count,
            metrics.dropped_count,
            metrics.conversion_from_previous,
            metrics.median_days_in_stage,
            metrics.mean_days_in_stage,
        );
        assert_eq!(got, expected, "{stage}");
    }
}

fn codes(report: &PipelineReport) -> Vec<(PipelineDiagnosticCode, &str)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str()))
        .collect()
}

#[test]
fn a_funnel_with_exact_times() {
    let projects = [
        // Committed: 10 days in review, 5 in high-level, 15 in projects
        // review, 30 in detailed case, 10 in decision.
        project(
            "crm",
            400.0,
            vec![
                event(BusinessReview, 0.0),
                event(HighLevelCase, 10.0),
                event(ProjectsReview, 15.0),
                event(DetailedCase, 30.0),
                event(Decision, 60.0),
                event(Commitment, 70.0),
            ],
        ),
        // Still building its detailed case as of day 100: 20 + 10 + 40 days
        // in the first stages, then 30 days so far. Events listed out of
        // stage order on purpose.
        project(
            "erp",
            300.0,
            vec![
                event(DetailedCase, 70.0),
                event(BusinessReview, 0.0),
                event(ProjectsReview, 30.0),
                event(HighLevelCase, 20.0),
            ],
        ),
        // Dropped at the high-level case on day 12 after 4 days there.
        project(
            "bi",
            200.0,
            vec![
                event(BusinessReview, 2.0),
                dropped(HighLevelCase, 8.0, 12.0),
            ],
        ),
        // Still in business review: 100 days as of day 100.
        project("hr", 100.0, vec![event(BusinessReview, 0.0)]),
    ];
    let report = evaluate_pipeline(&projects, at(100.0)).unwrap();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert_eq!(report.included_project_count, 4);
    check(
        &report,
        [
            (4, 1000.0, 0, 1, 0, None, Some(15.0), Some(34.0)),
            (3, 900.0, 0, 0, 1, Some(0.75), Some(5.0), Some(19.0 / 3.0)),
            (2, 700.0, 0, 0, 0, Some(2.0 / 3.0), Some(27.5), Some(27.5)),
            (2, 700.0, 0, 1, 0, Some(1.0), Some(30.0), Some(30.0)),
            (1, 400.0, 0, 0, 0, Some(0.5), Some(10.0), Some(10.0)),
            (1, 400.0, 0, 1, 0, Some(1.0), None, None),
        ],
    );
    assert_eq!(
        report.stages[4].value_conversion_from_previous,
        Some(400.0 / 700.0)
    );
    assert_eq!(report.stages[0].timed_count, 4);
    assert_eq!(report.stages[5].timed_count, 0);
}

#[test]
fn skipped_stages_count_as_reached_but_are_not_timed() {
    // Straight from review to decision on day 3, approved and still
    // waiting to start on day 10.
    let projects = [project(
        "quick",
        50.0,
        vec![event(BusinessReview, 1.0), event(Decision, 3.0)],
    )];
    let report = evaluate_pipeline(&projects, at(10.0)).unwrap();
    check(
        &report,
        [
            (1, 50.0, 0, 0, 0, None, Some(2.0), Some(2.0)),
            (1, 50.0, 1, 0, 0, Some(1.0), None, None),
            (1, 50.0, 1, 0, 0, Some(1.0), None, None),
            (1, 50.0, 1, 0, 0, Some(1.0), None, None),
            (1, 50.0, 0, 1, 0, Some(1.0), Some(7.0), Some(7.0)),
            (0, 0.0, 0, 0, 0, Some(0.0), None, None),
        ],
    );
}

#[test]
fn an_empty_pipeline_has_no_conversions_or_times() {
    let report = evaluate_pipeline(&[], START_MS).unwrap();
    let empty: Expected = (0, 0.0, 0, 0, 0, None, None, None);
    check(&report, [empty; 6]);
    assert_eq!(report.stages[1].value_conversion_from_previous, None);
}

#[test]
fn an_entry_at_as_of_has_zero_days() {
    let report = evaluate_pipeline(
        &[project("p", 1.0, vec![event(BusinessReview, 5.0)])],
        at(5.0),
    )
    .unwrap();
    assert_eq!(report.stages[0].median_days_in_stage, Some(0.0));
}

#[test]
fn as_of_must_be_a_valid_time() {
    for bad in [f64::NAN, f64::INFINITY, 9e15] {
        assert!(matches!(
            evaluate_pipeline(&[], bad),
            Err(PipelineError::InvalidAsOf { .. })
        ));
    }
}

#[test]
fn too_many_projects_is_an_error() {
    let projects = vec![project("p", 1.0, vec![event(BusinessReview, 0.0)]); MAX_PROJECTS + 1];
    assert_eq!(
        evaluate_pipeline(&projects, at(1.0)),
        Err(PipelineError::TooManyProjects {
            count: MAX_PROJECTS + 1,
            limit: MAX_PROJECTS
        })
    );
}

#[test]
fn invalid_projects_are_reported_and_left_out() {
    use PipelineDiagnosticCode as Code;
    let good = project("good", 10.0, vec![event(BusinessReview, 0.0)]);
    let projects = [
        good.clone(),
        project("", -1.0, vec![]),
        project("nan", f64::NAN, vec![event(BusinessReview, 0.0)]),
        project("huge", 2e15, vec![event(BusinessReview, 0.0)]),
        project(
            "times",
            1.0,
            vec![
                StageEvent {
                    entered_at_ms: f64::NAN,
                    ..event(BusinessReview, 0.0)
                },
                event(HighLevelCase, 50.0),
            ],
        ),
        project(
            "backwards",
            1.0,
            vec![event(BusinessReview, 5.0), event(HighLevelCase, 4.0)],
        ),
        project(
            "twice",
            1.0,
            vec![event(BusinessReview, 1.0), event(BusinessReview, 2.0)],
        ),
        project(
            "drops",
            1.0,
            vec![
                dropped(BusinessReview, 1.0, 2.0),
                dropped(HighLevelCase, 3.0, 2.5),
            ],
        ),
        project("late drop", 1.0, vec![dropped(BusinessReview, 1.0, 20.0)]),
        project(
            "many",
            1.0,
            vec![event(BusinessReview, 0.0); MAX_EVENTS_PER_PROJECT + 1],
        ),
        good,
    ];
    let report = evaluate_pipeline(&projects, at(10.0)).unwrap();
    assert_eq!(
        codes(&report),
        [
            (Code::EmptyProjectId, "projects[1].id"),
            (Code::InvalidValue, "projects[1].value"),
            (Code::NoEvents, "projects[1].events"),
            (Code::InvalidValue, "projects[2].value"),
            (Code::InvalidValue, "projects[3].value"),
            (
                Code::InvalidTimestamp,
                "projects[4].events[0].entered_at_ms"
            ),
            (Code::AfterAsOf, "projects[4].events[1].entered_at_ms"),
            (
                Code::EventsOutOfOrder,
                "projects[5].events[1].entered_at_ms"
            ),
            (Code::DuplicateStage, "projects[6].events[1].stage"),
            (Code::OutcomeBeforeLastStage, "projects[7].events[0]"),
            (
                Code::DroppedBeforeEntered,
                "projects[7].events[1].outcome.dropped_at_ms"
            ),
            (
                Code::AfterAsOf,
                "projects[8].events[0].outcome.dropped_at_ms"
            ),
            (Code::TooManyEvents, "projects[9].events"),
            (Code::DuplicateProjectId, "projects[10].id"),
        ]
    );
    assert_eq!(report.included_project_count, 1);
    assert_eq!(
        report.excluded_project_ids,
        [
            "",
            "nan",
            "huge",
            "times",
            "backwards",
            "twice",
            "drops",
            "late drop",
            "many",
            "good"
        ]
    );
    assert_eq!(report.stages[0].count, 1);
    assert_eq!(report.stages[0].value, 10.0);
    let text = report.diagnostics[8].to_string();
    assert_eq!(
        text,
        "projects[6].events[1].stage: business_review already has an event at events[0] \
         (duplicate-stage)"
    );
    assert_eq!(report.diagnostics[8].project_id, "twice");
}

#[test]
fn values_of_zero_are_allowed() {
    let report = evaluate_pipeline(
        &[project("free", 0.0, vec![event(BusinessReview, 0.0)])],
        at(1.0),
    )
    .unwrap();
    assert_eq!((report.stages[0].count, report.stages[0].value), (1, 0.0));
}

#[test]
fn median_and_mean_helpers() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
    assert_eq!(mean(&[]), None);
}

#[test]
fn stages_name_themselves_in_order() {
    let names: Vec<&str> = PipelineStage::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "business_review",
            "high_level_case",
            "projects_review",
            "detailed_case",
            "decision",
            "commitment"
        ]
    );
    for (position, stage) in PipelineStage::ALL.iter().enumerate() {
        assert_eq!(stage.position(), position);
    }
}
