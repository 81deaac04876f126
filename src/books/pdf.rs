//! A handbook's book as a PDF, typeset by Typst: a title page and its back (licence, ISBN, the
//! web address), the contents with page numbers, the preface, then each chapter on a new page
//! with its authors, its text and boxes for the practices it presents. Running heads show the
//! book's title on left pages and the chapter's on right ones; headings are the PDF's
//! bookmarks; the PDF is tagged, with its language and metadata.

use super::manuscript::{Body, Manuscript, Part};
use super::sources::Sources;
use super::typeset::{Typst, label, string, text};
use super::world::BookWorld;
use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use crate::photos::picture::Picture;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use typst::WorldExt;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;

/// The settings every book starts with; the title and the language follow.
const PREAMBLE: &str = r##"#set page(paper: "a4", margin: (inside: 25mm, outside: 20mm, top: 25mm, bottom: 25mm))
#set text(font: ("Libertinus Serif", "DejaVu Sans Mono"), size: 11pt, hyphenate: true)
#set par(justify: true, leading: 0.62em, spacing: 1.1em)
#show raw: set text(font: "DejaVu Sans Mono", size: 9pt)
#show heading: set block(above: 1.4em, below: 0.8em)
#show heading.where(level: 1): it => {
  pagebreak(weak: true)
  v(18mm)
  block(text(size: 22pt, weight: "bold", it.body))
  v(6mm)
}
#show heading.where(level: 2): set text(size: 14pt)
#show heading.where(level: 3): set text(size: 12pt)
#show link: set text(fill: rgb("#1f4e8c"))
#show figure: set block(breakable: false)
#show outline.entry.where(level: 1): set text(weight: "bold")
#let case-study(title, organisation, url) = block(width: 100%, breakable: false, fill: luma(242), stroke: (left: 3pt + rgb("#1f4e8c")), inset: (x: 10pt, y: 8pt), spacing: 1.2em)[
  #strong(title) \
  #if organisation != none [#organisation \ ]
  #link(url)[#text(size: 9pt, url)]
]
#let running(book) = context {
  let here-page = here().page()
  let starts = query(heading.where(level: 1)).filter(h => h.location().page() == here-page)
  if starts.len() > 0 { return }
  let before = query(heading.where(level: 1).before(here()))
  set text(size: 9pt, style: "italic")
  if calc.even(here-page) { book } else if before.len() > 0 { align(right, before.last().body) }
}
"##;

/// A PDF written out as markup, with the photos it sets and where each body went.
pub(super) struct Draft {
    markup: String,
    /// Each photo copy's path in the book and its file in the store.
    files: Vec<(String, PathBuf)>,
    segments: Vec<Segment>,
    /// The date the book carries (its publication date).
    date: (i32, u8, u8),
    /// A stable identifier (the contents page's address).
    ident: String,
    /// Where problems of the whole book are reported.
    file: PathBuf,
}

/// Writes the PDF of `m` out as markup.
pub(super) fn draft(m: &Manuscript<'_>, sources: &Sources<'_>) -> Draft {
    let book = Book::default();
    let markup = book.markup(m, sources);
    let files: Vec<(String, PathBuf)> = book.files.take().into_iter().collect();
    Draft {
        markup,
        files,
        segments: book.segments.take(),
        date: m
            .book
            .published
            .map_or((2000, 1, 1), |d| (d.0.year(), d.0.month() as u8, d.0.day())),
        ident: m.url.clone(),
        file: m.file.to_path_buf(),
    }
}

impl Draft {
    /// What the PDF's bytes depend on (the markup names each photo by its content's key).
    pub(super) fn key(&self) -> u64 {
        crate::fingerprint::of(&(&self.markup, self.date, &self.ident))
    }

    /// Typesets the PDF. What the engine reports is located in the chapter's file; a panic of
    /// the engine is a problem of this book, not the end of the build.
    pub(super) fn make(&self) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let mut files = Vec::with_capacity(self.files.len());
        for (path, stored) in &self.files {
            let bytes = std::fs::read(stored).map_err(|e| {
                let problem = Problem::Io(crate::messages::io_failed("io-reading", stored, &e));
                vec![Diagnostic::error(Location::file(&self.file), problem)]
            })?;
            files.push((path.clone(), bytes));
        }
        let (y, mo, d) = self.date;
        let today = Datetime::from_ymd(y, mo, d)
            .or_else(|| Datetime::from_ymd(2000, 1, 1))
            .expect("a valid date");
        let world = BookWorld::new(self.markup.clone(), files, today);
        let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            typst::compile::<PagedDocument>(&world).output
        }));
        let document = match compiled {
            Ok(Ok(document)) => document,
            Ok(Err(errors)) => {
                // The engine repeats a complaint at each level it unwinds: one of each is enough.
                let mut said = std::collections::HashSet::new();
                let errors = errors.iter().filter(|e| said.insert(e.message.clone()));
                let errors = errors.map(|e| {
                    let at = world.range(e.span).map(|r| r.start);
                    self.failed(e.message.to_string(), at)
                });
                return Err(errors.collect());
            }
            Err(_) => {
                return Err(vec![
                    self.failed("the typesetting engine failed".into(), None),
                ]);
            }
        };
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(self.ident.clone()),
            ..typst_pdf::PdfOptions::default()
        };
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            typst_pdf::pdf(&document, &options)
        }));
        match made {
            Ok(Ok(bytes)) => Ok(bytes),
            Ok(Err(errors)) => Err(errors
                .iter()
                .map(|e| self.failed(e.message.to_string(), None))
                .collect()),
            Err(_) => Err(vec![self.failed("the PDF writer failed".into(), None)]),
        }
    }

    /// The problem `detail`, located at the Markdown that became byte `at` of the markup.
    fn failed(&self, detail: String, at: Option<usize>) -> Diagnostic {
        let location = at.and_then(|offset| {
            let segment = self.segments.iter().rev().find(|s| s.start <= offset)?;
            Some(segment.locate(offset))
        });
        let problem = Problem::Book {
            format: "PDF".into(),
            detail,
        };
        Diagnostic::error(
            location.unwrap_or_else(|| Location::file(&self.file)),
            problem,
        )
    }
}

/// A part of the markup made from one body, to locate what the engine reports in it.
struct Segment {
    /// Where it starts in the markup.
    start: usize,
    /// The file and first line of the body, and its text.
    file: PathBuf,
    line: usize,
    text: String,
    /// Where its blocks start: (byte in the markup, byte in the Markdown).
    marks: Vec<(usize, usize)>,
}

impl Segment {
    /// The place in the Markdown of the block that holds byte `offset` of the markup.
    fn locate(&self, offset: usize) -> Location {
        let at = self
            .marks
            .iter()
            .rev()
            .find(|(o, _)| *o <= offset)
            .map_or(0, |(_, md)| *md);
        Location::at(&self.file, Pos::of_offset(&self.text, at, self.line))
    }
}

/// The markup being made, the photo files it names, and where each body went.
#[derive(Default)]
struct Book {
    files: RefCell<BTreeMap<String, PathBuf>>,
    segments: RefCell<Vec<Segment>>,
}

impl Book {
    fn markup(&self, m: &Manuscript<'_>, sources: &Sources<'_>) -> String {
        let mut out = String::from(PREAMBLE);
        let editors: Vec<String> = m.book.editors.iter().map(|e| string(e)).collect();
        out.push_str(&format!(
            "#set document(title: {}, author: ({}), description: {}, keywords: ({}))\n",
            string(&m.book.title),
            editors.iter().map(|e| format!("{e},")).collect::<String>(),
            string(m.book.subtitle.as_deref().unwrap_or(&m.project)),
            string(&m.project) + ",",
        ));
        out.push_str(&format!("#set text(lang: {})\n", string(m.lang)));
        self.title_pages(&mut out, m);
        out.push_str(&format!(
            "#set page(header: running({}), footer: context align(center, text(size: 9pt, counter(page).display())))\n",
            string(&m.book.title)
        ));
        out.push_str(&format!(
            "#outline(title: {}, depth: 2)\n",
            string(&m.word("handbook-chapters", &[]))
        ));
        if let Some(preface) = &m.preface {
            out.push_str(&format!(
                "#heading(level: 1)[{}]<preface>\n",
                escaped(&m.word("handbook-preface", &[]))
            ));
            self.body(&mut out, preface, "preface--", sources);
        }
        for part in &m.parts {
            self.part(&mut out, m, part, sources);
        }
        out
    }

    /// The title page and its back.
    fn title_pages(&self, out: &mut String, m: &Manuscript<'_>) {
        let book = m.book;
        out.push_str("#page(header: none, footer: none)[#align(center)[\n#v(30mm)\n");
        out.push_str(&format!(
            "#text(size: 26pt, weight: \"bold\")[{}]\n",
            escaped(&book.title)
        ));
        if let Some(subtitle) = &book.subtitle {
            out.push_str(&format!(
                "#v(6mm)\n#text(size: 15pt)[{}]\n",
                escaped(subtitle)
            ));
        }
        out.push_str("#v(1fr)\n");
        if !book.editors.is_empty() {
            out.push_str(&format!(
                "#text(size: 12pt)[{}]\n#v(4mm)\n",
                escaped(&book.editors.join(", "))
            ));
        }
        out.push_str(&format!("{}\n", escaped(&m.project)));
        if !m.programme.is_empty() {
            out.push_str(&format!("\\\n{}\n", escaped(&m.programme)));
        }
        out.push_str("#v(20mm)\n]]\n");
        out.push_str("#page(header: none, footer: none)[#set text(size: 9pt)\n#v(1fr)\n");
        let mut lines = vec![format!("#strong[{}]", escaped(&book.title))];
        if !book.editors.is_empty() {
            let editors = m.word("handbook-editors", &[]);
            lines.push(format!(
                "{}: {}",
                escaped(&editors),
                escaped(&book.editors.join(", "))
            ));
        }
        if let Some(date) = &book.published {
            lines.push(escaped(&date.iso()));
        }
        if let Some(isbn) = &book.isbn {
            lines.push(format!("ISBN {}", escaped(isbn)));
        }
        if let Some((name, url)) = &m.licence {
            lines.push(format!("#link({})[{}]", string(url), escaped(name)));
        }
        lines.push(format!("#link({})[{}]", string(&m.url), escaped(&m.url)));
        out.push_str(&lines.join(" \\\n"));
        out.push_str("\n]\n");
    }

    /// A chapter: its heading, the note on its language, its authors, text and case studies.
    fn part(&self, out: &mut String, m: &Manuscript<'_>, part: &Part<'_>, sources: &Sources<'_>) {
        out.push_str(&format!("#[#set text(lang: {})\n", string(part.body.lang)));
        out.push_str(&format!(
            "#heading(level: 1)[{}]<{}>\n",
            escaped(part.title),
            label(&format!("chapter--{}", part.slug))
        ));
        if let Some(note) = &part.note {
            out.push_str(&format!(
                "#text(lang: {}, style: \"italic\")[{}]\n\n",
                string(m.lang),
                escaped(note)
            ));
        }
        if !part.authors.is_empty() {
            let names: Vec<String> = part
                .authors
                .iter()
                .map(|a| match &a.role {
                    Some(role) => format!("{} ({role})", a.name),
                    None => a.name.clone(),
                })
                .collect();
            out.push_str(&format!("#emph[{}]\n\n", escaped(&names.join(", "))));
        }
        self.body(out, &part.body, &format!("{}--", part.slug), sources);
        if !part.case_studies.is_empty() {
            out.push_str(&format!(
                "#heading(level: 2, outlined: false)[{}]\n",
                escaped(&m.word("handbook-case-studies", &[]))
            ));
            for c in &part.case_studies {
                let organisation = c.organisation.as_deref().map_or("none".into(), string);
                out.push_str(&format!(
                    "#case-study({}, {organisation}, {})\n",
                    string(&c.title),
                    string(&c.url)
                ));
            }
        }
        out.push_str("]\n");
    }

    /// A body's Markdown as markup, its photos registered.
    fn body(&self, out: &mut String, body: &Body<'_>, prefix: &str, sources: &Sources<'_>) {
        let photo = |picture: &Picture| self.photo(picture, sources);
        let writer = Typst {
            prefix,
            photo: &photo,
            marks: RefCell::default(),
        };
        let resolver = sources.links(body.lang);
        let rendered = crate::markdown::render_with(
            body.text,
            body.line,
            sources.allow_html,
            &resolver,
            &writer,
        );
        let start = out.len();
        out.push_str(&rendered.html);
        out.push('\n');
        let marks = writer.marks.into_inner();
        self.segments.borrow_mut().push(Segment {
            start,
            file: body.file.to_path_buf(),
            line: body.line,
            text: body.text.to_string(),
            marks: marks.into_iter().map(|(o, md)| (start + o, md)).collect(),
        });
    }

    /// The path in the book of the copy of `picture` a page needs, read from the store.
    fn photo(&self, picture: &Picture, sources: &Sources<'_>) -> Option<(String, u32, u32)> {
        let photo = sources.copy(picture)?;
        let path = format!("/photos/{}", photo.name);
        self.files.borrow_mut().insert(path.clone(), photo.stored);
        Some((path, photo.width, photo.height))
    }
}

/// `s` as markup text.
fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    text(&mut out, s);
    out
}
