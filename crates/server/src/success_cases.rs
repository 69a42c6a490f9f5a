//! What the success routes need of the cases store and the settings: the
//! ids an import's rows may name (stored accounts and outcomes, and the
//! current settings' checklist items, plays and alert rules), the check of
//! realised values against the linked case's model, and
//! `GET /api/success/cases`, each linked account's stored case document
//! (the page computes realised value from it in the browser).
//!
//! A realised row is refused when its account links no case, when the
//! linked case or revision is not stored (a 400 naming the account), or
//! when its input is not an input of that case's model. The account's
//! link is the import's account row when the import has one, else the
//! stored one. Each linked revision is read and compiled once per import.

use std::collections::BTreeMap;

use yardstick_core::cases::read::read_case;
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::model::diagnostic::suggest_id;
use yardstick_core::success::data::{KnownIds, SuccessData};
use yardstick_core::success::data_read::settings_ids;
use yardstick_core::success::realised::model_input_ids;
use yardstick_core::success::settings::SuccessSettings;
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::settings_read::read_settings;
use yardstick_json_text::node_from_json;

use crate::http::Response;
use crate::store::{Store, StoreError};

/// A realised row refused: its place in `data.realised`, the field, why.
#[derive(Debug, Clone, PartialEq)]
pub struct RealisedRefusal {
    pub row: usize,
    pub field: &'static str,
    pub reason: String,
}

pub fn failed(err: StoreError) -> Response {
    eprintln!("yardstick-serve: success store: {err}");
    Response::error(500, "the success store failed")
}

/// The saved settings, else the core's defaults (as the page uses them).
pub fn current_settings(store: &Store) -> Result<SuccessSettings, Response> {
    let saved = store.success_settings().map_err(failed)?;
    let parsed = saved
        .and_then(|saved| node_from_json(&saved.settings_json).ok())
        .and_then(|node| read_settings(&node).ok());
    Ok(parsed.unwrap_or_else(default_settings))
}

/// The ids an import's rows may name.
pub fn known_ids(store: &Store) -> Result<KnownIds, Response> {
    let (accounts, outcomes) = store.success_ids().map_err(failed)?;
    let settings = current_settings(store)?;
    Ok(KnownIds::new(accounts, outcomes).with_settings_ids(settings_ids(&settings)))
}

/// The current settings' ids (checklist items, plays, alert rules).
pub fn current_settings_ids(
    store: &Store,
) -> Result<yardstick_core::success::data::SettingsIds, Response> {
    Ok(settings_ids(&current_settings(store)?))
}

/// The input ids of a stored case revision, or why there are none.
fn case_inputs(
    store: &Store,
    id: u64,
    revision: u64,
) -> Result<Result<Vec<String>, String>, Response> {
    let (Ok(case_id), Ok(revision_number)) = (i64::try_from(id), i64::try_from(revision)) else {
        return Ok(Err(format!("case {id} revision {revision} is not stored")));
    };
    let Some(row) = store
        .case_revision(case_id, Some(revision_number))
        .map_err(failed)?
        .filter(|row| row.revision == revision_number)
    else {
        return Ok(Err(format!("case {id} revision {revision} is not stored")));
    };
    let case = node_from_json(&row.case_json)
        .ok()
        .and_then(|node| read_case(&node).ok());
    Ok(match case {
        Some(case) => model_input_ids(&case)
            .map_err(|err| format!("case {id} revision {revision} cannot be compared: {err:?}")),
        None => Err(format!("case {id} revision {revision} no longer reads")),
    })
}

/// Every refused realised row of `data` (none when it has no realised row).
pub fn check_realised(store: &Store, data: &SuccessData) -> Result<Vec<RealisedRefusal>, Response> {
    let mut refusals = Vec::new();
    if data.realised.is_empty() {
        return Ok(refusals);
    }
    let mut links: BTreeMap<String, (u64, u64)> = store
        .success_case_links()
        .map_err(failed)?
        .into_iter()
        .map(|(account, id, revision)| (account, (id, revision)))
        .collect();
    for account in &data.accounts {
        match account.case {
            Some(link) => links.insert(account.id.clone(), (link.id, link.revision)),
            None => links.remove(&account.id),
        };
    }
    let mut inputs: BTreeMap<(u64, u64), Result<Vec<String>, String>> = BTreeMap::new();
    for (row, realised) in data.realised.iter().enumerate() {
        let account = realised.account.as_str();
        let Some(&(id, revision)) = links.get(account) else {
            refusals.push(RealisedRefusal {
                row,
                field: "account",
                reason: format!("account {account} links no case to compare realised values with"),
            });
            continue;
        };
        if let std::collections::btree_map::Entry::Vacant(slot) = inputs.entry((id, revision)) {
            slot.insert(case_inputs(store, id, revision)?);
        }
        match inputs.get(&(id, revision)) {
            Some(Ok(ids)) if ids.contains(&realised.input) => {}
            Some(Ok(ids)) => refusals.push(RealisedRefusal {
                row,
                field: "input",
                reason: format!(
                    "\"{}\" is not an input of the model of case {id} revision {revision} (account {account}){}",
                    realised.input,
                    suggest_id(&realised.input, ids.iter().map(String::as_str))
                ),
            }),
            Some(Err(why)) => refusals.push(RealisedRefusal {
                row,
                field: "account",
                reason: format!("account {account}: {why}"),
            }),
            None => {}
        }
    }
    Ok(refusals)
}

/// `GET /api/success/cases`: `{"cases": [{account, case: {id, revision},
/// document}]}` for every stored account with a case link, in account
/// order; `document` is the stored case document, null when that
/// revision is not stored.
pub fn cases_route(store: &Store) -> Response {
    let links = match store.success_case_links() {
        Ok(links) => links,
        Err(err) => return failed(err),
    };
    let mut list = Vec::with_capacity(links.len());
    for (account, id, revision) in links {
        let row = match (i64::try_from(id), i64::try_from(revision)) {
            (Ok(case_id), Ok(number)) => match store.case_revision(case_id, Some(number)) {
                Ok(row) => row.filter(|row| row.revision == number),
                Err(err) => return failed(err),
            },
            _ => None,
        };
        let document = row
            .and_then(|row| node_from_json(&row.case_json).ok())
            .unwrap_or(Node::Null);
        list.push(Node::Map(vec![
            ("account".into(), Node::Text(account)),
            (
                "case".into(),
                Node::Map(vec![
                    // Whole numbers from 1, read from the store's own rows.
                    ("id".into(), Node::Number(id as f64)),
                    ("revision".into(), Node::Number(revision as f64)),
                ]),
            ),
            ("document".into(), document),
        ]));
    }
    Response::json(
        200,
        canonical_json(&Node::Map(vec![("cases".into(), Node::List(list))])),
    )
}
