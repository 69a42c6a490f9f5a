//! Unit tests of `finance::solver`.

use super::*;

#[test]
fn grid_is_ascending_and_spans_the_documented_range() {
    let points: Vec<f64> = log_rate_grid().collect();
    assert_eq!(points.len(), 3301);
    assert!(points.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(points.first().copied(), Some(-30.0));
    assert_eq!(points.last().copied(), Some(30.0));
}

#[test]
fn newton_finds_a_square_root_and_respects_the_bound() {
    let root = newton(&|x| Some((x * x - 2.0, 2.0 * x)), 1.0, 0.0).unwrap();
    assert!((root - 2f64.sqrt()).abs() < 1e-12);
    // From -0.5 the first step lands at -2.25, below the bound.
    assert_eq!(newton(&|x| Some((x * x - 2.0, 2.0 * x)), -0.5, -1.0), None);
    // No root: x^2 + 1 never converges and stops at the cap.
    assert_eq!(newton(&|x| Some((x * x + 1.0, 2.0 * x)), 0.3, -10.0), None);
}

#[test]
fn grid_roots_find_every_sign_change() {
    let roots = grid_roots(&|y| (y - 0.25) * (y + 2.5) * (y - 7.0));
    assert_eq!(roots.len(), 3);
    for (found, expected) in roots.iter().zip([-2.5, 0.25, 7.0]) {
        assert!((found - expected).abs() < 1e-12, "{found} vs {expected}");
    }
    assert_eq!(
        closest_to(&roots, 0.0).map(|r| (r - 0.25).abs() < 1e-12),
        Some(true)
    );
    assert!(grid_roots(&|y| y * y + 1.0).is_empty());
}

#[cfg(feature = "workbench")]
#[test]
fn grid_points_by_index_match_the_grid() {
    for (index, point) in (0u32..).zip(log_rate_grid()) {
        assert_eq!(
            grid_point(index).to_bits(),
            point.to_bits(),
            "index {index}"
        );
    }
}

#[cfg(feature = "workbench")]
#[test]
fn few_grid_roots_equal_grid_roots_for_two_or_fewer_sign_changes() {
    let cases: [&dyn Fn(f64) -> f64; 6] = [
        &|y| (y - 0.25) * (y + 2.5),
        &|y| y - 0.0005,
        &|y| -(y + 29.95) * (y - 29.9),
        &|y| (y - 3.0) * (y - 3.3),
        &|y| y * y + 1.0,
        &|y| (y - 1e-9) * (y - 0.0011),
    ];
    for f in cases {
        let all = grid_roots(f);
        let few = few_grid_roots(f);
        assert_eq!(
            few.iter().map(|r| r.to_bits()).collect::<Vec<_>>(),
            all.iter().map(|r| r.to_bits()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn grid_roots_visits_every_grid_point_in_order() {
    let visited = std::cell::RefCell::new(Vec::new());
    let roots = grid_roots(&|y| {
        visited.borrow_mut().push(y);
        1.0
    });
    assert!(roots.is_empty());
    let expected: Vec<u64> = log_rate_grid().map(f64::to_bits).collect();
    let visited: Vec<u64> = visited.into_inner().into_iter().map(f64::to_bits).collect();
    assert_eq!(visited, expected);
}
