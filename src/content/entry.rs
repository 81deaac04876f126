//! One entry: its files merged into a version per language, typed, with its handbook.

use crate::content::discover::{Asset, Found};
use crate::content::handbook::{self, Handbook};
use crate::content::merge::{self, Merged};
use crate::content::model::{Common, Fields};
use crate::content::part::{self, Origins, Part, locate_in};
use crate::diagnostics::{Diagnostic, Location, Pos};
use crate::sections::Section;
use crate::yaml::{self, Read};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What entries of each section hold: read here, where entries are read.
impl Section {
    /// The fields an entry of this section may have (others draw a warning).
    pub(super) fn known_fields(self) -> Vec<&'static str> {
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
    pub(super) fn neutral_fields(self) -> Vec<&'static str> {
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
    pub(super) unreadable: BTreeSet<String>,
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
    /// Files beside the entry (folder form).
    pub assets: Vec<Asset>,
    /// The files it was read from.
    pub parts: Vec<Part>,
    /// Its versions by language.
    pub variants: BTreeMap<String, Variant>,
    /// A project's handbook.
    pub handbook: Option<Handbook>,
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

/// Reads the files of `found` and builds its language versions. `None` when a file cannot be read
/// or parsed, or a field has the wrong shape (the problems are pushed).
pub(super) fn read(
    found: Found,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let section = found.section;
    let mut parts = Vec::with_capacity(found.files.len());
    let known = section.known_fields();
    for file in &found.files {
        match part::read(file, &known, problems) {
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
        handbook: None,
    };
    let mut ok = true;
    let title_key = match section {
        Section::Organisations => "name",
        _ => "title",
    };
    for lang in merge::languages_of(&entry.parts, title_key, languages) {
        match build_variant(&entry, &lang, languages, problems) {
            Some(v) => {
                entry.variants.insert(lang, v);
            }
            None => ok = false,
        }
    }
    // A handbook with errors is reported and left out; the entry is still checked.
    if let Some(found) = found.handbook {
        entry.handbook = handbook::read(found, languages, problems);
    }
    // Every entry has a version in some language: the rest of the build relies on it.
    (ok && !entry.variants.is_empty()).then_some(entry)
}

fn build_variant(
    entry: &Entry,
    lang: &str,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Variant> {
    let neutral = entry.section.neutral_fields();
    let Merged {
        mut value,
        origins,
        body,
        body_at,
    } = merge::merge(&entry.parts, lang, languages, &neutral, problems);
    let locate = |field: &str| locate_in(&entry.parts, Some(&origins), 0, field);
    let common = match entry.section {
        Section::Organisations => Read {
            value: Common::default(),
            left_out: BTreeSet::new(),
        },
        _ => yaml::deserialize(value.clone(), locate, problems)?,
    };
    // Fields already reported are not read (and reported) twice.
    if let Some(map) = value.as_object_mut() {
        map.retain(|key, _| !common.left_out.contains(key));
    }
    let fields = match entry.section {
        Section::Practices => yaml::deserialize(value, locate, problems)?.map(Fields::Practice),
        Section::Projects => yaml::deserialize(value, locate, problems)?.map(Fields::Project),
        Section::Organisations => {
            yaml::deserialize(value, locate, problems)?.map(Fields::Organisation)
        }
        Section::Pages => yaml::deserialize(value, locate, problems)?.map(Fields::Page),
    };
    let mut unreadable = common.left_out;
    unreadable.extend(fields.left_out);
    Some(Variant {
        lang: lang.to_string(),
        common: common.value,
        fields: fields.value,
        body,
        body_at,
        origins,
        unreadable,
    })
}
