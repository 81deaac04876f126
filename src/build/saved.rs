//! What `build` remembers of its last run into an output folder, kept in the site's cache
//! folder: each page's fingerprint and the entries its links reach ([`Kind::Pages`]), so that
//! the next build renders only the pages whose inputs changed, and apart, since only a build
//! whose search index changes reads them, the pages' search descriptions ([`Kind::Search`]).
//!
//! The pages are trusted only together with the output they describe: they are saved with the
//! [digest](crate::output::record::digest) of the output's record and read only while the
//! record is that one. A record rewritten since (by a build cut off before it saved this, or
//! by `--force`), a damaged file, or another spodeli binary means that every page is rendered
//! again, never that a stale page is kept. A description is taken only for a page of the same
//! fingerprint, whatever the output holds.

use crate::messages::Text;
use crate::render;
use crate::search::terms;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The site's cache folder (in the site folder): what builds keep for the next ones. Deleting
/// it is safe: the next build is a full one.
pub const CACHE: &str = ".spodeli-cache";

/// The first bytes of the file: another format is not read. The output folder's path follows
/// on a line of its own (so that the memories of folders since deleted can be removed).
const HEADER: &[u8] = b"spodeli-pages 1\n";

/// What a file holds; each output folder has one pages file, its search descriptions in
/// groups (`search-<output>-<group>`), and a lock.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// The pages' fingerprints ([`crate::render::Memory`]).
    Pages,
    /// The beginning of the names of the groups of search descriptions
    /// ([`crate::render::Descriptions`]).
    Search,
    /// Held while a build writes into the output folder (empty; never removed, since another
    /// build may be waiting on it).
    Lock,
}

impl Kind {
    /// The kinds whose files begin with [`HEADER`] and the output folder they are for.
    const SAVED: [Kind; 2] = [Kind::Pages, Kind::Search];

    fn prefix(self) -> &'static str {
        match self {
            Kind::Pages => "pages-",
            Kind::Search => "search-",
            Kind::Lock => "lock-",
        }
    }
}

/// Where builds from the site at `root` into the folder `out` keep what `kind` names.
pub fn file(root: &Path, out: &Path, kind: Kind) -> PathBuf {
    let name = format!("{}{:016x}", kind.prefix(), crate::fingerprint::of(&out));
    root.join(CACHE).join(name)
}

/// Waits until no other build writes into `out` (two packages of a site at once, a build
/// started while another runs) and keeps it so until the lock is dropped. Where the site's
/// cache folder cannot be written, there is no lock.
pub fn lock(root: &Path, out: &Path) -> Option<std::fs::File> {
    let path = file(root, out, Kind::Lock);
    std::fs::create_dir_all(path.parent()?).ok()?;
    let file = std::fs::File::create(&path).ok()?;
    if let Err(std::fs::TryLockError::WouldBlock) = file.try_lock() {
        let text = Text::new("build-waiting").arg("out", out.display().to_string());
        eprintln!("{text}");
        file.lock().ok()?;
    }
    Some(file)
}

/// The output folder named in the beginning of a memory file.
fn output_of(bytes: &[u8]) -> Option<(PathBuf, &[u8])> {
    let rest = bytes.strip_prefix(HEADER)?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    let path = std::str::from_utf8(&rest[..end]).ok()?;
    Some((PathBuf::from(path), &rest[end + 1..]))
}

/// What identifies this spodeli binary: pages remembered by another one may have been made
/// differently, so its memory is not read.
fn binary() -> u64 {
    static BINARY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BINARY.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        let exe = exe.map(|m| (m.len(), m.modified().ok()));
        crate::fingerprint::of(&(env!("CARGO_PKG_VERSION"), exe))
    })
}

/// What a memory is read only with: the binary that saved it, the record of the output it
/// describes, and a hash of its contents (a damaged file is not read, even where it would
/// still decode).
fn seal(digest: u64, contents: &[u8]) -> Vec<u8> {
    let hash = crate::fingerprint::of(&contents);
    [binary(), digest, hash].map(u64::to_le_bytes).concat()
}

/// What is saved in `file` with `digest` (the record of the output it describes, or 0), if
/// there is something that can be trusted.
pub fn load<T: DeserializeOwned>(file: &Path, digest: u64) -> Option<T> {
    let bytes = std::fs::read(file).ok()?;
    let (_, rest) = output_of(&bytes)?;
    let (seal, rest) = rest.split_at_checked(24)?;
    if seal != self::seal(digest, rest) {
        return None;
    }
    let (table, rest) = postcard::take_from_bytes::<Vec<Arc<str>>>(rest).ok()?;
    terms::reading(table, || postcard::from_bytes(rest).ok())
}

/// Saves `value`, made for the output folder `out`, in `file` with `digest` (see [`load`]),
/// replacing the file whole (a run cut off while saving leaves the previous file or none).
/// Removes what is saved for output folders that no longer exist.
pub fn save<T: Serialize>(file: &Path, out: &Path, digest: u64, value: &T) -> std::io::Result<()> {
    write(file, out, digest, value)?;
    if let Some(folder) = file.parent() {
        remove_orphans(folder);
    }
    Ok(())
}

/// How many files the search descriptions of an output are saved in.
const GROUPS: usize = 64;

/// The cache folder and the beginning of the names of the groups of search descriptions of
/// builds into `out`.
fn description_names(root: &Path, out: &Path) -> (PathBuf, String) {
    let base = file(root, out, Kind::Search);
    let prefix = format!(
        "{}-",
        base.file_name().unwrap_or_default().to_string_lossy()
    );
    (root.join(CACHE), prefix)
}

/// The files that hold the search descriptions of builds from `root` into `out`.
pub fn description_files(root: &Path, out: &Path) -> Vec<PathBuf> {
    let (folder, prefix) = description_names(root, out);
    let Ok(read) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let files = read.filter_map(Result::ok).map(|e| e.path());
    files
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(&prefix) && !name.contains('.')
        })
        .collect()
}

/// Saves the search descriptions of builds into `out` in [`GROUPS`] files, each named after
/// what it holds: a group that did not change is not written again (an edit rewrites the
/// groups holding a page whose fingerprint it changed), and files of groups no longer held are
/// removed.
pub fn save_descriptions(
    root: &Path,
    out: &Path,
    descriptions: &render::Descriptions,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let (folder, prefix) = description_names(root, out);
    // Empty groups are not saved (all would have one name).
    let mut groups = descriptions.groups(GROUPS);
    groups.retain(|g| !g.is_empty());
    let names: Vec<String> = groups
        .iter()
        // Named by the binary too: another one's files are not read (see `seal`).
        .map(|g| {
            format!(
                "{prefix}{:016x}",
                crate::fingerprint::of(&(binary(), g.print()))
            )
        })
        .collect();
    groups
        .par_iter()
        .zip(&names)
        .try_for_each(|(group, name)| {
            let path = folder.join(name);
            match path.exists() {
                true => Ok(()),
                false => write(&path, out, 0, group),
            }
        })?;
    for file in description_files(root, out) {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if !names.iter().any(|n| *n == name) {
            let _ = std::fs::remove_file(&file);
        }
    }
    remove_orphans(&folder);
    Ok(())
}

/// The search descriptions saved for builds into `out`, from every group that can be read
/// (the pages of a group that cannot are rendered again, and its file is removed so that the
/// next save writes it anew).
pub fn load_descriptions(root: &Path, out: &Path) -> render::Descriptions {
    use rayon::prelude::*;
    let files = description_files(root, out);
    let groups: Vec<render::Descriptions> = files
        .par_iter()
        .filter_map(|file| {
            let group = load(file, 0);
            if group.is_none() {
                let _ = std::fs::remove_file(file);
            }
            group
        })
        .collect();
    let mut all = render::Descriptions::default();
    for group in groups {
        all.extend(group);
    }
    all
}

/// Writes `value` as [`save`] does, leaving other files alone.
fn write<T: Serialize>(file: &Path, out: &Path, digest: u64, value: &T) -> std::io::Result<()> {
    let (body, table) = terms::writing(|| postcard::to_stdvec(value));
    let body = body.map_err(std::io::Error::other)?;
    let table = postcard::to_stdvec(&table).map_err(std::io::Error::other)?;
    let contents = [table, body].concat();
    let mut bytes = Vec::with_capacity(HEADER.len() + 24 + contents.len());
    bytes.extend_from_slice(HEADER);
    bytes.extend_from_slice(out.to_string_lossy().replace('\n', " ").as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(&seal(digest, &contents));
    bytes.extend_from_slice(&contents);
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let partial = file.with_extension(format!("part-{}", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}

/// Removes the memories of output folders that are gone (a package's, a test's, a renamed
/// folder's), reading only the beginning of each file.
fn remove_orphans(folder: &Path) {
    use std::io::Read;
    let Ok(read) = std::fs::read_dir(folder) else {
        return;
    };
    for file in read.filter_map(Result::ok).map(|e| e.path()) {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let ours = Kind::SAVED.iter().any(|k| name.starts_with(k.prefix()));
        if !ours || name.contains('.') {
            continue;
        }
        let mut start = Vec::with_capacity(4096);
        let opened = std::fs::File::open(&file).map(|f| f.take(4096).read_to_end(&mut start));
        let gone = match (opened, output_of(&start)) {
            (Ok(Ok(_)), Some((out, _))) => !out.is_dir(),
            _ => true,
        };
        if gone {
            let _ = std::fs::remove_file(&file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memory_is_read_only_with_its_record_and_intact() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        let file = file(dir.path(), &out, Kind::Pages);
        assert!(load::<render::Memory>(&file, 7).is_none(), "no file");
        save(&file, &out, 7, &render::Memory::default()).unwrap();
        assert!(load::<render::Memory>(&file, 7).is_some());
        assert!(load::<render::Memory>(&file, 8).is_none(), "another record");
        let bytes = std::fs::read(&file).unwrap();
        let cut = &bytes[..bytes.len() - 3];
        for damaged in [cut, b"spodeli-pages 0\n".as_slice(), b""] {
            std::fs::write(&file, damaged).unwrap();
            assert!(load::<render::Memory>(&file, 7).is_none(), "{damaged:?}");
        }
    }

    #[test]
    fn the_memories_of_output_folders_that_are_gone_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let [kept, gone] = ["public", "elsewhere"].map(|name| dir.path().join(name));
        for out in [&gone, &kept] {
            std::fs::create_dir(out).unwrap();
            for kind in Kind::SAVED {
                save(
                    &file(dir.path(), out, kind),
                    out,
                    1,
                    &render::Memory::default(),
                )
                .unwrap();
            }
        }
        std::fs::remove_dir(&gone).unwrap();
        let memory = render::Memory::default();
        save(&file(dir.path(), &kept, Kind::Pages), &kept, 2, &memory).unwrap();
        assert!(load::<render::Memory>(&file(dir.path(), &kept, Kind::Pages), 2).is_some());
        assert!(file(dir.path(), &kept, Kind::Search).exists());
        for kind in Kind::SAVED {
            assert!(!file(dir.path(), &gone, kind).exists());
        }
    }
}
