//! Why a value does not fit an input, kept as data so that each reader gets
//! it in their own terms: the model's author reads the document's terms
//! (`2 is above the maximum 0.3`, at the model path of the value), and the
//! person typing into a calculator reads the input's label and the value's
//! display form (`Share of saved time must be at most 30%`).
//!
//! It never formats a float with `format!("{}")` (that links core's float
//! formatting into the widget): every number goes through `number_text`.

use super::spec::{InputKind, InputSpec};
use crate::number_text::shortest;

/// Why [`crate::model::inputs::check_input_value`] refuses a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// A numeric input was given NaN or an infinity.
    NotFinite,
    /// An integer input was given a fraction.
    NotWhole {
        /// The value given.
        value: f64,
    },
    /// A date input was given a fractional serial number.
    NotWholeDate {
        /// The value given.
        value: f64,
    },
    /// The value is below the input's `min`.
    BelowMin {
        /// The value given.
        value: f64,
        /// The input's minimum.
        min: f64,
    },
    /// The value is above the input's `max`.
    AboveMax {
        /// The value given.
        value: f64,
        /// The input's maximum.
        max: f64,
    },
    /// Any other mismatch (a toggle given a number, an unknown option),
    /// in a sentence that names no id.
    Other(String),
}

impl Refusal {
    /// The author's sentence, in the document's terms (raw fractions).
    // Pieces pushed onto one string rather than a `format!` per variant:
    // each `format!` is its own code in the widget's wasm.
    pub fn author_text(&self) -> String {
        let (value, sentence, bound) = match self {
            Refusal::NotFinite => return "expected a finite number".to_string(),
            Refusal::Other(text) => return text.clone(),
            Refusal::NotWhole { value } => (value, " is not a whole number", None),
            Refusal::NotWholeDate { value } => (value, " is not a whole date serial number", None),
            Refusal::BelowMin { value, min } => (value, " is below the minimum ", Some(min)),
            Refusal::AboveMax { value, max } => (value, " is above the maximum ", Some(max)),
        };
        let mut text = shortest(*value);
        text.push_str(sentence);
        if let Some(bound) = bound {
            text.push_str(&shortest(*bound));
        }
        text
    }

    /// The sentence a person entering a value reads: the input's label and
    /// the bound in its display form (percent inputs as percents, currency
    /// with `currency`, the input's unit after it), never its id.
    pub fn visitor_text(&self, input: &InputSpec, currency: &str) -> String {
        let mut text = input.label.clone();
        let (sentence, bound) = match self {
            Refusal::Other(reason) => {
                text.push_str(": ");
                text.push_str(reason);
                return text;
            }
            Refusal::NotFinite => (" must be a finite number", None),
            Refusal::NotWhole { .. } => (" must be a whole number", None),
            Refusal::NotWholeDate { .. } => (" must be a date", None),
            Refusal::BelowMin { min, .. } => (" must be at least ", Some(min)),
            Refusal::AboveMax { max, .. } => (" must be at most ", Some(max)),
        };
        text.push_str(sentence);
        if let Some(bound) = bound {
            text.push_str(&display_form(input, *bound, currency));
        }
        text
    }
}

/// A bound as the calculator shows it: `30%` for 0.3 of a percent input,
/// `USD 500 per hour` for a currency input with a unit, `52 weeks`.
pub fn display_form(input: &InputSpec, value: f64, currency: &str) -> String {
    let mut text = String::new();
    if input.kind == InputKind::Currency {
        text.push_str(currency);
        text.push(' ');
    }
    if input.kind == InputKind::Percent {
        // Rounded to 1e-9 of a point: 0.3 * 100 is 30.000000000000004.
        text.push_str(&shortest((value * 1e11).round() / 1e9));
        text.push('%');
    } else {
        text.push_str(&shortest(value));
        if let Some(unit) = &input.unit {
            text.push(' ');
            text.push_str(unit);
        }
    }
    text
}
