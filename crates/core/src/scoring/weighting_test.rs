//! Unit and property tests of the weighting kernel: shares, contributions,
//! the score, coverage, measures not counted, and odd slices and weights.

use super::*;
use proptest::prelude::*;

#[test]
fn shares_follow_the_counted_weights_and_contributions_add_to_the_score() {
    let mut contributions = [f64::NAN; 3];
    let weighted = weigh_points(
        &[100.0, 0.0, 40.0],
        &[3.0, 1.0, 4.0],
        &[true, true, false],
        &mut contributions,
    );
    // Counted weights 3 and 1: shares 0.75 and 0.25; the third is not counted.
    assert_eq!(contributions, [75.0, 0.0, 0.0]);
    assert_eq!(weighted.score_0_to_100, Some(75.0));
    assert_eq!(weighted.totals.share_of(3.0), 0.75);
    assert_eq!(weighted.totals.share_of(1.0), 0.25);
    // Coverage: counted weight 4 of all weight 8.
    assert_eq!(weighted.totals.coverage_0_to_1(), 0.5);
}

#[test]
fn nothing_counted_or_no_weight_gives_no_score_and_zero_contributions() {
    for (weights, counted) in [
        ([2.0, 5.0], [false, false]),
        ([0.0, 5.0], [true, false]),
        ([0.0, 0.0], [true, true]),
    ] {
        let mut contributions = [f64::NAN; 2];
        let weighted = weigh_points(&[80.0, 90.0], &weights, &counted, &mut contributions);
        assert_eq!(weighted.score_0_to_100, None, "{weights:?} {counted:?}");
        assert!(!weighted.totals.has_weight());
        assert_eq!(contributions, [0.0, 0.0]);
        assert_eq!(weighted.totals.share_of(5.0), 0.0);
    }
    let none = WeightTotals::of(&[], &[]);
    assert_eq!((none.coverage_0_to_1(), none.has_weight()), (0.0, false));
}

#[test]
fn huge_weights_do_not_overflow_the_total() {
    let mut contributions = [0.0; 2];
    let weighted = weigh_points(
        &[100.0, 50.0],
        &[f64::MAX, f64::MAX],
        &[true, true],
        &mut contributions,
    );
    assert_eq!(contributions, [50.0, 25.0]);
    assert_eq!(weighted.score_0_to_100, Some(75.0));
    // The plain totals (f64::MAX × 2) would be infinite, the coverage NaN.
    assert_eq!(weighted.totals.coverage_0_to_1(), 1.0);
    let half = WeightTotals::of(&[f64::MAX, f64::MAX], &[true, false]);
    assert_eq!(half.coverage_0_to_1(), 0.5);
}

#[test]
fn a_weight_not_finite_or_negative_counts_as_zero() {
    for bad in [f64::NAN, f64::INFINITY, -2.0] {
        let mut contributions = [f64::NAN; 2];
        let weighted = weigh_points(
            &[100.0, 20.0],
            &[bad, 1.0],
            &[true, true],
            &mut contributions,
        );
        assert_eq!(contributions, [0.0, 20.0], "weight {bad}");
        assert_eq!(weighted.score_0_to_100, Some(20.0));
    }
}

#[test]
fn slices_of_other_lengths_weigh_the_common_positions_only() {
    let mut contributions = [7.0; 4];
    let weighted = weigh_points(
        &[100.0, 60.0, 10.0],
        &[1.0, 1.0],
        &[true; 3],
        &mut contributions,
    );
    assert_eq!(contributions, [50.0, 30.0, 7.0, 7.0]);
    assert_eq!(weighted.score_0_to_100, Some(80.0));
    let mut short = [0.0; 1];
    let weighted = weigh_points(&[100.0, 60.0], &[1.0, 1.0], &[true, true], &mut short);
    assert_eq!((short, weighted.score_0_to_100), ([100.0], Some(100.0)));
}

/// Points, weights and counted flags of up to 12 measures.
fn measures() -> impl Strategy<Value = Vec<(f64, f64, bool)>> {
    prop::collection::vec((0.0..=100.0_f64, 0.0..=1e6_f64, any::<bool>()), 0..12)
}

proptest! {
    #[test]
    fn the_score_is_the_contributions_sum_and_shares_add_to_one(rows in measures()) {
        let points: Vec<f64> = rows.iter().map(|row| row.0).collect();
        let weights: Vec<f64> = rows.iter().map(|row| row.1).collect();
        let counted: Vec<bool> = rows.iter().map(|row| row.2).collect();
        let mut contributions = vec![f64::NAN; rows.len()];
        let weighted = weigh_points(&points, &weights, &counted, &mut contributions);
        let sum: f64 = contributions.iter().sum();
        let shares: f64 = weights
            .iter()
            .zip(&counted)
            .filter(|(_, counts)| **counts)
            .map(|(weight, _)| weighted.totals.share_of(*weight))
            .sum();
        match weighted.score_0_to_100 {
            Some(score) => {
                prop_assert!((0.0..=100.0).contains(&score));
                prop_assert_eq!(score, sum.clamp(0.0, 100.0));
                prop_assert!((shares - 1.0).abs() < 1e-9, "shares sum to {}", shares);
            }
            None => prop_assert!(contributions.iter().all(|c| *c == 0.0)),
        }
        let coverage = weighted.totals.coverage_0_to_1();
        prop_assert!((0.0..=1.0).contains(&coverage));
        for ((contribution, weight), counts) in contributions.iter().zip(&weights).zip(&counted) {
            if !counts || *weight == 0.0 {
                prop_assert_eq!(*contribution, 0.0);
            }
        }
    }
}
