//! The success routes (docs/success.md, "The API"): imports of a whole
//! `yardstick/success@1` document, of CSV tables (one, or several in a
//! form: `success_import_csv.rs`), the stored data as
//! one document, the accounts list, and the team's settings. The core
//! checks every row and setting; an import with one bad row stores nothing
//! and answers every problem. Writes follow the collector's origin rules.

use yardstick_core::json::{canonical_json, Node};
use yardstick_core::model::diagnostic::ModelPath;
use yardstick_core::success::csv_rows::CsvImport;
use yardstick_core::success::data::KnownIds;
use yardstick_core::success::data_read::read_data_with;
use yardstick_core::success::diagnostic::{CsvProblem, SuccessCode, SuccessDiagnostic};
use yardstick_core::success::settings_read::read_settings;
use yardstick_core::success::stored_keys::{document_stored_keys, StoredKeys};
use yardstick_json_text::node_from_json;

use crate::collect::{now_ms, Origins};
use crate::form_data;
use crate::http::Request;
use crate::http::Response;
use crate::store::{ImportCounts, Store};
use crate::success_cases::{cases_route, check_realised, current_settings_ids, known_ids};
use crate::success_csv::SUCCESS_FILES;
use crate::success_import_csv::{import_form, import_table};

/// Methods the success routes answer, for preflights.
const SUCCESS_METHODS: &str = "GET, HEAD, POST, PUT, OPTIONS";
/// Longest `by` (who saved the settings), in characters.
const MAX_SAVED_BY_CHARS: usize = 100;

/// Routes every `/api/success/...` request, with the origin check first.
pub fn route(origins: &Origins, store: &Store, request: &Request) -> Response {
    let origin = match origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    let response = if request.method == "OPTIONS" {
        Response::new(204, "text/plain", Vec::new())
            .with_header("Allow", SUCCESS_METHODS)
            .with_header("Access-Control-Allow-Methods", SUCCESS_METHODS)
            .with_header("Access-Control-Allow-Headers", "Content-Type")
            .with_header("Access-Control-Max-Age", "600")
    } else {
        dispatch(store, request)
    };
    Origins::decorate(response, origin.as_deref())
}

fn not_allowed(path: &str, allow: &'static str) -> Response {
    Response::error(405, &format!("{path} accepts {allow}")).with_header("Allow", allow)
}

fn dispatch(store: &Store, request: &Request) -> Response {
    let path = request.path();
    let get = matches!(request.method.as_str(), "GET" | "HEAD");
    let post = request.method == "POST";
    match path.strip_prefix("/api/success/").unwrap_or("") {
        "import" if post => match form_data::boundary(request.header("Content-Type").unwrap_or(""))
        {
            Some(boundary) => import_form(store, request, &boundary),
            None => import_document(store, request),
        },
        "import" => not_allowed(path, "POST, OPTIONS"),
        "data" if get => answer(store.success_document().map(|node| canonical_json(&node))),
        "data" => not_allowed(path, "GET, HEAD, OPTIONS"),
        "accounts" if get => accounts(store),
        "accounts" => not_allowed(path, "GET, HEAD, OPTIONS"),
        "plans" if post => crate::success_plans::post_plan(store, request),
        "plans" => not_allowed(path, "POST, OPTIONS"),
        "cases" if get => cases_route(store),
        "cases" => not_allowed(path, "GET, HEAD, OPTIONS"),
        "settings" if get => settings(store),
        "settings" if request.method == "PUT" => put_settings(store, request),
        "settings" => not_allowed(path, "GET, HEAD, PUT, OPTIONS"),
        rest => match rest.strip_prefix("import/") {
            Some(file) if SUCCESS_FILES.contains(&file) => {
                if post {
                    import_table(store, request, file)
                } else {
                    not_allowed(path, "POST, OPTIONS")
                }
            }
            Some(_) => Response::error(
                404,
                &format!(
                    "no such success table; the tables are {}",
                    SUCCESS_FILES.join(", ")
                ),
            ),
            None => Response::error(404, "no such success route"),
        },
    }
}

fn answer(result: Result<String, crate::store::StoreError>) -> Response {
    match result {
        Ok(body) => Response::json(200, body),
        Err(err) => {
            eprintln!("yardstick-serve: success store: {err}");
            Response::error(500, "the success store failed")
        }
    }
}

pub fn media_type(request: &Request) -> String {
    request
        .header("Content-Type")
        .and_then(|value| value.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

fn number(value: usize) -> Node {
    // Counts are bounded by the documented row bounds, far below 2^53.
    Node::Number(value as f64)
}

/// `400 {"error", "problems": [{code, path, message}]}` for a document.
pub fn document_problems(what: &str, problems: &[SuccessDiagnostic]) -> Response {
    let list = problems
        .iter()
        .map(|problem| {
            Node::Map(vec![
                ("code".into(), text(problem.code.as_str())),
                ("path".into(), text(&problem.path.to_string())),
                ("message".into(), text(&problem.message)),
            ])
        })
        .collect();
    Response::json(
        400,
        canonical_json(&Node::Map(vec![
            ("error".into(), text(&format!("{what}; nothing was stored"))),
            ("problems".into(), Node::List(list)),
        ])),
    )
}

/// `400 {"error", "problems": [{code, file, line, column, reason, message}]}`.
pub fn csv_problems(problems: &[CsvProblem]) -> Response {
    let list = problems
        .iter()
        .map(|problem| {
            let column = problem.column.as_deref().map_or(Node::Null, text);
            Node::Map(vec![
                ("code".into(), text(problem.code.as_str())),
                ("file".into(), text(&problem.file)),
                ("line".into(), Node::Number(problem.line as f64)),
                ("column".into(), column),
                ("reason".into(), text(&problem.reason)),
                ("message".into(), text(&problem.to_string())),
            ])
        })
        .collect();
    Response::json(
        400,
        canonical_json(&Node::Map(vec![
            (
                "error".into(),
                text("the import has bad rows; nothing was stored"),
            ),
            ("problems".into(), Node::List(list)),
        ])),
    )
}

/// Reads the import with `read` against what is stored (ids and the rows
/// of `keys` the rules across rows read) and stores it, in one transaction: 200
/// with the counts, the refusal `read`'s problems become, or 500.
pub fn checked_import<P>(
    store: &Store,
    keys: &StoredKeys,
    read: impl FnOnce(&KnownIds) -> Result<CsvImport, P>,
    refused: impl FnOnce(P) -> Response,
) -> Response {
    match store.import_success_checked(keys, read) {
        Ok(Ok(counts)) => Response::json(200, canonical_json(&counts_node(&counts))),
        Ok(Err(problems)) => refused(problems),
        Err(err) => answer(Err(err)),
    }
}

/// The rows an import wrote, per table.
pub fn counts_node(counts: &ImportCounts) -> Node {
    Node::Map(vec![(
        "stored".into(),
        Node::Map(vec![
            ("accounts".into(), number(counts.accounts)),
            ("signals".into(), number(counts.signals)),
            ("events".into(), number(counts.events)),
            ("outcomes".into(), number(counts.outcomes)),
            ("actuals".into(), number(counts.actuals)),
            ("renegotiations".into(), number(counts.renegotiations)),
            ("renewals".into(), number(counts.renewals)),
            ("realised".into(), number(counts.realised)),
            ("checklist".into(), number(counts.checklist)),
            ("plays".into(), number(counts.plays)),
        ]),
    )])
}

pub fn json_body(request: &Request) -> Result<Node, Response> {
    if media_type(request) != "application/json" {
        return Err(Response::error(
            415,
            "Content-Type must be application/json",
        ));
    }
    let Ok(body) = std::str::from_utf8(&request.body) else {
        return Err(Response::error(400, "body is not UTF-8"));
    };
    node_from_json(body).map_err(|err| Response::error(400, &format!("body is not JSON: {err}")))
}

fn import_document(store: &Store, request: &Request) -> Response {
    let node = match json_body(request) {
        Ok(node) => node,
        Err(refused) => return refused,
    };
    // Realised rows are checked against their linked case first (outside
    // the store's write lock: the check reads the cases store), then the
    // import is read again against the stored rows and written.
    if has_rows(&node, "realised") {
        let known = match known_ids(store) {
            Ok(known) => known,
            Err(failed) => return failed,
        };
        let data = match read_data_with(&node, &known) {
            Ok(data) => data,
            Err(problems) => return document_problems("the document has problems", &problems),
        };
        let refusals = match check_realised(store, &data) {
            Ok(refusals) => refusals,
            Err(failed) => return failed,
        };
        if !refusals.is_empty() {
            let problems: Vec<SuccessDiagnostic> = refusals
                .into_iter()
                .map(|refusal| SuccessDiagnostic {
                    code: SuccessCode::UnknownReference,
                    path: ModelPath::root()
                        .key("realised")
                        .index(refusal.row)
                        .key(refusal.field),
                    message: refusal.reason,
                })
                .collect();
            return document_problems("the document has problems", &problems);
        }
    }
    let ids = match current_settings_ids(store) {
        Ok(ids) => ids,
        Err(failed) => return failed,
    };
    checked_import(
        store,
        &document_stored_keys(&node),
        |known| {
            read_data_with(&node, &known.clone().with_settings_ids(ids)).map(|data| CsvImport {
                data,
                ..CsvImport::default()
            })
        },
        |problems| document_problems("the document has problems", &problems),
    )
}

/// Whether the document has a non-empty list under `key`.
fn has_rows(node: &Node, key: &str) -> bool {
    match node {
        Node::Map(entries) => entries
            .iter()
            .any(|(k, v)| k == key && !matches!(v, Node::List(items) if items.is_empty())),
        _ => false,
    }
}

fn accounts(store: &Store) -> Response {
    answer(store.success_accounts().map(|list| {
        let accounts = list
            .into_iter()
            .map(|summary| {
                let mut entries = match summary.account {
                    Node::Map(entries) => entries,
                    other => vec![("account".into(), other)],
                };
                entries.push(("signalCount".into(), Node::Number(summary.signals as f64)));
                entries.push(("outcomeCount".into(), Node::Number(summary.outcomes as f64)));
                Node::Map(entries)
            })
            .collect();
        canonical_json(&Node::Map(vec![("accounts".into(), Node::List(accounts))]))
    }))
}

fn settings(store: &Store) -> Response {
    answer(store.success_settings().map(|current| {
        let node = match current {
            // None saved: the page uses the core's default settings.
            None => Node::Map(vec![
                ("version".into(), Node::Number(0.0)),
                ("settings".into(), Node::Null),
            ]),
            Some(saved) => Node::Map(vec![
                ("version".into(), Node::Number(saved.version as f64)),
                ("savedAtMs".into(), Node::Number(saved.saved_at_ms as f64)),
                ("savedBy".into(), text(&saved.saved_by)),
                (
                    "settings".into(),
                    node_from_json(&saved.settings_json).unwrap_or(Node::Null),
                ),
            ]),
        };
        canonical_json(&node)
    }))
}

fn put_settings(store: &Store, request: &Request) -> Response {
    let node = match json_body(request) {
        Ok(node) => node,
        Err(refused) => return refused,
    };
    let saved_by = match crate::api::query_value(request.query(), "by") {
        Ok(by) => by.unwrap_or_default(),
        Err(reason) => return Response::error(400, reason),
    };
    if saved_by.chars().count() > MAX_SAVED_BY_CHARS || saved_by.chars().any(char::is_control) {
        return Response::error(400, "by: at most 100 characters, no control characters");
    }
    if let Err(problems) = read_settings(&node) {
        return document_problems("the settings have problems", &problems);
    }
    let json = canonical_json(&node);
    match store.save_success_settings(&json, &saved_by, now_ms()) {
        Ok(version) => Response::json(
            200,
            canonical_json(&Node::Map(vec![(
                "version".into(),
                Node::Number(version as f64),
            )])),
        ),
        Err(err) => answer(Err(err)),
    }
}

/// Loads the seeded demo portfolio (`--success-demo`) when the store holds
/// no success data, with the demo's settings (scorecards over its planted
/// and noise metrics, saved as version 1 by `demo`) when none are saved,
/// and the demo case a few accounts link ([`crate::success_demo`]); a
/// store with data is left as it is.
pub fn load_demo(store: &Store) -> Result<(), String> {
    use yardstick_core::success::data_read::read_data;
    use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
    use yardstick_core::success::demo_settings::demo_settings;
    use yardstick_core::success::settings_write::settings_to_node;
    let holds = store
        .holds_success_data()
        .map_err(|err| format!("success demo: {err}"))?;
    if holds {
        return Ok(());
    }
    let saved = store
        .success_settings()
        .map_err(|err| format!("success demo: {err}"))?;
    if saved.is_none() {
        // Without them the default scorecards would read metrics the demo
        // never sends (active users, NPS) and none of its noise metrics.
        let json = canonical_json(&settings_to_node(&demo_settings()));
        store
            .save_success_settings(&json, "demo", now_ms())
            .map_err(|err| format!("success demo: {err}"))?;
    }
    let mut data = read_data(&demo_portfolio(DemoOptions::default())).map_err(|_| {
        "success demo: the demo portfolio does not read as success data".to_string()
    })?;
    // A demo case and a few accounts linked to it, with realised values.
    crate::success_demo::link_demo_case(store, &mut data)
        .map_err(|err| format!("success demo: {err}"))?;
    crate::success_demo::save_journey_cases(store, &data)
        .map_err(|err| format!("success demo: {err}"))?;
    // Domains, visitors and leads for a few linked accounts (Develop).
    crate::success_demo_leads::add_demo_leads(store, &mut data, now_ms())
        .map_err(|err| format!("success demo: {err}"))?;
    store
        .import_success(&CsvImport {
            data,
            ..CsvImport::default()
        })
        .map(|_| ())
        .map_err(|err| format!("success demo: {err}"))
}
