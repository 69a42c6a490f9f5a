//! The site's read-only API on the real server: `GET /api/models` lists
//! the models in the served models folder (a new file shows up without a
//! restart, an invalid one with its problem), `GET /api/site` names the
//! allowed origins, both with CORS for allowed origins only.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::{example_model_text as example, temp_folder, Server};

#[test]
fn the_models_folder_is_listed_as_it_is_now() {
    let root = temp_folder("site-models");
    let models = root.join("examples/models");
    std::fs::create_dir_all(&models).unwrap();
    std::fs::write(models.join("saas-roi.json"), example("saas-roi.json")).unwrap();
    std::fs::write(models.join("README.txt"), "not listed").unwrap();
    let server = Server::start(&["--db", ":memory:", "--root", root.to_str().unwrap()]);
    let first = server.get_json("/api/models");
    assert_eq!(first["models"].as_array().unwrap().len(), 1);
    assert_eq!(first["models"][0]["id"], "saas-roi");
    assert_eq!(first["models"][0]["url"], "/models/saas-roi.json");
    // A model placed in the folder is listed at once, sorted by file name.
    std::fs::write(
        models.join("a-portfolio.json"),
        example("project-portfolio.json"),
    )
    .unwrap();
    std::fs::write(
        models.join("z-typo.json"),
        "{\"schema\": \"yardstick/model@1\",}",
    )
    .unwrap();
    let second = server.get_json("/api/models");
    let files: Vec<&str> = second["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["a-portfolio.json", "saas-roi.json", "z-typo.json"]);
    assert!(second["models"][2]["problem"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
    // Each listed URL is served.
    assert_eq!(server.get("/models/a-portfolio.json").status, 200);
    // Read-only.
    let post = server.request("POST", "/api/models", &[], b"");
    assert_eq!(post.status, 405);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_site_names_its_allowed_origins() {
    let server = Server::start(&[
        "--db",
        ":memory:",
        "--allow-origin",
        "https://shop.example.com",
        "--allow-origin",
        "https://b.example",
        "--embed-origin",
        "https://cdn.example.com",
    ]);
    let site = server.get_json("/api/site");
    assert_eq!(
        site["allow_origins"],
        serde_json::json!(["https://shop.example.com", "https://b.example"])
    );
    assert_eq!(
        site["embed_origins"],
        serde_json::json!(["https://cdn.example.com"])
    );
    // An allowed site may read both; another is refused.
    for route in ["/api/site", "/api/models"] {
        let allowed = server.request("GET", route, &[("Origin", "https://b.example")], b"");
        assert_eq!(allowed.status, 200, "{route}");
        assert_eq!(
            allowed.header("Access-Control-Allow-Origin"),
            Some("https://b.example")
        );
        let refused = server.request("GET", route, &[("Origin", "https://evil.example")], b"");
        assert_eq!(refused.status, 403, "{route}");
    }
    let none = Server::memory().get_json("/api/site");
    assert_eq!(none["allow_origins"], serde_json::json!([]));
}
