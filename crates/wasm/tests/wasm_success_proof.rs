//! wasm-bindgen tests of `SuccessPortfolio.proof`, `useSuggestedWeights`
//! and `team` (the `success` build), in Node and headless Chromium: each
//! equals the core's own report on a table the test builds on the dates
//! the core names (`proof_dates`, `team_dates`); a weight change re-runs
//! the proof from the re-summed table; the suggestion goes into the
//! settings in force; too little history is `not-enough-evidence`.
//! Beside wasm_success.rs (already past the project's file size) and
//! refusing to build without the `success` feature rather than run nothing.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

#[cfg(not(feature = "success"))]
compile_error!("the success wasm tests need the `success` feature: --features success");

mod support;
use support::get;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::SuccessPortfolio;
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::success::data::SuccessData;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
use yardstick_core::success::demo_settings::demo_settings;
use yardstick_core::success::evidence_dates::DateGrid;
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::prove::{prove, ProofReport, ProveOptions};
use yardstick_core::success::prove_observations::proof_dates;
use yardstick_core::success::settings::SuccessSettings;
use yardstick_core::success::settings_write::settings_to_node;
use yardstick_core::success::signal_index::SignalIndex;
use yardstick_core::success::team::{team_dates, team_view, PlayCompletion};

const EXAMPLE: &str = include_str!("../../../tests/data/success/example.json");

fn items(value: &JsValue) -> Vec<JsValue> {
    value.clone().dyn_into::<Array>().unwrap().iter().collect()
}

fn number(value: &JsValue, key: &str) -> Option<f64> {
    get(value, key).as_f64()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

fn settings_text(settings: &SuccessSettings) -> String {
    canonical_json(&settings_to_node(settings))
}

/// The demo (`accounts` accounts) as the core's tree.
fn demo(accounts: usize) -> Node {
    demo_portfolio(DemoOptions {
        accounts,
        ..DemoOptions::default()
    })
}

/// The portfolio's snapshot dates.
fn snapshots(portfolio: &SuccessPortfolio) -> Vec<Date> {
    items(&portfolio.snapshots())
        .iter()
        .map(|d| Date::parse(&d.as_string().unwrap()).unwrap())
        .collect()
}

/// The core's report as of `date`: the renewals dated up to it, on a
/// table built on the proof's dates alone.
fn core_report(
    data: &SuccessData,
    settings: &SuccessSettings,
    table: &HealthTable,
    date: Date,
) -> ProofReport {
    let mut known = data.clone();
    known.renewals.retain(|r| r.date <= date);
    let options = ProveOptions {
        settings: settings.proof,
        firth: false,
        grid: Default::default(),
    };
    prove(&known, table, &options).unwrap()
}

/// Every figure of the view against the core's report.
fn assert_same(view: &JsValue, report: &ProofReport) {
    assert_eq!(
        number(view, "observations"),
        Some(report.observations as f64)
    );
    assert_eq!(number(view, "churned"), Some(report.churned as f64));
    let skipped = report.skipped_without_score as f64;
    assert_eq!(number(view, "skippedWithoutScore"), Some(skipped));
    let auc = get(view, "auc");
    assert_eq!(number(&auc, "auc"), Some(report.auc.auc));
    assert_eq!(
        number(&auc, "standardError"),
        Some(report.auc.standard_error)
    );
    let roc = items(&get(view, "roc"));
    assert_eq!(roc.len(), report.roc.len());
    for (shown, point) in roc.iter().zip(&report.roc) {
        assert_eq!(number(shown, "threshold"), point.churn_if_score_at_most);
        let tpr = number(shown, "truePositiveRate");
        assert_eq!(tpr, Some(point.true_positive_rate));
    }
    let grades = items(&get(view, "grades"));
    for (shown, (grade, churn)) in grades.iter().zip(&report.by_grade) {
        assert_eq!(text(shown, "grade").as_deref(), Some(grade.as_str()));
        assert_eq!(number(shown, "churned"), Some(churn.churned as f64));
        assert_eq!(number(shown, "low"), churn.churn_rate.map(|r| r.low));
        assert_eq!(number(shown, "high"), churn.churn_rate.map(|r| r.high));
    }
    let measures = items(&get(view, "measures"));
    assert_eq!(measures.len(), report.measures.len());
    for (shown, measure) in measures.iter().zip(&report.measures) {
        assert_eq!(
            text(shown, "id").as_deref(),
            Some(measure.measure.id.as_str())
        );
        let iv = measure.binning.information_value;
        assert_eq!(number(shown, "informationValue"), Some(iv));
        let bands = items(&get(shown, "bands"));
        assert_eq!(bands.len(), measure.binning.bands.len());
        for (band, expected) in bands.iter().zip(&measure.binning.bands) {
            let woe = number(band, "weightOfEvidence");
            assert_eq!(woe, Some(expected.weight_of_evidence));
        }
    }
    let suggestion = report.suggestion.as_ref().unwrap();
    let weights = items(&get(&get(view, "suggestion"), "weights"));
    for (column, shown) in weights.iter().enumerate() {
        let suggested = suggestion.suggested.weights[column];
        assert_eq!(number(shown, "suggested"), Some(suggested));
        assert_eq!(number(shown, "today"), Some(suggestion.today[column]));
    }
    let backtest = report.backtest.as_ref().unwrap();
    let shown = get(view, "backtest");
    assert_eq!(
        number(&shown, "meanTodayAuc"),
        Some(backtest.mean_today_auc)
    );
    let fitted = number(&shown, "meanFittedAuc");
    assert_eq!(fitted, Some(backtest.mean_fitted_auc));
    assert_eq!(items(&get(&shown, "folds")).len(), backtest.folds.len());
}

#[wasm_bindgen_test]
fn the_proof_equals_the_cores_report_on_the_proof_dates() {
    let node = demo(400);
    let settings = demo_settings();
    let mut portfolio = SuccessPortfolio::new(
        JsValue::from_str(&canonical_json(&node)),
        Some(settings_text(&settings)),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let dates = snapshots(&portfolio);
    let data = read_data(&node).unwrap();
    let index = SignalIndex::new(&data);
    let days = settings.proof.days_before_renewal;
    let on = proof_dates(&data, days, &dates);
    let table = HealthTable::build(&data, &index, &settings, &on).unwrap();
    let last = *dates.last().unwrap();
    let view = portfolio.proof(None).unwrap();
    assert_eq!(text(&view, "asOf"), Some(last.to_string()));
    // The demo's renewal days fit the table: each read on its own day.
    assert_eq!(number(&view, "gridDays"), Some(1.0));
    let report = core_report(&data, &settings, &table, last);
    assert!(report.observations > 100, "{}", report.observations);
    assert_same(&view, &report);
    // A year earlier: only the renewals that had come due by then.
    let earlier = dates[dates.len() - 13];
    let view = portfolio.proof(Some(earlier.to_string())).unwrap();
    let report_then = core_report(&data, &settings, &table, earlier);
    assert!(report_then.observations < report.observations);
    assert_same(&view, &report_then);
}

#[wasm_bindgen_test]
fn a_weight_change_reruns_the_proof_from_the_rescored_table() {
    let node = demo(400);
    let settings = demo_settings();
    let mut portfolio = SuccessPortfolio::new(
        JsValue::from_str(&canonical_json(&node)),
        Some(settings_text(&settings)),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let before = number(&get(&portfolio.proof(None).unwrap(), "auc"), "auc");
    // Renewals are scored 90 days before, inside the pre-renewal stage.
    portfolio
        .set_weight(JsValue::from_str("pre_renewal"), "open_tickets", 9.0)
        .unwrap();
    let view = portfolio.proof(None).unwrap();
    let dates = snapshots(&portfolio);
    let data = read_data(&node).unwrap();
    let index = SignalIndex::new(&data);
    let on = proof_dates(&data, settings.proof.days_before_renewal, &dates);
    let mut table = HealthTable::build(&data, &index, &settings, &on).unwrap();
    let mut weights: Vec<Vec<f64>> = settings
        .scorecards
        .iter()
        .map(|card| card.measures.iter().map(|m| m.weight).collect())
        .collect();
    let card = settings
        .scorecards
        .iter()
        .position(|c| c.stage.as_str() == "pre_renewal" && c.segment.is_none())
        .unwrap();
    let measure = settings.scorecards[card]
        .measures
        .iter()
        .position(|m| m.id == "open_tickets")
        .unwrap();
    weights[card][measure] = 9.0;
    table.rescore_weights(&weights).unwrap();
    let report = core_report(&data, &settings, &table, *dates.last().unwrap());
    assert_same(&view, &report);
    assert_ne!(
        number(&get(&view, "auc"), "auc"),
        before,
        "the weight moved the AUC"
    );

    // The suggestion goes into every scorecard as share × 100 to 0.1.
    let suggestion = report.suggestion.unwrap();
    portfolio.use_suggested_weights(None).unwrap();
    let cards = items(&get(&portfolio.settings(), "scorecards"));
    let mut checked = 0;
    for card in &cards {
        for shown in items(&get(card, "measures")) {
            let id = text(&shown, "id").unwrap();
            let column = suggestion
                .measure_ids
                .iter()
                .position(|m| *m == id)
                .unwrap();
            let wanted = (suggestion.suggested.weights[column] * 1000.0).round() / 10.0;
            assert_eq!(number(&shown, "weight"), Some(wanted), "{id}");
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked}");
}

#[wasm_bindgen_test]
fn too_little_history_is_not_enough_evidence() {
    let mut portfolio = SuccessPortfolio::new(
        JsValue::from_str(EXAMPLE),
        None,
        js_sys::JSON::parse(r#"{"to": "2025-12-31"}"#).unwrap(),
    )
    .unwrap();
    let error: JsValue = portfolio.proof(None).err().unwrap().into();
    assert_eq!(text(&error, "code").as_deref(), Some("not-enough-evidence"));
    let error: JsValue = portfolio.use_suggested_weights(None).err().unwrap().into();
    assert_eq!(text(&error, "code").as_deref(), Some("not-enough-evidence"));
    let error: JsValue = portfolio
        .proof(Some("2020-01-01".into()))
        .err()
        .unwrap()
        .into();
    assert_eq!(text(&error, "code").as_deref(), Some("invalid-as-of"));
}

/// The demo with play rows: five completions for each of the first
/// accounts, months apart.
fn demo_with_plays(accounts: usize) -> Node {
    let mut node = demo(accounts);
    let ids: Vec<String> = match node.get("accounts") {
        Some(Node::List(list)) => list
            .iter()
            .filter_map(|a| match a.get("id") {
                Some(Node::Text(id)) => Some(id.clone()),
                _ => None,
            })
            .take(12)
            .collect(),
        _ => panic!("the demo has accounts"),
    };
    let mut plays = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        for month in [1, 3, 5, 7, 9] {
            let date = format!("2025-{:02}-{:02}", (month + n) % 12 + 1, 10 + n);
            plays.push(Node::Map(vec![
                ("account".into(), Node::Text(id.clone())),
                ("play".into(), Node::Text("rescue".into())),
                ("date".into(), Node::Text(date)),
            ]));
        }
    }
    if let Node::Map(entries) = &mut node {
        entries.retain(|(key, _)| key != "plays");
        entries.push(("plays".into(), Node::List(plays)));
    }
    node
}

#[wasm_bindgen_test]
fn the_team_equals_the_cores_team_view() {
    let node = demo_with_plays(80);
    let settings = demo_settings();
    let mut portfolio = SuccessPortfolio::new(
        JsValue::from_str(&canonical_json(&node)),
        Some(settings_text(&settings)),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let data = read_data(&node).unwrap();
    assert_eq!(data.plays.len(), 60);
    let completions: Vec<PlayCompletion> = data
        .plays
        .iter()
        .map(|p| PlayCompletion {
            account: p.account.clone(),
            completed: p.date,
        })
        .collect();
    let days = settings.play_follow_up_days;
    let dates = snapshots(&portfolio);
    let index = SignalIndex::new(&data);
    let on = team_dates(&completions, days, &dates);
    let table = HealthTable::build(&data, &index, &settings, &on).unwrap();
    // Without its signals the data reaches no signal milestone: the view
    // must have them back from the index to equal the core's.
    let mut bare = data.clone();
    bare.signals.clear();
    let mut signals_matter = false;
    for as_of in [dates[dates.len() - 1], dates[12]] {
        let view = portfolio.team(Some(as_of.to_string())).unwrap();
        assert_eq!(number(&view, "followUpDays"), Some(f64::from(days)));
        let owners = team_view(
            &data,
            &settings,
            &table,
            &completions,
            days,
            as_of,
            DateGrid::EXACT,
        );
        let without = team_view(
            &bare,
            &settings,
            &table,
            &completions,
            days,
            as_of,
            DateGrid::EXACT,
        );
        signals_matter |= without != owners;
        let shown = items(&get(&view, "owners"));
        assert_eq!(shown.len(), owners.len());
        let mut with_change = 0;
        for (entry, figures) in shown.iter().zip(&owners) {
            assert_eq!(text(entry, "owner"), figures.owner);
            let count = |key: &str| number(entry, key).map(|n| n as usize);
            assert_eq!(count("accounts"), Some(figures.accounts));
            assert_eq!(count("churned"), Some(figures.churned));
            assert_eq!(count("outcomes"), Some(figures.outcomes));
            assert_eq!(count("outcomesAchieved"), Some(figures.outcomes_achieved));
            assert_eq!(count("outcomesOnTrack"), Some(figures.outcomes_on_track));
            assert_eq!(count("successPlans"), Some(figures.success_plans));
            assert_eq!(count("milestonesOnTime"), Some(figures.milestones_on_time));
            assert_eq!(count("milestonesDue"), Some(figures.milestones_due));
            assert_eq!(count("playsCompleted"), Some(figures.plays_completed));
            assert_eq!(count("playsWithChange"), Some(figures.plays_with_change));
            let change = number(entry, "meanHealthChange");
            assert_eq!(change, figures.mean_health_change);
            let median = number(entry, "medianDaysToFirstValue");
            assert_eq!(median, figures.median_days_to_first_value);
            let values = items(&get(entry, "annualValue"));
            assert_eq!(values.len(), figures.annual_value.len());
            for (value, (currency, total)) in values.iter().zip(&figures.annual_value) {
                assert_eq!(text(value, "currency").as_ref(), Some(currency));
                assert_eq!(number(value, "value"), Some(*total));
            }
            with_change += figures.plays_with_change;
        }
        if as_of == dates[dates.len() - 1] {
            assert!(
                with_change > 10,
                "the plays' changes were read: {with_change}"
            );
        }
    }
    assert!(
        signals_matter,
        "some signal milestone counts on these dates"
    );
}
