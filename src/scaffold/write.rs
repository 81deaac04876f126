//! Writing what `spodeli new` made: every file or none, and its failures as problems.

use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::{Text, io_failed};
use std::path::{Path, PathBuf};

/// A problem of `spodeli new`, which has no file to point at.
pub(super) fn failure(detail: Text) -> Diagnostic {
    Diagnostic::global(Problem::New(detail))
}

/// Writes every file, refusing (before writing any) if one exists.
pub(super) fn write_new(root: &Path, files: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
    if let Some((path, _)) = files.iter().find(|(p, _)| root.join(p).exists()) {
        return Err(failure(
            Text::new("new-exists").arg("path", path.display().to_string()),
        ));
    }
    for (path, text) in files {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| failure(io_failed("io-creating-folder", parent, &e)))?;
        }
        std::fs::write(&full, text).map_err(|e| failure(io_failed("io-writing", path, &e)))?;
    }
    Ok(())
}
