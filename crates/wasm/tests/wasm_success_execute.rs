//! wasm-bindgen tests of the Execute phase in `SuccessPortfolio` (the
//! `success` build): `setCases` and realised against projected value per
//! benefit line, the checklists' degrees and the plays' health change in
//! `account(id)`, and `milestone_overdue` alerts, each equal to the core's
//! own computation on the same data. Refuses to build without `success`.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

#[cfg(not(feature = "success"))]
compile_error!("the success wasm tests need the `success` feature: --features success");

mod support;
use support::{get, CASE};

use js_sys::{Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::SuccessPortfolio;
use yardstick_core::cases::read::read_case;
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::success::alerts::settings_alerts;
use yardstick_core::success::data::SuccessData;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
use yardstick_core::success::execution::execution_on;
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::plays::health_change_after;
use yardstick_core::success::realised::realised_to_date;
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::signal_index::SignalIndex;

fn items(value: &JsValue) -> Vec<JsValue> {
    value.clone().dyn_into::<Array>().unwrap().iter().collect()
}

fn number(value: &JsValue, key: &str) -> Option<f64> {
    get(value, key).as_f64()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

/// JSON text as the core's tree (the test's own reading, through JSON.parse).
fn tree(text: &str) -> Node {
    fn convert(value: &JsValue) -> Node {
        if value.is_null() {
            Node::Null
        } else if let Some(b) = value.as_bool() {
            Node::Bool(b)
        } else if let Some(n) = value.as_f64() {
            Node::Number(n)
        } else if let Some(s) = value.as_string() {
            Node::Text(s)
        } else if Array::is_array(value) {
            Node::List(items(value).iter().map(convert).collect())
        } else {
            let entries = js_sys::Object::entries(value.unchecked_ref());
            Node::Map(
                entries
                    .iter()
                    .map(|pair| {
                        let pair: Array = pair.unchecked_into();
                        (pair.get(0).as_string().unwrap(), convert(&pair.get(1)))
                    })
                    .collect(),
            )
        }
    }
    convert(&JSON::parse(text).unwrap())
}

/// Two accounts: `acme` links case 1 revision 1 and has realised values
/// (one out of the model's bounds) and checklist rows; `globex` links none.
const LINKED: &str = r#"{
  "schema": "yardstick/success@1",
  "accounts": [
    {"id": "acme", "name": "Acme", "annualValue": 100000, "currency": "EUR",
     "contractStart": "2023-01-15", "renewal": "2027-01-15", "case": {"id": 1, "revision": 1}},
    {"id": "globex", "name": "Globex", "annualValue": 50000, "currency": "EUR",
     "contractStart": "2024-03-01", "renewal": "2026-03-01"}
  ],
  "signals": [
    {"account": "acme", "date": "2025-06-30", "metric": "licence_utilisation", "value": 0.6},
    {"account": "globex", "date": "2025-06-30", "metric": "licence_utilisation", "value": 0.3}
  ],
  "realised": [
    {"account": "acme", "date": "2023-07-01", "input": "productivity_benefit_per_year", "value": 180000},
    {"account": "acme", "date": "2023-07-01", "input": "adoption_year1", "value": 0.3},
    {"account": "acme", "date": "2024-02-01", "input": "adoption_year1", "value": 1.5},
    {"account": "acme", "date": "2024-07-01", "input": "productivity_benefit_per_year", "value": 300000}
  ],
  "checklist": [
    {"account": "acme", "list": "setup", "item": "sponsor", "date": "2023-02-01", "done": true},
    {"account": "acme", "list": "setup", "item": "outcome", "date": "2023-02-01", "done": false},
    {"account": "acme", "list": "setup", "item": "outcome", "date": "2025-07-01", "done": true},
    {"account": "acme", "list": "execution", "item": "steps", "date": "2024-03-01", "done": true}
  ]
}"#;

fn case_document() -> String {
    format!(
        r#"{{"schema":"yardstick/case@1","title":"Acme rollout","customer":{{"id":"acme","name":"Acme"}},"model":{{"id":"business-case-5y","version":"1.0.0","document":{CASE}}},"inputs":{{"implementation_cost":150000}},"step":"business_review","author":"Ada"}}"#
    )
}

fn linked_portfolio() -> SuccessPortfolio {
    let spec = JSON::parse(r#"{"from": "2025-01-31", "to": "2025-06-30"}"#).unwrap();
    SuccessPortfolio::new(JsValue::from_str(LINKED), None, spec).unwrap()
}

#[wasm_bindgen_test]
fn realised_against_projected_equals_the_cores_report_per_benefit_line() {
    let mut portfolio = linked_portfolio();
    let before = portfolio.account("acme", None).unwrap();
    assert_eq!(
        text(&get(&before, "realised"), "status").as_deref(),
        Some("not_loaded")
    );
    let cases = format!(
        r#"{{"cases":[{{"account":"acme","case":{{"id":1,"revision":1}},"document":{}}},{{"account":"globex","case":{{"id":2,"revision":1}},"document":null}}]}}"#,
        case_document()
    );
    let read = portfolio.set_cases(&cases).unwrap();
    assert_eq!(number(&read, "linked"), Some(1.0));
    assert_eq!(items(&get(&read, "unread")).len(), 1);

    let view = portfolio.account("acme", None).unwrap();
    let realised = get(&view, "realised");
    assert_eq!(text(&realised, "status").as_deref(), Some("compared"));
    let data = read_data(&tree(LINKED)).unwrap();
    let case = read_case(&tree(&case_document())).unwrap();
    let rows: Vec<_> = data.realised.iter().collect();
    let on = Date::parse("2025-06-30").unwrap();
    let report = realised_to_date(&case, data.accounts[0].contract_start, &rows, on).unwrap();
    assert_eq!(report.periods_elapsed, 2);
    assert_eq!(number(&realised, "periodsElapsed"), Some(2.0));
    assert_eq!(number(&realised, "ratio"), report.ratio);
    assert!(report.ratio.is_some());
    assert_eq!(
        number(&realised, "projected"),
        Some(report.projected_to_date)
    );
    assert_eq!(number(&realised, "realised"), Some(report.realised_to_date));
    let lines = items(&get(&realised, "lines"));
    assert_eq!(lines.len(), report.lines.len());
    assert!(
        lines.len() > 1,
        "the five-year case has several benefit lines"
    );
    for (line, expected) in lines.iter().zip(&report.lines) {
        assert_eq!(text(line, "id").unwrap(), expected.id);
        assert_eq!(number(line, "projected"), Some(expected.projected_to_date));
        assert_eq!(number(line, "realised"), Some(expected.realised_to_date));
        assert_eq!(number(line, "variance"), Some(expected.variance));
        assert_eq!(number(line, "variancePercent"), expected.variance_percent);
    }
    // The adoption of 1.5 is out of the model's bounds: left out, listed.
    let refused = items(&get(&realised, "refused"));
    assert_eq!(refused.len(), 1);
    assert_eq!(
        text(&refused[0], "input").as_deref(),
        Some("adoption_year1")
    );

    let globex = portfolio.account("globex", None).unwrap();
    assert_eq!(
        text(&get(&globex, "realised"), "status").as_deref(),
        Some("no_case")
    );
    assert!(portfolio.set_cases("[1, 2]").is_err());
}

#[wasm_bindgen_test]
fn the_checklists_degrees_and_missing_items_are_the_cores() {
    let mut portfolio = linked_portfolio();
    let view = portfolio
        .account("acme", Some("2025-06-30".into()))
        .unwrap();
    let execution = get(&view, "execution");
    let data = read_data(&tree(LINKED)).unwrap();
    let marks: Vec<_> = data.checklist.iter().collect();
    let expected = execution_on(
        &marks,
        &[],
        &default_settings().checklists,
        Date::parse("2025-06-30").unwrap(),
    );
    for (key, list) in [
        ("setup", &expected.setup),
        ("execution", &expected.execution),
    ] {
        let shown = get(&execution, key);
        assert_eq!(number(&shown, "degree"), list.degree, "{key}");
        let missing: Vec<String> = items(&get(&shown, "missing"))
            .iter()
            .map(|item| text(item, "id").unwrap())
            .collect();
        assert_eq!(missing, list.missing, "{key}");
    }
    // One of four set-up items done then (the outcome only later).
    assert_eq!(expected.setup.degree, Some(0.25));
    let globex = portfolio.account("globex", None).unwrap();
    let setup = get(&get(&globex, "execution"), "setup");
    assert!(get(&setup, "degree").is_null(), "no row: no degree");
}

fn demo() -> (String, SuccessData) {
    let document = demo_portfolio(DemoOptions {
        accounts: 60,
        ..DemoOptions::default()
    });
    (canonical_json(&document), read_data(&document).unwrap())
}

fn dates_of(portfolio: &SuccessPortfolio) -> Vec<Date> {
    items(&portfolio.snapshots())
        .iter()
        .map(|d| Date::parse(&d.as_string().unwrap()).unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn plays_show_the_cores_health_change_after_them() {
    let (text_json, data) = demo();
    let mut portfolio =
        SuccessPortfolio::new(JsValue::from_str(&text_json), None, JsValue::UNDEFINED).unwrap();
    let dates = dates_of(&portfolio);
    let settings = default_settings();
    let table = HealthTable::build(&data, &SignalIndex::new(&data), &settings, &dates).unwrap();
    let last = *dates.last().unwrap();
    let mut compared = 0;
    for account in &data.accounts {
        let own: Vec<_> = data
            .plays
            .iter()
            .filter(|p| p.account == account.id && p.date <= last)
            .cloned()
            .collect();
        let expected = health_change_after(&table, &data, &own, settings.play_follow_up_days);
        let view = portfolio.account(&account.id, None).unwrap();
        let shown = items(&get(&view, "plays"));
        assert_eq!(shown.len(), expected.len(), "{}", account.id);
        for (play, effect) in shown.iter().zip(&expected) {
            assert_eq!(text(play, "play").unwrap(), effect.play);
            assert_eq!(number(play, "change"), effect.change);
            let before = get(play, "before");
            match effect.before {
                Some((_, score)) => assert_eq!(number(&before, "score"), score),
                None => assert!(before.is_null()),
            }
            compared += usize::from(effect.change.is_some());
        }
    }
    assert!(compared > 0, "some demo play has a known change");
}

#[wasm_bindgen_test]
fn milestone_overdue_fires_as_the_cores_settings_alerts_do() {
    let (text_json, data) = demo();
    let mut portfolio =
        SuccessPortfolio::new(JsValue::from_str(&text_json), None, JsValue::UNDEFINED).unwrap();
    let dates = dates_of(&portfolio);
    let settings = default_settings();
    let index = SignalIndex::new(&data);
    let table = HealthTable::build(&data, &index, &settings, &dates).unwrap();
    let fired = settings_alerts(&table, &data, &index, &settings);
    let mut late = 0;
    for (position, account) in data.accounts.iter().enumerate() {
        let expected: Vec<_> = fired
            .iter()
            .filter(|a| a.account == position && a.rule == "late_milestone")
            .map(|a| a.evidence.clone())
            .collect();
        let view = portfolio.account(&account.id, None).unwrap();
        let shown: Vec<String> = items(&get(&view, "alerts"))
            .iter()
            .filter(|a| text(a, "rule").as_deref() == Some("late_milestone"))
            .map(|a| text(a, "evidence").unwrap())
            .collect();
        assert_eq!(shown, expected, "{}", account.id);
        late += expected.len();
    }
    assert!(late > 0, "the demo has late milestones");
}
