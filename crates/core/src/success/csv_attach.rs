//! The actuals and renegotiations of a CSV import put on their outcomes:
//! on the outcome of the same import (in date order, for the outcome's
//! rules), kept apart for an outcome stored earlier, or refused when
//! neither; with the per-outcome bounds and duplicates among the stored
//! outcomes' rows.

use super::{CsvImport, Lines, StoredOutcomeActual, StoredOutcomeRenegotiation};
use crate::model::diagnostic::suggest_id;
use crate::success::csv_tables::problem;
use crate::success::data::*;
use crate::success::data_checks::{duplicates, MAX_SUGGESTIONS};
use crate::success::date::Date;
use crate::success::diagnostic::{CsvProblem, SuccessCode};

pub(super) type Pending = (
    Vec<(u64, String, Actual)>,
    Vec<(u64, String, Renegotiation)>,
);

/// Puts each actual and renegotiation on its outcome of this import (in
/// date order), or keeps it apart for a stored outcome; an outcome neither
/// here nor stored is a problem, and so is a per-outcome bound passed.
pub(super) fn attach(
    import: &mut CsvImport,
    lines: &mut Lines,
    (actuals, renegotiations): Pending,
    known: &KnownIds,
    problems: &mut Vec<CsvProblem>,
) {
    let outcomes = &mut import.data.outcomes;
    let mut by_id: Vec<(String, usize)> = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    by_id.sort_unstable();
    let find = |id: &str| -> Option<usize> {
        let position = by_id.partition_point(|(key, _)| key.as_str() < id);
        by_id
            .get(position)
            .filter(|(key, _)| key == id)
            .map(|(_, i)| *i)
    };
    lines.actuals = vec![Vec::new(); outcomes.len()];
    lines.renegotiations = vec![Vec::new(); outcomes.len()];
    let mut stored_lines: (Vec<u64>, Vec<u64>) = (Vec::new(), Vec::new());
    let mut suggestions = 0;
    let mut unknown = |file: &str, line: u64, id: &str, problems: &mut Vec<CsvProblem>| {
        let hint = if suggestions < MAX_SUGGESTIONS {
            suggestions += 1;
            let ids = by_id
                .iter()
                .map(|(id, _)| id.as_str())
                .chain(known.outcomes().iter().map(String::as_str));
            suggest_id(id, ids)
        } else {
            String::new()
        };
        let reason = format!("no outcome has the id \"{id}\"{hint}");
        problems.push(problem(
            file,
            line,
            Some("outcome"),
            SuccessCode::UnknownReference,
            reason,
        ));
    };
    let mut sorted_actuals = actuals;
    crate::small_sort::sort_by(&mut sorted_actuals, |a, b| {
        (a.2.date, a.0) < (b.2.date, b.0)
    });
    for (line, outcome, actual) in sorted_actuals {
        match find(&outcome) {
            Some(index) => {
                if let (Some(o), Some(l)) = (outcomes.get_mut(index), lines.actuals.get_mut(index))
                {
                    o.actuals.push(actual);
                    l.push(line);
                }
            }
            None if known.has_outcome(&outcome) => {
                import
                    .stored_actuals
                    .push(StoredOutcomeActual { outcome, actual });
                stored_lines.0.push(line);
            }
            None => unknown("outcome_actuals.csv", line, &outcome, problems),
        }
    }
    let mut sorted_renegotiations = renegotiations;
    crate::small_sort::sort_by(&mut sorted_renegotiations, |a, b| {
        (a.2.date, a.0) < (b.2.date, b.0)
    });
    for (line, outcome, renegotiation) in sorted_renegotiations {
        match find(&outcome) {
            Some(index) => {
                if let (Some(o), Some(l)) =
                    (outcomes.get_mut(index), lines.renegotiations.get_mut(index))
                {
                    o.renegotiations.push(renegotiation);
                    l.push(line);
                }
            }
            None if known.has_outcome(&outcome) => {
                import
                    .stored_renegotiations
                    .push(StoredOutcomeRenegotiation {
                        outcome,
                        renegotiation,
                    });
                stored_lines.1.push(line);
            }
            None => unknown("outcome_renegotiations.csv", line, &outcome, problems),
        }
    }
    for (outcome, (actual_lines, renegotiation_lines)) in outcomes
        .iter()
        .zip(lines.actuals.iter().zip(&lines.renegotiations))
    {
        let bounds = [
            (
                "outcome_actuals.csv",
                outcome.actuals.len(),
                MAX_ACTUALS_PER_OUTCOME,
                actual_lines,
            ),
            (
                "outcome_renegotiations.csv",
                outcome.renegotiations.len(),
                MAX_RENEGOTIATIONS_PER_OUTCOME,
                renegotiation_lines,
            ),
        ];
        for (file, count, bound, rows) in bounds {
            if count > bound {
                let line = rows.get(bound).copied().unwrap_or(0);
                let reason = format!(
                    "the outcome \"{}\" has {count} rows here, more than the bound of {bound}",
                    outcome.id
                );
                problems.push(problem(
                    file,
                    line,
                    Some("outcome"),
                    SuccessCode::TooLarge,
                    reason,
                ));
            }
        }
    }
    let keys: Vec<(&str, Date)> = import
        .stored_actuals
        .iter()
        .map(|row| (row.outcome.as_str(), row.actual.date))
        .collect();
    for (later, earlier) in duplicates(&keys) {
        let (line, first) = (stored_lines.0.get(later), stored_lines.0.get(earlier));
        let reason = format!(
            "a second actual for the same outcome and date (also on line {})",
            first.copied().unwrap_or(0)
        );
        problems.push(problem(
            "outcome_actuals.csv",
            line.copied().unwrap_or(0),
            Some("date"),
            SuccessCode::DuplicateRow,
            reason,
        ));
    }
    let keys: Vec<(&str, Date)> = import
        .stored_renegotiations
        .iter()
        .map(|row| (row.outcome.as_str(), row.renegotiation.date))
        .collect();
    for (later, earlier) in duplicates(&keys) {
        let (line, first) = (stored_lines.1.get(later), stored_lines.1.get(earlier));
        let reason = format!(
            "a second renegotiation for the same outcome and date (also on line {})",
            first.copied().unwrap_or(0)
        );
        problems.push(problem(
            "outcome_renegotiations.csv",
            line.copied().unwrap_or(0),
            Some("date"),
            SuccessCode::DuplicateRow,
            reason,
        ));
    }
    check_stored_baselines(import, &stored_lines.1, known, problems);
}

/// A renegotiation of a stored outcome against its stored baseline date
/// (when the store passed it): none before it, target dates after it.
fn check_stored_baselines(
    import: &CsvImport,
    lines: &[u64],
    known: &KnownIds,
    problems: &mut Vec<CsvProblem>,
) {
    for (row, line) in import.stored_renegotiations.iter().zip(lines) {
        let Some(baseline) = known.stored().baseline(&row.outcome) else {
            continue;
        };
        let renegotiation = &row.renegotiation;
        let broken = if renegotiation.date < baseline {
            Some(("date", renegotiation.date, "on or after"))
        } else if renegotiation.target_date <= baseline {
            Some(("target_date", renegotiation.target_date, "after"))
        } else {
            None
        };
        if let Some((column, date, order)) = broken {
            let reason = format!(
                "{date} must be {order} the stored baseline date {baseline} of {}",
                row.outcome
            );
            problems.push(problem(
                "outcome_renegotiations.csv",
                *line,
                Some(column),
                SuccessCode::DateOrder,
                reason,
            ));
        }
    }
}
