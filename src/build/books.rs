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
        let languages = handbook
            .versions
            .keys()
            .filter(|l| site.config.languages.contains(l));
        for lang in languages {
            for format in handbook.formats() {
                wanted.push((i, lang.as_str(), format));
            }
        }
    }
    wanted
}

/// A book on the shelf: project entry, language and format, and the book.
type OnShelf = ((usize, String, Format), Shelved);

/// A book whose draft the store does not hold: what it is, and its draft.
pub struct Pending {
    book: (usize, String, Format),
    draft: books::Draft,
}

/// Makes every book of `site` with the store in `cache` (the site's cache folder); `done` and
/// `total` count the books for the progress line. With `later`, books not in the store are not
/// made but returned, for [`finish`]. Returns the shelf, the problems, the store (to close
/// after a successful run) and the books left to make.
pub fn make(
    site: &Site,
    cache: &Path,
    (done, total): (&AtomicUsize, &AtomicUsize),
    later: bool,
) -> (Shelf, Vec<Diagnostic>, Store, Vec<Pending>) {
    let store = Store::open(&cache.join(STORE));
    let wanted = wanted(site);
    total.store(wanted.len(), Ordering::Relaxed);
    let drafts: Vec<Pending> = wanted
        .par_iter()
        .map(|&(project, lang, format)| Pending {
            book: (project, lang.to_string(), format),
            draft: books::draft(site, project, lang, format),
        })
        .collect();
    let (kept, pending): (Vec<Pending>, Vec<Pending>) = drafts.into_iter().partition(|p| {
        store
            .get(&store.place(p.draft.key, p.draft.format))
            .is_some()
    });
    let mut books: Vec<_> = kept
        .into_iter()
        .filter_map(|p| shelved(&store, p))
        .collect();
    done.store(books.len(), Ordering::Relaxed);
    if later {
        return (Shelf::new(books, 0), Vec::new(), store, pending);
    }
    let (made, problems) = finish(&store, pending, done);
    let count = made.len();
    books.extend(made);
    (Shelf::new(books, count), problems, store, Vec::new())
}

/// The shelf's entry for a book the store holds.
fn shelved(store: &Store, p: Pending) -> Option<OnShelf> {
    let place = store.place(p.draft.key, p.draft.format);
    let size = store.get(&place)?;
    let book = Shelved {
        stored: place,
        size,
        key: p.draft.key,
    };
    Some((p.book, book))
}

/// Makes the `pending` books in parallel and puts them in `store`; counts each in `done`.
/// Returns the books made and the problems of those that could not be.
pub fn finish(
    store: &Store,
    pending: Vec<Pending>,
    done: &AtomicUsize,
) -> (Vec<OnShelf>, Vec<Diagnostic>) {
    let results: Vec<Result<_, Vec<Diagnostic>>> = pending
        .into_par_iter()
        .map(|p| {
            let place = store.place(p.draft.key, p.draft.format);
            let bytes = p.draft.make()?;
            store.put(&place, &bytes).map_err(|e| {
                let problem = Problem::Io(io_failed("io-writing", &place, &e));
                vec![Diagnostic::error(Location::file(&place), problem)]
            })?;
            done.fetch_add(1, Ordering::Relaxed);
            let book = Shelved {
                stored: place,
                size: bytes.len() as u64,
                key: p.draft.key,
            };
            Ok((p.book, book))
        })
        .collect();
    let mut made = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(book) => made.push(book),
            Err(p) => problems.extend(p),
        }
    }
    (made, problems)
}

/// The store files of `shelf`'s books.
pub fn used(shelf: &Shelf) -> HashSet<PathBuf> {
    shelf.iter().map(|(_, _, _, b)| b.stored.clone()).collect()
}
