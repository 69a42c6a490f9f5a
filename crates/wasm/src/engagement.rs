//! The `Tracker` class the widget uses (docs/engagement.md): JavaScript
//! forwards timestamped facts from `performance.now()`, and gets back the
//! events that became due, each already shaped for every sink (the
//! envelope, the DOM event type, the dataLayer object and Segment's call).
//!
//! Conversion only: it never times anything or decides a milestone; the
//! core's `engagement::tracker` does. It ships in every build, the widget's
//! included, so it stays small (js-sys objects, no serde).

use super::dto::{field, object, set, set_key};
use super::error::JsError;
use super::js::{Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;
use yardstick_core::engagement::clock::{self, PageFact};
use yardstick_core::engagement::event::{Consent, Event, Totals};
use yardstick_core::engagement::sinks::{self, SinkValue};
use yardstick_core::engagement::tracker::{self, Call, TrackerError, TrackerOptions, WidgetFact};
use yardstick_core::error::ErrorCode;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r##"
export type Consent = "granted" | "denied" | "unknown";
/** How a Tracker starts. Times in ms: `timeOriginMs` is `performance.timeOrigin`, `nowMs` is `performance.now()`. */
export interface TrackerOptions {
  /** 32 bytes from `crypto.getRandomValues(new Uint8Array(32))`. */
  seed: Uint8Array;
  timeOriginMs: number;
  nowMs: number;
  consent?: Consent;
  visitorId?: string;
  /** 5,000 to 60,000; default 15,000. */
  idleTimeoutMs?: number;
  /** 1,000 to 3,600,000; default 10,000. */
  engagedAfterMs?: number;
  /** 500 to 60,000; default 2,000. */
  resultSettleMs?: number;
}
/** Cumulative whole milliseconds; interaction <= in view <= active page <= wall. */
export interface EngagementTotals { interaction_ms: number; in_view_ms: number; active_page_ms: number; wall_ms: number }
/** The event as the collector stores it (docs/engagement.md, "The event envelope"). */
export interface EventEnvelope {
  event_id: string; name: string; sequence: number; page_view_id: string; instance_id: string;
  calc_id: string; calc_version: string; occurred_at_ms: number; page_time_ms: number;
  consent: Consent; visitor_id?: string; totals: EngagementTotals;
  step?: string; step_index?: number; scenario?: string;
}
/** One event, shaped for each sink. */
export interface EngagementEvent {
  envelope: EventEnvelope;
  /** `yardstick:view`, ...: the DOM event to dispatch with the envelope as `detail`. */
  domType: string;
  /** The object for `dataLayer.push`. */
  dataLayer: Record<string, string | number>;
  /** The arguments of `analytics.track`. */
  segment: { event: string; properties: Record<string, string | number> };
}
"##;

/// What happened, for `Tracker.fact`: a page fact, a clock run, a fact
/// about one widget, or a new idle timeout.
#[wasm_bindgen]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// `document.visibilityState` became `visible`.
    Visible = "visible",
    /// The page was hidden; this flushes.
    Hidden = "hidden",
    /// The window gained focus.
    Focus = "focus",
    /// The window lost focus.
    Blur = "blur",
    /// Page Lifecycle `freeze`.
    Freeze = "freeze",
    /// Page Lifecycle `resume`.
    Resume = "resume",
    /// `pagehide`: the clocks stop, and everything changed is flushed.
    PageHide = "page-hide",
    /// `pageshow`: back from the back-forward cache.
    PageShow = "page-show",
    /// Runs the clocks; the milestones that fell due.
    Advance = "advance",
    /// A `calc_engagement` for each widget whose totals changed since its last one.
    Flush = "flush",
    /// The widget's visible fraction (`detail`, 0 to 1) changed.
    Intersection = "intersection",
    /// A qualifying input inside the widget (`detail`: the input's id, if any).
    Input = "input",
    /// An input whose value settled (`detail`: its id): a `calc_step` the first time.
    Commit = "commit",
    /// A lead: `calc_lead`, every time.
    Lead = "lead",
    /// The widget left; its final `calc_engagement` if its totals changed.
    Remove = "remove",
    /// The scenario the widget shows (`detail`; `undefined`: the defaults).
    Scenario = "scenario",
    /// A new idle timeout for the page (`detail`), from `nowMs` on; a
    /// refused one keeps the old.
    IdleTimeout = "idle-timeout",
}

/// One page view's engagement tracker.
#[wasm_bindgen(js_name = Tracker)]
pub struct Tracker {
    pub(crate) core: tracker::Tracker,
}

fn js_error(error: TrackerError) -> JsError {
    JsError::from(error)
}

/// An optional whole number of milliseconds from the options object.
fn option_ms(options: &JsValue, key: &str, default_ms: u64) -> Result<u64, JsError> {
    let value = field(options, key);
    if value.is_undefined() {
        return Ok(default_ms);
    }
    whole_ms(key, value.as_f64())
}

/// A whole number of milliseconds, or an error naming `key`.
fn whole_ms(key: &str, value: Option<f64>) -> Result<u64, JsError> {
    match value {
        // The cast saturates; the core then refuses what is out of range.
        Some(ms) if ms >= 0.0 && ms.fract() == 0.0 => Ok(ms as u64),
        _ => Err(JsError::argument(&format!(
            "{key} must be a whole number of milliseconds"
        ))),
    }
}

fn required_ms(options: &JsValue, key: &str) -> Result<f64, JsError> {
    field(options, key)
        .as_f64()
        .ok_or_else(|| JsError::argument(&format!("{key} must be a number of milliseconds")))
}

fn consent_from(text: Option<String>) -> Result<Consent, JsError> {
    let text = text.unwrap_or_default();
    Consent::parse(&text).ok_or_else(|| {
        JsError::argument(&format!(
            "consent must be \"granted\", \"denied\" or \"unknown\", not \"{text}\""
        ))
    })
}

/// The consent a page applies to all its widgets (docs/engagement.md): the
/// strictest any widget states, `denied` under Global Privacy Control. A
/// value that is not a consent counts as `unknown` (no consent given).
#[wasm_bindgen(js_name = pageConsent, unchecked_return_type = "Consent")]
pub fn page_consent(
    #[wasm_bindgen(unchecked_param_type = "Consent[]")] stated: JsValue,
    global_privacy_control: bool,
) -> JsValue {
    let mut consents = Vec::new();
    for value in stated.unchecked_into::<Array>().iter() {
        let text = value.as_string().unwrap_or_default();
        consents.push(Consent::parse(&text).unwrap_or(Consent::Unknown));
    }
    let page = Consent::for_page(&consents, global_privacy_control);
    JsValue::from_str(page.as_str())
}

/// Sets `object[key] = value`. Not inlined, and it takes the value by
/// value: each of the many properties of an event costs one call instead
/// of a call, a conversion and a drop.
#[inline(never)]
pub(crate) fn put(object: &Object, key: &str, value: JsValue) {
    set(object, key, &value);
}

#[inline(never)]
pub(crate) fn put_text(object: &Object, key: &str, text: &str) {
    put(object, key, JsValue::from_str(text));
}

/// A whole number: totals and counts stay far below 2^53, so the
/// conversion is exact.
#[inline(never)]
pub(crate) fn put_whole(object: &Object, key: &str, n: u64) {
    put(object, key, JsValue::from_f64(n as f64));
}

fn totals_to_js(totals: &Totals) -> JsValue {
    let result = object();
    put_whole(&result, "interaction_ms", totals.interaction_ms);
    put_whole(&result, "in_view_ms", totals.in_view_ms);
    put_whole(&result, "active_page_ms", totals.active_page_ms);
    put_whole(&result, "wall_ms", totals.wall_ms);
    result.into()
}

fn envelope_to_js(event: &Event) -> JsValue {
    let result = object();
    put_text(&result, "event_id", &event.event_id);
    put_text(&result, "name", event.name.as_str());
    put_whole(&result, "sequence", u64::from(event.sequence));
    put_text(&result, "page_view_id", &event.page_view_id);
    put_text(&result, "instance_id", &event.instance_id);
    put_text(&result, "calc_id", &event.calc_id);
    put_text(&result, "calc_version", &event.calc_version);
    put(&result, "occurred_at_ms", event.occurred_at_ms.into());
    put(&result, "page_time_ms", event.page_time_ms.into());
    put_text(&result, "consent", event.consent.as_str());
    if let Some(visitor_id) = &event.visitor_id {
        put_text(&result, "visitor_id", visitor_id);
    }
    put(&result, "totals", totals_to_js(&event.totals));
    if let Some(step) = &event.step {
        put_text(&result, "step", &step.input_id);
        put_whole(&result, "step_index", u64::from(step.index));
    }
    if let Some(scenario) = &event.scenario {
        put_text(&result, "scenario", scenario);
    }
    result.into()
}

/// One event for every sink. The dataLayer object is `event` then the
/// shared parameters (`sinks::data_layer`) and Segment's properties are
/// the same parameters (`sinks::segment`), so both are filled in one pass
/// over [`sinks::each_parameter`], each key and value made once.
fn event_to_js(event: &Event) -> JsValue {
    let item = object();
    put(&item, "envelope", envelope_to_js(event));
    put_text(&item, "domType", event.name.dom_type());
    let data_layer = object();
    put_text(&data_layer, "event", event.name.as_str());
    let properties = object();
    sinks::each_parameter(event, |key, value| {
        let key = JsValue::from_str(key);
        let value = match value {
            SinkValue::Text(text) => JsValue::from_str(text),
            SinkValue::Integer(n) => JsValue::from_f64(n as f64),
        };
        set_key(&data_layer, &key, &value);
        set_key(&properties, &key, &value);
    });
    put(&item, "dataLayer", data_layer.into());
    let segment = object();
    put_text(&segment, "event", event.name.segment_name());
    put(&segment, "properties", properties.into());
    put(&item, "segment", segment.into());
    item.into()
}

/// The widget events a call returned, then the page events it made
/// (`{ page: true, envelope }`, see `engagement_page.rs`).
pub(crate) fn events_to_js(
    core: &mut tracker::Tracker,
    events: Result<Vec<Event>, TrackerError>,
) -> Result<JsValue, JsError> {
    let events = events.map_err(js_error)?;
    let list = Array::new();
    // By reference: the list is then dropped by the drop code the core
    // already has, not a by-value iterator's own.
    for event in &events {
        list.push(&event_to_js(event));
    }
    #[cfg(feature = "page")]
    for event in &core.take_page_events() {
        list.push(&super::engagement_page::page_event_to_js(event));
    }
    // Without the page methods page tracking never starts: nothing to take.
    #[cfg(not(feature = "page"))]
    let _ = core;
    Ok(list.into())
}

#[wasm_bindgen(js_class = Tracker)]
impl Tracker {
    /// Starts tracking a page view. Throws on a seed that is not 32 bytes,
    /// a bad consent string, a time that is not finite or an option out of
    /// range.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TrackerOptions")] options: JsValue,
    ) -> Result<Tracker, JsError> {
        let seed = field(&options, "seed");
        if !seed.is_instance_of::<Uint8Array>() {
            return Err(JsError::new(
                ErrorCode::INVALID_SEED,
                "seed must be a Uint8Array of 32 random bytes",
            ));
        }
        // Read as any array-like (`length`, `[index]`): the two imports every
        // list uses, rather than two more of the glue's own for typed arrays.
        let bytes: &Array = seed.unchecked_ref();
        let length = bytes.length() as usize;
        // Read into an array rather than collected into a Vec (less code);
        // a seed of another length is only measured, and the core refuses
        // it after the other options, as it always has.
        let mut seed = [0u8; tracker::SEED_BYTES];
        let wrong_length;
        let seed: &[u8] = if length == tracker::SEED_BYTES {
            for (index, byte) in (0..).zip(seed.iter_mut()) {
                // A Uint8Array's items are whole numbers from 0 to 255.
                *byte = bytes.get(index).as_f64().unwrap_or(0.0) as u8;
            }
            &seed
        } else {
            wrong_length = vec![0u8; length];
            &wrong_length
        };
        let consent = match field(&options, "consent") {
            value if value.is_undefined() => Consent::Unknown,
            value => consent_from(value.as_string())?,
        };
        let visitor_id = field(&options, "visitorId").as_string();
        let core_options = TrackerOptions {
            consent,
            visitor_id,
            idle_timeout_ms: option_ms(&options, "idleTimeoutMs", clock::DEFAULT_IDLE_TIMEOUT_MS)?,
            engaged_after_ms: option_ms(
                &options,
                "engagedAfterMs",
                tracker::DEFAULT_ENGAGED_AFTER_MS,
            )?,
            result_settle_ms: option_ms(
                &options,
                "resultSettleMs",
                tracker::DEFAULT_RESULT_SETTLE_MS,
            )?,
            ..TrackerOptions::new(
                seed,
                required_ms(&options, "timeOriginMs")?,
                required_ms(&options, "nowMs")?,
            )
        };
        let core = tracker::Tracker::new(core_options).map_err(js_error)?;
        Ok(Tracker { core })
    }

    // Text crosses as a JavaScript string (`JsValue`) both ways: the glue
    // then passes a reference instead of copying UTF-8 through the wasm
    // memory with its own code at every method (0.3 KB as served in all).

    /// The page view's UUID.
    #[wasm_bindgen(getter, js_name = pageViewId, unchecked_return_type = "string")]
    pub fn page_view_id(&self) -> JsValue {
        JsValue::from_str(self.core.page_view_id())
    }

    /// The visitor id, present only with consent granted.
    #[wasm_bindgen(getter, js_name = visitorId, unchecked_return_type = "string | undefined")]
    pub fn visitor_id(&self) -> JsValue {
        self.core
            .visitor_id()
            .map_or(JsValue::UNDEFINED, JsValue::from_str)
    }

    /// Adds a widget showing a model; returns its instance id (`w1`, ...).
    #[wasm_bindgen(js_name = addWidget, unchecked_return_type = "string")]
    pub fn add_widget(
        &mut self,
        #[wasm_bindgen(js_name = calcId, unchecked_param_type = "string")] calc_id: JsValue,
        #[wasm_bindgen(js_name = calcVersion, unchecked_param_type = "string")]
        calc_version: JsValue,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
    ) -> Result<JsValue, JsError> {
        let calc_id = calc_id.as_string().unwrap_or_default();
        let calc_version = calc_version.as_string().unwrap_or_default();
        let instance_id = self
            .core
            .add_widget(&calc_id, &calc_version, now_ms)
            .map_err(js_error)?;
        Ok(JsValue::from_str(&instance_id))
    }

    /// The visitor's consent; only `granted` keeps (or makes) a visitor id.
    #[wasm_bindgen(js_name = setConsent)]
    pub fn set_consent(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Consent")] consent: JsValue,
        #[wasm_bindgen(js_name = visitorId, unchecked_optional_param_type = "string")]
        visitor_id: JsValue,
    ) -> Result<(), JsError> {
        let consent = consent_from(consent.as_string())?;
        self.core
            .set_consent(consent, visitor_id.as_string())
            .map_err(js_error)
    }

    /// A fact stamped `nowMs` (docs/engagement.md): the page's
    /// (`Visible` ... `PageShow`), running the clocks (`Advance`, `Flush`),
    /// one widget's (`Intersection` ... `Scenario`, naming `instanceId`) or
    /// the page's idle timeout (`IdleTimeout`). `detail` is the
    /// intersection ratio (0 to 1), the input's id (`Input`, `Commit`;
    /// optional), the scenario's id (`Scenario`; `undefined` for the
    /// defaults) or the idle timeout (a whole number of ms, 5,000 to
    /// 60,000; `undefined` for the default, 15,000). Returns the events
    /// that became due. One method for every fact, so the module and its
    /// glue carry one call path instead of one per fact.
    #[wasm_bindgen(unchecked_return_type = "EngagementEvent[]")]
    pub fn fact(
        &mut self,
        fact: Fact,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
        #[wasm_bindgen(js_name = instanceId, unchecked_optional_param_type = "string")]
        instance_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | string")] detail: JsValue,
    ) -> Result<JsValue, JsError> {
        let instance_id = instance_id.as_string();
        let instance_id = instance_id.as_deref().unwrap_or_default();
        let page = Call::Page;
        let widget = |fact| Call::Widget { instance_id, fact };
        let input_id = detail.as_string();
        let call = match fact {
            Fact::Visible => page(PageFact::Visibility(true)),
            Fact::Hidden => page(PageFact::Visibility(false)),
            Fact::Focus => page(PageFact::Focus(true)),
            Fact::Blur => page(PageFact::Focus(false)),
            Fact::Freeze => page(PageFact::Freeze),
            Fact::Resume => page(PageFact::Resume),
            Fact::PageHide => page(PageFact::PageHide),
            Fact::PageShow => page(PageFact::PageShow),
            Fact::Advance => Call::Advance,
            Fact::Flush => Call::Flush,
            Fact::Intersection => widget(WidgetFact::Intersection {
                // Not a number: NaN, which the core refuses as a ratio.
                ratio: detail.as_f64().unwrap_or(f64::NAN),
            }),
            Fact::Input | Fact::Commit => widget(WidgetFact::Input {
                input_id: input_id.as_deref(),
                committed: fact == Fact::Commit,
            }),
            Fact::Lead => widget(WidgetFact::Lead),
            Fact::Remove => widget(WidgetFact::Remove),
            Fact::Scenario => {
                self.core
                    .set_scenario(instance_id, input_id.as_deref())
                    .map_err(js_error)?;
                return Ok(Array::new().into());
            }
            Fact::IdleTimeout => {
                let idle_timeout_ms = if detail.is_undefined() {
                    clock::DEFAULT_IDLE_TIMEOUT_MS
                } else {
                    whole_ms("idleTimeoutMs", detail.as_f64())?
                };
                Call::IdleTimeout { idle_timeout_ms }
            }
            _ => return Err(JsError::argument("unknown fact")),
        };
        let events = self.core.call(call, now_ms);
        events_to_js(&mut self.core, events)
    }

    /// The widget's totals at `nowMs`, changing nothing.
    #[wasm_bindgen(unchecked_return_type = "EngagementTotals")]
    pub fn totals(
        &self,
        #[wasm_bindgen(js_name = instanceId, unchecked_param_type = "string")] instance_id: JsValue,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
    ) -> Result<JsValue, JsError> {
        let instance_id = instance_id.as_string().unwrap_or_default();
        let totals = self.core.totals(&instance_id, now_ms).map_err(js_error)?;
        Ok(totals_to_js(&totals))
    }
}
