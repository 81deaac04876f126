//! The sample site in a real browser (headless Chromium): the language chooser, layouts on a
//! phone-sized screen, and screenshots for people to look at (`target/screenshots/`).
//!
//! Skipped with a message when Chromium is not installed, except in CI (`CI=true`), where a
//! missing browser fails the tests. `SPODELI_CHROMIUM` names another browser binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn chromium() -> Option<PathBuf> {
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
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is required in CI: install Debian's `chromium`"
        );
        eprintln!("skipping browser tests: Chromium is not installed (apt-get install chromium)");
    }
    found
}

/// The sample site, built once for offline browsing (links name index.html files).
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let options = spodeli::site::Options {
            offline: true,
            ..Default::default()
        };
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (report, diagnostics) = spodeli::build::build(root, Some(&out), &options);
        assert!(report.is_some(), "{diagnostics:?}");
        (dir, out)
    });
    path
}

fn run(browser: &Path, args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn the_language_chooser_follows_the_browser_language() {
    let Some(browser) = chromium() else { return };
    let index = site().join("index.html");
    for (accept, expected) in [
        ("bg-BG,bg", Some("bg")),
        ("en-GB,en", Some("en")),
        ("de-DE,de", None),
    ] {
        let dom = run(
            &browser,
            &[
                &format!("--accept-lang={accept}"),
                "--virtual-time-budget=3000",
                "--dump-dom",
            ],
            &url(&index),
        );
        let doc = scraper::Html::parse_document(&dom);
        let lang = doc.root_element().value().attr("lang").map(str::to_string);
        let chooser = doc
            .select(&scraper::Selector::parse(".chooser-list").unwrap())
            .next()
            .is_some();
        match expected {
            Some(lang_code) => assert_eq!(
                (lang.as_deref(), chooser),
                (Some(lang_code), false),
                "{accept}"
            ),
            None => assert!(chooser, "{accept}: stays on the chooser"),
        }
    }
}

#[test]
fn pages_fit_a_phone_screen() {
    let Some(browser) = chromium() else { return };
    let probe = "<script>document.body.setAttribute('data-overflow', String(document.documentElement.scrollWidth > window.innerWidth));</script></body>";
    for lang in ["bg", "en"] {
        for page in [
            "index.html",
            "practices/index.html",
            "practices/cloud-platforms-plovdiv/index.html",
            "projects/leading-to-learn-together/index.html",
            "organisations/51-su-sofia/index.html",
            "etwinning-school-label/index.html",
        ] {
            let path = site().join(lang).join(page);
            let probed = path.with_file_name("probe.html");
            std::fs::write(
                &probed,
                std::fs::read_to_string(&path)
                    .unwrap()
                    .replace("</body>", probe),
            )
            .unwrap();
            let dom = run(
                &browser,
                &[
                    "--window-size=360,800",
                    "--virtual-time-budget=2000",
                    "--dump-dom",
                ],
                &url(&probed),
            );
            std::fs::remove_file(&probed).unwrap();
            assert!(
                dom.contains("data-overflow=\"false\""),
                "{lang}/{page} is wider than a 360 px screen"
            );
        }
    }
}

#[test]
fn screenshots_of_home_and_practice_pages() {
    let Some(browser) = chromium() else { return };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&folder).unwrap();
    for lang in ["bg", "en"] {
        for (name, page) in [
            ("home", "index.html"),
            (
                "practice",
                "practices/sharing-knowledge-from-trainings/index.html",
            ),
        ] {
            for width in [360u32, 1280] {
                let file = folder.join(format!("{name}-{lang}-{width}.png"));
                let _ = std::fs::remove_file(&file);
                run(
                    &browser,
                    &[
                        &format!("--window-size={width},2000"),
                        &format!("--screenshot={}", file.display()),
                    ],
                    &url(&site().join(lang).join(page)),
                );
                let png =
                    std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                assert_eq!(&png[1..4], b"PNG");
                let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
                assert_eq!(png_width, width, "{}", file.display());
                println!("screenshot: {}", file.display());
            }
        }
    }
}
