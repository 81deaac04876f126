//! Handbooks as books made by `build`: offered on the contents page with format, size and
//! language, made once and kept while their inputs stay, the same bytes every time, turned off
//! per handbook, and a chapter the engine cannot set reported at its place.

use crate::harness::links::resolve;
use crate::harness::{SiteTest, attrs, select};
use spodeli::diagnostics::Problem;
use std::path::Path;

const PROJECT: &str = "finished-project";
const INDEX: &str = "content/projects/finished-project/handbook/index.en.md";
const CHAPTER: &str = "content/projects/finished-project/handbook/01-introduction.en.md";

/// The books of the project's handbook in the output: (path, bytes), sorted.
fn books(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut books: Vec<(String, Vec<u8>)> = crate::harness::files(out)
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .filter(|(p, _)| p.contains(PROJECT) && (p.ends_with(".pdf") || p.ends_with(".epub")))
        .filter(|(p, _)| !p.starts_with("media/"))
        .collect();
    books.sort();
    books
}

/// Adds `text` at the end of a file of the site.
fn append(site: &SiteTest, path: &str, text: &str) {
    let before = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(path, (before + text).as_bytes());
}

#[test]
fn every_language_gets_a_pdf_and_an_epub_offered_beside_the_teams_own_file() {
    let site = SiteTest::fixture("full");
    let built = site.built_with_warnings();
    assert_eq!(built.report.books, (4, 4));
    let books = books(built.out());
    let names: Vec<&str> = books.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "bg/projects/finished-project/handbook/finished-project-bg.epub",
            "bg/projects/finished-project/handbook/finished-project-bg.pdf",
            "en/projects/finished-project/handbook/finished-project-en.epub",
            "en/projects/finished-project/handbook/finished-project-en.pdf",
        ]
    );
    for (path, bytes) in &books {
        match path.ends_with(".pdf") {
            true => assert!(bytes.starts_with(b"%PDF-1.7"), "{path}"),
            // The EPUB's first file is `mimetype`, stored, as the standard asks.
            false => assert!(bytes.starts_with(b"PK\x03\x04") && &bytes[30..38] == b"mimetype"),
        }
    }
    let page = built.html(&format!("en/projects/{PROJECT}/handbook/index.html"));
    let offers: Vec<String> = select(&page, "a[download]")
        .iter()
        .map(|a| a.text().collect::<String>())
        .collect();
    // The page's own language first, then the other, then the team's designed PDF.
    assert_eq!(
        offers,
        [
            "PDF · English",
            "EPUB · English",
            "PDF · Български",
            "EPUB · Български",
            "handbook-bg.pdf"
        ]
    );
    let hrefs = attrs(&page, "a[download]", "href");
    let from = format!("en/projects/{PROJECT}/handbook/index.html");
    assert_eq!(resolve(&from, &hrefs[0]), books[3].0);
    assert_eq!(resolve(&from, &hrefs[2]), books[1].0);
    let sizes: Vec<String> = select(&page, "a[download] + .file-meta")
        .iter()
        .map(|s| s.text().collect::<String>())
        .collect();
    let pdf = &books.iter().find(|(p, _)| p.ends_with("en.pdf")).unwrap().1;
    assert_eq!(
        sizes[0],
        format!("({:.1}\u{a0}KB)", pdf.len() as f64 / 1024.0)
    );
    // The project's page offers the books of its language.
    let project = built.html(&format!("en/projects/{PROJECT}/index.html"));
    let offered = attrs(&project, ".handbook-box a.edition", "href");
    assert!(
        offered
            .iter()
            .any(|h| h.ends_with("handbook/finished-project-en.pdf"))
    );
    assert!(!offered.iter().any(|h| h.ends_with("-bg.pdf")));
}

#[test]
fn books_are_made_again_only_when_their_inputs_change_and_always_the_same() {
    let site = SiteTest::fixture("full");
    let first = books(site.built_with_warnings().out());
    assert_eq!(site.built_with_warnings().report.books, (4, 0));
    // An English chapter changes the English books only.
    append(&site, CHAPTER, "\nA new last line.\n");
    let built = site.built_with_warnings();
    assert_eq!(built.report.books, (4, 2));
    let second = books(built.out());
    for ((path, before), (_, after)) in first.iter().zip(&second) {
        assert_eq!(before == after, path.starts_with("bg/"), "{path}");
    }
    // Made again from nothing, every book has the same bytes.
    std::fs::remove_dir_all(site.root().join(".spodeli-cache/books")).unwrap();
    let built = site.built_with_warnings();
    assert_eq!(built.report.books, (4, 4));
    assert_eq!(books(built.out()), second);
}

#[test]
fn a_handbook_can_ask_for_one_format_or_none() {
    let site = SiteTest::fixture("full");
    site.edit(INDEX, "subtitle:", "generate: [epub]\nsubtitle:");
    let built = site.built_with_warnings();
    let names: Vec<String> = books(built.out()).into_iter().map(|(p, _)| p).collect();
    assert!(
        names.iter().all(|p| p.ends_with(".epub")) && names.len() == 2,
        "{names:?}"
    );
    site.edit(INDEX, "generate: [epub]", "generate: false");
    let built = site.built_with_warnings();
    assert!(books(built.out()).is_empty());
    assert_eq!(built.report.books, (0, 0));
    let page = built.html(&format!("en/projects/{PROJECT}/handbook/index.html"));
    let from = format!("en/projects/{PROJECT}/handbook/index.html");
    let offered: Vec<String> = attrs(&page, "a[download]", "href")
        .iter()
        .map(|h| resolve(&from, h))
        .collect();
    assert_eq!(
        offered,
        ["media/projects/finished-project/handbook/handbook-bg.pdf"]
    );
}

#[test]
fn a_chapter_the_pdf_cannot_set_is_reported_at_its_place_and_the_output_stays() {
    let site = SiteTest::fixture("full");
    let before = books(site.built_with_warnings().out());
    let deep = format!("Fine.\n\n{}too deep\n", "> ".repeat(300));
    append(&site, CHAPTER, &format!("\n{deep}"));
    let problems = site.problems();
    let book: Vec<_> = problems
        .iter()
        .filter(|(_, _, p)| matches!(p, Problem::Book { .. }))
        .collect();
    assert_eq!(book.len(), 1, "{problems:#?}");
    let (file, pos, problem) = book[0];
    assert!(file.ends_with("01-introduction.en.md"), "{file:?}");
    let text = std::fs::read_to_string(site.root().join(CHAPTER)).unwrap();
    let line = text.lines().position(|l| l.ends_with("too deep")).unwrap() + 1;
    assert_eq!(pos.map(|p| p.line), Some(line));
    assert!(matches!(problem, Problem::Book { format, .. } if format == "PDF"));
    // Nothing was written: the books of the last build are still there.
    assert_eq!(books(&site.out()), before);
}

#[test]
fn serve_makes_books_after_the_pages_and_offers_them_in_the_next_run() {
    let site = SiteTest::fixture("full");
    let options = spodeli::site::Options {
        books_later: true,
        ..Default::default()
    };
    let mut memory = spodeli::build::Memory::default();
    let sent = std::sync::Mutex::new(Vec::<String>::new());
    let store = site.root().join(".spodeli-cache/books");
    let stored = || std::fs::read_dir(&store).map_or(0, |d| d.count());
    let run = |memory: &mut spodeli::build::Memory| {
        sent.lock().unwrap().clear();
        let told = std::sync::Mutex::new(None);
        let (report, problems) = spodeli::build::run(
            &site.root(),
            &options,
            &|path, _| {
                sent.lock().unwrap().push(path.to_string());
                Ok(())
            },
            Some(memory),
            Some(&|_| *told.lock().unwrap() = Some((sent.lock().unwrap().clone(), stored()))),
        );
        assert!(report.is_some(), "{problems:#?}");
        (report.unwrap(), told.into_inner().unwrap().unwrap())
    };
    // The pages are ready before any book is made: a reload does not wait for typesetting.
    let (report, (before_pages, stored_then)) = run(&mut memory);
    assert_eq!(stored_then, 0);
    assert!(
        before_pages
            .iter()
            .any(|p| p.ends_with("handbook/index.html"))
    );
    assert!(
        !before_pages
            .iter()
            .any(|p| p.ends_with(".pdf") && !p.starts_with("media/"))
    );
    assert_eq!(report.books, (4, 4));
    assert_eq!(stored(), 4);
    assert!(memory.books_made_later());
    // The next run offers them: the contents pages are made again, and the books sent.
    let (report, _) = run(&mut memory);
    assert_eq!(report.books, (4, 0));
    assert!(!memory.books_made_later());
    let sent = sent.into_inner().unwrap();
    assert!(
        sent.iter()
            .any(|p| p == "en/projects/finished-project/handbook/finished-project-en.pdf")
    );
    assert!(
        sent.iter()
            .any(|p| p == "en/projects/finished-project/handbook/index.html")
    );
    assert!(
        !sent.iter().any(|p| p.contains("handbook/introduction/")),
        "{sent:#?}"
    );
}
