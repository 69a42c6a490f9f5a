//! math functions (placeholder table, filled in by its own change).

use super::FunctionSpec;

/// The math functions.
pub const FUNCTIONS: &[FunctionSpec] = &[];
