//! The nightly scorer's scores: a seeded demo portfolio written out as the
//! CSV files of docs/success.md into a temporary folder, scored by the
//! binary at a date, and every row held to the core's health table built
//! in the test from the same data on the same date.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use std::fmt::Write as _;
use std::path::Path;

use support::success::{run_scorer, write_file};
use support::temp_folder;
use yardstick_core::success::data::{RenewalResult, SuccessData};
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::settings_read::read_settings;
use yardstick_core::success::signal_index::SignalIndex;
use yardstick_json_text::node_from_json;

/// A scorecard per stage over three of the demo's metrics and outcome
/// progress; no scorecard for the established stage, so those accounts
/// have no score.
const SETTINGS: &str = r#"{
  "schema": "yardstick/success-settings@1",
  "scorecards": [
    { "stage": "onboarding", "measures": [
      { "id": "licences", "label": "Licences", "metric": "licence_utilisation", "weight": 3,
        "rule": { "kind": "banded", "bands": [ { "below": 0.2, "points": 0 }, { "below": 0.5, "points": 50 }, { "points": 100 } ] },
        "tightenPerMonth": 0.02 },
      { "id": "active", "label": "Active", "metric": "weekly_active_share", "weight": 2,
        "rule": { "kind": "linear", "zeroAt": 0.1, "fullAt": 0.8 } } ] },
    { "stage": "pre_renewal", "measures": [
      { "id": "tickets", "label": "Tickets", "metric": "open_tickets", "weight": 1,
        "rule": { "kind": "bounded_linear", "zeroAt": 20, "fullAt": 0, "floor": 10 } },
      { "id": "outcomes", "label": "Outcomes", "source": "outcome_progress", "weight": 2,
        "rule": { "kind": "linear", "zeroAt": 0, "fullAt": 1 } } ] }
  ]
}"#;

fn csv_file(folder: &Path, file: &str, header: &str, rows: &str) {
    write_file(folder, file, &format!("{header}\n{rows}"));
}

/// Writes `data` as the CSV tables of docs/success.md (the demo has no
/// stage overrides or case links).
fn write_tables(folder: &Path, data: &SuccessData) {
    let mut rows = String::new();
    for a in &data.accounts {
        let first = a.first_value.map(|d| d.to_string()).unwrap_or_default();
        let segment = a.segment.clone().unwrap_or_default();
        let owner = a.owner.clone().unwrap_or_default();
        writeln!(
            rows,
            "{},{},{segment},{owner},{},{},{},{first},{}",
            a.id, a.name, a.annual_value, a.currency, a.contract_start, a.renewal
        )
        .unwrap();
    }
    let header = "id,name,segment,owner,annual_value,currency,contract_start,first_value,renewal";
    csv_file(folder, "accounts.csv", header, &rows);
    rows.clear();
    for s in &data.signals {
        writeln!(rows, "{},{},{},{}", s.account, s.date, s.metric, s.value).unwrap();
    }
    csv_file(folder, "signals.csv", "account,date,metric,value", &rows);
    rows.clear();
    for r in &data.renewals {
        let result = match r.result {
            RenewalResult::Renewed => "renewed",
            RenewalResult::Churned => "churned",
        };
        writeln!(rows, "{},{},{result},{}", r.account, r.date, r.value).unwrap();
    }
    csv_file(folder, "renewals.csv", "account,date,result,value", &rows);
    let (mut outcomes, mut actuals) = (String::new(), String::new());
    for o in &data.outcomes {
        let direction = format!("{:?}", o.direction).to_lowercase();
        writeln!(
            outcomes,
            "{},{},{},{direction},{},{},{},{}",
            o.id,
            o.account,
            o.label,
            o.baseline.value,
            o.baseline.date,
            o.target.value,
            o.target.date
        )
        .unwrap();
        for actual in &o.actuals {
            writeln!(actuals, "{},{},{}", o.id, actual.date, actual.value).unwrap();
        }
    }
    let header = "id,account,label,direction,baseline_value,baseline_date,target_value,target_date";
    csv_file(folder, "outcomes.csv", header, &outcomes);
    csv_file(
        folder,
        "outcome_actuals.csv",
        "outcome,date,value",
        &actuals,
    );
}

#[test]
fn every_score_grade_and_coverage_is_the_health_tables() {
    let document = demo_portfolio(DemoOptions {
        accounts: 60,
        ..DemoOptions::default()
    });
    // Outcomes' renegotiations are left out of the files: drop them from
    // the data the test scores too.
    let mut data = read_data(&document).expect("demo data");
    for outcome in &mut data.outcomes {
        outcome.renegotiations.clear();
    }
    let folder = temp_folder("success-cli-scores");
    write_tables(&folder, &data);
    write_file(&folder, "settings.json", SETTINGS);
    let settings = read_settings(&node_from_json(SETTINGS).unwrap()).expect("settings");
    let as_of = Date::parse("2025-09-15").unwrap();
    let index = SignalIndex::new(&data);
    let table = HealthTable::build(&data, &index, &settings, &[as_of]).expect("table");

    let out = folder.join("scores.csv");
    let run = run_scorer(&folder, "2025-09-15", &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = std::fs::read_to_string(&out).expect("output");
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("account,stage,score,grade,coverage"));
    let (mut scored, mut empty) = (0, 0);
    for (row, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 5, "{line}");
        assert_eq!(cells[0], data.accounts[row].id);
        let cell = table.cell(row, 0).expect("a cell per account");
        match cell.score {
            Some(score) => {
                scored += 1;
                assert_eq!(cells[2], format!("{score:.2}"), "{line}");
                assert!((cells[2].parse::<f64>().unwrap() - score).abs() <= 0.005);
                assert_eq!(cells[3], cell.grade.unwrap().as_str(), "{line}");
                let coverage: f64 = cells[4].parse().unwrap();
                assert!((coverage - cell.coverage).abs() <= 0.00005, "{line}");
                assert!((0.0..=1.0).contains(&coverage));
            }
            None => {
                empty += 1;
                assert_eq!(&cells[2..], ["", "", ""], "{line}");
            }
        }
    }
    assert_eq!(scored + empty, data.accounts.len());
    // The date is chosen so that both cases occur.
    assert!(scored >= 5 && empty >= 5, "{scored} scored, {empty} empty");
}

#[test]
fn a_bad_row_among_good_ones_fails_and_writes_nothing() {
    let folder = temp_folder("success-cli-scores-bad");
    write_file(&folder, "settings.json", SETTINGS);
    csv_file(
        &folder,
        "accounts.csv",
        "id,name,annual_value,currency,contract_start,renewal",
        "acme,Acme,100,EUR,2025-01-15,2026-01-15\nbeta,Beta,100,EUR,2025-02-01,2025-01-01\n",
    );
    csv_file(
        &folder,
        "signals.csv",
        "account,date,metric,value",
        "acme,2025-03-01,licence_utilisation,0.4\nnobody,2025-03-01,licence_utilisation,0.4\n",
    );
    let out = folder.join("scores.csv");
    let run = run_scorer(&folder, "2025-03-15", &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.contains("accounts.csv line 3"), "{stderr}");
    assert!(stderr.contains("signals.csv line 3"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}
