//! `build` into a folder it built before: only the files whose bytes changed are written,
//! untouched files keep their inode and time, files no longer made are removed, and the result
//! is always the bytes of a fresh build into an empty folder.

use crate::harness::{SiteTest, files};
use spodeli::build;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file's inode and modification time.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let path = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (path, (m.ino(), m.modified().unwrap()))
        })
        .collect()
}

/// Builds the site again into its output and checks it against a fresh build into an empty
/// folder; returns (written, unchanged, removed).
fn rebuild(site: &SiteTest, fresh: &str) -> (usize, usize, usize) {
    let written = site.built_with_warnings().report.written.unwrap();
    let empty = site.scratch(fresh);
    let (report, problems) = build::build(&site.root(), Some(&empty), &Default::default());
    assert!(report.is_some(), "{problems:?}");
    assert!(
        files(&site.out()) == files(&empty),
        "{fresh}: not the fresh build's bytes"
    );
    (written.written, written.unchanged, written.removed)
}

#[test]
fn a_second_build_with_no_change_writes_no_file() {
    let site = SiteTest::fixture("full");
    let first = site.built_with_warnings().report.written.unwrap();
    assert_eq!(first.unchanged, 0);
    let before = stamps(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (written, unchanged, removed) = rebuild(&site, "fresh");
    assert_eq!((written, removed), (0, 0));
    assert_eq!(unchanged, first.written);
    assert_eq!(stamps(&site.out()), before, "same inodes, same times");
}

#[test]
fn after_each_kind_of_edit_the_output_is_a_fresh_builds() {
    let site = SiteTest::fixture("full");
    site.built_with_warnings();
    let total = files(&site.out()).len();
    // A summary: the entry's pages, the listings and terms that show its card, the feeds,
    // the search index; not the rest.
    site.edit(
        "content/practices/alpha/index.en.md",
        "summary:",
        "summary: Changed.",
    );
    let (written, _, removed) = rebuild(&site, "after-summary");
    assert!(written > 0 && written < total / 3, "{written} of {total}");
    assert_eq!(removed, 0);
    // An entry added, renamed (a new slug: the old pages go), deleted.
    let practice =
        "---\ntitle: Епсилон\nsummary: Нова.\ndate: 2022-01-01\nthemes: [digital]\n---\n";
    site.write("content/practices/epsilon.bg.md", practice.as_bytes());
    let (written, _, removed) = rebuild(&site, "after-add");
    assert!(written > 0 && removed == 0);
    std::fs::rename(
        site.root().join("content/practices/epsilon.bg.md"),
        site.root().join("content/practices/epsilon-2.bg.md"),
    )
    .unwrap();
    let (_, _, removed) = rebuild(&site, "after-rename");
    assert!(removed > 0, "the old slug's page");
    std::fs::remove_file(site.root().join("content/practices/epsilon-2.bg.md")).unwrap();
    let (_, _, removed) = rebuild(&site, "after-delete");
    assert!(removed > 0);
    let base = include_str!("../../themes/default/templates/base.html");
    site.write(
        "templates/base.html",
        format!("{base}\n<!-- local -->").as_bytes(),
    );
    let (written, _, _) = rebuild(&site, "after-template");
    assert!(written > total / 2, "every page uses base.html");
    site.edit("site.yaml", "Test site", "Test website");
    rebuild(&site, "after-site-yaml");
}

#[test]
fn a_build_that_fails_after_an_edit_leaves_the_output_as_it_was() {
    let site = SiteTest::fixture("full");
    site.built_with_warnings();
    let before = files(&site.out());
    let stamped = stamps(&site.out());
    site.write(
        "content/practices/late.bg.md",
        "---\ntitle: Късна\nsummary: С.\ndate: 10.05.2021\nthemes: [digital]\n---\n".as_bytes(),
    );
    site.edit("site.yaml", "Test site", "Test website");
    assert!(site.build().0.is_none(), "the date is not ISO");
    assert!(files(&site.out()) == before);
    assert_eq!(stamps(&site.out()), stamped);
}
