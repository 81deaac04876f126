//! A term's postings as the search page reads them: *impact-ordered blocks*. The documents of
//! a term are sorted by their score for it and cut into blocks of [`HEAD`], then four times as
//! many, and so on; each block lists its documents in id order. The first block travels with
//! the term, the others are files of their own with their sizes and best scores known in
//! advance, so a query ranks its first page from the best documents of each word and loads
//! more only when they could still change it, however many documents a frequent word has.

use super::code;
use super::facets::Signature;

/// Documents in a term's first block; each later block holds four times as many as the one
/// before.
pub const HEAD: usize = 128;

/// Scores are stored as `ln(score / FLOOR) / ln(STEP)`, rounded: at most three characters for
/// any score BM25F gives here, within 0.2 % of it (at 1 %, pages of nearly equal scores tied,
/// and the order among them was left to their ids).
const FLOOR: f64 = 1e-5;
const STEP: f64 = 1.004;

/// One document of a term.
#[derive(Debug, Clone)]
pub struct Posting<'a> {
    /// The document's place in the index being built.
    pub place: usize,
    /// The document's id.
    pub doc: u32,
    /// Its score for the term (see [`impact`]).
    pub impact: u64,
    /// The body section the term first occurs in (1 = under the first heading), or 0.
    pub section: u32,
    /// The document's facets.
    pub facets: &'a Signature,
}

/// A score as stored.
pub fn impact(score: f64) -> u64 {
    ((score.max(FLOOR) / FLOOR).ln() / STEP.ln()).round() as u64
}

/// The blocks of a term's postings, best first, each in id order.
pub fn blocks(mut postings: Vec<Posting<'_>>) -> Vec<Vec<Posting<'_>>> {
    if postings.len() <= HEAD {
        postings.sort_by_key(|p| p.doc);
        return vec![postings];
    }
    postings.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let mut blocks = Vec::new();
    let mut size = HEAD;
    let mut rest = postings.as_slice();
    while !rest.is_empty() {
        let (block, after) = rest.split_at(size.min(rest.len()));
        let mut block = block.to_vec();
        block.sort_by_key(|p| p.doc);
        blocks.push(block);
        rest = after;
        size *= 4;
    }
    blocks
}

/// A block as text: per document the gap from the previous id, its impact, its section and its
/// facets' numbers.
pub fn encode(block: &[Posting<'_>]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for p in block {
        code::push(&mut out, u64::from(p.doc - previous));
        code::push(&mut out, p.impact);
        code::push(&mut out, u64::from(p.section));
        for &n in p.facets {
            code::push(&mut out, n);
        }
        previous = p.doc;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hold_the_best_first_in_growing_sizes() {
        let facets = vec![3, 1];
        let postings: Vec<Posting> = (0..1000u32)
            .map(|doc| Posting {
                place: doc as usize,
                doc: doc * 7,
                impact: u64::from((doc * 37) % 1000),
                section: doc % 3,
                facets: &facets,
            })
            .collect();
        let blocks = blocks(postings);
        let sizes: Vec<usize> = blocks.iter().map(Vec::len).collect();
        assert_eq!(sizes, [HEAD, 4 * HEAD, 1000 - 5 * HEAD]);
        let best = |b: &[Posting]| b.iter().map(|p| p.impact).max().unwrap();
        let worst = |b: &[Posting]| b.iter().map(|p| p.impact).min().unwrap();
        assert_eq!(best(&blocks[0]), 999);
        assert!(worst(&blocks[0]) >= best(&blocks[1]));
        assert!(worst(&blocks[1]) >= best(&blocks[2]));
        assert!(
            blocks
                .iter()
                .all(|b| b.windows(2).all(|w| w[0].doc < w[1].doc))
        );
        let numbers = code::decode(&encode(&blocks[0])).unwrap();
        assert_eq!(numbers.len(), HEAD * 5);
        assert_eq!(numbers[0], u64::from(blocks[0][0].doc));
        assert_eq!(numbers[5], u64::from(blocks[0][1].doc - blocks[0][0].doc));
        assert_eq!(&numbers[3..5], [3, 1]);
    }

    #[test]
    fn impacts_keep_scores_apart_by_a_fifth_of_a_percent() {
        assert_eq!(impact(0.0), 0);
        for score in [0.0001, 0.05, 1.0, 7.5, 30.0] {
            let back = FLOOR * STEP.powf(impact(score) as f64);
            assert!((back / score - 1.0).abs() < 0.0021, "{score} → {back}");
            assert!(impact(score) < 32 * 32 * 32, "three characters");
        }
        assert!(impact(1.005) > impact(1.0));
    }
}
