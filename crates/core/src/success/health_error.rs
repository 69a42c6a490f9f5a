//! How a [`HealthError`] reads and which stable code (docs/errors.md) it
//! carries to a caller: one `match` over its variants, so a new variant
//! without a code does not compile.

use super::health::{HealthError, MAX_TABLE_SLOTS};
use crate::error::ErrorCode;
use std::fmt;

impl HealthError {
    /// The code callers branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            HealthError::TooLarge { .. } => ErrorCode::TOO_MUCH_WORK,
            HealthError::Weights(_) => ErrorCode::INVALID_SUCCESS_SETTINGS,
            HealthError::Measure(_) => ErrorCode::UNKNOWN_ID,
        }
    }
}

impl fmt::Display for HealthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HealthError::TooLarge { slots } => write!(
                f,
                "accounts × snapshots × measures is {slots}, above the {MAX_TABLE_SLOTS} a health table holds"
            ),
            HealthError::Weights(why) | HealthError::Measure(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for HealthError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_code_and_says_why() {
        let too_large = HealthError::TooLarge { slots: 5_000_000 };
        assert_eq!(too_large.code(), ErrorCode::TOO_MUCH_WORK);
        assert!(too_large.to_string().contains("5000000"));
        let weights = HealthError::Weights("no positive weight".into());
        assert_eq!(weights.code(), ErrorCode::INVALID_SUCCESS_SETTINGS);
        assert_eq!(weights.to_string(), "no positive weight");
        assert_eq!(
            HealthError::Measure("x".into()).code(),
            ErrorCode::UNKNOWN_ID
        );
    }
}
