//! Unit tests of the Develop phase: the domain rule and the measures.

use super::*;

fn lead(
    id: &str,
    email: &str,
    at_ms: i64,
    value: Option<f64>,
    currency: Option<&str>,
) -> LeadFacts {
    LeadFacts {
        lead_id: id.into(),
        calc_id: "saas-roi".into(),
        page_view_id: format!("pv-{id}"),
        received_at_ms: at_ms,
        email: email.into(),
        company: "Acme".into(),
        value,
        currency: currency.map(str::to_string),
    }
}

fn view(id: &str, visitor: Option<&str>, engaged_ms: u64, returning: bool) -> PageViewFacts {
    PageViewFacts {
        page_view_id: id.into(),
        visitor_id: visitor.map(str::to_string),
        visited: true,
        engaged_ms,
        downloads: 1,
        video_plays: 2,
        returning,
        calc_interaction_ms: engaged_ms / 2,
    }
}

#[test]
fn an_email_matches_its_domain_and_subdomains_only() {
    let domains = vec!["acme.com".to_string()];
    assert!(email_matches("ada@acme.com", &domains));
    assert!(email_matches(" Ada@EU.Acme.COM ", &domains));
    assert!(!email_matches("ada@notacme.com", &domains));
    assert!(!email_matches("ada@acme.com.evil.example", &domains));
    assert!(!email_matches("acme.com", &domains));
    assert!(!email_matches("ada@", &domains));
    assert!(!email_matches("ada@acme.com", &[]));
    assert_eq!(email_domain("a@b@Acme.com").as_deref(), Some("acme.com"));
}

#[test]
fn measures_count_each_page_view_once_and_each_visitor_once() {
    let domains = vec!["acme.com".to_string()];
    let candidates = [
        lead("a", "ada@acme.com", 10, Some(100.0), Some("EUR")),
        lead("b", "bob@other.example", 20, Some(999.0), Some("EUR")),
        lead("c", "cy@eu.acme.com", 30, Some(50.5), Some("EUR")),
        lead("d", "di@acme.com", 30, Some(7.0), Some("USD")),
        lead("e", "ed@acme.com", 5, None, None),
    ];
    let leads = customer_leads(&domains, &candidates);
    assert_eq!(leads.len(), 4);
    let views = [
        view("p1", Some("v1"), 1000, false),
        view("p2", Some("v1"), 3000, true),
        view("p1", Some("v1"), 1000, false),
        view("p3", None, 500, false),
        view("p4", Some("v2"), 0, true),
        PageViewFacts {
            page_view_id: "p5".into(),
            visitor_id: None,
            visited: false,
            calc_interaction_ms: 7,
            ..PageViewFacts::default()
        },
    ];
    let found = develop(&domains, &leads, &views);
    assert_eq!(found.status, DevelopStatus::Measured);
    assert_eq!(found.page_views, 4);
    assert_eq!(
        found.visitors, 3,
        "v1, v2 and the anonymous p3; p5 is no visit"
    );
    assert_eq!(found.time_on_site_ms, 4500);
    assert_eq!(found.calc_interaction_ms, 500 + 1500 + 250 + 7);
    assert_eq!(found.downloads, 4);
    assert_eq!(found.video_plays, 8);
    assert_eq!(found.return_visits, 2);
    assert_eq!(found.leads, 4);
    assert_eq!(found.leads_without_value, 1);
    assert_eq!(
        found.lead_value,
        [
            LeadValue {
                currency: Some("EUR".into()),
                count: 2,
                value: 150.5
            },
            LeadValue {
                currency: Some("USD".into()),
                count: 1,
                value: 7.0
            },
        ]
    );
    let order: Vec<&str> = found
        .recent_leads
        .iter()
        .map(|l| l.lead_id.as_str())
        .collect();
    assert_eq!(order, ["c", "d", "a", "e"]);
}

#[test]
fn without_domains_or_leads_the_status_says_so() {
    assert_eq!(develop(&[], &[], &[]).status, DevelopStatus::NoDomains);
    let found = develop(&["acme.com".to_string()], &[], &[]);
    assert_eq!(found.status, DevelopStatus::NoLeads);
    assert_eq!(
        (found.visitors, found.leads, found.time_on_site_ms),
        (0, 0, 0)
    );
}

#[test]
fn the_recent_list_is_bounded() {
    let leads: Vec<LeadFacts> = (0..LISTED_LEADS + 5)
        .map(|n| lead(&format!("l{n:03}"), "a@acme.com", n as i64, Some(1.0), None))
        .collect();
    let found = develop(&["acme.com".to_string()], &leads, &[]);
    assert_eq!(found.recent_leads.len(), LISTED_LEADS);
    assert_eq!(found.leads, LISTED_LEADS + 5);
    assert_eq!(found.lead_value[0].value, (LISTED_LEADS + 5) as f64);
}
