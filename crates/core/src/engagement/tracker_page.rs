//! The tracker's page part (docs/engagement.md, "Page events" and "The page
//! snippet"): once the page snippet starts page tracking, the same
//! [`Tracker`] that runs the widgets' clocks makes the page events, with
//! the same sequence counter and page view id, so a page's `calc_*` and
//! `page_*` events form one series.
//!
//! Engaged time follows the widget's interaction rule at page level: it
//! runs while the page is active and the last page-level input (scroll,
//! key, pointer) is at most the idle timeout old. Active page and wall
//! time are the clock's own. Page events wait in the tracker until the
//! caller takes them ([`Tracker::take_page_events`]), so every call keeps
//! returning only the widget events it always has.

use super::{Tracker, MAX_SEQUENCE};
use crate::engagement::clock::ClockError;
use crate::engagement::event::{Consent, Event};
use crate::engagement::page_event::{PageEvent, PageEventName, PageInfo, PageTarget, PageTotals};
use crate::engagement::page_facts;
use crate::engagement::tracker_error::TrackerError;
use crate::engagement::tracker_ids::uuid_v4;

const MICROS_PER_MS: u64 = 1_000;

/// How page tracking starts: the page's raw addresses and, only with
/// consent granted, the day of the visitor's last page view as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageStart<'a> {
    /// `location.href`, query and all (the core keeps what may leave).
    pub url: &'a str,
    /// `document.referrer`, empty for a direct visit.
    pub referrer: &'a str,
    /// The stored last visit's UTC day (`YYYY-MM-DD`); ignored unless the
    /// consent is granted.
    pub last_visit_day: Option<&'a str>,
}

/// A fact about the whole page that the page snippet reports
/// ([`Tracker::page_input`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageInput<'a> {
    /// A scroll, key or pointer input anywhere on the page: engaged time
    /// runs for the next idle timeout.
    Input,
    /// The page's scroll position and size, in CSS pixels; the deepest
    /// reached is kept.
    Scroll {
        /// `scrollY`.
        top_px: f64,
        /// `innerHeight`.
        viewport_px: f64,
        /// The document's scroll height.
        height_px: f64,
    },
    /// A click on a link: a download, an outbound click or nothing.
    Link {
        /// The link's resolved `href`.
        href: &'a str,
    },
    /// An HTML5 video started playing.
    Video {
        /// Its `currentSrc`.
        current_src: &'a str,
        /// Its element id, empty if none.
        element_id: &'a str,
    },
}

/// The page view's own state once page tracking started.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PageTracking {
    info: PageInfo,
    /// The page's own host (never sent): links elsewhere are outbound.
    host: String,
    /// The start's UTC day, days since 1970-01-01.
    today: i64,
    /// An earlier day's page view was stored (consent granted at start).
    returning: bool,
    last_input_us: Option<u64>,
    engaged_us: u64,
    scroll_percent: u8,
    /// `(engaged_ms, active_page_ms, scroll_percent)` last reported.
    last_reported: (u64, u64, u8),
    /// [`Tracker::flush_page`], which a flush calls through this pointer.
    pub(super) flush: PageFlush,
}

/// [`Tracker::flush_page`] behind a pointer, so that only starting page
/// tracking links it. Every value is that one function: all compare equal.
#[derive(Clone, Copy)]
pub(super) struct PageFlush(pub(super) fn(&mut Tracker, f64));

impl PartialEq for PageFlush {
    fn eq(&self, _other: &PageFlush) -> bool {
        true
    }
}

impl std::fmt::Debug for PageFlush {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("flush_page")
    }
}

impl Tracker {
    /// Runs the clocks to `now_ms`, the page's engaged clock beside them:
    /// over the span since the last fact, engaged time accrues while the
    /// page was active, up to the last page input's idle deadline.
    pub(super) fn run_to(&mut self, now_ms: f64) -> Result<(), ClockError> {
        let before = self.clock.page_times_us();
        let active = self.clock.page_is_active();
        self.clock.advance(now_ms)?;
        let now_us = self.clock.page_times_us().now_us;
        if let Some(page) = self.page.as_mut() {
            if let (true, Some(last_input_us)) = (active, page.last_input_us) {
                let end_us = now_us.min(last_input_us.saturating_add(before.idle_timeout_us));
                page.engaged_us = page
                    .engaged_us
                    .saturating_add(end_us.saturating_sub(before.now_us));
            }
        }
        Ok(())
    }

    /// Starts page tracking (once; later starts change nothing): due
    /// milestones, then `page_view`, taken with
    /// [`Tracker::take_page_events`].
    pub fn start_page(
        &mut self,
        start: PageStart<'_>,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        // Not through `Tracker::call`: a build that never starts page
        // tracking (the widget's) then links none of this.
        let events = self.advance(now_ms)?;
        if self.page.is_none() {
            let today = page_facts::utc_day(self.time_origin_ms + now_ms);
            let returning = self.consent == Consent::Granted
                && page_facts::is_returning(start.last_visit_day, today);
            self.page = Some(PageTracking {
                info: page_facts::page_info(start.url, start.referrer),
                host: page_facts::url_parts(start.url)
                    .map(|u| u.host)
                    .unwrap_or_default(),
                today,
                returning,
                last_input_us: None,
                engaged_us: 0,
                scroll_percent: 0,
                last_reported: (0, 0, 0),
                flush: PageFlush(Tracker::flush_page),
            });
            self.emit_page(PageEventName::View, None, now_ms);
        }
        Ok(events)
    }

    /// A page-level fact: due milestones first; a download, video or
    /// outbound click makes its page event. Ignored before page tracking
    /// starts.
    pub fn page_input(
        &mut self,
        input: PageInput<'_>,
        now_ms: f64,
    ) -> Result<Vec<Event>, TrackerError> {
        let events = self.advance(now_ms)?;
        self.page_level_fact(input, now_ms);
        Ok(events)
    }

    /// The page events made since the last call, in sequence order.
    pub fn take_page_events(&mut self) -> Vec<PageEvent> {
        std::mem::take(&mut self.page_events)
    }

    /// Whether page tracking has started.
    pub fn tracks_page(&self) -> bool {
        self.page.is_some()
    }

    /// The day to store as the visitor's last visit (`YYYY-MM-DD`): only
    /// with consent granted and page tracking started, else `None` (and
    /// nothing may be stored).
    pub fn visit_day(&self) -> Option<String> {
        let page = self.page.as_ref()?;
        (self.consent == Consent::Granted).then(|| page_facts::day_text(page.today))
    }

    /// The page view's totals as of the last fact, `None` before page
    /// tracking starts.
    pub fn page_totals(&self) -> Option<PageTotals> {
        let page = self.page.as_ref()?;
        let times = self.clock.page_times_us();
        Some(PageTotals {
            engaged_ms: page.engaged_us / MICROS_PER_MS,
            active_page_ms: times.active_page_us / MICROS_PER_MS,
            wall_ms: times.wall_us / MICROS_PER_MS,
            scroll_percent: page.scroll_percent,
        })
    }

    fn page_level_fact(&mut self, input: PageInput<'_>, now_ms: f64) {
        let now_us = self.clock.page_times_us().now_us;
        let Some(page) = self.page.as_mut() else {
            return;
        };
        let (name, target) = match input {
            PageInput::Input => {
                page.last_input_us = Some(now_us);
                return;
            }
            PageInput::Scroll {
                top_px,
                viewport_px,
                height_px,
            } => {
                let depth = page_facts::scroll_percent(top_px, viewport_px, height_px);
                page.scroll_percent = page.scroll_percent.max(depth);
                return;
            }
            PageInput::Link { href } => match page_facts::classify_link(href, &page.host) {
                Some(target @ PageTarget::Download { .. }) => (PageEventName::Download, target),
                Some(target) => (PageEventName::Outbound, target),
                None => return,
            },
            PageInput::Video {
                current_src,
                element_id,
            } => (
                PageEventName::Video,
                PageTarget::Video {
                    source: page_facts::video_source(current_src, element_id),
                },
            ),
        };
        self.emit_page(name, Some(target), now_ms);
    }

    /// At a flush: `page_engagement` when engaged time, active page time or
    /// the scroll depth changed since the last report.
    fn flush_page(&mut self, now_ms: f64) {
        let Some(totals) = self.page_totals() else {
            return;
        };
        let now = (
            totals.engaged_ms,
            totals.active_page_ms,
            totals.scroll_percent,
        );
        if let Some(page) = self.page.as_mut() {
            if page.last_reported != now {
                page.last_reported = now;
                self.emit_page(PageEventName::Engagement, None, now_ms);
            }
        }
    }

    fn emit_page(&mut self, name: PageEventName, target: Option<PageTarget>, now_ms: f64) {
        if self.next_sequence > MAX_SEQUENCE {
            return;
        }
        let (Some(totals), Some(page)) = (self.page_totals(), self.page.as_ref()) else {
            return;
        };
        let granted = self.consent == Consent::Granted;
        let event = PageEvent {
            event_id: uuid_v4(&mut self.rng),
            name,
            sequence: self.next_sequence,
            page_view_id: self.page_view_id.clone(),
            occurred_at_ms: self.time_origin_ms + now_ms,
            page_time_ms: now_ms,
            consent: self.consent,
            visitor_id: self.visitor_id.clone(),
            returning: granted.then_some(page.returning),
            page: page.info.clone(),
            totals,
            target,
        };
        self.page_events.push(event);
        self.next_sequence += 1;
    }
}

#[cfg(test)]
#[path = "tracker_page_test.rs"]
mod tests;
