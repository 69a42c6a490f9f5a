//! Closing a case without a commitment, and opening it again
//! (docs/cases.md): `POST /api/cases/{id}/drop` with `{"baseRevision",
//! "reason", "author"}` saves the latest case as dropped, and
//! `POST /api/cases/{id}/reopen` with `{"baseRevision", "author"}` saves it
//! open again. Each is a revision like a step move (figures recomputed,
//! the summary names `dropped`, 409 over a newer revision), sent without
//! the model, so edits the page has not saved are never saved with it.
//!
//! The reason's rule is the core's (`cases::read::read_drop_reason`, the
//! rule of the document's `dropped.reason`); what a drop means for the
//! pipeline is `cases::pipeline`'s.

use yardstick_core::cases::read::read_drop_reason;

use crate::cases::{refusal, CasesContext};
use crate::cases_history::revise_latest;
use crate::http::{Request, Response};

/// `POST /api/cases/{id}/drop`: the case dropped for `reason` (a dropped
/// case may be dropped again to reword its reason).
pub fn drop_case(context: &CasesContext<'_>, request: &Request, case_id: i64) -> Response {
    revise_latest(
        context,
        request,
        case_id,
        &["reason"],
        |entries, case, _| {
            let Some((_, node)) = entries.iter().find(|(key, _)| key == "reason") else {
                return Err(refusal(
                    "is required: why the customer dropped the project",
                    "reason",
                ));
            };
            let drop = read_drop_reason(node, "reason")
                .map_err(|problem| refusal(&problem.message, &problem.path))?;
            case.dropped = Some(drop);
            Ok(())
        },
    )
}

/// `POST /api/cases/{id}/reopen`: the dropped case open again at its step.
/// A case that is open at the base revision is refused (400), unless the
/// base is not the latest, which is the usual 409.
pub fn reopen_case(context: &CasesContext<'_>, request: &Request, case_id: i64) -> Response {
    revise_latest(context, request, case_id, &[], |_, case, base_is_latest| {
        if case.dropped.is_none() && base_is_latest {
            return Err(refusal(
                "the case is open: there is nothing to reopen",
                "baseRevision",
            ));
        }
        case.dropped = None;
        Ok(())
    })
}
