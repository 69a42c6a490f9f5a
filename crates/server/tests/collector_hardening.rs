//! The collector under attack: slow and idle clients, foreign Host headers
//! (DNS rebinding), symlinks out of the served folders, refused options,
//! slow bodies and repeated transfer codings. Each test here failed against
//! the hand-framed server it replaced.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;
use support::{batch, binary, event, parse_answers, temp_folder, Server};

/// Runs the server with `args` expecting it to refuse to start; returns its
/// stderr. A server that starts anyway stops after 3 s and fails the test.
fn refused_start(args: &[&str]) -> String {
    let output = Command::new(binary())
        .args(["--port", "0", "--max-lifetime-secs", "3"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success() && stdout.is_empty(),
        "{args:?} was accepted: {stdout}"
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn slow_and_idle_clients_never_starve_a_normal_request() {
    let server = Server::memory();
    let started = Instant::now();
    // 300 idle keep-alive connections, each after one answered request.
    let mut idle = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let request = format!(
            "GET /models/saas-roi.json HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.address
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut first_bytes = [0u8; 12];
        let _ = stream.read(&mut first_bytes);
        idle.push(stream);
    }
    // 300 connections trickling a request head, one byte at a time.
    let mut slow = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
        slow.push(stream);
    }
    let trickle_streams: Vec<TcpStream> = slow.iter().map(|s| s.try_clone().unwrap()).collect();
    let trickle = std::thread::spawn(move || {
        let mut streams = trickle_streams;
        for _ in 0..5 {
            for stream in &mut streams {
                let _ = stream.write_all(b"s");
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    // A normal request is answered at once, not refused or queued.
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let request = format!(
        "GET /api/engagement HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.address
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let answers = parse_answers(&bytes);
    assert_eq!(answers.len(), 1, "no answer within 5 s");
    assert_eq!(answers[0].status, 200, "{}", answers[0].text());
    trickle.join().unwrap();
    drop((idle, slow));
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// The status of `GET /api/engagement` with `Host: host`.
fn status_for_host(server: &Server, host: &str) -> u16 {
    let request =
        format!("GET /api/engagement HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let answers = server.raw(request.as_bytes());
    assert_eq!(answers.len(), 1, "{host}");
    if answers[0].status != 200 {
        assert!(answers[0].json()["error"]
            .as_str()
            .unwrap()
            .contains("Host"));
    }
    answers[0].status
}

#[test]
fn a_foreign_host_name_is_refused() {
    let server = Server::memory();
    let port = server.address.rsplit(':').next().unwrap().to_string();
    // A rebinding page's requests carry its own name.
    for foreign in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("127.0.0.1:{}", port.parse::<u32>().unwrap() + 1),
        "localhost".to_string(),
    ] {
        assert_eq!(status_for_host(&server, &foreign), 421, "{foreign}");
    }
    for own in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(status_for_host(&server, &own), 200, "{own}");
    }
    // HTTP/1.1 requires Host.
    let missing = server.raw(b"GET /api/engagement HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(missing[0].status, 400);
}

#[test]
fn configured_host_names_are_answered() {
    let server = Server::start(&["--db", ":memory:", "--host", "calc.example.com"]);
    for own in [
        "calc.example.com",
        "calc.example.com:443",
        "Calc.Example.COM",
    ] {
        assert_eq!(status_for_host(&server, own), 200, "{own}");
    }
    assert_eq!(status_for_host(&server, "shop.example.com"), 421);
}

#[test]
fn symlinks_never_lead_out_of_the_served_folders() {
    let folder = temp_folder("symlinks");
    let root = folder.join("root");
    std::fs::create_dir_all(root.join("www/inner")).unwrap();
    std::fs::write(root.join("www/index.html"), "<p>home</p>").unwrap();
    std::fs::write(root.join("www/inner/page.txt"), "inside").unwrap();
    std::fs::write(folder.join("secret.txt"), "outside the tree").unwrap();
    std::os::unix::fs::symlink(folder.join("secret.txt"), root.join("www/secret.txt")).unwrap();
    std::os::unix::fs::symlink(&folder, root.join("www/up")).unwrap();
    std::os::unix::fs::symlink("inner/page.txt", root.join("www/alias.txt")).unwrap();
    let server = Server::start(&["--db", ":memory:", "--root", root.to_str().unwrap()]);
    assert_eq!(server.get("/secret.txt").status, 404);
    assert_eq!(server.get("/up/secret.txt").status, 404);
    let inside = server.get("/alias.txt");
    assert_eq!(inside.status, 200);
    assert_eq!(inside.text(), "inside");
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn an_empty_database_path_is_refused() {
    for db in ["", "   "] {
        let stderr = refused_start(&["--db", db]);
        assert!(stderr.contains("--db"), "{stderr}");
    }
}

#[test]
fn an_origin_without_a_host_is_named_so() {
    let stderr = refused_start(&["--allow-origin", "https://"]);
    assert!(stderr.contains("host is missing"), "{stderr}");
}

#[test]
fn a_body_that_stops_arriving_gets_408() {
    let server = Server::memory();
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    let head = format!(
        "POST /collect HTTP/1.1\r\nHost: {}\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n{{\"schema\"",
        server.address
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let answers = parse_answers(&bytes);
    assert_eq!(answers.len(), 1, "closed with {} bytes", bytes.len());
    assert_eq!(answers[0].status, 408);
    assert!(answers[0].json()["error"].is_string());
}

#[test]
fn a_repeated_transfer_encoding_is_refused() {
    let server = Server::memory();
    let body = batch(vec![event(1, 1, "w1", "calc_view", 0)]).to_string();
    let chunked = format!("{:x}\r\n{body}\r\n0\r\n\r\n", body.len());
    for codings in [
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked, chunked\r\n",
    ] {
        let request = format!(
            "POST /collect HTTP/1.1\r\nHost: {}\r\nContent-Type: text/plain\r\n{codings}\r\n{chunked}",
            server.address
        );
        let answers = server.raw(request.as_bytes());
        assert_eq!(answers[0].status, 400, "{codings}: {}", answers[0].text());
    }
    // Nothing was stored: the same batch is new.
    let again = server.post(&batch(vec![event(1, 1, "w1", "calc_view", 0)]));
    assert_eq!(again.json()["accepted"], 1);
}

#[test]
fn a_client_that_stops_reading_is_dropped() {
    let folder = temp_folder("stall");
    std::fs::create_dir_all(folder.join("www")).unwrap();
    std::fs::write(folder.join("www/big.bin"), vec![7u8; 1024 * 1024]).unwrap();
    let server = Server::start(&["--db", ":memory:", "--root", folder.to_str().unwrap()]);
    // 64 MiB of answers asked for, far more than socket buffers hold.
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let request = format!("GET /big.bin HTTP/1.1\r\nHost: {}\r\n\r\n", server.address);
    stream.write_all(request.repeat(64).as_bytes()).unwrap();
    // Read nothing for longer than the server's 10 s stall timeout...
    std::thread::sleep(Duration::from_secs(14));
    // ...after which the server has given up: far less than everything arrives.
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut received = 0usize;
    let mut buffer = vec![0u8; 64 * 1024];
    while let Ok(n) = stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        received += n;
    }
    assert!(received < 32 * 1024 * 1024, "{received} bytes arrived");
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
}
