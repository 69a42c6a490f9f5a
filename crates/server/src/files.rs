//! Static files: maps a request path to a file under one of the served
//! folders (`www/` at `/`, `pkg/` at `/pkg/`, `pkg-widget/` at
//! `/pkg-widget/`, the page snippet's `pkg-page/` at `/pkg-page/`, the
//! Excel export's `pkg-export/` at `/pkg-export/`, Monte Carlo's `pkg-risk/`
//! at `/pkg-risk/`, the success engine's `pkg-success/` at `/pkg-success/`,
//! `examples/models/` at `/models/`), refusing anything
//! that would escape them, and names its content type.
//!
//! It never writes, and never follows a path component other than a plain
//! name (no `..`, no absolute parts, no NUL). Symbolic links inside the
//! folders are resolved, and a file is served only when its real path is
//! inside the real path of its folder: a link never leads out of the tree.
//!
//! Each representation (the file, or its brotli or gzip sibling) has
//! validators: an `ETag` from its size and modification time (a compressed
//! one is marked `-br` or `-gz`, so no two match each other) and
//! `Last-Modified`, for conditional GETs answered 304.
//!
//! A file with up-to-date compressed siblings (`yardstick_bg.wasm.br` and
//! `.gz`, made by `make pkg pkg-widget`) is sent compressed: brotli to
//! clients that accept it (every current browser, about 9% fewer bytes than
//! the best gzip for the widget), else gzip: what a visitor's browser
//! downloads, as a static host with precompressed files (nginx
//! `brotli_static` / `gzip_static`, most CDNs) would send it.
//! Text under `/models/` has no sibling (a marketer drops a model in the
//! folder and never runs make), so it is compressed as it is sent
//! ([`Found::compress_on_the_fly`], [`gzip`]).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The folder of calculator models, relative to the root (`models::Catalog`
/// lists it).
pub const MODELS_FOLDER: &str = "examples/models";
/// The URL prefix (after the leading `/`) the models folder is served at.
pub const MODELS_PREFIX: &str = "models/";

/// URL prefix and folder (relative to the root) of each served tree; the
/// first match wins, `www/` takes the rest.
const MOUNTS: [(&str, &str); 7] = [
    ("pkg/", "pkg"),
    ("pkg-widget/", "pkg-widget"),
    ("pkg-page/", "pkg-page"),
    ("pkg-export/", "pkg-export"),
    ("pkg-risk/", "pkg-risk"),
    ("pkg-success/", "pkg-success"),
    (MODELS_PREFIX, MODELS_FOLDER),
];

/// A file found under a served folder.
#[derive(Debug, PartialEq)]
pub struct Found {
    /// Its real path (links resolved), inside `folder`.
    pub file: PathBuf,
    /// The real path of the served folder it is in.
    folder: PathBuf,
    /// Text in the models folder: gzip it as it is sent when it has no sibling.
    pub compress_on_the_fly: bool,
}

impl Found {
    /// The up-to-date sibling in `coding` (see [`precompressed`]), if it
    /// too is really inside the folder.
    pub fn sibling(&self, coding: Coding) -> Option<PathBuf> {
        let sibling = precompressed(&self.file, coding)?.canonicalize().ok()?;
        (sibling.starts_with(&self.folder) && sibling.is_file()).then_some(sibling)
    }
}

/// The file a request path names, or `None` when it is malformed, missing
/// or would leave the served folders (by `..` or by a symbolic link).
pub fn resolve(root: &Path, path: &str) -> Option<Found> {
    let decoded = percent_decode(path)?;
    let relative = decoded.strip_prefix('/')?;
    let (base, rest, is_models) = MOUNTS
        .iter()
        .find_map(|(prefix, folder)| {
            relative
                .strip_prefix(prefix)
                .map(|rest| (root.join(folder), rest, *folder == MODELS_FOLDER))
        })
        .unwrap_or_else(|| (root.join("www"), relative, false));
    let mut file = base.clone();
    for component in Path::new(rest).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let folder = base.canonicalize().ok()?;
    let mut real = file.canonicalize().ok()?;
    if real.is_dir() {
        real = real.join("index.html").canonicalize().ok()?;
    }
    let kind = content_type(&real);
    let compress_on_the_fly =
        is_models && (kind.starts_with("text/") || kind.starts_with("application/json"));
    (real.starts_with(&folder) && real.is_file()).then_some(Found {
        file: real,
        folder,
        compress_on_the_fly,
    })
}

/// `bytes` as a gzip member (flate2's default level: a model of a few
/// kilobytes takes well under a millisecond). `None` only if the encoder
/// fails, which writing to memory does not.
pub fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// A content coding the server sends files in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// The file as it is.
    Identity,
    /// `br`, from a `.br` sibling only.
    Brotli,
    /// `gzip`, from a `.gz` sibling or compressed as sent.
    Gzip,
}

impl Coding {
    /// The `Content-Encoding` name (`None` for identity).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Brotli => Some("br"),
            Coding::Gzip => Some("gzip"),
        }
    }

    /// The sibling's file-name suffix and the ETag's mark.
    fn suffix(self) -> &'static str {
        match self {
            Coding::Identity => "",
            Coding::Brotli => "br",
            Coding::Gzip => "gz",
        }
    }
}

/// The precompressed sibling of `file` in `coding` (`<file>.br`,
/// `<file>.gz`) when it exists and is at least as new as `file`; a stale
/// one (the file rebuilt since) is never sent.
pub fn precompressed(file: &Path, coding: Coding) -> Option<PathBuf> {
    if coding == Coding::Identity {
        return None;
    }
    let mut name = file.file_name()?.to_os_string();
    name.push(".");
    name.push(coding.suffix());
    let sibling = file.with_file_name(name);
    let modified = |path: &Path| path.metadata().and_then(|m| m.modified()).ok();
    (modified(&sibling)? >= modified(file)?).then_some(sibling)
}

/// The validators of one representation of a file.
pub struct Validators {
    /// A strong entity tag, quoted.
    pub etag: String,
    /// The modification time as an HTTP date.
    pub last_modified: String,
    modified: SystemTime,
}

impl Validators {
    /// Validators for the file at `path`, sent in `coding`. `variant`
    /// distinguishes content the server changes as it sends it (the embed
    /// page's configured origins).
    pub fn of(path: &Path, coding: Coding, variant: u64) -> Option<Validators> {
        let metadata = path.metadata().ok()?;
        let modified = metadata.modified().ok()?;
        let nanos = modified
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let coding = match coding {
            Coding::Identity => String::new(),
            other => format!("-{}", other.suffix()),
        };
        let variant = if variant == 0 {
            String::new()
        } else {
            format!("-{variant:x}")
        };
        Some(Validators {
            etag: format!("\"{:x}-{nanos:x}{variant}{coding}\"", metadata.len()),
            last_modified: httpdate::fmt_http_date(modified),
            modified,
        })
    }

    /// Whether a GET with these conditional headers may be answered 304:
    /// `If-None-Match` when present (weak comparison, RFC 9110 §13.1.2),
    /// else `If-Modified-Since` (to the second).
    pub fn not_modified(
        &self,
        if_none_match: Option<&str>,
        if_modified_since: Option<&str>,
    ) -> bool {
        if let Some(tags) = if_none_match {
            return tags
                .split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == self.etag);
        }
        let Some(since) = if_modified_since.and_then(|d| httpdate::parse_http_date(d).ok()) else {
            return false;
        };
        let seconds = |time: SystemTime| time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        seconds(self.modified) <= seconds(since)
    }
}

/// Whether an `Accept-Encoding` header admits `coding` (`gzip`, `br`): that
/// coding (or `*`) with a quality that is not 0.
pub fn accepts(accept_encoding: Option<&str>, coding: &str) -> bool {
    accept_encoding.is_some_and(|header| {
        header.split(',').any(|entry| {
            let mut parts = entry.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|parameter| {
                parameter
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f64>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
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
        // The workspace root, which holds www/ and examples/models/.
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
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
    fn the_excel_export_is_served_from_pkg_export() {
        let root =
            std::env::temp_dir().join(format!("yardstick-files-export-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg-export")).unwrap();
        std::fs::write(root.join("pkg-export/yardstick.js"), "export {};").unwrap();
        let found = resolve(&root, "/pkg-export/yardstick.js");
        assert_eq!(
            found
                .as_ref()
                .map(|f| f.file.ends_with("pkg-export/yardstick.js")),
            Some(true)
        );
        assert_eq!(resolve(&root, "/pkg-export/..%2f..%2fCargo.toml"), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_success_engine_is_served_from_pkg_success() {
        let root =
            std::env::temp_dir().join(format!("yardstick-files-success-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg-success")).unwrap();
        std::fs::write(root.join("pkg-success/yardstick_bg.wasm"), b"\0asm").unwrap();
        let found = resolve(&root, "/pkg-success/yardstick_bg.wasm");
        let served = found
            .as_ref()
            .map(|f| f.file.ends_with("pkg-success/yardstick_bg.wasm"));
        assert_eq!(served, Some(true));
        assert_eq!(resolve(&root, "/pkg-success/..%2f..%2fCargo.toml"), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn monte_carlo_is_served_from_pkg_risk() {
        let root =
            std::env::temp_dir().join(format!("yardstick-files-risk-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg-risk")).unwrap();
        std::fs::write(root.join("pkg-risk/yardstick_bg.wasm"), b"\0asm").unwrap();
        let found = resolve(&root, "/pkg-risk/yardstick_bg.wasm");
        let served = found
            .as_ref()
            .map(|f| f.file.ends_with("pkg-risk/yardstick_bg.wasm"));
        assert_eq!(served, Some(true));
        assert_eq!(
            found.map(|f| content_type(&f.file)),
            Some("application/wasm"),
            "a wasm served with another type fails WebAssembly.instantiateStreaming"
        );
        assert_eq!(resolve(&root, "/pkg-risk/..%2f..%2fCargo.toml"), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_page_snippet_is_served_from_pkg_page() {
        let root = std::env::temp_dir().join(format!("yardstick-files-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg-page")).unwrap();
        std::fs::write(root.join("pkg-page/yardstick-page.min.js"), "export {};").unwrap();
        let found = resolve(&root, "/pkg-page/yardstick-page.min.js");
        let served = found
            .as_ref()
            .map(|f| f.file.ends_with("pkg-page/yardstick-page.min.js"));
        assert_eq!(served, Some(true));
        assert_eq!(found.map(|f| f.compress_on_the_fly), Some(false));
        assert_eq!(resolve(&root, "/pkg-page/..%2f..%2fCargo.toml"), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn only_text_under_models_is_compressed_on_the_fly() {
        use std::io::Read;
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let flag = |path: &str| resolve(root, path).map(|found| found.compress_on_the_fly);
        assert_eq!(flag("/models/saas-roi.json"), Some(true));
        assert_eq!(flag("/index.html"), Some(false));
        let text = b"{\"a\": 1}".repeat(100);
        let packed = gzip(&text).unwrap();
        assert!(packed.len() < text.len() / 10);
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(packed.as_slice())
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, text);
    }

    #[test]
    fn serves_the_mounted_folders() {
        // The workspace root, which holds www/ and examples/models/.
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let real = |path: &str| root.join(path).canonicalize().ok();
        assert_eq!(
            resolve(root, "/models/saas-roi.json").map(|found| found.file),
            real("examples/models/saas-roi.json")
        );
        assert_eq!(
            resolve(root, "/").map(|found| found.file),
            real("www/index.html")
        );
    }

    #[test]
    fn gzip_is_accepted_unless_refused() {
        let accepts_gzip = |header| accepts(header, "gzip");
        assert!(accepts_gzip(Some("gzip, deflate, br")));
        assert!(accepts_gzip(Some("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(Some("*")));
        assert!(!accepts_gzip(Some("gzip;q=0")));
        assert!(!accepts_gzip(Some("br, deflate")));
        assert!(!accepts_gzip(Some("")));
        assert!(!accepts_gzip(None));
        assert!(accepts(Some("gzip, deflate, br, zstd"), "br"));
        assert!(!accepts(Some("gzip, br;q=0"), "br"));
        assert!(!accepts(Some("gzip, deflate"), "br"));
    }

    #[test]
    fn only_an_up_to_date_sibling_is_precompressed() -> std::io::Result<()> {
        use std::time::{Duration, SystemTime};
        let folder = std::env::temp_dir().join(format!("yardstick-gz-{}", std::process::id()));
        std::fs::create_dir_all(&folder)?;
        let file = folder.join("a.wasm");
        let sibling = folder.join("a.wasm.gz");
        std::fs::write(&file, b"raw")?;
        assert_eq!(precompressed(&file, Coding::Gzip), None);
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
        assert_eq!(precompressed(&file, Coding::Gzip), Some(sibling.clone()));
        assert_eq!(precompressed(&file, Coding::Brotli), None);
        assert_eq!(precompressed(&file, Coding::Identity), None);
        set(&file, now + Duration::from_secs(10))?;
        assert_eq!(precompressed(&file, Coding::Gzip), None);
        std::fs::remove_dir_all(&folder)
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%"), None);
    }
}
