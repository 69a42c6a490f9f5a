//! The stable error codes callers branch on (docs/errors.md): one
//! [`ErrorCode`] per kind of failure an API call can report, written as a
//! kebab-case string (`unknown-id`).
//!
//! Each error enum that reaches a caller has a `code()` method, one `match`
//! over its variants, so a new variant without a code does not compile. This
//! module only names codes; it never words messages (each error's `Display`
//! does) and knows nothing of JavaScript.

/// Declares [`ErrorCode`], its text and the list of every code in one
/// place, so the list cannot miss a code.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*) => {
        /// A stable code for a kind of failure; see docs/errors.md.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as callers see it: kebab-case, stable across versions.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)*
                }
            }
        }
    };
}

error_codes! {
    /// An argument of the wrong type or shape for the call (a binding's
    /// check before the core sees it).
    InvalidArgument => "invalid-argument",
    /// A model document that does not validate; its diagnostics say why.
    InvalidModel => "invalid-model",
    /// No input, output or calculation has the id.
    UnknownId => "unknown-id",
    /// A value that does not fit its input.
    InvalidInput => "invalid-input",
    /// An analysis option that is missing, not a number or out of range.
    InvalidOption => "invalid-option",
    /// An analysis over its budget of formula cells.
    TooMuchWork => "too-much-work",
    /// An uncertainty whose parameters make no distribution.
    InvalidDistribution => "invalid-distribution",
    /// A Monte Carlo trial count of 0 or above the limit.
    TrialsOutOfRange => "trials-out-of-range",
    /// A histogram bin count of 0 or above the limit.
    BinsOutOfRange => "bins-out-of-range",
    /// More uncertain variables than the limit.
    TooManyVariables => "too-many-variables",
    /// No outputs, or more than the limit, for Monte Carlo.
    OutputCountOutOfRange => "output-count-out-of-range",
    /// Trials × outputs above the stored-results limit.
    TooManyResults => "too-many-results",
    /// A scorecard that fails validation.
    InvalidScorecard => "invalid-scorecard",
    /// Measures without a value when the scorecard requires all.
    MissingValues => "missing-values",
    /// Every weighted measure lacks a value.
    NothingToScore => "nothing-to-score",
    /// A pipeline report time that is not a real time.
    InvalidAsOf => "invalid-as-of",
    /// More pipeline projects than the limit.
    TooManyProjects => "too-many-projects",
    /// A tracker seed that is not 32 bytes.
    InvalidSeed => "invalid-seed",
    /// A tracker time origin that is not a finite, non-negative time.
    InvalidTimeOrigin => "invalid-time-origin",
    /// A tracker threshold option outside its range.
    OptionOutOfRange => "option-out-of-range",
    /// An idle timeout outside its range.
    IdleTimeoutOutOfRange => "idle-timeout-out-of-range",
    /// An id the collector would refuse.
    InvalidId => "invalid-id",
    /// No live widget has the instance id.
    UnknownInstance => "unknown-instance",
    /// A fact's time that is NaN, negative or too late.
    TimeOutOfRange => "time-out-of-range",
    /// A fact's time earlier than the last fact's.
    TimeWentBackwards => "time-went-backwards",
    /// An intersection ratio outside 0 to 1.
    RatioOutOfRange => "ratio-out-of-range",
    /// More live widgets than the page allows.
    TooManyInstances => "too-many-instances",
    /// The clock has no instance of this number (an engine bug: the
    /// tracker checks ids first).
    UnknownClockInstance => "unknown-clock-instance",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;
