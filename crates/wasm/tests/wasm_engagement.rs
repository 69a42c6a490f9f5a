//! wasm-bindgen tests of the `Tracker` class, in Node and headless
//! Chromium: a short visit drives one widget through its milestones, and
//! the events come back shaped for every sink with exact totals; bad
//! options and facts throw Errors with clear messages.
#![cfg(all(target_arch = "wasm32", feature = "tracker"))]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::{fact, get, tracker_options as options};

use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::{page_consent, Fact, Tracker};

fn text(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap()
}

fn num(object: &JsValue, key: &str) -> f64 {
    get(object, key).as_f64().unwrap()
}

fn error_message(result: Result<impl Sized, impl Into<JsValue>>) -> String {
    match result {
        Ok(_) => panic!("expected an Error"),
        Err(error) => text(&error.into(), "message"),
    }
}

/// The events' names.
fn names(events: &JsValue) -> Vec<String> {
    let list: &Array = events.unchecked_ref();
    list.iter()
        .map(|event| text(&get(&event, "envelope"), "name"))
        .collect()
}

#[wasm_bindgen_test]
fn a_short_visit_gives_the_milestones_in_order() {
    let granted = JsValue::from_str("granted");
    let mut tracker = Tracker::new(options(&[("consent", granted)])).unwrap();
    assert_eq!(tracker.page_view_id().as_string().unwrap().len(), 36);
    assert!(tracker.visitor_id().as_string().is_some());
    let w = tracker
        .add_widget("roi-basic".into(), "1.2.0".into(), 10.0)
        .unwrap();
    assert_eq!(w.as_string().unwrap(), "w1");
    let view = fact(&mut tracker, Fact::Intersection, 20.0, &w, 0.75.into()).unwrap();
    assert_eq!(names(&view), ["calc_view"]);
    let start = fact(&mut tracker, Fact::Commit, 1_000.0, &w, "seats".into()).unwrap();
    assert_eq!(names(&start), ["calc_start", "calc_step"]);
    let advance = |tracker: &mut Tracker, now_ms| {
        names(
            &fact(
                tracker,
                Fact::Advance,
                now_ms,
                &JsValue::UNDEFINED,
                JsValue::UNDEFINED,
            )
            .unwrap(),
        )
    };
    assert!(advance(&mut tracker, 2_999.0).is_empty());
    assert_eq!(advance(&mut tracker, 3_000.0), ["calc_result"]);
    assert_eq!(advance(&mut tracker, 11_000.0), ["calc_engaged"]);
    let lead = fact(&mut tracker, Fact::Lead, 12_000.0, &w, JsValue::UNDEFINED).unwrap();
    assert_eq!(names(&lead), ["calc_lead"]);
    let hidden = fact(
        &mut tracker,
        Fact::Hidden,
        30_000.0,
        &JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(names(&hidden), ["calc_engagement"]);
    let event = Array::from(&hidden).get(0);
    let envelope = get(&event, "envelope");
    assert_eq!(num(&envelope, "sequence"), 6.0);
    assert_eq!(text(&envelope, "instance_id"), "w1");
    assert_eq!(num(&envelope, "page_time_ms"), 30_000.0);
    assert_eq!(num(&envelope, "occurred_at_ms"), 1_700_000_030_000.0);
    assert_eq!(text(&envelope, "consent"), "granted");
    assert_eq!(
        envelope_visitor(&envelope),
        tracker.visitor_id().as_string(),
        "the visitor id travels with consent"
    );
    let totals = get(&envelope, "totals");
    assert_eq!(num(&totals, "interaction_ms"), 15_000.0);
    assert_eq!(num(&totals, "in_view_ms"), 29_980.0);
    assert_eq!(num(&totals, "active_page_ms"), 30_000.0);
    assert_eq!(num(&totals, "wall_ms"), 30_000.0);
    assert_eq!(text(&event, "domType"), "yardstick:engagement");
    let data_layer = get(&event, "dataLayer");
    assert_eq!(text(&data_layer, "event"), "calc_engagement");
    assert_eq!(num(&data_layer, "calc_interaction_ms"), 15_000.0);
    assert_eq!(text(&data_layer, "calc_instance_id"), "w1");
    assert!(get(&data_layer, "visitor_id").is_undefined());
    let keys = Object::keys(data_layer.unchecked_ref::<Object>());
    assert_eq!(
        keys.length(),
        9,
        "event + 8 parameters, no step or scenario"
    );
    let segment = get(&event, "segment");
    assert_eq!(text(&segment, "event"), "Calculator Engagement Recorded");
    assert_eq!(num(&get(&segment, "properties"), "calc_sequence"), 6.0);
}

fn envelope_visitor(envelope: &JsValue) -> Option<String> {
    get(envelope, "visitor_id").as_string()
}

#[wasm_bindgen_test]
fn steps_and_scenarios_reach_every_sink() {
    let mut tracker = Tracker::new(options(&[])).unwrap();
    let w = tracker.add_widget("roi".into(), "1".into(), 0.0).unwrap();
    let none = fact(&mut tracker, Fact::Scenario, 0.0, &w, "optimistic".into()).unwrap();
    assert!(names(&none).is_empty());
    let events = fact(&mut tracker, Fact::Commit, 5.0, &w, "price".into()).unwrap();
    let step = Array::from(&events).get(1);
    let envelope = get(&step, "envelope");
    assert_eq!(text(&envelope, "step"), "price");
    assert_eq!(num(&envelope, "step_index"), 1.0);
    assert_eq!(text(&envelope, "scenario"), "optimistic");
    assert!(
        get(&envelope, "visitor_id").is_undefined(),
        "no consent, no id"
    );
    let data_layer = get(&step, "dataLayer");
    assert_eq!(text(&data_layer, "calc_step"), "price");
    assert_eq!(num(&data_layer, "calc_step_index"), 1.0);
    assert_eq!(text(&data_layer, "calc_scenario"), "optimistic");
    assert_eq!(text(&data_layer, "calc_consent"), "unknown");
    let totals = tracker.totals(w.clone(), 20_000.0).unwrap();
    assert_eq!(num(&totals, "wall_ms"), 20_000.0);
    assert_eq!(num(&totals, "interaction_ms"), 0.0, "never in view");
    tracker.set_consent("granted".into(), "v-7".into()).unwrap();
    assert_eq!(tracker.visitor_id().as_string().as_deref(), Some("v-7"));
    tracker
        .set_consent("denied".into(), JsValue::UNDEFINED)
        .unwrap();
    assert!(tracker.visitor_id().is_undefined());
    let removed = fact(&mut tracker, Fact::Remove, 20_000.0, &w, JsValue::UNDEFINED).unwrap();
    assert_eq!(names(&removed), Vec::<String>::new());
    // A removed widget is unknown, to a scenario as to any fact.
    let message = error_message(fact(
        &mut tracker,
        Fact::Scenario,
        20_000.0,
        &w,
        JsValue::UNDEFINED,
    ));
    assert!(message.contains("unknown widget instance id"), "{message}");
}

#[wasm_bindgen_test]
fn the_same_seed_gives_the_same_ids() {
    let a = Tracker::new(options(&[])).unwrap();
    let b = Tracker::new(options(&[])).unwrap();
    assert_eq!(a.page_view_id().as_string(), b.page_view_id().as_string());
}

#[wasm_bindgen_test]
fn bad_options_and_facts_throw_clear_errors() {
    let short = Uint8Array::new_with_length(16);
    let message = error_message(Tracker::new(options(&[("seed", short.into())])));
    assert!(message.contains("32 random bytes, not 16"), "{message}");
    let message = error_message(Tracker::new(options(&[("seed", 5.into())])));
    assert!(message.contains("Uint8Array"), "{message}");
    let message = error_message(Tracker::new(options(&[("consent", "yes".into())])));
    assert!(
        message.contains("\"granted\", \"denied\" or \"unknown\""),
        "{message}"
    );
    let message = error_message(Tracker::new(options(&[("idleTimeoutMs", 1_000.into())])));
    assert!(message.contains("5000 to 60000"), "{message}");
    let message = error_message(Tracker::new(options(&[("idleTimeoutMs", 7_000.5.into())])));
    assert!(message.contains("whole number"), "{message}");
    let message = error_message(Tracker::new(options(&[("nowMs", "soon".into())])));
    assert!(message.contains("nowMs"), "{message}");

    let mut tracker = Tracker::new(options(&[])).unwrap();
    let w = tracker.add_widget("roi".into(), "1".into(), 100.0).unwrap();
    let none = JsValue::UNDEFINED;
    let message = error_message(fact(&mut tracker, Fact::Advance, 50.0, &none, none.clone()));
    assert!(message.contains("time went backwards"), "{message}");
    let message = error_message(fact(
        &mut tracker,
        Fact::Intersection,
        100.0,
        &w,
        2.0.into(),
    ));
    assert!(message.contains("outside 0 to 1"), "{message}");
    let message = error_message(fact(
        &mut tracker,
        Fact::Intersection,
        100.0,
        &w,
        "half".into(),
    ));
    assert!(message.contains("ratio NaN is outside 0 to 1"), "{message}");
    let message = error_message(fact(
        &mut tracker,
        Fact::Lead,
        100.0,
        &"w9".into(),
        none.clone(),
    ));
    assert!(
        message.contains("unknown widget instance id `w9`"),
        "{message}"
    );
    let message = error_message(fact(&mut tracker, Fact::Lead, 100.0, &none, none.clone()));
    assert!(
        message.contains("unknown widget instance id ``"),
        "{message}"
    );
    let message = error_message(tracker.set_consent("maybe".into(), none.clone()));
    assert!(message.contains("consent"), "{message}");
    let message = error_message(fact(
        &mut tracker,
        Fact::Advance,
        f64::NAN,
        &none,
        none.clone(),
    ));
    assert!(message.contains("not a finite time"), "{message}");
}

#[wasm_bindgen_test]
fn the_page_consent_is_the_engines_rule() {
    let stated = |items: &[&str]| -> JsValue {
        let array = Array::new();
        for item in items {
            array.push(&JsValue::from_str(item));
        }
        array.into()
    };
    let page = |items: &[&str], gpc: bool| page_consent(stated(items), gpc).as_string().unwrap();
    assert_eq!(page(&["granted", "granted"], false), "granted");
    assert_eq!(page(&["granted", "unknown"], false), "unknown");
    assert_eq!(page(&["unknown", "denied", "granted"], false), "denied");
    assert_eq!(page(&[], false), "unknown");
    assert_eq!(page(&["granted"], true), "denied");
    // Anything else is no consent given.
    assert_eq!(page(&["granted", "yes please"], false), "unknown");
}

#[wasm_bindgen_test]
fn the_idle_timeout_changes_after_creation() {
    let mut tracker = Tracker::new(options(&[])).unwrap();
    let w = tracker.add_widget("roi".into(), "1".into(), 0.0).unwrap();
    let none = JsValue::UNDEFINED;
    fact(&mut tracker, Fact::Intersection, 0.0, &w, 1.0.into()).unwrap();
    fact(&mut tracker, Fact::Input, 0.0, &w, none.clone()).unwrap();
    fact(
        &mut tracker,
        Fact::IdleTimeout,
        1_000.0,
        &none,
        5_000.0.into(),
    )
    .unwrap();
    let interaction = |tracker: &Tracker, now_ms: f64| {
        num(
            &tracker.totals(w.clone(), now_ms).unwrap(),
            "interaction_ms",
        )
    };
    assert_eq!(interaction(&tracker, 30_000.0), 5_000.0);
    // `undefined` is the default again (15 s) for the next input.
    fact(
        &mut tracker,
        Fact::IdleTimeout,
        30_000.0,
        &none,
        none.clone(),
    )
    .unwrap();
    fact(&mut tracker, Fact::Input, 30_000.0, &w, none.clone()).unwrap();
    assert_eq!(interaction(&tracker, 100_000.0), 20_000.0);
    // A refusal keeps the timeout it had.
    let message = error_message(fact(
        &mut tracker,
        Fact::IdleTimeout,
        100_000.0,
        &none,
        61_000.0.into(),
    ));
    assert!(message.contains("5000 to 60000"), "{message}");
    fact(&mut tracker, Fact::Input, 100_000.0, &w, none.clone()).unwrap();
    assert_eq!(interaction(&tracker, 200_000.0), 35_000.0);
}
