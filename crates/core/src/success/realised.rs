//! Realised against projected value (docs/success.md, "Realised value"):
//! the account's business case re-evaluated with what the customer
//! actually measured, period by period, against the case as sold.
//!
//! The caller supplies the case document (the core does no I/O). Decisions:
//!
//! - **Periods**: the model's period `p` (1 to N) runs from `contractStart`
//!   plus `(p − 1) × L` months to the day before `contractStart` plus
//!   `p × L` months, `L` the model's unit (12, 3 or 1 months; month ends
//!   as Excel's EDATE). Period 0, the investment, holds no benefit here.
//!   A period has elapsed on `d` when its last day is on or before `d`.
//! - **Actuals**: for period `p`, each input takes its own latest realised
//!   value dated on or before the period's last day (so never one dated
//!   after `d`); inputs without one keep the case's value. An actual the
//!   model refuses (not an input, out of bounds) is left out and listed.
//! - **Benefit lines**: the per-period calculations that `cashFlow.benefits`
//!   reads in the same period; when it reads none (a model that names only
//!   a total, or builds it from scalars), the benefits series is the one
//!   line. The totals and the ratio read the benefits series itself, so
//!   lines that do not add up to it (a subtracted line) do not skew them.
//!   A period value that is not a number counts as 0.
//! - **Ratio**: realised over projected benefits summed over the elapsed
//!   periods; missing when no period has elapsed, no actual is dated on or
//!   before the last elapsed period's end, or the projection to date is 0.
//!
//! Bounded: one projected evaluation and at most one realised evaluation
//! per period (a period whose actuals equal the previous one's reuses it).

use super::data::RealisedValue;
use super::date::Date;
use crate::cases::read::CaseDocument;
use crate::formula::value::Value;
use crate::model::spec::{InputValue, PeriodUnit};
use crate::model::{CompiledModel, ModelState};

/// Why a case cannot be compared.
#[derive(Debug, Clone, PartialEq)]
pub enum RealisedError {
    /// The case's model does not compile, or the case's inputs do not fit it.
    Case(String),
    /// The model declares no `cashFlow.benefits` series.
    NoBenefits,
}

/// An actual left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedActual {
    /// The input's id.
    pub input: String,
    /// The row's date.
    pub date: Date,
    /// Why the model refused it.
    pub reason: String,
}

/// One benefit line to date.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitLine {
    /// The calculation's id.
    pub id: String,
    /// Its label, when the model gives one.
    pub label: Option<String>,
    /// The case's values summed over the elapsed periods.
    pub projected_to_date: f64,
    /// The values with the actuals, summed over the elapsed periods.
    pub realised_to_date: f64,
    /// Realised minus projected.
    pub variance: f64,
    /// The variance as a percent of the projection's size; `None` when
    /// the projection to date is 0.
    pub variance_percent: Option<f64>,
}

/// Realised against projected value on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct RealisedReport {
    /// Periods elapsed on the date.
    pub periods_elapsed: usize,
    /// Per benefit line.
    pub lines: Vec<BenefitLine>,
    /// The benefits series summed over the elapsed periods, as sold.
    pub projected_to_date: f64,
    /// The same with the actuals.
    pub realised_to_date: f64,
    /// Realised over projected (see the module's decisions).
    pub ratio: Option<f64>,
    /// Actuals the model refused.
    pub refused: Vec<RefusedActual>,
    /// The currency of every money figure above: the case's (its
    /// settings', else its model's), which need not be the account's.
    pub currency: String,
}

/// Per-period values of the benefits and its lines, as sold and with the
/// actuals, for every period that has elapsed by the date it was built on.
#[derive(Debug, Clone, PartialEq)]
pub struct RealisedTimeline {
    /// `(id, label)` of each line.
    lines: Vec<(String, Option<String>)>,
    /// The last day of each elapsed period, ascending.
    period_ends: Vec<Date>,
    /// Per period: the benefits total then each line, as sold.
    projected: Vec<Vec<f64>>,
    /// The same with the actuals.
    realised: Vec<Vec<f64>>,
    /// The earliest usable actual's date.
    first_actual: Option<Date>,
    refused: Vec<RefusedActual>,
    currency: String,
}

/// The ids of the inputs of the case's model (to check realised rows'
/// `input` against, where the case is known).
pub fn model_input_ids(case: &CaseDocument) -> Result<Vec<String>, RealisedError> {
    let model = compile(case)?;
    Ok(model.spec().inputs.iter().map(|i| i.id.clone()).collect())
}

fn compile(case: &CaseDocument) -> Result<CompiledModel, RealisedError> {
    CompiledModel::compile(&case.model_document).map_err(|diagnostics| {
        let first = diagnostics.first().map(|d| d.message.clone());
        RealisedError::Case(format!(
            "the case's model does not compile: {}",
            first.unwrap_or_default()
        ))
    })
}

impl RealisedTimeline {
    /// Evaluates the case for every period elapsed by `until`, with the
    /// account's `rows` (other accounts' rows must be left out by the
    /// caller; any order).
    pub fn new(
        case: &CaseDocument,
        contract_start: Date,
        rows: &[&RealisedValue],
        until: Date,
    ) -> Result<RealisedTimeline, RealisedError> {
        let model = compile(case)?;
        let spec = model.spec();
        let benefits = spec
            .cash_flow
            .as_ref()
            .and_then(|flow| flow.benefits)
            .ok_or(RealisedError::NoBenefits)?;
        let mut series = vec![benefits];
        let reads: Vec<usize> = model
            .calculation_reads(benefits)
            .into_iter()
            .filter(|c| spec.calculations.get(*c).is_some_and(|c| c.per_period))
            .collect();
        series.extend(if reads.is_empty() {
            vec![benefits]
        } else {
            reads
        });
        let lines = series
            .iter()
            .skip(1)
            .filter_map(|c| spec.calculations.get(*c))
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        let mut case_inputs = model.default_inputs();
        for (id, node) in &case.inputs {
            let index = model
                .input_index(id)
                .map_err(|err| RealisedError::Case(err.to_string()))?;
            let value = model
                .input_from_node(index, node.clone())
                .map_err(|err| RealisedError::Case(format!("{id}: {err}")))?;
            if let Some(slot) = case_inputs.get_mut(index) {
                *slot = value;
            }
        }
        // The usable actuals, checked by the model, sorted by date.
        let mut refused = Vec::new();
        let mut actuals: Vec<(Date, usize, InputValue)> = Vec::with_capacity(rows.len());
        for row in rows {
            let checked = model.input_index(&row.input).and_then(|index| {
                let value = model.check_input(index, &InputValue::Number(row.value))?;
                Ok((index, value))
            });
            match checked {
                Ok((index, value)) => actuals.push((row.date, index, value)),
                Err(err) => refused.push(RefusedActual {
                    input: row.input.clone(),
                    date: row.date,
                    reason: err.to_string(),
                }),
            }
        }
        actuals.sort_by_key(|a| a.0);
        let months = match spec.horizon.unit {
            PeriodUnit::Year => 12,
            PeriodUnit::Quarter => 3,
            PeriodUnit::Month => 1,
        };
        let projected_state = model.evaluate(&case_inputs);
        let mut timeline = RealisedTimeline {
            lines,
            period_ends: Vec::new(),
            projected: Vec::new(),
            realised: Vec::new(),
            first_actual: actuals.first().map(|a| a.0),
            refused,
            currency: case
                .settings
                .currency
                .clone()
                .unwrap_or_else(|| spec.currency.clone()),
        };
        let mut inputs = case_inputs.clone();
        let mut used = 0;
        let mut state: Option<ModelState> = None;
        for period in 1..=spec.horizon.periods {
            let end = contract_start
                .plus_months(
                    i64::try_from(period)
                        .unwrap_or(i64::MAX)
                        .saturating_mul(months),
                )
                .and_then(|next| next.plus_days(-1));
            let Some(end) = end.filter(|end| *end <= until) else {
                break;
            };
            let before = used;
            while let Some((date, index, value)) = actuals.get(used) {
                if *date > end {
                    break;
                }
                if let Some(slot) = inputs.get_mut(*index) {
                    *slot = value.clone();
                }
                used += 1;
            }
            if state.is_none() || used > before {
                state = Some(model.evaluate(&inputs));
            }
            let realised_state = state.as_ref().unwrap_or(&projected_state);
            timeline.period_ends.push(end);
            timeline
                .projected
                .push(period_values(&model, &projected_state, &series, period));
            timeline
                .realised
                .push(period_values(&model, realised_state, &series, period));
        }
        Ok(timeline)
    }

    /// How many periods have elapsed on `date` (at most those built).
    fn elapsed_on(&self, date: Date) -> usize {
        self.period_ends.partition_point(|end| *end <= date)
    }

    /// Realised over projected on `date` (the module's decisions).
    pub fn ratio_on(&self, date: Date) -> Option<f64> {
        let elapsed = self.elapsed_on(date);
        let last_end = *self.period_ends.get(elapsed.checked_sub(1)?)?;
        if !self.first_actual.is_some_and(|first| first <= last_end) {
            return None;
        }
        let projected = sum(&self.projected, elapsed, 0);
        let realised = sum(&self.realised, elapsed, 0);
        (projected != 0.0).then(|| realised / projected)
    }

    /// The whole report on `date`.
    pub fn report_on(&self, date: Date) -> RealisedReport {
        let elapsed = self.elapsed_on(date);
        let mut lines = Vec::with_capacity(self.lines.len());
        for (position, (id, label)) in self.lines.iter().enumerate() {
            let projected = sum(&self.projected, elapsed, position + 1);
            let realised = sum(&self.realised, elapsed, position + 1);
            let variance = realised - projected;
            lines.push(BenefitLine {
                id: id.clone(),
                label: label.clone(),
                projected_to_date: projected,
                realised_to_date: realised,
                variance,
                variance_percent: (projected != 0.0).then(|| variance / projected.abs() * 100.0),
            });
        }
        RealisedReport {
            periods_elapsed: elapsed,
            lines,
            projected_to_date: sum(&self.projected, elapsed, 0),
            realised_to_date: sum(&self.realised, elapsed, 0),
            ratio: self.ratio_on(date),
            refused: self.refused.clone(),
            currency: self.currency.clone(),
        }
    }
}

/// Realised against projected value on `date`: [`RealisedTimeline`] built
/// up to `date` and read on it.
pub fn realised_to_date(
    case: &CaseDocument,
    contract_start: Date,
    rows: &[&RealisedValue],
    date: Date,
) -> Result<RealisedReport, RealisedError> {
    Ok(RealisedTimeline::new(case, contract_start, rows, date)?.report_on(date))
}

/// The values of `series` (calculation places) in `period`.
fn period_values(
    model: &CompiledModel,
    state: &ModelState,
    series: &[usize],
    period: usize,
) -> Vec<f64> {
    series
        .iter()
        .map(
            |calculation| match state.calculation_at(model, *calculation) {
                Some(crate::model::Slot::Series(values)) => match values.get(period) {
                    Some(Value::Number(n)) if n.is_finite() => *n,
                    _ => 0.0,
                },
                _ => 0.0,
            },
        )
        .collect()
}

/// Column `column` of the first `periods` rows, summed.
fn sum(rows: &[Vec<f64>], periods: usize, column: usize) -> f64 {
    rows.iter()
        .take(periods)
        .filter_map(|row| row.get(column))
        .sum()
}

#[cfg(test)]
#[path = "realised_test.rs"]
mod tests;
