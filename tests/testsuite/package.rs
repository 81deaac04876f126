//! `package` after a small edit renders and compresses only what changed: the site is built
//! into the site's cache folder and kept, and the files that did not change are copied,
//! compressed as they are, from the earlier package; the result is always what a package made
//! from nothing holds.

use crate::harness::SiteTest;
use spodeli::package::package;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Every file of a package with its bytes and how it is compressed.
fn entries(zip: &Path) -> BTreeMap<String, (Vec<u8>, zip::CompressionMethod)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), (bytes, file.compression()))
        })
        .collect()
}

fn packaged(site: &SiteTest, zip: &Path) {
    let (report, problems) = package(&site.root(), Some(zip), &Default::default());
    let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
    assert!(report.is_some(), "{errors:#?}");
}

/// Rewrites the package at `zip` with `name` stored instead of compressed: the same files, so
/// that a package copying it from there shows it by its compression. `comment` changes the
/// zip's comment (which names the build the package was made from).
fn store(zip: &Path, name: &str, comment: impl Fn(String) -> String) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let comment = comment(String::from_utf8(archive.comment().to_vec()).unwrap());
    let copy = zip.with_extension("copy");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&copy).unwrap());
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).unwrap();
        if file.name() != name {
            writer.raw_copy_file(file).unwrap();
            continue;
        }
        drop(file);
        let mut bytes = Vec::new();
        archive
            .by_index(i)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        writer.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut writer, &bytes).unwrap();
    }
    writer.set_comment(comment);
    writer.finish().unwrap();
    std::fs::rename(&copy, zip).unwrap();
}

#[test]
fn a_second_package_takes_the_unchanged_files_from_the_first() {
    let site = SiteTest::fixture("full");
    let zip = site.scratch("site.zip");
    packaged(&site, &zip);
    let first = entries(&zip);
    let unchanged = "site/en/about/index.html";
    assert!(first.contains_key(unchanged), "{:?}", first.keys());
    store(&zip, unchanged, |comment| comment);
    site.edit(
        "content/practices/alpha/index.en.md",
        "summary:",
        "summary: Changed.",
    );
    packaged(&site, &zip);
    let second = entries(&zip);
    assert_eq!(
        second[unchanged].1,
        zip::CompressionMethod::Stored,
        "copied from the first package"
    );
    let changed = "site/en/practices/alpha/index.html";
    assert_eq!(second[changed].1, zip::CompressionMethod::Deflated);
    assert!(String::from_utf8_lossy(&second[changed].0).contains("Changed."));
    // The same files as a package made from nothing.
    let fresh_site = SiteTest::fixture("full");
    fresh_site.edit(
        "content/practices/alpha/index.en.md",
        "summary:",
        "summary: Changed.",
    );
    let fresh = fresh_site.scratch("site.zip");
    packaged(&fresh_site, &fresh);
    let bytes = |m: &BTreeMap<String, (Vec<u8>, _)>| -> BTreeMap<String, Vec<u8>> {
        m.iter().map(|(k, (b, _))| (k.clone(), b.clone())).collect()
    };
    assert!(
        bytes(&second) == bytes(&entries(&fresh)),
        "not a fresh package's files"
    );
}

#[test]
fn a_package_made_from_another_build_lends_nothing() {
    let site = SiteTest::fixture("full");
    let zip = site.scratch("site.zip");
    packaged(&site, &zip);
    let name = "site/en/about/index.html";
    // The kept build is there, but the package names another one.
    let other = |comment: String| {
        let mut lines: Vec<String> = comment.lines().map(str::to_string).collect();
        lines[1] = "0".repeat(lines[1].len());
        lines.join("\n")
    };
    store(&zip, name, other);
    packaged(&site, &zip);
    assert_eq!(entries(&zip)[name].1, zip::CompressionMethod::Deflated);
    // The kept build is gone: the earlier package cannot be trusted to match anything.
    store(&zip, name, |comment| comment);
    std::fs::remove_dir_all(site.root().join(".spodeli-cache")).unwrap();
    packaged(&site, &zip);
    assert_eq!(entries(&zip)[name].1, zip::CompressionMethod::Deflated);
}
