use super::*;

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().map(|&v| Some(v)).collect()
}

#[test]
fn quantile_edges_keep_ties_together_and_drop_repeats() {
    // Positions ⌊j·6/3⌋ = 2 and 4 of [1, 1, 1, 1, 2, 3] are 1 (the minimum:
    // an empty first band, dropped) and 2.
    let values = some(&[1.0, 1.0, 2.0, 1.0, 3.0, 1.0]);
    assert_eq!(quantile_edges(&values, 3).unwrap(), [2.0]);
    let spread = some(&[4.0, 1.0, 3.0, 2.0, 6.0, 5.0, 8.0, 7.0]);
    assert_eq!(quantile_edges(&spread, 4).unwrap(), [3.0, 5.0, 7.0]);
    assert_eq!(quantile_edges(&spread, 1).unwrap(), Vec::<f64>::new());
    assert_eq!(
        quantile_edges(&[None, Some(f64::NAN)], 4).unwrap(),
        Vec::<f64>::new()
    );
    assert!(quantile_edges(&spread, 0).is_err());
    assert!(quantile_edges(&spread, 101).is_err());
}

#[test]
fn values_on_an_edge_start_the_next_band_and_missing_values_come_last() {
    let values = [Some(1.0), Some(2.0), None, Some(f64::NAN), Some(3.0)];
    let churned = [true, false, true, false, false];
    let report = weight_of_evidence(&values, &churned, &[2.0]).unwrap();
    let counts: Vec<(usize, usize)> = report
        .bands
        .iter()
        .map(|b| (b.churned, b.renewed))
        .collect();
    assert_eq!(counts, [(1, 0), (0, 2), (1, 1)]);
    assert_eq!(
        report.bands[1].range,
        BandRange::Values {
            from: Some(2.0),
            below: None
        }
    );
    assert_eq!(report.bands[2].range, BandRange::Missing);
}

#[test]
fn no_missing_band_without_missing_values_and_smoothing_matches_the_formula() {
    let values = some(&[1.0, 2.0, 3.0, 4.0]);
    let churned = [true, true, false, false];
    let report = weight_of_evidence(&values, &churned, &[3.0]).unwrap();
    assert_eq!(report.bands.len(), 2);
    // Band 0: renewed (0 + .5)/(2 + 1), churned (2 + .5)/(2 + 1).
    let (renewed, churn): (f64, f64) = (0.5 / 3.0, 2.5 / 3.0);
    let woe = (renewed / churn).ln();
    assert!((report.bands[0].weight_of_evidence - woe).abs() < 1e-15);
    assert!((report.bands[1].weight_of_evidence + woe).abs() < 1e-15);
    let iv = 2.0 * (renewed - churn) * woe;
    assert!((report.information_value - iv).abs() < 1e-15);
}

#[test]
fn a_measure_that_says_nothing_has_zero_information() {
    let values = some(&[1.0, 1.0, 2.0, 2.0]);
    let churned = [true, false, true, false];
    let report = weight_of_evidence(&values, &churned, &[2.0]).unwrap();
    assert_eq!(report.information_value, 0.0);
    assert!(report.bands.iter().all(|b| b.weight_of_evidence == 0.0));
}

#[test]
fn bad_edges_and_single_outcomes_are_refused() {
    let values = some(&[1.0, 2.0]);
    let churned = [true, false];
    for (edges, index) in [
        (vec![2.0, 2.0], 1),
        (vec![f64::NAN], 0),
        (vec![3.0, 1.0], 1),
    ] {
        assert_eq!(
            weight_of_evidence(&values, &churned, &edges),
            Err(ProofError::InvalidEdges { index })
        );
    }
    let too_many: Vec<f64> = (0..100).map(f64::from).collect();
    assert!(weight_of_evidence(&values, &churned, &too_many).is_err());
    assert!(matches!(
        weight_of_evidence(&values, &[true, true], &[]),
        Err(ProofError::OneOutcomeOnly { .. })
    ));
}
