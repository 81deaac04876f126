//! Resolving the links in an entry's Markdown: `@/<section>/<slug>` to the entry's page in the
//! same language (or the version that exists), and file names to the entry's published files.

use crate::content::handbook::Handbook;
use crate::content::{Entry, Section};
use crate::markdown::Resolve;
use crate::messages::Text;
use crate::site::Site;
use crate::urls::Urls;

/// The files a body may name: those beside an entry, or in a project's handbook folder.
#[derive(Clone, Copy)]
pub(super) enum Files<'a> {
    /// An entry's (folder form).
    Entry(&'a Entry),
    /// A handbook's, with its project's slug.
    Handbook(&'a str, &'a Handbook),
}

/// Resolves the links of one entry page.
pub(super) struct Links<'a> {
    pub(super) site: &'a Site,
    pub(super) urls: Urls,
    pub(super) lang: &'a str,
    pub(super) from: &'a str,
    pub(super) files: Files<'a>,
    /// The entries linked to, so that the page is rebuilt when one of them changes.
    pub(super) reached: std::cell::RefCell<Vec<(Section, String)>>,
}

impl Resolve for Links<'_> {
    fn entry(&self, section: &str, slug: &str) -> Result<String, Text> {
        let Some(s) = Section::ALL.iter().copied().find(|s| s.dir() == section) else {
            let sections: Vec<&str> = Section::ALL.iter().map(|s| s.dir()).collect();
            return Err(Text::new("link-unknown-section")
                .arg("section", section)
                .arg("sections", sections.join(", ")));
        };
        self.reached.borrow_mut().push((s, slug.to_string()));
        if self.site.is_failed(s, slug) {
            // Its own errors are reported; the build fails, so the link is never published.
            return Ok(String::new());
        }
        let Some(i) = self.site.find(s, slug) else {
            let known = self
                .site
                .entries
                .iter()
                .filter(|e| e.section == s)
                .map(|e| e.slug.as_str());
            let hint = match crate::diagnostics::nearest(slug, known) {
                Some(n) => {
                    Text::new("hint-did-you-mean").arg("suggestion", format!("@/{section}/{n}"))
                }
                None => Text::new("hint-none"),
            };
            return Err(Text::new("link-no-entry")
                .arg("slug", slug)
                .arg("section", section)
                .arg("hint", hint));
        };
        let (v, _) = self.site.shown_variant(i, self.lang);
        Ok(self.urls.link(self.from, &Urls::entry(&v.lang, s, slug)))
    }

    fn asset(&self, file: &str) -> Option<String> {
        let path = match self.files {
            Files::Entry(e) => e
                .assets
                .iter()
                .any(|a| a.name == file)
                .then(|| Urls::media(e.section, &e.slug, file)),
            Files::Handbook(project, book) => book
                .assets
                .iter()
                .any(|a| a.name == file)
                .then(|| Urls::handbook_media(project, file)),
        };
        path.map(|p| self.urls.link(self.from, &p))
    }

    fn asset_folder(&self) -> (String, bool) {
        match self.files {
            Files::Entry(e) => e.files_folder(),
            Files::Handbook(_, book) => (format!("{}/", book.dir.1.display()), false),
        }
    }
}
