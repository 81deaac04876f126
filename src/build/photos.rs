//! The site's photos, developed before pages are rendered: every photo beside an entry or in
//! a handbook, found in the store of the site's cache folder or made (in parallel, with
//! progress), so that pages know each photo's size and copies. A photo that cannot be made is
//! in the album with its fault: pages that show or link it report it where they name it; a
//! photo nobody names is reported as a warning at its own file and left out.

use crate::content::Entry;
use crate::content::discover::Asset;
use crate::diagnostics::{Diagnostic, Location, PhotoFault, Problem};
use crate::photos::store::Store;
use crate::photos::{Album, Developed, Settings};
use crate::site::Site;
use crate::urls::Urls;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The store's folder in the site's cache folder (shared by `build`, `serve` and `package`).
pub const STORE: &str = "photos";

/// A photo file of an entry or handbook: where it is, how messages show it, and whether any
/// text of the entry names it.
struct Source<'a> {
    path: PathBuf,
    shown: PathBuf,
    name: &'a str,
    named: bool,
    /// The address its copies are named after (without its extension).
    stem: String,
}

/// The photo files of `entry` (beside it and in its handbook).
fn sources<'a>(entry: &'a Entry) -> Vec<Source<'a>> {
    let texts: Vec<&str> = {
        let chapters = entry.handbook.iter().flat_map(|b| {
            let chapters = b.chapters.iter().flat_map(|c| &c.parts);
            b.parts.iter().chain(chapters)
        });
        let parts = entry.parts.iter().chain(chapters);
        parts
            .flat_map(|p| [Some(p.yaml.as_str()), p.body.as_ref().map(|b| b.0.as_str())])
            .flatten()
            .collect()
    };
    let named = |name: &str| texts.iter().any(|t| t.contains(name));
    let mut found = Vec::new();
    let mut add =
        |dir: &Path, shown: &Path, assets: &'a [Asset], address: &dyn Fn(&str) -> String| {
            for asset in assets.iter().filter(|a| crate::photos::is_photo(&a.name)) {
                found.push(Source {
                    path: dir.join(&asset.name),
                    shown: shown.join(&asset.name),
                    name: &asset.name,
                    named: named(&asset.name),
                    stem: crate::photos::published(&address(&asset.name), ""),
                });
            }
        };
    if let Some((dir, shown)) = &entry.folder {
        add(dir, shown, &entry.assets, &|n| {
            Urls::media(entry.section, &entry.slug, n)
        });
    }
    if let Some(book) = &entry.handbook {
        add(&book.dir.0, &book.dir.1, &book.assets, &|n| {
            Urls::handbook_media(&entry.slug, n)
        });
    }
    found
}

/// Develops every photo of `site` with the store in `cache` (the site's cache folder); `done`
/// and `total` count the photos for the progress line. Returns the album; the problems of its
/// photos (errors at the `images` and `files` items naming a photo that cannot be published,
/// warnings at misnamed photos and at bad ones nobody names); and the store, to close after a
/// successful run.
pub fn develop(
    site: &Site,
    cache: &Path,
    (done, total): (&AtomicUsize, &AtomicUsize),
) -> (Album, Vec<Diagnostic>, Store) {
    let settings = &site.config.images;
    let store = Store::open(&cache.join(STORE), settings);
    // Entries left out for their errors too: their photos' problems show in the same run.
    let entries = || site.entries.iter().chain(&site.left_out);
    let sources: Vec<Source<'_>> = entries().flat_map(|e| sources(e)).collect();
    total.store(sources.len(), Ordering::Relaxed);
    let made = AtomicUsize::new(0);
    let mut developed: Vec<(PathBuf, Developed)> = sources
        .par_iter()
        .map(|source| {
            let developed = one(&store, source, settings, &made);
            done.fetch_add(1, Ordering::Relaxed);
            (source.path.clone(), developed)
        })
        .collect();
    // Two photos whose copies would have the same names: the second is not published.
    let mut stems: HashMap<&str, &str> = HashMap::new();
    for (source, (_, developed)) in sources.iter().zip(&mut developed) {
        if let Some(other) = stems.insert(&source.stem, source.name) {
            let other = other.to_string();
            developed.photo = Err(PhotoFault::NameTaken { other });
        }
    }
    let mut problems = Vec::new();
    for (source, (_, developed)) in sources.iter().zip(&developed) {
        let at = Location::file(&source.shown);
        let fault = match (&developed.photo, &developed.warning) {
            (Err(fault), _) if !source.named => PhotoFault::Unused(Box::new(fault.clone())),
            (_, Some(warning)) => warning.clone(),
            _ => continue,
        };
        let file = source.name.to_string();
        problems.push(Diagnostic::warning(at, Problem::Photo { file, fault }));
    }
    let album = Album::new(developed.into_iter().collect(), made.into_inner());
    problems.extend(entries().flat_map(|e| named_faults(e, &album)));
    (album, problems, store)
}

/// The faults of photos an entry names in `images` or `files`, at the item naming each (those
/// its Markdown names are reported where the Markdown names them, when it is rendered).
fn named_faults(entry: &Entry, album: &Album) -> Vec<Diagnostic> {
    let Some((dir, _)) = &entry.folder else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (lang, v) in &entry.variants {
        let images = v.common.images.iter().map(|im| ("images", &im.file));
        let files = v.common.files.iter().map(|f| ("files", &f.file));
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (list, file) in images.chain(files) {
            let i = index.entry(list).or_default();
            *i += 1;
            if let Some(Developed {
                photo: Err(fault), ..
            }) = album.get(&dir.join(file))
            {
                let at = entry.locate(lang, &format!("{list}[{}].file", *i - 1));
                let problem = Problem::Photo {
                    file: file.clone(),
                    fault: fault.clone(),
                };
                found.push(Diagnostic::error(at, problem));
            }
        }
    }
    found
}

/// Develops one photo: from the store if it holds this content with these settings.
fn one(store: &Store, source: &Source<'_>, settings: &Settings, made: &AtomicUsize) -> Developed {
    let unreadable = |e: std::io::Error| Developed {
        photo: Err(PhotoFault::Unreadable(e.to_string())),
        warning: None,
        stored: PathBuf::new(),
    };
    let (bytes, content) = match store.known_content(&source.path) {
        Some(content) => (None, content),
        None => match store.read(&source.path) {
            Ok((bytes, content)) => (Some(bytes), content),
            Err(e) => return unreadable(e),
        },
    };
    let place = store.place(content);
    let developed = |photo, format: &str| Developed {
        photo,
        warning: crate::photos::develop::misnamed(source.name, format),
        stored: place.clone(),
    };
    if let Some((photo, format)) = store.get(&place) {
        return developed(Ok(photo), &format);
    }
    let bytes = match bytes {
        Some(bytes) => bytes,
        None => match store.read(&source.path) {
            Ok((bytes, _)) => bytes,
            Err(e) => return unreadable(e),
        },
    };
    // A decoder that panics on a strange file fails that photo, not the build or `serve`.
    let attempt = std::panic::catch_unwind(|| crate::photos::develop::develop(&bytes, settings));
    let result = attempt.unwrap_or_else(|_| {
        Err(PhotoFault::Unreadable(
            "the decoder failed on this file".into(),
        ))
    });
    match result {
        Ok(m) => {
            made.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = store.put(&place, &m) {
                return unreadable(e);
            }
            developed(Ok(m.photo), m.format)
        }
        Err(fault) => Developed {
            photo: Err(fault),
            warning: None,
            stored: place.clone(),
        },
    }
}

/// The store folders `album` uses, for [`Store::close`], and every source it was made from.
pub fn used(album: &Album) -> (HashSet<PathBuf>, HashSet<&Path>) {
    let places = album.iter().map(|(_, d)| d.stored.clone()).collect();
    let sources = album.iter().map(|(s, _)| s.as_path()).collect();
    (places, sources)
}
