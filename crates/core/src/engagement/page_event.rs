//! Page events (docs/engagement.md, "Page events"): what a page snippet
//! reports about one page view beside the widget's `calc_*` events: the
//! page view itself, its engagement totals at each flush, downloads,
//! video plays and outbound clicks. Plain data and its canonical JSON;
//! [`super::page_envelope`] reads and checks a batch of them, and
//! [`super::page_view`] folds them into one page view's facts.
//!
//! It never reads a clock and never decides when an event happens (the
//! snippet's clock does).

use crate::json::{canonical_json, Node};

use super::event::Consent;

/// What happened on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageEventName {
    /// `page_view`: the page view started (sent once).
    View,
    /// `page_engagement`: the cumulative totals at a flush.
    Engagement,
    /// `page_download`: a click on a link to a file.
    Download,
    /// `page_video`: an HTML5 video started playing.
    Video,
    /// `page_outbound`: a click on a link to another site.
    Outbound,
}

impl PageEventName {
    /// Every name, in the contract's order.
    pub const ALL: [PageEventName; 5] = [
        PageEventName::View,
        PageEventName::Engagement,
        PageEventName::Download,
        PageEventName::Video,
        PageEventName::Outbound,
    ];

    /// The wire name (`page_view`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            PageEventName::View => "page_view",
            PageEventName::Engagement => "page_engagement",
            PageEventName::Download => "page_download",
            PageEventName::Video => "page_video",
            PageEventName::Outbound => "page_outbound",
        }
    }

    /// The name for a wire name, if it is one.
    pub fn parse(text: &str) -> Option<PageEventName> {
        PageEventName::ALL.into_iter().find(|n| n.as_str() == text)
    }
}

/// The campaign fields of the page's address (`utm_*`), each 1 to 100
/// characters when present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Campaign {
    /// `utm_source`.
    pub source: Option<String>,
    /// `utm_medium`.
    pub medium: Option<String>,
    /// `utm_campaign`.
    pub campaign: Option<String>,
    /// `utm_term`.
    pub term: Option<String>,
    /// `utm_content`.
    pub content: Option<String>,
}

impl Campaign {
    /// The wire names, in the order [`Campaign::fields`] gives the values.
    pub const FIELD_NAMES: [&'static str; 5] = [
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
    ];

    /// The five values, in [`Campaign::FIELD_NAMES`] order.
    pub fn fields(&self) -> [&Option<String>; 5] {
        [
            &self.source,
            &self.medium,
            &self.campaign,
            &self.term,
            &self.content,
        ]
    }
}

/// Where the page view happened and where the visitor came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageInfo {
    /// The path, without query or fragment (`/pricing`).
    pub path: String,
    /// The referrer's host name (`news.example`), absent for a direct visit.
    pub referrer_host: Option<String>,
    /// The `utm_*` fields of the page's address.
    pub campaign: Campaign,
}

/// A page view's cumulative clocks, in whole milliseconds, and the deepest
/// scroll. Invariant: `engaged_ms <= active_page_ms <= wall_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageTotals {
    /// Time the visitor was active on the active page (the clock's rules).
    pub engaged_ms: u64,
    /// Time the page was visible, focused and not frozen.
    pub active_page_ms: u64,
    /// Time since the page view started.
    pub wall_ms: u64,
    /// The deepest scroll reached, in percent of the page (0 to 100).
    pub scroll_percent: u8,
}

impl PageTotals {
    /// Whether the clocks are ordered as the invariant requires.
    pub fn is_ordered(&self) -> bool {
        self.engaged_ms <= self.active_page_ms && self.active_page_ms <= self.wall_ms
    }
}

/// What a download, a video play or an outbound click was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageTarget {
    /// `page_download`: the file's path (no query) and its extension.
    Download {
        /// The file's path.
        path: String,
        /// Its lowercase extension, one of [`DOWNLOAD_EXTENSIONS`].
        extension: String,
    },
    /// `page_video`: the video's path or id.
    Video {
        /// The path or id.
        source: String,
    },
    /// `page_outbound`: the other site's host name.
    Outbound {
        /// The host.
        host: String,
    },
}

/// The file extensions a download may have: documents, spreadsheets,
/// slides, archives, e-books and media files people download from a
/// vendor's site.
pub const DOWNLOAD_EXTENSIONS: [&str; 24] = [
    "pdf", "doc", "docx", "xls", "xlsx", "xlsm", "csv", "ppt", "pptx", "pps", "ppsx", "odt", "ods",
    "odp", "rtf", "txt", "zip", "gz", "tgz", "7z", "rar", "epub", "mp3", "mp4",
];

/// One page event, as the snippet sends it and the collector stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageEvent {
    /// UUID, lowercase 8-4-4-4-12.
    pub event_id: String,
    /// What happened.
    pub name: PageEventName,
    /// 0, 1, 2, ... per page view, shared with the widget's events.
    pub sequence: u32,
    /// The page view's UUID, the one the widget's events on the page carry.
    pub page_view_id: String,
    /// Epoch milliseconds.
    pub occurred_at_ms: f64,
    /// `performance.now()` at the event.
    pub page_time_ms: f64,
    /// The consent when the event was made.
    pub consent: Consent,
    /// Present only with consent granted.
    pub visitor_id: Option<String>,
    /// Present only with consent granted: the visitor had a page view on
    /// an earlier day.
    pub returning: Option<bool>,
    /// The page and where the visitor came from.
    pub page: PageInfo,
    /// The page view's cumulative totals at the event.
    pub totals: PageTotals,
    /// Downloads, videos and outbound clicks only.
    pub target: Option<PageTarget>,
}

/// The event as a [`Node`] with the wire's field names; absent optional
/// fields are left out. The reader reads it back to the same event.
pub fn page_event_to_node(event: &PageEvent) -> Node {
    let text = |s: &str| Node::Text(s.to_string());
    let whole = |n: u64| Node::Number(n as f64);
    let mut page = vec![("path".to_string(), text(&event.page.path))];
    if let Some(host) = &event.page.referrer_host {
        page.push(("referrer_host".to_string(), text(host)));
    }
    for (name, value) in Campaign::FIELD_NAMES
        .iter()
        .zip(event.page.campaign.fields())
    {
        if let Some(value) = value {
            page.push((name.to_string(), text(value)));
        }
    }
    let totals = &event.totals;
    let mut entries = vec![
        ("event_id".to_string(), text(&event.event_id)),
        ("name".to_string(), text(event.name.as_str())),
        (
            "sequence".to_string(),
            Node::Number(f64::from(event.sequence)),
        ),
        ("page_view_id".to_string(), text(&event.page_view_id)),
        (
            "occurred_at_ms".to_string(),
            Node::Number(event.occurred_at_ms),
        ),
        ("page_time_ms".to_string(), Node::Number(event.page_time_ms)),
        ("consent".to_string(), text(event.consent.as_str())),
        ("page".to_string(), Node::Map(page)),
        (
            "totals".to_string(),
            Node::Map(vec![
                ("engaged_ms".to_string(), whole(totals.engaged_ms)),
                ("active_page_ms".to_string(), whole(totals.active_page_ms)),
                ("wall_ms".to_string(), whole(totals.wall_ms)),
                (
                    "scroll_percent".to_string(),
                    whole(u64::from(totals.scroll_percent)),
                ),
            ]),
        ),
    ];
    if let Some(visitor_id) = &event.visitor_id {
        entries.push(("visitor_id".to_string(), text(visitor_id)));
    }
    if let Some(returning) = event.returning {
        entries.push(("returning".to_string(), Node::Bool(returning)));
    }
    if let Some(target) = &event.target {
        let fields = match target {
            PageTarget::Download { path, extension } => vec![
                ("extension".to_string(), text(extension)),
                ("path".to_string(), text(path)),
            ],
            PageTarget::Video { source } => vec![("source".to_string(), text(source))],
            PageTarget::Outbound { host } => vec![("host".to_string(), text(host))],
        };
        entries.push(("target".to_string(), Node::Map(fields)));
    }
    Node::Map(entries)
}

/// The event as canonical JSON (sorted keys, no whitespace): the form the
/// collector stores.
pub fn page_event_json(event: &PageEvent) -> String {
    canonical_json(&page_event_to_node(event))
}
