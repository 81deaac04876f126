//! The external tools the browser and quality tests use: Chromium, Java, and the node tooling
//! of `tests/browser/` (playwright-core, axe-core, vnu-jar), installed with `npm ci` on first use.
//! The `tools` test binary reports a test whose tool is missing as ignored, except in CI
//! (`CI=true`), where it runs and fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// What a test needs from the machine besides Rust.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tool {
    /// Headless Chromium (Debian's `chromium`, or `SPODELI_CHROMIUM`).
    Chromium,
    /// node and npm, for the tooling of `tests/browser/` and the JavaScript tests.
    Node,
    /// Java, for the Nu Html Checker.
    Java,
    /// Permission to mount a tmpfs (root).
    Mount,
    /// OpenSSH's server (Debian's `openssh-server`) and root, to start it on a port of its own.
    Sshd,
    /// Python 3 with venv and pip, for the FTP server of the deploy tests (its packages are
    /// installed on first use).
    Python,
    /// Poppler's tools (`pdftotext`, `pdfinfo`, `pdffonts`, `pdftohtml`, `pdftoppm`), to read
    /// the handbooks' PDFs as a reader's viewer does.
    Poppler,
    /// EPUBCheck (run with Java), the reference validator of EPUB files.
    Epubcheck,
}

impl Tool {
    /// Whether this machine has it. Checked before the tests run, so that a test needing a
    /// missing tool is reported as ignored (never as passed); CI ignores nothing.
    pub(crate) fn available(self) -> bool {
        match self {
            Tool::Chromium => find_chromium().is_some(),
            Tool::Node => on_path("node") && on_path("npm"),
            Tool::Java => Command::new("java").arg("-version").output().is_ok(),
            Tool::Mount => Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| o.stdout.trim_ascii() == b"0"),
            Tool::Sshd => Path::new("/usr/sbin/sshd").is_file() && Tool::Mount.available(),
            Tool::Python => Command::new("python3")
                .args(["-c", "import venv, ensurepip"])
                .status()
                .is_ok_and(|s| s.success()),
            Tool::Poppler => [
                "pdftotext",
                "pdfinfo",
                "pdffonts",
                "pdftohtml",
                "pdftoppm",
                "pdfimages",
            ]
            .iter()
            .all(|t| on_path(t)),
            Tool::Epubcheck => Path::new(EPUBCHECK).is_file() && Tool::Java.available(),
        }
    }

    /// What to install to have it.
    pub(crate) fn install(self) -> &'static str {
        match self {
            Tool::Chromium => "Chromium (Debian's `chromium`)",
            Tool::Node => "node and npm (Debian's `nodejs`, `npm`)",
            Tool::Java => "Java (Debian's `default-jre-headless`)",
            Tool::Mount => "root, to mount a tmpfs",
            Tool::Sshd => "OpenSSH's server as root (Debian's `openssh-server`)",
            Tool::Python => "Python 3 with venv (Debian's `python3-venv`)",
            Tool::Poppler => "Poppler's tools (Debian's `poppler-utils`)",
            Tool::Epubcheck => "EPUBCheck and Java (Debian's `epubcheck`)",
        }
    }
}

/// EPUBCheck's jar as Debian installs it.
pub(crate) const EPUBCHECK: &str = "/usr/share/java/epubcheck.jar";

/// Whether CI runs the tests: there every tool must be present and no test is ignored.
pub(crate) fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
}

fn find_chromium() -> Option<PathBuf> {
    let named = std::env::var_os("SPODELI_CHROMIUM").map(PathBuf::from);
    let on_path = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .filter_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        });
    named.into_iter().chain(on_path).find(|p| p.is_file())
}

/// Chromium (or `SPODELI_CHROMIUM`); a test that needs it is only run where it is.
pub(crate) fn chromium() -> PathBuf {
    find_chromium().unwrap_or_else(|| panic!("{} is required", Tool::Chromium.install()))
}

/// The node tooling of the end-to-end tests (`tests/browser/`), installed with `npm ci` on first
/// use.
pub(crate) fn node_tools() -> PathBuf {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        ["playwright-core", "axe-core", "vnu-jar", "eslint"]
            .iter()
            .all(|p| tools.join("node_modules").join(p).is_dir())
            || Command::new("npm")
                .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
                .current_dir(&tools)
                .status()
                .is_ok_and(|s| s.success())
    });
    assert!(installed, "`npm ci` failed in tests/browser");
    tools
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
                let kind = spodeli::serve::http::mime(&file.to_string_lossy());
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
