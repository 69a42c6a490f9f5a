//! The command line of `yardstick-serve`, read and checked before anything
//! starts: a value that could only fail later (an empty database path that
//! would lose every event, an origin without a host) is refused here with a
//! message naming the option.
//!
//! It opens nothing and binds nothing.

use std::env;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use crate::collect::normalize_origin;
use crate::hosts::{parse_host, HostName};

/// The database when `--db` is not given, relative to the working directory.
const DEFAULT_DB: &str = "target/yardstick-events.sqlite";

pub const USAGE: &str = "usage: yardstick-serve [--port N] [--bind ADDR] [--host NAME[:PORT]]... \
[--root DIR] [--db PATH|:memory:] [--allow-origin URL]... [--embed-origin URL]... \
[--max-lifetime-secs N] [--success-demo]";

pub struct Options {
    pub port: u16,
    /// The address to listen on; 127.0.0.1 unless a proxy needs another.
    pub bind: IpAddr,
    /// Names answered besides the server's own (`--host`).
    pub hosts: Vec<HostName>,
    pub root: PathBuf,
    pub db: PathBuf,
    pub allow_origins: Vec<String>,
    pub embed_origins: Vec<String>,
    pub max_lifetime_secs: Option<u64>,
    /// Load the seeded success demo portfolio into a store without
    /// success data (`--success-demo`).
    pub success_demo: bool,
}

/// What the command line asks for: options, or only the usage text.
pub enum Command {
    Serve(Options),
    Help,
}

/// Reads the process's arguments (and `PORT`, the default port).
pub fn parse() -> Result<Command, String> {
    let port = env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    parse_args(port, env::args().skip(1))
}

fn parse_args(port: u16, args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options {
        port,
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        hosts: Vec::new(),
        root: PathBuf::from("."),
        db: PathBuf::from(DEFAULT_DB),
        allow_origins: Vec::new(),
        embed_origins: Vec::new(),
        max_lifetime_secs: None,
        success_demo: false,
    };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                options.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number from 0 to 65535")?
            }
            "--bind" => {
                let text = value()?;
                options.bind = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("--bind {text}: not an IP address"))?
            }
            "--host" => {
                let text = value()?;
                options
                    .hosts
                    .push(parse_host(&text).map_err(|err| format!("--host {text}: {err}"))?)
            }
            "--root" => options.root = PathBuf::from(value()?),
            "--db" => {
                let text = value()?;
                if text.trim().is_empty() {
                    return Err(
                        "--db needs a file path (or :memory:); an empty one would lose every event"
                            .into(),
                    );
                }
                options.db = PathBuf::from(text)
            }
            "--allow-origin" => options
                .allow_origins
                .push(normalize_origin("--allow-origin", &value()?)?),
            "--embed-origin" => options
                .embed_origins
                .push(normalize_origin("--embed-origin", &value()?)?),
            "--max-lifetime-secs" => {
                options.max_lifetime_secs = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--max-lifetime-secs needs a number")?,
                )
            }
            "--success-demo" => options.success_demo = true,
            "--help" | "-h" => return Ok(Command::Help),
            other => return Err(format!("unknown option {other}; try --help")),
        }
    }
    Ok(Command::Serve(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(8080, args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn refuses_what_would_fail_later() {
        for db in ["", " ", "\t"] {
            let message = parse(&["--db", db]).err().unwrap_or_default();
            assert!(message.starts_with("--db"), "{message}");
        }
        assert!(parse(&["--bind", "localhost"]).is_err());
        assert!(parse(&["--host", "a b"]).is_err());
        assert!(parse(&["--embed-origin", "https://"]).is_err());
        assert!(parse(&["--port"]).is_err());
        assert!(matches!(
            parse(&["--db", ":memory:"]),
            Ok(Command::Serve(_))
        ));
        assert!(matches!(parse(&["--bind", "::"]), Ok(Command::Serve(_))));
    }
}
