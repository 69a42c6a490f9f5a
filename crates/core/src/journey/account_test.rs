//! Unit tests of the Execute and Prosper phases of one account.

use super::*;
use crate::success::data_read::read_data;
use crate::success::outcomes::OutcomeStatus;
use crate::success::settings_default::default_settings;
use crate::success::test_json::node;

/// Two accounts; `acme` has signals, an outcome, checklist rows and a
/// renewal, `globex` a later signal (the data's latest date).
const DATA: &str = r#"{"schema": "yardstick/success@1",
  "accounts": [
    {"id": "acme", "name": "Acme Corp", "annualValue": 120000, "currency": "EUR",
     "contractStart": "2025-01-15", "renewal": "2026-01-15", "domains": "acme.com"},
    {"id": "globex", "name": "Globex", "annualValue": 5000, "currency": "EUR",
     "contractStart": "2025-01-01", "renewal": "2026-01-01"}],
  "signals": [
    {"account": "acme", "date": "2025-05-31", "metric": "licence_utilisation", "value": 0.3},
    {"account": "acme", "date": "2025-06-30", "metric": "licence_utilisation", "value": 0.6},
    {"account": "globex", "date": "2025-07-10", "metric": "licence_utilisation", "value": 0.9}],
  "events": [],
  "outcomes": [{"id": "acme-cycle", "account": "acme", "label": "Cycle time", "direction": "decrease",
    "baseline": {"value": 12, "date": "2025-01-15"}, "target": {"value": 8, "date": "2025-12-31"},
    "actuals": [{"date": "2025-06-30", "value": 10}]}],
  "renewals": [],
  "checklist": [
    {"account": "acme", "list": "setup", "item": "sponsor", "date": "2025-01-20", "done": true},
    {"account": "acme", "list": "setup", "item": "outcome", "date": "2025-01-20", "done": true},
    {"account": "acme", "list": "execution", "item": "steps", "date": "2025-03-01", "done": false}]
}"#;

#[test]
fn reads_the_account_on_the_datas_latest_date() {
    let data = read_data(&node(DATA)).unwrap();
    let settings = default_settings();
    let input = AccountInput {
        data: &data,
        settings: &settings,
        case: None,
        as_of: None,
    };
    let phases = account_phases(&input, "acme").unwrap().unwrap();
    assert_eq!(
        phases.as_of,
        Date::parse("2025-07-10").unwrap(),
        "globex's signal"
    );
    assert_eq!(phases.account.domains, ["acme.com"]);
    // Execute: 2 of 4 equal set-up items, execution read but nothing done.
    assert_eq!(phases.execute.setup.degree, Some(0.5));
    assert_eq!(phases.execute.setup.missing, ["baseline", "plan"]);
    assert_eq!(phases.execute.execution.degree, Some(0.0));
    assert_eq!(
        (phases.execute.outcomes, phases.execute.outcomes_measured),
        (1, 1)
    );
    // Prosper: the outcome halfway (12 -> 10 of 12 -> 8).
    let line = &phases.prosper.outcomes[0];
    let reading = line.reading.unwrap();
    assert!((reading.progress - 0.5).abs() < 1e-12);
    assert_eq!(
        reading.status,
        OutcomeStatus::AtRisk,
        "one actual, not achieved"
    );
    assert_eq!(phases.prosper.realised, RealisedStanding::NoCase);
    assert_eq!(phases.prosper.next_renewal, Date::parse("2026-01-15"));
    assert_eq!(phases.prosper.churned_on, None);
    // Health: the same as the whole portfolio's table on the same dates.
    let dates = snapshot_dates(phases.as_of);
    let index = SignalIndex::new(&data);
    let table = HealthTable::build(&data, &index, &settings, &dates).unwrap();
    let last = table.dates().len() - 1;
    let whole = table.cell(0, last).unwrap();
    assert!(whole.score.is_some());
    assert_eq!(phases.prosper.health.score, whole.score);
    assert_eq!(phases.prosper.health.grade, whole.grade);
    assert_eq!(phases.prosper.health.stage, whole.stage);
    let before = table.cell(0, last - 1).unwrap().score.unwrap();
    assert_eq!(
        phases.prosper.health.change_previous,
        Some(whole.score.unwrap() - before)
    );
}

#[test]
fn an_unknown_account_has_no_phases_and_a_linked_case_not_stored_says_so() {
    let mut data = read_data(&node(DATA)).unwrap();
    let settings = default_settings();
    let input = AccountInput {
        data: &data,
        settings: &settings,
        case: None,
        as_of: Date::parse("2025-03-01"),
    };
    assert_eq!(account_phases(&input, "nobody").unwrap(), None);
    let as_of = input.as_of;
    data.accounts[0].case = Some(crate::success::data::CaseLink { id: 3, revision: 1 });
    let input = AccountInput {
        data: &data,
        settings: &settings,
        case: None,
        as_of,
    };
    let phases = account_phases(&input, "acme").unwrap().unwrap();
    assert_eq!(phases.prosper.realised, RealisedStanding::NotLoaded);
    assert_eq!(phases.as_of, Date::parse("2025-03-01").unwrap());
    assert_eq!(phases.execute.outcomes_measured, 0, "the actual is later");
}

#[test]
fn snapshots_are_the_month_ends_and_the_date() {
    let dates = snapshot_dates(Date::parse("2025-07-10").unwrap());
    assert_eq!(dates.len(), 24);
    assert_eq!(dates[0].to_string(), "2023-08-31");
    assert_eq!(dates[22].to_string(), "2025-06-30");
    assert_eq!(dates[23].to_string(), "2025-07-10");
    let month_end = snapshot_dates(Date::parse("2024-02-29").unwrap());
    assert_eq!(month_end.len(), 24);
    assert_eq!(month_end[23].to_string(), "2024-02-29");
}
