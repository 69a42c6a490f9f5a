//! The stable error codes callers branch on (docs/errors.md): one
//! [`ErrorCode`] per kind of failure an API call can report, written as a
//! kebab-case string (`unknown-id`).
//!
//! Each error enum that reaches a caller has a `code()` method, one `match`
//! over its variants, so a new variant without a code does not compile. This
//! module only names codes; it never words messages (each error's `Display`
//! does) and knows nothing of JavaScript.

/// A stable code for a kind of failure (docs/errors.md): one of the
/// constants below, compared and matched like an enum. A newtype over the
/// text rather than an enum with a `match` to text, so a build links only
/// the codes its errors can produce (the widget's wasm carries none of the
/// workbench's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCode(&'static str);

impl ErrorCode {
    /// The code as callers see it: kebab-case, stable across versions.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// Declares each code and the list of them all in one place, so the list
/// cannot miss a code.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $name:ident => $text:literal,)*) => {
        impl ErrorCode {
            $($(#[doc = $doc])* pub const $name: ErrorCode = ErrorCode($text);)*

            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name,)*];
        }
    };
}

error_codes! {
    /// An argument of the wrong type or shape for the call (a binding's
    /// check before the core sees it).
    INVALID_ARGUMENT => "invalid-argument",
    /// A model document that does not validate; its diagnostics say why.
    INVALID_MODEL => "invalid-model",
    /// No input, output or calculation has the id.
    UNKNOWN_ID => "unknown-id",
    /// A value that does not fit its input.
    INVALID_INPUT => "invalid-input",
    /// An analysis option that is missing, not a number or out of range.
    INVALID_OPTION => "invalid-option",
    /// An analysis (or an Excel export) over its budget of formula cells.
    TOO_MUCH_WORK => "too-much-work",
    /// A model whose formulas have no faithful Excel translation (the
    /// message names the formula's model path and the function).
    NOT_EXPORTABLE => "not-exportable",
    /// An uncertainty whose parameters make no distribution.
    INVALID_DISTRIBUTION => "invalid-distribution",
    /// A Monte Carlo trial count of 0 or above the limit.
    TRIALS_OUT_OF_RANGE => "trials-out-of-range",
    /// A histogram bin count of 0 or above the limit.
    BINS_OUT_OF_RANGE => "bins-out-of-range",
    /// More uncertain variables than the limit.
    TOO_MANY_VARIABLES => "too-many-variables",
    /// No outputs, or more than the limit, for Monte Carlo.
    OUTPUT_COUNT_OUT_OF_RANGE => "output-count-out-of-range",
    /// Trials × outputs above the stored-results limit.
    TOO_MANY_RESULTS => "too-many-results",
    /// A scorecard that fails validation.
    INVALID_SCORECARD => "invalid-scorecard",
    /// Measures without a value when the scorecard requires all.
    MISSING_VALUES => "missing-values",
    /// Every weighted measure lacks a value.
    NOTHING_TO_SCORE => "nothing-to-score",
    /// A pipeline report time that is not a real time.
    INVALID_AS_OF => "invalid-as-of",
    /// More pipeline projects than the limit.
    TOO_MANY_PROJECTS => "too-many-projects",
    /// A tracker seed that is not 32 bytes.
    INVALID_SEED => "invalid-seed",
    /// A tracker time origin that is not a finite, non-negative time.
    INVALID_TIME_ORIGIN => "invalid-time-origin",
    /// A tracker threshold option outside its range.
    OPTION_OUT_OF_RANGE => "option-out-of-range",
    /// An idle timeout outside its range.
    IDLE_TIMEOUT_OUT_OF_RANGE => "idle-timeout-out-of-range",
    /// An id the collector would refuse.
    INVALID_ID => "invalid-id",
    /// No live widget has the instance id.
    UNKNOWN_INSTANCE => "unknown-instance",
    /// A fact's time that is NaN, negative or too late.
    TIME_OUT_OF_RANGE => "time-out-of-range",
    /// A fact's time earlier than the last fact's.
    TIME_WENT_BACKWARDS => "time-went-backwards",
    /// An intersection ratio outside 0 to 1.
    RATIO_OUT_OF_RANGE => "ratio-out-of-range",
    /// More live widgets than the page allows.
    TOO_MANY_INSTANCES => "too-many-instances",
    /// The clock has no instance of this number (an engine bug: the
    /// tracker checks ids first).
    UNKNOWN_CLOCK_INSTANCE => "unknown-clock-instance",
    /// Renewal history that cannot support the statistic: one outcome
    /// only, too few of either for the folds, or a fit with no finite
    /// answer (separation, singular, not converged).
    NOT_ENOUGH_EVIDENCE => "not-enough-evidence",
    /// A success data document (`yardstick/success@1`) that does not
    /// read; its diagnostics say where and why.
    INVALID_SUCCESS_DATA => "invalid-success-data",
    /// Success settings (`yardstick/success-settings@1`) that do not read,
    /// or weights that do not fit them.
    INVALID_SUCCESS_SETTINGS => "invalid-success-settings",
}

/// The `Display` text of `value`: `to_string` through `dyn`, so every
/// error message made from an error value shares one body in the wasm
/// instead of a `to_string` instance (with the type's `Display` inlined)
/// per type.
#[inline(never)]
pub fn display_text(value: &dyn std::fmt::Display) -> String {
    let mut text = String::new();
    let _ = std::fmt::Write::write_fmt(&mut text, format_args!("{value}"));
    text
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;
