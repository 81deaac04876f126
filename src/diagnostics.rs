//! Problems found while loading and building a site.
//!
//! Every problem is a value with a typed [`Problem`] kind and, where there is one, the place in a
//! source file it comes from. Stages collect them instead of stopping at the first, so one run
//! reports everything a user has to fix; tests assert on the kind and the position, not on text.

use crate::messages::Text;
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

/// What is wrong. The message says what was found and what was expected. Problems hold no
/// sentences: each is put into words in the chosen language by [`Problem::text`] (the messages
/// are in `src/messages/<lang>.ftl`, one per kind, named after it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A file or folder could not be read or written.
    Io(Text),
    /// The file is not valid UTF-8 text.
    InvalidUtf8 {
        /// An encoding the bytes read well in (`Windows-1251`), if one does.
        looks_like: Option<String>,
    },
    /// The YAML does not parse.
    Yaml(Text),
    /// A Markdown entry has no front matter.
    MissingFrontMatter,
    /// The front matter has no closing `---`.
    UnclosedFrontMatter,
    /// A value has the wrong shape (a list where text is expected, and so on).
    WrongType {
        /// The field, as a path such as `authors[0].name`.
        field: String,
        /// What was found and what is expected.
        message: Text,
    },
    /// A date is not a valid ISO 8601 calendar date.
    BadDate {
        /// The field holding the date.
        field: String,
        /// The text found.
        value: String,
        /// What is wrong with it and the form to write instead.
        reason: Text,
    },
    /// A required field is missing.
    MissingField {
        /// The field name.
        field: String,
        /// The language whose version lacks it, where that matters.
        lang: Option<String>,
    },
    /// A text longer than its field allows.
    TooLong {
        /// The field.
        field: String,
        /// Its length in characters.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A value outside what the field accepts.
    Invalid {
        /// The field.
        field: String,
        /// What is expected.
        message: Text,
    },
    /// A field name spodeli does not know (probably misspelt).
    UnknownField {
        /// The unknown field.
        field: String,
        /// The fields this kind of entry has.
        known: Vec<String>,
    },
    /// A key inside a field's value that nothing reads (misspelt, or from another tool).
    UnreadKey {
        /// Where the key is (`results[0].titel`).
        field: String,
    },
    /// A text cut short by a comma inside `{ }`, where a comma ends unquoted text: the rest
    /// became a key without a value.
    CutText {
        /// The rest of the text, read as a key (`Dobrich`).
        key: String,
        /// The text before the comma (`Yovkov School`).
        before: String,
    },
    /// A symbolic link in the site that points outside the site folder, or to nothing.
    BadLink {
        /// Where it points, as written.
        target: String,
        /// Whether the target exists (outside the site); otherwise the link is broken.
        outside: bool,
    },
    /// A key written twice in one mapping: the later value would silently win.
    DuplicateKey {
        /// The key.
        key: String,
        /// Where it is first written.
        first: Location,
    },
    /// A control character in a text (written through a YAML escape such as `"\x1b"`): pages
    /// and feeds cannot carry it.
    ControlCharacter {
        /// The field holding it.
        field: String,
        /// The character, as `U+001B`.
        code: String,
    },
    /// A code is not in its vocabulary.
    UnknownCode {
        /// The vocabulary (themes, levels, …).
        vocabulary: String,
        /// The code found.
        code: String,
        /// The nearest known code.
        suggestion: Option<String>,
        /// Its label, in the language spodeli speaks.
        label: Option<String>,
        /// Every code of the vocabulary, listed when none is near.
        known: Vec<String>,
    },
    /// An id that names no organisation, project or entry.
    UnknownReference {
        /// What the id should name (organisation, project, practice).
        kind: String,
        /// The id found.
        id: String,
        /// The nearest known id.
        suggestion: Option<String>,
    },
    /// Two files of one entry give different values for a language-neutral field.
    Conflict {
        /// The field.
        field: String,
        /// Where the other value is.
        other: Location,
    },
    /// The same entry is written twice.
    DuplicateEntry {
        /// The other file.
        other: Location,
    },
    /// A file name that does not follow the content layout.
    BadFileName {
        /// The forms that are accepted here.
        expected: Text,
    },
    /// An entry with no language version.
    NoLanguage {
        /// The site's languages.
        languages: Vec<String>,
    },
    /// A link to another entry that does not exist.
    BrokenLink {
        /// The link as written.
        target: String,
        /// Why it does not resolve and what form is expected.
        reason: Text,
    },
    /// A referenced image or file that is not beside the entry.
    MissingAsset {
        /// The file name as written.
        file: String,
        /// The folder it was looked for in.
        folder: String,
        /// Whether the entry is a single file, which has no folder for files yet.
        single_file: bool,
    },
    /// A photo that cannot be published as it is (`file` as the page names it).
    Photo {
        /// The file name as written.
        file: String,
        /// What is wrong with it.
        fault: PhotoFault,
    },
    /// A user-interface message that one language lacks.
    MissingMessage {
        /// The Fluent message id.
        key: String,
        /// The language lacking it.
        lang: String,
        /// Where another language defines it.
        defined_in: Location,
    },
    /// A Fluent file that does not parse, or a message that cannot be formatted.
    Fluent(Text),
    /// A template that does not parse or render (in Tera's own words).
    Template(String),
    /// A bad setting in `site.yaml`.
    Config {
        /// The setting.
        field: String,
        /// What is wrong and what is expected.
        message: Text,
    },
    /// `spodeli new` cannot make what was asked (a taken slug, a missing project).
    New(Text),
    /// An output folder that would destroy sources if replaced.
    UnsafeOutput {
        /// The folder asked for.
        path: String,
        /// Why it is refused.
        reason: Text,
    },
    /// `spodeli deploy` could not put the site on its target.
    Deploy(DeployFault),
    /// A handbook's PDF or EPUB could not be made (located at the chapter text the engine
    /// stopped at, where it says).
    Book {
        /// `PDF` or `EPUB`.
        format: String,
        /// What the engine said.
        detail: String,
    },
}

fn book_failed(format: &str, detail: &str) -> Text {
    Text::new("book-failed")
        .arg("format", format)
        .arg("detail", detail)
}

impl Problem {
    /// The kind of problem, named as its variant (`BadDate`): what tests and tools match on,
    /// never the words of the message.
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Io(_) => "Io",
            Problem::InvalidUtf8 { .. } => "InvalidUtf8",
            Problem::Yaml(_) => "Yaml",
            Problem::MissingFrontMatter => "MissingFrontMatter",
            Problem::UnclosedFrontMatter => "UnclosedFrontMatter",
            Problem::WrongType { .. } => "WrongType",
            Problem::BadDate { .. } => "BadDate",
            Problem::MissingField { .. } => "MissingField",
            Problem::TooLong { .. } => "TooLong",
            Problem::Invalid { .. } => "Invalid",
            Problem::UnknownField { .. } => "UnknownField",
            Problem::UnreadKey { .. } => "UnreadKey",
            Problem::CutText { .. } => "CutText",
            Problem::UnknownCode { .. } => "UnknownCode",
            Problem::UnknownReference { .. } => "UnknownReference",
            Problem::Conflict { .. } => "Conflict",
            Problem::DuplicateEntry { .. } => "DuplicateEntry",
            Problem::BadFileName { .. } => "BadFileName",
            Problem::NoLanguage { .. } => "NoLanguage",
            Problem::BrokenLink { .. } => "BrokenLink",
            Problem::MissingAsset { .. } => "MissingAsset",
            Problem::Photo { fault, .. } => fault.kind(),
            Problem::MissingMessage { .. } => "MissingMessage",
            Problem::Fluent(_) => "Fluent",
            Problem::Template(_) => "Template",
            Problem::Book { .. } => "BookFailed",
            Problem::Config { .. } => "Config",
            Problem::New(_) => "New",
            Problem::UnsafeOutput { .. } => "UnsafeOutput",
            Problem::Deploy(fault) => fault.kind(),
            Problem::ControlCharacter { .. } => "ControlCharacter",
            Problem::DuplicateKey { .. } => "DuplicateKey",
            Problem::BadLink { .. } => "BadLink",
        }
    }

    /// The problem in words: its kind's message with the problem's values.
    pub fn text(&self) -> Text {
        match self {
            Problem::Io(what) => Text::new("io").arg("detail", what.clone()),
            Problem::InvalidUtf8 { looks_like } => match looks_like {
                None => Text::new("invalid-utf8"),
                Some(encoding) => Text::new("invalid-utf8-looks-like").arg("encoding", encoding),
            },
            Problem::Yaml(detail) => Text::new("yaml").arg("detail", detail.clone()),
            Problem::MissingFrontMatter => Text::new("missing-front-matter"),
            Problem::UnclosedFrontMatter => Text::new("unclosed-front-matter"),
            Problem::WrongType { field, message } => Text::new("wrong-type")
                .arg("field", field)
                .arg("detail", message.clone()),
            Problem::BadDate {
                field,
                value,
                reason,
            } => bad_date(field, value, reason),
            Problem::MissingField { field, lang } => match lang {
                None => Text::new("missing-field"),
                Some(lang) => Text::new("missing-field-in").arg("lang", lang),
            }
            .arg("field", field),
            Problem::TooLong { field, length, max } => Text::new("too-long")
                .arg("field", field)
                .arg("length", *length)
                .arg("max", *max),
            Problem::Invalid { field, message } => Text::new("invalid")
                .arg("field", field)
                .arg("detail", message.clone()),
            Problem::UnknownField { field, known } => unknown_field(field, known),
            Problem::UnreadKey { field } => Text::new("unread-key").arg("field", field),
            Problem::CutText { key, before } => {
                Text::new("cut-text").arg("key", key).arg("before", before)
            }
            Problem::BadLink { target, outside } => match outside {
                true => Text::new("link-outside-site"),
                false => Text::new("link-to-nothing"),
            }
            .arg("target", target),
            Problem::DuplicateKey { key, first } => Text::new("duplicate-key")
                .arg("key", key)
                .arg("first", first.to_string()),
            Problem::ControlCharacter { field, code } => Text::new("control-character")
                .arg("field", field)
                .arg("code", code),
            Problem::UnknownCode {
                vocabulary,
                code,
                suggestion,
                label,
                known,
            } => Text::new("unknown-code")
                .arg("vocabulary", vocabulary)
                .arg("code", code)
                .arg("hint", code_hint(vocabulary, suggestion, label, known)),
            Problem::UnknownReference {
                kind,
                id,
                suggestion,
            } => unknown_reference(kind, id, suggestion),
            Problem::Conflict { field, other } => Text::new("conflict")
                .arg("field", field)
                .arg("other", other.to_string()),
            Problem::DuplicateEntry { other } => {
                Text::new("duplicate-entry").arg("other", other.to_string())
            }
            Problem::BadFileName { expected } => {
                Text::new("bad-file-name").arg("expected", expected.clone())
            }
            Problem::NoLanguage { languages } => {
                Text::new("no-language").arg("languages", languages.join(", "))
            }
            Problem::BrokenLink { target, reason } => Text::new("broken-link")
                .arg("target", target)
                .arg("detail", reason.clone()),
            Problem::MissingAsset {
                file,
                folder,
                single_file,
            } => missing_asset(file, folder, *single_file),
            Problem::Photo { file, fault } => fault.text(file),
            Problem::MissingMessage {
                key,
                lang,
                defined_in,
            } => missing_message(key, lang, defined_in),
            Problem::Fluent(detail) => Text::new("fluent").arg("detail", detail.clone()),
            Problem::Template(detail) => Text::new("template").arg("detail", detail),
            Problem::Book { format, detail } => book_failed(format, detail),
            Problem::Config { field, message } => Text::new("config")
                .arg("field", field)
                .arg("detail", message.clone()),
            Problem::New(detail) => Text::new("new").arg("detail", detail.clone()),
            Problem::UnsafeOutput { path, reason } => Text::new("unsafe-output")
                .arg("path", path)
                .arg("detail", reason.clone()),
            Problem::Deploy(fault) => fault.text(),
        }
    }
}

/// A date that is not a calendar date, with what is wrong and what to write.
fn bad_date(field: &str, value: &str, reason: &Text) -> Text {
    Text::new("bad-date")
        .arg("field", field)
        .arg("value", value)
        .arg("detail", reason.clone())
}

/// A file an entry names that is not where it is looked for.
fn missing_asset(file: &str, folder: &str, single_file: bool) -> Text {
    match single_file {
        true => Text::new("missing-asset-single-file"),
        false => Text::new("missing-asset"),
    }
    .arg("file", file)
    .arg("folder", folder)
}

/// What is wrong with a photo. Each fault is its own kind of problem (`PhotoUnreadable`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoFault {
    /// Its bytes cannot be decoded: the file is damaged or cut short.
    Unreadable(String),
    /// It holds no photo at all (a document or a web page saved under a photo's name).
    NotAPhoto {
        /// What it holds, as far as its first bytes tell.
        found: Text,
    },
    /// A photo format browsers cannot all show and spodeli does not read (HEIC, AVIF, TIFF).
    Unsupported {
        /// The format's name.
        format: String,
    },
    /// More pixels than the site's limit: refused before it is decoded, so that a small file
    /// declaring a huge picture cannot take the machine's memory.
    TooLarge {
        /// Its width in pixels, as its header declares.
        width: u32,
        /// Its height in pixels.
        height: u32,
        /// The limit in megapixels (`images.max_megapixels`).
        limit: u32,
    },
    /// Its name says one format and its bytes another: published as what its bytes are.
    Misnamed {
        /// The format its bytes are in.
        format: String,
    },
    /// Another photo of the same folder would be published under the same names (`a.jpg` and
    /// `a.png` both make `a-800.webp`).
    NameTaken {
        /// The other photo's file name.
        other: String,
    },
    /// A photo no page shows or links that cannot be read: it is not published.
    Unused(Box<PhotoFault>),
}

impl PhotoFault {
    fn kind(&self) -> &'static str {
        match self {
            PhotoFault::Unreadable(_) => "PhotoUnreadable",
            PhotoFault::NotAPhoto { .. } => "PhotoNotAPhoto",
            PhotoFault::Unsupported { .. } => "PhotoUnsupported",
            PhotoFault::TooLarge { .. } => "PhotoTooLarge",
            PhotoFault::Misnamed { .. } => "PhotoMisnamed",
            PhotoFault::NameTaken { .. } => "PhotoNameTaken",
            PhotoFault::Unused(_) => "PhotoUnused",
        }
    }

    fn text(&self, file: &str) -> Text {
        match self {
            PhotoFault::Unreadable(detail) => Text::new("photo-unreadable").arg("detail", detail),
            PhotoFault::NotAPhoto { found } => {
                Text::new("photo-not-a-photo").arg("found", found.clone())
            }
            PhotoFault::Unsupported { format } => {
                Text::new("photo-unsupported").arg("format", format)
            }
            PhotoFault::TooLarge {
                width,
                height,
                limit,
            } => Text::new("photo-too-large")
                .arg("width", *width as usize)
                .arg("height", *height as usize)
                .arg("limit", *limit as usize),
            PhotoFault::Misnamed { format } => Text::new("photo-misnamed").arg("format", format),
            PhotoFault::NameTaken { other } => Text::new("photo-name-taken").arg("other", other),
            PhotoFault::Unused(fault) => Text::new("photo-unused").arg("detail", fault.text(file)),
        }
        .arg("file", file)
    }
}

/// Why a deploy stopped. Each fault is its own kind of problem (`DeployLogin`…), worded for
/// a webmaster: what failed and what to do, never the protocol's reply codes alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeployFault {
    /// Neither the command line nor `site.yaml` names where to deploy.
    NoTarget,
    /// The target is not an address spodeli can deploy to.
    BadTarget {
        /// The target as written (without any password).
        target: String,
        /// What is wrong with it.
        reason: Text,
    },
    /// The target address holds a password, which would end up in shell histories and files.
    PasswordInTarget,
    /// No password came from the environment or a netrc file, and there is no terminal to ask.
    NoPassword {
        /// The user and host it is for.
        account: String,
    },
    /// The host name does not resolve.
    HostNotFound {
        /// The host.
        host: String,
    },
    /// The host did not answer or refused the connection.
    Unreachable {
        /// The host and port.
        host: String,
        /// The system's words.
        detail: String,
    },
    /// The server refused the user name or password (or key).
    Login {
        /// The user and host.
        account: String,
    },
    /// The server refused to write or remove in the target folder.
    Permission {
        /// The path refused, relative to the target.
        path: String,
        /// The server's words.
        detail: String,
    },
    /// The server's disk or the account's quota is full.
    DiskFull {
        /// The server's words.
        detail: String,
    },
    /// The FTPS server's certificate is not trusted.
    Certificate {
        /// The host.
        host: String,
        /// The certificate's SHA-256 fingerprint, to compare with what the host says it is.
        fingerprint: String,
        /// Why it is not trusted.
        detail: String,
    },
    /// The SFTP server's host key is unknown or differs from the one known.
    HostKey {
        /// The host.
        host: String,
        /// The key's SHA-256 fingerprint.
        fingerprint: String,
        /// Whether a different key is known for the host (a changed server, or an attack).
        changed: bool,
    },
    /// Files of the build would replace files that deploy did not put there.
    InTheWay {
        /// The first of them, relative to the target.
        files: Vec<String>,
        /// How many were found.
        found: usize,
        /// Whether all were looked for (a deploy stops looking after a hundred).
        complete: bool,
    },
    /// The connection failed and retries did not help, or the server answered unexpectedly.
    Failed {
        /// What was being done.
        doing: Text,
        /// The server's or system's words.
        detail: String,
    },
}

impl DeployFault {
    fn kind(&self) -> &'static str {
        match self {
            DeployFault::NoTarget => "DeployNoTarget",
            DeployFault::BadTarget { .. } => "DeployBadTarget",
            DeployFault::PasswordInTarget => "DeployPasswordInTarget",
            DeployFault::NoPassword { .. } => "DeployNoPassword",
            DeployFault::HostNotFound { .. } => "DeployHostNotFound",
            DeployFault::Unreachable { .. } => "DeployUnreachable",
            DeployFault::Login { .. } => "DeployLogin",
            DeployFault::Permission { .. } => "DeployPermission",
            DeployFault::DiskFull { .. } => "DeployDiskFull",
            DeployFault::Certificate { .. } => "DeployCertificate",
            DeployFault::HostKey { .. } => "DeployHostKey",
            DeployFault::InTheWay { .. } => "DeployInTheWay",
            DeployFault::Failed { .. } => "DeployFailed",
        }
    }

    fn text(&self) -> Text {
        match self {
            DeployFault::NoTarget => Text::new("deploy-no-target"),
            DeployFault::BadTarget { target, reason } => Text::new("deploy-bad-target")
                .arg("target", target)
                .arg("detail", reason.clone()),
            DeployFault::PasswordInTarget => Text::new("deploy-password-in-target"),
            DeployFault::NoPassword { account } => {
                Text::new("deploy-no-password").arg("account", account)
            }
            DeployFault::HostNotFound { host } => {
                Text::new("deploy-host-not-found").arg("host", host)
            }
            DeployFault::Unreachable { host, detail } => Text::new("deploy-unreachable")
                .arg("host", host)
                .arg("detail", detail),
            DeployFault::Login { account } => Text::new("deploy-login").arg("account", account),
            DeployFault::Permission { path, detail } => Text::new("deploy-permission")
                .arg("path", path)
                .arg("detail", detail),
            DeployFault::DiskFull { detail } => Text::new("deploy-disk-full").arg("detail", detail),
            DeployFault::Certificate {
                host,
                fingerprint,
                detail,
            } => Text::new("deploy-certificate")
                .arg("host", host)
                .arg("fingerprint", fingerprint)
                .arg("detail", detail),
            DeployFault::HostKey {
                host,
                fingerprint,
                changed,
            } => match changed {
                true => Text::new("deploy-host-key-changed"),
                false => Text::new("deploy-host-key-unknown"),
            }
            .arg("host", host)
            .arg("fingerprint", fingerprint),
            DeployFault::InTheWay {
                files,
                found,
                complete,
            } => match complete {
                true => Text::new("deploy-in-the-way"),
                false => Text::new("deploy-in-the-way-more"),
            }
            .arg("files", files.join(", "))
            .arg("count", *found),
            DeployFault::Failed { doing, detail } => Text::new("deploy-failed")
                .arg("doing", doing.clone())
                .arg("detail", detail),
        }
    }
}

/// An id that names nothing, with the nearest id that names something.
fn unknown_reference(kind: &str, id: &str, suggestion: &Option<String>) -> Text {
    Text::new("unknown-reference")
        .arg("kind", kind)
        .arg("id", id)
        .arg("hint", did_you_mean(suggestion))
}

/// The nearest known name, when there is one.
fn did_you_mean(suggestion: &Option<String>) -> Text {
    match suggestion {
        Some(s) => Text::new("hint-did-you-mean").arg("suggestion", s),
        None => Text::new("hint-none"),
    }
}

/// An unknown field, with the known field nearest to it or, when none is near, all of them.
fn unknown_field(field: &str, known: &[String]) -> Text {
    match nearest(field, known.iter().map(String::as_str)) {
        Some(near) => Text::new("unknown-field-near")
            .arg("field", field)
            .arg("suggestion", near),
        None => Text::new("unknown-field")
            .arg("field", field)
            .arg("known", known.join(", ")),
    }
}

/// What to write instead of an unknown code: the nearest code with its label, or every code.
fn code_hint(
    vocabulary: &str,
    suggestion: &Option<String>,
    label: &Option<String>,
    known: &[String],
) -> Text {
    match suggestion {
        Some(suggestion) => Text::new("hint-did-you-mean-code")
            .arg("suggestion", suggestion)
            .arg("label", label.clone().unwrap_or_default()),
        None => Text::new("hint-codes")
            .arg("vocabulary", vocabulary)
            .arg("codes", known.join(", ")),
    }
}

/// A message missing in a language, with the file to add it to.
fn missing_message(key: &str, lang: &str, defined_in: &Location) -> Text {
    let file = defined_in.path.file_name().unwrap_or_default();
    let target = Path::new("locales").join(lang).join(file);
    Text::new("missing-message")
        .arg("key", key)
        .arg("lang", lang)
        .arg("target", target.display().to_string())
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for Problem {}

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
            Severity::Error => Text::new("severity-error"),
            Severity::Warning => Text::new("severity-warning"),
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
    use crate::messages::Lang;

    /// The number of kinds of problem: a new kind fails here until it has a sample below.
    const KINDS: usize = 38;

    /// Every kind of problem, in each of the shapes its message takes.
    fn one_of_each() -> Vec<Problem> {
        let s = |text: &str| text.to_string();
        let here = Location::at("content/practices/a.bg.md", Pos::new(3, 7));
        vec![
            Problem::Io(
                Text::new("io-reading")
                    .arg("path", "a.md")
                    .arg("reason", Text::new("os-not-found")),
            ),
            Problem::InvalidUtf8 { looks_like: None },
            Problem::InvalidUtf8 {
                looks_like: Some(s("Windows-1251")),
            },
            Problem::Yaml(Text::new("yaml-colon-in-text").arg("key", "title")),
            Problem::MissingFrontMatter,
            Problem::UnclosedFrontMatter,
            Problem::WrongType {
                field: s("themes"),
                message: Text::new("shape-found-expected")
                    .arg("found", Text::new("found-number").arg("value", "5"))
                    .arg("expected", Text::new("expected-list")),
            },
            Problem::BadDate {
                field: s("date"),
                value: s("10.05.2021"),
                reason: Text::new("date-write-iso").arg("iso", "2021-05-10"),
            },
            Problem::MissingField {
                field: s("title"),
                lang: None,
            },
            Problem::MissingField {
                field: s("title"),
                lang: Some(s("en")),
            },
            Problem::TooLong {
                field: s("summary"),
                length: 320,
                max: 300,
            },
            Problem::Invalid {
                field: s("country"),
                message: Text::new("invalid-country").arg("country", "Bulgaria"),
            },
            Problem::UnknownField {
                field: s("titel"),
                known: vec![s("title"), s("summary")],
            },
            Problem::UnknownField {
                field: s("zzzzzz"),
                known: vec![s("title"), s("summary")],
            },
            Problem::UnreadKey {
                field: s("authors[0].rol"),
            },
            Problem::CutText {
                key: s("Dobrich"),
                before: s("Yovkov School"),
            },
            Problem::UnknownCode {
                vocabulary: s("themes"),
                code: s("digitl"),
                suggestion: Some(s("digital")),
                label: Some(s("Digital education")),
                known: vec![s("digital")],
            },
            Problem::UnknownCode {
                vocabulary: s("themes"),
                code: s("zzz"),
                suggestion: None,
                label: None,
                known: vec![s("digital"), s("stem")],
            },
            Problem::UnknownReference {
                kind: s("organisation"),
                id: s("x"),
                suggestion: None,
            },
            Problem::UnknownReference {
                kind: s("practice"),
                id: s("x"),
                suggestion: Some(s("y")),
            },
            Problem::Conflict {
                field: s("date"),
                other: here.clone(),
            },
            Problem::DuplicateEntry {
                other: here.clone(),
            },
            Problem::BadFileName {
                expected: Text::new("file-name-slug").arg("slug", "a-b"),
            },
            Problem::NoLanguage {
                languages: vec![s("bg"), s("en")],
            },
            Problem::BrokenLink {
                target: s("/a"),
                reason: Text::new("link-root-relative"),
            },
            Problem::MissingAsset {
                file: s("a.jpg"),
                folder: s("content/practices/a/"),
                single_file: false,
            },
            Problem::MissingAsset {
                file: s("a.jpg"),
                folder: s("content/practices/a/"),
                single_file: true,
            },
            Problem::Photo {
                file: s("a.jpg"),
                fault: PhotoFault::Unreadable(s("unexpected end of file")),
            },
            Problem::Photo {
                file: s("a.jpg"),
                fault: PhotoFault::NotAPhoto {
                    found: Text::new("photo-holds-pdf"),
                },
            },
            Problem::Photo {
                file: s("a.heic"),
                fault: PhotoFault::Unsupported { format: s("HEIC") },
            },
            Problem::Photo {
                file: s("a.png"),
                fault: PhotoFault::TooLarge {
                    width: 50_000,
                    height: 50_000,
                    limit: 100,
                },
            },
            Problem::Photo {
                file: s("a.jpg"),
                fault: PhotoFault::Misnamed { format: s("PNG") },
            },
            Problem::Photo {
                file: s("a.png"),
                fault: PhotoFault::NameTaken { other: s("a.jpg") },
            },
            Problem::Photo {
                file: s("a.jpg"),
                fault: PhotoFault::Unused(Box::new(PhotoFault::Unreadable(s("bad")))),
            },
            Problem::MissingMessage {
                key: s("nav-home"),
                lang: s("en"),
                defined_in: here,
            },
            Problem::Fluent(Text::new("fluent-unknown-message").arg("key", "x")),
            Problem::Template(s("Field `name` is not defined")),
            Problem::Book {
                format: s("PDF"),
                detail: s("maximum grouping depth exceeded"),
            },
            Problem::Config {
                field: s("paginate"),
                message: Text::new("config-paginate"),
            },
            Problem::New(
                Text::new("new-slug-taken")
                    .arg("slug", "a")
                    .arg("path", "content/practices/a.bg.md"),
            ),
            Problem::UnsafeOutput {
                path: s("/site"),
                reason: Text::new("output-contains-site"),
            },
            Problem::ControlCharacter {
                field: s("title"),
                code: s("U+001B"),
            },
            Problem::BadLink {
                target: s("/home/ana/photo.jpg"),
                outside: true,
            },
            Problem::BadLink {
                target: s("gone.jpg"),
                outside: false,
            },
            Problem::DuplicateKey {
                key: s("title"),
                first: Location::at("content/practices/a.bg.md", Pos::new(2, 1)),
            },
        ]
    }

    #[test]
    fn every_kind_of_problem_renders_in_both_languages() {
        let samples = one_of_each();
        let kinds: std::collections::BTreeSet<&str> = samples.iter().map(Problem::kind).collect();
        assert_eq!(kinds.len(), KINDS, "a sample of every kind");
        for problem in &samples {
            let texts = Lang::ALL.map(|lang| problem.text().render(lang));
            for text in &texts {
                // A message or an argument missing from a file shows as its id or `{$name}`.
                assert!(
                    !text.contains('$') && text.contains(' ') && !text.contains("hint-"),
                    "{problem:?}: {text}"
                );
            }
            assert_ne!(
                texts[0], texts[1],
                "{problem:?} reads the same in both languages"
            );
        }
    }

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
