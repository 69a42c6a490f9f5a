//! Tests of the form reader: bodies as browsers and curl frame them, file
//! names before field names, empty parts, and the refusals (no closing
//! delimiter, too many parts, another media type).
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use super::*;

/// A body as Chromium frames `FormData` with files.
fn body(boundary: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = String::new();
    for (name, text) in parts {
        out.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{text}\r\n"
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out.into_bytes()
}

#[test]
fn the_boundary_comes_from_the_content_type() {
    assert_eq!(
        boundary("multipart/form-data; boundary=----WebKitFormBoundaryX1"),
        Some("----WebKitFormBoundaryX1".to_string())
    );
    assert_eq!(
        boundary("Multipart/Form-Data; charset=x; boundary=\"a b\""),
        Some("a b".to_string())
    );
    assert_eq!(boundary("text/csv"), None);
    assert_eq!(boundary("multipart/form-data"), None);
    assert_eq!(boundary("multipart/form-data; boundary="), None);
    assert_eq!(
        boundary(&format!("multipart/form-data; boundary={}", "x".repeat(71))),
        None
    );
}

#[test]
fn every_file_comes_back_with_its_name_and_exact_bytes() {
    let text = "id,name\r\nacme,\"Acme\r\n--not the boundary\"\r\n";
    let framed = body("XyZ", &[("accounts.csv", text), ("signals.csv", "")]);
    let files = form_files("XyZ", &framed).unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].name, "accounts.csv");
    assert_eq!(files[0].bytes, text.as_bytes());
    assert_eq!(files[1].name, "signals.csv");
    assert_eq!(files[1].bytes, b"");
}

#[test]
fn a_preamble_is_skipped_and_a_field_name_serves_without_a_file_name() {
    let framed = b"ignored preamble\r\n--b\r\nContent-Disposition: form-data; name=\"renewals.csv\"\r\n\r\nx\r\n--b--";
    let files = form_files("b", framed).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "renewals.csv");
    assert_eq!(files[0].bytes, b"x");
}

#[test]
fn broken_forms_are_refused() {
    let whole = body("b", &[("a.csv", "1")]);
    let cut = &whole[..whole.len() - 8];
    assert!(form_files("b", cut).is_err(), "no closing delimiter");
    assert!(form_files("b", b"no parts here").is_err());
    let nameless = b"--b\r\nContent-Type: text/csv\r\n\r\nx\r\n--b--";
    assert!(form_files("b", nameless).is_err());
    let many: Vec<(String, &str)> = (0..=MAX_PARTS).map(|n| (format!("{n}.csv"), "x")).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let error = form_files("b", &body("b", &many)).unwrap_err();
    assert!(error.contains("parts"), "{error}");
    let exactly: Vec<(&str, &str)> = many[..MAX_PARTS].to_vec();
    assert_eq!(
        form_files("b", &body("b", &exactly)).unwrap().len(),
        MAX_PARTS
    );
}

#[test]
fn many_line_breaks_are_read_in_linear_time() {
    // A megabyte of CR LF pairs, each a candidate delimiter start.
    let text = "\r\n".repeat(512 * 1024);
    let framed = body(
        "a-long-boundary-of-forty-characters-0123",
        &[("x.csv", &text)],
    );
    let started = std::time::Instant::now();
    let files = form_files("a-long-boundary-of-forty-characters-0123", &framed).unwrap();
    assert_eq!(files[0].bytes.len(), text.len());
    assert!(started.elapsed().as_secs() < 2);
}
