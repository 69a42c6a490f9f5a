//! The event envelope (docs/engagement.md, "The event envelope"): the
//! milestone names in their GA4 and Segment spellings, the consent states
//! and the cumulative totals every event carries.
//!
//! Plain data only: it never validates a batch (the collector's reader does)
//! and never decides when an event happens (the tracker does).

/// A milestone of one widget instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventName {
    /// `calc_view`: first at least 50% in view on an active page.
    View,
    /// `calc_start`: the first input.
    Start,
    /// `calc_step`: the first committed change of each distinct input.
    Step,
    /// `calc_result`: a result looked at (no input for the settle time, in view).
    Result,
    /// `calc_lead`: a lead submitted or the call to action followed; every time.
    Lead,
    /// `calc_engaged`: interaction time first reached the engaged threshold.
    Engaged,
    /// `calc_engagement`: the totals at a flush, when they changed.
    Engagement,
}

impl EventName {
    /// Every name, in funnel order.
    pub const ALL: [EventName; 7] = [
        EventName::View,
        EventName::Start,
        EventName::Step,
        EventName::Result,
        EventName::Lead,
        EventName::Engaged,
        EventName::Engagement,
    ];

    /// The GA4 / dataLayer / collector name (`calc_view`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EventName::View => "calc_view",
            EventName::Start => "calc_start",
            EventName::Step => "calc_step",
            EventName::Result => "calc_result",
            EventName::Lead => "calc_lead",
            EventName::Engaged => "calc_engaged",
            EventName::Engagement => "calc_engagement",
        }
    }

    /// The Segment event name, Title Case (`Calculator Viewed`, ...).
    pub fn segment_name(self) -> &'static str {
        match self {
            EventName::View => "Calculator Viewed",
            EventName::Start => "Calculator Started",
            EventName::Step => "Calculator Step Completed",
            EventName::Result => "Calculator Result Viewed",
            EventName::Lead => "Calculator Lead Submitted",
            EventName::Engaged => "Calculator Engaged",
            EventName::Engagement => "Calculator Engagement Recorded",
        }
    }

    /// The DOM event type dispatched on the element (`yardstick:view`, ...).
    pub fn dom_type(self) -> &'static str {
        match self {
            EventName::View => "yardstick:view",
            EventName::Start => "yardstick:start",
            EventName::Step => "yardstick:step",
            EventName::Result => "yardstick:result",
            EventName::Lead => "yardstick:lead",
            EventName::Engaged => "yardstick:engaged",
            EventName::Engagement => "yardstick:engagement",
        }
    }

    /// The name for a `calc_*` string, if it is one.
    pub fn parse(name: &str) -> Option<EventName> {
        EventName::ALL.into_iter().find(|n| n.as_str() == name)
    }
}

/// The visitor's consent as the host page states it. Global Privacy Control
/// counts as `Denied` whatever the page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Consent {
    /// The visitor agreed to analytics storage: outbox storage and a visitor id.
    Granted,
    /// The visitor refused, or Global Privacy Control is on: no storage, no visitor id.
    Denied,
    /// Not stated (yet): nothing is read, written or erased.
    #[default]
    Unknown,
}

impl Consent {
    /// `granted`, `denied` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Granted => "granted",
            Consent::Denied => "denied",
            Consent::Unknown => "unknown",
        }
    }

    /// The consent for its wire name, if it is one.
    pub fn parse(text: &str) -> Option<Consent> {
        match text {
            "granted" => Some(Consent::Granted),
            "denied" => Some(Consent::Denied),
            "unknown" => Some(Consent::Unknown),
            _ => None,
        }
    }

    /// The consent a page applies to every widget on it: the strictest any
    /// widget states (`Denied` over `Unknown` over `Granted`), `Unknown`
    /// when no widget states one, and `Denied` whatever they state when the
    /// browser sends Global Privacy Control. One consent per page, because
    /// the widgets share one visitor id and one outbox.
    pub fn for_page(stated: &[Consent], global_privacy_control: bool) -> Consent {
        if global_privacy_control || stated.contains(&Consent::Denied) {
            Consent::Denied
        } else if stated.is_empty() || stated.contains(&Consent::Unknown) {
            Consent::Unknown
        } else {
            Consent::Granted
        }
    }

    /// Whether storage and a visitor id are allowed: only with consent granted.
    pub fn allows_storage(self) -> bool {
        self == Consent::Granted
    }
}

/// Cumulative clocks of one widget instance, in whole milliseconds.
/// Invariant: `interaction_ms <= in_view_ms <= active_page_ms <= wall_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Time the visitor interacted with this instance, in ms.
    pub interaction_ms: u64,
    /// Time at least 50% in view on an active page, in ms.
    pub in_view_ms: u64,
    /// Time the page was visible, focused and not frozen, in ms.
    pub active_page_ms: u64,
    /// Time since the instance was created, in ms.
    pub wall_ms: u64,
}

impl Totals {
    /// Whether the clocks are ordered as the invariant requires.
    pub fn is_ordered(&self) -> bool {
        self.interaction_ms <= self.in_view_ms
            && self.in_view_ms <= self.active_page_ms
            && self.active_page_ms <= self.wall_ms
    }
}

/// The step a `calc_step` event reports: which input, and its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The input's id.
    pub input_id: String,
    /// 1 for the first input touched, 2 for the next, ...
    pub index: u32,
}

/// One event, as the widget sends it and the collector stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// UUID, lowercase 8-4-4-4-12.
    pub event_id: String,
    /// Which milestone.
    pub name: EventName,
    /// 0, 1, 2, ... per page view, across all instances.
    pub sequence: u32,
    /// The page view's UUID, shared by every instance on the page.
    pub page_view_id: String,
    /// The widget instance's UUID.
    pub instance_id: String,
    /// The calculator model's id.
    pub calc_id: String,
    /// The calculator model's version.
    pub calc_version: String,
    /// Epoch milliseconds.
    pub occurred_at_ms: f64,
    /// `performance.now()` at the event.
    pub page_time_ms: f64,
    /// The consent when the event was made.
    pub consent: Consent,
    /// Present only with consent granted.
    pub visitor_id: Option<String>,
    /// The instance's cumulative clocks at the event.
    pub totals: Totals,
    /// `calc_step` only.
    pub step: Option<Step>,
    /// The scenario shown, if any.
    pub scenario: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Consent::{self, Denied, Granted, Unknown};

    #[test]
    fn the_page_takes_the_strictest_consent_and_gpc_denies() {
        let cases: [(&[Consent], bool, Consent); 9] = [
            (&[], false, Unknown),
            (&[Granted], false, Granted),
            (&[Granted, Granted], false, Granted),
            (&[Granted, Unknown], false, Unknown),
            (&[Unknown, Granted, Denied], false, Denied),
            (&[Denied], false, Denied),
            (&[], true, Denied),
            (&[Granted], true, Denied),
            (&[Unknown, Granted], true, Denied),
        ];
        for (stated, gpc, expected) in cases {
            assert_eq!(
                Consent::for_page(stated, gpc),
                expected,
                "{stated:?} gpc={gpc}"
            );
        }
    }
}
