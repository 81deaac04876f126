//! A folder of this computer or mounted on it (a USB stick, a network share) as a target.

use super::operations::{Done, Fault, Kind, Remote};
use crate::diagnostics::DeployFault;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The target folder.
pub(super) struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder at `root`, created if missing.
    pub(super) fn open(root: &Path) -> Done<Folder> {
        std::fs::create_dir_all(root).map_err(|e| fault(root, "", &e))?;
        Ok(Folder {
            root: root.to_path_buf(),
        })
    }

    fn at(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }
}

/// A failure of the file system, sorted: a full disk and a refusal are for the user to fix,
/// anything else may pass (a network share dropping out).
fn fault(root: &Path, path: &str, error: &std::io::Error) -> Fault {
    match error.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            Fault::Fatal(DeployFault::Permission {
                path: match path {
                    "" => root.display().to_string(),
                    _ => path.to_string(),
                },
                detail: error.to_string(),
            })
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Fault::Fatal(DeployFault::DiskFull {
            detail: error.to_string(),
        }),
        _ => Fault::Transient(format!("{path}: {error}")),
    }
}

impl Remote for Folder {
    fn probe(&mut self, path: &str) -> Done<Option<Kind>> {
        match std::fs::symlink_metadata(self.at(path)) {
            Ok(m) if m.is_dir() => Ok(Some(Kind::Folder)),
            Ok(_) => Ok(Some(Kind::File)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(fault(&self.root, path, &e)),
        }
    }

    fn read(&mut self, path: &str) -> Done<Option<Vec<u8>>> {
        match std::fs::read(self.at(path)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(fault(&self.root, path, &e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Done<()> {
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(self.at(path))?;
            file.write_all(bytes)?;
            file.sync_all()
        };
        write().map_err(|e| fault(&self.root, path, &e))
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Done<()> {
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.at(path))?;
            file.write_all(bytes)?;
            file.sync_all()
        };
        write().map_err(|e| fault(&self.root, path, &e))
    }

    fn rename(&mut self, from: &str, to: &str) -> Done<()> {
        std::fs::rename(self.at(from), self.at(to)).map_err(|e| fault(&self.root, to, &e))
    }

    fn remove(&mut self, path: &str) -> Done<()> {
        match std::fs::remove_file(self.at(path)) {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(fault(&self.root, path, &e)),
            _ => Ok(()),
        }
    }

    fn create_folder(&mut self, path: &str) -> Done<()> {
        match std::fs::create_dir(self.at(path)) {
            Err(e) if e.kind() != ErrorKind::AlreadyExists => Err(fault(&self.root, path, &e)),
            _ => Ok(()),
        }
    }

    fn remove_folder(&mut self, path: &str) -> Done<bool> {
        Ok(std::fs::remove_dir(self.at(path)).is_ok())
    }

    fn reconnect(&mut self) -> Done<()> {
        Ok(())
    }
}
