//! Shared support for the core's integration tests: loading a model from
//! JSON text or from a file of the workspace, and reading a number out of a
//! formula value. Each test file uses it with `mod support;`; it holds no
//! tests of its own and never hides a failure (every helper panics with the
//! model's diagnostics or the unexpected value).
// Not every test file uses every helper.
#![allow(dead_code)]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use yardstick_core::formula::Value;
use yardstick_core::model::{CompiledModel, ModelDiagnostic};
use yardstick_json_text::node_from_json;

/// The workspace root: `examples/` and `tests/data/` are shared by the crates.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Compiles a model from its JSON text, or returns its diagnostics. Text
/// that is not JSON fails the test: these tests are about models.
pub fn try_compile(json: &str) -> Result<CompiledModel, Vec<ModelDiagnostic>> {
    let node = node_from_json(json).unwrap_or_else(|e| panic!("not JSON ({e:?}): {json}"));
    CompiledModel::compile(&node)
}

/// Compiles a model that must be valid; fails the test with its diagnostics.
pub fn compile(json: &str) -> CompiledModel {
    try_compile(json).unwrap_or_else(|diagnostics| panic!("invalid model: {diagnostics:#?}"))
}

/// Compiles the model file at `relative` (to the workspace root).
pub fn load(relative: &str) -> CompiledModel {
    let text = std::fs::read_to_string(root().join(relative)).unwrap();
    try_compile(&text).unwrap_or_else(|diagnostics| panic!("{relative}: {diagnostics:#?}"))
}

/// The number inside `value`; any other value fails the test.
pub fn number(value: &Value) -> f64 {
    match value {
        Value::Number(n) => *n,
        other => panic!("expected a number, got {other:?}"),
    }
}
