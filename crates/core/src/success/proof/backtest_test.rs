use super::*;

/// 40 accounts; churn likelier at low usage, with overlap.
fn book() -> (Vec<Vec<f64>>, Vec<f64>, Vec<bool>) {
    let usage: Vec<f64> = (0..40).map(|i| f64::from(i) * 2.5).collect();
    let churned: Vec<bool> = (0..40).map(|i| (i * 7) % 40 < 40 - i).collect();
    let today: Vec<f64> = (0..40).map(|i| f64::from((i * 13) % 40)).collect();
    (vec![usage], today, churned)
}

fn options(folds: usize, seed: u64) -> BacktestOptions {
    BacktestOptions {
        folds,
        seed,
        fit: LogisticOptions::default(),
    }
}

#[test]
fn folds_are_balanced_and_stratified() {
    let (_, _, churned) = book();
    let folds = assign_folds(&churned, 4, 7);
    for fold in 0..4 {
        let members: Vec<usize> = (0..40).filter(|&i| folds[i] == fold).collect();
        assert_eq!(members.len(), 10, "fold {fold}");
        assert!(members.iter().any(|&i| churned[i]) && members.iter().any(|&i| !churned[i]));
    }
}

#[test]
fn the_same_seed_gives_the_same_backtest_and_another_seed_other_folds() {
    let (measures, today, churned) = book();
    let first = backtest(&measures, &today, &churned, &options(4, 7)).unwrap();
    let again = backtest(&measures, &today, &churned, &options(4, 7)).unwrap();
    assert_eq!(first, again);
    let other = backtest(&measures, &today, &churned, &options(4, 8)).unwrap();
    assert_ne!(first.fold_of_observation, other.fold_of_observation);
    // Today's pooled AUC does not depend on the folds.
    assert_eq!(first.pooled_today_auc, other.pooled_today_auc);
    let mean = first.folds.iter().map(|f| f.fitted_auc).sum::<f64>() / 4.0;
    assert!((first.mean_fitted_auc - mean).abs() < 1e-15);
    // Usage predicts this churn: the fitted score beats chance out of fold.
    assert!(first.pooled_fitted_auc > 0.6, "{first:?}");
}

#[test]
fn too_few_outcomes_or_bad_folds_are_refused() {
    let (measures, today, churned) = book();
    for folds in [0, 1, 101] {
        assert!(matches!(
            backtest(&measures, &today, &churned, &options(folds, 1)),
            Err(ProofError::InvalidOption { .. })
        ));
    }
    let mostly_renewed: Vec<bool> = (0..40).map(|i| i < 3).collect();
    assert_eq!(
        backtest(&measures, &today, &mostly_renewed, &options(4, 1)),
        Err(ProofError::TooFewForFolds {
            folds: 4,
            churned: 3,
            renewed: 37
        })
    );
    assert!(matches!(
        backtest(&measures, &today[..39], &churned, &options(4, 1)),
        Err(ProofError::LengthMismatch { .. })
    ));
}

#[test]
fn new_scores_on_the_same_folds_give_what_a_fresh_backtest_gives() {
    let (measures, today, churned) = book();
    let first = backtest(&measures, &today, &churned, &options(4, 7)).unwrap();
    for shift in [3_usize, 17, 29] {
        let other: Vec<f64> = (0..40).map(|i| ((i + shift) * 11 % 40) as f64).collect();
        let fresh = backtest(&measures, &other, &churned, &options(4, 7)).unwrap();
        assert_eq!(with_today_scores(&first, &other, &churned).unwrap(), fresh);
    }
    assert!(with_today_scores(&first, &today[1..], &churned).is_err());
}
