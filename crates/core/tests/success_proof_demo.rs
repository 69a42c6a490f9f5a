//! The proof of a health score on the seeded demo portfolio
//! (`success::demo`), whose churn is driven by planted signals while
//! other signals are noise: with the default proof settings the proof
//! must rank every planted signal's information value above every noise
//! signal's, and the weights it suggests must beat uniform weights (every
//! measure weighted the same) out of fold.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use yardstick_core::success::data::SuccessData;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions, NOISE_METRICS, PLANTED_METRICS};
use yardstick_core::success::demo_settings::demo_settings;
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::prove::{prove, ProofReport, ProveOptions};
use yardstick_core::success::prove_observations::proof_dates;
use yardstick_core::success::settings::{ProofSettings, SuccessSettings};
use yardstick_core::success::signal_index::SignalIndex;

/// The demo's data and settings, and a table on the demo's monthly
/// snapshots merged with every renewal date − N days.
fn demo_table() -> (SuccessData, SuccessSettings, HealthTable) {
    let options = DemoOptions::default();
    let data = read_data(&demo_portfolio(options)).expect("the demo reads");
    let mut settings = demo_settings();
    settings.proof = ProofSettings::default();
    let (year, month) = options.first_month;
    let first = Date::from_ymd(year, month, 1).unwrap();
    let monthly: Vec<Date> = (0..i64::from(options.months))
        .filter_map(|offset| first.plus_months(offset))
        .collect();
    let dates = proof_dates(&data, settings.proof.days_before_renewal, &monthly);
    let index = SignalIndex::new(&data);
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("the table");
    (data, settings, table)
}

fn information_value(report: &ProofReport, id: &str) -> f64 {
    report
        .measures
        .iter()
        .find(|evidence| evidence.measure.id == id)
        .unwrap_or_else(|| panic!("no measure {id}"))
        .binning
        .information_value
}

#[test]
fn every_planted_signal_ranks_above_every_noise_signal() {
    let (data, settings, table) = demo_table();
    let options = ProveOptions {
        settings: settings.proof,
        firth: false,
        grid: Default::default(),
    };
    let report = prove(&data, &table, &options).expect("the proof");
    assert!(report.churned >= 50 && report.renewed >= 200, "{report:?}");
    let lowest_planted = PLANTED_METRICS
        .iter()
        .map(|id| information_value(&report, id))
        .fold(f64::INFINITY, f64::min);
    let highest_noise = NOISE_METRICS
        .iter()
        .map(|id| information_value(&report, id))
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        lowest_planted > highest_noise,
        "planted {lowest_planted} against noise {highest_noise}"
    );
    // The suggestion leans on the planted signals too.
    let suggestion = report.suggestion.as_ref().expect("suggested weights");
    let weight = |id: &str| {
        let at = suggestion.measure_ids.iter().position(|m| m == id).unwrap();
        suggestion.suggested.weights[at]
    };
    let planted: f64 = PLANTED_METRICS.iter().map(|id| weight(id)).sum();
    let noise: f64 = NOISE_METRICS.iter().map(|id| weight(id)).sum();
    assert!(planted > noise, "planted {planted}, noise {noise}");
}

#[test]
fn the_suggested_weights_beat_uniform_weights_out_of_fold() {
    let (data, settings, mut table) = demo_table();
    let options = ProveOptions {
        settings: settings.proof,
        firth: false,
        grid: Default::default(),
    };
    let suggested = prove(&data, &table, &options).expect("the proof");
    let suggested_auc = suggested
        .backtest
        .as_ref()
        .expect("backtest")
        .mean_fitted_auc;
    let uniform: Vec<Vec<f64>> = table
        .scorecards()
        .iter()
        .map(|card| vec![1.0; card.measures.len()])
        .collect();
    table.rescore_weights(&uniform).expect("uniform weights");
    let uniform_report = prove(&data, &table, &options).expect("the proof, uniform");
    let uniform_backtest = uniform_report.backtest.as_ref().expect("backtest");
    // Same renewals, same seed: the same folds.
    assert_eq!(
        uniform_backtest.fold_of_observation,
        suggested.backtest.as_ref().unwrap().fold_of_observation
    );
    assert!(
        suggested_auc > uniform_backtest.mean_today_auc,
        "suggested {suggested_auc} against uniform {}",
        uniform_backtest.mean_today_auc
    );
}
