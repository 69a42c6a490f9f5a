//! JavaScript values to the core's document tree, with the document bounds
//! enforced while walking (depth, node count, text size), so a cyclic or
//! huge object cannot hang or exhaust the page.

use super::js::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};
use yardstick_core::json::{Node, MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, MAX_DOCUMENT_TEXT_BYTES};

/// Why a JavaScript value is not a model document.
pub struct DocumentError(pub &'static str);

// The messages name the bounds as text, not through `format!` (one call's
// arguments at each site): these checks keep the text true.
const _: () = assert!(MAX_DOCUMENT_NODES == 200_000);
const _: () = assert!(MAX_DOCUMENT_DEPTH == 32);
const _: () = assert!(MAX_DOCUMENT_TEXT_BYTES == 1_048_576);

struct Budget {
    nodes: usize,
    text_bytes: usize,
}

/// Converts a plain JavaScript value (as `JSON.parse` gives) into a [`Node`].
pub fn node_from_js(value: &JsValue) -> Result<Node, DocumentError> {
    let mut budget = Budget {
        nodes: 0,
        text_bytes: 0,
    };
    convert(value, 0, &mut budget)
}

fn convert(value: &JsValue, depth: usize, budget: &mut Budget) -> Result<Node, DocumentError> {
    budget.nodes += 1;
    if budget.nodes > MAX_DOCUMENT_NODES {
        return Err(DocumentError("the model has more than 200000 values"));
    }
    if depth > MAX_DOCUMENT_DEPTH {
        return Err(DocumentError(
            "the model nests deeper than 32 levels (or refers to itself)",
        ));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Node::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Node::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Node::Number(n));
    }
    if let Some(text) = value.as_string() {
        count_text(&text, budget)?;
        return Ok(Node::Text(text));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length().min(1024) as usize);
        for item in array.iter() {
            items.push(convert(&item, depth + 1, budget)?);
        }
        return Ok(Node::List(items));
    }
    if value.is_object() && !value.is_function() {
        let object: &Object = value.unchecked_ref();
        let mut entries = Vec::new();
        for entry in Object::entries(object).iter() {
            let pair: Array = entry.unchecked_into();
            let Some(key) = pair.get(0).as_string() else {
                debug_assert!(false, "Object.entries gave a key that is not a string");
                continue;
            };
            let field = pair.get(1);
            if field.is_undefined() {
                continue; // as JSON.stringify drops it
            }
            count_text(&key, budget)?;
            entries.push((key, convert(&field, depth + 1, budget)?));
        }
        return Ok(Node::Map(entries));
    }
    Err(DocumentError(
        "the model holds a value JSON cannot express (a function, symbol or bigint)",
    ))
}

fn count_text(text: &str, budget: &mut Budget) -> Result<(), DocumentError> {
    budget.text_bytes += text.len();
    if budget.text_bytes > MAX_DOCUMENT_TEXT_BYTES {
        return Err(DocumentError(
            "the model holds more than 1048576 bytes of text",
        ));
    }
    Ok(())
}
