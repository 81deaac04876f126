//! Photos as pages publish them: never the file a phone made (too large, often lying on its
//! side, carrying where it was taken), but copies made from it at the widths the theme's layout
//! uses, upright, in WebP with a JPEG (or PNG) fallback, with no metadata.
//!
//! `sniff` tells what a file holds, `develop` makes the copies, `store` keeps them in the
//! site's cache folder between runs. What a page needs to show a photo (its size and the widths
//! made) is a [`Photo`]; the photos of a run, by source file, are an [`Album`].

pub mod develop;
pub mod picture;
pub mod sniff;
pub mod store;

use crate::diagnostics::PhotoFault;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The extensions of files treated as photos: they are published only as processed copies.
/// HEIC, AVIF and TIFF are here so that such a file is reported rather than published with its
/// metadata.
pub const EXTENSIONS: [&str; 10] = [
    "jpg", "jpeg", "png", "webp", "heic", "heif", "avif", "tif", "tiff", "jfif",
];

/// Whether `name` is named like a photo (by [`EXTENSIONS`], in any case).
pub fn is_photo(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The `images:` settings of `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The widths made, in pixels (a photo narrower than one is not enlarged to it). The
    /// default theme's text column is 44rem (704 CSS pixels) and cards about 22rem: 400 and 800
    /// serve cards and phones, 1200 and 1600 the column on high-density screens.
    pub widths: Vec<u32>,
    /// The formats made: `webp` (small; every browser since 2020) and `jpeg` (JPEG, or PNG
    /// for a photo with transparency: for older browsers, and what a click opens).
    pub formats: Vec<Format>,
    /// WebP quality, 1–100.
    pub quality: u8,
    /// JPEG quality of the fallback copies, 1–100 (JPEG needs more than WebP for the same look).
    pub jpeg_quality: u8,
    /// Whether the photo's own author and copyright tags are copied into the JPEG and PNG files
    /// (nothing else is ever kept: no position, camera, owner or thumbnail).
    pub keep_copyright: bool,
    /// The largest photo read, in megapixels: a file declaring more is refused before it is
    /// decoded. Phones make 12–50; 100 leaves room and keeps a decoded photo under 400 MB.
    pub max_megapixels: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: vec![400, 800, 1200, 1600],
            formats: vec![Format::Webp, Format::Jpeg],
            quality: 75,
            jpeg_quality: 80,
            keep_copyright: false,
            max_megapixels: 100,
        }
    }
}

/// A format of the copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Lossy WebP.
    Webp,
    /// JPEG, or PNG for a photo with transparency.
    Jpeg,
}

/// The width and height of the copy shared in social networks and messengers (`og:image`).
pub const SOCIAL: (u32, u32) = (1200, 630);

/// A photo as pages show it: its size upright, and the widths of its copies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Photo {
    /// Width of the upright original, in pixels.
    pub width: u32,
    /// Height of the upright original.
    pub height: u32,
    /// Whether it has transparent pixels (the fallback is then PNG, not JPEG).
    pub alpha: bool,
    /// The widths made, smallest first; the last is the largest copy.
    pub widths: Vec<u32>,
    /// Whether WebP copies were made.
    pub webp: bool,
    /// Whether JPEG (or PNG) copies were made.
    pub compatible: bool,
    /// The size of the social-network copy (smaller than [`SOCIAL`] for a small photo).
    pub social: (u32, u32),
}

impl Photo {
    /// The widths made of a `width`-pixel photo: those of the settings below it, and the photo's
    /// own width if the largest setting is above it (a photo is never enlarged).
    pub fn widths(width: u32, settings: &Settings) -> Vec<u32> {
        let mut widths: Vec<u32> = settings
            .widths
            .iter()
            .copied()
            .filter(|&w| w < width)
            .collect();
        if settings.widths.iter().any(|&w| w >= width) {
            widths.push(width);
        }
        widths.sort_unstable();
        widths.dedup();
        widths
    }

    /// The height of the copy `width` pixels wide.
    pub fn height_at(&self, width: u32) -> u32 {
        let h = u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2;
        ((h / u64::from(self.width.max(1))) as u32).max(1)
    }

    /// The extension of the fallback copies: `png` for a photo with transparency, else `jpg`.
    pub fn fallback(&self) -> &'static str {
        match self.alpha {
            true => "png",
            false => "jpg",
        }
    }

    /// The largest width made.
    pub fn largest(&self) -> u32 {
        self.widths.last().copied().unwrap_or(self.width)
    }

    /// The names of its copies in the store (`800.webp`, `800.jpg`, …, `social.jpg`).
    pub fn stored_files(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for w in &self.widths {
            names.extend(self.webp.then(|| format!("{w}.webp")));
            names.extend(self.compatible.then(|| format!("{w}.{}", self.fallback())));
        }
        names.push("social.jpg".into());
        names
    }

    /// The name in the store of the copy `width` pixels wide that every browser shows: the
    /// JPEG or PNG if made, else the WebP.
    pub fn shown(&self, width: u32) -> String {
        match self.compatible {
            true => format!("{width}.{}", self.fallback()),
            false => format!("{width}.webp"),
        }
    }
}

/// The published name of a copy: the photo's address without its extension, then the copy's
/// own name (`media/practices/x/lehi` + `800.webp` → `media/practices/x/lehi-800.webp`).
pub fn published(address: &str, stored: &str) -> String {
    let stem = address
        .rsplit_once('.')
        .filter(|(_, extension)| !extension.contains('/'))
        .map_or(address, |(stem, _)| stem);
    format!("{stem}-{stored}")
}

/// One photo of a run: what pages need, or why it cannot be published.
#[derive(Debug, Clone)]
pub struct Developed {
    /// The photo, or the fault that keeps it out.
    pub photo: Result<Photo, PhotoFault>,
    /// A fault that does not keep it out (a misnamed file), reported as a warning.
    pub warning: Option<PhotoFault>,
    /// Its folder in the store.
    pub stored: PathBuf,
}

/// The photos of a run, by source file. Empty in a run that reads no photo.
#[derive(Debug, Default)]
pub struct Album {
    photos: HashMap<PathBuf, Developed>,
    /// How many photos had to be made (not found in the store): zero for a rebuild with
    /// unchanged photos.
    pub made: usize,
}

impl Album {
    /// An album of `photos`, `made` of which were made in this run.
    pub fn new(photos: HashMap<PathBuf, Developed>, made: usize) -> Album {
        Album { photos, made }
    }

    /// The photo made from `source`, if it is a photo.
    pub fn get(&self, source: &Path) -> Option<&Developed> {
        self.photos.get(source)
    }

    /// Every photo with its source.
    pub fn iter(&self) -> impl Iterator<Item = (&PathBuf, &Developed)> {
        self.photos.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_never_enlarged() {
        let s = Settings::default();
        assert_eq!(Photo::widths(4000, &s), [400, 800, 1200, 1600]);
        assert_eq!(Photo::widths(1000, &s), [400, 800, 1000]);
        assert_eq!(Photo::widths(1600, &s), [400, 800, 1200, 1600]);
        assert_eq!(Photo::widths(300, &s), [300]);
    }

    #[test]
    fn copies_keep_the_proportions_and_the_address() {
        let p = Photo {
            width: 3000,
            height: 4000,
            alpha: false,
            widths: vec![400, 1600],
            webp: true,
            compatible: true,
            social: SOCIAL,
        };
        assert_eq!(p.height_at(400), 533);
        assert_eq!(p.height_at(1600), 2133);
        assert_eq!(
            published("media/practices/x/lehi.JPG", "800.webp"),
            "media/practices/x/lehi-800.webp"
        );
        assert_eq!(
            published("media/a.b/lehi", "social.jpg"),
            "media/a.b/lehi-social.jpg"
        );
        assert!(is_photo("a/Снимка.JPEG") && is_photo("x.heic") && !is_photo("plan.pdf"));
    }
}
