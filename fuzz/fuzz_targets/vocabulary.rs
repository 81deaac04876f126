//! A site's `vocabulary.yaml`: merged with the built-in vocabularies without a panic, every code
//! of the result fit for a URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vocabulary.yaml"), bytes).unwrap();
    let mut diagnostics = Default::default();
    let languages = ["bg".to_string(), "en".to_string()];
    let vocabulary =
        spodeli::vocabulary::Vocabulary::load(dir.path(), &languages, &mut diagnostics);
    for name in vocabulary.names() {
        for term in vocabulary.terms(name) {
            assert!(
                term.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            );
        }
    }
});
