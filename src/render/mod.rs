//! Turning the site model into pages: Tera templates (parsed once), Fluent messages through the
//! template function `t`, and one job per output page, rendered in parallel.

mod cards;
mod feeds;
mod handbooks;
mod incremental;
mod jobs;
mod jsonld;
mod links;
mod pages;
mod renderer;
pub mod theme;
mod views;

use crate::diagnostics::{Diagnostic, Diagnostics};
use jobs::{Found, Job};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use incremental::Memory;
pub use jobs::Page;
pub use renderer::Renderer;

impl Renderer<'_> {
    /// Renders every page, handing each to `sink` as soon as it is ready (so a build writes
    /// while it renders and never holds the whole site in memory). `progress` counts pages done
    /// out of `total`. [`Renderer::render_indexes`] comes after.
    ///
    /// Given the memory of a previous run, pages whose inputs are unchanged are not rendered
    /// nor handed to `sink`; the memory of this run is returned (with `None`, none is kept).
    pub fn render_pages(
        &self,
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
        progress: &AtomicUsize,
        total: &AtomicUsize,
        previous: Option<&Memory>,
    ) -> (Diagnostics, Option<Memory>) {
        let jobs = self.jobs();
        total.store(jobs.len(), Ordering::Relaxed);
        let prints = previous.map(|_| self.prints());
        let done: Vec<_> = jobs
            .par_iter()
            .map(|job| {
                let mut problems = Vec::new();
                let kept = prints.as_ref().zip(previous).and_then(|(prints, memory)| {
                    let file = self.file(job);
                    let before = memory.unchanged(&file, |links| self.print(prints, job, links))?;
                    Some((file, before.clone()))
                });
                let remembered = match kept {
                    Some((file, before)) => {
                        self.add_to_search(job, before.search.clone());
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
        let mut memory = previous.map(|_| Memory::default());
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
    pub fn render_indexes(
        &self,
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
    ) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        let indexes: Vec<(&str, &crate::site::LangIndex)> = self
            .langs
            .iter()
            .map(|d| (d.code.as_str(), &d.index))
            .collect();
        for page in feeds::feeds(self.site, &indexes) {
            diagnostics.extend(sink(page).err());
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
        for (path, text) in indexes.into_iter().flatten() {
            diagnostics.extend(
                sink(Page {
                    path,
                    bytes: text.into_bytes(),
                    lang: None,
                })
                .err(),
            );
        }
        diagnostics
    }

    /// Adds an entry's search description to its language's index.
    fn add_to_search(&self, job: &Job, document: Option<Arc<crate::search::index::Analyzed>>) {
        let searchable = match job {
            Job::Entry(l, _) | Job::Chapter { lang: l, .. } | Job::Handbook(l, _) => Some(*l),
            _ => None,
        };
        if let (Some(l), Some(document)) = (searchable, document) {
            self.langs[l]
                .search
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(document);
        }
    }
}
