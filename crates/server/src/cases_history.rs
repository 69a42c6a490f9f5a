//! The case routes that read or build on a case's history (docs/cases.md):
//! the list of revisions, one revision, the comparison of two, duplicating
//! a case, moving it to another pipeline step (a revision of its own; the
//! drop and reopen routes, in `cases_drop`, are built the same way), and
//! `GET /api/pipeline`, the Evaluate pipeline computed by the core from
//! every case's revisions as of the server's clock.
//!
//! Nothing here computes a figure: the core's `cases::diff`,
//! `cases::figures` and `cases::pipeline` do; the revisions are `store`'s.

use yardstick_core::cases::diff::diff_cases;
use yardstick_core::cases::figures::case_figures;
use yardstick_core::cases::nodes::{diff_node, pipeline_node, problems_node};
use yardstick_core::cases::pipeline::{case_pipeline, DEFAULT_STALLED_AFTER_DAYS};
use yardstick_core::cases::read::{stage_from_str, CaseDocument, MAX_NAME_CHARS};
use yardstick_core::engagement::envelope::is_valid_id;
use yardstick_core::json::{canonical_json, Node};
use yardstick_json_text::node_from_json;

use crate::cases::{
    body_entries, create_from, json_body, refusal, revise, revision_answer, revision_number,
    store_failed, stored_case, CasesContext,
};
use crate::collect::{now_ms, Origins};
use crate::http::{Request, Response};

/// The longest stalled threshold `GET /api/pipeline` accepts, in days.
pub const MAX_STALLED_AFTER_DAYS: f64 = 3650.0;

/// `GET /api/cases/{id}/revisions`: every revision, oldest first, with
/// when, by whom, the step, value and verdict, and the summary of changes.
pub fn revisions(context: &CasesContext<'_>, case_id: i64) -> Response {
    let rows = match context.store.case_revisions(case_id) {
        Ok(rows) if rows.is_empty() => return Response::error(404, "no such case"),
        Ok(rows) => rows,
        Err(err) => return store_failed(&err, "read"),
    };
    let text = |value: &str| Node::Text(value.to_string());
    let items = rows
        .iter()
        .map(|row| {
            Node::Map(vec![
                ("revision".into(), Node::Number(row.revision as f64)),
                ("savedAtMs".into(), Node::Number(row.saved_at_ms as f64)),
                ("author".into(), text(&row.author)),
                ("step".into(), text(&row.step)),
                ("value".into(), row.value.map_or(Node::Null, Node::Number)),
                ("verdict".into(), text(&row.verdict)),
                (
                    "dropped".into(),
                    dropped_entry(row.dropped_reason.as_deref()),
                ),
                (
                    "changes".into(),
                    node_from_json(&row.summary_json).unwrap_or(Node::Null),
                ),
            ])
        })
        .collect();
    let body = Node::Map(vec![
        ("id".into(), Node::Number(case_id as f64)),
        ("revisions".into(), Node::List(items)),
    ]);
    Response::json(200, canonical_json(&body))
}

/// `{"reason"}` for a dropped revision, `null` for an open one.
pub fn dropped_entry(reason: Option<&str>) -> Node {
    reason.map_or(Node::Null, |reason| {
        Node::Map(vec![("reason".into(), Node::Text(reason.to_string()))])
    })
}

/// `GET /api/cases/{id}/revisions/{n}`.
pub fn revision(context: &CasesContext<'_>, case_id: i64, n: &str) -> Response {
    let Some(revision) = crate::cases::case_id(n) else {
        return Response::error(404, "no such revision");
    };
    match context.store.case_revision(case_id, Some(revision)) {
        Ok(Some(row)) => revision_answer(&row),
        Ok(None) => Response::error(404, "no such revision"),
        Err(err) => store_failed(&err, "read"),
    }
}

/// `GET /api/cases/{id}/compare?from=a&to=b`: the diff from revision a to b.
pub fn compare(context: &CasesContext<'_>, request: &Request, case_id: i64) -> Response {
    let query = request.query();
    let number = |key: &str| -> Result<i64, Response> {
        match crate::api::query_value(query, key) {
            Ok(Some(text)) => crate::cases::case_id(&text)
                .ok_or_else(|| refusal("must be a revision number (a whole number from 1)", key)),
            Ok(None) => Err(refusal("is required: a revision number", key)),
            Err(_) => Err(refusal("the query has a malformed escape", key)),
        }
    };
    let (from, to) = match (number("from"), number("to")) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(refused), _) | (_, Err(refused)) => return refused,
    };
    let read = |n: i64| match context.store.case_revision(case_id, Some(n)) {
        Ok(Some(row)) => stored_case(&row)
            .ok_or_else(|| Response::error(500, "a stored revision could not be read")),
        Ok(None) => Err(Response::error(
            404,
            &format!("no revision {n} of this case"),
        )),
        Err(err) => Err(store_failed(&err, "read")),
    };
    let (before, after) = match (read(from), read(to)) {
        (Ok(before), Ok(after)) => (before, after),
        (Err(refused), _) | (_, Err(refused)) => return refused,
    };
    let body = Node::Map(vec![
        ("id".into(), Node::Number(case_id as f64)),
        ("from".into(), Node::Number(from as f64)),
        ("to".into(), Node::Number(to as f64)),
        (
            "changes".into(),
            diff_node(&diff_cases(Some(&before), &after)),
        ),
    ]);
    Response::json(200, canonical_json(&body))
}

/// A trimmed text of 1 to 200 characters at `key`, or the 400 answer.
pub fn name_field(entries: &[(String, Node)], key: &str) -> Result<Option<String>, Response> {
    match entries.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
        None | Some(Node::Null) => Ok(None),
        Some(Node::Text(text))
            if (1..=MAX_NAME_CHARS).contains(&text.trim().chars().count())
                && !text.chars().any(char::is_control) =>
        {
            Ok(Some(text.trim().to_string()))
        }
        Some(_) => Err(refusal(
            "must be 1 to 200 characters without line breaks",
            key,
        )),
    }
}

/// `POST /api/cases/{id}/duplicate` with an optional `{"title", "author",
/// "revision"}`: a new case at revision 1 from the latest revision (or
/// `revision`), titled "… (copy)" unless a title is given.
pub fn duplicate(context: &CasesContext<'_>, request: &Request, case_id: i64) -> Response {
    let node = match json_body(request, true) {
        Ok(node) => node.unwrap_or(Node::Map(Vec::new())),
        Err(refused) => return refused,
    };
    let entries = match body_entries(&node, &["title", "author", "revision"]) {
        Ok(entries) => entries,
        Err(refused) => return refused,
    };
    let revision = if entries.iter().any(|(k, _)| k == "revision") {
        match revision_number(entries, "revision") {
            Ok(n) => Some(n),
            Err(refused) => return refused,
        }
    } else {
        None
    };
    let (title, author) = match (name_field(entries, "title"), name_field(entries, "author")) {
        (Ok(title), Ok(author)) => (title, author),
        (Err(refused), _) | (_, Err(refused)) => return refused,
    };
    let row = match context.store.case_revision(case_id, revision) {
        Ok(Some(row)) => row,
        Ok(None) => return Response::error(404, "no such case or revision"),
        Err(err) => return store_failed(&err, "read"),
    };
    let Some(mut case) = stored_case(&row) else {
        return Response::error(500, "the stored case could not be read");
    };
    case.title = title.unwrap_or_else(|| {
        let copy = format!("{} (copy)", case.title);
        copy.chars().take(MAX_NAME_CHARS).collect()
    });
    if let Some(author) = author {
        case.author = author;
    }
    // A copy is a new project, open whatever became of the original.
    case.dropped = None;
    match case_figures(&case) {
        Ok(figures) => create_from(context, &case, &figures),
        Err(problems) => Response::json(400, canonical_json(&problems_node(&problems))),
    }
}

/// `POST /api/cases/{id}/step` with `{"baseRevision", "step", "author"}`:
/// the latest case moved to another step, saved as a revision (409 when
/// `baseRevision` is no longer the latest). A dropped case keeps its step
/// until it is reopened.
pub fn step(context: &CasesContext<'_>, request: &Request, case_id: i64) -> Response {
    revise_latest(context, request, case_id, &["step"], |entries, case, _| {
        let step = match entries.iter().find(|(k, _)| k == "step").map(|(_, v)| v) {
            Some(Node::Text(text)) => match stage_from_str(text) {
                Some(step) => step,
                None => {
                    return Err(refusal(
                        "must be a pipeline step such as projects_review",
                        "step",
                    ))
                }
            },
            _ => return Err(refusal("is required: the step to move the case to", "step")),
        };
        if case.dropped.is_some() && case.step != step {
            return Err(refusal(DROPPED_KEEPS_ITS_STEP, "step"));
        }
        case.step = step;
        Ok(())
    })
}

/// Why a dropped case cannot change step.
pub const DROPPED_KEEPS_ITS_STEP: &str =
    "the case is dropped: it stays at the step it was dropped at until it is reopened";

/// A change to the case at `baseRevision`, saved as the next revision by
/// `author` without sending the model again: the body is `{"baseRevision",
/// "author"}` and the `fields` that `change` reads (and may refuse, with
/// its 400; it is told whether the base is the latest revision). 409 when
/// `baseRevision` is no longer the latest.
pub fn revise_latest(
    context: &CasesContext<'_>,
    request: &Request,
    case_id: i64,
    fields: &[&str],
    change: impl FnOnce(&[(String, Node)], &mut CaseDocument, bool) -> Result<(), Response>,
) -> Response {
    let node = match json_body(request, false) {
        Ok(Some(node)) => node,
        Ok(None) => return refusal("the body is empty", ""),
        Err(refused) => return refused,
    };
    let mut known = vec!["baseRevision", "author"];
    known.extend_from_slice(fields);
    let entries = match body_entries(&node, &known) {
        Ok(entries) => entries,
        Err(refused) => return refused,
    };
    let base_revision = match revision_number(entries, "baseRevision") {
        Ok(n) => n,
        Err(refused) => return refused,
    };
    let author = match name_field(entries, "author") {
        Ok(Some(author)) => author,
        Ok(None) => return refusal("is required: who saves this revision", "author"),
        Err(refused) => return refused,
    };
    let row = match context.store.case_revision(case_id, Some(base_revision)) {
        Ok(Some(row)) => row,
        Ok(None) => match context.store.case_revision(case_id, None) {
            // A base that does not exist yet is newer than the latest: a conflict.
            Ok(Some(_)) => return revise_missing_base(context, case_id, base_revision),
            Ok(None) => return Response::error(404, "no such case"),
            Err(err) => return store_failed(&err, "read"),
        },
        Err(err) => return store_failed(&err, "read"),
    };
    let Some(mut case) = stored_case(&row) else {
        return Response::error(500, "the stored case could not be read");
    };
    let base_is_latest = row.revision == row.latest_revision;
    if let Err(refused) = change(entries, &mut case, base_is_latest) {
        return refused;
    }
    case.author = author;
    match case_figures(&case) {
        Ok(figures) => revise(context, case_id, base_revision, &case, &figures),
        Err(problems) => Response::json(400, canonical_json(&problems_node(&problems))),
    }
}

/// The 409 for a base revision past the latest, through the same path as
/// any save (the store refuses it).
fn revise_missing_base(context: &CasesContext<'_>, case_id: i64, base_revision: i64) -> Response {
    let latest = match context.store.case_revision(case_id, None) {
        Ok(Some(row)) => row,
        Ok(None) => return Response::error(404, "no such case"),
        Err(err) => return store_failed(&err, "read"),
    };
    let Some(case) = stored_case(&latest) else {
        return Response::error(500, "the stored case could not be read");
    };
    match case_figures(&case) {
        Ok(figures) => revise(context, case_id, base_revision, &case, &figures),
        Err(problems) => Response::json(400, canonical_json(&problems_node(&problems))),
    }
}

/// `GET /api/pipeline[?customer=ID&stalledAfterDays=N]`.
pub fn pipeline(context: &CasesContext<'_>, request: &Request) -> Response {
    let origin = match context.origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    Origins::decorate(pipeline_answer(context, request), origin.as_deref())
}

fn pipeline_answer(context: &CasesContext<'_>, request: &Request) -> Response {
    let query = request.query();
    let value = |key: &str| crate::api::query_value(query, key);
    let (Ok(customer), Ok(days)) = (value("customer"), value("stalledAfterDays")) else {
        return refusal("the query has a malformed escape", "");
    };
    if let Some(customer) = &customer {
        if !is_valid_id(customer) {
            return refusal("must be 1 to 64 of A-Z a-z 0-9 . _ : -", "customer");
        }
    }
    let stalled_after_days = match days {
        None => DEFAULT_STALLED_AFTER_DAYS,
        Some(text) => match text.parse::<f64>() {
            Ok(days) if days.is_finite() && (0.0..=MAX_STALLED_AFTER_DAYS).contains(&days) => days,
            _ => {
                return refusal(
                    "must be a number of days from 0 to 3650",
                    "stalledAfterDays",
                )
            }
        },
    };
    let histories = match context.store.case_histories(customer.as_deref()) {
        Ok(histories) => histories,
        Err(err) => return store_failed(&err, "read"),
    };
    match case_pipeline(&histories, now_ms() as f64, stalled_after_days) {
        Ok(pipeline) => Response::json(200, canonical_json(&pipeline_node(&pipeline))),
        Err(err) => Response::error(500, &format!("the pipeline could not be computed: {err}")),
    }
}
