//! A whole entry file through discovery, reading, merging, validation and rendering, in a site
//! made once by `spodeli new site`: the build either succeeds or reports located problems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::messages::Lang;
use std::path::PathBuf;
use std::sync::OnceLock;

fn site() -> &'static PathBuf {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("site");
            spodeli::scaffold::new_site(&root, &[Lang::Bg, Lang::En], "2026-12-02").unwrap();
            (dir, root)
        })
        .1
}

fuzz_target!(|bytes: &[u8]| {
    let root = site();
    std::fs::write(root.join("content/practices/fuzz.bg.md"), bytes).unwrap();
    let (report, problems) = spodeli::build::check(root, &Default::default());
    if report.is_none() {
        assert!(problems.iter().any(|d| d.is_error()));
    }
    for problem in problems.iter().filter(|d| d.is_error()) {
        // Every error names a file, and the words are there in both languages.
        assert!(problem.path().is_some(), "{problem:?}");
        for lang in Lang::ALL {
            assert!(!problem.problem.text().render(lang).is_empty(), "{problem:?}");
        }
    }
});
