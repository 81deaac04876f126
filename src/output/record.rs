//! What the last build wrote into an output folder: each file's size and a hash of its bytes,
//! kept in the folder itself (`.spodeli-record`), so that the next build writes only the files
//! whose bytes changed and removes only what it wrote before. A record that is missing, damaged
//! or from another version of spodeli is no record: the next build writes everything.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// The record's file name in the output folder.
pub const RECORD: &str = ".spodeli-record";

/// Left in the output folder while a build moves its changed files in: a folder that holds it
/// was cut off in the middle, and the next build writes it whole again (and says so).
pub const UPDATING: &str = ".spodeli-updating";

/// The first line of a record: a record of another format (or of another hash) is not read.
const HEADER: &str = "spodeli-record 1";

/// A file as the record knows it: its size and the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// [`crate::fingerprint`] of the bytes.
    pub hash: u64,
}

impl Stamp {
    /// The stamp of `bytes`.
    pub fn of(bytes: &[u8]) -> Stamp {
        Stamp {
            size: bytes.len() as u64,
            hash: crate::fingerprint::of(&bytes),
        }
    }
}

/// Every file of an output folder (`/`-separated paths) with its stamp.
pub type Record = HashMap<String, Stamp>;

/// Reads the record of the output folder `out`; `None` when there is none or it cannot be
/// trusted.
pub fn read(out: &Path) -> Option<Record> {
    let text = std::fs::read_to_string(out.join(RECORD)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    lines
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let path = parts.next().filter(|p| !p.is_empty())?;
            Some((path.to_string(), Stamp { size, hash }))
        })
        .collect()
}

/// A hash of `record` that is the same for equal records: what names the output a build left,
/// so that what is remembered of it elsewhere (the pages' fingerprints) is trusted only for it.
pub fn digest(record: &Record) -> u64 {
    let mut files: Vec<(&String, &Stamp)> = record.iter().collect();
    files.sort_unstable_by_key(|(path, _)| *path);
    let mut h = crate::fingerprint::hasher();
    for (path, stamp) in files {
        (path, stamp.size, stamp.hash).hash(&mut h);
    }
    h.finish()
}

/// The text of `record`, sorted by path (so that equal outputs have equal records).
pub fn text(record: &Record) -> String {
    let mut paths: Vec<(&String, &Stamp)> = record.iter().collect();
    paths.sort_unstable_by_key(|(path, _)| *path);
    let mut out = String::with_capacity(64 * paths.len() + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push('\n');
    for (path, stamp) in paths {
        out.push_str(&format!("{:016x} {} {path}\n", stamp.hash, stamp.size));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_a_damaged_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let record = Record::from([
            ("bg/index.html".to_string(), Stamp::of(b"<html>")),
            ("media/a b.pdf".to_string(), Stamp::of(b"%PDF")),
        ]);
        std::fs::write(dir.path().join(RECORD), text(&record)).unwrap();
        assert_eq!(read(dir.path()), Some(record));
        for damaged in [
            "",
            "spodeli-record 0\n",
            "spodeli-record 1\nzz 1 a\n",
            "spodeli-record 1\n00 x a\n",
        ] {
            std::fs::write(dir.path().join(RECORD), damaged).unwrap();
            assert_eq!(read(dir.path()), None, "{damaged:?}");
        }
        assert_eq!(read(&dir.path().join("missing")), None);
    }
}
