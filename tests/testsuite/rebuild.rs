//! `build` into a folder it built before: only the pages whose inputs changed are rendered
//! (the memory of the last build is kept in the site's cache folder), only the files whose bytes
//! changed are written, untouched files keep their inode and time, files no longer made are
//! removed, and the result is always the bytes of a fresh build into an empty folder.

use crate::harness::{SiteTest, files};
use spodeli::build;
use spodeli::build::saved::Kind;
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

/// What a rebuild did: pages rendered, files written, unchanged, removed.
struct Rebuilt {
    rendered: usize,
    written: usize,
    unchanged: usize,
    removed: usize,
}

/// Builds the site again into its output and checks it against a fresh build into an empty
/// folder.
fn rebuild(site: &SiteTest, fresh: &str) -> Rebuilt {
    let report = site.built_with_warnings().report;
    let written = report.written.unwrap();
    let empty = site.scratch(fresh);
    let (fresh_report, problems) = build::build(&site.root(), Some(&empty), &Default::default());
    assert!(fresh_report.is_some(), "{problems:?}");
    let (now, expected) = (files(&site.out()), files(&empty));
    let differing: Vec<&PathBuf> = now
        .keys()
        .chain(expected.keys())
        .filter(|p| now.get(*p) != expected.get(*p))
        .collect();
    assert!(
        differing.is_empty(),
        "{fresh}: not the fresh build's bytes: {differing:#?}"
    );
    Rebuilt {
        rendered: report.rendered,
        written: written.written,
        unchanged: written.unchanged,
        removed: written.removed,
    }
}

/// The file in which the last build into the site's output remembers `kind`.
fn memory_file(site: &SiteTest, kind: Kind) -> PathBuf {
    build::saved::file(&site.root(), &site.out().canonicalize().unwrap(), kind)
}

#[test]
fn a_second_build_with_no_change_writes_no_file() {
    let site = SiteTest::fixture("full");
    let first = site.built_with_warnings().report.written.unwrap();
    assert_eq!(first.unchanged, 0);
    let before = stamps(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = rebuild(&site, "fresh");
    assert_eq!((again.rendered, again.written, again.removed), (0, 0, 0));
    assert_eq!(again.unchanged, first.written);
    assert_eq!(stamps(&site.out()), before, "same inodes, same times");
}

#[test]
fn after_each_kind_of_edit_the_output_is_a_fresh_builds() {
    let site = SiteTest::fixture("full");
    let pages = site.built_with_warnings().report.rendered;
    let total = files(&site.out()).len();
    // A summary: the entry's pages, the listings and terms that show its card, the feeds,
    // the search index; not the rest.
    site.edit(
        "content/practices/alpha/index.en.md",
        "summary:",
        "summary: Changed.",
    );
    let after = rebuild(&site, "after-summary");
    assert!(
        after.written > 0 && after.written < total / 3,
        "{} of {total}",
        after.written
    );
    assert!(
        after.rendered * 2 < pages,
        "{} of {pages} pages",
        after.rendered
    );
    assert_eq!(after.removed, 0);
    // An entry added, renamed (a new slug: the old pages go), deleted.
    let practice =
        "---\ntitle: Епсилон\nsummary: Нова.\ndate: 2022-01-01\nthemes: [digital]\n---\n";
    site.write("content/practices/epsilon.bg.md", practice.as_bytes());
    let after = rebuild(&site, "after-add");
    assert!(after.written > 0 && after.removed == 0);
    std::fs::rename(
        site.root().join("content/practices/epsilon.bg.md"),
        site.root().join("content/practices/epsilon-2.bg.md"),
    )
    .unwrap();
    assert!(
        rebuild(&site, "after-rename").removed > 0,
        "the old slug's page"
    );
    std::fs::remove_file(site.root().join("content/practices/epsilon-2.bg.md")).unwrap();
    assert!(rebuild(&site, "after-delete").removed > 0);
    let base = include_str!("../../themes/default/templates/base.html");
    site.write(
        "templates/base.html",
        format!("{base}\n<!-- local -->").as_bytes(),
    );
    let after = rebuild(&site, "after-template");
    assert!(after.written > total / 2, "every page uses base.html");
    // And every kind of edit `serve` is tested with (a changed site.yaml among them).
    for (name, change, _) in crate::incremental::every_edit() {
        change(&site.root());
        rebuild(&site, name);
    }
}

#[test]
fn a_memory_saved_with_another_output_is_not_trusted() {
    let site = SiteTest::fixture("full");
    let pages = site.built_with_warnings().report.rendered;
    let memory = memory_file(&site, Kind::Pages);
    let before = std::fs::read(&memory).expect("the build saved its memory");
    // A build of an edit that was cut off after moving its files in, before saving its memory:
    // the memory describes the output before the edit.
    site.edit(
        "content/practices/alpha/index.en.md",
        "summary:",
        "summary: Changed.",
    );
    site.built_with_warnings();
    std::fs::write(&memory, &before).unwrap();
    // The edit undone: the memory's fingerprints match the sources again, the output does not.
    site.edit(
        "content/practices/alpha/index.en.md",
        "summary: Changed.",
        "summary:",
    );
    assert_eq!(
        rebuild(&site, "fresh").rendered,
        pages,
        "every page rendered"
    );
}

#[test]
fn a_damaged_or_missing_memory_means_every_page_is_rendered() {
    let site = SiteTest::fixture("full");
    let pages = site.built_with_warnings().report.rendered;
    let memory = memory_file(&site, Kind::Pages);
    let bytes = std::fs::read(&memory).unwrap();
    std::fs::write(&memory, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(rebuild(&site, "after-cut").rendered, pages);
    let mut flipped = std::fs::read(&memory).unwrap();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    std::fs::write(&memory, &flipped).unwrap();
    assert_eq!(rebuild(&site, "after-flip").rendered, pages);
    std::fs::remove_dir_all(site.root().join(build::saved::CACHE)).unwrap();
    assert_eq!(rebuild(&site, "after-delete").rendered, pages);
    assert_eq!(rebuild(&site, "again").rendered, 0);
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

/// The files in which the builds into the site's output keep the pages' search descriptions.
fn description_files(site: &SiteTest) -> Vec<PathBuf> {
    build::saved::description_files(&site.root(), &site.out().canonicalize().unwrap())
}

#[test]
fn pages_whose_saved_search_descriptions_are_damaged_are_rendered_again() {
    let site = SiteTest::fixture("full");
    site.built_with_warnings();
    let saved = description_files(&site);
    assert!(saved.len() > 1, "saved in groups: {saved:?}");
    for file in &saved {
        let bytes = std::fs::read(file).unwrap();
        std::fs::write(file, &bytes[..bytes.len() - 1]).unwrap();
    }
    // The index must be made again, from every page's description.
    let alpha = "content/practices/alpha/index.en.md";
    site.edit(alpha, "summary:", "summary: Changed.");
    let damaged = rebuild(&site, "fresh").rendered;
    // Saved again; the next edit reads them and writes only the groups that changed (those
    // holding a page whose fingerprint changed).
    let before = description_files(&site);
    site.edit(alpha, "Changed.", "Changed again.");
    let again = rebuild(&site, "fresh-again").rendered;
    assert!(
        again < damaged,
        "{again} pages rendered, {damaged} without descriptions"
    );
    let now = description_files(&site);
    let new = now.iter().filter(|f| !before.contains(f)).count();
    assert!(
        new >= 1 && new < now.len(),
        "{new} groups written of {}",
        now.len()
    );
    for file in description_files(&site) {
        std::fs::remove_file(file).unwrap();
    }
    site.edit(alpha, "Changed again.", "Changed once more.");
    assert_eq!(rebuild(&site, "fresh-once-more").rendered, damaged);
}
