//! Entries read by one run, kept for the next (by `serve`): a rebuild re-reads only the entries
//! whose files changed, which is most of the time one.

use crate::content::discover::Found;
use crate::content::entry::Entry;
use crate::diagnostics::Diagnostic;
use crate::sections::Section;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// What identifies one version of a file without reading it: modification time and size.
type Stamp = (PathBuf, Option<SystemTime>, u64);

/// A loaded entry (or `None` if it had errors) with the problems found in it; shared, since a
/// rebuild takes most entries as they were.
pub(super) type Outcome = (Option<Arc<Entry>>, Vec<Diagnostic>);

/// An entry's stamps and what reading it gave.
pub(super) type Cached = (Vec<Stamp>, Outcome);

/// Entries by section and slug, each with the stamps of the files it was read from.
#[derive(Debug, Default)]
pub struct Cache {
    /// What every entry was checked against (configuration, vocabularies, messages): when it
    /// changes, nothing cached holds.
    inputs: u64,
    entries: HashMap<(Section, String), Cached>,
    /// Files known to have changed whatever their stamps say (a save within the file system's
    /// timestamp resolution keeps the stamp).
    changed: HashSet<PathBuf>,
}

impl Cache {
    /// Marks files as changed, so that the entries holding them are read again.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.changed.extend(paths);
    }

    /// Forgets every entry if what entries are checked against changed.
    pub(super) fn check_inputs(&mut self, inputs: u64) {
        if self.inputs != inputs {
            self.entries.clear();
            self.inputs = inputs;
        }
    }

    /// The stamps of an entry's files (content files, assets, and its handbook's files).
    pub(super) fn stamps(found: &Found) -> Vec<Stamp> {
        let assets = found.folder.iter().flat_map(|(dir, _)| {
            found
                .assets
                .iter()
                .map(move |a| dir.join(a.name.replace('/', std::path::MAIN_SEPARATOR_STR)))
        });
        let handbook = found.handbook.iter().flat_map(|h| {
            let files = h.index.iter().chain(h.chapters.iter().flat_map(|c| &c.2));
            let assets = h.assets.iter().map(|a| h.dir.0.join(&a.name));
            files.map(|f| f.path.clone()).chain(assets)
        });
        found
            .files
            .iter()
            .map(|f| f.path.clone())
            .chain(assets)
            .chain(handbook)
            .map(|path| {
                let meta = std::fs::metadata(&path).ok();
                let modified = meta.as_ref().and_then(|m| m.modified().ok());
                (path, modified, meta.map_or(0, |m| m.len()))
            })
            .collect()
    }

    /// The outcome remembered for `found` if none of its files changed.
    pub(super) fn get(&self, found: &Found, stamps: &[Stamp]) -> Option<Outcome> {
        let (known, outcome) = self.entries.get(&(found.section, found.slug.clone()))?;
        let same = known == stamps && stamps.iter().all(|(p, ..)| !self.changed.contains(p));
        same.then(|| outcome.clone())
    }

    /// Remembers the entries of this run, and only those (removed entries are forgotten).
    pub(super) fn replace(&mut self, entries: Vec<((Section, String), Cached)>) {
        self.entries = entries.into_iter().collect();
        self.changed.clear();
    }
}
