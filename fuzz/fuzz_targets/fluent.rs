//! A site's message file (`locales/bg/*.ftl`): read and checked against the built-in messages,
//! every message then formatted, without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("locales/bg")).unwrap();
    std::fs::write(dir.path().join("locales/bg/site.ftl"), bytes).unwrap();
    let mut diagnostics = Default::default();
    let languages = ["bg".to_string(), "en".to_string()];
    let i18n = spodeli::i18n::I18n::load(dir.path(), &languages, &mut diagnostics);
    for lang in &languages {
        let _ = i18n.constant_messages(lang);
    }
});
