//! Near misses: words one letter away from a mistyped word, wherever the slip is. Every written
//! form of the site's words, in Latin letters (*municipality*, or a Cyrillic word's Latin key:
//! *uchitelite*), is filed with its term under itself and under each spelling with one letter left out
//! (*uchitelite* under *chitelite*, *uhitelite*, …). A word typed with a letter missing, extra,
//! wrong or two letters swapped shares one of those keys with the form it meant — whatever the
//! slip does to its stem, and whichever alphabet it was typed in — so the page looks up the
//! word's own keys only, one small file each, instead of scanning the vocabulary. Files are
//! buckets of keys by hash ([`bucket`], the same in `engine.js`).

use std::collections::{BTreeMap, BTreeSet};

/// Forms shorter than this have no near misses (a typo there is often another word).
pub const MIN_CHARS: usize = 4;

/// About how many bytes a bucket file holds.
const BUCKET_BYTES: usize = 4 * 1024;

/// The keys a form or a typed word is filed or looked up under: itself and each spelling with
/// one letter left out.
pub fn keys(form: &str) -> BTreeSet<String> {
    let chars: Vec<char> = form.chars().collect();
    let mut keys = BTreeSet::from([form.to_string()]);
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

/// What a bucket holds: per key, the forms filed under it, each followed by its term.
pub type Bucket<'a> = BTreeMap<String, Vec<&'a str>>;

/// The buckets of `forms` (a form in Latin letters and its term): how many there are, and
/// each bucket's keys.
pub fn buckets<'a>(forms: impl Iterator<Item = (&'a str, &'a str)>) -> (u32, Vec<Bucket<'a>>) {
    let mut filed: ahash::AHashMap<String, Vec<&str>> = ahash::AHashMap::new();
    let mut bytes = 0;
    for (form, term) in forms.filter(|(f, _)| f.chars().count() >= MIN_CHARS) {
        for key in keys(form) {
            bytes += key.len() + form.len() + term.len() + 8;
            let list = filed.entry(key).or_default();
            list.push(form);
            list.push(term);
        }
    }
    let count = bytes.div_ceil(BUCKET_BYTES).max(1) as u32;
    let mut buckets = vec![BTreeMap::new(); count as usize];
    for (key, list) in filed {
        buckets[bucket(&key, count) as usize].insert(key, list);
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
        // The same values are asserted for engine.js in tests/search/blocks.test.js.
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(hash("учител"), hash("учител"));
        let forms = [
            ("uchitel", "учител"),
            ("uchilishte", "училищ"),
            ("school", "school"),
            ("a", "a"),
        ];
        let (count, buckets) = buckets(forms.into_iter());
        assert_eq!(count as usize, buckets.len());
        let all: usize = buckets.iter().map(BTreeMap::len).sum();
        assert_eq!(all, 8 + 11 + 6, "`school` loses either `o` to the same key");
        let key = &buckets[bucket("uchitl", count) as usize]["uchitl"];
        assert_eq!(key, &["uchitel", "учител"]);
        for (b, keys) in buckets.iter().enumerate() {
            assert!(keys.keys().all(|k| bucket(k, count) as usize == b));
        }
    }
}
