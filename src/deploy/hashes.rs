//! The SHA-256 of every file of the build, as the deploy's record needs them. Hashing the whole
//! build on every deploy reads all of it (half a gigabyte for 10,000 entries), so a memo beside
//! the build folder keeps each file's SHA-256 with the output record's stamp (size and hash)
//! it was computed for: only files whose stamp changed since are read and hashed again.

use super::manifest::Sent;
use crate::output::record::{self, Stamp};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The memo's first line: a memo of another format is not read.
const HEADER: &str = "spodeli-deploy-sha256 1";

/// Every file the build wrote into `dir` (as its record says) with its SHA-256, and how many
/// had to be hashed; `memo` is the file that remembers them between deploys.
pub fn of_build(dir: &Path, memo: &Path) -> Result<(BTreeMap<String, Sent>, usize), String> {
    let record = record::read(dir).ok_or_else(|| dir.display().to_string())?;
    let known = std::fs::read_to_string(memo)
        .map(|text| read(&text))
        .unwrap_or_default();
    let paths: Vec<(&String, &Stamp)> = record.iter().collect();
    let hashed: Vec<(String, Sent, bool)> = paths
        .par_iter()
        .map(|(path, stamp)| match known.get(*path) {
            Some((before, sent)) if before == *stamp => Ok(((*path).clone(), *sent, false)),
            _ => std::fs::read(dir.join(path))
                .map(|bytes| ((*path).clone(), Sent::of(&bytes), true))
                .map_err(|e| format!("{path}: {e}")),
        })
        .collect::<Result<_, String>>()?;
    let made = hashed.iter().filter(|(.., new)| *new).count();
    let files: BTreeMap<String, Sent> = hashed.into_iter().map(|(p, s, _)| (p, s)).collect();
    if made > 0 || known.len() != files.len() {
        // A memo that cannot be written costs the next deploy time, never correctness.
        let _ = std::fs::write(memo, text(&files, &record));
    }
    Ok((files, made))
}

fn read(text: &str) -> HashMap<String, (Stamp, Sent)> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(5, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size: u64 = parts.next()?.parse().ok()?;
            let sent = Sent::parse(parts.next()?, parts.next()?)?;
            let path = parts.next()?.to_string();
            Some((path, (Stamp { size, hash }, sent)))
        })
        .collect()
}

fn text(files: &BTreeMap<String, Sent>, record: &record::Record) -> String {
    let mut out = format!("{HEADER}\n");
    for (path, sent) in files {
        let stamp = record[path];
        let line = format!(
            "{:016x} {} {} {} {path}\n",
            stamp.hash,
            stamp.size,
            sent.hex(),
            sent.size
        );
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::record::{RECORD, Record};

    fn write(dir: &Path, files: &[(&str, &[u8])]) {
        let mut record = Record::new();
        for (path, bytes) in files {
            std::fs::write(dir.join(path), bytes).unwrap();
            record.insert(path.to_string(), Stamp::of(bytes));
        }
        std::fs::write(dir.join(RECORD), record::text(&record)).unwrap();
    }

    #[test]
    fn only_files_whose_stamp_changed_are_hashed_again() {
        let dir = tempfile::tempdir().unwrap();
        let memo = dir.path().join("memo");
        let build = dir.path().join("build");
        std::fs::create_dir(&build).unwrap();
        write(&build, &[("a.html", b"a"), ("b.html", b"b")]);
        let (first, made) = of_build(&build, &memo).unwrap();
        assert_eq!((made, first["a.html"]), (2, Sent::of(b"a")));
        let (again, made) = of_build(&build, &memo).unwrap();
        assert_eq!((made, &again), (0, &first));
        write(
            &build,
            &[("a.html", b"a"), ("b.html", b"B!"), ("c.html", b"c")],
        );
        let (changed, made) = of_build(&build, &memo).unwrap();
        assert_eq!(
            (made, changed["b.html"], changed.len()),
            (2, Sent::of(b"B!"), 3)
        );
        std::fs::write(&memo, "spodeli-deploy-sha256 0\n").unwrap();
        assert_eq!(
            of_build(&build, &memo).unwrap().1,
            3,
            "a memo of another format"
        );
    }
}
