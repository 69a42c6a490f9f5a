use super::*;

fn check(scores: &[f64], churned: &[bool], expected_auc: f64) {
    let report = auc(scores, churned).unwrap();
    assert!(
        (report.auc - expected_auc).abs() < 1e-15,
        "{scores:?}: {} vs {expected_auc}",
        report.auc
    );
}

#[test]
fn lower_scores_for_churned_accounts_give_an_auc_above_a_half() {
    check(&[1.0, 2.0, 3.0, 4.0], &[true, true, false, false], 1.0);
    check(&[1.0, 2.0, 3.0, 4.0], &[false, false, true, true], 0.0);
    check(&[5.0, 5.0, 5.0, 5.0], &[true, false, true, false], 0.5);
    // One churned (2) against renewed 1 and 3: one pair right, one wrong.
    check(&[1.0, 2.0, 3.0], &[false, true, false], 0.5);
    // Ties count a half: churned 2 against renewed 2 and 3.
    check(&[2.0, 2.0, 3.0], &[true, false, false], 0.75);
    // -0.0 and 0.0 are one score.
    check(&[-0.0, 0.0], &[true, false], 0.5);
}

#[test]
fn the_standard_error_follows_hanley_and_mcneil() {
    // A = 1 makes every term 0; A = 0.5 with one of each gives √(0.25).
    let perfect = auc(&[1.0, 2.0, 3.0, 4.0], &[true, true, false, false]).unwrap();
    assert_eq!(perfect.standard_error, 0.0);
    let chance = auc(&[1.0, 1.0], &[true, false]).unwrap();
    assert!((chance.standard_error - 0.5).abs() < 1e-15);
    assert_eq!((chance.churned, chance.renewed), (1, 1));
}

#[test]
fn degenerate_input_is_an_error_not_nan() {
    assert_eq!(
        auc(&[1.0, 2.0], &[true, true]),
        Err(ProofError::OneOutcomeOnly {
            churned: 2,
            renewed: 0
        })
    );
    assert_eq!(
        auc(&[], &[]),
        Err(ProofError::OneOutcomeOnly {
            churned: 0,
            renewed: 0
        })
    );
    assert_eq!(
        auc(&[1.0, f64::NAN], &[true, false]),
        Err(ProofError::NotFinite {
            what: "scores",
            index: 1
        })
    );
    assert!(matches!(
        auc(&[1.0], &[true, false]),
        Err(ProofError::LengthMismatch { .. })
    ));
    assert!(matches!(
        roc_curve(&[1.0, 2.0], &[true, false], 1),
        Err(ProofError::InvalidOption { .. })
    ));
}

#[test]
fn the_curve_runs_from_origin_to_one_one_through_each_distinct_score() {
    let points = roc_curve(&[1.0, 2.0, 2.0, 3.0], &[true, true, false, false], 10).unwrap();
    let rates: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (p.false_positive_rate, p.true_positive_rate))
        .collect();
    assert_eq!(rates, [(0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0)]);
    assert_eq!(points[0].churn_if_score_at_most, None);
    assert_eq!(points[2].churn_if_score_at_most, Some(2.0));
}

#[test]
fn a_long_curve_is_downsampled_keeping_both_ends() {
    let scores: Vec<f64> = (0..1000).map(f64::from).collect();
    let churned: Vec<bool> = (0..1000).map(|i| i % 3 == 0).collect();
    let full = roc_curve(&scores, &churned, 10_000).unwrap();
    assert_eq!(full.len(), 1001);
    let short = roc_curve(&scores, &churned, 7).unwrap();
    assert_eq!(short.len(), 7);
    assert_eq!(short.first(), full.first());
    assert_eq!(short.last(), full.last());
    // Evenly spread: positions 0, 167, 333, 500, 667, 833, 1000.
    assert_eq!(short[3], full[500]);
    let two = roc_curve(&scores, &churned, 2).unwrap();
    assert_eq!(two, [full[0], full[1000]]);
}
