//! Loading entries: discovering files, reading front matter, pairing translations, merging
//! language-neutral fields, typing and validating them. Everything here is per entry; checks
//! that need the whole site (references between entries, links) live in [`crate::site`].

pub mod cache;
mod codes;
pub mod discover;
pub mod handbook;
mod merge;
pub mod model;
pub mod source;
mod validate;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Pos};
use crate::i18n::I18n;
use crate::vocabulary::Vocabulary;
use crate::yaml::{self, Source};
use model::{Common, Fields};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::sections::Section;

/// What entries of each section hold: read here, where entries are read.
impl Section {
    /// The fields an entry of this section may have (others draw a warning).
    fn known_fields(self) -> Vec<&'static str> {
        let fields = match self {
            Section::Practices => {
                "title summary themes levels tags images files links license source draft \
                 date organisation authors dimensions steps results reach funding awards project"
            }
            Section::Projects => {
                "title summary themes levels tags images files links license source draft \
                 acronym programme action reference start end coordinator partners objectives \
                 activities results reach grant labels website"
            }
            Section::Organisations => {
                "name short_name kind school_type city country website labels"
            }
            Section::Pages => "title summary menu footer images files links license source draft",
        };
        fields.split_whitespace().collect()
    }

    /// Language-neutral fields: the same in every language, written once in any of the files.
    fn neutral_fields(self) -> Vec<&'static str> {
        let fields = match self {
            Section::Practices => {
                "date organisation levels themes dimensions reach project license draft"
            }
            Section::Projects => {
                "acronym programme action reference start end coordinator partners themes levels \
                 reach grant labels website license draft"
            }
            Section::Organisations => "kind school_type country website labels",
            Section::Pages => "menu footer draft",
        };
        fields.split_whitespace().collect()
    }
}

/// Which part each merged field came from, to locate its problems. An item of a list gathered
/// from several files (`downloads[2]`) knows its part and its index there.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    fields: HashMap<String, usize>,
    items: HashMap<String, (usize, String)>,
}

impl Origins {
    fn field(&self, key: &str) -> Option<usize> {
        self.fields.get(key).copied()
    }

    fn insert(&mut self, key: &str, part: usize) {
        self.fields.insert(key.to_string(), part);
    }

    /// Item `index` of the merged list `key` is item `index_there` of part `part`.
    fn insert_item(&mut self, key: &str, index: usize, part: usize, index_there: usize) {
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
fn locate_in(parts: &[Part], origins: Option<&Origins>, default: usize, field: &str) -> Location {
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
    fn source(&self) -> Source<'_> {
        Source {
            text: &self.yaml,
            first_line: self.yaml_line,
        }
    }
}

/// An entry in one language.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The language.
    pub lang: String,
    /// Fields most kinds share.
    pub common: Common,
    /// Fields of this kind.
    pub fields: Fields,
    /// The Markdown body.
    pub body: String,
    /// Where the body is: part index and first line.
    pub body_at: (usize, usize),
    /// Which part each top-level field came from (to locate problems).
    origins: Origins,
    /// Fields left out because their values had the wrong shape (already reported).
    unreadable: BTreeSet<String>,
}

/// An entry with all its language versions.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its section.
    pub section: Section,
    /// Its slug, shared by its translations.
    pub slug: String,
    /// The entry folder (folder form) on disk and as shown.
    pub folder: Option<(PathBuf, PathBuf)>,
    /// Files beside the entry (folder form), relative to the folder.
    pub assets: Vec<String>,
    /// The files it was read from.
    pub parts: Vec<Part>,
    /// Its versions by language.
    pub variants: BTreeMap<String, Variant>,
    /// A project's handbook.
    pub handbook: Option<handbook::Handbook>,
}

impl Entry {
    /// The title or name in `lang`.
    pub fn title(&self, lang: &str) -> Option<&str> {
        self.variants.get(lang).map(|v| match &v.fields {
            Fields::Organisation(o) => o.name.as_str(),
            _ => v.common.title.as_str(),
        })
    }

    /// The location of `field` (a path such as `authors[0].name`) in `lang`'s version.
    pub fn locate(&self, lang: &str, field: &str) -> Location {
        let origins = self.variants.get(lang).map(|v| &v.origins);
        locate_in(&self.parts, origins, self.part_of(lang), field)
    }

    /// The start of the file that holds `lang`'s version (for missing required fields).
    pub fn locate_file(&self, lang: &str) -> Location {
        let p = &self.parts[self.part_of(lang)];
        Location::at(&p.shown, Pos::new(1, 1))
    }

    fn part_of(&self, lang: &str) -> usize {
        self.parts
            .iter()
            .position(|p| p.lang.as_deref() == Some(lang))
            .unwrap_or(0)
    }

    /// Where files beside the entry are looked for (`content/practices/x/`), and whether that
    /// folder is only where they would be: a single-file entry has no folder of its own.
    pub fn files_folder(&self) -> (String, bool) {
        match &self.folder {
            Some((_, shown)) => (format!("{}/", shown.display()), false),
            None => (
                format!("content/{}/{}/", self.section.dir(), self.slug),
                true,
            ),
        }
    }

    /// Whether the entry is a draft.
    pub fn is_draft(&self) -> bool {
        self.variants.values().any(|v| v.common.draft)
    }
}

/// Every entry that loaded without errors, and the section and slug of those that did not (so
/// links to them are not reported a second time as broken).
pub struct Loaded {
    /// Valid entries (drafts left out unless asked for).
    pub entries: Vec<Arc<Entry>>,
    /// Entries left out because of errors.
    pub failed: Vec<(Section, String)>,
    /// Those of them that could be read: their references and bodies are still checked, so
    /// that their other problems show in the same run.
    pub left_out: Vec<Arc<Entry>>,
    /// The first file of every entry marked `draft: true`, built or not, so `check` can list
    /// what is not published yet.
    pub drafts: Vec<std::path::PathBuf>,
}

/// Loads, merges and validates every entry. Entries with errors are left out (and reported).
/// With a cache, entries whose files have not changed since the last run are taken from it.
pub fn load(
    config: &Config,
    vocabulary: &Vocabulary,
    i18n: &I18n,
    cache: Option<&mut cache::Cache>,
    diagnostics: &mut Diagnostics,
) -> Loaded {
    let found = discover::discover(&config.root, &config.languages, diagnostics);
    let read = |f: discover::Found| -> cache::Outcome {
        let mut problems = Vec::new();
        let mut entry = merge::read_entry(f, &config.languages, &mut problems);
        if let Some(e) = &mut entry {
            codes::resolve(e, vocabulary, &mut problems);
            validate::validate(e, &mut problems);
        }
        (entry.map(Arc::new), problems)
    };
    let results: Vec<((Section, String), cache::Outcome)> = match cache {
        None => found
            .into_par_iter()
            .map(|f| ((f.section, f.slug.clone()), read(f)))
            .collect(),
        Some(cache) => {
            cache.check_inputs(inputs_fingerprint(config, vocabulary, i18n));
            let fresh: Vec<_> = found
                .into_par_iter()
                .map(|f| {
                    let stamps = cache::Cache::stamps(&f);
                    let key = (f.section, f.slug.clone());
                    let outcome = cache.get(&f, &stamps).unwrap_or_else(|| read(f));
                    (key, (stamps, outcome))
                })
                .collect();
            let results = fresh
                .iter()
                .map(|(key, (_, outcome))| (key.clone(), outcome.clone()))
                .collect();
            cache.replace(fresh);
            results
        }
    };
    let mut loaded = Loaded {
        entries: Vec::with_capacity(results.len()),
        failed: Vec::new(),
        left_out: Vec::new(),
        drafts: Vec::new(),
    };
    for (key, (entry, problems)) in results {
        // An entry with any error (its handbook's included) is left out.
        let failed = problems.iter().any(Diagnostic::is_error);
        diagnostics.extend(problems);
        match entry {
            Some(e) if failed => {
                loaded.failed.push(key);
                loaded.left_out.push(e);
            }
            Some(e) => {
                if e.is_draft() {
                    loaded.drafts.push(e.parts[0].shown.clone());
                }
                if config.drafts || !e.is_draft() {
                    loaded.entries.push(e);
                }
            }
            None => loaded.failed.push(key),
        }
    }
    loaded
}

/// A hash of what entries are checked against (and every page shows): when it changes, no
/// cached entry or page holds.
pub(crate) fn inputs_fingerprint(config: &Config, vocabulary: &Vocabulary, i18n: &I18n) -> u64 {
    crate::fingerprint::of(&(
        format!("{config:?}"),
        vocabulary.fingerprint(),
        i18n.fingerprint(),
    ))
}
