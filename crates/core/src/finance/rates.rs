//! Rate conversions: EFFECT and NOMINAL (annual rates compounded several
//! times a year), RRI (equivalent growth rate) and PDURATION (periods to
//! reach a value), with Excel's argument rules.
//!
//! All are closed forms computed through `ln_1p` / `exp_m1` for precision
//! near zero; none iterates. Nothing here reads formula values, panics, or
//! returns NaN or infinity.

use super::error::{finite_result, invalid, require_finite_args, FinanceError};

/// Excel's `EFFECT(nominal_rate, npery)`: the effective annual rate
/// `(1 + nominal_rate/npery)^npery − 1`. Reference: Microsoft's EFFECT
/// documentation: `npery` is truncated to an integer; `#NUM!` when
/// `nominal_rate <= 0` or `npery < 1`.
pub fn effect(nominal_rate: f64, periods_per_year: f64) -> Result<f64, FinanceError> {
    const F: &str = "EFFECT";
    require_finite_args(F, "nominal_rate npery", &[nominal_rate, periods_per_year])?;
    let periods = periods_per_year.trunc();
    if nominal_rate <= 0.0 {
        return Err(invalid(F, "nominal_rate", "must be greater than 0"));
    }
    if periods < 1.0 {
        return Err(invalid(F, "npery", "must be at least 1"));
    }
    finite_result(F, (periods * (nominal_rate / periods).ln_1p()).exp_m1())
}

/// Excel's `NOMINAL(effect_rate, npery)`: the nominal annual rate
/// `npery·((1 + effect_rate)^(1/npery) − 1)`, the inverse of [`effect`].
/// Reference: Microsoft's NOMINAL documentation: `npery` is truncated;
/// `#NUM!` when `effect_rate <= 0` or `npery < 1`.
pub fn nominal(effect_rate: f64, periods_per_year: f64) -> Result<f64, FinanceError> {
    const F: &str = "NOMINAL";
    require_finite_args(F, "effect_rate npery", &[effect_rate, periods_per_year])?;
    let periods = periods_per_year.trunc();
    if effect_rate <= 0.0 {
        return Err(invalid(F, "effect_rate", "must be greater than 0"));
    }
    if periods < 1.0 {
        return Err(invalid(F, "npery", "must be at least 1"));
    }
    finite_result(F, periods * (effect_rate.ln_1p() / periods).exp_m1())
}

/// Excel's `RRI(nper, pv, fv)`: the equivalent rate per period
/// `(fv/pv)^(1/nper) − 1`. Reference: Microsoft's RRI documentation
/// ("If argument values are not valid, RRI returns the #NUM! error value"):
/// `#NUM!` when `nper <= 0`, `pv = 0`, or `fv/pv < 0` (no real root).
/// `fv = 0` gives -100%.
pub fn rri(nper: f64, pv: f64, fv: f64) -> Result<f64, FinanceError> {
    const F: &str = "RRI";
    require_finite_args(F, "nper pv fv", &[nper, pv, fv])?;
    if nper <= 0.0 {
        return Err(invalid(F, "nper", "must be greater than 0"));
    }
    if pv == 0.0 {
        return Err(invalid(F, "pv", "must not be zero"));
    }
    if fv / pv < 0.0 {
        return Err(invalid(F, "fv", "must have the same sign as pv"));
    }
    // ln(fv/pv) as ln_1p((fv − pv)/pv): fv − pv is exact when the two are
    // close, where the rounded ratio would keep few digits of the rate.
    finite_result(F, (((fv - pv) / pv).ln_1p() / nper).exp_m1())
}

/// Excel's `PDURATION(rate, pv, fv)`: the periods for `pv` to grow to `fv`
/// at `rate`, `(ln fv − ln pv)/ln(1 + rate)`. Reference: Microsoft's
/// PDURATION documentation: `#NUM!` when `rate <= 0`, `pv <= 0` or
/// `fv <= 0`.
pub fn pduration(rate: f64, pv: f64, fv: f64) -> Result<f64, FinanceError> {
    const F: &str = "PDURATION";
    require_finite_args(F, "rate pv fv", &[rate, pv, fv])?;
    if rate <= 0.0 {
        return Err(invalid(F, "rate", "must be greater than 0"));
    }
    if pv <= 0.0 {
        return Err(invalid(F, "pv", "must be greater than 0"));
    }
    if fv <= 0.0 {
        return Err(invalid(F, "fv", "must be greater than 0"));
    }
    finite_result(F, (fv.ln() - pv.ln()) / rate.ln_1p())
}

#[cfg(test)]
#[path = "rates_test.rs"]
mod tests;
