//! The `Tracker`'s page methods (docs/engagement.md, "The page snippet"):
//! the page snippet starts page tracking with the page's raw addresses and
//! forwards page-level facts (an input, the scroll position, a link click,
//! a video play), each stamped with `performance.now()`. The core decides
//! what they mean and what may leave the page; this file converts only.
//!
//! Page events come back in the same list as the widget events, as
//! `{ page: true, envelope }`: the snippet sends them to the collector in
//! a `yardstick/page-events@1` batch.

use super::dto::object;
use super::engagement::{events_to_js, put, put_text, put_whole, Tracker};
use super::error::JsError;
use wasm_bindgen::prelude::*;
use yardstick_core::engagement::page_event::{Campaign, PageEvent, PageTarget, PageTotals};
use yardstick_core::engagement::tracker::{PageInput, PageStart};

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r##"
/** A page event as the collector reads it (docs/engagement.md, "Page events"). */
export interface PageEventEnvelope {
  event_id: string; name: string; sequence: number; page_view_id: string;
  occurred_at_ms: number; page_time_ms: number; consent: Consent; visitor_id?: string; returning?: boolean;
  page: { path: string; referrer_host?: string; utm_source?: string; utm_medium?: string; utm_campaign?: string; utm_term?: string; utm_content?: string };
  totals: PageTotals;
  target?: { path?: string; extension?: string; source?: string; host?: string };
}
/** Cumulative whole milliseconds (engaged <= active page <= wall) and the deepest scroll in percent. */
export interface PageTotals { engaged_ms: number; active_page_ms: number; wall_ms: number; scroll_percent: number }
/** A page event in a Tracker's answer. */
export interface PageEngagementEvent { page: true; envelope: PageEventEnvelope }
"##;

fn page_totals_to_js(totals: &PageTotals) -> JsValue {
    let result = object();
    put_whole(&result, "engaged_ms", totals.engaged_ms);
    put_whole(&result, "active_page_ms", totals.active_page_ms);
    put_whole(&result, "wall_ms", totals.wall_ms);
    put_whole(&result, "scroll_percent", u64::from(totals.scroll_percent));
    result.into()
}

/// `{ page: true, envelope }` for one page event.
pub(crate) fn page_event_to_js(event: &PageEvent) -> JsValue {
    let envelope = object();
    put_text(&envelope, "event_id", &event.event_id);
    put_text(&envelope, "name", event.name.as_str());
    put_whole(&envelope, "sequence", u64::from(event.sequence));
    put_text(&envelope, "page_view_id", &event.page_view_id);
    put(&envelope, "occurred_at_ms", event.occurred_at_ms.into());
    put(&envelope, "page_time_ms", event.page_time_ms.into());
    put_text(&envelope, "consent", event.consent.as_str());
    if let Some(visitor_id) = &event.visitor_id {
        put_text(&envelope, "visitor_id", visitor_id);
    }
    if let Some(returning) = event.returning {
        put(&envelope, "returning", returning.into());
    }
    let page = object();
    put_text(&page, "path", &event.page.path);
    if let Some(host) = &event.page.referrer_host {
        put_text(&page, "referrer_host", host);
    }
    for (name, value) in Campaign::FIELD_NAMES
        .iter()
        .zip(event.page.campaign.fields())
    {
        if let Some(value) = value {
            put_text(&page, name, value);
        }
    }
    put(&envelope, "page", page.into());
    put(&envelope, "totals", page_totals_to_js(&event.totals));
    if let Some(target) = &event.target {
        let fields = object();
        match target {
            PageTarget::Download { path, extension } => {
                put_text(&fields, "path", path);
                put_text(&fields, "extension", extension);
            }
            PageTarget::Video { source } => put_text(&fields, "source", source),
            PageTarget::Outbound { host } => put_text(&fields, "host", host),
        }
        put(&envelope, "target", fields.into());
    }
    let item = object();
    put(&item, "page", true.into());
    put(&item, "envelope", envelope.into());
    item.into()
}

fn text_of(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

#[wasm_bindgen(js_class = Tracker)]
impl Tracker {
    /// Starts page tracking (once per page view) with the raw
    /// `location.href` and `document.referrer`; the core keeps only the
    /// path, the referrer's host and the `utm_*` fields. `lastVisitDay` is
    /// the stored day of the visitor's last page view (read only with
    /// consent granted); the core ignores it otherwise. Returns the events
    /// due, `page_view` last.
    #[wasm_bindgen(js_name = startPage, unchecked_return_type = "(EngagementEvent | PageEngagementEvent)[]")]
    pub fn start_page(
        &mut self,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
        #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] referrer: JsValue,
        #[wasm_bindgen(js_name = lastVisitDay, unchecked_optional_param_type = "string")]
        last_visit_day: JsValue,
    ) -> Result<JsValue, JsError> {
        let (url, referrer) = (text_of(&url), text_of(&referrer));
        let last_visit_day = last_visit_day.as_string();
        let start = PageStart {
            url: &url,
            referrer: &referrer,
            last_visit_day: last_visit_day.as_deref(),
        };
        let events = self.core.start_page(start, now_ms);
        events_to_js(&mut self.core, events)
    }

    /// A page-level fact: `"input"` (a scroll, key or pointer input;
    /// engaged time runs for the idle timeout), `"scroll"` (`a`, `b`, `c`:
    /// `scrollY`, `innerHeight`, the document's height), `"link"` (`text`:
    /// the clicked link's `href`) or `"video"` (`text`: its `currentSrc`,
    /// `id`: its element id). Returns the events due.
    #[wasm_bindgen(js_name = pageFact, unchecked_return_type = "(EngagementEvent | PageEngagementEvent)[]")]
    #[allow(clippy::too_many_arguments)]
    pub fn page_fact(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"input\" | \"scroll\" | \"link\" | \"video\"")]
        fact: JsValue,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] a: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] b: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] c: JsValue,
    ) -> Result<JsValue, JsError> {
        let (text, id) = (text_of(&text), text_of(&id));
        let number = |value: &JsValue| value.as_f64().unwrap_or(f64::NAN);
        let input = match text_of(&fact).as_str() {
            "input" => PageInput::Input,
            "scroll" => PageInput::Scroll {
                top_px: number(&a),
                viewport_px: number(&b),
                height_px: number(&c),
            },
            "link" => PageInput::Link { href: &text },
            "video" => PageInput::Video {
                current_src: &text,
                element_id: &id,
            },
            _ => return Err(JsError::argument("unknown page fact")),
        };
        let events = self.core.page_input(input, now_ms);
        events_to_js(&mut self.core, events)
    }

    /// The day to store as the visitor's last visit (`YYYY-MM-DD`), only
    /// with consent granted once page tracking started; otherwise
    /// `undefined`, and nothing may be stored.
    #[wasm_bindgen(getter, js_name = visitDay, unchecked_return_type = "string | undefined")]
    pub fn visit_day(&self) -> JsValue {
        self.core
            .visit_day()
            .map_or(JsValue::UNDEFINED, |day| JsValue::from_str(&day))
    }

    /// The page view's totals as of the last fact; `undefined` before page
    /// tracking starts.
    #[wasm_bindgen(js_name = pageTotals, unchecked_return_type = "PageTotals | undefined")]
    pub fn page_totals(&self) -> JsValue {
        self.core
            .page_totals()
            .map_or(JsValue::UNDEFINED, |totals| page_totals_to_js(&totals))
    }
}
