//! Makes a photo's copies from the file a phone or camera made: decoded (refused before
//! decoding when it declares more pixels than the limit), turned upright by its EXIF
//! orientation, resized to each width, and encoded as WebP and JPEG (PNG for a photo with
//! transparency), plus the social-network copy. The encoders write no metadata: nothing of the
//! original's EXIF (position, camera, owner, thumbnail) reaches the copies, but for the author
//! and copyright tags when the site keeps them.

use super::sniff::{self, Sniffed};
use super::{Format, Photo, SOCIAL, Settings};
use crate::diagnostics::PhotoFault;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage};
use std::io::Cursor;

/// A photo's copies: its description and each copy's name in the store with its bytes.
#[derive(Debug)]
pub struct Made {
    /// What pages need to show it.
    pub photo: Photo,
    /// `(name, bytes)` for each of [`Photo::stored_files`].
    pub files: Vec<(String, Vec<u8>)>,
    /// The format its bytes are in (`JPEG`, `PNG`, `WebP`), whatever its name says.
    pub format: &'static str,
}

/// The warning for a file named `name` whose bytes are in `format`, if its name says another.
/// It depends on the name, not the content: two files with the same bytes may differ in it.
pub fn misnamed(name: &str, format: &str) -> Option<PhotoFault> {
    let promised = sniff::promised(name).map(sniff::name);
    (promised != Some(format)).then(|| PhotoFault::Misnamed {
        format: format.into(),
    })
}

/// Makes the copies of the photo `bytes`.
pub fn develop(bytes: &[u8], settings: &Settings) -> Result<Made, PhotoFault> {
    let format = match sniff::sniff(bytes) {
        Sniffed::Readable(format) => format,
        Sniffed::Unreadable(format) => {
            let format = format.to_uppercase();
            return Err(PhotoFault::Unsupported { format });
        }
        Sniffed::Other(found) => return Err(PhotoFault::NotAPhoto { found }),
    };
    if format == image::ImageFormat::Jpeg && !sniff::jpeg_complete(bytes) {
        return Err(PhotoFault::Unreadable(
            "the file ends before the picture does".into(),
        ));
    }
    let (image, exif) = decode(bytes, format, settings)?;
    let image = flatten_opaque(image);
    let alpha = image.color().has_alpha();
    let copyright = exif.as_deref().and_then(copyright_tags);
    let photo = Photo {
        width: image.width(),
        height: image.height(),
        alpha,
        widths: Photo::widths(image.width(), settings),
        webp: settings.formats.contains(&Format::Webp),
        compatible: settings.formats.contains(&Format::Jpeg),
        social: social_size(image.width(), image.height()),
    };
    let mut files = Vec::new();
    let mut resizer = Resizer::new();
    for &width in &photo.widths {
        let copy = resize(&mut resizer, &image, width, photo.height_at(width), false)?;
        if photo.webp {
            files.push((format!("{width}.webp"), webp(&copy, settings.quality)?));
        }
        if photo.compatible {
            let fallback = match alpha {
                true => png(&copy, copyright.as_deref())?,
                false => jpeg(&copy.to_rgb8(), settings.jpeg_quality, copyright.as_deref())?,
            };
            files.push((format!("{width}.{}", photo.fallback()), fallback));
        }
    }
    let (w, h) = photo.social;
    let social = on_white(resize(&mut resizer, &image, w, h, true)?);
    files.push((
        "social.jpg".into(),
        jpeg(&social, settings.jpeg_quality, copyright.as_deref())?,
    ));
    Ok(Made {
        photo,
        files,
        format: sniff::name(format),
    })
}

/// The upright picture, and the original's EXIF block when the site keeps copyright tags.
fn decode(
    bytes: &[u8],
    format: image::ImageFormat,
    settings: &Settings,
) -> Result<(DynamicImage, Option<Vec<u8>>), PhotoFault> {
    let unreadable = |e: image::ImageError| PhotoFault::Unreadable(e.to_string());
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    let limit = settings.max_megapixels;
    if pixels > u64::from(limit) * 1_000_000 {
        return Err(PhotoFault::TooLarge {
            width,
            height,
            limit,
        });
    }
    // Within the pixel limit, the decoder may take what the picture needs (16-bit RGBA at most).
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(pixels * 8 + (64 << 20));
    decoder.set_limits(limits).map_err(unreadable)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let exif = match settings.keep_copyright {
        true => decoder.exif_metadata().ok().flatten(),
        false => None,
    };
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok((image, exif))
}

/// The picture as 8-bit RGB, or RGBA if a pixel is at least partly transparent (a PNG saved
/// with an alpha channel it does not use gets a JPEG fallback like any photo).
fn flatten_opaque(image: DynamicImage) -> DynamicImage {
    if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        if rgba.pixels().any(|p| p[3] < 255) {
            return DynamicImage::ImageRgba8(rgba);
        }
    }
    match image {
        DynamicImage::ImageRgb8(_) => image,
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    }
}

/// The size of the social-network copy: [`SOCIAL`], or as much of its shape as a small photo
/// gives.
fn social_size(width: u32, height: u32) -> (u32, u32) {
    let (w, h) = SOCIAL;
    let scale = (f64::from(width) / f64::from(w))
        .min(f64::from(height) / f64::from(h))
        .min(1.0);
    let size = |n: u32| ((f64::from(n) * scale).round() as u32).max(1);
    (size(w), size(h))
}

/// `image` resized to `width` × `height` (Lanczos 3); with `crop`, cut to that shape around
/// its centre first.
fn resize(
    resizer: &mut Resizer,
    image: &DynamicImage,
    width: u32,
    height: u32,
    crop: bool,
) -> Result<DynamicImage, PhotoFault> {
    let mut copy = DynamicImage::new(width, height, image.color());
    let mut options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .use_alpha(image.color().has_alpha());
    if crop {
        options = options.fit_into_destination(Some((0.5, 0.5)));
    }
    resizer
        .resize(image, &mut copy, &options)
        .map_err(|e| PhotoFault::Unreadable(e.to_string()))?;
    Ok(copy)
}

/// A picture with transparency laid on white, for the JPEG social copy.
fn on_white(image: DynamicImage) -> RgbImage {
    let DynamicImage::ImageRgba8(rgba) = image else {
        return image.to_rgb8();
    };
    let blend =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y);
        image::Rgb([blend(p[0], p[3]), blend(p[1], p[3]), blend(p[2], p[3])])
    })
}

fn encoding_failed(e: impl std::fmt::Debug) -> PhotoFault {
    PhotoFault::Unreadable(format!("encoding failed: {e:?}"))
}

/// Lossy WebP (libwebp), with the alpha channel if there is one.
fn webp(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoFault> {
    let encoder = match image {
        DynamicImage::ImageRgba8(rgba) => {
            webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
        }
        _ => webp::Encoder::from_rgb(image.as_bytes(), image.width(), image.height()),
    };
    let memory = encoder
        .encode_simple(false, f32::from(quality))
        .map_err(encoding_failed)?;
    Ok(memory.to_vec())
}

/// Progressive JPEG with optimised Huffman tables; an EXIF block only for kept copyright tags.
fn jpeg(image: &RgbImage, quality: u8, copyright: Option<&[u8]>) -> Result<Vec<u8>, PhotoFault> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_progressive(true);
    encoder.set_optimized_huffman_tables(true);
    if let Some(tiff) = copyright {
        let segment = [b"Exif\0\0".as_slice(), tiff].concat();
        encoder
            .add_app_segment(1, segment)
            .map_err(encoding_failed)?;
    }
    let (w, h) = (image.width(), image.height());
    let size = |n: u32| u16::try_from(n).map_err(encoding_failed);
    encoder
        .encode(
            image.as_raw(),
            size(w)?,
            size(h)?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(encoding_failed)?;
    Ok(out)
}

/// PNG for a picture with transparency; an eXIf chunk only for kept copyright tags.
fn png(image: &DynamicImage, copyright: Option<&[u8]>) -> Result<Vec<u8>, PhotoFault> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    let mut encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive);
    if let Some(tiff) = copyright {
        encoder
            .set_exif_metadata(tiff.to_vec())
            .map_err(encoding_failed)?;
    }
    encoder
        .write_image(
            image.as_bytes(),
            image.width(),
            image.height(),
            image.color().into(),
        )
        .map_err(encoding_failed)?;
    Ok(out)
}

/// A new EXIF block (TIFF bytes) holding only the author and copyright tags of `exif`, if it
/// has either.
fn copyright_tags(exif: &[u8]) -> Option<Vec<u8>> {
    let exif = exif::Reader::new().read_raw(exif.to_vec()).ok()?;
    let kept: Vec<&exif::Field> = [exif::Tag::Artist, exif::Tag::Copyright]
        .iter()
        .filter_map(|&tag| exif.get_field(tag, exif::In::PRIMARY))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let mut writer = exif::experimental::Writer::new();
    for field in &kept {
        writer.push_field(field);
    }
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, false).ok()?;
    Some(out.into_inner())
}
