//! wasm-bindgen tests of `SuccessPortfolio` (the `success` build, `make
//! pkg-success`), in Node and headless Chromium: the figures equal the
//! core's own on the seeded demo portfolio, a weight change re-scores as a
//! fresh build with that weight does, the settings in force read back,
//! signals read in chunks keep their places, and every refusal has its code.
//! This file refuses to build without the `success` feature rather than
//! run nothing.
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
use support::get;

use js_sys::{Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::SuccessPortfolio;
use yardstick_core::json::canonical_json;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::signal_index::SignalIndex;

const EXAMPLE: &str = include_str!("../../../tests/data/success/example.json");

/// The demo portfolio's text: 60 accounts, 24 months from 2024-12.
fn demo_text() -> String {
    let options = DemoOptions {
        accounts: 60,
        ..DemoOptions::default()
    };
    canonical_json(&demo_portfolio(options))
}

/// The data as JSON text, as the constructor takes it.
fn text_of(document: &str) -> JsValue {
    JsValue::from_str(document)
}

/// The data as UTF-8 bytes, as the page passes a fetched body.
fn bytes_of(document: &str) -> JsValue {
    js_sys::Uint8Array::from(document.as_bytes()).into()
}

fn spec(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn code(result: Result<impl Sized, yardstick::JsError>) -> String {
    match result {
        Ok(_) => panic!("expected an Error"),
        Err(error) => get(&JsValue::from(error), "code").as_string().unwrap(),
    }
}

fn items(value: &JsValue) -> Vec<JsValue> {
    value.clone().dyn_into::<Array>().unwrap().iter().collect()
}

fn number(value: &JsValue, key: &str) -> Option<f64> {
    get(value, key).as_f64()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

#[wasm_bindgen_test]
fn the_portfolio_equals_the_cores_own_table() {
    let data_text = demo_text();
    let portfolio = SuccessPortfolio::new(text_of(&data_text), None, JsValue::UNDEFINED).unwrap();
    let dates: Vec<Date> = items(&portfolio.snapshots())
        .iter()
        .map(|d| Date::parse(&d.as_string().unwrap()).unwrap())
        .collect();
    assert_eq!(dates.len(), 24, "24 month ends up to the latest signal");
    let data = read_data(&yardstick_json(&data_text)).unwrap();
    let index = SignalIndex::new(&data);
    let table = HealthTable::build(&data, &index, &default_settings(), &dates).unwrap();
    let view = portfolio.portfolio(None).unwrap();
    assert_eq!(number(&view, "snapshot"), Some(23.0));
    let rows = items(&get(&view, "rows"));
    assert_eq!(rows.len(), data.accounts.len());
    let mut scored = 0;
    for (position, row) in rows.iter().enumerate() {
        let cell = table.cell(position, 23).unwrap();
        assert_eq!(text(row, "id").unwrap(), data.accounts[position].id);
        assert_eq!(number(row, "score"), cell.score);
        assert_eq!(
            text(row, "grade").as_deref(),
            cell.grade.map(|g| g.as_str())
        );
        assert_eq!(number(row, "coverage"), Some(cell.coverage));
        let sparkline = items(&get(row, "sparkline"));
        assert_eq!(sparkline.len(), 24);
        assert_eq!(sparkline[23].as_f64(), cell.score);
        // A churned account's value is lost, not at risk.
        let at_risk = text(row, "grade").as_deref() == Some("at_risk");
        let churned = get(row, "churned").as_bool().unwrap();
        let annual = number(row, "annualValue").unwrap();
        let expected_risk = if at_risk && !churned { annual } else { 0.0 };
        assert_eq!(number(row, "valueAtRisk"), Some(expected_risk));
        scored += usize::from(cell.score.is_some());
    }
    assert!(scored > 30, "most demo accounts have a score: {scored}");
    // Totals: per currency and grade, the rows' sums.
    let totals = items(&get(&view, "totals"));
    let counted: f64 = totals.iter().map(|t| number(t, "accounts").unwrap()).sum();
    assert_eq!(counted as usize, rows.len());
}

#[wasm_bindgen_test]
fn a_churned_accounts_value_is_lost_not_at_risk() {
    let data = demo_text();
    let portfolio = SuccessPortfolio::new(text_of(&data), None, JsValue::UNDEFINED).unwrap();
    let view = portfolio.portfolio(None).unwrap();
    let rows = items(&get(&view, "rows"));
    let churned: Vec<&JsValue> = rows
        .iter()
        .filter(|row| get(row, "churned").as_bool() == Some(true))
        .collect();
    // The demo's churned accounts are frozen at a low score: some at risk.
    assert!(
        churned
            .iter()
            .any(|row| text(row, "grade").as_deref() == Some("at_risk")),
        "a churned account graded at risk"
    );
    for row in &churned {
        assert_eq!(
            number(row, "valueAtRisk"),
            Some(0.0),
            "{:?}",
            text(row, "id")
        );
    }
    // The totals count churned accounts apart, with their value lost.
    let totals = items(&get(&view, "totals"));
    let lost: Vec<&JsValue> = totals
        .iter()
        .filter(|t| text(t, "grade").as_deref() == Some("churned"))
        .collect();
    let lost_accounts: f64 = lost.iter().map(|t| number(t, "accounts").unwrap()).sum();
    let lost_value: f64 = lost.iter().map(|t| number(t, "annualValue").unwrap()).sum();
    let churned_value: f64 = churned
        .iter()
        .map(|row| number(row, "annualValue").unwrap())
        .sum();
    assert_eq!(lost_accounts as usize, churned.len());
    assert_eq!(lost_value, churned_value);
    assert!(lost.iter().all(|t| number(t, "valueAtRisk") == Some(0.0)));
    let at_risk_total: f64 = totals
        .iter()
        .map(|t| number(t, "valueAtRisk").unwrap())
        .sum();
    let active_at_risk: f64 = rows
        .iter()
        .filter(|row| get(row, "churned").as_bool() == Some(false))
        .filter(|row| text(row, "grade").as_deref() == Some("at_risk"))
        .map(|row| number(row, "annualValue").unwrap())
        .sum();
    assert_eq!(at_risk_total, active_at_risk);
}

/// The demo's JSON text as the core's tree (the test's own reading).
fn yardstick_json(text: &str) -> yardstick_core::json::Node {
    fn convert(value: &JsValue) -> yardstick_core::json::Node {
        use yardstick_core::json::Node;
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

#[wasm_bindgen_test]
fn an_accounts_breakdown_adds_up_to_its_score() {
    let mut portfolio =
        SuccessPortfolio::new(text_of(&demo_text()), None, JsValue::UNDEFINED).unwrap();
    let rows = items(&get(&portfolio.portfolio(None).unwrap(), "rows"));
    let row = rows
        .iter()
        .find(|row| number(row, "score").is_some())
        .unwrap();
    let id = text(row, "id").unwrap();
    let account = portfolio.account(&id, None).unwrap();
    let history = items(&get(&account, "history"));
    assert_eq!(history.len(), 24);
    let last = history.last().unwrap();
    assert_eq!(number(last, "score"), number(row, "score"));
    let sum: f64 = items(&get(last, "measures"))
        .iter()
        .map(|m| number(m, "contribution").unwrap())
        .sum();
    assert!((sum - number(last, "score").unwrap()).abs() < 1e-9);
    // An earlier as-of date cuts the history there.
    let earlier = portfolio.account(&id, Some("2025-06-30".into())).unwrap();
    assert_eq!(text(&earlier, "asOf").as_deref(), Some("2025-06-30"));
    assert_eq!(items(&get(&earlier, "history")).len(), 7);
    assert_eq!(code(portfolio.account("nobody", None)), "unknown-id");
    assert_eq!(
        code(portfolio.account(&id, Some("June".into()))),
        "invalid-as-of"
    );
    assert_eq!(
        code(portfolio.account(&id, Some("1990-01-01".into()))),
        "invalid-as-of"
    );
}

#[wasm_bindgen_test]
fn a_weight_change_rescores_as_a_fresh_build_with_that_weight() {
    let data = demo_text();
    let mut portfolio = SuccessPortfolio::new(text_of(&data), None, JsValue::UNDEFINED).unwrap();
    let before = JSON::stringify(&portfolio.portfolio(None).unwrap()).unwrap();
    portfolio
        .set_weight(JsValue::from_str("established"), "nps", 9.0)
        .unwrap();
    let after = JSON::stringify(&portfolio.portfolio(None).unwrap()).unwrap();
    assert_ne!(before, after, "the weight changed some score");
    let settings = JSON::stringify(&portfolio.settings())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(settings.contains(r#""weight":9"#), "{settings}");
    let fresh =
        SuccessPortfolio::new(text_of(&data), Some(settings.clone()), JsValue::UNDEFINED).unwrap();
    let fresh = JSON::stringify(&fresh.portfolio(None).unwrap()).unwrap();
    assert_eq!(after, fresh);
    // setSettings with the old weight gives the first figures back.
    let old = settings.replacen(r#""weight":9"#, r#""weight":1"#, 1);
    portfolio.set_settings(&old).unwrap();
    assert_eq!(
        JSON::stringify(&portfolio.portfolio(None).unwrap()).unwrap(),
        before
    );
    // Other settings rebuild the table: a higher bar for healthy.
    let strict = old.replace(r#""healthy":70"#, r#""healthy":95"#);
    portfolio.set_settings(&strict).unwrap();
    let strict_view = JSON::stringify(&portfolio.portfolio(None).unwrap()).unwrap();
    let fresh_strict =
        SuccessPortfolio::new(text_of(&data), Some(strict), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        strict_view,
        JSON::stringify(&fresh_strict.portfolio(None).unwrap()).unwrap()
    );
    assert_ne!(strict_view, before);
}

#[wasm_bindgen_test]
fn refused_weights_and_settings_change_nothing() {
    let mut portfolio =
        SuccessPortfolio::new(text_of(EXAMPLE), None, spec(r#"{"to": "2025-12-31"}"#)).unwrap();
    let before = JSON::stringify(&portfolio.portfolio(None).unwrap()).unwrap();
    let weight =
        |p: &mut SuccessPortfolio, card: JsValue, m: &str, w: f64| p.set_weight(card, m, w);
    assert_eq!(
        code(weight(&mut portfolio, "established".into(), "nps", -1.0)),
        "invalid-success-settings"
    );
    assert_eq!(
        code(weight(&mut portfolio, "onboarding".into(), "nope", 1.0)),
        "unknown-id"
    );
    assert_eq!(
        code(weight(&mut portfolio, "churned".into(), "nps", 1.0)),
        "unknown-id"
    );
    assert_eq!(
        code(weight(&mut portfolio, 7.0.into(), "nps", 1.0)),
        "unknown-id"
    );
    assert_eq!(
        code(portfolio.set_settings("{")),
        "invalid-success-settings"
    );
    let error: JsValue = portfolio
        .set_settings(r#"{"schema": "yardstick/success-settings@1"}"#)
        .err()
        .unwrap()
        .into();
    assert_eq!(
        text(&error, "code").as_deref(),
        Some("invalid-success-settings")
    );
    let diagnostics = items(&get(&error, "diagnostics"));
    assert_eq!(text(&diagnostics[0], "path").as_deref(), Some("scorecards"));
    assert_eq!(
        JSON::stringify(&portfolio.portfolio(None).unwrap()).unwrap(),
        before
    );
}

#[wasm_bindgen_test]
fn snapshots_follow_the_spec() {
    let dates = |text: &str| -> Vec<String> {
        let portfolio = SuccessPortfolio::new(text_of(EXAMPLE), None, spec(text)).unwrap();
        items(&portfolio.snapshots())
            .iter()
            .map(|d| d.as_string().unwrap())
            .collect()
    };
    assert_eq!(
        dates(r#"{"from": "2025-01-15", "to": "2025-04-10"}"#),
        ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-10"]
    );
    assert_eq!(
        dates(r#"{"from": "2025-03-01", "to": "2025-03-31", "everyDays": 10}"#),
        ["2025-03-01", "2025-03-11", "2025-03-21", "2025-03-31"]
    );
    let new = |text: &str| SuccessPortfolio::new(text_of(EXAMPLE), None, spec(text));
    assert_eq!(code(new(r#"{"to": "2025-02-30"}"#)), "invalid-option");
    assert_eq!(
        code(new(r#"{"from": "2025-05-01", "to": "2025-04-01"}"#)),
        "invalid-option"
    );
    assert_eq!(
        code(new(r#"{"to": "2025-04-01", "everyDays": 0.5}"#)),
        "invalid-option"
    );
    assert_eq!(
        code(new(
            r#"{"from": "1990-01-01", "to": "2025-04-01", "everyDays": 1}"#
        )),
        "invalid-option"
    );
}

/// A data document of `accounts` accounts with `per_account` daily
/// signals each, from 2025-01-01.
fn many_signals(accounts: usize, per_account: usize, bad_row: Option<usize>) -> String {
    let mut text = String::from(r#"{"schema": "yardstick/success@1", "signals": ["#);
    let mut row = 0;
    for account in 0..accounts {
        for day in 0..per_account {
            if row > 0 {
                text.push(',');
            }
            let date = Date::parse("2025-01-01")
                .unwrap()
                .plus_days(day as i64)
                .unwrap();
            let value = if Some(row) == bad_row {
                "\"n/a\"".to_string()
            } else {
                format!("{}", day % 10)
            };
            text.push_str(&format!(
                r#"{{"account": "a{account}", "date": "{date}", "metric": "licence_utilisation", "value": {value}}}"#
            ));
            row += 1;
        }
    }
    text.push_str(r#"], "accounts": ["#);
    for account in 0..accounts {
        if account > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"id": "a{account}", "name": "A {account}", "annualValue": 1000, "currency": "EUR", "contractStart": "2024-12-01", "renewal": "2026-12-01"}}"#
        ));
    }
    text.push_str("]}");
    text
}

#[wasm_bindgen_test]
fn signals_read_in_chunks_keep_their_places() {
    // 120,000 signals: three chunks, the accounts after the signals.
    let document = many_signals(400, 300, None);
    let portfolio =
        SuccessPortfolio::new(text_of(&document), None, spec(r#"{"to": "2025-10-27"}"#)).unwrap();
    let rows = items(&get(&portfolio.portfolio(None).unwrap(), "rows"));
    assert_eq!(rows.len(), 400);
    assert!(rows.iter().all(|row| number(row, "score").is_some()));
    let bad = SuccessPortfolio::new(
        text_of(&many_signals(400, 300, Some(117_003))),
        None,
        JsValue::UNDEFINED,
    );
    let error: JsValue = bad.err().unwrap().into();
    assert_eq!(
        text(&error, "code").as_deref(),
        Some("invalid-success-data")
    );
    let diagnostics = items(&get(&error, "diagnostics"));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        text(&diagnostics[0], "path").as_deref(),
        Some("signals[117003].value")
    );
    assert_eq!(
        code(SuccessPortfolio::new(
            text_of("[1]"),
            None,
            JsValue::UNDEFINED
        )),
        "invalid-success-data"
    );
    assert_eq!(
        code(SuccessPortfolio::new(
            text_of("{"),
            None,
            JsValue::UNDEFINED
        )),
        "invalid-success-data"
    );
    let not_a_list = r#"{"schema": "yardstick/success@1", "accounts": [], "signals": 3}"#;
    let error: JsValue = SuccessPortfolio::new(text_of(not_a_list), None, JsValue::UNDEFINED)
        .err()
        .unwrap()
        .into();
    let diagnostics = items(&get(&error, "diagnostics"));
    assert_eq!(text(&diagnostics[0], "path").as_deref(), Some("signals"));
}

#[wasm_bindgen_test]
fn the_documented_example_has_its_alerts_milestones_and_outcomes() {
    let mut portfolio = SuccessPortfolio::new(
        text_of(EXAMPLE),
        None,
        spec(r#"{"from": "2025-01-31", "to": "2025-12-31"}"#),
    )
    .unwrap();
    let acme = portfolio.account("acme", None).unwrap();
    let outcomes = items(&get(&acme, "outcomes"));
    assert!(!outcomes.is_empty());
    let first = &outcomes[0];
    // The original target is kept beside the renegotiated one in force.
    assert!(get(first, "originalTarget").is_object());
    assert!(!items(&get(&acme, "milestones")).is_empty());
    let changes = items(&get(&acme, "stageChanges"));
    assert!(changes
        .iter()
        .any(|c| text(c, "stage").as_deref() == Some("pre_renewal")));
    for alert in items(&get(&acme, "alerts")) {
        assert!(!text(&alert, "evidence").unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
fn bytes_read_as_the_text_does() {
    let document = many_signals(300, 200, None);
    let spec_text = r#"{"to": "2025-07-19"}"#;
    let from_text = SuccessPortfolio::new(text_of(&document), None, spec(spec_text)).unwrap();
    let from_bytes = SuccessPortfolio::new(bytes_of(&document), None, spec(spec_text)).unwrap();
    let a = JSON::stringify(&from_text.portfolio(None).unwrap()).unwrap();
    let b = JSON::stringify(&from_bytes.portfolio(None).unwrap()).unwrap();
    assert_eq!(a, b);
    let bad = many_signals(300, 200, Some(59_999));
    let error: JsValue = SuccessPortfolio::new(bytes_of(&bad), None, JsValue::UNDEFINED)
        .err()
        .unwrap()
        .into();
    let diagnostics = items(&get(&error, "diagnostics"));
    assert_eq!(
        text(&diagnostics[0], "path").as_deref(),
        Some("signals[59999].value")
    );
    assert_eq!(
        code(SuccessPortfolio::new(
            bytes_of("  [1]"),
            None,
            JsValue::UNDEFINED
        )),
        "invalid-success-data"
    );
    assert_eq!(
        code(SuccessPortfolio::new(
            bytes_of("{\"schema\": "),
            None,
            JsValue::UNDEFINED
        )),
        "invalid-success-data"
    );
    assert_eq!(
        code(SuccessPortfolio::new(
            JsValue::from_f64(3.0),
            None,
            JsValue::UNDEFINED
        )),
        "invalid-argument"
    );
}
