//! Rendering again only what changed (for `serve`). Each page's inputs are hashed without
//! rendering it: what every page shares (settings, vocabularies, messages, the build date, the
//! language's menu), its template with every template that one uses, and the entries it shows
//! (their files, and the entries they name). A page whose hash is the one remembered from the
//! previous run keeps its output.

use super::cards::page_of;
use super::jobs::{Found, HOME_PRACTICES, HOME_PROJECTS, Job, Lang};
use super::renderer::Renderer;
use crate::content::{Entry, Section};
use crate::search::document::Analyzed;
use crate::urls::Taxonomy;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What one run of the renderer leaves for the next: each page's fingerprint, by output file,
/// and the files of the search index. `serve` keeps it in memory; `build` saves it between
/// runs, and the pages' search descriptions apart ([`Descriptions`]): only a run whose search
/// index changes needs them.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Memory {
    pages: HashMap<String, Remembered>,
    /// The search index's files.
    pub(super) index: Vec<String>,
    /// Whether this run kept the index of the previous one (no description changed).
    #[serde(skip)]
    pub(super) index_kept: bool,
}

impl Memory {
    /// The output files of every page of the run remembered (rendered or kept), and of the
    /// search index.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        let pages = self.pages.keys().map(String::as_str);
        pages.chain(self.index.iter().map(String::as_str))
    }

    /// The search descriptions of the pages, with their fingerprints.
    pub fn descriptions(&self) -> Descriptions {
        let described = self.pages.iter().filter_map(|(file, r)| {
            let search = r.search.as_ref()?;
            Some((file.clone(), r.print, Arc::clone(search)))
        });
        Descriptions(described.collect())
    }

    /// Whether the run kept the previous run's search index (its descriptions are unchanged).
    pub fn index_kept(&self) -> bool {
        self.index_kept
    }

    /// The memory of the run after this one, empty but for the index if it is kept.
    pub(super) fn next(&self, index_kept: bool) -> Memory {
        Memory {
            pages: HashMap::new(),
            index: if index_kept {
                self.index.clone()
            } else {
                Vec::new()
            },
            index_kept,
        }
    }

    /// How many pages had a search description.
    pub(super) fn described(&self) -> usize {
        self.pages.values().filter(|r| r.described).count()
    }

    /// Forgets the pages whose files `keep` rejects (those no longer in the output as they were
    /// written): they are rendered again.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.pages.retain(|file, _| keep(file));
        if !self.index.iter().all(|file| keep(file)) {
            self.index.clear();
        }
    }

    /// How many pages the run had in each language.
    pub fn languages(&self) -> std::collections::BTreeMap<String, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for lang in self.pages.values().filter_map(|r| r.lang.as_ref()) {
            *counts.entry(lang.clone()).or_default() += 1;
        }
        counts
    }

    /// The record of `file` if its fingerprint, computed by `print` from the entries it linked
    /// to last time, is unchanged.
    pub(super) fn unchanged(
        &self,
        file: &str,
        print: impl FnOnce(&[(Section, String)]) -> u64,
    ) -> Option<&Remembered> {
        self.pages.get(file).filter(|r| r.print == print(&r.links))
    }

    pub(super) fn insert(&mut self, file: String, remembered: Remembered) {
        self.pages.insert(file, remembered);
    }
}

/// What is remembered of one page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Remembered {
    pub(super) print: u64,
    /// The page's language (`None` for the language chooser and the 404 page).
    lang: Option<String>,
    /// The entries its Markdown links to: only rendering finds them.
    links: Vec<(Section, String)>,
    /// Whether the page has a search description.
    pub(super) described: bool,
    /// That description, reused while the page is unchanged (saved apart, in [`Descriptions`]).
    #[serde(skip)]
    pub(super) search: Option<Arc<Analyzed>>,
}

impl Remembered {
    pub(super) fn new(print: u64, lang: Option<String>, found: Found) -> Remembered {
        Remembered {
            print,
            lang,
            links: found.links,
            described: found.search.is_some(),
            search: found.search,
        }
    }
}

/// The search descriptions of a run's pages: output file, the page's fingerprint, description.
/// A description is taken only for a page of the same file and fingerprint.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Descriptions(Vec<(String, u64, Arc<Analyzed>)>);

impl Descriptions {
    /// Each description by its page's file and fingerprint.
    pub(super) fn by_page(&self) -> HashMap<(&str, u64), &Arc<Analyzed>> {
        let all = self.0.iter();
        all.map(|(file, print, d)| ((file.as_str(), *print), d))
            .collect()
    }

    /// The descriptions in `n` groups, each page always in the same one, so that an edit
    /// changes few groups: each can be saved apart, and only if it changed.
    pub fn groups(&self, n: usize) -> Vec<Descriptions> {
        let mut groups: Vec<Descriptions> = (0..n).map(|_| Descriptions::default()).collect();
        let mut all: Vec<&(String, u64, Arc<Analyzed>)> = self.0.iter().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for d in all {
            let group = crate::fingerprint::of(&d.0) as usize % n.max(1);
            groups[group].0.push(d.clone());
        }
        groups
    }

    /// A hash of which pages, of which fingerprints, the descriptions are for: equal
    /// descriptions have equal prints.
    pub fn print(&self) -> u64 {
        let pages: Vec<(&str, u64)> = self.0.iter().map(|(f, p, _)| (f.as_str(), *p)).collect();
        crate::fingerprint::of(&pages)
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the descriptions of `other`.
    pub fn extend(&mut self, other: Descriptions) {
        self.0.extend(other.0);
    }
}

/// Gives the kept pages that have a search description but came without it (from disk) their
/// description from `saved`; a page whose description is not there is not kept (it is rendered
/// again, which describes it).
pub(super) fn describe(kept: &mut [Option<(String, Remembered)>], saved: &Descriptions) {
    let saved = saved.by_page();
    for slot in kept {
        let Some((file, r)) = slot
            .as_mut()
            .filter(|(_, r)| r.described && r.search.is_none())
        else {
            continue;
        };
        match saved.get(&(file.as_str(), r.print)) {
            Some(d) => r.search = Some(Arc::clone(d)),
            None => *slot = None,
        }
    }
}

/// Hashes of what pages are made from, computed once per run.
pub(super) struct Prints {
    /// What every page depends on.
    global: u64,
    /// Per entry: its files and assets, and the files of the entries it names (everything its
    /// card and its page show of other entries).
    entries: Vec<u64>,
}

impl Prints {
    /// Hashes a list of entries (a listing's page, related entries) by their prints.
    fn hash_list(&self, h: &mut dyn Hasher, list: &[usize]) {
        h.write_usize(list.len());
        for &i in list {
            h.write_u64(self.entries[i]);
        }
    }
}

/// A hash of an entry's own sources: its files (and its handbook's) as read, its assets'
/// names and sizes, and the copies made of its photos.
fn entry_print(e: &Entry, album: &crate::photos::Album) -> u64 {
    let mut h = crate::fingerprint::hasher();
    (e.section, &e.slug, &e.folder).hash(&mut h);
    let handbook = e.handbook.iter().flat_map(|b| {
        let chapters = b.chapters.iter().flat_map(|c| &c.parts);
        b.parts.iter().chain(chapters)
    });
    for p in e.parts.iter().chain(handbook) {
        (&p.shown, &p.lang, &p.yaml, p.yaml_line, &p.body).hash(&mut h);
    }
    e.assets.hash(&mut h);
    if let Some(book) = &e.handbook {
        book.assets.hash(&mut h);
    }
    let folders = e.folder.iter().map(|f| (&f.0, &e.assets));
    let folders = folders.chain(e.handbook.iter().map(|b| (&b.dir.0, &b.assets)));
    for (dir, assets) in folders {
        for asset in assets {
            let developed = album.get(&dir.join(&asset.name));
            developed.map(|d| d.photo.as_ref().ok()).hash(&mut h);
        }
    }
    h.finish()
}

impl Renderer<'_> {
    pub(super) fn prints(&self) -> Prints {
        use rayon::prelude::*;
        let site = self.site;
        let own: Vec<u64> = site
            .entries
            .par_iter()
            .map(|e| entry_print(e, &site.album))
            .collect();
        let entries = site
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut h = crate::fingerprint::hasher();
                own[i].hash(&mut h);
                for v in e.variants.values() {
                    for r in v.fields.references() {
                        site.find(r.section, r.id).map(|j| own[j]).hash(&mut h);
                    }
                }
                h.finish()
            })
            .collect();
        let today = site.today.iso();
        let inputs = crate::content::inputs_fingerprint(&site.config, &site.vocabulary, &site.i18n);
        let global = crate::fingerprint::of(&(inputs, self.urls.offline, today));
        Prints { global, entries }
    }

    /// What an entry's page shows: its sources, the entries it names, its related lists and
    /// the handbook chapters presenting it as a case study.
    fn hash_entry_page<H: Hasher>(&self, h: &mut H, prints: &Prints, l: Lang, i: usize) {
        let site = self.site;
        h.write_u64(self.langs[l].site_print);
        h.write_u64(prints.entries[i]);
        for v in site.entries[i].variants.values() {
            for r in v.fields.references() {
                site.find(r.section, r.id)
                    .map(|j| prints.entries[j])
                    .hash(h);
            }
        }
        for (name, list) in self.related_lists(l, i) {
            name.hash(h);
            prints.hash_list(h, &list);
        }
        self.hash_books(h, i);
        let citing = site.case_studies(&site.entries[i].slug);
        for &(project, chapter) in citing {
            (prints.entries[project], chapter).hash(h);
        }
    }

    /// Hashes the books made of project entry `i`'s handbook (pages list them with sizes).
    fn hash_books<H: Hasher>(&self, h: &mut H, i: usize) {
        for (lang, format, book) in self.shelf.of(i) {
            (lang, format, book.key, book.size).hash(h);
        }
    }

    /// The fingerprint of a job's page. `links` are the entries its Markdown links to.
    pub(super) fn print(&self, prints: &Prints, job: &Job, links: &[(Section, String)]) -> u64 {
        let mut h = crate::fingerprint::hasher();
        prints.global.hash(&mut h);
        self.template_prints.get(self.template(job)).hash(&mut h);
        let site = self.site;
        let per_page = site.config.paginate;
        let entries = |h: &mut dyn Hasher, list: &[usize]| prints.hash_list(h, list);
        let facet = |h: &mut dyn Hasher, l: Lang, key: (Taxonomy, Option<Section>)| {
            h.write_u64(self.langs[l].facets.get(&key).map_or(0, |f| f.1));
        };
        match *job {
            Job::Chooser | Job::NotFound => {}
            Job::Home(l) => {
                let data = &self.langs[l];
                h.write_u64(data.site_print);
                facet(&mut h, l, (Taxonomy::Themes, None));
                for section in Section::ALL {
                    h.write_usize(data.index.ordered[&section].len());
                }
                let ordered = |s: Section, n: usize| {
                    let list = &data.index.ordered[&s];
                    list[..n.min(list.len())].to_vec()
                };
                entries(&mut h, &ordered(Section::Practices, HOME_PRACTICES));
                entries(&mut h, &ordered(Section::Projects, HOME_PROJECTS));
            }
            Job::Search(l) => h.write_u64(self.langs[l].site_print),
            Job::Listing {
                lang: l,
                section,
                page,
            } => {
                let data = &self.langs[l];
                h.write_u64(data.site_print);
                let list = &data.index.ordered[&section];
                h.write_usize(list.len());
                entries(&mut h, page_of(list, page, per_page));
                for t in Taxonomy::ALL {
                    facet(&mut h, l, (t, Some(section)));
                }
            }
            Job::TaxonomyIndex(l, taxonomy) => {
                h.write_u64(self.langs[l].site_print);
                facet(&mut h, l, (taxonomy, None));
            }
            Job::Term {
                lang: l,
                taxonomy,
                term,
                page,
            } => {
                let data = &self.langs[l];
                h.write_u64(data.site_print);
                let group = data.term(taxonomy, term);
                group.label.hash(&mut h);
                h.write_usize(group.entries.len());
                entries(&mut h, page_of(&group.entries, page, per_page));
            }
            Job::Entry(l, i) => self.hash_entry_page(&mut h, prints, l, i),
            Job::Handbook(l, book)
            | Job::Chapter { lang: l, book, .. }
            | Job::HandbookPrint(l, book) => {
                h.write_u64(self.langs[l].site_print);
                h.write_u64(prints.entries[book.entry]);
                // The contents page offers the books; the chapters and the print page do not.
                if let Job::Handbook(..) = job {
                    self.hash_books(&mut h, book.entry);
                }
                for chapter in &book.handbook.chapters {
                    for v in chapter.versions.values() {
                        for id in &v.fields.practices {
                            site.find(Section::Practices, id)
                                .map(|j| prints.entries[j])
                                .hash(&mut h);
                        }
                    }
                }
            }
        }
        // The entries reached by the page's Markdown links (recorded while rendering it).
        for (section, slug) in links {
            site.find(*section, slug)
                .map(|j| prints.entries[j])
                .hash(&mut h);
        }
        h.finish()
    }
}
