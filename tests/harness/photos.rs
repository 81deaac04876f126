//! Photos made by the tests, as phones and cameras make them: a JPEG lying on its side with an
//! EXIF orientation, a GPS position, a camera serial number, an owner and a thumbnail; a PNG
//! with transparency; a CMYK JPEG; a damaged file; a PNG declaring 50,000 × 50,000 pixels.
//!
//! The pictures are two colours split in half, so that a test can tell which way is up after
//! decoding the output: the top half is red and the bottom half blue as stored.

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use image::{Rgb, RgbImage, Rgba, RgbaImage};
use std::io::Cursor;

/// Red above, blue below: `width` × `height` as stored.
pub(crate) fn halves(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |_, y| match y < height / 2 {
        true => Rgb([220, 30, 30]),
        false => Rgb([30, 30, 220]),
    })
}

/// A JPEG of `image` at quality 90, with no metadata.
pub(crate) fn jpeg_of(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    image.write_with_encoder(encoder).unwrap();
    out
}

/// What a phone writes into a photo: orientation, camera, serial number, owner, copyright,
/// GPS position, and a thumbnail.
pub(crate) fn phone_exif(orientation: u16) -> Vec<u8> {
    let ascii = |tag, s: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![s.as_bytes().to_vec()]),
    };
    let degrees = |d: u32, m: u32| {
        Value::Rational(vec![
            Rational { num: d, denom: 1 },
            Rational { num: m, denom: 1 },
            Rational { num: 0, denom: 1 },
        ])
    };
    let gps = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let fields = [
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        },
        ascii(Tag::Make, "Phonemaker"),
        ascii(Tag::Model, "Phone 12"),
        ascii(Tag::BodySerialNumber, "SN-4711-0815"),
        ascii(Tag::CameraOwnerName, "Ana Petrova"),
        ascii(Tag::Artist, "Ana Petrova"),
        ascii(Tag::Copyright, "(c) 2026 School 12"),
        gps(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])),
        gps(Tag::GPSLatitude, degrees(42, 41)),
        gps(Tag::GPSLongitudeRef, Value::Ascii(vec![b"E".to_vec()])),
        gps(Tag::GPSLongitude, degrees(23, 19)),
    ];
    let thumbnail = jpeg_of(&halves(16, 12));
    let mut writer = Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    writer.set_jpeg(&thumbnail, In::THUMBNAIL);
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    tiff.into_inner()
}

/// `jpeg` with the EXIF block `tiff` as its first segment, as cameras write it.
pub(crate) fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let length = u16::try_from(2 + 6 + tiff.len()).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(length.to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

/// A phone photo lying on its side: stored `width` × `height` (landscape) with orientation 6
/// (turn 90° clockwise to show), so it shows as a portrait `height` × `width`; with GPS.
pub(crate) fn sideways_phone_photo(width: u32, height: u32) -> Vec<u8> {
    with_exif(&jpeg_of(&halves(width, height)), &phone_exif(6))
}

/// A PNG whose left half is transparent.
pub(crate) fn transparent_png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, _| match x < width / 2 {
        true => Rgba([0, 0, 0, 0]),
        false => Rgba([30, 160, 60, 255]),
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A CMYK JPEG (as print shops and some scanners make them), red above and blue below.
pub(crate) fn cmyk_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut pixels = Vec::new();
    for y in 0..height {
        for _ in 0..width {
            // Red is magenta and yellow; blue is cyan and magenta.
            pixels.extend(match y < height / 2 {
                true => [0u8, 255, 255, 0],
                false => [255, 255, 0, 0],
            });
        }
    }
    let mut out = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    let (w, h) = (
        u16::try_from(width).unwrap(),
        u16::try_from(height).unwrap(),
    );
    encoder
        .encode(&pixels, w, h, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    out
}

/// The first third of a JPEG: what a copy cut off by a full USB stick leaves.
pub(crate) fn cut_jpeg() -> Vec<u8> {
    let whole = jpeg_of(&halves(300, 200));
    whole[..whole.len() / 3].to_vec()
}

/// A valid 1 × 1 PNG whose header declares 50,000 × 50,000 pixels (7.5 GB decoded).
pub(crate) fn png_bomb() -> Vec<u8> {
    let mut png = Cursor::new(Vec::new());
    RgbImage::new(1, 1)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let mut png = png.into_inner();
    // IHDR's data starts at byte 16: width, height; its CRC covers type and data.
    png[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The EXIF fields of an image file, if it has any (JPEG, PNG or WebP).
pub(crate) fn exif_fields(bytes: &[u8]) -> Vec<Tag> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .map(|e| e.fields().map(|f| f.tag).collect())
        .unwrap_or_default()
}

/// Whether the file's bytes hold a marker of metadata anywhere: an EXIF or XMP block, a GPS
/// tag name, the serial number or the owner's name written above.
pub(crate) fn holds_metadata(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"Exif") || has(b"http://ns.adobe.com/xap") || has(b"SN-4711") || has(b"Ana Petrova")
}
