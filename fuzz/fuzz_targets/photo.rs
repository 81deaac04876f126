//! Any bytes as a photo: copies that decode at the sizes they claim, or a fault — never a
//! panic, never more memory than the pixel limit allows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::photos::Settings;
use spodeli::photos::develop::develop;

fuzz_target!(|bytes: &[u8]| {
    let settings = Settings {
        widths: vec![16, 48],
        max_megapixels: 4,
        ..Settings::default()
    };
    if let Ok(made) = develop(bytes, &settings) {
        assert_eq!(made.files.len(), made.photo.stored_files().len());
        for (name, file) in &made.files {
            let image = image::load_from_memory(file).unwrap();
            let width: u32 = name
                .split('.')
                .next()
                .unwrap()
                .parse()
                .unwrap_or(image.width());
            assert_eq!(image.width(), width, "{name}");
        }
    }
});
