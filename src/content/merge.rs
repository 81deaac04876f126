//! From the files of one entry to its language versions.
//!
//! For each language, the fields are gathered from: that language's Markdown file (all fields),
//! the YAML form or `meta.yaml` (all fields, language maps resolved), and the other languages'
//! files (language-neutral fields only). Two parts giving one field different values is a
//! conflict reported with both places.

use crate::content::part::{Origins, Part};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::langmap;
use crate::yaml;
use serde_json::{Map, Value};

/// The languages a set of parts exists in: those of its Markdown files, and for the YAML form
/// those any of its texts is given in (`title_key` or another field as `{en: …}`: an English
/// summary without an English title is a version whose title is missing, not no version); all
/// site languages if neither says (a title left empty included).
pub(super) fn languages_of(parts: &[Part], title_key: &str, languages: &[String]) -> Vec<String> {
    let written_in = |p: &Part, lang: &str| {
        p.fields.values().any(|v| {
            langmap::is_lang_map(v, languages) && v.get(lang).is_some_and(|t| !t.is_null())
        })
    };
    languages
        .iter()
        .filter(|lang| {
            parts.iter().any(|p| match &p.lang {
                Some(l) => l == *lang,
                None => match p.fields.get(title_key).filter(|t| !t.is_null()) {
                    None => parts.iter().all(|p| p.lang.is_none()),
                    Some(title) => {
                        !langmap::resolve(title, lang, languages).is_null() || written_in(p, lang)
                    }
                },
            })
        })
        .cloned()
        .collect()
}

/// The fields of one language gathered from the parts (see the module doc), with the part each
/// top-level field came from, and the body with where it is (part index and first line).
pub(super) struct Merged {
    pub(super) value: Value,
    pub(super) origins: Origins,
    pub(super) body: String,
    pub(super) body_at: (usize, usize),
}

/// Whether `value` is a list whose items each name their language (`downloads`, `files`): each
/// language's file may list its own, and the lists are gathered into one.
fn is_lang_list(value: &Value) -> bool {
    value.as_array().is_some_and(|items| {
        !items.is_empty()
            && items
                .iter()
                .all(|item| item.get("lang").is_some_and(Value::is_string))
    })
}

/// Adds the items of `list` (item `k` of part `part`) that `merged[key]` does not hold yet.
fn gather(
    merged: &mut Map<String, Value>,
    origins: &mut Origins,
    key: &str,
    part: usize,
    list: &Value,
) {
    let Some(Value::Array(items)) = merged.get_mut(key) else {
        return;
    };
    for (k, item) in list.as_array().into_iter().flatten().enumerate() {
        if !items.contains(item) {
            origins.insert_item(key, items.len(), part, k);
            items.push(item.clone());
        }
    }
}

/// Gathers the fields of `lang` from `parts`; `neutral` fields come from any language's part.
/// Two parts giving one field different values is a conflict, except lists whose items name
/// their language, which are gathered from every part.
pub(super) fn merge(
    parts: &[Part],
    lang: &str,
    languages: &[String],
    neutral: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Merged {
    let mut merged = Map::new();
    let mut origins = Origins::default();
    for (i, part) in parts.iter().enumerate() {
        let own = part.lang.as_deref().is_none_or(|l| l == lang);
        for (key, value) in &part.fields {
            let lang_list = is_lang_list(value);
            if key == "body" || !(own || lang_list || neutral.contains(&key.as_str())) {
                continue;
            }
            let value = langmap::resolve(value, lang, languages);
            if value.is_null() {
                continue;
            }
            let first = origins.field(key);
            if lang_list && first.is_some_and(|_| merged.get(key).is_some_and(is_lang_list)) {
                gather(&mut merged, &mut origins, key, i, &value);
                continue;
            }
            match first {
                Some(j) if merged.get(key) != Some(&value) => {
                    let first = &parts[j];
                    let other = Location::at(&first.shown, yaml::locate(first.source(), key));
                    let here = Location::at(&part.shown, yaml::locate(part.source(), key));
                    problems.push(Diagnostic::error(
                        here,
                        Problem::Conflict {
                            field: key.clone(),
                            other,
                        },
                    ));
                }
                Some(_) => {}
                None => {
                    origins.insert(key, i);
                    merged.insert(key.clone(), value);
                }
            }
        }
    }
    let (body, body_at) = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            if p.lang.as_deref() == Some(lang) {
                p.body.as_ref().map(|(b, line)| (b.clone(), (i, *line)))
            } else {
                let body = langmap::resolve(p.fields.get("body")?, lang, languages);
                let line = yaml::locate(p.source(), "body").line;
                body.as_str().map(|b| (b.to_string(), (i, line + 1)))
            }
        })
        .unwrap_or_default();
    Merged {
        value: Value::Object(merged),
        origins,
        body,
        body_at,
    }
}

#[cfg(test)]
mod tests {
    use crate::content::tests::checked;
    use crate::diagnostics::Pos;
    use crate::sections::Section;

    const BG: &str = "---\ntitle: Т\nsummary: С.\ndate: 2021-05-10\nthemes: [digital]\n";

    #[test]
    fn two_files_giving_a_neutral_field_two_values_conflict_at_the_second() {
        let en = "---\ntitle: T\nsummary: S.\ndate: 2021-06-01\n---\n";
        let (_, problems) = checked(
            Section::Practices,
            &[("x.bg.md", &format!("{BG}---\n")), ("x.en.md", en)],
        );
        assert_eq!(problems, [("Conflict", Some(Pos::new(4, 7)))]);
    }

    #[test]
    fn lists_whose_items_name_their_language_are_gathered_from_every_file() {
        let bg = format!("{BG}files: [{{file: a.pdf, lang: bg}}]\n---\n");
        let en = "---\ntitle: T\nsummary: S.\nfiles: [{file: b.pdf, lang: en}]\n---\n";
        let (entry, problems) = checked(Section::Practices, &[("x.bg.md", &bg), ("x.en.md", en)]);
        // Neither file is beside the entry: both are reported, each in its own file.
        let missing: Vec<_> = problems.iter().filter(|p| p.0 == "MissingAsset").collect();
        assert_eq!(missing.len(), 2, "each file once: {problems:?}");
        let entry = entry.unwrap();
        for lang in ["bg", "en"] {
            let files: Vec<&str> = entry.variants[lang]
                .common
                .files
                .iter()
                .map(|f| f.file.as_str())
                .collect();
            assert_eq!(files, ["a.pdf", "b.pdf"], "{lang}");
        }
        let at = |lang: &str, field: &str| entry.locate(lang, field);
        assert_eq!(
            at("bg", "files[1].file").path,
            std::path::Path::new("content/practices/x.en.md")
        );
        assert_eq!(
            at("bg", "files[0].file").path,
            std::path::Path::new("content/practices/x.bg.md")
        );
    }

    #[test]
    fn the_yaml_form_has_the_languages_its_texts_are_written_in() {
        let yaml = "title: {bg: Т, en: T}\nsummary: {bg: С., en: S.}\ndate: 2021-05-10\nthemes: [digital]\n";
        let (entry, problems) = checked(Section::Practices, &[("x.yaml", yaml)]);
        assert!(problems.is_empty(), "{problems:?}");
        let entry = entry.unwrap();
        let langs: Vec<&String> = entry.variants.keys().collect();
        assert_eq!(langs, ["bg", "en"]);
        // Only English given for every text: one version.
        let yaml = "title: {en: T}\nsummary: {en: S.}\ndate: 2021-05-10\nthemes: [digital]\n";
        let (entry, _) = checked(Section::Practices, &[("x.yaml", yaml)]);
        let entry = entry.unwrap();
        let langs: Vec<&String> = entry.variants.keys().collect();
        assert_eq!(langs, ["en"]);
    }
}
