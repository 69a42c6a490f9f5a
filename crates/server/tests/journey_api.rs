//! `GET /api/journey` and `/api/journey/{customerId}` over real sockets
//! (docs/journey.md): a customer's Develop measures are the page views,
//! calculator time and leads the test itself sent for visitors at the
//! account's domain (and nothing of other visitors), Evaluate counts the
//! customer's saved case, Execute and Prosper read the imported success
//! rows; an unknown customer is 404, a bad id or date 400. With
//! `--success-demo`, the demo's lead accounts show their leads.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::{core_case_value, repository_root, send, uuid, Server};
use yardstick_core::leads::case::lead_case;
use yardstick_core::leads::read::read_lead;
use yardstick_core::model::CompiledModel;
use yardstick_json_text::node_from_json;

const DAY_MS: u64 = 86_400_000;
const START_MS: u64 = 1_764_000_000_000;

fn success_document() -> Value {
    json!({
        "schema": "yardstick/success@1",
        "accounts": [{"id": "acme", "name": "Acme Corp", "annualValue": 120000, "currency": "EUR",
            "contractStart": "2025-01-15", "renewal": "2026-01-15", "domains": "acme.example"},
            {"id": "initech", "name": "Initech", "annualValue": 5000, "currency": "EUR",
            "contractStart": "2025-01-01", "renewal": "2026-01-01"}],
        "signals": [
            {"account": "acme", "date": "2025-05-31", "metric": "licence_utilisation", "value": 0.3},
            {"account": "acme", "date": "2025-06-30", "metric": "licence_utilisation", "value": 0.6},
            {"account": "initech", "date": "2025-07-10", "metric": "licence_utilisation", "value": 0.9}],
        "outcomes": [{"id": "acme-cycle", "account": "acme", "label": "Cycle time", "direction": "decrease",
            "baseline": {"value": 12, "date": "2025-01-15"}, "target": {"value": 8, "date": "2025-12-31"},
            "actuals": [{"date": "2025-06-30", "value": 10}]}],
        "checklist": [
            {"account": "acme", "list": "setup", "item": "sponsor", "date": "2025-01-20", "done": true},
            {"account": "acme", "list": "execution", "item": "steps", "date": "2025-03-01", "done": true}]
    })
}

/// A page event of page view `view` (`visitor`: with consent).
fn page_event(
    n: u32,
    view: u32,
    name: &str,
    visitor: Option<(&str, bool)>,
    engaged_ms: u64,
) -> Value {
    let mut event = json!({
        "event_id": uuid(n), "name": name, "sequence": n, "page_view_id": uuid(500 + view),
        "occurred_at_ms": START_MS + u64::from(view) * DAY_MS + u64::from(n), "page_time_ms": 10,
        "consent": "unknown", "page": {"path": "/pricing"},
        "totals": {"engaged_ms": engaged_ms, "active_page_ms": engaged_ms, "wall_ms": engaged_ms + 10, "scroll_percent": 50}
    });
    if let Some((id, returning)) = visitor {
        event["consent"] = json!("granted");
        event["visitor_id"] = json!(id);
        event["returning"] = json!(returning);
    }
    match name {
        "page_download" => {
            event["target"] = json!({"path": "/files/guide.pdf", "extension": "pdf"})
        }
        "page_video" => event["target"] = json!({"source": "/media/demo.mp4"}),
        _ => {}
    }
    event
}

/// A widget event with `interaction_ms` on page view `view`.
fn calc_event(n: u32, view: u32, interaction_ms: u64) -> Value {
    json!({
        "event_id": uuid(n), "name": "calc_engagement", "sequence": n, "page_view_id": uuid(500 + view),
        "instance_id": "w1", "calc_id": "saas-roi", "calc_version": "1.0.0",
        "occurred_at_ms": START_MS + u64::from(n), "page_time_ms": 100, "consent": "unknown",
        "totals": {"interaction_ms": interaction_ms, "in_view_ms": interaction_ms,
                   "active_page_ms": interaction_ms + 100, "wall_ms": interaction_ms + 200}
    })
}

fn lead(n: u32, view: u32, email: &str, seats: u32) -> Value {
    json!({
        "schema": "yardstick/lead@1", "lead_id": uuid(900 + n), "calc_id": "saas-roi",
        "calc_version": "1.0.0", "page_view_id": uuid(500 + view), "instance_id": "w1",
        "occurred_at_ms": START_MS, "page_path": "/pricing",
        "contact": {"name": "A Person", "email": email, "company": "Acme"},
        "consent": {"contact": true},
        "inputs": {"team_size": seats, "hours_saved_per_week": 2.5, "productive_share": 0.6,
            "working_weeks_per_year": 46, "loaded_hourly_cost": 55, "current_annual_revenue": 8_000_000,
            "include_revenue_uplift": true, "revenue_uplift": 0.01, "gross_margin": 0.65,
            "price_per_seat_per_month": 99, "implementation_cost": 40_000},
        "entered": ["team_size"]
    })
}

/// The lead's value as the core computes it under the served model.
fn lead_value(lead: &Value) -> f64 {
    let text =
        std::fs::read_to_string(repository_root().join("examples/models/saas-roi.json")).unwrap();
    let model = CompiledModel::compile(&node_from_json(&text).unwrap()).unwrap();
    let lead = read_lead(&node_from_json(&lead.to_string()).unwrap()).unwrap();
    lead_case(&model, &lead).unwrap().value.unwrap()
}

fn post_lead(server: &Server, lead: &Value) {
    let answer = server.request(
        "POST",
        "/api/leads",
        &[("Content-Type", "text/plain")],
        lead.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
}

#[test]
fn the_journey_measures_what_the_customers_visitors_did() {
    let server = Server::memory();
    let imported = send(&server, "POST", "/api/success/import", &success_document());
    assert_eq!(imported.status, 200, "{}", imported.text());
    // Visitor v1: views 1 and 2 (the second a return visit); v2: view 3;
    // view 4 without consent; v3 (view 5) sent a lead from another domain.
    let pages = vec![
        page_event(1, 1, "page_view", Some(("v1", false)), 0),
        page_event(2, 1, "page_download", Some(("v1", false)), 1000),
        page_event(3, 1, "page_engagement", Some(("v1", false)), 40_000),
        page_event(4, 2, "page_view", Some(("v1", true)), 0),
        page_event(5, 2, "page_video", Some(("v1", true)), 500),
        page_event(6, 2, "page_engagement", Some(("v1", true)), 25_000),
        page_event(7, 3, "page_engagement", Some(("v2", false)), 10_000),
        page_event(8, 4, "page_engagement", None, 5_000),
        page_event(9, 5, "page_engagement", Some(("v3", false)), 70_000),
    ];
    let answer = server.post(&json!({"schema": "yardstick/page-events@1", "events": pages}));
    assert_eq!(answer.status, 200, "{}", answer.text());
    let calcs = vec![
        calc_event(20, 1, 60_000),
        calc_event(21, 4, 15_000),
        calc_event(22, 5, 99_000),
    ];
    assert_eq!(server.post(&support::batch(calcs)).status, 200);
    let ours = [
        lead(1, 1, "ada@acme.example", 40),
        lead(2, 3, "cy@EU.Acme.Example", 80),
        lead(3, 4, "dee@acme.example", 10),
    ];
    for lead in &ours {
        post_lead(&server, lead);
    }
    post_lead(&server, &lead(4, 5, "eve@other.example", 500));
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(
            repository_root().join("tests/data/cases/acme-business-case.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(send(&server, "POST", "/api/cases", &case).status, 201);

    let journey = server.get_json("/api/journey/acme");
    assert_eq!(
        journey["customer"],
        json!({"id": "acme", "name": "Acme Corp", "account": true})
    );
    let develop = &journey["develop"];
    assert_eq!(develop["status"], "measured");
    assert_eq!(develop["domains"], json!(["acme.example"]));
    assert_eq!(
        develop["visitors"], 3,
        "v1, v2 and the page view without consent"
    );
    assert_eq!(develop["pageViews"], 4);
    assert_eq!(develop["timeOnSiteMs"], 40_000 + 25_000 + 10_000 + 5_000);
    assert_eq!(develop["downloads"], 1);
    assert_eq!(develop["videoPlays"], 1);
    assert_eq!(develop["returnVisits"], 1);
    assert_eq!(develop["calculatorInteractionMs"], 75_000);
    assert_eq!(develop["leads"], 3);
    let value: f64 = ours.iter().map(lead_value).sum();
    let found = develop["leadValue"][0]["value"].as_f64().unwrap();
    assert!((found - value).abs() < 1e-6, "{found} vs {value}");
    assert_eq!(develop["leadValue"][0]["currency"], "USD");

    let measures = &journey["evaluate"]["measures"][0];
    assert_eq!(measures["currency"], "GBP");
    assert_eq!(measures["steps"][0]["measure"], "potential");
    assert_eq!(measures["steps"][0]["count"], 1);
    let case_value = core_case_value(&case);
    assert!((measures["steps"][0]["value"].as_f64().unwrap() - case_value).abs() < 1e-6);
    assert_eq!(
        journey["evaluate"]["pipeline"]["cases"][0]["customer"]["id"],
        "acme"
    );

    let execute = &journey["execute"];
    assert_eq!(
        execute["asOf"], "2025-07-10",
        "the whole data's latest signal (initech's)"
    );
    assert_eq!(execute["setup"]["degree"], 0.25, "one of four equal items");
    assert_eq!(
        execute["execution"]["missing"],
        json!([{"id": "reviews", "label": "Reviews held"}])
    );
    assert_eq!(
        (
            execute["outcomes"].clone(),
            execute["outcomesMeasured"].clone()
        ),
        (json!(1), json!(1))
    );
    let prosper = &journey["prosper"];
    assert_eq!(prosper["outcomes"][0]["progress"], 0.5);
    assert_eq!(prosper["outcomes"][0]["current"], 10.0);
    assert_eq!(prosper["realised"]["status"], "no_case");
    assert_eq!(prosper["nextRenewal"], "2026-01-15");
    assert!(prosper["health"]["score"].is_number(), "{prosper}");
    // An earlier date reads earlier rows.
    let earlier = server.get_json("/api/journey/acme?asOf=2025-03-01");
    assert_eq!(earlier["execute"]["outcomesMeasured"], 0);
}

#[test]
fn customers_are_listed_and_bad_requests_refused() {
    let server = Server::memory();
    assert_eq!(server.get_json("/api/journey"), json!({"customers": []}));
    assert_eq!(
        send(&server, "POST", "/api/success/import", &success_document()).status,
        200
    );
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(repository_root().join("tests/data/cases/globex-minimal.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(send(&server, "POST", "/api/cases", &case).status, 201);
    let customers = server.get_json("/api/journey")["customers"].clone();
    let ids: Vec<(&str, bool, u64)> = customers
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["account"].as_bool().unwrap(),
                c["cases"].as_u64().unwrap(),
            )
        })
        .collect();
    let globex = case["customer"]["id"].as_str().unwrap();
    assert!(ids.contains(&("acme", true, 0)), "{ids:?}");
    assert!(ids.contains(&(globex, false, 1)), "{ids:?}");
    // A customer known only from its case: Evaluate alone.
    let only_case = server.get_json(&format!("/api/journey/{globex}"));
    assert_eq!(only_case["develop"]["status"], "no_domains");
    assert_eq!(only_case["execute"], Value::Null);
    assert_eq!(only_case["prosper"], Value::Null);
    assert_eq!(only_case["evaluate"]["measures"][0]["steps"][0]["count"], 1);

    assert_eq!(server.get("/api/journey/nobody").status, 404);
    let bad = server.get("/api/journey/not%20an%20id");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["path"], "customerId");
    let bad_date = server.get("/api/journey/acme?asOf=2025-02-30");
    assert_eq!(
        (bad_date.status, bad_date.json()["path"].clone()),
        (400, json!("asOf"))
    );
    let post = send(&server, "POST", "/api/journey/acme", &json!({}));
    assert_eq!(post.status, 405);
}

#[test]
fn the_demo_gives_some_accounts_domains_leads_and_page_views() {
    let server = Server::start(&["--db", ":memory:", "--success-demo"]);
    let data = server.get_json("/api/success/data");
    let with_domains: Vec<&Value> = data["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a.get("domains").is_some())
        .collect();
    assert_eq!(with_domains.len(), 4);
    let leads = server.get_json("/api/leads?limit=1000")["leads"].clone();
    for account in with_domains {
        let domain = account["domains"].as_str().unwrap();
        let theirs: Vec<&Value> = leads
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| {
                l["contact"]["email"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("@{domain}"))
            })
            .collect();
        let journey = server.get_json(&format!("/api/journey/{}", account["id"].as_str().unwrap()));
        let develop = &journey["develop"];
        assert_eq!(develop["leads"].as_u64().unwrap() as usize, theirs.len());
        assert!(!theirs.is_empty());
        let value: f64 = theirs.iter().map(|l| l["value"].as_f64().unwrap()).sum();
        assert!((develop["leadValue"][0]["value"].as_f64().unwrap() - value).abs() < 1e-6);
        assert!(develop["visitors"].as_u64().unwrap() >= 1);
        assert!(
            develop["pageViews"].as_u64().unwrap() >= 2 * develop["visitors"].as_u64().unwrap()
        );
        assert!(develop["calculatorInteractionMs"].as_u64().unwrap() > 0);
        assert_eq!(journey["prosper"]["realised"]["status"], "compared");
    }
    // The dashboard's calculator card counts the same visits: each lead
    // came after a view, a start and a result of its own widget.
    let card = server.metrics("saas-roi");
    let lead_count = leads.as_array().unwrap().len();
    for step in ["views", "starts", "results", "leads"] {
        assert_eq!(
            card[step].as_u64().unwrap() as usize,
            lead_count,
            "{step}: {card}"
        );
    }
    assert!(
        card["interaction_ms"]["total"].as_u64().unwrap() > 0,
        "{card}"
    );
    let committed = server.get_json("/api/journey/northwind-traders");
    assert_eq!(committed["evaluate"]["measures"][0]["steps"][5]["count"], 1);
    assert_eq!(committed["prosper"], Value::Null);
}
