//! Data transfer: core values to plain JavaScript objects and arrays.
//!
//! Built with a few JavaScript built-ins (see [`super::js`]) rather than serde to keep the wasm small. Byte spans
//! become UTF-16 offsets here, because JavaScript strings index that way.

use super::js::{Array, Object};
use wasm_bindgen::JsValue;
#[cfg(feature = "workbench")]
use yardstick_core::formula::call_at::CallAt;
#[cfg(feature = "workbench")]
use yardstick_core::formula::diagnostic::line_column;
#[cfg(feature = "workbench")]
use yardstick_core::formula::functions;
use yardstick_core::formula::Value;
#[cfg(feature = "workbench")]
use yardstick_core::formula::{Diagnostic, Evaluation};

/// Sets a property on a fresh plain object (which has no setters and is
/// not frozen, so the assignment cannot throw).
pub fn set(object: &Object, key: &str, value: &JsValue) {
    set_key(object, &JsValue::from_str(key), value);
}

/// Sets a text property. One call per property instead of making, passing
/// and dropping a `JsValue` at every site: the layouts and diagnostics set
/// dozens of them, and never inlining keeps each site a single call.
#[inline(never)]
pub fn set_text(object: &Object, key: &str, value: &str) {
    set(object, key, &JsValue::from_str(value));
}

/// Sets a number property; as [`set_text`].
#[inline(never)]
pub fn set_number(object: &Object, key: &str, value: f64) {
    object.set_number_property(&JsValue::from_str(key), value);
}

/// Sets a number property, or `null` when there is none; as [`set_text`].
#[inline(never)]
pub fn set_number_or_null(object: &Object, key: &str, value: Option<f64>) {
    set(object, key, &value.map_or(JsValue::NULL, JsValue::from_f64));
}

/// As [`set`], with a key already made into a JavaScript string.
pub fn set_key(object: &Object, key: &JsValue, value: &JsValue) {
    object.set_property(key, value);
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
            set_text(&object, "error", err.kind.code());
            set_text(&object, "message", &err.message);
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
    // A plain loop: the iterator chain was a body of its own in the wasm.
    let mut units = 0;
    for (index, ch) in source.char_indices() {
        if index >= byte_offset {
            break;
        }
        units += ch.len_utf16();
    }
    units
}

/// The byte offset of a UTF-16 offset in `source` (clamped to its length;
/// an offset inside a character counts from that character's start).
#[cfg(feature = "workbench")]
pub fn byte_offset(source: &str, utf16_offset: usize) -> usize {
    let mut units = 0;
    for (index, ch) in source.char_indices() {
        units += ch.len_utf16();
        if units > utf16_offset {
            return index;
        }
    }
    source.len()
}

/// A [`CallAt`] as the plain object `callAt` returns.
#[cfg(feature = "workbench")]
pub fn call_to_js(call: &CallAt) -> JsValue {
    let object = Object::new();
    set_text(&object, "name", call.name);
    set_number(&object, "argumentIndex", call.argument_index as f64);
    let parameters = Array::new();
    for parameter in call.parameters() {
        parameters.push(&JsValue::from_str(parameter));
    }
    set(&object, "parameters", &parameters);
    let active = call.active_parameter.map(|index| index as f64);
    set_number_or_null(&object, "activeParameter", active);
    object.into()
}

#[cfg(feature = "workbench")]
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

#[cfg(feature = "workbench")]
pub fn diagnostics_to_js(source: &str, list: &[Diagnostic]) -> JsValue {
    let diagnostics = Array::new();
    for diagnostic in list {
        let object = Object::new();
        let (line, column) = line_column(source, diagnostic.span.start);
        // Offsets and counts are far below 2^53, so `as f64` is exact.
        set_text(&object, "code", diagnostic.code.as_str());
        set_text(&object, "message", &diagnostic.message);
        set_number(
            &object,
            "start",
            utf16_offset(source, diagnostic.span.start) as f64,
        );
        set_number(
            &object,
            "end",
            utf16_offset(source, diagnostic.span.end) as f64,
        );
        set_number(&object, "line", line as f64);
        set_number(&object, "column", column as f64);
        diagnostics.push(&object);
    }
    diagnostics.into()
}

#[cfg(feature = "workbench")]
pub fn functions_to_js() -> JsValue {
    let list = Array::new();
    for spec in functions::all() {
        let object = Object::new();
        set_text(&object, "name", spec.name);
        set_text(&object, "category", spec.category.as_str());
        set_text(
            &object,
            "signature",
            &functions::signature(spec.name).unwrap_or_default(),
        );
        set_number(&object, "minArgs", spec.min_args as f64);
        set_number(&object, "maxArgs", spec.max_args as f64);
        list.push(&object);
    }
    list.into()
}
