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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostics::Pos;
    use discover::{Found, FoundFile, Role};

    /// The entry `slug` of `section` made of `files` (name, text) written into `dir`, as
    /// discovery finds it: Markdown files by their language, a `.yaml` file in the YAML form.
    pub(crate) fn found(dir: &std::path::Path, section: Section, files: &[(&str, &str)]) -> Found {
        let files = files
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                std::fs::write(&path, text).unwrap();
                let role = match name.rsplit('.').nth(1) {
                    Some(lang) if name.ends_with(".md") => Role::Markdown(lang.to_string()),
                    _ => Role::Yaml,
                };
                let shown = std::path::PathBuf::from(format!("content/{}/{name}", section.dir()));
                FoundFile { path, shown, role }
            })
            .collect();
        Found {
            section,
            slug: "x".into(),
            folder: None,
            assets: Vec::new(),
            files,
            handbook: None,
        }
    }

    /// Reads, resolves and checks one entry as `load` does: the entry and (kind, line, column)
    /// of every problem.
    pub(crate) fn checked(
        section: Section,
        files: &[(&str, &str)],
    ) -> (Option<Entry>, Vec<(&'static str, Option<Pos>)>) {
        let dir = tempfile::tempdir().unwrap();
        let languages = ["bg".to_string(), "en".to_string()];
        let mut problems = Vec::new();
        let entry = entry::read(found(dir.path(), section, files), &languages, &mut problems);
        if let Some(e) = &entry {
            validate::validate(e, &mut problems);
        }
        // As the build shows them: sorted by place, each once.
        let mut shown = Diagnostics::default();
        shown.extend(problems);
        let kinds = shown
            .sorted()
            .iter()
            .map(|d| (d.problem.kind(), d.pos()))
            .collect();
        (entry, kinds)
    }

    #[test]
    fn an_entry_in_two_languages_shares_its_neutral_fields() {
        let bg = "---\ntitle: Т\nsummary: С.\ndate: 2021-05-10\nthemes: [digital]\n---\nТекст.\n";
        let en = "---\ntitle: T\nsummary: S.\n---\nText.\n";
        let (entry, problems) = checked(Section::Practices, &[("x.bg.md", bg), ("x.en.md", en)]);
        assert!(problems.is_empty(), "{problems:?}");
        let entry = entry.unwrap();
        let Some(model::Fields::Practice(p)) = entry.variants.get("en").map(|v| &v.fields) else {
            panic!("an English practice");
        };
        assert_eq!(p.date.map(|d| d.iso()).as_deref(), Some("2021-05-10"));
        assert_eq!(entry.variants["en"].body, "Text.\n");
    }

    /// The tables of `docs/content.md` under the heading `## <kind>`: (field, neutral) per row.
    /// The handbook's section holds two tables: `table` picks one.
    fn documented(kind: &str, table: usize) -> Vec<(String, bool)> {
        let docs = include_str!("../../docs/content.md");
        let section = docs
            .split("\n## ")
            .find(|s| s.starts_with(kind))
            .unwrap_or_else(|| panic!("docs/content.md has no section {kind}"));
        let tables: Vec<Vec<(String, bool)>> = section
            .split("| field |")
            .skip(1)
            .map(|table| {
                table
                    .lines()
                    .skip(2)
                    .take_while(|l| l.starts_with("| `"))
                    .map(|row| {
                        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
                        (cells[1].trim_matches('`').to_string(), cells[2] == "N")
                    })
                    .collect()
            })
            .collect();
        tables[table].clone()
    }

    fn fields(known: &[&str], neutral: &[&str]) -> Vec<(String, bool)> {
        let mut fields: Vec<(String, bool)> = known
            .iter()
            .map(|f| (f.to_string(), neutral.contains(f)))
            .collect();
        fields.sort();
        fields
    }

    #[test]
    fn the_content_reference_lists_every_field_the_builder_reads() {
        for section in Section::ALL {
            let kind = section.dir().trim_end_matches('s');
            let mut docs = documented(kind, 0);
            docs.sort();
            let code = fields(&section.known_fields(), &section.neutral_fields());
            assert_eq!(docs, code, "docs/content.md, section {kind}");
        }
        for (table, known, neutral) in [
            (0, handbook::BOOK_FIELDS, handbook::BOOK_NEUTRAL),
            (1, handbook::CHAPTER_FIELDS, handbook::CHAPTER_NEUTRAL),
        ] {
            let mut docs = documented("handbook", table);
            docs.sort();
            let split = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
            assert_eq!(
                docs,
                fields(&split(known), &split(neutral)),
                "handbook table {table}"
            );
        }
    }
}
