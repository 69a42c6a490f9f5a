//! Time value of money: Excel-parity kernels as plain functions over `f64`
//! and `&[f64]`, with Excel's argument order, defaults, sign convention
//! (cash paid out is negative) and error results.
//!
//! Every function returns `Result<_, FinanceError>`; each error knows the
//! Excel error value it stands for ([`FinanceError::excel_error`]), so the
//! formula layer can show `#NUM!`, `#DIV/0!` or `#VALUE!` exactly where
//! Excel does. No function panics, loops without bound, or returns NaN or
//! infinity. This module knows nothing of the formula language, does no I/O
//! and keeps no state.
//!
//! - [`error`]: [`FinanceError`] and [`ExcelError`].
//! - [`solver`]: bounded Newton and grid-plus-bisection root finding.
//! - [`tvm`]: PV, FV, PMT, NPER, RATE and [`PaymentTiming`].
//! - [`amortization`]: IPMT, PPMT, CUMIPMT, CUMPRINC.
//! - [`cash_flow`]: NPV, XNPV, MIRR.
//! - [`irr`](mod@irr): IRR, XIRR and [`irr_roots`] (every real IRR).
//! - [`rates`]: EFFECT, NOMINAL, RRI, PDURATION.
//! - [`business`]: simple ROI, payback, discounted payback, break-even.

pub mod amortization;
pub mod business;
pub mod cash_flow;
pub mod error;
pub mod irr;
pub mod rates;
pub mod solver;
pub mod tvm;

pub use amortization::{cumipmt, cumprinc, ipmt, ppmt};
pub use business::{break_even_units, discounted_payback, payback_period, simple_roi, Payback};
pub use cash_flow::{mirr, npv, xnpv};
pub use error::{ExcelError, FinanceError};
pub use irr::{irr, irr_roots, xirr};
pub use rates::{effect, nominal, pduration, rri};
pub use tvm::{fv, nper, pmt, pv, rate, PaymentTiming};

/// Excel's default `guess` for RATE, IRR and XIRR: 10%.
pub const DEFAULT_GUESS: f64 = 0.1;
