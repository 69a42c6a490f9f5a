//! `examples/success/` is the folder a new user tries first (README,
//! docs/success.md): its CSV tables import into an empty server as one
//! form, and the nightly scorer scores them with its `settings.json`.
//! Both fail here first if the formats move on and the example does not.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use support::success::{data, post_form, run_scorer};
use support::{repository_root, temp_folder, Server};

/// Every CSV table of the example folder, `(file name, text)`.
fn example_tables() -> Vec<(String, String)> {
    let folder = repository_root().join("examples").join("success");
    let mut tables: Vec<(String, String)> = std::fs::read_dir(&folder)
        .expect("examples/success")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("read"))
        })
        .collect();
    tables.sort();
    tables
}

#[test]
fn the_example_tables_import_into_an_empty_server_as_one_form() {
    let tables = example_tables();
    assert!(tables.len() >= 5, "{tables:?}");
    let server = Server::memory();
    let files: Vec<(&str, &str)> = tables
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let answer = post_form(&server, &files);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let stored = data(&server);
    let ids: Vec<&str> = stored["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acme", "globex", "initech"]);
    assert!(stored["signals"].as_array().unwrap().len() > 100);
    assert_eq!(
        stored["outcomes"][0]["renegotiations"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Idempotent: the same form again changes nothing.
    assert_eq!(post_form(&server, &files).status, 200);
    assert_eq!(data(&server), stored);
}

#[test]
fn the_nightly_scorer_scores_the_example_folder() {
    let folder = repository_root().join("examples").join("success");
    let out = temp_folder("success-example-scores").join("scores.csv");
    let run = run_scorer(&folder, "2026-04-30", &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("the scores");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["account", "stage", "score", "grade", "coverage"]);
    let stage = |id: &str| rows.iter().find(|r| r[0] == id).map(|r| r[1]);
    // Acme renewed and is established, Globex started in September 2025,
    // Initech churned on 2025-11-01 and keeps its frozen score.
    assert_eq!(stage("acme"), Some("established"));
    assert_eq!(stage("globex"), Some("established"));
    assert_eq!(stage("initech"), Some("churned"));
    for row in &rows[1..] {
        let score: f64 = row[2].parse().expect("every example account has a score");
        assert!((0.0..=100.0).contains(&score), "{row:?}");
    }
}
