//! What the renderer makes: one job per page, the file each page becomes, and what rendering
//! found out besides the HTML.

use crate::content::Section;
use crate::urls::Taxonomy;
use std::sync::Arc;

/// A file the build writes: its path under the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// The language of an HTML page (for the summary); `None` for other files.
    pub lang: Option<String>,
}

/// What rendering a page found out besides its HTML.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// The entries its Markdown links to.
    pub(super) links: Vec<(Section, String)>,
    /// The description of an entry for the search index.
    pub(super) search: Option<Arc<crate::search::index::Analyzed>>,
}

/// How many of the latest practices and projects the home page shows.
pub(super) const HOME_PRACTICES: usize = 6;
pub(super) const HOME_PROJECTS: usize = 3;

/// Pages sit at most this deep (`bg/themes/x/page/2/`); deeper ones render cards uncached.
pub(super) const CARD_DEPTHS: usize = 6;

/// One page to render.
#[derive(Debug, Clone)]
pub(super) enum Job {
    Chooser,
    NotFound,
    Home(usize),
    Search(usize),
    Listing(usize, Section, usize),
    Entry(usize, usize),
    TaxonomyIndex(usize, Taxonomy),
    Term(usize, Taxonomy, usize, usize),
    /// A handbook's contents page: language, project.
    Handbook(usize, usize),
    /// A handbook chapter: language, project, chapter.
    Chapter(usize, usize, usize),
    /// A handbook's every chapter on one page, for printing: language, project.
    HandbookPrint(usize, usize),
}
