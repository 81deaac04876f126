//! User-interface messages through Fluent, with each language's plural rules and date format.
//!
//! spodeli ships messages for Bulgarian and English (the repository's `locales/`, built into the
//! binary); a site's own `locales/<lang>/*.ftl` files override or add messages by id. Every
//! message must exist in every language: a gap is an error naming the id and where it is defined.

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Pos, Problem};
use crate::messages::Text;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{Dir, include_dir};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use time::Date;

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// Where each message id is defined, per language.
type Definitions = BTreeMap<String, BTreeMap<String, Location>>;

/// The messages of every site language.
pub struct I18n {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    /// Every message id, for [`I18n::constant_messages`].
    ids: Vec<String>,
    /// A hash of every message file read, to tell when messages changed.
    fingerprint: u64,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.bundles.keys())
            .finish()
    }
}

/// The paths in `dir`, sorted (none if it cannot be read: `locales/` is optional).
fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// Files under `locales/` that are not `<lang>/<name>.ftl` for a site language are not read: say
/// so, rather than leave a webmaster wondering why `locales/bg.ftl` changes nothing.
fn warn_of_unread_files(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) {
    let expected = Text::new("file-name-locale").arg("languages", languages.join(", "));
    for path in sorted_entries(&root.join("locales")) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let files = if path.is_dir() && languages.iter().any(|l| l == name) {
            sorted_entries(&path)
                .into_iter()
                .filter(|p| p.is_dir() || p.extension().is_none_or(|e| e != "ftl"))
                .collect()
        } else {
            vec![path]
        };
        for file in files {
            let shown = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            diagnostics.push(Diagnostic::warning(
                Location::file(shown),
                Problem::BadFileName {
                    expected: expected.clone(),
                },
            ));
        }
    }
}

impl I18n {
    /// Loads built-in messages, then the site's `locales/`, and checks every language has every id.
    pub fn load(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) -> I18n {
        let mut bundles = HashMap::new();
        let mut defined: Definitions = BTreeMap::new();
        let mut read = Vec::new();
        for lang in languages {
            let langid = lang.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            let mut files: Vec<(PathBuf, String)> = BUILT_IN
                .get_dir(lang.as_str())
                .map(|dir| {
                    dir.files()
                        .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
                        .map(|f| {
                            (
                                Path::new("locales").join(f.path()),
                                f.contents_utf8().unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            let site_dir = root.join("locales").join(lang);
            let mut site_files = sorted_entries(&site_dir);
            site_files.retain(|p| p.extension().is_some_and(|e| e == "ftl"));
            for path in site_files {
                let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                match crate::reader::read_text(&path, &shown) {
                    Ok(text) => files.push((shown, text)),
                    Err(d) => diagnostics.push(d),
                }
            }
            read.push(crate::fingerprint::of(&files));
            for (path, text) in files {
                for (id, line) in message_lines(&text) {
                    defined
                        .entry(id)
                        .or_default()
                        .insert(lang.clone(), Location::at(&path, Pos::new(line, 1)));
                }
                let resource = match FluentResource::try_new(text) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            let pos = Pos::of_offset(r.source(), e.pos.start, 1);
                            diagnostics.push(Diagnostic::error(
                                Location::at(&path, pos),
                                Problem::Fluent(
                                    Text::new("fluent-syntax").arg("detail", e.kind.to_string()),
                                ),
                            ));
                        }
                        r
                    }
                };
                bundle.add_resource_overriding(resource);
            }
            bundles.insert(lang.clone(), bundle);
        }
        warn_of_unread_files(root, languages, diagnostics);
        for (id, langs) in &defined {
            for lang in languages {
                if !langs.contains_key(lang) {
                    let defined_in = langs
                        .values()
                        .next()
                        .cloned()
                        .unwrap_or_else(|| Location::file("locales"));
                    // Reported where the message is written, which is what the author has
                    // in front of them; the message names the file to add it to.
                    diagnostics.push(Diagnostic::error(
                        defined_in.clone(),
                        Problem::MissingMessage {
                            key: id.clone(),
                            lang: lang.clone(),
                            defined_in,
                        },
                    ));
                }
            }
        }
        I18n {
            bundles,
            ids: defined.into_keys().collect(),
            fingerprint: crate::fingerprint::of(&read),
        }
    }

    /// A hash of the message files: equal hashes, equal messages.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The messages of `lang` that need no arguments, already formatted: templates show dozens
    /// of them on every page, and a lookup is much cheaper than formatting each time.
    pub fn constant_messages(&self, lang: &str) -> HashMap<String, String> {
        self.ids
            .iter()
            .filter_map(|id| {
                self.message(lang, id, &[])
                    .ok()
                    .map(|text| (id.clone(), text))
            })
            .collect()
    }

    /// Formats message `key` in `lang` with named arguments (numbers select plural forms).
    pub fn message(
        &self,
        lang: &str,
        key: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> Result<String, Problem> {
        let bundle = self
            .bundles
            .get(lang)
            .ok_or_else(|| Problem::Fluent(Text::new("fluent-no-language").arg("lang", lang)))?;
        let message = bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| Problem::Fluent(Text::new("fluent-unknown-message").arg("key", key)))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(message, Some(&fluent_args), &mut errors);
        match errors.first() {
            Some(e) => Err(Problem::Fluent(
                Text::new("fluent-format")
                    .arg("key", key)
                    .arg("detail", e.to_string()),
            )),
            None => Ok(text.into_owned()),
        }
    }

    /// A message that is known to exist (used for built-in formats); falls back to the id.
    fn known(&self, lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.message(lang, key, args)
            .unwrap_or_else(|_| key.to_string())
    }

    /// A date the way the language writes it: „1 септември 2016 г.“, „1 September 2016“.
    pub fn date(&self, lang: &str, date: Date) -> String {
        let month = self.known(lang, &format!("month-{}", u8::from(date.month())), &[]);
        self.known(
            lang,
            "date",
            &[
                ("day", date.day().into()),
                ("month", month.into()),
                ("year", date.year().to_string().into()),
            ],
        )
    }
}

/// The message ids defined in an FTL text, with their 1-based lines.
fn message_lines(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let valid = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            valid.then(|| (id.to_string(), i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(root: &Path) -> (I18n, Diagnostics) {
        let mut d = Diagnostics::default();
        let i = I18n::load(root, &["bg".into(), "en".into()], &mut d);
        (i, d)
    }

    #[test]
    fn plurals_follow_each_language() {
        let dir = tempfile::tempdir().unwrap();
        let (i18n, d) = load(dir.path());
        assert!(!d.has_errors(), "{d:?}");
        let count = |lang, n: i64| {
            i18n.message(lang, "practices-count", &[("count", n.into())])
                .unwrap()
        };
        assert_eq!(count("bg", 1), "1 практика");
        assert_eq!(count("bg", 5), "5 практики");
        assert_eq!(count("en", 1), "1 practice");
        assert_eq!(count("en", 21), "21 practices");
    }

    #[test]
    fn dates_are_written_per_language() {
        let dir = tempfile::tempdir().unwrap();
        let (i18n, _) = load(dir.path());
        let date = Date::from_calendar_date(2016, time::Month::September, 1).unwrap();
        assert_eq!(i18n.date("bg", date), "1 септември 2016 г.");
        assert_eq!(i18n.date("en", date), "1 September 2016");
    }

    #[test]
    fn a_message_missing_in_one_language_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("locales/bg")).unwrap();
        std::fs::write(
            dir.path().join("locales/bg/extra.ftl"),
            "# extra\nonly-bg = Само тук\n",
        )
        .unwrap();
        let (_, d) = load(dir.path());
        let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].location,
            Some(Location::at("locales/bg/extra.ftl", Pos::new(2, 1)))
        );
        assert!(
            errors[0]
                .problem
                .to_string()
                .contains("locales/en/extra.ftl"),
            "{}",
            errors[0].problem
        );
        match &errors[0].problem {
            Problem::MissingMessage {
                key,
                lang,
                defined_in,
            } => {
                assert_eq!((key.as_str(), lang.as_str()), ("only-bg", "en"));
                assert_eq!(
                    defined_in,
                    &Location::at("locales/bg/extra.ftl", Pos::new(2, 1))
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn files_outside_the_language_folders_are_named_as_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let locales = dir.path().join("locales");
        std::fs::create_dir_all(locales.join("bg")).unwrap();
        std::fs::create_dir_all(locales.join("de")).unwrap();
        std::fs::write(locales.join("bg.ftl"), "nav-home = Начало\n").unwrap();
        std::fs::write(locales.join("bg/notes.txt"), "").unwrap();
        std::fs::write(locales.join("bg/main.ftl"), "").unwrap();
        let (_, d) = load(dir.path());
        let unread: Vec<String> = d
            .iter()
            .map(|d| {
                assert!(!d.is_error());
                assert!(matches!(d.problem, Problem::BadFileName { .. }));
                d.path().unwrap().to_string_lossy().into_owned()
            })
            .collect();
        assert_eq!(
            unread,
            ["locales/bg/notes.txt", "locales/bg.ftl", "locales/de"]
        );
    }
}
