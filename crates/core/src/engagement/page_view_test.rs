//! Unit tests of a page view's facts: every order of the same events gives
//! the same facts and keeps the same event's page fields and visitor id;
//! and which widget events mark the page view.

use super::*;
use crate::engagement::event::{Consent, Totals};
use crate::engagement::page_event::{PageInfo, PageTarget, PageTotals};

fn page_event(sequence: u32, name: PageEventName, engaged_ms: u64) -> PageEvent {
    PageEvent {
        event_id: format!("00000000-0000-4000-8000-{sequence:012}"),
        name,
        sequence,
        page_view_id: "00000000-0000-4000-8000-0000000000aa".into(),
        occurred_at_ms: 1_764_720_000_000.0 + f64::from(sequence) * 1000.0,
        page_time_ms: f64::from(sequence),
        consent: Consent::Granted,
        visitor_id: None,
        returning: None,
        page: PageInfo {
            path: format!("/page-{sequence}"),
            ..PageInfo::default()
        },
        totals: PageTotals {
            engaged_ms,
            active_page_ms: engaged_ms,
            wall_ms: engaged_ms,
            scroll_percent: u8::try_from(sequence * 10).unwrap(),
        },
        target: None,
    }
}

/// Folds `events` in order; returns the facts and the sequences whose page
/// and visitor were kept.
fn fold(events: &[&PageEvent]) -> (PageViewFacts, u32, Option<u32>) {
    let mut facts: Option<PageViewFacts> = None;
    let (mut page, mut visitor) = (u32::MAX, None);
    for event in events {
        let change = merge_page_event(facts.as_ref(), event);
        if change.takes_page {
            page = event.sequence;
        }
        if change.takes_visitor {
            visitor = Some(event.sequence);
        }
        facts = Some(change.facts);
    }
    (facts.unwrap(), page, visitor)
}

/// Every permutation of `items`.
fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            out.push(tail);
        }
    }
    out
}

#[test]
fn every_order_gives_the_same_facts() {
    let view = page_event(0, PageEventName::View, 0);
    let mut download = page_event(2, PageEventName::Download, 4_000);
    download.target = Some(PageTarget::Download {
        path: "/a.pdf".into(),
        extension: "pdf".into(),
    });
    download.visitor_id = Some("v-2".into());
    let mut late = page_event(3, PageEventName::Engagement, 9_000);
    late.visitor_id = Some("v-3".into());
    late.returning = Some(true);
    let early = page_event(1, PageEventName::Engagement, 2_000);
    let video = page_event(4, PageEventName::Video, 8_000);
    let events = [&view, &early, &download, &late, &video];
    let expected = (
        PageViewFacts {
            first_occurred_at_ms: view.occurred_at_ms,
            page_sequence: 0,
            visitor_sequence: Some(2),
            max_engaged_ms: 9_000,
            max_scroll_percent: 40,
            downloads: 1,
            video_plays: 1,
            outbound_clicks: 0,
            returning: true,
        },
        0,
        Some(2),
    );
    for order in permutations(&events) {
        assert_eq!(fold(&order), expected);
    }
    assert_eq!(expected.0.day(), 20_425);
}

#[test]
fn days_are_utc_and_floor() {
    assert_eq!(day_of(0.0), 0);
    assert_eq!(day_of(86_399_999.9), 0);
    assert_eq!(day_of(86_400_000.0), 1);
}

#[test]
fn widget_events_mark_use_and_leads() {
    use crate::engagement::event::{Event, EventName};
    let event = |name: EventName, interaction_ms: u64| Event {
        event_id: "00000000-0000-4000-8000-000000000001".into(),
        name,
        sequence: 0,
        page_view_id: "00000000-0000-4000-8000-0000000000aa".into(),
        instance_id: "w1".into(),
        calc_id: "c".into(),
        calc_version: "1".into(),
        occurred_at_ms: 0.0,
        page_time_ms: 0.0,
        consent: Consent::Unknown,
        visitor_id: None,
        totals: Totals {
            interaction_ms,
            in_view_ms: interaction_ms,
            active_page_ms: interaction_ms,
            wall_ms: interaction_ms,
        },
        step: None,
        scenario: None,
    };
    assert_eq!(calc_link(&event(EventName::View, 0)), None);
    assert_eq!(calc_link(&event(EventName::Engagement, 0)), None);
    assert_eq!(
        calc_link(&event(EventName::Engagement, 1)),
        Some(CalcLink::Used)
    );
    for name in [
        EventName::Start,
        EventName::Step,
        EventName::Result,
        EventName::Engaged,
    ] {
        assert_eq!(calc_link(&event(name, 0)), Some(CalcLink::Used));
    }
    assert_eq!(calc_link(&event(EventName::Lead, 0)), Some(CalcLink::Lead));
}
