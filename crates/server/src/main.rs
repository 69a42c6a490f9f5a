//! `yardstick-serve`: the development server and event collector, on
//! 127.0.0.1 unless `--bind` says otherwise. Serves the site and the
//! generated packages, accepts widget events at `POST /collect` into SQLite
//! and answers their metrics at `GET /api/engagement` (docs/engagement.md,
//! "The collector").
//!
//! A native program, never built for wasm. It holds no business logic: the
//! core reads and checks events and computes metrics; these modules only
//! move bytes. `options` reads the command line, `http` runs HTTP/1.1 on
//! hyper and tokio with its limits, `hosts` is the `Host` check, `stall` drops clients that stop reading, `pages`
//! and `files` serve static files, `collect` and `api` are the collector's
//! routes (and `api` the site's small read-only ones), `leads` (with
//! `leads_query` and `leads_csv`) takes and lists leads, `funnel_api` the
//! Develop funnel's, `cases` (with `cases_history`) saves cases with their
//! revisions and answers the Evaluate pipeline, `models` lists the
//! served models, `store` is the database.
//!
//! Usage: see [`options::USAGE`]. `--port 0` picks a free port. The first
//! line on stdout is always `Yardstick serving http://ADDR:PORT/` (ADDR is
//! 127.0.0.1 unless `--bind` names a specific other address), so tests and
//! `make demo` can read the address; the lines after it name the pages and
//! end with their addresses.

#[cfg(not(target_arch = "wasm32"))]
mod api;
#[cfg(not(target_arch = "wasm32"))]
mod cases;
#[cfg(not(target_arch = "wasm32"))]
mod cases_drop;
#[cfg(not(target_arch = "wasm32"))]
mod cases_history;
#[cfg(not(target_arch = "wasm32"))]
mod collect;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod form_data;
#[cfg(not(target_arch = "wasm32"))]
mod funnel_api;
#[cfg(not(target_arch = "wasm32"))]
mod hosts;
#[cfg(not(target_arch = "wasm32"))]
mod http;
#[cfg(not(target_arch = "wasm32"))]
mod journey_api;
#[cfg(not(target_arch = "wasm32"))]
mod leads;
#[cfg(not(target_arch = "wasm32"))]
mod leads_csv;
#[cfg(not(target_arch = "wasm32"))]
mod leads_query;
#[cfg(not(target_arch = "wasm32"))]
mod models;
#[cfg(not(target_arch = "wasm32"))]
mod options;
#[cfg(not(target_arch = "wasm32"))]
mod pages;
#[cfg(not(target_arch = "wasm32"))]
mod stall;
#[cfg(not(target_arch = "wasm32"))]
mod store;
#[cfg(not(target_arch = "wasm32"))]
mod success_api;
mod success_cases;
#[cfg(not(target_arch = "wasm32"))]
mod success_csv;
#[cfg(not(target_arch = "wasm32"))]
mod success_demo;
#[cfg(not(target_arch = "wasm32"))]
mod success_demo_leads;
#[cfg(not(target_arch = "wasm32"))]
mod success_import_csv;
#[cfg(not(target_arch = "wasm32"))]
mod success_plans;
#[cfg(not(target_arch = "wasm32"))]
mod success_rows;

#[cfg(not(target_arch = "wasm32"))]
use std::io::Write;
#[cfg(not(target_arch = "wasm32"))]
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpListener};
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use std::{process, thread};

#[cfg(not(target_arch = "wasm32"))]
use collect::{error, Origins};
#[cfg(not(target_arch = "wasm32"))]
use http::{Request, Response};
#[cfg(not(target_arch = "wasm32"))]
use options::Command;
#[cfg(not(target_arch = "wasm32"))]
use pages::Pages;
#[cfg(not(target_arch = "wasm32"))]
use store::Store;

/// What every request's route shares.
#[cfg(not(target_arch = "wasm32"))]
struct App {
    root: PathBuf,
    origins: Origins,
    pages: Pages,
    store: Store,
    /// The body of `GET /api/site`, fixed at start.
    site: String,
    catalog: models::Catalog,
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let options = match options::parse() {
        Ok(Command::Serve(options)) => options,
        Ok(Command::Help) => {
            println!("{}", options::USAGE);
            return;
        }
        Err(message) => fail(2, &message),
    };
    let store = Store::open(&options.db)
        .unwrap_or_else(|err| fail(1, &format!("{}: {err}", options.db.display())));
    if options.success_demo {
        if let Err(message) = success_api::load_demo(&store) {
            fail(1, &message);
        }
    }
    let listener = TcpListener::bind((options.bind, options.port)).unwrap_or_else(|err| {
        fail(
            1,
            &format!(
                "cannot listen on {}:{}: {err}",
                hosts::bracketed(options.bind),
                options.port
            ),
        )
    });
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(options.port);
    // A wildcard address is reached on loopback; print that, so the line
    // stays usable (tests and `make demo` read it).
    let shown = match options.bind {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other,
    };
    // One write, and no panic if stdout is gone: a test may stop reading
    // after the first line.
    let mut stdout = std::io::stdout();
    let _ = stdout.write_all(
        startup_text(
            &hosts::bracketed(shown),
            port,
            &options.allow_origins,
            &options.embed_origins,
        )
        .as_bytes(),
    );
    let _ = stdout.flush();
    if let Some(secs) = options.max_lifetime_secs {
        // Lets tests start a server that stops by itself even if they crash.
        thread::spawn(move || {
            thread::sleep(Duration::from_secs(secs));
            process::exit(0);
        });
    }
    let hosts = hosts::Hosts::new(port, options.bind, options.hosts);
    let app = App {
        root: options.root,
        pages: Pages::new(&options.allow_origins, &options.embed_origins),
        site: api::site_body(&options.allow_origins, &options.embed_origins),
        catalog: models::Catalog::new(),
        origins: Origins::new(port, options.allow_origins),
        store,
    };
    let served = http::run(
        listener,
        hosts,
        Box::new(move |request| route(&app, request)),
    );
    if let Err(err) = served {
        fail(1, &format!("cannot serve: {err}"));
    }
}

/// What the server prints once it listens: the address on the first line
/// (the contract tests and scripts read), then which other sites may use
/// it (so a marketer sees at once whether their site is allowed), then the
/// pages, their addresses last so they are what a person sees at the
/// bottom of `make demo`.
#[cfg(not(target_arch = "wasm32"))]
fn startup_text(
    host: &str,
    port: u16,
    allow_origins: &[String],
    embed_origins: &[String],
) -> String {
    let base = format!("http://{host}:{port}/");
    let allowed = if allow_origins.is_empty() {
        "Other sites allowed: none (allow one with --allow-origin URL, \
         or make demo ALLOW_ORIGIN=URL)\n"
            .to_string()
    } else {
        format!("Other sites allowed: {}\n", allow_origins.join(" "))
    };
    let embed = if embed_origins.is_empty() {
        String::new()
    } else {
        format!(
            "embed.html may also load from: {}\n",
            embed_origins.join(" ")
        )
    };
    format!(
        "Yardstick serving {base}\n\
         {allowed}{embed}\
         Ctrl-C stops it. Open in a browser:\n\
         \x20 calculators  {base}gallery.html\n\
         \x20 workbench    {base}workbench.html\n\
         \x20 engagement   {base}dashboard.html\n\
         \x20 pipeline     {base}pipeline.html\n\
         \x20 success      {base}success.html\n\
         \x20 journey      {base}journey.html\n\
         \x20 playground   {base}\n"
    )
}

#[cfg(not(target_arch = "wasm32"))]
fn fail(code: i32, message: &str) -> ! {
    eprintln!("yardstick-serve: {message}");
    process::exit(code)
}

/// Sends each request to its route (blocking code, on tokio's blocking pool).
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
        "/api/site" => match method {
            "GET" | "HEAD" => api::site(&app.origins, request, || app.site.clone()),
            _ => error(405, "/api/site accepts GET").with_header("Allow", "GET, HEAD"),
        },
        "/api/models" => match method {
            "GET" | "HEAD" => api::site(&app.origins, request, || app.catalog.listing(&app.root)),
            _ => error(405, "/api/models accepts GET").with_header("Allow", "GET, HEAD"),
        },
        "/api/leads" | "/api/leads.csv" => route_leads(app, request),
        path if path == "/api/cases" || path.starts_with("/api/cases/") => {
            let context = cases::CasesContext {
                origins: &app.origins,
                store: &app.store,
            };
            cases::route(&context, request)
        }
        path if path == "/api/journey" || path.starts_with("/api/journey/") => {
            journey_api::route(&app.origins, &app.store, request)
        }
        path if path.starts_with("/api/success/") => {
            success_api::route(&app.origins, &app.store, request)
        }
        "/api/pipeline" => match method {
            "GET" | "HEAD" => {
                let context = cases::CasesContext {
                    origins: &app.origins,
                    store: &app.store,
                };
                cases_history::pipeline(&context, request)
            }
            _ => error(405, "/api/pipeline accepts GET").with_header("Allow", "GET, HEAD"),
        },
        "/api/engagement" => match method {
            "GET" | "HEAD" => api::engagement(&app.origins, &app.store, request),
            _ => error(405, "/api/engagement accepts GET").with_header("Allow", "GET, HEAD"),
        },
        "/api/funnel" => match method {
            "GET" | "HEAD" => funnel_api::funnel(&app.origins, &app.store, request),
            _ => error(405, "/api/funnel accepts GET").with_header("Allow", "GET, HEAD"),
        },
        "/api/funnel.csv" => match method {
            "GET" | "HEAD" => funnel_api::funnel_csv(&app.origins, &app.store, request),
            _ => error(405, "/api/funnel.csv accepts GET").with_header("Allow", "GET, HEAD"),
        },
        _ => match method {
            "GET" | "HEAD" => app.pages.serve(&app.root, &app.origins, request),
            _ => Response::new(
                405,
                "text/plain",
                b"only GET and HEAD are served\n".to_vec(),
            )
            .with_header("Allow", "GET, HEAD"),
        },
    }
}

/// The leads routes (docs/leads.md).
#[cfg(not(target_arch = "wasm32"))]
fn route_leads(app: &App, request: &Request) -> Response {
    let context = leads::LeadsContext {
        origins: &app.origins,
        store: &app.store,
        catalog: &app.catalog,
        root: &app.root,
    };
    match (request.path(), request.method.as_str()) {
        ("/api/leads", "POST") => leads::post(&context, request),
        ("/api/leads", "OPTIONS") => collect::preflight(&app.origins, request),
        ("/api/leads", "GET" | "HEAD") => leads::list(&context, request),
        ("/api/leads", _) => error(405, "/api/leads accepts POST, GET (and OPTIONS)")
            .with_header("Allow", "POST, GET, HEAD, OPTIONS"),
        (_, "GET" | "HEAD") => leads::csv(&context, request),
        _ => error(405, "/api/leads.csv accepts GET").with_header("Allow", "GET, HEAD"),
    }
}

/// The server is native only; a wasm32 build of the package (the wasm
/// tests build every binary) gets this empty `main`.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(test)]
mod tests {
    use super::startup_text;

    #[test]
    fn startup_keeps_the_address_first_and_ends_with_the_pages_addresses() {
        let text = startup_text("127.0.0.1", 8080, &[], &[]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Yardstick serving http://127.0.0.1:8080/");
        let pages: Vec<&str> = lines[1..]
            .iter()
            .filter_map(|line| line.split_whitespace().last())
            .filter(|word| word.starts_with("http://"))
            .collect();
        assert_eq!(
            pages,
            [
                "http://127.0.0.1:8080/gallery.html",
                "http://127.0.0.1:8080/workbench.html",
                "http://127.0.0.1:8080/dashboard.html",
                "http://127.0.0.1:8080/pipeline.html",
                "http://127.0.0.1:8080/success.html",
                "http://127.0.0.1:8080/journey.html",
                "http://127.0.0.1:8080/"
            ]
        );
        assert!(lines[lines.len() - 1].ends_with("http://127.0.0.1:8080/"));
        assert!(text.ends_with('\n'));
        assert!(text.contains("Other sites allowed: none (allow one with --allow-origin URL"));
    }

    #[test]
    fn startup_names_the_allowed_origins_before_the_pages() {
        let text = startup_text(
            "127.0.0.1",
            8080,
            &["https://a.example".into(), "http://b.example:8000".into()],
            &["https://cdn.example".into()],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Yardstick serving http://127.0.0.1:8080/");
        assert_eq!(
            lines[1],
            "Other sites allowed: https://a.example http://b.example:8000"
        );
        assert_eq!(
            lines[2],
            "embed.html may also load from: https://cdn.example"
        );
        assert!(lines[lines.len() - 1].ends_with("http://127.0.0.1:8080/"));
    }
}
