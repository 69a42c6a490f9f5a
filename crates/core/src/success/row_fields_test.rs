//! Unit tests of the rows' shared reading: the CSV column naming rule, and
//! the fields a row reads, in order, through a recording [`RowFields`].

use super::*;

#[test]
fn a_column_is_its_key_in_snake_case_with_the_suffix() {
    assert!(column_is("target_date", "targetDate", ""));
    assert!(column_is("annual_value", "annualValue", ""));
    assert!(column_is("date", "date", ""));
    assert!(column_is("baseline_value", "baseline", "_value"));
    assert!(column_is("baseline_date", "baseline", "_date"));
    assert!(!column_is("targetdate", "targetDate", ""));
    assert!(!column_is("target_date_x", "targetDate", ""));
    assert!(!column_is("target", "targetDate", ""));
    assert!(!column_is("baseline", "baseline", "_value"));
    assert!(!column_is("", "id", ""));
}

/// Fields that answer every read from a fixed row and log the keys read.
#[derive(Default)]
struct Recorded {
    keys: Vec<String>,
    missing: &'static [&'static str],
}

impl Recorded {
    fn read(&mut self, key: &str) -> bool {
        self.keys.push(key.to_string());
        !self.missing.contains(&key)
    }
}

impl RowFields for Recorded {
    fn id(&mut self, key: &str, _: bool) -> Option<String> {
        self.read(key).then(|| format!("{key}-id"))
    }
    fn text(&mut self, key: &str, _: bool, _: bool) -> Option<String> {
        self.read(key).then(|| format!("{key} text"))
    }
    fn date(&mut self, key: &str, _: bool) -> Option<Date> {
        self.read(key)
            .then(|| Date::parse("2025-03-01").expect("a date"))
    }
    fn number(&mut self, key: &str, _: bool, range: (f64, f64)) -> Option<f64> {
        self.read(key).then_some(range.1.min(7.0))
    }
    fn choice(&mut self, key: &str, _: bool, _: &[&str]) -> Option<usize> {
        self.read(key).then_some(1)
    }
    fn currency(&mut self, key: &str) -> Option<String> {
        self.read(key).then(|| "EUR".to_string())
    }
    fn domains(&mut self, key: &str) -> Vec<String> {
        if self.read(key) {
            vec![format!("{key}.example")]
        } else {
            Vec::new()
        }
    }
    fn dated_value(&mut self, key: &str) -> Option<DatedValue> {
        let value = self.number(key, true, VALUE_RANGE)?;
        let date = self.date(key, true)?;
        Some(DatedValue { value, date })
    }
}

#[test]
fn rows_read_their_fields_in_order_and_need_the_required_ones() {
    let mut fields = Recorded::default();
    let renegotiation = renegotiation(&mut fields).expect("a renegotiation");
    assert_eq!(
        fields.keys,
        ["date", "target", "targetDate", "reason", "agreedBy"]
    );
    assert_eq!(renegotiation.agreed_by, "agreedBy text");

    let mut fields = Recorded::default();
    let renewal = renewal(&mut fields).expect("a renewal");
    assert_eq!(fields.keys, ["account", "date", "result", "value"]);
    assert_eq!(renewal.result, RenewalResult::Churned);

    // A missing required field: no row, but the fields after it are still
    // read (so every problem of the row is recorded).
    let mut fields = Recorded {
        missing: &["annualValue"],
        ..Recorded::default()
    };
    let stage_and_case = |_: &mut Recorded| (None, None);
    assert_eq!(account(&mut fields, stage_and_case), None);
    assert_eq!(fields.keys.len(), 10);
    assert_eq!(fields.keys.last().map(String::as_str), Some("domains"));
    let mut fields = Recorded {
        missing: &["account"],
        ..Recorded::default()
    };
    assert_eq!(signal(&mut fields), None);
    assert_eq!(fields.keys, ["account", "date", "metric", "value"]);
    // A missing optional one still makes the row.
    let mut fields = Recorded {
        missing: &["note"],
        ..Recorded::default()
    };
    assert_eq!(event(&mut fields).map(|event| event.note), Some(None));
}
