//! Internal rates of return: IRR (periodic), XIRR (dated, actual/365) and
//! `irr_roots`, which lists every real IRR above -100%.
//!
//! # Which root IRR and XIRR return
//!
//! Cash flows with several sign changes can have several rates of return.
//! Like Excel, IRR and XIRR run Newton's method from `guess` (default 10%)
//! and return the root it reaches. When Newton fails (no convergence within
//! [`solver::NEWTON_MAX_ITERATIONS`], a step to -100% or below, a zero
//! slope, overflow), they scan the rate grid of [`solver`] and return the
//! bracketed root closest to `guess`. `#NUM!` only when the flows lack a
//! positive or a negative value, or no root lies on the grid's range
//! (rates from about -100% + 1e-13 to 1e13).
//!
//! # Tolerance
//!
//! Excel iterates IRR at most 20 times to 0.00001% and XIRR 100 times to
//! 0.000001%. Yardstick's Newton stops at a step of 1e-12 relative to
//! `max(1, |rate|)` and is accepted only when NPV at the result is below
//! 1e-9 of `Σ|valueᵢ|·(1+rate)^-tᵢ`; grid roots are bisected to adjacent
//! doubles in `ln(1+rate)`.
//!
//! Values are scaled by their largest magnitude before solving (the roots
//! do not change), so flows of 1e300 do not overflow. Nothing here reads
//! formula values, panics, or returns NaN or infinity.

use super::cash_flow::year_fractions;
use super::error::{invalid, require_all_finite, require_finite, FinanceError};
use super::solver;

/// Cash flows at times in periods (or years), scaled to largest magnitude 1.
///
/// It borrows the flows and the times and scales each flow as it reads it
/// (`value * scale`, the same product every time), so an IRR allocates
/// nothing: Monte Carlo runs one per trial, and two vectors per IRR were
/// most of its time beside the sums.
struct Flows<'a> {
    unscaled: &'a [f64],
    scale: f64,
    /// `None` for periodic flows at times 0, 1, 2, ...
    times: Option<&'a [f64]>,
    last_time: f64,
    /// Times are 0, 1, 2, ...: discount factors come from repeated
    /// multiplication instead of one `exp` per flow (IRR's inner loop; in
    /// wasm `exp` is a software routine).
    periodic: bool,
}

impl<'a> Flows<'a> {
    fn new(values: &'a [f64], times: Option<&'a [f64]>) -> Flows<'a> {
        // Plain loops: each fold and `all` was a body of its own in the wasm.
        let mut largest = 0.0f64;
        for v in values {
            largest = largest.max(v.abs());
        }
        let scale = if largest > 0.0 { 1.0 / largest } else { 1.0 };
        let (last_time, periodic) = match times {
            Some(times) => {
                let (mut last, mut periodic) = (0.0f64, true);
                for (i, t) in times.iter().enumerate() {
                    last = last.max(*t);
                    periodic &= *t == i as f64;
                }
                (last, periodic)
            }
            // As the fold above over 0, 1, 2, ...
            None => (values.len().saturating_sub(1) as f64, true),
        };
        Flows {
            unscaled: values,
            scale,
            times,
            last_time,
            periodic,
        }
    }

    fn periodic(values: &'a [f64]) -> Flows<'a> {
        Flows::new(values, None)
    }

    /// The scaled flows in order.
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        let scale = self.scale;
        self.unscaled.iter().map(move |v| v * scale)
    }

    /// Each scaled flow with its time (as far as both go).
    fn timed(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let times = self.times;
        self.values()
            .enumerate()
            .map_while(move |(i, v)| match times {
                None => Some((v, i as f64)),
                Some(times) => times.get(i).map(|t| (v, *t)),
            })
    }

    /// NPV at `rate` and its derivative, or `None` for `rate <= -1`.
    fn npv_and_slope(&self, rate: f64) -> Option<(f64, f64)> {
        if rate.is_nan() || rate <= -1.0 {
            return None;
        }
        let (mut value, mut slope) = (0.0, 0.0);
        if self.periodic {
            // (1+rate)^-t by multiplication: n roundings for n flows, far
            // below the 1e-9 acceptance threshold for any horizon allowed.
            let discount = 1.0 / (1.0 + rate);
            let mut factor = 1.0;
            for (t, v) in self.values().enumerate() {
                let discounted = v * factor;
                value += discounted;
                slope -= t as f64 * discounted * discount;
                factor *= discount;
            }
            return Some((value, slope));
        }
        let log_growth = rate.ln_1p();
        for (v, t) in self.timed() {
            let discounted = v * (-t * log_growth).exp();
            value += discounted;
            slope -= t * discounted / (1.0 + rate);
        }
        Some((value, slope))
    }

    /// `Σ |valueᵢ|·(1+rate)^-tᵢ`: the size NPV is measured against.
    fn magnitude(&self, rate: f64) -> f64 {
        if self.periodic {
            // As in `npv_and_slope`: repeated multiplication rather than an
            // `exp` per flow (a software routine in wasm; half of an IRR's
            // time went here). Only a tolerance is scaled by it.
            let discount = 1.0 / (1.0 + rate);
            let mut factor = 1.0;
            let mut sum = 0.0;
            for v in self.values() {
                sum += v.abs() * factor;
                factor *= discount;
            }
            return sum;
        }
        let log_growth = rate.ln_1p();
        self.timed()
            .map(|(v, t)| v.abs() * (-t * log_growth).exp())
            .sum()
    }

    /// NPV at `rate = e^y − 1`, multiplied by `e^(y·T)` (T the last time)
    /// when `y < 0`: the same sign, and every exponent is at most 0, so it
    /// never overflows.
    fn scaled_npv_at_log_rate(&self, y: f64) -> f64 {
        let shift = if y < 0.0 { self.last_time } else { 0.0 };
        self.timed().map(|(v, t)| v * (y * (shift - t)).exp()).sum()
    }

    fn has_both_signs(&self) -> bool {
        // One plain loop instead of two `any` chains.
        let (mut positive, mut negative) = (false, false);
        for v in self.values() {
            positive |= v > 0.0;
            negative |= v < 0.0;
        }
        positive && negative
    }

    /// Every root on the solver grid, as rates, ascending.
    fn grid_roots(&self) -> Vec<f64> {
        let mut rates = Vec::new();
        for y in solver::grid_roots(&|y| self.scaled_npv_at_log_rate(y)) {
            let rate = y.exp_m1();
            if rate > -1.0 {
                rates.push(rate);
            }
        }
        rates
    }

    /// The policy in the module docs: Newton from `guess`, else the grid
    /// root closest to `guess`.
    fn solve(&self, function: &'static str, guess: f64) -> Result<f64, FinanceError> {
        if !self.has_both_signs() {
            return Err(FinanceError::NoSignChange { function });
        }
        if let Some(root) = solver::newton(&|r| self.npv_and_slope(r), guess, -1.0) {
            let accepted = self
                .npv_and_slope(root)
                .is_some_and(|(value, _)| value.abs() <= 1e-9 * self.magnitude(root));
            if accepted {
                return Ok(root);
            }
        }
        solver::closest_to(&self.grid_roots(), guess).ok_or(FinanceError::NoRoot {
            function,
            reason: "found no rate of return above -100% for these cash flows",
        })
    }
}

/// Excel's `IRR(values, [guess])`: the rate at which the NPV of `values`,
/// with `values₀` at time 0, is zero. Reference: Microsoft's IRR
/// documentation (default guess 10%; `#NUM!` when no result is found).
/// Root choice, tolerance and caps: see the module docs. `#NUM!` when the
/// values lack a positive or a negative value, when `guess <= -1`, or when
/// no root is found.
pub fn irr(values: &[f64], guess: f64) -> Result<f64, FinanceError> {
    const F: &str = "IRR";
    require_all_finite(F, "values", values)?;
    require_finite(F, "guess", guess)?;
    if guess <= -1.0 {
        return Err(invalid(F, "guess", "must be greater than -1"));
    }
    Flows::periodic(values).solve(F, guess)
}

/// Every real internal rate of return above -100% of periodic `values`
/// (`values₀` at time 0), ascending.
///
/// NPV is a polynomial in `1/(1+rate)`, so there are at most as many roots
/// as sign changes in `values` (Descartes' rule). They are found by scanning
/// the rate grid of [`solver`] (3,301 points of `ln(1+rate)` between -30 and
/// 30) for sign changes and bisecting each to adjacent doubles, so the work
/// is bounded by about `3,301 + 60·roots` NPV evaluations. Limits: roots
/// closer together than the grid spacing, or where NPV touches zero without
/// changing sign, can be missed; rates beyond the grid's range are not
/// listed. Values without both a positive and a negative value have no root
/// and give an empty list (so do all-zero values, whose NPV is zero
/// everywhere). Non-finite values are an error.
pub fn irr_roots(values: &[f64]) -> Result<Vec<f64>, FinanceError> {
    const F: &str = "IRRROOTS";
    require_all_finite(F, "values", values)?;
    let flows = Flows::periodic(values);
    if !flows.has_both_signs() {
        return Ok(Vec::new());
    }
    Ok(flows.grid_roots())
}

/// Excel's `XIRR(values, dates, [guess])`: the rate at which
/// `Σ valuesᵢ / (1+rate)^((datesᵢ − dates₀)/365)` is zero.
///
/// Reference: Microsoft's XIRR documentation: dates are truncated to whole
/// days; `#NUM!` when values and dates differ in count, when a date precedes
/// the first date, or when the values lack a positive or a negative value;
/// `#VALUE!` when a date is not a valid serial number. (MS-OI29500 notes
/// that current Excel tolerates dates before the first; Yardstick follows
/// the function documentation and returns `#NUM!`.) Root choice, tolerance
/// and caps: see the module docs; `guess <= -1` is `#NUM!`.
pub fn xirr(values: &[f64], dates: &[f64], guess: f64) -> Result<f64, FinanceError> {
    const F: &str = "XIRR";
    require_all_finite(F, "values", values)?;
    require_finite(F, "guess", guess)?;
    let years = year_fractions(F, values.len(), dates)?;
    if guess <= -1.0 {
        return Err(invalid(F, "guess", "must be greater than -1"));
    }
    Flows::new(values, Some(&years)).solve(F, guess)
}

#[cfg(test)]
#[path = "irr_test.rs"]
mod tests;
