//! Range files: a sorted map cut into consecutive files of about [`SHARD_BYTES`], each named
//! after its first key, so that the page finds the file of a key (or of a prefix) by a binary
//! search over the first keys, and an edit rewrites the file of the keys it touched.

use serde::Serialize;
use std::collections::BTreeMap;

/// The size a range file has on average (each between a quarter of it and twice it).
pub const SHARD_BYTES: usize = 16 * 1024;

/// A shard's file name, from its first key rather than its place, so that a shard added before
/// it does not rename (and rewrite) every shard after it.
pub fn name(first: &str) -> String {
    format!("{:012x}", crate::fingerprint::of(&first) >> 16)
}

/// `value` as JSON (what the index holds always serializes).
pub fn to_json(value: &impl Serialize) -> String {
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
pub fn split<V: Serialize>(map: &BTreeMap<String, V>) -> Vec<(String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

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
}
