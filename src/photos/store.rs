//! The copies made of photos, kept in the site's cache folder so that a photo is made once:
//! one folder per photo content and settings (`<store>/<key>/800.webp`, …, and `photo`, its
//! description, written last), and `sources`, which remembers the content hash of each source
//! file by its size and modification time, so that an unchanged photo is not even read again.
//! Deleting the store costs only the time to make the copies again.

use super::develop::Made;
use super::{Photo, Settings};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// Raised when the copies' making changes (another encoder, a new copy), so that copies made
/// by an older spodeli are made again.
const VERSION: u32 = 2;

/// A folder of the store unused this long by a build is removed by it.
const KEPT_UNUSED: Duration = Duration::from_secs(7 * 24 * 3600);

/// The description of a photo's copies, as the store keeps it.
#[derive(Serialize, Deserialize)]
struct Stored {
    photo: Photo,
    /// The format of its bytes (a misnamed file's warning depends on it).
    format: String,
}

/// The size and modification time of a source file: while they stay, so does its content.
type Stamp = (u64, u64, u32);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_secs(), modified.subsec_nanos()))
}

/// The store in `folder`, for photos made with `settings`.
pub struct Store {
    folder: PathBuf,
    settings: u64,
    sources: Mutex<HashMap<PathBuf, (Stamp, u64)>>,
    /// Whether `sources` gained or lost a file since it was read.
    changed: std::sync::atomic::AtomicBool,
}

impl Store {
    /// Opens the store in `folder` (made when first written).
    pub fn open(folder: &Path, settings: &Settings) -> Store {
        let sources = std::fs::read(folder.join("sources"))
            .ok()
            .and_then(|bytes| postcard::from_bytes(&bytes).ok())
            .unwrap_or_default();
        Store {
            folder: folder.to_path_buf(),
            settings: crate::fingerprint::of(&(settings, VERSION)),
            sources: Mutex::new(sources),
            changed: Default::default(),
        }
    }

    fn sources(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, (Stamp, u64)>> {
        self.sources.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The hash of `source`'s content, if it is known from an earlier run and the file's stamp
    /// has not changed since.
    pub fn known_content(&self, source: &Path) -> Option<u64> {
        let now = stamp(source)?;
        let (then, content) = *self.sources().get(source)?;
        (then == now).then_some(content)
    }

    /// Reads `source` and remembers its content's hash.
    pub fn read(&self, source: &Path) -> std::io::Result<(Vec<u8>, u64)> {
        let before = stamp(source);
        let bytes = std::fs::read(source)?;
        let content = crate::fingerprint::of(&bytes);
        // A file changing while read is remembered by no stamp: it is read again next time.
        if let Some(stamp) = before.filter(|s| Some(*s) == self::stamp(source)) {
            self.sources()
                .insert(source.to_path_buf(), (stamp, content));
            self.changed
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok((bytes, content))
    }

    /// The folder of the copies of a photo whose content hashes to `content`.
    pub fn place(&self, content: u64) -> PathBuf {
        let key = crate::fingerprint::of(&(content, self.settings));
        self.folder.join(format!("{key:016x}"))
    }

    /// The photo kept at `place`, with the format of its bytes.
    pub fn get(&self, place: &Path) -> Option<(Photo, String)> {
        let bytes = std::fs::read(place.join("photo")).ok()?;
        let stored: Stored = postcard::from_bytes(&bytes).ok()?;
        Some((stored.photo, stored.format))
    }

    /// Keeps `made` at `place`: written beside it, then moved in whole, so a run cut off leaves
    /// no half-made copies.
    pub fn put(&self, place: &Path, made: &Made) -> std::io::Result<()> {
        let name = place
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("photo");
        let unique = std::thread::current().id();
        let beside = self
            .folder
            .join(format!(".{name}-{}-{unique:?}", std::process::id()));
        let _ = std::fs::remove_dir_all(&beside);
        std::fs::create_dir_all(&beside)?;
        for (file, bytes) in &made.files {
            std::fs::write(beside.join(file), bytes)?;
        }
        let stored = Stored {
            photo: made.photo.clone(),
            format: made.format.into(),
        };
        let bytes = postcard::to_allocvec(&stored).map_err(std::io::Error::other)?;
        std::fs::write(beside.join("photo"), bytes)?;
        match std::fs::rename(&beside, place) {
            Ok(()) => Ok(()),
            // Made at the same time by another run: theirs is as good.
            Err(_) if place.join("photo").is_file() => std::fs::remove_dir_all(&beside),
            Err(e) => Err(e),
        }
    }

    /// Saves what was learnt of the sources, forgets files that were not asked about, and
    /// removes the folders of photos not in `used` that have not been used for a week (a photo
    /// replaced, settings changed).
    pub fn close(&self, used: &HashSet<PathBuf>, sources: &HashSet<&Path>) {
        let mut known = self.sources();
        let before = known.len();
        known.retain(|path, _| sources.contains(path.as_path()));
        let changed = self.changed.load(std::sync::atomic::Ordering::Relaxed);
        if (known.len() != before || changed)
            && let Ok(bytes) = postcard::to_allocvec(&*known)
        {
            // Written beside and moved in: a reader never sees half a file.
            let beside = self.folder.join(format!(".sources-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&self.folder)
                .and_then(|()| std::fs::write(&beside, bytes))
                .and_then(|()| std::fs::rename(&beside, self.folder.join("sources")));
        }
        remove_unused(&self.folder, used, true);
    }
}

/// Removes what `folder` holds (folders if `folders`, else files) that is not in `used` and
/// was last changed more than a week ago: a store's rule for what nobody needs any more.
pub fn remove_unused(folder: &Path, used: &HashSet<PathBuf>, folders: bool) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for path in entries.flatten().map(|f| f.path()) {
        let old = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > KEPT_UNUSED);
        if !old || used.contains(&path) {
            continue;
        }
        let _ = match (folders, path.is_dir()) {
            (true, true) => std::fs::remove_dir_all(&path),
            (false, false) => std::fs::remove_file(&path),
            _ => Ok(()),
        };
    }
}
