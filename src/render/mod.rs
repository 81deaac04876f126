//! Turning the site model into pages: Tera templates (parsed once), Fluent messages through the
//! template function `t`, and one job per output page, rendered in parallel.

mod feeds;
mod jsonld;
pub mod theme;
mod views;

use crate::content::model::Fields;
use crate::content::{Entry, Section};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Pos, Problem};
use crate::markdown::{self, Resolve};
use crate::site::{LangIndex, Site};
use crate::urls::{self, Taxonomy, Urls};
use fluent_bundle::FluentValue;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use tera::{Context, Kwargs, State, Tera, Value};
use theme::Theme;
use views::Views;

/// A file the build writes: its path under the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// The language of an HTML page (for the summary); `None` for other files.
    pub lang: Option<String>,
}

/// Pages sit at most this deep (`bg/themes/x/page/2/`); deeper ones render cards uncached.
const CARD_DEPTHS: usize = 6;

/// One page to render.
#[derive(Debug, Clone)]
enum Job {
    Chooser,
    NotFound,
    Home(usize),
    Listing(usize, Section, usize),
    Entry(usize, usize),
    TaxonomyIndex(usize, Taxonomy),
    Term(usize, Taxonomy, usize, usize),
}

/// Renders every page of a site.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: Tera,
    urls: Urls,
    templates: HashMap<String, PathBuf>,
    /// Per language: the shared site value, cards by entry, listing orders, taxonomies.
    langs: Vec<LangData>,
}

struct LangData {
    code: String,
    site: Value,
    cards: Vec<Value>,
    /// The HTML of each card, rendered once per page depth (its links climb `depth` levels).
    card_html: Vec<[OnceLock<Result<Value, String>>; CARD_DEPTHS]>,
    index: LangIndex,
    /// Facet lists (terms with counts) by taxonomy, for all entries or one section.
    facets: HashMap<(Taxonomy, Option<Section>), Value>,
}

impl LangData {
    fn views<'a>(&'a self, site: &'a Site, urls: Urls) -> Views<'a> {
        Views {
            site,
            index: &self.index,
            lang: &self.code,
            urls,
        }
    }
}

impl<'a> Renderer<'a> {
    /// Parses the theme's templates and prepares what every page of a language shares.
    pub fn new(site: &'a Site, urls: Urls, theme: &Theme) -> Result<Renderer<'a>, Diagnostic> {
        let mut tera = Tera::new();
        let i18n = Arc::clone(&site.i18n);
        let constants: HashMap<String, HashMap<String, Value>> = site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    site.i18n
                        .constant_messages(l)
                        .into_iter()
                        .map(|(k, v)| (k, Value::from(v)))
                        .collect(),
                )
            })
            .collect();
        tera.register_function(
            "t",
            move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
                let lang: String = state
                    .get("lang")?
                    .ok_or_else(|| tera::Error::message("`lang` is not set"))?;
                let key: &str = kwargs.must_get("key")?;
                let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
                for (k, v) in kwargs.iter() {
                    let Some(name) = k.as_str().filter(|k| *k != "key") else {
                        continue;
                    };
                    let value = match v.as_f64().or_else(|| v.as_i64().map(|i| i as f64)) {
                        Some(n) => FluentValue::from(n),
                        None => FluentValue::from(
                            v.as_str().map_or_else(|| v.to_string(), str::to_string),
                        ),
                    };
                    args.push((name, value));
                }
                if args.is_empty() {
                    if let Some(text) = constants.get(&lang).and_then(|m| m.get(key)) {
                        return Ok(text.clone());
                    }
                }
                i18n.message(&lang, key, &args)
                    .map(Value::from)
                    .map_err(|p| tera::Error::message(p.to_string()))
            },
        );
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, (text, _))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| template_error(&e.to_string(), None, &theme_paths(theme)))?;
        let templates = theme
            .templates
            .iter()
            .map(|(n, (_, shown))| (n.clone(), shown.clone()))
            .collect();
        let langs = site
            .config
            .languages
            .par_iter()
            .map(|lang| {
                let mut data = LangData {
                    code: lang.clone(),
                    site: Value::none(),
                    cards: vec![],
                    card_html: Vec::new(),
                    index: site.index(lang),
                    facets: HashMap::new(),
                };
                let views = data.views(site, urls);
                let shared = Value::from_serializable(&views.site());
                let cards = (0..site.entries.len())
                    .into_par_iter()
                    .map(|i| Value::from_serializable(&views.card(i)))
                    .collect();
                let facets = Taxonomy::ALL
                    .iter()
                    .flat_map(|&t| {
                        [None, Some(Section::Practices), Some(Section::Projects)].map(|s| (t, s))
                    })
                    .map(|(t, s)| ((t, s), Value::from_serializable(&views.facets(t, s))))
                    .collect();
                data.site = shared;
                data.card_html = (0..site.entries.len())
                    .map(|_| std::array::from_fn(|_| OnceLock::new()))
                    .collect();
                data.cards = cards;
                data.facets = facets;
                data
            })
            .collect();
        Ok(Renderer {
            site,
            tera,
            urls,
            templates,
            langs,
        })
    }

    fn jobs(&self) -> Vec<Job> {
        let per_page = self.site.config.paginate;
        let pages = |n: usize| n.div_ceil(per_page).max(1);
        let mut jobs = vec![Job::Chooser, Job::NotFound];
        for (l, data) in self.langs.iter().enumerate() {
            jobs.push(Job::Home(l));
            for section in [
                Section::Practices,
                Section::Projects,
                Section::Organisations,
            ] {
                jobs.extend(
                    (1..=pages(data.index.ordered[&section].len()))
                        .map(|p| Job::Listing(l, section, p)),
                );
            }
            for (i, e) in self.site.entries.iter().enumerate() {
                if e.variants.contains_key(&data.code) {
                    jobs.push(Job::Entry(l, i));
                }
            }
            for taxonomy in Taxonomy::ALL {
                jobs.push(Job::TaxonomyIndex(l, taxonomy));
                for (t, group) in data.index.taxonomies[&taxonomy].iter().enumerate() {
                    jobs.extend(
                        (1..=pages(group.entries.len())).map(|p| Job::Term(l, taxonomy, t, p)),
                    );
                }
            }
        }
        jobs
    }

    /// Renders every page, feed and sitemap, handing each to `sink` as soon as it is ready (so
    /// a build writes while it renders and never holds the whole site in memory). `progress`
    /// counts pages done out of `total`.
    pub fn render_all(
        &self,
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
        progress: &AtomicUsize,
        total: &AtomicUsize,
    ) -> Diagnostics {
        let jobs = self.jobs();
        total.store(jobs.len(), Ordering::Relaxed);
        let problems: Vec<Diagnostic> = jobs
            .par_iter()
            .flat_map_iter(|job| {
                let mut problems = Vec::new();
                if let Some(page) = self.render_job(job, &mut problems) {
                    problems.extend(sink(page).err());
                }
                progress.fetch_add(1, Ordering::Relaxed);
                problems
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        for page in feeds::feeds(self.site, |lang| {
            &self
                .langs
                .iter()
                .find(|d| d.code == lang)
                .expect("a site language")
                .index
        }) {
            diagnostics.extend(sink(page).err());
        }
        diagnostics
    }

    /// The context every page starts from.
    fn base(
        &self,
        l: usize,
        path: &str,
        title: &str,
        description: &str,
        alternates: Vec<(String, String, bool)>,
    ) -> Context {
        let data = &self.langs[l];
        let mut ctx = Context::new();
        let root = urls::root_prefix(path);
        ctx.insert("lang", &data.code);
        ctx.insert("root", &root);
        ctx.insert_value("site", data.site.clone());
        ctx.insert("title", title);
        ctx.insert("description", description);
        ctx.insert("canonical", &self.site.config.absolute(path));
        let alternates: Vec<serde_json::Value> = alternates
            .into_iter()
            .map(|(lang, target, missing)| {
                serde_json::json!({
                    "lang": lang,
                    "name": self.site.i18n.message(&lang, "language-name", &[]).unwrap_or_else(|_| lang.clone()),
                    "href": self.urls.link(path, &target),
                    "url": self.site.config.absolute(&target),
                    "missing": missing,
                    "current": lang == data.code,
                })
            })
            .collect();
        ctx.insert("alternates", &alternates);
        ctx
    }

    /// The same page in every language (for pages that exist in all of them).
    fn same_everywhere(&self, make: impl Fn(&str) -> String) -> Vec<(String, String, bool)> {
        self.langs
            .iter()
            .map(|d| (d.code.clone(), make(&d.code), false))
            .collect()
    }

    fn render_template(
        &self,
        name: &str,
        ctx: &Context,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Vec<u8>> {
        // Rendering into bytes skips re-validating every page as UTF-8.
        let mut html = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(name, ctx, &mut html) {
            Ok(()) => Some(html),
            Err(e) => {
                let mut message = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(s) = source {
                    message.push_str(&format!(": {s}"));
                    source = s.source();
                }
                problems.push(template_error(&message, Some(name), &self.templates));
                None
            }
        }
    }

    fn page(&self, path: &str, lang: Option<&str>, html: Option<Vec<u8>>) -> Option<Page> {
        html.map(|html| Page {
            path: urls::file_of(path),
            bytes: html,
            lang: lang.map(str::to_string),
        })
    }

    /// Card `i` of language `l` for the page at `path`: its data plus `html`, the card rendered
    /// by `partials/card.html` (once per depth, then reused by every page at that depth).
    fn card(&self, l: usize, i: usize, path: &str, problems: &mut Vec<Diagnostic>) -> Value {
        let data = &self.langs[l];
        let depth = path.matches('/').count();
        let render = || {
            let mut ctx = Context::new();
            ctx.insert("lang", &data.code);
            ctx.insert("root", &urls::root_prefix(path));
            ctx.insert_value("card", data.cards[i].clone());
            self.tera
                .render("partials/card.html", &ctx)
                .map(|html| Value::safe_string(&html))
                .map_err(|e| e.to_string())
        };
        let html = match data.card_html[i].get(depth) {
            Some(slot) => slot.get_or_init(render).clone(),
            None => render(),
        };
        let html = html.unwrap_or_else(|message| {
            let shown = self
                .templates
                .get("partials/card.html")
                .cloned()
                .unwrap_or_default();
            problems.push(Diagnostic::error(
                Location::file(shown),
                Problem::Template(message),
            ));
            Value::none()
        });
        let mut card = data.cards[i].as_map().cloned().unwrap_or_default();
        card.insert("html".into(), html);
        Value::from(card)
    }

    /// Cards of `entries` for the page at `path`, as a template list.
    fn card_list(
        &self,
        l: usize,
        entries: impl IntoIterator<Item = usize>,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Value {
        let cards: Vec<Value> = entries
            .into_iter()
            .map(|i| self.card(l, i, path, problems))
            .collect();
        Value::from(cards.as_slice())
    }

    /// Page `page` of `entries` as cards, with the pagination numbers.
    fn paginate(
        &self,
        l: usize,
        entries: &[usize],
        page: usize,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> (Value, serde_json::Value) {
        let per_page = self.site.config.paginate;
        let pages = entries.len().div_ceil(per_page).max(1);
        let items = self.card_list(
            l,
            entries
                .iter()
                .copied()
                .skip((page - 1) * per_page)
                .take(per_page),
            path,
            problems,
        );
        let pagination =
            serde_json::json!({"current": page, "pages": pages, "total": entries.len()});
        (items, pagination)
    }

    fn pagination_links(
        &self,
        path: &str,
        pagination: &mut serde_json::Value,
        at: impl Fn(usize) -> String,
    ) {
        let current = pagination["current"].as_u64().unwrap_or(1) as usize;
        let pages = pagination["pages"].as_u64().unwrap_or(1) as usize;
        let link = |p: usize| self.urls.link(path, &at(p));
        pagination["prev"] = if current > 1 {
            link(current - 1).into()
        } else {
            serde_json::Value::Null
        };
        pagination["next"] = if current < pages {
            link(current + 1).into()
        } else {
            serde_json::Value::Null
        };
        // A window around the current page plus both ends, so a page's size does not grow with the
        // number of pages; `gap` marks the skipped runs.
        let mut links = Vec::new();
        let mut last = 0;
        for p in (1..=pages).filter(|&p| p == 1 || p == pages || p.abs_diff(current) <= 2) {
            if p > last + 1 {
                links.push(serde_json::json!({"gap": true}));
            }
            links.push(serde_json::json!({"number": p, "href": link(p), "current": p == current}));
            last = p;
        }
        pagination["links"] = links.into();
    }

    fn render_job(&self, job: &Job, problems: &mut Vec<Diagnostic>) -> Option<Page> {
        let site = self.site;
        match *job {
            Job::Chooser => {
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
                            "name": site.i18n.message(&d.code, "language-name", &[]).unwrap_or_default(),
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
            Job::NotFound => {
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
            Job::Home(l) => {
                let lang = &self.langs[l].code;
                let path = Urls::home(lang);
                let description = site
                    .config
                    .description
                    .get(lang)
                    .cloned()
                    .unwrap_or_default();
                let mut ctx =
                    self.base(l, &path, "", &description, self.same_everywhere(Urls::home));
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
            Job::Listing(l, section, page) => {
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
                    Section::Practices => {
                        [Taxonomy::Themes, Taxonomy::Levels, Taxonomy::Years].to_vec()
                    }
                    Section::Projects => {
                        [Taxonomy::Programmes, Taxonomy::Themes, Taxonomy::Years].to_vec()
                    }
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
            Job::TaxonomyIndex(l, taxonomy) => {
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
            Job::Term(l, taxonomy, t, page) => {
                let data = &self.langs[l];
                let lang = &data.code;
                let group = &data.index.taxonomies[&taxonomy][t];
                let path = Urls::term(lang, taxonomy, &group.slug, page);
                let alternates = self.same_everywhere(|x| {
                    let exists = taxonomy != Taxonomy::Tags || x == lang.as_str();
                    if exists {
                        Urls::term(x, taxonomy, &group.slug, page)
                    } else {
                        Urls::taxonomy(x, taxonomy)
                    }
                });
                let mut ctx = self.base(l, &path, &group.label, &group.label, alternates);
                let (items, mut pagination) =
                    self.paginate(l, &group.entries, page, &path, problems);
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
            Job::Entry(l, i) => self.render_entry(l, i, problems),
        }
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
        let body = markdown::render(&v.body, v.body_at.1, site.config.allow_html, &resolver);
        let shown = &e.parts[v.body_at.0].shown;
        problems.extend(
            body.problems
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

fn theme_paths(theme: &Theme) -> HashMap<String, PathBuf> {
    theme
        .templates
        .iter()
        .map(|(n, (_, shown))| (n.clone(), shown.clone()))
        .collect()
}

/// A Tera error as a diagnostic at the template file, line and column its report names
/// (`--> name:line:col`), or at the template being rendered.
fn template_error(
    message: &str,
    rendering: Option<&str>,
    paths: &HashMap<String, PathBuf>,
) -> Diagnostic {
    let message = message.trim_start_matches("error: ").to_string();
    let place = message.split("--> ").nth(1).and_then(|rest| {
        let spot = rest.split_whitespace().next()?;
        let mut parts = spot.rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), Pos::new(line, column)))
    });
    let shown = |name: &str| {
        paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    let location = match (place, rendering) {
        (Some((name, pos)), _) => Some(Location::at(shown(&name), pos)),
        (None, Some(name)) => Some(Location::file(shown(name))),
        (None, None) => None,
    };
    Diagnostic {
        severity: crate::diagnostics::Severity::Error,
        location,
        problem: Problem::Template(message),
    }
}

/// Resolves the links of one entry page.
struct Links<'a> {
    site: &'a Site,
    urls: Urls,
    lang: &'a str,
    from: &'a str,
    entry: &'a Entry,
}

impl Resolve for Links<'_> {
    fn entry(&self, section: &str, slug: &str) -> Result<String, String> {
        let Some(s) = Section::ALL.iter().copied().find(|s| s.dir() == section) else {
            let sections: Vec<&str> = Section::ALL.iter().map(|s| s.dir()).collect();
            return Err(format!(
                "unknown section `{section}`: expected @/<section>/<slug> with a section of {}",
                sections.join(", ")
            ));
        };
        if self.site.is_failed(s, slug) {
            // Its own errors are reported; the build fails, so the link is never published.
            return Ok(String::new());
        }
        let Some(i) = self.site.find(s, slug) else {
            let known = self
                .site
                .entries
                .iter()
                .filter(|e| e.section == s)
                .map(|e| e.slug.as_str());
            let hint = crate::diagnostics::nearest(slug, known)
                .map(|n| format!("; did you mean @/{section}/{n}?"))
                .unwrap_or_default();
            return Err(format!("no entry `{slug}` in content/{section}/{hint}"));
        };
        let (v, _) = self.site.shown_variant(i, self.lang);
        Ok(self.urls.link(self.from, &Urls::entry(&v.lang, s, slug)))
    }

    fn asset(&self, file: &str) -> Option<String> {
        let e = self.entry;
        e.assets.iter().any(|a| a == file).then(|| {
            self.urls
                .link(self.from, &Urls::media(e.section, &e.slug, file))
        })
    }

    fn asset_folder(&self) -> String {
        match &self.entry.folder {
            Some((_, shown)) => format!("{}/", shown.display()),
            None => format!(
                "a folder content/{}/{}/ (the folder form keeps files beside an entry)",
                self.entry.section.dir(),
                self.entry.slug
            ),
        }
    }
}
