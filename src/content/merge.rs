//! From the files of one entry to its language versions.
//!
//! For each language, the fields are gathered from: that language's Markdown file (all fields),
//! the YAML form or `meta.yaml` (all fields, language maps resolved), and the other languages'
//! files (language-neutral fields only). Two parts giving one field different values is a
//! conflict reported with both places.

use super::discover::{Found, Role};
use super::model::{Common, Fields};
use super::source::{read_text, split_front_matter};
use super::{Entry, Part, Section, Variant};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::langmap;
use crate::yaml::{self, Source};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// Reads the files of `found` and builds its language versions. `None` when a file cannot be read
/// or parsed, or a field has the wrong shape (the problems are pushed).
pub(super) fn read_entry(
    found: Found,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let section = found.section;
    let mut parts = Vec::with_capacity(found.files.len());
    for file in &found.files {
        match read_part(file, section, problems) {
            Ok(part) => parts.push(part),
            Err(d) => problems.push(d),
        }
    }
    if parts.len() != found.files.len() {
        return None;
    }
    let mut entry = Entry {
        section,
        slug: found.slug,
        folder: found.folder,
        assets: found.assets,
        parts,
        variants: BTreeMap::new(),
    };
    let mut ok = true;
    for lang in entry_languages(&entry, languages) {
        match build_variant(&entry, &lang, languages, problems) {
            Some(v) => {
                entry.variants.insert(lang, v);
            }
            None => ok = false,
        }
    }
    ok.then_some(entry)
}

fn read_part(
    file: &super::discover::FoundFile,
    section: Section,
    problems: &mut Vec<Diagnostic>,
) -> Result<Part, Diagnostic> {
    let text = read_text(&file.path, &file.shown)?;
    let (yaml, yaml_line, body, lang) = match &file.role {
        Role::Markdown(lang) => {
            let split = split_front_matter(&text, &file.shown)?;
            (
                split.front_matter.to_string(),
                split.front_matter_line,
                Some((split.body.to_string(), split.body_line)),
                Some(lang.clone()),
            )
        }
        Role::Yaml | Role::Meta => (text, 1, None, None),
    };
    let source = Source {
        text: &yaml,
        first_line: yaml_line,
    };
    let fields = yaml::parse_mapping(source, &file.shown)?;
    let known = section.known_fields();
    for key in fields.keys() {
        let allowed = known.contains(&key.as_str()) || (file.role == Role::Yaml && key == "body");
        if !allowed {
            let mut known: Vec<String> = known.iter().map(|s| s.to_string()).collect();
            if file.role == Role::Yaml {
                known.push("body".into());
            }
            problems.push(Diagnostic::warning(
                Location::at(&file.shown, yaml::locate_key(source, key)),
                Problem::UnknownField {
                    field: key.clone(),
                    known,
                },
            ));
        }
    }
    Ok(Part {
        shown: file.shown.clone(),
        lang,
        yaml,
        yaml_line,
        fields,
        body,
    })
}

/// The languages an entry exists in: those of its Markdown files, and for the YAML form those
/// its title (or name) is given in; all site languages if neither says.
fn entry_languages(entry: &Entry, languages: &[String]) -> Vec<String> {
    let title_key = if entry.section == Section::Organisations {
        "name"
    } else {
        "title"
    };
    languages
        .iter()
        .filter(|lang| {
            entry.parts.iter().any(|p| match &p.lang {
                Some(l) => l == *lang,
                None => match p.fields.get(title_key) {
                    None => entry.parts.iter().all(|p| p.lang.is_none()),
                    Some(title) => !langmap::resolve(title, lang, languages).is_null(),
                },
            })
        })
        .cloned()
        .collect()
}

fn build_variant(
    entry: &Entry,
    lang: &str,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Variant> {
    let neutral = entry.section.neutral_fields();
    let mut merged = Map::new();
    let mut origins: HashMap<String, usize> = HashMap::new();
    for (i, part) in entry.parts.iter().enumerate() {
        let own = part.lang.as_deref().is_none_or(|l| l == lang);
        for (key, value) in &part.fields {
            if key == "body" || !(own || neutral.contains(&key.as_str())) {
                continue;
            }
            let value = langmap::resolve(value, lang, languages);
            if value.is_null() {
                continue;
            }
            match origins.get(key) {
                Some(&j) if merged.get(key) != Some(&value) => {
                    let first = &entry.parts[j];
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
                    origins.insert(key.clone(), i);
                    merged.insert(key.clone(), value);
                }
            }
        }
    }
    let (body, body_at) = entry
        .parts
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
    let locate = |field: &str| super::locate_in(&entry.parts, Some(&origins), 0, field);
    let value = Value::Object(merged);
    let typed = (|| {
        let common: Common = match entry.section {
            Section::Organisations => Common::default(),
            _ => yaml::deserialize(value.clone(), locate)?,
        };
        let fields = match entry.section {
            Section::Practices => Fields::Practice(yaml::deserialize(value, locate)?),
            Section::Projects => Fields::Project(yaml::deserialize(value, locate)?),
            Section::Organisations => Fields::Organisation(yaml::deserialize(value, locate)?),
            Section::Pages => Fields::Page(yaml::deserialize(value, locate)?),
        };
        Ok::<_, Diagnostic>((common, fields))
    })();
    match typed {
        Ok((common, fields)) => Some(Variant {
            lang: lang.to_string(),
            common,
            fields,
            body,
            body_at,
            origins,
        }),
        Err(d) => {
            problems.push(d);
            None
        }
    }
}
