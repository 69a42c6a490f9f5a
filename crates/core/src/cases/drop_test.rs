//! Dropped projects: the `dropped` field read strictly with its paths and
//! written back only when set, diffs that name dropping and reopening, and
//! the pipeline of scripted revision sequences (dropped, reopened, edited
//! while dropped) with exact times: counts, values, conversions, open and
//! dropped per stage, days and stalled cases.

use super::*;
use crate::scoring::StageOutcome;

fn dropped_mark(days: f64, step: PipelineStage, high: bool) -> RevisionMark {
    RevisionMark {
        dropped: true,
        ..mark(days, step, high, false)
    }
}

#[test]
fn a_drop_is_read_strictly_and_written_back_only_when_set() {
    let open = read("").unwrap();
    assert_eq!(open.dropped, None, "a document without the field is open");
    assert!(!canonical_json(&case_node(&open)).contains("dropped"));
    assert_eq!(read(r#""dropped": null"#).unwrap().dropped, None);

    let dropped = read(r#""dropped": {"reason": "  Chose a competitor "}"#).unwrap();
    assert_eq!(
        dropped.dropped.as_ref().unwrap().reason,
        "Chose a competitor"
    );
    let written = case_node(&dropped);
    assert_eq!(read_case(&written).unwrap(), dropped, "round trip");
    assert!(canonical_json(&written).contains(r#""dropped":{"reason":"Chose a competitor"}"#));

    let long = "x".repeat(501);
    let at_limit = "x".repeat(500);
    assert!(read(&format!(r#""dropped": {{"reason": "{at_limit}"}}"#)).is_ok());
    for (bad, expected) in [
        (r#""dropped": true"#.to_string(), vec!["dropped"]),
        (r#""dropped": {}"#.into(), vec!["dropped.reason"]),
        (
            r#""dropped": {"reason": "   "}"#.into(),
            vec!["dropped.reason"],
        ),
        (
            r#""dropped": {"reason": "a\nb"}"#.into(),
            vec!["dropped.reason"],
        ),
        (r#""dropped": {"reason": 3}"#.into(), vec!["dropped.reason"]),
        (
            format!(r#""dropped": {{"reason": "{long}"}}"#),
            vec!["dropped.reason"],
        ),
        (
            r#""dropped": {"reason": "Lost", "at": 3}"#.into(),
            vec!["dropped.at"],
        ),
        (
            r#""dropped": {"why": "Lost"}"#.into(),
            vec!["dropped.why", "dropped.reason"],
        ),
    ] {
        assert_eq!(paths(&bad), expected, "{bad}");
    }
}

#[test]
fn dropping_and_reopening_are_named_by_the_diff() {
    let open = read("").unwrap();
    let dropped = read(r#""dropped": {"reason": "Budget frozen"}"#).unwrap();
    let drop = diff_cases(Some(&open), &dropped);
    assert_eq!(drop.fields.len(), 1);
    assert_eq!(drop.fields[0].key, "dropped");
    assert_eq!(drop.fields[0].kind(), "added");
    let reopen = diff_cases(Some(&dropped), &open);
    assert_eq!(reopen.fields[0].key, "dropped");
    assert_eq!(reopen.fields[0].kind(), "removed");
    let reworded = read(r#""dropped": {"reason": "Budget cut"}"#).unwrap();
    assert_eq!(
        diff_cases(Some(&dropped), &reworded).fields[0].kind(),
        "changed"
    );
    assert_eq!(diff_cases(None, &dropped).fields.len(), 5);
}

#[test]
fn a_dropped_case_ends_at_the_drop_and_edits_while_dropped_pass_no_gate() {
    // Dropped at the high-level step, then made positive while dropped.
    let marks = [
        mark(0.0, BusinessReview, false, false),
        mark(2.0, HighLevelCase, false, false),
        dropped_mark(3.0, HighLevelCase, false),
        dropped_mark(9.0, HighLevelCase, true),
    ];
    let events = stage_events(&marks);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].stage, BusinessReview);
    assert_eq!(
        events[0].outcome,
        Some(StageOutcome::Dropped {
            dropped_at_ms: at(3.0)
        })
    );
    // Dropped, reopened, then on: open again, no outcome.
    let marks = [
        mark(0.0, BusinessReview, false, false),
        dropped_mark(1.0, BusinessReview, false),
        mark(4.0, BusinessReview, false, false),
        mark(8.0, HighLevelCase, true, false),
    ];
    assert_eq!(
        events_of(&marks),
        [(BusinessReview, 0.0), (HighLevelCase, 8.0)]
    );
    assert!(stage_events(&marks).iter().all(|e| e.outcome.is_none()));
    // Created dropped: passed the business review, dropped at once.
    let events = stage_events(&[dropped_mark(5.0, BusinessReview, false)]);
    assert_eq!(
        events[0].outcome,
        Some(StageOutcome::Dropped {
            dropped_at_ms: at(5.0)
        })
    );
}

fn events_of(marks: &[RevisionMark]) -> Vec<(PipelineStage, f64)> {
    events(marks)
}

fn dropped_history(id: &str, value: f64, marks: Vec<RevisionMark>, reason: &str) -> CaseHistory {
    CaseHistory {
        dropped_reason: Some(reason.into()),
        ..history(id, value, "USD", marks)
    }
}

/// Five cases: 1 dropped at projects review, 2 dropped while its
/// high-level case was not positive (so after the business review), 3 open
/// at projects review, 4 dropped then reopened and now at the high-level
/// case, 5 dropped and then made positive while dropped.
fn five_cases() -> Vec<CaseHistory> {
    vec![
        dropped_history(
            "1",
            1000.0,
            vec![
                mark(0.0, BusinessReview, false, false),
                mark(5.0, HighLevelCase, true, false),
                mark(10.0, ProjectsReview, true, false),
                dropped_mark(20.0, ProjectsReview, true),
            ],
            "Chose a competitor",
        ),
        dropped_history(
            "2",
            200.0,
            vec![
                mark(0.0, BusinessReview, false, false),
                mark(3.0, HighLevelCase, false, false),
                dropped_mark(6.0, HighLevelCase, false),
            ],
            "No budget this year",
        ),
        history(
            "3",
            300.0,
            "USD",
            vec![
                mark(0.0, BusinessReview, false, false),
                mark(1.0, HighLevelCase, true, false),
                mark(2.0, ProjectsReview, true, false),
            ],
        ),
        history(
            "4",
            50.0,
            "USD",
            vec![
                mark(0.0, BusinessReview, false, false),
                dropped_mark(1.0, BusinessReview, false),
                mark(4.0, BusinessReview, false, false),
                mark(8.0, HighLevelCase, true, false),
            ],
        ),
        dropped_history(
            "5",
            70.0,
            vec![
                mark(0.0, BusinessReview, false, false),
                mark(2.0, HighLevelCase, false, false),
                dropped_mark(3.0, HighLevelCase, false),
                dropped_mark(9.0, HighLevelCase, true),
            ],
            "Sponsor left",
        ),
    ]
}

#[test]
fn dropped_cases_are_reached_where_they_passed_and_never_open_or_stalled() {
    let pipeline = case_pipeline(&five_cases(), at(40.0), 30.0).unwrap();
    let usd = &pipeline.currencies[0];
    let stages = &usd.report.stages;
    let counts: Vec<usize> = stages.iter().map(|s| s.count).collect();
    assert_eq!(counts, [5, 3, 2, 0, 0, 0]);
    let values: Vec<f64> = stages.iter().map(|s| s.value).collect();
    assert_eq!(values, [1620.0, 1350.0, 1300.0, 0.0, 0.0, 0.0]);
    let open: Vec<usize> = stages.iter().map(|s| s.open_count).collect();
    assert_eq!(open, [0, 1, 1, 0, 0, 0]);
    assert_eq!(
        usd.dropped,
        [
            (2, 270.0),
            (0, 0.0),
            (1, 1000.0),
            (0, 0.0),
            (0, 0.0),
            (0, 0.0)
        ]
    );
    let report_dropped: Vec<usize> = stages.iter().map(|s| s.dropped_count).collect();
    assert_eq!(report_dropped, [2, 0, 1, 0, 0, 0]);
    // Every case that reached a stage is open there, dropped there, or
    // reached the next: count(k) = open(k) + dropped(k) + count(k + 1).
    for k in 0..stages.len() {
        let next = stages.get(k + 1).map_or(0, |s| s.count);
        assert_eq!(
            stages[k].count,
            stages[k].open_count + stages[k].dropped_count + next
        );
    }
    assert_eq!(stages[1].conversion_from_previous, Some(0.6));
    assert_eq!(stages[2].conversion_from_previous, Some(2.0 / 3.0));
    // At the step now: only open cases (3 at projects review, 4 at the
    // high-level case).
    assert_eq!(
        usd.at_step,
        [
            (0, 0.0),
            (1, 50.0),
            (1, 300.0),
            (0, 0.0),
            (0, 0.0),
            (0, 0.0)
        ]
    );
    // Days in stage end at the drop: projects review 10 (case 1) and 38
    // (case 3, open); business review 5, 6, 1, 8, 3.
    assert_eq!(stages[2].median_days_in_stage, Some(24.0));
    assert_eq!(stages[0].median_days_in_stage, Some(5.0));

    let case = |id: &str| pipeline.cases.iter().find(|c| c.case_id == id).unwrap();
    let stalled: Vec<&str> = pipeline
        .cases
        .iter()
        .filter(|c| c.stalled)
        .map(|c| c.case_id.as_str())
        .collect();
    assert_eq!(stalled, ["3", "4"], "a dropped case never stalls");
    let first = case("1").dropped.as_ref().unwrap();
    assert_eq!(first.reason, "Chose a competitor");
    assert_eq!(first.dropped_at_ms, at(20.0));
    assert_eq!(first.last_stage_passed, ProjectsReview);
    assert_eq!(case("1").days_in_step, 10.0, "from day 10 to the drop");
    let second = case("2").dropped.as_ref().unwrap();
    assert_eq!(second.last_stage_passed, BusinessReview);
    assert_eq!(case("2").step, HighLevelCase);
    assert_eq!(case("2").days_in_step, 3.0);
    assert_eq!(case("5").dropped.as_ref().unwrap().dropped_at_ms, at(3.0));
    assert_eq!(case("4").dropped, None, "reopened");
    assert_eq!(case("4").days_in_step, 32.0);

    let text = canonical_json(&pipeline_node(&pipeline));
    assert!(text.contains(r#""stalled":[3,4]"#), "{text}");
    assert!(text.contains(r#""dropped":[1,2,5]"#), "{text}");
    assert!(
        text.contains(r#""dropped":{"droppedAtMs":1768953600000,"lastStagePassed":"projects_review","reason":"Chose a competitor"}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""dropped":2,"droppedValue":270,"#),
        "{text}"
    );
}

#[test]
fn reopening_makes_the_case_open_and_counted_again() {
    let mut cases = five_cases();
    // Case 1 reopened on day 30, still at projects review.
    cases[0].marks.push(mark(30.0, ProjectsReview, true, false));
    cases[0].dropped_reason = None;
    let pipeline = case_pipeline(&cases, at(40.0), 30.0).unwrap();
    let usd = &pipeline.currencies[0];
    assert_eq!(usd.report.stages[2].open_count, 2);
    assert_eq!(usd.report.stages[2].dropped_count, 0);
    assert_eq!(usd.dropped[2], (0, 0.0));
    assert_eq!(usd.at_step[2], (2, 1300.0));
    let first = &pipeline.cases[0];
    assert_eq!(first.dropped, None);
    // Its step has not changed since day 10: the dropped time counts.
    assert_eq!(first.days_in_step, 30.0);
    assert!(!first.stalled, "30 days is not more than 30");
}
