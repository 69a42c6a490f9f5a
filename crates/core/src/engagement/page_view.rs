//! One page view's facts, kept as its events arrive (docs/engagement.md,
//! "Page events", "What the collector keeps"): the day it happened, which
//! event's page fields and visitor id it keeps, the maxima of its
//! cumulative totals and its counts of downloads, video plays and outbound
//! clicks; and what a widget's `calc_*` event says about the page view it
//! names (a calculator was used, a lead was sent).
//!
//! Every rule is a maximum, a minimum, a count of distinct events or a
//! choice by the lowest sequence, so duplicates (the collector merges each
//! event id once), lost intermediate flushes and reordering leave the same
//! facts. It stores nothing; the collector writes the rows.

use super::event::{Event, EventName};
use super::page_event::{PageEvent, PageEventName};

/// Milliseconds in a UTC day.
pub const DAY_MS: f64 = 86_400_000.0;

/// The UTC day (days since 1970-01-01) of an epoch time in ms.
pub fn day_of(epoch_ms: f64) -> i64 {
    // Epoch times are 0 to 8.64e15 (the reader's bound): exact in i64.
    (epoch_ms / DAY_MS).floor() as i64
}

/// What the collector keeps of one page view's page events.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageViewFacts {
    /// The earliest `occurred_at_ms` among its events; its UTC day is the
    /// page view's day.
    pub first_occurred_at_ms: f64,
    /// The sequence of the event whose page fields are kept: the lowest
    /// seen (`page_view`, sequence 0, when it arrived).
    pub page_sequence: u32,
    /// The sequence of the event whose visitor id is kept: the lowest
    /// among those that carry one; `None` while none did.
    pub visitor_sequence: Option<u32>,
    /// The largest cumulative `engaged_ms`.
    pub max_engaged_ms: u64,
    /// The deepest `scroll_percent`.
    pub max_scroll_percent: u8,
    /// `page_download` events.
    pub downloads: u64,
    /// `page_video` events.
    pub video_plays: u64,
    /// `page_outbound` events.
    pub outbound_clicks: u64,
    /// Any event said the visitor had come on an earlier day.
    pub returning: bool,
}

impl PageViewFacts {
    /// The page view's UTC day.
    pub fn day(&self) -> i64 {
        day_of(self.first_occurred_at_ms)
    }
}

/// A page view's facts after one more event, and which of the event's
/// fields now describe the page view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageViewChange {
    /// The facts after the event.
    pub facts: PageViewFacts,
    /// The event's `page` fields replace the kept ones (its sequence is
    /// the lowest yet; the first event always).
    pub takes_page: bool,
    /// The event's `visitor_id` replaces the kept one (it has one, and its
    /// sequence is the lowest among the events that had one).
    pub takes_visitor: bool,
}

/// Merges a newly stored page event into its page view's facts (`None`
/// when the page view has none yet). Call it once per event id.
pub fn merge_page_event(before: Option<&PageViewFacts>, event: &PageEvent) -> PageViewChange {
    let mut facts = before.copied().unwrap_or(PageViewFacts {
        first_occurred_at_ms: event.occurred_at_ms,
        page_sequence: event.sequence,
        ..PageViewFacts::default()
    });
    // Equal sequences (a sender bug) keep what came first.
    let takes_page = before.map_or(true, |b| event.sequence < b.page_sequence);
    if takes_page {
        facts.page_sequence = event.sequence;
    }
    let takes_visitor = event.visitor_id.is_some()
        && facts
            .visitor_sequence
            .map_or(true, |kept| event.sequence < kept);
    if takes_visitor {
        facts.visitor_sequence = Some(event.sequence);
    }
    facts.first_occurred_at_ms = facts.first_occurred_at_ms.min(event.occurred_at_ms);
    facts.max_engaged_ms = facts.max_engaged_ms.max(event.totals.engaged_ms);
    facts.max_scroll_percent = facts.max_scroll_percent.max(event.totals.scroll_percent);
    facts.returning |= event.returning == Some(true);
    match event.name {
        PageEventName::Download => facts.downloads += 1,
        PageEventName::Video => facts.video_plays += 1,
        PageEventName::Outbound => facts.outbound_clicks += 1,
        PageEventName::View | PageEventName::Engagement => {}
    }
    PageViewChange {
        facts,
        takes_page,
        takes_visitor,
    }
}

/// What a widget's event tells about the page view it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalcLink {
    /// The visitor used a calculator on the page.
    Used,
    /// The visitor sent a lead (which also means they used it).
    Lead,
}

/// What `event` says of its page view: `calc_lead` is a lead; `calc_start`,
/// and every milestone that needs an input before it (`calc_step`,
/// `calc_result`, `calc_engaged`, a `calc_engagement` with interaction
/// time), say the calculator was used, so a lost `calc_start` loses
/// nothing. `calc_view` says nothing.
pub fn calc_link(event: &Event) -> Option<CalcLink> {
    match event.name {
        EventName::Lead => Some(CalcLink::Lead),
        EventName::Start | EventName::Step | EventName::Result | EventName::Engaged => {
            Some(CalcLink::Used)
        }
        EventName::Engagement if event.totals.interaction_ms > 0 => Some(CalcLink::Used),
        EventName::Engagement | EventName::View => None,
    }
}

#[cfg(test)]
#[path = "page_view_test.rs"]
mod tests;
