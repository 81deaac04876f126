//! Photos as phones make them, published small, upright and without metadata; made once; bad
//! photos reported where they are named. Everything is asserted on the output's decoded images.

use crate::harness::photos::*;
use crate::harness::{SiteTest, attr, attrs, select};
use image::{GenericImageView, RgbaImage};
use scraper::Html;
use spodeli::diagnostics::Pos;
use std::path::Path;

/// A practice showing `photo` in its gallery, with `body` as its text, and the photo written
/// beside it; `site_yaml` added to the site's settings.
fn practice_with(file: &str, bytes: &[u8], body: &str, site_yaml: Option<&str>) -> SiteTest {
    let page = format!(
        "---\ntitle: Градина\nsummary: Ученици садят лехи.\ndate: 2025-04-10\nthemes: [reading]\n\
         images: [{{file: {file}, alt: Лехите в двора, credit: Ана}}]\n---\n\n{body}\n"
    );
    let site = SiteTest::new_site(&[
        ("content/practices/garden/index.bg.md", page.as_bytes()),
        (&format!("content/practices/garden/{file}"), bytes),
    ]);
    if let Some(extra) = site_yaml {
        let path = site.root().join("site.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, format!("{text}\n{extra}\n")).unwrap();
    }
    site
}

/// The candidates of a `srcset`: (address, width claimed).
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

/// Decodes the output file a page at `page` links as `href`.
fn decoded(out: &Path, page: &str, href: &str) -> image::DynamicImage {
    let file = out.join(page).parent().unwrap().join(href);
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(!holds_metadata(&bytes), "{} holds metadata", file.display());
    assert!(
        exif_fields(&bytes).is_empty(),
        "{} has EXIF",
        file.display()
    );
    image::load_from_memory(&bytes).unwrap()
}

/// Red and blue, roughly (lossy copies).
fn is_red(p: image::Rgba<u8>) -> bool {
    p[0] > 150 && p[2] < 100
}
fn is_blue(p: image::Rgba<u8>) -> bool {
    p[2] > 150 && p[0] < 100
}

/// Every `srcset` candidate of the page's photos exists at the width it claims, with the
/// photo's proportions; returns the number of candidates checked.
fn check_srcsets(out: &Path, page: &str, doc: &Html, css: &str, ratio: f64) -> usize {
    let mut checked = 0;
    for srcset in attrs(doc, css, "srcset") {
        for (url, width) in candidates(&srcset) {
            let image = decoded(out, page, &url);
            assert_eq!(image.width(), width, "{url}");
            let expected = (f64::from(width) * ratio).round() as u32;
            assert_eq!(image.height(), expected, "{url}");
            checked += 1;
        }
    }
    checked
}

#[test]
fn a_phone_photo_is_published_small_upright_and_without_its_location() {
    // Stored 2000 × 1500 lying on its side (orientation 6): a portrait 1500 × 2000.
    let original = sideways_phone_photo(2000, 1500);
    assert!(holds_metadata(&original) && exif_fields(&original).contains(&exif::Tag::GPSLatitude));
    let site = practice_with("lehi.jpg", &original, "Текст.", None);
    let built = site.built();
    let out = built.out();
    let page = "bg/practices/garden/index.html";
    let doc = built.html(page);
    // The gallery: WebP and JPEG at every width, each file as wide as it claims.
    let checked = check_srcsets(
        out,
        page,
        &doc,
        ".gallery picture source, .gallery img",
        2000.0 / 1500.0,
    );
    assert_eq!(checked, 8, "four widths in two formats");
    let webp = attr(&doc, ".gallery source", "type").unwrap();
    assert_eq!(webp, "image/webp");
    let img = select(&doc, ".gallery img")[0].value();
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("1500"), Some("2000"))
    );
    assert_eq!(
        img.attr("loading"),
        None,
        "the first photo of the page loads at once"
    );
    assert_eq!(img.attr("decoding"), Some("async"));
    assert_eq!(img.attr("alt"), Some("Лехите в двора"));
    assert!(img.attr("sizes").unwrap().contains("44rem"));
    // Upright: what was the top (red) is now on the right.
    let full = attr(&doc, ".gallery a.photo", "href").unwrap();
    assert!(
        full.ends_with("lehi-1500.jpg"),
        "a click opens the largest copy: {full}"
    );
    let large = decoded(out, page, &full).to_rgba8();
    assert_eq!(large.dimensions(), (1500, 2000));
    assert!(is_blue(*large.get_pixel(300, 1000)) && is_red(*large.get_pixel(1200, 1000)));
    // No published file is the original or holds its metadata.
    for (path, bytes) in crate::harness::files(out) {
        let name = path.to_string_lossy().to_string();
        assert!(
            !name.ends_with("lehi.jpg"),
            "the original is published: {name}"
        );
        if name.contains("lehi") {
            assert!(!holds_metadata(&bytes), "{name}");
        }
    }
    // Search engines get the largest copy in the page's JSON-LD.
    let jsonld = crate::harness::text_of(&doc, "script[type='application/ld+json']");
    let jsonld: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    assert!(
        jsonld["image"]
            .as_str()
            .unwrap()
            .ends_with("/lehi-1500.jpg"),
        "{jsonld}"
    );
    // Shared links show a 1200 × 630 crop.
    let shared = attr(&doc, "meta[property='og:image']", "content").unwrap();
    let social = &shared[shared.find("media/").unwrap()..];
    assert_eq!(decoded(out, "index.html", social).dimensions(), (1200, 630));
    // The listing's card shows a thumbnail from the same copies.
    let listing = "bg/practices/index.html";
    let doc = built.html(listing);
    let thumb = attr(&doc, ".card-photo img", "src").unwrap();
    assert!(thumb.ends_with("lehi-400.jpg"), "{thumb}");
    assert!(
        check_srcsets(
            out,
            listing,
            &doc,
            ".card-photo source, .card-photo img",
            2000.0 / 1500.0
        ) == 8
    );
}

#[test]
fn photos_in_the_body_are_pictures_and_links_to_photos_lead_to_the_largest_copy() {
    let body = "Вижте ![Лехата отблизо](lehi.jpg) и [снимката](lehi.jpg).";
    let site = practice_with("lehi.jpg", &jpeg_of(&halves(1000, 800)), body, None);
    let built = site.built();
    let page = "bg/practices/garden/index.html";
    let doc = built.html(page);
    let body = ".prose picture source, .prose img";
    assert_eq!(
        check_srcsets(built.out(), page, &doc, body, 0.8),
        6,
        "400, 800 and 1000"
    );
    let img = select(&doc, ".prose img")[0].value();
    assert_eq!(img.attr("alt"), Some("Лехата отблизо"));
    assert_eq!(img.attr("loading"), None, "the body's photo comes first");
    let gallery = select(&doc, ".gallery img")[0].value();
    assert_eq!(gallery.attr("loading"), Some("lazy"));
    let link = attr(&doc, ".prose a:not(.photo)", "href").unwrap();
    assert!(link.ends_with("lehi-1000.jpg"), "{link}");
}

#[test]
fn transparency_keeps_a_png_fallback_and_a_cmyk_jpeg_is_converted() {
    let site = practice_with(
        "logo.png",
        &transparent_png(900, 600),
        "![Скан](scan.jpg)",
        None,
    );
    site.write("content/practices/garden/scan.jpg", &cmyk_jpeg(640, 480));
    let built = site.built();
    let page = "bg/practices/garden/index.html";
    let doc = built.html(page);
    let fallback = attrs(&doc, ".gallery img", "srcset").join(", ");
    let widths: Vec<u32> = candidates(&fallback).iter().map(|c| c.1).collect();
    assert_eq!(widths, [400, 800, 900], "never enlarged");
    let png = decoded(built.out(), page, &candidates(&fallback)[2].0).to_rgba8();
    assert!(candidates(&fallback)[2].0.ends_with(".png"));
    assert_eq!(
        png.get_pixel(10, 300)[3],
        0,
        "transparent stays transparent"
    );
    assert_eq!(png.get_pixel(890, 300)[3], 255);
    let webp = attr(&doc, ".gallery source", "srcset").unwrap();
    let webp: RgbaImage = decoded(built.out(), page, &candidates(&webp)[0].0).to_rgba8();
    assert!(
        webp.get_pixel(10, 100)[3] < 20,
        "WebP keeps the transparency"
    );
    // The CMYK scan is in colour, the right way round.
    let scan = attr(&doc, ".prose img", "src").unwrap();
    let scan = decoded(built.out(), page, &scan);
    assert_eq!(scan.dimensions(), (640, 480));
    assert!(is_red(scan.get_pixel(320, 100)) && is_blue(scan.get_pixel(320, 400)));
}

#[test]
fn copyright_tags_are_kept_only_when_the_site_says_so() {
    let tags = |built: &crate::harness::Built| {
        let doc = built.html("bg/practices/garden/index.html");
        let full = attr(&doc, ".gallery a.photo", "href").unwrap();
        let file = built.out().join("bg/practices/garden").join(full);
        exif_fields(&std::fs::read(file).unwrap())
    };
    let photo = sideways_phone_photo(800, 600);
    let kept = practice_with(
        "lehi.jpg",
        &photo,
        "Текст.",
        Some("images: {keep_copyright: true}"),
    );
    let mut fields = tags(&kept.built());
    fields.sort_by_key(|t| t.number());
    assert_eq!(
        fields,
        [exif::Tag::Artist, exif::Tag::Copyright],
        "nothing else"
    );
    assert!(tags(&practice_with("lehi.jpg", &photo, "Текст.", None).built()).is_empty());
}

#[test]
fn a_second_build_makes_no_photo_and_touches_no_copy() {
    let site = practice_with(
        "lehi.jpg",
        &sideways_phone_photo(1800, 1200),
        "Текст.",
        None,
    );
    site.write(
        "content/practices/garden/more.png",
        &transparent_png(500, 400),
    );
    assert_eq!(site.built().report.photos, (2, 2));
    let store = site.root().join(".spodeli-cache/photos");
    let stamps = || {
        let files = walkdir::WalkDir::new(&store)
            .into_iter()
            .map(Result::unwrap);
        let files = files.filter(|f| f.file_type().is_file());
        let stamp = |f: walkdir::DirEntry| {
            (
                f.path().to_path_buf(),
                f.metadata().unwrap().modified().unwrap(),
            )
        };
        files.map(stamp).collect::<Vec<_>>()
    };
    let before = stamps();
    assert!(before.len() > 10);
    let again = site.built();
    assert_eq!(again.report.photos, (2, 0), "nothing made again");
    assert_eq!(stamps(), before, "the store untouched");
    assert_eq!(again.report.written.unwrap().written, 0);
    // One photo replaced: only it is made again; other settings: all of them.
    site.write(
        "content/practices/garden/more.png",
        &transparent_png(520, 400),
    );
    assert_eq!(site.built().report.photos, (2, 1));
    let path = site.root().join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nimages: {{quality: 60}}\n")).unwrap();
    assert_eq!(site.built().report.photos, (2, 2));
}

#[test]
fn bad_photos_are_located_and_the_previous_output_is_kept() {
    let site = SiteTest::new_site(&[(
        "content/practices/garden/index.bg.md",
        "---\ntitle: Градина\nsummary: S.\ndate: 2025-04-10\nthemes: [reading]\nimages:\n  \
         - {file: cut.jpg, alt: A}\n  - {file: notes.jpg, alt: B}\n  - {file: iphone.heic, alt: C}\n  \
         - {file: bomb.png, alt: D}\n  - {file: ok.jpg}\n---\n\nТекст ![E](cut.jpg).\n"
            .as_bytes(),
    )]);
    let good = jpeg_of(&halves(300, 200));
    for (name, bytes) in [
        ("cut.jpg", good.clone()),
        ("notes.jpg", good.clone()),
        ("iphone.heic", good.clone()),
        ("bomb.png", transparent_png(40, 30)),
        ("ok.jpg", good.clone()),
    ] {
        site.write(&format!("content/practices/garden/{name}"), &bytes);
    }
    site.edit(
        "content/practices/garden/index.bg.md",
        "  - {file: ok.jpg}",
        "  - {file: ok.jpg, alt: F}",
    );
    let before = site.built_with_warnings();
    let kept = crate::harness::files(before.out());
    site.edit(
        "content/practices/garden/index.bg.md",
        "  - {file: ok.jpg, alt: F}",
        "  - {file: ok.jpg}",
    );
    site.edit(
        "content/practices/garden/index.bg.md",
        "(cut.jpg).",
        "(cut.jpg) ![G](ok.png).",
    );
    let heic = [b"\0\0\0\x18ftypheic".as_slice(), &[0; 16]].concat();
    for (name, bytes) in [
        ("cut.jpg", cut_jpeg()),
        ("notes.jpg", b"%PDF-1.7\n%...".to_vec()),
        ("iphone.heic", heic),
        ("bomb.png", png_bomb()),
        ("misnamed.jpg", transparent_png(40, 30)),
        ("ok.png", transparent_png(40, 30)),
        ("unused.jpg", cut_jpeg()),
    ] {
        site.write(&format!("content/practices/garden/{name}"), &bytes);
    }
    let file = Path::new("content/practices/garden/index.bg.md");
    let found: Vec<(String, Option<Pos>, String)> = site
        .problems()
        .into_iter()
        .map(|(path, pos, problem)| (path.display().to_string(), pos, problem.kind().to_string()))
        .collect();
    let at = |line, column| (file.display().to_string(), Some(Pos::new(line, column)));
    let expected = [
        (at(7, 12), "PhotoUnreadable"),
        (at(8, 12), "PhotoNotAPhoto"),
        (at(9, 12), "PhotoUnsupported"),
        (at(10, 12), "PhotoTooLarge"),
        (at(11, 5), "MissingField"),
        (at(14, 7), "PhotoUnreadable"),
        (at(14, 21), "PhotoNameTaken"),
    ];
    for ((place, pos), kind) in expected {
        assert!(
            found
                .iter()
                .any(|f| f.0 == place && f.1 == pos && f.2 == kind),
            "{kind} at {pos:?} not in {found:#?}"
        );
    }
    // Warnings in the same run: a PNG named .jpg, and a damaged photo nobody shows.
    let folder = "content/practices/garden/";
    assert!(found.contains(&(
        format!("{folder}misnamed.jpg"),
        None,
        "PhotoMisnamed".into()
    )));
    assert!(found.contains(&(format!("{folder}unused.jpg"), None, "PhotoUnused".into())));
    assert_eq!(
        crate::harness::files(&site.out()),
        kept,
        "the previous output is kept"
    );
}

#[test]
fn the_formats_made_follow_the_settings() {
    let photo = jpeg_of(&halves(900, 600));
    for (formats, webp, jpeg) in [("[jpeg]", false, true), ("[webp]", true, false)] {
        let setting = format!("images: {{formats: {formats}, widths: [300, 600]}}");
        let site = practice_with("lehi.jpg", &photo, "Текст.", Some(&setting));
        let built = site.built();
        let media = built.out().join("media/practices/garden");
        let mut names: Vec<String> = std::fs::read_dir(&media)
            .unwrap()
            .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let expected: Vec<&str> = [
            ("lehi-300.jpg", jpeg),
            ("lehi-300.webp", webp),
            ("lehi-600.jpg", jpeg),
            ("lehi-600.webp", webp),
            ("lehi-social.jpg", true),
        ]
        .iter()
        .filter(|(_, made)| *made)
        .map(|(name, _)| *name)
        .collect();
        assert_eq!(names, expected, "{formats}");
        let page = "bg/practices/garden/index.html";
        let doc = built.html(page);
        assert!(
            select(&doc, ".gallery source").is_empty(),
            "one format, no <source>"
        );
        assert_eq!(
            check_srcsets(built.out(), page, &doc, ".gallery img", 600.0 / 900.0),
            2
        );
    }
}

#[test]
fn a_handbook_chapter_shows_its_photos_as_copies_on_its_page_and_the_print_page() {
    let site = SiteTest::fixture("full");
    let folder = "content/projects/finished-project/handbook";
    site.write(
        &format!("{folder}/class.jpg"),
        &sideways_phone_photo(1000, 750),
    );
    site.edit(
        &format!("{folder}/01-introduction.bg.md"),
        "Текст на въведението.",
        "Текст на въведението.\n\n![Класът в работа](class.jpg)",
    );
    let built = site.built();
    for page in [
        "bg/projects/finished-project/handbook/introduction/index.html",
        "bg/projects/finished-project/handbook/print/index.html",
    ] {
        let doc = built.html(page);
        let css = ".prose picture source, .prose picture img";
        assert_eq!(
            check_srcsets(built.out(), page, &doc, css, 1000.0 / 750.0),
            4,
            "{page}"
        );
        assert_eq!(
            attr(&doc, ".prose picture img", "alt").unwrap(),
            "Класът в работа"
        );
    }
}
