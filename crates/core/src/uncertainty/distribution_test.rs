//! Unit tests of `uncertainty::distribution`.

use super::*;

fn check(actual: Result<f64, DistributionError>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap();
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn analytic_moments() {
    check(
        Distribution::Uniform { min: 2.0, max: 8.0 }.mean(),
        5.0,
        1e-12,
    );
    check(
        Distribution::Uniform { min: 0.0, max: 1.0 }.std_dev(),
        0.288_675_134_594_812_9,
        1e-15,
    );
    let triangular = Distribution::Triangular {
        min: 300.0,
        mode: 500.0,
        max: 600.0,
    };
    check(triangular.mean(), 1400.0 / 3.0, 1e-9);
    // (a²+b²+c²−ab−ac−bc)/18 = 70000/18.
    check(triangular.std_dev(), (70_000.0f64 / 18.0).sqrt(), 1e-9);
    let pert = Distribution::Pert {
        min: 0.0,
        mode: 2.0,
        max: 10.0,
    };
    check(pert.mean(), 18.0 / 6.0, 1e-12);
    // α = 1.8, β = 4.2: Var = 100·7.56/252 = 3.
    check(pert.std_dev(), 3f64.sqrt(), 1e-12);
    let normal = Distribution::Normal {
        mean: 10.0,
        sd: 2.0,
        min: None,
        max: None,
    };
    check(normal.mean(), 10.0, 0.0);
    check(normal.std_dev(), 2.0, 0.0);
    let half = Distribution::Normal {
        mean: 10.0,
        sd: 2.0,
        min: Some(10.0),
        max: None,
    };
    check(
        half.mean(),
        10.0 + 2.0 * (2.0 / std::f64::consts::PI).sqrt(),
        1e-12,
    );
}

#[test]
fn low_high_for_sensitivity() {
    let pert = Distribution::Pert {
        min: 1.0,
        mode: 2.0,
        max: 5.0,
    };
    assert_eq!(pert.low_high(), Ok((1.0, 5.0)));
    let unbounded = Distribution::Normal {
        mean: 100.0,
        sd: 10.0,
        min: None,
        max: None,
    };
    let (low, high) = unbounded.low_high().unwrap();
    assert!((low - 87.184_484_344_554).abs() < 1e-12, "{low}");
    assert!((high - 112.815_515_655_446).abs() < 1e-12, "{high}");
    let floored = Distribution::Normal {
        mean: 100.0,
        sd: 10.0,
        min: Some(95.0),
        max: None,
    };
    assert_eq!(floored.low_high().unwrap().0, 95.0);
    let above = Distribution::Normal {
        mean: 0.0,
        sd: 1.0,
        min: Some(5.0),
        max: None,
    };
    assert_eq!(above.low_high(), Ok((5.0, 5.0)));
}

#[test]
fn validation_names_the_problem() {
    let cases = [
        Distribution::Uniform { min: 1.0, max: 1.0 },
        Distribution::Triangular {
            min: 0.0,
            mode: 2.0,
            max: 1.0,
        },
        Distribution::Pert {
            min: f64::NAN,
            mode: 0.0,
            max: 1.0,
        },
        Distribution::Normal {
            mean: 0.0,
            sd: 0.0,
            min: None,
            max: None,
        },
        Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            min: Some(2.0),
            max: Some(1.0),
        },
        Distribution::Uniform {
            min: -1e301,
            max: 0.0,
        },
    ];
    let messages: Vec<String> = cases
        .iter()
        .map(|d| d.validate().unwrap_err().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "uniform: min must be less than max, got min 1 and max 1",
            "triangular: mode must lie between min and max, got min 0, mode 2, max 1",
            "pert: min must be a finite number of magnitude at most 1e300, got NaN",
            "normal: sd must be greater than 0, got 0",
            "normal: min must be less than max, got min 2 and max 1",
            "uniform: min must be a finite number of magnitude at most 1e300, got -1e301",
        ]
    );
    for case in cases {
        assert!(case.mean().is_err() && case.low_high().is_err() && case.std_dev().is_err());
    }
}

#[test]
fn extreme_valid_parameters_stay_finite() {
    let wide = Distribution::Triangular {
        min: -1e300,
        mode: 1e300,
        max: 1e300,
    };
    assert!(wide.std_dev().unwrap().is_finite() && wide.mean().unwrap().is_finite());
    let tiny_sd = Distribution::Normal {
        mean: 1e300,
        sd: 1e-300,
        min: Some(-1e300),
        max: None,
    };
    assert!(tiny_sd.mean().unwrap().is_finite() && tiny_sd.std_dev().unwrap().is_finite());
}
