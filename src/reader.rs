//! The one way spodeli reads a file a user wrote (entries, `site.yaml`, vocabularies, messages,
//! templates): UTF-8 with or without a BOM, Windows line endings accepted, and a located error
//! that names the encoding when the file is not UTF-8.

use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use std::path::Path;

/// `text` with Windows (`\r\n`) and old Mac (`\r`) line breaks as `\n`: lines are counted
/// one way everywhere, by the YAML parser and by the positions spodeli reports.
pub fn line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Reads a text file. Invalid UTF-8 is reported at the line and column of the first bad byte.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            Location::file(shown),
            Problem::Io(crate::messages::io_failed("io-reading", shown, &e)),
        )
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(line_breaks(text).into_owned()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(Diagnostic::error(
                Location::at(shown, Pos::of_offset(valid, valid.len(), 1)),
                Problem::InvalidUtf8 {
                    looks_like: looks_like(bytes),
                },
            ))
        }
    }
}

/// The encoding that bytes which are not UTF-8 are most likely in: UTF-16 by its byte-order
/// mark, Windows-1251 (what older Bulgarian editors save) when most bytes above ASCII are its
/// Cyrillic letters (0xC0–0xFF: А–я).
pub fn looks_like(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16".into());
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = bytes.iter().filter(|b| **b >= 0xC0).count();
    (high > 0 && letters * 10 >= high * 8).then(|| "Windows-1251".into())
}

/// The folders of a site whose files are read or published.
const SITE_FOLDERS: [&str; 5] = ["content", "static", "templates", "themes", "locales"];

/// Symbolic links in the site's folders that point outside the site folder, or nowhere: each
/// is an error at the link. spodeli follows links only inside the site folder, so that a site
/// never publishes a file from elsewhere on the machine by accident (a link to a home folder).
pub fn links_outside(root: &Path) -> Vec<Diagnostic> {
    let Ok(site) = root.canonicalize() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for folder in SITE_FOLDERS {
        let links = walkdir::WalkDir::new(root.join(folder))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path_is_symlink());
        for link in links {
            let target = std::fs::read_link(link.path()).unwrap_or_default();
            let inside = link.path().canonicalize().map(|t| t.starts_with(&site));
            let shown = link.path().strip_prefix(root).unwrap_or(link.path());
            if !matches!(inside, Ok(true)) {
                problems.push(Diagnostic::error(
                    Location::file(shown),
                    Problem::BadLink {
                        target: target.display().to_string(),
                        outside: inside.is_ok(),
                    },
                ));
            }
        }
    }
    problems
}
