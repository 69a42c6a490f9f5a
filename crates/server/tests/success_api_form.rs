//! Several CSV tables in one form through a real socket (docs/success.md,
//! "The API"): every file's problems answered together and nothing
//! stored when any file is refused; a good form stored in one go, with
//! rows naming accounts of another file of the same form.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::json;
use support::success::{csv_places, data, post_form, post_form_bytes};
use support::Server;

const ACCOUNTS_CSV: &str = "id,name,annual_value,currency,contract_start,renewal\n\
acme,Acme Corp,120000,EUR,2025-01-15,2026-01-15\n\
globex,Globex,50000,EUR,2025-03-01,2026-03-01\n";

const SIGNALS_CSV: &str = "account,date,metric,value\n\
acme,2025-04-01,logins,0.42\n\
globex,2025-04-01,logins,0.8\n";

#[test]
fn every_refused_file_is_answered_and_nothing_of_the_form_is_stored() {
    let server = Server::memory();
    let bad_signals = "account,date,metric,value\nacme,2025-04-01,logins,n/a\n";
    let bad_renewals = "account,date,result,value\nacme,2026-01-15,maybe,1\n";
    let answer = post_form(
        &server,
        &[
            ("accounts.csv", ACCOUNTS_CSV),
            ("signals.csv", bad_signals),
            ("renewals.csv", bad_renewals),
            ("notes.csv", "x\n1\n"),
        ],
    );
    assert_eq!(answer.status, 400, "{}", answer.text());
    let places = csv_places(&answer);
    assert!(
        places.contains(&("signals.csv".into(), 2, Some("value".into()))),
        "{places:?}"
    );
    assert!(
        places.contains(&("renewals.csv".into(), 2, Some("result".into()))),
        "{places:?}"
    );
    assert!(
        places.iter().any(|(file, _, _)| file == "notes.csv"),
        "{places:?}"
    );
    assert!(
        !places.iter().any(|(file, _, _)| file == "accounts.csv"),
        "{places:?}"
    );
    assert_eq!(
        data(&server)["accounts"],
        json!([]),
        "the good file is not stored either"
    );
}

#[test]
fn a_file_that_cannot_be_split_is_answered_with_the_others_problems() {
    let server = Server::memory();
    let not_utf8: &[u8] = b"id,name\nacme,Acme \xff\n";
    let answer = post_form_bytes(
        &server,
        &[
            ("accounts.csv", not_utf8),
            (
                "signals.csv",
                b"account,date,metric,value\nnobody,2025-04-01,logins,1\n",
            ),
        ],
    );
    assert_eq!(answer.status, 400, "{}", answer.text());
    let files: Vec<String> = csv_places(&answer)
        .into_iter()
        .map(|(file, _, _)| file)
        .collect();
    assert!(files.contains(&"accounts.csv".to_string()), "{files:?}");
    assert!(files.contains(&"signals.csv".to_string()), "{files:?}");
}

#[test]
fn a_good_form_is_stored_in_one_go() {
    let server = Server::memory();
    // Signals before the accounts they name: one import, so order is free.
    let answer = post_form(
        &server,
        &[("signals.csv", SIGNALS_CSV), ("accounts.csv", ACCOUNTS_CSV)],
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["stored"]["accounts"], 2);
    assert_eq!(answer.json()["stored"]["signals"], 2);
    let stored = data(&server);
    assert_eq!(stored["accounts"].as_array().map(Vec::len), Some(2));
    assert_eq!(stored["signals"].as_array().map(Vec::len), Some(2));
    let again = post_form(
        &server,
        &[("accounts.csv", ACCOUNTS_CSV), ("signals.csv", SIGNALS_CSV)],
    );
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(data(&server), stored, "a re-import changes nothing");
}

#[test]
fn a_broken_form_is_refused_whole() {
    let server = Server::memory();
    let answer = support::success::post(
        &server,
        "/api/success/import",
        "multipart/form-data; boundary=b",
        b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"accounts.csv\"\r\n\r\nid\r\n",
    );
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert_eq!(data(&server)["accounts"], json!([]));
}
