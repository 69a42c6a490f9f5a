use super::*;

fn options() -> LogisticOptions {
    LogisticOptions {
        penalty: 0.0,
        ..LogisticOptions::default()
    }
}

#[test]
fn separated_data_gets_a_finite_fit() {
    let measures = vec![vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]];
    let churned = [true, true, true, false, false, false];
    assert!(matches!(
        crate::success::proof::fit_logistic(&measures, &churned, &options()),
        Err(ProofError::Separation { .. })
    ));
    let fit = fit_firth(&measures, &churned, &options()).unwrap();
    assert!(
        fit.coefficients[0] < 0.0 && fit.coefficients[0].is_finite(),
        "{fit:?}"
    );
    // Symmetric data: the fitted log-odds is 0 at the middle, 3.5.
    assert!(
        (fit.intercept + 3.5 * fit.coefficients[0]).abs() < 1e-9,
        "{fit:?}"
    );
}

#[test]
fn without_measures_firth_adds_a_half_to_each_outcome() {
    // Intercept only: the Jeffreys-prior estimate is ln((c + ½) / (r + ½)).
    let fit = fit_firth(&[], &[true, false, false, false], &options()).unwrap();
    assert!(
        (fit.intercept - (1.5f64 / 3.5).ln()).abs() < 1e-9,
        "{fit:?}"
    );
}

#[test]
fn a_constant_measure_gets_no_weight() {
    let measures = vec![vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], vec![7.0; 6]];
    let churned = [true, false, true, true, false, false];
    let fit = fit_firth(&measures, &churned, &options()).unwrap();
    assert_eq!(fit.coefficients[1], 0.0);
    let alone = fit_firth(&measures[..1], &churned, &options()).unwrap();
    assert!((fit.coefficients[0] - alone.coefficients[0]).abs() < 1e-12);
}

#[test]
fn a_penalty_or_bad_shapes_are_refused() {
    let measures = vec![vec![1.0, 2.0]];
    let churned = [true, false];
    let penalised = LogisticOptions::default();
    assert!(matches!(
        fit_firth(&measures, &churned, &penalised),
        Err(ProofError::InvalidOption {
            option: "penalty",
            ..
        })
    ));
    assert!(matches!(
        fit_firth(&measures, &[true, true], &options()),
        Err(ProofError::OneOutcomeOnly { .. })
    ));
    assert!(matches!(
        fit_firth(&[vec![1.0]], &churned, &options()),
        Err(ProofError::LengthMismatch { .. })
    ));
    let collinear = vec![vec![1.0, 2.0, 3.0], vec![2.0, 4.0, 6.0]];
    assert!(matches!(
        fit_firth(&collinear, &[true, false, true], &options()),
        Err(ProofError::SingularHessian { iteration: 1 })
    ));
}
