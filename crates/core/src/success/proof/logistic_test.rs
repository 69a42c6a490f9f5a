use super::*;

fn options(penalty: f64) -> LogisticOptions {
    LogisticOptions {
        penalty,
        ..LogisticOptions::default()
    }
}

/// Overlapping classes: churn is likelier at low x but not certain.
fn overlapping() -> (Vec<Vec<f64>>, Vec<bool>) {
    let x = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    let churned = vec![true, true, false, true, false, true, false, false];
    (vec![x], churned)
}

#[test]
fn without_measures_the_intercept_is_the_log_odds_of_churn() {
    let fit = fit_logistic(&[], &[true, false, false, false], &options(0.0)).unwrap();
    assert!((fit.intercept - (1.0f64 / 3.0).ln()).abs() < 1e-15);
    assert!(fit.coefficients.is_empty());
    assert_eq!(fit.iterations, 1);
}

#[test]
fn lower_measures_with_more_churn_give_a_negative_coefficient() {
    let (measures, churned) = overlapping();
    let fit = fit_logistic(&measures, &churned, &options(0.0)).unwrap();
    assert!(fit.coefficients[0] < 0.0, "{fit:?}");
    // The original scale undoes the standardisation.
    let sd = fit.standard_deviations[0];
    assert!((fit.coefficients[0] * sd - fit.standardized_coefficients[0]).abs() < 1e-12);
    let eta = fit.linear_predictor(&measures, 0).unwrap();
    assert!((eta - (fit.intercept + fit.coefficients[0])).abs() < 1e-12);
    assert_eq!(fit.linear_predictor(&[], 0), None);
    assert_eq!(fit.linear_predictor(&measures, 99), None);
    // A penalty shrinks the standardised coefficient towards 0.
    let shrunk = fit_logistic(&measures, &churned, &options(5.0)).unwrap();
    assert!(shrunk.standardized_coefficients[0].abs() < fit.standardized_coefficients[0].abs());
    assert!(shrunk.log_likelihood < fit.log_likelihood);
}

#[test]
fn separation_needs_a_penalty() {
    let measures = vec![vec![1.0, 2.0, 3.0, 4.0]];
    let churned = [true, true, false, false];
    let unpenalised = fit_logistic(&measures, &churned, &options(0.0));
    assert!(
        matches!(unpenalised, Err(ProofError::Separation { .. })),
        "{unpenalised:?}"
    );
    let penalised = fit_logistic(&measures, &churned, &options(1.0)).unwrap();
    assert!(penalised.coefficients[0] < 0.0);
    assert!(penalised.coefficients[0].is_finite());
}

#[test]
fn a_constant_measure_gets_no_weight_and_changes_nothing() {
    let (mut measures, churned) = overlapping();
    let alone = fit_logistic(&measures, &churned, &options(0.0)).unwrap();
    measures.push(vec![50.0; 8]);
    let with_constant = fit_logistic(&measures, &churned, &options(0.0)).unwrap();
    assert_eq!(with_constant.coefficients[1], 0.0);
    assert!((with_constant.coefficients[0] - alone.coefficients[0]).abs() < 1e-12);
    assert!((with_constant.intercept - alone.intercept).abs() < 1e-12);
}

#[test]
fn collinear_measures_are_singular_without_a_penalty_and_shared_with_one() {
    let (mut measures, churned) = overlapping();
    measures.push(measures[0].clone());
    assert!(matches!(
        fit_logistic(&measures, &churned, &options(0.0)),
        Err(ProofError::SingularHessian { iteration: 1 })
    ));
    let fit = fit_logistic(&measures, &churned, &options(1.0)).unwrap();
    assert!((fit.coefficients[0] - fit.coefficients[1]).abs() < 1e-12);
}

#[test]
fn bad_options_and_shapes_are_refused() {
    let (measures, churned) = overlapping();
    for bad in [
        options(-1.0),
        options(f64::NAN),
        options(1e7),
        LogisticOptions {
            max_iterations: 0,
            ..LogisticOptions::default()
        },
        LogisticOptions {
            tolerance: 0.0,
            ..LogisticOptions::default()
        },
    ] {
        assert!(
            matches!(
                fit_logistic(&measures, &churned, &bad),
                Err(ProofError::InvalidOption { .. })
            ),
            "{bad:?}"
        );
    }
    let too_many = vec![vec![0.0; 8]; 65];
    assert!(matches!(
        fit_logistic(&too_many, &churned, &options(1.0)),
        Err(ProofError::TooManyFeatures { count: 65, .. })
    ));
    assert!(matches!(
        fit_logistic(&[vec![1.0]], &churned, &options(1.0)),
        Err(ProofError::LengthMismatch { .. })
    ));
    let mut infinite = measures.clone();
    infinite[0][3] = f64::INFINITY;
    assert!(matches!(
        fit_logistic(&infinite, &churned, &options(1.0)),
        Err(ProofError::NotFinite { index: 3, .. })
    ));
    let stopped_early = LogisticOptions {
        max_iterations: 1,
        ..options(0.0)
    };
    assert_eq!(
        fit_logistic(&measures, &churned, &stopped_early),
        Err(ProofError::NotConverged { iterations: 1 })
    );
}

#[test]
fn suggested_weights_follow_the_protective_effect_and_clip_the_rest() {
    let weights = suggested_weights(&[-0.02, -0.01, 0.005], &[100.0, 100.0, 100.0]).unwrap();
    let expected = [2.0 / 3.0, 1.0 / 3.0, 0.0];
    for (w, e) in weights.weights.iter().zip(expected) {
        assert!((w - e).abs() < 1e-15, "{weights:?}");
    }
    assert_eq!(weights.clipped, [false, false, true]);
    assert!((weights.protective_effects[2] + 0.5).abs() < 1e-15);
    // A narrower points range weighs the same coefficient less.
    let narrow = suggested_weights(&[-0.02, -0.02], &[100.0, 50.0]).unwrap();
    assert!((narrow.weights[0] - 2.0 / 3.0).abs() < 1e-15);
}

#[test]
fn suggested_weights_refuse_what_has_no_answer() {
    assert_eq!(
        suggested_weights(&[0.1, 0.0], &[100.0, 100.0]),
        Err(ProofError::NoProtectiveMeasure)
    );
    assert!(matches!(
        suggested_weights(&[0.1], &[]),
        Err(ProofError::LengthMismatch { .. })
    ));
    assert!(matches!(
        suggested_weights(&[-0.1], &[-1.0]),
        Err(ProofError::InvalidOption { .. })
    ));
    assert!(matches!(
        suggested_weights(&[-1e300, 1.0], &[1e300, 1.0]),
        Err(ProofError::NotFinite { .. })
    ));
    assert!(matches!(
        suggested_weights(&[f64::NAN], &[1.0]),
        Err(ProofError::NotFinite { .. })
    ));
}

#[test]
fn measures_too_large_to_square_are_refused_not_carried_as_infinity() {
    let measures = vec![vec![1.0, 2.0, 3.0], vec![1e200, -1e200, 1e200]];
    assert_eq!(
        fit_logistic(&measures, &[true, false, true], &options(1.0)),
        Err(ProofError::NotFinite {
            what: "measures' mean or variance",
            index: 1
        })
    );
}
