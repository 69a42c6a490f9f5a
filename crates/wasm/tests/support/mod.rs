//! Shared support for the wasm-bindgen tests (each file uses it with
//! `mod support;`): reading a property of a JavaScript object. It holds no
//! tests and exists only in wasm32 builds, as the test files do.
// Not every test file uses every helper.
#![allow(dead_code)]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(clippy::unwrap_used)]

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// The property `key` of `object` (`undefined` when absent); fails the
/// test only if reading it throws.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap()
}
