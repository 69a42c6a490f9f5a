//! Unit tests of the shared Newton loop on small problems whose path is
//! known: convergence, step halving, the fallback when no halving helps,
//! and each failure with its iteration.

use super::*;

fn limits(max_iterations: usize, check_separation: bool) -> NewtonLimits {
    NewtonLimits {
        max_iterations,
        tolerance: 1e-10,
        check_separation,
    }
}

/// −(θ₁ − 3)² − (θ₀ + 1)²: maximised at (−1, 3).
fn bowl(theta: &[f64]) -> Option<f64> {
    Some(-(theta[1] - 3.0).powi(2) - (theta[0] + 1.0).powi(2))
}

#[test]
fn an_exact_newton_step_converges_on_the_next_iteration() {
    let exact = |theta: &[f64]| Some(vec![-1.0 - theta[0], 3.0 - theta[1]]);
    let (theta, iterations) = maximise(vec![0.0, 0.0], limits(100, true), bowl, exact).unwrap();
    assert_eq!(theta, vec![-1.0, 3.0]);
    // The first step lands on the optimum, the second moves by 0.
    assert_eq!(iterations, 2);
}

#[test]
fn an_overshooting_step_is_halved_until_the_objective_does_not_fall() {
    // Five times the exact step: t = 1 and ½ overshoot to a lower value
    // than the start's −10, ¼ lands at −0.625.
    let mut tried = Vec::new();
    let objective = |theta: &[f64]| {
        tried.push(theta.to_vec());
        bowl(theta)
    };
    let long = |theta: &[f64]| Some(vec![5.0 * (-1.0 - theta[0]), 5.0 * (3.0 - theta[1])]);
    let one_iteration = maximise(vec![0.0, 0.0], limits(1, true), objective, long);
    assert_eq!(
        one_iteration,
        Err(ProofError::NotConverged { iterations: 1 })
    );
    assert_eq!(
        tried,
        vec![
            vec![0.0, 0.0],
            vec![-5.0, 15.0],
            vec![-2.5, 7.5],
            vec![-1.25, 3.75]
        ]
    );
    // Each accepted quarter step cuts the distance to the optimum by 4
    // (a tolerance well above where the slack would let t = 1 through).
    let loose = NewtonLimits {
        tolerance: 1e-5,
        ..limits(100, true)
    };
    let (theta, iterations) = maximise(vec![0.0, 0.0], loose, bowl, long).unwrap();
    assert!((theta[0] + 1.0).abs() < 1e-5 && (theta[1] - 3.0).abs() < 1e-5);
    assert!(iterations > 5, "{iterations}");
}

#[test]
fn when_no_halving_helps_the_smallest_step_is_taken_and_reported() {
    // A cliff: any move off θ₁ = 3 falls by 1, so every try fails and
    // t = ½^30 is taken; the step (0, −6) makes a move of 6 × ½^30.
    let cliff = |theta: &[f64]| Some(if theta[1] == 3.0 { 0.0 } else { -1.0 });
    let downhill = |_: &[f64]| Some(vec![0.0, -6.0]);
    let smallest = 0.5_f64.powi(30);
    let loose = NewtonLimits {
        tolerance: 7.0 * smallest,
        ..limits(5, true)
    };
    let (theta, iterations) = maximise(vec![-1.0, 3.0], loose, cliff, downhill).unwrap();
    assert_eq!(iterations, 1);
    assert_eq!(theta, vec![-1.0, 3.0 - 6.0 * smallest]);
    // Below the move made, the loop goes on (and, on the flat beyond the
    // cliff, full steps never converge).
    let tight = NewtonLimits {
        tolerance: 5.0 * smallest,
        ..loose
    };
    assert_eq!(
        maximise(vec![-1.0, 3.0], tight, cliff, downhill),
        Err(ProofError::NotConverged { iterations: 5 })
    );
}

#[test]
fn no_step_or_no_objective_is_a_singular_hessian_at_that_iteration() {
    let none = |_: &[f64]| None::<Vec<f64>>;
    assert_eq!(
        maximise(vec![0.0, 0.0], limits(10, true), bowl, none),
        Err(ProofError::SingularHessian { iteration: 1 })
    );
    let no_objective = |_: &[f64]| None::<f64>;
    let exact = |theta: &[f64]| Some(vec![-1.0 - theta[0], 3.0 - theta[1]]);
    assert_eq!(
        maximise(vec![0.0, 0.0], limits(10, true), no_objective, exact),
        Err(ProofError::SingularHessian { iteration: 1 })
    );
    // A step after the first fails at the second iteration.
    let mut calls = 0;
    let once = |theta: &[f64]| {
        calls += 1;
        (calls == 1).then(|| vec![-1.0 - theta[0], 3.0 - theta[1]])
    };
    assert_eq!(
        maximise(vec![0.0, 0.0], limits(10, true), bowl, once),
        Err(ProofError::SingularHessian { iteration: 2 })
    );
}

#[test]
fn coefficients_growing_past_the_limit_are_separation_when_checked() {
    // An ever-rising objective in θ₁ and a step of 10: θ₁ passes 50 at
    // iteration 6. The intercept θ₀ is not checked.
    let rising = |theta: &[f64]| Some(theta[1]);
    let ten = |_: &[f64]| Some(vec![100.0, 10.0]);
    assert_eq!(
        maximise(vec![0.0, 0.0], limits(100, true), rising, ten),
        Err(ProofError::Separation { iterations: 6 })
    );
    assert_eq!(
        maximise(vec![0.0, 0.0], limits(100, false), rising, ten),
        Err(ProofError::NotConverged { iterations: 100 })
    );
}
