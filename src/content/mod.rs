//! Loading entries: discovering files, reading front matter, pairing translations, merging
//! language-neutral fields, typing and validating them. Everything here is per entry; checks
//! that need the whole site (references between entries, links) live in [`crate::site`].

pub mod cache;
mod codes;
pub mod discover;
mod entry;
pub mod handbook;
mod merge;
pub mod model;
mod part;
pub mod source;
mod validate;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::vocabulary::Vocabulary;
use rayon::prelude::*;
use std::sync::Arc;

pub use crate::sections::Section;
pub use entry::{Entry, Variant};
pub use part::{Origins, Part};

/// Every entry that loaded without errors, and the section and slug of those that did not (so
/// links to them are not reported a second time as broken).
pub struct Loaded {
    /// Valid entries (drafts left out unless asked for).
    pub entries: Vec<Arc<Entry>>,
    /// Entries left out because of errors.
    pub failed: Vec<(Section, String)>,
    /// Those of them that could be read: their references and bodies are still checked, so
    /// that their other problems show in the same run.
    pub left_out: Vec<Arc<Entry>>,
    /// The first file of every entry marked `draft: true`, built or not, so `check` can list
    /// what is not published yet.
    pub drafts: Vec<std::path::PathBuf>,
}

/// Loads, merges and validates every entry. Entries with errors are left out (and reported).
/// With a cache, entries whose files have not changed since the last run are taken from it.
pub fn load(
    config: &Config,
    vocabulary: &Vocabulary,
    i18n: &I18n,
    cache: Option<&mut cache::Cache>,
    diagnostics: &mut Diagnostics,
) -> Loaded {
    let found = discover::discover(&config.root, &config.languages, diagnostics);
    let read = |f: discover::Found| -> cache::Outcome {
        let mut problems = Vec::new();
        let mut entry = entry::read(f, &config.languages, &mut problems);
        if let Some(e) = &mut entry {
            codes::resolve(e, vocabulary, &mut problems);
            validate::validate(e, &mut problems);
        }
        (entry.map(Arc::new), problems)
    };
    let results: Vec<((Section, String), cache::Outcome)> = match cache {
        None => found
            .into_par_iter()
            .map(|f| ((f.section, f.slug.clone()), read(f)))
            .collect(),
        Some(cache) => {
            cache.check_inputs(inputs_fingerprint(config, vocabulary, i18n));
            let fresh: Vec<_> = found
                .into_par_iter()
                .map(|f| {
                    let stamps = cache::Cache::stamps(&f);
                    let key = (f.section, f.slug.clone());
                    let outcome = cache.get(&f, &stamps).unwrap_or_else(|| read(f));
                    (key, (stamps, outcome))
                })
                .collect();
            let results = fresh
                .iter()
                .map(|(key, (_, outcome))| (key.clone(), outcome.clone()))
                .collect();
            cache.replace(fresh);
            results
        }
    };
    let mut loaded = Loaded {
        entries: Vec::with_capacity(results.len()),
        failed: Vec::new(),
        left_out: Vec::new(),
        drafts: Vec::new(),
    };
    for (key, (entry, problems)) in results {
        // An entry with any error (its handbook's included) is left out.
        let failed = problems.iter().any(Diagnostic::is_error);
        diagnostics.extend(problems);
        match entry {
            Some(e) if failed => {
                loaded.failed.push(key);
                loaded.left_out.push(e);
            }
            Some(e) => {
                if e.is_draft() {
                    loaded.drafts.push(e.parts[0].shown.clone());
                }
                if config.drafts || !e.is_draft() {
                    loaded.entries.push(e);
                }
            }
            None => loaded.failed.push(key),
        }
    }
    loaded
}

/// A hash of what entries are checked against (and every page shows): when it changes, no
/// cached entry or page holds.
pub(crate) fn inputs_fingerprint(config: &Config, vocabulary: &Vocabulary, i18n: &I18n) -> u64 {
    crate::fingerprint::of(&(
        format!("{config:?}"),
        vocabulary.fingerprint(),
        i18n.fingerprint(),
    ))
}
