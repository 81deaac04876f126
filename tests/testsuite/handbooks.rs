//! Handbooks: chapters read in order with their translations, pages in order, a print page
//! holding every chapter, and chapter pages that stay small in a long handbook.

use crate::full;
use crate::harness::links::resolve;
use crate::harness::{SiteTest, attr, fixture, select, text_of};
use scraper::Html;
use spodeli::site::Options;
use std::collections::BTreeSet;

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
    let download = attr(&contents, ".facts a[download]:not(.edition)", "href").unwrap();
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
    let docs = shown_in_search(site.out(), "bg");
    let doc = |href: &str| docs.iter().find(|d| d[1] == href).cloned();
    let intro = doc("bg/projects/finished-project/handbook/introduction/").unwrap();
    assert_eq!(intro[2], "handbooks");
    assert_eq!(intro[4], serde_json::json!([["why", "Защо"]]));
    assert!(doc("bg/projects/finished-project/handbook/").is_some());
    let en = shown_in_search(site.out(), "en");
    assert!(
        en.iter()
            .all(|d| !d[1].as_str().unwrap().contains("handbook/only-bulgarian/")),
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
    let test = SiteTest::fixture("full");
    let mut sizes = Vec::new();
    for chapters in [10, 60] {
        for n in 1..=chapters {
            let text = format!(
                "---\ntitle: Глава с дълго заглавие номер {n}\nsummary: Резюме.\n---\nТекст.\n"
            );
            let file = format!("{:02}-chapter-{n}.bg.md", n + 10);
            test.write(
                &format!("content/projects/finished-project/handbook/{file}"),
                text.as_bytes(),
            );
        }
        let site = test.built();
        let middle = chapters / 2;
        let page = format!("bg/projects/finished-project/handbook/chapter-{middle}/index.html");
        sizes.push(std::fs::metadata(site.out().join(page)).unwrap().len());
    }
    eprintln!(
        "chapter page bytes: 10 chapters {}, 60 chapters {}",
        sizes[0], sizes[1]
    );
    // The sidebar lists the neighbours, not every chapter: the page barely grows.
    assert!(sizes[1] < sizes[0] + 300, "{sizes:?}");
}

/// What the search index of `lang` shows for each result (`search/<lang>/r/*/*.js`, each file a
/// group of results by id).
fn shown_in_search(out: &std::path::Path, lang: &str) -> Vec<serde_json::Value> {
    crate::harness::files(&out.join("search").join(lang).join("r"))
        .values()
        .flat_map(|bytes| {
            let text = String::from_utf8_lossy(bytes);
            let (_, json) = text.split_once("]=").unwrap();
            let json = json.trim_end().trim_end_matches(';');
            let group: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(json).unwrap();
            group.into_values()
        })
        .collect()
}
