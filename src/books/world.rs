//! What the Typst engine sees of a book: one source file made from the handbook, the photos it
//! shows, and the fonts shipped in the binary. Nothing is read from the system (no fonts, no
//! packages, no clock), so the same handbook gives the same PDF on every machine.

use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts every book is set in: Libertinus Serif (Latin, Cyrillic, Greek) for the text and
/// DejaVu Sans Mono for code, as `typst-assets` ships them. Parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The id of a path of the book's virtual folder. Ids are interned for the process's life (at
/// most 65,535): the names used are the main file and one per photo copy.
pub(super) fn file_id(path: &str) -> FileId {
    let path = VirtualPath::new(path).expect("book paths are plain");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

/// One book for the engine.
pub(super) struct BookWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl BookWorld {
    /// A world of the markup `main` and the `files` it names (path, bytes); `today` is the date
    /// the book is dated with.
    pub(super) fn new(main: String, files: Vec<(String, Vec<u8>)>, today: Datetime) -> Self {
        BookWorld {
            main: Source::new(file_id("/book.typ"), main),
            files: files
                .into_iter()
                .map(|(path, bytes)| (file_id(&path), Bytes::new(bytes)))
                .collect(),
            today,
        }
    }
}

impl World for BookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match id == self.main.id() {
            true => Ok(self.main.clone()),
            false => Err(FileError::AccessDenied),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
