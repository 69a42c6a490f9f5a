//! `GET /api/journey` (the customers the journey page can pick) and
//! `GET /api/journey/{customerId}[?asOf=YYYY-MM-DD]` (one customer's four
//! phases), docs/journey.md. The route reads the three stores (success
//! data and settings, the customer's cases with the account's linked case,
//! leads at the account's domains and their visitors' page views) and the
//! core computes the journey (`journey::build_journey`).

use yardstick_core::engagement::envelope::is_valid_id;
use yardstick_core::journey::account::AccountInput;
use yardstick_core::journey::develop::customer_leads;
use yardstick_core::journey::nodes::journey_node;
use yardstick_core::journey::{
    build_journey, JourneyError, JourneyInput, MAX_LEADS, MAX_PAGE_VIEWS,
};
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::success::data::SuccessData;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;

use crate::cases::stored_case;
use crate::collect::{error, now_ms, Origins};
use crate::http::{Request, Response};
use crate::store::Store;
use crate::success_cases::{current_settings, failed};

/// Routes `/api/journey` and `/api/journey/{customerId}`.
pub fn route(origins: &Origins, store: &Store, request: &Request) -> Response {
    let origin = match origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    let response = match request.method.as_str() {
        "GET" | "HEAD" => match request.path().strip_prefix("/api/journey") {
            Some("") | Some("/") => customers(store),
            Some(rest) => match rest.strip_prefix('/') {
                Some(id) => journey(store, request, id),
                None => Response::error(404, "no such journey route"),
            },
            None => Response::error(404, "no such journey route"),
        },
        _ => error(405, "/api/journey accepts GET").with_header("Allow", "GET, HEAD"),
    };
    Origins::decorate(response, origin.as_deref())
}

fn refusal(message: &str, path: &str) -> Response {
    Response::json(
        400,
        canonical_json(&Node::Map(vec![
            ("error".into(), Node::Text(message.into())),
            ("path".into(), Node::Text(path.into())),
        ])),
    )
}

/// One account's stored success rows, read by the core (no account when
/// none is stored), and the latest signal or event date of all the data.
pub fn account_data(store: &Store, id: &str) -> Result<(SuccessData, Option<Date>), Response> {
    let (node, latest) = store.success_account(id).map_err(failed)?;
    let data = read_data(&node)
        .map_err(|_| Response::error(500, "the stored success data does not read"))?;
    Ok((data, latest.as_deref().and_then(Date::parse)))
}

fn customers(store: &Store) -> Response {
    let customers = match store.journey_customers() {
        Ok(customers) => customers,
        Err(err) => return failed(err),
    };
    let list = customers
        .iter()
        .map(|customer| {
            Node::Map(vec![
                ("id".into(), Node::Text(customer.id.clone())),
                ("name".into(), Node::Text(customer.name.clone())),
                ("account".into(), Node::Bool(customer.account)),
                // Bounded by the cases stored, far below 2^53.
                ("cases".into(), Node::Number(customer.cases as f64)),
            ])
        })
        .collect();
    Response::json(
        200,
        canonical_json(&Node::Map(vec![("customers".into(), Node::List(list))])),
    )
}

fn journey(store: &Store, request: &Request, raw_id: &str) -> Response {
    let Some(id) = crate::files::percent_decode(raw_id) else {
        return refusal("the customer id has a malformed escape", "customerId");
    };
    if !is_valid_id(&id) {
        return refusal("must be 1 to 64 of A-Z a-z 0-9 . _ : -", "customerId");
    }
    let as_of = match crate::api::query_value(request.query(), "asOf") {
        Err(_) => return refusal("the query has a malformed escape", "asOf"),
        Ok(None) => None,
        Ok(Some(text)) => match Date::parse(&text) {
            Some(date) => Some(date),
            None => return refusal("must be a date YYYY-MM-DD", "asOf"),
        },
    };
    match answer(store, &id, as_of) {
        Ok(response) | Err(response) => response,
    }
}

fn answer(store: &Store, id: &str, as_of: Option<Date>) -> Result<Response, Response> {
    // Only this account's rows; the date defaults to the whole data's latest.
    let (data, latest) = account_data(store, id)?;
    let as_of = as_of.or(latest);
    let settings = current_settings(store)?;
    let account = data.accounts.iter().find(|account| account.id == id);
    let link = account.and_then(|account| account.case);
    let linked_case = match link {
        Some(link) => match (i64::try_from(link.id), i64::try_from(link.revision)) {
            (Ok(case_id), Ok(revision)) => store
                .case_revision(case_id, Some(revision))
                .map_err(failed)?
                .filter(|row| row.revision == revision)
                .and_then(|row| stored_case(&row)),
            _ => None,
        },
        None => None,
    };
    let histories = store
        .customer_case_histories(id, link.and_then(|link| i64::try_from(link.id).ok()))
        .map_err(failed)?;
    let domains = account.map_or(&[][..], |account| account.domains.as_slice());
    let candidates = store.journey_leads(domains, MAX_LEADS).map_err(failed)?;
    let leads = customer_leads(domains, &candidates);
    let page_view_ids: Vec<String> = leads.iter().map(|lead| lead.page_view_id.clone()).collect();
    let page_views = store
        .journey_page_views(&page_view_ids, MAX_PAGE_VIEWS)
        .map_err(failed)?;
    let input = JourneyInput {
        customer_id: id,
        leads: &leads,
        page_views: &page_views,
        cases: &histories,
        as_of_ms: now_ms() as f64,
        account: Some(AccountInput {
            data: &data,
            settings: &settings,
            case: linked_case.as_ref(),
            as_of,
        }),
    };
    match build_journey(&input) {
        Ok(journey) => Ok(Response::json(
            200,
            canonical_json(&journey_node(&journey, Some(&settings))),
        )),
        Err(JourneyError::UnknownCustomer) => Err(Response::error(
            404,
            &format!("no success account or case of customer {id}"),
        )),
        Err(err) => Err(Response::error(500, &err.to_string())),
    }
}
