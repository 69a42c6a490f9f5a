//! `realised_over_projected` and `execution` feed health as measures:
//! the small two-benefit case (tests/data/success/models/two-benefits.json)
//! and an execution checklist, figures by hand.

use super::*;
use crate::cases::read::read_case;
use crate::scoring::ScoringRule;
use crate::success::data::{ChecklistKind, Stage, SuccessData};
use crate::success::health::HealthTable;
use crate::success::settings::{ChecklistItem, HealthMeasure, HealthScorecard};
use crate::success::settings_default::default_settings;
use crate::success::signal_index::SignalIndex;
use crate::success::test_json::node;

const MODEL: &str = include_str!("../../../../tests/data/success/models/two-benefits.json");

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn case() -> CaseDocument {
    let text = format!(
        r#"{{"schema": "yardstick/case@1", "title": "Acme", "customer": {{"id": "acme", "name": "Acme"}},
            "model": {{"id": "two-benefits", "version": "1.0.0", "document": {MODEL}}},
            "inputs": {{}}, "step": "high_level_case", "author": "Ada"}}"#
    );
    read_case(&node(&text)).expect("the test case reads")
}

fn measure(id: &str, source: HealthSource, full_at: f64) -> HealthMeasure {
    HealthMeasure {
        id: id.to_string(),
        label: id.to_string(),
        source,
        weight: 1.0,
        rule: ScoringRule::Linear {
            worst: 0.0,
            best: full_at,
        },
        tighten_per_month: None,
    }
}

/// Every stage scores realised/projected (100 points at 2) and the
/// execution degree (100 points at 1), equal weights.
fn settings() -> SuccessSettings {
    let mut settings = default_settings();
    settings.scorecards = Stage::ALL
        .iter()
        .map(|stage| HealthScorecard {
            stage: *stage,
            segment: None,
            measures: vec![
                measure("realised", HealthSource::RealisedOverProjected, 2.0),
                measure("execution", HealthSource::Execution, 1.0),
            ],
        })
        .collect();
    settings.checklists.execution = vec![
        ChecklistItem {
            id: "steps".into(),
            label: "Steps".into(),
            weight: 3.0,
        },
        ChecklistItem {
            id: "reviews".into(),
            label: "Reviews".into(),
            weight: 1.0,
        },
    ];
    settings
}

fn data() -> SuccessData {
    let text = r#"{"schema": "yardstick/success@1",
      "accounts": [{"id": "acme", "name": "Acme", "annualValue": 1000, "currency": "EUR",
        "contractStart": "2025-01-01", "renewal": "2026-01-01", "case": {"id": 1, "revision": 1}}],
      "realised": [
        {"account": "acme", "date": "2025-02-15", "input": "hours", "value": 1},
        {"account": "acme", "date": "2025-05-10", "input": "hours", "value": 3},
        {"account": "acme", "date": "2025-08-01", "input": "error_savings", "value": 500},
        {"account": "acme", "date": "2025-10-05", "input": "hours", "value": 10}],
      "checklist": [
        {"account": "acme", "list": "execution", "item": "steps", "date": "2025-02-01", "done": true}]}"#;
    crate::success::data_read::read_data(&node(text)).expect("the test data reads")
}

#[test]
fn the_ratio_and_the_degree_score_as_measures_point_in_time() {
    let data = data();
    assert_eq!(data.checklist[0].list, ChecklistKind::Execution);
    let index = SignalIndex::new(&data);
    let mut cases = CaseDocuments::new();
    cases.insert("acme".to_string(), case());
    let dates = [date("2025-03-30"), date("2025-09-30"), date("2025-12-30")];
    let table =
        HealthTable::build_with_cases(&data, &index, &settings(), &dates, &cases).expect("small");
    // 2025-03-30: no quarter has elapsed; execution 3 of 4 → 75 points.
    let first = table.cell(0, 0).expect("a cell");
    assert_eq!(first.score, Some(75.0));
    assert_eq!(first.coverage, 0.5);
    // 2025-09-30: 9,500 / 9,000 realised → 52.78 points; (52.78 + 75) / 2.
    let ratio = 9500.0 / 9000.0;
    let realised = table.measure(0, 1, 0).expect("the measure");
    assert_eq!(realised.value, Some(ratio));
    assert!((realised.points - ratio * 50.0).abs() < 1e-9);
    let score = table
        .cell(0, 1)
        .and_then(|cell| cell.score)
        .expect("a score");
    assert!((score - (ratio * 50.0 + 75.0) / 2.0).abs() < 1e-9);
    assert!((realised.contribution - ratio * 25.0).abs() < 1e-9);
    // 2025-12-30: the actual of 2025-10-05 is in a quarter not yet over.
    assert_eq!(table.measure(0, 2, 0).and_then(|m| m.value), Some(ratio));
    // Without the case the ratio is missing and execution alone scores.
    let without = HealthTable::build(&data, &index, &settings(), &dates).expect("small");
    assert_eq!(without.measure(0, 1, 0).and_then(|m| m.value), None);
    assert_eq!(without.cell(0, 1).and_then(|cell| cell.score), Some(75.0));
}
