//! Property tests of the finance kernels: NPV vanishes at IRR, XNPV at XIRR
//! and at every listed IRR root; PV, FV, PMT, NPER and RATE invert each
//! other; IPMT + PPMT = PMT; EFFECT inverts NOMINAL; and no function panics
//! or returns a non-finite number on any input, NaN and infinity included.
//!
//! Case counts are kept small so the file runs in a few seconds in debug.

// A panic in a test is a failing test, not a poisoned wasm instance; the
// helpers outside `#[test]` functions may unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use yardstick_core::finance::{self, Payback, PaymentTiming};

/// The size an NPV residual at `rate` is measured against:
/// `1e-8·Σ |valueₜ|·(1+rate)^-timeₜ`, plus the change of NPV across the
/// spacing of doubles at `rate` (a rate within 1e-13 of -100% cannot be
/// represented more closely, and NPV is steep there).
fn tolerance(rate: f64, values: &[f64], times: &[f64]) -> f64 {
    let ulp = 4.0 * f64::EPSILON * rate.abs().max(1.0);
    values
        .iter()
        .zip(times)
        .map(|(v, t)| {
            let discounted = v.abs() * (1.0 + rate).powf(-t);
            1e-8 * discounted + ulp * t * discounted / (1.0 + rate)
        })
        .sum()
}

fn periods(count: usize) -> Vec<f64> {
    (0..count).map(|t| t as f64).collect()
}

/// NPV with the first value at time 0 (Excel's NPV discounts it one period).
fn npv_from_zero(rate: f64, values: &[f64]) -> f64 {
    finance::npv(rate, values).unwrap() * (1.0 + rate)
}

/// An investment followed by non-negative returns, at least one positive:
/// exactly one sign change, so exactly one IRR above -100%.
fn conventional_flows() -> impl Strategy<Value = Vec<f64>> {
    (
        1.0..1e6f64,
        prop::collection::vec(prop_oneof![Just(0.0), 1.0..1e5f64], 1..20),
        1.0..1e5f64,
    )
        .prop_map(|(investment, mut returns, sure_return)| {
            returns.push(sure_return);
            let mut flows = vec![-investment];
            flows.extend(returns);
            flows
        })
}

fn timing() -> impl Strategy<Value = PaymentTiming> {
    prop_oneof![Just(PaymentTiming::End), Just(PaymentTiming::Start)]
}

/// Any f64, weighted towards the values that break naive code.
fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-1.0),
        Just(1.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -1e308..1e308f64,
        -2.0..2.0f64,
        -1000.0..1000.0f64,
    ]
}

fn finite_or_error(result: Result<f64, finance::FinanceError>) -> Result<(), TestCaseError> {
    if let Ok(value) = result {
        prop_assert!(value.is_finite(), "non-finite result {value}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn npv_vanishes_at_the_irr(flows in conventional_flows(), guess in -0.5..1.0f64) {
        let rate = finance::irr(&flows, guess).unwrap();
        let tolerance = tolerance(rate, &flows, &periods(flows.len()));
        prop_assert!(npv_from_zero(rate, &flows).abs() <= tolerance, "rate {rate}");
    }

    #[test]
    fn xnpv_vanishes_at_the_xirr(
        flows in conventional_flows(),
        gaps in prop::collection::vec(0u32..400, 21),
    ) {
        let mut date = 40000.0;
        let dates: Vec<f64> = gaps
            .iter()
            .take(flows.len())
            .map(|gap| {
                date += f64::from(*gap);
                date
            })
            .collect();
        prop_assume!(dates.last() > dates.first());
        let first = dates[0];
        let years: Vec<f64> = dates.iter().map(|d| (d - first) / 365.0).collect();
        // When XNPV changes sign between -99% and 10,000%, a root exists
        // there and XIRR must find one; otherwise it may be #NUM!.
        let low = finance::xnpv(-0.99, &flows, &dates).unwrap();
        let high = finance::xnpv(100.0, &flows, &dates).unwrap();
        let result = finance::xirr(&flows, &dates, 0.1);
        if (low < 0.0) != (high < 0.0) {
            prop_assert!(result.is_ok(), "{result:?}");
        }
        if let Ok(rate) = result {
            let tolerance = tolerance(rate, &flows, &years);
            let residual = finance::xnpv(rate, &flows, &dates).unwrap();
            prop_assert!(residual.abs() <= tolerance, "rate {rate}, residual {residual}");
        }
    }

    #[test]
    fn every_listed_irr_root_zeroes_npv(
        flows in prop::collection::vec(prop_oneof![-1e6..1e6f64, Just(0.0)], 2..12),
    ) {
        let roots = finance::irr_roots(&flows).unwrap();
        let sign_changes = flows
            .iter()
            .filter(|v| **v != 0.0)
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| (*w[0] < 0.0) != (*w[1] < 0.0))
            .count();
        prop_assert!(roots.len() <= sign_changes, "{roots:?} from {sign_changes} sign changes");
        prop_assert!(roots.windows(2).all(|w| w[0] < w[1]));
        for root in roots {
            prop_assert!(root > -1.0 && root.is_finite());
            let tolerance = tolerance(root, &flows, &periods(flows.len()));
            prop_assert!(npv_from_zero(root, &flows).abs() <= tolerance, "root {root}");
        }
    }

    #[test]
    fn annuity_functions_invert_each_other(
        rate in prop_oneof![Just(0.0), -0.05..0.2f64],
        nper in 1u32..360,
        pv in -1e6..1e6f64,
        fv in -1e6..1e6f64,
        timing in timing(),
    ) {
        let n = f64::from(nper);
        let pmt = finance::pmt(rate, n, pv, fv, timing).unwrap();
        // FV at `r` must equal fv to 1e-9 of the identity's terms at `r`.
        let solves = |r: f64, periods: f64| {
            let growth = (1.0 + r).powf(periods);
            let scale = 1.0 + pv.abs() * growth + pmt.abs() * periods * growth.max(1.0) + fv.abs();
            finance::fv(r, periods, pmt, pv, timing).is_ok_and(|v| (v - fv).abs() <= 1e-9 * scale)
        };
        let scale = 1.0 + pv.abs() + fv.abs() + pmt.abs() * n;
        let found_pv = finance::pv(rate, n, pmt, fv, timing).unwrap();
        prop_assert!((found_pv - pv).abs() <= 1e-9 * scale, "pv {found_pv} vs {pv}");
        prop_assert!(solves(rate, n));
        if let Ok(found) = finance::nper(rate, pmt, pv, fv, timing) {
            // NPER may be ill-conditioned; check it solves the identity instead.
            prop_assert!(solves(rate, found), "nper {found} vs {n}");
        }
        // With several roots the default guess may find another one.
        let found = finance::rate(n, pmt, pv, fv, timing, 0.1).unwrap();
        prop_assert!(solves(found, n), "rate {found} vs {rate}");
        let from_guess = finance::rate(n, pmt, pv, fv, timing, rate).unwrap();
        prop_assert!((from_guess - rate).abs() <= 1e-6, "rate {from_guess} vs {rate}");
    }

    #[test]
    fn nper_recovers_a_well_conditioned_term(
        rate in 0.001..0.02f64,
        nper in 1u32..360,
        pv in 1.0..1e6f64,
        timing in timing(),
    ) {
        let n = f64::from(nper);
        let pmt = finance::pmt(rate, n, pv, 0.0, timing).unwrap();
        let found = finance::nper(rate, pmt, pv, 0.0, timing).unwrap();
        prop_assert!((found - n).abs() <= 1e-6 * n, "{found} vs {n}");
    }

    #[test]
    fn interest_and_principal_parts_add_up(
        rate in 0.0001..0.2f64,
        nper in 1u32..120,
        per_fraction in 0.0..1.0f64,
        pv in 1.0..1e6f64,
        fv in -1e5..1e5f64,
        timing in timing(),
    ) {
        let n = f64::from(nper);
        let per = (1.0 + per_fraction * n).floor().min(n);
        let pmt = finance::pmt(rate, n, pv, fv, timing).unwrap();
        let interest = finance::ipmt(rate, per, n, pv, fv, timing).unwrap();
        let principal = finance::ppmt(rate, per, n, pv, fv, timing).unwrap();
        prop_assert!((interest + principal - pmt).abs() <= 1e-9 * (1.0 + pmt.abs()));
        let repaid = finance::cumprinc(rate, n, pv, 1.0, n, timing).unwrap();
        prop_assert!((repaid + pv).abs() <= 1e-8 * pv, "{repaid} vs {}", -pv);
        let interest_total = finance::cumipmt(rate, n, pv, 1.0, n, timing).unwrap();
        let payment = finance::pmt(rate, n, pv, 0.0, timing).unwrap();
        prop_assert!((interest_total + repaid - n * payment).abs() <= 1e-8 * n * payment.abs());
    }

    #[test]
    fn effect_inverts_nominal(effective in 1e-6..5.0f64, per_year in 1u32..366) {
        let k = f64::from(per_year);
        let nominal = finance::nominal(effective, k).unwrap();
        let back = finance::effect(nominal, k).unwrap();
        prop_assert!((back - effective).abs() <= 1e-12 * (1.0 + effective));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn no_function_panics_or_returns_non_finite(
        a in wild(),
        b in wild(),
        c in wild(),
        d in wild(),
        e in wild(),
        flows in prop::collection::vec(wild(), 0..8),
        dates in prop::collection::vec(wild(), 0..8),
    ) {
        let t = PaymentTiming::from_excel_type(e);
        finite_or_error(finance::pv(a, b, c, d, t))?;
        finite_or_error(finance::fv(a, b, c, d, t))?;
        finite_or_error(finance::pmt(a, b, c, d, t))?;
        finite_or_error(finance::nper(a, b, c, d, t))?;
        finite_or_error(finance::rate(a, b, c, d, t, e))?;
        finite_or_error(finance::ipmt(a, b, c, d, e, t))?;
        finite_or_error(finance::ppmt(a, b, c, d, e, t))?;
        finite_or_error(finance::cumipmt(a, b, c, d, e, t))?;
        finite_or_error(finance::cumprinc(a, b, c, d, e, t))?;
        finite_or_error(finance::npv(a, &flows))?;
        finite_or_error(finance::xnpv(a, &flows, &dates))?;
        finite_or_error(finance::mirr(&flows, a, b))?;
        finite_or_error(finance::irr(&flows, a))?;
        finite_or_error(finance::xirr(&flows, &dates, a))?;
        finite_or_error(finance::effect(a, b))?;
        finite_or_error(finance::nominal(a, b))?;
        finite_or_error(finance::rri(a, b, c))?;
        finite_or_error(finance::pduration(a, b, c))?;
        finite_or_error(finance::simple_roi(a, b))?;
        finite_or_error(finance::break_even_units(a, b, c))?;
        if let Ok(roots) = finance::irr_roots(&flows) {
            prop_assert!(roots.iter().all(|r| r.is_finite() && *r > -1.0));
        }
        for payback in [finance::payback_period(&flows), finance::discounted_payback(a, &flows)] {
            if let Ok(Payback::Period(period)) = payback {
                prop_assert!(period.is_finite() && period >= 0.0);
            }
        }
        // Same-length dated flows reach the solvers past the validation.
        let same_length: Vec<f64> = dates.iter().map(|d| d.abs() % 3e6).collect();
        let values: Vec<f64> = flows.iter().chain(std::iter::repeat(&1.0)).take(same_length.len()).copied().collect();
        finite_or_error(finance::xirr(&values, &same_length, 0.1))?;
        finite_or_error(finance::xnpv(a, &values, &same_length))?;
    }
}

/// A row of parameter values as names, as `Formula.evaluateRows` reads
/// them on its general path: NaN is a blank.
struct RowNames<'a> {
    parameters: &'a [&'a str],
    row: &'a [f64],
}

impl yardstick_core::formula::Names for RowNames<'_> {
    fn lookup(&self, name: &str) -> Option<yardstick_core::formula::Value> {
        let column = self.parameters.iter().position(|p| *p == name)?;
        let value = self.row[column];
        Some(if value.is_nan() {
            yardstick_core::formula::Value::Empty
        } else {
            yardstick_core::formula::Value::number(value)
        })
    }
}

/// The direct path of `evaluateRows` (`NumericCall`) gives exactly the
/// formula's value, errors and messages included, on every row: blanks
/// (NaN), infinities, zeros and out-of-domain values alike.
#[test]
fn numeric_calls_give_the_formulas_values() {
    use yardstick_core::formula::functions::financial::NumericCall;
    use yardstick_core::formula::CompiledFormula;
    let parameters = ["a", "b", "c", "d", "e", "f"];
    let formulas = [
        "PV(a,b,c,d,e)",
        "FV(a,b,c)",
        "PMT(a,b,c,,e)",
        "NPER(a,b,c,d,e)",
        "RATE(a,b,c,d,e,f)",
        "RATE(a,b,c)",
        "IPMT(a,b,c,d,e,f)",
        "PPMT(a,b,c,d)",
        "CUMIPMT(a,b,c,d,e,f)",
        "CUMPRINC(a,b,c,d,e,f)",
        "EFFECT(a,b)",
        "NOMINAL(a,b)",
        "RRI(a,b,c)",
        "PDURATION(a,b,c)",
        "ROI(a,b)",
        "BREAKEVEN(a,b,c)",
        "PMT(0.01,b,1000)",
        "NPV(a,b,c,d)",
    ];
    let specials = [f64::NAN, f64::INFINITY, 0.0, -1.0, 1.0, 0.5, 2.0];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut kernel_answers = 0;
    for text in formulas {
        let compiled = CompiledFormula::compile(text);
        let lookup = |name: &str| parameters.iter().position(|p| *p == name);
        let call = NumericCall::lower(compiled.expr().unwrap(), &lookup)
            .unwrap_or_else(|| panic!("{text} should be a numeric call"));
        for _ in 0..400 {
            let mut row = [0.0; 6];
            for cell in &mut row {
                let bits = next();
                *cell = if bits % 4 == 0 {
                    specials[(bits >> 8) as usize % specials.len()]
                } else {
                    ((bits >> 11) as f64 / (1u64 << 53) as f64) * 400.0 - 100.0
                };
            }
            let names = RowNames {
                parameters: &parameters,
                row: &row,
            };
            let expected = compiled.evaluate(&names);
            assert_eq!(call.evaluate(&row), expected, "{text} on {row:?}");
            // The kernel's shortcut, where it answers, is the same value.
            if let Some(result) = call.kernel(&row) {
                kernel_answers += 1;
                let value = match result {
                    Ok(n) => yardstick_core::formula::Value::Number(n),
                    Err(error) => NumericCall::error_value(error),
                };
                assert_eq!(value, expected, "kernel of {text} on {row:?}");
            }
        }
    }
    // Every function of numbers only answers most rows through its kernel.
    assert!(kernel_answers > 16 * 400 / 2, "{kernel_answers}");
    // Not a single financial call of parameters and numbers: the formula path.
    for text in ["PMT(a/12,b,c)", "SUM(a,b)", "PMT(a,b)", "PV(a,b,c,zzz)"] {
        let compiled = CompiledFormula::compile(text);
        let lookup = |name: &str| parameters.iter().position(|p| *p == name);
        assert!(
            NumericCall::lower(compiled.expr().unwrap(), &lookup).is_none(),
            "{text}"
        );
    }
}
