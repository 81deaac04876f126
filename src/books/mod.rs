//! A project's handbook as books: a PDF and an EPUB 3 in every language its index is written
//! in, made from the same chapters as its pages.
//!
//! Making a book has two steps. [`draft`] gathers the book ([`manuscript`]) and writes it out —
//! Typst markup for the PDF ([`typeset`], [`pdf`]), XHTML documents for the EPUB ([`epub`]) —
//! which is quick, and gives the draft's key: a hash of everything the book's bytes depend on.
//! [`Draft::make`] then does the slow part (typesetting, zipping) only for a key the [`store`]
//! does not hold. Links in books are absolute (they are read away from the site), and photos
//! are the copies the site publishes, read from the photo store.

mod epub;
pub mod manuscript;
mod pdf;
mod sources;
pub mod store;
mod typeset;
mod world;

pub use crate::content::handbook::Format;
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::urls::Urls;
use manuscript::Manuscript;
use sources::Sources;
use std::path::PathBuf;

/// Raised when the books' making changes, so that books kept by an older spodeli are made
/// again.
const VERSION: u32 = 1;

/// Where the book of project `project` in `lang` is published.
pub fn address(project: &str, lang: &str, format: Format) -> String {
    format!(
        "{}{project}-{lang}.{}",
        Urls::handbook(lang, project),
        format.extension()
    )
}

/// A book written out, ready to be made.
pub struct Draft {
    /// The hash of everything its bytes depend on.
    pub key: u64,
    /// Its format.
    pub format: Format,
    work: Work,
}

enum Work {
    Pdf(pdf::Draft),
    Epub(epub::Draft),
}

/// The book of the handbook of project entry `project` in `lang` (a language of its index).
pub fn draft(site: &Site, project: usize, lang: &str, format: Format) -> Draft {
    let handbook = site.entries[project]
        .handbook
        .as_ref()
        .expect("a project with a handbook");
    let manuscript = Manuscript::new(site, project, handbook, lang);
    let sources = Sources::new(site, project, handbook);
    let work = match format {
        Format::Pdf => Work::Pdf(pdf::draft(&manuscript, &sources)),
        Format::Epub => Work::Epub(epub::draft(&manuscript, &sources)),
    };
    let key = crate::fingerprint::of(&(
        VERSION,
        env!("CARGO_PKG_VERSION"),
        format,
        match &work {
            Work::Pdf(d) => d.key(),
            Work::Epub(d) => d.key(),
        },
    ));
    Draft { key, format, work }
}

impl Draft {
    /// Makes the book's bytes; the problems, located in the handbook's files, if it cannot be
    /// made.
    pub fn make(&self) -> Result<Vec<u8>, Vec<Diagnostic>> {
        match &self.work {
            Work::Pdf(d) => d.make(),
            Work::Epub(d) => d.make(),
        }
    }
}

/// A book made (or found in the store) for this run.
#[derive(Debug, Clone)]
pub struct Shelved {
    /// Its file in the store.
    pub stored: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its draft's key.
    pub key: u64,
}

/// The books of a run, by project entry, language and format. Empty in a run that makes none.
#[derive(Debug, Default)]
pub struct Shelf {
    books: std::collections::BTreeMap<(usize, String, Format), Shelved>,
    /// How many had to be made (not found in the store).
    pub made: usize,
}

impl Shelf {
    /// A shelf of `books`, `made` of which were made in this run.
    pub fn new(
        books: impl IntoIterator<Item = ((usize, String, Format), Shelved)>,
        made: usize,
    ) -> Self {
        Shelf {
            books: books.into_iter().collect(),
            made,
        }
    }

    /// The books of project entry `project`: language, format, book.
    pub fn of(&self, project: usize) -> impl Iterator<Item = (&str, Format, &Shelved)> {
        self.books
            .range((project, String::new(), Format::Pdf)..)
            .take_while(move |((p, _, _), _)| *p == project)
            .map(|((_, lang, format), b)| (lang.as_str(), *format, b))
    }

    /// Every book: project entry, language, format, book.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str, Format, &Shelved)> {
        self.books
            .iter()
            .map(|((p, lang, format), b)| (*p, lang.as_str(), *format, b))
    }
}
