//! The site's copy of the function summaries (`www/function-summaries.json`,
//! fetched by the playground because no wasm build carries the text) must
//! equal what the registry writes, so a new or renamed function cannot
//! ship without its summary.

use yardstick_core::formula::functions;

#[test]
fn function_summaries_json_is_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/function-summaries.json"
    );
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == functions::summaries_json(),
        "www/function-summaries.json is out of date; rewrite it with \
         `cargo run -q -p yardstick-core --example function_summaries > www/function-summaries.json`"
    );
}

#[test]
fn every_function_has_a_sentence() {
    for spec in functions::all() {
        let summary = functions::summary(spec.name).unwrap_or_default();
        assert!(summary.ends_with('.'), "{}: {summary:?}", spec.name);
    }
}
