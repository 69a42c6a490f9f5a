//! The error every binding throws: a JavaScript `Error` with the message
//! and a stable `code` (docs/errors.md) from the core's
//! [`ErrorCode`].
//!
//! The bindings name it `JsError`, in place of wasm-bindgen's type of that
//! name, which has no way to carry a code. It never chooses a code by
//! reading a message: a core error brings its own (`code()`), and a
//! binding's own argument check names one.

use super::dto::set;
use super::js::Error;
use wasm_bindgen::prelude::*;
use yardstick_core::engagement::tracker::TrackerError;
pub(crate) use yardstick_core::error::display_text;
use yardstick_core::error::ErrorCode;
use yardstick_core::model::ModelError;

/// A JavaScript `Error` with a `code` property, made when the failure is
/// (the bindings return it, and wasm-bindgen throws it).
#[derive(Debug)]
pub struct JsError(JsValue);

/// `new Error(message)` with `error.code = code`. Not inlined: every throw
/// in the module shares this one body.
#[inline(never)]
pub(crate) fn coded_error(code: ErrorCode, message: &str) -> Error {
    let error = Error::new(message);
    set(&error, "code", &JsValue::from_str(code.as_str()));
    error
}

impl JsError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: &str) -> JsError {
        JsError(coded_error(code, message).into())
    }

    /// An error with `code` and the `Display` text of `error`. Through
    /// `dyn Display`: one body for every core error type instead of a
    /// `to_string` instance (with the type's `Display` inlined) per type.
    pub(crate) fn displayed(code: ErrorCode, error: &dyn core::fmt::Display) -> JsError {
        JsError::new(code, &display_text(error))
    }

    /// An Error already built with its code (and more properties, such as
    /// a document's `diagnostics`).
    #[cfg(feature = "success")]
    pub(crate) fn from_value(error: JsValue) -> JsError {
        JsError(error)
    }

    /// A binding's refusal of an argument of the wrong type or shape.
    pub fn argument(message: &str) -> JsError {
        JsError::new(ErrorCode::INVALID_ARGUMENT, message)
    }
}

impl From<JsError> for JsValue {
    fn from(error: JsError) -> JsValue {
        error.0
    }
}

/// `From` for each core error that reaches JavaScript: its code and its
/// `Display` text.
macro_rules! from_core_error {
    ($($error:ty),* $(,)?) => {
        $(impl From<$error> for JsError {
            fn from(error: $error) -> JsError {
                JsError::displayed(error.code(), &error)
            }
        })*
    };
}

from_core_error!(ModelError, TrackerError);

#[cfg(feature = "workbench")]
from_core_error!(
    yardstick_core::scoring::ScoringError,
    yardstick_core::scoring::PipelineError,
    yardstick_core::uncertainty::UncertaintyError,
);
