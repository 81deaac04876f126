//! A project's handbook (`content/projects/<slug>/handbook/`, docs/content.md): a publication of
//! several chapters that belongs to the project whose folder holds it.
//!
//! Its index (`index.<lang>.md`, or `index.yaml` with `{bg: …, en: …}` maps) holds the title,
//! editors, licence and downloads, and the preface as its body; chapters are
//! `<NN>-<slug>.<lang>.md`, in the order of their numbers. Both are read like entries: a field
//! said once in any language's file (`published`, `license`, `downloads`; a chapter's `country`
//! and `practices`) holds for every language, and two files disagreeing is a conflict. A
//! chapter may lack a language; it is then shown in the language it has, with a note.

use crate::content::discover::{Asset, FoundFile, FoundHandbook};
use crate::content::merge::{self, Merged};
use crate::content::model::{Date, Person, country_problem};
use crate::content::part::{self, Origins, Part, locate_in};
use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use crate::yaml;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The fields of the handbook's index in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct Book {
    /// The title (required).
    #[serde(default)]
    pub title: String,
    /// A subtitle.
    pub subtitle: Option<String>,
    /// Editors' names.
    #[serde(default)]
    pub editors: Vec<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The ISBN, as printed.
    pub isbn: Option<String>,
    /// SPDX licence id (Erasmus+ results must carry an open licence).
    pub license: Option<String>,
    /// Files to download (PDFs of the whole handbook), kept in the handbook folder.
    #[serde(default)]
    pub downloads: Vec<Download>,
    /// The books spodeli makes of it (by default a PDF and an EPUB in each language).
    pub generate: Option<Generate>,
}

/// A format spodeli makes a handbook in (`generate` in its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A PDF for printing and for sending.
    Pdf,
    /// An EPUB 3 for e-readers.
    Epub,
}

impl Format {
    /// Both formats, in the order the contents page lists them.
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Epub];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Epub => "epub",
        }
    }

    /// The format's name as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Epub => "EPUB",
        }
    }
}

/// Which books are made of a handbook: `generate: false` for none, or a list of formats.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Generate {
    /// All formats (`true`) or none (`false`).
    Switch(bool),
    /// These formats.
    Formats(Vec<Format>),
}

/// A file of the whole handbook.
#[derive(Debug, Clone, Deserialize)]
pub struct Download {
    /// The file name in the handbook folder.
    pub file: String,
    /// The language of the file, if it has one.
    pub lang: Option<String>,
}

/// The fields of one chapter in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct ChapterFields {
    /// The title (required).
    #[serde(default)]
    pub title: String,
    /// One or two sentences for the contents page.
    #[serde(default)]
    pub summary: String,
    /// Its authors.
    #[serde(default)]
    pub authors: Vec<Person>,
    /// The country the chapter comes from (case studies from partner countries).
    pub country: Option<String>,
    /// Ids of practices the chapter presents as case studies: linked both ways, never copied.
    #[serde(default)]
    pub practices: Vec<String>,
}

/// One language's version of the index or of a chapter.
#[derive(Debug, Clone)]
pub struct Version<T> {
    /// The fields.
    pub fields: T,
    /// The Markdown body (the preface, or the chapter's text).
    pub body: String,
    /// Where the body is: part index and first line.
    pub body_at: (usize, usize),
    /// Which part each top-level field came from (to locate problems).
    origins: Origins,
    /// Fields left out because their values had the wrong shape (already reported).
    unreadable: BTreeSet<String>,
}

/// A chapter with its language versions.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The number of its file names (order, not necessarily consecutive).
    pub number: u32,
    /// Its slug, the last part of its address.
    pub slug: String,
    /// The files it was read from.
    pub parts: Vec<Part>,
    /// Its versions by language.
    pub versions: BTreeMap<String, Version<ChapterFields>>,
}

/// A handbook: its index and its chapters in order.
#[derive(Debug, Clone)]
pub struct Handbook {
    /// The handbook folder on disk and as shown.
    pub dir: (PathBuf, PathBuf),
    /// Files beside it (downloads).
    pub assets: Vec<Asset>,
    /// The index files.
    pub parts: Vec<Part>,
    /// The index by language.
    pub versions: BTreeMap<String, Version<Book>>,
    /// The chapters, in order.
    pub chapters: Vec<Chapter>,
}

pub(super) const BOOK_FIELDS: &str =
    "title subtitle editors published isbn license downloads generate";
pub(super) const BOOK_NEUTRAL: &str = "published isbn license downloads generate";
pub(super) const CHAPTER_FIELDS: &str = "title summary authors country practices";
pub(super) const CHAPTER_NEUTRAL: &str = "country practices";

/// The version to show a reader of `lang`: that language's, else `default`'s (the site's), else
/// the first there is.
fn pick<'a, T>(
    versions: &'a BTreeMap<String, T>,
    lang: &str,
    default: &str,
) -> Option<(&'a String, &'a T)> {
    versions
        .get_key_value(lang)
        .or_else(|| versions.get_key_value(default))
        .or_else(|| versions.iter().next())
}

impl Handbook {
    /// The formats its books are made in (`generate` is the same in every language).
    pub fn formats(&self) -> Vec<Format> {
        let generate = self
            .versions
            .values()
            .find_map(|v| v.fields.generate.as_ref());
        match generate {
            None | Some(Generate::Switch(true)) => Format::ALL.to_vec(),
            Some(Generate::Switch(false)) => Vec::new(),
            Some(Generate::Formats(formats)) => {
                let mut formats = formats.clone();
                formats.sort();
                formats.dedup();
                formats
            }
        }
    }

    /// The language to show the handbook in to a reader of `lang` (see [`pick`]).
    pub fn language<'a>(&'a self, lang: &'a str, default: &str) -> &'a str {
        pick(&self.versions, lang, default).map_or(lang, |(l, _)| l.as_str())
    }
}

impl Chapter {
    /// The version to show a reader of `lang` (see [`pick`]): its language, and whether it is
    /// the reader's own.
    pub fn shown(&self, lang: &str, default: &str) -> (&Version<ChapterFields>, &str, bool) {
        let (l, v) = pick(&self.versions, lang, default).expect("a chapter has a version");
        (v, l.as_str(), l == lang)
    }

    /// The location of `field` (`practices[1]`) in `lang`'s version.
    pub fn locate(&self, lang: &str, field: &str) -> Location {
        let version = self.versions.get(lang);
        let default = self
            .parts
            .iter()
            .position(|p| p.lang.as_deref() == Some(lang))
            .unwrap_or(0);
        locate_in(&self.parts, version.map(|v| &v.origins), default, field)
    }
}

/// The files of a publication as read, and its versions by language.
type Read<T> = (Vec<Part>, BTreeMap<String, Version<T>>);

/// Reads the parts of one publication (index or chapter) and types each language's version.
/// `None` when a file cannot be read or a field has the wrong shape (the problems are pushed).
fn read_versions<T: serde::de::DeserializeOwned>(
    files: &[FoundFile],
    known: &str,
    neutral: &str,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Read<T>> {
    let known: Vec<&str> = known.split_whitespace().collect();
    let neutral: Vec<&str> = neutral.split_whitespace().collect();
    let parts: Vec<Part> = files
        .iter()
        .filter_map(|f| {
            part::read(f, &known, problems)
                .map_err(|d| problems.push(d))
                .ok()
        })
        .collect();
    if parts.len() != files.len() {
        return None;
    }
    let mut versions = BTreeMap::new();
    for lang in merge::languages_of(&parts, "title", languages) {
        let Merged {
            value,
            origins,
            body,
            body_at,
        } = merge::merge(&parts, &lang, languages, &neutral, problems);
        let locate = |field: &str| locate_in(&parts, Some(&origins), body_at.0, field);
        if let Some(read) = yaml::deserialize::<T>(value, locate, problems) {
            versions.insert(
                lang,
                Version {
                    fields: read.value,
                    body,
                    body_at,
                    origins,
                    unreadable: read.left_out,
                },
            );
        }
    }
    Some((parts, versions))
}

/// A required title missing in a version: reported at the start of that language's file (a
/// title that could not be read is reported already).
fn require_title<T>(
    parts: &[Part],
    lang: &str,
    version: &Version<T>,
    title: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if title.trim().is_empty() && !version.unreadable.contains("title") {
        let part = parts
            .iter()
            .find(|p| p.lang.as_deref() == Some(lang))
            .unwrap_or(&parts[0]);
        problems.push(Diagnostic::error(
            Location::at(&part.shown, Pos::new(1, 1)),
            Problem::MissingField {
                field: "title".into(),
                lang: Some(lang.to_string()),
            },
        ));
    }
}

/// Reads and checks a handbook. `None` if it has errors (reported in `problems`).
pub(super) fn read(
    found: FoundHandbook,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Handbook> {
    let before = problems.iter().filter(|d| d.is_error()).count();
    let (parts, versions) =
        read_versions::<Book>(&found.index, BOOK_FIELDS, BOOK_NEUTRAL, languages, problems)?;
    for (lang, v) in &versions {
        require_title(&parts, lang, v, &v.fields.title, problems);
        for (i, d) in v.fields.downloads.iter().enumerate() {
            if !found.assets.iter().any(|a| a.name == d.file) {
                let at = locate_in(&parts, Some(&v.origins), 0, &format!("downloads[{i}].file"));
                problems.push(Diagnostic::error(
                    at,
                    Problem::MissingAsset {
                        file: d.file.clone(),
                        folder: format!("{}/", found.dir.1.display()),
                        single_file: false,
                    },
                ));
            }
        }
    }
    let mut chapters = Vec::new();
    for (number, slug, files) in &found.chapters {
        let Some((parts, versions)) = read_versions::<ChapterFields>(
            files,
            CHAPTER_FIELDS,
            CHAPTER_NEUTRAL,
            languages,
            problems,
        ) else {
            continue;
        };
        let chapter = Chapter {
            number: *number,
            slug: slug.clone(),
            parts,
            versions,
        };
        for (lang, v) in &chapter.versions {
            require_title(&chapter.parts, lang, v, &v.fields.title, problems);
            let country = v.fields.country.as_deref();
            if let Some(problem) = country.and_then(|c| country_problem("country", c)) {
                problems.push(Diagnostic::error(chapter.locate(lang, "country"), problem));
            }
        }
        chapters.push(chapter);
    }
    let after = problems.iter().filter(|d| d.is_error()).count();
    (after == before).then(|| Handbook {
        dir: found.dir,
        assets: found.assets,
        parts,
        versions,
        chapters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::discover::Role;

    /// A handbook of `files` (name, text) written into a temporary folder: `index.*` is the
    /// index, `NN-slug.lang.md` a chapter.
    fn read_book(files: &[(&str, &str)]) -> (Option<Handbook>, Vec<(&'static str, Option<Pos>)>) {
        let dir = tempfile::tempdir().unwrap();
        let shown = PathBuf::from("content/projects/p/handbook");
        let mut found = FoundHandbook {
            dir: (dir.path().to_path_buf(), shown.clone()),
            index: Vec::new(),
            chapters: Vec::new(),
            assets: Vec::new(),
        };
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
            let lang = name.rsplit('.').nth(1).unwrap_or_default().to_string();
            let file = FoundFile {
                path: dir.path().join(name),
                shown: shown.join(name),
                role: Role::Markdown(lang),
            };
            match name.split_once('-') {
                Some((number, rest)) if number.parse::<u32>().is_ok() => {
                    let slug = rest.split('.').next().unwrap().to_string();
                    match found.chapters.iter_mut().find(|c| c.1 == slug) {
                        Some(chapter) => chapter.2.push(file),
                        None => found
                            .chapters
                            .push((number.parse().unwrap(), slug, vec![file])),
                    }
                }
                _ => found.index.push(file),
            }
        }
        let languages = ["bg".to_string(), "en".to_string()];
        let mut problems = Vec::new();
        let book = read(found, &languages, &mut problems);
        (
            book,
            problems
                .iter()
                .map(|d| (d.problem.kind(), d.pos()))
                .collect(),
        )
    }

    #[test]
    fn chapters_keep_their_order_and_a_missing_translation() {
        let (book, problems) = read_book(&[
            (
                "index.bg.md",
                "---\ntitle: Наръчник\nlicense: CC-BY-4.0\n---\nПредговор.\n",
            ),
            ("index.en.md", "---\ntitle: Handbook\n---\nPreface.\n"),
            ("01-first.bg.md", "---\ntitle: Първа\ncountry: BG\n---\n"),
            ("01-first.en.md", "---\ntitle: First\n---\n"),
            ("02-second.bg.md", "---\ntitle: Втора\n---\n"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let book = book.unwrap();
        let slugs: Vec<&str> = book.chapters.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["first", "second"]);
        // The licence said once holds for both languages; the second chapter is Bulgarian only.
        assert_eq!(
            book.versions["en"].fields.license.as_deref(),
            Some("CC-BY-4.0")
        );
        let second: Vec<&String> = book.chapters[1].versions.keys().collect();
        assert_eq!(second, ["bg"]);
        let (_, shown, own) = book.chapters[1].shown("en", "bg");
        assert_eq!((shown, own), ("bg", false));
    }

    #[test]
    fn a_chapter_without_a_title_or_with_a_bad_country_leaves_the_handbook_out() {
        let (book, problems) = read_book(&[
            (
                "index.bg.md",
                "---\ntitle: Наръчник\ndownloads: [{file: h.pdf}]\n---\n",
            ),
            (
                "01-first.bg.md",
                "---\nsummary: Без заглавие.\ncountry: Bulgaria\n---\n",
            ),
        ]);
        assert!(book.is_none());
        assert_eq!(
            problems,
            [
                ("MissingAsset", Some(Pos::new(3, 20))),
                ("MissingField", Some(Pos::new(1, 1))),
                ("Invalid", Some(Pos::new(3, 10))),
            ]
        );
    }
}
