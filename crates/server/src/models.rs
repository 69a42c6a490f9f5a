//! `GET /api/models`: the calculator models this server serves under
//! `/models/`, so the gallery and the embed page list every model placed in
//! the models folder instead of a hard-coded few (docs/engagement.md, "The
//! site's API").
//!
//! Each `*.json` file directly in the folder is listed, sorted by file
//! name, with its URL and either the model's id, version, title and
//! description, read and compiled by the core exactly as the widget would,
//! or the first problem that keeps it from loading, as text (so whoever
//! placed it sees why it is not shown). Only files that the static-file
//! route would serve are listed: `files::resolve` decides, so a link that
//! leads out of the folder is never read.
//!
//! The work is bounded: at most [`MAX_SCANNED_ENTRIES`] folder entries are
//! looked at and [`MAX_LISTED_MODELS`] listed; a file over
//! [`MAX_MODEL_FILE_BYTES`] is reported too large without being read. Each
//! file's entry is kept until its size or modification time changes, so a
//! listing compiles only new or changed models. It never writes a file.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::time::SystemTime;

use yardstick_core::json::{
    canonical_json, Node, MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, MAX_DOCUMENT_TEXT_BYTES,
};
use yardstick_core::model::advice::{advice, Advice};
use yardstick_core::model::CompiledModel;

use crate::files::{self, MODELS_FOLDER, MODELS_PREFIX};

/// Most models listed; past it the listing says `"truncated": true`.
pub const MAX_LISTED_MODELS: usize = 200;
/// Most entries of the models folder looked at, whatever they are.
pub const MAX_SCANNED_ENTRIES: usize = 10_000;
/// Largest model file read. A document holds at most 1 MiB of text
/// (`MAX_DOCUMENT_TEXT_BYTES`); this leaves room for its keys, numbers and
/// indentation, and still bounds what one listing reads.
pub const MAX_MODEL_FILE_BYTES: u64 = 4 * MAX_DOCUMENT_TEXT_BYTES as u64;

/// One file's listing entry and the validators it was made for.
struct Cached {
    size_bytes: u64,
    modified: Option<SystemTime>,
    entry: Node,
}

/// The models folder's listing, with each file's entry kept between
/// requests until the file changes.
pub struct Catalog {
    cache: Mutex<HashMap<String, Cached>>,
}

impl Catalog {
    pub fn new() -> Catalog {
        Catalog {
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The JSON body of `GET /api/models` for the site at `root`:
    /// `{"models": [...], "truncated": bool}`. Blocking (it reads files).
    pub fn listing(&self, root: &Path) -> String {
        let (models, truncated) = self.entries(root);
        canonical_json(&Node::Map(vec![
            ("models".into(), Node::List(models)),
            ("truncated".into(), Node::Bool(truncated)),
        ]))
    }

    /// The served model whose id and version are `calc_id` and
    /// `calc_version`, compiled by the core, preferring the one at the URL
    /// `model_path` when several files hold that id and version (else the
    /// first by file name). `None` when this server serves no such model.
    /// Blocking: it lists the folder (from the cache) and reads one file.
    pub fn find(
        &self,
        root: &Path,
        calc_id: &str,
        calc_version: &str,
        model_path: Option<&str>,
    ) -> Option<CompiledModel> {
        let (entries, _) = self.entries(root);
        let mut urls: Vec<String> = entries
            .iter()
            .filter(|entry| {
                entry.get("id") == Some(&Node::Text(calc_id.into()))
                    && entry.get("version") == Some(&Node::Text(calc_version.into()))
            })
            .filter_map(|entry| match entry.get("url") {
                Some(Node::Text(url)) => Some(url.clone()),
                _ => None,
            })
            .collect();
        // A stable sort: the named file first, the others by file name.
        urls.sort_by_key(|url| Some(url.as_str()) != model_path);
        urls.into_iter().find_map(|url| {
            let found = files::resolve(root, &url)?;
            let size_bytes = found.file.metadata().ok()?.len();
            let document = read_document(&found.file, size_bytes).ok()?;
            // The file may have changed since it was listed.
            CompiledModel::compile(&document)
                .ok()
                .filter(|model| model.spec().id == calc_id && model.spec().version == calc_version)
        })
    }

    /// Every listing entry (from the cache where the file is unchanged)
    /// and whether the folder held more than could be listed.
    fn entries(&self, root: &Path) -> (Vec<Node>, bool) {
        let (names, truncated) = json_file_names(&root.join(MODELS_FOLDER));
        let mut previous = match self.cache.lock() {
            Ok(mut cache) => std::mem::take(&mut *cache),
            // A listing that panicked midway left nothing worth keeping.
            Err(_) => HashMap::new(),
        };
        let mut kept = HashMap::with_capacity(names.len());
        let mut models = Vec::with_capacity(names.len());
        for name in names {
            let url = format!("/{MODELS_PREFIX}{}", percent_encode(&name));
            // Exactly what the static route would send for that URL.
            let Some(found) = files::resolve(root, &url) else {
                continue;
            };
            let Ok(metadata) = found.file.metadata() else {
                continue;
            };
            let size_bytes = metadata.len();
            let modified = metadata.modified().ok();
            let entry = match previous.remove(&name) {
                Some(cached) if cached.size_bytes == size_bytes && cached.modified == modified => {
                    cached.entry
                }
                _ => entry(&name, &url, describe(&found.file, size_bytes)),
            };
            models.push(entry.clone());
            kept.insert(
                name,
                Cached {
                    size_bytes,
                    modified,
                    entry,
                },
            );
        }
        if let Ok(mut cache) = self.cache.lock() {
            *cache = kept;
        }
        (models, truncated)
    }
}

/// The names of the `*.json` entries of `folder` (files or links; the
/// caller resolves them), sorted, at most [`MAX_LISTED_MODELS`], and
/// whether any were left out. A folder that cannot be read lists nothing.
fn json_file_names(folder: &Path) -> (Vec<String>, bool) {
    let Ok(entries) = fs::read_dir(folder) else {
        return (Vec::new(), false);
    };
    let mut names = Vec::new();
    let mut truncated = false;
    for (scanned, entry) in entries.enumerate() {
        if scanned >= MAX_SCANNED_ENTRIES {
            truncated = true;
            break;
        }
        let Ok(entry) = entry else { continue };
        // A name that is not UTF-8 has no URL the static route decodes.
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if name.ends_with(".json") && name.len() > ".json".len() && !is_dir {
            names.push(name);
        }
    }
    names.sort_unstable();
    if names.len() > MAX_LISTED_MODELS {
        names.truncate(MAX_LISTED_MODELS);
        truncated = true;
    }
    (names, truncated)
}

/// What a model file holds: its metadata, or why it cannot be loaded.
#[derive(Debug, PartialEq)]
enum Described {
    Model {
        id: String,
        version: String,
        title: String,
        description: Option<String>,
        /// The core's advice on a model that loads (`model::advice`).
        advice: Vec<Advice>,
    },
    Problem(String),
}

/// Reads and compiles the model at `file` (`size_bytes` long when listed).
fn describe(file: &Path, size_bytes: u64) -> Described {
    match read_document(file, size_bytes) {
        Ok(document) => describe_document(&document),
        Err(problem) => Described::Problem(problem),
    }
}

/// The model document at `file` (`size_bytes` long when listed), within
/// the file size and the widget's document bounds, or why not.
fn read_document(file: &Path, size_bytes: u64) -> Result<Node, String> {
    let too_large = || {
        format!(
            "the file is larger than {} MiB, the most a model file may be",
            MAX_MODEL_FILE_BYTES >> 20
        )
    };
    if size_bytes > MAX_MODEL_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // `take` bounds the read even if the file grew since it was listed.
    let read = File::open(file).and_then(|opened| {
        opened
            .take(MAX_MODEL_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
    });
    if let Err(err) = read {
        return Err(format!("the file cannot be read: {err}"));
    }
    if bytes.len() as u64 > MAX_MODEL_FILE_BYTES {
        return Err(too_large());
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err("the file is not UTF-8 text".into());
    };
    document_from_text(&text)
}

/// A model document's JSON text as a tree within the widget's bounds.
fn document_from_text(text: &str) -> Result<Node, String> {
    let document = yardstick_json_text::node_from_json(text)
        .map_err(|err| format!("the file is not valid JSON: {err}"))?;
    match bound_problem(&document) {
        Some(problem) => Err(problem.into()),
        None => Ok(document),
    }
}

/// What the core makes of a model document read within its bounds.
fn describe_document(document: &Node) -> Described {
    match CompiledModel::compile(document) {
        Ok(model) => {
            let spec = model.spec();
            Described::Model {
                id: spec.id.clone(),
                version: spec.version.clone(),
                title: spec.title.clone(),
                description: spec.description.clone(),
                advice: advice(spec),
            }
        }
        Err(diagnostics) => {
            let count = diagnostics.len();
            // Where and what, without the code and span meant for tools.
            let first = diagnostics.first().map_or_else(
                || "the model is invalid".to_string(),
                |first| {
                    if first.path.is_root() {
                        first.message.clone()
                    } else {
                        format!("{}: {}", first.path, first.message)
                    }
                },
            );
            Described::Problem(match count {
                0 | 1 => first,
                2 => format!("{first} (and 1 more problem)"),
                _ => format!("{first} (and {} more problems)", count - 1),
            })
        }
    }
}

/// The document bounds the widget enforces when it reads a model (the
/// wasm crate's `document.rs`, with the same wording), so the listing
/// never calls valid a model the widget refuses.
fn bound_problem(document: &Node) -> Option<&'static str> {
    struct Budget {
        nodes: usize,
        text_bytes: usize,
    }
    fn walk(node: &Node, depth: usize, budget: &mut Budget) -> Option<&'static str> {
        budget.nodes += 1;
        if budget.nodes > MAX_DOCUMENT_NODES {
            return Some("the model has more than 200000 values");
        }
        if depth > MAX_DOCUMENT_DEPTH {
            return Some("the model nests deeper than 32 levels");
        }
        let mut text = |length: usize| {
            budget.text_bytes += length;
            (budget.text_bytes > MAX_DOCUMENT_TEXT_BYTES)
                .then_some("the model holds more than 1048576 bytes of text")
        };
        match node {
            Node::Text(value) => text(value.len()),
            Node::List(items) => items.iter().find_map(|item| walk(item, depth + 1, budget)),
            Node::Map(entries) => entries.iter().find_map(|(key, value)| {
                budget.text_bytes += key.len();
                if budget.text_bytes > MAX_DOCUMENT_TEXT_BYTES {
                    return Some("the model holds more than 1048576 bytes of text");
                }
                walk(value, depth + 1, budget)
            }),
            Node::Null | Node::Bool(_) | Node::Number(_) => None,
        }
    }
    // The messages name the bounds as text; these keep them true.
    const _: () = assert!(MAX_DOCUMENT_NODES == 200_000);
    const _: () = assert!(MAX_DOCUMENT_DEPTH == 32);
    const _: () = assert!(MAX_DOCUMENT_TEXT_BYTES == 1_048_576);
    walk(
        document,
        0,
        &mut Budget {
            nodes: 0,
            text_bytes: 0,
        },
    )
}

/// One listing entry: `file` and `url`, then the model's fields or `problem`.
fn entry(name: &str, url: &str, described: Described) -> Node {
    let mut fields = vec![
        ("file".to_string(), Node::Text(name.to_string())),
        ("url".to_string(), Node::Text(url.to_string())),
    ];
    match described {
        Described::Model {
            id,
            version,
            title,
            description,
            advice,
        } => fields.extend([
            ("id".to_string(), Node::Text(id)),
            ("version".to_string(), Node::Text(version)),
            ("title".to_string(), Node::Text(title)),
            (
                "description".to_string(),
                description.map_or(Node::Null, Node::Text),
            ),
            ("advice".to_string(), advice_list(advice)),
        ]),
        Described::Problem(problem) => fields.push(("problem".to_string(), Node::Text(problem))),
    }
    Node::Map(fields)
}

/// The advice as `[{code, path, message}]`, paths as text
/// (`inputs[3].max`), as diagnostics are given.
fn advice_list(advice: Vec<Advice>) -> Node {
    Node::List(
        advice
            .into_iter()
            .map(|item| {
                Node::Map(vec![
                    ("code".to_string(), Node::Text(item.code.as_str().into())),
                    ("path".to_string(), Node::Text(item.path.to_string())),
                    ("message".to_string(), Node::Text(item.message)),
                ])
            })
            .collect(),
    )
}

/// A file name as one URL path segment: unreserved characters as they
/// are, every other byte `%XX` (which `files::percent_decode` undoes).
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
#[path = "models_test.rs"]
mod tests;
