//! Helpers of the success tests (imported as `support::success`): CSV,
//! form and document imports, the stored data, the problems of a refused
//! import, and the nightly scorer's files and run.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use super::{Answer, Server};

/// POSTs `body` with the media type `media` to `target`.
pub fn post(server: &Server, target: &str, media: &str, body: &[u8]) -> Answer {
    server.request("POST", target, &[("Content-Type", media)], body)
}

/// One CSV table to `POST /api/success/import/{file}`.
pub fn post_csv(server: &Server, file: &str, body: &str) -> Answer {
    post(
        server,
        &format!("/api/success/import/{file}"),
        "text/csv",
        body.as_bytes(),
    )
}

/// The form boundary of [`post_form`]: a browser's kind of boundary.
const FORM_BOUNDARY: &str = "----YardstickFormBoundary7MA4YWxkTrZu0gW";

/// Several CSV tables in one `multipart/form-data` body to `POST
/// /api/success/import`, framed as a browser's `FormData` frames them.
pub fn post_form(server: &Server, files: &[(&str, &str)]) -> Answer {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .collect();
    post_form_bytes(server, &files)
}

/// [`post_form`] with files of any bytes.
pub fn post_form_bytes(server: &Server, files: &[(&str, &[u8])]) -> Answer {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{FORM_BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{FORM_BOUNDARY}--\r\n").as_bytes());
    post(
        server,
        "/api/success/import",
        &format!("multipart/form-data; boundary={FORM_BOUNDARY}"),
        &body,
    )
}

/// A whole `yardstick/success@1` document to `POST /api/success/import`.
pub fn import_document(server: &Server, document: &Value) -> Answer {
    post(
        server,
        "/api/success/import",
        "application/json",
        document.to_string().as_bytes(),
    )
}

/// Everything stored, as the success document.
pub fn data(server: &Server) -> Value {
    server.get_json("/api/success/data")
}

/// The `(file, line, column)` of every problem of a refused CSV import.
pub fn csv_places(answer: &Answer) -> Vec<(String, u64, Option<String>)> {
    answer.json()["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|problem| {
            (
                problem["file"].as_str().unwrap_or_default().to_string(),
                problem["line"].as_u64().unwrap_or_default(),
                problem["column"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// Writes `text` as `file` in `folder`.
pub fn write_file(folder: &Path, file: &str, text: &str) {
    std::fs::write(folder.join(file), text).expect("write");
}

/// Runs `yardstick-success` on the tables in `folder` with its
/// `settings.json`, as of `as_of`, writing to `out`.
pub fn run_scorer(folder: &Path, as_of: &str, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick-success"))
        .arg("--data")
        .arg(folder)
        .arg("--settings")
        .arg(folder.join("settings.json"))
        .args(["--as-of", as_of, "--out"])
        .arg(out)
        .output()
        .expect("runs")
}
