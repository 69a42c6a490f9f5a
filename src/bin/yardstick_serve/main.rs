//! `yardstick-serve`: the development server and event collector, on
//! 127.0.0.1 only. Serves the site and the generated packages, accepts
//! widget events at `POST /collect` into SQLite and answers their metrics at
//! `GET /api/engagement` (docs/engagement.md, "The collector").
//!
//! A native program, never built for wasm. It holds no business logic: the
//! core reads and checks events and computes metrics; these modules only
//! move bytes. `http` frames requests, `files` maps paths to files, `collect`
//! and `api` are the collector's routes, `store` is the database.
//!
//! Usage: `yardstick-serve [--port N] [--root DIR] [--db PATH]
//! [--allow-origin URL]... [--max-lifetime-secs N]`. `--port 0` picks a
//! free port. The first line on stdout is always
//! `Yardstick serving http://127.0.0.1:PORT/`, so tests can read the address.

#[cfg(not(target_arch = "wasm32"))]
mod api;
#[cfg(not(target_arch = "wasm32"))]
mod collect;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod http;
#[cfg(not(target_arch = "wasm32"))]
mod store;

#[cfg(not(target_arch = "wasm32"))]
use std::io::Write;
#[cfg(not(target_arch = "wasm32"))]
use std::net::TcpListener;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::atomic::{AtomicUsize, Ordering};
#[cfg(not(target_arch = "wasm32"))]
use std::sync::Arc;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use std::{env, fs, process, thread};

#[cfg(not(target_arch = "wasm32"))]
use collect::{error, normalize_origin, Origins};
#[cfg(not(target_arch = "wasm32"))]
use http::{Request, Response};
#[cfg(not(target_arch = "wasm32"))]
use store::Store;

/// Connections served at once; more are answered 503 and closed.
#[cfg(not(target_arch = "wasm32"))]
const MAX_CONNECTIONS: usize = 256;
/// The database when `--db` is not given, relative to the working directory.
#[cfg(not(target_arch = "wasm32"))]
const DEFAULT_DB: &str = "target/yardstick-events.sqlite";

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "usage: yardstick-serve [--port N] [--root DIR] [--db PATH|:memory:] \
[--allow-origin URL]... [--max-lifetime-secs N]";

#[cfg(not(target_arch = "wasm32"))]
struct Options {
    port: u16,
    root: PathBuf,
    db: PathBuf,
    allow_origins: Vec<String>,
    max_lifetime_secs: Option<u64>,
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        port: env::var("PORT")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(8080),
        root: PathBuf::from("."),
        db: PathBuf::from(DEFAULT_DB),
        allow_origins: Vec::new(),
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
            "--db" => options.db = PathBuf::from(value()?),
            "--allow-origin" => options.allow_origins.push(normalize_origin(&value()?)?),
            "--max-lifetime-secs" => {
                options.max_lifetime_secs = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--max-lifetime-secs needs a number")?,
                )
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                process::exit(0);
            }
            other => return Err(format!("unknown option {other}; try --help")),
        }
    }
    Ok(options)
}

/// What every connection thread shares.
#[cfg(not(target_arch = "wasm32"))]
struct App {
    root: PathBuf,
    origins: Origins,
    store: Store,
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let options = parse_options().unwrap_or_else(|message| fail(2, &message));
    let store = Store::open(&options.db)
        .unwrap_or_else(|err| fail(1, &format!("{}: {err}", options.db.display())));
    let listener = TcpListener::bind(("127.0.0.1", options.port)).unwrap_or_else(|err| {
        fail(
            1,
            &format!("cannot listen on 127.0.0.1:{}: {err}", options.port),
        )
    });
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
    let app = Arc::new(App {
        root: options.root,
        origins: Origins::new(port, options.allow_origins),
        store,
    });
    let open_connections = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        let app = Arc::clone(&app);
        let open = Arc::clone(&open_connections);
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let _ = stream.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            continue;
        }
        thread::spawn(move || {
            if let Err(err) = http::serve_connection(stream, &|request| route(&app, request)) {
                eprintln!("yardstick-serve: {err}");
            }
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn fail(code: i32, message: &str) -> ! {
    eprintln!("yardstick-serve: {message}");
    process::exit(code)
}

/// Sends each request to its route.
#[cfg(not(target_arch = "wasm32"))]
fn route(app: &App, request: &Request) -> Response {
    let method = request.method.as_str();
    match request.path() {
        "/collect" => match method {
            "POST" => collect::collect(&app.origins, &app.store, request),
            "OPTIONS" => collect::preflight(&app.origins, request),
            _ => error(405, "/collect accepts POST (and OPTIONS)")
                .with_header("Allow", "POST, OPTIONS"),
        },
        "/api/engagement" => match method {
            "GET" | "HEAD" => api::engagement(&app.origins, &app.store, request),
            _ => error(405, "/api/engagement accepts GET").with_header("Allow", "GET, HEAD"),
        },
        path => match method {
            "GET" | "HEAD" => static_file(app, request, path),
            _ => Response::new(
                405,
                "text/plain",
                b"only GET and HEAD are served\n".to_vec(),
            )
            .with_header("Allow", "GET, HEAD"),
        },
    }
}

/// A file from the served folders. Allowed origins get the CORS header, so
/// a widget embedded on their pages can load its module and wasm.
#[cfg(not(target_arch = "wasm32"))]
fn static_file(app: &App, request: &Request, path: &str) -> Response {
    let not_found = || Response::new(404, "text/plain", b"not found\n".to_vec());
    let response = match files::resolve(&app.root, path) {
        Some(file) => {
            let content_type = files::content_type(&file);
            let gzip = files::accepts_gzip(request.header("Accept-Encoding"))
                .then(|| files::precompressed(&file))
                .flatten()
                .and_then(|sibling| fs::read(sibling).ok());
            match gzip {
                Some(body) => Response::new(200, content_type, body)
                    .with_header("Content-Encoding", "gzip")
                    .with_header("Vary", "Accept-Encoding"),
                None => match fs::read(&file) {
                    Ok(body) => Response::new(200, content_type, body)
                        .with_header("Vary", "Accept-Encoding"),
                    Err(_) => not_found(),
                },
            }
        }
        None => not_found(),
    };
    match app.origins.check(request) {
        Ok(origin) => Origins::decorate(response, origin.as_deref()),
        Err(_) => response.with_header("Vary", "Origin"),
    }
}

/// The server is native only; a wasm32 build of the package (the wasm
/// tests build every binary) gets this empty `main`.
#[cfg(target_arch = "wasm32")]
fn main() {}
