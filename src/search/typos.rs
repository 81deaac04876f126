//! Near misses: terms one letter away from a mistyped word, wherever the slip is. Every term of
//! four or more letters is filed under itself and under each form with one letter left out
//! (*учител* under *учител*, *чител*, *уител*, …). A word typed with a letter missing, extra,
//! wrong or two letters swapped shares one of those keys with the term it meant, so the page
//! looks up the word's own keys only — one small file each — instead of scanning the
//! vocabulary. Files are buckets of keys by hash ([`bucket`], the same in `engine.js`).

use std::collections::{BTreeMap, BTreeSet};

/// Terms shorter than this have no near misses (a typo there is often another word).
pub const MIN_CHARS: usize = 4;

/// About how many bytes a bucket file holds.
const BUCKET_BYTES: usize = 4 * 1024;

/// The keys a term or a typed word is filed or looked up under: itself and each form with one
/// letter left out.
pub fn keys(term: &str) -> BTreeSet<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut keys = BTreeSet::from([term.to_string()]);
    if chars.len() >= MIN_CHARS {
        for skip in 0..chars.len() {
            let key: String = (0..chars.len())
                .filter(|&i| i != skip)
                .map(|i| chars[i])
                .collect();
            keys.insert(key);
        }
    }
    keys
}

/// FNV-1a over the UTF-16 code units of `key` (what JavaScript strings are made of).
pub fn hash(key: &str) -> u32 {
    key.encode_utf16().fold(0x811c_9dc5u32, |h, unit| {
        (h ^ u32::from(unit)).wrapping_mul(0x0100_0193)
    })
}

/// The bucket of `key` among `buckets`.
pub fn bucket(key: &str, buckets: u32) -> u32 {
    hash(key) % buckets.max(1)
}

/// The buckets of `terms`' keys: how many there are, and each bucket's keys with their terms.
pub fn buckets<'a>(
    terms: impl Iterator<Item = &'a str>,
) -> (u32, Vec<BTreeMap<String, Vec<&'a str>>>) {
    let mut filed: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut bytes = 0;
    for term in terms.filter(|t| t.chars().count() >= MIN_CHARS) {
        for key in keys(term) {
            bytes += key.len() + term.len() + 6;
            filed.entry(key).or_default().push(term);
        }
    }
    let count = bytes.div_ceil(BUCKET_BYTES).max(1) as u32;
    let mut buckets = vec![BTreeMap::new(); count as usize];
    for (key, terms) in filed {
        buckets[bucket(&key, count) as usize].insert(key, terms);
    }
    (count, buckets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_one_letter_slip_shares_a_key_with_its_term() {
        let term = "учител";
        let filed = keys(term);
        for typed in ["учтел", "учиител", "уичтел", "ючител", "учителъ", "учитеь"]
        {
            assert!(
                !keys(typed).is_disjoint(&filed),
                "{typed} finds no key of {term}"
            );
        }
        assert_eq!(keys("abc"), BTreeSet::from(["abc".to_string()]));
    }

    #[test]
    fn hashes_match_the_page() {
        // The same values are asserted for engine.js in tests/search/engine.test.js.
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(hash("учител"), hash("учител"));
        let (count, buckets) = buckets(["учител", "училищ", "school", "a"].into_iter());
        assert_eq!(count as usize, buckets.len());
        let all: usize = buckets.iter().map(BTreeMap::len).sum();
        assert_eq!(all, 7 + 7 + 6, "`school` loses either `o` to the same key");
        for (b, keys) in buckets.iter().enumerate() {
            assert!(keys.keys().all(|k| bucket(k, count) as usize == b));
        }
    }
}
