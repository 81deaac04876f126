//! What the index knows of one page: its display data and its terms counted per field,
//! made in parallel with rendering (and saved between builds), so that building the index
//! only has to add up.

use super::analyze::{is_cyrillic, latin_key, normalize, term, words};
use super::terms::Term;
use ahash::AHashMap;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The characters of the body kept per document to build result snippets.
const EXCERPT_CHARS: usize = 300;

/// One searchable page, as the renderer describes it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Link from the site root (offline-aware).
    pub href: String,
    /// Title.
    pub title: String,
    /// Section folder (`practices`…), the type facet.
    pub kind: String,
    /// Summary.
    pub summary: String,
    /// Body headings: anchor id and text.
    pub headings: Vec<(String, String)>,
    /// Body text before the first heading, then under each heading.
    pub sections: Vec<String>,
    /// Keywords and the organisation's name: searched like the summary.
    pub extra: Vec<String>,
    /// Text of the structured fields shown with the body (steps, results, objectives…):
    /// searched like the body.
    pub lists: Vec<String>,
    /// Theme codes.
    pub themes: Vec<String>,
    /// Level codes.
    pub levels: Vec<String>,
    /// Programme code (projects).
    pub programme: Option<String>,
    /// Year of the date or start.
    pub year: Option<i32>,
}

/// A document with its terms counted: what [`analyze`] makes of a [`Document`], in parallel
/// with rendering, so that the index only has to add up.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Analyzed {
    /// The document, its body text cut down to the excerpt results show.
    pub doc: Document,
    /// What its result shows, as JSON (see [`display`]).
    pub shown: String,
    /// Terms with their counts per field (title, headings, summary, body) and the body section
    /// they first occur in. Terms are shared strings: most recur in every document.
    pub terms: Vec<(Term, [u32; 4], u32)>,
    /// Words per field.
    pub lengths: [u32; 4],
    /// The written forms of the document's words in Latin letters (see [`word_info`]), with
    /// their terms: for Latin-typed Bulgarian and for near misses.
    pub latin: Vec<(Term, Term)>,
}

/// A word's term and, for a Cyrillic word, its Latin key (`None` for a stop word).
type WordInfo = Option<(Arc<str>, Option<Arc<str>>)>;

/// The term of a normalized word and its Latin key, when it has one: a Cyrillic word's
/// transliteration (`uchitelite`), a Latin-script word itself when it is not its own term
/// (`teachers`); remembered per thread, since most words recur on every page.
fn word_info(word: &str) -> WordInfo {
    thread_local! {
        static SEEN: RefCell<AHashMap<String, WordInfo>> = RefCell::new(AHashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(info) = seen.borrow().get(word) {
            return info.clone();
        }
        let info = term(word).map(|t| {
            let key = if word.chars().any(is_cyrillic) {
                Some(latin_key(word))
            } else {
                (t != word).then(|| word.to_string())
            };
            (Arc::from(t), key.map(Arc::from))
        });
        seen.borrow_mut().insert(word.to_string(), info.clone());
        info
    })
}

/// Counts the terms of a document.
pub fn analyze(mut doc: Document) -> Analyzed {
    let mut terms: AHashMap<Arc<str>, ([u32; 4], Option<u32>)> = AHashMap::new();
    let mut lengths = [0u32; 4];
    let mut latin: BTreeSet<(Arc<str>, Arc<str>)> = BTreeSet::new();
    let mut add = |field: usize, text: &str, section: u32| {
        for word in words(&normalize(text)) {
            let Some((t, key)) = word_info(&word) else {
                continue;
            };
            lengths[field] += 1;
            if let Some(key) = key {
                latin.insert((key, t.clone()));
            }
            let entry = terms.entry(t).or_insert(([0; 4], None));
            entry.0[field] += 1;
            if field == 3 && entry.1.is_none() {
                entry.1 = Some(section);
            }
        }
    };
    add(0, &doc.title, 0);
    for (_, heading) in &doc.headings {
        add(1, heading, 0);
    }
    add(2, &doc.summary, 0);
    for extra in &doc.extra {
        add(2, extra, 0);
    }
    for (s, text) in doc.sections.iter().enumerate() {
        add(3, text, s as u32);
    }
    for text in &doc.lists {
        add(3, text, 0);
    }
    // Keep only what the index files need of the text: what results show.
    let shown = display(&doc).to_string();
    doc.sections = Vec::new();
    doc.extra = Vec::new();
    doc.lists = Vec::new();
    let terms = terms
        .into_iter()
        .map(|(t, (tf, section))| (Term(t), tf, section.unwrap_or(0)))
        .collect();
    Analyzed {
        doc,
        shown,
        terms,
        lengths,
        latin: latin.into_iter().map(|(k, t)| (Term(k), Term(t))).collect(),
    }
}

/// The body text results show: the start of the body, whitespace folded.
fn excerpt(sections: &[String]) -> String {
    let mut excerpt = String::new();
    let mut chars = 0;
    for word in sections.iter().flat_map(|s| s.split_whitespace()) {
        if chars >= EXCERPT_CHARS {
            break;
        }
        if !excerpt.is_empty() {
            excerpt.push(' ');
        }
        excerpt.push_str(word);
        chars += word.chars().count() + 1;
    }
    if let Some((cut, _)) = excerpt.char_indices().nth(EXCERPT_CHARS) {
        excerpt.truncate(cut);
    }
    excerpt
}

fn display(doc: &Document) -> Value {
    json!([
        doc.title,
        doc.href,
        doc.kind,
        doc.summary,
        doc.headings,
        excerpt(&doc.sections)
    ])
}
