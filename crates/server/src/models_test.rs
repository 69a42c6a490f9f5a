//! Tests of the models listing: valid and invalid models, files that are
//! not listed, order, bounds, links out of the folder and the cache.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use super::*;
use std::path::PathBuf;

/// A fresh site root with an empty models folder.
fn temp_root(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("yardstick-models-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join(MODELS_FOLDER)).unwrap();
    root
}

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(MODELS_FOLDER)
        .join(name);
    fs::read_to_string(path).unwrap()
}

fn listing(catalog: &Catalog, root: &Path) -> serde_json::Value {
    serde_json::from_str(&catalog.listing(root)).unwrap()
}

fn files_of(value: &serde_json::Value) -> Vec<String> {
    value["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn lists_valid_and_invalid_models_sorted_by_file_name() {
    let root = temp_root("mixed");
    let models = root.join(MODELS_FOLDER);
    fs::write(models.join("saas-roi.json"), example("saas-roi.json")).unwrap();
    fs::write(
        models.join("b portfolio.json"),
        example("project-portfolio.json"),
    )
    .unwrap();
    fs::write(models.join("broken.json"), "{\"schema\": ").unwrap();
    fs::write(
        models.join("empty-model.json"),
        r#"{"schema": "yardstick/model@1", "id": "x"}"#,
    )
    .unwrap();
    fs::write(models.join("notes.txt"), "not a model").unwrap();
    fs::write(models.join("saas-roi.json.gz"), "gz").unwrap();
    fs::create_dir(models.join("folder.json")).unwrap();
    let value = listing(&Catalog::new(), &root);
    assert_eq!(
        files_of(&value),
        [
            "b portfolio.json",
            "broken.json",
            "empty-model.json",
            "saas-roi.json"
        ]
    );
    assert_eq!(value["truncated"], false);
    let entries = value["models"].as_array().unwrap();
    let saas = &entries[3];
    assert_eq!(saas["url"], "/models/saas-roi.json");
    assert_eq!(saas["id"], "saas-roi");
    assert!(saas["title"].as_str().unwrap().len() > 3);
    assert!(saas["version"].is_string());
    assert!(saas.get("problem").is_none());
    // The example models are bounded: no advice, but always the list.
    assert_eq!(saas["advice"], serde_json::json!([]));
    // A name with a space gets a URL the static route decodes to it.
    assert_eq!(entries[0]["url"], "/models/b%20portfolio.json");
    assert!(files::resolve(&root, entries[0]["url"].as_str().unwrap()).is_some());
    assert!(entries[0]["id"].is_string());
    // Invalid files say why, and carry no model fields.
    let broken = entries[1]["problem"].as_str().unwrap();
    assert!(broken.starts_with("the file is not valid JSON"), "{broken}");
    assert!(broken.contains("line 1"), "{broken}");
    assert!(entries[1].get("id").is_none());
    let empty = entries[2]["problem"].as_str().unwrap();
    assert!(empty.contains("more problem"), "{empty}");
    assert!(entries[2].get("title").is_none());
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_model_that_loads_carries_the_cores_advice() {
    let root = temp_root("advice");
    fs::write(
        root.join(MODELS_FOLDER).join("open.json"),
        r#"{"schema": "yardstick/model@1", "id": "open", "version": "1", "title": "Open",
            "inputs": [
              {"id": "team", "label": "Team", "kind": "integer", "default": 3},
              {"id": "revenue", "label": "Current annual revenue", "kind": "currency", "default": 1, "min": 0}],
            "outputs": [{"id": "out", "label": "Out", "formula": "revenue * team"}]}"#,
    )
    .unwrap();
    let value = listing(&Catalog::new(), &root);
    let entry = &value["models"][0];
    assert_eq!(entry["id"], "open");
    assert_eq!(
        entry["advice"],
        serde_json::json!([{
            "code": "unbounded-input",
            "path": "inputs[revenue].max",
            "message": "'Current annual revenue' has no maximum: a visitor can enter any amount \
                        (1e300); give it a max that no real customer exceeds"
        }])
    );
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_missing_folder_lists_nothing() {
    let root = temp_root("missing");
    fs::remove_dir_all(root.join(MODELS_FOLDER)).unwrap();
    let value = listing(&Catalog::new(), &root);
    assert_eq!(files_of(&value), Vec::<String>::new());
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_file_over_the_limit_is_too_large_without_being_read() {
    let root = temp_root("large");
    let file = File::create(root.join(MODELS_FOLDER).join("huge.json")).unwrap();
    // Sparse: the size says too large; reading it whole would take 4 MiB.
    file.set_len(MAX_MODEL_FILE_BYTES + 1).unwrap();
    let value = listing(&Catalog::new(), &root);
    let problem = value["models"][0]["problem"].as_str().unwrap();
    assert_eq!(
        problem,
        "the file is larger than 4 MiB, the most a model file may be"
    );
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn at_most_the_first_models_by_name_are_listed() {
    let root = temp_root("many");
    let models = root.join(MODELS_FOLDER);
    for index in 0..MAX_LISTED_MODELS + 5 {
        fs::write(models.join(format!("m{index:04}.json")), "[]").unwrap();
    }
    let value = listing(&Catalog::new(), &root);
    let names = files_of(&value);
    assert_eq!(names.len(), MAX_LISTED_MODELS);
    assert_eq!(names[0], "m0000.json");
    assert_eq!(names[MAX_LISTED_MODELS - 1], "m0199.json");
    assert_eq!(value["truncated"], true);
    fs::remove_dir_all(&root).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_never_listed() {
    let root = temp_root("link");
    let outside = root.join("outside.json");
    fs::write(&outside, example("saas-roi.json")).unwrap();
    let models = root.join(MODELS_FOLDER);
    std::os::unix::fs::symlink(&outside, models.join("escape.json")).unwrap();
    fs::write(models.join("inside.json"), example("saas-roi.json")).unwrap();
    std::os::unix::fs::symlink(models.join("inside.json"), models.join("alias.json")).unwrap();
    let value = listing(&Catalog::new(), &root);
    assert_eq!(files_of(&value), ["alias.json", "inside.json"]);
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_changed_file_is_read_again() {
    let root = temp_root("changed");
    let file = root.join(MODELS_FOLDER).join("m.json");
    fs::write(&file, "[").unwrap();
    let catalog = Catalog::new();
    assert!(listing(&catalog, &root)["models"][0]["problem"].is_string());
    fs::write(&file, example("saas-roi.json")).unwrap();
    assert_eq!(listing(&catalog, &root)["models"][0]["id"], "saas-roi");
    // Unchanged, it comes from the cache with the same entry.
    assert_eq!(listing(&catalog, &root)["models"][0]["id"], "saas-roi");
    fs::remove_file(&file).unwrap();
    assert_eq!(files_of(&listing(&catalog, &root)), Vec::<String>::new());
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn documents_past_the_widgets_bounds_are_refused() {
    let mut deep = String::new();
    for _ in 0..40 {
        deep.push('[');
    }
    for _ in 0..40 {
        deep.push(']');
    }
    assert_eq!(
        document_from_text(&deep).err().as_deref(),
        Some("the model nests deeper than 32 levels")
    );
    let text = format!("{{\"a\": \"{}\"}}", "x".repeat(MAX_DOCUMENT_TEXT_BYTES + 1));
    assert_eq!(
        document_from_text(&text).err().as_deref(),
        Some("the model holds more than 1048576 bytes of text")
    );
}

#[test]
fn encodes_file_names_as_one_path_segment() {
    assert_eq!(percent_encode("a b%/é.json"), "a%20b%25%2F%C3%A9.json");
    assert_eq!(percent_encode("saas-roi_1.json"), "saas-roi_1.json");
}
