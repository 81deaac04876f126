//! A project's handbook as pages: the contents page (title, editors, licence, downloads, the
//! preface and every chapter with its summary), one page per chapter, and one page holding every
//! chapter in order for printing.
//!
//! A chapter page's contents sidebar lists the chapters around it (and the first and the last),
//! not all of them: with every title on every page, a handbook's bytes would grow with the
//! square of its chapters. The contents page, one link away, lists them all.

use super::jobs::{Book, Lang, Rendering};
use super::renderer::Renderer;
use super::{jsonld, views};
use crate::content::Section;
use crate::content::discover::Asset;
use crate::content::handbook::{Chapter, Handbook, Version};
use crate::diagnostics::{Diagnostic, Location};
use crate::links::{Files, Links};
use crate::markdown;
use crate::urls::Urls;
use serde::Serialize;
use tera::Context;

/// A Markdown body of a handbook: the files it is in, its text, where it starts (part and
/// line), and its language.
struct Body<'a> {
    parts: &'a [crate::content::Part],
    text: &'a str,
    at: (usize, usize),
    lang: &'a str,
}

impl<'a> Body<'a> {
    fn of<T>(parts: &'a [crate::content::Part], version: &'a Version<T>, lang: &'a str) -> Self {
        Body {
            parts,
            text: &version.body,
            at: version.body_at,
            lang,
        }
    }
}

/// A handbook as its pages (and its project's page) show it.
#[derive(Serialize)]
pub(super) struct BookView<'a> {
    lang: &'a str,
    title: &'a str,
    subtitle: &'a Option<String>,
    editors: &'a [String],
    published: Option<views::DateView>,
    isbn: &'a Option<String>,
    license: Option<views::LicenseView<'a>>,
    downloads: Vec<views::FileView<'a>>,
    /// The books spodeli made of it: the handbook's language first.
    editions: Vec<EditionView<'a>>,
    chapters: Vec<ChapterLink<'a>>,
    contents: String,
    print: String,
    projects: String,
    project: ProjectLink,
}

/// A book made of a handbook, to download.
#[derive(Serialize)]
struct EditionView<'a> {
    href: String,
    file: String,
    #[serde(rename = "type")]
    kind: &'static str,
    size: String,
    lang: &'a str,
    /// The language's own name.
    language: String,
}

/// A chapter in a handbook's contents.
#[derive(Serialize)]
struct ChapterLink<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
    lang: &'a str,
    translated: bool,
}

/// The project a handbook belongs to.
#[derive(Serialize)]
struct ProjectLink {
    title: Option<String>,
    href: String,
}

/// A line of a chapter's sidebar: a chapter near the current one, or a gap where others are.
#[derive(Serialize)]
#[serde(untagged)]
enum SidebarItem<'a> {
    Chapter {
        #[serde(flatten)]
        link: &'a ChapterLink<'a>,
        number: usize,
        current: bool,
    },
    Gap {
        gap: bool,
    },
}

/// A chapter that presents a practice, for the practice's page.
#[derive(Serialize)]
pub(super) struct CaseStudyLink<'a> {
    chapter: &'a str,
    chapter_lang: &'a str,
    href: String,
    book: &'a str,
    book_lang: &'a str,
    book_href: String,
}

/// A chapter on the print page: its section's id, and its body with ids made unique.
#[derive(Serialize)]
struct PrintChapter<'a> {
    id: &'a str,
    title: &'a str,
    body: String,
    lang: &'a str,
    translated: bool,
    authors: &'a [crate::content::model::Person],
}

/// A chapter's page.
#[derive(Serialize)]
struct ChapterView<'a> {
    number: usize,
    title: &'a str,
    summary: &'a str,
    authors: &'a [crate::content::model::Person],
    body: &'a str,
    headings: &'a [crate::markdown::Heading],
    lang: &'a str,
    translated: bool,
    sidebar: Vec<SidebarItem<'a>>,
    previous: Option<&'a ChapterLink<'a>>,
    next: Option<&'a ChapterLink<'a>>,
}

/// Chapters listed on each side of the current one in a chapter's sidebar.
pub(super) const SIDEBAR_NEIGHBOURS: usize = 3;

impl Renderer<'_> {
    /// A handbook's project slug and the handbook.
    fn book<'b>(&self, book: Book<'b>) -> (&str, &'b Handbook) {
        (&self.site.entries[book.entry].slug, book.handbook)
    }

    /// A chapter's version for a page in `lang` (see [`Chapter::shown`]).
    fn chapter_version<'a>(
        &self,
        chapter: &'a Chapter,
        lang: &str,
    ) -> (
        &'a Version<crate::content::handbook::ChapterFields>,
        &'a str,
        bool,
    ) {
        chapter.shown(lang, self.site.config.default_language())
    }

    /// Renders a body of `book` (the preface or a chapter) for the page at `path`,
    /// reporting broken links at their place.
    fn handbook_body(
        &self,
        r: &mut Rendering<'_>,
        book: Book<'_>,
        body: Body<'_>,
    ) -> markdown::Rendered {
        let path = r.path;
        let Body {
            parts,
            text,
            at,
            lang,
        } = body;
        let (project, book) = self.book(book);
        let resolver = Links {
            site: self.site,
            lang,
            link: &|p: &str| self.urls.link(path, p),
            files: Files::Handbook(project, book),
            reached: Default::default(),
        };
        let mut rendered = markdown::render(text, at.1, self.site.config.allow_html, &resolver);
        r.found.links.extend(resolver.reached.into_inner());
        let shown = &parts[at.0].shown;
        r.problems.extend(
            std::mem::take(&mut rendered.problems)
                .into_iter()
                .map(|(pos, p)| Diagnostic::error(Location::at(shown, pos), p)),
        );
        rendered
    }

    /// What every page of a handbook shows about it, in language `l` (or the language it
    /// has), for the page at `path`; also what its project's page shows.
    pub(super) fn book_value<'b>(&'b self, l: Lang, book: Book<'b>, path: &str) -> BookView<'b> {
        let i = book.entry;
        let (project, book) = self.book(book);
        let lang = book.language(&self.langs[l].code, self.site.config.default_language());
        let v = &book.versions[lang];
        let link = |to: &str| self.urls.link(path, to);
        let chapters = book
            .chapters
            .iter()
            .map(|c| {
                let (version, shown, own) = self.chapter_version(c, lang);
                ChapterLink {
                    title: &version.fields.title,
                    summary: &version.fields.summary,
                    href: link(&Urls::chapter(lang, project, &c.slug)),
                    lang: shown,
                    translated: own,
                }
            })
            .collect();
        let downloads: Vec<views::FileView> = v
            .fields
            .downloads
            .iter()
            .map(|d| {
                let href = link(&Urls::handbook_media(project, &d.file));
                let size = Asset::size_of(&book.assets, &d.file);
                views::file_view(href, &d.file, &d.file, size, &d.lang, lang)
            })
            .collect();
        let mut editions: Vec<EditionView> = self
            .shelf
            .of(i)
            .map(|(l, format, book)| {
                let address = crate::books::address(project, l, format);
                EditionView {
                    file: address.rsplit('/').next().unwrap_or_default().to_string(),
                    href: link(&address),
                    kind: format.name(),
                    size: views::human_size(book.size, lang),
                    lang: l,
                    language: self
                        .langs
                        .iter()
                        .find(|d| d.code == l)
                        .map_or_else(|| l.to_string(), |d| d.name.clone()),
                }
            })
            .collect();
        editions.sort_by_key(|e| e.lang != lang);
        let e = &self.site.entries[i];
        let fields = &v.fields;
        BookView {
            lang,
            title: &fields.title,
            subtitle: &fields.subtitle,
            editors: &fields.editors,
            published: fields
                .published
                .map(|d| views::date_view(self.site, lang, d)),
            isbn: &fields.isbn,
            license: fields.license.as_deref().map(|id| views::license(id, lang)),
            downloads,
            editions,
            chapters,
            contents: link(&Urls::handbook(lang, project)),
            print: link(&Urls::handbook_print(lang, project)),
            projects: link(&Urls::listing(lang, Section::Projects, 1)),
            project: ProjectLink {
                title: e
                    .title(lang)
                    .or_else(|| e.title(&self.site.fallback(e).lang))
                    .map(str::to_string),
                href: link(&Urls::entry(lang, Section::Projects, project)),
            },
        }
    }

    /// What the search index needs of handbook `i` in language `l`: its contents page (with the
    /// preface as `body`), or chapter `c` (its own version): found by its words, shown as a
    /// handbook result, filtered like its project.
    fn handbook_document(
        &self,
        l: Lang,
        book: Book<'_>,
        chapter: Option<usize>,
        body: &markdown::Rendered,
    ) -> crate::search::document::Document {
        let lang = &self.langs[l].code;
        let i = book.entry;
        let (project, book) = self.book(book);
        let index = &book.versions[lang].fields;
        let e = &self.site.entries[i];
        let v = self.site.shown_variant(i, lang).0;
        // Chapters are found by their handbook's title, the handbook by its project's.
        let (path, title, summary, extra, authors) = match chapter {
            Some(c) => {
                let chapter = &book.chapters[c];
                let fields = &chapter.versions[lang].fields;
                let authors = fields.authors.iter().map(|a| a.name.clone()).collect();
                let extra = vec![index.title.clone()];
                let path = Urls::chapter(lang, project, &chapter.slug);
                (
                    path,
                    fields.title.clone(),
                    fields.summary.clone(),
                    extra,
                    authors,
                )
            }
            None => {
                let summary = index.subtitle.clone().unwrap_or_default();
                let extra = e.title(lang).map(str::to_string).into_iter().collect();
                let path = Urls::handbook(lang, project);
                (
                    path,
                    index.title.clone(),
                    summary,
                    extra,
                    index.editors.clone(),
                )
            }
        };
        crate::search::document::Document {
            href: self.urls.href(&path),
            title,
            kind: views::HANDBOOK_KIND.to_string(),
            summary,
            headings: body.anchors(),
            sections: body.sections.clone(),
            extra,
            lists: authors,
            themes: v.common.themes.clone(),
            levels: v.common.levels.clone(),
            programme: match &v.fields {
                crate::content::model::Fields::Project(p) => Some(p.programme.clone()),
                _ => None,
            },
            year: index.published.map(|d| d.0.year()),
        }
    }

    /// Links to the chapters presenting practice `i` as a case study, for its page at `path`.
    pub(super) fn case_study_links(&self, l: Lang, i: usize, path: &str) -> Vec<CaseStudyLink<'_>> {
        let practice = &self.site.entries[i].slug;
        self.site
            .case_studies(practice)
            .iter()
            .filter_map(|&(project, c)| {
                let book = self.site.entries[project].handbook.as_ref()?;
                let lang = book.language(&self.langs[l].code, self.site.config.default_language());
                let chapter = &book.chapters[c];
                let (version, shown, _) = self.chapter_version(chapter, lang);
                let slug = &self.site.entries[project].slug;
                Some(CaseStudyLink {
                    chapter: &version.fields.title,
                    chapter_lang: shown,
                    href: self
                        .urls
                        .link(path, &Urls::chapter(lang, slug, &chapter.slug)),
                    book: &book.versions[lang].fields.title,
                    book_lang: lang,
                    book_href: self.urls.link(path, &Urls::handbook(lang, slug)),
                })
            })
            .collect()
    }

    /// The languages a handbook page exists in: those of its index.
    fn book_alternates(
        &self,
        book: &Handbook,
        make: impl Fn(&str) -> String,
    ) -> Vec<(String, String, bool)> {
        self.site
            .config
            .languages
            .iter()
            .map(|x| match book.versions.contains_key(x) {
                true => (x.clone(), make(x), false),
                false => (x.clone(), Urls::home(x), true),
            })
            .collect()
    }

    /// The context the contents and print pages of handbook `i` start from: the page's base
    /// (titled by the handbook), the book, the section. `address` makes the page's path in a
    /// language from the project's slug.
    fn book_context(
        &self,
        l: Lang,
        book: Book<'_>,
        path: &str,
        address: fn(&str, &str) -> String,
    ) -> Context {
        let (project, handbook) = self.book(book);
        let v = &handbook.versions[&self.langs[l].code].fields;
        let alternates = self.book_alternates(handbook, |x| address(x, project));
        let subtitle = v.subtitle.as_deref().unwrap_or_default();
        let mut ctx = self.base(l, path, &v.title, subtitle, alternates);
        ctx.insert("book", &self.book_value(l, book, path));
        ctx.insert("section", "projects");
        ctx
    }

    pub(super) fn handbook_context(&self, r: &mut Rendering<'_>, book: Book<'_>) -> Context {
        let (l, path) = (r.lang, r.path);
        let lang = &self.langs[l].code;
        let handbook = book.handbook;
        let mut ctx = self.book_context(l, book, path, Urls::handbook);
        let v = &handbook.versions[lang];
        let preface = Body::of(&handbook.parts, v, lang);
        let preface = self.handbook_body(r, book, preface);
        r.found.search = Some(std::sync::Arc::new(crate::search::document::analyze(
            self.handbook_document(l, book, None, &preface),
        )));
        ctx.insert("preface", &preface.html);
        ctx.insert("jsonld", &jsonld::handbook(self.site, book, lang, None));
        ctx
    }

    pub(super) fn chapter_context(
        &self,
        r: &mut Rendering<'_>,
        the_book: Book<'_>,
        c: usize,
    ) -> Context {
        let (l, path) = (r.lang, r.path);
        let lang = self.langs[l].code.clone();
        let (project, book) = self.book(the_book);
        let chapter = &book.chapters[c];
        let (version, shown, own) = self.chapter_version(chapter, &lang);
        let alternates = self.book_alternates(book, |x| Urls::chapter(x, project, &chapter.slug));
        let fields = &version.fields;
        let mut ctx = self.base(l, path, &fields.title, &fields.summary, alternates);
        let body = self.handbook_body(r, the_book, Body::of(&chapter.parts, version, shown));
        if own {
            r.found.search = Some(std::sync::Arc::new(crate::search::document::analyze(
                self.handbook_document(l, the_book, Some(c), &body),
            )));
        }
        let book_value = self.book_value(l, the_book, path);
        let around = |k: usize| {
            k == 0 || k + 1 == book.chapters.len() || k.abs_diff(c) <= SIDEBAR_NEIGHBOURS
        };
        let mut sidebar = Vec::new();
        let mut last = None;
        for (k, link) in book_value.chapters.iter().enumerate() {
            if !around(k) {
                continue;
            }
            if last.is_some_and(|last: usize| k > last + 1) {
                sidebar.push(SidebarItem::Gap { gap: true });
            }
            sidebar.push(SidebarItem::Chapter {
                link,
                number: k + 1,
                current: k == c,
            });
            last = Some(k);
        }
        let neighbour = |k: Option<usize>| k.and_then(|k| book_value.chapters.get(k));
        let practices = fields
            .practices
            .iter()
            .filter_map(|id| self.site.find(Section::Practices, id));
        ctx.insert_value("case_studies", self.card_list(r, practices));
        ctx.insert("book", &book_value);
        ctx.insert(
            "jsonld",
            &jsonld::handbook(self.site, the_book, &lang, Some(c)),
        );
        let chapter = ChapterView {
            number: c + 1,
            title: &fields.title,
            summary: &fields.summary,
            authors: &fields.authors,
            body: &body.html,
            headings: &body.headings,
            lang: shown,
            translated: own,
            sidebar,
            previous: neighbour(c.checked_sub(1)),
            next: neighbour(Some(c + 1)),
        };
        ctx.insert("chapter", &chapter);
        ctx.insert("section", "projects");
        ctx
    }

    pub(super) fn handbook_print_context(
        &self,
        r: &mut Rendering<'_>,
        the_book: Book<'_>,
    ) -> Context {
        let (l, path) = (r.lang, r.path);
        let lang = self.langs[l].code.clone();
        let book = the_book.handbook;
        let v = &book.versions[&lang];
        let mut ctx = self.book_context(l, the_book, path, Urls::handbook_print);
        // Ids stay unique on one page: a chapter's section is its slug, its headings
        // `<slug>--<id>` (slugs hold no `--`), the preface `preface--`.
        let chapters: Vec<PrintChapter> = book
            .chapters
            .iter()
            .map(|chapter| {
                let (version, shown, own) = self.chapter_version(chapter, &lang);
                let body =
                    self.handbook_body(r, the_book, Body::of(&chapter.parts, version, shown));
                let html = markdown::nested(&body, &format!("{}--", chapter.slug));
                PrintChapter {
                    id: &chapter.slug,
                    title: &version.fields.title,
                    body: html,
                    lang: shown,
                    translated: own,
                    authors: &version.fields.authors,
                }
            })
            .collect();
        let preface = Body::of(&book.parts, v, &lang);
        let preface = self.handbook_body(r, the_book, preface);
        ctx.insert("preface", &markdown::nested(&preface, "preface--"));
        ctx.insert("chapters", &chapters);
        // It repeats the chapters: search engines should send readers to them.
        ctx.insert("noindex", &true);
        ctx
    }
}
