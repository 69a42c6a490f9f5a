//! Static files: maps a request path to a file under one of the served
//! folders (`www/` at `/`, `pkg/` at `/pkg/`, `pkg-widget/` at
//! `/pkg-widget/`, `examples/models/` at `/models/`), refusing anything
//! that would escape them, and names its content type.
//!
//! It never writes, and never follows a path component other than a plain
//! name (no `..`, no absolute parts, no NUL).

use std::path::{Component, Path, PathBuf};

/// URL prefix and folder (relative to the root) of each served tree; the
/// first match wins, `www/` takes the rest.
const MOUNTS: [(&str, &str); 3] = [
    ("pkg/", "pkg"),
    ("pkg-widget/", "pkg-widget"),
    ("models/", "examples/models"),
];

/// The file a request path names, or `None` when it is malformed, missing
/// or would leave the served folders.
pub fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let relative = decoded.strip_prefix('/')?;
    let (base, rest) = MOUNTS
        .iter()
        .find_map(|(prefix, folder)| {
            relative
                .strip_prefix(prefix)
                .map(|rest| (root.join(folder), rest))
        })
        .unwrap_or_else(|| (root.join("www"), relative));
    let mut file = base;
    for component in Path::new(rest).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// `%XX` escapes decoded; `None` for a bad escape, invalid UTF-8 or NUL.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(byte);
            index += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    (!decoded.contains('\0')).then_some(decoded)
}

/// The `Content-Type` for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "ts" | "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_escape_the_roots() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(resolve(root, "/../Cargo.toml"), None);
        assert_eq!(resolve(root, "/%2e%2e/Cargo.toml"), None);
        assert_eq!(resolve(root, "/pkg/../../Cargo.toml"), None);
        assert_eq!(resolve(root, "/models/../../Cargo.toml"), None);
        assert_eq!(resolve(root, "/models/%2e%2e/%2e%2e/Cargo.toml"), None);
        assert_eq!(resolve(root, "/pkg-widget/..%2f..%2fCargo.toml"), None);
        assert_eq!(resolve(root, "/%00"), None);
        assert_eq!(resolve(root, "/%zz"), None);
        assert_eq!(resolve(root, "no-leading-slash"), None);
    }

    #[test]
    fn serves_the_mounted_folders() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            resolve(root, "/models/saas-roi.json"),
            Some(root.join("examples/models/saas-roi.json"))
        );
        assert_eq!(resolve(root, "/"), Some(root.join("www/index.html")));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%"), None);
    }
}
