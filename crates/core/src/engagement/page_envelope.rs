//! Reads a batch of page events (`{"schema": "yardstick/page-events@1",
//! "events": [...]}`, docs/engagement.md, "Page events") into
//! [`PageEvent`]s, checking every bound with the calc envelope's field
//! readers and its error type, and [`read_any_batch`] tells the two batch
//! kinds `POST /collect` accepts apart by their schema tag.
//!
//! Reading is all or nothing: the first problem stops it and names its path
//! (`events[2].page.path`). The privacy rules live here too: a path never
//! carries a query or a fragment, and a campaign value that holds an `@`
//! (an e-mail address, most likely) is refused rather than stored.

use super::envelope::{read_batch, MAX_DURATION_MS};
use super::envelope_fields::{
    counter, join, map_entries, number, occurred_at_ms_field, optional, optional_id,
    page_time_ms_field, quoted, read_events, refuse_unknown, required, text, text_field,
    uuid_field, EnvelopeError,
};
use super::event::{Consent, Event};
use super::page_event::{
    Campaign, PageEvent, PageEventName, PageInfo, PageTarget, PageTotals, DOWNLOAD_EXTENSIONS,
};
use crate::json::Node;

/// The schema tag of a page-event batch.
pub const PAGE_BATCH_SCHEMA: &str = "yardstick/page-events@1";
/// Longest page path, download path and video source, in bytes (ASCII).
pub const MAX_PATH_CHARS: usize = 512;
/// Longest host name (DNS's limit).
pub const MAX_HOST_CHARS: usize = 253;
/// Longest `utm_*` value, in characters.
pub const MAX_CAMPAIGN_CHARS: usize = 100;

/// Every field a page event may carry; any other is refused.
pub const PAGE_EVENT_FIELDS: [&str; 12] = [
    "event_id",
    "name",
    "sequence",
    "page_view_id",
    "occurred_at_ms",
    "page_time_ms",
    "consent",
    "visitor_id",
    "returning",
    "page",
    "totals",
    "target",
];
const PAGE_FIELDS: [&str; 7] = [
    "path",
    "referrer_host",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
];
const TOTALS_FIELDS: [&str; 4] = ["engaged_ms", "active_page_ms", "wall_ms", "scroll_percent"];

/// A batch `POST /collect` accepted: calculator events or page events.
#[derive(Debug, Clone, PartialEq)]
pub enum Batch {
    /// `yardstick/events@1`.
    Calc(Vec<Event>),
    /// `yardstick/page-events@1`.
    Page(Vec<PageEvent>),
}

/// Reads either batch kind, chosen by its `schema`; any other schema is
/// refused naming both.
pub fn read_any_batch(batch: &Node) -> Result<Batch, EnvelopeError> {
    let is_page =
        matches!(batch.get("schema"), Some(Node::Text(schema)) if schema == PAGE_BATCH_SCHEMA);
    if is_page {
        return read_page_batch(batch).map(Batch::Page);
    }
    read_batch(batch).map(Batch::Calc).map_err(|err| match err {
        EnvelopeError::WrongSchema { path, found, .. } => EnvelopeError::WrongSchema {
            path,
            expected: "\"yardstick/events@1\" or \"yardstick/page-events@1\"",
            found,
        },
        other => other,
    })
}

/// Reads a page-event batch: exactly `schema` and `events`, 1 to
/// [`MAX_BATCH_EVENTS`](super::envelope::MAX_BATCH_EVENTS) valid events. All or nothing.
pub fn read_page_batch(batch: &Node) -> Result<Vec<PageEvent>, EnvelopeError> {
    read_events(
        batch,
        (PAGE_BATCH_SCHEMA, "\"yardstick/page-events@1\""),
        read_page_event,
    )
}

/// Reads one page event; `path` prefixes every error path.
pub fn read_page_event(node: &Node, path: &str) -> Result<PageEvent, EnvelopeError> {
    refuse_unknown(map_entries(node, path)?, &PAGE_EVENT_FIELDS, path)?;
    let name_text = text_field(node, "name", path)?;
    let name = PageEventName::parse(name_text).ok_or_else(|| EnvelopeError::Broken {
        path: join(path, "name"),
        rule: "be page_view, page_engagement, page_download, page_video or page_outbound",
        found: Some(quoted(name_text)),
    })?;
    let consent_text = text_field(node, "consent", path)?;
    let consent = Consent::parse(consent_text).ok_or_else(|| EnvelopeError::UnknownConsent {
        path: join(path, "consent"),
        found: quoted(consent_text),
    })?;
    let visitor_id = optional_id(node, "visitor_id", path)?;
    if visitor_id.is_some() && !consent.allows_storage() {
        return Err(EnvelopeError::VisitorWithoutConsent {
            path: join(path, "visitor_id"),
            consent,
        });
    }
    let returning = match optional(node, "returning") {
        None => None,
        Some(_) if !consent.allows_storage() => {
            return Err(EnvelopeError::Broken {
                path: join(path, "returning"),
                rule: "be absent unless consent is \"granted\"",
                found: None,
            })
        }
        Some(Node::Bool(flag)) => Some(*flag),
        Some(other) => {
            return Err(EnvelopeError::WrongType {
                path: join(path, "returning"),
                expected: "true or false",
                found: other.type_name(),
            })
        }
    };
    Ok(PageEvent {
        event_id: uuid_field(node, "event_id", path)?,
        name,
        sequence: counter(required(node, "sequence", path)?, &join(path, "sequence"))?,
        page_view_id: uuid_field(node, "page_view_id", path)?,
        occurred_at_ms: occurred_at_ms_field(node, path)?,
        page_time_ms: page_time_ms_field(node, path)?,
        consent,
        visitor_id,
        returning,
        page: read_page(required(node, "page", path)?, &join(path, "page"))?,
        totals: read_totals(required(node, "totals", path)?, &join(path, "totals"))?,
        target: read_target(name, optional(node, "target"), &join(path, "target"))?,
    })
}

fn read_page(node: &Node, path: &str) -> Result<PageInfo, EnvelopeError> {
    refuse_unknown(map_entries(node, path)?, &PAGE_FIELDS, path)?;
    let campaign_value = |key: &str| -> Result<Option<String>, EnvelopeError> {
        optional(node, key)
            .map(|value| campaign_text(value, &join(path, key)))
            .transpose()
    };
    Ok(PageInfo {
        path: path_text(required(node, "path", path)?, &join(path, "path"), true)?,
        referrer_host: optional(node, "referrer_host")
            .map(|value| host_text(value, &join(path, "referrer_host")))
            .transpose()?,
        campaign: Campaign {
            source: campaign_value("utm_source")?,
            medium: campaign_value("utm_medium")?,
            campaign: campaign_value("utm_campaign")?,
            term: campaign_value("utm_term")?,
            content: campaign_value("utm_content")?,
        },
    })
}

fn read_totals(node: &Node, path: &str) -> Result<PageTotals, EnvelopeError> {
    refuse_unknown(map_entries(node, path)?, &TOTALS_FIELDS, path)?;
    let whole = |key: &str, max: f64| -> Result<u64, EnvelopeError> {
        // An integer from 0 to 31 days (or 100): exact in u64.
        Ok(number(required(node, key, path)?, &join(path, key), max, true)? as u64)
    };
    let totals = PageTotals {
        engaged_ms: whole("engaged_ms", MAX_DURATION_MS as f64)?,
        active_page_ms: whole("active_page_ms", MAX_DURATION_MS as f64)?,
        wall_ms: whole("wall_ms", MAX_DURATION_MS as f64)?,
        scroll_percent: u8::try_from(whole("scroll_percent", 100.0)?).unwrap_or(100),
    };
    if totals.is_ordered() {
        Ok(totals)
    } else {
        Err(EnvelopeError::Broken {
            path: path.into(),
            rule: "satisfy engaged_ms <= active_page_ms <= wall_ms",
            found: None,
        })
    }
}

/// The target a `name` needs: a file for downloads, a source for videos, a
/// host for outbound clicks, none for the others.
fn read_target(
    name: PageEventName,
    node: Option<&Node>,
    path: &str,
) -> Result<Option<PageTarget>, EnvelopeError> {
    let fields: &[&str] = match name {
        PageEventName::Download => &["path", "extension"],
        PageEventName::Video => &["source"],
        PageEventName::Outbound => &["host"],
        PageEventName::View | PageEventName::Engagement => {
            return match node {
                None => Ok(None),
                Some(_) => Err(EnvelopeError::Broken {
                    path: path.into(),
                    rule: "be absent on page_view and page_engagement",
                    found: None,
                }),
            }
        }
    };
    let node = node.ok_or_else(|| EnvelopeError::Missing { path: path.into() })?;
    refuse_unknown(map_entries(node, path)?, fields, path)?;
    let field = |key: &str| required(node, key, path).map(|value| (value, join(path, key)));
    Ok(Some(match name {
        PageEventName::Download => {
            let (value, extension_path) = field("extension")?;
            let extension = text(value, &extension_path)?;
            if !DOWNLOAD_EXTENSIONS.contains(&extension) {
                return Err(EnvelopeError::Broken {
                    path: extension_path,
                    rule: "be a lowercase file extension of the download list (pdf, docx, pptx, xlsx, zip, ...)",
                    found: Some(quoted(extension)),
                });
            }
            let (value, file_path) = field("path")?;
            let file = path_text(value, &file_path, true)?;
            if !ends_with_extension(&file, extension) {
                return Err(EnvelopeError::Broken {
                    path: file_path,
                    rule: "end with the extension given",
                    found: Some(quoted(&file)),
                });
            }
            PageTarget::Download {
                path: file,
                extension: extension.to_string(),
            }
        }
        PageEventName::Video => {
            let (value, source_path) = field("source")?;
            PageTarget::Video {
                source: path_text(value, &source_path, false)?,
            }
        }
        _ => {
            let (value, host_path) = field("host")?;
            PageTarget::Outbound {
                host: host_text(value, &host_path)?,
            }
        }
    }))
}

/// Whether the last segment of `path` ends in `.extension`, ignoring ASCII
/// case (`/files/Report.PDF` is a pdf).
fn ends_with_extension(path: &str, extension: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, found)) => !stem.is_empty() && found.eq_ignore_ascii_case(extension),
        None => false,
    }
}

/// A path: 1 to [`MAX_PATH_CHARS`] visible ASCII characters (browsers
/// percent-encode the rest), without `?` or `#` so no query string, and
/// the personal data queries carry, is ever stored; starting with `/` when
/// `rooted`.
fn path_text(value: &Node, path: &str, rooted: bool) -> Result<String, EnvelopeError> {
    let found = text(value, path)?;
    let visible = found
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'?' && b != b'#');
    let ok = !found.is_empty()
        && found.len() <= MAX_PATH_CHARS
        && visible
        && (!rooted || found.starts_with('/'));
    if ok {
        Ok(found.to_string())
    } else {
        Err(EnvelopeError::Broken {
            path: path.into(),
            rule: if rooted {
                "be a path starting with /, 1 to 512 visible ASCII characters, without ? or #"
            } else {
                "be 1 to 512 visible ASCII characters, without ? or #"
            },
            found: Some(quoted(found)),
        })
    }
}

/// A host name: 1 to [`MAX_HOST_CHARS`] characters of lowercase
/// `a-z 0-9 . - _`, or an IP address (`[::1]` with its brackets).
fn host_text(value: &Node, path: &str) -> Result<String, EnvelopeError> {
    let found = text(value, path)?;
    let ok = !found.is_empty()
        && found.len() <= MAX_HOST_CHARS
        && found.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'.' | b'-' | b'_' | b':' | b'[' | b']')
        });
    if ok {
        Ok(found.to_string())
    } else {
        Err(EnvelopeError::Broken {
            path: path.into(),
            rule: "be a lowercase host name (a-z 0-9 . - _), 1 to 253 characters",
            found: Some(quoted(found)),
        })
    }
}

/// A `utm_*` value: 1 to [`MAX_CAMPAIGN_CHARS`] characters, no control
/// characters and no `@`.
fn campaign_text(value: &Node, path: &str) -> Result<String, EnvelopeError> {
    let found = text(value, path)?;
    let chars = found.chars().count();
    let ok = (1..=MAX_CAMPAIGN_CHARS).contains(&chars)
        && !found.chars().any(|c| c.is_control() || c == '@');
    if ok {
        Ok(found.to_string())
    } else {
        Err(EnvelopeError::Broken {
            path: path.into(),
            rule: "be 1 to 100 characters without control characters or @ (no e-mail addresses)",
            found: Some(quoted(found)),
        })
    }
}
