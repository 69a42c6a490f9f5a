//! Bounds on untrusted formula text, so no input can exhaust memory or the
//! stack. Past a bound the caller gets a diagnostic, not a hang.

/// Longest formula accepted by default, in bytes (Excel allows 8,192 characters).
pub const MAX_FORMULA_BYTES: usize = 8_192;

/// Deepest nesting of parentheses, function calls and array literals
/// (Excel allows 64 levels of nested functions).
pub const MAX_NESTING_DEPTH: usize = 64;

/// Deepest syntax tree, counting operator chains such as `1+1+1+...`;
/// bounds the evaluator's recursion so it fits wasm's 1 MiB stack.
pub const MAX_TREE_DEPTH: usize = 256;

/// Most elements in one array literal or array result.
pub const MAX_ARRAY_ELEMENTS: usize = 65_536;

/// The bounds one parse runs under. The defaults are the constants above;
/// a host may tighten them, and tests loosen the length to probe the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes of formula text; longer text is refused before lexing.
    pub max_formula_bytes: usize,
    /// Most levels of parentheses, calls and array literals inside each other.
    pub max_nesting_depth: usize,
    /// Most levels of operators in the tree (bounds every recursive pass).
    pub max_tree_depth: usize,
    /// Most elements in one array literal.
    pub max_array_elements: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_formula_bytes: MAX_FORMULA_BYTES,
            max_nesting_depth: MAX_NESTING_DEPTH,
            max_tree_depth: MAX_TREE_DEPTH,
            max_array_elements: MAX_ARRAY_ELEMENTS,
        }
    }
}

/// Longest text value, in UTF-16 code units as Excel counts them: a cell
/// holds at most 32,767 characters, and text that would be longer (`&`,
/// CONCAT) is `#VALUE!` in Excel and here.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// What one array element counts towards [`MAX_EVALUATION_BYTES`] and a
/// model's budget besides its text: a fixed figure, so a value is within a
/// budget or not on every platform alike.
pub const ARRAY_ELEMENT_BYTES: usize = 16;

/// Most bytes of text and array elements one evaluation of one formula may
/// produce or copy (16 MiB), counted at every name read, operator and call
/// whose result holds text or an array ([`Value::held_bytes`]). Past it the
/// formula is `#VALUE!`, so no formula allocates without bound however it
/// copies and broadcasts.
///
/// [`Value::held_bytes`]: super::Value::held_bytes
pub const MAX_EVALUATION_BYTES: usize = 16 << 20;
