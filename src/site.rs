//! The whole site as one model: configuration, vocabularies, messages and entries, with the
//! checks that need more than one entry (references by id, free-page slugs) and the orderings
//! and groupings listings and term pages are made from.

use crate::config::Config;
use crate::content::model::{Date, Fields};
use crate::content::{self, Entry, Section, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics, Problem, nearest};
use crate::i18n::I18n;
use crate::messages::Text;
use crate::translit::slugify;
use crate::urls::{RESERVED, Taxonomy};
use crate::vocabulary::Vocabulary;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Builds entries marked `draft: true`.
    pub drafts: bool,
    /// Links name `index.html` (for opening from disk).
    pub offline: bool,
    /// Writes every output file, even those the last build wrote with the same bytes.
    pub force: bool,
    /// Makes the handbooks' books that are not in the store after the pages, not before
    /// (`serve`: a reload never waits for typesetting). The pages then offer only the books
    /// already made; the next run offers the others.
    pub books_later: bool,
}

/// A loaded, validated site.
#[derive(Debug)]
pub struct Site {
    /// `site.yaml`.
    pub config: Config,
    /// Vocabularies with the site's additions.
    pub vocabulary: Vocabulary,
    /// User-interface messages.
    pub i18n: Arc<I18n>,
    /// Every entry, in a stable order (shared with the cache of a `serve` rebuild).
    pub entries: Vec<Arc<Entry>>,
    /// Entry index by section and slug.
    index: HashMap<(Section, String), usize>,
    /// The build date, which decides whether a project is ongoing or finished.
    pub today: Date,
    /// Entries that exist but were left out because of errors.
    failed: HashSet<(Section, String)>,
    /// Those of them that could be read, for the checks that still apply to them (their
    /// references, their bodies' links), so every problem shows in one run.
    pub left_out: Vec<Arc<Entry>>,
    /// The first file of every draft entry.
    pub drafts: Vec<std::path::PathBuf>,
    /// Chapters presenting each practice as a case study: (project entry, chapter).
    case_studies: HashMap<String, Vec<(usize, usize)>>,
    /// The photos of entries and handbooks as pages publish them (empty until a command that
    /// renders develops them).
    pub album: crate::photos::Album,
}

/// One term of a taxonomy in one language, with its entries newest first.
#[derive(Debug, Clone)]
pub struct TermGroup {
    /// The URL segment.
    pub slug: String,
    /// The label shown.
    pub label: String,
    /// Entry indexes.
    pub entries: Vec<usize>,
}

impl Site {
    /// Loads everything under `root`. Entries with errors are left out, so that the rest can
    /// still be rendered and checked; the site is `None` only if the configuration is unusable.
    /// With a cache, entries whose files are unchanged since the last load are not read again.
    pub fn load(
        root: &Path,
        options: &Options,
        cache: Option<&mut content::cache::Cache>,
    ) -> (Option<Site>, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let Some(mut config) = Config::load(root, &mut diagnostics) else {
            return (None, diagnostics);
        };
        diagnostics.extend(crate::reader::links_outside(root));
        if let Some(url) = &options.base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                let message = Text::new("config-base-url-option").arg("url", url);
                let field = "--base-url".to_string();
                diagnostics.push(Diagnostic::global(Problem::Config { field, message }));
                return (None, diagnostics);
            }
            config.base_url = if url.ends_with('/') {
                url.clone()
            } else {
                format!("{url}/")
            };
        }
        config.drafts = options.drafts;
        let vocabulary = Vocabulary::load(root, &config.languages, &mut diagnostics);
        let i18n = I18n::load(root, &config.languages, &mut diagnostics);
        let loaded = content::load(&config, &vocabulary, &i18n, cache, &mut diagnostics);
        let entries = loaded.entries;
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.section, e.slug.clone()), i))
            .collect();
        let today = Date(time::OffsetDateTime::now_utc().date());
        let failed = loaded.failed.into_iter().collect();
        let case_studies = case_studies(&entries);
        let site = Site {
            config,
            vocabulary,
            i18n: Arc::new(i18n),
            entries,
            index,
            today,
            failed,
            left_out: loaded.left_out,
            drafts: loaded.drafts,
            case_studies,
            album: Default::default(),
        };
        site.check_references(&mut diagnostics);
        (Some(site), diagnostics)
    }

    /// Whether an entry with this slug exists but was left out because of its errors.
    pub fn is_failed(&self, section: Section, slug: &str) -> bool {
        self.failed.contains(&(section, slug.to_string()))
    }

    /// The handbook chapters that present practice `id` as a case study: (project, chapter).
    pub fn case_studies(&self, id: &str) -> &[(usize, usize)] {
        self.case_studies.get(id).map_or(&[], Vec::as_slice)
    }

    /// The entry with this slug in this section.
    pub fn find(&self, section: Section, slug: &str) -> Option<usize> {
        self.index.get(&(section, slug.to_string())).copied()
    }

    /// The version of entry `i` to show in `lang`: its own, or (marked by `false`) the one it has.
    pub fn shown_variant(&self, i: usize, lang: &str) -> (&Variant, bool) {
        let e = &self.entries[i];
        match e.variants.get(lang) {
            Some(v) => (v, true),
            None => (self.fallback(e), false),
        }
    }

    /// The version shown where a language has none: the default language's, else the first.
    pub fn fallback<'a>(&self, e: &'a Entry) -> &'a Variant {
        e.variants
            .get(self.config.default_language())
            .or_else(|| e.variants.values().next())
            .expect("an entry has a version")
    }

    fn check_references(&self, diagnostics: &mut Diagnostics) {
        let ids = |section: Section| -> BTreeSet<&str> {
            let failed = self
                .failed
                .iter()
                .filter(|(s, _)| *s == section)
                .map(|(_, slug)| slug.as_str());
            self.entries
                .iter()
                .filter(|e| e.section == section)
                .map(|e| e.slug.as_str())
                .chain(failed)
                .collect()
        };
        let orgs = ids(Section::Organisations);
        let projects = ids(Section::Projects);
        let practices = ids(Section::Practices);
        let check = |diagnostics: &mut Diagnostics,
                     e: &Entry,
                     lang: &str,
                     field: &str,
                     kind: &str,
                     id: &str,
                     known: &BTreeSet<&str>| {
            if !known.contains(id) {
                let problem = Problem::UnknownReference {
                    kind: kind.into(),
                    id: id.into(),
                    suggestion: nearest(id, known.iter().copied()),
                };
                diagnostics.push(Diagnostic::error(e.locate(lang, field), problem));
            }
        };
        for e in self.entries.iter().chain(&self.left_out) {
            for (lang, v) in &e.variants {
                for r in v.fields.references() {
                    let (kind, known) = match r.section {
                        Section::Projects => ("project", &projects),
                        _ => ("organisation", &orgs),
                    };
                    check(diagnostics, e, lang, &r.field, kind, r.id, known);
                }
                match &v.fields {
                    Fields::Page(_) if RESERVED.contains(&e.slug.as_str()) => {
                        let expected =
                            Text::new("file-name-reserved").arg("reserved", RESERVED.join(", "));
                        diagnostics.push(Diagnostic::error(
                            e.locate_file(lang),
                            Problem::BadFileName { expected },
                        ));
                    }
                    _ => {}
                }
            }
        }
        // Case studies: a handbook chapter names the practices it presents.
        let chapters = self
            .entries
            .iter()
            .chain(&self.left_out)
            .filter_map(|e| e.handbook.as_ref())
            .flat_map(|h| &h.chapters);
        for chapter in chapters {
            for (lang, v) in &chapter.versions {
                for (i, id) in v.fields.practices.iter().enumerate() {
                    if !practices.contains(id.as_str()) {
                        let problem = Problem::UnknownReference {
                            kind: "practice".into(),
                            id: id.clone(),
                            suggestion: nearest(id, practices.iter().copied()),
                        };
                        let at = chapter.locate(lang, &format!("practices[{i}]"));
                        diagnostics.push(Diagnostic::error(at, problem));
                    }
                }
            }
        }
    }

    /// Entries of a section in listing order: practices newest first, projects by start date
    /// (newest first), organisations and pages by title.
    pub fn ordered(&self, section: Section, lang: &str) -> Vec<usize> {
        let mut list: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].section == section)
            .collect();
        list.sort_by_cached_key(|&i| {
            let (v, _) = self.shown_variant(i, lang);
            let date = std::cmp::Reverse(sort_date(v));
            let menu = match &v.fields {
                Fields::Page(p) => p.menu.unwrap_or(i32::MAX),
                _ => 0,
            };
            (
                menu,
                date,
                self.entries[i]
                    .title(&v.lang)
                    .unwrap_or_default()
                    .to_lowercase(),
            )
        });
        list
    }

    /// The groups of a taxonomy in `lang`, in vocabulary order (years newest first, tags by name).
    /// Entries without a version in `lang` count for vocabulary terms but not for tags, which
    /// are words of a language.
    fn taxonomy_of(
        &self,
        taxonomy: Taxonomy,
        lang: &str,
        ordered: &[Vec<usize>; 2],
    ) -> Vec<TermGroup> {
        let mut groups: BTreeMap<String, TermGroup> = BTreeMap::new();
        let mut add = |slug: String, label: String, i: usize| {
            let g = groups.entry(slug.clone()).or_insert_with(|| TermGroup {
                slug,
                label,
                entries: vec![],
            });
            // An entry's terms are added together: a repeat can only be the last one added.
            if g.entries.last() != Some(&i) {
                g.entries.push(i);
            }
        };
        let vocab_label =
            |set: &str, code: &str| self.vocabulary.label(set, code, lang).to_string();
        for list in ordered {
            for &i in list {
                let (v, own) = self.shown_variant(i, lang);
                match taxonomy {
                    Taxonomy::Themes => v
                        .common
                        .themes
                        .iter()
                        .for_each(|c| add(c.clone(), vocab_label("themes", c), i)),
                    Taxonomy::Levels => v
                        .common
                        .levels
                        .iter()
                        .for_each(|c| add(c.clone(), vocab_label("levels", c), i)),
                    Taxonomy::Programmes => {
                        if let Fields::Project(p) = &v.fields {
                            add(
                                p.programme.clone(),
                                vocab_label("programmes", &p.programme),
                                i,
                            );
                        }
                    }
                    Taxonomy::Years => {
                        if let Some(d) = sort_date(v) {
                            add(d.0.year().to_string(), d.0.year().to_string(), i);
                        }
                    }
                    Taxonomy::Tags if own => {
                        for tag in &v.common.tags {
                            let slug = slugify(tag);
                            if !slug.is_empty() {
                                add(slug, tag.clone(), i);
                            }
                        }
                    }
                    Taxonomy::Tags => {}
                }
            }
        }
        let mut list: Vec<TermGroup> = groups.into_values().collect();
        for g in &mut list {
            g.entries
                .sort_by_key(|&i| std::cmp::Reverse(sort_date(self.shown_variant(i, lang).0)));
        }
        let set = match taxonomy {
            Taxonomy::Themes => "themes",
            Taxonomy::Levels => "levels",
            Taxonomy::Programmes => "programmes",
            Taxonomy::Years => {
                list.sort_by(|a, b| b.slug.cmp(&a.slug));
                return list;
            }
            Taxonomy::Tags => {
                list.sort_by_key(|g| g.label.to_lowercase());
                return list;
            }
        };
        let order: HashMap<&str, usize> = self
            .vocabulary
            .terms(set)
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code.as_str(), i))
            .collect();
        list.sort_by_key(|g| order.get(g.slug.as_str()).copied().unwrap_or(usize::MAX));
        list
    }

    /// Everything listings and entry pages of `lang` look up, computed once: orders, taxonomy
    /// groups, and which entries name each organisation and project.
    pub fn index(&self, lang: &str) -> LangIndex {
        let ordered: HashMap<Section, Vec<usize>> = Section::ALL
            .iter()
            .map(|&s| (s, self.ordered(s, lang)))
            .collect();
        let pair = [
            ordered[&Section::Practices].clone(),
            ordered[&Section::Projects].clone(),
        ];
        let taxonomies = Taxonomy::ALL
            .iter()
            .map(|&t| (t, self.taxonomy_of(t, lang, &pair)))
            .collect();
        let mut related: HashMap<(Section, String), Vec<usize>> = HashMap::new();
        for list in &pair {
            for &i in list {
                let mut relate = |section: Section, id: &str| {
                    let entries = related.entry((section, id.to_string())).or_default();
                    if entries.last() != Some(&i) {
                        entries.push(i);
                    }
                };
                for r in self.shown_variant(i, lang).0.fields.references() {
                    relate(r.section, r.id);
                }
            }
        }
        LangIndex {
            ordered,
            taxonomies,
            related,
        }
    }
}

/// The lookups of one language, computed once per build (see [`Site::index`]).
#[derive(Debug)]
pub struct LangIndex {
    /// Entries of each section in listing order.
    pub ordered: HashMap<Section, Vec<usize>>,
    /// The groups of each taxonomy.
    pub taxonomies: HashMap<Taxonomy, Vec<TermGroup>>,
    /// Entries naming an organisation `(Organisations, id)` or a project `(Projects, id)`, in
    /// listing order (practices first).
    related: HashMap<(Section, String), Vec<usize>>,
}

impl LangIndex {
    /// Entries of `section` that name the organisation or project `(kind, id)`.
    pub fn related(&self, kind: Section, id: &str, section: Section, site: &Site) -> Vec<usize> {
        self.related
            .get(&(kind, id.to_string()))
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&i| site.entries[i].section == section)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// For each practice id, the handbook chapters presenting it as a case study: (project, chapter).
fn case_studies(entries: &[Arc<Entry>]) -> HashMap<String, Vec<(usize, usize)>> {
    let mut case_studies: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for (c, chapter) in e
            .handbook
            .iter()
            .flat_map(|b| b.chapters.iter().enumerate())
        {
            let practices = chapter.versions.values().flat_map(|v| &v.fields.practices);
            for id in practices {
                let list = case_studies.entry(id.clone()).or_default();
                // A chapter's versions share their practices: a repeat is the last one.
                if list.last() != Some(&(i, c)) {
                    list.push((i, c));
                }
            }
        }
    }
    case_studies
}

/// The date an entry sorts and groups by: a practice's date, a project's start.
pub fn sort_date(v: &Variant) -> Option<Date> {
    match &v.fields {
        Fields::Practice(p) => p.date,
        Fields::Project(p) => p.start,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;
    use crate::urls::Taxonomy;

    /// A new site (as `spodeli new site` makes it) with `files` added, loaded.
    fn load(files: &[(&str, &str)]) -> (Option<Site>, Diagnostics, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        crate::scaffold::new_site(&root, &[Lang::Bg, Lang::En], "2026-12-02").unwrap();
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (site, diagnostics) = Site::load(&root, &Options::default(), None);
        (site, diagnostics, dir)
    }

    fn practice(title: &str, date: &str, more: &str) -> String {
        format!("---\ntitle: {title}\nsummary: S.\ndate: {date}\nthemes: [digital]\n{more}---\n")
    }

    #[test]
    fn listings_put_the_newest_first_and_terms_gather_their_entries() {
        let (site, diagnostics, _dir) = load(&[
            (
                "content/practices/old.bg.md",
                &practice("Стара", "2019-01-01", ""),
            ),
            (
                "content/practices/new.bg.md",
                &practice("Нова", "2024-01-01", ""),
            ),
        ]);
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
        let site = site.unwrap();
        let index = site.index("bg");
        let slugs: Vec<&str> = index.ordered[&Section::Practices]
            .iter()
            .map(|&i| site.entries[i].slug.as_str())
            .collect();
        // The new site's own sample practice is there too, dated the day it was made.
        assert_eq!(slugs.first(), Some(&slugs_newest(&site)));
        let position = |slug: &str| slugs.iter().position(|s| *s == slug).unwrap();
        assert!(position("new") < position("old"));
        let digital = index.taxonomies[&Taxonomy::Themes]
            .iter()
            .find(|g| g.slug == "digital")
            .unwrap();
        assert!(
            digital
                .entries
                .contains(&site.find(Section::Practices, "old").unwrap())
        );
    }

    /// The slug of the practice with the latest date.
    fn slugs_newest(site: &Site) -> &str {
        let latest = site
            .entries
            .iter()
            .filter(|e| e.section == Section::Practices)
            .max_by_key(|e| e.variants.values().next().and_then(sort_date))
            .unwrap();
        &latest.slug
    }

    #[test]
    fn a_reference_to_no_entry_is_an_error_at_the_reference_with_the_nearest_id() {
        let (_, diagnostics, _dir) = load(&[(
            "content/practices/p.bg.md",
            &practice("П", "2021-05-10", "project: no-such-project\n"),
        )]);
        let errors: Vec<_> = diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].problem.kind(), "UnknownReference");
        assert_eq!(errors[0].pos(), Some(crate::diagnostics::Pos::new(6, 10)));
    }
}
