//! `site.yaml` as written: read, checked, every problem reported without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), bytes).unwrap();
    let mut diagnostics = Default::default();
    let config = spodeli::config::Config::load(dir.path(), &mut diagnostics);
    if let Some(config) = config {
        assert!(!config.languages.is_empty());
        assert!(config.base_url.ends_with('/'));
    }
});
