//! `POST /api/success/plans` (docs/journey.md, "A success plan from a
//! committed case"): a case at the `commitment` step becomes its
//! customer's success plan. The core makes the rows
//! (`journey::plan::success_plan`); they are written as an import of an
//! account and its outcomes, read by the core against what is stored, in
//! one transaction. A repeat writes nothing and says so.

use yardstick_core::journey::plan::{success_plan, PlanInput, PlanRefusal};
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::success::csv_rows::CsvImport;
use yardstick_core::success::data::SuccessData;
use yardstick_core::success::data_read::read_data_with;

use crate::cases::stored_case;
use crate::http::{Request, Response};
use crate::store::Store;
use crate::success_api::{document_problems, json_body};
use crate::success_cases::{current_settings_ids, failed};
use crate::success_rows::{account_node, outcome_node};

fn refusal(message: &str, path: &str) -> Response {
    Response::json(
        400,
        canonical_json(&Node::Map(vec![
            ("error".into(), Node::Text(message.into())),
            ("path".into(), Node::Text(path.into())),
        ])),
    )
}

/// The body's `caseId` (a whole number from 1) and optional `annualValue`.
fn read_body(node: &Node) -> Result<(i64, Option<f64>), Response> {
    let Node::Map(entries) = node else {
        return Err(refusal(
            "the body must be an object {caseId, annualValue?}",
            "",
        ));
    };
    let mut case_id = None;
    let mut annual_value = None;
    for (key, value) in entries {
        match (key.as_str(), value) {
            ("caseId", Node::Number(n)) if n.fract() == 0.0 && *n >= 1.0 && *n <= 9e15 => {
                case_id = Some(*n as i64);
            }
            ("caseId", _) => {
                return Err(refusal(
                    "must be a case id, a whole number from 1",
                    "caseId",
                ))
            }
            ("annualValue", Node::Null) => {}
            ("annualValue", Node::Number(n)) => annual_value = Some(*n),
            ("annualValue", _) => {
                return Err(refusal("must be a number from 0 to 1e12", "annualValue"))
            }
            (other, _) => {
                return Err(refusal(
                    &format!("unknown field {other}: the body is {{caseId, annualValue?}}"),
                    other,
                ))
            }
        }
    }
    case_id
        .map(|id| (id, annual_value))
        .ok_or_else(|| refusal("is required", "caseId"))
}

/// Makes the success plan of a committed case.
pub fn post_plan(store: &Store, request: &Request) -> Response {
    let node = match json_body(request) {
        Ok(node) => node,
        Err(refused) => return refused,
    };
    match plan(store, &node) {
        Ok(response) | Err(response) => response,
    }
}

fn plan(store: &Store, node: &Node) -> Result<Response, Response> {
    let (case_id, annual_value) = read_body(node)?;
    let row = store
        .case_revision(case_id, None)
        .map_err(failed)?
        .ok_or_else(|| Response::error(404, &format!("no case {case_id}")))?;
    let case =
        stored_case(&row).ok_or_else(|| Response::error(500, "the stored case does not read"))?;
    let histories = store
        .customer_case_histories(&case.customer.id, Some(case_id))
        .map_err(failed)?;
    let history = histories
        .iter()
        .find(|history| history.case_id == case_id.to_string())
        .ok_or_else(|| Response::error(500, "the case's history is not stored"))?;
    let (data, _) = crate::journey_api::account_data(store, &case.customer.id)?;
    let account = data.accounts.iter().find(|a| a.id == case.customer.id);
    let outcome_ids: Vec<String> = data
        .outcomes
        .iter()
        .filter(|outcome| outcome.account == case.customer.id)
        .map(|outcome| outcome.id.clone())
        .collect();
    let input = PlanInput {
        case_id: u64::try_from(case_id).unwrap_or(0),
        revision: u64::try_from(row.revision).unwrap_or(0),
        case: &case,
        history,
        stored: account,
        stored_outcomes: &outcome_ids,
        annual_value,
    };
    let plan = success_plan(&input).map_err(|refused| {
        let path = match refused {
            PlanRefusal::NoAnnualValue | PlanRefusal::BadAnnualValue => "annualValue",
            _ => "caseId",
        };
        refusal(&refused.to_string(), path)
    })?;
    let answer = |status: u16, created: bool| {
        let outcomes = plan
            .outcomes
            .iter()
            .map(|outcome| Node::Text(outcome.id.clone()))
            .collect();
        Response::json(
            status,
            canonical_json(&Node::Map(vec![
                ("account".into(), Node::Text(plan.account.id.clone())),
                ("created".into(), Node::Bool(created)),
                (
                    "case".into(),
                    Node::Map(vec![
                        ("id".into(), Node::Number(case_id as f64)),
                        ("revision".into(), Node::Number(row.revision as f64)),
                    ]),
                ),
                (
                    "committedOn".into(),
                    Node::Text(plan.committed_on.to_string()),
                ),
                ("outcomes".into(), Node::List(outcomes)),
            ])),
        )
    };
    if !plan.changed {
        return Ok(answer(200, false));
    }
    // The rows as a document, read by the core against what is stored.
    let document = Node::Map(vec![
        (
            "schema".into(),
            Node::Text(yardstick_core::success::data::SUCCESS_SCHEMA.into()),
        ),
        (
            "accounts".into(),
            Node::List(vec![account_node(&plan.account)]),
        ),
        (
            "outcomes".into(),
            Node::List(
                plan.outcomes
                    .iter()
                    .map(|outcome| outcome_node(outcome, Vec::new(), Vec::new()))
                    .collect(),
            ),
        ),
    ]);
    let ids = current_settings_ids(store)?;
    let keys = yardstick_core::success::stored_keys::document_stored_keys(&document);
    let written = store
        .import_success_checked(&keys, |known| {
            read_data_with(&document, &known.clone().with_settings_ids(ids)).map(|data| CsvImport {
                data: SuccessData { ..data },
                ..CsvImport::default()
            })
        })
        .map_err(failed)?;
    match written {
        Ok(_) => Ok(answer(201, true)),
        Err(problems) => Err(document_problems("the plan's rows were refused", &problems)),
    }
}
