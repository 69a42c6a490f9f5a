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

/// `e^x − 1 − x` (`exponential`) or `ln(1+x) − x` (not), without the
/// cancellation of the direct forms near 0: their Taylor series below
/// |x| = 0.1 (22 terms reach double precision), one loop for both.
fn taylor_remainder(x: f64, exponential: bool) -> f64 {
    if x.abs() >= 0.1 {
        return if exponential { x.exp_m1() } else { x.ln_1p() } - x;
    }
    let (mut term, mut sum) = (x, 0.0);
    for k in 2..24 {
        let k = f64::from(k);
        // exp: x^k/k!; ln: −(−x)^k/k.
        term *= if exponential { x / k } else { -x };
        sum += if exponential { term } else { term / k };
    }
    sum
}

/// `((1+rate)^n − 1)/rate − n` (future-value annuity minus its zero-rate
/// limit) to full relative precision, even for rates of 1e-12 where the
/// direct difference keeps no digit. `rate > -1`; 0 at a zero rate.
pub(crate) fn annuity_excess(rate: f64, n: f64) -> f64 {
    if rate == 0.0 {
        return 0.0;
    }
    let log_growth = n * rate.ln_1p();
    (taylor_remainder(log_growth, true) + n * taylor_remainder(rate, false)) / rate
}

/// `(1 − (1+rate)^-n)/rate − n` (present-value annuity minus its
/// zero-rate limit) to full relative precision; `rate > -1`. Written
/// with the discount's exponent `−L` directly, so an enormous `n` (where
/// `(1+rate)^n` overflows) still gives a finite value.
pub(crate) fn pv_annuity_excess(rate: f64, n: f64) -> f64 {
    if rate == 0.0 {
        return 0.0;
    }
    let log_discount = -n * rate.ln_1p();
    (n * taylor_remainder(rate, false) - taylor_remainder(log_discount, true)) / rate
}

/// The rounding error of `product = a·b`, exactly (Dekker's two-product
/// without fma, which wasm lacks), for finite products without overflow.
fn product_rounding_error(a: f64, b: f64, product: f64) -> f64 {
    let split = |x: f64| {
        let c = 134_217_729.0 * x;
        let high = c - (c - x);
        (high, x - high)
    };
    let ((a_high, a_low), (b_high, b_low)) = (split(a), split(b));
    ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
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
    require_finite_args(F, "rate nper pmt fv", &[rate, nper, pmt, fv])?;
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
    require_finite_args(F, "rate nper pmt pv", &[rate, nper, pmt, pv])?;
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
    require_finite_args(F, "rate nper pv fv", &[rate, nper, pv, fv])?;
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
    require_finite_args(F, "rate pmt pv fv", &[rate, pmt, pv, fv])?;
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
    // ln of (payment − fv·rate)/(payment + pv·rate), taken as ln_1p of
    // that ratio minus 1: near a zero rate the ratio is 1 + O(rate) and its
    // own rounding would cost most of the digits.
    let ratio_minus_one = -(fv + pv) * rate / (payment + pv * rate);
    if !ratio_minus_one.is_finite() || ratio_minus_one <= -1.0 {
        return Err(FinanceError::NoRoot {
            function: F,
            reason: "no number of periods turns pv into fv with these payments",
        });
    }
    finite_result(F, ratio_minus_one.ln_1p() / rate.ln_1p())
}

/// The annuity identity's left-hand side at `rate > -1` and its derivative
/// in `rate`, both written around their zero-rate limit so that roots of
/// 1e-9 keep their digits: with `L = nper·ln(1+rate)`, `A` the annuity
/// factor and `E = A − nper` ([`annuity_excess`]),
///
/// ```text
/// f  = (pv + pmt·nper + fv) + pv·expm1(L) + pmt·(E + [start] rate·A)
/// A' = ((nper − 1)·A − E/rate) / (1 + rate)          (→ nper(nper−1)/2)
/// f' = pv·nper·(1+rate)^(nper−1) + pmt·(k·A' + [start] A)
/// ```
fn annuity_value_and_slope(
    rate: f64,
    nper: f64,
    pmt: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
) -> (f64, f64) {
    let log_growth = nper * rate.ln_1p();
    let growth_m1 = log_growth.exp_m1();
    // Around the zero-rate limit only where it is near (|L| < 1): far from
    // it, 1 + (G − 1) would lose a tiny G entirely.
    let near_zero = log_growth.abs() < 1.0;
    let excess = if near_zero {
        annuity_excess(rate, nper)
    } else {
        growth_m1 / rate - nper
    };
    let annuity = nper + excess;
    let slope_annuity = if rate == 0.0 {
        0.5 * nper * (nper - 1.0)
    } else {
        ((nper - 1.0) * annuity - excess / rate) / (1.0 + rate)
    };
    let (payment_excess, payment_slope) = match timing {
        PaymentTiming::End => (excess, slope_annuity),
        PaymentTiming::Start => (
            excess + rate * annuity,
            (1.0 + rate) * slope_annuity + annuity,
        ),
    };
    let value = if near_zero {
        // The zero-rate part pv + pmt·nper + fv is all cancellation at a
        // tiny root, so the product's rounding error is added back.
        let payments = pmt * nper;
        let constant = (pv + payments + fv) + product_rounding_error(pmt, nper, payments);
        constant + pv * growth_m1 + pmt * payment_excess
    } else {
        pv * (1.0 + growth_m1) + pmt * (nper + payment_excess) + fv
    };
    (
        value,
        pv * nper * (1.0 + growth_m1) / (1.0 + rate) + pmt * payment_slope,
    )
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
/// Yardstick first runs Newton's method from `guess` (the exact derivative,
/// at most [`solver::NEWTON_MAX_ITERATIONS`] steps, stopping at a step below
/// 1e-12 relative) and accepts its result when the residual is below 1e-9
/// of the identity's terms. When `pv`, `pmt` and `fv` share a sign (and are
/// not all zero) every term does, so no rate exists: `#NUM!` at once.
/// Otherwise it finds the roots on the rate grid of [`solver`]
/// (`solver::few_grid_roots`: the same roots as the full scan, about 70
/// evaluations) and returns the one closest to `guess`. `#NUM!` when
/// `nper <= 0`, `guess <= -1`, or no rate above -100% solves the identity.
/// Near a zero rate the identity and its derivative are written around
/// their limits (see `annuity_value_and_slope`), so roots of 1e-9 keep
/// their digits.
pub fn rate(
    nper: f64,
    pmt: f64,
    pv: f64,
    fv: f64,
    timing: PaymentTiming,
    guess: f64,
) -> Result<f64, FinanceError> {
    const F: &str = "RATE";
    require_finite_args(F, "nper pmt pv fv guess", &[nper, pmt, pv, fv, guess])?;
    if nper <= 0.0 {
        return Err(invalid(F, "nper", "must be greater than 0"));
    }
    if guess <= -1.0 {
        return Err(invalid(F, "guess", "must be greater than -1"));
    }
    // Every term of the identity has its coefficient's sign above -100%
    // ((1+rate)^nper, the annuity factor and 1 + rate·type are positive),
    // so coefficients of one sign leave no root to search for (a search
    // would only find where a term underflows to zero).
    let one_sign = (pv >= 0.0 && pmt >= 0.0 && fv >= 0.0) || (pv <= 0.0 && pmt <= 0.0 && fv <= 0.0);
    if one_sign && (pv != 0.0 || pmt != 0.0 || fv != 0.0) {
        return Err(NO_RATE);
    }
    let value_and_slope = |r: f64| Some(annuity_value_and_slope(r, nper, pmt, pv, fv, timing));
    if let Some(root) = solver::newton(&value_and_slope, guess, -1.0) {
        let factors = Factors::new(root, nper);
        let scale = (pv * factors.growth).abs()
            + (pmt * timing_factor(root, timing) * factors.annuity).abs()
            + fv.abs();
        if annuity_value_and_slope(root, nper, pmt, pv, fv, timing)
            .0
            .abs()
            <= 1e-9 * scale
        {
            return Ok(root);
        }
    }
    let residual = |y: f64| annuity_residual_scaled(y.exp_m1(), nper, pmt, pv, fv, timing);
    // The widget build scans the whole grid: the same roots, slower, and
    // about 200 B less to download.
    #[cfg(feature = "workbench")]
    let mut roots = solver::few_grid_roots(&residual);
    #[cfg(not(feature = "workbench"))]
    let mut roots = solver::grid_roots(&residual);
    for root in &mut roots {
        *root = root.exp_m1();
    }
    solver::closest_to(&roots, guess).ok_or(NO_RATE)
}

/// RATE's `#NUM!` when no rate above -100% solves the identity.
const NO_RATE: FinanceError = FinanceError::NoRoot {
    function: "RATE",
    reason: "no rate above -100% solves these values",
};

#[cfg(test)]
#[path = "tvm_test.rs"]
mod tests;
