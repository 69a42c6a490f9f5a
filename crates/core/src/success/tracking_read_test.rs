//! The Execute-phase tables read from JSON and CSV: fields, keys,
//! references, and the settings' ids where the caller gives them.

use crate::success::csv_rows::{read_csv_import, CsvRecord, CsvTable};
use crate::success::data::{ChecklistKind, KnownIds};
use crate::success::data_read::{read_data, read_data_with, settings_ids};
use crate::success::settings_default::default_settings;
use crate::success::test_json::node;

const ACCOUNT: &str = r#"{"id": "acme", "name": "Acme", "annualValue": 1, "currency": "EUR",
    "contractStart": "2025-01-01", "renewal": "2026-01-01"}"#;

fn document(rows: &str) -> String {
    format!(r#"{{"schema": "yardstick/success@1", "accounts": [{ACCOUNT}], {rows}}}"#)
}

fn problems(rows: &str, known: &KnownIds) -> Vec<String> {
    match read_data_with(&node(&document(rows)), known) {
        Ok(_) => panic!("accepted: {rows}"),
        Err(found) => found.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_three_tables_read_from_json() {
    let text = document(
        r#""realised": [{"account": "acme", "date": "2025-02-01", "input": "hours", "value": 2.5}],
           "checklist": [{"account": "acme", "list": "setup", "item": "sponsor", "date": "2025-01-05", "done": true, "note": "Named"}],
           "plays": [{"account": "acme", "play": "rescue", "alert": "to_at_risk", "date": "2025-03-01", "by": "dana"}]"#,
    );
    let data = read_data(&node(&text)).expect("reads");
    assert_eq!(data.realised[0].value, 2.5);
    assert_eq!(data.checklist[0].list, ChecklistKind::Setup);
    assert_eq!(data.checklist[0].note.as_deref(), Some("Named"));
    assert_eq!(data.plays[0].by.as_deref(), Some("dana"));
}

#[test]
fn keys_fields_and_references_are_checked_with_places() {
    let found = problems(
        r#""realised": [{"account": "acme", "date": "2025-02-01", "input": "hours", "value": 1},
                       {"account": "acme", "date": "2025-02-01", "input": "hours", "value": 2},
                       {"account": "acne", "date": "2025-02-01", "input": "hours", "value": 2}],
           "checklist": [{"account": "acme", "list": "later", "item": "x", "date": "2025-01-05", "done": "yes"}]"#,
        &KnownIds::default(),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("checklist[0].list"), "{found:?}");
    assert!(found[1].starts_with("checklist[0].done"), "{found:?}");
    let found = problems(
        r#""realised": [{"account": "acme", "date": "2025-02-01", "input": "hours", "value": 1},
                       {"account": "acme", "date": "2025-02-01", "input": "hours", "value": 2},
                       {"account": "acne", "date": "2025-02-01", "input": "hours", "value": 2}],
           "plays": [{"account": "acme", "play": "rescue", "date": "2025-03-01"},
                     {"account": "acme", "play": "rescue", "date": "2025-03-01"}]"#,
        &KnownIds::default(),
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].contains("realised[1].input") && found[0].contains("also at realised[0].input")
    );
    assert!(found[1].contains("plays[1].date"), "{found:?}");
    assert!(
        found[2].contains("realised[2].account") && found[2].contains("`acme`"),
        "{found:?}"
    );
}

#[test]
fn checklist_items_plays_and_alerts_are_checked_against_given_settings() {
    let rows = r#""checklist": [{"account": "acme", "list": "setup", "item": "sponsr", "date": "2025-01-05", "done": true},
                               {"account": "acme", "list": "execution", "item": "sponsor", "date": "2025-01-05", "done": true}],
                  "plays": [{"account": "acme", "play": "rescue", "alert": "nope", "date": "2025-03-01"},
                            {"account": "acme", "play": "resque", "date": "2025-03-02"}]"#;
    // Without the settings' ids only the shapes are checked.
    assert!(read_data_with(&node(&document(rows)), &KnownIds::default()).is_ok());
    let known = KnownIds::default().with_settings_ids(settings_ids(&default_settings()));
    let found = problems(rows, &known);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found[0].contains("checklist[0].item") && found[0].contains("`sponsor`"));
    assert!(found[1].contains("the execution checklist has no item \"sponsor\""));
    assert!(found[2].contains("plays[0].alert"), "{found:?}");
    assert!(found[3].contains("plays[1].play") && found[3].contains("`rescue`"));
}

fn table(file: &str, lines: &[&str]) -> CsvTable {
    let split = |line: &str| line.split(',').map(str::to_string).collect::<Vec<_>>();
    CsvTable {
        file: file.into(),
        header: split(lines[0]),
        records: lines[1..]
            .iter()
            .enumerate()
            .map(|(index, line)| CsvRecord {
                line: index as u64 + 2,
                cells: split(line),
            })
            .collect(),
    }
}

#[test]
fn the_three_tables_read_from_csv_with_lines() {
    let known = KnownIds::new(vec!["acme".into()], Vec::new());
    let tables = [
        table(
            "realised.csv",
            &["account,date,input,value", "acme,2025-02-01,hours,2"],
        ),
        table(
            "checklist.csv",
            &[
                "account,list,item,date,done,note",
                "acme,execution,steps,2025-02-01,true,",
                "acme,setup,plan,2025-02-01,false,Late",
            ],
        ),
        table(
            "plays.csv",
            &["account,play,date", "acme,rescue,2025-03-01"],
        ),
    ];
    let import = read_csv_import(&tables, &known).expect("reads");
    assert_eq!(import.data.realised.len(), 1);
    assert!(import.data.checklist[0].done && !import.data.checklist[1].done);
    assert_eq!(import.data.plays[0].alert, None);
    let bad = [
        table(
            "checklist.csv",
            &[
                "account,list,item,date,done",
                "acme,setup,plan,2025-02-01,yes",
            ],
        ),
        table(
            "realised.csv",
            &[
                "account,date,input,value",
                "acme,2025-02-01,hours,2",
                "acme,2025-02-01,hours,3",
            ],
        ),
    ];
    let found: Vec<String> = read_csv_import(&bad, &known)
        .expect_err("refused")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("checklist.csv line 2, column done"),
        "{found:?}"
    );
    let found: Vec<String> = read_csv_import(&bad[1..], &known)
        .expect_err("refused")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        found[0].starts_with("realised.csv line 3, column input")
            && found[0].contains("also on line 2"),
        "{found:?}"
    );
}
