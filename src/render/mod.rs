//! Turning the site model into pages: Tera templates (parsed once), Fluent messages through the
//! template function `t`, and one job per output page, rendered in parallel.

mod cards;
mod feeds;
mod handbooks;
mod hosting;
mod incremental;
mod jobs;
mod jsonld;
mod pages;
mod renderer;
pub mod theme;
mod views;

use crate::diagnostics::{Diagnostic, Diagnostics};
use jobs::{Found, Job};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use incremental::{Descriptions, Memory};
pub use jobs::Page;
pub use renderer::Renderer;

impl Renderer<'_> {
    /// Renders every page, handing each to `sink` as soon as it is ready (so a build writes
    /// while it renders and never holds the whole site in memory). `progress` counts pages done
    /// out of `total`. [`Renderer::render_indexes`] comes after.
    ///
    /// Given the memory of a previous run, pages whose inputs are unchanged are not rendered
    /// nor handed to `sink`; the memory of this run is returned (with `None`, none is kept).
    /// When the search index must be made again and the memory lacks the descriptions of kept
    /// pages (a memory read from disk), `saved` is asked for them; a page whose description
    /// cannot be had is rendered again.
    pub fn render_pages(
        &self,
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
        progress: &AtomicUsize,
        total: &AtomicUsize,
        previous: Option<&Memory>,
        saved: &(dyn Fn() -> Descriptions + Sync),
    ) -> (Diagnostics, Option<Memory>) {
        let jobs = self.jobs();
        total.store(jobs.len(), Ordering::Relaxed);
        let prints = previous.map(|_| self.prints());
        let mut kept: Vec<Option<(String, incremental::Remembered)>> = jobs
            .par_iter()
            .map(|job| {
                let (prints, memory) = prints.as_ref().zip(previous)?;
                let file = self.file(job);
                let before = memory.unchanged(&file, |links| self.print(prints, job, links))?;
                Some((file, before.clone()))
            })
            .collect();
        // The index stays if every page with a description was kept, and all of those were.
        let all_kept = jobs
            .iter()
            .zip(&kept)
            .all(|(j, k)| k.is_some() || !j.searched());
        let described = kept.iter().flatten().filter(|(_, r)| r.described).count();
        let index_kept =
            previous.is_some_and(|m| all_kept && described == m.described() && !m.index.is_empty());
        let lacking = kept
            .iter()
            .flatten()
            .any(|(_, r)| r.described && r.search.is_none());
        if !index_kept && lacking {
            incremental::describe(&mut kept, &saved());
        }
        let done: Vec<_> = jobs
            .par_iter()
            .zip(kept)
            .map(|(job, kept)| {
                let mut problems = Vec::new();
                let remembered = match kept {
                    Some((file, before)) => {
                        if !index_kept {
                            self.add_to_search(job, before.search.clone());
                        }
                        Some((file, before))
                    }
                    None => {
                        let mut found = Found::default();
                        if let Some(page) = self.render_job(job, &mut problems, &mut found) {
                            problems.extend(sink(page).err());
                        }
                        self.add_to_search(job, found.search.clone());
                        prints.as_ref().map(|prints| {
                            let print = self.print(prints, job, &found.links);
                            let lang = job.lang().map(|l| self.langs[l].code.clone());
                            let remembered = incremental::Remembered::new(print, lang, found);
                            (self.file(job), remembered)
                        })
                    }
                };
                progress.fetch_add(1, Ordering::Relaxed);
                (problems, remembered)
            })
            .collect();
        let mut problems = Vec::new();
        let mut memory = previous.map(|previous| previous.next(index_kept));
        for (p, remembered) in done {
            problems.extend(p);
            if let (Some(memory), Some((file, r))) = (memory.as_mut(), remembered) {
                memory.insert(file, r);
            }
        }
        problems.extend(self.check_left_out_bodies());
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        (diagnostics, memory)
    }

    /// Writes what is made from every page once they are rendered: the feeds, the sitemap and
    /// the search index.
    ///
    /// With the memory of this run, the search index is made only if the previous one cannot
    /// be kept, and its files are remembered. Returns the problems and how many search index
    /// files were made (none when it was kept).
    pub fn render_indexes(
        &self,
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
        memory: Option<&mut Memory>,
    ) -> (Diagnostics, usize) {
        let mut diagnostics = Diagnostics::default();
        let indexes: Vec<(&str, &crate::site::LangIndex)> = self
            .langs
            .iter()
            .map(|d| (d.code.as_str(), &d.index))
            .collect();
        let feeds = feeds::feeds(self.site, &indexes);
        for page in feeds.into_iter().chain(hosting::htaccess(self.site)) {
            diagnostics.extend(sink(page).err());
        }
        if memory.as_ref().is_some_and(|m| m.index_kept) {
            return (diagnostics, 0);
        }
        let indexes: Vec<Vec<crate::search::index::File>> = self
            .langs
            .par_iter()
            .map(|data| {
                let docs =
                    std::mem::take(&mut *data.search.lock().unwrap_or_else(|e| e.into_inner()));
                let labels = data.views(self.site, self.urls).search_labels();
                crate::search::index::build(&data.code, docs, &labels)
            })
            .collect();
        // Thousands of small files: handed over in parallel, as pages are.
        let indexes: Vec<crate::search::index::File> = indexes.into_iter().flatten().collect();
        let files: Vec<String> = indexes.iter().map(|(path, _)| path.clone()).collect();
        let problems: Vec<Diagnostic> = indexes
            .into_par_iter()
            .filter_map(|(path, text)| {
                sink(Page {
                    path,
                    bytes: text.into_bytes(),
                    lang: None,
                })
                .err()
            })
            .collect();
        diagnostics.extend(problems);
        let made = files.len();
        if let Some(memory) = memory {
            memory.index = files;
        }
        (diagnostics, made)
    }

    /// Adds an entry's search description to its language's index.
    fn add_to_search(&self, job: &Job, document: Option<Arc<crate::search::document::Analyzed>>) {
        let searchable = job.lang().filter(|_| job.searched());
        if let (Some(l), Some(document)) = (searchable, document) {
            self.langs[l]
                .search
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(document);
        }
    }
}
