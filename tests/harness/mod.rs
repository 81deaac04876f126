//! The one harness every integration test builds sites with: a [`SiteTest`] is a site in a
//! temporary folder (a fixture of `tests/sites/`, the repository's sample site, or a site just
//! made by `spodeli new site`, with files added), built with options, and asserted on through
//! its output (parsed HTML) or its problems (kind and position, never the words).
// Each test binary uses some of these helpers.
#![allow(dead_code)]

pub(crate) mod links;
pub(crate) mod photos;
pub(crate) mod servers;
pub(crate) mod tools;

use scraper::{Html, Selector};
use spodeli::build::{self, Report};
use spodeli::diagnostics::{Diagnostic, Pos, Problem};
use spodeli::messages::Lang;
use spodeli::site::Options;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The repository's root, which holds the sample site.
pub(crate) fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/sites/`, in place (to read, not to edit).
pub(crate) fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/sites").join(name)
}

/// Copies a folder tree (to edit a fixture without touching it), without the cache folder a
/// build in place may have left: a copied site starts with nothing made.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.file_name().is_some_and(|n| n == ".spodeli-cache") {
            continue;
        }
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A site to build in a temporary folder: its root is `site/`, its output `out/`.
pub(crate) struct SiteTest {
    dir: Arc<tempfile::TempDir>,
    root: PathBuf,
    options: Options,
}

impl SiteTest {
    fn empty() -> SiteTest {
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let root = dir.path().join("site");
        std::fs::create_dir(&root).unwrap();
        SiteTest {
            dir,
            root,
            options: Options::default(),
        }
    }

    /// A copy of the fixture `tests/sites/<name>/`, free to edit.
    pub(crate) fn fixture(name: &str) -> SiteTest {
        let site = SiteTest::empty();
        copy_dir(&fixture(name), &site.root);
        site
    }

    /// The repository's sample site, built where it is (never edited).
    pub(crate) fn sample() -> SiteTest {
        SiteTest {
            root: manifest().to_path_buf(),
            ..SiteTest::empty()
        }
    }

    /// A site made by `spodeli new site` in Bulgarian and English, with `files` written into
    /// it (paths from the site root).
    pub(crate) fn new_site(files: &[(&str, &[u8])]) -> SiteTest {
        let site = SiteTest::empty();
        std::fs::remove_dir(&site.root).unwrap();
        spodeli::scaffold::new_site(&site.root, &[Lang::Bg, Lang::En], "2026-12-02").unwrap();
        for (path, bytes) in files {
            site.write(path, bytes);
        }
        site
    }

    /// Builds with other options (offline, drafts, another base URL…).
    pub(crate) fn options(mut self, change: impl FnOnce(&mut Options)) -> SiteTest {
        change(&mut self.options);
        self
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.root.clone()
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// A folder beside the site for a test's own files (a second output, a package).
    pub(crate) fn scratch(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Replaces `from` (which must be there) with `to` in a file of the site.
    pub(crate) fn edit(&self, path: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(path)).unwrap();
        assert!(text.contains(from), "{path} has no {from:?}");
        self.write(path, text.replacen(from, to, 1).as_bytes());
    }

    /// Builds into `out/`: the report (if it built) and every problem.
    pub(crate) fn build(&self) -> (Option<Report>, Vec<Diagnostic>) {
        build::build(&self.root, Some(&self.out()), &self.options)
    }

    /// Builds and asserts that it built without a problem.
    pub(crate) fn built(&self) -> Built {
        let built = self.built_with_warnings();
        assert!(built.warnings.is_empty(), "{:#?}", built.warnings);
        built
    }

    /// Builds and asserts that it built (warnings allowed, kept in [`Built::warnings`]).
    pub(crate) fn built_with_warnings(&self) -> Built {
        let (report, warnings) = self.build();
        let errors: Vec<String> = warnings
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        let report = report.unwrap_or_else(|| panic!("build failed:\n{}", errors.join("\n")));
        Built {
            _dir: Arc::clone(&self.dir),
            out: self.out(),
            report,
            warnings,
        }
    }

    /// Parses a page of the last build's output.
    pub(crate) fn html(&self, page: &str) -> Html {
        read_html(&self.out().join(page))
    }

    /// The problems of a build that fails, as (file, position, problem).
    pub(crate) fn problems(&self) -> Vec<(PathBuf, Option<Pos>, Problem)> {
        let (report, problems) = self.build();
        assert!(report.is_none(), "the build should fail");
        problems
            .into_iter()
            .map(|d| {
                (
                    d.path().unwrap_or(Path::new("")).to_path_buf(),
                    d.pos(),
                    d.problem,
                )
            })
            .collect()
    }
}

/// A build that succeeded: its output folder, report and warnings. It keeps the site's
/// temporary folder for as long as it lives.
pub(crate) struct Built {
    _dir: Arc<tempfile::TempDir>,
    out: PathBuf,
    pub(crate) report: Report,
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Built {
    /// The output folder, which lives as long as this value (borrowed, so that it cannot be
    /// kept after the build's temporary folder is removed).
    pub(crate) fn out(&self) -> &Path {
        &self.out
    }

    pub(crate) fn html(&self, path: &str) -> Html {
        read_html(&self.out.join(path))
    }

    pub(crate) fn text(&self, path: &str) -> String {
        let file = self.out.join(path);
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// Every HTML page, by path from the output folder.
    pub(crate) fn pages(&self) -> Vec<String> {
        links::walk(&self.out)
            .into_iter()
            .filter(|p| p.ends_with(".html"))
            .collect()
    }
}

fn read_html(file: &Path) -> Html {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Html::parse_document(&text)
}

pub(crate) fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The text of every element `css` selects, trimmed.
pub(crate) fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The text of the first element `css` selects (empty if none).
pub(crate) fn text_of(doc: &Html, css: &str) -> String {
    texts(doc, css).into_iter().next().unwrap_or_default()
}

/// Attribute `name` of every element `css` selects that has it.
pub(crate) fn attrs(doc: &Html, css: &str, name: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// Attribute `name` of the first element `css` selects.
pub(crate) fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// Every file under `dir` with its bytes, by path from `dir`: an output to compare whole.
pub(crate) fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The names in `dir` that are staging or previous-output folders.
pub(crate) fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".spodeli-new-") || n.contains(".spodeli-old-"))
        .collect()
}
