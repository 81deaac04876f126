//! The renderer: the theme's templates parsed once, the `t` function that puts Fluent messages
//! into them, and what every page of a language shares, prepared before any page renders.

use super::jobs::{Book, CARD_DEPTHS, Job, Lang};
use super::theme::Theme;
use super::views::Views;
use crate::content::Section;
use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use crate::site::{LangIndex, Site, TermGroup};
use crate::urls::{self, Taxonomy, Urls};
use fluent_bundle::FluentValue;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tera::{Context, Kwargs, State, Tera, Value};

/// Renders every page of a site.
pub struct Renderer<'a> {
    pub(super) site: &'a Site,
    /// The handbooks' books made for this run (their sizes are on the contents pages).
    pub(super) shelf: &'a crate::books::Shelf,
    pub(super) tera: Tera,
    pub(super) urls: Urls,
    pub(super) templates: HashMap<String, PathBuf>,
    /// Per template: a hash of its text and of every template it uses.
    pub(super) template_prints: HashMap<String, u64>,
    /// Per language: the shared site value, cards by entry, listing orders, taxonomies.
    pub(super) langs: Vec<LangData>,
}

pub(super) struct LangData {
    pub(super) code: String,
    /// The language's own name (for switchers).
    pub(super) name: String,
    pub(super) site: Value,
    /// A hash of `site`.
    pub(super) site_print: u64,
    /// The data of each card, made when a page first shows it.
    pub(super) cards: Vec<OnceLock<Value>>,
    /// The HTML of each card, rendered once per page depth (its links climb `depth` levels).
    pub(super) card_html: Vec<[OnceLock<Result<Value, String>>; CARD_DEPTHS]>,
    pub(super) index: LangIndex,
    /// Entries described for the search index as their pages render.
    pub(super) search: std::sync::Mutex<Vec<Arc<crate::search::document::Analyzed>>>,
    /// Facet lists (terms with counts) by taxonomy, for all entries or one section, with a
    /// hash of each.
    pub(super) facets: HashMap<(Taxonomy, Option<Section>), (Value, u64)>,
}

impl LangData {
    /// What every page in `lang` shares: the site value, empty card caches, the listings'
    /// orders, and the facet lists with their hashes.
    fn new(site: &Site, urls: Urls, lang: &str) -> LangData {
        let mut data = LangData {
            code: lang.to_string(),
            name: site
                .i18n
                .message(lang, "language-name", &[])
                .unwrap_or_else(|_| lang.to_string()),
            site: Value::none(),
            site_print: 0,
            cards: (0..site.entries.len()).map(|_| OnceLock::new()).collect(),
            card_html: (0..site.entries.len())
                .map(|_| std::array::from_fn(|_| OnceLock::new()))
                .collect(),
            search: Default::default(),
            index: site.index(lang),
            facets: HashMap::new(),
        };
        let views = data.views(site, urls);
        let (site_value, site_print) = with_print(&views.site());
        let facets = Taxonomy::ALL
            .iter()
            .flat_map(|&t| {
                [None, Some(Section::Practices), Some(Section::Projects)].map(|s| (t, s))
            })
            .map(|(t, s)| ((t, s), with_print(&views.facets(t, s))))
            .collect();
        data.site = site_value;
        data.site_print = site_print;
        data.facets = facets;
        data
    }

    /// Term `term` of `taxonomy` in this language: its label, slug and entries.
    pub(super) fn term(&self, taxonomy: Taxonomy, term: usize) -> &TermGroup {
        &self.index.taxonomies[&taxonomy][term]
    }

    pub(super) fn views<'a>(&'a self, site: &'a Site, urls: Urls) -> Views<'a> {
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
    pub fn new(
        site: &'a Site,
        urls: Urls,
        theme: &Theme,
        shelf: &'a crate::books::Shelf,
    ) -> Result<Renderer<'a>, Diagnostic> {
        let mut tera = Tera::new();
        tera.register_function("t", translate(site));
        tera.register_function("image_at", image_at);
        let templates: HashMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(n, (_, shown))| (n.clone(), shown.clone()))
            .collect();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, (text, _))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| template_error(&e.to_string(), None, &templates))?;
        let langs = site
            .config
            .languages
            .par_iter()
            .map(|lang| LangData::new(site, urls, lang))
            .collect();
        Ok(Renderer {
            site,
            shelf,
            tera,
            urls,
            templates,
            template_prints: theme.prints(),
            langs,
        })
    }

    pub(super) fn jobs(&self) -> Vec<Job<'a>> {
        let per_page = self.site.config.paginate;
        let pages = |n: usize| n.div_ceil(per_page).max(1);
        let mut jobs = vec![Job::Chooser, Job::NotFound];
        for (l, data) in self.langs.iter().enumerate() {
            let l = Lang(l);
            jobs.push(Job::Home(l));
            jobs.push(Job::Search(l));
            for section in [
                Section::Practices,
                Section::Projects,
                Section::Organisations,
            ] {
                jobs.extend((1..=pages(data.index.ordered[&section].len())).map(|page| {
                    Job::Listing {
                        lang: l,
                        section,
                        page,
                    }
                }));
            }
            for (i, e) in self.site.entries.iter().enumerate() {
                if e.variants.contains_key(&data.code) {
                    jobs.push(Job::Entry(l, i));
                }
                if let Some(handbook) = e
                    .handbook
                    .as_ref()
                    .filter(|b| b.versions.contains_key(&data.code))
                {
                    let book = Book { entry: i, handbook };
                    jobs.push(Job::Handbook(l, book));
                    jobs.push(Job::HandbookPrint(l, book));
                    jobs.extend((0..handbook.chapters.len()).map(|chapter| Job::Chapter {
                        lang: l,
                        book,
                        chapter,
                    }));
                }
            }
            for taxonomy in Taxonomy::ALL {
                jobs.push(Job::TaxonomyIndex(l, taxonomy));
                for (term, group) in data.index.taxonomies[&taxonomy].iter().enumerate() {
                    jobs.extend((1..=pages(group.entries.len())).map(|page| Job::Term {
                        lang: l,
                        taxonomy,
                        term,
                        page,
                    }));
                }
            }
        }
        jobs
    }

    /// The context every page starts from.
    pub(super) fn base(
        &self,
        l: Lang,
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
        let alternates: Vec<AlternateView> = alternates
            .into_iter()
            .map(|(lang, target, missing)| AlternateView {
                name: self
                    .langs
                    .iter()
                    .find(|d| d.code == lang)
                    .map_or_else(|| lang.clone(), |d| d.name.clone()),
                href: self.urls.link(path, &target),
                url: self.site.config.absolute(&target),
                missing,
                current: lang == data.code,
                lang,
            })
            .collect();
        ctx.insert("alternates", &alternates);
        ctx
    }

    /// The same page in every language (for pages that exist in all of them).
    pub(super) fn same_everywhere(
        &self,
        make: impl Fn(&str) -> String,
    ) -> Vec<(String, String, bool)> {
        self.langs
            .iter()
            .map(|d| (d.code.clone(), make(&d.code), false))
            .collect()
    }

    pub(super) fn render_template(
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
}

/// The template function `t(key=…, name=value…)`: a message of the site's interface in the page's
/// language (`lang` in the context), with messages without arguments looked up once per run.
/// `image_at(image=…, width=N)`, for templates: of a photo's copies (`entry.images[0]`,
/// `card.image`), the smallest at least N pixels wide, or the largest, as `{width, height,
/// webp, fallback}`. A theme that lays photos out its own way picks its sizes with it.
fn image_at(kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let image: Value = kwargs.must_get("image")?;
    let width: i64 = kwargs.must_get("width")?;
    let copies = image
        .get_from_path("copies")
        .or_else(|| image.get_from_path("picture.copies"))
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            tera::Error::message(
                "`image` has no copies: pass a photo (`entry.images[0]`, `card.image`)",
            )
        })?;
    let wide = |c: &&Value| c.get_from_path("width").and_then(Value::as_i64) >= Some(width);
    Ok(copies
        .iter()
        .find(wide)
        .unwrap_or(&copies[copies.len() - 1])
        .clone())
}

fn translate(
    site: &Site,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<Value> + Send + Sync + 'static {
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
                None => FluentValue::from(v.as_str().map_or_else(|| v.to_string(), str::to_string)),
            };
            args.push((name, value));
        }
        if args.is_empty()
            && let Some(text) = constants.get(&lang).and_then(|m| m.get(key))
        {
            return Ok(text.clone());
        }
        i18n.message(&lang, key, &args)
            .map(Value::from)
            .map_err(|p| tera::Error::message(p.to_string()))
    }
}

/// The same page in another language, for the language switcher and `hreflang` links; a
/// language without the page links elsewhere, marked `missing`.
#[derive(serde::Serialize)]
struct AlternateView {
    lang: String,
    name: String,
    href: String,
    url: String,
    missing: bool,
    current: bool,
}

/// A view as templates get it, and a hash of it (what pages showing it depend on).
fn with_print(view: &impl serde::Serialize) -> (Value, u64) {
    let json = serde_json::to_string(view).unwrap_or_default();
    (
        Value::from_serializable(view),
        crate::fingerprint::of(&json),
    )
}

/// A Tera error as a diagnostic at the template file, line and column its report names
/// (`--> name:line:col`), or at the template being rendered.
pub(super) fn template_error(
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

impl std::ops::Index<Lang> for Vec<LangData> {
    type Output = LangData;

    fn index(&self, l: Lang) -> &LangData {
        &self[l.0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_template_error_is_placed_where_tera_says_in_the_file_the_user_edits() {
        let shown = HashMap::from([(
            "practice.html".to_string(),
            PathBuf::from("templates/practice.html"),
        )]);
        let placed = template_error(
            "error: Unknown filter\n --> practice.html:3:7\n  |",
            Some("page.html"),
            &shown,
        );
        assert_eq!(placed.path(), Some(Path::new("templates/practice.html")));
        assert_eq!(placed.pos(), Some(Pos::new(3, 7)));
        assert_eq!(placed.problem.kind(), "Template");
        // Without a place in the message: the template being rendered, as it is named.
        let unplaced = template_error("error: Variable `x` not found", Some("page.html"), &shown);
        assert_eq!(unplaced.path(), Some(Path::new("page.html")));
        assert_eq!(unplaced.pos(), None);
    }
}
