//! Markdown bodies through spodeli's rules for links, files, headings and raw HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::markdown::{Asset, Resolve, render};
use spodeli::messages::Text;
use spodeli::photos::Photo;
use spodeli::photos::picture::Picture;

struct Entries;

impl Resolve for Entries {
    fn entry(&self, section: &str, slug: &str) -> Result<String, Text> {
        match (section, slug) {
            ("practices", "known") => Ok("../known/".into()),
            _ => Err(Text::new("link-no-entry")),
        }
    }
    fn asset(&self, file: &str) -> Option<Asset> {
        let link = |p: &str| format!("../../../{p}");
        match file {
            "photo.jpg" => {
                let photo = Photo {
                    width: 1000,
                    height: 750,
                    alpha: false,
                    widths: vec![400, 800, 1000],
                    webp: true,
                    compatible: true,
                    social: (1000, 525),
                };
                let address = "media/practices/x/photo.jpg";
                Some(Asset::Photo(Box::new(Picture::new(&photo, address, &link))))
            }
            "plan.pdf" => Some(Asset::File(link("media/practices/x/plan.pdf"))),
            _ => None,
        }
    }
    fn asset_folder(&self) -> (String, bool) {
        ("content/practices/x/".into(), false)
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for allow_html in [false, true] {
        let rendered = render(text, 3, allow_html, &Entries);
        let ids: std::collections::HashSet<&str> =
            rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), rendered.headings.len(), "heading ids are unique");
        if !allow_html {
            // No script can come from the text: raw HTML is shown as text, and no link or
            // image leads to a script (a site that allows raw HTML has chosen otherwise). Text
            // never holds `<`, so these can only be elements.
            let html = rendered.html.to_ascii_lowercase();
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<a href=\"javascript:"), "{html}");
            assert!(!html.contains("<img src=\"javascript:"), "{html}");
        }
    }
});
