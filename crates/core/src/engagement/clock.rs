//! The interaction clock (docs/engagement.md, "The interaction clock"): a
//! state machine fed timestamped facts (visibility, focus, freeze and
//! resume, pagehide and pageshow, each instance's intersection ratio and
//! inputs) that keeps, for every widget instance, its wall, active page,
//! in-view and interaction time.
//!
//! Exactness: each timestamp is converted once to whole microseconds, and
//! every clock is a sum of integer spans between consecutive facts. The
//! interaction clock accrues over a part of the spans the in-view clock
//! accrues over, the in-view clock over a part of the active page clock's,
//! and the active page clock over a part of `[creation, now]`, so
//! `interaction <= in view <= active page <= wall` holds exactly, and
//! flooring to whole milliseconds keeps it. The same holds across instances:
//! at most one instance accrues interaction in any span, so their sum never
//! exceeds the active page time.
//!
//! It never reads a clock (times are arguments), never decides milestones
//! (the tracker does) and never knows instance names beyond a number.

use super::event::Totals;
use crate::error::ErrorCode;
use crate::number_text::Plain;
use std::fmt;

/// The default idle timeout: an input keeps the interaction clock running
/// for this long.
pub const DEFAULT_IDLE_TIMEOUT_MS: u64 = 15_000;
/// The smallest idle timeout accepted.
pub const MIN_IDLE_TIMEOUT_MS: u64 = 5_000;
/// The largest idle timeout accepted.
pub const MAX_IDLE_TIMEOUT_MS: u64 = 60_000;
/// An instance is in view from this intersection ratio up.
pub const IN_VIEW_RATIO: f64 = 0.5;
/// At most this many instances live on one page at once.
pub const MAX_INSTANCES: usize = 64;
/// The latest time accepted (about 31.7 years of `performance.now()`): far
/// beyond any page's life, and small enough that microsecond sums can never
/// overflow a `u64`.
pub const MAX_TIME_MS: f64 = 1e12;

const MICROS_PER_MS: u64 = 1_000;

/// Why the clock refused a fact. A refused fact changes nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum ClockError {
    /// The time is NaN, infinite, negative or past [`MAX_TIME_MS`].
    TimeOutOfRange {
        /// The time given, in ms of page time.
        now_ms: f64,
    },
    /// The time is earlier than the last fact's.
    TimeWentBackwards {
        /// The last fact's time, in ms.
        last_ms: f64,
        /// The time given, in ms.
        now_ms: f64,
    },
    /// An idle timeout outside [`MIN_IDLE_TIMEOUT_MS`] to [`MAX_IDLE_TIMEOUT_MS`].
    IdleTimeoutOutOfRange {
        /// The timeout given, in ms.
        idle_timeout_ms: u64,
    },
    /// An intersection ratio outside 0 to 1 (or NaN).
    RatioOutOfRange {
        /// The ratio given.
        ratio: f64,
    },
    /// An instance number the clock does not know (never added, or removed).
    UnknownInstance {
        /// The instance number given.
        instance: u32,
    },
    /// Adding one more instance would pass [`MAX_INSTANCES`].
    TooManyInstances {
        /// The most instances one page may have.
        limit: usize,
    },
}

impl fmt::Display for ClockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClockError::TimeOutOfRange { now_ms } => write!(
                f,
                "time {} ms is not a finite time from 0 to {} ms",
                Plain(*now_ms),
                Plain(MAX_TIME_MS)
            ),
            ClockError::TimeWentBackwards { last_ms, now_ms } => write!(
                f,
                "time went backwards: {} ms is earlier than the last fact at {} ms",
                Plain(*now_ms),
                Plain(*last_ms)
            ),
            ClockError::IdleTimeoutOutOfRange { idle_timeout_ms } => write!(
                f,
                "idle timeout {idle_timeout_ms} ms is outside {MIN_IDLE_TIMEOUT_MS} to {MAX_IDLE_TIMEOUT_MS} ms"
            ),
            ClockError::RatioOutOfRange { ratio } => {
                write!(f, "intersection ratio {} is outside 0 to 1", Plain(*ratio))
            }
            ClockError::UnknownInstance { instance } => write!(f, "unknown instance {instance}"),
            ClockError::TooManyInstances { limit } => {
                write!(f, "too many widget instances on one page (at most {limit})")
            }
        }
    }
}

impl std::error::Error for ClockError {}

impl ClockError {
    /// The stable code callers branch on (docs/errors.md).
    pub fn code(&self) -> ErrorCode {
        match self {
            ClockError::TimeOutOfRange { .. } => ErrorCode::TIME_OUT_OF_RANGE,
            ClockError::TimeWentBackwards { .. } => ErrorCode::TIME_WENT_BACKWARDS,
            ClockError::IdleTimeoutOutOfRange { .. } => ErrorCode::IDLE_TIMEOUT_OUT_OF_RANGE,
            ClockError::RatioOutOfRange { .. } => ErrorCode::RATIO_OUT_OF_RANGE,
            ClockError::UnknownInstance { .. } => ErrorCode::UNKNOWN_CLOCK_INSTANCE,
            ClockError::TooManyInstances { .. } => ErrorCode::TOO_MANY_INSTANCES,
        }
    }
}

/// A fact about the whole page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFact {
    /// `document.visibilityState` changed (`true`: visible).
    Visibility(bool),
    /// The window gained (`true`) or lost focus.
    Focus(bool),
    /// The page was frozen (`freeze`): no clock runs until it resumes.
    Freeze,
    /// The frozen page resumed (`resume`).
    Resume,
    /// The page left for the back-forward cache (or was unloaded).
    PageHide,
    /// The page came back from the back-forward cache.
    PageShow,
}

/// The page's lifecycle state; active when all four agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PageState {
    visible: bool,
    focused: bool,
    frozen: bool,
    hidden_by_pagehide: bool,
}

impl PageState {
    fn is_active(self) -> bool {
        self.focused && self.is_shown()
    }

    /// Visible and live, focused or not: what a view needs. A cross-origin
    /// iframe has no focus until clicked, yet its calculator is seen.
    fn is_shown(self) -> bool {
        self.visible && !self.frozen && !self.hidden_by_pagehide
    }
}

/// One widget instance's clocks, in microseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
struct InstanceClock {
    instance: u32,
    ratio: f64,
    last_input_us: Option<u64>,
    in_view_us: u64,
    interaction_us: u64,
    /// In-view time since the last input (what `calc_result` waits for).
    in_view_since_input_us: u64,
}

impl InstanceClock {
    fn is_in_view(&self) -> bool {
        self.ratio >= IN_VIEW_RATIO
    }
}

/// [`Clock::page_times_us`]: the page's times, in microseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageTimesUs {
    /// The last fact's time.
    pub now_us: u64,
    /// The idle timeout in force.
    pub idle_timeout_us: u64,
    /// Active page time so far.
    pub active_page_us: u64,
    /// Wall time so far.
    pub wall_us: u64,
}

/// The interaction clock of one page view (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    idle_timeout_us: u64,
    created_us: u64,
    last_ms: f64,
    last_us: u64,
    page: PageState,
    active_page_us: u64,
    instances: Vec<InstanceClock>,
    next_instance: u32,
    /// The instance with the latest input on the page: the only one whose
    /// interaction clock may run.
    latest_input: Option<u32>,
}

/// `now_ms` as whole microseconds, if it is a time the clock accepts.
fn micros(now_ms: f64) -> Result<u64, ClockError> {
    if !(0.0..=MAX_TIME_MS).contains(&now_ms) {
        return Err(ClockError::TimeOutOfRange { now_ms });
    }
    // In range, so the product is below 2^60 and the cast is exact after
    // rounding; rounding is monotone, so later times never map earlier.
    Ok((now_ms * MICROS_PER_MS as f64).round() as u64)
}

/// Checks an idle timeout against the allowed range.
pub fn check_idle_timeout(idle_timeout_ms: u64) -> Result<u64, ClockError> {
    if (MIN_IDLE_TIMEOUT_MS..=MAX_IDLE_TIMEOUT_MS).contains(&idle_timeout_ms) {
        Ok(idle_timeout_ms)
    } else {
        Err(ClockError::IdleTimeoutOutOfRange { idle_timeout_ms })
    }
}

impl Clock {
    /// A clock created at `now_ms`, with the page visible, focused and
    /// active and no instances.
    pub fn new(now_ms: f64, idle_timeout_ms: u64) -> Result<Clock, ClockError> {
        let idle_timeout_ms = check_idle_timeout(idle_timeout_ms)?;
        let now_us = micros(now_ms)?;
        Ok(Clock {
            idle_timeout_us: idle_timeout_ms * MICROS_PER_MS,
            created_us: now_us,
            last_ms: now_ms,
            last_us: now_us,
            page: PageState {
                visible: true,
                focused: true,
                frozen: false,
                hidden_by_pagehide: false,
            },
            active_page_us: 0,
            instances: Vec::new(),
            next_instance: 1,
            latest_input: None,
        })
    }

    /// The time of the last fact accepted, as it was given.
    pub fn last_ms(&self) -> f64 {
        self.last_ms
    }

    /// Whether the page is visible, focused, not frozen and not hidden by
    /// `pagehide`.
    pub fn page_is_active(&self) -> bool {
        self.page.is_active()
    }

    /// Checks that `now_ms` is a valid next time, without changing anything.
    pub fn check_time(&self, now_ms: f64) -> Result<u64, ClockError> {
        let now_us = micros(now_ms)?;
        if now_ms < self.last_ms {
            return Err(ClockError::TimeWentBackwards {
                last_ms: self.last_ms,
                now_ms,
            });
        }
        Ok(now_us)
    }

    /// Runs every clock up to `now_ms` under the current state.
    pub fn advance(&mut self, now_ms: f64) -> Result<(), ClockError> {
        let now_us = self.check_time(now_ms)?;
        self.accrue(now_us);
        self.last_ms = now_ms;
        Ok(())
    }

    /// Adds every span since the last fact to the clocks that run in it.
    /// The state is constant over the span (facts change it only at its
    /// ends), except the idle deadline, which may fall inside it.
    fn accrue(&mut self, now_us: u64) {
        let start_us = self.last_us;
        let span_us = now_us.saturating_sub(start_us);
        self.last_us = now_us.max(start_us);
        if span_us == 0 || !self.page.is_active() {
            return;
        }
        self.active_page_us = self.active_page_us.saturating_add(span_us);
        for instance in self.instances.iter_mut().filter(|i| i.is_in_view()) {
            instance.in_view_us = instance.in_view_us.saturating_add(span_us);
            let Some(last_input_us) = instance.last_input_us else {
                continue;
            };
            instance.in_view_since_input_us =
                instance.in_view_since_input_us.saturating_add(span_us);
            if self.latest_input == Some(instance.instance) {
                let deadline_us = last_input_us.saturating_add(self.idle_timeout_us);
                let end_us = now_us.min(deadline_us);
                // Never more than the span, so interaction <= in view.
                instance.interaction_us = instance
                    .interaction_us
                    .saturating_add(end_us.saturating_sub(start_us));
            }
        }
    }

    fn position(&self, instance: u32) -> Result<usize, ClockError> {
        self.instances
            .iter()
            .position(|i| i.instance == instance)
            .ok_or(ClockError::UnknownInstance { instance })
    }

    /// Adds an instance at `now_ms` (out of view, no input yet) and returns
    /// its number: 1, 2, ... in order, never reused.
    pub fn add_instance(&mut self, now_ms: f64) -> Result<u32, ClockError> {
        self.check_time(now_ms)?;
        if self.instances.len() >= MAX_INSTANCES {
            return Err(ClockError::TooManyInstances {
                limit: MAX_INSTANCES,
            });
        }
        self.advance(now_ms)?;
        let instance = self.next_instance;
        self.next_instance = self.next_instance.saturating_add(1);
        self.instances.push(InstanceClock {
            instance,
            ratio: 0.0,
            last_input_us: None,
            in_view_us: 0,
            interaction_us: 0,
            in_view_since_input_us: 0,
        });
        Ok(instance)
    }

    /// Runs the clocks to `now_ms`, then forgets the instance.
    pub fn remove_instance(&mut self, instance: u32, now_ms: f64) -> Result<(), ClockError> {
        self.position(instance)?;
        self.advance(now_ms)?;
        // `retain` rather than `remove(index)`: no panic path in the wasm.
        self.instances.retain(|i| i.instance != instance);
        if self.latest_input == Some(instance) {
            self.latest_input = None;
        }
        Ok(())
    }

    /// Runs the clocks to `now_ms`, then applies a page fact.
    pub fn page_fact(&mut self, fact: PageFact, now_ms: f64) -> Result<(), ClockError> {
        self.advance(now_ms)?;
        let page = &mut self.page;
        match fact {
            PageFact::Visibility(visible) => page.visible = visible,
            PageFact::Focus(focused) => page.focused = focused,
            PageFact::Freeze => page.frozen = true,
            PageFact::Resume => page.frozen = false,
            PageFact::PageHide => page.hidden_by_pagehide = true,
            PageFact::PageShow => page.hidden_by_pagehide = false,
        }
        Ok(())
    }

    /// Runs the clocks to `now_ms`, then sets the instance's visible fraction.
    pub fn intersection(
        &mut self,
        instance: u32,
        ratio: f64,
        now_ms: f64,
    ) -> Result<(), ClockError> {
        if !(0.0..=1.0).contains(&ratio) {
            return Err(ClockError::RatioOutOfRange { ratio });
        }
        let index = self.position(instance)?;
        self.advance(now_ms)?;
        if let Some(clock) = self.instances.get_mut(index) {
            clock.ratio = ratio;
        }
        Ok(())
    }

    /// Runs the clocks to `now_ms`, then records a qualifying input: the
    /// instance becomes the only one whose interaction clock may run, for
    /// the next `idle_timeout_ms`.
    pub fn input(&mut self, instance: u32, now_ms: f64) -> Result<(), ClockError> {
        let index = self.position(instance)?;
        self.advance(now_ms)?;
        if let Some(clock) = self.instances.get_mut(index) {
            clock.last_input_us = Some(self.last_us);
            clock.in_view_since_input_us = 0;
        }
        self.latest_input = Some(instance);
        Ok(())
    }

    /// Runs the clocks to `now_ms` under the old idle timeout, then sets a
    /// new one (the bounds of [`Clock::new`]). From then on the rule reads
    /// the new timeout: an instance's interaction clock runs while its last
    /// input is at most `idle_timeout_ms` old. Time already credited stays
    /// as it is; a refused timeout changes nothing.
    pub fn set_idle_timeout(
        &mut self,
        idle_timeout_ms: u64,
        now_ms: f64,
    ) -> Result<(), ClockError> {
        let idle_timeout_ms = check_idle_timeout(idle_timeout_ms)?;
        self.advance(now_ms)?;
        self.idle_timeout_us = idle_timeout_ms * MICROS_PER_MS;
        Ok(())
    }

    /// Whether the instance is at least half in view on a shown page
    /// (visible and live; focus not needed): the `calc_view` rule.
    pub fn is_seen(&self, instance: u32) -> bool {
        self.page.is_shown()
            && self
                .instances
                .iter()
                .any(|i| i.instance == instance && i.is_in_view())
    }

    /// Whether the instance is at least half in view on an active page.
    pub fn is_in_view(&self, instance: u32) -> bool {
        self.page.is_active()
            && self
                .instances
                .iter()
                .any(|i| i.instance == instance && i.is_in_view())
    }

    /// Whole milliseconds of in-view time since the instance's last input
    /// (`None` before its first input).
    pub fn in_view_since_input_ms(&self, instance: u32) -> Option<u64> {
        let clock = self.instances.iter().find(|i| i.instance == instance)?;
        clock.last_input_us?;
        Some(clock.in_view_since_input_us / MICROS_PER_MS)
    }

    /// The instance's totals as of the last fact, floored to whole
    /// milliseconds (flooring is monotone, so the order survives it).
    pub fn totals(&self, instance: u32) -> Result<Totals, ClockError> {
        let clock = self
            .instances
            .get(self.position(instance)?)
            .ok_or(ClockError::UnknownInstance { instance })?;
        Ok(Totals {
            interaction_ms: clock.interaction_us / MICROS_PER_MS,
            in_view_ms: clock.in_view_us / MICROS_PER_MS,
            active_page_ms: self.active_page_us / MICROS_PER_MS,
            wall_ms: self.last_us.saturating_sub(self.created_us) / MICROS_PER_MS,
        })
    }

    /// The page's own times as of the last fact, in microseconds: the
    /// last fact's time, the idle timeout, active page time and wall time
    /// (the page snippet's engaged clock runs beside this one).
    pub fn page_times_us(&self) -> PageTimesUs {
        PageTimesUs {
            now_us: self.last_us,
            idle_timeout_us: self.idle_timeout_us,
            active_page_us: self.active_page_us,
            wall_us: self.last_us.saturating_sub(self.created_us),
        }
    }

    /// The numbers of the live instances, in the order they were added.
    pub fn instances(&self) -> impl Iterator<Item = u32> + '_ {
        self.instances.iter().map(|i| i.instance)
    }
}

#[cfg(test)]
#[path = "clock_test.rs"]
mod tests;
