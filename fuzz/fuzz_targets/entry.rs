//! A whole entry file through discovery, reading, merging, validation and rendering, in a site
//! made once by `spodeli new site`: the build either succeeds or reports located problems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::messages::Lang;

#[path = "shared/site.rs"]
mod shared;

fuzz_target!(|bytes: &[u8]| {
    let root = shared::site(|_| {});
    std::fs::write(root.join("content/practices/fuzz.bg.md"), bytes).unwrap();
    let (report, problems) = spodeli::build::check(root, &Default::default());
    if report.is_none() {
        assert!(problems.iter().any(|d| d.is_error()));
    }
    for problem in problems.iter().filter(|d| d.is_error()) {
        // Every error names a file, and the words are there in both languages.
        assert!(problem.path().is_some(), "{problem:?}");
        for lang in Lang::ALL {
            assert!(
                !problem.problem.text().render(lang).is_empty(),
                "{problem:?}"
            );
        }
    }
});
