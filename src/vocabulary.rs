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
    /// The label per language (for counted things such as `reach`, the plural).
    pub labels: BTreeMap<String, String>,
    /// For counted things, the singular per language (`учител` beside `учители`), written
    /// `{bg: [учител, учители], en: [teacher, teachers]}`.
    pub singular: BTreeMap<String, String>,
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
        let mut map = match yaml::parse_mapping(source, file) {
            Ok(map) => map,
            Err(d) => return diagnostics.push(d),
        };
        diagnostics.extend(yaml::check_parsed(source, file, &mut map));
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
                let mut singular = BTreeMap::new();
                for lang in languages {
                    match langmap::resolve(&labels, lang, languages) {
                        Value::String(label) => {
                            resolved.insert(lang.clone(), label);
                        }
                        Value::Array(forms) => {
                            if let [Value::String(one), Value::String(other)] = forms.as_slice() {
                                singular.insert(lang.clone(), one.clone());
                                resolved.insert(lang.clone(), other.clone());
                            }
                        }
                        _ => {}
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
                self.add(&set, &code, resolved, singular);
            }
        }
    }

    fn add(
        &mut self,
        set: &str,
        code: &str,
        labels: BTreeMap<String, String>,
        singular: BTreeMap<String, String>,
    ) {
        let terms = self.sets.entry(set.to_string()).or_default();
        match self.index.get(&(set.to_string(), code.to_string())) {
            Some(&i) => {
                terms[i].labels.extend(labels);
                terms[i].singular.extend(singular);
            }
            None => {
                self.index
                    .insert((set.to_string(), code.to_string()), terms.len());
                terms.push(Term {
                    code: code.to_string(),
                    labels,
                    singular,
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

    /// The term for `code`, if the vocabulary has it.
    pub fn lookup(&self, set: &str, code: &str) -> Option<&Term> {
        let i = self.index.get(&(set.to_string(), code.to_string()))?;
        Some(&self.sets[set][*i])
    }

    /// The label of a known code in `lang`; the code itself if unknown (validation reports it).
    pub fn label<'a>(&'a self, set: &str, code: &'a str, lang: &str) -> &'a str {
        self.lookup(set, code)
            .and_then(|t| t.labels.get(lang))
            .map_or(code, String::as_str)
    }

    /// A count of a counted term in `lang`: `1 учител`, `80 учители`, `8,205 educators`
    /// (Bulgarian and English both use the singular for exactly one).
    pub fn count(&self, set: &str, code: &str, count: u64, lang: &str) -> String {
        let term = self.lookup(set, code);
        let singular = term
            .and_then(|t| t.singular.get(lang))
            .filter(|_| count == 1);
        let form = singular.map_or_else(|| self.label(set, code, lang), String::as_str);
        format!("{} {form}", group_digits(count, lang))
    }

    /// The code of what an author wrote: the code itself, or one of its labels in any language
    /// (`дигитално образование`, `Digital education`: `digital`), ignoring case and extra
    /// spaces. Otherwise the problem to report, with the nearest code and its label, or every
    /// code when none is near.
    pub fn resolve(&self, set: &str, written: &str) -> Result<String, Problem> {
        if self
            .index
            .contains_key(&(set.to_string(), written.to_string()))
        {
            return Ok(written.to_string());
        }
        let plain = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let wanted = plain(written);
        let terms = self.terms(set);
        let by_label = terms.iter().find(|t| {
            t.labels
                .values()
                .chain(t.singular.values())
                .any(|l| plain(l) == wanted)
        });
        if let Some(term) = by_label {
            return Ok(term.code.clone());
        }
        let names = terms.iter().flat_map(|t| {
            std::iter::once(t.code.as_str()).chain(t.labels.values().map(String::as_str))
        });
        let near = nearest(&wanted, names).and_then(|near| {
            terms
                .iter()
                .find(|t| t.code == near || t.labels.values().any(|l| *l == near))
        });
        let shown = crate::messages::chosen().code();
        Err(Problem::UnknownCode {
            vocabulary: set.to_string(),
            code: written.to_string(),
            suggestion: near.map(|t| t.code.clone()),
            label: near.and_then(|t| {
                t.labels
                    .get(shown)
                    .or_else(|| t.labels.values().next())
                    .cloned()
            }),
            known: terms.iter().map(|t| t.code.clone()).collect(),
        })
    }
}

/// A whole number with grouped thousands as the language writes it: `8 205` (with a no-break
/// space) in Bulgarian, `8,205` in English.
pub fn group_digits(number: u64, lang: &str) -> String {
    let digits = number.to_string();
    let sep = if lang == "bg" { '\u{a0}' } else { ',' };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    grouped
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
            "themes:\n  robotics: {bg: Роботика, en: Robotics}\n  digital: {en: Digital skills}\n\
             reach:\n  librarians: {bg: [библиотекар, библиотекари], en: [librarian, librarians]}\n",
        )
        .unwrap();
        let mut d = Diagnostics::default();
        let v = Vocabulary::load(dir.path(), &langs(), &mut d);
        assert!(!d.has_errors());
        assert_eq!(v.label("themes", "robotics", "bg"), "Роботика");
        assert_eq!(v.label("themes", "digital", "en"), "Digital skills");
        assert_eq!(v.label("themes", "digital", "bg"), "дигитално образование");
        assert_eq!(v.count("reach", "librarians", 1, "bg"), "1 библиотекар");
        assert_eq!(v.count("reach", "librarians", 3, "en"), "3 librarians");
        match v.resolve("themes", "robotcs") {
            Err(Problem::UnknownCode { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("robotics"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn labels_are_read_as_their_codes_and_counts_take_plural_forms() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Diagnostics::default();
        let v = Vocabulary::load(dir.path(), &langs(), &mut d);
        for written in [
            "digital",
            "дигитално образование",
            "Digital education",
            " digital  EDUCATION ",
        ] {
            assert_eq!(
                v.resolve("themes", written).unwrap(),
                "digital",
                "{written}"
            );
        }
        // A near miss of a label suggests its code; nothing near lists the codes.
        match v.resolve("themes", "дигитално обрзование") {
            Err(Problem::UnknownCode { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("digital"))
            }
            other => panic!("{other:?}"),
        }
        match v.resolve("levels", "zzzzzzzzzzzz") {
            Err(Problem::UnknownCode {
                suggestion: None,
                known,
                ..
            }) => assert!(known.contains(&"primary".to_string())),
            other => panic!("{other:?}"),
        }
        assert_eq!(v.count("reach", "teachers", 1, "bg"), "1 учител");
        assert_eq!(v.count("reach", "teachers", 80, "bg"), "80 учители");
        assert_eq!(v.count("reach", "educators", 8205, "en"), "8,205 educators");
        assert_eq!(
            v.count("reach", "children", 12000, "bg"),
            "12\u{a0}000 деца"
        );
        for code in [
            "children",
            "students",
            "teachers",
            "educators",
            "parents",
            "families",
            "schools",
            "kindergartens",
            "organisations",
            "companies",
            "municipalities",
            "volunteers",
            "participants",
            "countries",
        ] {
            assert!(v.resolve("reach", code).is_ok(), "{code}");
        }
        for role in ["coordinator", "partner", "associated", "sending", "host"] {
            assert!(v.resolve("partner_roles", role).is_ok(), "{role}");
        }
    }
}
