//! Changes one input of the five-year business case many times, then runs
//! as many Monte Carlo trials, for
//! profilers (`valgrind --tool=callgrind`) and quick timings:
//! `cargo run --release --example profile_model -- 10000`.

use std::time::Instant;
use yardstick_core::model::{CompiledModel, InputValue};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/models/business-case-5y.json"
    );
    let model = CompiledModel::compile(&yardstick_json_text::node_from_json(
        &std::fs::read_to_string(path)?,
    )?)
    .map_err(|d| format!("{d:?}"))?;
    let mut state = model.evaluate(&model.default_inputs());
    let started = Instant::now();
    for round in 0..rounds {
        let value = 200_000.0 + (round % 100) as f64;
        model.set(
            &mut state,
            "productivity_benefit_per_year",
            &InputValue::Number(value),
        )?;
    }
    let per_change = started.elapsed().as_secs_f64() * 1e6 / rounds as f64;
    println!("{rounds} changes, {per_change:.2} µs per change");
    let options = yardstick_core::model::analysis::MonteCarloOptions {
        trials: rounds,
        seed: 42,
        histogram_bins: 20,
    };
    let base = model.evaluate(&model.default_inputs());
    let started = Instant::now();
    let mut run = yardstick_core::model::analysis::ModelMonteCarlo::new(&model, &base, options)?;
    run.advance(&model, rounds);
    let per_trial = started.elapsed().as_secs_f64() * 1e6 / rounds as f64;
    println!("{rounds} Monte Carlo trials, {per_trial:.2} µs per trial");
    Ok(())
}
