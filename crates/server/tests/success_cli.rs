//! The nightly batch scorer end to end: CSV exports and settings in a
//! temporary folder, the stage of each account at `--as-of` out, and a
//! folder with bad rows failing with every one on stderr.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use std::process::Command;

use support::success::{run_scorer, write_file};
use support::{documented_settings_text as documented_settings, temp_folder};

const ACCOUNTS: &str = "id,name,annual_value,currency,contract_start,first_value,renewal\n\
acme,Acme Corp,120000,EUR,2025-01-15,,2026-01-15\n\
globex,Globex,50000,EUR,2025-03-01,,2026-03-01\n\
hooli,Hooli,9000,EUR,2025-10-01,,2026-10-01\n\
initech,Initech,20000,EUR,2024-06-01,,2025-06-01\n";

#[test]
fn writes_the_stage_of_every_account_at_the_date() {
    let folder = temp_folder("success-cli-good");
    write_file(&folder, "settings.json", &documented_settings());
    write_file(&folder, "accounts.csv", ACCOUNTS);
    write_file(
        &folder,
        "renewals.csv",
        "account,date,result,value\ninitech,2025-06-01,churned,0\n",
    );
    let out = folder.join("scores.csv");
    let run = run_scorer(&folder, "2025-11-20", &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = std::fs::read_to_string(&out).expect("output");
    // 2025-11-20: acme's renewal 2026-01-15 is 56 days away (<= 90:
    // pre-renewal); globex is 264 days in with its renewal 101 days away
    // (established); hooli is 50 days in, no first value (onboarding);
    // initech churned on 2025-06-01.
    assert_eq!(
        written,
        "account,stage,score,grade,coverage\n\
acme,pre_renewal,,,\n\
globex,established,,,\n\
hooli,onboarding,,,\n\
initech,churned,,,\n"
    );
}

#[test]
fn bad_rows_fail_with_every_one_on_stderr_and_nothing_written() {
    let folder = temp_folder("success-cli-bad");
    write_file(&folder, "settings.json", &documented_settings());
    write_file(&folder, "accounts.csv", ACCOUNTS);
    write_file(
        &folder,
        "signals.csv",
        "account,date,metric,value\nacme,2025-04-01,logins,n/a\nacme,2025-02-30,logins,1\n",
    );
    let out = folder.join("scores.csv");
    let run = run_scorer(&folder, "2025-11-20", &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("signals.csv line 2, column value"),
        "{stderr}"
    );
    assert!(
        stderr.contains("signals.csv line 3, column date"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn refuses_a_missing_date_as_usage() {
    let run = Command::new(env!("CARGO_BIN_EXE_yardstick-success"))
        .args(["--data", ".", "--settings", "settings.json"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--as-of is required"));
}
