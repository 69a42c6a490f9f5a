//! An [`Event`] in the shapes the analytics sinks take (docs/engagement.md,
//! "Sinks"): the flat GTM / GA4 `dataLayer` object and the Segment
//! `track(name, properties)` pair, as plain Rust data, plus GA4's naming
//! rules as checkable data ([`ga4_problems`]).
//!
//! It never pushes anything anywhere (the widget does) and never adds a
//! parameter the contract does not list: analytics tools keep what they
//! get forever, so the set is deliberately small.

use super::event::Event;

/// A parameter value: text, or a whole number (`u64` totals and counts,
/// all far below 2^53, so exact as JavaScript numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkValue<'a> {
    /// A text parameter.
    Text(&'a str),
    /// A whole-number parameter.
    Integer(u64),
}

/// Named parameters in a fixed order.
pub type Parameters<'a> = Vec<(&'static str, SinkValue<'a>)>;

/// GA4's event parameter limit per event.
pub const GA4_MAX_PARAMETERS: usize = 25;
/// GA4's length limit for event and parameter names.
pub const GA4_MAX_NAME_CHARS: usize = 40;

/// Event parameter names GA4 reserves or collects itself (Google Analytics
/// help, "Event naming rules", answer 13316687, and the parameters gtag.js
/// fills in automatically). Ours never use them.
pub const GA4_RESERVED_PARAMETERS: [&str; 24] = [
    "cid",
    "currency",
    "customer_id",
    "customerid",
    "dclid",
    "engagement_time_msec",
    "gclid",
    "page_location",
    "page_referrer",
    "page_title",
    "screen_resolution",
    "session_engaged",
    "session_id",
    "session_number",
    "sessionid",
    "sfmc_id",
    "sid",
    "srsltid",
    "uid",
    "user_id",
    "userid",
    "language",
    "ignore_referrer",
    "traffic_type",
];

/// Prefixes GA4 reserves for parameter (and event) names.
pub const GA4_RESERVED_PREFIXES: [&str; 5] = ["_", "firebase_", "ga_", "google_", "gtag."];

/// Event names GA4 reserves on web streams (same source).
pub const GA4_RESERVED_EVENTS: [&str; 21] = [
    "ad_impression",
    "app_remove",
    "app_store_refund",
    "app_store_subscription_cancel",
    "app_store_subscription_renew",
    "click",
    "error",
    "file_download",
    "first_open",
    "first_visit",
    "form_start",
    "form_submit",
    "in_app_purchase",
    "page_view",
    "scroll",
    "session_start",
    "user_engagement",
    "view_complete",
    "video_progress",
    "video_start",
    "view_search_results",
];

/// The event's parameters, shared by GA4 and Segment: `calc_id`,
/// `calc_version`, `calc_instance_id`, `calc_sequence`,
/// `calc_interaction_ms`, `calc_in_view_ms`, `calc_active_page_ms`,
/// `calc_step` and `calc_step_index` (steps only), `calc_scenario` (when
/// one is shown), `calc_consent`.
pub fn parameters(event: &Event) -> Parameters<'_> {
    let mut list = Vec::new();
    each_parameter(event, |name, value| list.push((name, value)));
    list
}

/// Calls `visit` with each of [`parameters`], in order, without building
/// a list: the wasm bindings copy them straight into JavaScript objects
/// (their only caller there, so the generic is compiled once).
pub fn each_parameter<'a>(event: &'a Event, mut visit: impl FnMut(&'static str, SinkValue<'a>)) {
    let totals = &event.totals;
    visit("calc_id", SinkValue::Text(&event.calc_id));
    visit("calc_version", SinkValue::Text(&event.calc_version));
    visit("calc_instance_id", SinkValue::Text(&event.instance_id));
    visit(
        "calc_sequence",
        SinkValue::Integer(u64::from(event.sequence)),
    );
    visit(
        "calc_interaction_ms",
        SinkValue::Integer(totals.interaction_ms),
    );
    visit("calc_in_view_ms", SinkValue::Integer(totals.in_view_ms));
    visit(
        "calc_active_page_ms",
        SinkValue::Integer(totals.active_page_ms),
    );
    if let Some(step) = &event.step {
        visit("calc_step", SinkValue::Text(&step.input_id));
        visit("calc_step_index", SinkValue::Integer(u64::from(step.index)));
    }
    if let Some(scenario) = &event.scenario {
        visit("calc_scenario", SinkValue::Text(scenario));
    }
    visit("calc_consent", SinkValue::Text(event.consent.as_str()));
}

/// The object for `dataLayer.push`: `event` (the `calc_*` name) first,
/// then [`parameters`].
pub fn data_layer(event: &Event) -> Parameters<'_> {
    let mut list = vec![("event", SinkValue::Text(event.name.as_str()))];
    list.extend(parameters(event));
    list
}

/// The arguments of Segment's `analytics.track(name, properties)`: the
/// Title Case name and [`parameters`].
pub fn segment(event: &Event) -> (&'static str, Parameters<'_>) {
    (event.name.segment_name(), parameters(event))
}

/// Whether `name` starts with a letter and has only ASCII letters, digits
/// and underscores, at most 40 of them.
fn is_ga4_name(name: &str) -> bool {
    name.len() <= GA4_MAX_NAME_CHARS
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn reserved_prefix(name: &str) -> Option<&'static str> {
    GA4_RESERVED_PREFIXES
        .into_iter()
        .find(|prefix| name.starts_with(prefix))
}

/// Every way an event name and its parameter names break GA4's rules
/// (empty when they follow them all).
pub fn ga4_problems<'a>(
    event_name: &str,
    parameter_names: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut problems = Vec::new();
    if !is_ga4_name(event_name) {
        problems.push(format!("event name `{event_name}` is not a GA4 name"));
    }
    if GA4_RESERVED_EVENTS.contains(&event_name) {
        problems.push(format!("event name `{event_name}` is reserved"));
    }
    if let Some(prefix) = reserved_prefix(event_name) {
        problems.push(format!(
            "event name `{event_name}` uses reserved prefix `{prefix}`"
        ));
    }
    let names: Vec<&str> = parameter_names.into_iter().collect();
    if names.len() > GA4_MAX_PARAMETERS {
        problems.push(format!(
            "{} parameters, more than GA4's {GA4_MAX_PARAMETERS}",
            names.len()
        ));
    }
    for name in names {
        if !is_ga4_name(name) {
            problems.push(format!("parameter `{name}` is not a GA4 name"));
        }
        if GA4_RESERVED_PARAMETERS.contains(&name) {
            problems.push(format!("parameter `{name}` is reserved"));
        }
        if let Some(prefix) = reserved_prefix(name) {
            problems.push(format!(
                "parameter `{name}` uses reserved prefix `{prefix}`"
            ));
        }
    }
    problems
}

#[cfg(test)]
#[path = "sinks_test.rs"]
mod tests;
