//! Controlled vocabularies: the codes entries use for themes, levels, programmes and the like,
//! with a label per language. Readers always see labels, never codes.

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Pos, Problem, nearest};
use crate::langmap;
use crate::messages::Text;
use crate::yaml::{self, Source};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The file a site uses to add or relabel terms.
pub const VOCABULARY_FILE: &str = "vocabulary.yaml";

/// The built-in vocabularies, in the same layout as a site's `vocabulary.yaml`.
const DEFAULTS: &str = include_str!("vocabulary.yaml");

/// One code and its labels.
#[derive(Debug, Clone, Hash)]
pub struct Term {
    /// The code written in entries (`professional_development`).
    pub code: String,
    /// The label per language.
    pub labels: BTreeMap<String, String>,
}

/// All vocabularies of a site: the built-in ones, extended and relabelled by the site.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    sets: BTreeMap<String, Vec<Term>>,
    index: HashMap<(String, String), usize>,
}

impl Vocabulary {
    /// A hash of every term and label: equal hashes, equal vocabularies.
    pub fn fingerprint(&self) -> u64 {
        crate::fingerprint::of(&self.sets)
    }

    /// The built-in vocabularies merged with the site's `vocabulary.yaml`, if it has one.
    pub fn load(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        let builtin = Path::new("(built-in vocabulary)");
        vocabulary.merge(DEFAULTS, builtin, languages, false, diagnostics);
        let site_file = root.join(VOCABULARY_FILE);
        if site_file.exists() {
            match crate::reader::read_text(&site_file, Path::new(VOCABULARY_FILE)) {
                Ok(text) => vocabulary.merge(
                    &text,
                    Path::new(VOCABULARY_FILE),
                    languages,
                    true,
                    diagnostics,
                ),
                Err(d) => diagnostics.push(d),
            }
        }
        for (set, terms) in &vocabulary.sets {
            for term in terms {
                for lang in languages {
                    if !term.labels.contains_key(lang) {
                        let field = format!("{set}.{}", term.code);
                        let pos = Pos::new(1, 1);
                        diagnostics.push(Diagnostic::error(
                            Location::at(VOCABULARY_FILE, pos),
                            Problem::MissingField {
                                field,
                                lang: Some(lang.clone()),
                            },
                        ));
                    }
                }
            }
        }
        vocabulary
    }

    fn merge(
        &mut self,
        text: &str,
        file: &Path,
        languages: &[String],
        is_site: bool,
        diagnostics: &mut Diagnostics,
    ) {
        let source = Source {
            text,
            first_line: 1,
        };
        let map = match yaml::parse_mapping(source, file) {
            Ok(map) => map,
            Err(d) => return diagnostics.push(d),
        };
        for (set, terms) in map {
            if is_site && !self.sets.contains_key(&set) {
                diagnostics.push(Diagnostic::warning(
                    Location::at(file, yaml::locate_key(source, &set)),
                    Problem::UnknownField {
                        field: set.clone(),
                        known: self.sets.keys().cloned().collect(),
                    },
                ));
                continue;
            }
            let Value::Object(terms) = terms else {
                diagnostics.push(Diagnostic::error(
                    Location::at(file, yaml::locate(source, &set)),
                    Problem::WrongType {
                        field: set.clone(),
                        message: Text::new("vocabulary-expected-terms"),
                    },
                ));
                continue;
            };
            for (code, labels) in terms {
                // Codes become URL segments of term pages (`bg/themes/<code>/`).
                let valid = !code.is_empty()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if !valid {
                    let field = format!("{set}.{code}");
                    let message = Text::new("vocabulary-bad-code");
                    let location = Location::at(file, yaml::locate_key(source, &field));
                    diagnostics.push(Diagnostic::error(
                        location,
                        Problem::Invalid { field, message },
                    ));
                    continue;
                }
                let mut resolved = BTreeMap::new();
                for lang in languages {
                    if let Value::String(label) = langmap::resolve(&labels, lang, languages) {
                        resolved.insert(lang.clone(), label);
                    }
                }
                if resolved.is_empty() {
                    let field = format!("{set}.{code}");
                    diagnostics.push(Diagnostic::error(
                        Location::at(file, yaml::locate(source, &field)),
                        Problem::WrongType {
                            field,
                            message: Text::new("vocabulary-expected-label"),
                        },
                    ));
                    continue;
                }
                self.add(&set, &code, resolved);
            }
        }
    }

    fn add(&mut self, set: &str, code: &str, labels: BTreeMap<String, String>) {
        let terms = self.sets.entry(set.to_string()).or_default();
        match self.index.get(&(set.to_string(), code.to_string())) {
            Some(&i) => terms[i].labels.extend(labels),
            None => {
                self.index
                    .insert((set.to_string(), code.to_string()), terms.len());
                terms.push(Term {
                    code: code.to_string(),
                    labels,
                });
            }
        }
    }

    /// The names of the vocabularies (`themes`, `levels`, …).
    pub fn names(&self) -> Vec<&str> {
        self.sets.keys().map(String::as_str).collect()
    }

    /// Every code of every vocabulary (or of `only`) with its label in each language, one per
    /// line under its vocabulary's name: what `spodeli codes` prints and the README shows.
    pub fn listing(&self, languages: &[String], only: Option<&str>) -> String {
        let mut out = String::new();
        for (name, terms) in self
            .sets
            .iter()
            .filter(|(n, _)| only.is_none_or(|o| o == *n))
        {
            out.push_str(&format!("{name}:\n"));
            for term in terms {
                let labels: Vec<&str> = languages
                    .iter()
                    .filter_map(|l| term.labels.get(l).map(String::as_str))
                    .collect();
                out.push_str(&format!("  {} — {}\n", term.code, labels.join(" / ")));
            }
        }
        out
    }

    /// The terms of a vocabulary, in their defined order.
    pub fn terms(&self, set: &str) -> &[Term] {
        self.sets.get(set).map_or(&[], Vec::as_slice)
    }

    /// The term for `code`, or the nearest known code as a suggestion.
    pub fn lookup(&self, set: &str, code: &str) -> Result<&Term, Option<String>> {
        match self.index.get(&(set.to_string(), code.to_string())) {
            Some(&i) => Ok(&self.sets[set][i]),
            None => Err(nearest(
                code,
                self.terms(set).iter().map(|t| t.code.as_str()),
            )),
        }
    }

    /// The label of a known code in `lang`; the code itself if unknown (validation reports it).
    pub fn label<'a>(&'a self, set: &str, code: &'a str, lang: &str) -> &'a str {
        self.lookup(set, code)
            .ok()
            .and_then(|t| t.labels.get(lang))
            .map_or(code, String::as_str)
    }

    /// Checks a code, returning the problem to report if it is unknown.
    pub fn check(&self, set: &str, code: &str) -> Option<Problem> {
        self.lookup(set, code)
            .err()
            .map(|suggestion| Problem::UnknownCode {
                vocabulary: set.to_string(),
                code: code.to_string(),
                suggestion,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["bg".into(), "en".into()]
    }

    #[test]
    fn built_in_terms_have_both_labels() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Diagnostics::default();
        let v = Vocabulary::load(dir.path(), &langs(), &mut d);
        assert!(!d.has_errors(), "{:?}", d);
        assert_eq!(v.label("programmes", "etwinning", "bg"), "eTwinning");
        assert_eq!(v.label("themes", "digital", "bg"), "дигитално образование");
        assert_eq!(v.terms("levels")[0].code, "preschool");
    }

    #[test]
    fn codes_must_fit_in_urls() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(VOCABULARY_FILE),
            "themes:\n  Роботика: {bg: Роботика, en: Robotics}\n",
        )
        .unwrap();
        let mut d = Diagnostics::default();
        Vocabulary::load(dir.path(), &langs(), &mut d);
        let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1);
        assert!(
            matches!(&errors[0].problem, Problem::Invalid { field, .. } if field == "themes.Роботика")
        );
        // At the code itself, not at the set holding it.
        assert_eq!(errors[0].pos(), Some(Pos::new(2, 3)));
    }

    #[test]
    fn a_site_adds_and_relabels_terms() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(VOCABULARY_FILE),
            "themes:\n  robotics: {bg: Роботика, en: Robotics}\n  digital: {en: Digital skills}\n",
        )
        .unwrap();
        let mut d = Diagnostics::default();
        let v = Vocabulary::load(dir.path(), &langs(), &mut d);
        assert!(!d.has_errors());
        assert_eq!(v.label("themes", "robotics", "bg"), "Роботика");
        assert_eq!(v.label("themes", "digital", "en"), "Digital skills");
        assert_eq!(v.label("themes", "digital", "bg"), "дигитално образование");
        match v.check("themes", "robotcs") {
            Some(Problem::UnknownCode { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("robotics"))
            }
            other => panic!("{other:?}"),
        }
    }
}
