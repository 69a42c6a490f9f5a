//! `--success-demo` with the Execute phase (docs/success.md): the demo
//! case is stored through the cases store, eight accounts link it with
//! realised values, and the demo's checklist states and play completions
//! are stored with the rest.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::Value;
use support::Server;

fn rows<'a>(data: &'a Value, table: &str) -> &'a [Value] {
    data[table].as_array().map_or(&[], Vec::as_slice)
}

#[test]
fn the_demo_links_a_stored_case_to_eight_accounts_with_realised_values() {
    let server = Server::start(&["--db", ":memory:", "--success-demo"]);
    let cases = server.get_json("/api/success/cases");
    let links = cases["cases"].as_array().expect("a list of links");
    assert_eq!(links.len(), 8, "{cases}");
    for link in links {
        assert_eq!(link["case"]["revision"], Value::from(1));
        assert_eq!(link["document"]["schema"], Value::from("yardstick/case@1"));
        assert_eq!(
            link["document"]["model"]["id"],
            Value::from("business-case-5y")
        );
    }
    let data = server.get_json("/api/success/data");
    let realised = rows(&data, "realised");
    for link in links {
        let account = link["account"].as_str().expect("an account id");
        assert!(
            realised.iter().any(|row| row["account"] == account),
            "{account} has realised values"
        );
    }
    assert!(realised
        .iter()
        .all(|row| links.iter().any(|link| link["account"] == row["account"])));
    assert!(!rows(&data, "checklist").is_empty());
    assert!(!rows(&data, "plays").is_empty());
}
