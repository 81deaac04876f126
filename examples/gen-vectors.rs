//! Writes the shared test vectors of the search analyzer: inputs taken from real content (the
//! sample site and a generated corpus) with the terms and Latin keys the Rust analyzer gives
//! them. A Rust test and a node test then hold both analyzers to these outputs.
//!
//! `cargo run --release --example gen-vectors -- --out tests/search/vectors.json . /tmp/corpus-10k`

use spodeli::search::analyze::{fold_latin, is_cyrillic, latin_key, normalize, terms, words};
use spodeli::search::index::analyzer_data;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Inputs no corpus is sure to hold: the edge cases of normalization and typing.
const CASES: [&str; 20] = [
    "generously organisational relational hopefully happiness cries ties gas kiwis gaps",
    "dying lying skies news proceeding exceeded innings agreed feed bleed hoping hopping",
    "communication generalization arsenal universities formalize sensitivity electrical",
    "skating tanned fizzed conflated troubled sized falling hissing fitting",
    "ѝ Ѝ и\u{300} ѐ Ё",
    "учи\u{301}телите",
    "yчитeл",
    "МОЙ мои",
    "eTwinning eTwining",
    "Erasmus+ KA201",
    "2016/2017 51-во СУ",
    "„Училище“ — училища!",
    "ПЪТИЩАТА пътища",
    "собствениците",
    "Σ ΣΑΣ İ",
    "образованието, образования",
    "квалификацията квалификации",
    "проекта проектът проекти",
    "teachers teaching taught",
    "généralement naïve",
];

/// How many files of each folder give whole lines (the rest give words).
const LINES_FROM: usize = 150;

/// Latin-typed words and what they fold to.
const TYPED: [&str; 10] = [
    "uchilishte",
    "u4ili6te",
    "u4ilishte",
    "uchitel",
    "qbalka",
    "jena",
    "istoriya",
    "cvetq",
    "proekt",
    "obrazovanie",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("tests/search/vectors.json");
    let mut roots = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from).expect("--out FILE"),
            root => roots.push(PathBuf::from(root)),
        }
    }
    let mut texts: BTreeSet<String> = CASES.iter().map(|s| s.to_string()).collect();
    let mut cyrillic = BTreeSet::new();
    for root in &roots {
        let files = walkdir::WalkDir::new(root.join("content"))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok);
        for (n, entry) in files.enumerate() {
            let ok = entry
                .path()
                .extension()
                .is_some_and(|e| e == "md" || e == "yaml");
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if !ok {
                continue;
            }
            // Whole lines (titles, summaries) from the first files; every distinct word from all.
            if n < LINES_FROM {
                texts.extend(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .take(6)
                        .map(str::to_string),
                );
            }
            for raw in text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
            {
                texts.insert(raw.to_string());
                for word in words(&normalize(raw)) {
                    if word.chars().any(is_cyrillic) {
                        cyrillic.insert(word.into_owned());
                    }
                }
            }
        }
    }
    let texts: Vec<_> = texts
        .iter()
        .map(|t| serde_json::json!({"text": t, "terms": terms(t)}))
        .collect();
    let latin: Vec<_> = cyrillic
        .iter()
        .map(|w| serde_json::json!({"word": w, "key": latin_key(w)}))
        .collect();
    let typed: Vec<_> = TYPED
        .iter()
        .map(|t| serde_json::json!({"typed": t, "fold": fold_latin(t)}))
        .collect();
    let vectors = serde_json::json!({"analyzer": analyzer_data(), "texts": texts, "latin": latin, "typed": typed});
    std::fs::create_dir_all(out.parent().expect("a folder")).unwrap();
    std::fs::write(&out, serde_json::to_string_pretty(&vectors).unwrap() + "\n").unwrap();
    eprintln!(
        "wrote {} texts, {} Latin keys to {}",
        texts.len(),
        latin.len(),
        out.display()
    );
}
