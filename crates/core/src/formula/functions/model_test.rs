//! Unit tests of `formula::functions::model`.

use crate::formula::{evaluate, ErrorKind, Value};

#[test]
fn prev_outside_a_model_explains_itself() {
    match evaluate("PREV(x)").value {
        Value::Error(e) => {
            assert_eq!(e.kind, ErrorKind::NotAvailable);
            assert!(e.message.contains("per-period calculation"));
        }
        other => panic!("{other:?}"),
    }
    match evaluate("PREV(1+1)").value {
        Value::Error(e) => assert_eq!(e.kind, ErrorKind::Value),
        other => panic!("{other:?}"),
    }
}
