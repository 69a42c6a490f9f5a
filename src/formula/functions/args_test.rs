//! Unit tests of `formula::functions::args`.

use super::*;
use crate::formula::value::Array;

#[test]
fn aggregates_follow_excel_direct_versus_array_rules() {
    let array = Value::Array(
        Array::from_row(vec![
            Value::Number(1.0),
            Value::Text("3".into()),
            Value::Bool(true),
        ])
        .unwrap(),
    );
    assert_eq!(
        aggregate_numbers(&[
            array,
            Value::Text("3".into()),
            Value::Bool(true),
            Value::Empty
        ]),
        Ok(vec![1.0, 3.0, 1.0])
    );
    assert!(aggregate_numbers(&[Value::Text("x".into())]).is_err());
}
