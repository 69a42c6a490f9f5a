//! Tests of the cases tables with explicit revision times (no clock):
//! create and revise, a save over a newer revision refused with nothing
//! lost, reading revisions back, lists by customer and step, the
//! histories the pipeline is computed from (days in step and stalled
//! cases, exactly), dropped revisions, and a version-4 database gaining
//! the tables (a version-5 one the drop reason).

use rusqlite::Connection;
use yardstick_core::cases::diff::diff_cases;
use yardstick_core::cases::figures::{case_figures, CaseFigures};
use yardstick_core::cases::nodes::{diff_summary_node, figures_node};
use yardstick_core::cases::pipeline::case_pipeline;
use yardstick_core::cases::read::{read_case, CaseDocument};
use yardstick_core::json::canonical_json;
use yardstick_core::scoring::PipelineStage;

use super::*;
use crate::store::Store;

/// 2026-03-01T00:00:00Z.
const START_MS: i64 = 1_772_323_200_000;
const DAY_MS: i64 = 86_400_000;

fn case(customer: &str, step: &str, implementation_cost: u32, fit: u32) -> CaseDocument {
    let model: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../examples/models/business-case-5y.json"
    ))
    .unwrap();
    let text = serde_json::json!({
        "schema": "yardstick/case@1",
        "title": format!("{customer} {step}"),
        "customer": {"id": customer, "name": customer.to_uppercase()},
        "model": {"id": "business-case-5y", "version": "1.0.0", "document": model},
        "inputs": {"implementation_cost": implementation_cost},
        "settings": {"strategicFit": fit},
        "step": step,
        "author": "Ada"
    })
    .to_string();
    read_case(&yardstick_json_text::node_from_json(&text).unwrap()).unwrap()
}

fn new<'a>(
    case: &'a CaseDocument,
    figures: &'a CaseFigures,
    before: Option<&CaseDocument>,
    day: i64,
) -> NewRevision<'a> {
    NewRevision {
        case,
        figures,
        figures_json: canonical_json(&figures_node(figures)),
        summary_json: canonical_json(&diff_summary_node(&diff_cases(before, case))),
        saved_at_ms: START_MS + day * DAY_MS,
    }
}

#[test]
fn revisions_are_saved_only_over_the_latest_and_nothing_is_lost() {
    let store = Store::open(std::path::Path::new(":memory:")).unwrap();
    let first = case("acme", "business_review", 140_000, 4);
    let figures = case_figures(&first).unwrap();
    let id = store.create_case(&new(&first, &figures, None, 0)).unwrap();
    assert_eq!(id, 1);
    let second = case("acme", "high_level_case", 150_000, 4);
    let second_figures = case_figures(&second).unwrap();
    let saved = store
        .revise_case(id, 1, &new(&second, &second_figures, Some(&first), 1))
        .unwrap();
    assert_eq!(saved, Revised::Saved { revision: 2 });
    // Another tab still holds revision 1: refused, and revision 2 stays.
    let stale = case("acme", "decision", 1, 1);
    let stale_figures = case_figures(&stale).unwrap();
    let refused = store
        .revise_case(id, 1, &new(&stale, &stale_figures, Some(&first), 2))
        .unwrap();
    assert_eq!(refused, Revised::Conflict { current: 2 });
    assert_eq!(
        store
            .revise_case(99, 1, &new(&stale, &stale_figures, None, 2))
            .unwrap(),
        Revised::NotFound
    );
    let latest = store.case_revision(id, None).unwrap().unwrap();
    assert_eq!((latest.revision, latest.latest_revision), (2, 2));
    assert_eq!(latest.step, "high_level_case");
    assert_eq!(latest.saved_at_ms, START_MS + DAY_MS);
    let stored =
        read_case(&yardstick_json_text::node_from_json(&latest.case_json).unwrap()).unwrap();
    assert_eq!(stored, second);
    let old = store.case_revision(id, Some(1)).unwrap().unwrap();
    assert_eq!(old.step, "business_review");
    assert_eq!(old.latest_revision, 2);
    assert!(store.case_revision(id, Some(3)).unwrap().is_none());
    assert_eq!(store.case_revisions(id).unwrap().len(), 2);
    assert!(
        latest.summary_json.contains(r#""inputs":1"#),
        "{}",
        latest.summary_json
    );
}

#[test]
fn lists_filter_by_customer_and_step() {
    let store = Store::open(std::path::Path::new(":memory:")).unwrap();
    for (day, (customer, step)) in [
        ("acme", "business_review"),
        ("acme", "decision"),
        ("globex", "decision"),
    ]
    .into_iter()
    .enumerate()
    {
        let doc = case(customer, step, 140_000, 4);
        let figures = case_figures(&doc).unwrap();
        store
            .create_case(&new(&doc, &figures, None, day as i64))
            .unwrap();
    }
    let ids = |filter: CaseFilter| -> Vec<i64> {
        store
            .cases(&filter, 10)
            .unwrap()
            .iter()
            .map(|r| r.case_id)
            .collect()
    };
    assert_eq!(ids(CaseFilter::default()), [3, 2, 1], "newest change first");
    let acme = CaseFilter {
        customer_id: Some("acme".into()),
        step: None,
    };
    assert_eq!(ids(acme), [2, 1]);
    let decisions = CaseFilter {
        customer_id: None,
        step: Some("decision".into()),
    };
    assert_eq!(ids(decisions), [3, 2]);
    let first: Vec<i64> = store
        .cases(&CaseFilter::default(), 1)
        .unwrap()
        .iter()
        .map(|r| r.case_id)
        .collect();
    assert_eq!(first, [3, 2], "one more than the limit says more exist");
}

/// One save: the step, the strategic fit and the day.
type Saving = (&'static str, u32, i64);

#[test]
fn the_pipeline_reads_every_revision_with_its_time() {
    let store = Store::open(std::path::Path::new(":memory:")).unwrap();
    // Case 1: business review on day 0, a positive high-level case (fit 4)
    // on day 10. Case 2: at projects review from day 0 without a positive
    // case (fit 1). Case 3, another customer: business review on day 5.
    let plan: [(&str, &[Saving]); 3] = [
        (
            "acme",
            &[("business_review", 1, 0), ("high_level_case", 4, 10)],
        ),
        ("acme", &[("projects_review", 1, 0)]),
        ("globex", &[("business_review", 4, 5)]),
    ];
    for (customer, revisions) in plan {
        let mut previous: Option<(i64, CaseDocument)> = None;
        for &(step, fit, day) in revisions {
            let doc = case(customer, step, 140_000, fit);
            let figures = case_figures(&doc).unwrap();
            match &previous {
                None => {
                    let id = store.create_case(&new(&doc, &figures, None, day)).unwrap();
                    previous = Some((id, doc));
                }
                Some((id, before)) => {
                    let revision = store.case_revision(*id, None).unwrap().unwrap().revision;
                    let saved = store
                        .revise_case(*id, revision, &new(&doc, &figures, Some(before), day))
                        .unwrap();
                    assert!(matches!(saved, Revised::Saved { .. }));
                    previous = Some((*id, doc));
                }
            }
        }
    }
    let as_of = (START_MS + 40 * DAY_MS) as f64;
    let histories = store.case_histories(None).unwrap();
    assert_eq!(histories.len(), 3);
    assert_eq!(histories[0].marks.len(), 2);
    let pipeline = case_pipeline(&histories, as_of, 30.0).unwrap();
    let days: Vec<f64> = pipeline.cases.iter().map(|c| c.days_in_step).collect();
    assert_eq!(days, [30.0, 40.0, 35.0]);
    let stalled: Vec<&str> = pipeline
        .cases
        .iter()
        .filter(|c| c.stalled)
        .map(|c| c.case_id.as_str())
        .collect();
    assert_eq!(stalled, ["2", "3"]);
    assert_eq!(
        pipeline.cases[1].without_positive_case,
        [PipelineStage::HighLevelCase]
    );
    let usd = &pipeline.currencies[0];
    let counts: Vec<usize> = usd.report.stages.iter().map(|s| s.count).collect();
    assert_eq!(counts, [3, 2, 1, 0, 0, 0]);
    assert_eq!(usd.report.stages[1].skipped_count, 1);
    // Business review: case 1 for 10 days, case 2 for 0 (it entered
    // projects review at once), case 3 open for 35 days.
    assert_eq!(usd.report.stages[0].median_days_in_stage, Some(10.0));
    assert_eq!(usd.report.stages[0].mean_days_in_stage, Some(45.0 / 3.0));
    // The high-level case: case 1 alone has its event, open 30 days.
    assert_eq!(usd.report.stages[1].median_days_in_stage, Some(30.0));
    let acme = store.case_histories(Some("acme")).unwrap();
    assert_eq!(acme.len(), 2);
}

#[test]
fn a_version_4_database_gains_the_cases_tables() {
    let path = std::env::temp_dir().join(format!("yardstick-cases-v4-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    {
        Store::open(&path).unwrap();
        Connection::open(&path)
            .unwrap()
            .execute_batch("DROP TABLE case_revisions; DROP TABLE cases; PRAGMA user_version = 4;")
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, super::super::schema::SCHEMA_VERSION);
    let doc = case("acme", "decision", 140_000, 4);
    let figures = case_figures(&doc).unwrap();
    assert_eq!(store.create_case(&new(&doc, &figures, None, 0)).unwrap(), 1);
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.clone().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

fn remove_database(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.to_path_buf().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

#[test]
fn a_drop_is_stored_per_revision_and_read_by_the_pipeline() {
    let store = Store::open(std::path::Path::new(":memory:")).unwrap();
    let open = case("acme", "projects_review", 140_000, 4);
    let figures = case_figures(&open).unwrap();
    let id = store.create_case(&new(&open, &figures, None, 0)).unwrap();
    let mut dropped = open.clone();
    dropped.dropped = Some(yardstick_core::cases::read::CaseDrop {
        reason: "Chose a competitor".into(),
    });
    let saved = store.revise_case(id, 1, &new(&dropped, &figures, Some(&open), 4));
    assert_eq!(saved.unwrap(), Revised::Saved { revision: 2 });
    let rows = store.case_revisions(id).unwrap();
    let reasons: Vec<Option<&str>> = rows.iter().map(|r| r.dropped_reason.as_deref()).collect();
    assert_eq!(reasons, [None, Some("Chose a competitor")]);
    let histories = store.case_histories(None).unwrap();
    let marks: Vec<bool> = histories[0].marks.iter().map(|m| m.dropped).collect();
    assert_eq!(marks, [false, true]);
    assert_eq!(
        histories[0].dropped_reason.as_deref(),
        Some("Chose a competitor")
    );
    let as_of = (START_MS + 40 * DAY_MS) as f64;
    let pipeline = case_pipeline(&histories, as_of, 30.0).unwrap();
    let standing = &pipeline.cases[0];
    assert!(!standing.stalled);
    assert_eq!(
        standing.dropped.as_ref().map(|d| d.dropped_at_ms),
        Some((START_MS + 4 * DAY_MS) as f64)
    );
    // Reopened: the latest revision has no reason, so neither has the case.
    store
        .revise_case(id, 2, &new(&open, &figures, Some(&dropped), 5))
        .unwrap();
    let histories = store.case_histories(None).unwrap();
    assert_eq!(histories[0].dropped_reason, None);
    assert!(!histories[0].marks.last().unwrap().dropped);
}

#[test]
fn a_version_5_database_gains_the_drop_reason_and_its_cases_stay_open() {
    let path = std::env::temp_dir().join(format!("yardstick-cases-v5-{}.db", std::process::id()));
    remove_database(&path);
    let doc = case("acme", "decision", 140_000, 4);
    let figures = case_figures(&doc).unwrap();
    {
        let store = Store::open(&path).unwrap();
        store.create_case(&new(&doc, &figures, None, 0)).unwrap();
        drop(store);
        Connection::open(&path)
            .unwrap()
            .execute_batch(
                "ALTER TABLE case_revisions DROP COLUMN dropped_reason; PRAGMA user_version = 5;",
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, crate::store::schema::SCHEMA_VERSION);
    let histories = store.case_histories(None).unwrap();
    assert_eq!(histories[0].dropped_reason, None);
    assert!(!histories[0].marks[0].dropped);
    assert_eq!(
        store
            .case_revision(1, None)
            .unwrap()
            .unwrap()
            .dropped_reason,
        None
    );
    drop(store);
    // Set back to 1 (to rebuild the aggregates), it opens again: the
    // column is added only when missing.
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 1;")
        .unwrap();
    assert!(Store::open(&path).is_ok());
    remove_database(&path);
}
