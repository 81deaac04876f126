//! Every kind of page in both languages, as a reader sees them: titles, translations, notes for
//! missing ones, plural messages, dates, Markdown, pagination, drafts, files and templates.

use crate::full;
use crate::harness::{SiteTest, attr, fixture, links, select, text_of};
use links::resolve;
use scraper::Selector;
use spodeli::build;
use spodeli::diagnostics::Pos;
use spodeli::site::Options;
use std::collections::BTreeSet;
use std::path::Path;

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
    assert!(!site.out().join("en/practices/gamma").exists());
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
    assert!(!full().out().join("bg/practices/draft-one").exists());
    let with = SiteTest::fixture("full")
        .options(|o| o.drafts = true)
        .built();
    assert!(
        with.out()
            .join("bg/practices/draft-one/index.html")
            .exists()
    );
}

#[test]
fn assets_are_copied_once_with_type_and_size() {
    let site = full();
    assert!(
        site.out()
            .join("media/practices/alpha/handout.pdf")
            .exists()
    );
    let doc = site.html("bg/practices/alpha/index.html");
    assert_eq!(text_of(&doc, ".files .file-meta"), "(PDF, 50\u{a0}B)");
    assert_eq!(
        attr(&doc, ".gallery img", "alt").as_deref(),
        Some("Черен квадрат")
    );
    // Once: under media/, not again beside each language's page.
    assert!(!site.out().join("bg/practices/alpha/handout.pdf").exists());
    assert!(!site.out().join("en/practices/alpha/handout.pdf").exists());
    assert!(
        site.warnings.is_empty(),
        "the fixture is clean: {:?}",
        site.warnings
    );
}

#[test]
fn site_templates_override_the_theme_by_name() {
    let test = SiteTest::fixture("full");
    test.write(
        "templates/page.html",
        b"{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ entry.title }}</h1>{% endblock main %}",
    );
    let site = test.built();
    assert_eq!(
        text_of(&site.html("en/about/index.html"), "h1.custom"),
        "About"
    );
    assert_eq!(
        text_of(&site.html("en/practices/alpha/index.html"), "h1"),
        "Alpha practice"
    );
}

#[test]
fn template_errors_name_the_template_file_and_position() {
    let test = SiteTest::fixture("full");
    let broken = "{% extends \"base.html\" %}\n{% block main %}{{ entry.title | nosuchfilter }}{% endblock main %}";
    test.write("templates/page.html", broken.as_bytes());
    let problems = test.problems();
    let (path, pos, problem) = &problems[0];
    assert_eq!(problem.kind(), "Template", "{problem}");
    assert_eq!(path, Path::new("templates/page.html"));
    assert_eq!(*pos, Some(Pos::new(2, 34)));
}

#[test]
fn the_sample_site_builds_in_both_languages() {
    let site = SiteTest::sample().built();
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
        links::all_resolve(site.out(), "https://practices.example.org/", false) > 300,
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
fn files_of_static_starting_with_a_dot_are_published_but_not_litter() {
    let site = SiteTest::fixture("full");
    let published = [
        (".htaccess", "ErrorDocument 404 /404.html\n"),
        (
            ".well-known/security.txt",
            "Contact: mailto:it@school.example\n",
        ),
    ];
    let left_out = [
        ".DS_Store",
        ".git/config",
        ".gitignore",
        "css/._extra.css",
        "css/.#extra.css",
        "css/extra.css.swp",
        "css/extra.css~",
        ".spodeli-record",
    ];
    for (path, text) in published {
        site.write(&format!("static/{path}"), text.as_bytes());
    }
    for path in left_out {
        site.write(&format!("static/{path}"), b"not for readers");
    }
    let built = site.built_with_warnings();
    for (path, text) in published {
        assert_eq!(built.text(path), text, "{path}");
    }
    for path in left_out {
        let bytes = std::fs::read(built.out().join(path)).unwrap_or_default();
        assert_ne!(bytes, b"not for readers", "{path} published");
    }
}
