//! A photo as one page shows it: its copies' addresses relative to that page, and the one
//! piece of markup that shows it (used for Markdown images and the gallery alike): a
//! `<picture>` offering WebP and the fallback at every width, with `sizes` matching the theme's
//! column, `width`/`height` so that nothing moves while it loads, and a link to the largest
//! copy.

use super::{Photo, published};
use crate::escape::xml;
use serde::Serialize;

/// The width a photo takes in the default theme: the text column, at most 44rem (`.prose`),
/// the window less its margins on narrower screens.
pub const COLUMN: &str = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

/// The width of a card's photo: cards are 17.5–23rem wide in a grid, the full window on a phone.
pub const CARD: &str = "(min-width: 40rem) 22rem, calc(100vw - 2rem)";

/// One copy: its size and where its two formats are.
#[derive(Debug, Clone, Serialize)]
pub struct Copy {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The WebP file's address (the JPEG's if the site makes no WebP).
    pub webp: String,
    /// The JPEG or PNG file's address (the WebP's if the site makes only WebP).
    pub fallback: String,
}

/// A photo's copies as a page links them.
#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    /// Every copy, smallest first.
    pub copies: Vec<Copy>,
    /// Width of the upright photo (the proportions `width`/`height` attributes give).
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// The largest copy in the fallback format: what a click opens, and where links lead.
    pub full: String,
    /// The fallback's media type (`image/jpeg`, `image/png`, or `image/webp` if the site makes
    /// only WebP).
    pub fallback_type: &'static str,
    /// Whether both formats were made: a `<source>` then offers the WebP copies beside the
    /// `<img>`'s JPEG or PNG.
    pub webp_source: bool,
    /// The social-network copy's address.
    pub social: String,
}

impl Picture {
    /// The copies of `photo`, published at `address` (its site path, as for the original), with
    /// each address made by `link` (relative to the page, or absolute).
    pub fn new(photo: &Photo, address: &str, link: &dyn Fn(&str) -> String) -> Picture {
        let at = |name: &str| link(&published(address, name));
        let copies: Vec<Copy> = photo
            .widths
            .iter()
            .map(|&w| Copy {
                width: w,
                height: photo.height_at(w),
                webp: at(&match photo.webp {
                    true => format!("{w}.webp"),
                    false => photo.shown(w),
                }),
                fallback: at(&photo.shown(w)),
            })
            .collect();
        let largest = photo.largest();
        Picture {
            full: at(&photo.shown(largest)),
            width: largest,
            height: photo.height_at(largest),
            copies,
            fallback_type: match (photo.compatible, photo.alpha) {
                (false, _) => "image/webp",
                (true, true) => "image/png",
                (true, false) => "image/jpeg",
            },
            social: at("social.jpg"),
            webp_source: photo.webp && photo.compatible,
        }
    }

    /// The smallest copy at least `width` pixels wide, or the largest.
    pub fn at_least(&self, width: u32) -> Option<&Copy> {
        self.copies
            .iter()
            .find(|c| c.width >= width)
            .or(self.copies.last())
    }

    fn srcset(&self, address: fn(&Copy) -> &str) -> String {
        let candidates = self
            .copies
            .iter()
            .map(|c| format!("{} {}w", address(c), c.width));
        xml(&candidates.collect::<Vec<_>>().join(", "))
    }

    /// The markup: the picture linked to its largest copy. `sizes` is how wide the layout shows
    /// it ([`COLUMN`], [`CARD`]); the first photo of a page is `eager`, the others load when
    /// scrolled near.
    pub fn html(&self, alt: &str, sizes: &str, eager: bool) -> String {
        let shown = self
            .at_least(800)
            .map_or(self.full.as_str(), |c| &c.fallback);
        let loading = match eager {
            true => "",
            false => " loading=\"lazy\"",
        };
        // With one format, the `<img>` alone offers it.
        let webp = match self.webp_source {
            false => String::new(),
            true => format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                self.srcset(|c| &c.webp)
            ),
        };
        format!(
            "<a class=\"photo\" href=\"{full}\"><picture>{webp}<img src=\"{src}\" srcset=\"{fallback}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" \
             alt=\"{alt}\"{loading} decoding=\"async\"></picture></a>",
            full = xml(&self.full),
            fallback = self.srcset(|c| &c.fallback),
            src = xml(shown),
            w = self.width,
            h = self.height,
            alt = xml(alt),
        )
    }
}
