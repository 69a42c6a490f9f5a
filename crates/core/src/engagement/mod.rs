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
//! - [`envelope`]: reads a batch of events from a document tree, checking
//!   every bound (all or nothing, errors with their path), and writes an
//!   event as canonical JSON.
//! - [`metrics`]: one calculator's metrics from its events (views, starts,
//!   results, leads, engaged rate, interaction time, funnel, steps), immune
//!   to duplicates, lost intermediate flushes and reordering.
//! - [`aggregate`]: the same metrics kept as events arrive: how one new
//!   event changes its instance's facts and its calculator's totals, for
//!   the collector's store.
//! - [`page_event`], [`page_envelope`]: the page snippet's events (page
//!   views, engagement, downloads, videos, outbound clicks) and their
//!   batch reader, which shares the envelope's bounds and errors;
//!   [`page_envelope::read_any_batch`] tells the two batch kinds apart.
//! - [`page_facts`]: what of the page's raw addresses may leave it (path,
//!   referrer host, `utm_*`), link classification, scroll depth and
//!   return visits; the tracker's page part (`tracker_page`) turns them
//!   into page events with the same clock.
//! - [`page_view`]: one page view's facts kept as its events arrive, and
//!   what a widget event says of its page view (a calculator used, a lead).
//! - [`funnel`], [`funnel_count`], [`funnel_dates`], [`funnel_report`]: the Develop funnel of
//!   a UTC date range from the page views' facts (visitors, interested,
//!   interacting, leads, per day, page, referrer and campaign), and its
//!   JSON answer and CSV tables.
//!
//! Like the rest of the core it reads no clock and draws no global
//! randomness: timestamps (milliseconds) and seeds are arguments, so every
//! rule is tested natively with exact times. It may use `model` (the
//! document tree) and `uncertainty` (PERCENTILE.INC), never `formula`.

pub mod aggregate;
pub mod clock;
pub mod envelope;
mod envelope_fields;
pub mod event;
pub mod funnel;
pub mod funnel_count;
pub mod funnel_dates;
pub mod funnel_report;
pub mod metrics;
pub mod page_envelope;
pub mod page_event;
pub mod page_facts;
pub mod page_view;
pub mod sinks;
pub mod tracker;
mod tracker_error;
mod tracker_ids;
mod tracker_limits;
