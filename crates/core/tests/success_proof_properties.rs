//! Property tests of the health-score proof statistics
//! (`success::proof`): for random renewal histories an AUC lies within
//! [0, 1] and reverses exactly when the score is negated, the ROC curve
//! runs monotonically from (0, 0) to (1, 1), a Wilson interval holds its
//! rate within [0, 1], information value is never negative, lift groups
//! partition the observations, penalised and Firth fits are finite (or
//! refused, never NaN), and a backtest
//! is the same for the same seed. Nothing panics on any input.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use proptest::prelude::*;
use yardstick_core::success::proof::{
    auc, backtest, decile_lift, fit_firth, fit_logistic, quantile_edges, roc_curve,
    weight_of_evidence, wilson_interval, BacktestOptions, LogisticOptions,
};

/// Scores with many ties (small integers) or spread out.
fn scores_and_outcomes(max_len: usize) -> impl Strategy<Value = (Vec<f64>, Vec<bool>)> {
    (1..max_len).prop_flat_map(|len| {
        (
            prop_oneof![
                prop::collection::vec((0i32..6).prop_map(f64::from), len),
                prop::collection::vec(-1e6f64..1e6, len),
            ],
            prop::collection::vec(any::<bool>(), len),
        )
    })
}

proptest! {
    #[test]
    fn auc_lies_in_the_unit_interval_and_never_is_nan((scores, churned) in scores_and_outcomes(60)) {
        if let Ok(report) = auc(&scores, &churned) {
            prop_assert!((0.0..=1.0).contains(&report.auc));
            prop_assert!(report.standard_error.is_finite() && report.standard_error >= 0.0);
        } else {
            prop_assert!(churned.iter().all(|&c| c) || churned.iter().all(|&c| !c));
        }
    }

    #[test]
    fn negating_distinct_scores_reverses_the_auc(
        (mut scores, churned) in scores_and_outcomes(60)
    ) {
        // Make the scores distinct: tie-free, so AUC(s) + AUC(-s) = 1.
        for (index, score) in scores.iter_mut().enumerate() {
            *score = *score * 1000.0 + index as f64;
        }
        let negated: Vec<f64> = scores.iter().map(|s| -s).collect();
        if let (Ok(a), Ok(b)) = (auc(&scores, &churned), auc(&negated, &churned)) {
            prop_assert!((a.auc + b.auc - 1.0).abs() < 1e-12, "{} {}", a.auc, b.auc);
        }
    }

    #[test]
    fn the_roc_curve_climbs_from_origin_to_one_one(
        (scores, churned) in scores_and_outcomes(80),
        max_points in 2usize..20,
    ) {
        if let Ok(points) = roc_curve(&scores, &churned, max_points) {
            prop_assert!(points.len() <= max_points);
            let first = points.first().unwrap();
            let last = points.last().unwrap();
            prop_assert_eq!((first.false_positive_rate, first.true_positive_rate), (0.0, 0.0));
            prop_assert_eq!((last.false_positive_rate, last.true_positive_rate), (1.0, 1.0));
            for pair in points.windows(2) {
                prop_assert!(pair[0].false_positive_rate <= pair[1].false_positive_rate);
                prop_assert!(pair[0].true_positive_rate <= pair[1].true_positive_rate);
            }
        }
    }

    #[test]
    fn a_wilson_interval_holds_its_rate(
        trials in 0u64..2_000_000,
        successes_share in 0.0f64..=1.0,
        z in prop_oneof![Just(1.959_963_984_540_054), 0.01f64..10.0],
    ) {
        let successes = (trials as f64 * successes_share).floor() as u64;
        match wilson_interval(successes, trials, z) {
            Some(interval) => {
                prop_assert!(0.0 <= interval.low);
                prop_assert!(interval.low <= interval.rate);
                prop_assert!(interval.rate <= interval.high);
                prop_assert!(interval.high <= 1.0);
            }
            None => prop_assert_eq!(trials, 0),
        }
    }

    #[test]
    fn information_value_is_never_negative(
        (scores, churned) in scores_and_outcomes(80),
        missing in prop::collection::vec(any::<bool>(), 80),
        bands in 1usize..12,
    ) {
        let values: Vec<Option<f64>> = scores
            .iter()
            .zip(&missing)
            .map(|(&s, &m)| (!m).then_some(s))
            .collect();
        let edges = quantile_edges(&values, bands).unwrap();
        prop_assert!(edges.len() < bands.max(1));
        prop_assert!(edges.windows(2).all(|pair| pair[0] < pair[1]));
        if let Ok(report) = weight_of_evidence(&values, &churned, &edges) {
            prop_assert!(report.information_value >= 0.0 && report.information_value.is_finite());
            prop_assert!(report.bands.iter().all(|b| b.weight_of_evidence.is_finite()));
            let counted: usize = report.bands.iter().map(|b| b.observations).sum();
            prop_assert_eq!(counted, values.len());
        }
    }

    #[test]
    fn lift_groups_partition_the_observations(
        (scores, churned) in scores_and_outcomes(120),
        groups in 1usize..15,
    ) {
        let report = decile_lift(&scores, &churned, groups).unwrap();
        prop_assert_eq!(report.groups.len(), groups);
        let sizes: Vec<usize> = report.groups.iter().map(|g| g.observations).collect();
        prop_assert_eq!(sizes.iter().sum::<usize>(), scores.len());
        prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
        let churned_total = churned.iter().filter(|&&c| c).count();
        prop_assert_eq!(report.groups.iter().map(|g| g.churned).sum::<usize>(), churned_total);
        // Groups are ordered: each one's scores lie at or below the next's.
        let ranges: Vec<(f64, f64)> = report.groups.iter().filter_map(|g| g.score_range).collect();
        prop_assert!(ranges.windows(2).all(|pair| pair[0].1 <= pair[1].0));
        if churned_total > 0 {
            prop_assert_eq!(report.groups.last().unwrap().captured_share, Some(1.0));
        }
    }

    #[test]
    fn a_penalised_fit_is_finite(
        (scores, churned) in scores_and_outcomes(60),
        second in prop::collection::vec(-100.0f64..100.0, 60),
        penalty in 0.01f64..100.0,
    ) {
        let measures = vec![scores.clone(), second[..scores.len()].to_vec()];
        if let Ok(fit) = fit_logistic(&measures, &churned, &LogisticOptions {
            penalty,
            ..LogisticOptions::default()
        }) {
            prop_assert!(fit.intercept.is_finite());
            prop_assert!(fit.coefficients.iter().all(|c| c.is_finite()));
            prop_assert!(fit.log_likelihood.is_finite() && fit.log_likelihood <= 0.0);
        } else {
            prop_assert!(churned.iter().all(|&c| c) || churned.iter().all(|&c| !c));
        }
    }

    #[test]
    fn a_firth_fit_is_finite_or_refused(
        (scores, churned) in scores_and_outcomes(40),
        second in prop::collection::vec(-100.0f64..100.0, 40),
    ) {
        let measures = vec![scores.clone(), second[..scores.len()].to_vec()];
        let options = LogisticOptions { penalty: 0.0, ..LogisticOptions::default() };
        if let Ok(fit) = fit_firth(&measures, &churned, &options) {
            prop_assert!(fit.intercept.is_finite());
            prop_assert!(fit.coefficients.iter().all(|c| c.is_finite()));
            prop_assert!(fit.log_likelihood.is_finite() && fit.log_likelihood <= 0.0);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_backtest_is_the_same_for_the_same_seed(
        (scores, churned) in scores_and_outcomes(60),
        seed in any::<u64>(),
        folds in 2usize..5,
    ) {
        let measures = vec![scores.iter().map(|s| s * 0.5 + 1.0).collect::<Vec<f64>>()];
        let options = BacktestOptions { folds, seed, fit: LogisticOptions::default() };
        let first = backtest(&measures, &scores, &churned, &options);
        let again = backtest(&measures, &scores, &churned, &options);
        prop_assert_eq!(&first, &again);
        if let Ok(report) = first {
            prop_assert!(report.folds.iter().all(|f| (0.0..=1.0).contains(&f.fitted_auc)));
            prop_assert!((0.0..=1.0).contains(&report.pooled_fitted_auc));
        }
    }
}
