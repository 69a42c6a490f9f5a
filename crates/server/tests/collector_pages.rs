//! The collector's pages: security headers (Content-Security-Policy with
//! the right frame-ancestors, nosniff, Referrer-Policy), validators and
//! conditional GETs on static files, models gzipped as they are sent, the
//! embed page's configured origins, and `--bind`.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

mod support;
use support::{temp_folder, Server};

/// A fresh served root for one test, with its `www/` and `pkg/` folders.
fn temp_root(name: &str) -> PathBuf {
    let root = temp_folder(name);
    std::fs::create_dir_all(root.join("www")).unwrap();
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    root
}

/// The directives of a Content-Security-Policy, by name.
fn directive(csp: &str, name: &str) -> Vec<String> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
        .unwrap_or_else(|| panic!("no {name} in {csp}"))
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn pages_carry_security_headers() {
    let server = Server::start(&[
        "--db",
        ":memory:",
        "--allow-origin",
        "https://shop.example.com",
    ]);
    for page in ["/", "/dashboard.html", "/gallery.html", "/embed-this.html"] {
        let answer = server.get(page);
        assert_eq!(answer.status, 200, "{page}");
        let csp = answer.header("Content-Security-Policy").unwrap();
        assert_eq!(directive(csp, "default-src"), ["'self'"], "{page}");
        let scripts = directive(csp, "script-src");
        assert!(
            scripts.contains(&"'self'".into()) && scripts.contains(&"'wasm-unsafe-eval'".into())
        );
        assert!(!scripts.contains(&"'unsafe-inline'".into()));
        assert_eq!(directive(csp, "style-src"), ["'self'"], "{page}");
        assert_eq!(directive(csp, "frame-ancestors"), ["'self'"], "{page}");
        assert!(directive(csp, "connect-src").contains(&"https://shop.example.com".into()));
        assert_eq!(answer.header("X-Content-Type-Options"), Some("nosniff"));
        assert!(answer.header("Referrer-Policy").is_some());
    }
    // The embed page may be framed by the allowed sites.
    let embed = server.get("/embed.html");
    let csp = embed.header("Content-Security-Policy").unwrap();
    assert_eq!(
        directive(csp, "frame-ancestors"),
        ["'self'", "https://shop.example.com"]
    );
    // Not only pages: every answer says nosniff.
    let model = server.get("/models/saas-roi.json");
    assert_eq!(model.header("X-Content-Type-Options"), Some("nosniff"));
}

#[test]
fn conditional_gets_are_answered_304() {
    let root = temp_root("conditional");
    std::fs::write(root.join("www/index.html"), "<p>home</p>").unwrap();
    let wasm = root.join("pkg/a.wasm");
    std::fs::write(&wasm, b"raw bytes").unwrap();
    std::fs::write(root.join("pkg/a.wasm.gz"), b"gzip bytes").unwrap();
    let old = SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&wasm)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let server = Server::start(&["--db", ":memory:", "--root", root.to_str().unwrap()]);
    let first = server.get("/pkg/a.wasm");
    assert_eq!(first.status, 200);
    let etag = first.header("ETag").unwrap().to_string();
    let modified = first.header("Last-Modified").unwrap().to_string();
    let again = server.request("GET", "/pkg/a.wasm", &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("ETag"), Some(etag.as_str()));
    let since = server.request(
        "GET",
        "/pkg/a.wasm",
        &[("If-Modified-Since", &modified)],
        b"",
    );
    assert_eq!(since.status, 304);
    let other = server.request("GET", "/pkg/a.wasm", &[("If-None-Match", "\"other\"")], b"");
    assert_eq!(other.status, 200);
    assert_eq!(other.text(), "raw bytes");
    // The gzip representation has its own validator.
    let gzip = server.request("GET", "/pkg/a.wasm", &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(gzip.header("Content-Encoding"), Some("gzip"));
    assert_eq!(gzip.text(), "gzip bytes");
    let gzip_etag = gzip.header("ETag").unwrap().to_string();
    assert_ne!(gzip_etag, etag);
    let stale = server.request(
        "GET",
        "/pkg/a.wasm",
        &[("Accept-Encoding", "gzip"), ("If-None-Match", &etag)],
        b"",
    );
    assert_eq!(stale.status, 200);
    assert_eq!(stale.text(), "gzip bytes");
    let fresh = server.request(
        "GET",
        "/pkg/a.wasm",
        &[("Accept-Encoding", "gzip"), ("If-None-Match", &gzip_etag)],
        b"",
    );
    assert_eq!(fresh.status, 304);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

/// A file with a brotli sibling goes as brotli to a client that accepts
/// it (every current browser), as gzip to one that only accepts gzip, and
/// each representation has its own validator.
#[test]
fn brotli_siblings_are_preferred_where_accepted() {
    let root = temp_root("brotli");
    let wasm = root.join("pkg/a.wasm");
    std::fs::write(&wasm, b"raw bytes").unwrap();
    std::fs::write(root.join("pkg/a.wasm.gz"), b"gzip bytes").unwrap();
    std::fs::write(root.join("pkg/a.wasm.br"), b"brotli bytes").unwrap();
    let old = SystemTime::now() - Duration::from_secs(60);
    let file = std::fs::File::options().write(true).open(&wasm).unwrap();
    file.set_modified(old).unwrap();
    let server = Server::start(&["--db", ":memory:", "--root", root.to_str().unwrap()]);
    let get =
        |accept: &str| server.request("GET", "/pkg/a.wasm", &[("Accept-Encoding", accept)], b"");
    let brotli = get("gzip, deflate, br, zstd");
    assert_eq!(brotli.header("Content-Encoding"), Some("br"));
    assert_eq!(brotli.header("Content-Type"), Some("application/wasm"));
    assert_eq!(brotli.text(), "brotli bytes");
    assert!(brotli.header("Vary").unwrap().contains("Accept-Encoding"));
    let gzip = get("gzip, br;q=0");
    assert_eq!(gzip.header("Content-Encoding"), Some("gzip"));
    assert_eq!(gzip.text(), "gzip bytes");
    let plain = get("identity");
    assert_eq!(plain.header("Content-Encoding"), None);
    assert_eq!(plain.text(), "raw bytes");
    let tags = [&brotli, &gzip, &plain].map(|r| r.header("ETag").unwrap().to_string());
    assert!(
        tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2],
        "{tags:?}"
    );
    let fresh = server.request(
        "GET",
        "/pkg/a.wasm",
        &[("Accept-Encoding", "br"), ("If-None-Match", &tags[0])],
        b"",
    );
    assert_eq!(fresh.status, 304);
    // A stale brotli sibling (the file rebuilt since) is never sent.
    let file = std::fs::File::options().write(true).open(&wasm).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    assert_eq!(get("br").header("Content-Encoding"), None);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

/// A model has no precompressed sibling: a client that accepts gzip gets
/// it compressed as it is sent, with its own validator, and one that does
/// not gets the file as it is.
#[test]
fn models_are_gzipped_as_they_are_sent() {
    use std::io::Read;
    let root = temp_root("models-gzip");
    std::fs::create_dir_all(root.join("examples/models")).unwrap();
    let model = format!("{{\"title\": \"{}\"}}\n", "a long title ".repeat(200));
    std::fs::write(root.join("examples/models/m.json"), &model).unwrap();
    let server = Server::start(&["--db", ":memory:", "--root", root.to_str().unwrap()]);
    let gzip = server.request(
        "GET",
        "/models/m.json",
        &[("Accept-Encoding", "gzip, br")],
        b"",
    );
    assert_eq!(gzip.status, 200);
    assert_eq!(gzip.header("Content-Encoding"), Some("gzip"));
    assert_eq!(gzip.header("Content-Type"), Some("application/json"));
    assert!(gzip.header("Vary").unwrap().contains("Accept-Encoding"));
    assert!(
        gzip.body.len() < model.len() / 4,
        "{} bytes",
        gzip.body.len()
    );
    let mut decoded = String::new();
    flate2::read::GzDecoder::new(gzip.body.as_slice())
        .read_to_string(&mut decoded)
        .unwrap();
    assert_eq!(decoded, model);
    let gzip_etag = gzip.header("ETag").unwrap().to_string();
    let plain = server.get("/models/m.json");
    assert_eq!(plain.header("Content-Encoding"), None);
    assert_eq!(plain.text(), model);
    let plain_etag = plain.header("ETag").unwrap().to_string();
    assert_ne!(plain_etag, gzip_etag);
    let fresh = server.request(
        "GET",
        "/models/m.json",
        &[("Accept-Encoding", "gzip"), ("If-None-Match", &gzip_etag)],
        b"",
    );
    assert_eq!(fresh.status, 304);
    assert_eq!(fresh.header("Content-Encoding"), Some("gzip"));
    // The other representation's tag never matches.
    let stale = server.request(
        "GET",
        "/models/m.json",
        &[("Accept-Encoding", "gzip"), ("If-None-Match", &plain_etag)],
        b"",
    );
    assert_eq!(stale.status, 200);
    assert_eq!(stale.header("Content-Encoding"), Some("gzip"));
    let refused = server.request(
        "GET",
        "/models/m.json",
        &[
            ("Accept-Encoding", "identity"),
            ("If-None-Match", &gzip_etag),
        ],
        b"",
    );
    assert_eq!(refused.status, 200);
    assert_eq!(refused.text(), model);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_embed_page_names_its_configured_origins() {
    let root = temp_root("embed-origins");
    std::fs::write(
        root.join("www/embed.html"),
        "<head><meta name=\"yardstick-embed-origins\" content=\"\"><meta name=\"other\" content=\"\"></head>",
    )
    .unwrap();
    let server = Server::start(&[
        "--db",
        ":memory:",
        "--root",
        root.to_str().unwrap(),
        "--embed-origin",
        "https://CDN.example.com/",
        "--embed-origin",
        "https://collect.example.com:8443",
    ]);
    let embed = server.get("/embed.html");
    assert_eq!(embed.status, 200);
    assert_eq!(
        embed.text(),
        "<head><meta name=\"yardstick-embed-origins\" content=\"https://cdn.example.com https://collect.example.com:8443\"><meta name=\"other\" content=\"\"></head>"
    );
    let csp = embed.header("Content-Security-Policy").unwrap();
    let connect = directive(csp, "connect-src");
    assert!(connect.contains(&"https://cdn.example.com".into()), "{csp}");
    assert!(
        connect.contains(&"https://collect.example.com:8443".into()),
        "{csp}"
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn binds_the_address_it_is_given() {
    let server = Server::start(&["--db", ":memory:", "--bind", "127.0.0.1"]);
    assert_eq!(server.get("/models/saas-roi.json").status, 200);
}
