//! Architectural invariants from the design, checked on the source tree:
//! only `src/wasm/` (and native programs in `src/bin/`) may know JavaScript,
//! `finance` knows nothing of `formula`, and the core reads no clock and no
//! global randomness.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources_under(relative: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let name = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

fn offenders(relative: &str, skip: &[&str], forbidden: &[&str]) -> Vec<String> {
    sources_under(relative)
        .into_iter()
        .filter(|(name, _)| !skip.iter().any(|s| name.starts_with(s)))
        .flat_map(|(name, text)| {
            forbidden
                .iter()
                .filter(|word| text.contains(*word))
                .map(|word| format!("{name} names {word}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn only_the_wasm_module_knows_javascript() {
    let found = offenders(
        "src",
        &["src/wasm/", "src/bin/"],
        &["JsValue", "wasm_bindgen", "js_sys", "web_sys"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn finance_knows_nothing_of_formula() {
    let found = offenders(
        "src/finance",
        &[],
        &["crate::formula", "super::super::formula"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn layers_depend_one_way() {
    let found: Vec<String> = [
        (
            "src/formula",
            &[
                "crate::model",
                "crate::scoring",
                "crate::uncertainty",
                "crate::engagement",
            ][..],
        ),
        ("src/model", &["crate::scoring", "crate::engagement"][..]),
        (
            "src/uncertainty",
            &[
                "crate::model",
                "crate::formula",
                "crate::scoring",
                "crate::engagement",
            ][..],
        ),
        (
            "src/scoring",
            &["crate::model", "crate::formula", "crate::engagement"][..],
        ),
        ("src/finance", &["crate::engagement"][..]),
        ("src/engagement", &["crate::formula"][..]),
    ]
    .into_iter()
    .flat_map(|(dir, forbidden)| offenders(dir, &[], forbidden))
    .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_core_reads_no_clock_and_no_global_randomness() {
    let found = offenders(
        "src",
        &["src/bin/"],
        &[
            "SystemTime",
            "Instant::now",
            "thread_rng",
            "getrandom",
            "std::fs",
            "std::net",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_checks_would_catch_a_violation() {
    // Guards the guard: the scan must see this file's own forbidden words.
    let found = offenders("tests", &[], &["JsValue"]);
    assert!(
        found.iter().any(|f| f.contains("invariants.rs")),
        "{found:#?}"
    );
}
