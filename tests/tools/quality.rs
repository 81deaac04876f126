//! The quality suite: the sample site, the `full` fixture (every page type in both
//! languages) and a site just made by `spodeli new site`, each built for a web host under a sub-path and for offline use, checked with
//! tools nobody here wrote — the W3C Nu Html Checker (vnu-jar, on the machine's Java) and
//! axe-core in headless Chromium — and for links, fragments, feeds, sitemap and resources from
//! other hosts. Screenshots land in `target/screenshots/quality/`.
//!
//! The checks that need Java, Chromium or the node tooling (`npm ci` in `tests/browser/`) are
//! reported as ignored where those are missing, except in CI (`CI=true`), where they fail.

use crate::harness::{Built, SiteTest, links, tools};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Where the sites are published in the http builds: under a sub-path, as schools often are.
const BASE_URL: &str = "https://school.example/praktiki/";

/// One built site.
struct Site {
    name: &'static str,
    out: PathBuf,
    /// The build, kept for as long as its output is checked.
    _built: Built,
    offline: bool,
    /// Every page type in both languages (paths from the site root).
    pages: Vec<String>,
    /// Those to photograph.
    screenshots: Vec<String>,
    /// Handbook print pages, with the number of chapters each holds.
    prints: Vec<(String, usize)>,
}

/// The handbook of each site's project, and how many chapters it has (a new site has none).
fn handbook(name: &str) -> Option<(&'static str, usize)> {
    match name {
        "sample" => Some(("leading-to-learn-together", 4)),
        "full" => Some(("finished-project", 3)),
        _ => None,
    }
}

/// Page paths per site: every page type, in both languages.
fn pages(name: &str) -> (Vec<String>, Vec<String>) {
    let (practice, project, organisation, page, term, listing_2) = match name {
        "sample" => (
            "practices/sharing-good-practice-cycle/",
            "projects/leading-to-learn-together/",
            "organisations/51-su-sofia/",
            "etwinning-school-label/",
            "themes/professional_development/",
            "practices/",
        ),
        "new" => (
            "practices/reading-with-parents/",
            "projects/",
            "organisations/our-school/",
            "accessibility/",
            "themes/reading/",
            "about/",
        ),
        _ => (
            "practices/alpha/",
            "projects/finished-project/",
            "organisations/test-school/",
            "about/",
            "tags/",
            "practices/page/2/",
        ),
    };
    let mut all = vec![String::new(), "404.html".to_string()];
    let mut shots = vec![];
    for lang in ["bg", "en"] {
        for p in [
            "",
            "practices/",
            "projects/",
            "organisations/",
            practice,
            project,
            organisation,
            page,
            "themes/",
            term,
            listing_2,
            "years/",
        ] {
            all.push(format!("{lang}/{p}"));
        }
        // A handbook: contents, a chapter with a case study (in the fixture, also one not
        // translated), the print page.
        let chapters: &[&str] = match name {
            "sample" => &["case-three-meetings/"],
            _ => &["case-alpha/", "only-bulgarian/"],
        };
        if let Some((handbook, _)) = handbook(name) {
            let pages = ["", "print/"].iter().chain(chapters);
            for p in pages {
                all.push(format!("{lang}/projects/{handbook}/handbook/{p}"));
            }
            shots.push(format!(
                "{lang}/projects/{handbook}/handbook/{}",
                chapters[0]
            ));
        } else {
            // A new site: its accessibility statement, linked from every footer.
            shots.push(format!("{lang}/{page}"));
        }
        let query = if lang == "bg" {
            "учители"
        } else {
            "teachers"
        };
        all.push(format!("{lang}/search/?q={query}"));
        for p in ["", "practices/", practice, project] {
            shots.push(format!("{lang}/{p}"));
        }
        shots.push(format!("{lang}/search/?q={query}"));
    }
    all.sort();
    all.dedup();
    (all, shots)
}

/// The six builds (three sites, each for a web host and for offline use), made once.
fn sites() -> &'static [Site] {
    static SITES: OnceLock<Vec<Site>> = OnceLock::new();
    SITES.get_or_init(|| {
        let mut sites = Vec::new();
        for name in ["sample", "full", "new"] {
            for offline in [false, true] {
                let test = match name {
                    "sample" => SiteTest::sample(),
                    "new" => SiteTest::new_site(&[]),
                    fixture => SiteTest::fixture(fixture),
                };
                let test = test.options(|o| {
                    o.offline = offline;
                    o.base_url = Some(BASE_URL.into());
                });
                // A new site builds without warnings; the others may warn.
                let built = match name {
                    "new" => test.built(),
                    _ => test.built_with_warnings(),
                };
                let (pages, screenshots) = pages(name);
                let prints = handbook(name).map_or_else(Vec::new, |(project, chapters)| {
                    ["bg", "en"]
                        .map(|l| (format!("{l}/projects/{project}/handbook/print/"), chapters))
                        .to_vec()
                });
                sites.push(Site {
                    name,
                    out: built.out().to_path_buf(),
                    _built: built,
                    offline,
                    pages,
                    screenshots,
                    prints,
                });
            }
        }
        sites
    })
}

fn label(site: &Site) -> String {
    format!(
        "{} ({})",
        site.name,
        if site.offline { "offline" } else { "http" }
    )
}

pub(crate) fn every_page_type_exists_in_both_languages() {
    for site in sites() {
        for page in &site.pages {
            let file = page.split('?').next().unwrap();
            let file = if file.is_empty() || file.ends_with('/') {
                format!("{file}index.html")
            } else {
                file.to_string()
            };
            assert!(site.out.join(&file).is_file(), "{}: {file}", label(site));
        }
    }
}

pub(crate) fn html_is_valid_for_the_nu_checker() {
    let tools = tools::node_tools();
    let output = Command::new("java")
        .args(["-jar"])
        .arg(tools.join("node_modules/vnu-jar/build/dist/vnu.jar"))
        .args(["--format", "json", "--skip-non-html", "--errors-only"])
        .args(sites().iter().map(|s| &s.out))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stderr)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect();
    let checked = sites()
        .iter()
        .map(|s| {
            links::walk(&s.out)
                .iter()
                .filter(|f| f.ends_with(".html"))
                .count()
        })
        .sum::<usize>();
    eprintln!("vnu: {checked} pages, {} errors", errors.len());
    assert!(errors.is_empty(), "{errors:#?}");
}

pub(crate) fn every_link_and_fragment_resolves_over_http_and_from_a_folder() {
    for site in sites() {
        let checked = links::check(&site.out, BASE_URL, site.offline);
        assert!(
            checked.broken.is_empty(),
            "{}: {:#?}",
            label(site),
            checked.broken
        );
        assert!(
            checked.links > 300,
            "{}: only {} links",
            label(site),
            checked.links
        );
        eprintln!(
            "links: {}: {} followed, 0 broken",
            label(site),
            checked.links
        );
    }
}

pub(crate) fn nothing_is_loaded_from_another_host() {
    let loading = Selector::parse(
        "script[src], link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], link[rel~=manifest], img, iframe, video, audio, source, object, embed",
    )
    .unwrap();
    for site in sites() {
        for file in links::walk(&site.out) {
            let text = std::fs::read_to_string(site.out.join(&file)).unwrap_or_default();
            if file.ends_with(".html") {
                let doc = Html::parse_document(&text);
                for element in doc.select(&loading) {
                    let v = element.value();
                    for name in ["src", "href", "data", "srcset"] {
                        if let Some(url) = v.attr(name) {
                            let elsewhere = url.contains("://") || url.starts_with("//");
                            assert!(!elsewhere, "{}: {file} loads {url}", label(site));
                        }
                    }
                }
            } else if file.ends_with(".css") {
                assert!(
                    !text.contains("url(http")
                        && !text.contains("url(//")
                        && !text.contains("@import"),
                    "{}: {file} loads from elsewhere",
                    label(site)
                );
            }
        }
    }
}

pub(crate) fn the_root_page_works_without_javascript() {
    for site in sites() {
        let text = std::fs::read_to_string(site.out.join("index.html")).unwrap();
        let doc = Html::parse_document(&text);
        let homes: Vec<String> = doc
            .select(&Selector::parse("main a[href]").unwrap())
            .map(|a| links::resolve("index.html", a.value().attr("href").unwrap()))
            .collect();
        for lang in ["bg", "en"] {
            let home = format!("{lang}/index.html");
            assert!(
                homes.contains(&home),
                "{}: no link to {home}: {homes:?}",
                label(site)
            );
        }
    }
}

pub(crate) fn feeds_and_sitemap_parse_and_name_existing_pages() {
    for site in sites() {
        let files: Vec<String> = links::walk(&site.out);
        let exists = |url: &str| {
            let inside = url
                .strip_prefix(BASE_URL)
                .unwrap_or_else(|| panic!("{url} outside the site"));
            files.contains(&links::resolve("index.html", inside))
        };
        let sitemap = std::fs::read_to_string(site.out.join("sitemap.xml")).unwrap();
        let doc = roxmltree::Document::parse(&sitemap).unwrap();
        let mut urls = 0;
        for node in doc.descendants().filter(|n| n.has_tag_name("loc")) {
            let url = node.text().unwrap();
            assert!(exists(url), "{}: sitemap names {url}", label(site));
            urls += 1;
        }
        assert!(urls > 20, "{}: {urls} sitemap URLs", label(site));
        for lang in ["bg", "en"] {
            let feed = std::fs::read_to_string(site.out.join(format!("{lang}/feed.xml"))).unwrap();
            let doc = roxmltree::Document::parse(&feed).unwrap();
            let entries: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name("entry"))
                .filter_map(|e| e.children().find(|c| c.has_tag_name("link")))
                .filter_map(|l| l.attribute("href"))
                .collect();
            assert!(!entries.is_empty(), "{}: empty {lang} feed", label(site));
            for url in entries {
                assert!(exists(url), "{}: the {lang} feed names {url}", label(site));
            }
        }
    }
}

pub(crate) fn accessibility_keyboard_and_screenshots_in_chromium() {
    let browser = tools::chromium();
    let tools_dir = tools::node_tools();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots/quality");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();
    let list: Vec<serde_json::Value> = sites()
        .iter()
        .map(|site| {
            let base = if site.offline {
                format!("file://{}/", site.out.display())
            } else {
                tools::static_server(site.out.clone(), "/praktiki/")
            };
            serde_json::json!({
                "name": format!("{}-{}", site.name, if site.offline { "offline" } else { "http" }),
                "base": base,
                "offline": site.offline,
                "pages": site.pages,
                "screenshots": site.screenshots,
                "prints": site.prints,
            })
        })
        .collect();
    tools::node_e2e(
        &browser,
        &tools_dir,
        "quality.e2e.js",
        &[
            ("SPODELI_QUALITY", serde_json::Value::from(list).to_string()),
            ("SPODELI_SCREENSHOTS", shots.display().to_string()),
        ],
        "quality e2e ok",
        1,
    );
}

pub(crate) fn the_package_unpacks_into_one_folder_that_works_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("sample.zip");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new(env!("CARGO_BIN_EXE_spodeli"))
        .args(["package", "--out"])
        .arg(&zip_path)
        .arg("--root")
        .arg(manifest)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    assert!(
        names.iter().all(|n| n.starts_with("sample/")),
        "one folder: {names:?}"
    );
    let unpacked = dir.path().join("unpacked");
    archive.extract(&unpacked).unwrap();
    let site = unpacked.join("sample");
    let checked = links::check(&site, "https://practices.example.org/", true);
    assert!(checked.broken.is_empty(), "{:#?}", checked.broken);
    assert!(site.join("search/bg/meta.js").is_file());
    // Navigation and search from the folder, in a browser.
    let browser = tools::chromium();
    let tools_dir = tools::node_tools();
    let bases = serde_json::json!([format!("file://{}/", site.display())]);
    tools::node_e2e(
        &browser,
        &tools_dir,
        "search.e2e.js",
        &[("SPODELI_E2E_BASES", bases.to_string())],
        "search e2e ok",
        1,
    );
}

pub(crate) fn a_failed_package_leaves_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("site.zip");
    std::fs::write(&zip_path, "an earlier package").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_spodeli"))
        .args(["package", "--out"])
        .arg(&zip_path)
        .arg("--root")
        .arg(crate::harness::fixture("invalid"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&zip_path).unwrap(),
        "an earlier package"
    );
    assert!(!dir.path().join("site.zip.part").exists());
}

pub(crate) fn a_package_is_named_after_the_site_and_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_spodeli"))
        .arg("package")
        .arg("--root")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let today = time::OffsetDateTime::now_utc().date();
    let name = format!("spodeleni-praktiki-{today}.zip");
    assert!(dir.path().join(&name).is_file(), "{name}");
}
