//! The few JavaScript built-ins the bindings use (arrays, plain objects,
//! `Reflect`, `Error`), declared here rather than taken from js-sys.
//!
//! js-sys declares every built-in, and wasm-bindgen keeps the closure shims
//! of its callback-taking methods in the function table whether or not they
//! are called: about 3.5 KB in every build. These declarations are the ones
//! js-sys has for the same methods; nothing here holds logic.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A plain JavaScript object.
    #[derive(Clone, Debug)]
    pub type Object;

    /// `{}`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Object;

    /// `Object.entries(object)`: its own enumerable `[key, value]` pairs.
    #[wasm_bindgen(static_method_of = Object)]
    pub fn entries(object: &Object) -> Array;

    /// A JavaScript array.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type Array;

    /// `[]`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Array;

    /// `Array.isArray(value)`.
    #[wasm_bindgen(static_method_of = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> bool;

    /// `array.push(value)`; returns the new length.
    #[wasm_bindgen(method)]
    pub fn push(this: &Array, value: &JsValue) -> u32;

    /// `array.length`.
    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Array) -> u32;

    /// `array[index]`.
    #[wasm_bindgen(method, indexing_getter)]
    pub fn get(this: &Array, index: u32) -> JsValue;

    /// `array[index] = value`: one crossing, with no key made.
    #[wasm_bindgen(method, indexing_setter)]
    pub fn set(this: &Array, index: u32, value: &JsValue);

    /// A `Uint8Array` (the engagement tracker's random seed), read as an
    /// [`Array`].
    #[cfg(feature = "tracker")]
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type Uint8Array;

    /// A `Uint8Array` of a document's bytes (the success data), read in
    /// slices by `success_source`.
    #[cfg(feature = "success")]
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type Bytes;

    /// `bytes.length`.
    #[cfg(feature = "success")]
    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Bytes) -> u32;

    /// `bytes.subarray(begin, end)`, copied into wasm memory.
    #[cfg(feature = "success")]
    #[wasm_bindgen(method, js_name = subarray)]
    pub fn slice_to_vec(this: &Bytes, begin: u32, end: u32) -> Vec<u8>;

    /// A JavaScript `Error`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type Error;

    /// `new Error(message)`.
    #[wasm_bindgen(constructor)]
    pub fn new(message: &str) -> Error;

    /// `target[key] = value`, on an object the bindings made. A plain
    /// assignment, not `Reflect.set`: V8 runs it about four times faster
    /// (a changed output is one of these), and on a fresh plain object it
    /// cannot throw, so nothing is caught.
    #[wasm_bindgen(method, indexing_setter)]
    pub fn set_property(this: &Object, key: &JsValue, value: &JsValue);

    /// `target[key] = number`: as [`Object::set_property`], with the number
    /// passed as a plain `f64` (no `JsValue` made and dropped for it).
    #[wasm_bindgen(method, indexing_setter)]
    pub fn set_number_property(this: &Object, key: &JsValue, value: f64);

    /// `Reflect.get(target, key)`; throws (here: `Err`) when `target` is
    /// not an object.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    pub fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

impl Array {
    /// The items, read by index from 0 to the length when iteration starts.
    pub fn iter(&self) -> impl Iterator<Item = JsValue> + '_ {
        (0..self.length()).map(|index| self.get(index))
    }
}
