//! Finding the external tools the browser and quality tests use: Chromium, and the node tooling
//! of `tests/browser/` (playwright-core, axe-core, vnu-jar), installed with `npm ci` on first use.
//! Without them a test is skipped with a message, except in CI (`CI=true`), where it fails.
// Each test crate uses some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Fails in CI, where every tool must be present; elsewhere says what is skipped.
pub(crate) fn missing(what: &str) {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{what} is required in CI"
    );
    eprintln!("skipping: {what} is missing");
}

/// Chromium (or `SPODELI_CHROMIUM`).
pub(crate) fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("SPODELI_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .filter_map(|name| {
                    std::env::split_paths(&std::env::var_os("PATH")?)
                        .map(|d| d.join(name))
                        .find(|p| p.is_file())
                }),
        );
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        missing("Chromium (Debian's `chromium`)");
    }
    found
}

/// The node tooling of the end-to-end tests (`tests/browser/`), installed with `npm ci` on first
/// use; `None` (with a message) if that fails outside CI.
pub(crate) fn node_tools() -> Option<PathBuf> {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        ["playwright-core", "axe-core", "vnu-jar"]
            .iter()
            .all(|p| tools.join("node_modules").join(p).is_dir())
            || Command::new("npm")
                .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
                .current_dir(&tools)
                .status()
                .is_ok_and(|s| s.success())
    });
    if !installed {
        missing("the node tooling of tests/browser (`npm ci` failed)");
    }
    installed.then_some(tools)
}

/// Runs an end-to-end script of `tests/browser/` with `env`; asserts it succeeded and printed
/// `ok` once per run.
pub(crate) fn node_e2e(
    browser: &Path,
    tools: &Path,
    script: &str,
    env: &[(&str, String)],
    ok: &str,
    runs: usize,
) {
    let output = Command::new("node")
        .arg(tools.join(script))
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("SPODELI_CHROMIUM", browser)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprint!("{stdout}");
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.matches(ok).count(), runs, "{stdout}");
}

/// Serves `root` at `prefix` (`/` or `/praktiki/`) on 127.0.0.1, a test's stand-in for a web
/// host, and returns the site's address.
pub(crate) fn static_server(root: PathBuf, prefix: &'static str) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}{prefix}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let target = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/");
                let Some(inside) = target.strip_prefix(prefix) else {
                    let mut stream = &stream;
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                    return;
                };
                let mut file = root.join(inside);
                if target.ends_with('/') {
                    file = file.join("index.html");
                }
                let (status, body) = match std::fs::read(&file) {
                    Ok(body) if !target.contains("..") => ("200 OK", body),
                    _ => ("404 Not Found", Vec::new()),
                };
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("css") => "text/css",
                    Some("xml") => "application/xml",
                    Some("svg") => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                let mut stream = &stream;
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.write_all(&body));
            });
        }
    });
    address
}
