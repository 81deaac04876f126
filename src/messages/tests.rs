use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every message id of an .ftl file with the variables its text uses.
fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in source.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if line.starts_with(|c: char| c.is_ascii_lowercase()) {
            let id = line
                .split('=')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            out.entry(id.clone()).or_default();
            current = Some(id);
        }
        let vars = line.split('$').skip(1).map(|v| {
            v.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        });
        if let Some(id) = &current {
            out.entry(id.clone()).or_default().extend(vars);
        }
    }
    out
}

/// The message ids the code names: every `Text::new("…")` in src/.
fn ids_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (marker, end) in [("Text::new(\"", '"'), ("io_failed(\"", '"'), ("io(\"", '"')] {
            for part in text.split(marker).skip(1) {
                let id: String = part.chars().take_while(|c| *c != end).collect();
                if id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    ids.insert(id);
                }
            }
        }
    }
    ids
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let en = messages(SOURCES[0].1);
    let bg = messages(SOURCES[1].1);
    assert!(en.len() > 100, "{}", en.len());
    let en_ids: BTreeSet<&String> = en.keys().collect();
    let bg_ids: BTreeSet<&String> = bg.keys().collect();
    assert_eq!(
        en_ids.symmetric_difference(&bg_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "messages in one language only"
    );
    for (id, vars) in &en {
        assert_eq!(
            vars, &bg[id],
            "variables of `{id}` differ between en and bg"
        );
    }
}

#[test]
fn both_files_parse_without_errors() {
    for (lang, source) in SOURCES {
        if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
            panic!("{lang:?}: {errors:?}");
        }
    }
}

#[test]
fn every_message_the_code_names_exists_and_every_message_is_used() {
    let used = ids_in_code();
    let defined: BTreeSet<String> = messages(SOURCES[0].1).into_keys().collect();
    let missing: Vec<&String> = used.difference(&defined).collect();
    assert!(
        missing.is_empty(),
        "named in the code but not in the .ftl files: {missing:?}"
    );
    let unused: Vec<&String> = defined.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "in the .ftl files but never used: {unused:?}"
    );
}

#[test]
fn messages_render_in_the_chosen_language_with_plurals() {
    let text = Text::new("summary-failed").arg("errors", 1usize);
    assert_eq!(text.render(Lang::En), "1 error found; nothing was written.");
    assert_eq!(
        text.render(Lang::Bg),
        "Намерена е 1 грешка; нищо не е записано."
    );
    let text = Text::new("summary-failed").arg("errors", 3usize);
    assert_eq!(
        text.render(Lang::Bg),
        "Намерени са 3 грешки; нищо не е записано."
    );
    // A nested message is rendered in the same language.
    let nested = Text::new("wrong-type")
        .arg("field", "themes")
        .arg("detail", Text::new("expected-list"));
    assert_eq!(nested.render(Lang::En), "`themes`: a list");
    assert_eq!(nested.render(Lang::Bg), "`themes`: списък");
}

#[test]
fn the_locale_picks_the_language() {
    for (value, lang) in [
        ("bg_BG.UTF-8", Some(Lang::Bg)),
        ("bg", Some(Lang::Bg)),
        ("en_GB.UTF-8", Some(Lang::En)),
        ("C.UTF-8", Some(Lang::En)),
        ("POSIX", Some(Lang::En)),
        ("de_DE.UTF-8", None),
    ] {
        assert_eq!(Lang::parse(value), lang, "{value}");
    }
}
