//! The success rows read field by field once, for both of their forms: a
//! JSON object of a data document (`data_read`) and a CSV record of an
//! import (`csv_records`). Each form implements [`RowFields`] (where a
//! field is, how a missing or refused one is recorded); the functions here
//! say which fields a row has, in which order they are read (so problems
//! come back in field order) and how they make the typed row.
//!
//! Fields are named by their JSON keys; a CSV column is the key in
//! snake_case (`targetDate` is `target_date`).

use super::data::*;
use super::date::Date;

/// The directions as documents write them, in the order of the enum.
pub const DIRECTIONS: [&str; 2] = ["increase", "decrease"];
/// The renewal results as documents write them, in the order of the enum.
pub const RESULTS: [&str; 2] = ["renewed", "churned"];
/// Values of outcomes: any finite number a spreadsheet shows.
pub const VALUE_RANGE: (f64, f64) = (-1e15, 1e15);

/// One row's fields by JSON key. Each read records its own problem (a
/// required field missing, a value refused) and gives `None` then.
pub(super) trait RowFields {
    /// An id field.
    fn id(&mut self, key: &str, required: bool) -> Option<String>;
    /// A text field (a note when `note`).
    fn text(&mut self, key: &str, required: bool, note: bool) -> Option<String>;
    /// A date field.
    fn date(&mut self, key: &str, required: bool) -> Option<Date>;
    /// A number field within `range`.
    fn number(&mut self, key: &str, required: bool, range: (f64, f64)) -> Option<f64>;
    /// A field that must be one of `names`: its position.
    fn choice(&mut self, key: &str, required: bool, names: &[&str]) -> Option<usize>;
    /// A required currency code.
    fn currency(&mut self, key: &str) -> Option<String>;
    /// An optional list of e-mail domains, separated by spaces
    /// (`values::domains`); empty when absent or refused.
    fn domains(&mut self, key: &str) -> Vec<String>;
    /// A required dated value (`{value, date}` in JSON; the columns
    /// `<key>_value` and `<key>_date` in CSV).
    fn dated_value(&mut self, key: &str) -> Option<DatedValue>;
}

/// An account. `more` reads what the two forms nest differently, after
/// the plain fields: the stage override and the case link.
pub(super) fn account<F: RowFields>(
    fields: &mut F,
    more: impl FnOnce(&mut F) -> (Option<AccountStageOverride>, Option<CaseLink>),
) -> Option<Account> {
    let id = fields.id("id", true);
    let name = fields.text("name", true, false);
    let segment = fields.id("segment", false);
    let owner = fields.id("owner", false);
    let annual_value = fields.number("annualValue", true, (0.0, MAX_MONEY));
    let currency = fields.currency("currency");
    let contract_start = fields.date("contractStart", true);
    let first_value = fields.date("firstValue", false);
    let renewal = fields.date("renewal", true);
    let (stage_override, case) = more(fields);
    let domains = fields.domains("domains");
    Some(Account {
        id: id?,
        name: name?,
        segment,
        owner,
        annual_value: annual_value?,
        currency: currency?,
        contract_start: contract_start?,
        first_value,
        renewal: renewal?,
        stage_override,
        case,
        domains,
    })
}

/// A signal.
pub(super) fn signal(fields: &mut impl RowFields) -> Option<Signal> {
    let account = fields.id("account", true);
    let date = fields.date("date", true);
    let metric = fields.id("metric", true);
    let value = fields.number("value", true, VALUE_RANGE);
    Some(Signal {
        account: account?,
        date: date?,
        metric: metric?,
        value: value?,
    })
}

/// An event.
pub(super) fn event(fields: &mut impl RowFields) -> Option<Event> {
    let account = fields.id("account", true);
    let date = fields.date("date", true);
    let kind = fields.id("kind", true);
    let note = fields.text("note", false, true);
    Some(Event {
        account: account?,
        date: date?,
        kind: kind?,
        note,
    })
}

/// An outcome. `more` reads its actuals and renegotiations (listed inside
/// it in JSON, in their own files in CSV) after the plain fields.
pub(super) fn outcome<F: RowFields>(
    fields: &mut F,
    more: impl FnOnce(&mut F) -> (Vec<Actual>, Vec<Renegotiation>),
) -> Option<Outcome> {
    let id = fields.id("id", true);
    let account = fields.id("account", true);
    let label = fields.text("label", true, false);
    let unit = fields.text("unit", false, false);
    let direction = fields
        .choice("direction", true, &DIRECTIONS)
        .map(|position| {
            if position == 0 {
                OutcomeDirection::Increase
            } else {
                OutcomeDirection::Decrease
            }
        });
    let baseline = fields.dated_value("baseline");
    let target = fields.dated_value("target");
    let (actuals, renegotiations) = more(fields);
    Some(Outcome {
        id: id?,
        account: account?,
        label: label?,
        unit,
        direction: direction?,
        baseline: baseline?,
        target: target?,
        actuals,
        renegotiations,
    })
}

/// A dated value's own fields, value then date (JSON's nested
/// `{value, date}` of an outcome's baseline and target).
pub(super) fn dated_value(fields: &mut impl RowFields) -> Option<DatedValue> {
    let value = fields.number("value", true, VALUE_RANGE);
    let date = fields.date("date", true);
    Some(DatedValue {
        value: value?,
        date: date?,
    })
}

/// An outcome's actual (without the outcome it belongs to), date then value.
pub(super) fn actual(fields: &mut impl RowFields) -> Option<Actual> {
    let date = fields.date("date", true);
    let value = fields.number("value", true, VALUE_RANGE);
    Some(DatedValue {
        value: value?,
        date: date?,
    })
}

/// An outcome's renegotiation (without the outcome it belongs to).
pub(super) fn renegotiation(fields: &mut impl RowFields) -> Option<Renegotiation> {
    let date = fields.date("date", true);
    let target = fields.number("target", true, VALUE_RANGE);
    let target_date = fields.date("targetDate", true);
    let reason = fields.text("reason", true, false);
    let agreed_by = fields.text("agreedBy", true, false);
    Some(Renegotiation {
        date: date?,
        target: target?,
        target_date: target_date?,
        reason: reason?,
        agreed_by: agreed_by?,
    })
}

/// A renewal.
pub(super) fn renewal(fields: &mut impl RowFields) -> Option<Renewal> {
    let account = fields.id("account", true);
    let date = fields.date("date", true);
    let result = fields.choice("result", true, &RESULTS).map(|position| {
        if position == 0 {
            RenewalResult::Renewed
        } else {
            RenewalResult::Churned
        }
    });
    let value = fields.number("value", true, (0.0, MAX_MONEY));
    Some(Renewal {
        account: account?,
        date: date?,
        result: result?,
        value: value?,
    })
}

/// Whether CSV column `column` is JSON key `key` in snake_case followed by
/// `suffix` (`target_date` is `targetDate`; `baseline_value` is
/// `baseline` + `_value`). Compares in place: nothing is allocated per
/// cell.
pub(super) fn column_is(column: &str, key: &str, suffix: &str) -> bool {
    let mut column_bytes = column.bytes();
    for byte in key.bytes() {
        if byte.is_ascii_uppercase() && column_bytes.next() != Some(b'_') {
            return false;
        }
        if column_bytes.next() != Some(byte.to_ascii_lowercase()) {
            return false;
        }
    }
    column_bytes.eq(suffix.bytes())
}

#[cfg(test)]
#[path = "row_fields_test.rs"]
mod tests;
