//! What may leave the page (docs/engagement.md, "The page snippet"): the
//! page snippet hands the core raw addresses (`location.href`,
//! `document.referrer`, a link's `href`, a video's `currentSrc`) and the
//! core keeps only what the page-event contract allows: a path without
//! query or fragment, the referrer's host, the five `utm_*` fields (never
//! one holding `@` or a control character), a download's path and
//! extension, an outbound host. Personal data in query strings never
//! leaves the core.
//!
//! Pure functions over text: no URL library (the wasm stays small), only
//! the absolute `scheme://authority/path?query#fragment` form browsers give
//! for these properties.

use super::funnel_dates::civil_from_days;
use super::page_envelope::{MAX_CAMPAIGN_CHARS, MAX_HOST_CHARS, MAX_PATH_CHARS};
use super::page_event::{Campaign, PageInfo, PageTarget, DOWNLOAD_EXTENSIONS};

/// Milliseconds in a UTC day.
const DAY_MS: f64 = 86_400_000.0;

/// The parts of an absolute URL the rules need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// Lowercase scheme (`https`).
    pub scheme: String,
    /// Lowercase host without user info or port (`[::1]` keeps brackets).
    pub host: String,
    /// The path, `/` when empty.
    pub path: &'a str,
    /// The query without `?`, empty when none.
    pub query: &'a str,
}

/// `text` split at the first `byte` (ASCII, so both sides are whole
/// characters), the byte dropped; `None` when absent. A plain byte loop:
/// the page build's wasm then carries no `str` searcher, no `memchr` and
/// no slicing that could panic.
fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The same at the last `byte`.
fn split_at_last_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// What comes before the first `byte`, or all of `text`.
fn before_byte(text: &str, byte: u8) -> &str {
    split_at_byte(text, byte).map_or(text, |(before, _)| before)
}

/// Splits an absolute hierarchical URL (`scheme://host/...`); `None` for
/// anything else (`mailto:`, `data:`, `blob:`, relative text).
pub fn url_parts(url: &str) -> Option<UrlParts<'_>> {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
    let (scheme, rest) = split_at_byte(url, b':')?;
    let rest = rest.strip_prefix("//")?;
    let scheme_ok = !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return None;
    }
    let rest = before_byte(rest, b'#');
    let authority_end = rest
        .bytes()
        .position(|b| b == b'/' || b == b'?')
        .unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or("");
    let tail = rest.get(authority_end..).unwrap_or("");
    let (path, query) = split_at_byte(tail, b'?').unwrap_or((tail, ""));
    // User info goes first (`user:secret@host`), then the port.
    let host_port = split_at_last_byte(authority, b'@').map_or(authority, |(_, host)| host);
    let mut host = String::new();
    match host_port.strip_prefix('[') {
        Some(v6) => {
            host.push('[');
            host.push_str(before_byte(v6, b']'));
            host.push(']');
        }
        None => host.push_str(before_byte(host_port, b':')),
    }
    host.make_ascii_lowercase();
    Some(UrlParts {
        scheme: scheme.to_ascii_lowercase(),
        host,
        path: if path.is_empty() { "/" } else { path },
        query,
    })
}

/// A host the contract accepts, or `None` (empty, too long, or with
/// characters a host name cannot have).
fn clean_host(host: &str) -> Option<String> {
    let ok = !host.is_empty()
        && host.len() <= MAX_HOST_CHARS
        && host.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'.' | b'-' | b'_' | b':' | b'[' | b']')
        });
    ok.then(|| host.to_string())
}

/// A path the contract accepts: visible ASCII only (browsers percent-encode
/// the rest; `?`, `#` and anything else become `_`), at most 512 bytes,
/// starting with `/`.
fn clean_path(path: &str) -> String {
    let rooted = path.starts_with('/');
    let slash = if rooted { None } else { Some('/') };
    slash
        .into_iter()
        .chain(path.bytes().map(|b| {
            if b.is_ascii_graphic() && b != b'?' && b != b'#' {
                char::from(b)
            } else {
                '_'
            }
        }))
        .take(MAX_PATH_CHARS)
        .collect()
}

/// Percent-decoding of a query value (`+` is a space); `None` when the
/// bytes are not UTF-8.
fn decode_query_value(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|c| char::from(*c).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                // Two hex digits: at most 255.
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A `utm_*` value as it may leave: decoded, trimmed, at most 100
/// characters; `None` when empty, not UTF-8 once decoded, or holding `@`
/// (an e-mail address, most likely) or a control character.
pub fn campaign_value(raw: &str) -> Option<String> {
    let value = decode_query_value(raw)?;
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if value.is_empty() || value.chars().any(|c| c.is_control() || c == '@') {
        return None;
    }
    Some(value.chars().take(MAX_CAMPAIGN_CHARS).collect())
}

/// The page fields of a page view from the raw `location.href` and
/// `document.referrer`: the path alone, the referrer's host (none when
/// empty, unreadable or the page's own host) and the `utm_*` fields (the
/// first of each name).
pub fn page_info(page_url: &str, referrer: &str) -> PageInfo {
    let page = url_parts(page_url);
    let page_host = page.as_ref().map_or("", |p| p.host.as_str());
    let referrer_host = url_parts(referrer)
        .and_then(|r| clean_host(&r.host))
        .filter(|host| host != page_host);
    let mut campaign = Campaign::default();
    if let Some(parts) = &page {
        let mut query = Some(parts.query);
        while let Some(rest) = query {
            let (pair, next) =
                split_at_byte(rest, b'&').map_or((rest, None), |(p, n)| (p, Some(n)));
            query = next;
            let (name, value) = split_at_byte(pair, b'=').unwrap_or((pair, ""));
            let slot = match name {
                "utm_source" => &mut campaign.source,
                "utm_medium" => &mut campaign.medium,
                "utm_campaign" => &mut campaign.campaign,
                "utm_term" => &mut campaign.term,
                "utm_content" => &mut campaign.content,
                _ => continue,
            };
            if slot.is_none() {
                *slot = campaign_value(value);
            }
        }
    }
    PageInfo {
        path: clean_path(page.as_ref().map_or("/", |p| p.path)),
        referrer_host,
        campaign,
    }
}

/// The lowercase download extension of a path's last segment, if it is
/// one of [`DOWNLOAD_EXTENSIONS`].
fn download_extension(path: &str) -> Option<&'static str> {
    let last = split_at_last_byte(path, b'/').map_or(path, |(_, last)| last);
    let (stem, extension) = split_at_last_byte(last, b'.')?;
    if stem.is_empty() {
        return None;
    }
    DOWNLOAD_EXTENSIONS
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(extension))
}

/// What a click on a link to `href` is, seen from a page on `page_host`:
/// a download (a link to a file with a listed extension, on any host: a
/// file is a file wherever it is kept), an outbound click (an `http(s)`
/// link to another host), or neither (`None`: same-site pages, `mailto:`,
/// `javascript:`, fragments). Query and fragment never survive.
pub fn classify_link(href: &str, page_host: &str) -> Option<PageTarget> {
    let link = url_parts(href)?;
    if link.scheme != "http" && link.scheme != "https" {
        return None;
    }
    let path = clean_path(link.path);
    if let Some(extension) = download_extension(&path) {
        return Some(PageTarget::Download {
            path,
            extension: extension.to_string(),
        });
    }
    let host = clean_host(&link.host)?;
    (host != page_host).then_some(PageTarget::Outbound { host })
}

/// What identifies a video that started playing: the path of its
/// `currentSrc` when that is an `http(s)` address, else its element id
/// (as a path-like text), else `inline` (a `blob:` or `data:` source with
/// no id says nothing worth sending).
pub fn video_source(current_src: &str, element_id: &str) -> String {
    if let Some(parts) = url_parts(current_src) {
        if parts.scheme == "http" || parts.scheme == "https" {
            return clean_path(parts.path);
        }
    }
    let id: String = element_id
        .bytes()
        .filter(|b| b.is_ascii_graphic() && !matches!(b, b'?' | b'#'))
        .map(char::from)
        .take(MAX_PATH_CHARS)
        .collect();
    if id.is_empty() {
        "inline".to_string()
    } else {
        id
    }
}

/// How deep the page is scrolled, in whole percent: the bottom of the
/// viewport over the document's height, floored, 0 to 100. A page that
/// fits its viewport is seen whole (100); unusable numbers read as 0.
pub fn scroll_percent(top_px: f64, viewport_px: f64, height_px: f64) -> u8 {
    let finite = top_px.is_finite() && viewport_px.is_finite() && height_px.is_finite();
    if !finite || viewport_px <= 0.0 {
        return 0;
    }
    if height_px <= viewport_px {
        return 100;
    }
    let seen = (top_px.max(0.0) + viewport_px) / height_px;
    // Clamped to 0..=100 first, so the cast is exact.
    (seen * 100.0).floor().clamp(0.0, 100.0) as u8
}

/// The UTC day (days since 1970-01-01) of epoch milliseconds.
pub fn utc_day(epoch_ms: f64) -> i64 {
    // Epoch times are at most 8.64e15 ms: the quotient fits an i64.
    (epoch_ms / DAY_MS).floor() as i64
}

/// `YYYY-MM-DD` of a UTC day: what the snippet stores as the last visit.
/// Digits written by hand (the funnel's `format_day` gives the same text
/// through `format!`, whose padding code the page build would carry).
pub fn day_text(day: i64) -> String {
    let (year, month, day) = civil_from_days(day);
    let mut text = String::with_capacity(10);
    // Page views happen in years 1970 to 9999: four digits.
    let digits = |text: &mut String, value: u32, width: u32| {
        for place in (0..width).rev() {
            let digit = (value / 10u32.pow(place)) % 10;
            text.push(char::from(b'0' + digit as u8));
        }
    };
    digits(&mut text, year.clamp(0, 9999) as u32, 4);
    text.push('-');
    digits(&mut text, month, 2);
    text.push('-');
    digits(&mut text, day, 2);
    text
}

/// Whether a visit on `today` returns: the stored last visit's day
/// (`YYYY-MM-DD`, as [`day_text`] wrote it) is earlier. Text of another
/// form is no earlier visit. Days of that form order as their text does,
/// so they are compared as text (no number parser in the page build).
pub fn is_returning(last_visit_day: Option<&str>, today: i64) -> bool {
    let well_formed = |text: &str| {
        text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    last_visit_day.is_some_and(|day| well_formed(day) && *day < *day_text(today))
}

#[cfg(test)]
#[path = "page_facts_test.rs"]
mod tests;
