//! Present values of uneven cash flows: NPV (periodic, Excel's convention of
//! discounting the first value one full period), XNPV (dated, actual/365
//! from the first date) and MIRR.
//!
//! Dates are Excel serial numbers in the 1900 date system, truncated to
//! whole days as Excel does. Nothing here reads formula values, panics, or
//! returns NaN or infinity.

use super::error::{finite_result, invalid, require_all_finite, require_finite, FinanceError};

/// The largest valid Excel date serial number: 31 December 9999.
pub const MAX_DATE_SERIAL: f64 = 2_958_465.0;

/// Days per year in XNPV and XIRR (Excel: "discounted based on a 365-day year").
pub const DAYS_PER_YEAR: f64 = 365.0;

/// Excel's `NPV(rate, value1, [value2], ...)`: `Σ valuesᵢ / (1+rate)^(i+1)`
/// for `i = 0, 1, ...`, so the first value is discounted one full period
/// (Microsoft's NPV documentation: "The NPV investment begins one period
/// before the date of the value1 cash flow"). Evaluated by Horner's rule in
/// `1/(1+rate)`; exact to rounding, no iteration. An empty list is 0.
/// `rate = -1` is `#DIV/0!`; a result too large for `f64` is `#NUM!`.
pub fn npv(rate: f64, values: &[f64]) -> Result<f64, FinanceError> {
    const F: &str = "NPV";
    require_finite(F, "rate", rate)?;
    require_all_finite(F, "values", values)?;
    if rate == -1.0 {
        return Err(FinanceError::DivisionByZero {
            function: F,
            reason: "rate must not be -1",
        });
    }
    let discount = 1.0 / (1.0 + rate);
    // Plain loops in this file: each fold, find or map/sum chain was a
    // body of its own in the wasm.
    let mut value = 0.0;
    for v in values.iter().rev() {
        value = (value + v) * discount;
    }
    finite_result(F, value)
}

/// Excel's `XNPV(rate, values, dates)`:
/// `Σ valuesᵢ / (1+rate)^((datesᵢ − dates₀)/365)`.
///
/// Reference: Microsoft's XNPV documentation. Dates are truncated to whole
/// days; `#NUM!` when values and dates differ in count, when any date
/// precedes the first, or when `rate <= -1` (the fractional powers are
/// undefined there); `#VALUE!` when a date is not a valid serial number
/// (below 0 or after 31 December 9999). Closed form, no iteration.
pub fn xnpv(rate: f64, values: &[f64], dates: &[f64]) -> Result<f64, FinanceError> {
    const F: &str = "XNPV";
    require_finite(F, "rate", rate)?;
    require_all_finite(F, "values", values)?;
    let years = year_fractions(F, values.len(), dates)?;
    if values.is_empty() {
        return Err(invalid(F, "values", "must not be empty"));
    }
    if rate <= -1.0 {
        return Err(invalid(F, "rate", "must be greater than -1"));
    }
    let log_growth = rate.ln_1p();
    // From -0.0, as `Sum` for f64 starts.
    let mut value = -0.0;
    for (v, years) in values.iter().zip(&years) {
        value += v * (-years * log_growth).exp();
    }
    finite_result(F, value)
}

/// Years from the first date to each date (actual/365), after Excel's
/// checks: equal counts (`#NUM!`), valid serial numbers (`#VALUE!`), no
/// date before the first (`#NUM!`). Dates are truncated to whole days.
pub(crate) fn year_fractions(
    function: &'static str,
    value_count: usize,
    dates: &[f64],
) -> Result<Vec<f64>, FinanceError> {
    if value_count != dates.len() {
        return Err(FinanceError::LengthMismatch {
            function,
            values: value_count,
            dates: dates.len(),
        });
    }
    for &serial in dates {
        if !(serial.is_finite() && serial >= 0.0 && serial.trunc() <= MAX_DATE_SERIAL) {
            return Err(FinanceError::InvalidDate { function, serial });
        }
    }
    let Some(first) = dates.first().map(|d| d.trunc()) else {
        return Ok(Vec::new());
    };
    for (index, d) in dates.iter().enumerate() {
        if d.trunc() < first {
            return Err(FinanceError::DateBeforeStart { function, index });
        }
    }
    let mut years = Vec::with_capacity(dates.len());
    for d in dates {
        years.push((d.trunc() - first) / DAYS_PER_YEAR);
    }
    Ok(years)
}

/// Excel's `MIRR(values, finance_rate, reinvest_rate)`: the modified
/// internal rate of return
/// `(FV of the positive flows at reinvest_rate / −PV of the negative flows
/// at finance_rate)^(1/(n−1)) − 1`, with `values₀` at time 0.
///
/// Reference: Microsoft's MIRR documentation. `#DIV/0!` when the values lack
/// a positive or a negative value, or when either rate is -1 (Excel computes
/// both sums with NPV); `#NUM!` when the ratio's root is not a real number
/// (possible only for rates below -100%). Closed form, no iteration.
pub fn mirr(values: &[f64], finance_rate: f64, reinvest_rate: f64) -> Result<f64, FinanceError> {
    const F: &str = "MIRR";
    require_all_finite(F, "values", values)?;
    require_finite(F, "finance_rate", finance_rate)?;
    require_finite(F, "reinvest_rate", reinvest_rate)?;
    let (mut any_positive, mut any_negative) = (false, false);
    for &v in values {
        any_positive |= v > 0.0;
        any_negative |= v < 0.0;
    }
    if !(any_positive && any_negative) {
        return Err(FinanceError::DivisionByZero {
            function: F,
            reason: "values need at least one positive and one negative cash flow",
        });
    }
    if finance_rate == -1.0 || reinvest_rate == -1.0 {
        return Err(FinanceError::DivisionByZero {
            function: F,
            reason: "finance_rate and reinvest_rate must not be -1",
        });
    }
    let last = values.len().saturating_sub(1);
    let mut future_positive = 0.0;
    let mut present_negative = 0.0;
    let mut reinvest_growth = 1.0;
    let mut finance_discount = 1.0;
    // The last flow is reinvested for no periods, the first for n − 1.
    for value in values.iter().rev() {
        if *value > 0.0 {
            future_positive += value * reinvest_growth;
        }
        reinvest_growth *= 1.0 + reinvest_rate;
    }
    for value in values {
        if *value < 0.0 {
            present_negative += value * finance_discount;
        }
        finance_discount /= 1.0 + finance_rate;
    }
    let ratio = future_positive / -present_negative;
    // `last >= 1` because a positive and a negative value exist.
    let periods = last as f64;
    finite_result(F, ratio.powf(1.0 / periods) - 1.0)
}

#[cfg(test)]
#[path = "cash_flow_test.rs"]
mod tests;
