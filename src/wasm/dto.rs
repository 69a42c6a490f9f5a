//! Data transfer: core values to plain JavaScript objects and arrays.
//!
//! Built with a few JavaScript built-ins (see [`super::js`]) rather than serde to keep the wasm small. Byte spans
//! become UTF-16 offsets here, because JavaScript strings index that way.

use super::js::{reflect_set, Array, Object};
use crate::formula::diagnostic::line_column;
#[cfg(feature = "workbench")]
use crate::formula::functions;
use crate::formula::{Diagnostic, Evaluation, Value};
use wasm_bindgen::JsValue;

/// Sets a property on a fresh plain object. `Reflect.set` can only fail on
/// frozen objects or throwing setters, which a new `Object` never has, so
/// the result is deliberately ignored.
pub fn set(object: &Object, key: &str, value: &JsValue) {
    set_key(object, &JsValue::from_str(key), value);
}

/// As [`set`], with a key already made into a JavaScript string.
pub fn set_key(object: &Object, key: &JsValue, value: &JsValue) {
    let _ = reflect_set(object, key, value);
}

pub fn value_to_js(value: &Value) -> JsValue {
    match value {
        Value::Number(n) => JsValue::from_f64(*n),
        Value::Text(text) => JsValue::from_str(text),
        Value::Bool(b) => JsValue::from_bool(*b),
        // An omitted value shows as an empty string, as a blank cell does.
        Value::Empty => JsValue::from_str(""),
        Value::Error(err) => {
            let object = Object::new();
            set(&object, "error", &JsValue::from_str(err.kind.code()));
            set(&object, "message", &JsValue::from_str(&err.message));
            object.into()
        }
        Value::Array(array) => {
            let rows = Array::new();
            for row in array.row_slices() {
                let js_row = Array::new();
                for element in row {
                    js_row.push(&value_to_js(element));
                }
                rows.push(&js_row);
            }
            rows.into()
        }
    }
}

/// `object[key]`, or `undefined` when `object` is not an object (reading a
/// property of `undefined` or `null` would throw in JavaScript). Reads the
/// option objects of the model, the workbench and the engagement `Tracker`.
pub fn field(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    super::js::reflect_get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A fresh plain object.
pub fn object() -> Object {
    Object::new()
}

/// The UTF-16 offset of a byte offset in `source` (clamped to its length).
pub fn utf16_offset(source: &str, byte_offset: usize) -> usize {
    source
        .char_indices()
        .take_while(|(index, _)| *index < byte_offset)
        .map(|(_, ch)| ch.len_utf16())
        .sum()
}

pub fn evaluation_to_js(source: &str, evaluation: &Evaluation) -> JsValue {
    let result = Object::new();
    set(&result, "value", &value_to_js(&evaluation.value));
    set(
        &result,
        "diagnostics",
        &diagnostics_to_js(source, &evaluation.diagnostics),
    );
    result.into()
}

pub fn diagnostics_to_js(source: &str, list: &[Diagnostic]) -> JsValue {
    let diagnostics = Array::new();
    for diagnostic in list {
        let object = Object::new();
        let (line, column) = line_column(source, diagnostic.span.start);
        set(
            &object,
            "code",
            &JsValue::from_str(diagnostic.code.as_str()),
        );
        set(&object, "message", &JsValue::from_str(&diagnostic.message));
        set(
            &object,
            "start",
            &number(utf16_offset(source, diagnostic.span.start)),
        );
        set(
            &object,
            "end",
            &number(utf16_offset(source, diagnostic.span.end)),
        );
        set(&object, "line", &number(line));
        set(&object, "column", &number(column));
        diagnostics.push(&object);
    }
    diagnostics.into()
}

#[cfg(feature = "workbench")]
pub fn functions_to_js() -> JsValue {
    let list = Array::new();
    for spec in functions::all() {
        let object = Object::new();
        set(&object, "name", &JsValue::from_str(spec.name));
        set(
            &object,
            "category",
            &JsValue::from_str(spec.category.as_str()),
        );
        set(&object, "signature", &JsValue::from_str(spec.signature));
        let summary = functions::summary(spec.name).unwrap_or_default();
        set(&object, "summary", &JsValue::from_str(summary));
        set(&object, "minArgs", &number(spec.min_args));
        set(&object, "maxArgs", &number(spec.max_args));
        list.push(&object);
    }
    list.into()
}

fn number(n: usize) -> JsValue {
    // Offsets and counts are far below 2^53, so the conversion is exact.
    JsValue::from_f64(n as f64)
}
