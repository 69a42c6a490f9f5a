//! The model's `cashFlow` declaration: which per-period calculations are
//! its net cash flow, the running total of it, and its benefits and costs,
//! so the workbench charts the cumulative cash flow with its payback point
//! and benefits against costs without guessing from ids.
//!
//! Reading and reference checks only; it evaluates nothing (payback comes
//! from `analysis::break_even` over the declared `net` series).

use super::diagnostic::{suggest_id, ModelDiagnosticCode, ModelPath};
use super::fields::{Diagnostics, Fields};
use super::spec::{CalculationSpec, CashFlowSpec};

/// The fields of `cashFlow`, in the order the docs list them.
const CASH_FLOW_FIELDS: &[&str] = &["net", "cumulative", "benefits", "costs"];

/// `cashFlow`: each field names a per-period calculation exactly as the
/// calculation writes its id (as a chart's `series` does), kept as its
/// index in `calculations`. `net` is
/// required; an unknown id or a scalar calculation is an
/// `unknown-reference` diagnostic at `cashFlow.<field>`, with the closest
/// series id.
pub fn read_cash_flow(
    top: &Fields<'_>,
    calculations: &[CalculationSpec],
    diagnostics: &mut Diagnostics,
) -> Option<CashFlowSpec> {
    let node = top.get("cashFlow")?;
    let fields = Fields::open(node, &top.field_path("cashFlow"), diagnostics)?;
    fields.reject_unknown(CASH_FLOW_FIELDS, diagnostics);
    let mut series = |key: &str, required: bool| {
        let wanted = fields.text(key, required, diagnostics)?;
        series_reference(&wanted, calculations, &fields.field_path(key), diagnostics)
    };
    let net = series("net", true);
    let cumulative = series("cumulative", false);
    let benefits = series("benefits", false);
    let costs = series("costs", false);
    Some(CashFlowSpec {
        net: net?,
        cumulative,
        benefits,
        costs,
    })
}

/// The index in `calculations` of the per-period calculation `series_id`
/// names, else a diagnostic at `path` naming the closest one (a chart's
/// `series` and `cashFlow` alike).
pub(super) fn series_reference(
    series_id: &str,
    calculations: &[CalculationSpec],
    path: &ModelPath,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let found = calculations
        .iter()
        .position(|c| c.per_period && c.id == series_id);
    if found.is_some() {
        return found;
    }
    let series_ids = calculations
        .iter()
        .filter(|c| c.per_period)
        .map(|c| c.id.as_str());
    diagnostics.push(
        ModelDiagnosticCode::UnknownReference,
        path,
        format!(
            "`{series_id}` is not a per-period calculation{}",
            suggest_id(series_id, series_ids)
        ),
    );
    None
}
