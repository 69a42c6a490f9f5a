//! Time value of money for level payments: PV, FV, PMT, NPER and RATE with
//! Excel's argument order, defaults, sign convention (cash paid out is
//! negative) and error results.
//!
//! All five solve the same equation (Excel's documented annuity identity):
//!
//! ```text
//! pv·(1+rate)^nper + pmt·(1 + rate·type)·((1+rate)^nper − 1)/rate + fv = 0
//! ```
//!
//! which for `rate = 0` becomes `pv + pmt·nper + fv = 0`. Powers are taken
//! through `ln_1p` / `exp_m1`, so rates very close to zero keep full
//! precision instead of cancelling. Nothing here reads formula values; the
//! functions never panic and never return NaN or infinity.

use super::error::{finite_result, invalid, require_finite_args, FinanceError};
use super::solver;

/// When level payments fall in each period: Excel's `type` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PaymentTiming {
    /// Payments at the end of each period (Excel `type` 0, the default).
    #[default]
    End,
    /// Payments at the start of each period (Excel `type` 1).
    Start,
}

impl PaymentTiming {
    /// Reads Excel's `type` argument as PV, FV, PMT, NPER, RATE, IPMT and
    /// PPMT do: 0 is [`PaymentTiming::End`] and any other value, such as 2
    /// or 0.5, is [`PaymentTiming::Start`]. Reference: Microsoft's
    /// implementation notes for the Office Open XML standard (MS-OI29500,
    /// IPMT and PPMT): "any nonzero value of argument type is equivalent to
    /// 1" and the value is not truncated. LibreOffice and Gnumeric agree.
    pub fn from_excel_type(type_value: f64) -> PaymentTiming {
        if type_value == 0.0 {
            PaymentTiming::End
        } else {
            PaymentTiming::Start
        }
    }

    /// Reads the stricter `type` of CUMIPMT and CUMPRINC: truncated to an
    /// integer, it must be 0 or 1, else `#NUM!` (Microsoft's CUMIPMT and
    /// CUMPRINC documentation: "If type is any number other than 0 or 1,
    /// CUMIPMT returns the #NUM! error value").
    pub fn from_excel_type_strict(
        function: &'static str,
        type_value: f64,
    ) -> Result<PaymentTiming, FinanceError> {
        let truncated = type_value.trunc();
        if truncated == 0.0 {
            Ok(PaymentTiming::End)
        } else if truncated == 1.0 {
            Ok(PaymentTiming::Start)
        } else {
            Err(invalid(function, "type", "must be 0 or 1"))
        }
    }

    /// Excel's numeric `type`: 0 for end, 1 for start.
    pub fn as_excel_type(self) -> f64 {
        match self {
            PaymentTiming::End => 0.0,
            PaymentTiming::Start => 1.0,
        }
    }
}

/// The compounding factors of one rate over `nper` periods.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Factors {
    /// `(1+rate)^nper`.
    pub growth: f64,
    /// `(1+rate)^-nper`.
    pub discount: f64,
    /// `((1+rate)^nper − 1)/rate`, or `nper` when the rate is zero.
    pub annuity: f64,
    /// `(1 − (1+rate)^-nper)/rate`, or `nper` when the rate is zero.
    pub pv_annuity: f64,
}

impl Factors {
    pub fn new(rate: f64, nper: f64) -> Factors {
        if rate == 0.0 {
            return Factors {
                growth: 1.0,
                discount: 1.0,
                annuity: nper,
                pv_annuity: nper,
            };
        }
        if rate > -1.0 {
            let log_growth = nper * rate.ln_1p();
            Factors {
                growth: log_growth.exp(),
                discount: (-log_growth).exp(),
                annuity: log_growth.exp_m1() / rate,
                pv_annuity: -(-log_growth).exp_m1() / rate,
            }
        } else {
            // (1+rate) <= 0: defined by Excel for whole nper only; powf gives
            // NaN otherwise, which the callers turn into #NUM!.
            let growth = (1.0 + rate).powf(nper);
            let discount = (1.0 + rate).powf(-nper);
            Factors {
                growth,
                discount,
                annuity: (growth - 1.0) / rate,
                pv_annuity: (1.0 - discount) / rate,
            }
        }
    }
}

/// `1 + rate·type`: payments at the start earn one more period.
fn timing_factor(rate: f64, timing: PaymentTiming) -> f64 {
    match timing {
        PaymentTiming::End => 1.0,
        PaymentTiming::Start => 1.0 + rate,
    }
}

/// Excel's `PV(rate, nper, pmt, [fv], [type])`: the present value of level
/// payments `pmt` and a final `fv`. Closed form (Microsoft's PV
/// documentation); `rate = 0` uses `−(fv + pmt·nper)`. Exact to rounding;
/// no iteration. `#NUM!` when the result is not finite.
pub fn pv(
    rate: f64,
    nper: f64,
    pmt: f64,
    fv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "PV";
    require_finite_args(
        F,
        &[("rate", rate), ("nper", nper), ("pmt", pmt), ("fv", fv)],
    )?;
    let factors = Factors::new(rate, nper);
    let value = -(fv * factors.discount + pmt * timing_factor(rate, timing) * factors.pv_annuity);
    finite_result(F, value)
}

/// Excel's `FV(rate, nper, pmt, [pv], [type])`: the future value of `pv`
/// and level payments `pmt`. Closed form (Microsoft's FV documentation);
/// `rate = 0` uses `−(pv + pmt·nper)`. No iteration. `#NUM!` when the
/// result is not finite.
pub fn fv(
    rate: f64,
    nper: f64,
    pmt: f64,
    pv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "FV";
    require_finite_args(
        F,
        &[("rate", rate), ("nper", nper), ("pmt", pmt), ("pv", pv)],
    )?;
    let factors = Factors::new(rate, nper);
    let value = -(pv * factors.growth + pmt * timing_factor(rate, timing) * factors.annuity);
    finite_result(F, value)
}

/// Excel's `PMT(rate, nper, pv, [fv], [type])`: the level payment that
/// turns `pv` into `fv` over `nper` periods. Closed form (Microsoft's PMT
/// documentation); `rate = 0` uses `−(pv + fv)/nper`. `nper = 0` is
/// `#NUM!`, as are non-finite results. No iteration.
pub fn pmt(
    rate: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "PMT";
    require_finite_args(F, &[("rate", rate), ("nper", nper), ("pv", pv), ("fv", fv)])?;
    if nper == 0.0 {
        return Err(invalid(F, "nper", "must not be zero"));
    }
    let factors = Factors::new(rate, nper);
    let timing_factor = timing_factor(rate, timing);
    // Divide through by the larger of growth and discount so neither overflows.
    let value = if factors.growth.abs() >= 1.0 {
        -(fv * factors.discount + pv) / (timing_factor * factors.pv_annuity)
    } else {
        -(fv + pv * factors.growth) / (timing_factor * factors.annuity)
    };
    finite_result(F, value)
}

/// Excel's `NPER(rate, pmt, pv, [fv], [type])`: the number of periods for
/// `pv` to reach `fv` with level payments. Closed form (Microsoft's NPER
/// documentation):
/// `ln((pmt·k − fv·rate)/(pmt·k + pv·rate)) / ln(1+rate)` with
/// `k = 1 + rate·type`; `rate = 0` uses `−(pv + fv)/pmt`. `#NUM!` when no
/// number of periods solves the equation (the logarithm's argument is not
/// positive, `pmt = 0` at a zero rate, or `rate <= -1`). No iteration.
pub fn nper(
    rate: f64,
    pmt: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "NPER";
    require_finite_args(F, &[("rate", rate), ("pmt", pmt), ("pv", pv), ("fv", fv)])?;
    if rate == 0.0 {
        if pmt == 0.0 {
            return Err(invalid(F, "pmt", "must not be zero when rate is zero"));
        }
        return finite_result(F, -(pv + fv) / pmt);
    }
    if rate <= -1.0 {
        return Err(invalid(F, "rate", "must be greater than -1"));
    }
    let payment = pmt * timing_factor(rate, timing);
    let ratio = (payment - fv * rate) / (payment + pv * rate);
    if !ratio.is_finite() || ratio <= 0.0 {
        return Err(FinanceError::NoRoot {
            function: F,
            reason: "no number of periods turns pv into fv with these payments",
        });
    }
    finite_result(F, ratio.ln() / rate.ln_1p())
}

/// The annuity identity's left-hand side at `rate`.
fn annuity_residual(
    rate: f64,
    nper: f64,
    pmt: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> f64 {
    let factors = Factors::new(rate, nper);
    pv * factors.growth + pmt * timing_factor(rate, timing) * factors.annuity + fv
}

/// The residual divided by `max(1, (1+rate)^nper)`: same sign, never
/// overflowing on the solver grid.
fn annuity_residual_scaled(
    rate: f64,
    nper: f64,
    pmt: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> f64 {
    let factors = Factors::new(rate, nper);
    let payment = pmt * timing_factor(rate, timing);
    if factors.growth >= 1.0 {
        pv + payment * factors.pv_annuity + fv * factors.discount
    } else {
        pv * factors.growth + payment * factors.annuity + fv
    }
}

/// Excel's `RATE(nper, pmt, pv, [fv], [type], [guess])`: the rate per
/// period that solves the annuity identity, searched above -100%.
///
/// Reference: Microsoft's RATE documentation (Excel iterates at most 20
/// times to 0.0000001 and returns `#NUM!` otherwise; default guess 10%).
/// Yardstick first runs Newton's method from `guess` (numeric derivative,
/// at most [`solver::NEWTON_MAX_ITERATIONS`] steps, stopping at a step below
/// 1e-12 relative) and accepts its result when the residual is below 1e-9
/// of the identity's terms. Otherwise it scans the rate grid of
/// [`solver`] and bisects every sign change, returning the root closest to
/// `guess`. `#NUM!` when `nper <= 0`, `guess <= -1`, or no rate above -100%
/// solves the identity. Near a zero rate the identity is evaluated with
/// `exp_m1`, so it tends smoothly to its limit `pv + pmt·nper + fv`.
pub fn rate(
    nper: f64,
    pmt: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
    guess: f64,
) -> Result<f64, FinanceError> {
    const F: &str = "RATE";
    require_finite_args(
        F,
        &[
            ("nper", nper),
            ("pmt", pmt),
            ("pv", pv),
            ("fv", fv),
            ("guess", guess),
        ],
    )?;
    if nper <= 0.0 {
        return Err(invalid(F, "nper", "must be greater than 0"));
    }
    if guess <= -1.0 {
        return Err(invalid(F, "guess", "must be greater than -1"));
    }
    let residual = |r: f64| annuity_residual(r, nper, pmt, pv, fv, timing);
    let value_and_slope = |r: f64| {
        let h = (1e-7 * (1.0 + r.abs())).min(0.5 * (r + 1.0));
        let slope = (residual(r + h) - residual(r - h)) / (2.0 * h);
        Some((residual(r), slope))
    };
    if let Some(root) = solver::newton(&value_and_slope, guess, -1.0) {
        let factors = Factors::new(root, nper);
        let scale = (pv * factors.growth).abs()
            + (pmt * timing_factor(root, timing) * factors.annuity).abs()
            + fv.abs();
        if residual(root).abs() <= 1e-9 * scale && root.is_finite() {
            return Ok(root);
        }
    }
    let roots: Vec<f64> =
        solver::grid_roots(&|y| annuity_residual_scaled(y.exp_m1(), nper, pmt, pv, fv, timing))
            .into_iter()
            .map(f64::exp_m1)
            .collect();
    solver::closest_to(&roots, guess).ok_or(FinanceError::NoRoot {
        function: F,
        reason: "no rate above -100% solves these values",
    })
}

#[cfg(test)]
#[path = "tvm_test.rs"]
mod tests;
