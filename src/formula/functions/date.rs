//! date functions (placeholder table, filled in by its own change).

use super::FunctionSpec;

/// The date functions.
pub const FUNCTIONS: &[FunctionSpec] = &[];
