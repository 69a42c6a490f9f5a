//! Bounded root finding shared by RATE, IRR and XIRR: Newton's method from a
//! guess, and a safe fallback that scans a fixed grid of rates for sign
//! changes and refines each one by bisection.
//!
//! Every loop here has a fixed iteration cap, so no input can make a solver
//! hang. The solvers never decide which root a function returns; the callers
//! do, and document it.
//!
//! # The rate grid
//!
//! Rates above -100% are scanned in the variable `y = ln(1 + rate)`, which
//! maps `(-1, ∞)` onto the real line and spreads rates near -100% apart.
//! The grid covers `y ∈ [-30, 30]`, that is rates from about
//! `-1 + 9.4e-14` to `1.07e13`, with spacing 0.001 for `|y| ≤ 1`
//! (rates -63% to +172%), 0.01 for `1 < |y| ≤ 5` and 0.1 beyond: 3,301
//! points in all. Two roots closer together than the local spacing, or a
//! root where the function touches zero without changing sign (an
//! even-multiplicity root), can be missed unless it falls on a grid point.

/// The most Newton steps any solver takes before falling back.
pub const NEWTON_MAX_ITERATIONS: usize = 100;

/// Newton stops once a step is at most this fraction of `max(1, |rate|)`.
pub const NEWTON_RELATIVE_TOLERANCE: f64 = 1e-12;

/// The most bisection steps used to refine one bracketed root. Grid cells are
/// at most 0.1 wide, so about 60 halvings reach adjacent doubles; the cap is
/// a hard stop.
pub const BISECTION_MAX_ITERATIONS: usize = 200;

/// A grid segment: from `start` (inclusive), `steps` steps of `step`.
struct Segment {
    start: f64,
    step: f64,
    steps: u32,
}

/// The grid of `y = ln(1 + rate)` described in the module docs, ascending.
const GRID: [Segment; 5] = [
    Segment {
        start: -30.0,
        step: 0.1,
        steps: 250,
    },
    Segment {
        start: -5.0,
        step: 0.01,
        steps: 400,
    },
    Segment {
        start: -1.0,
        step: 0.001,
        steps: 2000,
    },
    Segment {
        start: 1.0,
        step: 0.01,
        steps: 400,
    },
    Segment {
        start: 5.0,
        step: 0.1,
        steps: 250,
    },
];

/// The grid points in ascending order, ending with the last point 30: the
/// tests' reference for the points [`grid_roots`] and `grid_point` visit.
#[cfg(test)]
pub(crate) fn log_rate_grid() -> impl Iterator<Item = f64> {
    GRID.iter()
        .flat_map(|segment| {
            (0..segment.steps).map(move |i| segment.start + f64::from(i) * segment.step)
        })
        .chain(std::iter::once(30.0))
}

/// Newton's method from `guess`. `value_and_slope(x)` returns the function
/// and its derivative at `x`, or `None` where it cannot be evaluated.
/// Iterates stay strictly above `lower_bound`; stepping to or below it, a
/// zero or non-finite slope, or reaching [`NEWTON_MAX_ITERATIONS`] all mean
/// failure (`None`), and the caller falls back to the grid.
///
/// The function is a trait object (here and in [`grid_roots`]) so one copy
/// of each loop serves RATE, IRR, XIRR and IRRROOTS; a call per step is
/// nothing beside the cash-flow sums it makes.
pub(crate) fn newton(
    value_and_slope: &dyn Fn(f64) -> Option<(f64, f64)>,
    guess: f64,
    lower_bound: f64,
) -> Option<f64> {
    let mut x = guess;
    if !x.is_finite() || x <= lower_bound {
        return None;
    }
    for _ in 0..NEWTON_MAX_ITERATIONS {
        let (value, slope) = value_and_slope(x)?;
        if !value.is_finite() || !slope.is_finite() {
            return None;
        }
        if value == 0.0 {
            return Some(x);
        }
        if slope == 0.0 {
            return None;
        }
        let step = value / slope;
        let next = x - step;
        if !next.is_finite() || next <= lower_bound {
            return None;
        }
        if step.abs() <= NEWTON_RELATIVE_TOLERANCE * next.abs().max(1.0) {
            return Some(next);
        }
        x = next;
    }
    None
}

/// Refines a root of `f` inside `[low, high]`, where `f(low)` and `f(high)`
/// are non-zero and of opposite sign, by bisection until the interval holds
/// no double strictly between its ends or [`BISECTION_MAX_ITERATIONS`] is
/// reached. Returns the end with the smaller `|f|`.
pub(crate) fn bisect(f: &dyn Fn(f64) -> f64, low: f64, high: f64, f_low: f64, f_high: f64) -> f64 {
    let (mut low, mut high, mut f_low, mut f_high) = (low, high, f_low, f_high);
    for _ in 0..BISECTION_MAX_ITERATIONS {
        let mid = 0.5 * (low + high);
        if !(mid > low && mid < high) {
            break;
        }
        let f_mid = f(mid);
        if f_mid == 0.0 {
            return mid;
        }
        if !f_mid.is_finite() {
            break;
        }
        if (f_mid < 0.0) == (f_low < 0.0) {
            low = mid;
            f_low = f_mid;
        } else {
            high = mid;
            f_high = f_mid;
        }
    }
    if f_low.abs() <= f_high.abs() {
        low
    } else {
        high
    }
}

/// Every root of `f` found on the log-rate grid, ascending: grid points
/// where `f` is exactly zero, and one refined root per grid cell whose ends
/// differ in sign. Points where `f` is not finite are skipped. `f` may be
/// any positive multiple of the function whose roots are wanted (the
/// callers scale it to avoid overflow); only its sign matters.
pub(crate) fn grid_roots(f: &dyn Fn(f64) -> f64) -> Vec<f64> {
    let mut roots = Vec::new();
    let mut previous: Option<(f64, f64)> = None;
    let mut visit = |y: f64| {
        let value = f(y);
        if !value.is_finite() {
            previous = None;
            return;
        }
        if value == 0.0 {
            roots.push(y);
        } else if let Some((prev_y, prev_value)) = previous {
            if prev_value != 0.0 && (prev_value < 0.0) != (value < 0.0) {
                roots.push(bisect(f, prev_y, y, prev_value, value));
            }
        }
        previous = Some((y, value));
    };
    // Nested loops, then the last point: the flat_map/chain iterator was a
    // body of its own in the wasm.
    for segment in &GRID {
        for i in 0..segment.steps {
            visit(segment.start + f64::from(i) * segment.step);
        }
    }
    visit(30.0);
    roots
}

/// The number of points of the log-rate grid.
#[cfg(feature = "workbench")]
const GRID_POINTS: u32 = 3301;

/// Grid point number `index` (0 is -30, `GRID_POINTS − 1` is 30), equal to
/// the log-rate grid's point of that index.
#[cfg(feature = "workbench")]
fn grid_point(index: u32) -> f64 {
    let mut rest = index;
    for segment in &GRID {
        if rest < segment.steps {
            return segment.start + f64::from(rest) * segment.step;
        }
        rest -= segment.steps;
    }
    30.0
}

/// The same roots as [`grid_roots`], for an `f` with at most two sign
/// changes above -100% (RATE's annuity identity: a four-term generalized
/// polynomial in `1+rate` with one root fixed at 0, so by Descartes' rule
/// of signs at most two others), found with about 70 evaluations instead
/// of 3,301: `f` is sampled at every 50th grid point, each coarse cell
/// whose ends differ in sign is narrowed to its sign-changing grid cell by
/// binary search over grid indices, and that cell is bisected exactly as
/// [`grid_roots`] does. A coarse scan that finds no sign change, meets an
/// exact zero or a non-finite value cannot rule out a pair of roots inside
/// one coarse cell, so it hands over to the full [`grid_roots`] scan.
/// Full build only (see RATE).
#[cfg(feature = "workbench")]
pub(crate) fn few_grid_roots(f: &dyn Fn(f64) -> f64) -> Vec<f64> {
    const STRIDE: u32 = 50;
    let mut roots = Vec::new();
    let mut low = 0;
    let mut f_low = f(grid_point(0));
    while low < GRID_POINTS - 1 {
        let high = (low + STRIDE).min(GRID_POINTS - 1);
        let f_high = f(grid_point(high));
        if !(f_low.is_finite() && f_high.is_finite()) || f_low == 0.0 || f_high == 0.0 {
            return grid_roots(f);
        }
        if (f_low < 0.0) != (f_high < 0.0) {
            let (mut a, mut f_a, mut b, mut f_b) = (low, f_low, high, f_high);
            while b - a > 1 {
                let mid = a + (b - a) / 2;
                let f_mid = f(grid_point(mid));
                if !f_mid.is_finite() || f_mid == 0.0 {
                    return grid_roots(f);
                }
                if (f_mid < 0.0) == (f_a < 0.0) {
                    (a, f_a) = (mid, f_mid);
                } else {
                    (b, f_b) = (mid, f_mid);
                }
            }
            roots.push(bisect(f, grid_point(a), grid_point(b), f_a, f_b));
        }
        low = high;
        f_low = f_high;
    }
    if roots.is_empty() {
        return grid_roots(f);
    }
    roots
}

/// The element of `candidates` closest to `target` (the first on a tie).
pub(crate) fn closest_to(candidates: &[f64], target: f64) -> Option<f64> {
    // A plain loop: the fold was a body of its own in the wasm.
    let mut best: Option<f64> = None;
    for &candidate in candidates {
        match best {
            Some(kept) if (kept - target).abs() <= (candidate - target).abs() => {}
            _ => best = Some(candidate),
        }
    }
    best
}

#[cfg(test)]
#[path = "solver_test.rs"]
mod tests;
