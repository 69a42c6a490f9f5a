//! logical functions (placeholder table, filled in by its own change).

use super::FunctionSpec;

/// The logical functions.
pub const FUNCTIONS: &[FunctionSpec] = &[];
