//! The leads API (docs/leads.md): `POST /api/leads` stores a lead with the
//! case behind it, `GET /api/leads` lists them newest first with totals,
//! `GET /api/leads.csv` exports them.
//!
//! The core does the thinking: `leads::read` checks the body, and when
//! this server serves the lead's model (same id and version,
//! `models::Catalog::find`) `leads::case` recomputes the outputs, the
//! lead's value and the receipt from the inputs, so a page can never send
//! a value of its own. A lead for a model served elsewhere is stored too,
//! unverified, with no case. Here are only the origin rules (the
//! collector's), the body's size (64 KiB) and type, and the JSON and CSV
//! shapes. One transaction per lead; a retry with the same `lead_id`
//! stores nothing and says so.
//!
//! These routes hold personal data and are exactly as open as the
//! dashboard and `/api/engagement`: the server binds 127.0.0.1 unless
//! told otherwise, and other sites' pages need `--allow-origin`.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use yardstick_core::json::{canonical_json, Node};
use yardstick_core::leads::case::lead_case;
use yardstick_core::leads::read::read_lead;
use yardstick_json_text::node_from_json;

use crate::collect::{media_type_problem, Origins};
use crate::http::{Request, Response};
use crate::leads_csv::csv_body;
use crate::leads_query::{
    cursor_text, read_query, LEADS_PER_CSV_MAX, LEADS_PER_PAGE_DEFAULT, LEADS_PER_PAGE_MAX,
};
use crate::models::Catalog;
use crate::store::{LeadPage, LeadRow, NewLead, Store};

/// Largest lead body: a lead carries at most 500 inputs, and 64 KiB is
/// what a keepalive fetch may send as the page closes.
pub const MAX_LEAD_BODY_BYTES: usize = 64 * 1024;

/// What the lead routes share.
pub struct LeadsContext<'a> {
    pub origins: &'a Origins,
    pub store: &'a Store,
    pub catalog: &'a Catalog,
    pub root: &'a Path,
}

/// `POST /api/leads`.
pub fn post(context: &LeadsContext<'_>, request: &Request) -> Response {
    let origin = match context.origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    Origins::decorate(accept(context, request), origin.as_deref())
}

fn accept(context: &LeadsContext<'_>, request: &Request) -> Response {
    if let Some(refused) = media_type_problem(request) {
        return refused;
    }
    if request.body.len() > MAX_LEAD_BODY_BYTES {
        return Response::error(413, "lead body larger than 64 KiB");
    }
    let Ok(text) = std::str::from_utf8(&request.body) else {
        return Response::error(400, "body is not UTF-8");
    };
    let node = match node_from_json(text) {
        Ok(node) => node,
        Err(err) => return Response::error(400, &format!("body is not JSON: {err}")),
    };
    let lead = match read_lead(&node) {
        Ok(lead) => lead,
        Err(err) => return refusal(&err.to_string(), err.path()),
    };
    let model = context.catalog.find(
        context.root,
        &lead.calc_id,
        &lead.calc_version,
        lead.model_path.as_deref(),
    );
    let case = match &model {
        Some(model) => match lead_case(model, &lead) {
            Ok(case) => Some(case),
            Err(err) => return refusal(&err.to_string(), &err.path()),
        },
        None => None,
    };
    let new = NewLead {
        lead: &lead,
        case: case.as_ref(),
        currency: model.as_ref().map(|m| m.spec().currency.as_str()),
        received_at_ms: now_ms(),
    };
    match context.store.insert_lead(&new) {
        Ok(stored) => Response::json(
            200,
            canonical_json(&Node::Map(vec![
                ("lead_id".into(), Node::Text(lead.lead_id.clone())),
                ("verified".into(), Node::Bool(stored.verified)),
                (
                    "value".into(),
                    stored.value.map_or(Node::Null, Node::Number),
                ),
                ("duplicate".into(), Node::Bool(stored.duplicate)),
            ])),
        ),
        Err(err) => {
            eprintln!("yardstick-serve: {err}");
            Response::error(500, "the lead could not be stored")
        }
    }
}

/// `400 {"error": reason, "path": path}`, as `/collect` refuses a batch.
fn refusal(reason: &str, path: &str) -> Response {
    Response::json(
        400,
        canonical_json(&Node::Map(vec![
            ("error".into(), Node::Text(reason.to_string())),
            ("path".into(), Node::Text(path.to_string())),
        ])),
    )
}

/// `GET /api/leads[?calc_id&from&to&limit&cursor]`.
pub fn list(context: &LeadsContext<'_>, request: &Request) -> Response {
    answer(
        context,
        request,
        LEADS_PER_PAGE_DEFAULT,
        LEADS_PER_PAGE_MAX,
        |page| {
            let leads = page.leads.iter().map(lead_node).collect();
            let body = Node::Map(vec![
                ("leads".into(), Node::List(leads)),
                (
                    "next_cursor".into(),
                    page.next
                        .as_ref()
                        .map_or(Node::Null, |c| Node::Text(cursor_text(c))),
                ),
                ("totals".into(), page.totals.to_node()),
            ]);
            Response::json(200, canonical_json(&body))
        },
    )
}

/// `GET /api/leads.csv[?calc_id&from&to&limit&cursor]`.
pub fn csv(context: &LeadsContext<'_>, request: &Request) -> Response {
    answer(
        context,
        request,
        LEADS_PER_CSV_MAX,
        LEADS_PER_CSV_MAX,
        |page| match csv_body(&page.leads) {
            Ok(body) => {
                let response = Response::new(200, "text/csv; charset=utf-8", body)
                    .with_header("Content-Disposition", "attachment; filename=\"leads.csv\"");
                match &page.next {
                    Some(next) => response.with_header("Yardstick-Next-Cursor", cursor_text(next)),
                    None => response,
                }
            }
            Err(err) => {
                eprintln!("yardstick-serve: {err}");
                Response::error(500, "the leads could not be written as CSV")
            }
        },
    )
}

/// The origin check, the query and the store's page, then `shape`.
fn answer(
    context: &LeadsContext<'_>,
    request: &Request,
    default_limit: usize,
    max_limit: usize,
    shape: impl FnOnce(&LeadPage) -> Response,
) -> Response {
    let origin = match context.origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    let response = match read_query(request.query(), default_limit, max_limit) {
        Err(reason) => Response::error(400, &reason),
        Ok(query) => {
            match context
                .store
                .lead_page(&query.filter, query.cursor.as_ref(), query.limit)
            {
                Ok(page) => shape(&page),
                Err(err) => {
                    eprintln!("yardstick-serve: {err}");
                    Response::error(500, "the leads could not be read")
                }
            }
        }
    };
    Origins::decorate(response, origin.as_deref())
}

/// One lead as the list answers it; stored JSON columns embedded as JSON.
fn lead_node(lead: &LeadRow) -> Node {
    let text = |value: &str| Node::Text(value.to_string());
    let optional = |value: &Option<String>| value.as_deref().map_or(Node::Null, text);
    let embedded = |json: Option<&str>| {
        json.and_then(|json| node_from_json(json).ok())
            .unwrap_or(Node::Null)
    };
    Node::Map(vec![
        ("lead_id".into(), text(&lead.lead_id)),
        ("calc_id".into(), text(&lead.calc_id)),
        ("calc_version".into(), text(&lead.calc_version)),
        ("model_path".into(), optional(&lead.model_path)),
        ("page_view_id".into(), text(&lead.page_view_id)),
        ("instance_id".into(), text(&lead.instance_id)),
        ("occurred_at_ms".into(), Node::Number(lead.occurred_at_ms)),
        (
            "received_at_ms".into(),
            Node::Number(lead.received_at_ms as f64),
        ),
        ("page_path".into(), text(&lead.page_path)),
        (
            "contact".into(),
            Node::Map(vec![
                ("name".into(), text(&lead.name)),
                ("email".into(), text(&lead.email)),
                ("company".into(), text(&lead.company)),
            ]),
        ),
        ("privacy_url".into(), optional(&lead.privacy_url)),
        ("scenario".into(), optional(&lead.scenario)),
        ("verified".into(), Node::Bool(lead.verified)),
        ("value".into(), lead.value.map_or(Node::Null, Node::Number)),
        ("value_output".into(), optional(&lead.value_output)),
        ("currency".into(), optional(&lead.currency)),
        ("inputs".into(), embedded(Some(&lead.inputs_json))),
        ("entered".into(), embedded(Some(&lead.entered_json))),
        ("outputs".into(), embedded(lead.outputs_json.as_deref())),
        ("receipt_hash".into(), optional(&lead.receipt_hash)),
    ])
}

/// The server's clock in epoch milliseconds: when a lead was received.
fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
