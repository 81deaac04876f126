//! Finding the entries under `content/` and the files that make up each (the README's "What a
//! site looks like"): `<slug>.<lang>.md` (file form), `<slug>/index.<lang>.md` + `meta.yaml` +
//! assets (folder form), and `<slug>.yaml` (YAML form).

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::messages::Text;
use crate::sections::Section;
use crate::translit::slugify;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a file contributes to its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Markdown with front matter, in one language.
    Markdown(String),
    /// A whole entry in YAML, translated fields as `{bg: …, en: …}`.
    Yaml,
    /// `meta.yaml` of the folder form: fields shared by the Markdown files beside it.
    Meta,
}

/// One file of an entry.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// The file on disk.
    pub path: PathBuf,
    /// The path shown in messages (relative to the site root).
    pub shown: PathBuf,
    /// What it holds.
    pub role: Role,
}

/// The files of one entry, before they are read.
#[derive(Debug, Clone)]
pub struct Found {
    /// Its section.
    pub section: Section,
    /// Its slug (shared by its translations).
    pub slug: String,
    /// The entry folder (folder form only), on disk and as shown.
    pub folder: Option<(PathBuf, PathBuf)>,
    /// Files beside the entry (folder form only).
    pub assets: Vec<Asset>,
    /// The content files.
    pub files: Vec<FoundFile>,
    /// A project's handbook (`handbook/` in its folder).
    pub handbook: Option<FoundHandbook>,
}

/// The files of a handbook, before they are read.
#[derive(Debug, Clone)]
pub struct FoundHandbook {
    /// The handbook folder, on disk and as shown.
    pub dir: (PathBuf, PathBuf),
    /// `index.<lang>.md` files or `index.yaml`: title, editors, downloads, preface.
    pub index: Vec<FoundFile>,
    /// Chapters in order: number, slug and the file of each language.
    pub chapters: Vec<(u32, String, Vec<FoundFile>)>,
    /// Other files (downloads).
    pub assets: Vec<Asset>,
}

/// A file beside an entry or in a handbook (a photo, a PDF): its name relative to the folder,
/// with `/` separators, and its size, read once here so that pages need not look again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Asset {
    /// The name relative to the folder.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
}

impl Asset {
    fn at(path: &Path, name: String) -> Asset {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        Asset { name, size }
    }

    /// The size of the file `name` among `assets` (0 if there is none: reported already).
    pub fn size_of(assets: &[Asset], name: &str) -> u64 {
        assets.iter().find(|a| a.name == name).map_or(0, |a| a.size)
    }
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `<stem>.<lang>.md` → `(stem, lang)`.
fn markdown_name<'a>(name: &'a str, languages: &[String]) -> Option<(&'a str, &'a str)> {
    let stem = name.strip_suffix(".md")?;
    let (stem, lang) = stem.rsplit_once('.')?;
    languages.iter().any(|l| l == lang).then_some((stem, lang))
}

fn sorted_dir(dir: &Path) -> Vec<(String, PathBuf, bool)> {
    let mut items: Vec<(String, PathBuf, bool)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                // A link to nothing is reported as such (see `reader::links_outside`).
                .filter(|e| e.path().exists())
                .map(|e| {
                    // Links are followed (those leading outside the site are refused before).
                    let is_dir = e.path().is_dir();
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        e.path(),
                        is_dir,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    items.sort();
    items
}

/// Lists the entries of every section, reporting files that fit no form.
pub fn discover(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) -> Vec<Found> {
    let mut walk = Walk {
        root,
        languages,
        diagnostics,
        found: BTreeMap::new(),
    };
    for (name, path, is_dir) in sorted_dir(&root.join("content")) {
        if is_hidden(&name) {
            continue;
        }
        let section = Section::ALL.into_iter().find(|s| s.dir() == name && is_dir);
        let Some(section) = section else {
            let folders = Section::ALL.map(|s| format!("content/{}/", s.dir()));
            let expected = Text::new("file-name-section").arg("folders", folders.join(", "));
            walk.bad_name(&path, expected);
            continue;
        };
        for (name, path, is_dir) in sorted_dir(&path) {
            if is_hidden(&name) {
                continue;
            }
            match is_dir {
                true => walk.folder_entry(section, &name, &path),
                false => walk.file_entry(section, &name, &path),
            }
        }
    }
    walk.found.into_values().collect()
}

/// The state of [`discover`]: what it found so far, and where it reports.
struct Walk<'a> {
    root: &'a Path,
    languages: &'a [String],
    diagnostics: &'a mut Diagnostics,
    found: BTreeMap<(Section, String), Found>,
}

impl Walk<'_> {
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(self.root).unwrap_or(path).to_path_buf()
    }

    fn bad_name(&mut self, path: &Path, expected: Text) {
        let at = Location::file(self.shown(path));
        self.diagnostics
            .push(Diagnostic::error(at, Problem::BadFileName { expected }));
    }

    /// An entry folder: `<slug>/` with its language files, `meta.yaml`, files beside them and
    /// (for a project) a handbook.
    fn folder_entry(&mut self, section: Section, name: &str, path: &Path) {
        if !is_slug(name) {
            return self.bad_name(path, slug_expected(name));
        }
        let shown = self.shown(path);
        let shown_of = |p: &Path| p.strip_prefix(self.root).unwrap_or(p).to_path_buf();
        let mut entry = Found {
            section,
            slug: name.to_string(),
            folder: Some((path.to_path_buf(), shown.clone())),
            assets: vec![],
            files: vec![],
            handbook: None,
        };
        collect_folder(path, path, section, self.languages, &shown_of, &mut entry);
        let handbook = path.join("handbook");
        if section == Section::Projects && handbook.is_dir() {
            entry.handbook =
                discover_handbook(&handbook, self.languages, &shown_of, self.diagnostics);
        }
        if entry.files.iter().all(|f| f.role == Role::Meta) {
            let languages = self.languages.to_vec();
            let problem = Problem::NoLanguage { languages };
            self.diagnostics
                .push(Diagnostic::error(Location::file(&shown), problem));
            return;
        }
        self.add(entry, &shown);
    }

    /// A single file: `<slug>.<lang>.md` or `<slug>.yaml`.
    fn file_entry(&mut self, section: Section, name: &str, path: &Path) {
        let single = markdown_name(name, self.languages)
            .map(|(stem, lang)| (stem, Role::Markdown(lang.to_string())))
            .or_else(|| {
                let stem = name
                    .strip_suffix(".yaml")
                    .or_else(|| name.strip_suffix(".yml"))?;
                Some((stem, Role::Yaml))
            });
        let Some((stem, role)) = single else {
            let forms = Text::new("file-name-entry").arg("languages", self.languages.join(","));
            return self.bad_name(path, forms);
        };
        if !is_slug(stem) {
            return self.bad_name(path, slug_expected(stem));
        }
        let shown = self.shown(path);
        let files = vec![FoundFile {
            path: path.to_path_buf(),
            shown: shown.clone(),
            role,
        }];
        let found = Found {
            section,
            slug: stem.to_string(),
            folder: None,
            assets: vec![],
            files,
            handbook: None,
        };
        self.add(found, &shown);
    }

    /// Adds an entry, or pairs a language file with the entry's others: two forms of one slug
    /// (a folder and a file, or a YAML file and anything) are a duplicate.
    fn add(&mut self, f: Found, first: &Path) {
        let key = (f.section, f.slug.clone());
        let Some(existing) = self.found.get_mut(&key) else {
            self.found.insert(key, f);
            return;
        };
        let clash = existing.folder.is_some()
            || f.folder.is_some()
            || existing
                .files
                .iter()
                .chain(&f.files)
                .any(|x| x.role == Role::Yaml);
        if !clash {
            existing.files.extend(f.files);
            return;
        }
        let other = existing
            .files
            .first()
            .map_or(PathBuf::new(), |x| x.shown.clone());
        self.diagnostics.push(Diagnostic::error(
            Location::file(first),
            Problem::DuplicateEntry {
                other: Location::file(other),
            },
        ));
    }
}

/// What a name that is not a slug should be.
fn slug_expected(stem: &str) -> Text {
    Text::new("file-name-slug").arg("slug", slugify(stem))
}

/// The files of a handbook folder: `index.<lang>.md` or `index.yaml`, chapters
/// `<NN>-<slug>.<lang>.md` (ordered by the number), and files to download. `None` (with the
/// problem reported) when it has no index.
fn discover_handbook(
    dir: &Path,
    languages: &[String],
    shown_of: &dyn Fn(&Path) -> PathBuf,
    diagnostics: &mut Diagnostics,
) -> Option<FoundHandbook> {
    let mut found = FoundHandbook {
        dir: (dir.to_path_buf(), shown_of(dir)),
        index: vec![],
        chapters: vec![],
        assets: vec![],
    };
    let mut chapters: BTreeMap<u32, (String, Vec<FoundFile>)> = BTreeMap::new();
    for (name, path, is_dir) in sorted_dir(dir) {
        if is_hidden(&name) || is_dir {
            continue;
        }
        let shown = shown_of(&path);
        let file = |role| FoundFile {
            path: path.clone(),
            shown: shown.clone(),
            role,
        };
        if name == "index.yaml" || name == "index.yml" {
            found.index.push(file(Role::Yaml));
            continue;
        }
        let Some((stem, lang)) = markdown_name(&name, languages) else {
            if name.ends_with(".md") || name.ends_with(".yaml") {
                let expected =
                    Text::new("file-name-handbook").arg("languages", languages.join(", "));
                diagnostics.push(Diagnostic::error(
                    Location::file(&shown),
                    Problem::BadFileName { expected },
                ));
            } else {
                found.assets.push(Asset::at(&path, name));
            }
            continue;
        };
        let role = Role::Markdown(lang.to_string());
        if stem == "index" {
            found.index.push(file(role));
            continue;
        }
        let chapter = stem
            .split_once('-')
            .and_then(|(n, slug)| Some((n.parse::<u32>().ok()?, slug)))
            .filter(|(_, slug)| is_slug(slug) && *slug != crate::urls::PRINT);
        let Some((number, slug)) = chapter else {
            let expected = Text::new("file-name-chapter");
            diagnostics.push(Diagnostic::error(
                Location::file(&shown),
                Problem::BadFileName { expected },
            ));
            continue;
        };
        match chapters.get_mut(&number) {
            Some((known, files)) if known == slug => files.push(file(role)),
            Some((known, _)) => {
                let expected = Text::new("file-name-chapter-number")
                    .arg("number", number.to_string())
                    .arg("slug", known.as_str());
                diagnostics.push(Diagnostic::error(
                    Location::file(&shown),
                    Problem::BadFileName { expected },
                ));
            }
            None => {
                chapters.insert(number, (slug.to_string(), vec![file(role)]));
            }
        }
    }
    if found.index.is_empty() {
        let languages = languages.to_vec();
        diagnostics.push(Diagnostic::error(
            Location::file(&found.dir.1),
            Problem::NoLanguage { languages },
        ));
        return None;
    }
    let mut slugs = std::collections::HashSet::new();
    for (number, (slug, files)) in chapters {
        // The slug is the chapter's address: two chapters may not share one.
        if !slugs.insert(slug.clone()) {
            let expected = Text::new("file-name-chapter-slug").arg("slug", slug);
            diagnostics.push(Diagnostic::error(
                Location::file(&files[0].shown),
                Problem::BadFileName { expected },
            ));
            continue;
        }
        found.chapters.push((number, slug, files));
    }
    Some(found)
}

fn collect_folder(
    folder: &Path,
    dir: &Path,
    section: Section,
    languages: &[String],
    shown_of: &dyn Fn(&Path) -> PathBuf,
    entry: &mut Found,
) {
    for (name, path, is_dir) in sorted_dir(dir) {
        if is_hidden(&name) {
            continue;
        }
        let top = dir == folder;
        if is_dir {
            // A project's handbook/ is its own publication, read by the handbook loader.
            if !(top && section == Section::Projects && name == "handbook") {
                collect_folder(folder, &path, section, languages, shown_of, entry);
            }
            continue;
        }
        let role = match (top, name.as_str()) {
            (true, "meta.yaml" | "meta.yml") => Some(Role::Meta),
            (true, _) => markdown_name(&name, languages)
                .filter(|(stem, _)| *stem == "index")
                .map(|(_, l)| Role::Markdown(l.to_string())),
            _ => None,
        };
        match role {
            Some(role) => entry.files.push(FoundFile {
                path: path.clone(),
                shown: shown_of(&path),
                role,
            }),
            None => {
                let relative = path.strip_prefix(folder).unwrap_or(&path);
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                entry.assets.push(Asset::at(&path, name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_single_hyphens() {
        assert!(is_slug("sharing-knowledge-2"));
        assert!(!is_slug("Sharing"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("споделяне"));
    }

    #[test]
    fn markdown_names_need_a_site_language() {
        let langs = vec!["bg".to_string(), "en".to_string()];
        assert_eq!(markdown_name("x.bg.md", &langs), Some(("x", "bg")));
        assert_eq!(markdown_name("x.de.md", &langs), None);
        assert_eq!(markdown_name("x.md", &langs), None);
    }
}
