//! Business-case helpers Excel lacks: simple ROI, payback period,
//! discounted payback and break-even volume.
//!
//! Conventions follow the rest of [`crate::finance`]: `cash_flows[0]` is
//! period 0 (the investment, usually negative) and later entries are the
//! ends of periods 1, 2, .... "Never pays back" is a value
//! ([`Payback::Never`]), not NaN. Nothing here reads formula values,
//! panics, or returns NaN or infinity.

use super::error::{finite_result, invalid, require_all_finite, require_finite_args, FinanceError};

/// When the cumulative cash flow first recovers the investment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Payback {
    /// The payback time in periods from period 0, fractional by linear
    /// interpolation within the period where the cumulative flow turns
    /// non-negative.
    Period(f64),
    /// The cumulative flow never gets back to zero.
    Never,
}

/// Simple return on investment `(gain − cost) / cost`, where `gain` is the
/// total return and `cost` the amount invested (0.25 means 25%).
/// `#DIV/0!` when `cost = 0`; `#NUM!` when `cost < 0`, since a negative
/// investment makes the ratio's sign meaningless.
pub fn simple_roi(gain: f64, cost: f64) -> Result<f64, FinanceError> {
    const F: &str = "ROI";
    require_finite_args(F, "gain cost", &[gain, cost])?;
    if cost == 0.0 {
        return Err(FinanceError::DivisionByZero {
            function: F,
            reason: "cost must not be zero",
        });
    }
    if cost < 0.0 {
        return Err(invalid(F, "cost", "must be greater than 0"));
    }
    finite_result(F, (gain - cost) / cost)
}

/// Payback period of `cash_flows` (period 0 first).
///
/// Policy: the first crossing. Find the first period where the cumulative
/// flow is negative; the payback is the first later point where it is back
/// at zero or above, interpolated linearly inside that period
/// (`t − 1 + shortfall / flowₜ`). Later dips below zero are ignored, as in
/// the usual spreadsheet formula. A cumulative flow that is never negative
/// pays back at period 0. `#NUM!` for an empty list.
pub fn payback_period(cash_flows: &[f64]) -> Result<Payback, FinanceError> {
    const F: &str = "PAYBACK";
    require_all_finite(F, "values", cash_flows)?;
    first_recovery(F, cash_flows.iter().copied())
}

/// Discounted payback period: as [`payback_period`] on the flows
/// `flowₜ / (1 + rate)^t` (period 0 undiscounted). `#NUM!` when
/// `rate <= -1` or the list is empty.
pub fn discounted_payback(rate: f64, cash_flows: &[f64]) -> Result<Payback, FinanceError> {
    const F: &str = "DPAYBACK";
    require_finite_args(F, "rate", &[rate])?;
    require_all_finite(F, "values", cash_flows)?;
    if rate <= -1.0 {
        return Err(invalid(F, "rate", "must be greater than -1"));
    }
    // (1+rate)^-t by repeated multiplication: one rounding per period.
    let discount = 1.0 / (1.0 + rate);
    let discounted = cash_flows.iter().scan(1.0, |factor, flow| {
        let value = flow * *factor;
        *factor *= discount;
        Some(value)
    });
    first_recovery(F, discounted)
}

fn first_recovery(
    function: &'static str,
    flows: impl Iterator<Item = f64>,
) -> Result<Payback, FinanceError> {
    let mut cumulative = 0.0;
    let mut seen_any = false;
    let mut underwater = false;
    for (t, flow) in flows.enumerate() {
        seen_any = true;
        let before = cumulative;
        cumulative += flow;
        if !cumulative.is_finite() {
            return Err(FinanceError::NotFinite { function });
        }
        if cumulative < 0.0 {
            underwater = true;
        } else if underwater {
            // before < 0 <= cumulative, so flow > 0 and the fraction is in (0, 1].
            let fraction = (-before / flow).clamp(0.0, 1.0);
            let period = finite_result(function, t as f64 - 1.0 + fraction)?;
            return Ok(Payback::Period(period));
        }
    }
    if !seen_any {
        return Err(invalid(function, "values", "must not be empty"));
    }
    Ok(if underwater {
        Payback::Never
    } else {
        Payback::Period(0.0)
    })
}

/// Units to sell to cover `fixed_costs`: `fixed_costs / (price − variable cost)`,
/// fractional (round up for whole units). `#DIV/0!` when the unit margin is
/// zero; `#NUM!` when it is negative (never breaks even) or when
/// `fixed_costs < 0`.
pub fn break_even_units(
    fixed_costs: f64,
    price_per_unit: f64,
    variable_cost_per_unit: f64,
) -> Result<f64, FinanceError> {
    const F: &str = "BREAKEVEN";
    require_finite_args(
        F,
        "fixed_costs price_per_unit variable_cost_per_unit",
        &[fixed_costs, price_per_unit, variable_cost_per_unit],
    )?;
    if fixed_costs < 0.0 {
        return Err(invalid(F, "fixed_costs", "must not be negative"));
    }
    let margin = price_per_unit - variable_cost_per_unit;
    if margin == 0.0 {
        return Err(FinanceError::DivisionByZero {
            function: F,
            reason: "price_per_unit equals variable_cost_per_unit, so each unit earns nothing",
        });
    }
    if margin < 0.0 {
        return Err(invalid(
            F,
            "price_per_unit",
            "must exceed variable_cost_per_unit, or no volume breaks even",
        ));
    }
    finite_result(F, fixed_costs / margin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(actual: Result<Payback, FinanceError>, expected: Payback) {
        match (actual, expected) {
            (Ok(Payback::Period(a)), Payback::Period(e)) => {
                assert!((a - e).abs() < 1e-12, "expected {e}, got {a}")
            }
            (actual, expected) => assert_eq!(actual, Ok(expected)),
        }
    }

    #[test]
    fn roi_and_break_even() {
        assert_eq!(simple_roi(125.0, 100.0), Ok(0.25));
        assert_eq!(
            simple_roi(1.0, 0.0).map_err(|e| e.excel_error_code()),
            Err("#DIV/0!")
        );
        assert_eq!(
            simple_roi(1.0, -1.0).map_err(|e| e.excel_error_code()),
            Err("#NUM!")
        );
        assert_eq!(break_even_units(10000.0, 50.0, 30.0), Ok(500.0));
        assert_eq!(
            break_even_units(1.0, 5.0, 5.0).map_err(|e| e.excel_error_code()),
            Err("#DIV/0!")
        );
        assert_eq!(
            break_even_units(1.0, 4.0, 5.0).map_err(|e| e.excel_error_code()),
            Err("#NUM!")
        );
    }

    #[test]
    fn payback_interpolates_the_first_crossing() {
        check(
            payback_period(&[-1000.0, 300.0, 400.0, 500.0]),
            Payback::Period(2.6),
        );
        check(
            payback_period(&[-1000.0, 500.0, 500.0]),
            Payback::Period(2.0),
        );
        check(payback_period(&[-1000.0, 100.0, 100.0]), Payback::Never);
        check(payback_period(&[100.0, 50.0]), Payback::Period(0.0));
        // The first crossing counts even if the total dips again later.
        check(
            payback_period(&[-100.0, 200.0, -500.0]),
            Payback::Period(0.5),
        );
        // Cumulative starts at zero, goes negative, then recovers.
        check(payback_period(&[0.0, -100.0, 200.0]), Payback::Period(1.5));
        assert!(payback_period(&[]).is_err());
    }

    #[test]
    fn discounted_payback_discounts_from_period_one() {
        // At 10% these discount to -1000, 500, 500, 500.
        let flows = [-1000.0, 550.0, 605.0, 665.5];
        check(discounted_payback(0.1, &flows), Payback::Period(2.0));
        check(
            discounted_payback(0.0, &[-1000.0, 300.0, 400.0, 500.0]),
            Payback::Period(2.6),
        );
        check(
            discounted_payback(0.5, &[-1000.0, 300.0, 400.0, 500.0]),
            Payback::Never,
        );
        assert!(discounted_payback(-1.0, &flows).is_err());
    }
}
