//! The one way spodeli reads a file a user wrote (entries, `site.yaml`, vocabularies, messages,
//! templates): UTF-8 with or without a BOM, Windows line endings accepted, and a located error
//! that names the encoding when the file is not UTF-8.

use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use std::path::Path;

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
        Ok(text) => Ok(if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        }),
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
