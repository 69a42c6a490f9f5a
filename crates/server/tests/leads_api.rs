//! The leads API over real sockets (docs/leads.md): a lead for a served
//! model is stored with the value and receipt the core computes, one for a
//! model served elsewhere unverified; retries store once; every refusal
//! names its field and stores nothing; 413 past 64 KiB, 403 for foreign
//! origins; the list's filters, pages and totals; the CSV export with
//! formula-looking cells defused.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::{repository_root, uuid, Answer, Server};
use yardstick_core::leads::case::lead_case;
use yardstick_core::leads::read::read_lead;
use yardstick_core::model::CompiledModel;
use yardstick_json_text::node_from_json;

/// A lead for the SaaS ROI example with `seats` seats.
fn saas_lead(n: u32, seats: u32) -> Value {
    json!({
        "schema": "yardstick/lead@1",
        "lead_id": uuid(n),
        "calc_id": "saas-roi",
        "calc_version": "1.0.0",
        "model_path": "/models/saas-roi.json",
        "page_view_id": uuid(1000 + n),
        "instance_id": "w1",
        "occurred_at_ms": 1_764_000_000_000u64 + u64::from(n),
        "page_path": "/pricing",
        "contact": { "name": format!("Ada {n}"), "email": format!("ada{n}@example.com"), "company": "Analytical Engines Ltd" },
        "consent": { "contact": true, "privacy_url": "https://host.example/privacy" },
        "inputs": {
            "team_size": seats, "hours_saved_per_week": 2.5, "productive_share": 0.6,
            "working_weeks_per_year": 46, "loaded_hourly_cost": 55,
            "current_annual_revenue": 8_000_000, "include_revenue_uplift": true,
            "revenue_uplift": 0.01, "gross_margin": 0.65,
            "price_per_seat_per_month": 99, "implementation_cost": 40_000
        },
        "entered": ["team_size"]
    })
}

fn post(server: &Server, lead: &Value) -> Answer {
    server.request(
        "POST",
        "/api/leads",
        &[("Content-Type", "text/plain;charset=UTF-8")],
        lead.to_string().as_bytes(),
    )
}

/// What the core makes of `lead` under the example model at `file`.
fn core_case(file: &str, lead: &Value) -> yardstick_core::leads::case::LeadCase {
    let text = std::fs::read_to_string(repository_root().join(file)).unwrap();
    let model = CompiledModel::compile(&node_from_json(&text).unwrap()).unwrap();
    let lead = read_lead(&node_from_json(&lead.to_string()).unwrap()).unwrap();
    lead_case(&model, &lead).unwrap()
}

fn stored(server: &Server) -> Vec<Value> {
    server.get_json("/api/leads")["leads"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_lead_for_a_served_model_carries_the_value_and_receipt_the_core_computes() {
    let server = Server::memory();
    let lead = saas_lead(1, 50);
    let answer = post(&server, &lead);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let case = core_case("examples/models/saas-roi.json", &lead);
    let value = case.value.unwrap();
    let body = answer.json();
    assert_eq!(body["lead_id"], json!(uuid(1)));
    assert_eq!(
        (&body["verified"], &body["duplicate"]),
        (&json!(true), &json!(false))
    );
    // Exactly the core's number (JSON writes whole numbers without ".0").
    assert_eq!(body["value"].as_f64(), Some(value));
    let listed = stored(&server);
    assert_eq!(listed.len(), 1);
    let row = &listed[0];
    assert_eq!(row["value"].as_f64(), Some(value));
    assert_eq!(row["value_output"], "net_annual_benefit");
    assert_eq!(row["currency"], "USD");
    assert_eq!(row["contact"]["email"], "ada1@example.com");
    assert_eq!(row["receipt_hash"], json!(case.receipt.hash_sha256));
    assert_eq!(
        row["entered"],
        json!([{ "id": "team_size", "label": "People who will use the platform", "value": 50 }])
    );
    let net = row["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "net_annual_benefit")
        .unwrap();
    assert_eq!(net["value"].as_f64(), Some(value));
    assert_eq!(net["style"], "currency");
    assert_eq!(row["page_path"], "/pricing");
    assert_eq!(row["inputs"]["team_size"], 50);
}

#[test]
fn a_lead_for_a_model_served_elsewhere_is_kept_unverified() {
    let server = Server::memory();
    let mut lead = saas_lead(2, 50);
    lead["calc_id"] = json!("hosted-elsewhere");
    lead.as_object_mut().unwrap().remove("model_path");
    let answer = post(&server, &lead);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        answer.json(),
        json!({ "lead_id": uuid(2), "verified": false, "value": null, "duplicate": false })
    );
    // A served model id with another version is another model.
    let mut other_version = saas_lead(3, 50);
    other_version["calc_version"] = json!("9.9.9");
    assert_eq!(post(&server, &other_version).json()["verified"], false);
    let listed = stored(&server);
    assert_eq!(listed.len(), 2);
    for row in &listed {
        assert_eq!(row["verified"], false);
        assert_eq!(row["outputs"], Value::Null);
        assert_eq!(row["receipt_hash"], Value::Null);
        assert_eq!(row["entered"], json!([{ "id": "team_size", "value": 50 }]));
    }
}

#[test]
fn a_retried_lead_is_stored_once() {
    let server = Server::memory();
    let lead = saas_lead(4, 30);
    let first = post(&server, &lead).json();
    let again = post(&server, &lead).json();
    assert_eq!(first["duplicate"], false);
    assert_eq!(again["duplicate"], true);
    assert_eq!(
        (&again["verified"], &again["value"]),
        (&first["verified"], &first["value"])
    );
    assert_eq!(stored(&server).len(), 1);
}

#[test]
fn every_refusal_names_the_field_and_stores_nothing() {
    let server = Server::memory();
    let refused = |lead: Value, path: &str, part: &str| {
        let answer = post(&server, &lead);
        assert_eq!(answer.status, 400, "{path}: {}", answer.text());
        let body = answer.json();
        assert_eq!(body["path"], path, "{body}");
        let error = body["error"].as_str().unwrap();
        assert!(
            error.starts_with(&format!("{path}: ")) && error.contains(part),
            "{error}"
        );
    };
    let mut lead = saas_lead(5, 50);
    lead["contact"]["email"] = json!("ada at example.com");
    refused(lead, "contact.email", "email address");
    let mut lead = saas_lead(5, 50);
    lead["page_path"] = json!("/pricing?email=ada@example.com");
    refused(lead, "page_path", "no ? or #");
    let mut lead = saas_lead(5, 50);
    lead["consent"]["contact"] = json!(false);
    refused(lead, "consent.contact", "agreed");
    let mut lead = saas_lead(5, 50);
    lead["phone"] = json!("555");
    refused(lead, "phone", "not a field");
    // The model's own checks, by input.
    refused(saas_lead(5, 0), "inputs.team_size", "must be at least 1");
    let mut lead = saas_lead(5, 50);
    lead["inputs"]["seats"] = json!(1);
    refused(lead, "inputs.seats", "not an input of the model");
    let mut lead = saas_lead(5, 50);
    lead["inputs"]
        .as_object_mut()
        .unwrap()
        .remove("gross_margin");
    refused(lead, "inputs.gross_margin", "every input");
    let mut lead = saas_lead(5, 50);
    lead["scenario"] = json!("dreamy");
    refused(lead, "scenario", "not a scenario");
    // Not JSON, not UTF-8, another media type.
    let answer = server.request("POST", "/api/leads", &[], b"{\"schema\":");
    assert_eq!(answer.status, 400);
    assert!(answer.json()["error"]
        .as_str()
        .unwrap()
        .contains("not JSON"));
    assert_eq!(
        server
            .request("POST", "/api/leads", &[], &[0xff, 0xfe])
            .status,
        400
    );
    let answer = server.request(
        "POST",
        "/api/leads",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"name=Ada",
    );
    assert_eq!(answer.status, 415);
    assert_eq!(server.request("DELETE", "/api/leads", &[], b"").status, 405);
    assert_eq!(stored(&server), Vec::<Value>::new());
}

#[test]
fn bodies_over_64_kib_are_refused_with_413() {
    let server = Server::memory();
    let mut lead = saas_lead(6, 50);
    lead["contact"]["company"] = json!("x".repeat(64 * 1024));
    let answer = post(&server, &lead);
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert!(answer.json()["error"].as_str().unwrap().contains("64 KiB"));
    assert_eq!(stored(&server).len(), 0);
}

#[test]
fn foreign_origins_are_refused_and_allowed_ones_answered() {
    let server = Server::start(&["--db", ":memory:", "--allow-origin", "https://shop.example"]);
    let body = saas_lead(7, 50).to_string();
    let with_origin = |origin: &str| {
        server.request(
            "POST",
            "/api/leads",
            &[("Origin", origin), ("Content-Type", "text/plain")],
            body.as_bytes(),
        )
    };
    let refused = with_origin("https://evil.example");
    assert_eq!(refused.status, 403);
    assert!(refused.header("Access-Control-Allow-Origin").is_none());
    assert_eq!(stored(&server).len(), 0);
    let allowed = with_origin("https://shop.example");
    assert_eq!(allowed.status, 200, "{}", allowed.text());
    assert_eq!(
        allowed.header("Access-Control-Allow-Origin"),
        Some("https://shop.example")
    );
    let preflight = server.request(
        "OPTIONS",
        "/api/leads",
        &[
            ("Origin", "https://shop.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 204);
    for target in ["/api/leads", "/api/leads.csv"] {
        let read = server.request("GET", target, &[("Origin", "https://evil.example")], b"");
        assert_eq!(read.status, 403, "{target}");
    }
}

#[test]
fn the_list_filters_pages_and_totals_what_it_selects() {
    let server = Server::memory();
    for (n, seats) in [(10, 10), (11, 20), (12, 30)] {
        assert_eq!(post(&server, &saas_lead(n, seats)).status, 200);
    }
    let mut case_lead = saas_lead(13, 1);
    case_lead["calc_id"] = json!("business-case-5y");
    case_lead["model_path"] = json!("/models/business-case-5y.json");
    let text =
        std::fs::read_to_string(repository_root().join("examples/models/business-case-5y.json"))
            .unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let inputs: serde_json::Map<String, Value> = document["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|input| {
            (
                input["id"].as_str().unwrap().to_string(),
                input["default"].clone(),
            )
        })
        .collect();
    case_lead["inputs"] = Value::Object(inputs);
    case_lead["entered"] = json!([]);
    let answer = post(&server, &case_lead);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let npv = core_case("examples/models/business-case-5y.json", &case_lead)
        .value
        .unwrap();
    assert_eq!(answer.json()["value"].as_f64(), Some(npv));

    let all = server.get_json("/api/leads");
    assert_eq!(all["leads"].as_array().unwrap().len(), 4);
    assert_eq!(all["totals"]["leads"], 4);
    // Two currencies? No: both examples are in USD, so there is a total.
    let saas_values: f64 = [10, 20, 30]
        .iter()
        .zip([10, 11, 12])
        .map(|(seats, n)| {
            core_case("examples/models/saas-roi.json", &saas_lead(n, *seats))
                .value
                .unwrap()
        })
        .sum();
    let calcs = all["totals"]["calcs"].as_array().unwrap();
    assert_eq!(calcs[0]["calc_id"], "business-case-5y");
    assert_eq!(calcs[0]["value"].as_f64(), Some(npv));
    assert_eq!(calcs[1]["calc_id"], "saas-roi");
    assert_eq!(calcs[1]["leads"], 3);
    assert!((calcs[1]["value"].as_f64().unwrap() - saas_values).abs() < 1e-6);
    assert_eq!(all["totals"]["currency"], "USD");

    let saas = server.get_json("/api/leads?calc_id=saas-roi");
    assert_eq!(saas["leads"].as_array().unwrap().len(), 3);
    assert_eq!(saas["totals"]["leads"], 3);

    // Pages of one, newest first, each lead once.
    let mut seen = Vec::new();
    let mut target = "/api/leads?limit=1".to_string();
    loop {
        let page = server.get_json(&target);
        let leads = page["leads"].as_array().unwrap();
        assert!(leads.len() <= 1);
        seen.extend(leads.iter().map(|l| {
            (
                l["received_at_ms"].as_i64().unwrap(),
                l["lead_id"].as_str().unwrap().to_string(),
            )
        }));
        assert_eq!(
            page["totals"]["leads"], 4,
            "totals cover the filter, not the page"
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => target = format!("/api/leads?limit=1&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 4);
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest first");

    // Days are UTC and inclusive; the leads arrived today.
    let today = seen[0].0 / 86_400_000 * 86_400_000;
    let day = |ms: i64| server_day(ms);
    let in_range = server.get_json(&format!("/api/leads?from={}&to={}", day(today), day(today)));
    assert_eq!(in_range["leads"].as_array().unwrap().len(), 4);
    let before = server.get_json(&format!("/api/leads?to={}", day(today - 86_400_000)));
    assert_eq!(before["leads"].as_array().unwrap().len(), 0);
    assert_eq!(before["totals"]["leads"], 0);
    for bad in ["limit=0", "from=2025-02-30", "calc_id=a%20b", "cursor=nope"] {
        let answer = server.get(&format!("/api/leads?{bad}"));
        assert_eq!(answer.status, 400, "{bad}");
        let name = bad.split('=').next().unwrap();
        assert!(
            answer.json()["error"].as_str().unwrap().starts_with(name),
            "{bad}"
        );
    }
}

/// `YYYY-MM-DD` of a UTC midnight, through the civil calendar.
fn server_day(ms: i64) -> String {
    let days = ms / 86_400_000;
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn the_csv_export_quotes_and_defuses_formula_looking_cells() {
    let server = Server::memory();
    let mut lead = saas_lead(20, 50);
    lead["contact"]["name"] = json!("=HYPERLINK(\"https://evil.example\",\"click\")");
    lead["contact"]["company"] = json!("+Evil, \"Quoted\" Inc");
    assert_eq!(post(&server, &lead).status, 200);
    let mut other = saas_lead(21, 10);
    other["calc_id"] = json!("hosted-elsewhere");
    assert_eq!(post(&server, &other).status, 200);
    let answer = server.get("/api/leads.csv?calc_id=saas-roi");
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        answer.header("Content-Type"),
        Some("text/csv; charset=utf-8")
    );
    assert!(answer
        .header("Content-Disposition")
        .unwrap()
        .contains("leads.csv"));
    let mut reader = csv::Reader::from_reader(answer.body.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "the filter applies");
    let cell = |name: &str| rows[0][headers.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(
        cell("name"),
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    );
    assert_eq!(cell("company"), "'+Evil, \"Quoted\" Inc");
    assert_eq!(cell("email"), "ada20@example.com");
    let value = core_case("examples/models/saas-roi.json", &lead)
        .value
        .unwrap();
    assert_eq!(cell("value").parse::<f64>().unwrap(), value);
    assert_eq!(cell("verified"), "true");
    assert_eq!(cell("entered"), "team_size=50");
    assert!(
        cell("outputs").contains("net_annual_benefit="),
        "{}",
        cell("outputs")
    );
    assert_eq!(cell("receipt_hash").len(), 64);
    assert!(cell("received_at_utc").ends_with('Z'));
    // Every lead without the filter; the raw text quotes the comma.
    let all = server.get("/api/leads.csv");
    assert_eq!(
        csv::Reader::from_reader(all.body.as_slice())
            .records()
            .count(),
        2
    );
    assert!(
        all.text().contains("\"'+Evil, \"\"Quoted\"\" Inc\""),
        "{}",
        all.text()
    );
    let paged = server.get("/api/leads.csv?limit=1");
    assert!(paged.header("Yardstick-Next-Cursor").is_some());
    assert_eq!(
        server.request("POST", "/api/leads.csv", &[], b"").status,
        405
    );
}

/// A lead stored through `/api/leads` adds its value to its page view, so
/// the Develop funnel's lead value is the leads' (computed by the core);
/// a retried lead adds nothing.
#[test]
fn a_lead_adds_its_value_to_its_page_views_funnel() {
    let server = Server::start(&[
        "--db",
        ":memory:",
        "--root",
        repository_root().to_str().unwrap(),
    ]);
    let lead = saas_lead(7, 50);
    let occurred = lead["occurred_at_ms"].as_u64().unwrap();
    let page_view = json!({ "schema": "yardstick/page-events@1", "events": [{
        "event_id": uuid(900), "name": "page_view", "sequence": 0,
        "page_view_id": lead["page_view_id"], "occurred_at_ms": occurred, "page_time_ms": 1,
        "consent": "unknown", "page": { "path": "/pricing" },
        "totals": { "engaged_ms": 0, "active_page_ms": 0, "wall_ms": 0, "scroll_percent": 0 }
    }]});
    assert_eq!(server.post(&page_view).status, 200);
    assert_eq!(post(&server, &lead).status, 200);
    assert_eq!(post(&server, &lead).status, 200);
    let value = core_case("examples/models/saas-roi.json", &lead)
        .value
        .unwrap();
    let day = server_day(i64::try_from(occurred).unwrap());
    let funnel = server.get_json(&format!("/api/funnel?from={day}&to={day}"));
    assert_eq!(funnel["lead_value"].as_f64(), Some(value), "{funnel}");
    // In the model's currency, read from the stored lead.
    assert_eq!(funnel["lead_currency"], "USD", "{funnel}");
    assert_eq!(funnel["steps"][3]["count"].as_u64(), Some(1), "{funnel}");
}
