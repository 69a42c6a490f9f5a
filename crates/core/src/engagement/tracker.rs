//! One page view's engagement tracker (docs/engagement.md, "Milestones and
//! events"): the interaction [`Clock`] plus the milestones each widget
//! instance reaches, turned into complete [`Event`]s with UUID v4 ids, a
//! per-page-view sequence, consent and the visitor id.
//!
//! Every call takes the time of its fact; the clocks first run up to it,
//! time-driven milestones that fell due meanwhile (`calc_result`,
//! `calc_engaged`) are reported, then the fact applies and the milestones
//! it causes follow. A milestone found late is reported at the time of the
//! call that found it, with the totals as of that time.
//!
//! Ids come from PCG-XSL-RR 128/64 (`rand_pcg::Pcg64`) seeded with 32 bytes
//! the caller draws (from `crypto.getRandomValues` in the widget), so the
//! same seed and facts always give the same events. It never reads a clock
//! or global randomness and never sends anything: the caller delivers the
//! events it returns.

use super::clock::{self, Clock, ClockError, PageFact};
use super::event::{Consent, Event, EventName, Step, Totals};
use super::page_event::PageEvent;
use super::tracker_ids::{generator, uuid_v4};
use rand_pcg::Pcg64;

#[path = "tracker_page.rs"]
mod page;
pub use page::{PageInput, PageStart};

use super::tracker_error::check_range;
pub use super::tracker_error::{check_id, TrackerError};
pub use super::tracker_limits::{MAX_ID_CHARS, SEED_BYTES};

/// `calc_result` fires after this much in-view time without input.
pub const DEFAULT_RESULT_SETTLE_MS: u64 = 2_000;
/// `calc_engaged` fires when interaction time reaches this.
pub const DEFAULT_ENGAGED_AFTER_MS: u64 = 10_000;
/// Accepted `result_settle_ms`: half a second to a minute.
pub const RESULT_SETTLE_RANGE_MS: (u64, u64) = (500, 60_000);
/// Accepted `engaged_after_ms`: a second to an hour.
pub const ENGAGED_AFTER_RANGE_MS: (u64, u64) = (1_000, 3_600_000);
/// Distinct committed inputs per instance that get a `calc_step`.
pub const MAX_STEPS_PER_INSTANCE: usize = 256;
/// The largest sequence number the collector accepts; later events are
/// not made.
pub const MAX_SEQUENCE: u32 = 1_000_000;

/// How a tracker starts: the seed, the page's time origin and clock, the
/// consent, and the thresholds (each in milliseconds).
#[derive(Debug, Clone, PartialEq)]
pub struct TrackerOptions<'a> {
    /// 32 random bytes; every id derives from them.
    pub seed: &'a [u8],
    /// `performance.timeOrigin`: epoch milliseconds of page time 0.
    pub time_origin_ms: f64,
    /// `performance.now()` at creation: wall time starts here.
    pub now_ms: f64,
    /// The consent the page states.
    pub consent: Consent,
    /// Kept only with consent granted; one is generated when none is given.
    pub visitor_id: Option<String>,
    /// How long after the last input interaction time still runs, in ms (5,000 to 60,000).
    pub idle_timeout_ms: u64,
    /// Interaction time after which `calc_engaged` fires, in ms.
    pub engaged_after_ms: u64,
    /// Quiet time in view after which `calc_result` fires, in ms.
    pub result_settle_ms: u64,
}

impl<'a> TrackerOptions<'a> {
    /// The contract's defaults, consent unknown and no visitor id.
    pub fn new(seed: &'a [u8], time_origin_ms: f64, now_ms: f64) -> Self {
        TrackerOptions {
            seed,
            time_origin_ms,
            now_ms,
            consent: Consent::Unknown,
            visitor_id: None,
            idle_timeout_ms: clock::DEFAULT_IDLE_TIMEOUT_MS,
            engaged_after_ms: DEFAULT_ENGAGED_AFTER_MS,
            result_settle_ms: DEFAULT_RESULT_SETTLE_MS,
        }
    }
}

/// A call that returns events, for [`Tracker::call`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Call<'a> {
    /// A fact about one widget, named by its instance id.
    Widget {
        /// The widget's instance id, as [`Tracker::add_widget`] returned it.
        instance_id: &'a str,
        /// What happened to it.
        fact: WidgetFact<'a>,
    },
    /// [`Tracker::page_fact`].
    Page(PageFact),
    /// [`Tracker::set_idle_timeout`].
    IdleTimeout {
        /// The new idle timeout, in milliseconds.
        idle_timeout_ms: u64,
    },
    /// [`Tracker::advance`].
    Advance,
    /// [`Tracker::flush`].
    Flush,
}

/// A fact about one widget (see the [`Tracker`] method of the same name).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WidgetFact<'a> {
    /// [`Tracker::remove_widget`].
    Remove,
    /// [`Tracker::intersection`].
    Intersection {
        /// How much of the widget is in view, 0 to 1.
        ratio: f64,
    },
    /// [`Tracker::input`].
    Input {
        /// The input the visitor changed, if the fact names one.
        input_id: Option<&'a str>,
        /// Whether the change was committed (`change`, not every keystroke's `input`).
        committed: bool,
    },
    /// [`Tracker::lead`].
    Lead,
}

/// A widget instance's identity and the milestones it has reached.
#[derive(Debug, Clone, PartialEq)]
struct Widget {
    clock_instance: u32,
    instance_id: String,
    calc_id: String,
    calc_version: String,
    scenario: Option<String>,
    viewed: bool,
    started: bool,
    result_viewed: bool,
    engaged: bool,
    /// The inputs that have had their `calc_step`, in order.
    steps: Vec<String>,
    /// `(interaction_ms, in_view_ms)` of its last `calc_engagement`.
    last_reported_ms: (u64, u64),
}

/// One page view's tracker (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Tracker {
    clock: Clock,
    rng: Pcg64,
    page_view_id: String,
    time_origin_ms: f64,
    consent: Consent,
    visitor_id: Option<String>,
    engaged_after_ms: u64,
    result_settle_ms: u64,
    next_sequence: u32,
    widgets: Vec<Widget>,
    /// Page tracking, once the page snippet started it.
    page: Option<page::PageTracking>,
    /// Page events not yet taken.
    page_events: Vec<PageEvent>,
}

impl Tracker {
    /// A tracker for a page view starting at `options.now_ms`, the page
    /// visible, focused and active.
    pub fn new(options: TrackerOptions<'_>) -> Result<Tracker, TrackerError> {
        let seed: [u8; SEED_BYTES] =
            options
                .seed
                .try_into()
                .map_err(|_| TrackerError::SeedLength {
                    bytes: options.seed.len(),
                })?;
        if !(options.time_origin_ms.is_finite() && options.time_origin_ms >= 0.0) {
            return Err(TrackerError::TimeOrigin {
                time_origin_ms: options.time_origin_ms,
            });
        }
        let engaged_after_ms = check_range(
            "engaged_after_ms",
            options.engaged_after_ms,
            ENGAGED_AFTER_RANGE_MS,
        )?;
        let result_settle_ms = check_range(
            "result_settle_ms",
            options.result_settle_ms,
            RESULT_SETTLE_RANGE_MS,
        )?;
        if let Some(visitor_id) = &options.visitor_id {
            check_id("visitor_id", visitor_id)?;
        }
        let clock = Clock::new(options.now_ms, options.idle_timeout_ms)?;
        let mut rng = generator(&seed);
        let page_view_id = uuid_v4(&mut rng);
        let mut tracker = Tracker {
            clock,
            rng,
            page_view_id,
            time_origin_ms: options.time_origin_ms,
            consent: Consent::Unknown,
            visitor_id: None,
            engaged_after_ms,
            result_settle_ms,
            next_sequence: 0,
            widgets: Vec::new(),
            page: None,
            page_events: Vec::new(),
        };
        tracker.apply_consent(options.consent, options.visitor_id);
        Ok(tracker)
    }

    /// The page view's UUID.
    pub fn page_view_id(&self) -> &str {
        &self.page_view_id
    }

    /// The visitor id: present only with consent granted.
    pub fn visitor_id(&self) -> Option<&str> {
        self.visitor_id.as_deref()
    }

    /// The page's consent as last stated.
    pub fn consent(&self) -> Consent {
        self.consent
    }

    /// Sets the consent. Granted keeps `visitor_id` if given, else the
    /// current one, else a new one; anything else drops the visitor id.
    pub fn set_consent(
        &mut self,
        consent: Consent,
        visitor_id: Option<String>,
    ) -> Result<(), TrackerError> {
        if let Some(id) = &visitor_id {
            check_id("visitor_id", id)?;
        }
        self.apply_consent(consent, visitor_id);
        Ok(())
    }

    fn apply_consent(&mut self, consent: Consent, visitor_id: Option<String>) {
        self.consent = consent;
        self.visitor_id = if consent.allows_storage() {
            visitor_id
                .or_else(|| self.visitor_id.take())
                .or_else(|| Some(uuid_v4(&mut self.rng)))
        } else {
            None
        };
    }

    fn widget_index(&self, instance_id: &str) -> Result<usize, TrackerError> {
        self.widgets
            .iter()
            .position(|w| w.instance_id == instance_id)
            .ok_or_else(|| TrackerError::UnknownInstance {
                instance_id: super::tracker_error::first_chars(instance_id, 80).to_string(),
            })
    }

    /// Adds a widget showing model `calc_id` at `calc_version`; returns its
    /// instance id (`w1`, `w2`, ...). It starts out of view.
    pub fn add_widget(
        &mut self,
        calc_id: &str,
        calc_version: &str,
        now_ms: f64,
    ) -> Result<String, TrackerError> {
        check_id("calc_id", calc_id)?;
        check_id("calc_version", calc_version)?;
        // The page's engaged clock runs up to the addition too; checked
        // first, so a refused addition changes nothing.
        self.clock.check_time(now_ms)?;
        if self.widgets.len() >= clock::MAX_INSTANCES {
            return Err(ClockError::TooManyInstances {
                limit: clock::MAX_INSTANCES,
            }
            .into());
        }
        self.run_to(now_ms)?;
        let clock_instance = self.clock.add_instance(now_ms)?;
        // `w1`, `w2`, ...: the core's digit writer rather than `format!`,
        // whose arguments are more code at the call (fewer bytes in the wasm).
        let mut instance_id = String::from("w");
        crate::number_text::push_u64(&mut instance_id, u64::from(clock_instance), 1);
        self.widgets.push(Widget {
            clock_instance,
            instance_id: instance_id.clone(),
            calc_id: calc_id.to_string(),
            calc_version: calc_version.to_string(),
            scenario: None,
            viewed: false,
            started: false,
            result_viewed: false,
            engaged: false,
            steps: Vec::new(),
            last_reported_ms: (0, 0),
        });
        Ok(instance_id)
    }

    /// Removes a widget: due milestones, then its `calc_engagement` if its
    /// totals changed since the last one. Its id is unknown afterwards.
    pub fn remove_widget(
        &mut self,
        instance_id: &str,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        self.widget_call(instance_id, WidgetFact::Remove, now_ms)
    }

    /// A page fact. Hiding the page (`Visibility(false)`) and `PageHide`
    /// also flush.
    pub fn page_fact(&mut self, fact: PageFact, now_ms: f64) -> Result<Vec<Event>, TrackerError> {
        self.call(Call::Page(fact), now_ms)
    }

    /// The widget's visible fraction changed (0 to 1).
    pub fn intersection(
        &mut self,
        instance_id: &str,
        ratio: f64,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        self.widget_call(instance_id, WidgetFact::Intersection { ratio }, now_ms)
    }

    /// A qualifying input inside the widget; `committed` when a value was
    /// settled. The first input is `calc_start`; the first committed change
    /// of each distinct `input_id` is a `calc_step`.
    pub fn input(
        &mut self,
        instance_id: &str,
        input_id: Option<&str>,
        committed: bool,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        let fact = WidgetFact::Input {
            input_id,
            committed,
        };
        self.widget_call(instance_id, fact, now_ms)
    }

    /// The host reported a lead (or the visitor followed the call to
    /// action): a `calc_lead` every time.
    pub fn lead(&mut self, instance_id: &str, now_ms: f64) -> Result<Vec<Event>, TrackerError> {
        self.widget_call(instance_id, WidgetFact::Lead, now_ms)
    }

    /// Runs any call that returns events (what the methods above and
    /// [`Tracker::advance`] and [`Tracker::flush`] do). One entry point, so
    /// the wasm bindings compile the clock and milestone code once rather
    /// than into each method.
    pub fn call(&mut self, call: Call<'_>, now_ms: f64) -> Result<Vec<Event>, TrackerError> {
        // Every check comes first: a refused call changes nothing.
        let widget = match call {
            Call::Widget { instance_id, fact } => {
                let index = self.widget_index(instance_id)?;
                match fact {
                    WidgetFact::Intersection { ratio } if !(0.0..=1.0).contains(&ratio) => {
                        return Err(ClockError::RatioOutOfRange { ratio }.into());
                    }
                    WidgetFact::Input {
                        input_id: Some(id), ..
                    } => check_id("input id", id)?,
                    _ => {}
                }
                Some((index, fact))
            }
            Call::IdleTimeout { idle_timeout_ms } => {
                clock::check_idle_timeout(idle_timeout_ms)?;
                None
            }
            Call::Page(_) | Call::Advance | Call::Flush => None,
        };
        // Then the milestones that fell due before the call's fact.
        let mut events = self.advance(now_ms)?;
        match call {
            Call::Widget { .. } => {
                if let Some((index, fact)) = widget {
                    self.widget_fact(index, fact, now_ms, &mut events)?;
                }
            }
            Call::Page(fact) => {
                self.clock.page_fact(fact, now_ms)?;
                self.find_views(now_ms, &mut events);
                if matches!(fact, PageFact::Visibility(false) | PageFact::PageHide) {
                    self.flush_all(now_ms, &mut events);
                }
            }
            Call::IdleTimeout { idle_timeout_ms } => {
                self.clock.set_idle_timeout(idle_timeout_ms, now_ms)?;
            }
            Call::Advance => {}
            Call::Flush => self.flush_all(now_ms, &mut events),
        }
        Ok(events)
    }

    /// [`Tracker::call`] for a fact about one widget.
    fn widget_call(
        &mut self,
        instance_id: &str,
        fact: WidgetFact<'_>,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        self.call(Call::Widget { instance_id, fact }, now_ms)
    }

    /// Applies a checked fact to widget `index` once the clocks are at
    /// `now_ms`, adding the milestones it causes.
    fn widget_fact(
        &mut self,
        index: usize,
        fact: WidgetFact<'_>,
        now_ms: f64,
        events: &mut Vec<Event>,
    ) -> Result<(), TrackerError> {
        let Some(widget) = self.widgets.get_mut(index) else {
            return Ok(());
        };
        let clock_instance = widget.clock_instance;
        match fact {
            WidgetFact::Remove => {
                self.flush_widget(index, now_ms, events);
                self.clock.remove_instance(clock_instance, now_ms)?;
                self.widgets.retain(|w| w.clock_instance != clock_instance);
            }
            WidgetFact::Intersection { ratio } => {
                self.clock.intersection(clock_instance, ratio, now_ms)?;
                self.find_views(now_ms, events);
            }
            WidgetFact::Input {
                input_id,
                committed,
            } => {
                self.clock.input(clock_instance, now_ms)?;
                let start = !widget.started;
                widget.started = true;
                let step = match input_id {
                    Some(id)
                        if committed
                            && widget.steps.len() < MAX_STEPS_PER_INSTANCE
                            && !widget.steps.iter().any(|s| s == id) =>
                    {
                        widget.steps.push(id.to_string());
                        Some(Step {
                            input_id: id.to_string(),
                            index: u32::try_from(widget.steps.len()).unwrap_or(u32::MAX),
                        })
                    }
                    _ => None,
                };
                if start {
                    self.emit(index, EventName::Start, None, now_ms, events);
                }
                if step.is_some() {
                    self.emit(index, EventName::Step, step, now_ms, events);
                }
            }
            WidgetFact::Lead => self.emit(index, EventName::Lead, None, now_ms, events),
        }
        Ok(())
    }

    /// Due milestones, then a new idle timeout for the page, checked as at
    /// creation (5,000 to 60,000 ms): it applies from `now_ms` on, and time
    /// already credited stays (see [`Clock::set_idle_timeout`]).
    pub fn set_idle_timeout(
        &mut self,
        idle_timeout_ms: u64,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        self.call(Call::IdleTimeout { idle_timeout_ms }, now_ms)
    }

    /// The scenario the widget shows (`None`: the defaults).
    pub fn set_scenario(
        &mut self,
        instance_id: &str,
        scenario: Option<&str>,
    ) -> Result<(), TrackerError> {
        let index = self.widget_index(instance_id)?;
        if let Some(s) = scenario {
            check_id("scenario", s)?;
        }
        if let Some(widget) = self.widgets.get_mut(index) {
            widget.scenario = scenario.map(str::to_string);
        }
        Ok(())
    }

    /// Runs the clocks to `now_ms` and reports the milestones that fell due:
    /// `calc_result` and `calc_engaged` for each instance, then `calc_view`.
    pub fn advance(&mut self, now_ms: f64) -> Result<Vec<Event>, TrackerError> {
        self.run_to(now_ms)?;
        let mut events = Vec::new();
        for index in 0..self.widgets.len() {
            let Some(widget) = self.widgets.get_mut(index) else {
                debug_assert!(false, "widget {index} is gone while advancing");
                continue;
            };
            let instance = widget.clock_instance;
            let settled = self
                .clock
                .in_view_since_input_ms(instance)
                .is_some_and(|ms| ms >= self.result_settle_ms);
            let result = widget.started && !widget.result_viewed && settled;
            widget.result_viewed |= result;
            let interaction_ms = self.clock.totals(instance).map_or(0, |t| t.interaction_ms);
            let engaged = !widget.engaged && interaction_ms >= self.engaged_after_ms;
            widget.engaged |= engaged;
            if result {
                self.emit(index, EventName::Result, None, now_ms, &mut events);
            }
            if engaged {
                self.emit(index, EventName::Engaged, None, now_ms, &mut events);
            }
        }
        self.find_views(now_ms, &mut events);
        Ok(events)
    }

    /// Due milestones, then a `calc_engagement` for every instance whose
    /// interaction or in-view total changed since its last one.
    pub fn flush(&mut self, now_ms: f64) -> Result<Vec<Event>, TrackerError> {
        self.call(Call::Flush, now_ms)
    }

    /// The widget's totals at `now_ms`, without changing the tracker.
    pub fn totals(&self, instance_id: &str, now_ms: f64) -> Result<Totals, TrackerError> {
        let index = self.widget_index(instance_id)?;
        let instance = self
            .widgets
            .get(index)
            .map_or(0, |widget| widget.clock_instance);
        let mut clock = self.clock.clone();
        clock.advance(now_ms)?;
        Ok(clock.totals(instance)?)
    }

    /// The instance ids of the live widgets, in the order they were added.
    pub fn instance_ids(&self) -> impl Iterator<Item = &str> {
        self.widgets.iter().map(|w| w.instance_id.as_str())
    }

    fn find_views(&mut self, now_ms: f64, events: &mut Vec<Event>) {
        for index in 0..self.widgets.len() {
            let Some(widget) = self.widgets.get_mut(index) else {
                debug_assert!(false, "widget {index} is gone while finding views");
                continue;
            };
            if !widget.viewed && self.clock.is_seen(widget.clock_instance) {
                widget.viewed = true;
                self.emit(index, EventName::View, None, now_ms, events);
            }
        }
    }

    fn flush_all(&mut self, now_ms: f64, events: &mut Vec<Event>) {
        for index in 0..self.widgets.len() {
            self.flush_widget(index, now_ms, events);
        }
        // Through the pointer page tracking stored: a build that never
        // starts it (the widget's) links none of the page code.
        if let Some(flush_page) = self.page.as_ref().map(|page| page.flush.0) {
            flush_page(self, now_ms);
        }
    }

    fn flush_widget(&mut self, index: usize, now_ms: f64, events: &mut Vec<Event>) {
        let Some(widget) = self.widgets.get_mut(index) else {
            return;
        };
        let Ok(totals) = self.clock.totals(widget.clock_instance) else {
            return;
        };
        let reported = (totals.interaction_ms, totals.in_view_ms);
        if reported != widget.last_reported_ms {
            widget.last_reported_ms = reported;
            self.emit(index, EventName::Engagement, None, now_ms, events);
        }
    }

    /// Makes the event for widget `index` as of the clock's current time.
    fn emit(
        &mut self,
        index: usize,
        name: EventName,
        step: Option<Step>,
        now_ms: f64,
        events: &mut Vec<Event>,
    ) {
        let Some(widget) = self.widgets.get(index) else {
            return;
        };
        if self.next_sequence > MAX_SEQUENCE {
            return;
        }
        let Ok(totals) = self.clock.totals(widget.clock_instance) else {
            return;
        };
        events.push(Event {
            event_id: uuid_v4(&mut self.rng),
            name,
            sequence: self.next_sequence,
            page_view_id: self.page_view_id.clone(),
            instance_id: widget.instance_id.clone(),
            calc_id: widget.calc_id.clone(),
            calc_version: widget.calc_version.clone(),
            occurred_at_ms: self.time_origin_ms + now_ms,
            page_time_ms: now_ms,
            consent: self.consent,
            visitor_id: self.visitor_id.clone(),
            totals,
            step,
            scenario: widget.scenario.clone(),
        });
        self.next_sequence += 1;
    }
}

#[cfg(test)]
#[path = "tracker_test.rs"]
mod tests;
