//! Problems found while loading and building a site.
//!
//! Every problem is a value with a typed [`Problem`] kind and, where there is one, the place in a
//! source file it comes from. Stages collect them instead of stopping at the first, so one run
//! reports everything a user has to fix; tests assert on the kind and the position, not on text.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// Line, counted from the first line of the file (1-based).
    pub line: usize,
    /// Column in characters (1-based).
    pub column: usize,
}

impl Pos {
    /// A position from 1-based line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// The position of byte `offset` in `text`, whose first line is line `first_line`.
    pub fn of_offset(text: &str, offset: usize, first_line: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(line, before[line_start..].chars().count() + 1)
    }
}

/// Where a problem is: a file (relative to the site root where possible) and maybe a position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, as the user would type it from the site root.
    pub path: PathBuf,
    /// The place in the file, when the problem has one.
    pub pos: Option<Pos>,
}

impl Location {
    /// A location at a position in a file.
    pub fn at(path: impl Into<PathBuf>, pos: Pos) -> Self {
        Location {
            path: path.into(),
            pos: Some(pos),
        }
    }

    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            pos: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.column)?;
        }
        Ok(())
    }
}

/// How bad a problem is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// Probably a mistake (such as a misspelt field name), but the site can be built.
    Warning,
}

/// What is wrong. The message says what was found and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A file or folder could not be read or written.
    #[error("{0}")]
    Io(String),
    /// The file is not valid UTF-8 text.
    #[error("invalid UTF-8: expected text encoded as UTF-8 (save the file as UTF-8)")]
    InvalidUtf8,
    /// The YAML does not parse.
    #[error("invalid YAML: {0}")]
    Yaml(String),
    /// A Markdown entry has no front matter.
    #[error(
        "missing front matter: expected the file to start with a line `---`, the YAML fields, and another `---`"
    )]
    MissingFrontMatter,
    /// The front matter has no closing `---`.
    #[error("unclosed front matter: expected a line `---` after the YAML fields")]
    UnclosedFrontMatter,
    /// A value has the wrong shape (a list where text is expected, and so on).
    #[error("`{field}`: {message}")]
    WrongType {
        /// The field, as a path such as `authors[0].name`.
        field: String,
        /// What serde found and expected.
        message: String,
    },
    /// A date is not a valid ISO 8601 calendar date.
    #[error("`{field}`: invalid date `{value}`: expected a date as YYYY-MM-DD, e.g. 2016-09-01")]
    BadDate {
        /// The field holding the date.
        field: String,
        /// The text found.
        value: String,
    },
    /// A required field is missing.
    #[error("missing required field `{field}`{}", for_lang(.lang))]
    MissingField {
        /// The field name.
        field: String,
        /// The language whose version lacks it, where that matters.
        lang: Option<String>,
    },
    /// A text longer than its field allows.
    #[error(
        "`{field}` is {length} characters long; expected at most {max} (it is shown on cards and in search results)"
    )]
    TooLong {
        /// The field.
        field: String,
        /// Its length in characters.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A value outside what the field accepts.
    #[error("`{field}`: {message}")]
    Invalid {
        /// The field.
        field: String,
        /// What is expected.
        message: String,
    },
    /// A field name spodeli does not know (probably misspelt).
    #[error("unknown field `{field}`; known fields: {}", .known.join(", "))]
    UnknownField {
        /// The unknown field.
        field: String,
        /// The fields this kind of entry has.
        known: Vec<String>,
    },
    /// A key inside a field's value that nothing reads. Without a value, it is most likely the
    /// rest of a text that a comma cut short: in YAML's `{ }`, a comma ends unquoted text.
    #[error("`{field}` is not a known key here, so it is not used{}", cut_hint(*.cut_text))]
    UnreadKey {
        /// Where the key is (`results[0].за да се учим`).
        field: String,
        /// Whether the key has no value (a text cut at a comma).
        cut_text: bool,
    },
    /// A code is not in its vocabulary.
    #[error("unknown {vocabulary} code `{code}`{}", suggest(.suggestion))]
    UnknownCode {
        /// The vocabulary (themes, levels, …).
        vocabulary: String,
        /// The code found.
        code: String,
        /// The nearest known code.
        suggestion: Option<String>,
    },
    /// An id that names no organisation, project or entry.
    #[error("unknown {kind} `{id}`{}", suggest(.suggestion))]
    UnknownReference {
        /// What the id should name (organisation, project).
        kind: String,
        /// The id found.
        id: String,
        /// The nearest known id.
        suggestion: Option<String>,
    },
    /// Two files of one entry give different values for a language-neutral field.
    #[error(
        "`{field}` differs from its value in {other}: a language-neutral field must be the same in every language (write it once)"
    )]
    Conflict {
        /// The field.
        field: String,
        /// Where the other value is.
        other: Location,
    },
    /// The same entry is written twice.
    #[error("duplicate entry: {other} already defines it")]
    DuplicateEntry {
        /// The other file.
        other: Location,
    },
    /// A file name that does not follow the content layout.
    #[error("unexpected file name: expected {expected}")]
    BadFileName {
        /// The forms that are accepted here.
        expected: String,
    },
    /// An entry with no language version.
    #[error("no language version: expected index.<lang>.md for one of: {}", .languages.join(", "))]
    NoLanguage {
        /// The site's languages.
        languages: Vec<String>,
    },
    /// A link to another entry that does not exist.
    #[error("broken link `{target}`: {reason}")]
    BrokenLink {
        /// The link as written.
        target: String,
        /// Why it does not resolve and what form is expected.
        reason: String,
    },
    /// A referenced image or file that is not beside the entry.
    #[error("missing file `{file}`: expected it in {folder}")]
    MissingAsset {
        /// The file name as written.
        file: String,
        /// The folder it was looked for in.
        folder: String,
    },
    /// A user-interface message that one language lacks.
    #[error("missing translation `{key}` for language `{lang}` (it is defined in {defined_in})")]
    MissingMessage {
        /// The Fluent message id.
        key: String,
        /// The language lacking it.
        lang: String,
        /// Where another language defines it.
        defined_in: Location,
    },
    /// A Fluent file that does not parse, or a message that cannot be formatted.
    #[error("Fluent: {0}")]
    Fluent(String),
    /// A template that does not parse or render.
    #[error("template: {0}")]
    Template(String),
    /// A bad setting in `site.yaml`.
    #[error("`{field}`: {message}")]
    Config {
        /// The setting.
        field: String,
        /// What is wrong and what is expected.
        message: String,
    },
    /// An output folder that would destroy sources if replaced.
    #[error("refusing to write the site into {path}: {reason}")]
    UnsafeOutput {
        /// The folder asked for.
        path: String,
        /// Why it is refused.
        reason: String,
    },
}

fn suggest(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

fn cut_hint(cut_text: bool) -> &'static str {
    if cut_text {
        "; if it is the rest of a text, a comma cut it: inside `{ }`, put a text with commas in quotes"
    } else {
        ""
    }
}

fn for_lang(lang: &Option<String>) -> String {
    lang.as_ref()
        .map(|l| format!(" (language `{l}`)"))
        .unwrap_or_default()
}

/// One problem, its severity and its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is; `None` for problems of the whole site.
    pub location: Option<Location>,
    /// What is wrong.
    pub problem: Problem,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Location, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Some(location),
            problem,
        }
    }

    /// A warning at a location.
    pub fn warning(location: Location, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: Some(location),
            problem,
        }
    }

    /// An error of the whole site, with no file to name.
    pub fn global(problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: None,
            problem,
        }
    }

    /// Whether this fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this problem is in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.path.as_path())
    }

    /// The line and column, if any.
    pub fn pos(&self) -> Option<Pos> {
        self.location.as_ref().and_then(|l| l.pos)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.problem)
    }
}

/// Problems collected by a stage, in the order a reader wants them: by file, then position.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds many problems.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The problems, sorted by file and position.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            a.location
                .cmp(&b.location)
                .then(a.severity.cmp(&b.severity))
        });
        self.0.dedup();
        self.0
    }

    /// The problems in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

/// The nearest of `known` to `code` by edit distance, if it is near enough to be a likely typo.
pub fn nearest<'a>(code: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(code, k), k))
        .filter(|(d, k)| *d <= (k.chars().count().max(code.chars().count()) / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let text = "ab\nвъв\nx";
        assert_eq!(Pos::of_offset(text, 0, 1), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3, 1), Pos::new(2, 1));
        // Columns count characters, not bytes.
        assert_eq!(Pos::of_offset(text, 3 + "въ".len(), 5), Pos::new(6, 3));
    }

    #[test]
    fn nearest_suggests_only_close_codes() {
        let known = ["professional_development", "digital", "stem"];
        assert_eq!(nearest("digitl", known).as_deref(), Some("digital"));
        assert_eq!(
            nearest("profesional_development", known).as_deref(),
            Some("professional_development")
        );
        assert_eq!(nearest("zzzzzzzzzz", known), None);
    }
}
