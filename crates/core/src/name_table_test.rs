use super::*;
use proptest::prelude::*;
use std::collections::HashMap;

#[test]
fn the_last_pair_of_a_name_wins_like_a_hash_map() {
    let table = NameTable::new(vec![
        ("b".to_string(), 0),
        ("a".to_string(), 1),
        ("b".to_string(), 2),
    ]);
    assert_eq!(table.get("a"), Some(1));
    assert_eq!(table.get("b"), Some(2));
    assert_eq!(table.get("c"), None);
    assert_eq!(table.get(""), None);
    assert_eq!(NameTable::default().get("a"), None);
}

#[test]
fn previous_uses_name_the_latest_earlier_equal_key() {
    let keys = ["x", "y", "x", "", "x", ""];
    assert_eq!(
        previous_uses(&keys),
        vec![None, None, Some(0), None, Some(2), Some(3)]
    );
    assert!(previous_uses(&[]).is_empty());
}

proptest! {
    #[test]
    fn lookups_agree_with_a_hash_map(
        pairs in proptest::collection::vec(("[a-d]{0,3}", 0usize..50), 0..60),
        probes in proptest::collection::vec("[a-e]{0,3}", 0..20),
    ) {
        let expected: HashMap<String, usize> = pairs.iter().cloned().collect();
        let table = NameTable::new(pairs);
        for (name, index) in &expected {
            prop_assert_eq!(table.get(name), Some(*index));
        }
        for probe in &probes {
            prop_assert_eq!(table.get(probe), expected.get(probe).copied());
        }
    }

    #[test]
    fn previous_uses_agree_with_a_scan(keys in proptest::collection::vec("[a-c]{0,2}", 0..60)) {
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let previous = previous_uses(&keys);
        for (index, key) in keys.iter().enumerate() {
            let scan = keys.get(..index).unwrap_or_default().iter().rposition(|k| k == key);
            prop_assert_eq!(previous.get(index).copied().flatten(), scan);
        }
    }
}
