//! Architectural invariants from the design that the crate graph alone
//! cannot show. Which crate may know JavaScript, I/O or the server is
//! Cargo's to enforce: the core's dependencies name none of them, and the
//! first test here reads them back with `cargo tree` so that adding one
//! fails. Inside the core, one crate, the text scans remain: `finance`
//! knows nothing of `formula`, the modules depend one way, and the core
//! reads no clock, no global randomness and no files or sockets.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources_under(relative: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let name = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

fn offenders(relative: &str, skip: &[&str], forbidden: &[&str]) -> Vec<String> {
    sources_under(relative)
        .into_iter()
        .filter(|(name, _)| !skip.iter().any(|s| name.starts_with(s)))
        .flat_map(|(name, text)| {
            forbidden
                .iter()
                .filter(|word| text.contains(*word))
                .map(|word| format!("{name} names {word}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Crates the core must never depend on, directly or through another crate:
/// JavaScript bindings, the async runtime and HTTP stack, SQLite, JSON text
/// (the native-only `yardstick-json-text` crate) and the other layers.
const FORBIDDEN_IN_THE_CORE: [&str; 12] = [
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "tokio",
    "hyper",
    "rusqlite",
    "libsqlite3-sys",
    "serde_json",
    "getrandom",
    "yardstick-wasm",
    "yardstick-serve",
    "yardstick-json-text",
];

/// The names of every crate `package` depends on, with build dependencies
/// but without dev-dependencies (tests may use anything); `targets` is
/// cargo tree's `--target`: `Some("all")` for every platform (wasm
/// included), `None` for this machine's.
fn dependencies_of(package: &str, targets: Option<&str>) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--quiet", "-p", package])
        .args(["-e", "normal,build"])
        .args(
            targets
                .map(|targets| ["--target", targets])
                .iter()
                .flatten(),
        )
        .args(["--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn forbidden_dependencies(package: &str, targets: Option<&str>) -> Vec<String> {
    dependencies_of(package, targets)
        .into_iter()
        .filter(|name| FORBIDDEN_IN_THE_CORE.contains(&name.as_str()))
        .collect()
}

#[test]
fn the_core_depends_on_no_javascript_io_or_other_layer() {
    let found = forbidden_dependencies("yardstick-core", Some("all"));
    assert!(found.is_empty(), "yardstick-core depends on {found:#?}");
}

#[test]
fn finance_knows_nothing_of_formula() {
    let found = offenders(
        "src/finance",
        &[],
        &["crate::formula", "super::super::formula"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn layers_depend_one_way() {
    let found: Vec<String> = [
        (
            "src/formula",
            &[
                "crate::model",
                "crate::scoring",
                "crate::uncertainty",
                "crate::engagement",
                "crate::export",
            ][..],
        ),
        (
            "src/model",
            &[
                "crate::scoring",
                "crate::engagement",
                "crate::leads",
                "crate::export",
            ][..],
        ),
        // The Excel export reads models and formulas; nothing reads it back.
        (
            "src/export",
            &[
                "crate::scoring",
                "crate::engagement",
                "crate::leads",
                "crate::uncertainty",
            ][..],
        ),
        (
            "src/uncertainty",
            &[
                "crate::model",
                "crate::formula",
                "crate::scoring",
                "crate::engagement",
            ][..],
        ),
        (
            "src/scoring",
            &["crate::model", "crate::formula", "crate::engagement"][..],
        ),
        ("src/finance", &["crate::engagement"][..]),
        (
            "src/engagement",
            &["crate::formula", "crate::model", "crate::leads"][..],
        ),
        (
            "src/leads",
            &["crate::scoring", "crate::uncertainty", "crate::finance"][..],
        ),
        (
            "src/json.rs",
            &[
                "crate::model",
                "crate::formula",
                "crate::finance",
                "crate::uncertainty",
                "crate::scoring",
                "crate::engagement",
            ][..],
        ),
    ]
    .into_iter()
    .flat_map(|(dir, forbidden)| offenders(dir, &[], forbidden))
    .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_core_reads_no_clock_and_no_global_randomness() {
    let found = offenders(
        "src",
        &[],
        &[
            "SystemTime",
            "Instant::now",
            "thread_rng",
            "getrandom",
            "std::fs",
            "std::net",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_public_item_of_the_core_stays_documented() {
    // lib.rs warns on missing docs and `make lint` denies the warning; an
    // `allow` anywhere in the core would silence it for a whole module.
    let found = offenders("src", &[], &["allow(missing_docs)"]);
    assert!(found.is_empty(), "{found:#?}");
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("#![warn(missing_docs)]"),
        "lib.rs must warn on missing docs"
    );
}

#[test]
fn the_checks_would_catch_a_violation() {
    // Guards the guards: the scan must see this file's own forbidden words,
    // and the dependency check must see the server's async runtime and SQLite.
    let found = offenders("tests", &[], &["SystemTime"]);
    assert!(
        found.iter().any(|f| f.contains("invariants.rs")),
        "{found:#?}"
    );
    // The server only for the machine's own target: for every target its
    // tree names platform crates that need not be downloaded.
    let server = forbidden_dependencies("yardstick-serve", None);
    for name in ["tokio", "rusqlite", "yardstick-json-text"] {
        assert!(server.iter().any(|found| found == name), "{server:#?}");
    }
}

// ---------------------------------------------------------------------------
// No file-level import cycles in the core.
//
// A file depends on another when it names it by path: a `use` (re-exports
// included) or a path in code that starts with `crate::`, `super::`,
// `self::` or one of the file's own child modules. A path to an item that
// a module only re-exports (`pub use`) counts as a path to the file that
// defines it, so a re-export cannot hide a loop. A module naming its own
// submodules (declaring them, re-exporting their items, calling a helper
// split into a child file) is structure, not an import: a module owns its
// submodules, which may use its items in turn. Between any other two
// files, a loop is a cycle. Test code (`#[cfg(test)]` items and the
// `*_test.rs` files they declare) is left out: a test module always reads
// the module it tests.

/// Source text without `//` comments (doc comments' intra-doc links are not
/// dependencies) and without the items under `#[cfg(test)]`.
fn code_of(text: &str) -> String {
    let mut code = String::with_capacity(text.len());
    for line in text.lines() {
        code.push_str(line.split("//").next().unwrap_or(""));
        code.push('\n');
    }
    while let Some(start) = code.find("#[cfg(test)]") {
        let rest = &code[start..];
        let semicolon = rest.find(';').unwrap_or(rest.len());
        let end = match rest.find('{') {
            Some(open) if open < semicolon => {
                let mut depth = 0usize;
                let mut end = rest.len();
                for (offset, c) in rest[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + offset + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => (semicolon + 1).min(rest.len()),
        };
        code.replace_range(start..start + end, "");
    }
    code
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The child modules a file declares (`mod x;`), each with its
/// `#[path = "..."]` file name when it has one.
fn declared_modules(code: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut path_attribute = None;
    for line in code.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("#[path = \"") {
            path_attribute = rest.split('"').next().map(str::to_string);
            continue;
        }
        let declaration = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub(super) "))
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        if let Some(name) = declaration
            .strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(';'))
        {
            found.push((name.trim().to_string(), path_attribute.take()));
        } else if !line.starts_with("#[") {
            path_attribute = None;
        }
    }
    found
}

/// Every path of a `use` tree: `a::{b, c::{d, self}}` -> a::b, a::c::d, a::c.
fn expand_use_tree(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("").trim();
        let joined = match (prefix.is_empty(), path) {
            (_, "self") => prefix.to_string(),
            (true, _) => path.to_string(),
            (false, _) => format!("{prefix}::{path}"),
        };
        out.push(joined);
        return;
    };
    let head = tree[..open].trim().trim_end_matches("::");
    let prefix = match (prefix.is_empty(), head.is_empty()) {
        (true, _) => head.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}::{head}"),
    };
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut depth, mut start) = (0usize, 0usize);
    for (index, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand_use_tree(&prefix, &inner[start..index], out);
                start = index + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        expand_use_tree(&prefix, &inner[start..], out);
    }
}

/// One core source file, read for the cycle check.
struct SourceModule {
    file: String,
    module: Vec<String>,
    children: Vec<String>,
    /// `use` paths, with whether the `use` is a re-export.
    uses: Vec<(String, bool)>,
    /// Paths named in code outside `use` statements.
    paths: Vec<String>,
}

/// Reads a module's file and, through its `mod` declarations, every module
/// below it. `files` maps a path relative to `src/` to its text.
fn read_modules(
    files: &[(String, String)],
    file: &str,
    module: Vec<String>,
    out: &mut Vec<SourceModule>,
) {
    let Some((_, text)) = files.iter().find(|(name, _)| name == file) else {
        return;
    };
    let mut code = code_of(text);
    let mut uses = Vec::new();
    // `use` statements (rustfmt starts each on its own line), then the
    // paths in what remains.
    let mut search_from = 0;
    while let Some(found) = code[search_from..].find("use ") {
        let start = search_from + found;
        let line_start = code[..start].rfind('\n').map_or(0, |n| n + 1);
        let lead = code[line_start..start].trim();
        if !["", "pub", "pub(crate)", "pub(super)"].contains(&lead) {
            search_from = start + 4;
            continue;
        }
        let end = start + code[start..].find(';').unwrap_or(code.len() - start);
        let mut paths = Vec::new();
        expand_use_tree("", &code[start + 4..end], &mut paths);
        uses.extend(paths.into_iter().map(|path| (path, !lead.is_empty())));
        code.replace_range(line_start..end, "");
        search_from = line_start;
    }
    let declared = declared_modules(&code);
    let children: Vec<String> = declared.iter().map(|(name, _)| name.clone()).collect();
    let mut paths = Vec::new();
    let mut index = 0;
    while index < code.len() {
        let rest = &code[index..];
        let ident_len = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
        let starts_path = ident_len > 0
            && rest[ident_len..].starts_with("::")
            && !code[..index].ends_with("::")
            && !code[..index].ends_with(|c: char| is_ident_char(c));
        if starts_path {
            let first = &rest[..ident_len];
            if ["crate", "super", "self"].contains(&first) || children.iter().any(|c| c == first) {
                let len = rest
                    .find(|c: char| !is_ident_char(c) && c != ':')
                    .unwrap_or(rest.len());
                paths.push(rest[..len].trim_end_matches(':').to_string());
                index += len;
                continue;
            }
        }
        index += rest.chars().next().map_or(1, char::len_utf8);
    }
    let directory = match file.rsplit_once('/') {
        Some((directory, _)) => format!("{directory}/"),
        None => String::new(),
    };
    let is_root = file.ends_with("mod.rs") || file == "lib.rs";
    let own_directory = match is_root {
        true => directory.clone(),
        false => format!("{}/", file.trim_end_matches(".rs")),
    };
    out.push(SourceModule {
        file: file.to_string(),
        module: module.clone(),
        children,
        uses,
        paths,
    });
    for (name, path_attribute) in declared {
        let mut child = module.clone();
        child.push(name.clone());
        let candidates = match path_attribute {
            Some(path) => vec![format!("{directory}{path}")],
            None => vec![
                format!("{own_directory}{name}.rs"),
                format!("{own_directory}{name}/mod.rs"),
            ],
        };
        for candidate in candidates {
            if files.iter().any(|(name, _)| *name == candidate) {
                read_modules(files, &candidate, child, out);
                break;
            }
        }
    }
}

/// The file a path from `from` names: the deepest module along it, or the
/// file defining the item when that module only re-exports it.
fn target_of(modules: &[SourceModule], from: &SourceModule, path: &str) -> Option<usize> {
    let mut segments = path.split("::").filter(|s| !s.is_empty());
    let first = segments.next()?;
    let mut module = match first {
        "crate" => Vec::new(),
        "self" => from.module.clone(),
        "super" => from.module[..from.module.len().checked_sub(1)?].to_vec(),
        child if from.children.iter().any(|c| c == child) => {
            let mut module = from.module.clone();
            module.push(child.to_string());
            module
        }
        _ => return None,
    };
    let mut rest: Vec<&str> = segments.collect();
    while rest.first() == Some(&"super") {
        module.pop();
        rest.remove(0);
    }
    let mut found = modules.iter().position(|m| m.module == module)?;
    let mut rest = rest.into_iter().peekable();
    while let Some(segment) = rest.peek() {
        let mut deeper = modules[found].module.clone();
        deeper.push((*segment).to_string());
        match modules.iter().position(|m| m.module == deeper) {
            Some(position) => {
                found = position;
                rest.next();
            }
            None => break,
        }
    }
    // An item the module re-exports: follow the `pub use` to its file.
    if let Some(item) = rest.next() {
        let reexport = modules[found].uses.iter().find(|(path, public)| {
            *public && path.rsplit("::").next() == Some(item) && !path.ends_with("self")
        });
        if let Some((path, _)) = reexport {
            if let Some(next) = target_of(modules, &modules[found], path) {
                found = next;
            }
        }
    }
    Some(found)
}

/// Each group of core files that import each other in a loop, with the
/// imports that close it.
fn import_cycles(files: &[(String, String)]) -> Vec<Vec<String>> {
    let mut modules = Vec::new();
    read_modules(files, "lib.rs", Vec::new(), &mut modules);
    let edges: Vec<Vec<usize>> = modules
        .iter()
        .map(|module| {
            let mut targets: Vec<usize> = module
                .uses
                .iter()
                .map(|(path, _)| path)
                .chain(&module.paths)
                .filter_map(|path| target_of(&modules, module, path))
                .filter(|target| modules[*target].file != module.file)
                // A module owns its submodules: naming them is structure.
                .filter(|target| !modules[*target].module.starts_with(&module.module))
                .collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect();
    let reachable_from = |start: usize| {
        let mut seen = vec![false; modules.len()];
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &next in &edges[node] {
                if !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        seen
    };
    let reach: Vec<Vec<bool>> = (0..modules.len()).map(reachable_from).collect();
    let mut cycles: Vec<Vec<String>> = Vec::new();
    let mut placed = vec![false; modules.len()];
    for start in 0..modules.len() {
        if placed[start] || !reach[start][start] {
            continue;
        }
        let members: Vec<usize> = (0..modules.len())
            .filter(|&other| reach[start][other] && reach[other][start])
            .collect();
        let mut described = Vec::new();
        for &member in &members {
            placed[member] = true;
            for &next in &edges[member] {
                if members.contains(&next) {
                    described.push(format!(
                        "{} -> {}",
                        modules[member].file, modules[next].file
                    ));
                }
            }
        }
        cycles.push(described);
    }
    cycles
}

fn core_sources() -> Vec<(String, String)> {
    sources_under("src")
        .into_iter()
        .map(|(name, text)| (name.trim_start_matches("src/").to_string(), text))
        .collect()
}

#[test]
fn no_file_level_import_cycles_in_the_core() {
    let sources = core_sources();
    let mut modules = Vec::new();
    read_modules(&sources, "lib.rs", Vec::new(), &mut modules);
    // The walk from lib.rs must reach every file of the core but the tests,
    // or the check is blind to what it missed.
    let unread: Vec<&String> = sources
        .iter()
        .map(|(name, _)| name)
        .filter(|name| {
            !(name.ends_with("_test.rs") || name.ends_with("/tests.rs") || *name == "test_rng.rs")
        })
        .filter(|name| !modules.iter().any(|module| module.file == **name))
        .collect();
    assert!(
        unread.is_empty(),
        "files the walk did not reach: {unread:#?}"
    );
    let cycles = import_cycles(&sources);
    assert!(
        cycles.is_empty(),
        "files that import each other: {cycles:#?}"
    );
}

#[test]
fn the_cycle_check_would_catch_a_cycle() {
    let files = |a: &str, b: &str| {
        vec![
            ("lib.rs".to_string(), "pub mod m;".to_string()),
            (
                "m/mod.rs".to_string(),
                "pub mod a;\npub mod b;\npub use b::Thing;".to_string(),
            ),
            ("m/a.rs".to_string(), a.to_string()),
            ("m/b.rs".to_string(), b.to_string()),
        ]
    };
    // Through a grouped `use`, a re-export and a path in code.
    for (a, b) in [
        ("use super::{b::{self, Thing}};", "use crate::m::a;"),
        ("use super::Thing;", "fn f() { super::a::g() }"),
        ("use super::Thing as T;", "pub use super::a::g;"),
    ] {
        assert_eq!(import_cycles(&files(a, b)).len(), 1, "{a} / {b}");
    }
    // One way only, a test module reading its parent, and a parent using
    // its child's items while the child uses the parent's are no cycle.
    let one_way = files(
        "use super::Thing;\n#[cfg(test)]\nmod tests { use super::*; }",
        "// use super::a;\npub struct Thing;",
    );
    assert!(import_cycles(&one_way).is_empty());
    let mut parent_and_child = files("use super::Shared;", "");
    parent_and_child[1].1 = "pub mod a;\npub mod b;\npub struct Shared;\nfn f() { a::g() }".into();
    assert!(import_cycles(&parent_and_child).is_empty());
}
