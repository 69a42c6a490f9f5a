//! Financial functions: Excel's time-value-of-money functions (NPV, XNPV,
//! IRR, XIRR, MIRR, PV, FV, PMT, NPER, RATE, IPMT, PPMT, CUMIPMT, CUMPRINC,
//! EFFECT, NOMINAL, RRI, PDURATION) and business-case helpers Excel lacks
//! (ROI, PAYBACK, DPAYBACK, BREAKEVEN, IRRROOTS).
//!
//! This file only reads arguments with Excel's coercion rules, calls the
//! kernels in [`crate::finance`] and turns their errors into Excel error
//! values with a message naming the function. It does no arithmetic of its
//! own beyond that.

use super::args;
use super::{Category, FunctionSpec, Implementation, MAX_ARGUMENTS};
use crate::finance::{self, ExcelError, FinanceError, Payback, PaymentTiming};
use crate::formula::ast::{Expr, ExprKind};
use crate::formula::value::{Array, ErrorKind, ErrorValue, Value};

type Outcome = Result<Value, ErrorValue>;

/// The financial functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("NPV", Category::Financial, 2, MAX_ARGUMENTS, npv),
    FunctionSpec::eager("XNPV", Category::Financial, 3, 3, xnpv),
    FunctionSpec::eager("IRR", Category::Financial, 1, 2, irr),
    FunctionSpec::eager("XIRR", Category::Financial, 2, 3, xirr),
    FunctionSpec::eager("MIRR", Category::Financial, 3, 3, mirr),
    FunctionSpec::eager("PV", Category::Financial, 3, 5, pv),
    FunctionSpec::eager("FV", Category::Financial, 3, 5, fv),
    FunctionSpec::eager("PMT", Category::Financial, 3, 5, pmt),
    FunctionSpec::eager("NPER", Category::Financial, 3, 5, nper),
    FunctionSpec::eager("RATE", Category::Financial, 3, 6, rate),
    FunctionSpec::eager("IPMT", Category::Financial, 4, 6, ipmt),
    FunctionSpec::eager("PPMT", Category::Financial, 4, 6, ppmt),
    FunctionSpec::eager("CUMIPMT", Category::Financial, 6, 6, cumipmt),
    FunctionSpec::eager("CUMPRINC", Category::Financial, 6, 6, cumprinc),
    FunctionSpec::eager("EFFECT", Category::Financial, 2, 2, effect),
    FunctionSpec::eager("NOMINAL", Category::Financial, 2, 2, nominal),
    FunctionSpec::eager("RRI", Category::Financial, 3, 3, rri),
    FunctionSpec::eager("PDURATION", Category::Financial, 3, 3, pduration),
    FunctionSpec::eager("ROI", Category::Financial, 2, 2, roi),
    FunctionSpec::eager("PAYBACK", Category::Financial, 1, 1, payback),
    FunctionSpec::eager("DPAYBACK", Category::Financial, 2, 2, dpayback),
    FunctionSpec::eager("BREAKEVEN", Category::Financial, 3, 3, breakeven),
    FunctionSpec::eager("IRRROOTS", Category::Financial, 1, 1, irrroots),
];

/// A kernel error as the Excel error value Excel gives, with its message.
fn excel_error(error: FinanceError) -> ErrorValue {
    let kind = match error.excel_error() {
        ExcelError::Num => ErrorKind::Num,
        ExcelError::DivZero => ErrorKind::DivZero,
        ExcelError::Value => ErrorKind::Value,
    };
    ErrorValue::new(kind, crate::error::display_text(&error))
}

fn number(result: Result<f64, FinanceError>) -> Outcome {
    result.map(Value::number).map_err(excel_error)
}

/// A `type` argument as PV, PMT and friends read it.
fn timing(type_value: f64) -> PaymentTiming {
    PaymentTiming::from_excel_type(type_value)
}

/// A required cash-flow argument (IRR, XNPV, MIRR, PAYBACK).
fn series(args: &[Value], index: usize) -> Result<Vec<f64>, ErrorValue> {
    args::number_series(args.get(index).unwrap_or(&Value::Empty))
}

/// NPV's value arguments, as Microsoft documents them: direct numbers,
/// booleans and numeric text count, and an omitted argument counts as a
/// zero flow (it still occupies a period); inside arrays only numbers
/// count. Errors propagate and non-numeric direct text is `#VALUE!`, as
/// Excel actually computes (its documentation says such arguments are
/// ignored, but Excel returns the error).
fn npv_values(args: &[Value]) -> Result<Vec<f64>, ErrorValue> {
    let mut values = Vec::new();
    for arg in args {
        match arg {
            Value::Array(_) => values.extend(args::number_series(arg)?),
            Value::Empty => values.push(0.0),
            other => values.push(other.to_number()?),
        }
    }
    Ok(values)
}

fn npv(args: &[Value]) -> Outcome {
    let rate = args::number(args, 0)?;
    let values = npv_values(args.get(1..).unwrap_or(&[]))?;
    number(finance::npv(rate, &values))
}

fn xnpv(args: &[Value]) -> Outcome {
    let rate = args::number(args, 0)?;
    number(finance::xnpv(rate, &series(args, 1)?, &series(args, 2)?))
}

fn irr(args: &[Value]) -> Outcome {
    let values = series(args, 0)?;
    let guess = args::number_or(args, 1, finance::DEFAULT_GUESS)?;
    number(finance::irr(&values, guess))
}

fn xirr(args: &[Value]) -> Outcome {
    let values = series(args, 0)?;
    let dates = series(args, 1)?;
    let guess = args::number_or(args, 2, finance::DEFAULT_GUESS)?;
    number(finance::xirr(&values, &dates, guess))
}

fn mirr(args: &[Value]) -> Outcome {
    let values = series(args, 0)?;
    let [finance_rate, reinvest_rate, ..] = args::numbers(after_first(args), &[0.0; 2])?;
    number(finance::mirr(&values, finance_rate, reinvest_rate))
}

/// The arguments after the first, for functions whose first is a series.
fn after_first(args: &[Value]) -> &[Value] {
    args.get(1..).unwrap_or(&[])
}

/// A financial function of numbers only: how [`args::numbers`] reads its
/// arguments (`defaults`, one per argument it takes) and the kernel over
/// those numbers. The formula function and [`NumericCall`] both go through
/// it, so a batch of argument rows gives exactly what the formula gives.
#[derive(Debug)]
pub struct Numeric {
    defaults: &'static [f64],
    kernel: fn(&[f64; args::MAX_NUMBERS]) -> Result<f64, FinanceError>,
}

impl Numeric {
    // One copy for the fifteen functions, not one inlined into each.
    #[inline(never)]
    fn call(&self, args: &[Value]) -> Outcome {
        number((self.kernel)(&args::numbers(args, self.defaults)?))
    }
}

/// `fv`/`pv` and `type` optional (default 0), as PV, FV, PMT and NPER read them.
const ANNUITY_DEFAULTS: &[f64] = &[0.0; 5];
const SIX_ZEROS: &[f64] = &[0.0; 6];

const PV: Numeric = Numeric {
    defaults: ANNUITY_DEFAULTS,
    kernel: |&[rate, nper, pmt, fv, t, _]| finance::pv(rate, nper, pmt, fv, timing(t)),
};
const FV: Numeric = Numeric {
    defaults: ANNUITY_DEFAULTS,
    kernel: |&[rate, nper, pmt, pv, t, _]| finance::fv(rate, nper, pmt, pv, timing(t)),
};
const PMT: Numeric = Numeric {
    defaults: ANNUITY_DEFAULTS,
    kernel: |&[rate, nper, pv, fv, t, _]| finance::pmt(rate, nper, pv, fv, timing(t)),
};
const NPER: Numeric = Numeric {
    defaults: ANNUITY_DEFAULTS,
    kernel: |&[rate, pmt, pv, fv, t, _]| finance::nper(rate, pmt, pv, fv, timing(t)),
};
const RATE: Numeric = Numeric {
    defaults: &[0.0, 0.0, 0.0, 0.0, 0.0, finance::DEFAULT_GUESS],
    kernel: |&[nper, pmt, pv, fv, t, guess]| finance::rate(nper, pmt, pv, fv, timing(t), guess),
};
// IPMT and PPMT share `(rate, per, nper, pv, [fv], [type])`.
const IPMT: Numeric = Numeric {
    defaults: SIX_ZEROS,
    kernel: |&[rate, per, nper, pv, fv, t]| finance::ipmt(rate, per, nper, pv, fv, timing(t)),
};
const PPMT: Numeric = Numeric {
    defaults: SIX_ZEROS,
    kernel: |&[rate, per, nper, pv, fv, t]| finance::ppmt(rate, per, nper, pv, fv, timing(t)),
};
// CUMIPMT and CUMPRINC share `(rate, nper, pv, start, end, type)`, with a
// required `type` that must be 0 or 1.
const CUMIPMT: Numeric = Numeric {
    defaults: SIX_ZEROS,
    kernel: |&[rate, nper, pv, start, end, t]| {
        let timing = PaymentTiming::from_excel_type_strict("CUMIPMT", t)?;
        finance::cumipmt(rate, nper, pv, start, end, timing)
    },
};
const CUMPRINC: Numeric = Numeric {
    defaults: SIX_ZEROS,
    kernel: |&[rate, nper, pv, start, end, t]| {
        let timing = PaymentTiming::from_excel_type_strict("CUMPRINC", t)?;
        finance::cumprinc(rate, nper, pv, start, end, timing)
    },
};
/// The functions of two or three numbers (an absent one is 0).
const THREE_ZEROS: &[f64] = &[0.0; 3];
const EFFECT: Numeric = Numeric {
    defaults: THREE_ZEROS,
    kernel: |&[nominal_rate, npery, ..]| finance::effect(nominal_rate, npery),
};
const NOMINAL: Numeric = Numeric {
    defaults: THREE_ZEROS,
    kernel: |&[effect_rate, npery, ..]| finance::nominal(effect_rate, npery),
};
const RRI: Numeric = Numeric {
    defaults: THREE_ZEROS,
    kernel: |&[nper, pv, fv, ..]| finance::rri(nper, pv, fv),
};
const PDURATION: Numeric = Numeric {
    defaults: THREE_ZEROS,
    kernel: |&[rate, pv, fv, ..]| finance::pduration(rate, pv, fv),
};
const ROI: Numeric = Numeric {
    defaults: THREE_ZEROS,
    kernel: |&[gain, cost, ..]| finance::simple_roi(gain, cost),
};
const BREAKEVEN: Numeric = Numeric {
    defaults: THREE_ZEROS,
    kernel: |&[fixed, price, variable, ..]| finance::break_even_units(fixed, price, variable),
};

/// Where a [`NumericCall`] argument comes from.
#[derive(Debug, Clone, Copy)]
enum Operand {
    /// A column of the row.
    Parameter(usize),
    /// A number literal.
    Constant(f64),
    /// An omitted argument.
    Blank,
}

/// A formula that is one call of a financial function with at most six
/// arguments, each a parameter or a number literal, such as
/// `PMT(rate, nper, pv)`: evaluated straight from a row of numbers, with no
/// tree walk and no allocation, for `Formula.evaluateRows`. It hands the
/// function the values the formula's names and literals would give (a NaN
/// cell is a blank, as an omitted argument), so its results are the
/// formula's.
#[derive(Debug, Clone)]
pub struct NumericCall {
    function: fn(&[Value]) -> Outcome,
    /// The kernel and argument defaults, for the functions of numbers only.
    numeric: Option<&'static Numeric>,
    operands: [Operand; args::MAX_NUMBERS],
    count: usize,
}

/// The functions [`NumericCall`] calls directly, by name.
const NUMERIC_FUNCTIONS: [(&str, &Numeric); 15] = [
    ("PV", &PV),
    ("FV", &FV),
    ("PMT", &PMT),
    ("NPER", &NPER),
    ("RATE", &RATE),
    ("IPMT", &IPMT),
    ("PPMT", &PPMT),
    ("CUMIPMT", &CUMIPMT),
    ("CUMPRINC", &CUMPRINC),
    ("EFFECT", &EFFECT),
    ("NOMINAL", &NOMINAL),
    ("RRI", &RRI),
    ("PDURATION", &PDURATION),
    ("ROI", &ROI),
    ("BREAKEVEN", &BREAKEVEN),
];

impl NumericCall {
    /// The call `expr` is, if it is such a call with an argument count the
    /// function accepts; `parameter` gives a name's column.
    pub fn lower(expr: &Expr, parameter: &dyn Fn(&str) -> Option<usize>) -> Option<NumericCall> {
        let ExprKind::Call {
            function: Some(id),
            args: arguments,
            ..
        } = &expr.kind
        else {
            return None;
        };
        let spec = super::by_id(*id)?;
        let Implementation::Eager(function) = spec.implementation else {
            return None;
        };
        let numeric = NUMERIC_FUNCTIONS
            .into_iter()
            .find(|(name, _)| *name == spec.name)
            .map(|(_, numeric)| numeric);
        let count = arguments.len();
        if spec.category != Category::Financial
            || count < spec.min_args
            || count > spec.max_args.min(args::MAX_NUMBERS)
        {
            return None;
        }
        let mut operands = [Operand::Blank; args::MAX_NUMBERS];
        for (operand, argument) in operands.iter_mut().zip(arguments) {
            *operand = match &argument.kind {
                ExprKind::Missing => Operand::Blank,
                ExprKind::Number(n) => Operand::Constant(*n),
                ExprKind::Name(name) => Operand::Parameter(parameter(name)?),
                _ => return None,
            };
        }
        Some(NumericCall {
            function,
            numeric,
            operands,
            count,
        })
    }

    /// The value for one row (a column missing from the row reads as a
    /// blank).
    pub fn evaluate(&self, row: &[f64]) -> Value {
        let values = self.operands.map(|operand| match operand {
            Operand::Parameter(column) => match row.get(column) {
                Some(x) if !x.is_nan() => Value::number(*x),
                _ => Value::Empty,
            },
            Operand::Constant(x) => Value::number(x),
            Operand::Blank => Value::Empty,
        });
        match (self.function)(values.get(..self.count).unwrap_or(&[])) {
            Ok(Value::Number(n)) => Value::number(n),
            Ok(value) => value,
            Err(error) => Value::Error(error),
        }
    }

    /// The kernel's answer for one row, read as [`args::numbers`] reads the
    /// values [`NumericCall::evaluate`] hands over, but without making a
    /// value or formatting an error's message: `None` when the row needs
    /// `evaluate` (an infinite argument, or a result that is not finite),
    /// so a batch pays for messages only where they differ. Also `None`
    /// for a function that takes more than numbers (NPV).
    pub fn kernel(&self, row: &[f64]) -> Option<Result<f64, FinanceError>> {
        let numeric = self.numeric?;
        let mut numbers = [0.0; args::MAX_NUMBERS];
        for (index, (slot, default)) in numbers.iter_mut().zip(numeric.defaults).enumerate() {
            let operand = match self.operands.get(index) {
                Some(operand) if index < self.count => *operand,
                _ => Operand::Blank,
            };
            let value = match operand {
                Operand::Parameter(column) => row.get(column).copied().unwrap_or(f64::NAN),
                Operand::Constant(x) if x.is_nan() => return None,
                Operand::Constant(x) => x,
                Operand::Blank => f64::NAN,
            };
            *slot = if value.is_nan() {
                *default
            } else if value.is_finite() {
                value
            } else {
                return None;
            };
        }
        match (numeric.kernel)(&numbers) {
            Ok(n) if !n.is_finite() => None,
            result => Some(result),
        }
    }

    /// The formula value a kernel's error stands for, as the formula gives it.
    pub fn error_value(error: FinanceError) -> Value {
        Value::Error(excel_error(error))
    }
}

fn pv(args: &[Value]) -> Outcome {
    PV.call(args)
}
fn fv(args: &[Value]) -> Outcome {
    FV.call(args)
}
fn pmt(args: &[Value]) -> Outcome {
    PMT.call(args)
}
fn nper(args: &[Value]) -> Outcome {
    NPER.call(args)
}
fn rate(args: &[Value]) -> Outcome {
    RATE.call(args)
}
fn ipmt(args: &[Value]) -> Outcome {
    IPMT.call(args)
}
fn ppmt(args: &[Value]) -> Outcome {
    PPMT.call(args)
}
fn cumipmt(args: &[Value]) -> Outcome {
    CUMIPMT.call(args)
}
fn cumprinc(args: &[Value]) -> Outcome {
    CUMPRINC.call(args)
}
fn effect(args: &[Value]) -> Outcome {
    EFFECT.call(args)
}
fn nominal(args: &[Value]) -> Outcome {
    NOMINAL.call(args)
}
fn rri(args: &[Value]) -> Outcome {
    RRI.call(args)
}
fn pduration(args: &[Value]) -> Outcome {
    PDURATION.call(args)
}
fn roi(args: &[Value]) -> Outcome {
    ROI.call(args)
}

/// A payback result: the period, or `#N/A` "never pays back".
fn payback_value(function: &str, result: Result<Payback, FinanceError>) -> Outcome {
    match result.map_err(excel_error)? {
        Payback::Period(period) => Ok(Value::number(period)),
        Payback::Never => Err(ErrorValue::new(
            ErrorKind::NotAvailable,
            format!("{function}: never pays back"),
        )),
    }
}

fn payback(args: &[Value]) -> Outcome {
    payback_value("PAYBACK", finance::payback_period(&series(args, 0)?))
}

fn dpayback(args: &[Value]) -> Outcome {
    let rate = args::number(args, 0)?;
    payback_value(
        "DPAYBACK",
        finance::discounted_payback(rate, &series(args, 1)?),
    )
}

fn breakeven(args: &[Value]) -> Outcome {
    BREAKEVEN.call(args)
}

fn irrroots(args: &[Value]) -> Outcome {
    let roots = finance::irr_roots(&series(args, 0)?).map_err(excel_error)?;
    let row: Vec<Value> = roots.into_iter().map(Value::number).collect();
    Array::from_row(row).map(Value::Array).ok_or_else(|| {
        args::num_error(
            "IRRROOTS",
            "the cash flows have no real rate of return above -100%",
        )
    })
}

#[cfg(test)]
#[path = "financial_test.rs"]
mod tests;
