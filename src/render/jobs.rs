//! What the renderer makes: one job per page, the file each page becomes, and what rendering
//! found out besides the HTML.

use crate::content::Section;
use crate::content::handbook::Handbook;
use crate::diagnostics::Diagnostic;
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
    pub(super) search: Option<Arc<crate::search::document::Analyzed>>,
}

/// How many of the latest practices and projects the home page shows.
pub(super) const HOME_PRACTICES: usize = 6;
pub(super) const HOME_PROJECTS: usize = 3;

/// Pages sit at most this deep (`bg/themes/x/page/2/`); deeper ones render cards uncached.
pub(super) const CARD_DEPTHS: usize = 6;

/// One page being rendered: its language and address, and where the problems and the links it
/// finds go. Handed down through the functions that make its context.
pub(super) struct Rendering<'p> {
    pub(super) lang: Lang,
    pub(super) path: &'p str,
    pub(super) problems: &'p mut Vec<Diagnostic>,
    pub(super) found: &'p mut Found,
}

/// A language of the site, by its place in the site's languages: its own type, so that a
/// language and an entry's index cannot be swapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lang(pub(super) usize);

/// A project's handbook: the project's index among the site's entries, and the handbook.
#[derive(Debug, Clone, Copy)]
pub(super) struct Book<'a> {
    pub(super) entry: usize,
    pub(super) handbook: &'a Handbook,
}

/// One page to render.
#[derive(Debug, Clone)]
pub(super) enum Job<'a> {
    Chooser,
    NotFound,
    Home(Lang),
    Search(Lang),
    Listing {
        lang: Lang,
        section: Section,
        page: usize,
    },
    /// An entry's page: language, entry.
    Entry(Lang, usize),
    TaxonomyIndex(Lang, Taxonomy),
    Term {
        lang: Lang,
        taxonomy: Taxonomy,
        /// The term's place in the language's groups of `taxonomy`.
        term: usize,
        page: usize,
    },
    /// A handbook's contents page.
    Handbook(Lang, Book<'a>),
    /// A handbook chapter.
    Chapter {
        lang: Lang,
        book: Book<'a>,
        chapter: usize,
    },
    /// A handbook's every chapter on one page, for printing.
    HandbookPrint(Lang, Book<'a>),
}

impl Job<'_> {
    /// Whether the job's page is found by search (it has a search description).
    pub(super) fn searched(&self) -> bool {
        matches!(
            self,
            Job::Entry(..) | Job::Chapter { .. } | Job::Handbook(..)
        )
    }

    /// The language of the job's page (`None` for the pages of every language).
    pub(super) fn lang(&self) -> Option<Lang> {
        match *self {
            Job::Chooser | Job::NotFound => None,
            Job::Home(l)
            | Job::Search(l)
            | Job::Listing { lang: l, .. }
            | Job::TaxonomyIndex(l, _)
            | Job::Term { lang: l, .. }
            | Job::Entry(l, _)
            | Job::Handbook(l, _)
            | Job::Chapter { lang: l, .. }
            | Job::HandbookPrint(l, _) => Some(l),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_of_a_language_says_which() {
        let en = Lang(1);
        let jobs = [
            Job::Home(en),
            Job::Listing {
                lang: en,
                section: Section::Projects,
                page: 2,
            },
            Job::Term {
                lang: en,
                taxonomy: Taxonomy::Themes,
                term: 0,
                page: 1,
            },
            Job::Entry(en, 4),
        ];
        assert!(jobs.iter().all(|j| j.lang() == Some(en)));
        assert_eq!(Job::Chooser.lang(), None);
        assert_eq!(Job::NotFound.lang(), None);
    }
}
