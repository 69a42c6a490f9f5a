//! Bounded work in the core: text is capped at Excel's 32,767 characters,
//! every array or text a formula builds is within a budget, a model's
//! values share a fixed budget, and analyses refuse work past theirs.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::formula::eval::Names;
use yardstick_core::formula::{evaluate_with, Array, ErrorKind, Value};
use yardstick_core::model::Slot;

/// 424 bytes: a per-period text that doubles every period, over 600
/// periods. Uncapped, it needs 2^600 bytes; the wasm instance died at 3.6 GB.
pub const DOUBLING: &str = include_str!("../../../tests/data/doubling-text-model.json");

fn error_message(value: &Value) -> (ErrorKind, String) {
    match value {
        Value::Error(e) => (e.kind, e.message.clone()),
        other => panic!("expected an error, got {}", other.type_name()),
    }
}

#[test]
fn a_doubling_text_stops_at_excels_cell_limit() {
    assert_eq!(DOUBLING.len(), 424);
    let model = support::compile(DOUBLING);
    let state = model.evaluate(&model.default_inputs());
    let Some(Slot::Series(cells)) = state.calculation(&model, "s") else {
        panic!("s is a series");
    };
    // "ab" doubled 13 times is 16,384 characters; once more is 32,768.
    assert!(matches!(&cells[13], Value::Text(t) if t.len() == 16_384));
    let (kind, message) = error_message(&cells[14]);
    assert_eq!(kind, ErrorKind::Value);
    assert!(
        message.contains("longer than 32,767 characters"),
        "{message}"
    );
    // The error propagates; nothing after it holds text.
    assert!(cells[15..].iter().all(|c| matches!(c, Value::Error(_))));
    assert_eq!(error_message(state.output(&model, 0)).0, ErrorKind::Value);
}

#[test]
fn the_cap_counts_characters_as_excel_does_not_bytes() {
    struct Names2;
    impl Names for Names2 {
        fn lookup(&self, name: &str) -> Option<Value> {
            match name {
                // 16,000 two-byte characters: 32,000 bytes but 16,000 units.
                "wide" => Some(Value::Text("é".repeat(16_000))),
                "ascii" => Some(Value::Text("a".repeat(16_384))),
                _ => None,
            }
        }
    }
    let value = evaluate_with("wide & wide", &Names2).value;
    assert!(matches!(&value, Value::Text(t) if t.chars().count() == 32_000));
    let (kind, message) = error_message(&evaluate_with("ascii & ascii", &Names2).value);
    assert_eq!(kind, ErrorKind::Value);
    assert!(
        message.contains("longer than 32,767 characters"),
        "{message}"
    );
    // Exactly at the limit is still text.
    let at_limit = evaluate_with("ascii & leftpart", &LeftPart).value;
    assert!(matches!(&at_limit, Value::Text(t) if t.len() == 32_767));
}

struct LeftPart;

impl Names for LeftPart {
    fn lookup(&self, name: &str) -> Option<Value> {
        match name {
            "ascii" => Some(Value::Text("a".repeat(16_384))),
            "leftpart" => Some(Value::Text("b".repeat(16_383))),
            _ => None,
        }
    }
}

/// Names for the budget tests: `long` is 30,000 characters of text, `row`
/// and `column` are 256-element arrays of TRUE, `wide_row` and
/// `tall_column` 65,536 numbers.
struct Big;

impl Names for Big {
    fn lookup(&self, name: &str) -> Option<Value> {
        let ones = |n: usize| vec![Value::Bool(true); n];
        match name {
            "long" => Some(Value::Text("x".repeat(30_000))),
            "row" => Some(Value::Array(Array::from_row(ones(256))?)),
            "column" => Some(Value::Array(Array::column(ones(256))?)),
            "wide_row" => Some(Value::Array(Array::from_row(vec![
                Value::Number(1.0);
                65_536
            ])?)),
            "tall_column" => Some(Value::Array(Array::column(vec![
                Value::Number(1.0);
                65_536
            ])?)),
            _ => None,
        }
    }
}

#[test]
fn broadcasting_never_builds_more_than_the_element_limit() {
    let (kind, message) = error_message(&evaluate_with("wide_row * tall_column", &Big).value);
    assert_eq!(kind, ErrorKind::Num);
    assert!(message.contains("more than 65,536 elements"), "{message}");
}

#[test]
fn text_copied_into_every_element_stops_at_the_evaluation_budget() {
    // 256 × 256 elements of 30,000 characters would be 1.9 GB.
    for formula in [
        "long & (row = column)",
        "IF(row = column, long)",
        "IF(row = column, long, long)",
    ] {
        let (kind, message) = error_message(&evaluate_with(formula, &Big).value);
        assert_eq!(kind, ErrorKind::Value, "{formula}");
        assert!(message.contains("16 MiB"), "{formula}: {message}");
    }
    // Within the budget (256 elements of 30,000 characters: 7.7 MB) it works.
    assert!(matches!(evaluate_with("long & row", &Big).value, Value::Array(a) if a.cols() == 256));
}

#[test]
fn copies_of_a_name_count_towards_the_budget() {
    // Each read of `long` copies 30,000 bytes; 600 reads are 18 MB, though
    // no value alive at once is large.
    let half = vec!["long=long"; 150].join(",");
    let formula = format!("AND(AND({half}), AND({half}))");
    let (kind, message) = error_message(&evaluate_with(&formula, &Big).value);
    assert_eq!(kind, ErrorKind::Value);
    assert!(message.contains("16 MiB"), "{message}");
    let fewer = format!("AND({})", vec!["long=long"; 200].join(","));
    assert_eq!(evaluate_with(&fewer, &Big).value, Value::Bool(true));
}

fn text_bytes(value: &Value) -> usize {
    match value {
        Value::Text(text) => text.len(),
        _ => 0,
    }
}

#[test]
fn a_models_text_is_shared_out_of_a_fixed_budget() {
    // Eight calculations and outputs: each may hold 64 MiB / 8 = 8 MiB.
    // `t` holds 16,384 characters in every period from the 13th on, so
    // about 512 periods fit and the rest are #VALUE!.
    let outputs: Vec<String> = (0..7)
        .map(|i| format!(r#"{{"id":"o{i}","label":"O","formula":"{i}"}}"#))
        .collect();
    let document = format!(
        r#"{{"schema":"yardstick/model@1","id":"share","version":"1.0.0","title":"Share",
        "horizon":{{"periods":600,"unit":"month"}},
        "inputs":[{{"id":"x","label":"X","kind":"number","default":1}}],
        "calculations":[{{"id":"t","per_period":true,
          "formula":"IF(period=0,\"ab\",IF(period<14,PREV(t)&PREV(t),PREV(t)))"}}],
        "outputs":[{}]}}"#,
        outputs.join(",")
    );
    let model = support::compile(&document);
    let state = model.evaluate(&model.default_inputs());
    let Some(Slot::Series(cells)) = state.calculation(&model, "t") else {
        panic!("t is a series");
    };
    let first_error = cells
        .iter()
        .position(|c| matches!(c, Value::Error(_)))
        .unwrap();
    let held: usize = cells[..first_error].iter().map(text_bytes).sum();
    assert!(held <= (64 << 20) / 8, "{held}");
    assert!(held + 16_384 > (64 << 20) / 8, "{held}");
    let (kind, message) = error_message(&cells[first_error]);
    assert_eq!(kind, ErrorKind::Value);
    assert!(message.contains("share of the model's 64 MiB"), "{message}");
}

mod largest {
    //! The largest model the limits allow: 500 inputs, 2,000 per-period
    //! calculations, 600 periods (1.2 million formula cells). Each
    //! calculation reads the one before it, so input `x0` reaches them all.

    use super::*;
    use yardstick_core::model::analysis::{
        goal_seek, scenarios, sensitivity, GoalSeekOptions, ModelMonteCarlo, MonteCarloOptions,
        SensitivityOptions, MAX_ANALYSIS_CELLS, MAX_MONTE_CARLO_CELLS,
    };
    use yardstick_core::model::ModelError;

    pub const CALCULATIONS: usize = 2_000;
    pub const CELLS_PER_SERIES: usize = 601;

    pub fn document() -> String {
        with_scenarios(0)
    }

    pub fn with_scenarios(count: usize) -> String {
        let scenarios: Vec<String> = (0..count)
            .map(|i| format!(r#"{{"id":"s{i}","label":"S","inputs":{{"x0":2}}}}"#))
            .collect();
        let inputs: Vec<String> = (0..500)
            .map(|i| {
                format!(
                    r#"{{"id":"x{i}","label":"X","kind":"number","default":1,
                    "uncertainty":{{"distribution":"uniform","min":0.5,"max":1.5}}}}"#
                )
            })
            .collect();
        let calculations: Vec<String> = (0..CALCULATIONS)
            .map(|k| {
                let before = if k == 0 {
                    "x1".to_string()
                } else {
                    format!("c{}", k - 1)
                };
                format!(
                    r#"{{"id":"c{k}","per_period":true,
                    "formula":"IF(period=0, x{}, PREV(c{k}) * 0.5 + {before} * 0.5)"}}"#,
                    k % 500
                )
            })
            .collect();
        format!(
            r#"{{"schema":"yardstick/model@1","id":"largest","version":"1.0.0","title":"Largest",
            "horizon":{{"periods":600,"unit":"month"}},
            "inputs":[{}],"calculations":[{}],
            "outputs":[{{"id":"last","label":"Last","formula":"INDEX(c1999, 601)"}},
                       {{"id":"first","label":"First","formula":"INDEX(c0, 601)"}}],
            "scenarios":[{}]}}"#,
            inputs.join(","),
            calculations.join(","),
            scenarios.join(",")
        )
    }

    fn too_much_work(result: Result<impl std::fmt::Debug, ModelError>) -> (usize, usize, String) {
        match result {
            Err(error @ ModelError::TooMuchWork { cells, limit, .. }) => {
                (cells, limit, error.to_string())
            }
            other => panic!("expected TooMuchWork, got {other:?}"),
        }
    }

    #[test]
    fn analyses_on_the_largest_model_finish_or_refuse_before_starting() {
        let model = support::compile(&document());
        let base = model.evaluate(&model.default_inputs());
        let all_series = CALCULATIONS * CELLS_PER_SERIES;

        // Sensitivity of `last`: every input reaches every calculation from
        // its own on, three recomputes each (low, high, back to base).
        let (cells, limit, message) = too_much_work(sensitivity(
            &model,
            &base,
            &SensitivityOptions {
                output_id: "last".into(),
                percent_change: 0.1,
                use_uncertainty: true,
            },
        ));
        let expected: usize = (0..500)
            .map(|i| {
                let first = if i < 2 { 0 } else { i };
                3 * ((CALCULATIONS - first) * CELLS_PER_SERIES + 1)
            })
            .sum();
        // The widget build (no `workbench`) re-runs every step downstream
        // of an input, not only the output's closure: never fewer cells.
        if cfg!(feature = "workbench") {
            assert_eq!(cells, expected);
        } else {
            assert!(cells >= expected, "{cells} < {expected}");
        }
        assert_eq!(limit, MAX_ANALYSIS_CELLS);
        assert!(
            message.starts_with(&format!(
                "sensitivity would evaluate {cells} formula cells; the limit is {limit}"
            )),
            "{message}"
        );

        // Sensitivity of `first` re-runs only `c0` (the output's closure):
        // 2 inputs × 3 × 601 cells, and it answers for all 500 inputs. The
        // widget build counts every step downstream of each input, so it
        // refuses before starting instead.
        let first = sensitivity(
            &model,
            &base,
            &SensitivityOptions {
                output_id: "first".into(),
                percent_change: 0.1,
                use_uncertainty: false,
            },
        );
        if cfg!(feature = "workbench") {
            let (_, rows) = first.unwrap();
            assert_eq!(rows.len(), 500);
            assert!(rows[0].swing > 0.0 && rows[2].swing == 0.0);
        } else {
            too_much_work(first);
        }

        // Goal seek on `last` would re-run every calculation up to 264 times.
        let seek = |input: &str, output: &str| {
            goal_seek(
                &model,
                &base,
                &GoalSeekOptions {
                    input_id: input.into(),
                    output_id: output.into(),
                    target: 1.2,
                    low: Some(0.0),
                    high: Some(10.0),
                    tolerance: 1e-9,
                },
            )
        };
        let (cells, _, message) = too_much_work(seek("x0", "last"));
        assert_eq!(cells, 264 * (all_series + 1));
        assert!(message.starts_with("goal seek would evaluate"), "{message}");
        // On `first` it re-runs `c0` and the output only, and finds x1 = 1.2.
        assert!(matches!(
            seek("x1", "first"),
            Ok(yardstick_core::model::analysis::GoalSeekResult::Found { .. })
        ));

        // Monte Carlo: every trial re-runs everything (and both outputs).
        let per_trial = all_series + 2;
        let options = |trials| MonteCarloOptions {
            trials,
            seed: 7,
            histogram_bins: 20,
        };
        let (cells, limit, message) =
            too_much_work(ModelMonteCarlo::new(&model, &base, options(10_000)));
        assert_eq!((cells, limit), (10_000 * per_trial, MAX_MONTE_CARLO_CELLS));
        assert!(message.ends_with("ask for fewer trials"), "{message}");
        let most = MAX_MONTE_CARLO_CELLS / per_trial;
        assert!(ModelMonteCarlo::new(&model, &base, options(most + 1)).is_err());
        let mut run = ModelMonteCarlo::new(&model, &base, options(most)).unwrap();
        assert_eq!(run.advance(&model, 1).trials_done, 1);
    }

    #[test]
    fn comparing_many_scenarios_of_the_largest_model_is_refused() {
        let model = support::compile(&with_scenarios(20));
        let (cells, limit, message) = too_much_work(scenarios(&model));
        assert_eq!(cells, 21 * (CALCULATIONS * CELLS_PER_SERIES + 2));
        assert_eq!(limit, MAX_ANALYSIS_CELLS);
        assert!(
            message.starts_with("comparing the scenarios would evaluate"),
            "{message}"
        );
    }
}

mod options {
    //! Numeric options are checked with their own names and the value as
    //! given: nothing is wrapped, truncated or relabelled.

    use super::*;
    use yardstick_core::model::analysis::{whole_number, ModelMonteCarlo, MonteCarloOptions};

    #[test]
    fn whole_numbers_refuse_fractions_nan_and_out_of_range_values_as_given() {
        assert_eq!(
            whole_number("trials", 1e6, 1, 1_000_000).unwrap(),
            1_000_000
        );
        assert_eq!(whole_number("maxTrials", 0.0, 0, 10).unwrap(), 0);
        for (value, shown) in [
            (1e12, "1000000000000"),
            (-1.0, "-1"),
            (1.5, "1.5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (0.0, "0"),
        ] {
            let message = whole_number("trials", value, 1, 1_000_000)
                .unwrap_err()
                .to_string();
            assert_eq!(
                message,
                format!("option `trials`: must be a whole number from 1 to 1000000; got {shown}")
            );
        }
    }

    #[test]
    fn monte_carlo_errors_name_the_option_at_fault() {
        let model = support::compile(&super::small_uncertain());
        let base = model.evaluate(&model.default_inputs());
        let error = |trials, histogram_bins| {
            ModelMonteCarlo::new(
                &model,
                &base,
                MonteCarloOptions {
                    trials,
                    seed: 1,
                    histogram_bins,
                },
            )
            .unwrap_err()
            .to_string()
        };
        let bins = error(100, 0);
        assert!(bins.starts_with("option `histogramBins`:"), "{bins}");
        let bins = error(100, 100_000);
        assert!(bins.starts_with("option `histogramBins`:"), "{bins}");
        let trials = error(0, 20);
        assert!(trials.starts_with("option `trials`:"), "{trials}");
    }
}

/// A small model with one uncertain input.
fn small_uncertain() -> String {
    r#"{"schema":"yardstick/model@1","id":"small","version":"1.0.0","title":"Small",
    "horizon":{"periods":3,"unit":"year"},
    "inputs":[{"id":"x","label":"X","kind":"number","default":1,
      "uncertainty":{"distribution":"uniform","min":0,"max":2}}],
    "calculations":[{"id":"c","per_period":true,"formula":"x * period"}],
    "outputs":[{"id":"total","label":"Total","formula":"SUM(c)"}]}"#
        .to_string()
}
