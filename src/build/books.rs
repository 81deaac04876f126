//! Every handbook's books, made after the photos (they show them) and before the pages (the
//! contents page lists their sizes): each drafted, found in the store by its key, or made — in
//! parallel, with progress — and put there. A book that cannot be made is reported at the
//! chapter text the engine stopped at; the others are still made.

use crate::books::store::Store;
use crate::books::{self, Format, Shelf, Shelved};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::io_failed;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The store's folder in the site's cache folder.
pub const STORE: &str = "books";

/// The books a site asks for: project entry, language and format of each.
fn wanted(site: &Site) -> Vec<(usize, &str, Format)> {
    let mut wanted = Vec::new();
    for (i, e) in site.entries.iter().enumerate() {
        let Some(handbook) = &e.handbook else {
            continue;
        };
        let languages = handbook.versions.keys().filter(|l| site.config.languages.contains(l));
        for lang in languages {
            for format in handbook.formats() {
                wanted.push((i, lang.as_str(), format));
            }
        }
    }
    wanted
}

/// Makes every book of `site` with the store in `cache` (the site's cache folder); `done` and
/// `total` count the books for the progress line. Returns the shelf, the problems, and the
/// store's files used (to keep when it is closed after a successful run).
pub fn make(
    site: &Site,
    cache: &Path,
    (done, total): (&AtomicUsize, &AtomicUsize),
) -> (Shelf, Vec<Diagnostic>, Store) {
    let store = Store::open(&cache.join(STORE));
    let wanted = wanted(site);
    total.store(wanted.len(), Ordering::Relaxed);
    let made = AtomicUsize::new(0);
    let results: Vec<Result<_, Vec<Diagnostic>>> = wanted
        .par_iter()
        .map(|&(project, lang, format)| {
            let draft = books::draft(site, project, lang, format);
            let place = store.place(draft.key, format);
            let size = match store.get(&place) {
                Some(size) => size,
                None => {
                    let bytes = draft.make()?;
                    made.fetch_add(1, Ordering::Relaxed);
                    store.put(&place, &bytes).map_err(|e| {
                        let problem = Problem::Io(io_failed("io-writing", &place, &e));
                        vec![Diagnostic::error(Location::file(&place), problem)]
                    })?;
                    bytes.len() as u64
                }
            };
            done.fetch_add(1, Ordering::Relaxed);
            let shelved = Shelved {
                stored: place,
                size,
                key: draft.key,
            };
            Ok(((project, lang.to_string(), format), shelved))
        })
        .collect();
    let mut books = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(book) => books.push(book),
            Err(p) => problems.extend(p),
        }
    }
    (Shelf::new(books, made.into_inner()), problems, store)
}

/// The store files of `shelf`'s books.
pub fn used(shelf: &Shelf) -> HashSet<PathBuf> {
    shelf.iter().map(|(_, _, _, b)| b.stored.clone()).collect()
}
