//! JSON text that JavaScript parses in one call (`JSON.parse`), instead
//! of objects built property by property: every property set from wasm
//! is a call into JavaScript with its key and value converted on the way
//! (the portfolio's texts and its head are written so). Numbers
//! are written as the shortest text that reads back as the same double
//! (serde_json's formatter), so the parsed view holds exactly the core's
//! figures; a figure that is not finite is written `null`.

use super::error::JsError;
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse(text)`.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// JSON text written value by value. Objects and lists are opened and
/// closed by the caller; commas are placed here.
pub(crate) struct JsonText {
    bytes: Vec<u8>,
    /// Whether the next value or key needs a comma before it.
    after_value: bool,
}

impl JsonText {
    /// Empty text with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> JsonText {
        JsonText {
            bytes: Vec::with_capacity(capacity),
            after_value: false,
        }
    }

    fn comma(&mut self) {
        if self.after_value {
            self.bytes.push(b',');
        }
    }

    /// `{` (as a value).
    pub(crate) fn open_object(&mut self) {
        self.comma();
        self.bytes.push(b'{');
        self.after_value = false;
    }

    /// `}`.
    pub(crate) fn close_object(&mut self) {
        self.bytes.push(b'}');
        self.after_value = true;
    }

    /// `[` (as a value).
    pub(crate) fn open_list(&mut self) {
        self.comma();
        self.bytes.push(b'[');
        self.after_value = false;
    }

    /// `]`.
    pub(crate) fn close_list(&mut self) {
        self.bytes.push(b']');
        self.after_value = true;
    }

    /// An object's key; its value comes next.
    pub(crate) fn key(&mut self, key: &str) {
        self.text(key);
        self.bytes.push(b':');
        self.after_value = false;
    }

    /// A string value, escaped.
    pub(crate) fn text(&mut self, value: &str) {
        self.comma();
        // Writing into a Vec cannot fail.
        let _ = value.serialize(&mut serde_json::Serializer::new(&mut self.bytes));
        self.after_value = true;
    }

    /// A string, or `null`.
    pub(crate) fn text_or_null(&mut self, value: Option<&str>) {
        match value {
            Some(value) => self.text(value),
            None => self.null(),
        }
    }

    /// A number; `null` when it is not finite.
    pub(crate) fn number(&mut self, value: f64) {
        if !value.is_finite() {
            return self.null();
        }
        self.comma();
        let _ = CompactFormatter.write_f64(&mut self.bytes, value);
        self.after_value = true;
    }

    /// `null`.
    pub(crate) fn null(&mut self) {
        self.comma();
        self.bytes.extend_from_slice(b"null");
        self.after_value = true;
    }

    /// The text (for JavaScript to parse itself).
    pub(crate) fn into_string(self) -> String {
        String::from_utf8(self.bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }

    /// The JavaScript value the text describes.
    /// (Only whole texts and ASCII are written, so it is UTF-8 and JSON;
    /// were it not, JavaScript's own error is thrown.)
    pub(crate) fn parse(self) -> Result<JsValue, JsError> {
        let text = String::from_utf8_lossy(&self.bytes);
        json_parse(&text).map_err(JsError::from_value)
    }
}

#[cfg(test)]
mod tests {
    use super::JsonText;

    fn written(write: impl Fn(&mut JsonText)) -> String {
        let mut text = JsonText::with_capacity(16);
        write(&mut text);
        String::from_utf8(text.bytes).unwrap()
    }

    #[test]
    fn commas_go_between_values_and_numbers_read_back_exactly() {
        let text = written(|json| {
            json.open_object();
            json.key("a");
            json.number(0.1 + 0.2);
            json.key("b \"q\"");
            json.open_list();
            json.text_or_null(None);
            json.number(f64::NAN);
            json.text_or_null(Some("x\ny"));
            json.close_list();
            json.key("c");
            json.open_object();
            json.close_object();
            json.close_object();
        });
        assert_eq!(
            text,
            r#"{"a":0.30000000000000004,"b \"q\"":[null,null,"x\ny"],"c":{}}"#
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["a"].as_f64(), Some(0.1 + 0.2));
    }
}
