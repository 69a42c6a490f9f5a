//! Analyses on a compiled model: scenarios side by side, the tornado,
//! goal seek (found and unreachable), break-even and receipts.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::finance::Payback;
use yardstick_core::model::analysis::{
    break_even, goal_seek, scenarios, sensitivity, GoalSeekOptions, GoalSeekResult,
    SensitivityOptions,
};
use yardstick_core::model::receipt::receipt;
use yardstick_core::model::{CompiledModel, InputValue};

use support::number;

const CASE: &str = r#"{
  "schema": "yardstick/model@1", "id": "case", "version": "2.1.0", "title": "Case",
  "horizon": { "periods": 4, "unit": "year" },
  "inputs": [
    { "id": "price", "label": "Price per seat", "kind": "currency", "default": 30, "min": 5, "max": 200 },
    { "id": "seats", "label": "Seats", "kind": "integer", "default": 100, "min": 1, "max": 1000,
      "uncertainty": { "distribution": "triangular", "min": 60, "mode": 100, "max": 120 } },
    { "id": "setup", "label": "Set-up", "kind": "currency", "default": 20000, "min": 0 },
    { "id": "rate", "label": "Discount rate", "kind": "percent", "default": 0.1, "min": 0, "max": 0.5 }
  ],
  "calculations": [
    { "id": "net", "per_period": true, "formula": "IF(period = 0, -setup, price * seats * 12 * 0.25)" }
  ],
  "outputs": [
    { "id": "npv", "label": "NPV", "formula": "INDEX(net, 1) + NPV(rate, DROP(net, 1))" },
    { "id": "payback_months", "label": "Payback", "formula": "PAYBACK(net) * 12" }
  ],
  "scenarios": [
    { "id": "conservative", "label": "Conservative", "inputs": { "seats": 60 } },
    { "id": "optimistic", "label": "Optimistic", "inputs": { "seats": 120, "price": 35 } }
  ]
}"#;

fn model() -> CompiledModel {
    support::compile(CASE)
}

#[test]
fn scenarios_come_side_by_side_after_the_defaults() {
    let model = model();
    let results = scenarios(&model).unwrap();
    let ids: Vec<&str> = results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["default", "conservative", "optimistic"]);
    // Yearly benefit is price × seats × 3; payback = setup / benefit years.
    assert!((number(&results[0].outputs[1]) - 12.0 * 20000.0 / 9000.0).abs() < 1e-9);
    assert!((number(&results[1].outputs[1]) - 12.0 * 20000.0 / 5400.0).abs() < 1e-9);
    assert!(number(&results[2].outputs[0]) > number(&results[0].outputs[0]));
}

#[test]
fn the_tornado_is_sorted_by_swing_and_uses_uncertainty_bounds() {
    let model = model();
    let base = model.evaluate(&model.default_inputs());
    let options = SensitivityOptions {
        output_id: "npv".into(),
        percent_change: 0.1,
        use_uncertainty: true,
    };
    let (base_npv, rows) = sensitivity(&model, &base, &options).unwrap();
    assert_eq!(base_npv, number(base.output(&model, 0)));
    assert!(rows.windows(2).all(|w| w[0].swing >= w[1].swing));
    let seats = rows.iter().find(|r| r.input_id == "seats").unwrap();
    assert_eq!((seats.low_input, seats.high_input), (60.0, 120.0));
    let price = rows.iter().find(|r| r.input_id == "price").unwrap();
    assert_eq!((price.low_input, price.high_input), (27.0, 33.0));
    assert!(seats.output_at_low.unwrap() < base_npv && base_npv < seats.output_at_high.unwrap());
    let bad = SensitivityOptions {
        percent_change: 0.0,
        ..options
    };
    assert!(sensitivity(&model, &base, &bad).is_err());
}

#[test]
fn goal_seek_finds_the_price_for_a_12_month_payback() {
    let model = model();
    let base = model.evaluate(&model.default_inputs());
    let options = GoalSeekOptions {
        input_id: "price".into(),
        output_id: "payback_months".into(),
        target: 12.0,
        low: None,
        high: None,
        tolerance: 1e-9,
    };
    match goal_seek(&model, &base, &options).unwrap() {
        GoalSeekResult::Found {
            input_value,
            output_value,
            ..
        } => {
            // 20000 / (price × 100 × 3) years = 1 year → price = 66.67.
            assert!(
                (input_value - 20000.0 / 300.0).abs() < 1e-6,
                "{input_value}"
            );
            assert!((output_value - 12.0).abs() < 1e-8);
        }
        other => panic!("{other:?}"),
    }
    // `setup` has no max: the search still finds the set-up cost that pays back in 24 months.
    let unbounded = GoalSeekOptions {
        input_id: "setup".into(),
        target: 24.0,
        ..options.clone()
    };
    match goal_seek(&model, &base, &unbounded).unwrap() {
        GoalSeekResult::Found { input_value, .. } => {
            assert!((input_value - 18_000.0).abs() < 1e-3, "{input_value}")
        }
        other => panic!("{other:?}"),
    }
    let unreachable = GoalSeekOptions {
        target: 0.5,
        ..options
    };
    match goal_seek(&model, &base, &unreachable.clone()).unwrap() {
        GoalSeekResult::NotReachable {
            message,
            lowest_output,
            highest_output,
            closest_output,
        } => {
            assert!(
                message.contains("no value of price between 5 and 200"),
                "{message}"
            );
            assert!(lowest_output.unwrap() > 0.5);
            // Every output is above the target, so the lowest is the closest.
            assert!(highest_output.unwrap() > lowest_output.unwrap());
            assert_eq!(closest_output, lowest_output);
        }
        other => panic!("{other:?}"),
    }
    // Above every output: the highest is the closest.
    let out_of_reach_above = GoalSeekOptions {
        target: 1e12,
        ..unreachable
    };
    match goal_seek(&model, &base, &out_of_reach_above).unwrap() {
        GoalSeekResult::NotReachable {
            highest_output,
            closest_output,
            ..
        } => assert_eq!(closest_output, highest_output),
        other => panic!("{other:?}"),
    }
}

#[test]
fn break_even_interpolates_within_the_period() {
    let model = model();
    let state = model.evaluate(&model.default_inputs());
    assert_eq!(
        break_even(&model, &state, "net").unwrap(),
        Payback::Period(20000.0 / 9000.0)
    );
    let poor = model
        .inputs_with(&[("seats".into(), InputValue::Number(1.0))])
        .unwrap();
    assert_eq!(
        break_even(&model, &model.evaluate(&poor), "net").unwrap(),
        Payback::Never
    );
    assert!(break_even(&model, &state, "npv").is_err());
}

#[test]
fn receipts_are_stable_and_change_with_the_inputs() {
    let model = model();
    let state = model.evaluate(&model.default_inputs());
    let first = receipt(&model, &state);
    assert_eq!(first.model_id, "case");
    assert_eq!(first.model_version, "2.1.0");
    assert_eq!(first.hash_sha256.len(), 64);
    assert_eq!(
        first,
        receipt(&model, &model.evaluate(&model.default_inputs()))
    );
    // Reordering the document's keys does not change the hash.
    let mut reordered: serde_json::Value = serde_json::from_str(CASE).unwrap();
    let object = reordered.as_object_mut().unwrap();
    let title = object.remove("title").unwrap();
    object.insert("title".into(), title);
    let model_again = support::compile(&reordered.to_string());
    assert_eq!(
        receipt(
            &model_again,
            &model_again.evaluate(&model_again.default_inputs())
        )
        .hash_sha256,
        first.hash_sha256
    );
    let mut changed = state.clone();
    model
        .set(&mut changed, "price", &InputValue::Number(31.0))
        .unwrap();
    assert_ne!(receipt(&model, &changed).hash_sha256, first.hash_sha256);
}

mod monte_carlo {
    use super::*;
    use yardstick_core::model::analysis::{ModelMonteCarlo, MonteCarloOptions};
    use yardstick_core::uncertainty::{Comparison, Event, FailedTrials};

    fn run(model: &CompiledModel, seed: u64, chunk: usize) -> ModelMonteCarlo {
        let base = model.evaluate(&model.default_inputs());
        let options = MonteCarloOptions {
            trials: 2_000,
            seed,
            histogram_bins: 20,
        };
        let mut run = ModelMonteCarlo::new(model, &base, options).unwrap();
        while !run.advance(model, chunk).done {}
        run
    }

    #[test]
    fn the_same_seed_gives_the_same_result_however_chunked() {
        let model = model();
        let whole = run(&model, 7, 2_000);
        let chunked = run(&model, 7, 37);
        assert_eq!(whole.summaries(), chunked.summaries());
        assert_ne!(whole.summaries(), run(&model, 8, 2_000).summaries());
    }

    #[test]
    fn summaries_follow_the_sampled_seats() {
        let model = model();
        let result = run(&model, 42, 500);
        let npv = result.summaries()[0].statistics.clone().unwrap();
        // Seats ~ triangular(60, 100, 120): NPV is linear in seats, so its
        // mean is the NPV at the mean seat count, 93.33 (to sampling error).
        let state = model.evaluate(
            &model
                .inputs_with(&[("seats".into(), InputValue::Number(93.0))])
                .unwrap(),
        );
        let at_mean = number(state.output(&model, 0));
        assert!(
            (npv.mean - at_mean).abs() < 0.03 * at_mean.abs(),
            "{} vs {}",
            npv.mean,
            at_mean
        );
        assert!(npv.p10 <= npv.p50 && npv.p50 <= npv.p90);
        let bins: usize = npv.histogram.bins.iter().map(|b| b.count).sum();
        assert_eq!(bins, 2_000);
        let positive = Event {
            comparison: Comparison::Above,
            threshold: 0.0,
            failed_trials: FailedTrials::CountAsMiss,
        };
        let p = result.probability(0, &positive).unwrap();
        assert!((0.0..=1.0).contains(&p));
        assert_eq!(result.sampled_input_ids(&model), vec!["seats"]);
    }

    #[test]
    fn a_model_without_uncertainty_is_refused_clearly() {
        let text = CASE.replace(
            r#",
      "uncertainty": { "distribution": "triangular", "min": 60, "mode": 100, "max": 120 }"#,
            "",
        );
        let plain = support::compile(&text);
        let base = plain.evaluate(&plain.default_inputs());
        let options = MonteCarloOptions {
            trials: 10,
            seed: 1,
            histogram_bins: 10,
        };
        let error = ModelMonteCarlo::new(&plain, &base, options).unwrap_err();
        assert!(
            error.to_string().contains("no input has an uncertainty"),
            "{error}"
        );
        let too_many = MonteCarloOptions {
            trials: 10_000_000,
            seed: 1,
            histogram_bins: 10,
        };
        assert!(ModelMonteCarlo::new(&model(), &base, too_many).is_err());
    }
}

/// The defaults an analysis or a control takes when the caller names none
/// are the core's (the bindings only read options).
#[test]
fn defaults_live_in_the_core() {
    use yardstick_core::model::analysis::{
        DEFAULT_PERCENT_CHANGE, DEFAULT_SEED, DEFAULT_TOLERANCE, DEFAULT_TRIALS,
    };
    assert_eq!(DEFAULT_PERCENT_CHANGE, 0.1);
    assert_eq!(DEFAULT_TOLERANCE, 1e-9);
    assert_eq!((DEFAULT_TRIALS, DEFAULT_SEED), (10_000, 20_260_101));
    let model = model();
    let steps: Vec<Option<f64>> = model
        .spec()
        .inputs
        .iter()
        .map(|input| input.step_or_default())
        .collect();
    // Only the whole-number input moves by 1 without a model step.
    assert_eq!(steps, vec![None, Some(1.0), None, None]);
}
