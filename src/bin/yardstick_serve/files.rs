//! Static files: maps a request path to a file under one of the served
//! folders (`www/` at `/`, `pkg/` at `/pkg/`, `pkg-widget/` at
//! `/pkg-widget/`, `examples/models/` at `/models/`), refusing anything
//! that would escape them, and names its content type.
//!
//! It never writes, and never follows a path component other than a plain
//! name (no `..`, no absolute parts, no NUL).
//!
//! A file with an up-to-date gzip sibling (`yardstick_bg.wasm.gz`, made by
//! `make pkg pkg-widget` with zopfli) is sent compressed to clients that
//! accept gzip: what a visitor's browser downloads, as a static host with
//! precompressed files (nginx `gzip_static`, most CDNs) would send it.

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

/// The precompressed sibling of `file` (`<file>.gz`) when it exists and is
/// at least as new as `file`; a stale one (the file rebuilt since) is
/// never sent.
pub fn precompressed(file: &Path) -> Option<PathBuf> {
    let mut name = file.file_name()?.to_os_string();
    name.push(".gz");
    let sibling = file.with_file_name(name);
    let modified = |path: &Path| path.metadata().and_then(|m| m.modified()).ok();
    (modified(&sibling)? >= modified(file)?).then_some(sibling)
}

/// Whether an `Accept-Encoding` header admits gzip: a `gzip` (or `*`)
/// coding whose quality is not 0.
pub fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    accept_encoding.is_some_and(|header| {
        header.split(',').any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|parameter| {
                parameter
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f64>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
    })
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
    fn gzip_is_accepted_unless_refused() {
        assert!(accepts_gzip(Some("gzip, deflate, br")));
        assert!(accepts_gzip(Some("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(Some("*")));
        assert!(!accepts_gzip(Some("gzip;q=0")));
        assert!(!accepts_gzip(Some("br, deflate")));
        assert!(!accepts_gzip(Some("")));
        assert!(!accepts_gzip(None));
    }

    #[test]
    fn only_an_up_to_date_sibling_is_precompressed() -> std::io::Result<()> {
        use std::time::{Duration, SystemTime};
        let folder = std::env::temp_dir().join(format!("yardstick-gz-{}", std::process::id()));
        std::fs::create_dir_all(&folder)?;
        let file = folder.join("a.wasm");
        let sibling = folder.join("a.wasm.gz");
        std::fs::write(&file, b"raw")?;
        assert_eq!(precompressed(&file), None);
        std::fs::write(&sibling, b"gz")?;
        let now = SystemTime::now();
        let set = |path: &Path, time: SystemTime| {
            std::fs::File::options()
                .write(true)
                .open(path)?
                .set_modified(time)
        };
        set(&file, now - Duration::from_secs(10))?;
        set(&sibling, now)?;
        assert_eq!(precompressed(&file), Some(sibling.clone()));
        set(&file, now + Duration::from_secs(10))?;
        assert_eq!(precompressed(&file), None);
        std::fs::remove_dir_all(&folder)
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%"), None);
    }
}
