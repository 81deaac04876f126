//! A handbook's book as an EPUB 3: a title page, the navigation document, one XHTML file for
//! the preface and one per chapter, the photos they show and a style sheet, zipped as the
//! standard asks (`mimetype` first and uncompressed).
//!
//! Written with the `zip` crate rather than an EPUB crate: the crates on offer stamp the
//! archive with the time of the build, and an unchanged handbook must give the same bytes (so a
//! deploy does not send it again, and builds can be compared).

use super::manuscript::{Body, Manuscript};
use super::sources::Sources;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::escape::xml;
use crate::markdown::{Events, Write};
use crate::photos::picture::Picture;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::cell::RefCell;
use std::io::Write as _;
use std::path::PathBuf;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The style sheet: plain, so that a reading system's own settings win.
const STYLE: &str = "body { line-height: 1.4; }\n\
h1 { font-size: 1.6em; margin: 1em 0 0.6em; }\n\
figure { margin: 1em 0; text-align: center; }\n\
img { max-width: 100%; height: auto; }\n\
table { border-collapse: collapse; }\n\
th, td { border: 1px solid #999; padding: 0.2em 0.4em; }\n\
.note, .authors { font-style: italic; }\n\
.case-study { border-left: 3px solid #1f4e8c; padding: 0.3em 0.8em; margin: 1em 0; background: #f2f2f2; }\n\
.title-page { text-align: center; }\n";

/// A document of the book: its file name, title, language and XHTML body.
struct Document {
    file: String,
    title: String,
    lang: String,
    body: String,
}

/// A photo copy in the book: its name there, media type and file in the photo store.
type Image = (String, &'static str, PathBuf);

/// An EPUB written out, to be zipped.
pub(super) struct Draft {
    /// The files of the book but the photos: name and text.
    texts: Vec<(String, String)>,
    images: Vec<Image>,
    /// Where problems of the whole book are reported.
    file: PathBuf,
}

/// Writes the EPUB of `m` out, reading its photos from `sources`.
pub(super) fn draft(m: &Manuscript<'_>, sources: &Sources<'_>) -> Draft {
    let images = RefCell::new(Vec::<Image>::new());
    let mut documents = vec![title_page(m)];
    let body = |b: &Body<'_>, prefix: &str| -> String {
        let photo = |picture: &Picture| -> Option<String> {
            let photo = sources.copy(picture)?;
            let name = format!("images/{}", photo.name);
            let mut images = images.borrow_mut();
            if !images.iter().any(|(n, _, _)| *n == name) {
                images.push((name.clone(), media_type(&name), photo.stored));
            }
            Some(name)
        };
        let resolver = sources.links(b.lang);
        let writer = Xhtml { photo: &photo };
        let rendered =
            crate::markdown::render_with(b.text, b.line, sources.allow_html, &resolver, &writer);
        crate::markdown::prefixed(&rendered.html, prefix)
    };
    if let Some(preface) = &m.preface {
        let title = m.word("handbook-preface", &[]);
        let text = body(preface, "preface-");
        documents.push(Document {
            file: "preface.xhtml".into(),
            body: format!("<h1>{}</h1>\n{text}", xml(&title)),
            title,
            lang: m.lang.into(),
        });
    }
    for (n, part) in m.parts.iter().enumerate() {
        let mut html = format!("<h1>{}</h1>\n", xml(part.title));
        if let Some(note) = &part.note {
            html.push_str(&format!(
                "<p class=\"note\" lang=\"{0}\" xml:lang=\"{0}\">{1}</p>\n",
                m.lang,
                xml(note)
            ));
        }
        if !part.authors.is_empty() {
            let names: Vec<&str> = part.authors.iter().map(|a| a.name.as_str()).collect();
            html.push_str(&format!(
                "<p class=\"authors\">{}</p>\n",
                xml(&names.join(", "))
            ));
        }
        html.push_str(&body(&part.body, "s-"));
        if !part.case_studies.is_empty() {
            let heading = m.word("handbook-case-studies", &[]);
            html.push_str(&format!(
                "<section lang=\"{0}\" xml:lang=\"{0}\"><h2>{1}</h2>\n",
                m.lang,
                xml(&heading)
            ));
            for c in &part.case_studies {
                html.push_str(&format!(
                    "<div class=\"case-study\"><p><strong>{}</strong>{}<br/><a href=\"{}\">{}</a></p></div>\n",
                    xml(&c.title),
                    c.organisation.as_deref().map_or(String::new(), |o| format!("<br/>{}", xml(o))),
                    xml(&c.url),
                    xml(&c.url)
                ));
            }
            html.push_str("</section>\n");
        }
        documents.push(Document {
            file: format!("chapter-{:02}.xhtml", n + 1),
            title: part.title.to_string(),
            lang: part.body.lang.into(),
            body: html,
        });
    }
    let images = images.into_inner();
    let mut texts = vec![
        ("META-INF/container.xml".to_string(), CONTAINER.to_string()),
        ("EPUB/package.opf".into(), package(m, &documents, &images)),
        ("EPUB/nav.xhtml".into(), nav(m, &documents)),
        ("EPUB/style.css".into(), STYLE.into()),
    ];
    texts.extend(
        documents
            .iter()
            .map(|d| (format!("EPUB/{}", d.file), page(d))),
    );
    Draft {
        texts,
        images,
        file: m.file.to_path_buf(),
    }
}

impl Draft {
    /// What the EPUB's bytes depend on (photos by their names, which hold their content's key).
    pub(super) fn key(&self) -> u64 {
        let names: Vec<&str> = self.images.iter().map(|(n, _, _)| n.as_str()).collect();
        crate::fingerprint::of(&(&self.texts, names))
    }

    /// Zips the book, dated with a fixed time.
    pub(super) fn make(&self) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.zip().map_err(|(path, e)| {
            let problem = Problem::Io(crate::messages::io_failed("io-reading", &path, &e));
            vec![Diagnostic::error(Location::file(&self.file), problem)]
        })
    }

    fn zip(&self) -> Result<Vec<u8>, (PathBuf, std::io::Error)> {
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let fixed = DateTime::default();
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(fixed);
        let deflated = stored.compression_method(CompressionMethod::Deflated);
        let mut put = |name: &str, bytes: &[u8], options| -> std::io::Result<()> {
            zip.start_file(name, options)
                .map_err(std::io::Error::other)?;
            zip.write_all(bytes)
        };
        let file = |e| (self.file.clone(), e);
        put("mimetype", b"application/epub+zip", stored).map_err(file)?;
        for (name, text) in &self.texts {
            put(name, text.as_bytes(), deflated).map_err(file)?;
        }
        for (name, _, path) in &self.images {
            let bytes = std::fs::read(path).map_err(|e| (path.clone(), e))?;
            // Photos are compressed already.
            put(&format!("EPUB/{name}"), &bytes, stored).map_err(file)?;
        }
        let cursor = zip.finish().map_err(|e| file(std::io::Error::other(e)))?;
        Ok(cursor.into_inner())
    }
}

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;

/// The media type of a photo copy by its name.
fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

/// One XHTML document of the book.
fn page(d: &Document) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n\
         <head><meta charset=\"utf-8\"/><title>{title}</title><link rel=\"stylesheet\" href=\"style.css\"/></head>\n\
         <body>\n{body}</body>\n</html>\n",
        lang = xml(&d.lang),
        title = xml(&d.title),
        body = d.body
    )
}

/// The title page: title, subtitle, editors, project, programme, and the imprint.
fn title_page(m: &Manuscript<'_>) -> Document {
    let book = m.book;
    let mut html = format!(
        "<section class=\"title-page\" epub:type=\"titlepage\">\n<h1>{}</h1>\n",
        xml(&book.title)
    );
    if let Some(subtitle) = &book.subtitle {
        html.push_str(&format!("<p><strong>{}</strong></p>\n", xml(subtitle)));
    }
    if !book.editors.is_empty() {
        html.push_str(&format!("<p>{}</p>\n", xml(&book.editors.join(", "))));
    }
    html.push_str(&format!("<p>{}", xml(&m.project)));
    if !m.programme.is_empty() {
        html.push_str(&format!("<br/>{}", xml(&m.programme)));
    }
    html.push_str("</p>\n</section>\n<section epub:type=\"copyright-page\">\n<p>");
    let mut lines = Vec::new();
    if let Some(date) = &book.published {
        lines.push(xml(&date.iso()));
    }
    if let Some(isbn) = &book.isbn {
        lines.push(format!("ISBN {}", xml(isbn)));
    }
    if let Some((name, url)) = &m.licence {
        lines.push(format!(
            "<a href=\"{}\" rel=\"license\">{}</a>",
            xml(url),
            xml(name)
        ));
    }
    lines.push(format!("<a href=\"{0}\">{0}</a>", xml(&m.url)));
    html.push_str(&lines.join("<br/>\n"));
    html.push_str("</p>\n</section>\n");
    Document {
        file: "title.xhtml".into(),
        title: book.title.clone(),
        lang: m.lang.into(),
        body: html,
    }
}

/// The navigation document: every part of the book in order.
fn nav(m: &Manuscript<'_>, documents: &[Document]) -> String {
    let items: String = documents
        .iter()
        .skip(1)
        .map(|d| {
            format!(
                "<li><a href=\"{}\" lang=\"{2}\" xml:lang=\"{2}\">{}</a></li>\n",
                d.file,
                xml(&d.title),
                xml(&d.lang)
            )
        })
        .collect();
    let contents = m.word("handbook-chapters", &[]);
    page(&Document {
        file: "nav.xhtml".into(),
        title: contents.clone(),
        lang: m.lang.into(),
        body: format!(
            "<nav epub:type=\"toc\" id=\"toc\"><h1>{}</h1>\n<ol>\n<li><a href=\"title.xhtml\">{}</a></li>\n{items}</ol></nav>\n",
            xml(&contents),
            xml(&m.book.title)
        ),
    })
}

/// The package document: metadata, every file, and the reading order.
fn package(m: &Manuscript<'_>, documents: &[Document], images: &[Image]) -> String {
    let book = m.book;
    let identifier = match &book.isbn {
        Some(isbn) => format!("urn:isbn:{}", isbn.replace([' ', '-'], "")),
        None => m.url.clone(),
    };
    let date = book.published.map(|d| d.iso());
    let mut meta = format!(
        "<dc:identifier id=\"id\">{}</dc:identifier>\n<dc:title>{}</dc:title>\n<dc:language>{}</dc:language>\n",
        xml(&identifier),
        xml(&book.title),
        xml(m.lang)
    );
    for editor in &book.editors {
        meta.push_str(&format!("<dc:creator>{}</dc:creator>\n", xml(editor)));
    }
    meta.push_str(&format!(
        "<dc:publisher>{}</dc:publisher>\n",
        xml(&m.project)
    ));
    if let Some(subtitle) = &book.subtitle {
        meta.push_str(&format!(
            "<dc:description>{}</dc:description>\n",
            xml(subtitle)
        ));
    }
    if let Some(date) = &date {
        meta.push_str(&format!("<dc:date>{date}</dc:date>\n"));
    }
    if let Some((name, url)) = &m.licence {
        meta.push_str(&format!(
            "<dc:rights>{} ({})</dc:rights>\n",
            xml(name),
            xml(url)
        ));
    }
    // Required, and kept stable: the publication date, not the time of the build.
    meta.push_str(&format!(
        "<meta property=\"dcterms:modified\">{}T00:00:00Z</meta>\n",
        date.as_deref().unwrap_or("2000-01-01")
    ));
    let mut manifest = String::from(
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n\
         <item id=\"style\" href=\"style.css\" media-type=\"text/css\"/>\n",
    );
    let mut spine = String::new();
    for (n, d) in documents.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"d{n}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n",
            d.file
        ));
        spine.push_str(&format!("<itemref idref=\"d{n}\"/>\n"));
        if n == 0 {
            spine.push_str("<itemref idref=\"nav\"/>\n");
        }
    }
    for (n, (name, media, _)) in images.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"i{n}\" href=\"{}\" media-type=\"{media}\"/>\n",
            xml(name)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\" xml:lang=\"{lang}\">\n\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{meta}</metadata>\n\
         <manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        lang = xml(m.lang)
    )
}

/// Writes a body as XHTML: photos as one `<img>` of a copy inside the book, raw HTML (where a
/// site allows it) left out, as it may not be XHTML.
struct Xhtml<'a> {
    photo: &'a dyn Fn(&Picture) -> Option<String>,
}

impl Write for Xhtml<'_> {
    fn write(
        &self,
        mut events: Events<'_>,
        pictures: Vec<(usize, Box<Picture>)>,
        out: &mut String,
    ) {
        for (event, _) in &mut events {
            if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                *event = Event::Text(CowStr::Borrowed(""));
            }
        }
        for (i, picture) in pictures {
            let Some(name) = (self.photo)(&picture) else {
                continue;
            };
            let alt: String = events[i + 1..]
                .iter()
                .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Image)))
                .filter_map(|(e, _)| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Image)) {
                events[j].0 = Event::Text(CowStr::Borrowed(""));
                j += 1;
            }
            if j < events.len() {
                events[j].0 = Event::Text(CowStr::Borrowed(""));
            }
            events[i].0 = Event::InlineHtml(CowStr::from(format!(
                "<img src=\"{}\" alt=\"{}\"/>",
                xml(&name),
                xml(&alt)
            )));
        }
        // An image that is no photo of the handbook (a GIF, an SVG) keeps its description.
        let events = events.into_iter().filter_map(|(e, _)| match e {
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            e => Some(e),
        });
        pulldown_cmark::html::push_html(out, events);
    }
}
