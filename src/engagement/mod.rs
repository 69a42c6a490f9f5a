//! Engagement: how long visitors really interact with a calculator widget,
//! and what the collector makes of the events (docs/engagement.md).
//!
//! - [`event`]: the event envelope shared by the widget, the sinks and the
//!   collector: milestone names, consent, cumulative totals.
//!
//! Like the rest of the core it reads no clock and draws no global
//! randomness: timestamps (milliseconds) and seeds are arguments, so every
//! rule is tested natively with exact times.

pub mod event;
