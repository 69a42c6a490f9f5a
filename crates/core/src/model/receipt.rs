//! Receipts: what a number shown to a prospect was computed from, so it can
//! be reproduced later. A receipt holds the model's id and version, the
//! inputs, the outputs, and a SHA-256 over the canonical JSON of the model
//! document and the inputs.
//!
//! The hash covers everything that determines the outputs; the same model
//! and inputs give the same hash on every platform and in every session.

use super::engine::{CompiledModel, ModelState};
use super::spec::InputValue;
use crate::formula::Value;
use crate::json::{canonical_json, Node};
use sha2::{Digest, Sha256};

/// A reproducible record of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The id of the model evaluated.
    pub model_id: String,
    /// The version of the model evaluated.
    pub model_version: String,
    /// Lower-case hex SHA-256 of `{"inputs": {...}, "model": <document>}` in canonical JSON.
    pub hash_sha256: String,
    /// Input id and value, in the model's input order.
    pub inputs: Vec<(String, InputValue)>,
    /// Output id and value, in the model's output order.
    pub outputs: Vec<(String, Value)>,
}

/// The receipt of `state` (its inputs and outputs) under `model`.
pub fn receipt(model: &CompiledModel, state: &ModelState) -> Receipt {
    let spec = model.spec();
    // Plain loops: each iterator chain that collects is its own body in
    // the wasm.
    let mut inputs = Vec::with_capacity(spec.inputs.len());
    let mut input_entries = Vec::with_capacity(spec.inputs.len());
    for (input, value) in spec.inputs.iter().zip(&state.inputs) {
        let node = match value {
            InputValue::Number(n) => Node::Number(*n),
            InputValue::Text(t) => Node::Text(t.clone()),
            InputValue::Bool(b) => Node::Bool(*b),
        };
        inputs.push((input.id.clone(), value.clone()));
        input_entries.push((input.id.clone(), node));
    }
    let input_node = Node::Map(input_entries);
    let hashed = Node::Map(vec![
        ("inputs".to_string(), input_node),
        ("model".to_string(), model.document().clone()),
    ]);
    let digest = Sha256::digest(canonical_json(&hashed).as_bytes());
    let mut hash_sha256 = String::with_capacity(64);
    for byte in digest.iter() {
        for nibble in [byte >> 4, byte & 0xf] {
            hash_sha256.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    let mut outputs = Vec::with_capacity(spec.outputs.len());
    for (index, output) in spec.outputs.iter().enumerate() {
        outputs.push((output.id.clone(), state.output(model, index).clone()));
    }
    Receipt {
        model_id: spec.id.clone(),
        model_version: spec.version.clone(),
        hash_sha256,
        inputs,
        outputs,
    }
}
