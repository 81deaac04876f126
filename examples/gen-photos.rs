//! Writes photos as a phone takes them, for the sample site and benchmarks: a scene of a
//! workshop in a staff room (a wall with a window, a screen, tables, people), with the grain
//! of a phone camera, stored lying on its side with EXIF orientation 6, a GPS position, the
//! camera's serial number and a thumbnail, as quality-92 JPEG.
//!
//! `cargo run --release --example gen-photos -- --out DIR [--count 20] [--width 4000]
//! [--height 3000] [--into CORPUS]`
//!
//! With `--into`, the photos go into a new practice of the corpus (`content/practices/
//! photo-walk/`) that shows them all, as a school's photo report does.

#[path = "../tests/harness/photos.rs"]
#[allow(dead_code)]
mod photos;

use image::{Rgb, RgbImage};
use std::path::PathBuf;

#[path = "shared/rng.rs"]
#[allow(dead_code)]
mod rng;
use rng::Rng;

/// Smooth noise in [-1, 1] with features `cell` pixels apart: the texture of walls, floors and
/// clothes at every scale, so that the copies made from a photo are as hard to compress as
/// copies of a real one (grain alone vanishes when a photo is made smaller).
fn texture(x: f32, y: f32, cell: f32, seed: u64) -> f32 {
    let lattice = |i: i64, j: i64| {
        let mut h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (j as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ seed;
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 32;
        (h % 2001) as f32 / 1000.0 - 1.0
    };
    let (gx, gy) = (x / cell, y / cell);
    let (i, j) = (gx.floor() as i64, gy.floor() as i64);
    let (fx, fy) = (gx.fract(), gy.fract());
    let top = lattice(i, j) * (1.0 - fx) + lattice(i + 1, j) * fx;
    let bottom = lattice(i, j + 1) * (1.0 - fx) + lattice(i + 1, j + 1) * fx;
    top * (1.0 - fy) + bottom * fy
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * t)
}

/// The scene, upright, `width` × `height`; `seed` moves the people and colours.
fn scene(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut rng = Rng(seed | 1);
    let (w, h) = (width as f32, height as f32);
    let horizon = h * (0.55 + rng.unit() * 0.1);
    let screen = (w * (0.3 + rng.unit() * 0.2), h * 0.12, w * 0.28, h * 0.25);
    let people: Vec<(f32, f32, f32, [f32; 3])> = (0..6 + rng.next() % 6)
        .map(|_| {
            let x = rng.unit() * w;
            let depth = rng.unit();
            let y = horizon + depth * (h - horizon) * 0.8;
            let size = h * (0.05 + depth * 0.08);
            let colour = [
                rng.unit() * 200.0 + 30.0,
                rng.unit() * 160.0 + 40.0,
                rng.unit() * 200.0 + 30.0,
            ];
            (x, y, size, colour)
        })
        .collect();
    let mut people = people;
    people.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut noise = Rng(seed.wrapping_mul(0x9E37_79B9) | 1);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        // Wall, window light from the left, wooden floor below the horizon.
        let mut c = if fy < horizon {
            let light = 1.0 - fx / w * 0.35;
            mix([205.0, 190.0, 165.0], [235.0, 225.0, 205.0], fy / horizon).map(|v| v * light)
        } else {
            let plank = ((fx / (w * 0.05)).floor() as u32 % 3) as f32 * 8.0;
            mix(
                [150.0, 105.0, 70.0],
                [110.0, 75.0, 50.0],
                (fy - horizon) / (h - horizon),
            )
            .map(|v| v + plank)
        };
        if fx < w * 0.2 && fy > h * 0.08 && fy < horizon * 0.8 {
            c = mix(c, [245.0, 248.0, 255.0], 0.8);
        }
        let (sx, sy, sw, sh) = screen;
        if fx > sx && fx < sx + sw && fy > sy && fy < sy + sh {
            c = [240.0, 242.0, 245.0];
            let third = ((fx - sx) / sw * 3.0) as usize;
            let inside = ((fx - sx) / sw * 3.0).fract() > 0.15
                && (fy - sy) / sh > 0.35
                && (fy - sy) / sh < 0.7;
            if inside {
                c = [
                    [31.0, 95.0, 139.0],
                    [200.0, 120.0, 40.0],
                    [60.0, 140.0, 80.0],
                ][third.min(2)];
            }
        }
        for &(px, py, size, colour) in &people {
            let (dx, dy) = (fx - px, fy - py);
            let head = (dx * dx + (dy + size * 1.6) * (dy + size * 1.6)).sqrt() < size * 0.45;
            let body = dx.abs() < size * 0.7 * (1.0 - (dy / size).max(0.0) * 0.1)
                && dy > -size * 1.1
                && dy < size * 1.2;
            if head {
                c = [225.0, 185.0, 160.0];
            } else if body {
                c = colour;
            }
        }
        // Texture at three scales, and a phone's grain.
        let scale = w / 4000.0;
        let detail = texture(fx, fy, 3.0 * scale, seed) * 14.0
            + texture(fx, fy, 12.0 * scale, seed + 1) * 12.0
            + texture(fx, fy, 48.0 * scale, seed + 2) * 10.0;
        let grain = (noise.next() % 17) as f32 - 8.0;
        Rgb(c.map(|v| (v + detail + grain).clamp(0.0, 255.0) as u8))
    })
}

/// `image` (upright) as a phone stores it: turned on its side, with orientation 6 to show it
/// upright, and the phone's EXIF block.
fn as_phone_stores_it(image: &RgbImage) -> Vec<u8> {
    let sideways = image::imageops::rotate270(image);
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92);
    sideways.write_with_encoder(encoder).unwrap();
    photos::with_exif(&jpeg, &photos::phone_exif(6))
}

fn main() {
    let (mut count, mut width, mut height) = (20usize, 4000u32, 3000u32);
    let (mut out, mut into) = (None::<PathBuf>, None::<PathBuf>);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after each option");
        match arg.as_str() {
            "--count" => count = value().parse().expect("--count N"),
            "--width" => width = value().parse().expect("--width PIXELS"),
            "--height" => height = value().parse().expect("--height PIXELS"),
            "--out" => out = Some(value().into()),
            "--into" => into = Some(value().into()),
            _ => {
                eprintln!(
                    "usage: gen-photos --out DIR [--count N] [--width W] [--height H] [--into CORPUS]"
                );
                std::process::exit(2);
            }
        }
    }
    let folder = match (&into, out) {
        (Some(corpus), _) => corpus.join("content/practices/photo-walk"),
        (None, Some(out)) => out,
        (None, None) => panic!("--out DIR or --into CORPUS"),
    };
    std::fs::create_dir_all(&folder).unwrap();
    let names: Vec<String> = (1..=count)
        .map(|i| format!("IMG_{:04}.jpg", 2400 + i))
        .collect();
    for (i, name) in names.iter().enumerate() {
        let bytes = as_phone_stores_it(&scene(width, height, 0x5eed + i as u64));
        std::fs::write(folder.join(name), &bytes).unwrap();
        eprintln!("{name}: {:.1} MB", bytes.len() as f64 / 1e6);
    }
    if into.is_some() {
        let images: String = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                format!(
                    "  - {{file: {n}, alt: \"Workshop in the staff room, photo {}\"}}\n",
                    i + 1
                )
            })
            .collect();
        for (lang, title) in [
            ("bg", "Фоторазказ от работилницата"),
            ("en", "A photo report of the workshop"),
        ] {
            let text = format!(
                "---\ntitle: {title}\nsummary: Twenty photos from a workshop in the staff room.\n\
                 date: 2025-03-14\nthemes: [professional_development]\nimages:\n{images}---\n\n\
                 Colleagues present what they learnt on a course.\n"
            );
            std::fs::write(folder.join(format!("index.{lang}.md")), text).unwrap();
        }
    }
}
