//! The example success data (tests/data/success/example.json) read by the
//! core, and its broken variants (tests/data/success/broken/, written by
//! validate_success.py from the same example) refused by the core as the
//! JSON Schema refuses them; then the example's stages under the default
//! settings.

// Helpers shared by the tests unwrap: a panic there is a failing test.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use yardstick_core::success::data::{RenewalResult, Stage, SuccessData};
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::stages::{stage_changes, stage_on};
use yardstick_json_text::node_from_json;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/success")
}

fn example() -> SuccessData {
    let text = include_str!("../../../tests/data/success/example.json");
    read_data(&node_from_json(text).unwrap()).unwrap()
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn the_example_reads_with_every_field() {
    let data = example();
    assert_eq!(data.accounts.len(), 3);
    let acme = &data.accounts[0];
    assert_eq!(acme.segment.as_deref(), Some("enterprise"));
    assert_eq!(acme.case.map(|c| (c.id, c.revision)), Some((12, 3)));
    assert_eq!(
        acme.stage_override.as_ref().and_then(|s| s.until),
        Some(date("2025-10-31"))
    );
    assert_eq!(data.signals.len(), 7);
    assert!(data.events[1].note.as_deref().unwrap().contains('\n'));
    assert_eq!(data.outcomes[0].renegotiations[0].agreed_by, "Acme COO");
    assert_eq!(data.outcomes[0].actuals.len(), 2);
    assert_eq!(data.renewals[1].result, RenewalResult::Churned);
}

#[test]
fn the_core_refuses_every_variant_the_schema_refuses() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(data_dir().join("broken"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 15,
        "expected the broken variants, found {}",
        entries.len()
    );
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let node = node_from_json(&text).unwrap();
        assert!(
            read_data(&node).is_err(),
            "the core accepts {}",
            path.display()
        );
    }
}

#[test]
fn the_example_accounts_move_through_their_stages() {
    let data = example();
    let stages = default_settings().stages;
    let on = |account: usize, day: &str| {
        stage_on(&data.accounts[account], stages, date(day), &data.renewals)
    };
    // Acme: onboarding until first value, the override in October 2025,
    // pre-renewal before the 2026-01-15 renewal, then a new 12-month term.
    assert_eq!(on(0, "2025-03-19"), Some(Stage::Onboarding));
    assert_eq!(on(0, "2025-06-01"), Some(Stage::Established));
    assert_eq!(on(0, "2025-10-15"), Some(Stage::PreRenewal));
    assert_eq!(on(0, "2025-11-01"), Some(Stage::PreRenewal));
    assert_eq!(on(0, "2026-02-01"), Some(Stage::Established));
    // Globex churned at its first renewal: no stage after it.
    assert_eq!(on(1, "2025-06-01"), Some(Stage::PreRenewal));
    assert_eq!(on(1, "2025-06-02"), None);
    let changes = stage_changes(
        &data.accounts[1],
        stages,
        &data.renewals,
        (date("2024-05-01"), date("2026-01-01")),
    );
    let marks: Vec<(String, Option<Stage>)> = changes
        .iter()
        .map(|c| (c.date.to_string(), c.stage))
        .collect();
    assert_eq!(
        marks,
        [
            ("2024-06-01".to_string(), Some(Stage::Onboarding)),
            ("2024-08-30".to_string(), Some(Stage::Established)),
            ("2025-03-03".to_string(), Some(Stage::PreRenewal)),
            ("2025-06-02".to_string(), None),
        ]
    );
}
