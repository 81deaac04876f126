//! Finding the external tools the browser and quality tests use: Chromium, and the node tooling
//! of `tests/browser/` (playwright-core, axe-core, vnu-jar), installed with `npm ci` on first use.
//! Without them a test is skipped with a message, except in CI (`CI=true`), where it fails.

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
                .args(["ci", "--no-audit", "--no-fund"])
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
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.matches(ok).count(), runs, "{stdout}");
}
