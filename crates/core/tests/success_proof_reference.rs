//! The health-score proof statistics (`success::proof`) checked against
//! values computed independently: scikit-learn's `roc_auc_score` and
//! `roc_curve`, statsmodels' Wilson intervals and `Logit`, scikit-learn's
//! L2 `LogisticRegression`, pandas band counts and numpy lift tables, in
//! `tests/data/success-proof/*.json` (each file's header names its source,
//! versions and command; `make_reference.py` there produced them).
//!
//! Counts and rank statistics agree to 1e-12, everything computed in
//! closed form to 1e-9, and the unpenalised fit (statsmodels' Newton, like
//! ours) to 1e-9. The penalised fits agree to 1e-7 relative: scikit-learn's
//! L-BFGS stops on its own tolerance (1e-12 on the projected gradient) and
//! lands about 5e-10 from our Newton optimum, which is not a statement
//! about either to 1e-9. Firth's fit is compared with scipy's BFGS on the
//! same objective (stopped at a gradient below 1e-9) to 1e-9.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use serde_json::Value;
use yardstick_core::success::proof::{
    auc, backtest, churn_by_grade, decile_lift, fit_firth, fit_logistic, quantile_edges, roc_curve,
    weight_of_evidence, wilson_interval, BacktestOptions, LogisticOptions, Z_95,
};

fn load(name: &str) -> Value {
    let text = match name {
        "small" => include_str!("../../../tests/data/success-proof/small.json"),
        "firth" => include_str!("../../../tests/data/success-proof/firth.json"),
        _ => include_str!("../../../tests/data/success-proof/synthetic.json"),
    };
    serde_json::from_str(text).unwrap()
}

fn floats(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

fn options(value: &Value) -> Vec<Option<f64>> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(Value::as_f64)
        .collect()
}

fn bools(value: &Value) -> Vec<bool> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_bool().unwrap())
        .collect()
}

fn usizes(value: &Value) -> Vec<usize> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

fn measures(value: &Value) -> Vec<Vec<f64>> {
    value.as_array().unwrap().iter().map(floats).collect()
}

/// |actual − expected| ≤ tolerance · max(1, |expected|).
fn close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance * expected.abs().max(1.0),
        "{what}: {actual} vs reference {expected}"
    );
}

fn close_all(actual: &[f64], expected: &[f64], tolerance: f64, what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: lengths");
    for (index, (a, e)) in actual.iter().zip(expected).enumerate() {
        close(*a, *e, tolerance, &format!("{what}[{index}]"));
    }
}

fn check_auc_and_roc(data: &Value, scores: &[f64]) {
    let churned = bools(&data["churned"]);
    let report = auc(scores, &churned).unwrap();
    close(report.auc, data["auc"].as_f64().unwrap(), 1e-12, "auc");
    close(
        report.standard_error,
        data["standard_error"].as_f64().unwrap(),
        1e-9,
        "se",
    );
    let points = roc_curve(scores, &churned, 100_000).unwrap();
    let roc = &data["roc"];
    let fpr: Vec<f64> = points.iter().map(|p| p.false_positive_rate).collect();
    let tpr: Vec<f64> = points.iter().map(|p| p.true_positive_rate).collect();
    let at_most: Vec<Option<f64>> = points.iter().map(|p| p.churn_if_score_at_most).collect();
    close_all(&fpr, &floats(&roc["false_positive_rate"]), 1e-12, "fpr");
    close_all(&tpr, &floats(&roc["true_positive_rate"]), 1e-12, "tpr");
    assert_eq!(at_most, options(&roc["churn_if_score_at_most"]));
}

fn check_woe(values: &[Option<f64>], churned: &[bool], expected: &Value) {
    let edges = floats(&expected["edges"]);
    let report = weight_of_evidence(values, churned, &edges).unwrap();
    let churned_cells: Vec<usize> = report.bands.iter().map(|b| b.churned).collect();
    let renewed_cells: Vec<usize> = report.bands.iter().map(|b| b.renewed).collect();
    assert_eq!(churned_cells, usizes(&expected["churned"]));
    assert_eq!(renewed_cells, usizes(&expected["renewed"]));
    let woe: Vec<f64> = report.bands.iter().map(|b| b.weight_of_evidence).collect();
    let terms: Vec<f64> = report.bands.iter().map(|b| b.information_value).collect();
    close_all(&woe, &floats(&expected["weight_of_evidence"]), 1e-9, "woe");
    close_all(
        &terms,
        &floats(&expected["information_value_terms"]),
        1e-9,
        "iv terms",
    );
    close(
        report.information_value,
        expected["information_value"].as_f64().unwrap(),
        1e-9,
        "iv",
    );
}

fn check_lift(scores: &[f64], churned: &[bool], expected: &Value) {
    let groups = expected["groups"].as_u64().unwrap() as usize;
    let report = decile_lift(scores, churned, groups).unwrap();
    close(
        report.overall_churn_rate.unwrap(),
        expected["overall_churn_rate"].as_f64().unwrap(),
        1e-12,
        "overall rate",
    );
    let rows = expected["rows"].as_array().unwrap();
    assert_eq!(report.groups.len(), rows.len());
    for (group, row) in report.groups.iter().zip(rows) {
        assert_eq!(
            group.observations as u64,
            row["observations"].as_u64().unwrap()
        );
        assert_eq!(group.churned as u64, row["churned"].as_u64().unwrap());
        close(
            group.churn_rate.unwrap(),
            row["churn_rate"].as_f64().unwrap(),
            1e-12,
            "rate",
        );
        close(
            group.lift.unwrap(),
            row["lift"].as_f64().unwrap(),
            1e-12,
            "lift",
        );
        let captured = row["captured_share"].as_f64().unwrap();
        close(group.captured_share.unwrap(), captured, 1e-12, "captured");
    }
}

#[test]
fn small_dataset_with_ties_matches_the_references() {
    let data = load("small");
    let scores = floats(&data["scores"]);
    let churned = bools(&data["churned"]);
    check_auc_and_roc(&data, &scores);
    check_lift(&scores, &churned, &data["lift"]);
    let measure = options(&data["measure"]);
    check_woe(&measure, &churned, &data["woe_given_edges"]);
    let bands = data["quantile_bands"].as_u64().unwrap() as usize;
    let edges = quantile_edges(&measure, bands).unwrap();
    assert_eq!(edges, floats(&data["woe_quantile_edges"]["edges"]));
    check_woe(&measure, &churned, &data["woe_quantile_edges"]);
}

#[test]
fn wilson_intervals_match_statsmodels() {
    let data = load("small");
    for row in data["wilson"].as_array().unwrap() {
        let (successes, trials) = (
            row["successes"].as_u64().unwrap(),
            row["trials"].as_u64().unwrap(),
        );
        let interval = wilson_interval(successes, trials, Z_95).unwrap();
        let what = format!("{successes}/{trials}");
        close(interval.rate, row["rate"].as_f64().unwrap(), 1e-12, &what);
        close(interval.low, row["low"].as_f64().unwrap(), 1e-9, &what);
        close(interval.high, row["high"].as_f64().unwrap(), 1e-9, &what);
    }
    let grades = usizes(&data["grades"]);
    let per_grade = churn_by_grade(&grades, &bools(&data["churned"]), 3, Z_95).unwrap();
    for (grade, row) in per_grade
        .iter()
        .zip(data["grade_churn"].as_array().unwrap())
    {
        assert_eq!(grade.churned as u64, row["successes"].as_u64().unwrap());
        assert_eq!(grade.observations as u64, row["trials"].as_u64().unwrap());
        let interval = grade.churn_rate.unwrap();
        close(
            interval.low,
            row["low"].as_f64().unwrap(),
            1e-9,
            "grade low",
        );
        close(
            interval.high,
            row["high"].as_f64().unwrap(),
            1e-9,
            "grade high",
        );
    }
}

#[test]
fn synthetic_auc_woe_and_lift_match_the_references() {
    let data = load("synthetic");
    let today = floats(&data["today_scores"]);
    let churned = bools(&data["churned"]);
    check_auc_and_roc(&data, &today);
    check_lift(&today, &churned, &data["lift"]);
    let support = options(&data["support_with_missing"]);
    let bands = data["quantile_bands"].as_u64().unwrap() as usize;
    let edges = quantile_edges(&support, bands).unwrap();
    assert_eq!(edges, floats(&data["woe_quantile_edges"]["edges"]));
    check_woe(&support, &churned, &data["woe_quantile_edges"]);
    let usage: Vec<Option<f64>> = measures(&data["measures"])[0]
        .iter()
        .map(|&v| Some(v))
        .collect();
    check_woe(&usage, &churned, &data["woe_usage_given_edges"]);
}

fn check_fit(data: &Value, expected: &Value, tolerance: f64) {
    let fit = fit_logistic(
        &measures(&data["measures"]),
        &bools(&data["churned"]),
        &LogisticOptions {
            penalty: expected["penalty"].as_f64().unwrap(),
            ..LogisticOptions::default()
        },
    )
    .unwrap();
    let what = format!("penalty {}", expected["penalty"]);
    close(
        fit.intercept,
        expected["intercept"].as_f64().unwrap(),
        tolerance,
        &what,
    );
    close_all(
        &fit.coefficients,
        &floats(&expected["coefficients"]),
        tolerance,
        &what,
    );
    close(
        fit.standardized_intercept,
        expected["standardized_intercept"].as_f64().unwrap(),
        tolerance,
        &what,
    );
    close_all(
        &fit.standardized_coefficients,
        &floats(&expected["standardized_coefficients"]),
        tolerance,
        &what,
    );
}

#[test]
fn logistic_fits_match_statsmodels_and_scikit_learn() {
    let data = load("synthetic");
    let unpenalised = &data["logistic_unpenalised"];
    check_fit(&data, unpenalised, 1e-9);
    for penalised in data["logistic_penalised"].as_array().unwrap() {
        check_fit(&data, penalised, 1e-7);
    }
    // The unpenalised fit's log-likelihood, and the raw-scale fit agreeing
    // with the standardised one mapped back (the MLE does not depend on
    // the scale).
    let fit = fit_logistic(
        &measures(&data["measures"]),
        &bools(&data["churned"]),
        &LogisticOptions {
            penalty: 0.0,
            ..LogisticOptions::default()
        },
    )
    .unwrap();
    close(
        fit.log_likelihood,
        unpenalised["log_likelihood"].as_f64().unwrap(),
        1e-9,
        "llf",
    );
    close_all(
        &fit.coefficients,
        &floats(&unpenalised["raw_scale_coefficients"]),
        1e-9,
        "raw",
    );
}

#[test]
fn backtest_matches_the_reimplemented_folds_and_scikit_learn() {
    let data = load("synthetic");
    let expected = &data["backtest"];
    let report = backtest(
        &measures(&data["measures"]),
        &floats(&data["today_scores"]),
        &bools(&data["churned"]),
        &BacktestOptions {
            folds: expected["folds"].as_u64().unwrap() as usize,
            seed: expected["seed"].as_u64().unwrap(),
            fit: LogisticOptions {
                penalty: expected["penalty"].as_f64().unwrap(),
                ..LogisticOptions::default()
            },
        },
    )
    .unwrap();
    assert_eq!(
        report.fold_of_observation,
        usizes(&expected["fold_of_observation"])
    );
    let rows = expected["rows"].as_array().unwrap();
    assert_eq!(report.folds.len(), rows.len());
    for (fold, row) in report.folds.iter().zip(rows) {
        assert_eq!(
            fold.observations as u64,
            row["observations"].as_u64().unwrap()
        );
        assert_eq!(fold.churned as u64, row["churned"].as_u64().unwrap());
        close(
            fold.today_auc,
            row["today_auc"].as_f64().unwrap(),
            1e-12,
            "fold today",
        );
        // Rank-based: the fitted scores' order matches unless two held-out
        // scores lie within the fits' 1e-7 difference of each other.
        close(
            fold.fitted_auc,
            row["fitted_auc"].as_f64().unwrap(),
            1e-12,
            "fold fitted",
        );
    }
    close(
        report.pooled_today_auc,
        expected["pooled_today_auc"].as_f64().unwrap(),
        1e-12,
        "pooled today",
    );
    close(
        report.pooled_fitted_auc,
        expected["pooled_fitted_auc"].as_f64().unwrap(),
        1e-12,
        "pooled fitted",
    );
}

#[test]
fn firth_fits_match_scipy_on_the_same_objective() {
    let data = load("firth");
    let options = LogisticOptions {
        penalty: 0.0,
        ..LogisticOptions::default()
    };
    let synthetic = load("synthetic");
    let cases = [
        (
            measures(&data["separated"]["measures"]),
            bools(&data["separated"]["churned"]),
            &data["separated"]["fit"],
        ),
        (
            measures(&synthetic["measures"]),
            bools(&synthetic["churned"]),
            &data["synthetic_fit"],
        ),
    ];
    for (columns, churned, expected) in cases {
        let fit = fit_firth(&columns, &churned, &options).unwrap();
        close(
            fit.intercept,
            expected["intercept"].as_f64().unwrap(),
            1e-7,
            "firth b0",
        );
        close_all(
            &fit.coefficients,
            &floats(&expected["coefficients"]),
            1e-7,
            "firth",
        );
        close_all(
            &fit.standardized_coefficients,
            &floats(&expected["standardized_coefficients"]),
            1e-9,
            "firth standardised",
        );
    }
    // Plain maximum likelihood has no answer on the separated set.
    let separated = fit_logistic(
        &measures(&data["separated"]["measures"]),
        &bools(&data["separated"]["churned"]),
        &options,
    );
    assert!(separated.is_err(), "{separated:?}");
}
