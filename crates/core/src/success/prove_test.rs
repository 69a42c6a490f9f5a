use super::*;
use crate::success::date::Date;
use crate::success::prove_observations::ProofObservation;

fn column(id: &str, band_edges: Option<Vec<f64>>) -> MeasureColumn {
    MeasureColumn {
        id: id.to_string(),
        label: id.to_string(),
        band_edges,
    }
}

/// `count` observations: churned every `churn_every`-th; measure `a`'s
/// points follow `a_points(i)`, measure `b` is never present, measure
/// `c` only in half the observations (with weight share 0.25 there).
fn observations(
    count: usize,
    churn_every: usize,
    a_points: impl Fn(usize, bool) -> f64,
) -> ProofObservations {
    let mut rows = Vec::new();
    for i in 0..count {
        let churned = i % churn_every == 0;
        let a = a_points(i, churned);
        let has_c = i % 2 == 0;
        let c = ((i * 37) % 100) as f64;
        rows.push(ProofObservation {
            renewal: i,
            account: i,
            scored_on: Date::parse("2025-01-01").expect("date"),
            score: a,
            grade: if a >= 70.0 {
                0
            } else if a >= 40.0 {
                1
            } else {
                2
            },
            churned,
            values: vec![Some(a / 100.0), None, has_c.then_some(c)],
            points: vec![Some(a), None, has_c.then_some(c)],
            weight_shares: if has_c {
                vec![0.75, 0.0, 0.25]
            } else {
                vec![1.0, 0.0, 0.0]
            },
        });
    }
    ProofObservations {
        measures: vec![
            column("a", Some(vec![0.4, 0.7])),
            column("b", None),
            column("c", None),
        ],
        observations: rows,
        skipped_without_score: 3,
        skipped_not_in_table: 1,
    }
}

fn options(penalty: f64, firth: bool) -> ProveOptions {
    ProveOptions {
        settings: ProofSettings {
            penalty,
            ..ProofSettings::default()
        },
        firth,
        grid: DateGrid::EXACT,
    }
}

/// Noisy: churn goes with low points of `a`, with overlap.
fn noisy(i: usize, churned: bool) -> f64 {
    let base = if churned { 30.0 } else { 60.0 };
    base + ((i * 53) % 41) as f64
}

#[test]
fn too_few_churned_for_the_folds_is_not_enough_evidence() {
    let found = observations(40, 10, noisy);
    let error = prove_built(&found, &options(1.0, false)).unwrap_err();
    assert_eq!(
        error,
        ProofError::TooFewForFolds {
            folds: 5,
            churned: 4,
            renewed: 36
        }
    );
}

#[test]
fn the_report_counts_grades_bands_and_skips() {
    let found = observations(100, 4, noisy);
    let report = prove_built(&found, &options(1.0, false)).expect("a report");
    assert_eq!(
        (report.observations, report.churned, report.renewed),
        (100, 25, 75)
    );
    assert_eq!(
        (report.skipped_without_score, report.skipped_not_in_table),
        (3, 1)
    );
    let graded: usize = report.by_grade.iter().map(|(_, g)| g.observations).sum();
    assert_eq!(graded, 100);
    assert!(report.auc.auc > 0.8, "{:?}", report.auc);
    assert!(report.roc.len() <= ROC_POINTS);
    // The banded measure uses its rule's two edges: three value bands.
    let a = &report.measures[0];
    assert_eq!(a.binning.bands.len(), 3);
    // `b` is missing everywhere: an empty value band and the missing
    // band, with next to no information (the 0.5 smoothing's alone).
    let b = &report.measures[1];
    assert_eq!((b.observed, b.binning.bands.len()), (0, 2));
    assert_eq!(b.binning.bands[1].observations, 100);
    assert!(b.binning.information_value < 0.01 * a.binning.information_value);
    assert_eq!(report.measures[2].observed, 50);
    assert_eq!(report.lift.groups.len(), LIFT_GROUPS);
}

#[test]
fn a_measure_no_observation_has_stays_out_of_the_fit() {
    let found = observations(100, 4, noisy);
    let report = prove_built(&found, &options(1.0, false)).expect("a report");
    let suggestion = report.suggestion.expect("weights");
    assert_eq!(suggestion.fitted_measures, [0, 2]);
    assert_eq!(suggestion.suggested.weights[1], 0.0);
    assert!(suggestion.suggested.weights[0] > suggestion.suggested.weights[2]);
    let total: f64 = suggestion.suggested.weights.iter().sum();
    assert!((total - 1.0).abs() < 1e-12);
    // Today: a 0.875 (mean of 0.75 and 1), c 0.125, b 0.
    assert_eq!(suggestion.today, [0.875, 0.0, 0.125]);
    assert!(!suggestion.firth);
    assert!(report.backtest.is_ok());
}

#[test]
fn separation_without_a_penalty_falls_back_to_firth() {
    // Every churned account scored below every renewed one.
    let separated = |i: usize, churned: bool| {
        if churned {
            10.0 + (i % 7) as f64
        } else {
            60.0 + (i % 9) as f64
        }
    };
    let found = observations(100, 4, separated);
    let report = prove_built(&found, &options(0.0, false)).expect("a report");
    let suggestion = report.suggestion.expect("weights from Firth's fit");
    assert!(suggestion.firth);
    assert!(suggestion.fit.coefficients.iter().all(|c| c.is_finite()));
    // The backtest's own L2 fits at penalty 0 have no finite answer.
    assert!(report.backtest.is_err());
}

#[test]
fn firth_is_used_when_asked() {
    let found = observations(100, 4, noisy);
    let report = prove_built(&found, &options(1.0, true)).expect("a report");
    assert!(report.suggestion.expect("weights").firth);
}

#[test]
fn a_proof_after_a_weight_change_reuses_its_fits_and_equals_a_fresh_proof() {
    use crate::success::data_read::read_data;
    use crate::success::demo::{demo_portfolio, DemoOptions};
    use crate::success::demo_settings::demo_settings;
    use crate::success::prove_observations::proof_dates;
    use crate::success::signal_index::SignalIndex;
    let data = read_data(&demo_portfolio(DemoOptions {
        accounts: 120,
        ..DemoOptions::default()
    }))
    .expect("the demo reads");
    let mut settings = demo_settings();
    let index = SignalIndex::new(&data);
    let dates = proof_dates(&data, settings.proof.days_before_renewal, &[]);
    let mut table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    let options = ProveOptions {
        settings: settings.proof,
        firth: false,
        grid: DateGrid::EXACT,
    };
    // Renewals are scored N days before: inside the pre-renewal stage.
    let card = settings
        .scorecards
        .iter()
        .position(|card| card.stage == crate::success::data::Stage::PreRenewal)
        .expect("a pre-renewal scorecard");
    let mut parts = None;
    let first = prove_reusing(&data, &table, &options, &mut parts).expect("a proof");
    assert_eq!(first, prove(&data, &table, &options).expect("a proof"));
    let kept = parts.clone();
    for weight in [9.0, 0.5] {
        settings.scorecards[card].measures[0].weight = weight;
        let weights: Vec<Vec<f64>> = settings
            .scorecards
            .iter()
            .map(|card| card.measures.iter().map(|m| m.weight).collect())
            .collect();
        table.rescore_weights(&weights).expect("valid weights");
        let reused = prove_reusing(&data, &table, &options, &mut parts).expect("a proof");
        let fresh = prove(&data, &table, &options).expect("a proof");
        assert_eq!(reused, fresh);
        assert_ne!(reused.auc, first.auc, "the weight changed the scores");
        // The parts were reused, not computed again.
        assert_eq!(parts, kept);
    }
}
