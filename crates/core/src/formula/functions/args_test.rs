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

#[test]
fn numbers_read_left_to_right_with_defaults_and_stop_at_the_first_error() {
    let args = [
        Value::Number(1.5),
        Value::Empty,
        Value::Text("2".into()),
        Value::Bool(true),
    ];
    assert_eq!(
        numbers(&args, &[9.0, 9.0, 0.0, 0.0, 7.0]),
        Ok([1.5, 9.0, 2.0, 1.0, 7.0, 0.0])
    );
    assert_eq!(numbers(&args, &[]), Ok([0.0; MAX_NUMBERS]));
    let failing = [
        Value::Number(1.0),
        Value::Text("x".into()),
        Value::Error(ErrorValue::new(ErrorKind::Num, "later")),
    ];
    assert_eq!(
        numbers(&failing, &[0.0; 3]).map_err(|e| e.kind),
        Err(ErrorKind::Value)
    );
}
