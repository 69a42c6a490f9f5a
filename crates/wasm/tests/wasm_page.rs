//! wasm-bindgen tests of the `Tracker`'s page methods (the page snippet's
//! door, docs/engagement.md "The page snippet"), in Node and headless
//! Chromium: page events come back as `{ page: true, envelope }` beside
//! the widget's, with the page fields stripped to what may leave the page,
//! exact engaged time, and the visit day only with consent.
#![cfg(all(target_arch = "wasm32", feature = "page"))]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::{fact, get, tracker_options as options};

use js_sys::{Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::{Fact, Tracker};

const URL: &str = "https://site.example/roi?email=ann%40corp.example&utm_source=news";

fn items(events: &JsValue) -> Vec<JsValue> {
    events.unchecked_ref::<Array>().iter().collect()
}

fn name(item: &JsValue) -> String {
    get(&get(item, "envelope"), "name").as_string().unwrap()
}

fn page_fact(tracker: &mut Tracker, kind: &str, now_ms: f64, text: &str) -> JsValue {
    let undefined = JsValue::UNDEFINED;
    tracker
        .page_fact(
            kind.into(),
            now_ms,
            text.into(),
            undefined.clone(),
            undefined.clone(),
            undefined.clone(),
            undefined,
        )
        .unwrap()
}

#[wasm_bindgen_test]
fn start_page_gives_a_page_view_without_the_query() {
    let mut tracker = Tracker::new(options(&[("consent", "granted".into())])).unwrap();
    assert!(tracker.page_totals().is_undefined());
    let events = tracker
        .start_page(
            5.0,
            URL.into(),
            "https://news.example/x?y=1".into(),
            "2023-11-13".into(),
        )
        .unwrap();
    let events = items(&events);
    assert_eq!(events.len(), 1);
    assert_eq!(get(&events[0], "page"), JsValue::TRUE);
    assert_eq!(name(&events[0]), "page_view");
    let envelope = get(&events[0], "envelope");
    let text = JSON::stringify(&envelope).unwrap().as_string().unwrap();
    assert!(!text.contains("ann") && !text.contains("email"), "{text}");
    assert_eq!(
        get(&get(&envelope, "page"), "path").as_string().unwrap(),
        "/roi"
    );
    assert_eq!(
        get(&get(&envelope, "page"), "referrer_host")
            .as_string()
            .unwrap(),
        "news.example"
    );
    assert_eq!(
        get(&get(&envelope, "page"), "utm_source")
            .as_string()
            .unwrap(),
        "news"
    );
    // 1,700,000,000,000 ms is 2023-11-14: a stored 2023-11-13 visit returns.
    assert_eq!(get(&envelope, "returning"), JsValue::TRUE);
    assert_eq!(get(&envelope, "sequence").as_f64().unwrap(), 0.0);
    assert_eq!(tracker.visit_day().as_string().unwrap(), "2023-11-14");
}

#[wasm_bindgen_test]
fn links_scroll_and_engaged_time_through_page_fact() {
    let mut tracker = Tracker::new(options(&[("consent", "denied".into())])).unwrap();
    tracker
        .start_page(0.0, URL.into(), "".into(), "2023-11-13".into())
        .unwrap();
    assert!(tracker.visit_day().is_undefined());
    let download = items(&page_fact(
        &mut tracker,
        "link",
        1.0,
        "https://site.example/a/Deck.PPTX?x=1",
    ));
    assert_eq!(
        download.iter().map(name).collect::<Vec<_>>(),
        ["page_download"]
    );
    let target = get(&get(&download[0], "envelope"), "target");
    assert_eq!(get(&target, "path").as_string().unwrap(), "/a/Deck.PPTX");
    assert_eq!(get(&target, "extension").as_string().unwrap(), "pptx");
    assert!(items(&page_fact(
        &mut tracker,
        "link",
        2.0,
        "https://site.example/about"
    ))
    .is_empty());
    let scroll = tracker
        .page_fact(
            "scroll".into(),
            3.0,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            1200.0.into(),
            800.0.into(),
            4000.0.into(),
        )
        .unwrap();
    assert!(items(&scroll).is_empty());
    page_fact(&mut tracker, "input", 10_000.0, "");
    fact(
        &mut tracker,
        Fact::Advance,
        60_000.0,
        &JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap();
    let totals = tracker.page_totals();
    assert_eq!(get(&totals, "engaged_ms").as_f64().unwrap(), 15_000.0);
    assert_eq!(get(&totals, "scroll_percent").as_f64().unwrap(), 50.0);
    let hidden = items(
        &fact(
            &mut tracker,
            Fact::Hidden,
            61_000.0,
            &JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        )
        .unwrap(),
    );
    assert_eq!(
        hidden.iter().map(name).collect::<Vec<_>>(),
        ["page_engagement"]
    );
    let envelope = get(&hidden[0], "envelope");
    assert!(
        get(&envelope, "returning").is_undefined() && get(&envelope, "visitor_id").is_undefined()
    );
    let message = tracker
        .page_fact(
            "wobble".into(),
            62_000.0,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        )
        .err()
        .map(|e| get(&e.into(), "message").as_string().unwrap());
    assert_eq!(message.as_deref(), Some("unknown page fact"));
}
