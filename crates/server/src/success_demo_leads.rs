//! The Develop phase of `--success-demo` (docs/journey.md, "The demo"):
//! a few demo accounts list an e-mail domain, and visitors at those
//! domains read pages, download, watch, come back, use the SaaS ROI
//! calculator and send a lead from it. Everything goes through the
//! collector's own readers and stores (page-event and widget-event
//! batches, `yardstick/lead@1` bodies with the case the core computes),
//! so the journey reads exactly what real traffic would leave.
//!
//! Seeded: the counts and times come from the core's PCG32 stream
//! ([`DEMO_LEADS_SEED`]); only the time base (the server's clock at start,
//! so the pages fall in the dashboard's recent range) varies.

use yardstick_core::engagement::page_envelope::{read_any_batch, Batch};
use yardstick_core::leads::case::lead_case;
use yardstick_core::leads::read::read_lead;
use yardstick_core::model::CompiledModel;
use yardstick_core::success::data::SuccessData;
use yardstick_core::uncertainty::TrialRng;
use yardstick_json_text::node_from_json;

use crate::store::{NewLead, Store};

/// How many demo accounts get a domain, visitors and leads.
pub const DEMO_LEAD_ACCOUNTS: usize = 4;
/// The stream's seed.
pub const DEMO_LEADS_SEED: u64 = 20_261_203;

const MS_PER_DAY: i64 = 86_400_000;
const SAAS_ROI: &str = include_str!("../../../examples/models/saas-roi.json");

/// `name` as a domain: lowercase letters and digits, words joined by `-`,
/// under `.example` (a name reserved for examples).
pub fn demo_domain(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("{}.example", words.join("-"))
}

/// A UUID v4 text from two numbers (the demo's ids).
fn uuid(kind: u32, n: u64) -> String {
    format!("00000000-{kind:04x}-4000-8000-{n:012x}")
}

/// Gives the first [`DEMO_LEAD_ACCOUNTS`] accounts that link a case a
/// domain, and stores their visitors' page views, calculator use and
/// leads, ending at `now_ms`.
pub fn add_demo_leads(store: &Store, data: &mut SuccessData, now_ms: i64) -> Result<(), String> {
    let model = node_from_json(SAAS_ROI)
        .ok()
        .and_then(|node| CompiledModel::compile(&node).ok())
        .ok_or("the demo's calculator does not compile")?;
    let mut rng = TrialRng::from_seed(DEMO_LEADS_SEED);
    let mut draw = |low: u32, high: u32| low + rng.next_u32() % (high - low + 1);
    let mut counter: u64 = 0;
    let accounts = data
        .accounts
        .iter_mut()
        .filter(|account| account.case.is_some())
        .take(DEMO_LEAD_ACCOUNTS);
    for account in accounts {
        let domain = demo_domain(&account.name);
        account.domains = vec![domain.clone()];
        let visitors = draw(1, 3);
        for visitor in 0..visitors {
            let visitor_id = format!("demo-{}-{visitor}", account.id);
            let views = draw(2, 5);
            let mut page_events = Vec::new();
            let mut calc_events = Vec::new();
            let mut last_view = String::new();
            let mut last_ms = 0;
            for view in 0..views {
                counter += 1;
                let page_view_id = uuid(1, counter);
                // Earlier views a few days apart, the last one 1 to 3 days ago.
                let days_ago = i64::from((views - view) * draw(2, 6) + draw(0, 2));
                let at_ms = now_ms - days_ago * MS_PER_DAY;
                let engaged_ms = u64::from(draw(20, 300)) * 1000;
                let consent = format!(
                    r#""consent": "granted", "visitor_id": "{visitor_id}", "returning": {}"#,
                    view > 0
                );
                let path = ["/", "/pricing", "/roi", "/customers"]
                    .get((counter % 4) as usize)
                    .copied()
                    .unwrap_or("/");
                let page = format!(r#""page": {{"path": "{path}"}}"#);
                let totals = |engaged: u64| {
                    format!(
                        r#""totals": {{"engaged_ms": {engaged}, "active_page_ms": {engaged}, "wall_ms": {}, "scroll_percent": 60}}"#,
                        engaged + 5000
                    )
                };
                let mut sequence = 0;
                let mut event = |name: &str, extra: String, engaged: u64, offset_ms: i64| {
                    counter += 1;
                    sequence += 1;
                    format!(
                        r#"{{"event_id": "{}", "name": "{name}", "sequence": {sequence}, "page_view_id": "{page_view_id}",
                        "occurred_at_ms": {}, "page_time_ms": {offset_ms}, {consent}, {page}, {}{extra}}}"#,
                        uuid(2, counter),
                        at_ms + offset_ms,
                        totals(engaged)
                    )
                };
                page_events.push(event("page_view", String::new(), 0, 0));
                if draw(0, 2) == 0 {
                    let target =
                        r#", "target": {"path": "/files/roi-guide.pdf", "extension": "pdf"}"#;
                    page_events.push(event("page_download", target.into(), 1000, 1000));
                }
                if draw(0, 3) == 0 {
                    let target = r#", "target": {"source": "/media/demo.mp4"}"#;
                    page_events.push(event("page_video", target.into(), 2000, 2000));
                }
                let end = i64::try_from(engaged_ms).unwrap_or(0);
                page_events.push(event("page_engagement", String::new(), engaged_ms, end));
                if view + 1 == views {
                    let interaction = u64::from(draw(30, 240)) * 1000;
                    // What the widget sends on the way to the lead: seen,
                    // started, a result, the engagement flush and the
                    // lead itself, each with the running totals, so the
                    // dashboard's calculator card counts this visit too.
                    let steps = [
                        ("calc_view", 0),
                        ("calc_start", 1000),
                        ("calc_result", 2000),
                        ("calc_engagement", interaction),
                        ("calc_lead", interaction),
                    ];
                    for (step, (name, so_far)) in (80_u64..).zip(steps) {
                        counter += 1;
                        calc_events.push(format!(
                            r#"{{"event_id": "{}", "name": "{name}", "sequence": {step}, "page_view_id": "{page_view_id}",
                            "instance_id": "w1", "calc_id": "saas-roi", "calc_version": "1.0.0",
                            "occurred_at_ms": {}, "page_time_ms": {}, "consent": "granted",
                            "totals": {{"interaction_ms": {so_far}, "in_view_ms": {so_far},
                            "active_page_ms": {}, "wall_ms": {}}}}}"#,
                            uuid(3, counter),
                            at_ms + end,
                            end,
                            so_far + 1000,
                            so_far + 2000
                        ));
                    }
                    last_view = page_view_id.clone();
                    last_ms = at_ms + end;
                }
            }
            store_batch(store, "yardstick/page-events@1", &page_events, now_ms)?;
            store_batch(store, "yardstick/events@1", &calc_events, now_ms)?;
            let team_size = draw(20, 200);
            counter += 1;
            let lead = format!(
                r#"{{"schema": "yardstick/lead@1", "lead_id": "{}", "calc_id": "saas-roi", "calc_version": "1.0.0",
                "page_view_id": "{last_view}", "instance_id": "w1", "occurred_at_ms": {last_ms}, "page_path": "/roi",
                "contact": {{"name": "Visitor {visitor}", "email": "visitor{visitor}@{domain}", "company": "{}"}},
                "consent": {{"contact": true}},
                "inputs": {{"team_size": {team_size}, "hours_saved_per_week": 2.5, "productive_share": 0.6,
                  "working_weeks_per_year": 46, "loaded_hourly_cost": 55, "include_revenue_uplift": true,
                  "current_annual_revenue": 8000000, "revenue_uplift": 0.01, "gross_margin": 0.65,
                  "price_per_seat_per_month": 99, "implementation_cost": 40000}},
                "entered": ["team_size"]}}"#,
                uuid(4, counter),
                account.name
            );
            let lead = node_from_json(&lead)
                .ok()
                .and_then(|node| read_lead(&node).ok())
                .ok_or("a demo lead does not read")?;
            let case = lead_case(&model, &lead).map_err(|err| format!("a demo lead: {err}"))?;
            store
                .insert_lead(&NewLead {
                    lead: &lead,
                    case: Some(&case),
                    currency: Some(model.spec().currency.as_str()),
                    received_at_ms: last_ms,
                })
                .map_err(|err| format!("a demo lead was not stored: {err}"))?;
        }
    }
    Ok(())
}

fn store_batch(store: &Store, schema: &str, events: &[String], now_ms: i64) -> Result<(), String> {
    if events.is_empty() {
        return Ok(());
    }
    let text = format!(
        r#"{{"schema": "{schema}", "events": [{}]}}"#,
        events.join(",")
    );
    let node = node_from_json(&text).map_err(|_| "a demo batch is not JSON".to_string())?;
    let stored = match read_any_batch(&node).map_err(|err| format!("a demo batch: {err}"))? {
        Batch::Page(events) => store.insert_page_batch(&events, now_ms),
        Batch::Calc(events) => store.insert_batch(&events, now_ms),
    };
    stored
        .map(|_| ())
        .map_err(|err| format!("a demo batch was not stored: {err}"))
}
