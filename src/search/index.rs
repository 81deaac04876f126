//! The search index of one language, written as classic-script files so that search works from
//! `file://` (no `fetch`, no modules, no WebAssembly): each file assigns one value to
//! `window.spodeliSearch["<lang>/<part>"]`, and the page loads a part by inserting a `<script>`.
//!
//! Parts, so that a query loads only what it needs:
//! - `meta.js`: counts, field boosts and the list of shards;
//! - `facets.js`: facet labels, and each document's facet values (for counts over all hits);
//! - `docs-<k>.js`: what results show (title, link, type, summary, headings, an excerpt), in
//!   chunks of [`DOCS_PER_CHUNK`];
//! - `t-<name>.js`: postings of a range of terms (in code-point order, each file about
//!   [`SHARD_BYTES`], cut where the terms themselves say so that one changed term changes one
//!   file, not every file after it; `meta.terms` lists the first term of each, `meta.term_files`
//!   the name of each file, made from that term): for each term,
//!   `[doc delta, score, section, …]`, the score a BM25F weight ×100 computed here, the section
//!   the heading (1-based) under which the term first occurs in the body, or 0;
//! - `l-<name>.js`: Latin keys of Cyrillic words (`uchilishte`) → their terms, for Latin
//!   typing, split the same way (`meta.latin`, `meta.latin_files`).

use super::analyze::{is_cyrillic, latin_key, normalize, term, words};
use super::terms::Term;
use crate::escape::script_safe;
use ahash::AHashMap;
use serde::Serialize;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The size postings and Latin-key files have on average (each between a quarter of it and
/// twice it).
pub const SHARD_BYTES: usize = 24 * 1024;

/// Documents per `docs-<k>.js` file.
pub const DOCS_PER_CHUNK: usize = 200;

/// How much a match in each field counts: title, headings, summary (with tags and organisation),
/// body. BM25F with one saturation over the weighted fields.
const BOOSTS: [f64; 4] = [5.0, 3.0, 2.0, 1.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The characters of the body kept per document to build result snippets.
const EXCERPT_CHARS: usize = 600;

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

/// Facet labels of the language, by facet and code.
pub type Labels = BTreeMap<&'static str, BTreeMap<String, String>>;

/// One output file of the index: path under the site root and its content.
pub type File = (String, String);

/// A document with its terms counted: what [`analyze`] makes of a [`Document`], in parallel
/// with rendering, so that [`build`] only has to add up.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Analyzed {
    /// The document, its body text cut down to the excerpt results show.
    doc: Document,
    /// What its result shows, as JSON (see [`display`]).
    shown: String,
    /// Terms with their counts per field (title, headings, summary, body) and the body section
    /// they first occur in. Terms are shared strings: most recur in every document.
    terms: Vec<(Term, [u32; 4], u32)>,
    lengths: [u32; 4],
    /// Latin keys of the document's Cyrillic words, with their terms.
    latin: Vec<(Term, Term)>,
}

/// A word's term and, for a Cyrillic word, its Latin key (`None` for a stop word).
type WordInfo = Option<(Arc<str>, Option<Arc<str>>)>;

/// A term's postings while they are collected: document, counts per field, first section.
type Postings = Vec<(u32, [u32; 4], u32)>;

/// The term of a normalized word and, for a Cyrillic word, its Latin key; remembered per
/// thread, since most words recur on every page.
fn word_info(word: &str) -> WordInfo {
    thread_local! {
        static SEEN: RefCell<AHashMap<String, WordInfo>> = RefCell::new(AHashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(info) = seen.borrow().get(word) {
            return info.clone();
        }
        let info = term(word).map(|t| {
            let cyrillic = word.chars().any(is_cyrillic);
            (Arc::from(t), cyrillic.then(|| Arc::from(latin_key(word))))
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

/// Builds the index files of `lang` under `search/<lang>/`.
pub fn build(lang: &str, mut analyzed: Vec<Arc<Analyzed>>, labels: &Labels) -> Vec<File> {
    analyzed.sort_by(|a, b| a.doc.href.cmp(&b.doc.href));
    let mut terms: AHashMap<&str, Postings> = AHashMap::new();
    let mut latin: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (d, a) in analyzed.iter().enumerate() {
        for (t, tf, section) in &a.terms {
            terms.entry(t).or_default().push((d as u32, *tf, *section));
        }
        for (key, t) in &a.latin {
            latin.entry(key).or_default().insert(t);
        }
    }
    let lengths: Vec<[u32; 4]> = analyzed.iter().map(|a| a.lengths).collect();
    let docs: Vec<&Document> = analyzed.iter().map(|a| &a.doc).collect();
    let n = docs.len().max(1) as f64;
    let mut average = [0f64; 4];
    for l in &lengths {
        for f in 0..4 {
            average[f] += f64::from(l[f]) / n;
        }
    }
    // Rounded to steps of about 2 %, so that editing one entry, which moves the averages a
    // little, does not change every score (and every postings file) of the site.
    for a in &mut average {
        *a = ((a.max(1.0).log2() * 32.0).round() / 32.0).exp2();
    }
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (t, list) in terms {
        let df = list.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let mut encoded = Vec::with_capacity(list.len() * 3);
        let mut previous = 0;
        for (d, tf, section) in list {
            let weighted: f64 = (0..4)
                .map(|f| {
                    let norm =
                        1.0 - B + B * f64::from(lengths[d as usize][f]) / average[f].max(1.0);
                    BOOSTS[f] * f64::from(tf[f]) / norm
                })
                .sum();
            let score = idf * weighted * (K1 + 1.0) / (K1 + weighted);
            encoded.extend([
                d - previous,
                (score * 100.0).round().max(1.0) as u32,
                section,
            ]);
            previous = d;
        }
        postings.insert(t.to_string(), encoded);
    }
    let latin: BTreeMap<String, Vec<&str>> = latin
        .into_iter()
        .map(|(k, set)| (k.to_string(), set.into_iter().collect()))
        .collect();
    let term_shards = split(&postings);
    let latin_shards = split(&latin);

    let mut files = Vec::new();
    let mut file = |part: &str, json: String| {
        let key = format!("{lang}/{part}");
        let text = format!(
            "(window.spodeliSearch=window.spodeliSearch||{{}})[{}]={json};\n",
            json!(key)
        );
        files.push((format!("search/{key}.js"), script_safe(&text)));
    };
    let meta = json!({
        "version": 1,
        "docs": docs.len(),
        "chunk": DOCS_PER_CHUNK,
        "terms": term_shards.iter().map(|(first, _)| first).collect::<Vec<_>>(),
        "term_files": term_shards.iter().map(|(first, _)| shard_name(first)).collect::<Vec<_>>(),
        "latin": latin_shards.iter().map(|(first, _)| first).collect::<Vec<_>>(),
        "latin_files": latin_shards.iter().map(|(first, _)| shard_name(first)).collect::<Vec<_>>(),
        "analyzer": analyzer_data(),
    });
    file("meta", meta.to_string());
    file("facets", to_json(&facets(&docs, labels)));
    for (k, chunk) in analyzed.chunks(DOCS_PER_CHUNK).enumerate() {
        let list: Vec<&str> = chunk.iter().map(|a| a.shown.as_str()).collect();
        file(&format!("docs-{k}"), format!("[{}]", list.join(",")));
    }
    for (first, json) in term_shards {
        file(&format!("t-{}", shard_name(&first)), json);
    }
    for (first, json) in latin_shards {
        file(&format!("l-{}", shard_name(&first)), json);
    }
    files
}

/// A shard's file name, from its first key rather than its place, so that a shard added before
/// it does not rename (and rewrite) every shard after it.
fn shard_name(first: &str) -> String {
    format!("{:012x}", crate::fingerprint::of(&first) >> 16)
}

/// What the query-side analyzer needs from this one: stop words and the stemmer's table.
pub fn analyzer_data() -> Value {
    json!({
        "stop": super::analyze::stop_words().collect::<Vec<_>>(),
        "masculine_t": super::stem_bg::MASCULINE_T,
    })
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Cuts a sorted map into consecutive JSON objects, with the first key of each (what the
/// client searches to find the file of a term or prefix).
///
/// Where a file ends is decided by its last key, not by how much came before: a file ends
/// after a key whose hash falls under that entry's share of [`SHARD_BYTES`] (so files hold
/// about that much), once it holds a quarter of it, and always before it would pass twice it.
/// A term added, removed or changed then changes its own file (and, rarely, the next), so that
/// a rebuild after one edit rewrites a few index files instead of every file after the term.
fn split<V: Serialize>(map: &BTreeMap<String, V>) -> Vec<(String, String)> {
    let mut shards: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for (key, value) in map {
        let entry = format!("{}:{}", to_json(key), to_json(value));
        match shards.last_mut() {
            Some((_, json)) if open && json.len() + entry.len() < 2 * SHARD_BYTES => {
                json.push(',');
                json.push_str(&entry);
            }
            _ => shards.push((key.clone(), format!("{{{entry}"))),
        }
        let size = shards.last().map_or(0, |(_, json)| json.len());
        let share = entry.len() as f64 / SHARD_BYTES as f64;
        let draw = crate::fingerprint::of(&key) as f64 / u64::MAX as f64;
        open = size < SHARD_BYTES / 4 || draw >= share;
    }
    shards
        .into_iter()
        .map(|(first, json)| (first, json + "}"))
        .collect()
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

/// The facets of a document, in the order `facets.js` holds them. The file names them
/// (`fields`), and the search page finds each by its name, never by a position agreed on twice.
const FACET_FIELDS: [&str; 5] = ["kind", "theme", "level", "programme", "year"];

/// One facet of one document: an index into its `codes` (a year is itself), several (themes,
/// levels), or none.
#[derive(Serialize)]
#[serde(untagged)]
enum FacetValue {
    One(Option<i64>),
    Many(Vec<usize>),
}

#[derive(Serialize)]
struct Facets<'a> {
    labels: &'a Labels,
    /// The facets each entry of `docs` holds, in order.
    fields: [&'static str; 5],
    /// Per document, its value of each of `fields` (codes index the label lists).
    docs: Vec<Vec<FacetValue>>,
    /// The codes of each facet, in label order, for the indexes above.
    codes: BTreeMap<&'static str, Vec<&'a String>>,
}

fn facets<'a>(docs: &[&Document], labels: &'a Labels) -> Facets<'a> {
    let codes: BTreeMap<&'static str, Vec<&String>> = labels
        .iter()
        .map(|(k, v)| (*k, v.keys().collect()))
        .collect();
    let index = |facet: &str, code: &str| {
        codes
            .get(facet)
            .and_then(|c| c.iter().position(|x| *x == code))
    };
    let one = |i: Option<usize>| FacetValue::One(i.map(|i| i as i64));
    let many = |facet: &str, list: &[String]| {
        FacetValue::Many(list.iter().filter_map(|t| index(facet, t)).collect())
    };
    let docs = docs
        .iter()
        .map(|d| {
            FACET_FIELDS
                .iter()
                .map(|&field| match field {
                    "kind" => one(Some(index("kind", &d.kind).unwrap_or(0))),
                    "theme" => many("theme", &d.themes),
                    "level" => many("level", &d.levels),
                    "programme" => one(d.programme.as_deref().and_then(|p| index(field, p))),
                    _ => FacetValue::One(d.year.map(i64::from)),
                })
                .collect()
        })
        .collect();
    Facets {
        labels,
        fields: FACET_FIELDS,
        docs,
        codes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(files: &[File], part: &str) -> Value {
        let (_, text) = files
            .iter()
            .find(|(p, _)| p.ends_with(&format!("/{part}.js")))
            .unwrap();
        let json = text
            .split_once("]=")
            .unwrap()
            .1
            .trim_end()
            .trim_end_matches(';');
        serde_json::from_str(json).unwrap()
    }

    fn doc(href: &str, title: &str, body: &str) -> Document {
        Document {
            href: href.into(),
            title: title.into(),
            kind: "practices".into(),
            sections: vec![body.into()],
            ..Default::default()
        }
    }

    #[test]
    fn large_indexes_split_into_ranges_that_one_change_barely_moves() {
        let map: BTreeMap<String, String> = (0..5000)
            .map(|i| (format!("term{i:05}"), "x".repeat(20)))
            .collect();
        let shards = split(&map);
        assert!(shards.len() > 3);
        let mut keys = 0;
        for (first, json) in &shards {
            assert!(json.len() <= 2 * SHARD_BYTES, "{}", json.len());
            let object: serde_json::Map<String, Value> = serde_json::from_str(json).unwrap();
            assert_eq!(object.keys().next(), Some(first));
            keys += object.len();
        }
        assert_eq!(keys, 5000);
        let average = map.len() * 30 / shards.len();
        assert!(
            (SHARD_BYTES / 3..SHARD_BYTES * 2).contains(&average),
            "{average}"
        );
        // A new term and a changed one: the other files stay as they were.
        let mut changed = map.clone();
        changed.insert("term02500a".into(), "y".repeat(20));
        changed.insert("term04000".into(), "z".repeat(400));
        let after = split(&changed);
        let moved = after.iter().filter(|s| !shards.contains(s)).count();
        assert!(moved <= 4, "{moved} of {} files changed", after.len());
    }

    #[test]
    fn writes_classic_scripts_with_postings_by_shard() {
        let docs = vec![
            doc(
                "bg/practices/a/",
                "Учителите учат заедно",
                "Училищата споделят.",
            ),
            doc("bg/practices/b/", "Родители", "Учител и родители </script>"),
        ];
        let files = build(
            "bg",
            docs.into_iter().map(|d| Arc::new(analyze(d))).collect(),
            &Labels::new(),
        );
        for (path, text) in &files {
            assert!(path.starts_with("search/bg/"), "{path}");
            assert!(
                text.starts_with("(window.spodeliSearch=window.spodeliSearch||{})[\"bg/"),
                "{text}"
            );
            assert!(!text.contains("</script"), "{path}");
        }
        let meta = parse(&files, "meta");
        let shard = parse(
            &files,
            &format!("t-{}", meta["term_files"][0].as_str().unwrap()),
        );
        let postings = shard["учител"].as_array().unwrap();
        // Both documents, the title match scoring higher.
        assert_eq!(postings.len(), 6);
        assert!(postings[1].as_u64() > postings[4].as_u64());
        // Doc b's body mentions учител before any heading: section 0.
        assert_eq!(postings[5], 0);
        let latin = parse(
            &files,
            &format!("l-{}", meta["latin_files"][0].as_str().unwrap()),
        );
        assert_eq!(latin["uchilishtata"], json!(["училищ"]));
        assert_eq!(meta["docs"], 2);
        assert_eq!(meta["terms"][0], "script", "Latin sorts before Cyrillic");
        let docs = parse(&files, "docs-0");
        assert_eq!(docs[0][0], "Учителите учат заедно");
    }

    #[test]
    fn facets_name_the_place_of_each_value() {
        let labels = |codes: &[&str]| -> BTreeMap<String, String> {
            codes
                .iter()
                .map(|c| (c.to_string(), c.to_uppercase()))
                .collect()
        };
        let labels = Labels::from([
            ("kind", labels(&["practices", "projects"])),
            ("theme", labels(&["digital", "reading", "stem"])),
            ("level", labels(&["primary"])),
            ("programme", labels(&["erasmus_plus", "etwinning"])),
        ]);
        let mut project = doc("bg/projects/p/", "Проект", "Текст.");
        project.kind = "projects".into();
        project.themes = vec!["stem".into(), "digital".into()];
        project.programme = Some("etwinning".into());
        project.year = Some(2021);
        let files = build("bg", vec![Arc::new(analyze(project))], &labels);
        let facets = parse(&files, "facets");
        let place = |field: &str| {
            let fields = facets["fields"].as_array().unwrap();
            fields.iter().position(|f| f == field).unwrap()
        };
        let entry = &facets["docs"][0];
        assert_eq!(entry[place("kind")], 1, "projects is the second kind");
        assert_eq!(entry[place("theme")], json!([2, 0]), "stem, digital");
        assert_eq!(entry[place("level")], json!([]));
        assert_eq!(entry[place("programme")], 1);
        assert_eq!(entry[place("year")], 2021);
    }
}
