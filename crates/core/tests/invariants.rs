//! Architectural invariants from the design that the crate graph alone
//! cannot show. Which crate may know JavaScript, I/O or the server is
//! Cargo's to enforce: the core's dependencies name none of them, and the
//! first test here reads them back with `cargo tree` so that adding one
//! fails. Inside the core, one crate, the text scans remain: `finance`
//! knows nothing of `formula`, the modules depend one way, and the core
//! reads no clock, no global randomness and no files or sockets.
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
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
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

/// Crates the core must never depend on, directly or through another crate:
/// JavaScript bindings, the async runtime and HTTP stack, SQLite, JSON text
/// (the native-only `yardstick-json-text` crate) and the other layers.
const FORBIDDEN_IN_THE_CORE: [&str; 12] = [
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "tokio",
    "hyper",
    "rusqlite",
    "libsqlite3-sys",
    "serde_json",
    "getrandom",
    "yardstick-wasm",
    "yardstick-serve",
    "yardstick-json-text",
];

/// The names of every crate `package` depends on, with build dependencies
/// but without dev-dependencies (tests may use anything); `targets` is
/// cargo tree's `--target`: `Some("all")` for every platform (wasm
/// included), `None` for this machine's.
fn dependencies_of(package: &str, targets: Option<&str>) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--quiet", "-p", package])
        .args(["-e", "normal,build"])
        .args(
            targets
                .map(|targets| ["--target", targets])
                .iter()
                .flatten(),
        )
        .args(["--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn forbidden_dependencies(package: &str, targets: Option<&str>) -> Vec<String> {
    dependencies_of(package, targets)
        .into_iter()
        .filter(|name| FORBIDDEN_IN_THE_CORE.contains(&name.as_str()))
        .collect()
}

#[test]
fn the_core_depends_on_no_javascript_io_or_other_layer() {
    let found = forbidden_dependencies("yardstick-core", Some("all"));
    assert!(found.is_empty(), "yardstick-core depends on {found:#?}");
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
        ("src/engagement", &["crate::formula", "crate::model"][..]),
        (
            "src/json.rs",
            &[
                "crate::model",
                "crate::formula",
                "crate::finance",
                "crate::uncertainty",
                "crate::scoring",
                "crate::engagement",
            ][..],
        ),
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
        &[],
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
    // Guards the guards: the scan must see this file's own forbidden words,
    // and the dependency check must see the server's async runtime and SQLite.
    let found = offenders("tests", &[], &["SystemTime"]);
    assert!(
        found.iter().any(|f| f.contains("invariants.rs")),
        "{found:#?}"
    );
    // The server only for the machine's own target: for every target its
    // tree names platform crates that need not be downloaded.
    let server = forbidden_dependencies("yardstick-serve", None);
    for name in ["tokio", "rusqlite", "yardstick-json-text"] {
        assert!(server.iter().any(|found| found == name), "{server:#?}");
    }
}
