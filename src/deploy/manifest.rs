//! What a deploy knows of the target folder: the record it keeps there of the files and folders
//! it put there (`.spodeli-deploy`), and the journal of a deploy under way
//! (`.spodeli-deploy-journal`).
//!
//! The record is written last, when everything else is in place. The journal is written as a
//! deploy goes: first a claim for every name it is about to create or replace, then, batch by
//! batch, which of them arrived. A deploy cut off leaves the journal behind; the next one reads
//! the record and the journal together, so that it knows every name as its own (none is "in
//! the way") and sends again only the claimed files that never arrived.

use std::collections::{BTreeMap, BTreeSet};

/// The record's name in the target folder.
pub const RECORD: &str = ".spodeli-deploy";
/// The journal's name in the target folder.
pub const JOURNAL: &str = ".spodeli-deploy-journal";
/// The record's first line: a record of another format is not trusted.
const HEADER: &str = "spodeli-deploy 1";

/// A file as deployed: the SHA-256 of its bytes and its size. A standard hash, so that the
/// record means the same to every version of spodeli on every computer a webmaster deploys
/// from, and can be checked with `sha256sum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sent {
    /// The SHA-256 of the bytes.
    pub sha256: [u8; 32],
    /// The size in bytes.
    pub size: u64,
}

impl Sent {
    /// The stamp of `bytes`.
    pub fn of(bytes: &[u8]) -> Sent {
        let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
        let mut sha256 = [0; 32];
        sha256.copy_from_slice(digest.as_ref());
        Sent {
            sha256,
            size: bytes.len() as u64,
        }
    }

    /// The SHA-256 in hexadecimal, as records write it.
    pub fn hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a SHA-256 in hexadecimal and a size.
    pub fn parse(hex: &str, size: &str) -> Option<Sent> {
        if hex.len() != 64 {
            return None;
        }
        let mut sha256 = [0; 32];
        for (i, byte) in sha256.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Sent {
            sha256,
            size: size.parse().ok()?,
        })
    }
}

/// The files and folders of the target that deploys put there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owned {
    /// Each file with what was sent; `None` for one a deploy cut off had claimed but not
    /// confirmed (it may hold the old bytes, the new, or be missing: it is sent again).
    pub files: BTreeMap<String, Option<Sent>>,
    /// Folders a deploy created.
    pub folders: BTreeSet<String>,
    /// Whether a journal was read (a deploy was cut off).
    pub resumed: bool,
}

/// A record or journal that cannot be read: the line that is not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged(pub String);

impl Owned {
    /// What the record and the journal left by the last deploy say (`None` where there is none).
    pub fn read(record: Option<&str>, journal: Option<&str>) -> Result<Owned, Damaged> {
        let mut owned = Owned::default();
        if let Some(record) = record {
            let mut lines = record.lines();
            if lines.next() != Some(HEADER) {
                return Err(Damaged(record.lines().next().unwrap_or_default().into()));
            }
            for line in lines {
                match line.split_once(' ') {
                    Some(("f", rest)) => {
                        let (sent, path) = sent_and_path(rest).ok_or_else(|| damaged(line))?;
                        owned.files.insert(path, Some(sent));
                    }
                    Some(("d", path)) => {
                        owned.folders.insert(unescape(path));
                    }
                    _ => return Err(damaged(line)),
                }
            }
        }
        if let Some(journal) = journal {
            owned.resumed = true;
            let mut claimed: BTreeMap<String, Sent> = BTreeMap::new();
            for line in journal.lines().filter(|l| !l.is_empty()) {
                match line.split_once(' ') {
                    Some(("claim", rest)) => {
                        let (sent, path) = sent_and_path(rest).ok_or_else(|| damaged(line))?;
                        owned.files.insert(path.clone(), None);
                        claimed.insert(path, sent);
                    }
                    Some(("folder", path)) => {
                        owned.folders.insert(unescape(path));
                    }
                    Some(("sent", path)) => {
                        let path = unescape(path);
                        if let Some(sent) = claimed.get(&path) {
                            owned.files.insert(path, Some(*sent));
                        }
                    }
                    // A line cut short by the interruption itself (the journal's last) says
                    // nothing: its file is sent again.
                    _ => {}
                }
            }
        }
        Ok(owned)
    }
}

fn damaged(line: &str) -> Damaged {
    Damaged(line.chars().take(120).collect())
}

fn sent_and_path(rest: &str) -> Option<(Sent, String)> {
    let mut parts = rest.splitn(3, ' ');
    let sent = Sent::parse(parts.next()?, parts.next()?)?;
    let path = parts.next().filter(|p| !p.is_empty())?;
    Some((sent, unescape(path)))
}

/// The record of a finished deploy: every file sent and folder created.
pub fn record<'a>(
    files: impl IntoIterator<Item = (&'a String, &'a Sent)>,
    folders: impl IntoIterator<Item = &'a String>,
) -> String {
    let mut out = format!("{HEADER}\n");
    for folder in folders {
        out.push_str(&format!("d {}\n", escape(folder)));
    }
    for (path, sent) in files {
        out.push_str(&format!(
            "f {} {} {}\n",
            sent.hex(),
            sent.size,
            escape(path)
        ));
    }
    out
}

/// The journal's claim of a file about to be sent.
pub fn claim(path: &str, sent: &Sent) -> String {
    format!("claim {} {} {}\n", sent.hex(), sent.size, escape(path))
}

/// The journal's claim of a folder about to be created.
pub fn claim_folder(path: &str) -> String {
    format!("folder {}\n", escape(path))
}

/// The journal's note that a claimed file arrived whole.
pub fn arrived(path: &str) -> String {
    format!("sent {}\n", escape(path))
}

/// Paths are one per line: a line break or `%` in a name is written as `%0A`, `%0D`, `%25`.
fn escape(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(path: &str) -> String {
    path.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_with_the_journal_of_a_deploy_cut_off() {
        let (a, b, c) = (Sent::of(b"a"), Sent::of(b"b"), Sent::of(b"c"));
        let files = BTreeMap::from([
            ("index.html".to_string(), a),
            ("odd%name\n.txt".to_string(), b),
        ]);
        let folders = ["bg".to_string()];
        let text = record(&files, &folders);
        let owned = Owned::read(Some(&text), None).unwrap();
        assert_eq!(owned.files["index.html"], Some(a));
        assert_eq!(owned.files["odd%name\n.txt"], Some(b));
        assert!(owned.folders.contains("bg") && !owned.resumed);

        let journal = [
            claim("index.html", &c),
            claim("bg/new.html", &c),
            claim_folder("en"),
            arrived("bg/new.html"),
            "sent bg/ne".to_string(),
        ]
        .concat();
        let owned = Owned::read(Some(&text), Some(&journal)).unwrap();
        assert_eq!(owned.files["index.html"], None, "claimed, not confirmed");
        assert_eq!(owned.files["bg/new.html"], Some(c));
        assert!(owned.folders.contains("en") && owned.resumed);
        assert_eq!(c.size, 1);
    }

    #[test]
    fn a_damaged_record_is_not_trusted() {
        for text in [
            "spodeli-deploy 0\n",
            "spodeli-deploy 1\nf zz 1 a\n",
            "spodeli-deploy 1\nx\n",
        ] {
            assert!(Owned::read(Some(text), None).is_err(), "{text:?}");
        }
        assert_eq!(Owned::read(None, None).unwrap(), Owned::default());
    }
}
