//! Helpers the test harnesses share.
// Each test crate uses some of these helpers.
#![allow(dead_code)]

use scraper::{Html, Selector};
use spodeli::build::{self, Report};
use spodeli::diagnostics::{Diagnostic, Pos, Problem};
use spodeli::messages::Lang;
use spodeli::site::Options;
use std::path::{Path, PathBuf};

/// A fixture site under `tests/sites/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

/// Copies a folder tree (to edit a fixture without touching it).
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A new site with `files` written into it (paths from the site root).
pub(crate) struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn with(files: &[(&str, &[u8])]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        spodeli::scaffold::new_site(&root, &[Lang::Bg, Lang::En], "2026-12-02").unwrap();
        let site = Site { dir };
        for (path, bytes) in files {
            site.write(path, bytes);
        }
        site
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub(crate) fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Builds into `out/`: the report (if it built) and every problem.
    pub(crate) fn build(&self) -> (Option<Report>, Vec<Diagnostic>) {
        build::build(&self.root(), Some(&self.out()), &Options::default())
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub(crate) fn built(&self) -> Report {
        let (report, problems) = self.build();
        assert!(problems.is_empty(), "{problems:#?}");
        report.unwrap()
    }

    pub(crate) fn html(&self, page: &str) -> Html {
        let text = std::fs::read_to_string(self.out().join(page)).unwrap();
        Html::parse_document(&text)
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

pub(crate) fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

pub(crate) fn attrs(doc: &Html, css: &str, name: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// Every file under `dir` with its bytes, by path from `dir`: an output to compare whole.
pub(crate) fn files(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
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
