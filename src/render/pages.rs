//! One function per kind of page: what goes into its template context.

use super::jobs::{Book, Found, HOME_PRACTICES, HOME_PROJECTS, Job, Lang, Page, Rendering};
use super::jsonld;
use super::renderer::Renderer;
use crate::content::model::Fields;
use crate::content::{Entry, Section};
use crate::diagnostics::{Diagnostic, Location};
use crate::links::{Files, Links};
use crate::markdown;
use crate::urls::{self, Taxonomy, Urls};
use serde::Serialize;
use tera::{Context, Value};

/// A language on the site's root page.
#[derive(Serialize)]
struct Choice<'a> {
    lang: &'a str,
    title: Option<&'a String>,
    name: &'a str,
    enter: String,
    description: Option<&'a String>,
    href: String,
}

/// The 404 page's message in one language.
#[derive(Serialize)]
struct NotFound<'a> {
    lang: &'a str,
    title: String,
    text: String,
    home: String,
    href: String,
}

/// Something per section of the home page (how many entries, the listing's link), and the
/// themes' link among the listings.
#[derive(Serialize)]
struct Sections<T> {
    practices: T,
    projects: T,
    organisations: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    themes: Option<T>,
}

impl<T> Sections<T> {
    fn of(each: impl Fn(Section) -> T) -> Sections<T> {
        Sections {
            practices: each(Section::Practices),
            projects: each(Section::Projects),
            organisations: each(Section::Organisations),
            themes: None,
        }
    }
}

impl Renderer<'_> {
    pub(super) fn render_job(
        &self,
        job: &Job,
        problems: &mut Vec<Diagnostic>,
        found: &mut Found,
    ) -> Option<Page> {
        let path = self.path(job);
        // The chooser and the 404 page belong to every language and use none of it.
        let r = &mut Rendering {
            lang: job.lang().unwrap_or(Lang(0)),
            path: &path,
            problems: &mut *problems,
            found,
        };
        let ctx = match *job {
            Job::Chooser => self.chooser_context(),
            Job::NotFound => self.not_found_context(),
            Job::Home(_) => self.home_context(r),
            Job::Search(_) => self.search_context(r),
            Job::Listing { section, page, .. } => self.listing_context(r, section, page),
            Job::TaxonomyIndex(_, taxonomy) => self.taxonomy_context(r, taxonomy),
            Job::Term {
                taxonomy,
                term,
                page,
                ..
            } => self.term_context(r, taxonomy, term, page),
            Job::Entry(_, i) => self.entry_context(r, i),
            Job::Handbook(_, book) => self.handbook_context(r, book),
            Job::Chapter { book, chapter, .. } => self.chapter_context(r, book, chapter),
            Job::HandbookPrint(_, book) => self.handbook_print_context(r, book),
        };
        let html = self.render_template(self.template(job), &ctx, problems)?;
        Some(Page {
            path: self.file(job),
            bytes: html,
            lang: job.lang().map(|l| self.langs[l].code.clone()),
        })
    }

    /// An entry's body in `lang` as HTML, its problems (reported in its file) moved to
    /// `problems`, and the entries it links to.
    fn entry_body(
        &self,
        e: &Entry,
        lang: &str,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> (markdown::Rendered, Vec<(Section, String)>) {
        let v = &e.variants[lang];
        let resolver = Links {
            site: self.site,
            lang,
            link: &|p: &str| self.urls.link(path, p),
            files: Files::Entry(e),
            reached: Default::default(),
        };
        let allow_html = self.site.config.allow_html;
        let mut body = markdown::render(&v.body, v.body_at.1, allow_html, &resolver);
        let shown = &e.parts[v.body_at.0].shown;
        problems.extend(
            std::mem::take(&mut body.problems)
                .into_iter()
                .map(|(pos, p)| Diagnostic::error(Location::at(shown, pos), p)),
        );
        (body, resolver.reached.into_inner())
    }

    /// The problems in the bodies of entries left out for other errors (broken links, missing
    /// files), so that fixing an entry's fields does not reveal a second round of problems.
    pub(super) fn check_left_out_bodies(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for e in &self.site.left_out {
            for lang in e.variants.keys() {
                let path = Urls::entry(lang, e.section, &e.slug);
                self.entry_body(e, lang, &path, &mut problems);
            }
        }
        problems
    }

    /// The address of a job's page, from the site root.
    pub(super) fn path(&self, job: &Job) -> String {
        let lang = |l: Lang| self.langs[l].code.as_str();
        match *job {
            Job::Chooser | Job::NotFound => String::new(),
            Job::Home(l) => Urls::home(lang(l)),
            Job::Search(l) => Urls::search(lang(l)),
            Job::Listing {
                lang: l,
                section,
                page,
            } => Urls::listing(lang(l), section, page),
            Job::TaxonomyIndex(l, taxonomy) => Urls::taxonomy(lang(l), taxonomy),
            Job::Term {
                lang: l,
                taxonomy,
                term,
                page,
            } => {
                let group = self.langs[l].term(taxonomy, term);
                Urls::term(lang(l), taxonomy, &group.slug, page)
            }
            Job::Entry(l, i) => {
                let e = &self.site.entries[i];
                Urls::entry(lang(l), e.section, &e.slug)
            }
            Job::Handbook(l, book) => Urls::handbook(lang(l), &self.site.entries[book.entry].slug),
            Job::Chapter {
                lang: l,
                book,
                chapter,
            } => {
                let slug = &self.site.entries[book.entry].slug;
                Urls::chapter(lang(l), slug, &book.handbook.chapters[chapter].slug)
            }
            Job::HandbookPrint(l, book) => {
                Urls::handbook_print(lang(l), &self.site.entries[book.entry].slug)
            }
        }
    }

    /// The file a job writes. The 404 page is one file at the root, served for any address.
    pub(super) fn file(&self, job: &Job) -> String {
        match job {
            Job::NotFound => "404.html".into(),
            _ => urls::file_of(&self.path(job)),
        }
    }

    /// The template a job renders.
    pub(super) fn template(&self, job: &Job) -> &'static str {
        match *job {
            Job::Chooser => "chooser.html",
            Job::NotFound => "404.html",
            Job::Home(_) => "home.html",
            Job::Search(_) => "search.html",
            Job::Listing { .. } => "listing.html",
            Job::TaxonomyIndex(..) => "taxonomy.html",
            Job::Term { .. } => "term.html",
            Job::Handbook(..) => "handbook.html",
            Job::Chapter { .. } => "chapter.html",
            Job::HandbookPrint(..) => "handbook-print.html",
            Job::Entry(_, i) => match self.site.entries[i].section {
                Section::Practices => "practice.html",
                Section::Projects => "project.html",
                Section::Organisations => "organisation.html",
                Section::Pages => "page.html",
            },
        }
    }

    fn chooser_context(&self) -> Context {
        let site = self.site;
        let default = site
            .config
            .languages
            .iter()
            .position(|l| l == site.config.default_language())
            .unwrap_or(0);
        let mut ctx = self.base(
            Lang(default),
            "",
            "",
            site.config
                .description
                .get(site.config.default_language())
                .map_or("", String::as_str),
            self.same_everywhere(Urls::home),
        );
        let choices: Vec<Choice> = self
            .langs
            .iter()
            .map(|d| Choice {
                lang: &d.code,
                title: site.config.title.get(&d.code),
                name: &d.name,
                enter: site
                    .i18n
                    .message(&d.code, "chooser-enter", &[])
                    .unwrap_or_default(),
                description: site.config.description.get(&d.code),
                href: self.urls.link("", &Urls::home(&d.code)),
            })
            .collect();
        ctx.insert("choices", &choices);
        ctx.insert("offline", &self.urls.offline);
        ctx
    }

    fn not_found_context(&self) -> Context {
        let site = self.site;
        // Served for any missing path, at any depth: links use the published base path.
        let mut ctx = self.base(Lang(0), "", "404", "", self.same_everywhere(Urls::home));
        ctx.insert("root", site.config.base_path());
        let messages: Vec<NotFound> = self
            .langs
            .iter()
            .map(|d| {
                let m = |k: &str| site.i18n.message(&d.code, k, &[]).unwrap_or_default();
                let home = self.urls.href(&Urls::home(&d.code));
                NotFound {
                    lang: &d.code,
                    title: m("not-found-title"),
                    text: m("not-found-text"),
                    home: m("not-found-home"),
                    href: format!("{}{home}", site.config.base_path()),
                }
            })
            .collect();
        ctx.insert("messages", &messages);
        ctx
    }

    fn search_context(&self, r: &Rendering<'_>) -> Context {
        let (l, path) = (r.lang, r.path);
        let site = self.site;
        let lang = &self.langs[l].code;
        let title = site
            .i18n
            .message(lang, "nav-search", &[])
            .unwrap_or_default();
        let mut ctx = self.base(l, path, &title, &title, self.same_everywhere(Urls::search));
        // The result count in the language's plural forms, exact and estimated, for sample
        // numbers the script reuses.
        let forms = |key: &str| -> String {
            let forms: Vec<(u32, String)> = [1u32, 2, 5, 21, 0]
                .iter()
                .map(|&n| {
                    let text = site.i18n.message(lang, key, &[("count", n.into())]);
                    (n, text.unwrap_or_default())
                })
                .collect();
            serde_json::to_string(&forms).unwrap_or_default()
        };
        ctx.insert("count_forms", &forms("search-count"));
        ctx.insert("about_forms", &forms("search-count-about"));
        // Where to look when nothing matches in this language: the other languages' indexes,
        // search pages and the note that introduces their results.
        let elsewhere: Vec<serde_json::Value> = self
            .langs
            .iter()
            .filter(|d| d.code != *lang)
            .map(|d| {
                let name = site.i18n.message(&d.code, "language-name", &[]);
                let note = site.i18n.message(
                    lang,
                    "search-elsewhere",
                    &[("language", name.unwrap_or_default().into())],
                );
                serde_json::json!({
                    "lang": d.code,
                    "index": format!("search/{}/", d.code),
                    "page": self.urls.href(&Urls::search(&d.code)),
                    "note": note.unwrap_or_default(),
                })
            })
            .collect();
        ctx.insert(
            "elsewhere",
            &serde_json::to_string(&elsewhere).unwrap_or_default(),
        );
        ctx.insert("section", "search");
        // Result pages are made in the browser: nothing for crawlers here.
        ctx.insert("noindex", &true);
        ctx
    }

    fn home_context(&self, r: &mut Rendering<'_>) -> Context {
        let (l, path) = (r.lang, r.path);
        let site = self.site;
        let lang = &self.langs[l].code;
        let description = site
            .config
            .description
            .get(lang)
            .cloned()
            .unwrap_or_default();
        let mut ctx = self.base(l, path, "", &description, self.same_everywhere(Urls::home));
        let data = &self.langs[l];
        let latest = |s: Section, n: usize| data.index.ordered[&s].iter().copied().take(n);
        let practices = self.card_list(r, latest(Section::Practices, HOME_PRACTICES));
        ctx.insert_value("practices", practices);
        let projects = self.card_list(r, latest(Section::Projects, HOME_PROJECTS));
        ctx.insert_value("projects", projects);
        ctx.insert_value("themes", data.facets[&(Taxonomy::Themes, None)].0.clone());
        let counts = Sections::of(|s| data.index.ordered[&s].len());
        ctx.insert("counts", &counts);
        let listings = Sections {
            themes: Some(self.urls.href(&Urls::taxonomy(lang, Taxonomy::Themes))),
            ..Sections::of(|s| self.urls.href(&Urls::listing(lang, s, 1)))
        };
        ctx.insert("listings", &listings);
        ctx
    }

    fn listing_context(&self, r: &mut Rendering<'_>, section: Section, page: usize) -> Context {
        let (l, path) = (r.lang, r.path);
        let site = self.site;
        let lang = &self.langs[l].code;
        let title = site
            .i18n
            .message(lang, &format!("nav-{}", section.dir()), &[])
            .unwrap_or_default();
        let mut ctx = self.base(
            l,
            path,
            &title,
            &title,
            self.same_everywhere(|x| Urls::listing(x, section, page)),
        );
        let entries = &self.langs[l].index.ordered[&section];
        let (items, pagination) =
            self.paginate(r, entries, page, |p| Urls::listing(lang, section, p));
        ctx.insert_value("items", items);
        ctx.insert("pagination", &pagination);
        ctx.insert("section", section.dir());
        let data = &self.langs[l];
        let facets: Vec<Value> = match section {
            Section::Practices => [Taxonomy::Themes, Taxonomy::Levels, Taxonomy::Years].to_vec(),
            Section::Projects => [Taxonomy::Programmes, Taxonomy::Themes, Taxonomy::Years].to_vec(),
            _ => vec![],
        }
        .into_iter()
        .map(|t| {
            let mut facet = tera::Map::new();
            facet.insert("taxonomy".into(), t.segment().into());
            facet.insert("terms".into(), data.facets[&(t, Some(section))].0.clone());
            Value::from(facet)
        })
        .collect();
        ctx.insert_value("facets", Value::from(facets.as_slice()));
        ctx
    }

    fn taxonomy_context(&self, r: &Rendering<'_>, taxonomy: Taxonomy) -> Context {
        let (l, path) = (r.lang, r.path);
        let site = self.site;
        let lang = &self.langs[l].code;
        let title = site
            .i18n
            .message(lang, &format!("taxonomy-{}", taxonomy.segment()), &[])
            .unwrap_or_default();
        let mut ctx = self.base(
            l,
            path,
            &title,
            &title,
            self.same_everywhere(|x| Urls::taxonomy(x, taxonomy)),
        );
        ctx.insert_value("terms", self.langs[l].facets[&(taxonomy, None)].0.clone());
        ctx.insert("taxonomy", taxonomy.segment());
        ctx
    }

    fn term_context(
        &self,
        r: &mut Rendering<'_>,
        taxonomy: Taxonomy,
        t: usize,
        page: usize,
    ) -> Context {
        let (l, path) = (r.lang, r.path);
        let data = &self.langs[l];
        let lang = &data.code;
        let group = data.term(taxonomy, t);
        // Keywords are words of one language: the other language has no such page, and
        // its switcher leads to that language's list of keywords, marked as such.
        let alternates = self
            .langs
            .iter()
            .map(|d| {
                let x = d.code.as_str();
                match taxonomy != Taxonomy::Tags || x == lang.as_str() {
                    true => (
                        d.code.clone(),
                        Urls::term(x, taxonomy, &group.slug, page),
                        false,
                    ),
                    false => (d.code.clone(), Urls::taxonomy(x, taxonomy), true),
                }
            })
            .collect();
        let mut ctx = self.base(l, path, &group.label, &group.label, alternates);
        let at = |p| Urls::term(lang, taxonomy, &group.slug, p);
        let (items, pagination) = self.paginate(r, &group.entries, page, at);
        ctx.insert_value("items", items);
        ctx.insert("pagination", &pagination);
        ctx.insert("taxonomy", taxonomy.segment());
        ctx.insert("term", &group.label);
        ctx.insert(
            "taxonomy_href",
            &self.urls.link(path, &Urls::taxonomy(lang, taxonomy)),
        );
        ctx
    }

    fn entry_context(&self, r: &mut Rendering<'_>, i: usize) -> Context {
        let (l, path) = (r.lang, r.path);
        let site = self.site;
        let lang = &self.langs[l].code;
        let e = &site.entries[i];
        let v = &e.variants[lang];
        let (body, links) = self.entry_body(e, lang, path, r.problems);
        r.found.links = links;
        let alternates: Vec<(String, String, bool)> = site
            .config
            .languages
            .iter()
            .map(|x| match e.variants.contains_key(x) {
                true => (x.clone(), Urls::entry(x, e.section, &e.slug), false),
                false if e.section == Section::Pages => (x.clone(), Urls::home(x), true),
                false => (x.clone(), Urls::listing(x, e.section, 1), true),
            })
            .collect();
        let title = e.title(lang).unwrap_or_default();
        let views = self.langs[l].views(site, self.urls);
        let entry = views.entry(i, &body, path);
        r.found.search = Some(std::sync::Arc::new(crate::search::document::analyze(
            views.search_document(i, &body),
        )));
        let mut ctx = self.base(l, path, title, &v.common.summary, alternates);
        ctx.insert("entry", &entry);
        ctx.insert("section", e.section.dir());
        // Shared links show the first photo, cut to the shape social networks and messengers
        // use; search engines get its largest copy.
        let absolute = |p: &str| site.config.absolute(p);
        let shared = views.first_photo(e, &v.common.images, &absolute);
        let largest = shared.as_ref().map(|(picture, _)| picture.full.as_str());
        ctx.insert("jsonld", &jsonld::entry(site, i, lang, largest));
        // Related entries reuse the cards built once per language.
        for (name, entries) in self.related_lists(l, i) {
            ctx.insert_value(name, self.card_list(r, entries));
        }
        if let Some(handbook) = &e.handbook {
            let book = Book { entry: i, handbook };
            ctx.insert("handbook", &self.book_value(l, book, path));
        }
        if e.section == Section::Practices {
            ctx.insert("case_studies_in", &self.case_study_links(l, i, path));
        }
        if let Fields::Practice(p) = &v.fields
            && let Some(j) = p
                .project
                .as_ref()
                .and_then(|id| site.find(Section::Projects, id))
        {
            ctx.insert_value("project_card", self.card_value(l, j).clone());
        }
        let (image, alt) = shared.map_or((None, None), |(p, alt)| (Some(p.social), Some(alt)));
        ctx.insert("og_image", &image);
        ctx.insert("og_image_alt", &alt);
        ctx
    }

    /// The lists of entries naming entry `i` that its page shows, by template variable.
    pub(super) fn related_lists(&self, l: Lang, i: usize) -> Vec<(&'static str, Vec<usize>)> {
        let e = &self.site.entries[i];
        let related = |kind, section| {
            self.langs[l]
                .index
                .related(kind, &e.slug, section, self.site)
        };
        match e.section {
            Section::Organisations => vec![
                (
                    "related_practices",
                    related(Section::Organisations, Section::Practices),
                ),
                (
                    "related_projects",
                    related(Section::Organisations, Section::Projects),
                ),
            ],
            Section::Projects => vec![(
                "related_practices",
                related(Section::Projects, Section::Practices),
            )],
            Section::Practices | Section::Pages => Vec::new(),
        }
    }
}
