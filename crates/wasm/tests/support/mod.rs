//! Shared support for the wasm-bindgen tests (each file uses it with
//! `mod support;`): reading a property of a JavaScript object and the
//! five-year business case compiled as JavaScript sees it, and a
//! tracker's options. It holds no
//! tests and exists only in wasm32 builds, as the test files do.
// Not every test file uses every helper.
#![allow(dead_code)]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(clippy::unwrap_used, clippy::panic)]

use js_sys::{Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::JsValue;
use yardstick::Model;

/// The five-year business case's JSON text (examples/models).
pub const CASE: &str = include_str!("../../../../examples/models/business-case-5y.json");

/// The five-year business case, compiled from a plain JavaScript object.
pub fn case_model() -> Model {
    Model::compile(JSON::parse(CASE).unwrap())
        .unwrap_or_else(|e| panic!("{:?}", get(&e, "message")))
}

/// The property `key` of `object` (`undefined` when absent); fails the
/// test only if reading it throws.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

/// A `Tracker`'s options: a fixed 32-byte seed, a time origin and `nowMs`
/// 0, then `extra` set over them.
pub fn tracker_options(extra: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    let seed = Uint8Array::new_with_length(32);
    seed.fill(9, 0, 32);
    Reflect::set(&object, &"seed".into(), &seed).unwrap();
    Reflect::set(&object, &"timeOriginMs".into(), &1_700_000_000_000.0.into()).unwrap();
    Reflect::set(&object, &"nowMs".into(), &0.0.into()).unwrap();
    for (key, value) in extra {
        Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

/// `tracker.fact(fact, nowMs, instanceId, detail)`, as the widget calls it;
/// `JsValue::UNDEFINED` for what a fact does not take.
#[cfg(feature = "tracker")]
pub fn fact(
    tracker: &mut yardstick::Tracker,
    fact: yardstick::Fact,
    now_ms: f64,
    instance_id: &JsValue,
    detail: JsValue,
) -> Result<JsValue, yardstick::JsError> {
    tracker.fact(fact, now_ms, instance_id.clone(), detail)
}
