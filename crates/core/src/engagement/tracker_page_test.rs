use super::super::{Tracker, TrackerOptions};
use super::*;
use crate::engagement::clock::PageFact;
use crate::engagement::page_envelope::read_page_event;
use crate::engagement::page_event::page_event_to_node;

const SEED: [u8; 32] = [3; 32];
/// 2026-11-22T10:00:00Z.
const ORIGIN_MS: f64 = 1_795_341_600_000.0;
const URL: &str =
    "https://site.example/roi?email=ann%40corp.example&utm_source=news&utm_campaign=spring";

fn tracker(consent: Consent) -> Tracker {
    let mut options = TrackerOptions::new(&SEED, ORIGIN_MS, 0.0);
    options.consent = consent;
    Tracker::new(options).unwrap()
}

fn start(tracker: &mut Tracker, last_visit_day: Option<&str>, now_ms: f64) {
    let start = PageStart {
        url: URL,
        referrer: "https://search.example/?q=ann@corp.example",
        last_visit_day,
    };
    tracker.start_page(start, now_ms).unwrap();
}

fn names(events: &[PageEvent]) -> Vec<&'static str> {
    events.iter().map(|e| e.name.as_str()).collect()
}

/// Every page event the tracker makes passes the collector's reader.
fn check_wire(events: &[PageEvent]) {
    for event in events {
        let read = read_page_event(&page_event_to_node(event), "e").unwrap();
        assert_eq!(&read, event);
    }
}

#[test]
fn page_view_carries_the_page_fields_and_nothing_of_the_query() {
    let mut t = tracker(Consent::Unknown);
    start(&mut t, Some("2026-11-01"), 12.5);
    let events = t.take_page_events();
    assert_eq!(names(&events), ["page_view"]);
    check_wire(&events);
    let view = &events[0];
    assert_eq!(view.sequence, 0);
    assert_eq!(view.page_view_id, t.page_view_id());
    assert_eq!(view.page.path, "/roi");
    assert_eq!(view.page.referrer_host.as_deref(), Some("search.example"));
    assert_eq!(view.page.campaign.source.as_deref(), Some("news"));
    assert_eq!(view.page.campaign.campaign.as_deref(), Some("spring"));
    assert_eq!(view.occurred_at_ms, ORIGIN_MS + 12.5);
    // Without consent: no visitor id, no returning, nothing to store.
    assert_eq!((view.visitor_id.as_ref(), view.returning), (None, None));
    assert_eq!(t.visit_day(), None);
    assert!(!format!("{events:?}").contains("ann"));
    // A second start changes nothing.
    start(&mut t, None, 20.0);
    assert!(t.take_page_events().is_empty());
}

#[test]
fn engaged_time_runs_the_idle_timeout_after_each_page_input_on_an_active_page() {
    let mut t = tracker(Consent::Denied);
    start(&mut t, None, 0.0);
    // No input: nothing engaged while time passes.
    t.advance(10_000.0).unwrap();
    assert_eq!(t.page_totals().unwrap().engaged_ms, 0);
    t.page_input(PageInput::Input, 10_000.0).unwrap();
    t.advance(60_000.0).unwrap();
    let totals = t.page_totals().unwrap();
    assert_eq!(
        (totals.engaged_ms, totals.active_page_ms, totals.wall_ms),
        (15_000, 60_000, 60_000)
    );
    // Input, 3 s, hidden for 20 s, shown again: only the 3 s and then
    // what is left of the idle timeout once shown... which has passed.
    t.page_input(PageInput::Input, 60_000.0).unwrap();
    t.page_fact(PageFact::Visibility(false), 63_000.0).unwrap();
    t.page_fact(PageFact::Visibility(true), 83_000.0).unwrap();
    t.advance(100_000.0).unwrap();
    let totals = t.page_totals().unwrap();
    assert_eq!(
        (totals.engaged_ms, totals.active_page_ms, totals.wall_ms),
        (18_000, 80_000, 100_000)
    );
    // A blur stops it too, and the idle deadline is exact to the µs.
    t.page_input(PageInput::Input, 100_000.25).unwrap();
    t.page_fact(PageFact::Focus(false), 105_000.25).unwrap();
    t.page_fact(PageFact::Focus(true), 106_000.25).unwrap();
    t.advance(200_000.0).unwrap();
    assert_eq!(t.page_totals().unwrap().engaged_ms, 18_000 + 14_000);
}

#[test]
fn widget_additions_do_not_lose_engaged_time() {
    let mut t = tracker(Consent::Denied);
    start(&mut t, None, 0.0);
    t.page_input(PageInput::Input, 1_000.0).unwrap();
    t.add_widget("roi", "1.0.0", 5_000.0).unwrap();
    t.advance(30_000.0).unwrap();
    assert_eq!(t.page_totals().unwrap().engaged_ms, 15_000);
}

#[test]
fn the_deepest_scroll_is_kept_and_flushes_report_changes_only() {
    let mut t = tracker(Consent::Denied);
    start(&mut t, None, 0.0);
    let scroll = |top_px| PageInput::Scroll {
        top_px,
        viewport_px: 800.0,
        height_px: 4000.0,
    };
    t.page_input(scroll(0.0), 0.0).unwrap();
    t.page_input(scroll(2_400.0), 1_000.0).unwrap();
    t.page_input(scroll(400.0), 2_000.0).unwrap();
    assert_eq!(t.page_totals().unwrap().scroll_percent, 80);
    t.take_page_events();
    t.page_fact(PageFact::Visibility(false), 4_000.0).unwrap();
    let events = t.take_page_events();
    assert_eq!(names(&events), ["page_engagement"]);
    check_wire(&events);
    let totals = events[0].totals;
    assert_eq!(
        (
            totals.engaged_ms,
            totals.active_page_ms,
            totals.wall_ms,
            totals.scroll_percent
        ),
        (0, 4_000, 4_000, 80)
    );
    // Hidden: nothing changed by the next flush.
    t.page_fact(PageFact::PageHide, 9_000.0).unwrap();
    assert!(t.take_page_events().is_empty());
}

#[test]
fn links_and_videos_make_their_events_and_other_links_none() {
    let mut t = tracker(Consent::Denied);
    start(&mut t, None, 0.0);
    t.take_page_events();
    let link = |href| PageInput::Link { href };
    t.page_input(
        link("https://site.example/files/Guide.pdf?email=ann@corp.example"),
        1.0,
    )
    .unwrap();
    t.page_input(link("https://partner.example/x?id=7"), 2.0)
        .unwrap();
    t.page_input(link("https://site.example/contact"), 3.0)
        .unwrap();
    t.page_input(
        PageInput::Video {
            current_src: "https://site.example/media/demo.webm?t=1",
            element_id: "",
        },
        4.0,
    )
    .unwrap();
    let events = t.take_page_events();
    assert_eq!(
        names(&events),
        ["page_download", "page_outbound", "page_video"]
    );
    check_wire(&events);
    assert_eq!(
        events[0].target,
        Some(PageTarget::Download {
            path: "/files/Guide.pdf".into(),
            extension: "pdf".into()
        })
    );
    assert_eq!(
        events[1].target,
        Some(PageTarget::Outbound {
            host: "partner.example".into()
        })
    );
    assert_eq!(
        events[2].target,
        Some(PageTarget::Video {
            source: "/media/demo.webm".into()
        })
    );
    assert_eq!(
        events.iter().map(|e| e.sequence).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn page_facts_before_the_start_change_nothing() {
    let mut t = tracker(Consent::Denied);
    t.page_input(
        PageInput::Link {
            href: "https://site.example/a.pdf",
        },
        1.0,
    )
    .unwrap();
    t.page_input(PageInput::Input, 1.0).unwrap();
    t.flush(2.0).unwrap();
    assert!(t.take_page_events().is_empty());
    assert_eq!(t.page_totals(), None);
    assert!(!t.tracks_page());
}

#[test]
fn return_visits_only_with_consent() {
    // 2026-11-22: a stored 2026-11-21 visit returns, a same-day one not.
    let mut granted = tracker(Consent::Granted);
    start(&mut granted, Some("2026-11-21"), 0.0);
    let view = granted.take_page_events().remove(0);
    assert_eq!(view.returning, Some(true));
    assert_eq!(view.visitor_id.as_deref(), granted.visitor_id());
    assert_eq!(granted.visit_day().as_deref(), Some("2026-11-22"));
    check_wire(&[view]);

    let mut same_day = tracker(Consent::Granted);
    start(&mut same_day, Some("2026-11-22"), 0.0);
    assert_eq!(same_day.take_page_events()[0].returning, Some(false));

    for consent in [Consent::Denied, Consent::Unknown] {
        let mut t = tracker(consent);
        start(&mut t, Some("2026-11-21"), 0.0);
        assert_eq!(t.take_page_events()[0].returning, None);
        assert_eq!(t.visit_day(), None);
    }

    // Consent withdrawn later: later events carry neither.
    granted.set_consent(Consent::Denied, None).unwrap();
    granted
        .page_input(
            PageInput::Link {
                href: "https://x.example/",
            },
            5.0,
        )
        .unwrap();
    let event = granted.take_page_events().remove(0);
    assert_eq!((event.returning, event.visitor_id), (None, None));
    assert_eq!(granted.visit_day(), None);
}

#[test]
fn page_and_widget_events_share_one_sequence_and_page_view_id() {
    let mut t = tracker(Consent::Granted);
    t.add_widget("roi", "1.0.0", 0.0).unwrap();
    let view = t.intersection("w1", 1.0, 0.0).unwrap();
    start(&mut t, None, 1.0);
    let start_event = t.input("w1", None, false, 2.0).unwrap();
    t.page_input(
        PageInput::Link {
            href: "https://site.example/a.zip",
        },
        3.0,
    )
    .unwrap();
    let lead = t.lead("w1", 4.0).unwrap();
    let flush = t.flush(5.0).unwrap();
    let page = t.take_page_events();
    assert_eq!(
        names(&page),
        ["page_view", "page_download", "page_engagement"]
    );
    let mut sequences: Vec<(u32, &str)> =
        page.iter().map(|e| (e.sequence, e.name.as_str())).collect();
    for e in view.iter().chain(&start_event).chain(&lead).chain(&flush) {
        assert_eq!(e.page_view_id, page[0].page_view_id);
        sequences.push((e.sequence, e.name.as_str()));
    }
    sequences.sort();
    assert_eq!(
        sequences,
        [
            (0, "calc_view"),
            (1, "page_view"),
            (2, "calc_start"),
            (3, "page_download"),
            (4, "calc_lead"),
            (5, "calc_engagement"),
            (6, "page_engagement")
        ]
    );
}
