//! Unit tests of the standard normal: CDF and quantile against reference
//! values, and the truncated sampler's range and moments.

use super::*;

fn check(actual: f64, expected: f64, relative_tolerance: f64) {
    let scale = expected.abs().max(f64::MIN_POSITIVE);
    assert!(
        ((actual - expected) / scale).abs() <= relative_tolerance,
        "expected {expected:e}, got {actual:e}"
    );
}

#[test]
fn cdf_matches_reference_values() {
    // References: 0.5·erfc(-z/√2) from Python's math.erfc (correctly rounded libm).
    check(standard_normal_cdf(0.0), 0.5, 1e-15);
    check(standard_normal_cdf(-1.0), 0.158_655_253_931_457_07, 1e-14);
    check(standard_normal_cdf(1.2815515655446004), 0.9, 1e-14);
    check(standard_normal_cdf(-5.0), 2.866_515_718_791_946e-7, 1e-13);
    check(standard_normal_cdf(-10.0), 7.619_853_024_160_593e-24, 1e-13);
    check(
        standard_normal_cdf(-30.0),
        4.906_713_927_148_764e-198,
        1e-12,
    );
    assert_eq!(standard_normal_cdf(-40.0), 0.0);
    assert_eq!(standard_normal_cdf(f64::NEG_INFINITY), 0.0);
    assert_eq!(standard_normal_cdf(f64::INFINITY), 1.0);
}

#[test]
fn quantile_matches_reference_values() {
    check(standard_normal_quantile(0.9), 1.2815515655446004, 1e-15);
    check(standard_normal_quantile(0.1), -1.2815515655446004, 1e-15);
    check(
        standard_normal_quantile(0.975),
        1.959_963_984_540_053_6,
        1e-15,
    );
    check(
        standard_normal_quantile(1e-10),
        -6.361_340_902_404_056,
        1e-14,
    );
    check(
        standard_normal_quantile(1e-300),
        -37.047_096_299_361_2,
        1e-13,
    );
    assert_eq!(standard_normal_quantile(0.5), 0.0);
    assert_eq!(standard_normal_quantile(0.0), -38.5);
    assert_eq!(standard_normal_quantile(1.0), 38.5);
}

#[test]
fn quantile_inverts_cdf() {
    for &z in &[-30.0, -8.0, -3.0, -1.0, -0.1, 0.3, 2.0, 5.0] {
        check(standard_normal_quantile(standard_normal_cdf(z)), z, 1e-9);
    }
}

#[test]
fn truncated_samples_stay_in_the_interval_everywhere() {
    let intervals = [
        (-1.0, 1.0),
        (2.0, f64::INFINITY),
        (f64::NEG_INFINITY, -3.0),
        (40.0, 41.0),
        (-1e300, -1e299),
        (0.0, 1e-300),
        (-50.0, f64::INFINITY),
        (f64::NEG_INFINITY, f64::INFINITY),
        (f64::INFINITY, f64::INFINITY),
        (f64::NEG_INFINITY, f64::NEG_INFINITY),
    ];
    for (lower, upper) in intervals {
        for u in [1e-16, 0.1, 0.5, 0.9, 1.0 - 1e-16] {
            let z = truncated_standard_normal(lower, upper, u);
            assert!(z >= lower && z <= upper, "{lower} {upper} {u}: {z}");
            // Only an interval at one infinity has no finite point.
            assert!(z.is_finite() || lower == upper, "{lower} {upper} {u}: {z}");
        }
        let (mean, variance) = truncated_standard_moments(lower, upper);
        assert!(mean >= lower && mean <= upper, "{lower} {upper}: {mean}");
        assert!(variance.is_finite() && variance >= 0.0);
    }
}

#[test]
fn truncated_moments_match_known_values() {
    // Half-normal: mean √(2/π), variance 1 − 2/π.
    let (mean, variance) = truncated_standard_moments(0.0, f64::INFINITY);
    check(mean, (2.0 / std::f64::consts::PI).sqrt(), 1e-13);
    check(variance, 1.0 - 2.0 / std::f64::consts::PI, 1e-13);
    let (mean, variance) = truncated_standard_moments(f64::NEG_INFINITY, f64::INFINITY);
    assert_eq!((mean, variance), (0.0, 1.0));
    // Far tail: the exponential approximation's mean is within 1/c³ of the truth.
    let (mean, _) = truncated_standard_moments(50.0, f64::INFINITY);
    check(mean, 50.0 + 1.0 / 50.0, 1e-5);
}
