//! The search index of one language, written as classic-script files so that search works from
//! `file://` (no `fetch`, no modules, no WebAssembly): each file assigns one value to
//! `window.spodeliSearch["<lang>/<part>"]`, and the page loads a part by inserting a `<script>`.
//!
//! What a query loads does not grow with the site: the parts are cut so that a query of a few
//! words needs `meta.js`, one term file per word, and the display data of the results it shows.
//! - `meta.js`: counts, the facets' codes, labels and totals, and the first key and file name
//!   of every range file below (which grow with the vocabulary, not with the documents);
//! - `t-<name>.js`: terms in code-point order ([`shards`]), each with its number of documents,
//!   the first block of its postings ([`postings`]), the sizes and best scores of the other
//!   blocks, and, when there are other blocks, its facet histogram ([`facets`]);
//! - `p-<name>-<k>.js`: a term's block `k` (the term file names them), loaded only when it
//!   could change the first page;
//! - `w-<name>.js`: every term with its number of documents, for the word being typed;
//! - `l-<name>.js`: Latin keys of Cyrillic words (`uchilishte`) → their terms;
//! - `y-<k>.js`: near-miss keys → terms ([`typos`]);
//! - `r/<xx>/<group>.js`: what results show (title, link, type, summary, headings, excerpt),
//!   by id, for the ids of one group ([`IDS_PER_GROUP`]).
//!
//! Document ids are stable: a hash of the page's address in a space 64 times the number of
//! documents, so that adding a page does not renumber (and rewrite) the others' files.

use super::document::Analyzed;
use super::facets::{Labels, Layout, Signature};
use super::postings::{self, Posting};
use super::shards::{self, split, to_json};
use super::{code, typos};
use crate::escape::script_safe;
use ahash::AHashMap;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One output file of the index: path under the site root and its content.
pub type File = (String, String);

/// The index's layout; `engine.js` refuses another.
const VERSION: u32 = 2;

/// Ids per result file: with ids spread over 64 times as many as there are documents, about
/// four results to a file. One file per result would double a site's files (a slow first
/// upload over FTP, a slow copy to a USB stick); more per file, and the first page of results
/// would fetch the display data of many results it does not show.
const IDS_PER_GROUP: u32 = 256;

/// How much a match in each field counts: title, headings, summary (with tags and organisation),
/// body. BM25F with one saturation over the weighted fields.
const BOOSTS: [f64; 4] = [5.0, 3.0, 2.0, 1.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The index files of `lang` under `search/<lang>/`.
pub fn build(lang: &str, mut analyzed: Vec<Arc<Analyzed>>, labels: &Labels) -> Vec<File> {
    analyzed.sort_by(|a, b| a.doc.href.cmp(&b.doc.href));
    let ids = ids(&analyzed);
    let layout = Layout::of(labels, analyzed.iter().map(|a| &a.doc));
    let signatures: Vec<Signature> = analyzed.iter().map(|a| layout.signature(&a.doc)).collect();
    let slots: Vec<Vec<u32>> = signatures.iter().map(|s| layout.slots(s)).collect();
    let mut out = Files {
        lang,
        files: Vec::new(),
    };
    let docs = Docs {
        analyzed: &analyzed,
        ids: &ids,
        signatures: &signatures,
        slots: &slots,
    };
    let terms = term_entries(&docs, &layout, &mut out);
    let lexicon: BTreeMap<String, u64> = terms
        .iter()
        .map(|(t, entry)| (t.clone(), entry[0].as_u64().unwrap_or(0)))
        .collect();
    let mut latin: AHashMap<&str, BTreeSet<&str>> = AHashMap::new();
    for a in &analyzed {
        for (key, t) in &a.latin {
            latin.entry(key).or_default().insert(t);
        }
    }
    let latin: BTreeMap<String, BTreeSet<&str>> =
        latin.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let term_keys: Vec<(String, &str)> =
        lexicon.keys().map(|t| (form_key(t), t.as_str())).collect();
    let forms = latin
        .iter()
        .flat_map(|(key, terms)| terms.iter().map(move |t| (key.as_str(), *t)));
    let (typo_buckets, buckets) =
        typos::buckets(term_keys.iter().map(|(k, t)| (k.as_str(), *t)).chain(forms));
    let mut directory = serde_json::Map::new();
    for (kind, shards) in [
        ("terms", out.ranges("t", split(&terms))),
        ("words", out.ranges("w", split(&lexicon))),
        ("latin", out.ranges("l", split(&latin))),
    ] {
        directory.insert(kind.into(), json!(shards));
    }
    for (k, bucket) in buckets.iter().enumerate() {
        out.add(&format!("y-{k}"), to_json(bucket));
    }
    let mut groups: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for (a, id) in analyzed.iter().zip(&ids) {
        let entry = format!("\"{id}\":{}", a.shown);
        groups.entry(id / IDS_PER_GROUP).or_default().push(entry);
    }
    for (group, entries) in groups {
        let part = format!("r/{:02x}/{group}", group & 255);
        out.add(&part, format!("{{{}}}", entries.join(",")));
    }
    let mut facets = layout.to_json(labels);
    facets["total"] = json!(layout.histogram(slots.iter().map(Vec::as_slice)));
    let meta = json!({
        "version": VERSION,
        "docs": analyzed.len(),
        "head": postings::HEAD,
        "group": IDS_PER_GROUP,
        "ranges": directory,
        "typos": typo_buckets,
        "facets": facets,
        "analyzer": analyzer_data(),
    });
    out.add("meta", meta.to_string());
    out.files
}

/// The files being written, each a classic script registering its part.
struct Files<'a> {
    lang: &'a str,
    files: Vec<File>,
}

impl Files<'_> {
    fn add(&mut self, part: &str, json: String) {
        let key = format!("{}/{part}", self.lang);
        let text = format!(
            "(window.spodeliSearch=window.spodeliSearch||{{}})[{}]={json};\n",
            json!(key)
        );
        self.files
            .push((format!("search/{key}.js"), script_safe(&text)));
    }

    /// Writes range files as `<prefix>-<name>` and returns their first keys and names.
    fn ranges(&mut self, prefix: &str, ranges: Vec<(String, String)>) -> [Vec<String>; 2] {
        let mut firsts = Vec::new();
        let mut names = Vec::new();
        for (first, json) in ranges {
            let name = shards::name(&first);
            self.add(&format!("{prefix}-{name}"), json);
            firsts.push(first);
            names.push(name);
        }
        [firsts, names]
    }
}

/// Stable document ids: each document's address hashed into a space of at least 64 times as
/// many ids as documents (a power of two), the next free id on a collision.
fn ids(analyzed: &[Arc<Analyzed>]) -> Vec<u32> {
    let space = (analyzed.len() * 64).next_power_of_two().max(1 << 12) as u64;
    let mut taken = ahash::AHashSet::new();
    analyzed
        .iter()
        .map(|a| {
            let mut id = crate::fingerprint::of(&a.doc.href) % space;
            while !taken.insert(id) {
                id = (id + 1) % space;
            }
            id as u32
        })
        .collect()
}

/// Average words per field, rounded to steps of about 2 %, so that editing one entry, which
/// moves the averages a little, does not change every score (and every file) of the site.
fn averages(analyzed: &[Arc<Analyzed>]) -> [f64; 4] {
    let n = analyzed.len().max(1) as f64;
    let mut average = [0f64; 4];
    for a in analyzed {
        for (f, sum) in average.iter_mut().enumerate() {
            *sum += f64::from(a.lengths[f]) / n;
        }
    }
    average.map(|a| ((a.max(1.0).log2() * 32.0).round() / 32.0).exp2())
}

/// The documents of one index, in the order of their places.
struct Docs<'a> {
    analyzed: &'a [Arc<Analyzed>],
    ids: &'a [u32],
    signatures: &'a [Signature],
    /// Each document's places in a facet histogram.
    slots: &'a [Vec<u32>],
}

/// A term in one document while postings are collected: the document's place, the term's
/// counts per field, and the section it first occurs in.
type Counted = (usize, [u32; 4], u32);

/// Every term's entry for its range file (`[documents, first block, later blocks' sizes and
/// best impacts]`, and with later blocks its histogram and the name of their files
/// `p-<name>-<k>`), writing the later blocks as files of their own.
fn term_entries(docs: &Docs<'_>, layout: &Layout, out: &mut Files<'_>) -> BTreeMap<String, Value> {
    let Docs {
        analyzed,
        ids,
        signatures,
        slots,
    } = docs;
    let mut terms: AHashMap<&str, Vec<Counted>> = AHashMap::new();
    for (d, a) in analyzed.iter().enumerate() {
        for (t, tf, section) in &a.terms {
            terms.entry(t).or_default().push((d, *tf, *section));
        }
    }
    let average = averages(analyzed);
    // BM25's length normalisation of each field of each document, computed once.
    let norms: Vec<[f64; 4]> = analyzed
        .iter()
        .map(|a| std::array::from_fn(|f| 1.0 - B + B * f64::from(a.lengths[f]) / average[f]))
        .collect();
    let n = analyzed.len().max(1) as f64;
    let mut entries = BTreeMap::new();
    for (t, list) in terms {
        let df = list.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let list: Vec<Posting> = list
            .into_iter()
            .map(|(d, tf, section)| {
                let weighted: f64 = (0..4)
                    .map(|f| BOOSTS[f] * f64::from(tf[f]) / norms[d][f])
                    .sum();
                Posting {
                    place: d,
                    doc: ids[d],
                    impact: postings::impact(idf * weighted * (K1 + 1.0) / (K1 + weighted)),
                    section,
                    facets: &signatures[d],
                }
            })
            .collect();
        let blocks = postings::blocks(list);
        let name = shards::name(t);
        let mut later = String::new();
        for (k, block) in blocks.iter().enumerate().skip(1) {
            code::push(&mut later, block.len() as u64);
            code::push(
                &mut later,
                block.iter().map(|p| p.impact).max().unwrap_or(0),
            );
            out.add(
                &format!("p-{name}-{k}"),
                json!(postings::encode(block)).to_string(),
            );
        }
        let mut entry = vec![
            json!(df as u64),
            json!(postings::encode(&blocks[0])),
            json!(later),
        ];
        if blocks.len() > 1 {
            let counted = blocks.iter().flatten().map(|p| slots[p.place].as_slice());
            entry.push(json!(code::encode(layout.histogram(counted))));
            entry.push(json!(name));
        }
        entries.insert(t.to_string(), Value::Array(entry));
    }
    entries
}

/// A term spelt as the near-miss keys spell words: in Latin letters.
fn form_key(term: &str) -> String {
    if term.chars().any(super::analyze::is_cyrillic) {
        super::analyze::latin_key(term)
    } else {
        term.to_string()
    }
}

/// What the query-side analyzer needs from this one: stop words and the stemmer's table.
pub fn analyzer_data() -> Value {
    json!({
        "stop": super::analyze::stop_words().collect::<Vec<_>>(),
        "masculine_t": super::stem_bg::MASCULINE_T,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::{Document, analyze};

    fn part(files: &[File], part: &str) -> Value {
        let (_, text) = files
            .iter()
            .find(|(p, _)| p.ends_with(&format!("/{part}.js")))
            .unwrap_or_else(|| panic!("no part {part}"));
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

    fn build_bg(docs: Vec<Document>) -> Vec<File> {
        let labels = Labels::from([(
            "kind",
            BTreeMap::from([("practices".to_string(), "Практики".to_string())]),
        )]);
        build(
            "bg",
            docs.into_iter().map(|d| Arc::new(analyze(d))).collect(),
            &labels,
        )
    }

    /// The term file holding `term`, found as the page finds it.
    fn entry(files: &[File], term: &str) -> Value {
        let meta = part(files, "meta");
        let [firsts, names] = [&meta["ranges"]["terms"][0], &meta["ranges"]["terms"][1]];
        let k = firsts
            .as_array()
            .unwrap()
            .iter()
            .rposition(|f| f.as_str().unwrap() <= term)
            .unwrap();
        part(files, &format!("t-{}", names[k].as_str().unwrap()))[term].clone()
    }

    #[test]
    fn writes_classic_scripts_with_a_term_file_per_range() {
        let files = build_bg(vec![
            doc(
                "bg/practices/a/",
                "Учителите учат заедно",
                "Училищата споделят.",
            ),
            doc("bg/practices/b/", "Родители", "Учител и родители </script>"),
        ]);
        for (path, text) in &files {
            assert!(path.starts_with("search/bg/"), "{path}");
            assert!(
                text.starts_with("(window.spodeliSearch=window.spodeliSearch||{})[\"bg/"),
                "{text}"
            );
            assert!(!text.contains("</script"), "{path}");
        }
        let meta = part(&files, "meta");
        assert_eq!(meta["version"], 2);
        assert_eq!(meta["docs"], 2);
        assert_eq!(meta["ranges"]["terms"][0][0], "script", "Latin sorts first");
        let teacher = entry(&files, "учител");
        assert_eq!(teacher[0], 2, "two documents");
        assert_eq!(teacher[2], "", "one block");
        let postings = code::decode(teacher[1].as_str().unwrap()).unwrap();
        // Per document: id gap, impact, section, then the facets (a kind and no sets).
        assert_eq!(postings.len(), 2 * 4);
        let ids = ids(&[
            Arc::new(analyze(doc("bg/practices/a/", "", ""))),
            Arc::new(analyze(doc("bg/practices/b/", "", ""))),
        ]);
        let (a, b) = (ids[0] as u64, ids[1] as u64);
        let (first, second) = if a < b { (0, 4) } else { (4, 0) };
        assert_eq!(postings[0], a.min(b));
        assert_eq!(postings[4], a.max(b) - a.min(b));
        assert!(
            postings[first + 1] > postings[second + 1],
            "a title match scores higher"
        );
        assert_eq!(
            postings[5 - first + 1],
            0,
            "b's body mentions учител before any heading"
        );
        let latin = part(
            &files,
            &format!("l-{}", meta["ranges"]["latin"][1][0].as_str().unwrap()),
        );
        assert_eq!(latin["uchilishtata"], json!(["училищ"]));
        let group = a as u32 / IDS_PER_GROUP;
        let shown = &part(&files, &format!("r/{:02x}/{group}", group & 255))[a.to_string()];
        assert_eq!(shown[0], "Учителите учат заедно");
        assert_eq!(shown[1], "bg/practices/a/");
    }

    #[test]
    fn frequent_terms_keep_their_best_documents_first_and_count_their_facets() {
        let docs: Vec<Document> = (0..900)
            .map(|i| {
                let mut d = doc(
                    &format!("bg/practices/p{i}/"),
                    if i % 100 == 7 {
                        "Наставничество"
                    } else {
                        "Практика"
                    },
                    "Наставничество и опит.",
                );
                d.year = Some(2020 + i % 3);
                d
            })
            .collect();
        let files = build_bg(docs);
        let term = entry(&files, "наставничеств");
        assert_eq!(term[0], 900);
        let later = code::decode(term[2].as_str().unwrap()).unwrap();
        assert_eq!(later.len(), 2 * 2, "blocks of 512 and 900 − 128 − 512");
        assert_eq!([later[0], later[2]], [512, 900 - 128 - 512]);
        let head = code::decode(term[1].as_str().unwrap()).unwrap();
        let impacts: Vec<u64> = head.chunks(4).map(|p| p[1]).collect();
        assert_eq!(impacts.len(), postings::HEAD);
        let best = *impacts.iter().max().unwrap();
        assert_eq!(
            impacts.iter().filter(|&&i| i == best).count(),
            9,
            "the nine title matches lead"
        );
        assert!(later[1] <= *impacts.iter().min().unwrap());
        // Histogram: one kind, then the years 2020–2022.
        let histogram = code::decode(term[3].as_str().unwrap()).unwrap();
        assert_eq!(histogram, [900, 300, 300, 300]);
        let meta = part(&files, "meta");
        assert_eq!(meta["facets"]["total"], json!([900, 300, 300, 300]));
        assert_eq!(term[4], shards::name("наставничеств"));
        let name = term[4].as_str().unwrap();
        let block = part(&files, &format!("p-{name}-2"));
        assert_eq!(
            code::decode(block.as_str().unwrap()).unwrap().len(),
            4 * 260
        );
    }

    #[test]
    fn near_miss_keys_lead_to_their_terms() {
        let files = build_bg(vec![doc("bg/practices/a/", "Учители", "")]);
        let meta = part(&files, "meta");
        let buckets = meta["typos"].as_u64().unwrap() as u32;
        // The form as written (uchiteli) and the term (uchitel) are both filed.
        for (key, form) in [("uchtel", "uchitel"), ("uhiteli", "uchiteli")] {
            let bucket = part(&files, &format!("y-{}", typos::bucket(key, buckets)));
            assert_eq!(bucket[key], json!([form, "учител"]), "{key}");
        }
    }

    #[test]
    fn ids_stay_when_pages_are_added() {
        let analyzed = |n: usize| -> Vec<Arc<Analyzed>> {
            (0..n)
                .map(|i| Arc::new(analyze(doc(&format!("bg/p{i}/"), "", ""))))
                .collect()
        };
        let before = ids(&analyzed(50));
        let after = ids(&analyzed(51));
        assert_eq!(before[..], after[..50]);
        let distinct: BTreeSet<u32> = after.iter().copied().collect();
        assert_eq!(distinct.len(), 51);
    }
}
