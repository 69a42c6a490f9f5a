//! lookup functions (placeholder table, filled in by its own change).

use super::FunctionSpec;

/// The lookup functions.
pub const FUNCTIONS: &[FunctionSpec] = &[];
