//! Books kept in the site's cache folder (`.spodeli-cache/books/<key>.pdf`) by the key of
//! their draft, so that a handbook whose inputs did not change is not typeset again, by
//! `build`, `serve`, `package` and `deploy` alike. Deleting the folder costs only the time to
//! make the books again.

use super::Format;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The books of a site's cache folder.
pub struct Store {
    folder: PathBuf,
}

impl Store {
    /// The store in `folder` (made when first written).
    pub fn open(folder: &Path) -> Store {
        Store {
            folder: folder.to_path_buf(),
        }
    }

    /// Where the book of `key` is kept.
    pub fn place(&self, key: u64, format: Format) -> PathBuf {
        self.folder
            .join(format!("{key:016x}.{}", format.extension()))
    }

    /// The size of the book kept at `place`, if it is there.
    pub fn get(&self, place: &Path) -> Option<u64> {
        std::fs::metadata(place)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    }

    /// Keeps `bytes` at `place`: written beside it and moved in, so that a run cut off leaves
    /// no half-written book.
    pub fn put(&self, place: &Path, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.folder)?;
        let name = place.file_name().and_then(|n| n.to_str()).unwrap_or("book");
        let thread = std::thread::current().id();
        let beside = self
            .folder
            .join(format!(".{name}-{}-{thread:?}", std::process::id()));
        std::fs::write(&beside, bytes)?;
        std::fs::rename(&beside, place)
    }

    /// Removes the books not in `used` that have not been used for a week.
    pub fn close(&self, used: &HashSet<PathBuf>) {
        crate::photos::store::remove_unused(&self.folder, used, false);
    }
}
