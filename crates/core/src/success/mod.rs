//! Success tracking after the sale (docs/success.md): the success data and
//! the team's settings, stages, health per stage, trends, alerts and plays,
//! the customer's outcomes, projected against realised value, and the
//! proof of a health score against churn. Like the rest of the core it does
//! no I/O and reads no clock: every date is an argument.

pub mod demo;
