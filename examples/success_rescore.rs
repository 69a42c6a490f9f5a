//! Times health scoring of a large portfolio (docs/success.md, "Health"):
//! `cargo run --release -p yardstick-core --example success_rescore -- [accounts]`.
//!
//! The seeded demo portfolio (10,000 accounts by default, 24 months), its
//! six metrics doubled into twelve (each copied under a second id with a
//! transformed value), scored by a twelve-measure scorecard per stage on
//! 24 monthly snapshots. Prints the median of several runs of: indexing
//! the signals, building the table, a weight change and a rule change.

use std::time::{Duration, Instant};
use yardstick_core::scoring::ScoringRule;
use yardstick_core::success::data::{Signal, SuccessData};
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions, NOISE_METRICS, PLANTED_METRICS};
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::settings::{HealthMeasure, HealthSource, SuccessSettings};
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::signal_index::SignalIndex;

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The median time of `RUNS` runs and the last run's result.
fn time<T, E: std::fmt::Debug>(
    mut run: impl FnMut() -> Result<T, E>,
) -> Result<(Duration, T), String> {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(run().map_err(|error| format!("{error:?}"))?);
        times.push(start.elapsed());
    }
    let last = last.ok_or("no run")?;
    Ok((median(times), last))
}

/// The demo's signals plus a second metric per metric (`<id>_b`).
fn twelve_metrics(mut data: SuccessData) -> (SuccessData, Vec<String>) {
    let copies: Vec<Signal> = data
        .signals
        .iter()
        .map(|signal| Signal {
            metric: format!("{}_b", signal.metric),
            value: signal.value * 0.9 + 0.05,
            ..signal.clone()
        })
        .collect();
    data.signals.extend(copies);
    let mut metrics: Vec<String> = Vec::new();
    for metric in PLANTED_METRICS.iter().chain(NOISE_METRICS.iter()) {
        metrics.push(metric.to_string());
        metrics.push(format!("{metric}_b"));
    }
    (data, metrics)
}

fn settings(metrics: &[String]) -> SuccessSettings {
    let mut settings = default_settings();
    for card in &mut settings.scorecards {
        card.measures = metrics
            .iter()
            .enumerate()
            .map(|(position, metric)| HealthMeasure {
                id: metric.clone(),
                label: metric.clone(),
                source: HealthSource::Metric(metric.clone()),
                weight: 1.0 + position as f64,
                rule: ScoringRule::Linear {
                    worst: 0.0,
                    best: 1.0,
                },
                tighten_per_month: (position == 0).then_some(0.01),
            })
            .collect();
    }
    settings
}

fn main() -> Result<(), String> {
    let accounts = std::env::args()
        .nth(1)
        .and_then(|text| text.parse().ok())
        .unwrap_or(10_000);
    let options = DemoOptions {
        accounts,
        months: 24,
        ..DemoOptions::default()
    };
    let data = read_data(&demo_portfolio(options)).map_err(|problems| format!("{problems:?}"))?;
    let (data, metrics) = twelve_metrics(data);
    let settings = settings(&metrics);
    let first = Date::from_ymd(2025, 1, 1).ok_or("a date")?;
    let dates: Vec<Date> = (0..24)
        .filter_map(|month| first.plus_months(month))
        .collect();
    println!(
        "{} accounts, {} signals, {} snapshots, {} measures per scorecard; median of {RUNS} runs",
        data.accounts.len(),
        data.signals.len(),
        dates.len(),
        metrics.len()
    );
    let (index_time, index) = time(|| Ok::<_, String>(SignalIndex::new(&data)))?;
    let (build_time, mut table) = time(|| HealthTable::build(&data, &index, &settings, &dates))?;
    let weights: Vec<Vec<f64>> = settings
        .scorecards
        .iter()
        .map(|card| card.measures.iter().map(|m| 13.0 - m.weight).collect())
        .collect();
    let (weight_time, _) = time(|| table.rescore_weights(&weights))?;
    let rule = ScoringRule::Linear {
        worst: 0.1,
        best: 0.8,
    };
    let (rule_time, _) = time(|| table.rescore_measure(0, 1, rule.clone()))?;
    let scored = (0..table.account_count())
        .flat_map(|row| (0..dates.len()).map(move |snapshot| (row, snapshot)))
        .filter(|(row, snapshot)| {
            table
                .cell(*row, *snapshot)
                .is_some_and(|cell| cell.score.is_some())
        })
        .count();
    println!("scored cells: {scored}");
    println!(
        "index the signals: {:.1} ms",
        index_time.as_secs_f64() * 1e3
    );
    println!(
        "build the table (full score): {:.1} ms",
        build_time.as_secs_f64() * 1e3
    );
    println!(
        "weight change re-score: {:.1} ms",
        weight_time.as_secs_f64() * 1e3
    );
    println!(
        "rule change re-score (one measure): {:.1} ms",
        rule_time.as_secs_f64() * 1e3
    );
    Ok(())
}
