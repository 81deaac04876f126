//! The tool's own messages (diagnostics, hints, progress, summaries, the `serve` overlay) in the
//! user's language, through Fluent.
//!
//! These are kept apart from a site's interface strings (`locales/`, read by [`crate::i18n`]):
//! those belong to the site and its readers and may be overridden per site, these belong to the
//! person running spodeli and are built into the binary (`src/messages/<lang>.ftl`). A message
//! is a [`Text`]: an id and its arguments, rendered in the chosen language only when shown, so
//! the stages that find problems never deal in sentences.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English, the default.
    En,
    /// Bulgarian.
    Bg,
}

impl Lang {
    /// Both languages, for tests and lists.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Bg];

    /// The language a code or locale names (`bg`, `bg_BG.UTF-8`, `en-GB`), if it is one of ours.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("bg") {
            Some(Lang::Bg)
        } else if code.starts_with("en") || code == "c" || code.starts_with("c.") || code == "posix"
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of the environment's locale: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set (the order POSIX gives them), Bulgarian if it starts with `bg`,
    /// English otherwise.
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::parse(&value))
            .unwrap_or(Lang::En)
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Bg => "bg",
        }
    }
}

static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Sets the language every [`Text`] is shown in from now on (the command line does this once).
pub fn choose(lang: Lang) {
    CHOSEN.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are shown in.
pub fn chosen() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::Bg,
        _ => Lang::En,
    }
}

/// The message files, built into the binary.
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("en.ftl")),
    (Lang::Bg, include_str!("bg.ftl")),
];

static BUNDLES: LazyLock<Vec<(Lang, FluentBundle<FluentResource>)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| {
            let langid = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            // The files are the project's own and tested to parse (see the tests below).
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
            let _ = bundle.add_resource(resource);
            (*lang, bundle)
        })
        .collect()
});

/// A value given to a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text shown as it is (a field name, a code, a path).
    Str(String),
    /// A number, which also selects plural forms.
    Num(f64),
    /// Another message, rendered in the same language first.
    Text(Box<Text>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}
impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Text(Box::new(t))
    }
}

// Numbers in messages are counts and sizes, never NaN.
impl Eq for Arg {}

/// A message not yet put into words: its id in `src/messages/<lang>.ftl` and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Text {
    /// The message `id`, without arguments so far.
    pub fn new(id: &'static str) -> Self {
        Text {
            id,
            args: Vec::new(),
        }
    }

    /// The same message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message's id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`. A message or argument missing from the files (a defect the tests
    /// catch) shows its id rather than nothing.
    pub fn render(&self, lang: Lang) -> String {
        let Some((_, bundle)) = BUNDLES.iter().find(|(l, _)| *l == lang) else {
            return self.id.to_string();
        };
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return self.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Text(t) => FluentValue::from(t.render(lang)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(chosen()))
    }
}

/// An operating system error in plain words for the common cases (a missing file, no
/// permission, a full disk), with the system's own text otherwise.
pub fn io_error(error: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => Text::new("os-not-found"),
        ErrorKind::PermissionDenied => Text::new("os-permission-denied"),
        ErrorKind::AlreadyExists => Text::new("os-already-exists"),
        ErrorKind::StorageFull => Text::new("os-storage-full"),
        ErrorKind::ReadOnlyFilesystem => Text::new("os-read-only"),
        ErrorKind::IsADirectory => Text::new("os-is-a-folder"),
        ErrorKind::NotADirectory => Text::new("os-not-a-folder"),
        ErrorKind::ResourceBusy => Text::new("os-busy"),
        _ => Text::new("os-other").arg("detail", error.to_string()),
    }
}

/// A failed action (`reading`, `writing`) on a path, with the system's reason.
pub fn io_failed(action: &'static str, path: &std::path::Path, error: &std::io::Error) -> Text {
    Text::new(action)
        .arg("path", path.display().to_string())
        .arg("reason", io_error(error))
}

#[cfg(test)]
mod tests;
