//! The success tables: idempotent re-imports, replaced rows, all or
//! nothing, the document read back through the core's reader, settings
//! versions with explicit times.

use rusqlite::Connection;
use yardstick_core::json::canonical_json;
use yardstick_core::success::csv_rows::CsvImport;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
use yardstick_json_text::node_from_json;

use super::super::schema::bring_up_to_date;
use super::super::success_settings::{current_settings, save_settings, settings_versions};
use super::*;

fn open() -> Connection {
    let mut connection = Connection::open_in_memory().expect("memory database");
    bring_up_to_date(&mut connection).expect("schema");
    connection
}

const DOCUMENT: &str = r#"{
  "schema": "yardstick/success@1",
  "accounts": [
    {"id": "acme", "name": "Acme Corp", "annualValue": 120000, "currency": "EUR",
     "contractStart": "2025-01-15", "renewal": "2026-01-15"}
  ],
  "signals": [
    {"account": "acme", "date": "2025-04-01", "metric": "logins", "value": 0.42}
  ],
  "events": [],
  "outcomes": [
    {"id": "acme-cycle", "account": "acme", "label": "Cycle time", "direction": "decrease",
     "baseline": {"value": 12, "date": "2025-01-15"}, "target": {"value": 8, "date": "2025-12-31"},
     "actuals": [{"date": "2025-06-30", "value": 10.5}], "renegotiations": []}
  ],
  "renewals": [{"account": "acme", "date": "2026-01-15", "result": "renewed", "value": 130000}]
}"#;

fn import_of(text: &str) -> CsvImport {
    let data = read_data(&node_from_json(text).expect("json")).expect("valid data");
    CsvImport {
        data,
        ..CsvImport::default()
    }
}

#[test]
fn an_import_twice_stores_each_row_once() {
    let mut connection = open();
    let first = import(&mut connection, &import_of(DOCUMENT)).expect("first import");
    assert_eq!(first.accounts, 1);
    assert_eq!(first.actuals, 1);
    let before = canonical_json(&document(&connection).expect("document"));
    import(&mut connection, &import_of(DOCUMENT)).expect("second import");
    let after = canonical_json(&document(&connection).expect("document"));
    assert_eq!(before, after);
    let signals: i64 = connection
        .query_row("SELECT COUNT(*) FROM success_signals", [], |row| row.get(0))
        .expect("count");
    assert_eq!(signals, 1);
}

#[test]
fn a_later_row_with_the_same_key_replaces_the_stored_one() {
    let mut connection = open();
    import(&mut connection, &import_of(DOCUMENT)).expect("import");
    import(
        &mut connection,
        &import_of(&DOCUMENT.replace("0.42", "0.75")),
    )
    .expect("again");
    let stored = document(&connection).expect("document");
    let data = read_data(&stored).expect("the stored document reads back");
    assert_eq!(data.signals.len(), 1);
    assert_eq!(data.signals[0].value, 0.75);
}

#[test]
fn the_stored_document_reads_back_as_the_imported_data() {
    let mut connection = open();
    let demo = demo_portfolio(DemoOptions::default());
    let data = read_data(&demo).expect("demo is valid");
    import(
        &mut connection,
        &CsvImport {
            data: data.clone(),
            ..CsvImport::default()
        },
    )
    .expect("import");
    let back = read_data(&document(&connection).expect("document")).expect("reads back");
    assert_eq!(back.accounts.len(), data.accounts.len());
    assert_eq!(back.signals.len(), data.signals.len());
    assert_eq!(back.outcomes.len(), data.outcomes.len());
    let actuals = |d: &yardstick_core::success::data::SuccessData| -> usize {
        d.outcomes.iter().map(|o| o.actuals.len()).sum()
    };
    assert_eq!(actuals(&back), actuals(&data));
    assert_eq!(back.renewals.len(), data.renewals.len());
    assert!(holds_data(&connection).expect("holds"));
}

#[test]
fn a_failing_import_stores_nothing() {
    let mut connection = open();
    // A trigger makes the renewals' insert fail after the accounts were
    // written in the same transaction.
    connection
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON success_renewals
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .expect("trigger");
    assert!(import(&mut connection, &import_of(DOCUMENT)).is_err());
    assert!(!holds_data(&connection).expect("holds"));
    let (accounts, outcomes) = known_ids(&connection).expect("ids");
    assert!(accounts.is_empty() && outcomes.is_empty());
}

#[test]
fn settings_are_versions_with_who_and_when() {
    let mut connection = open();
    assert_eq!(current_settings(&connection).expect("none"), None);
    let first =
        save_settings(&mut connection, "{\"a\":1}", "dana", 1_764_000_000_000).expect("save");
    let second =
        save_settings(&mut connection, "{\"a\":2}", "lee", 1_764_000_060_000).expect("save");
    assert_eq!((first, second), (1, 2));
    let current = current_settings(&connection).expect("read").expect("saved");
    assert_eq!(current.settings_json, "{\"a\":2}");
    assert_eq!(current.saved_by, "lee");
    assert_eq!(current.saved_at_ms, 1_764_000_060_000);
    assert_eq!(settings_versions(&connection).expect("count"), 2);
}

#[test]
fn the_accounts_list_counts_signals_and_outcomes() {
    let mut connection = open();
    import(&mut connection, &import_of(DOCUMENT)).expect("import");
    let list = accounts(&connection).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].signals, list[0].outcomes), (1, 1));
    assert_eq!(
        list[0].account.get("id"),
        Some(&yardstick_core::json::Node::Text("acme".into()))
    );
}

#[test]
fn a_version_6_database_gains_the_empty_success_tables() {
    let mut connection = open();
    connection
        .execute_batch(
            "DROP TABLE success_accounts; DROP TABLE success_settings; PRAGMA user_version = 6;",
        )
        .expect("back to version 6");
    bring_up_to_date(&mut connection).expect("migrates");
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("version");
    assert_eq!(version, super::super::schema::SCHEMA_VERSION);
    assert!(SUCCESS_SCHEMA_VERSION < version);
    assert!(!holds_data(&connection).expect("the tables exist"));
    assert_eq!(
        current_settings(&connection).expect("the settings table exists"),
        None
    );
}

#[test]
fn a_version_7_database_keeps_its_success_data_and_gains_the_execute_tables() {
    let mut connection = open();
    import(&mut connection, &import_of(DOCUMENT)).expect("import");
    let before = canonical_json(&document(&connection).expect("document"));
    connection
        .execute_batch(
            "DROP TABLE success_realised; DROP TABLE success_checklist; DROP TABLE success_plays;
             PRAGMA user_version = 7;",
        )
        .expect("back to version 7");
    assert!(
        document(&connection).is_err(),
        "version 7 has no such tables"
    );
    bring_up_to_date(&mut connection).expect("migrates");
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("version");
    assert_eq!(version, super::super::schema::SCHEMA_VERSION);
    assert!(super::super::success_tracking::TRACKING_SCHEMA_VERSION <= version);
    let after = document(&connection).expect("document");
    assert_eq!(canonical_json(&after), before, "the stored rows are kept");
    let rows = r#"{"schema": "yardstick/success@1",
      "checklist": [{"account": "acme", "list": "setup", "item": "sponsor", "date": "2025-01-20", "done": true}],
      "plays": [{"account": "acme", "play": "rescue", "date": "2025-05-02"}]}"#;
    let known = yardstick_core::success::data::KnownIds::new(vec!["acme".into()], Vec::new());
    let data = yardstick_core::success::data_read::read_data_with(
        &node_from_json(rows).expect("json"),
        &known,
    )
    .expect("reads");
    let counts = import(
        &mut connection,
        &CsvImport {
            data,
            ..CsvImport::default()
        },
    )
    .expect("the new tables take rows");
    assert_eq!((counts.checklist, counts.plays), (1, 1));
    let read_back =
        read_data(&document(&connection).expect("document")).expect("the core reads it");
    assert_eq!(read_back.checklist.len(), 1);
    assert_eq!(read_back.plays[0].play, "rescue");
}
