//! Writing the built site. Every file is compared with what the last build wrote (its
//! [`record`]); only new and changed files are written, into a temporary folder while the site
//! renders, and moved into the output at the end, so that a failed build leaves the previous
//! output as it was and unchanged files keep their dates (uploads and caches see them as
//! unchanged). Without a record the whole new output is swapped in. Output folders that would
//! overwrite the site's sources are refused.

pub mod record;

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::{Text, io_error, io_failed};
use crate::render::theme::Origin;
use record::{RECORD, Record, Stamp, UPDATING};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Content {
    /// Generated in memory.
    Bytes(Vec<u8>),
    /// Copied from a source file or the built-in theme.
    From(Origin),
}

impl Content {
    /// The size in bytes.
    pub fn size(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::From(Origin::Embedded(b)) => b.len() as u64,
            Content::From(Origin::Disk(p)) => std::fs::metadata(p).map_or(0, |m| m.len()),
        }
    }

    /// The bytes, reading a copied file from disk.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Content::Bytes(b) => b.as_slice().into(),
            Content::From(Origin::Embedded(b)) => (*b).into(),
            Content::From(Origin::Disk(p)) => std::fs::read(p)?.into(),
        })
    }
}

/// The folders of a site's sources, which an output folder may not be, contain, or lie in.
const SOURCES: [&str; 6] = ["content", "static", "templates", "themes", "locales", "src"];

fn refuse(path: &Path, reason: Text) -> Diagnostic {
    Diagnostic::global(Problem::UnsafeOutput {
        path: path.display().to_string(),
        reason,
    })
}

/// The absolute output folder for `out`, or an error if writing there could destroy sources.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let root = root
        .canonicalize()
        .map_err(|e| refuse(root, io_failed("io-reading", root, &e)))?;
    let out = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| refuse(out, io_error(&e)))?
            .join(out)
    };
    // Resolve what exists of the path, so `..` and symlinks cannot hide where it points.
    let mut existing = out.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(
            existing
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_default(),
        );
        existing = existing
            .parent()
            .ok_or_else(|| refuse(&out, Text::new("output-no-parent")))?;
    }
    let mut resolved = existing
        .canonicalize()
        .map_err(|e| refuse(&out, io_error(&e)))?;
    for part in rest.iter().rev() {
        if part == ".." || part.is_empty() {
            return Err(refuse(&out, Text::new("output-dot-dot")));
        }
        resolved.push(part);
    }
    if root.starts_with(&resolved) {
        return Err(refuse(&resolved, Text::new("output-contains-site")));
    }
    for source in SOURCES {
        if resolved.starts_with(root.join(source)) {
            return Err(refuse(
                &resolved,
                Text::new("output-inside-sources").arg("folder", source),
            ));
        }
    }
    if resolved.exists() && !resolved.is_dir() {
        return Err(refuse(&resolved, Text::new("output-is-a-file")));
    }
    Ok(resolved)
}

fn io(what: &'static str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Location::file(path), Problem::Io(io_failed(what, path, &e)))
}

/// A new output being written beside the old one. [`Staging::commit`] moves it in; dropping it
/// (a failed build) removes it and leaves the previous output as it was.
///
/// With the previous output's record, a file whose size and hash are those recorded (and
/// whose copy in the output has that size) is not written; at the commit the changed files are
/// moved into place one by one and the files the last build wrote and this one does not are
/// removed, with [`UPDATING`] in the output meanwhile: a build cut off then leaves it, and the
/// next build replaces the whole output and says that it repaired it.
///
/// The folder is made at the first file written, so a build that fails while reading content
/// leaves nothing behind. It sits beside the output (`.public.spodeli-new-<pid>`) and is renamed
/// into place; where the output folder is a mount point (a USB stick's root, a tmpfs), which
/// cannot be renamed and is another file system than its parent, it sits inside the output and
/// the entries are swapped one by one. Leftovers of builds that were killed are removed by the
/// next build that succeeds.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Whether `dir` is inside `out` (the output is a mount point).
    inside: bool,
    committed: bool,
    /// The record of the output being replaced, when it can be trusted.
    previous: Option<Record>,
    /// Whether the output was left unfinished by a build cut off while updating it.
    repaired: bool,
    /// Every file of this build with its stamp, and those written (new or changed).
    files: Mutex<(Record, Vec<String>)>,
}

/// What a committed build did to its output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files the previous build wrote that this one does not.
    pub removed: usize,
    /// Whether the output had been left unfinished by a build cut off, and was made whole.
    pub repaired: bool,
    /// The size of all the output's files.
    pub bytes: u64,
    /// The [`record::digest`] of the output as it now is.
    pub digest: u64,
}

/// The prefix of the staging and previous-output folders of output `name`.
fn leftover_prefix(name: &str) -> [String; 2] {
    [format!(".{name}.spodeli-"), ".spodeli-".to_string()]
}

impl Staging {
    /// Starts a new output for `out` (already checked by [`check_out_dir`]); nothing is
    /// written yet. With `force`, every file is written as if the output were empty.
    pub fn new(out: &Path, force: bool) -> Result<Staging, Diagnostic> {
        let parent = out
            .parent()
            .ok_or_else(|| refuse(out, Text::new("output-no-parent")))?;
        let inside = is_mount_point(out);
        let dir = if inside {
            out.join(format!(".spodeli-new-{}", std::process::id()))
        } else {
            parent.join(format!(
                ".{}.spodeli-new-{}",
                name_of(out),
                std::process::id()
            ))
        };
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io("io-clearing-staging", &dir, e))?;
        }
        let repaired = out.join(UPDATING).exists();
        let previous = (!force && !repaired).then(|| record::read(out)).flatten();
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            inside,
            committed: false,
            previous,
            repaired,
            files: Mutex::default(),
        })
    }

    /// The [`record::digest`] of the output being replaced, if its record can be trusted.
    pub fn previous_digest(&self) -> Option<u64> {
        self.previous.as_ref().map(record::digest)
    }

    /// Whether `path` is in the output as the last build wrote it (recorded, and of the
    /// recorded size): only such a file can be kept without being handed over again.
    pub fn has(&self, path: &str) -> bool {
        let recorded = self.previous.as_ref().and_then(|r| r.get(path));
        recorded.is_some_and(|stamp| {
            std::fs::metadata(self.out.join(path)).is_ok_and(|m| m.len() == stamp.size)
        })
    }

    /// Keeps the files of `paths` that this build did not write as the last build wrote them
    /// (pages whose inputs did not change, so that they were not rendered again; see
    /// [`Staging::has`]).
    pub fn keep<'a>(&self, paths: impl Iterator<Item = &'a str>) {
        let Some(previous) = &self.previous else {
            return;
        };
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        for path in paths {
            if let (false, Some(stamp)) = (files.0.contains_key(path), previous.get(path)) {
                files.0.insert(path.to_string(), *stamp);
            }
        }
    }

    /// Writes one file (`path` relative to the output, `/`-separated). Safe to call from
    /// several threads.
    pub fn write(&self, path: &str, content: &Content) -> Result<(), Diagnostic> {
        let target = self.dir.join(path);
        let bytes = match content {
            Content::From(Origin::Disk(source)) => {
                content.read().map_err(|e| io("io-copying", source, e))
            }
            other => other.read().map_err(|e| io("io-reading", &target, e)),
        }?;
        let stamp = Stamp::of(&bytes);
        let unchanged = self.previous.as_ref().and_then(|r| r.get(path)) == Some(&stamp)
            && std::fs::metadata(self.out.join(path)).is_ok_and(|m| m.len() == stamp.size);
        {
            let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
            files.0.insert(path.to_string(), stamp);
            if !unchanged {
                files.1.push(path.to_string());
            }
        }
        if unchanged {
            return Ok(());
        }
        if let Some(parent) = target.parent()
            && !parent.is_dir()
        {
            std::fs::create_dir_all(parent).map_err(|e| io("io-creating-folder", parent, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| io("io-writing", &target, e))
    }

    /// Brings the output to this build: with the previous record, moves the written files in
    /// and removes those no longer made; without, replaces the whole output. Then removes what
    /// killed builds left.
    pub fn commit(mut self) -> Result<Written, Diagnostic> {
        let (record, written) =
            std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        let mut done = Written {
            written: written.len(),
            unchanged: record.len() - written.len(),
            removed: 0,
            repaired: self.repaired,
            bytes: record.values().map(|s| s.size).sum(),
            digest: record::digest(&record),
        };
        if let Some(previous) = self.previous.take() {
            // Nothing changed: nothing is touched, not even the record.
            if previous != record {
                done.removed = self.update(&previous, &record, &written)?;
            }
            self.committed = true;
            remove_leftovers(&self.out);
            return Ok(done);
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| io("io-creating-folder", &self.dir, e))?;
        let record_path = self.dir.join(RECORD);
        std::fs::write(&record_path, record::text(&record))
            .map_err(|e| io("io-writing", &record_path, e))?;
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().replace("-new-", "-old-"))
                .unwrap_or_default(),
        );
        if self.inside {
            swap_entries(&self.out, &self.dir, &old)?;
        } else {
            if self.out.exists() {
                std::fs::rename(&self.out, &old)
                    .map_err(|e| io("io-moving-aside", &self.out, e))?;
            }
            if let Err(e) = std::fs::rename(&self.dir, &self.out) {
                // Put the previous output back: a failed swap must not lose it.
                let _ = std::fs::rename(&old, &self.out);
                return Err(io("io-moving-in", &self.out, e));
            }
        }
        self.committed = true;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io("io-removing-previous", &old, e))?;
        }
        remove_leftovers(&self.out);
        Ok(done)
    }

    /// Moves the `written` files into the output, removes the files of `previous` that
    /// `record` lacks, and writes `record`, with [`UPDATING`] in the output meanwhile. Returns
    /// how many files it removed.
    fn update(
        &self,
        previous: &Record,
        record: &Record,
        written: &[String],
    ) -> Result<usize, Diagnostic> {
        let marker = self.out.join(UPDATING);
        std::fs::write(&marker, "").map_err(|e| io("io-writing", &marker, e))?;
        // For the crash tests: the process stops dead after this many moves, as if killed.
        let cut_off: Option<usize> = std::env::var("SPODELI_CUT_OFF_AFTER_MOVES")
            .ok()
            .and_then(|n| n.parse().ok());
        for (moved, path) in written.iter().enumerate() {
            if cut_off == Some(moved) {
                std::process::exit(137);
            }
            let (from, to) = (self.dir.join(path), self.out.join(path));
            if let Some(parent) = to.parent()
                && !parent.is_dir()
            {
                std::fs::create_dir_all(parent).map_err(|e| io("io-creating-folder", parent, e))?;
            }
            std::fs::rename(&from, &to).map_err(|e| io("io-moving-in", &to, e))?;
        }
        let mut removed = 0;
        for path in previous.keys().filter(|p| !record.contains_key(*p)) {
            let gone = self.out.join(path);
            match std::fs::remove_file(&gone) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io("io-removing-previous", &gone, e)),
            }
            // Folders the removed files leave empty go too (a removed entry's page folder).
            let mut folder = gone.parent();
            while let Some(dir) = folder.filter(|d| *d != self.out) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
        let fresh = self.dir.join(RECORD);
        std::fs::create_dir_all(&self.dir).map_err(|e| io("io-creating-folder", &self.dir, e))?;
        std::fs::write(&fresh, record::text(record)).map_err(|e| io("io-writing", &fresh, e))?;
        let target = self.out.join(RECORD);
        std::fs::rename(&fresh, &target).map_err(|e| io("io-moving-in", &target, e))?;
        std::fs::remove_file(&marker).map_err(|e| io("io-removing-previous", &marker, e))?;
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(removed)
    }
}

/// The output folder's name (`public`).
fn name_of(out: &Path) -> String {
    out.file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// Whether `path` is the root of a file system of its own (it cannot be renamed away).
fn is_mount_point(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let dev = |p: &Path| std::fs::metadata(p).map(|m| m.dev()).ok();
        match (dev(path), path.parent().and_then(dev)) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Swaps the entries of `out` for those of `staging` (inside it), moving the previous ones
/// into `old` (inside it too), and back if a move fails.
fn swap_entries(out: &Path, staging: &Path, old: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(old).map_err(|e| io("io-creating-folder", old, e))?;
    let ours = |p: &Path| p == staging || p == old;
    let entries = |dir: &Path| -> Result<Vec<PathBuf>, Diagnostic> {
        let read = std::fs::read_dir(dir).map_err(|e| io("io-reading", dir, e))?;
        Ok(read.filter_map(|e| e.ok().map(|e| e.path())).collect())
    };
    for previous in entries(out)?
        .into_iter()
        .filter(|p| !ours(p) && !is_leftover(p))
    {
        let aside = old.join(previous.file_name().unwrap_or_default());
        std::fs::rename(&previous, &aside).map_err(|e| io("io-moving-aside", &previous, e))?;
    }
    for new in entries(staging)? {
        let target = out.join(new.file_name().unwrap_or_default());
        if let Err(e) = std::fs::rename(&new, &target) {
            for back in entries(old)? {
                let _ = std::fs::rename(&back, out.join(back.file_name().unwrap_or_default()));
            }
            return Err(io("io-moving-in", out, e));
        }
    }
    std::fs::remove_dir(staging).map_err(|e| io("io-removing-previous", staging, e))
}

/// Whether `path` is a staging or previous-output folder of some build.
fn is_leftover(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.contains(".spodeli-new-") || name.contains(".spodeli-old-")
}

/// Removes the staging and previous-output folders that builds of `out` which were killed
/// left beside it (or inside it, for a mount point), unless their process still runs.
fn remove_leftovers(out: &Path) {
    let name = name_of(out);
    let places = [out.parent().map(Path::to_path_buf), Some(out.to_path_buf())];
    for dir in places.into_iter().flatten() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in read.filter_map(|e| e.ok().map(|e| e.path())) {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ours = leftover_prefix(&name)
                .iter()
                .any(|p| file.starts_with(p.as_str()));
            let pid = file.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
            let running = pid.is_some_and(|p| p == std::process::id() || process_runs(p));
            if ours && is_leftover(&path) && !running {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
}

/// Whether process `pid` is running (where that can be known: Linux's /proc).
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists()
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_outputs_that_would_replace_sources() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/practices")).unwrap();
        for bad in [
            site.path().to_path_buf(),
            site.path().join("content"),
            site.path().join("content/x"),
            site.path().join(".."),
        ] {
            let err = check_out_dir(site.path(), &bad).unwrap_err();
            assert!(
                matches!(err.problem, Problem::UnsafeOutput { .. }),
                "{bad:?}"
            );
        }
        assert!(check_out_dir(site.path(), &site.path().join("public")).is_ok());
        assert!(check_out_dir(site.path(), &site.path().join("public/../content")).is_err());
    }

    /// An output folder `public` holding one file, `name`, written by hand (no record).
    fn output_holding(name: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(name), "old").unwrap();
        (dir, out)
    }

    #[test]
    fn an_uncommitted_output_leaves_the_previous_one() {
        let (dir, out) = output_holding("index.html");
        let staging = Staging::new(&out, false).unwrap();
        staging
            .write("index.html", &Content::Bytes(b"new".to_vec()))
            .unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let (dir, out) = output_holding("stale.html");
        build(&out, &[("bg/index.html", "new")], false);
        assert_eq!(
            std::fs::read_to_string(out.join("bg/index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    /// Builds `files` into `out` as `build` does: staged, then committed.
    fn build(out: &Path, files: &[(&str, &str)], force: bool) -> Written {
        let staging = Staging::new(out, force).unwrap();
        for (path, text) in files {
            staging
                .write(path, &Content::Bytes(text.as_bytes().to_vec()))
                .unwrap();
        }
        staging.commit().unwrap()
    }

    fn inode(path: &Path) -> (u64, std::time::SystemTime) {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).unwrap();
        (m.ino(), m.modified().unwrap())
    }

    #[test]
    fn a_second_build_writes_only_what_changed_and_removes_what_it_no_longer_makes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [("a.html", "A"), ("bg/b/index.html", "B"), ("c.css", "C")];
        let done = build(&out, &first, false);
        assert_eq!((done.written, done.unchanged, done.removed), (3, 0, 0));
        let (a, c) = (inode(&out.join("a.html")), inode(&out.join("c.css")));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let done = build(&out, &first, false);
        assert_eq!((done.written, done.unchanged, done.removed), (0, 3, 0));
        assert_eq!(
            inode(&out.join("a.html")),
            a,
            "untouched: same file, same time"
        );
        let second = [("a.html", "A2"), ("c.css", "C"), ("d.html", "D")];
        let done = build(&out, &second, false);
        assert_eq!((done.written, done.unchanged, done.removed), (2, 1, 1));
        assert_eq!(inode(&out.join("c.css")), c);
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "A2");
        assert!(
            !out.join("bg").exists(),
            "the removed page's folders go too"
        );
        assert_eq!(record::read(&out).unwrap().len(), 3);
        assert!(!out.join(UPDATING).exists());
        let siblings = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(siblings, 1, "no staging folder left");
        // Forced, everything is written again.
        assert_eq!(build(&out, &second, true).written, 3);
    }

    #[test]
    fn an_output_cut_off_while_updating_or_without_a_trusted_record_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("a.html", "A"), ("b.html", "B")], false);
        // A build cut off in the middle of its moves: a file half-updated, the marker left.
        std::fs::write(out.join("a.html"), "A-half").unwrap();
        std::fs::write(out.join(UPDATING), "").unwrap();
        let done = build(&out, &[("a.html", "A"), ("b.html", "B")], false);
        assert!(done.repaired);
        assert_eq!(done.written, 2);
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "A");
        assert!(!out.join(UPDATING).exists());
        // A damaged record: every file is written.
        std::fs::write(out.join(RECORD), "spodeli-record 1\nnot a line\n").unwrap();
        let done = build(&out, &[("a.html", "A"), ("b.html", "B")], false);
        assert_eq!((done.written, done.repaired), (2, false));
        // A file changed by hand to another size is written again.
        std::fs::write(out.join("b.html"), "edited by hand").unwrap();
        assert_eq!(
            build(&out, &[("a.html", "A"), ("b.html", "B")], false).written,
            1
        );
    }
}
