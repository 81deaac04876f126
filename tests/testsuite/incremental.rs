//! Rebuilding with the memory of the previous run, as `serve` does, gives byte for byte the site
//! a fresh build gives, after every kind of edit, while rendering only the pages an edit touches.

use crate::harness::SiteTest;
use spodeli::build::{self, Memory};
use spodeli::site::Options;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

type Files = BTreeMap<String, Vec<u8>>;

/// A change to the site's files.
pub(crate) type Edit = dyn Fn(&Path);

/// Runs the pipeline, returning the files handed to the sink. With a memory, checks that the
/// run says when its pages are done: before the search index, listing every page.
fn run(root: &Path, memory: Option<&mut Memory>) -> Files {
    let files = Mutex::new(Files::new());
    let told = Mutex::new(None);
    let remembering = memory.is_some();
    let (report, diagnostics) = build::run(
        root,
        &Options::default(),
        &|path, content| {
            let bytes = content.read().unwrap().into_owned();
            files.lock().unwrap().insert(path.to_string(), bytes);
            Ok(())
        },
        memory,
        Some(&|pages| {
            let sent: Vec<String> = files.lock().unwrap().keys().cloned().collect();
            *told.lock().unwrap() =
                Some((pages.map(str::to_string).collect::<BTreeSet<_>>(), sent));
        }),
    );
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(report.is_some(), "the build failed: {errors:#?}");
    let files = files.into_inner().unwrap();
    if remembering {
        let (pages, sent_before) = told
            .into_inner()
            .unwrap()
            .expect("told when pages were done");
        let index = |f: &String| f.starts_with("search/bg/") || f.ends_with("sitemap.xml");
        assert!(!sent_before.iter().any(index), "told after the index");
        assert!(files.keys().any(index));
        assert!(pages.contains("bg/index.html") && pages.contains("404.html"));
    }
    files
}

/// A site kept in memory across rebuilds, the way `serve` keeps it.
struct Served {
    root: PathBuf,
    memory: Memory,
    files: Files,
}

impl Served {
    /// A copy of the `full` fixture, built once.
    fn fixture() -> (SiteTest, Served) {
        let test = SiteTest::fixture("full");
        let site = Served::new(&test.root());
        (test, site)
    }

    fn new(root: &Path) -> Served {
        let mut memory = Memory::default();
        let files = run(root, Some(&mut memory));
        Served {
            root: root.to_path_buf(),
            memory,
            files,
        }
    }

    /// Rebuilds after `changed` files changed; returns the HTML pages rendered again.
    fn rebuild(&mut self, changed: &[&str]) -> BTreeSet<String> {
        self.memory
            .changed(changed.iter().map(|c| self.root.join(c)));
        let sent = run(&self.root, Some(&mut self.memory));
        let rendered = sent
            .keys()
            .filter(|p| p.ends_with(".html"))
            .cloned()
            .collect();
        let mut files = Files::new();
        for page in self.memory.pages() {
            if let Some(bytes) = self.files.get(page) {
                files.insert(page.to_string(), bytes.clone());
            }
        }
        files.extend(sent);
        self.files = files;
        rendered
    }

    /// Asserts the site is what a fresh build makes of the sources.
    fn assert_fresh(&self, after: &str) {
        let fresh = run(&self.root, None);
        let differing: BTreeSet<&String> = fresh
            .keys()
            .chain(self.files.keys())
            .filter(|p| fresh.get(*p) != self.files.get(*p))
            .collect();
        assert!(
            differing.is_empty(),
            "after {after}, these files differ from a fresh build: {differing:#?}"
        );
    }
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Every kind of edit after the first (a summary edit), in order: what it is, what it does to
/// the site folder, and the files it changes.
pub(crate) fn every_edit() -> Vec<(&'static str, Box<Edit>, Vec<&'static str>)> {
    let gamma = "content/practices/gamma.bg.md";
    vec![
        (
            "a theme added to an entry",
            Box::new(|r| {
                edit(
                    r,
                    gamma,
                    "themes: [inclusion]",
                    "themes: [inclusion, robotics]",
                )
            }),
            vec![gamma],
        ),
        (
            "an organisation renamed (shown on its practices' cards)",
            Box::new(|r| {
                edit(
                    r,
                    "content/organisations/test-school.yaml",
                    "Тестово училище",
                    "Ново училище",
                )
            }),
            vec!["content/organisations/test-school.yaml"],
        ),
        (
            "a practice added",
            Box::new(|r| {
                write(
                    r,
                    "content/practices/epsilon.bg.md",
                    "---\ntitle: Епсилон\nsummary: Нова.\ndate: 2024-02-02\nthemes: [robotics]\n---\nТекст.\n",
                )
            }),
            vec!["content/practices/epsilon.bg.md"],
        ),
        (
            "a translation removed",
            Box::new(|r| std::fs::remove_file(r.join("content/practices/delta.bg.md")).unwrap()),
            vec!["content/practices/delta.bg.md"],
        ),
        (
            "a translation added to a page another page links to",
            Box::new(|r| {
                write(
                    r,
                    "content/practices/gamma.en.md",
                    "---\ntitle: Gamma practice\nsummary: Now in English.\n---\nText.\n",
                )
            }),
            vec!["content/practices/gamma.en.md"],
        ),
        (
            "a menu page retitled",
            Box::new(|r| {
                edit(
                    r,
                    "content/pages/about.en.md",
                    "title: About",
                    "title: About us",
                )
            }),
            vec!["content/pages/about.en.md"],
        ),
        (
            "a downloadable file replaced by a larger one",
            Box::new(|r| {
                write(
                    r,
                    "content/practices/alpha/handout.pdf",
                    &"%PDF-1.4\n".repeat(500),
                )
            }),
            vec!["content/practices/alpha/handout.pdf"],
        ),
        (
            "a photo added beside an entry and shown in its text",
            Box::new(|r| {
                let photo = crate::harness::photos::sideways_phone_photo(900, 600);
                std::fs::write(r.join("content/practices/alpha/garden.jpg"), photo).unwrap();
                edit(
                    r,
                    "content/practices/alpha/index.bg.md",
                    "![снимка](photo.svg)",
                    "![снимка](photo.svg) ![градина](garden.jpg)",
                )
            }),
            vec![
                "content/practices/alpha/garden.jpg",
                "content/practices/alpha/index.bg.md",
            ],
        ),
        (
            "a photo replaced by one of another shape",
            Box::new(|r| {
                let photo =
                    crate::harness::photos::jpeg_of(&crate::harness::photos::halves(500, 500));
                std::fs::write(r.join("content/practices/alpha/garden.jpg"), photo).unwrap();
            }),
            vec!["content/practices/alpha/garden.jpg"],
        ),
        (
            "a practice deleted",
            Box::new(|r| {
                std::fs::remove_file(r.join("content/practices/delta.en.md")).unwrap();
                std::fs::remove_file(r.join("content/practices/epsilon.bg.md")).unwrap();
            }),
            vec![
                "content/practices/delta.en.md",
                "content/practices/epsilon.bg.md",
            ],
        ),
        (
            "a handbook chapter presenting another practice",
            Box::new(|r| {
                let chapter = "content/projects/finished-project/handbook/02-case-alpha.bg.md";
                edit(r, chapter, "practices: [alpha]", "practices: [alpha, beta]");
            }),
            vec!["content/projects/finished-project/handbook/02-case-alpha.bg.md"],
        ),
        (
            "a template overridden",
            Box::new(|r| {
                let card = include_str!("../../themes/default/templates/partials/card.html");
                write(
                    r,
                    "templates/partials/card.html",
                    &format!("{card}<!-- local -->"),
                );
            }),
            vec!["templates/partials/card.html"],
        ),
        (
            "a component overridden",
            Box::new(|r| {
                let components =
                    include_str!("../../themes/default/templates/partials/components.html");
                let changed = components.replace("<h2 id=", "<h2 class=\"local\" id=");
                write(r, "templates/partials/components.html", &changed);
            }),
            vec!["templates/partials/components.html"],
        ),
        (
            "a message overridden",
            Box::new(|r| write(r, "locales/en/site.ftl", "nav-search = Find\n")),
            vec!["locales/en/site.ftl"],
        ),
        (
            "the site retitled",
            Box::new(|r| edit(r, "site.yaml", "Test site", "Test website")),
            vec!["site.yaml"],
        ),
    ]
}

#[test]
fn every_kind_of_edit_gives_the_fresh_site() {
    let (dir, mut site) = Served::fixture();
    let root = &dir.root();
    let all_pages = site.files.keys().filter(|p| p.ends_with(".html")).count();
    site.assert_fresh("the first build");

    let gamma = "content/practices/gamma.bg.md";
    let rendered = site.rebuild(&[gamma]);
    assert!(rendered.is_empty(), "nothing changed: {rendered:?}");

    edit(
        root,
        gamma,
        "summary: Само на български.",
        "summary: Ново резюме.",
    );
    let rendered = site.rebuild(&[gamma]);
    site.assert_fresh("a summary edit");
    assert!(rendered.contains("bg/practices/gamma/index.html"));
    assert!(
        rendered.contains("bg/practices/page/2/index.html"),
        "its card is in the listing"
    );
    assert!(!rendered.contains("en/pages/about/index.html"));
    assert!(
        rendered.len() * 3 < all_pages,
        "{} of {all_pages} pages rendered for one summary",
        rendered.len()
    );

    for (name, change, changed) in every_edit() {
        change(root);
        site.rebuild(&changed);
        site.assert_fresh(name);
    }
}

#[test]
fn a_template_change_renders_only_the_pages_using_it() {
    let (dir, mut site) = Served::fixture();
    let root = &dir.root();
    let term = include_str!("../../themes/default/templates/term.html");
    write(root, "templates/term.html", &format!("{term}\n"));
    let rendered = site.rebuild(&["templates/term.html"]);
    site.assert_fresh("a term template edit");
    assert!(!rendered.is_empty());
    assert!(
        rendered.iter().all(|p| p.contains("/themes/")
            || p.contains("/levels/")
            || p.contains("/programmes/")
            || p.contains("/years/")
            || p.contains("/tags/")),
        "only term pages use term.html: {rendered:#?}"
    );
}

#[test]
fn a_broken_edit_keeps_the_memory_of_the_last_good_build() {
    let (dir, mut site) = Served::fixture();
    let root = &dir.root();
    let gamma = "content/practices/gamma.bg.md";
    edit(root, gamma, "date: 2020-01-15", "date: 2020-13-45");
    site.memory.changed([root.join(gamma)]);
    let (report, _) = build::run(
        root,
        &Options::default(),
        &|_, _| Ok(()),
        Some(&mut site.memory),
        Some(&|_| panic!("a build with errors has no pages to show")),
    );
    assert!(report.is_none(), "the bad date fails the build");
    edit(root, gamma, "date: 2020-13-45", "date: 2021-01-15");
    site.rebuild(&[gamma]);
    site.assert_fresh("a fixed edit");
}
