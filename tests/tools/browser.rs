//! The sample site in a real browser (headless Chromium): the language chooser, layouts on a
//! phone-sized screen, and screenshots for people to look at (`target/screenshots/`).
//!
//! `SPODELI_CHROMIUM` names another browser binary.

use crate::harness::tools::{chromium, node_e2e, node_tools, static_server};
use crate::harness::{Built, SiteTest, attr, attrs, select, text_of};

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// The sample site, built once for offline browsing (links name index.html files).
fn site() -> &'static Path {
    static SITE: OnceLock<Built> = OnceLock::new();
    let built = SITE.get_or_init(|| SiteTest::sample().options(|o| o.offline = true).built());
    built.out()
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

pub(crate) fn the_language_chooser_follows_the_browser_language() {
    let browser = chromium();
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

pub(crate) fn pages_fit_a_phone_screen() {
    let browser = chromium();
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

pub(crate) fn screenshots_of_home_and_practice_pages() {
    let browser = chromium();
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

/// The search page of `site` opened from disk with `query` (a URL query string): its status
/// line, the result links in order, and the marked words.
fn search(
    browser: &Path,
    site: &Path,
    lang: &str,
    query: &str,
) -> (String, Vec<String>, Vec<String>) {
    let page = format!(
        "{}?{query}",
        url(&site.join(lang).join("search/index.html"))
    );
    let dom = run(
        browser,
        &["--virtual-time-budget=4000", "--dump-dom"],
        &page,
    );
    let doc = scraper::Html::parse_document(&dom);
    let select = |css: &str| {
        doc.select(&scraper::Selector::parse(css).unwrap())
            .collect::<Vec<_>>()
    };
    let status = select("#search-status")
        .first()
        .map(|e| e.text().collect())
        .unwrap_or_default();
    let links = select("#search-results h3 a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let marks = select("#search-results mark")
        .iter()
        .map(|m| m.text().collect())
        .collect();
    (status, links, marks)
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub(crate) fn search_finds_inflected_latin_typed_and_misspelt_words_offline() {
    let browser = chromium();
    let (status, links, marks) = search(
        &browser,
        site(),
        "bg",
        &format!("q={}", encode("учителите")),
    );
    assert!(status.ends_with("резултата"), "{status}");
    assert!(
        links
            .iter()
            .any(|l| l.contains("practices/sharing-knowledge-from-trainings/index.html")),
        "{links:?}"
    );
    assert!(
        links
            .iter()
            .any(|l| l.contains("practices/sharing-good-practice-cycle/index.html")),
        "{links:?}"
    );
    assert!(
        marks.iter().any(|m| m.to_lowercase().starts_with("учител")),
        "{marks:?}"
    );
    for typed in ["uchilishte", "u4ili6te"] {
        let (_, links, _) = search(&browser, site(), "bg", &format!("q={typed}"));
        assert!(
            links.iter().any(|l| l.contains("cloud-platforms-plovdiv")),
            "{typed}: {links:?}"
        );
    }
    let (_, links, _) = search(&browser, site(), "bg", "q=eTwining");
    assert!(links[0].contains("etwinning-school-label"), "{links:?}");
    let (_, links, _) = search(&browser, site(), "en", "q=teachers");
    assert!(
        links
            .iter()
            .any(|l| l.contains("sharing-knowledge-from-trainings")),
        "{links:?}"
    );
    // A facet in the address narrows the results, and the page follows it.
    let (status, links, _) = search(&browser, site(), "bg", "q=uchilishte&kind=pages");
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(links[0].contains("etwinning-school-label"));
    assert_eq!(status, "1 резултат");
}

/// A reader on the English page typing Bulgarian (in Cyrillic or Latin letters), or on the
/// Bulgarian page typing English, gets the other language's results, marked as such, with a
/// link to that language's search page.
pub(crate) fn search_offers_the_other_language_when_nothing_matches() {
    let browser = chromium();
    for (lang, query, other, expected) in [
        (
            "en",
            "учители",
            "bg",
            "bg/practices/sharing-knowledge-from-trainings/",
        ),
        (
            "en",
            "uchiteli",
            "bg",
            "bg/practices/sharing-knowledge-from-trainings/",
        ),
        (
            "bg",
            "municipality",
            "en",
            "en/organisations/plovdiv-municipality/",
        ),
    ] {
        let page = format!(
            "{}?q={}",
            url(&site().join(lang).join("search/index.html")),
            encode(query)
        );
        let dom = run(
            &browser,
            &["--virtual-time-budget=4000", "--dump-dom"],
            &page,
        );
        let doc = scraper::Html::parse_document(&dom);
        let items = select(&doc, "#search-results li");
        assert!(!items.is_empty(), "{lang} {query}: no results");
        assert!(
            items
                .iter()
                .all(|li| li.value().attr("lang") == Some(other)),
            "{lang} {query}: results not marked as {other}"
        );
        let links = attrs(&doc, "#search-results h3 a", "href");
        assert!(
            links.iter().any(|l| l.contains(expected)),
            "{lang} {query}: {links:?}"
        );
        let note = select(&doc, "#search-elsewhere");
        assert!(note[0].value().attr("hidden").is_none(), "{lang} {query}");
        let link = attr(&doc, "#search-elsewhere a", "href").unwrap();
        assert!(
            link.starts_with(&format!("../../{other}/search/index.html?q=")),
            "{link}"
        );
        let status = text_of(&doc, "#search-status");
        assert!(status.chars().next().unwrap().is_ascii_digit(), "{status}");
    }
}

pub(crate) fn search_results_show_content_as_text() {
    let browser = chromium();
    let built = SiteTest::fixture("full")
        .options(|o| o.offline = true)
        .built();
    let out = built.out();
    let page = format!("{}?q=alert", url(&out.join("en/search/index.html")));
    let dom = run(
        &browser,
        &["--virtual-time-budget=4000", "--dump-dom"],
        &page,
    );
    let doc = scraper::Html::parse_document(&dom);
    let results = doc
        .select(&scraper::Selector::parse("#search-results").unwrap())
        .next()
        .unwrap();
    assert!(
        results
            .text()
            .collect::<String>()
            .contains("<script>alert(1)</script>"),
        "{}",
        results.html()
    );
    assert_eq!(
        results
            .select(&scraper::Selector::parse("script").unwrap())
            .count(),
        0
    );
}

pub(crate) fn search_end_to_end_from_a_folder_and_over_http() {
    let browser = chromium();
    let tools = node_tools();
    let online = SiteTest::sample().built();
    let bases = serde_json::json!([
        format!("{}/", url(site())),
        static_server(online.out().to_path_buf(), "/")
    ]);
    node_e2e(
        &browser,
        &tools,
        "search.e2e.js",
        &[("SPODELI_E2E_BASES", bases.to_string())],
        "search e2e ok",
        2,
    );
}

pub(crate) fn serve_reloads_the_open_page_and_shows_problems() {
    let browser = chromium();
    let tools = node_tools();
    let site = SiteTest::fixture("full");
    let mut server = Command::new(env!("CARGO_BIN_EXE_spodeli"))
        .args(["serve", "--lang", "en", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let address = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the address")
        .to_string();
    let env = [
        ("SPODELI_LIVE_URL", address),
        ("SPODELI_LIVE_ROOT", site.root().display().to_string()),
    ];
    let result = std::panic::catch_unwind(|| {
        node_e2e(&browser, &tools, "live.e2e.js", &env, "live e2e ok", 1)
    });
    let _ = server.kill();
    let _ = server.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
