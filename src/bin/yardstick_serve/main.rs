//! `yardstick-serve`: the development server for the site. Serves `www/` at
//! `/` and the generated `pkg/` at `/pkg/`, on 127.0.0.1 only.
//!
//! A native program, never built for wasm. It holds no business logic: it
//! only maps request paths to files under the two roots, refusing anything
//! that would escape them.
//!
//! Usage: `yardstick-serve [--port N] [--root DIR] [--max-lifetime-secs N]`.
//! `--port 0` picks a free port. The first line on stdout is always
//! `Yardstick serving http://127.0.0.1:PORT/`, so tests can read the address.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;
use std::{env, fs, process, thread};

/// Longest request head accepted; a longer one is answered 431.
const MAX_REQUEST_HEAD_BYTES: u64 = 16 * 1024;
/// A client that sends nothing for this long is dropped.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

struct Options {
    port: u16,
    root: PathBuf,
    max_lifetime_secs: Option<u64>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        port: env::var("PORT")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(8080),
        root: PathBuf::from("."),
        max_lifetime_secs: None,
    };
    let mut args = env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                options.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number from 0 to 65535")?
            }
            "--root" => options.root = PathBuf::from(value()?),
            "--max-lifetime-secs" => {
                options.max_lifetime_secs = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--max-lifetime-secs needs a number")?,
                )
            }
            "--help" | "-h" => {
                println!("usage: yardstick-serve [--port N] [--root DIR] [--max-lifetime-secs N]");
                process::exit(0);
            }
            other => return Err(format!("unknown option {other}; try --help")),
        }
    }
    Ok(options)
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("yardstick-serve: {message}");
            process::exit(2);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", options.port)) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "yardstick-serve: cannot listen on 127.0.0.1:{}: {err}",
                options.port
            );
            process::exit(1);
        }
    };
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(options.port);
    println!("Yardstick serving http://127.0.0.1:{port}/");
    let _ = std::io::stdout().flush();
    if let Some(secs) = options.max_lifetime_secs {
        // Lets tests start a server that stops by itself even if they crash.
        thread::spawn(move || {
            thread::sleep(Duration::from_secs(secs));
            process::exit(0);
        });
    }
    let root = options.root;
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        thread::spawn(move || {
            if let Err(err) = handle(stream, &root) {
                eprintln!("yardstick-serve: {err}");
            }
        });
    }
}

fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_REQUEST_HEAD_BYTES));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; the server needs none of them.
    let mut head_complete = false;
    let mut line = String::new();
    while reader.read_line(&mut line)? > 0 {
        if line == "\r\n" || line == "\n" {
            head_complete = true;
            break;
        }
        line.clear();
    }
    let mut stream = stream;
    if !head_complete {
        return respond(
            &mut stream,
            431,
            "text/plain",
            b"request head too large or incomplete\n",
            true,
        );
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let with_body = method == "GET";
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain",
            b"only GET and HEAD are served\n",
            true,
        );
    }
    match resolve(root, target) {
        Some(path) => match fs::read(&path) {
            Ok(body) => respond(&mut stream, 200, content_type(&path), &body, with_body),
            Err(_) => respond(&mut stream, 404, "text/plain", b"not found\n", with_body),
        },
        None => respond(&mut stream, 404, "text/plain", b"not found\n", with_body),
    }
}

/// Maps a request target to a file under `www/` or `pkg/`, or `None` when
/// it is malformed or would leave those folders.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    let relative = decoded.strip_prefix('/')?;
    let (base, rest) = match relative.strip_prefix("pkg/") {
        Some(rest) => (root.join("pkg"), rest),
        None => (root.join("www"), relative),
    };
    let mut file = base.clone();
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

fn percent_decode(text: &str) -> Option<String> {
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

fn content_type(path: &Path) -> &'static str {
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

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
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
        assert_eq!(resolve(root, "/%00"), None);
        assert_eq!(resolve(root, "/%zz"), None);
        assert_eq!(resolve(root, "no-leading-slash"), None);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%"), None);
    }
}
