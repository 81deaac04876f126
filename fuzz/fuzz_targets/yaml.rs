//! Front matter and YAML as a user writes them: split, parsed, checked after parsing, and every
//! key located. Nothing may panic, and every position must lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::content::source::split_front_matter;
use spodeli::yaml::{self, Source};
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // As files are read: line breaks made one kind.
    let text = &*spodeli::reader::line_breaks(text);
    let file = Path::new("content/practices/fuzz.bg.md");
    let lines = text.lines().count().max(1) + 1;
    let Ok(split) = split_front_matter(text, file) else {
        return;
    };
    let source = Source {
        text: split.front_matter,
        first_line: split.front_matter_line,
    };
    match yaml::parse_mapping(source, file) {
        Ok(mut map) => {
            for problem in yaml::check_parsed(source, file, &mut map) {
                assert!(
                    problem.pos().is_some_and(|p| p.line <= lines),
                    "{problem:?}"
                );
            }
            for key in map.keys() {
                assert!(yaml::locate(source, key).line <= lines);
                assert!(yaml::locate_key(source, &format!("{key}[0].x")).line <= lines);
            }
        }
        Err(problem) => assert!(
            problem.pos().is_some_and(|p| p.line <= lines),
            "{problem:?}"
        ),
    }
});
