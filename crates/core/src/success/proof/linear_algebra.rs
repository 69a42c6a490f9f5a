//! The small dense linear algebra the logistic fits need: the Cholesky
//! factor of a symmetric positive-definite matrix (Golub & Van Loan,
//! algorithm 4.2.1), solving with it and its log-determinant; at most
//! 65 × 65 here.
//!
//! A matrix that is not positive definite (a pivot at or below a tiny
//! relative threshold, or not finite) gives `None`: the caller reports a
//! singular Hessian instead of dividing by zero.

/// Solves `matrix · x = rhs` for a symmetric positive-definite `matrix`
/// (`dimension`², row-major; only the lower triangle is read). `None` when
/// the shapes disagree or the matrix is not (numerically) positive definite.
pub(super) fn solve_positive_definite(
    matrix: &[f64],
    rhs: &[f64],
    dimension: usize,
) -> Option<Vec<f64>> {
    solve_with_factor(&cholesky(matrix, dimension)?, rhs, dimension)
}

/// The lower-triangular L with L·Lᵀ = `matrix` (row-major), or `None` when
/// the shapes disagree or a pivot is not finite and above 1e-13 of the
/// largest diagonal entry (a rank-deficient matrix).
pub(super) fn cholesky(matrix: &[f64], dimension: usize) -> Option<Vec<f64>> {
    if matrix.len() != dimension.checked_mul(dimension)? {
        return None;
    }
    let largest_diagonal = (0..dimension)
        .filter_map(|i| matrix.get(i * dimension + i))
        .fold(0.0f64, |largest, &value| largest.max(value.abs()));
    let pivot_floor = largest_diagonal * 1e-13;
    let mut lower = vec![0.0; dimension * dimension];
    for row in 0..dimension {
        for column in 0..=row {
            let mut sum = *matrix.get(row * dimension + column)?;
            for k in 0..column {
                sum -= lower.get(row * dimension + k)? * lower.get(column * dimension + k)?;
            }
            let entry = if row == column {
                if !(sum.is_finite() && sum > pivot_floor) {
                    return None;
                }
                sum.sqrt()
            } else {
                sum / lower.get(column * dimension + column)?
            };
            *lower.get_mut(row * dimension + column)? = entry;
        }
    }
    Some(lower)
}

/// y with L·y = `rhs`, for the factor `lower` from [`cholesky`].
pub(super) fn forward_substitute(lower: &[f64], rhs: &[f64], dimension: usize) -> Option<Vec<f64>> {
    if rhs.len() != dimension {
        return None;
    }
    let mut solution = rhs.to_vec();
    for row in 0..dimension {
        let mut sum = *solution.get(row)?;
        for k in 0..row {
            sum -= lower.get(row * dimension + k)? * solution.get(k)?;
        }
        *solution.get_mut(row)? = sum / lower.get(row * dimension + row)?;
    }
    Some(solution)
}

/// x with L·Lᵀ·x = `rhs`, finite, for the factor `lower`.
pub(super) fn solve_with_factor(lower: &[f64], rhs: &[f64], dimension: usize) -> Option<Vec<f64>> {
    let forward = forward_substitute(lower, rhs, dimension)?;
    back_substitute(lower, forward, dimension)
}

/// x with Lᵀ·x = `forward`, finite, for the factor `lower`.
fn back_substitute(lower: &[f64], mut solution: Vec<f64>, dimension: usize) -> Option<Vec<f64>> {
    for row in (0..dimension).rev() {
        let mut sum = *solution.get(row)?;
        for k in row + 1..dimension {
            sum -= lower.get(k * dimension + row)? * solution.get(k)?;
        }
        *solution.get_mut(row)? = sum / lower.get(row * dimension + row)?;
    }
    solution
        .iter()
        .all(|value| value.is_finite())
        .then_some(solution)
}

/// ln det(L·Lᵀ) = 2 Σ ln L_kk for the factor `lower`.
pub(super) fn log_determinant(lower: &[f64], dimension: usize) -> f64 {
    2.0 * (0..dimension)
        .filter_map(|k| lower.get(k * dimension + k))
        .map(|d| d.ln())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_positive_definite_system() {
        // [[4, 2], [2, 3]] · [1, 2] = [8, 8]
        let x = solve_positive_definite(&[4.0, 2.0, 2.0, 3.0], &[8.0, 8.0], 2).unwrap();
        assert!(
            (x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12,
            "{x:?}"
        );
    }

    #[test]
    fn refuses_singular_and_misshapen_systems() {
        assert_eq!(
            solve_positive_definite(&[1.0, 1.0, 1.0, 1.0], &[1.0, 1.0], 2),
            None
        );
        assert_eq!(
            solve_positive_definite(&[1.0, 0.0, 0.0, -1.0], &[1.0, 1.0], 2),
            None
        );
        assert_eq!(solve_positive_definite(&[1.0], &[1.0, 1.0], 2), None);
        assert_eq!(solve_positive_definite(&[f64::NAN], &[1.0], 1), None);
    }

    #[test]
    fn the_log_determinant_comes_from_the_factor() {
        let lower = cholesky(&[4.0, 2.0, 2.0, 3.0], 2).unwrap();
        assert!((log_determinant(&lower, 2) - 8f64.ln()).abs() < 1e-12);
    }
}
