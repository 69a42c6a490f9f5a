//! The small dense linear algebra the logistic fit needs: solving a
//! symmetric positive-definite system by Cholesky factorisation
//! (Golub & Van Loan, algorithm 4.2.1), at most 65 × 65 here.
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
    if matrix.len() != dimension.checked_mul(dimension)? || rhs.len() != dimension {
        return None;
    }
    let largest_diagonal = (0..dimension)
        .filter_map(|i| matrix.get(i * dimension + i))
        .fold(0.0f64, |largest, &value| largest.max(value.abs()));
    // Pivots this small relative to the diagonal mean a rank-deficient matrix.
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
    // Forward substitution L·y = rhs, then back substitution Lᵀ·x = y.
    let mut solution = rhs.to_vec();
    for row in 0..dimension {
        let mut sum = *solution.get(row)?;
        for k in 0..row {
            sum -= lower.get(row * dimension + k)? * solution.get(k)?;
        }
        *solution.get_mut(row)? = sum / lower.get(row * dimension + row)?;
    }
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
}
