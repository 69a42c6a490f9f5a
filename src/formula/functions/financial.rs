//! financial functions (placeholder table, filled in by its own change).

use super::FunctionSpec;

/// The financial functions.
pub const FUNCTIONS: &[FunctionSpec] = &[];
