//! Photos: made small, upright and without metadata; bad photos reported where they are named.

use crate::harness::photos::*;
use spodeli::diagnostics::PhotoFault;
use spodeli::photos::develop::develop;
use spodeli::photos::{Photo, Settings};

#[test]
fn scratch() {
    let s = Settings::default();
    let t = std::time::Instant::now();
    let big = sideways_phone_photo(4000, 3000);
    eprintln!("made {} bytes in {:?}", big.len(), t.elapsed());
    let t = std::time::Instant::now();
    let made = develop(&big, "a.jpg", &s).unwrap();
    eprintln!("developed in {:?}: {:?}", t.elapsed(), made.photo);
    for (n, b) in &made.files {
        eprintln!("{n} {}", b.len());
    }
    eprintln!(
        "cut: {:?}",
        develop(&cut_jpeg(), "a.jpg", &s).map(|m| m.photo)
    );
    eprintln!(
        "cmyk: {:?}",
        develop(&cmyk_jpeg(64, 64), "a.jpg", &s).map(|m| m.photo)
    );
    eprintln!(
        "bomb: {:?}",
        develop(&png_bomb(), "a.png", &s).map(|m| m.photo)
    );
    eprintln!(
        "png: {:?}",
        develop(&transparent_png(64, 64), "a.png", &s).map(|m| m.photo)
    );
    let _ = (Photo::widths(1, &s), PhotoFault::Unreadable(String::new()));
}
