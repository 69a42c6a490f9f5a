//! The static-file route: a file from the served folders (see `files`),
//! its precompressed sibling for gzip-accepting clients (a model without
//! one compressed as it is sent), 304 for a
//! conditional GET that still matches, and the headers a page needs: a
//! Content-Security-Policy on every HTML page, and on `embed.html` the
//! origins configured with `--embed-origin` filled into its
//! `yardstick-embed-origins` meta tag.
//!
//! The policy: scripts only from the site (plus `'wasm-unsafe-eval'`, which
//! `WebAssembly.instantiate` needs), styles from the site only (no page
//! has an inline `<style>` or `style` attribute; the widget's constructed
//! stylesheet and CSSOM writes are not inline styles), images from the site
//! and `data:`
//! (the favicon), connections to the site and the `--allow-origin` origins
//! (and on the embed page the `--embed-origin` ones), no plugins, and
//! framing by the site alone, except `embed.html`, which the allowed
//! origins may frame (it is the iframe embed).
//!
//! It never writes a file and never changes one's bytes other than that meta
//! tag's empty `content`.

use std::fs;
use std::path::Path;

use crate::collect::Origins;
use crate::files::{self, Coding, Found, Validators};
use crate::http::{Request, Response};

/// The meta tag `--embed-origin` fills, exactly as `www/embed.html` has it.
const EMBED_META: &str = r#"<meta name="yardstick-embed-origins" content="">"#;

/// The headers and substitutions of HTML pages, fixed at start.
pub struct Pages {
    /// The policy of every page but the embed page.
    csp: String,
    /// The embed page's policy.
    embed_csp: String,
    /// The embed meta tag with its origins, or `None` when none are set.
    embed_meta: Option<String>,
    /// Marks the embed page's validators, since its bytes depend on options.
    embed_variant: u64,
}

impl Pages {
    /// `allow_origins` and `embed_origins` are normalized origins
    /// (`collect::normalize_origin`), so they hold no quote, space or `<`.
    pub fn new(allow_origins: &[String], embed_origins: &[String]) -> Pages {
        let allowed = allow_origins.join(" ");
        let embed = embed_origins.join(" ");
        let policy = |connect: &str, ancestors: &str| {
            let list = |extra: &str| {
                if extra.is_empty() {
                    "'self'".to_string()
                } else {
                    format!("'self' {extra}")
                }
            };
            format!(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                 style-src 'self'; img-src 'self' data:; \
                 connect-src {}; object-src 'none'; base-uri 'self'; \
                 form-action 'self'; frame-ancestors {}",
                list(connect),
                list(ancestors)
            )
        };
        let embed_connect = [allowed.as_str(), embed.as_str()]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        Pages {
            csp: policy(&allowed, ""),
            embed_csp: policy(&embed_connect, &allowed),
            embed_meta: (!embed.is_empty()).then(|| {
                format!(
                    r#"<meta name="yardstick-embed-origins" content="{}">"#,
                    escape_html(&embed)
                )
            }),
            embed_variant: fnv1a(embed.as_bytes()),
        }
    }

    /// A file from the served folders. Allowed origins get the CORS header,
    /// so a widget embedded on their pages can load its module and wasm.
    pub fn serve(&self, root: &Path, origins: &Origins, request: &Request) -> Response {
        let response = match files::resolve(root, request.path()) {
            Some(found) => self.file(&found, request),
            None => Response::new(404, "text/plain", b"not found\n".to_vec()),
        };
        match origins.check(request) {
            Ok(origin) => Origins::decorate(response, origin.as_deref()),
            Err(_) => response.with_header("Vary", "Origin"),
        }
    }

    fn file(&self, found: &Found, request: &Request) -> Response {
        let content_type = files::content_type(&found.file);
        let is_embed = found
            .file
            .file_name()
            .is_some_and(|name| name == "embed.html");
        let rewrites = is_embed && self.embed_meta.is_some();
        // The embed page is rewritten as it is sent: never from a sibling.
        let accept = request.header("Accept-Encoding");
        let accepts = |coding: Coding| {
            !rewrites
                && coding
                    .name()
                    .is_some_and(|name| files::accepts(accept, name))
        };
        let sibling = [Coding::Brotli, Coding::Gzip]
            .into_iter()
            .filter(|coding| accepts(*coding))
            .find_map(|coding| found.sibling(coding).map(|path| (path, coding)));
        // Without a sibling, a model is gzipped here; its validators are
        // the file's, marked `-gz` like a sibling's, so the two
        // representations never answer each other's conditional GETs.
        let compress = sibling.is_none() && accepts(Coding::Gzip) && found.compress_on_the_fly;
        let (path, coding) = match &sibling {
            Some((path, coding)) => (path.as_path(), *coding),
            None if compress => (found.file.as_path(), Coding::Gzip),
            None => (found.file.as_path(), Coding::Identity),
        };
        let variant = if rewrites { self.embed_variant } else { 0 };
        let Some(validators) = Validators::of(path, coding, variant) else {
            return Response::new(404, "text/plain", b"not found\n".to_vec());
        };
        let matches = validators.not_modified(
            request.header("If-None-Match"),
            request.header("If-Modified-Since"),
        );
        let response = if matches {
            Response::new(304, content_type, Vec::new())
        } else {
            let body = match fs::read(path) {
                Ok(body) if compress => files::gzip(&body),
                Ok(body) => Some(self.rewrite(body, rewrites)),
                Err(_) => return Response::new(404, "text/plain", b"not found\n".to_vec()),
            };
            match body {
                Some(body) => Response::new(200, content_type, body),
                None => return Response::new(500, "text/plain", b"could not compress\n".to_vec()),
            }
        };
        let mut response = response
            .with_header("Vary", "Accept-Encoding")
            .with_header("ETag", validators.etag)
            .with_header("Last-Modified", validators.last_modified);
        if let Some(name) = coding.name() {
            response = response.with_header("Content-Encoding", name);
        }
        if content_type.starts_with("text/html") {
            let csp = if is_embed { &self.embed_csp } else { &self.csp };
            response = response.with_header("Content-Security-Policy", csp.clone());
        }
        response
    }

    /// The embed page with its meta tag filled (only that tag's first
    /// occurrence), when `rewrites`.
    fn rewrite(&self, body: Vec<u8>, rewrites: bool) -> Vec<u8> {
        let (true, Some(meta)) = (rewrites, &self.embed_meta) else {
            return body;
        };
        match String::from_utf8(body) {
            Ok(text) => text.replacen(EMBED_META, meta, 1).into_bytes(),
            Err(err) => err.into_bytes(),
        }
    }
}

/// Text safe inside a double-quoted HTML attribute.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A 64-bit FNV-1a hash: tells apart the embed page's variants in its ETag.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_page_may_be_framed_by_allowed_origins_only() {
        let pages = Pages::new(
            &["https://shop.example.com".into()],
            &["https://cdn.example.com".into()],
        );
        assert!(pages.csp.ends_with("frame-ancestors 'self'"));
        assert!(pages
            .csp
            .contains("connect-src 'self' https://shop.example.com;"));
        assert!(pages
            .embed_csp
            .ends_with("frame-ancestors 'self' https://shop.example.com"));
        assert!(pages
            .embed_csp
            .contains("connect-src 'self' https://shop.example.com https://cdn.example.com;"));
        assert_eq!(escape_html(r#"a"<&>"#), "a&quot;&lt;&amp;&gt;");
    }
}
