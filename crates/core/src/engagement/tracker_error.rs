//! Why a [`Tracker`](super::tracker::Tracker) refuses a call, and the
//! checks of ids and options that raise it. A refused call changes nothing.

use super::clock::ClockError;
use super::tracker_limits::{MAX_ID_CHARS, SEED_BYTES};
use crate::error::ErrorCode;
use crate::number_text::Plain;
use std::fmt;

/// Why the tracker refused a call.
#[derive(Debug, Clone, PartialEq)]
pub enum TrackerError {
    /// The clock refused the fact (time, ratio, idle timeout, bounds).
    Clock {
        /// What the clock refused.
        source: ClockError,
    },
    /// An instance id this tracker never issued, or one already removed.
    UnknownInstance {
        /// The id given.
        instance_id: String,
    },
    /// An id outside 1 to 64 characters from `A-Z a-z 0-9 . _ : -`.
    InvalidId {
        /// Which id (`calc_id`, `visitor_id`, ...).
        field: &'static str,
        /// The text given, shortened for the message.
        value: String,
    },
    /// An option outside its range.
    OptionOutOfRange {
        /// Which option (`idle_timeout_ms`, ...).
        option: &'static str,
        /// The value given.
        value: u64,
        /// The least allowed.
        min: u64,
        /// The most allowed.
        max: u64,
    },
    /// A seed that is not [`SEED_BYTES`](super::tracker_limits::SEED_BYTES) bytes.
    SeedLength {
        /// The bytes given.
        bytes: usize,
    },
    /// A time origin that is not a finite, non-negative number.
    TimeOrigin {
        /// The time origin given, in epoch ms.
        time_origin_ms: f64,
    },
}

impl fmt::Display for TrackerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrackerError::Clock { source } => source.fmt(f),
            TrackerError::UnknownInstance { instance_id } => {
                write!(f, "unknown widget instance id `{instance_id}`")
            }
            TrackerError::InvalidId { field, value } => write!(
                f,
                "{field} `{value}` must be 1 to {MAX_ID_CHARS} characters from A-Z a-z 0-9 . _ : -"
            ),
            TrackerError::OptionOutOfRange {
                option,
                value,
                min,
                max,
            } => write!(f, "{option} {value} ms is outside {min} to {max} ms"),
            TrackerError::SeedLength { bytes } => {
                write!(f, "the seed must be {SEED_BYTES} random bytes, not {bytes}")
            }
            TrackerError::TimeOrigin { time_origin_ms } => write!(
                f,
                "time origin {} ms is not a finite, non-negative time",
                Plain(*time_origin_ms)
            ),
        }
    }
}

impl std::error::Error for TrackerError {}

impl TrackerError {
    /// The stable code callers branch on (docs/errors.md); a refused clock
    /// fact has the clock's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            TrackerError::Clock { source } => source.code(),
            TrackerError::UnknownInstance { .. } => ErrorCode::UNKNOWN_INSTANCE,
            TrackerError::InvalidId { .. } => ErrorCode::INVALID_ID,
            TrackerError::OptionOutOfRange { .. } => ErrorCode::OPTION_OUT_OF_RANGE,
            TrackerError::SeedLength { .. } => ErrorCode::INVALID_SEED,
            TrackerError::TimeOrigin { .. } => ErrorCode::INVALID_TIME_ORIGIN,
        }
    }
}

impl From<ClockError> for TrackerError {
    fn from(source: ClockError) -> Self {
        TrackerError::Clock { source }
    }
}

/// Checks an id against the collector's bounds.
pub fn check_id(field: &'static str, value: &str) -> Result<(), TrackerError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-');
    if (1..=MAX_ID_CHARS).contains(&value.len()) && value.chars().all(allowed) {
        Ok(())
    } else {
        Err(TrackerError::InvalidId {
            field,
            value: first_chars(value, 80).to_string(),
        })
    }
}

/// The first `max` characters of `text` (all of it when shorter), as a
/// slice: one body for every message that quotes input, where each
/// `chars().take(n).collect()` was its own.
pub(crate) fn first_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text.get(..cut).unwrap_or(text),
        None => text,
    }
}

pub(super) fn check_range(
    option: &'static str,
    value: u64,
    range: (u64, u64),
) -> Result<u64, TrackerError> {
    let (min, max) = range;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(TrackerError::OptionOutOfRange {
            option,
            value,
            min,
            max,
        })
    }
}
