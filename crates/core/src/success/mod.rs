//! Success tracking after the sale (docs/success.md): what happened to
//! accounts after they bought, measured against what was promised: the
//! success data and the team's settings, stages, health per stage, trends,
//! alerts and plays, the customer's outcomes, projected against realised
//! value, and the proof of a health score against churn
//! ([`proof`], docs/success-proof.md). Like the rest of the core, nothing
//! here does I/O, reads a clock or draws unseeded randomness: every date
//! and seed is an argument.

pub mod demo;
pub mod proof;
