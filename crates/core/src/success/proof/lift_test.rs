use super::*;

#[test]
fn groups_are_as_equal_as_possible_with_the_larger_ones_first() {
    let scores: Vec<f64> = (0..23).map(f64::from).collect();
    let churned: Vec<bool> = (0..23).map(|i| i < 5).collect();
    let report = decile_lift(&scores, &churned, 10).unwrap();
    let sizes: Vec<usize> = report.groups.iter().map(|g| g.observations).collect();
    assert_eq!(sizes, [3, 3, 3, 2, 2, 2, 2, 2, 2, 2]);
    // The riskiest group holds the three lowest scores, all churned.
    assert_eq!(report.groups[0].churned, 3);
    assert_eq!(report.groups[0].score_range, Some((0.0, 2.0)));
    let overall = 5.0 / 23.0;
    assert!((report.groups[0].lift.unwrap() - 1.0 / overall).abs() < 1e-12);
    assert_eq!(report.groups[1].captured_share, Some(1.0));
    assert_eq!(report.groups[9].captured_share, Some(1.0));
}

#[test]
fn ties_at_a_boundary_are_split_by_input_order() {
    // Four equal scores in two groups: the first two inputs go first.
    let report = decile_lift(&[7.0, 7.0, 7.0, 7.0], &[true, true, false, false], 2).unwrap();
    assert_eq!(report.groups[0].churned, 2);
    assert_eq!(report.groups[1].churned, 0);
}

#[test]
fn empty_groups_and_a_book_without_churn_have_no_rates() {
    let report = decile_lift(&[1.0, 2.0], &[false, false], 3).unwrap();
    assert_eq!(report.groups[2].observations, 0);
    assert_eq!(report.groups[2].churn_rate, None);
    assert_eq!(report.groups[2].score_range, None);
    assert_eq!(report.groups[0].churn_rate, Some(0.0));
    assert_eq!(report.groups[0].lift, None);
    assert_eq!(report.groups[0].captured_share, None);
    let empty = decile_lift(&[], &[], 10).unwrap();
    assert_eq!(empty.overall_churn_rate, None);
    assert!(decile_lift(&[1.0], &[true], 0).is_err());
    assert!(decile_lift(&[f64::INFINITY], &[true], 10).is_err());
}
