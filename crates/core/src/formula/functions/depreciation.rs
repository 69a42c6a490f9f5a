//! Depreciation with Excel's semantics: SLN, SYD, DB, DDB and VDB.
//!
//! DDB is the closed form Excel and LibreOffice share (the declining
//! balance after `period - 1` and `period` periods, never below salvage),
//! and VDB is built on the same kernel (`declining`), switching to
//! straight line when that is larger unless `no_switch` is TRUE, with
//! fractional start and end periods as LibreOffice computes them. Every
//! loop runs once per period of the life, which is capped at
//! [`MAX_PERIODS`]: past it the result is `#NUM!`, never a long loop.

use super::args;
use super::{Category, FunctionSpec};
use crate::formula::value::{ErrorKind, ErrorValue, Value};

/// The depreciation functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("SLN", Category::Financial, 3, 3, sln),
    FunctionSpec::eager("SYD", Category::Financial, 4, 4, syd),
    FunctionSpec::eager("DB", Category::Financial, 4, 5, db),
    FunctionSpec::eager("DDB", Category::Financial, 4, 5, ddb),
    FunctionSpec::eager("VDB", Category::Financial, 5, 7, vdb),
];

/// The longest life DB and VDB walk period by period (a century of days
/// is 36,525): beyond it they are `#NUM!`.
pub const MAX_PERIODS: f64 = 100_000.0;

fn domain(function: &str) -> ErrorValue {
    args::num_error(function, "an argument is outside its domain")
}

/// SLN(cost, salvage, life): (cost - salvage) / life; a zero life is
/// `#DIV/0!`.
fn sln(args: &[Value]) -> Result<Value, ErrorValue> {
    let [cost, salvage, life, ..] = args::numbers(args, &[0.0; 3])?;
    if life == 0.0 {
        return Err(ErrorValue::new(ErrorKind::DivZero, "SLN: life is zero"));
    }
    Ok(Value::number((cost - salvage) / life))
}

/// SYD(cost, salvage, life, per): sum-of-years' digits,
/// (cost - salvage) * (life - per + 1) * 2 / (life * (life + 1)); life
/// and per must be positive and per at most life, else `#NUM!`.
fn syd(args: &[Value]) -> Result<Value, ErrorValue> {
    let [cost, salvage, life, per, ..] = args::numbers(args, &[0.0; 4])?;
    if life <= 0.0 || per <= 0.0 || per > life {
        return Err(domain("SYD"));
    }
    Ok(Value::number(
        (cost - salvage) * (life - per + 1.0) * 2.0 / (life * (life + 1.0)),
    ))
}

/// DB(cost, salvage, life, period, [month]): fixed-declining balance at
/// the rate 1 - (salvage / cost)^(1 / life) rounded to three decimals,
/// the first year prorated to `month` months (12) and the year after the
/// life taking the rest. Negative cost or salvage, a life or period below
/// one, a period past life + 1, or a month outside 1 to 12 is `#NUM!`.
fn db(args: &[Value]) -> Result<Value, ErrorValue> {
    let [cost, salvage, life, period, month, ..] =
        args::numbers(args, &[0.0, 0.0, 0.0, 0.0, 12.0])?;
    let month = month.trunc();
    let period = period.trunc();
    if cost < 0.0
        || salvage < 0.0
        || life <= 0.0
        || life > MAX_PERIODS
        || period < 1.0
        || period > life + 1.0
        || !(1.0..=12.0).contains(&month)
    {
        return Err(domain("DB"));
    }
    if cost == 0.0 {
        return Ok(Value::Number(0.0));
    }
    let rate = ((1.0 - (salvage / cost).powf(1.0 / life)) * 1000.0).round() / 1000.0;
    let mut total = cost * rate * month / 12.0;
    let mut this_period = total;
    let mut year = 2.0;
    while year <= period {
        this_period = if year > life {
            (cost - total) * rate * (12.0 - month) / 12.0
        } else {
            (cost - total) * rate
        };
        total += this_period;
        year += 1.0;
    }
    Ok(Value::number(this_period))
}

/// The declining-balance depreciation of `period` (1-based, may be
/// fractional) at `factor / life` per period: the balance after
/// `period - 1` periods minus the balance after `period`, never taking the
/// value below salvage and never negative.
fn declining(cost: f64, salvage: f64, life: f64, period: f64, factor: f64) -> f64 {
    let rate = factor / life;
    let (before, after) = if rate >= 1.0 {
        (if period == 1.0 { cost } else { 0.0 }, 0.0)
    } else {
        (
            cost * (1.0 - rate).powf(period - 1.0),
            cost * (1.0 - rate).powf(period),
        )
    };
    let amount = if after < salvage {
        before - salvage
    } else {
        before - after
    };
    amount.max(0.0)
}

/// DDB(cost, salvage, life, period, [factor]): double-declining (or
/// `factor`-declining, 2 by default) balance. Negative cost or salvage, a
/// non-positive life, period or factor, or a period past the life is
/// `#NUM!`.
fn ddb(args: &[Value]) -> Result<Value, ErrorValue> {
    let [cost, salvage, life, period, factor, ..] =
        args::numbers(args, &[0.0, 0.0, 0.0, 0.0, 2.0])?;
    if cost < 0.0 || salvage < 0.0 || life <= 0.0 || period <= 0.0 || period > life || factor <= 0.0
    {
        return Err(domain("DDB"));
    }
    Ok(Value::number(declining(
        cost, salvage, life, period, factor,
    )))
}

/// The depreciation of the first `periods` periods of an asset whose
/// remaining life is `remaining_life`, declining until straight line over
/// the remaining life gives more, then straight line; the last period
/// counts in proportion when `periods` is fractional.
fn declining_then_straight(
    cost: f64,
    salvage: f64,
    life: f64,
    remaining_life: f64,
    periods: f64,
    factor: f64,
) -> f64 {
    let last = periods.ceil();
    let mut depreciable = cost - salvage;
    let mut straight: Option<f64> = None;
    let mut total = 0.0;
    let mut period = 1.0;
    while period <= last {
        let term = match straight {
            Some(amount) => amount,
            None => {
                let declining = declining(cost, salvage, life, period, factor);
                let line = depreciable / (remaining_life - (period - 1.0));
                if line > declining {
                    straight = Some(line);
                    line
                } else {
                    depreciable -= declining;
                    declining
                }
            }
        };
        total += if period == last {
            term * (periods + 1.0 - last)
        } else {
            term
        };
        period += 1.0;
    }
    total
}

/// VDB(cost, salvage, life, start_period, end_period, [factor],
/// [no_switch]): the depreciation between two (possibly fractional)
/// periods, declining at `factor / life` (2 by default) and switching to
/// straight line when that is larger, unless `no_switch` is TRUE. Start
/// below 0, end before start or past the life, negative cost, salvage above
/// cost or a non-positive factor is `#NUM!`.
fn vdb(args: &[Value]) -> Result<Value, ErrorValue> {
    let [cost, salvage, life, start, end, factor] =
        args::numbers(args, &[0.0, 0.0, 0.0, 0.0, 0.0, 2.0])?;
    let no_switch = match args.get(6) {
        None | Some(Value::Empty) => false,
        Some(value) => value.to_bool()?,
    };
    if start < 0.0
        || end < start
        || end > life
        || life > MAX_PERIODS
        || cost < 0.0
        || salvage > cost
        || factor <= 0.0
    {
        return Err(domain("VDB"));
    }
    let (first, last) = (start.floor(), end.ceil());
    if no_switch {
        let mut total = 0.0;
        let mut period = first + 1.0;
        while period <= last {
            let mut term = declining(cost, salvage, life, period, factor);
            if period == first + 1.0 {
                term *= end.min(first + 1.0) - start;
            } else if period == last {
                term *= end + 1.0 - last;
            }
            total += term;
            period += 1.0;
        }
        return Ok(Value::number(total));
    }
    // The value left after the whole periods before `period`.
    let value_before =
        |period: f64| cost - declining_then_straight(cost, salvage, life, life, period, factor);
    // One whole period from `period`, on the value left before it.
    let one_period = |period: f64| {
        declining_then_straight(
            value_before(period),
            salvage,
            life,
            life - period,
            1.0,
            factor,
        )
    };
    let mut part = 0.0;
    if start != first {
        part += (start - first) * one_period(first);
    }
    if end != last {
        part += (last - end) * one_period(last - 1.0);
    }
    let whole = declining_then_straight(
        value_before(first),
        salvage,
        life,
        life - first,
        last - first,
        factor,
    );
    Ok(Value::number(whole - part))
}

#[cfg(test)]
#[path = "depreciation_test.rs"]
mod tests;
