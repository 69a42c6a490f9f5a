use super::*;

fn check(successes: u64, trials: u64, expected: Option<(f64, f64, f64)>) {
    let actual = wilson_interval(successes, trials, Z_95).map(|i| (i.rate, i.low, i.high));
    match (actual, expected) {
        (Some(a), Some(e)) => {
            for (x, y) in [(a.0, e.0), (a.1, e.1), (a.2, e.2)] {
                assert!(
                    (x - y).abs() < 1e-12,
                    "{successes}/{trials}: {a:?} vs {e:?}"
                );
            }
        }
        _ => assert_eq!(actual, expected, "{successes}/{trials}"),
    }
}

#[test]
fn a_proportion_with_no_trials_or_impossible_counts_has_no_interval() {
    check(0, 0, None);
    check(5, 4, None);
    assert_eq!(wilson_interval(1, 2, 0.0), None);
    assert_eq!(wilson_interval(1, 2, -1.96), None);
    assert_eq!(wilson_interval(1, 2, f64::NAN), None);
    assert_eq!(wilson_interval(1, 2, f64::INFINITY), None);
}

#[test]
fn the_ends_of_the_range_keep_a_width() {
    // 0 of n: low is 0 and high is z²/(n + z²) (the closed form at p̂ = 0).
    let z2 = Z_95 * Z_95;
    check(0, 20, Some((0.0, 0.0, z2 / (20.0 + z2))));
    check(20, 20, Some((1.0, 20.0 / (20.0 + z2), 1.0)));
}

#[test]
fn a_half_is_centred_on_a_half() {
    let interval = wilson_interval(50, 100, Z_95).unwrap();
    assert!((interval.low + interval.high - 1.0).abs() < 1e-15);
    assert!(interval.low < 0.5 && interval.high > 0.5);
}

#[test]
fn churn_by_grade_counts_each_grade_and_leaves_empty_grades_without_a_rate() {
    let grades = [0, 1, 1, 0, 1];
    let churned = [false, true, false, false, true];
    let per_grade = churn_by_grade(&grades, &churned, 3, Z_95).unwrap();
    assert_eq!(
        per_grade
            .iter()
            .map(|g| (g.observations, g.churned))
            .collect::<Vec<_>>(),
        [(2, 0), (3, 2), (0, 0)]
    );
    assert_eq!(per_grade[0].churn_rate.unwrap().rate, 0.0);
    assert!((per_grade[1].churn_rate.unwrap().rate - 2.0 / 3.0).abs() < 1e-15);
    assert_eq!(per_grade[2].churn_rate, None);
}

#[test]
fn churn_by_grade_refuses_bad_input() {
    assert_eq!(
        churn_by_grade(&[0, 3], &[true, false], 3, Z_95),
        Err(ProofError::GradeOutOfRange {
            index: 1,
            grade: 3,
            grade_count: 3
        })
    );
    assert_eq!(
        churn_by_grade(&[0], &[true, false], 3, Z_95),
        Err(ProofError::LengthMismatch {
            what: "grades",
            expected: 2,
            found: 1
        })
    );
    assert!(matches!(
        churn_by_grade(&[0], &[true], 3, f64::NAN),
        Err(ProofError::InvalidOption { option: "z", .. })
    ));
    assert!(matches!(
        churn_by_grade(&[0], &[true], 1001, Z_95),
        Err(ProofError::InvalidOption {
            option: "grade_count",
            ..
        })
    ));
    let error = churn_by_grade(&[0, 3], &[true, false], 3, Z_95).unwrap_err();
    assert_eq!(
        error.to_string(),
        "grades[1] is 3, but there are only 3 grades"
    );
    assert_eq!(error.code(), crate::error::ErrorCode::INVALID_ARGUMENT);
}
