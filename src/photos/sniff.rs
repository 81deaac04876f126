//! What a file holds, from its first bytes: a photo format spodeli reads, one it does not, or
//! something else under a photo's name.

use crate::messages::Text;

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// A format spodeli reads.
    Readable(image::ImageFormat),
    /// A photo format spodeli does not read (HEIC, AVIF, TIFF, BMP…), by name.
    Unreadable(&'static str),
    /// Not a photo: what it holds (a document, a web page…).
    Other(Text),
}

/// The format of `bytes`.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    use image::ImageFormat::*;
    // ISO base media files (HEIC, AVIF) name their brand after `ftyp`.
    if bytes.get(4..8) == Some(b"ftyp") {
        let brand = bytes.get(8..12).unwrap_or_default();
        return match brand {
            b"avif" | b"avis" => Sniffed::Unreadable("AVIF"),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Sniffed::Unreadable("HEIC")
            }
            _ => Sniffed::Other(Text::new("photo-holds-video")),
        };
    }
    match image::guess_format(bytes) {
        Ok(f @ (Jpeg | Png | WebP)) => Sniffed::Readable(f),
        Ok(Gif) => Sniffed::Unreadable("GIF"),
        Ok(Tiff) => Sniffed::Unreadable("TIFF"),
        Ok(Bmp) => Sniffed::Unreadable("BMP"),
        Ok(f) => Sniffed::Unreadable(f.extensions_str().first().copied().unwrap_or("?")),
        Err(_) => Sniffed::Other(other(bytes)),
    }
}

/// What a file that is no image holds.
fn other(bytes: &[u8]) -> Text {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let start = start.trim_start();
    if bytes.starts_with(b"%PDF") {
        Text::new("photo-holds-pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Text::new("photo-holds-zip")
    } else if start.starts_with("<!doctype html") || start.starts_with("<html") {
        Text::new("photo-holds-html")
    } else if start.starts_with("<svg") || start.starts_with("<?xml") {
        Text::new("photo-holds-xml")
    } else if bytes.is_empty() {
        Text::new("photo-holds-nothing")
    } else {
        Text::new("photo-holds-unknown")
    }
}

/// Whether a JPEG's picture is all there: its first scan ends with the end-of-image marker.
/// Decoders fill a picture cut short with grey rather than fail, so a copy cut off by a full
/// USB stick would be published half grey. Segments before the scan are stepped over by their
/// lengths (the EXIF thumbnail is a JPEG of its own); inside the scan, `FF D9` can only be the
/// end, and data after it (some phones append their own) does not matter.
pub fn jpeg_complete(bytes: &[u8]) -> bool {
    let mut at = 2;
    while let Some(&[0xFF, marker, hi, lo]) = bytes.get(at..at + 4) {
        if marker == 0xDA {
            return bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        at += 2 + usize::from(u16::from_be_bytes([hi, lo]));
    }
    false
}

/// The name of a readable format, as messages show it.
pub fn name(format: image::ImageFormat) -> &'static str {
    match format {
        image::ImageFormat::Png => "PNG",
        image::ImageFormat::WebP => "WebP",
        _ => "JPEG",
    }
}

/// The format a file's extension promises, if it names one spodeli reads (a `.tif` promises
/// none of them: a JPEG named so is misnamed).
pub fn promised(file: &str) -> Option<image::ImageFormat> {
    use image::ImageFormat::*;
    let extension = file.rsplit_once('.')?.1;
    image::ImageFormat::from_extension(extension).filter(|f| matches!(f, Jpeg | Png | WebP))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Sniffed::Readable(image::ImageFormat::Jpeg)
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Sniffed::Unreadable("HEIC")
        );
        assert_eq!(sniff(b"\0\0\0\x18ftypavif"), Sniffed::Unreadable("AVIF"));
        assert_eq!(
            sniff(b"%PDF-1.7\n"),
            Sniffed::Other(Text::new("photo-holds-pdf"))
        );
        assert_eq!(
            sniff(b"  <!DOCTYPE html><html>"),
            Sniffed::Other(Text::new("photo-holds-html"))
        );
        assert_eq!(promised("a/B.JPEG"), Some(image::ImageFormat::Jpeg));
        assert_eq!(promised("x.heic"), None);
        assert_eq!(promised("scan.tif"), None);
    }
}
