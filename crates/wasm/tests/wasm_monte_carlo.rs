//! wasm-bindgen tests of Monte Carlo (`Model.monteCarlo`, `MonteCarloRun`),
//! in Node and headless Chromium: chunked runs, the native run's bits,
//! option checks and error codes. Monte Carlo is only in builds with the
//! `risk` feature (`make pkg-risk`); the Makefile's wasm test runs turn it
//! on, and this file refuses to build without it rather than run nothing.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

#[cfg(not(feature = "risk"))]
compile_error!("the Monte Carlo wasm tests need the `risk` feature: --features risk");

mod support;
use support::{case_model, get};

use js_sys::JSON;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The message of an error a binding threw.
fn message(error: yardstick::JsError) -> String {
    get(&JsValue::from(error), "message").as_string().unwrap()
}

/// The `code` of the Error a call threw, after checking it is an `Error`
/// with a message.
fn code(result: Result<impl Sized, impl Into<JsValue>>) -> String {
    let error: JsValue = match result {
        Ok(_) => panic!("expected an Error"),
        Err(error) => error.into(),
    };
    assert!(error.is_instance_of::<js_sys::Error>());
    let message = get(&error, "message").as_string().unwrap();
    assert!(!message.is_empty());
    get(&error, "code")
        .as_string()
        .unwrap_or_else(|| panic!("no code on `{message}`"))
}

#[wasm_bindgen_test]
fn monte_carlo_runs_in_chunks_and_reproduces_from_its_seed() {
    let model = case_model();
    let options = || JSON::parse(r#"{"trials": 600, "seed": 9}"#).unwrap();
    let mut chunked = model.monte_carlo(options()).unwrap();
    let mut steps = 0;
    while !get(&chunked.step(100.0).unwrap(), "done")
        .as_bool()
        .unwrap()
    {
        steps += 1;
        assert!(steps < 100, "never finished");
    }
    assert_eq!(steps, 5);
    let mut whole = model.monte_carlo(options()).unwrap();
    whole.step(10_000.0).unwrap();
    let a = JSON::stringify(&chunked.result())
        .unwrap()
        .as_string()
        .unwrap();
    let b = JSON::stringify(&whole.result())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(a, b);
    let npv = get(&get(&chunked.result(), "outputs"), "npv");
    assert!(get(&npv, "p10").as_f64().unwrap() <= get(&npv, "p90").as_f64().unwrap());
    let p = chunked.probability("npv", "above", 0.0).unwrap().unwrap();
    assert!((0.0..=1.0).contains(&p));
    assert!(chunked.probability("npv", "sideways", 0.0).is_err());
    assert!(model
        .monte_carlo(JSON::parse(r#"{"trials": 1.5}"#).unwrap())
        .is_err());
}

#[wasm_bindgen_test]
fn monte_carlo_is_bit_identical_to_the_native_run() {
    // The same bits as GOLDEN_MONTE_CARLO_NPV_BITS in tests/model_examples.rs,
    // computed natively: seed 9, 600 trials of the five-year business case.
    let golden: [u64; 3] = [
        4689197710479707165,
        4684844699089123780,
        4691693288732208855,
    ];
    let model = case_model();
    let mut run = model
        .monte_carlo(JSON::parse(r#"{"trials": 600, "seed": 9}"#).unwrap())
        .unwrap();
    run.step(600.0).unwrap();
    let npv = get(&get(&run.result(), "outputs"), "npv");
    let bits = ["mean", "p10", "p90"].map(|key| get(&npv, key).as_f64().unwrap().to_bits());
    assert_eq!(bits, golden);
}

#[wasm_bindgen_test]
fn monte_carlo_options_are_checked_with_their_own_names() {
    let model = case_model();
    let start = |options: &str| model.monte_carlo(JSON::parse(options).unwrap());
    for (options, expected) in [
        (
            r#"{"trials": 1e12}"#,
            "option `trials`: must be a whole number from 1 to 1000000; got 1000000000000",
        ),
        (
            r#"{"trials": 2.5}"#,
            "option `trials`: must be a whole number from 1 to 1000000; got 2.5",
        ),
        (
            r#"{"trials": 0}"#,
            "option `trials`: must be a whole number from 1 to 1000000; got 0",
        ),
        (
            r#"{"histogramBins": 0}"#,
            "option `histogramBins`: must be a whole number from 1 to 200; got 0",
        ),
        (
            r#"{"histogramBins": 1e9}"#,
            "option `histogramBins`: must be a whole number from 1 to 200; got 1000000000",
        ),
        (
            r#"{"seed": -3}"#,
            "option `seed`: must be a whole number from 0 to 9007199254740991; got -3",
        ),
        (
            r#"{"trials": "many"}"#,
            "option `trials`: must be a whole number from 1 to 1000000; got NaN",
        ),
    ] {
        assert_eq!(
            message(start(options).err().unwrap()),
            expected,
            "{options}"
        );
    }
    let mut run = start(r#"{"trials": 10}"#).unwrap();
    for (bad, shown) in [
        (-1.0, "-1"),
        (1.5, "1.5"),
        (f64::NAN, "NaN"),
        (1e12, "1000000000000"),
    ] {
        let error = message(run.step(bad).err().unwrap());
        assert_eq!(
            error,
            format!("option `maxTrials`: must be a whole number from 0 to 1000000; got {shown}")
        );
    }
    // Nothing ran; whole steps still work.
    assert_eq!(get(&run.progress(), "trialsDone").as_f64(), Some(0.0));
    assert_eq!(
        get(&run.step(3.0).unwrap(), "trialsDone").as_f64(),
        Some(3.0)
    );
    assert_eq!(
        get(&run.step(0.0).unwrap(), "trialsDone").as_f64(),
        Some(3.0)
    );
}

#[wasm_bindgen_test]
fn monte_carlo_gives_option_and_id_codes() {
    let model = case_model();
    let json = |text: &str| JSON::parse(text).unwrap();
    assert_eq!(
        code(model.monte_carlo(json(r#"{"trials": "many"}"#))),
        "invalid-option"
    );
    let mut run = model.monte_carlo(json(r#"{"trials": 10}"#)).unwrap();
    assert_eq!(code(run.step(-1.0)), "invalid-option");
    run.step(10.0).unwrap();
    assert_eq!(code(run.probability("nope", "above", 0.0)), "unknown-id");
    assert_eq!(
        code(run.probability("npv", "sideways", 0.0)),
        "invalid-argument"
    );
}
