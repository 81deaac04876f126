//! One function per kind of page: what goes into its template context.

use super::links::Links;
use super::{Job, Page, Renderer, jsonld};
use crate::content::Section;
use crate::content::model::Fields;
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown;
use crate::urls::{Taxonomy, Urls};
use tera::Value;

impl Renderer<'_> {
    pub(super) fn render_job(&self, job: &Job, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        match *job {
            Job::Chooser => self.render_chooser(problems),
            Job::NotFound => self.render_not_found(problems),
            Job::Home(l) => self.render_home(l, problems),
            Job::Search(l) => self.render_search(l, problems),
            Job::Listing(l, section, page) => self.render_listing(l, section, page, problems),
            Job::TaxonomyIndex(l, taxonomy) => self.render_taxonomy_index(l, taxonomy, problems),
            Job::Term(l, taxonomy, t, page) => self.render_term(l, taxonomy, t, page, problems),
            Job::Entry(l, i) => self.render_entry(l, i, problems),
        }
    }

    fn render_chooser(&self, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        let site = self.site;
        let default = site
            .config
            .languages
            .iter()
            .position(|l| l == site.config.default_language())
            .unwrap_or(0);
        let mut ctx = self.base(
            default,
            "",
            "",
            site.config
                .description
                .get(site.config.default_language())
                .map_or("", String::as_str),
            self.same_everywhere(Urls::home),
        );
        let choices: Vec<serde_json::Value> = self
            .langs
            .iter()
            .map(|d| {
                serde_json::json!({"lang": d.code, "title": site.config.title.get(&d.code),
                    "name": d.name,
                    "enter": site.i18n.message(&d.code, "chooser-enter", &[]).unwrap_or_default(),
                    "description": site.config.description.get(&d.code),
                    "href": self.urls.link("", &Urls::home(&d.code))})
            })
            .collect();
        ctx.insert("choices", &choices);
        ctx.insert("offline", &self.urls.offline);
        self.page(
            "",
            None,
            self.render_template("chooser.html", &ctx, problems),
        )
    }

    fn render_not_found(&self, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        let site = self.site;
        // Served for any missing path, at any depth: links use the published base path.
        let mut ctx = self.base(0, "", "404", "", self.same_everywhere(Urls::home));
        ctx.insert("root", site.config.base_path());
        let messages: Vec<serde_json::Value> = self
            .langs
            .iter()
            .map(|d| {
                let m = |k: &str| site.i18n.message(&d.code, k, &[]).unwrap_or_default();
                serde_json::json!({"lang": d.code, "title": m("not-found-title"), "text": m("not-found-text"),
                    "home": m("not-found-home"), "href": format!("{}{}", site.config.base_path(), self.urls.href(&Urls::home(&d.code)))})
            })
            .collect();
        ctx.insert("messages", &messages);
        Some(Page {
            path: "404.html".into(),
            bytes: self.render_template("404.html", &ctx, problems)?,
            lang: None,
        })
    }

    fn render_search(&self, l: usize, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        let site = self.site;
        let lang = &self.langs[l].code;
        let path = Urls::search(lang);
        let title = site
            .i18n
            .message(lang, "nav-search", &[])
            .unwrap_or_default();
        let mut ctx = self.base(l, &path, &title, &title, self.same_everywhere(Urls::search));
        // The result count in the language's plural forms, for sample numbers the script reuses.
        let forms: Vec<(u32, String)> = [1u32, 2, 5, 21, 0]
            .iter()
            .map(|&n| {
                (
                    n,
                    site.i18n
                        .message(lang, "search-count", &[("count", n.into())])
                        .unwrap_or_default(),
                )
            })
            .collect();
        ctx.insert(
            "count_forms",
            &serde_json::to_string(&forms).unwrap_or_default(),
        );
        ctx.insert("section", "search");
        // Result pages are made in the browser: nothing for crawlers here.
        ctx.insert("noindex", &true);
        self.page(
            &path,
            Some(lang),
            self.render_template("search.html", &ctx, problems),
        )
    }

    fn render_home(&self, l: usize, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        let site = self.site;
        let lang = &self.langs[l].code;
        let path = Urls::home(lang);
        let description = site
            .config
            .description
            .get(lang)
            .cloned()
            .unwrap_or_default();
        let mut ctx = self.base(l, &path, "", &description, self.same_everywhere(Urls::home));
        let data = &self.langs[l];
        let latest = |s: Section, n: usize| data.index.ordered[&s].iter().copied().take(n);
        let practices = self.card_list(l, latest(Section::Practices, 6), &path, problems);
        ctx.insert_value("practices", practices);
        let projects = self.card_list(l, latest(Section::Projects, 3), &path, problems);
        ctx.insert_value("projects", projects);
        ctx.insert_value("themes", data.facets[&(Taxonomy::Themes, None)].clone());
        ctx.insert(
            "counts",
            &serde_json::json!({
                "practices": data.index.ordered[&Section::Practices].len(),
                "projects": data.index.ordered[&Section::Projects].len(),
                "organisations": data.index.ordered[&Section::Organisations].len(),
            }),
        );
        ctx.insert(
            "listings",
            &serde_json::json!({
                "practices": self.urls.href(&Urls::listing(lang, Section::Practices, 1)),
                "projects": self.urls.href(&Urls::listing(lang, Section::Projects, 1)),
                "organisations": self.urls.href(&Urls::listing(lang, Section::Organisations, 1)),
                "themes": self.urls.href(&Urls::taxonomy(lang, Taxonomy::Themes)),
            }),
        );
        self.page(
            &path,
            Some(lang),
            self.render_template("home.html", &ctx, problems),
        )
    }

    fn render_listing(
        &self,
        l: usize,
        section: Section,
        page: usize,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Page> {
        let site = self.site;
        let lang = &self.langs[l].code;
        let path = Urls::listing(lang, section, page);
        let title = site
            .i18n
            .message(lang, &format!("nav-{}", section.dir()), &[])
            .unwrap_or_default();
        let mut ctx = self.base(
            l,
            &path,
            &title,
            &title,
            self.same_everywhere(|x| Urls::listing(x, section, page)),
        );
        let entries = &self.langs[l].index.ordered[&section];
        let (items, mut pagination) = self.paginate(l, entries, page, &path, problems);
        self.pagination_links(&path, &mut pagination, |p| Urls::listing(lang, section, p));
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
            facet.insert("terms".into(), data.facets[&(t, Some(section))].clone());
            Value::from(facet)
        })
        .collect();
        ctx.insert_value("facets", Value::from(facets.as_slice()));
        self.page(
            &path,
            Some(lang),
            self.render_template("listing.html", &ctx, problems),
        )
    }

    fn render_taxonomy_index(
        &self,
        l: usize,
        taxonomy: Taxonomy,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Page> {
        let site = self.site;
        let lang = &self.langs[l].code;
        let path = Urls::taxonomy(lang, taxonomy);
        let title = site
            .i18n
            .message(lang, &format!("taxonomy-{}", taxonomy.segment()), &[])
            .unwrap_or_default();
        let mut ctx = self.base(
            l,
            &path,
            &title,
            &title,
            self.same_everywhere(|x| Urls::taxonomy(x, taxonomy)),
        );
        ctx.insert_value("terms", self.langs[l].facets[&(taxonomy, None)].clone());
        ctx.insert("taxonomy", taxonomy.segment());
        self.page(
            &path,
            Some(lang),
            self.render_template("taxonomy.html", &ctx, problems),
        )
    }

    fn render_term(
        &self,
        l: usize,
        taxonomy: Taxonomy,
        t: usize,
        page: usize,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Page> {
        let data = &self.langs[l];
        let lang = &data.code;
        let group = &data.index.taxonomies[&taxonomy][t];
        let path = Urls::term(lang, taxonomy, &group.slug, page);
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
        let mut ctx = self.base(l, &path, &group.label, &group.label, alternates);
        let (items, mut pagination) = self.paginate(l, &group.entries, page, &path, problems);
        self.pagination_links(&path, &mut pagination, |p| {
            Urls::term(lang, taxonomy, &group.slug, p)
        });
        ctx.insert_value("items", items);
        ctx.insert("pagination", &pagination);
        ctx.insert("taxonomy", taxonomy.segment());
        ctx.insert("term", &group.label);
        ctx.insert(
            "taxonomy_href",
            &self.urls.link(&path, &Urls::taxonomy(lang, taxonomy)),
        );
        self.page(
            &path,
            Some(lang),
            self.render_template("term.html", &ctx, problems),
        )
    }

    fn render_entry(&self, l: usize, i: usize, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        let site = self.site;
        let lang = &self.langs[l].code;
        let e = &site.entries[i];
        let v = &e.variants[lang];
        let path = Urls::entry(lang, e.section, &e.slug);
        let resolver = Links {
            site,
            urls: self.urls,
            lang,
            from: &path,
            entry: e,
        };
        let mut body = markdown::render(&v.body, v.body_at.1, site.config.allow_html, &resolver);
        let shown = &e.parts[v.body_at.0].shown;
        problems.extend(
            std::mem::take(&mut body.problems)
                .into_iter()
                .map(|(pos, p)| Diagnostic::error(Location::at(shown, pos), p)),
        );
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
        let entry = views.entry(i, &body.html, &body.headings, &path);
        let document = crate::search::index::analyze(views.search_document(i, &body));
        self.langs[l]
            .search
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(document);
        let mut ctx = self.base(l, &path, title, &v.common.summary, alternates);
        ctx.insert("entry", &entry);
        ctx.insert("section", e.section.dir());
        ctx.insert("jsonld", &jsonld::entry(site, i, lang));
        // Related entries reuse the cards built once per language.
        let data = &self.langs[l];
        let related = |kind, section| data.index.related(kind, &e.slug, section, site);
        match &v.fields {
            Fields::Organisation(_) => {
                let practices = related(Section::Organisations, Section::Practices);
                ctx.insert_value(
                    "related_practices",
                    self.card_list(l, practices, &path, problems),
                );
                let projects = related(Section::Organisations, Section::Projects);
                ctx.insert_value(
                    "related_projects",
                    self.card_list(l, projects, &path, problems),
                );
            }
            Fields::Project(_) => {
                let practices = related(Section::Projects, Section::Practices);
                ctx.insert_value(
                    "related_practices",
                    self.card_list(l, practices, &path, problems),
                );
            }
            Fields::Practice(p) => {
                if let Some(j) = p
                    .project
                    .as_ref()
                    .and_then(|id| site.find(Section::Projects, id))
                {
                    ctx.insert_value("project_card", data.cards[j].clone());
                }
            }
            Fields::Page(_) => {}
        }
        let image = v.common.images.first().map(|im| {
            site.config
                .absolute(&Urls::media(e.section, &e.slug, &im.file))
        });
        ctx.insert("og_image", &image);
        let template = match e.section {
            Section::Practices => "practice.html",
            Section::Projects => "project.html",
            Section::Organisations => "organisation.html",
            Section::Pages => "page.html",
        };
        self.page(
            &path,
            Some(lang),
            self.render_template(template, &ctx, problems),
        )
    }
}
