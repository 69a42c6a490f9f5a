//! Splitting level payments into interest and principal: IPMT, PPMT,
//! CUMIPMT and CUMPRINC, with Excel's period numbering (the first payment is
//! period 1), sign convention and error results.
//!
//! Cumulative sums use the closed-form loan balance, never a loop over
//! periods, so an enormous `nper` costs no more than a small one. Nothing
//! here reads formula values, panics, or returns NaN or infinity.

use super::error::{finite_result, invalid, require_finite_args, FinanceError};
use super::tvm::{self, Factors, PaymentTiming};

/// Excel's `IPMT(rate, per, nper, pv, [fv], [type])`: the interest part of
/// payment number `per`.
///
/// Reference: Microsoft's IPMT documentation and MS-OI29500 (IPMT): `per`
/// must satisfy `1 <= per < nper + 1`, else `#NUM!`; it is not truncated;
/// any nonzero `type` means payments at the start. With payments at the
/// start the first period carries no interest. Computed as the rate times
/// the balance carried into the period (`FV` of the earlier periods); closed
/// form, no iteration.
pub fn ipmt(
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "IPMT";
    interest_part(F, rate, per, nper, pv, fv, timing)
}

/// Excel's `PPMT(rate, per, nper, pv, [fv], [type])`: the principal part of
/// payment number `per`, that is `PMT − IPMT`. Same argument rules as
/// [`ipmt`] (MS-OI29500, PPMT: `#NUM!` when `per < 1` or `per >= nper + 1`).
/// Closed form, no iteration.
pub fn ppmt(
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "PPMT";
    let interest = interest_part(F, rate, per, nper, pv, fv, timing)?;
    let payment = tvm::pmt(rate, nper, pv, fv, timing).map_err(|e| rename(e, F))?;
    finite_result(F, payment - interest)
}

fn interest_part(
    function: &'static str,
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    require_finite_args(function, "rate per nper pv fv", &[rate, per, nper, pv, fv])?;
    if !(per >= 1.0 && per < nper + 1.0) {
        return Err(invalid(function, "per", "must be between 1 and nper"));
    }
    let payment = tvm::pmt(rate, nper, pv, fv, timing).map_err(|e| rename(e, function))?;
    let carried = match timing {
        PaymentTiming::End if per == 1.0 => -pv,
        PaymentTiming::End => tvm::fv(rate, per - 1.0, payment, pv, PaymentTiming::End)
            .map_err(|e| rename(e, function))?,
        PaymentTiming::Start if per == 1.0 => 0.0,
        PaymentTiming::Start => {
            tvm::fv(rate, per - 2.0, payment, pv, PaymentTiming::Start)
                .map_err(|e| rename(e, function))?
                - payment
        }
    };
    finite_result(function, carried * rate)
}

/// Excel's `CUMIPMT(rate, nper, pv, start_period, end_period, type)`: the
/// interest paid in periods `start_period..=end_period`, negative for a
/// loan (`pv > 0`).
///
/// Reference: Microsoft's CUMIPMT documentation and MS-OI29500 (CUMPRINC):
/// `#NUM!` when `rate <= 0`, `nper <= 0`, `pv <= 0`, `start_period < 1`,
/// `end_period < start_period` or `end_period > nper`; the periods are
/// truncated to integers; `type` is required and must be 0 or 1 (see
/// [`PaymentTiming::from_excel_type_strict`]). Closed form: the payments of
/// the range minus the principal repaid over it. No iteration.
pub fn cumipmt(
    rate: f64,
    nper: f64,
    pv: f64,
    start_period: f64,
    end_period: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "CUMIPMT";
    let (start, end, payment) =
        cumulative_setup(F, rate, nper, pv, start_period, end_period, timing)?;
    // Payments at the start carry no interest in period 1.
    let start = match timing {
        PaymentTiming::Start => start.max(2.0),
        PaymentTiming::End => start,
    };
    if end < start {
        return Ok(0.0);
    }
    // The payments of the range less the principal they repay, which is the
    // balance change −payment·(a(nper−start+1) − a(nper−end)) with a(m) the
    // present-value annuity factor; that difference is
    // v^(nper−end)·a(count), v = 1/(1+rate). So the interest is
    // payment·(count − v^(nper−end)·a(count)), written with expm1 and
    // pv_annuity_excess so a rate of 1e-12 keeps its digits.
    let count = end - start + 1.0;
    let counted = Factors::new(rate, count).pv_annuity;
    let deferral_m1 = (-(nper - end) * rate.ln_1p()).exp_m1();
    let interest = -payment * (tvm::pv_annuity_excess(rate, count) + counted * deferral_m1);
    finite_result(F, interest)
}

/// Excel's `CUMPRINC(rate, nper, pv, start_period, end_period, type)`: the
/// principal repaid in periods `start_period..=end_period`, negative for a
/// loan. Same argument rules as [`cumipmt`]. Closed form: the change of the
/// outstanding balance over the range, each balance taken as the present
/// value of the payments still due. No iteration.
pub fn cumprinc(
    rate: f64,
    nper: f64,
    pv: f64,
    start_period: f64,
    end_period: f64,
    timing: PaymentTiming,
) -> Result<f64, FinanceError> {
    const F: &str = "CUMPRINC";
    let (start, end, payment) =
        cumulative_setup(F, rate, nper, pv, start_period, end_period, timing)?;
    principal_between(F, rate, nper, pv, payment, start, end)
}

/// Validates the cumulative functions' arguments; returns the truncated
/// periods and the level payment.
fn cumulative_setup(
    function: &'static str,
    rate: f64,
    nper: f64,
    pv: f64,
    start_period: f64,
    end_period: f64,
    timing: PaymentTiming,
) -> Result<(f64, f64, f64), FinanceError> {
    require_finite_args(
        function,
        "rate nper pv start_period end_period",
        &[rate, nper, pv, start_period, end_period],
    )?;
    if rate <= 0.0 {
        return Err(invalid(function, "rate", "must be greater than 0"));
    }
    if nper <= 0.0 {
        return Err(invalid(function, "nper", "must be greater than 0"));
    }
    if pv <= 0.0 {
        return Err(invalid(function, "pv", "must be greater than 0"));
    }
    let start = start_period.trunc();
    let end = end_period.trunc();
    if start < 1.0 {
        return Err(invalid(function, "start_period", "must be at least 1"));
    }
    if end < start {
        return Err(invalid(
            function,
            "end_period",
            "must not be before start_period",
        ));
    }
    if end > nper {
        return Err(invalid(function, "end_period", "must not be after nper"));
    }
    let payment = tvm::pmt(rate, nper, pv, 0.0, timing).map_err(|e| rename(e, function))?;
    Ok((start, end, payment))
}

/// Principal repaid in periods `start..=end` (negative for a loan): the
/// balance after payment `end` minus the balance after payment `start − 1`.
fn principal_between(
    function: &'static str,
    rate: f64,
    nper: f64,
    pv: f64,
    payment: f64,
    start: f64,
    end: f64,
) -> Result<f64, FinanceError> {
    let after_end = balance_after(rate, nper, pv, payment, end);
    let before_start = balance_after(rate, nper, pv, payment, start - 1.0);
    finite_result(function, after_end - before_start)
}

/// The outstanding balance right after payment number `payments` of a loan
/// with no final value (0 payments gives `pv`): the present value of the
/// `nper − payments` payments still due, one period apart starting one
/// period later, whatever the timing. This backward form never subtracts
/// large compounded amounts, so it keeps full precision where the forward
/// form (`pv` grown minus payments grown) would cancel.
fn balance_after(rate: f64, nper: f64, pv: f64, payment: f64, payments: f64) -> f64 {
    if payments <= 0.0 {
        return pv;
    }
    -payment * Factors::new(rate, nper - payments).pv_annuity
}

/// Reports an error of a helper kernel under the calling function's name.
fn rename(error: FinanceError, function: &'static str) -> FinanceError {
    match error {
        FinanceError::InvalidArgument {
            argument,
            requirement,
            ..
        } => FinanceError::InvalidArgument {
            function,
            argument,
            requirement,
        },
        FinanceError::NoRoot { reason, .. } => FinanceError::NoRoot { function, reason },
        FinanceError::DivisionByZero { reason, .. } => {
            FinanceError::DivisionByZero { function, reason }
        }
        _ => FinanceError::NotFinite { function },
    }
}

#[cfg(test)]
#[path = "amortization_test.rs"]
mod tests;
