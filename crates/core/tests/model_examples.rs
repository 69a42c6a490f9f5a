//! The example models: each validates and evaluates, and the business cases
//! match the same workbooks recalculated in LibreOffice
//! (`tests/data/models/*.reference.json`, see the README there), for the
//! defaults and for every scenario, outputs and series alike.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::formula::Value;
use yardstick_core::model::{InputValue, Slot};

use support::{load, root};

#[test]
fn every_example_model_compiles_and_gives_numbers() {
    for entry in std::fs::read_dir(root().join("examples/models")).unwrap() {
        let path = entry.unwrap().path();
        let relative = path
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let model = load(&relative);
        let state = model.evaluate(&model.default_inputs());
        for (index, output) in model.spec().outputs.iter().enumerate() {
            assert!(
                matches!(state.output(&model, index), Value::Number(_)),
                "{relative}: output {} is {:?}",
                output.id,
                state.output(&model, index)
            );
        }
    }
}

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance * expected.abs().max(1e-300) || actual == expected
}

fn input_value(node: &serde_json::Value) -> InputValue {
    match node {
        serde_json::Value::Number(n) => InputValue::Number(n.as_f64().unwrap()),
        serde_json::Value::Bool(b) => InputValue::Bool(*b),
        serde_json::Value::String(s) => InputValue::Text(s.clone()),
        other => panic!("unexpected input {other}"),
    }
}

fn check_reference(reference_file: &str) {
    let text = std::fs::read_to_string(root().join(reference_file)).unwrap();
    let reference: serde_json::Value = serde_json::from_str(&text).unwrap();
    let model = load(reference["model"].as_str().unwrap());
    let mut failures = Vec::new();
    for case in reference["cases"].as_array().unwrap() {
        let name = case["scenario"].as_str().unwrap_or("default").to_string();
        let mut overrides: Vec<(String, InputValue)> = Vec::new();
        if let Some(scenario) = case["scenario"].as_str() {
            let spec = model
                .spec()
                .scenarios
                .iter()
                .find(|s| s.id == scenario)
                .unwrap();
            overrides.extend(spec.inputs.iter().cloned());
        }
        for (id, value) in case["inputs"].as_object().unwrap() {
            overrides.push((id.clone(), input_value(value)));
        }
        let state = model.evaluate(&model.inputs_with(&overrides).unwrap());
        let tolerance = case["tolerance"].as_f64().unwrap();
        for (id, expected) in case["outputs"].as_object().unwrap() {
            let expected = expected.as_f64().unwrap();
            let tolerance = case["output_tolerance"][id].as_f64().unwrap_or(tolerance);
            let index = model.output_index(id).unwrap();
            match state.output(&model, index) {
                Value::Number(actual) if close(*actual, expected, tolerance) => {}
                other => failures.push(format!(
                    "{name}: output {id} = {other:?}, expected {expected}"
                )),
            }
        }
        if let Some(series) = case["series"].as_object() {
            for (id, expected) in series {
                let Some(Slot::Series(values)) = state.calculation(&model, id) else {
                    failures.push(format!("{name}: {id} is not a series"));
                    continue;
                };
                for (period, (value, expected)) in
                    values.iter().zip(expected.as_array().unwrap()).enumerate()
                {
                    let expected = expected.as_f64().unwrap();
                    match value {
                        Value::Number(actual) if close(*actual, expected, tolerance.max(1e-12)) => {
                        }
                        other => failures.push(format!(
                            "{name}: {id}[{period}] = {other:?}, expected {expected}"
                        )),
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{reference_file}:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_five_year_business_case_matches_libreoffice() {
    check_reference("tests/data/models/business-case-5y.reference.json");
}

#[test]
fn the_saas_roi_calculator_matches_libreoffice() {
    check_reference("tests/data/models/saas-roi.reference.json");
}

/// The business case's Monte Carlo (seed 9, 600 trials): NPV mean, P10 and
/// P90 as bit patterns. The wasm crate's `tests/wasm_monte_carlo.rs` asserts
/// the same bits in Node and Chromium, and `tests/e2e/model-api.test.mjs`
/// in the built pkg-risk/, which proves runs reproduce across platforms.
pub const GOLDEN_MONTE_CARLO_NPV_BITS: [u64; 3] = [
    4689197710479707165,
    4684844699089123780,
    4691693288732208855,
];

#[test]
fn monte_carlo_matches_the_cross_platform_golden_values() {
    use yardstick_core::model::analysis::{ModelMonteCarlo, MonteCarloOptions};
    let model = load("examples/models/business-case-5y.json");
    let base = model.evaluate(&model.default_inputs());
    let options = MonteCarloOptions {
        trials: 600,
        seed: 9,
        histogram_bins: 20,
    };
    let mut run = ModelMonteCarlo::new(&model, &base, options).unwrap();
    run.advance(&model, 600);
    let npv = model.output_index("npv").unwrap();
    let stats = run.summaries()[npv].statistics.clone().unwrap();
    let bits = [
        stats.mean.to_bits(),
        stats.p10.to_bits(),
        stats.p90.to_bits(),
    ];
    assert_eq!(
        bits, GOLDEN_MONTE_CARLO_NPV_BITS,
        "{} {} {}",
        stats.mean, stats.p10, stats.p90
    );
}
