//! Handbooks as books, read with the tools readers' software stands for: Poppler (what PDF
//! viewers show: text, fonts, metadata, bookmarks, pages as pictures) and EPUBCheck (the
//! reference validator e-reader makers accept).

use crate::harness::tools::EPUBCHECK;
use crate::harness::{SiteTest, attrs, fixture};
use spodeli::site::{Options, Site};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `full` fixture's project with a handbook.
const PROJECT_FULL: &str = "finished-project";

/// Runs `tool` with `args`, asserting it succeeds; its standard output.
fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The PDF's text, page by page.
fn pages(pdf: &Path) -> Vec<String> {
    let text = run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    text.split('\x0c').map(str::to_string).collect()
}

/// `text` with typographic quotes (which books set for straight ones) made straight.
fn straight(text: &str) -> String {
    text.replace(['’', '‘'], "'").replace(['“', '”', '„'], "\"")
}

/// `pdfinfo`'s fields.
fn info(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    run("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The top level of the PDF's outline (its bookmarks), as `pdftohtml` reads it.
fn outline(pdf: &Path) -> Vec<String> {
    let xml = run(
        "pdftohtml",
        &["-xml", "-i", "-stdout", "-q", pdf.to_str().unwrap()],
    );
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&xml, options).unwrap();
    let top = doc
        .descendants()
        .find(|n| n.has_tag_name("outline"))
        .expect("an outline");
    top.children()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// Asserts that EPUBCheck finds nothing at all in `epub`.
fn assert_valid_epub(epub: &Path) {
    let output = Command::new("java")
        .args(["-jar", EPUBCHECK, epub.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("Messages: 0 fatals / 0 errors / 0 warnings"),
        "{}: {said}",
        epub.display()
    );
    assert!(output.status.success(), "{said}");
}

/// A file of an EPUB.
fn epub_file(epub: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

/// The book of `lang` the contents page of `project` offers in `format`, as a file of `out`:
/// asserts that the page links it with its size.
fn offered(out: &Path, project: &str, lang: &str, format: &str) -> PathBuf {
    let page = format!("{lang}/projects/{project}/handbook/index.html");
    let html = scraper::Html::parse_document(&std::fs::read_to_string(out.join(&page)).unwrap());
    let selector = format!("a[download][hreflang=\"{lang}\"]");
    let hrefs = attrs(&html, &selector, "href");
    let href = hrefs
        .iter()
        .find(|h| h.ends_with(&format!(".{format}")))
        .unwrap_or_else(|| panic!("{page} offers no {format} in {lang}: {hrefs:?}"));
    let file = out.join(format!("{lang}/projects/{project}/handbook/{href}"));
    assert!(file.is_file(), "{} is not there", file.display());
    file
}

/// The chapter titles of a handbook as its book in `lang` shows them, in order.
fn chapter_titles(root: &Path, project: &str, lang: &str) -> (String, Vec<String>) {
    let (site, _) = Site::load(root, &Options::default(), None);
    let site = site.unwrap();
    let i = site
        .find(spodeli::content::Section::Projects, project)
        .unwrap();
    let book = site.entries[i].handbook.as_ref().unwrap();
    let title = book.versions[lang].fields.title.clone();
    let chapters = book
        .chapters
        .iter()
        .map(|c| c.shown(lang, "bg").0.fields.title.clone())
        .collect();
    (title, chapters)
}

/// Checks a PDF the way a reader's viewer shows it: metadata and language, embedded fonts,
/// bookmarks, and every chapter starting a page of its own, in order.
fn assert_reads_as_a_book(pdf: &Path, lang: &str, title: &str, chapters: &[String]) {
    let info = info(pdf);
    assert_eq!(info["Title"], title);
    assert_eq!(info["Tagged"], "yes");
    let count: usize = info["Pages"].parse().unwrap();
    assert!(count >= chapters.len() + 3, "{count} pages");
    let meta = run("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    assert!(
        meta.contains(&format!("<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li>")),
        "{meta}"
    );
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        // name, type…, encoding, emb, sub, uni, object, id: `emb` is the fifth from the end.
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(columns[columns.len() - 5], "yes", "not embedded: {row}");
    }
    let pages = pages(pdf);
    let mut last = 0;
    for chapter in chapters {
        let page = pages
            .iter()
            .position(|p| straight(p.trim_start()).starts_with(&straight(chapter)))
            .unwrap_or_else(|| panic!("no page starts with {chapter:?}"));
        assert!(page > last, "{chapter:?} is out of order");
        last = page;
    }
    let bookmarks: Vec<String> = outline(pdf).iter().map(|b| straight(b)).collect();
    let chapters: Vec<String> = chapters.iter().map(|c| straight(c)).collect();
    assert_eq!(bookmarks[bookmarks.len() - chapters.len()..], chapters);
}

/// Renders page `n` of `pdf` as a picture; the share of its pixels that are ink.
fn ink(pdf: &Path, n: usize, dir: &Path) -> f64 {
    let prefix = dir.join(format!("page-{n}"));
    let n = n.to_string();
    run(
        "pdftoppm",
        &[
            "-r",
            "40",
            "-png",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let image = image::open(prefix.with_extension("png"))
        .unwrap()
        .to_luma8();
    let dark = image.pixels().filter(|p| p.0[0] < 128).count();
    dark as f64 / (image.width() * image.height()) as f64
}

pub(crate) fn the_sample_handbook_is_a_valid_pdf_and_epub_in_each_language() {
    let site = SiteTest::sample();
    let built = site.built();
    let project = "leading-to-learn-together";
    for lang in ["bg", "en"] {
        let (title, chapters) = chapter_titles(&site.root(), project, lang);
        let pdf = offered(built.out(), project, lang, "pdf");
        assert_reads_as_a_book(&pdf, lang, &title, &chapters);
        // The title page shows the title; the page after the contents is not blank.
        let dir = site.scratch(lang);
        std::fs::create_dir_all(&dir).unwrap();
        assert!(ink(&pdf, 1, &dir) > 0.002);
        assert!(ink(&pdf, 4, &dir) > 0.002);
        let epub = offered(built.out(), project, lang, "epub");
        assert_valid_epub(&epub);
        let nav = epub_file(&epub, "EPUB/nav.xhtml");
        let mut from = 0;
        for chapter in &chapters {
            let at = nav[from..]
                .find(&spodeli::escape::xml(chapter))
                .unwrap_or_else(|| panic!("the EPUB's contents lack {chapter:?}"));
            from += at;
        }
        let package = epub_file(&epub, "EPUB/package.opf");
        assert!(package.contains(&format!("<dc:language>{lang}</dc:language>")));
        assert!(package.contains(&format!(
            "<dc:title>{}</dc:title>",
            spodeli::escape::xml(&title)
        )));
    }
}

pub(crate) fn a_chapter_missing_in_a_language_is_in_its_book_in_the_language_it_has() {
    let site = SiteTest::fixture("full");
    let built = site.built_with_warnings();
    let project = "finished-project";
    let (_, chapters) = chapter_titles(&fixture("full"), project, "en");
    let only_bulgarian = chapters.last().unwrap().clone();
    assert!(
        only_bulgarian.chars().any(|c| ('а'..='я').contains(&c)),
        "{only_bulgarian}"
    );
    for lang in ["bg", "en"] {
        let (title, chapters) = chapter_titles(&site.root(), project, lang);
        let pdf = offered(built.out(), project, lang, "pdf");
        assert_reads_as_a_book(&pdf, lang, &title, &chapters);
        assert_valid_epub(&offered(built.out(), project, lang, "epub"));
    }
    // The English book holds the Bulgarian chapter, with the note in English.
    let pdf = offered(built.out(), project, "en", "pdf");
    let pages = pages(&pdf);
    let page = pages
        .iter()
        .find(|p| p.trim_start().starts_with(&only_bulgarian))
        .unwrap();
    assert!(
        page.replace('\n', " ")
            .contains("not translated into English"),
        "{page}"
    );
    let epub = offered(built.out(), project, "en", "epub");
    let nav = epub_file(&epub, "EPUB/nav.xhtml");
    let item = nav
        .lines()
        .find(|l| l.contains(&spodeli::escape::xml(&only_bulgarian)))
        .unwrap();
    assert!(item.contains("lang=\"bg\""), "{item}");
    let file = item
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let chapter = epub_file(&epub, &format!("EPUB/{file}"));
    assert!(chapter.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\""));
    assert!(chapter.contains("lang=\"bg\" xml:lang=\"bg\""));
    assert!(chapter.contains("not translated into English"));
}

pub(crate) fn a_photo_in_a_chapter_is_set_in_both_books_as_the_sites_copy() {
    let site = SiteTest::fixture("full");
    let folder = "content/projects/finished-project/handbook";
    // A phone photo, 2400 × 1800 upright, stored on its side with its position in EXIF.
    site.write(
        &format!("{folder}/workshop.jpg"),
        &crate::harness::photos::sideways_phone_photo(1800, 2400),
    );
    let chapter = format!("{folder}/01-introduction.en.md");
    let text = std::fs::read_to_string(site.root().join(&chapter)).unwrap();
    site.write(
        &chapter,
        format!("{text}\n![Teachers at the workshop](workshop.jpg)\n").as_bytes(),
    );
    let built = site.built_with_warnings();
    let pdf = offered(built.out(), PROJECT_FULL, "en", "pdf");
    // `pdfimages -list`: page, number, type, width, height, …
    let list = run("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let images: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(images.len(), 1, "{list}");
    // The 1,200-pixel copy, upright (landscape: wider than tall).
    assert_eq!((images[0][3], images[0][4]), ("1200", "900"), "{list}");
    let epub = offered(built.out(), PROJECT_FULL, "en", "epub");
    assert_valid_epub(&epub);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let image = names
        .iter()
        .find(|n| n.starts_with("EPUB/images/") && n.ends_with("-1200.jpg"))
        .unwrap_or_else(|| panic!("{names:?}"));
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(image).unwrap(), &mut bytes).unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1200, 900));
    // The copy carries no position or camera.
    assert!(crate::harness::photos::exif_fields(&bytes).is_empty());
    let chapter = epub_file(&epub, "EPUB/chapter-01.xhtml");
    assert!(chapter.contains(&format!(
        "<img src=\"{}\" alt=\"Teachers at the workshop\"/>",
        &image["EPUB/".len()..]
    )));
}
