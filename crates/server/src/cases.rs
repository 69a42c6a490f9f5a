//! The saved cases API (docs/cases.md): `POST /api/cases` creates a case
//! at revision 1, `GET /api/cases` lists them (filters `customer`, `step`),
//! `GET /api/cases/{id}` answers the latest revision, `PUT /api/cases/{id}`
//! saves the next one over `baseRevision` (409 with the current number and
//! what changed when a newer one exists), `cases_history` holds the
//! revision routes, duplicate, step moves and `GET /api/pipeline`, and
//! `cases_drop` dropping and reopening a case.
//!
//! The core does the thinking: `cases::read` checks the document,
//! `cases::figures` checks it against its own model and computes the
//! value, verdict and receipt, `cases::diff` what changed. Here are only the
//! origin rules (the collector's: no `Origin`, the server's own or an
//! `--allow-origin` one), the body's type (`application/json`, 415
//! otherwise) and size (256 KiB, the server's body limit: a model document
//! of the examples' size is 12 KB), the revision times (the server's
//! clock) and the JSON shapes. One transaction per write; a refused request
//! stores nothing.

use yardstick_core::cases::diff::diff_cases;
use yardstick_core::cases::figures::{case_figures, CaseFigures};
use yardstick_core::cases::nodes::{diff_summary_node, figures_node, problems_node};
use yardstick_core::cases::read::{read_case, stage_from_str, CaseDocument, CaseProblem};
use yardstick_core::engagement::envelope::is_valid_id;
use yardstick_core::json::{canonical_json, Node};
use yardstick_json_text::node_from_json;

use crate::collect::{now_ms, Origins};
use crate::http::{Request, Response, MAX_BODY_BYTES};
use crate::store::{CaseFilter, NewRevision, Revised, RevisionRow, Store};

/// Largest case body: the server's body limit (256 KiB), which holds a
/// model document many times the examples' size (12 KB) with 500 inputs.
pub const MAX_CASE_BODY_BYTES: usize = MAX_BODY_BYTES;

/// Cases a list answers when `limit` is not given.
pub const CASES_PER_LIST_DEFAULT: usize = 1000;
/// The most cases one list answers.
pub const CASES_PER_LIST_MAX: usize = 10_000;

/// Methods the `/api/cases` routes answer, for `Allow` and preflights.
const CASES_METHODS: &str = "GET, HEAD, POST, PUT, OPTIONS";

/// What the case routes share.
pub struct CasesContext<'a> {
    pub origins: &'a Origins,
    pub store: &'a Store,
}

/// Routes every `/api/cases...` request, with the origin check first.
pub fn route(context: &CasesContext<'_>, request: &Request) -> Response {
    let origin = match context.origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    let response = if request.method == "OPTIONS" {
        Response::new(204, "text/plain", Vec::new())
            .with_header("Allow", CASES_METHODS)
            .with_header("Access-Control-Allow-Methods", CASES_METHODS)
            .with_header("Access-Control-Allow-Headers", "Content-Type")
            .with_header("Access-Control-Max-Age", "600")
    } else {
        dispatch(context, request)
    };
    Origins::decorate(response, origin.as_deref())
}

fn method_not_allowed(path: &str, allow: &'static str) -> Response {
    Response::error(405, &format!("{path} accepts {allow}")).with_header("Allow", allow)
}

fn dispatch(context: &CasesContext<'_>, request: &Request) -> Response {
    let method = request.method.as_str();
    let path = request.path();
    let rest = path.strip_prefix("/api/cases").unwrap_or("");
    let parts: Vec<&str> = rest.split('/').skip(1).collect();
    let get = matches!(method, "GET" | "HEAD");
    match parts.as_slice() {
        [] => match method {
            "POST" => create(context, request),
            _ if get => list(context, request),
            _ => method_not_allowed(path, "GET, HEAD, POST, OPTIONS"),
        },
        [id, tail @ ..] => {
            let Some(case_id) = case_id(id) else {
                return Response::error(404, "no such case");
            };
            use crate::cases_history as history;
            match (tail, method) {
                ([], "PUT") => put(context, request, case_id),
                ([], _) if get => latest(context, case_id),
                ([], _) => method_not_allowed(path, "GET, HEAD, PUT, OPTIONS"),
                (["revisions"], _) if get => history::revisions(context, case_id),
                (["revisions", n], _) if get => history::revision(context, case_id, n),
                (["compare"], _) if get => history::compare(context, request, case_id),
                (["duplicate"], "POST") => history::duplicate(context, request, case_id),
                (["step"], "POST") => history::step(context, request, case_id),
                (["drop"], "POST") => crate::cases_drop::drop_case(context, request, case_id),
                (["reopen"], "POST") => crate::cases_drop::reopen_case(context, request, case_id),
                (["revisions"] | ["revisions", _] | ["compare"], _) => {
                    method_not_allowed(path, "GET, HEAD, OPTIONS")
                }
                (["duplicate"] | ["step"] | ["drop"] | ["reopen"], _) => {
                    method_not_allowed(path, "POST, OPTIONS")
                }
                _ => Response::error(404, "no such case route"),
            }
        }
    }
}

/// A case id as a path segment: a whole number from 1 to 2^53 − 1.
pub fn case_id(text: &str) -> Option<i64> {
    let id: i64 = text.parse().ok()?;
    (text.bytes().all(|b| b.is_ascii_digit()) && (1..=9_007_199_254_740_991).contains(&id))
        .then_some(id)
}

/// The body as a JSON tree: `application/json` (415 otherwise), at most
/// [`MAX_CASE_BODY_BYTES`] (413), UTF-8 JSON (400). An empty body reads
/// as `None` when `optional`.
pub fn json_body(request: &Request, optional: bool) -> Result<Option<Node>, Response> {
    if optional && request.body.is_empty() {
        return Ok(None);
    }
    let media_type = request.header("Content-Type").map(|value| {
        value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if media_type.as_deref() != Some("application/json") {
        return Err(Response::error(
            415,
            "Content-Type must be application/json",
        ));
    }
    if request.body.len() > MAX_CASE_BODY_BYTES {
        return Err(Response::error(413, "case body larger than 256 KiB"));
    }
    let Ok(text) = std::str::from_utf8(&request.body) else {
        return Err(Response::error(400, "body is not UTF-8"));
    };
    node_from_json(text)
        .map(Some)
        .map_err(|err| refusal(&format!("body is not JSON: {err}"), ""))
}

/// `400 {"error": reason, "path": path}`.
pub fn refusal(reason: &str, path: &str) -> Response {
    Response::json(
        400,
        canonical_json(&Node::Map(vec![
            ("error".into(), Node::Text(reason.to_string())),
            ("path".into(), Node::Text(path.to_string())),
        ])),
    )
}

/// A case document checked and computed by the core, or the 400 answer
/// listing every problem with its path, under `prefix` when the document
/// sits inside the body (`case` in a PUT: `case.inputs.seats`).
pub fn checked(node: &Node, prefix: &str) -> Result<(CaseDocument, CaseFigures), Response> {
    let bad = |mut problems: Vec<CaseProblem>| {
        if !prefix.is_empty() {
            for problem in &mut problems {
                problem.path = if problem.path.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}.{}", problem.path)
                };
            }
        }
        Response::json(400, canonical_json(&problems_node(&problems)))
    };
    let case = read_case(node).map_err(bad)?;
    let figures = case_figures(&case).map_err(bad)?;
    Ok((case, figures))
}

/// The revision to store for `case`, with the summary of its changes
/// since `before`, at the server's clock.
pub fn new_revision<'a>(
    case: &'a CaseDocument,
    figures: &'a CaseFigures,
    before: Option<&CaseDocument>,
) -> NewRevision<'a> {
    NewRevision {
        case,
        figures,
        figures_json: canonical_json(&figures_node(figures)),
        summary_json: canonical_json(&diff_summary_node(&diff_cases(before, case))),
        saved_at_ms: now_ms(),
    }
}

/// A stored revision's case document, read back by the core.
pub fn stored_case(row: &RevisionRow) -> Option<CaseDocument> {
    node_from_json(&row.case_json)
        .ok()
        .and_then(|node| read_case(&node).ok())
}

pub fn store_failed(err: &dyn std::fmt::Display, what: &str) -> Response {
    eprintln!("yardstick-serve: {err}");
    Response::error(500, &format!("the case could not be {what}"))
}

/// `{id, revision, savedAtMs, figures}`: what a save answers.
pub fn saved(status: u16, case_id: i64, revision: i64, new: &NewRevision<'_>) -> Response {
    let body = Node::Map(vec![
        ("id".into(), Node::Number(case_id as f64)),
        ("revision".into(), Node::Number(revision as f64)),
        ("savedAtMs".into(), Node::Number(new.saved_at_ms as f64)),
        (
            "figures".into(),
            node_from_json(&new.figures_json).unwrap_or(Node::Null),
        ),
    ]);
    Response::json(status, canonical_json(&body))
        .with_header("Location", format!("/api/cases/{case_id}"))
}

/// Creates `case` as a new case at revision 1 (201).
pub fn create_from(
    context: &CasesContext<'_>,
    case: &CaseDocument,
    figures: &CaseFigures,
) -> Response {
    let new = new_revision(case, figures, None);
    match context.store.create_case(&new) {
        Ok(case_id) => saved(201, case_id, 1, &new),
        Err(err) => store_failed(&err, "stored"),
    }
}

/// `POST /api/cases`.
fn create(context: &CasesContext<'_>, request: &Request) -> Response {
    let node = match json_body(request, false) {
        Ok(Some(node)) => node,
        Ok(None) => return refusal("the body is empty", ""),
        Err(refused) => return refused,
    };
    match checked(&node, "") {
        Ok((case, figures)) => create_from(context, &case, &figures),
        Err(refused) => refused,
    }
}

/// Saves `case` over `base_revision`: 200, 404, or 409 with what changed.
pub fn revise(
    context: &CasesContext<'_>,
    case_id: i64,
    base_revision: i64,
    case: &CaseDocument,
    figures: &CaseFigures,
) -> Response {
    let base = match context.store.case_revision(case_id, Some(base_revision)) {
        Ok(base) => base,
        Err(err) => return store_failed(&err, "read"),
    };
    let base_case = base.as_ref().and_then(stored_case);
    if let Some(base_case) = &base_case {
        // A dropped case stays where it was dropped; reopening it (a
        // revision without `dropped`) may move it in the same save.
        if base_case.dropped.is_some() && case.dropped.is_some() && base_case.step != case.step {
            return refusal(crate::cases_history::DROPPED_KEEPS_ITS_STEP, "case.step");
        }
    }
    let new = new_revision(case, figures, base_case.as_ref());
    match context.store.revise_case(case_id, base_revision, &new) {
        Ok(Revised::Saved { revision }) => saved(200, case_id, revision, &new),
        Ok(Revised::NotFound) => Response::error(404, "no such case"),
        Ok(Revised::Conflict { current }) => conflict(context, case_id, base_revision, current),
        Err(err) => store_failed(&err, "stored"),
    }
}

/// The 409 answer: the current revision and what changed since the base.
fn conflict(context: &CasesContext<'_>, case_id: i64, base: i64, current: i64) -> Response {
    let read = |n| {
        context
            .store
            .case_revision(case_id, Some(n))
            .ok()
            .flatten()
            .and_then(|row| stored_case(&row))
    };
    let changes = match (read(base), read(current)) {
        (before, Some(after)) => {
            yardstick_core::cases::nodes::diff_node(&diff_cases(before.as_ref(), &after))
        }
        _ => Node::Null,
    };
    let body = Node::Map(vec![
        (
            "error".into(),
            Node::Text(format!(
                "revision {current} was saved after revision {base}: reload it, or save yours as a copy"
            )),
        ),
        ("baseRevision".into(), Node::Number(base as f64)),
        ("currentRevision".into(), Node::Number(current as f64)),
        ("changes".into(), changes),
    ]);
    Response::json(409, canonical_json(&body))
}

/// A whole number from 1 at `key` of a body's entries, or the 400 answer.
pub fn revision_number(entries: &[(String, Node)], key: &str) -> Result<i64, Response> {
    match entries.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
        Some(Node::Number(n)) if n.fract() == 0.0 && (1.0..=9e15).contains(n) => Ok(*n as i64),
        Some(_) => Err(refusal(
            "must be a revision number (a whole number from 1)",
            key,
        )),
        None => Err(refusal(
            "is required: the revision this save is based on",
            key,
        )),
    }
}

/// The entries of a body object with only `known` keys, or the 400 answer.
pub fn body_entries<'a>(node: &'a Node, known: &[&str]) -> Result<&'a [(String, Node)], Response> {
    let Node::Map(entries) = node else {
        return Err(refusal("the body must be an object", ""));
    };
    if let Some((key, _)) = entries
        .iter()
        .find(|(key, _)| !known.contains(&key.as_str()))
    {
        return Err(refusal("is not a field of this request", key));
    }
    Ok(entries)
}

/// `PUT /api/cases/{id}` with `{"baseRevision": n, "case": {...}}`.
fn put(context: &CasesContext<'_>, request: &Request, case_id: i64) -> Response {
    let node = match json_body(request, false) {
        Ok(Some(node)) => node,
        Ok(None) => return refusal("the body is empty", ""),
        Err(refused) => return refused,
    };
    let entries = match body_entries(&node, &["baseRevision", "case"]) {
        Ok(entries) => entries,
        Err(refused) => return refused,
    };
    let base_revision = match revision_number(entries, "baseRevision") {
        Ok(n) => n,
        Err(refused) => return refused,
    };
    let Some((_, case_node)) = entries.iter().find(|(key, _)| key == "case") else {
        return refusal("is required: the case document", "case");
    };
    let (case, figures) = match checked(case_node, "case") {
        Ok(checked) => checked,
        Err(refused) => return refused,
    };
    revise(context, case_id, base_revision, &case, &figures)
}

/// A stored revision as `GET /api/cases/{id}` answers it.
pub fn revision_answer(row: &RevisionRow) -> Response {
    let embedded = |json: &str| node_from_json(json).unwrap_or(Node::Null);
    let body = Node::Map(vec![
        ("id".into(), Node::Number(row.case_id as f64)),
        ("revision".into(), Node::Number(row.revision as f64)),
        (
            "latestRevision".into(),
            Node::Number(row.latest_revision as f64),
        ),
        ("savedAtMs".into(), Node::Number(row.saved_at_ms as f64)),
        ("author".into(), Node::Text(row.author.clone())),
        ("case".into(), embedded(&row.case_json)),
        ("figures".into(), embedded(&row.figures_json)),
        ("changes".into(), embedded(&row.summary_json)),
    ]);
    Response::json(200, canonical_json(&body))
}

/// `GET /api/cases/{id}`.
fn latest(context: &CasesContext<'_>, case_id: i64) -> Response {
    match context.store.case_revision(case_id, None) {
        Ok(Some(row)) => revision_answer(&row),
        Ok(None) => Response::error(404, "no such case"),
        Err(err) => store_failed(&err, "read"),
    }
}

/// `GET /api/cases[?customer=ID&step=STEP&limit=N]`: the latest revision
/// of each, most recently changed first, at most `limit` (1,000 by
/// default, 10,000 at most) with `more` saying whether others match.
fn list(context: &CasesContext<'_>, request: &Request) -> Response {
    let query = request.query();
    let value = |key: &str| crate::api::query_value(query, key);
    let (Ok(customer), Ok(step)) = (value("customer"), value("step")) else {
        return refusal("the query has a malformed escape", "");
    };
    if let Some(customer) = &customer {
        if !is_valid_id(customer) {
            return refusal("must be 1 to 64 of A-Z a-z 0-9 . _ : -", "customer");
        }
    }
    if let Some(step) = &step {
        if stage_from_str(step).is_none() {
            return refusal("must be a pipeline step such as business_review", "step");
        }
    }
    let limit = match crate::api::query_value(query, "limit") {
        Ok(None) => CASES_PER_LIST_DEFAULT,
        Ok(Some(text)) => match text.parse::<usize>() {
            Ok(n) if (1..=CASES_PER_LIST_MAX).contains(&n) => n,
            _ => return refusal("must be a whole number from 1 to 10000", "limit"),
        },
        Err(_) => return refusal("the query has a malformed escape", "limit"),
    };
    let filter = CaseFilter {
        customer_id: customer,
        step,
    };
    let mut rows = match context.store.cases(&filter, limit) {
        Ok(rows) => rows,
        Err(err) => return store_failed(&err, "read"),
    };
    let more = rows.len() > limit;
    rows.truncate(limit);
    let text = |value: &str| Node::Text(value.to_string());
    let cases = rows
        .iter()
        .map(|row| {
            Node::Map(vec![
                ("id".into(), Node::Number(row.case_id as f64)),
                ("title".into(), text(&row.title)),
                (
                    "customer".into(),
                    Node::Map(vec![
                        ("id".into(), text(&row.customer_id)),
                        ("name".into(), text(&row.customer_name)),
                    ]),
                ),
                ("step".into(), text(&row.step)),
                ("revision".into(), Node::Number(row.revision as f64)),
                ("updatedAtMs".into(), Node::Number(row.saved_at_ms as f64)),
                ("author".into(), text(&row.author)),
                ("value".into(), row.value.map_or(Node::Null, Node::Number)),
                ("currency".into(), text(&row.currency)),
                ("verdict".into(), text(&row.verdict)),
                (
                    "dropped".into(),
                    crate::cases_history::dropped_entry(row.dropped_reason.as_deref()),
                ),
                (
                    "highLevelCasePositive".into(),
                    Node::Bool(row.high_level_positive),
                ),
                (
                    "detailedCasePositive".into(),
                    Node::Bool(row.detailed_positive),
                ),
            ])
        })
        .collect();
    Response::json(
        200,
        canonical_json(&Node::Map(vec![
            ("cases".into(), Node::List(cases)),
            ("more".into(), Node::Bool(more)),
        ])),
    )
}
