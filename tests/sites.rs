//! Builds the fixture sites under `tests/sites/` (and the sample site at the repository root)
//! and checks the output as a reader and a crawler would see it: parsed HTML, XML and JSON.

mod common;
#[path = "common/links.rs"]
mod links;

use common::{copy_dir, fixture};
use links::{resolve, walk};
use scraper::{Html, Selector};
use spodeli::build::{self, Report};
use spodeli::diagnostics::{Diagnostic, Pos, Problem, Severity};
use spodeli::site::Options;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A built site in a temporary folder.
/// The `base_url` of the `full` fixture.
const FIXTURE_URL: &str = "https://fixture.example/";

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    report: Report,
    warnings: Vec<Diagnostic>,
}

impl Built {
    fn html(&self, path: &str) -> Html {
        let file = self.out.join(path);
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        Html::parse_document(&text)
    }

    fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path)).unwrap()
    }

    fn pages(&self) -> Vec<String> {
        walk(&self.out)
            .into_iter()
            .filter(|p| p.ends_with(".html"))
            .collect()
    }
}

fn build_site(root: &Path, options: Options) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (report, diagnostics) = build::build(root, Some(&out), &options);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    let report = report.unwrap_or_else(|| panic!("build failed:\n{}", errors.join("\n")));
    Built {
        _dir: dir,
        out,
        report,
        warnings: diagnostics,
    }
}

fn full() -> Built {
    build_site(&fixture("full"), Options::default())
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(doc: &Html, css: &str) -> String {
    select(doc, css)
        .first()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

#[test]
fn every_page_type_is_built_in_both_languages() {
    let site = full();
    for lang in ["bg", "en"] {
        for (path, h1) in [
            ("index.html", None),
            ("practices/index.html", None),
            (
                "practices/alpha/index.html",
                Some(if lang == "bg" {
                    "Алфа практика"
                } else {
                    "Alpha practice"
                }),
            ),
            (
                "projects/finished-project/index.html",
                Some(if lang == "bg" {
                    "Приключил проект (FINI)"
                } else {
                    "Finished project (FINI)"
                }),
            ),
            (
                "organisations/test-school/index.html",
                Some(if lang == "bg" {
                    "Тестово училище"
                } else {
                    "Test School"
                }),
            ),
            (
                "about/index.html",
                Some(if lang == "bg" {
                    "За сайта"
                } else {
                    "About"
                }),
            ),
            ("themes/index.html", None),
            (
                "themes/robotics/index.html",
                Some(if lang == "bg" {
                    "Роботика"
                } else {
                    "Robotics"
                }),
            ),
            ("levels/primary/index.html", None),
            ("programmes/erasmus_plus/index.html", None),
            ("years/2021/index.html", Some("2021")),
            ("projects/index.html", None),
            ("organisations/index.html", None),
        ] {
            let doc = site.html(&format!("{lang}/{path}"));
            assert_eq!(
                attr(&doc, "html", "lang").as_deref(),
                Some(lang),
                "{lang}/{path}"
            );
            assert!(!text_of(&doc, "h1").is_empty(), "{lang}/{path} has a title");
            if let Some(h1) = h1 {
                assert_eq!(text_of(&doc, "h1"), h1, "{lang}/{path}");
            }
            let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap();
            assert_eq!(
                canonical,
                format!(
                    "https://fixture.example/{lang}/{}",
                    path.trim_end_matches("index.html")
                )
            );
        }
        let tags = site.html(&format!("{lang}/tags/index.html"));
        let other = if lang == "bg" { "en" } else { "bg" };
        let keyword = select(&tags, ".term-list a")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_string();
        let keyword_page = site.html(&resolve(&format!("{lang}/tags/index.html"), &keyword));
        let switch = attr(
            &keyword_page,
            &format!(".languages a[hreflang={other}]"),
            "href",
        );
        assert_eq!(
            switch.unwrap(),
            format!("../../../{other}/tags/"),
            "keywords have no translation"
        );
        assert_eq!(select(&keyword_page, ".notice").len(), 1);
        assert!(!select(&tags, ".term-list a").is_empty());
    }
    let chooser = site.html("index.html");
    let choices: Vec<_> = select(&chooser, ".chooser-list a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(choices, ["bg/", "en/"]);
    let not_found = site.html("404.html");
    assert_eq!(select(&not_found, "h1").len(), 2);
    assert_eq!(
        site.report.pages["bg"],
        site.pages().iter().filter(|p| p.starts_with("bg/")).count()
    );
}

#[test]
fn translations_link_to_each_other() {
    let site = full();
    let doc = site.html("bg/practices/alpha/index.html");
    assert_eq!(
        attr(&doc, ".languages a[hreflang=en]", "href").as_deref(),
        Some("../../../en/practices/alpha/")
    );
    let hreflang: BTreeSet<String> = select(&doc, "link[rel=alternate][hreflang]")
        .iter()
        .map(|l| l.value().attr("hreflang").unwrap().to_string())
        .collect();
    assert_eq!(
        hreflang,
        BTreeSet::from(["bg", "en", "x-default"].map(String::from))
    );
    // x-default names the default language's version (the first language of site.yaml).
    assert_eq!(
        attr(&doc, "link[rel=alternate][hreflang=x-default]", "href").as_deref(),
        Some("https://fixture.example/bg/practices/alpha/")
    );
    assert!(select(&doc, ".notice").is_empty());
    // Language-neutral fields written once (meta.yaml, or one language's file) reach both versions.
    let en = site.html("en/practices/alpha/index.html");
    assert!(text_of(&en, ".facts").contains("10 May 2021"));
    let delta_bg = site.html("bg/practices/delta/index.html");
    assert!(
        text_of(&delta_bg, ".facts").contains("1 септември 2019 г."),
        "date from delta.en.md"
    );
}

#[test]
fn a_missing_translation_is_published_with_a_note() {
    let site = full();
    assert!(!site.out.join("en/practices/gamma").exists());
    let bg = site.html("bg/practices/gamma/index.html");
    assert_eq!(
        attr(&bg, ".languages a[hreflang=en]", "href").as_deref(),
        Some("../../../en/practices/")
    );
    assert!(text_of(&bg, ".notice").contains("няма версия на английски"));
    assert_eq!(
        select(&bg, "link[rel=alternate][hreflang]").len(),
        2,
        "bg and x-default"
    );
    // The English listing shows the entry, marked as Bulgarian, with a note in English.
    let listing = ["en/practices/index.html", "en/practices/page/2/index.html"]
        .into_iter()
        .map(|p| site.html(p))
        .find(|d| select(d, "article.card[lang=bg]").len() == 1)
        .expect("a Bulgarian-only card in the English listing");
    let card = select(&listing, "article.card[lang=bg]")[0];
    assert_eq!(
        card.select(&Selector::parse("h3 a").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("href"),
        Some("../../../../bg/practices/gamma/")
    );
    let note = card
        .select(&Selector::parse(".card-note").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        (
            note.value().attr("lang"),
            note.text().collect::<String>().as_str()
        ),
        (Some("en"), "Available in Bulgarian only")
    );
    let report = build::check(&fixture("full"), &Options::default())
        .0
        .unwrap();
    let untranslated: Vec<_> = report
        .untranslated
        .iter()
        .map(|(p, l)| (p.to_string_lossy().into_owned(), l.clone()))
        .collect();
    // Entries and handbook chapters alike.
    assert_eq!(
        untranslated,
        [
            (
                "content/practices/gamma.bg.md".to_string(),
                vec!["en".to_string()]
            ),
            (
                "content/projects/finished-project/handbook/10-only-bulgarian.bg.md".to_string(),
                vec!["en".to_string()]
            )
        ]
    );
}

/// Follows every link of every page (fragments included; offline, links must name files) and
/// returns how many were followed.
fn check_links(site: &Built, base_url: &str, offline: bool) -> usize {
    let checked = links::check(&site.out, base_url, offline);
    assert!(checked.broken.is_empty(), "{:#?}", checked.broken);
    checked.links
}

#[test]
fn offline_builds_link_to_files() {
    let site = build_site(
        &fixture("full"),
        Options {
            offline: true,
            ..Options::default()
        },
    );
    assert!(check_links(&site, FIXTURE_URL, true) > 500);
    let doc = site.html("bg/practices/alpha/index.html");
    let switch = attr(&doc, ".languages a[hreflang=en]", "href");
    assert_eq!(
        switch.as_deref(),
        Some("../../../en/practices/alpha/index.html")
    );
}

#[test]
fn every_relative_link_resolves_from_every_page() {
    let site = full();
    let checked = check_links(&site, FIXTURE_URL, false);
    assert!(checked > 500, "only {checked} links checked");
    let alpha = site.html("bg/practices/alpha/index.html");
    let body_links: Vec<_> = select(&alpha, ".prose a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        body_links,
        ["../../../bg/practices/beta/", "../../../bg/about/#contact"]
    );
    assert_eq!(
        attr(&alpha, ".prose img", "src").as_deref(),
        Some("../../../media/practices/alpha/photo.svg")
    );
    // A link to an entry missing in the page's language goes to the version that exists.
    let en = site.html("en/practices/alpha/index.html");
    assert_eq!(
        select(&en, ".prose a")[1].value().attr("href"),
        Some("../../../bg/practices/gamma/")
    );
}

#[test]
fn a_sub_path_base_url_changes_only_absolute_urls() {
    let base = "https://school.example/praktiki/";
    let site = build_site(
        &fixture("full"),
        Options {
            base_url: Some(base.into()),
            ..Options::default()
        },
    );
    let doc = site.html("en/practices/alpha/index.html");
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").unwrap(),
        format!("{base}en/practices/alpha/")
    );
    assert_eq!(
        attr(&doc, "meta[property='og:url']", "content").unwrap(),
        format!("{base}en/practices/alpha/")
    );
    assert_eq!(
        attr(&doc, "link[rel=stylesheet]", "href").as_deref(),
        Some("../../../style.css")
    );
    for a in select(&doc, "a[href]") {
        assert!(
            !a.value().attr("href").unwrap().starts_with(base),
            "in-site links stay relative"
        );
    }
    let not_found = site.html("404.html");
    assert_eq!(
        attr(&not_found, "link[rel=stylesheet]", "href").as_deref(),
        Some("/praktiki/style.css")
    );
    assert_eq!(
        attr(&not_found, ".button", "href").as_deref(),
        Some("/praktiki/bg/")
    );
    assert!(
        site.text("robots.txt")
            .contains(&format!("Sitemap: {base}sitemap.xml"))
    );
}

#[test]
fn feeds_and_sitemap_are_valid_xml_with_the_right_entries() {
    let site = full();
    for (lang, expected) in [
        (
            "bg",
            vec![
                "projects/ongoing-project/",
                "practices/beta/",
                "practices/alpha/",
                "practices/gamma/",
                "practices/delta/",
                "projects/finished-project/",
            ],
        ),
        (
            "en",
            vec![
                "projects/ongoing-project/",
                "practices/beta/",
                "practices/alpha/",
                "practices/delta/",
                "projects/finished-project/",
            ],
        ),
    ] {
        let text = site.text(&format!("{lang}/feed.xml"));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        let ids: Vec<String> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| {
                e.children()
                    .find(|n| n.has_tag_name("id"))
                    .unwrap()
                    .text()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let expected: Vec<String> = expected
            .iter()
            .map(|p| format!("https://fixture.example/{lang}/{p}"))
            .collect();
        assert_eq!(ids, expected, "{lang} feed");
    }
    let text = site.text("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<roxmltree::Node> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: BTreeSet<String> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|n| n.has_tag_name("loc"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    for page in site.pages() {
        let noindex = !select(&site.html(&page), "meta[name=robots][content=noindex]").is_empty();
        let is_listed = page.ends_with("/index.html")
            && !page.contains("/page/")
            && page.matches('/').count() >= 1
            && !noindex;
        if is_listed {
            let url = format!(
                "https://fixture.example/{}",
                page.trim_end_matches("index.html")
            );
            assert!(locs.contains(&url), "{url} in the sitemap");
        }
    }
    let alpha = urls
        .iter()
        .find(|u| {
            u.children().any(|n| {
                n.has_tag_name("loc")
                    && n.text() == Some("https://fixture.example/bg/practices/alpha/")
            })
        })
        .unwrap();
    let alternates: Vec<(String, String)> = alpha
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|l| {
            (
                l.attribute("hreflang").unwrap().to_string(),
                l.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates[1],
        (
            "en".to_string(),
            "https://fixture.example/en/practices/alpha/".to_string()
        )
    );
}

#[test]
fn entry_pages_carry_json_ld() {
    let site = full();
    let json = |path: &str| -> serde_json::Value {
        let doc = site.html(path);
        let script: String = select(&doc, "script[type='application/ld+json']")[0]
            .text()
            .collect();
        serde_json::from_str(&script).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let practice = json("en/practices/alpha/index.html");
    assert_eq!(
        practice["@type"],
        serde_json::json!(["Article", "LearningResource"])
    );
    assert_eq!(practice["inLanguage"], "en");
    assert_eq!(practice["educationalLevel"][0], "Primary, grades 1–4");
    assert_eq!(practice["sourceOrganization"]["@type"], "School");
    assert_eq!(
        practice["workTranslation"][0]["@id"],
        "https://fixture.example/bg/practices/alpha/"
    );
    assert_eq!(
        practice["license"],
        "https://spdx.org/licenses/CC-BY-4.0.html"
    );
    let beta = json("en/practices/beta/index.html");
    assert_eq!(
        beta["description"],
        "Beta <script>alert(1)</script> description."
    );
    let project = json("bg/projects/finished-project/index.html");
    assert_eq!(
        (project["@type"].as_str(), project["alternateName"].as_str()),
        (Some("Project"), Some("FINI"))
    );
    assert_eq!(project["member"].as_array().unwrap().len(), 2);
    assert_eq!(project["funding"]["amount"]["currency"], "EUR");
    let org = json("en/organisations/partner-ngo/index.html");
    assert_eq!(
        (org["@type"].as_str(), org["name"].as_str()),
        (Some("EducationalOrganization"), Some("Partner Association"))
    );
}

#[test]
fn messages_follow_plural_rules_and_vocabularies_show_labels() {
    let site = full();
    let bg = site.html("bg/practices/index.html");
    assert_eq!(text_of(&bg, ".count-line"), "4 практики · страница 1 от 2");
    let one = site.html("bg/themes/inclusion/index.html");
    assert_eq!(text_of(&one, ".count-line"), "1 публикация");
    let home = site.html("en/index.html");
    let stats: Vec<String> = select(&home, ".stats a")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(stats, ["4 practices", "2 projects", "2 organisations"]);
    let alpha = site.html("bg/practices/alpha/index.html");
    let facts = text_of(&alpha, ".facts");
    assert!(
        facts.contains("1 учител") && facts.contains("5 училища"),
        "{facts}"
    );
    let badges: Vec<String> = select(&alpha, ".entry-head .badge-theme")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        badges,
        ["квалификация и професионално развитие", "Роботика"]
    );
    let beta = site.html("en/practices/beta/index.html");
    assert_eq!(
        text_of(&beta, ".entry-head .badge-theme"),
        "Digital skills",
        "relabelled by vocabulary.yaml"
    );
    let beta_bg = site.html("bg/practices/beta/index.html");
    assert_eq!(
        text_of(&beta_bg, ".entry-head .badge-theme"),
        "дигитално образование",
        "built-in label kept"
    );
}

#[test]
fn dates_and_project_status_are_written_per_language() {
    let site = full();
    let bg = site.html("bg/projects/finished-project/index.html");
    let facts = text_of(&bg, ".facts");
    assert!(
        facts.contains("1 септември 2016 г. – 30 ноември 2018 г."),
        "{facts}"
    );
    assert!(facts.contains("250\u{a0}000\u{a0}EUR"), "{facts}");
    assert_eq!(text_of(&bg, ".eyebrow .badge"), "Приключил");
    let en = site.html("en/projects/ongoing-project/index.html");
    assert_eq!(text_of(&en, ".eyebrow .badge"), "Ongoing");
    assert!(text_of(&en, ".facts").contains("1 January 2024 – 31 December 2099"));
}

#[test]
fn markdown_escapes_html_and_anchors_headings() {
    let site = full();
    let doc = site.html("bg/practices/alpha/index.html");
    assert!(select(&doc, ".prose b").is_empty());
    assert!(text_of(&doc, ".prose").contains("<b>HTML</b>"));
    let ids: Vec<_> = select(&doc, ".prose h2, .prose h3")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(ids, ["tseli", "tseli-1"]);
    let beta = site.html("bg/practices/beta/index.html");
    assert!(select(&beta, "main script").is_empty());
    assert!(text_of(&beta, ".lead").contains("<script>"));
    let about = site.html("en/about/index.html");
    assert_eq!(attr(&about, ".prose h2", "id").as_deref(), Some("contact"));
}

#[test]
fn pagination_links_both_ways() {
    let site = full();
    let first = site.html("bg/practices/index.html");
    assert_eq!(
        attr(&first, ".pagination a[rel=next]", "href").as_deref(),
        Some("../../bg/practices/page/2/")
    );
    assert_eq!(select(&first, "article.card").len(), 2);
    let second = site.html("bg/practices/page/2/index.html");
    assert_eq!(
        attr(&second, ".pagination a[rel=prev]", "href").as_deref(),
        Some("../../../../bg/practices/")
    );
    assert!(select(&second, ".pagination a[rel=next]").is_empty());
}

#[test]
fn drafts_are_built_only_when_asked() {
    assert!(!full().out.join("bg/practices/draft-one").exists());
    let with = build_site(
        &fixture("full"),
        Options {
            drafts: true,
            ..Options::default()
        },
    );
    assert!(with.out.join("bg/practices/draft-one/index.html").exists());
}

#[test]
fn assets_are_copied_once_with_type_and_size() {
    let site = full();
    assert!(site.out.join("media/practices/alpha/handout.pdf").exists());
    let doc = site.html("bg/practices/alpha/index.html");
    assert_eq!(text_of(&doc, ".files .file-meta"), "(PDF, 50\u{a0}B)");
    assert_eq!(
        attr(&doc, ".gallery img", "alt").as_deref(),
        Some("Черен квадрат")
    );
    // Once: under media/, not again beside each language's page.
    assert!(!site.out.join("bg/practices/alpha/handout.pdf").exists());
    assert!(!site.out.join("en/practices/alpha/handout.pdf").exists());
    assert!(
        site.warnings.is_empty(),
        "the fixture is clean: {:?}",
        site.warnings
    );
}

#[test]
fn site_templates_override_the_theme_by_name() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("full"), dir.path());
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ entry.title }}</h1>{% endblock main %}",
    )
    .unwrap();
    let site = build_site(dir.path(), Options::default());
    assert_eq!(
        text_of(&site.html("en/about/index.html"), "h1.custom"),
        "About"
    );
    assert_eq!(
        text_of(&site.html("en/practices/alpha/index.html"), "h1"),
        "Alpha practice"
    );
}

/// Every problem of the invalid fixture: file, position and kind.
fn invalid_problems() -> Vec<(String, Option<Pos>, String)> {
    let (report, diagnostics) = build::check(&fixture("invalid"), &Options::default());
    assert!(report.is_none());
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let kind = format!("{:?}", d.problem)
                .split([' ', '(', '{'])
                .next()
                .unwrap()
                .to_string();
            (
                d.path().unwrap().to_string_lossy().into_owned(),
                d.pos(),
                kind,
            )
        })
        .collect()
}

#[test]
fn bad_input_is_reported_all_at_once_with_file_line_and_column() {
    let p = |path: &str, line: usize, column: usize, kind: &str| {
        (
            format!("content/practices/{path}"),
            Some(Pos::new(line, column)),
            kind.to_string(),
        )
    };
    let expected = vec![
        (
            "content/practices/Bad_Name.bg.md".to_string(),
            None,
            "BadFileName".to_string(),
        ),
        // A bad date hides neither the file's other problems (fields, references, the body's
        // links) nor reads as a missing date.
        p("bad-date.bg.md", 4, 7, "BadDate"),
        p("bad-date.bg.md", 5, 19, "UnknownCode"),
        p("bad-date.bg.md", 6, 10, "WrongType"),
        p("bad-date.bg.md", 7, 15, "UnknownReference"),
        p("bad-date.bg.md", 8, 10, "MissingField"),
        p("bad-date.bg.md", 8, 17, "MissingAsset"),
        p("bad-date.bg.md", 10, 5, "BrokenLink"),
        p("bad-yaml.bg.md", 5, 5, "Yaml"),
        p("broken-link.bg.md", 9, 7, "BrokenLink"),
        p("conflict/index.en.md", 4, 7, "Conflict"),
        p("invalid-utf8.bg.md", 3, 10, "InvalidUtf8"),
        p("missing-field.bg.md", 1, 1, "MissingField"),
        p("missing-image/index.bg.md", 7, 12, "MissingAsset"),
        p("unknown-code.bg.md", 5, 16, "UnknownCode"),
        p("unknown-org.en.md", 6, 15, "UnknownReference"),
    ];
    let h = |path: &str, pos: Option<Pos>, kind: &str| {
        let path = format!("content/projects/{path}");
        (path, pos, kind.to_string())
    };
    let at = |line, column| Some(Pos::new(line, column));
    let expected: Vec<_> = expected
        .into_iter()
        .chain([
            h(
                "handbook-refs/handbook/01-cases.bg.md",
                at(3, 23),
                "UnknownReference",
            ),
            h(
                "with-handbook/handbook/01-first.bg.md",
                at(3, 10),
                "Invalid",
            ),
            h(
                "with-handbook/handbook/02-untitled.bg.md",
                at(1, 1),
                "MissingField",
            ),
            // A title that cannot be read is reported once, not also as missing.
            h(
                "with-handbook/handbook/03-typed.bg.md",
                at(2, 8),
                "WrongType",
            ),
            h(
                "with-handbook/handbook/03-typed.bg.md",
                at(3, 10),
                "Invalid",
            ),
            h(
                "with-handbook/handbook/chapter-three.bg.md",
                None,
                "BadFileName",
            ),
            h(
                "with-handbook/handbook/index.bg.md",
                at(3, 20),
                "MissingAsset",
            ),
            h("with-handbook/index.bg.md", at(1, 1), "MissingField"),
        ])
        .collect();
    assert_eq!(invalid_problems(), expected);
}

#[test]
fn handbooks_are_read_in_order_with_their_translations() {
    let (site, diagnostics) =
        spodeli::site::Site::load(&fixture("full"), &Options::default(), None);
    assert!(!diagnostics.has_errors());
    let site = site.unwrap();
    let project = site
        .find(spodeli::content::Section::Projects, "finished-project")
        .unwrap();
    let book = site.entries[project].handbook.as_ref().expect("a handbook");
    assert_eq!(book.versions["bg"].fields.title, "Наръчник на проекта");
    assert_eq!(book.versions["en"].fields.title, "The project handbook");
    // Fields written once hold for every language.
    assert_eq!(
        book.versions["en"].fields.license.as_deref(),
        Some("CC-BY-4.0")
    );
    assert_eq!(
        book.versions["en"].fields.downloads[0].file,
        "handbook-bg.pdf"
    );
    assert_eq!(book.versions["bg"].body.trim(), "Предговор към наръчника.");
    let chapters: Vec<(u32, &str, Vec<&str>)> = book
        .chapters
        .iter()
        .map(|c| {
            (
                c.number,
                c.slug.as_str(),
                c.versions.keys().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        chapters,
        [
            (1, "introduction", vec!["bg", "en"]),
            (2, "case-alpha", vec!["bg", "en"]),
            (10, "only-bulgarian", vec!["bg"]),
        ]
    );
    let case = &book.chapters[1].versions["en"].fields;
    assert_eq!(case.practices, ["alpha"]);
    assert_eq!(case.country.as_deref(), Some("BG"));
    assert_eq!(
        book.chapters[0].versions["bg"].fields.authors[0].name,
        "Мария Петрова"
    );
}

#[test]
fn handbook_pages_read_in_order_and_print_as_one() {
    let site = full();
    let base = "bg/projects/finished-project/handbook";
    let contents = site.html(&format!("{base}/index.html"));
    assert_eq!(text_of(&contents, "h1"), "Наръчник на проекта");
    let page = |slug: &str| format!("{base}/{slug}/index.html");
    let listed: Vec<String> = select(&contents, ".chapter-list a")
        .iter()
        .map(|a| {
            resolve(
                &format!("{base}/index.html"),
                a.value().attr("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            page("introduction"),
            page("case-alpha"),
            page("only-bulgarian")
        ]
    );
    let download = attr(&contents, ".facts a[download]", "href").unwrap();
    assert_eq!(
        resolve(&format!("{base}/index.html"), &download),
        "media/projects/finished-project/handbook/handbook-bg.pdf"
    );
    assert!(text_of(&contents, ".facts").contains("PDF"));
    // Previous and next, at both ends.
    let first = site.html(&page("introduction"));
    let target = |from: &str, doc: &Html, rel: &str| {
        attr(doc, &format!("a[rel={rel}]"), "href").map(|h| resolve(&page(from), &h))
    };
    assert_eq!(target("introduction", &first, "prev"), None);
    assert_eq!(
        target("introduction", &first, "next"),
        Some(page("case-alpha"))
    );
    let last = site.html(&page("only-bulgarian"));
    assert_eq!(
        target("only-bulgarian", &last, "prev"),
        Some(page("case-alpha"))
    );
    assert_eq!(target("only-bulgarian", &last, "next"), None);
    // The sidebar marks the current chapter.
    assert_eq!(
        text_of(&first, ".chapter-nav [aria-current=page]"),
        "Въведение"
    );
    // A chapter missing in English is shown in Bulgarian, marked so, with a note.
    let missing = site.html("en/projects/finished-project/handbook/only-bulgarian/index.html");
    assert!(!select(&missing, ".notice").is_empty());
    assert_eq!(
        attr(&missing, ".chapter-main", "lang").as_deref(),
        Some("bg")
    );
    assert_eq!(text_of(&missing, "h1"), "Само на български");
    // The print page holds the preface and every chapter in order, with unique ids.
    let print = site.html(&format!("{base}/print/index.html"));
    let titles: Vec<String> = select(&print, ".print-chapter > h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        titles,
        [
            "Предговор",
            "1. Въведение",
            "2. Случай: алфа",
            "3. Само на български"
        ]
    );
    let ids: Vec<&str> = select(&print, "[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.contains(&"introduction--why"), "{ids:?}");
    assert!(!select(&print, "meta[name=robots][content=noindex]").is_empty());
    // Structured data: the book with its chapters, a chapter as part of the book.
    let ld = |doc: &Html| -> serde_json::Value {
        serde_json::from_str(&text_of(doc, "script[type='application/ld+json']")).unwrap()
    };
    let book = ld(&contents);
    assert_eq!(book["@type"], "Book");
    assert_eq!(book["inLanguage"], "bg");
    assert_eq!(book["license"], "https://spdx.org/licenses/CC-BY-4.0.html");
    let parts: Vec<(u64, &str)> = book["hasPart"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["position"].as_u64().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        parts,
        [
            (1, "Въведение"),
            (2, "Случай: алфа"),
            (3, "Само на български")
        ]
    );
    let chapter = ld(&first);
    assert_eq!(chapter["@type"], "Chapter");
    assert_eq!(chapter["position"], 1);
    assert_eq!(chapter["isPartOf"]["@type"], "Book");
    assert!(chapter["isPartOf"].get("isbn").is_none());
    // Search finds chapters (in their own language) and the handbook, with their headings.
    let docs = site.text("search/bg/docs-0.js");
    let json = docs
        .split_once("]=")
        .unwrap()
        .1
        .trim_end()
        .trim_end_matches(';');
    let docs: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let doc = |href: &str| docs.iter().find(|d| d[1] == href).cloned();
    let intro = doc("bg/projects/finished-project/handbook/introduction/").unwrap();
    assert_eq!(intro[2], "handbooks");
    assert_eq!(intro[4], serde_json::json!([["why", "Защо"]]));
    assert!(doc("bg/projects/finished-project/handbook/").is_some());
    let en = site.text("search/en/docs-0.js");
    assert!(
        !en.contains("handbook/only-bulgarian/"),
        "untranslated chapters stay out"
    );
    // The practice links back to the chapter presenting it.
    let alpha = site.html("bg/practices/alpha/index.html");
    let back = attr(&alpha, ".facts a[href*='handbook/case-alpha']", "href").unwrap();
    assert_eq!(
        resolve("bg/practices/alpha/index.html", &back),
        page("case-alpha")
    );
    // The project presents its handbook, and its card in listings links to it.
    let project = site.html("en/projects/finished-project/index.html");
    assert_eq!(
        text_of(&project, ".handbook-title a"),
        "The project handbook"
    );
    assert!(text_of(&project, ".handbook-box").contains("3 chapters"));
    // A result of kind handbook without an address of its own is the project's handbook.
    let result = attr(&project, "#h-results + ul a", "href").unwrap();
    assert_eq!(
        resolve("en/projects/finished-project/index.html", &result),
        "en/projects/finished-project/handbook/index.html"
    );
    let listing = site.html("bg/projects/index.html");
    let card = attr(&listing, ".card-meta a", "href").unwrap();
    assert_eq!(
        resolve("bg/projects/index.html", &card),
        format!("{base}/index.html")
    );
    // The chapter presenting a practice shows its card.
    let case = site.html(&format!("{base}/case-alpha/index.html"));
    assert_eq!(
        text_of(&case, "#h-cases + .cards .card-title"),
        "Алфа практика"
    );
}

#[test]
fn a_long_handbook_keeps_chapter_pages_small() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("full"), dir.path());
    let handbook = dir
        .path()
        .join("content/projects/finished-project/handbook");
    let mut sizes = Vec::new();
    for chapters in [10, 60] {
        for n in 1..=chapters {
            let text = format!(
                "---\ntitle: Глава с дълго заглавие номер {n}\nsummary: Резюме.\n---\nТекст.\n"
            );
            std::fs::write(
                handbook.join(format!("{:02}-chapter-{n}.bg.md", n + 10)),
                text,
            )
            .unwrap();
        }
        let site = build_site(dir.path(), Options::default());
        let middle = chapters / 2;
        let page = format!("bg/projects/finished-project/handbook/chapter-{middle}/index.html");
        sizes.push(std::fs::metadata(site.out.join(page)).unwrap().len());
    }
    eprintln!(
        "chapter page bytes: 10 chapters {}, 60 chapters {}",
        sizes[0], sizes[1]
    );
    // The sidebar lists the neighbours, not every chapter: the page barely grows.
    assert!(sizes[1] < sizes[0] + 300, "{sizes:?}");
}

#[test]
fn problems_say_what_was_expected() {
    let (_, diagnostics) = build::check(&fixture("invalid"), &Options::default());
    let find = |f: &dyn Fn(&Problem) -> bool| {
        diagnostics
            .iter()
            .find(|d| f(&d.problem))
            .unwrap()
            .problem
            .clone()
    };
    match find(&|p| matches!(p, Problem::UnknownCode { code, .. } if code == "digitl")) {
        Problem::UnknownCode {
            suggestion, code, ..
        } => assert_eq!(
            (code.as_str(), suggestion.as_deref()),
            ("digitl", Some("digital"))
        ),
        _ => unreachable!(),
    }
    match find(&|p| matches!(p, Problem::Conflict { .. })) {
        Problem::Conflict { field, other } => {
            assert_eq!(field, "date");
            assert_eq!(
                other.to_string(),
                "content/practices/conflict/index.bg.md:4:7"
            );
        }
        _ => unreachable!(),
    }
    let missing = diagnostics
        .iter()
        .find(|d| d.path().is_some_and(|p| p.ends_with("missing-field.bg.md")))
        .unwrap();
    match &missing.problem {
        Problem::MissingField { field, .. } => assert_eq!(field, "summary"),
        other => panic!("{other:?}"),
    }
    let warning = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .unwrap();
    assert!(matches!(&warning.problem, Problem::UnknownField { field, .. } if field == "titel"));
    assert_eq!(warning.pos(), Some(Pos::new(5, 1)));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (ok, _) = build::build(&fixture("full"), Some(&out), &Options::default());
    assert!(ok.is_some());
    let before = std::fs::read(out.join("bg/index.html")).unwrap();
    let (failed, diagnostics) = build::build(&fixture("invalid"), Some(&out), &Options::default());
    assert!(failed.is_none() && !diagnostics.is_empty());
    assert_eq!(std::fs::read(out.join("bg/index.html")).unwrap(), before);
    assert!(out.join("bg/practices/alpha/index.html").exists());
    let siblings: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        1,
        "no staging folder left behind: {siblings:?}"
    );
}

#[test]
fn the_command_line_exits_non_zero_and_names_places() {
    let dir = tempfile::tempdir().unwrap();
    let run_in = |locale: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_spodeli"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .output()
            .unwrap()
    };
    let run = |args: &[&str]| run_in("C.UTF-8", args);
    let failed = run(&[
        "build",
        "--root",
        fixture("invalid").to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert!(
        stderr.contains("content/practices/bad-date.bg.md:4:7: error:"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
    let refused = run(&[
        "build",
        "--root",
        fixture("full").to_str().unwrap(),
        "--out",
        fixture("full").join("content").to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let checked = run(&["check", "--root", fixture("full").to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(0));
    let stderr = String::from_utf8(checked.stderr).unwrap();
    assert!(
        stderr.contains("content/practices/gamma.bg.md: note: no en version"),
        "{stderr}"
    );
    assert!(
        !fixture("full").join("public").exists(),
        "check writes nothing"
    );
    // The locale chooses the language of the messages; --lang overrides it.
    let invalid = fixture("invalid");
    let in_bulgarian = run_in(
        "bg_BG.UTF-8",
        &["check", "--root", invalid.to_str().unwrap()],
    );
    let stderr = String::from_utf8(in_bulgarian.stderr).unwrap();
    assert!(
        stderr.contains("content/practices/bad-date.bg.md:4:7: грешка: `date`: невалидна дата"),
        "{stderr}"
    );
    assert!(stderr.contains("грешки; нищо не е записано."), "{stderr}");
    let overridden = run_in(
        "bg_BG.UTF-8",
        &["--lang", "en", "check", "--root", invalid.to_str().unwrap()],
    );
    let stderr = String::from_utf8(overridden.stderr).unwrap();
    assert!(
        stderr.contains("4:7: error: `date`: invalid date"),
        "{stderr}"
    );
}

#[test]
fn the_sample_site_builds_in_both_languages() {
    let site = build_site(Path::new(env!("CARGO_MANIFEST_DIR")), Options::default());
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    for lang in ["bg", "en"] {
        for entry in [
            "practices/sharing-knowledge-from-trainings",
            "practices/cloud-platforms-plovdiv",
            "practices/sharing-good-practice-cycle",
            "projects/leading-to-learn-together",
            "etwinning-school-label",
            "organisations/51-su-sofia",
        ] {
            let doc = site.html(&format!("{lang}/{entry}/index.html"));
            assert!(
                select(&doc, ".notice").is_empty(),
                "{lang}/{entry} is translated"
            );
        }
    }
    assert!(
        check_links(&site, "https://practices.example.org/", false) > 300,
        "every page reachable, every link resolving"
    );
    // The activities table has no column of empty cells: one date of five is shown beside its
    // activity (and no place is given).
    let project = site.html("en/projects/leading-to-learn-together/index.html");
    let headers: Vec<String> = select(&project, "#h-activities + .table-scroll th")
        .iter()
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(headers, ["Activity"]);
    let rows: Vec<String> = select(&project, "#h-activities + .table-scroll td")
        .iter()
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(rows.len(), 5);
    assert!(rows[4].ends_with("30 November 2018"), "{rows:?}");
    let plovdiv = site.html("bg/practices/cloud-platforms-plovdiv/index.html");
    assert!(text_of(&plovdiv, ".facts").contains("30\u{a0}000\u{a0}BGN"));
    assert!(text_of(&plovdiv, "main").contains("Второ място"));
}

#[test]
fn template_errors_name_the_template_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("full"), dir.path());
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let broken = "{% extends \"base.html\" %}\n{% block main %}{{ entry.title | nosuchfilter }}{% endblock main %}";
    std::fs::write(dir.path().join("templates/page.html"), broken).unwrap();
    let (report, diagnostics) = build::check(dir.path(), &Options::default());
    assert!(report.is_none());
    let error = diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(matches!(error.problem, Problem::Template(_)), "{error}");
    assert_eq!(error.path(), Some(Path::new("templates/page.html")));
    assert_eq!(error.pos(), Some(Pos::new(2, 34)));
}
