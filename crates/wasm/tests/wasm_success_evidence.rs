//! wasm-bindgen test of the evidence table's bound (the `success` build):
//! a portfolio with a renewal on each of 1,800 distinct days, whose exact
//! proof dates are past `MAX_TABLE_SLOTS` (the proof and the team threw
//! `too-much-work` on it), is proved and its team read on a weekly grid.
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

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::SuccessPortfolio;
use yardstick_core::success::date::Date;
use yardstick_core::success::health::MAX_TABLE_SLOTS;
use yardstick_core::success::settings_default::default_settings;

const ACCOUNTS: i64 = 1_800;

/// Account `i` starts on day `i` from 2020-01-01 and renews (or churns,
/// every third) a year later, with a monthly licence utilisation.
fn document() -> String {
    let first = Date::parse("2020-01-01").unwrap();
    let (mut accounts, mut signals, mut renewals) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..ACCOUNTS {
        let start = first.plus_days(i).unwrap();
        let renewal = start.plus_days(365).unwrap();
        let churned = i % 3 == 0;
        accounts.push(format!(
            r#"{{"id":"a{i:04}","name":"A {i}","annualValue":1000,"currency":"EUR","contractStart":"{start}","renewal":"{renewal}"}}"#
        ));
        for month in 0..12 {
            let value = if churned {
                0.6 - 0.05 * month as f64
            } else {
                0.5 + 0.03 * month as f64
            };
            let day = start.plus_days(month * 30).unwrap();
            signals.push(format!(
                r#"{{"account":"a{i:04}","date":"{day}","metric":"licence_utilisation","value":{value}}}"#
            ));
        }
        let (result, value) = if churned {
            ("churned", 0)
        } else {
            ("renewed", 1000)
        };
        renewals.push(format!(
            r#"{{"account":"a{i:04}","date":"{renewal}","result":"{result}","value":{value}}}"#
        ));
    }
    format!(
        r#"{{"schema":"yardstick/success@1","accounts":[{}],"signals":[{}],"events":[],"outcomes":[],"renewals":[{}]}}"#,
        accounts.join(","),
        signals.join(","),
        renewals.join(",")
    )
}

#[wasm_bindgen_test]
fn many_distinct_renewal_days_are_proved_and_teamed_on_a_bounded_table() {
    let text = document();
    // The exact dates, one per renewal day, would not fit: this is what
    // threw before the grid.
    let settings = default_settings();
    let width = settings
        .scorecards
        .iter()
        .map(|c| c.measures.len())
        .max()
        .unwrap();
    let exact_dates = ACCOUNTS as usize;
    assert!(ACCOUNTS as usize * exact_dates * width > MAX_TABLE_SLOTS);

    let mut portfolio = SuccessPortfolio::new(JsValue::from_str(&text), None, JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("{:?}", get(&JsValue::from(e), "message")));
    let proof = portfolio
        .proof(None)
        .unwrap_or_else(|e| panic!("{:?}", get(&JsValue::from(e), "message")));
    let observations = get(&proof, "observations").as_f64().unwrap();
    assert!(observations > (ACCOUNTS / 2) as f64, "{observations}");
    // The page says the scores were read on a grid, and which.
    let grid_days = get(&proof, "gridDays").as_f64().unwrap();
    assert!(grid_days >= 7.0, "{grid_days}");
    let team = portfolio
        .team(None)
        .unwrap_or_else(|e| panic!("{:?}", get(&JsValue::from(e), "message")));
    assert_eq!(js_sys::Array::from(&get(&team, "owners")).length(), 1);
}
