//! The Develop phase of one customer (docs/journey.md, "Develop"): the
//! leads whose contact e-mail is at one of the customer's domains, and the
//! engagement of the visitors behind them.
//!
//! Which leads: a lead is the customer's when the domain of its contact
//! e-mail (after the `@`, ASCII case ignored) is one the account lists, or
//! a subdomain of one (`eu.acme.com` under `acme.com`). A customer whose
//! account lists no domain has no known Develop phase (the page says so);
//! one whose domains match no lead has a known, empty one.
//!
//! Which page views: the caller hands the page views of the leads' own
//! page views and every page view of the visitors those carry (a visitor
//! id exists only with consent). Each page view counts once, by id. A
//! page view without a visitor id is a visitor of its own, as in the
//! funnel (docs/engagement.md); a page view no page event named (a page
//! without the snippet) is no visit, as in the funnel, and adds only its
//! calculators' interaction time.

use crate::small_sort::sort_by;

/// What the journey needs of one stored lead.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadFacts {
    /// The lead's UUID.
    pub lead_id: String,
    /// The calculator it came from.
    pub calc_id: String,
    /// The page view it was sent from.
    pub page_view_id: String,
    /// When the server received it, ms since the epoch.
    pub received_at_ms: i64,
    /// The contact's e-mail.
    pub email: String,
    /// The contact's company, as typed.
    pub company: String,
    /// The lead's value (its model's `leadValue`), when the server computed one.
    pub value: Option<f64>,
    /// The value's currency, when the model names one.
    pub currency: Option<String>,
}

/// What the journey needs of one stored page view (the collector's
/// `page_views` row and its calculators' interaction time).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageViewFacts {
    /// The page view's UUID.
    pub page_view_id: String,
    /// The visitor's id, with consent.
    pub visitor_id: Option<String>,
    /// A page event arrived for it (the page has the snippet): a visit the
    /// funnel counts. A page view known only from a widget's events adds
    /// its calculator time and nothing else.
    pub visited: bool,
    /// Engaged time on the page, ms.
    pub engaged_ms: u64,
    /// Downloads clicked.
    pub downloads: u64,
    /// Videos played.
    pub video_plays: u64,
    /// A return visit (the visitor had a page view on an earlier day).
    pub returning: bool,
    /// Interaction time with calculators on the page, ms (the sum over
    /// its widget instances of each one's largest interaction total).
    pub calc_interaction_ms: u64,
}

/// The leads' value in one currency (`None`: the model names none).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadValue {
    /// The currency, when the models name one.
    pub currency: Option<String>,
    /// Leads with a value in it.
    pub count: usize,
    /// Their values' sum.
    pub value: f64,
}

/// Whether the Develop phase is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevelopStatus {
    /// No account, or an account that lists no domain: leads cannot be tied
    /// to the customer.
    NoDomains,
    /// Domains listed, no lead at them.
    NoLeads,
    /// Leads found.
    Measured,
}

impl DevelopStatus {
    /// The word the JSON answer carries.
    pub fn as_str(self) -> &'static str {
        match self {
            DevelopStatus::NoDomains => "no_domains",
            DevelopStatus::NoLeads => "no_leads",
            DevelopStatus::Measured => "measured",
        }
    }
}

/// The most leads listed one by one (the totals count them all).
pub const LISTED_LEADS: usize = 20;

/// One customer's Develop measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Develop {
    /// Known, empty or measured.
    pub status: DevelopStatus,
    /// The domains the leads were matched on.
    pub domains: Vec<String>,
    /// Attention: distinct visitors.
    pub visitors: usize,
    /// Their page views.
    pub page_views: usize,
    /// Interest: engaged time on the site, ms.
    pub time_on_site_ms: u64,
    /// Interest: downloads.
    pub downloads: u64,
    /// Interest: videos played.
    pub video_plays: u64,
    /// Interest: return visits (page views marked returning).
    pub return_visits: usize,
    /// Interaction: time spent using calculators, ms.
    pub calc_interaction_ms: u64,
    /// Leads.
    pub leads: usize,
    /// Leads without a value (unverified, or a model without `leadValue`).
    pub leads_without_value: usize,
    /// The leads' value, per currency (never summed across currencies).
    pub lead_value: Vec<LeadValue>,
    /// The newest leads first, at most [`LISTED_LEADS`].
    pub recent_leads: Vec<LeadFacts>,
}

/// The domain of an e-mail address (after its last `@`), lowercase; `None`
/// without one.
pub fn email_domain(email: &str) -> Option<String> {
    let (_, domain) = email.trim().rsplit_once('@')?;
    (!domain.is_empty()).then(|| domain.to_ascii_lowercase())
}

/// Whether `email` is at one of `domains` (lowercase) or a subdomain of one.
pub fn email_matches(email: &str, domains: &[String]) -> bool {
    let Some(domain) = email_domain(email) else {
        return false;
    };
    domains.iter().any(|listed| {
        domain == *listed
            || domain
                .strip_suffix(listed.as_str())
                .is_some_and(|head| head.ends_with('.'))
    })
}

/// The customer's leads among `candidates`, by the rule above.
pub fn customer_leads(domains: &[String], candidates: &[LeadFacts]) -> Vec<LeadFacts> {
    candidates
        .iter()
        .filter(|lead| email_matches(&lead.email, domains))
        .cloned()
        .collect()
}

/// The Develop measures from the customer's `domains`, their `leads`
/// (already the customer's: [`customer_leads`]) and `page_views` (see the
/// module's rules). Bounded by the caller's lists; one sort of each.
pub fn develop(domains: &[String], leads: &[LeadFacts], page_views: &[PageViewFacts]) -> Develop {
    let status = if domains.is_empty() {
        DevelopStatus::NoDomains
    } else if leads.is_empty() {
        DevelopStatus::NoLeads
    } else {
        DevelopStatus::Measured
    };
    let mut views: Vec<&PageViewFacts> = page_views.iter().collect();
    sort_by(&mut views, |a, b| a.page_view_id < b.page_view_id);
    views.dedup_by(|a, b| a.page_view_id == b.page_view_id);
    let mut visitor_ids: Vec<&str> = views
        .iter()
        .filter(|view| view.visited)
        .filter_map(|view| view.visitor_id.as_deref())
        .collect();
    visitor_ids.sort_unstable();
    visitor_ids.dedup();
    let anonymous = views
        .iter()
        .filter(|view| view.visited && view.visitor_id.is_none())
        .count();
    let mut lead_value: Vec<LeadValue> = Vec::new();
    let mut without_value = 0;
    for lead in leads {
        let Some(value) = lead.value.filter(|v| v.is_finite()) else {
            without_value += 1;
            continue;
        };
        match lead_value
            .iter_mut()
            .find(|total| total.currency == lead.currency)
        {
            Some(total) => {
                total.count += 1;
                total.value += value;
            }
            None => lead_value.push(LeadValue {
                currency: lead.currency.clone(),
                count: 1,
                value,
            }),
        }
    }
    sort_by(&mut lead_value, |a, b| a.currency < b.currency);
    let mut recent: Vec<LeadFacts> = leads.to_vec();
    sort_by(&mut recent, |a, b| {
        a.received_at_ms > b.received_at_ms
            || (a.received_at_ms == b.received_at_ms && a.lead_id < b.lead_id)
    });
    recent.truncate(LISTED_LEADS);
    Develop {
        status,
        domains: domains.to_vec(),
        visitors: visitor_ids.len() + anonymous,
        page_views: views.iter().filter(|v| v.visited).count(),
        time_on_site_ms: views
            .iter()
            .map(|v| v.engaged_ms)
            .fold(0, u64::saturating_add),
        downloads: views
            .iter()
            .map(|v| v.downloads)
            .fold(0, u64::saturating_add),
        video_plays: views
            .iter()
            .map(|v| v.video_plays)
            .fold(0, u64::saturating_add),
        return_visits: views.iter().filter(|v| v.returning).count(),
        calc_interaction_ms: views
            .iter()
            .map(|v| v.calc_interaction_ms)
            .fold(0, u64::saturating_add),
        leads: leads.len(),
        leads_without_value: without_value,
        lead_value,
        recent_leads: recent,
    }
}

#[cfg(test)]
#[path = "develop_test.rs"]
mod tests;
