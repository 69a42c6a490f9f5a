//! The names the server answers to: the `Host` check against DNS
//! rebinding. A page on another site whose name an attacker points at
//! 127.0.0.1 sends its own name in `Host`; only the server's own names
//! (`127.0.0.1`, `localhost`, `[::1]` and the `--bind` address, each on the
//! listening port) and the names given with `--host` are answered.
//!
//! It only compares names; it never resolves one.

use std::net::IpAddr;

/// One allowed name: lowercase host, and the port it must carry (`None`:
/// any port, or none, as a proxy forwards a public name).
#[derive(Clone, Debug, PartialEq)]
pub struct HostName {
    host: String,
    port: Option<u16>,
}

/// Every name the server answers to.
pub struct Hosts {
    names: Vec<HostName>,
}

impl Hosts {
    /// The server's own names on `port` (including the `bind` address) plus
    /// the configured `extra` ones.
    pub fn new(port: u16, bind: IpAddr, extra: Vec<HostName>) -> Hosts {
        let own = |host: String| HostName {
            host,
            port: Some(port),
        };
        let mut names = vec![
            own("127.0.0.1".into()),
            own("localhost".into()),
            own("[::1]".into()),
            own(bracketed(bind)),
        ];
        names.extend(extra);
        Hosts { names }
    }

    /// Whether a `Host` header value names this server.
    pub fn allows(&self, header: &str) -> bool {
        let Ok(asked) = parse_host(header) else {
            return false;
        };
        self.names
            .iter()
            .any(|name| name.host == asked.host && (name.port.is_none() || name.port == asked.port))
    }
}

/// An address as it appears in a URL's authority (`[::1]` for IPv6).
pub fn bracketed(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `NAME[:PORT]` (or `[IPV6][:PORT]`) read as a `Host` value or a `--host`
/// option: lowercased, a trailing dot dropped, or why it is not one.
pub fn parse_host(text: &str) -> Result<HostName, String> {
    let text = text.trim().to_ascii_lowercase();
    let (host, port) = match text.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest
                .split_once(']')
                .ok_or("an IPv6 address needs its closing ]")?;
            inside
                .parse::<std::net::Ipv6Addr>()
                .map_err(|_| "not an IPv6 address between [ and ]")?;
            (format!("[{inside}]"), after.strip_prefix(':'))
        }
        None => match text.split_once(':') {
            Some((name, port)) => (name.to_string(), Some(port)),
            None => (text.clone(), None),
        },
    };
    let host = host.strip_suffix('.').unwrap_or(&host).to_string();
    let plain = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':'));
    if host.is_empty() || !plain {
        return Err("the host name is missing or has characters a name cannot have".into());
    }
    let port = match port {
        None => None,
        Some(port) => Some(
            port.parse::<u16>()
                .map_err(|_| "the port must be a number from 0 to 65535")?,
        ),
    };
    Ok(HostName { host, port })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_and_configured_names_only() -> Result<(), String> {
        let hosts = Hosts::new(
            8080,
            IpAddr::from([10, 0, 0, 5]),
            vec![
                parse_host("Calc.Example.com")?,
                parse_host("other.example:81")?,
            ],
        );
        for allowed in [
            "127.0.0.1:8080",
            "LocalHost:8080",
            "[::1]:8080",
            "10.0.0.5:8080",
            "calc.example.com",
            "calc.example.com.",
            "calc.example.com:443",
            "other.example:81",
        ] {
            assert!(hosts.allows(allowed), "{allowed}");
        }
        for refused in [
            "127.0.0.1",
            "127.0.0.1:8081",
            "localhost",
            "evil.example:8080",
            "other.example",
            "other.example:80",
            "",
            "a b",
            "[::1",
            "calc.example.com:x",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
        Ok(())
    }
}
