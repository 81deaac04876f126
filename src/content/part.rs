//! One file of an entry or a handbook, read and parsed, and where each merged field came from:
//! the layer under merging, so that problems found later point into the right file.

use crate::content::discover::{FoundFile, Role};
use crate::content::source::{read_text, split_front_matter};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::yaml::{self, Source};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::PathBuf;

/// Which part each merged field came from, to locate its problems. An item of a list gathered
/// from several files (`downloads[2]`) knows its part and its index there.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    fields: HashMap<String, usize>,
    items: HashMap<String, (usize, String)>,
}

impl Origins {
    pub(super) fn field(&self, key: &str) -> Option<usize> {
        self.fields.get(key).copied()
    }

    pub(super) fn insert(&mut self, key: &str, part: usize) {
        self.fields.insert(key.to_string(), part);
    }

    /// Item `index` of the merged list `key` is item `index_there` of part `part`.
    pub(super) fn insert_item(&mut self, key: &str, index: usize, part: usize, index_there: usize) {
        let there = format!("{key}[{index_there}]");
        self.items.insert(format!("{key}[{index}]"), (part, there));
    }

    /// The part `field` is in, and its path there.
    fn place(&self, field: &str) -> Option<(usize, String)> {
        let item_end = field.find(']').map_or(field.len(), |i| i + 1);
        if let Some((part, there)) = self.items.get(&field[..item_end]) {
            return Some((*part, format!("{there}{}", &field[item_end..])));
        }
        let top = field.split(['.', '[']).next().unwrap_or(field);
        self.field(top).map(|part| (part, field.to_string()))
    }
}

/// The location of `field` in the part it came from (per `origins`), else in part `default`.
pub(super) fn locate_in(
    parts: &[Part],
    origins: Option<&Origins>,
    default: usize,
    field: &str,
) -> Location {
    let (part, path) = origins
        .and_then(|o| o.place(field))
        .unwrap_or_else(|| (default, field.to_string()));
    let part = &parts[part];
    Location::at(&part.shown, yaml::locate(part.source(), &path))
}

/// One file of an entry, read and parsed.
#[derive(Debug, Clone)]
pub struct Part {
    /// The path shown in messages.
    pub shown: PathBuf,
    /// The language of a Markdown file; `None` for the YAML form and `meta.yaml`.
    pub lang: Option<String>,
    /// The YAML text (front matter or whole file), kept to locate problems.
    pub yaml: String,
    /// The file line the YAML starts on.
    pub yaml_line: usize,
    /// The parsed fields.
    pub fields: Map<String, Value>,
    /// The Markdown body and the file line it starts on.
    pub body: Option<(String, usize)>,
}

impl Part {
    pub(super) fn source(&self) -> Source<'_> {
        Source {
            text: &self.yaml,
            first_line: self.yaml_line,
        }
    }
}

/// Reads one file into a part, warning about fields not in `known`.
pub(super) fn read(
    file: &FoundFile,
    known: &[&str],
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
    let mut fields = yaml::parse_mapping(source, &file.shown)?;
    problems.extend(yaml::check_parsed(source, &file.shown, &mut fields));
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
