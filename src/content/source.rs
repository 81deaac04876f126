//! Reading one content file: UTF-8 text with a BOM and CRLF accepted, split into front matter
//! and Markdown body, with the line numbers of both kept for error messages.

use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
pub use crate::reader::read_text;
use std::path::Path;

/// A Markdown file split at its front matter.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub front_matter: &'a str,
    /// The file line on which the YAML starts.
    pub front_matter_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Splits `---\nYAML\n---\nbody`. The opening line must be the first of the file.
pub fn split_front_matter<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---").filter(|r| r.trim().is_empty()))
    else {
        return Err(Diagnostic::error(
            Location::at(shown, Pos::new(1, 1)),
            Problem::MissingFrontMatter,
        ));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front_matter = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let yaml_lines = front_matter.matches('\n').count();
            return Ok(Split {
                front_matter,
                front_matter_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::at(shown, Pos::new(1, 1)),
        Problem::UnclosedFrontMatter,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s =
            split_front_matter("---\ntitle: a\ndate: b\n---\n# Body\n", Path::new("x.md")).unwrap();
        assert_eq!(s.front_matter, "title: a\ndate: b\n");
        assert_eq!((s.front_matter_line, s.body_line), (2, 5));
        assert_eq!(s.body, "# Body\n");
    }

    #[test]
    fn rejects_files_without_front_matter() {
        let e = split_front_matter("# Body", Path::new("x.md")).unwrap_err();
        assert_eq!(e.problem, Problem::MissingFrontMatter);
        let e = split_front_matter("---\ntitle: a\n", Path::new("x.md")).unwrap_err();
        assert_eq!(e.problem, Problem::UnclosedFrontMatter);
    }

    #[test]
    fn accepts_bom_and_crlf_and_locates_bad_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("ok.md");
        std::fs::write(&ok, b"\xEF\xBB\xBF---\r\ntitle: a\r\n---\r\n").unwrap();
        assert_eq!(
            read_text(&ok, Path::new("ok.md")).unwrap(),
            "---\ntitle: a\n---\n"
        );
        // Old Mac line breaks count as lines too, as the YAML parser counts them.
        std::fs::write(&ok, b"---\rtitle: a\r---\r").unwrap();
        assert_eq!(
            read_text(&ok, Path::new("ok.md")).unwrap(),
            "---\ntitle: a\n---\n"
        );
        let bad = dir.path().join("bad.md");
        std::fs::write(&bad, b"---\ntitle: ab\x81c\n").unwrap();
        let e = read_text(&bad, Path::new("bad.md")).unwrap_err();
        assert_eq!(
            (e.pos(), e.problem),
            (
                Some(Pos::new(2, 10)),
                Problem::InvalidUtf8 { looks_like: None }
            )
        );
        // „Уроци в гората“ saved by an older Bulgarian editor, in Windows-1251.
        std::fs::write(
            &bad,
            b"---\ntitle: \xd3\xf0\xee\xf6\xe8 \xe2 \xe3\xee\xf0\xe0\xf2\xe0\n",
        )
        .unwrap();
        let e = read_text(&bad, Path::new("bad.md")).unwrap_err();
        let looks_like = Some("Windows-1251".to_string());
        assert_eq!(
            (e.pos(), e.problem),
            (Some(Pos::new(2, 8)), Problem::InvalidUtf8 { looks_like })
        );
    }
}
