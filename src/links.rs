//! Resolving the links in an entry's or a handbook's Markdown: `@/<section>/<slug>` to the
//! entry's page in the same language (or the version that exists), and file names to the
//! published files. Pages link relatively; books (PDF, EPUB), read away from the site, link to
//! the absolute addresses: the caller says how an address becomes a link.

use crate::content::handbook::Handbook;
use crate::content::{Entry, Section};
use crate::diagnostics::PhotoFault;
use crate::markdown::{Asset, Resolve};
use crate::messages::Text;
use crate::photos::Developed;
use crate::photos::picture::Picture;
use crate::site::Site;
use crate::urls::Urls;

/// The files a body may name: those beside an entry, or in a project's handbook folder.
#[derive(Clone, Copy)]
pub enum Files<'a> {
    /// An entry's (folder form).
    Entry(&'a Entry),
    /// A handbook's, with its project's slug.
    Handbook(&'a str, &'a Handbook),
}

/// Resolves the links of one entry page.
pub struct Links<'a> {
    /// The site the links lead into.
    pub site: &'a Site,
    /// The language of the body: a link leads to its version of an entry.
    pub lang: &'a str,
    /// Makes the link to a site path (relative to the page, or absolute).
    pub link: &'a dyn Fn(&str) -> String,
    /// The files the body may name.
    pub files: Files<'a>,
    /// The entries linked to, so that the page is rebuilt when one of them changes.
    pub reached: std::cell::RefCell<Vec<(Section, String)>>,
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
        Ok((self.link)(&Urls::entry(&v.lang, s, slug)))
    }

    fn asset(&self, file: &str) -> Option<Asset> {
        let (source, address) = match self.files {
            Files::Entry(e) => {
                let dir = &e.folder.as_ref()?.0;
                e.assets.iter().find(|a| a.name == file)?;
                (dir.join(file), Urls::media(e.section, &e.slug, file))
            }
            Files::Handbook(project, book) => {
                book.assets.iter().find(|a| a.name == file)?;
                (book.dir.0.join(file), Urls::handbook_media(project, file))
            }
        };
        Some(match photo(self.site, &source, &address, self.link) {
            None => Asset::File((self.link)(&address)),
            Some(Ok(picture)) => Asset::Photo(Box::new(picture)),
            Some(Err(fault)) => Asset::Faulty(fault),
        })
    }

    fn asset_folder(&self) -> (String, bool) {
        match self.files {
            Files::Entry(e) => e.files_folder(),
            Files::Handbook(_, book) => (format!("{}/", book.dir.1.display()), false),
        }
    }
}

/// The copies of the photo `source`, published at `address` (the site path the file itself
/// would have), with addresses made by `link`; `None` if the file is no photo.
pub fn photo(
    site: &Site,
    source: &std::path::Path,
    address: &str,
    link: &dyn Fn(&str) -> String,
) -> Option<Result<Picture, PhotoFault>> {
    let Developed { photo, .. } = site.album.get(source)?;
    Some(match photo {
        Ok(photo) => Ok(Picture::new(photo, address, link)),
        Err(fault) => Err(fault.clone()),
    })
}
