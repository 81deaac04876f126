//! What a book's links and photos are read from: links become absolute addresses of the site,
//! and each photo the handbook shows is found as its copy in the photo store.

use crate::content::handbook::Handbook;
use crate::links::{Files, Links};
use crate::photos::Developed;
use crate::photos::picture::Picture;
use crate::site::Site;
use crate::urls::Urls;
use std::collections::HashMap;
use std::path::PathBuf;

/// The widest photo copy a book needs: 1,200 pixels over the 16 cm of a page's text is 190 dpi,
/// and an e-reader's screen is about as tall.
const PHOTO_WIDTH: u32 = 1200;

/// A photo copy as a book holds it: a name unique in the book, its file in the store, its size.
pub(super) struct BookPhoto {
    pub(super) name: String,
    pub(super) stored: PathBuf,
    pub(super) width: u32,
    pub(super) height: u32,
}

/// What a book's links and photos are read from: the site, the handbook, and the photo store's
/// file for each published photo copy.
pub(super) struct Sources<'a> {
    site: &'a Site,
    project: &'a str,
    handbook: &'a Handbook,
    /// The store file of each photo copy of the handbook, by its absolute address.
    copies: HashMap<String, PathBuf>,
    pub(super) allow_html: bool,
    absolute: Box<dyn Fn(&str) -> String + Sync + 'a>,
}

impl<'a> Sources<'a> {
    pub(super) fn new(site: &'a Site, project: usize, handbook: &'a Handbook) -> Self {
        let slug = site.entries[project].slug.as_str();
        let absolute = move |path: &str| site.config.absolute(path);
        let mut copies = HashMap::new();
        for asset in &handbook.assets {
            let Some(Developed {
                photo: Ok(photo),
                stored,
                ..
            }) = site.album.get(&handbook.dir.0.join(&asset.name))
            else {
                continue;
            };
            let address = Urls::handbook_media(slug, &asset.name);
            for name in photo.stored_files() {
                let published = crate::photos::published(&address, &name);
                copies.insert(absolute(&published), stored.join(name));
            }
        }
        Sources {
            site,
            project: slug,
            handbook,
            copies,
            allow_html: site.config.allow_html,
            absolute: Box::new(absolute),
        }
    }

    /// The resolver of a body's links in `lang`.
    pub(super) fn links(&self, lang: &'a str) -> Links<'_> {
        Links {
            site: self.site,
            lang,
            link: &*self.absolute,
            files: Files::Handbook(self.project, self.handbook),
            reached: Default::default(),
        }
    }

    /// The copy of `picture` a book sets: the smallest at least [`PHOTO_WIDTH`] wide (else the
    /// largest), in the format every reader shows (JPEG or PNG).
    pub(super) fn copy(&self, picture: &Picture) -> Option<BookPhoto> {
        let copy = picture.at_least(PHOTO_WIDTH)?;
        let stored = self.copies.get(&copy.fallback)?.clone();
        // The store's folder is named by the photo's content: the name is unique in a book.
        let folder = stored.parent()?.file_name()?.to_string_lossy();
        let name = format!("{folder}-{}", stored.file_name()?.to_string_lossy());
        Some(BookPhoto {
            name,
            stored,
            width: copy.width,
            height: copy.height,
        })
    }
}
