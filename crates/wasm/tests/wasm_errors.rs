//! wasm-bindgen tests of the errors the bindings throw, in Node and
//! headless Chromium: each public error path gives a JavaScript `Error`
//! with its stable `code` (docs/errors.md) beside the message.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::{case_model, get};

use js_sys::JSON;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::Model;

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

/// The `code` of the Error a call threw, after checking it is an `Error`
/// with a message.
fn code(result: Result<impl Sized, impl Into<JsValue>>) -> String {
    let error: JsValue = match result {
        Ok(_) => panic!("expected an Error"),
        Err(error) => error.into(),
    };
    assert!(error.is_instance_of::<js_sys::Error>());
    let message = get(&error, "message").as_string().unwrap();
    assert!(!message.is_empty());
    get(&error, "code")
        .as_string()
        .unwrap_or_else(|| panic!("no code on `{message}`"))
}

#[wasm_bindgen_test]
fn an_invalid_model_is_invalid_model_with_its_diagnostics() {
    let error = Model::compile(json(r#"{"schema": "yardstick/model@1"}"#)).err();
    let error = error.unwrap();
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("invalid-model")
    );
    assert!(js_sys::Array::is_array(&get(&error, "diagnostics")));
    assert_eq!(
        code(Model::compile(JsValue::from_f64(3.0))),
        "invalid-model"
    );
}

#[wasm_bindgen_test]
fn model_calls_give_the_core_error_code() {
    let mut model = case_model();
    assert_eq!(
        code(model.set("no_such_input", JsValue::from_f64(1.0))),
        "unknown-id"
    );
    assert_eq!(
        code(model.set("discount_rate", JsValue::from_str("lots"))),
        "invalid-input"
    );
    assert_eq!(
        code(model.set("discount_rate", JsValue::NULL)),
        "invalid-input"
    );
    assert_eq!(
        code(model.evaluate(JsValue::from_f64(1.0))),
        "invalid-argument"
    );
    assert_eq!(code(model.evaluate(json(r#"{"nope": 1}"#))), "unknown-id");
    assert_eq!(
        code(model.receipt(json(r#"{"discount_rate": "x"}"#))),
        "invalid-input"
    );
    assert_eq!(code(model.break_even("nope")), "unknown-id");
    assert_eq!(code(model.apply_scenario("no_such_scenario")), "unknown-id");
}

#[cfg(feature = "workbench")]
#[wasm_bindgen_test]
fn analyses_give_option_and_id_codes() {
    let model = case_model();
    assert_eq!(code(model.sensitivity(json("{}"))), "invalid-option");
    assert_eq!(
        code(model.sensitivity(json(r#"{"output": "nope"}"#))),
        "unknown-id"
    );
    assert_eq!(
        code(model.sensitivity(json(r#"{"output": "npv", "percentChange": 50}"#))),
        "invalid-option"
    );
    let seek = |options: &str| model.goal_seek(json(options));
    assert_eq!(
        code(seek(r#"{"input": "discount_rate", "output": "npv"}"#)),
        "invalid-option"
    );
    assert_eq!(
        code(seek(r#"{"input": "nope", "output": "npv", "target": 0}"#)),
        "unknown-id"
    );
}

#[cfg(feature = "workbench")]
#[wasm_bindgen_test]
fn rows_that_are_not_whole_rows_give_an_error_and_leave_the_formula_usable() {
    let names: JsValue = js_sys::Array::of2(&"rate".into(), &"n".into()).into();
    let formula = yardstick::Formula::new("rate * n", Some(names));
    assert_eq!(
        code(formula.evaluate_rows(&[0.5, 2.0, 3.0], None)),
        "invalid-argument"
    );
    assert_eq!(formula.evaluate_rows(&[0.5, 2.0], None).unwrap(), vec![1.0]);
    let no_parameters = yardstick::Formula::new("1", None);
    assert_eq!(
        code(no_parameters.evaluate_rows(&[1.0], None)),
        "invalid-argument"
    );
}

#[cfg(feature = "workbench")]
#[wasm_bindgen_test]
fn scoring_gives_its_codes() {
    use yardstick::Scorecard;
    assert_eq!(
        code(Scorecard::business_case(json(
            r#"{"irrFullPointsAboveHurdle": 0}"#
        ))),
        "invalid-scorecard"
    );
}

#[cfg(feature = "tracker")]
mod tracker {
    use super::support::{fact, tracker_options as options};
    use super::*;
    use js_sys::Uint8Array;
    use yardstick::{Fact, Tracker};

    #[wasm_bindgen_test]
    fn tracker_options_give_their_codes() {
        let with = |key: &str, value: JsValue| code(Tracker::new(options(&[(key, value)])));
        assert_eq!(with("seed", JsValue::from_f64(5.0)), "invalid-seed");
        assert_eq!(
            with("seed", Uint8Array::new_with_length(16).into()),
            "invalid-seed"
        );
        assert_eq!(with("consent", "yes".into()), "invalid-argument");
        assert_eq!(
            with("idleTimeoutMs", 1_000.into()),
            "idle-timeout-out-of-range"
        );
        assert_eq!(with("idleTimeoutMs", 7_000.5.into()), "invalid-argument");
        assert_eq!(with("engagedAfterMs", 1.into()), "option-out-of-range");
        assert_eq!(with("timeOriginMs", (-1.0).into()), "invalid-time-origin");
        assert_eq!(with("nowMs", "soon".into()), "invalid-argument");
        assert_eq!(with("nowMs", (-5.0).into()), "time-out-of-range");
        assert_eq!(with("visitorId", "a b".into()), "invalid-id");
    }

    #[wasm_bindgen_test]
    fn tracker_facts_give_their_codes() {
        let mut tracker = Tracker::new(options(&[])).unwrap();
        let w = tracker.add_widget("roi".into(), "1".into(), 100.0).unwrap();
        let none = JsValue::UNDEFINED;
        let mut fact_code = |which, now_ms, instance_id: &JsValue, detail: JsValue| {
            code(fact(&mut tracker, which, now_ms, instance_id, detail))
        };
        assert_eq!(
            fact_code(Fact::Advance, 50.0, &none, none.clone()),
            "time-went-backwards"
        );
        assert_eq!(
            fact_code(Fact::Advance, f64::NAN, &none, none.clone()),
            "time-out-of-range"
        );
        assert_eq!(
            fact_code(Fact::Intersection, 100.0, &w, 2.0.into()),
            "ratio-out-of-range"
        );
        assert_eq!(
            fact_code(Fact::Lead, 100.0, &"w9".into(), none.clone()),
            "unknown-instance"
        );
        assert_eq!(
            fact_code(Fact::Scenario, 100.0, &w, "bad id".into()),
            "invalid-id"
        );
        assert_eq!(
            fact_code(Fact::Commit, 100.0, &w, "bad id".into()),
            "invalid-id"
        );
        assert_eq!(
            fact_code(Fact::IdleTimeout, 100.0, &none, 100_000.0.into()),
            "idle-timeout-out-of-range"
        );
        assert_eq!(
            fact_code(Fact::IdleTimeout, 100.0, &none, 7_000.5.into()),
            "invalid-argument"
        );
        assert_eq!(
            code(tracker.add_widget("bad id".into(), "1".into(), 100.0)),
            "invalid-id"
        );
        assert_eq!(
            code(tracker.set_consent("maybe".into(), none.clone())),
            "invalid-argument"
        );
        for _ in 1..64 {
            tracker.add_widget("roi".into(), "1".into(), 100.0).unwrap();
        }
        assert_eq!(
            code(tracker.add_widget("roi".into(), "1".into(), 100.0)),
            "too-many-instances"
        );
    }
}
