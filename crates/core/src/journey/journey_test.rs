//! Unit tests of the whole journey: who the customer is, the phases put
//! together, the bounds and the JSON answer.

use super::*;
use crate::cases::pipeline::RevisionMark;
use crate::json::Node;
use crate::scoring::PipelineStage;
use crate::success::data::SuccessData;
use crate::success::data_read::read_data;
use crate::success::settings_default::default_settings;
use crate::success::test_json::node;

const DATA: &str = r#"{"schema": "yardstick/success@1",
  "accounts": [{"id": "acme", "name": "Acme Corp", "annualValue": 120000, "currency": "EUR",
     "contractStart": "2025-01-15", "renewal": "2026-01-15", "domains": "acme.com"}],
  "signals": [{"account": "acme", "date": "2025-06-30", "metric": "licence_utilisation", "value": 0.6}],
  "events": [], "outcomes": [], "renewals": []}"#;

fn data() -> SuccessData {
    read_data(&node(DATA)).unwrap()
}

fn history(customer: &str) -> CaseHistory {
    CaseHistory {
        case_id: "1".into(),
        title: "Rollout".into(),
        customer_id: customer.into(),
        customer_name: format!("{customer} (from the case)"),
        value: Some(1000.0),
        currency: "EUR".into(),
        marks: vec![RevisionMark {
            saved_at_ms: 1_750_000_000_000.0,
            step: PipelineStage::BusinessReview,
            high_level_positive: false,
            detailed_positive: false,
            dropped: false,
        }],
        dropped_reason: None,
    }
}

fn lead(id: &str, email: &str) -> LeadFacts {
    LeadFacts {
        lead_id: id.into(),
        calc_id: "saas-roi".into(),
        page_view_id: format!("pv-{id}"),
        received_at_ms: 1,
        email: email.into(),
        company: "Acme".into(),
        value: Some(10.0),
        currency: Some("EUR".into()),
    }
}

fn get<'a>(node: &'a Node, path: &[&str]) -> &'a Node {
    path.iter().fold(node, |at, key| match at {
        Node::Map(entries) => entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no {key}")),
        _ => panic!("not an object at {key}"),
    })
}

#[test]
fn an_account_with_cases_and_leads_has_all_four_phases() {
    let data = data();
    let settings = default_settings();
    let cases = [history("acme")];
    let leads = [
        lead("a", "ada@acme.com"),
        lead("b", "bob@elsewhere.example"),
    ];
    let views = [develop::PageViewFacts {
        page_view_id: "pv-a".into(),
        visitor_id: Some("v1".into()),
        visited: true,
        engaged_ms: 4000,
        ..develop::PageViewFacts::default()
    }];
    let input = JourneyInput {
        customer_id: "acme",
        leads: &leads,
        page_views: &views,
        cases: &cases,
        as_of_ms: 1_760_000_000_000.0,
        account: Some(account::AccountInput {
            data: &data,
            settings: &settings,
            case: None,
            as_of: None,
        }),
    };
    let journey = build_journey(&input).unwrap();
    assert_eq!(journey.customer_name, "Acme Corp", "the account's name");
    assert_eq!(journey.develop.leads, 1, "bob is not at acme.com");
    assert_eq!(journey.develop.time_on_site_ms, 4000);
    assert_eq!(journey.evaluate.measures[0].steps[0].count, 1);
    assert!(journey.account.is_some());
    let answer = nodes::journey_node(&journey, Some(&settings));
    assert_eq!(get(&answer, &["customer", "account"]), &Node::Bool(true));
    assert_eq!(
        get(&answer, &["develop", "status"]),
        &Node::Text("measured".into())
    );
    assert_eq!(get(&answer, &["develop", "leads"]), &Node::Number(1.0));
    assert_eq!(
        get(&answer, &["execute", "asOf"]),
        &Node::Text("2025-06-30".into())
    );
    assert_eq!(
        get(&answer, &["prosper", "realised", "status"]),
        &Node::Text("no_case".into())
    );
    assert!(matches!(
        get(&answer, &["prosper", "health", "score"]),
        Node::Number(_)
    ));
    let Node::List(measures) = get(&answer, &["evaluate", "measures"]) else {
        panic!("measures are a list");
    };
    let Node::List(steps) = get(&measures[0], &["steps"]) else {
        panic!("steps are a list");
    };
    let names: Vec<&Node> = steps.iter().map(|step| get(step, &["measure"])).collect();
    let words = [
        "potential",
        "positive_high_level_case",
        "moving_on",
        "positive_detailed_case",
        "approved",
        "committed",
    ];
    assert_eq!(
        names,
        words
            .map(|w| Node::Text(w.into()))
            .iter()
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_customer_known_only_from_cases_has_no_account_phases_and_no_develop() {
    let cases = [history("initech")];
    let leads = [lead("a", "ada@initech.example")];
    let input = JourneyInput {
        customer_id: "initech",
        leads: &leads,
        page_views: &[],
        cases: &cases,
        as_of_ms: 1_760_000_000_000.0,
        account: None,
    };
    let journey = build_journey(&input).unwrap();
    assert_eq!(journey.customer_name, "initech (from the case)");
    assert_eq!(journey.develop.status, develop::DevelopStatus::NoDomains);
    assert_eq!(journey.develop.leads, 0, "no domain, no lead is theirs");
    assert!(journey.account.is_none());
    let answer = nodes::journey_node(&journey, None);
    assert_eq!(get(&answer, &["execute"]), &Node::Null);
    assert_eq!(get(&answer, &["prosper"]), &Node::Null);
}

#[test]
fn an_unknown_customer_and_too_many_rows_are_refused() {
    let data = data();
    let settings = default_settings();
    let input = JourneyInput {
        customer_id: "nobody",
        leads: &[],
        page_views: &[],
        cases: &[],
        as_of_ms: 0.0,
        account: Some(account::AccountInput {
            data: &data,
            settings: &settings,
            case: None,
            as_of: None,
        }),
    };
    assert_eq!(build_journey(&input), Err(JourneyError::UnknownCustomer));
    let leads = vec![lead("a", "a@acme.com"); MAX_LEADS + 1];
    let too_many = JourneyInput {
        customer_id: "acme",
        leads: &leads,
        ..input
    };
    assert_eq!(
        build_journey(&too_many),
        Err(JourneyError::TooMany {
            what: "leads",
            limit: MAX_LEADS
        })
    );
}
