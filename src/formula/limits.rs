//! Bounds on untrusted formula text, so no input can exhaust memory or the
//! stack. Past a bound the caller gets a diagnostic, not a hang.

/// Longest formula accepted, in bytes (Excel allows 8,192 characters).
pub const MAX_FORMULA_BYTES: usize = 8_192;

/// Deepest nesting of parentheses, function calls and array literals
/// (Excel allows 64 levels of nested functions).
pub const MAX_NESTING_DEPTH: usize = 64;

/// Deepest syntax tree, counting operator chains such as `1+1+1+...`;
/// bounds the evaluator's recursion.
pub const MAX_TREE_DEPTH: usize = 256;

/// Most elements in one array literal or array result.
pub const MAX_ARRAY_ELEMENTS: usize = 65_536;
