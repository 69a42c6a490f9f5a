//! Engagement: how long visitors really interact with a calculator widget,
//! and what the collector makes of the events (docs/engagement.md).
//!
//! - [`event`]: the event envelope shared by the widget, the sinks and the
//!   collector: milestone names, consent, cumulative totals.
//! - [`clock`]: the interaction clock, a state machine over timestamped
//!   facts keeping each instance's interaction, in-view, active page and
//!   wall time, exact to the microsecond.
//! - [`tracker`]: one page view's tracker on top of the clock: milestones,
//!   event ids, sequence numbers, consent and the visitor id.
//! - [`sinks`]: an event as GA4 / dataLayer parameters and as a Segment
//!   track call, with GA4's naming rules.
//!
//! Like the rest of the core it reads no clock and draws no global
//! randomness: timestamps (milliseconds) and seeds are arguments, so every
//! rule is tested natively with exact times.

pub mod clock;
pub mod event;
pub mod sinks;
pub mod tracker;
