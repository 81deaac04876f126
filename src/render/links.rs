//! Resolving the links in an entry's Markdown: `@/<section>/<slug>` to the entry's page in the
//! same language (or the version that exists), and file names to the entry's published files.

use crate::content::{Entry, Section};
use crate::markdown::Resolve;
use crate::site::Site;
use crate::urls::Urls;

/// Resolves the links of one entry page.
pub(super) struct Links<'a> {
    pub(super) site: &'a Site,
    pub(super) urls: Urls,
    pub(super) lang: &'a str,
    pub(super) from: &'a str,
    pub(super) entry: &'a Entry,
    /// The entries linked to, so that the page is rebuilt when one of them changes.
    pub(super) reached: std::cell::RefCell<Vec<(Section, String)>>,
}

impl Resolve for Links<'_> {
    fn entry(&self, section: &str, slug: &str) -> Result<String, String> {
        let Some(s) = Section::ALL.iter().copied().find(|s| s.dir() == section) else {
            let sections: Vec<&str> = Section::ALL.iter().map(|s| s.dir()).collect();
            return Err(format!(
                "unknown section `{section}`: expected @/<section>/<slug> with a section of {}",
                sections.join(", ")
            ));
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
            let hint = crate::diagnostics::nearest(slug, known)
                .map(|n| format!("; did you mean @/{section}/{n}?"))
                .unwrap_or_default();
            return Err(format!("no entry `{slug}` in content/{section}/{hint}"));
        };
        let (v, _) = self.site.shown_variant(i, self.lang);
        Ok(self.urls.link(self.from, &Urls::entry(&v.lang, s, slug)))
    }

    fn asset(&self, file: &str) -> Option<String> {
        let e = self.entry;
        e.assets.iter().any(|a| a == file).then(|| {
            self.urls
                .link(self.from, &Urls::media(e.section, &e.slug, file))
        })
    }

    fn asset_folder(&self) -> String {
        match &self.entry.folder {
            Some((_, shown)) => format!("{}/", shown.display()),
            None => format!(
                "a folder content/{}/{}/ (the folder form keeps files beside an entry)",
                self.entry.section.dir(),
                self.entry.slug
            ),
        }
    }
}
