//! What templates see: entries and the site turned into plain values with labels in the page's
//! language and links already computed. Links here are relative to the site root; templates put
//! the page's `root` (`../../`) in front.
//!
//! Each value is a struct: the variables a template may use are written down here, once, and a
//! template's context is checked by the compiler rather than by reading `json!` calls.

use crate::content::discover::Asset;
use crate::content::model::{Award, Fields, Image, OrgRef, Person, Practice, Project};
use crate::content::{Entry, Section, Variant};
use crate::photos::picture::{CARD, COLUMN, Picture};
use crate::search::{document::Document, facets::Labels};
use crate::site::{LangIndex, Site};
use crate::translit::slugify;
use crate::urls::{Taxonomy, Urls};
use serde::Serialize;
use std::collections::BTreeMap;

/// The search type of handbook chapters.
pub(crate) const HANDBOOK_KIND: &str = "handbooks";

/// Builds the values of one language.
pub(crate) struct Views<'a> {
    pub(crate) site: &'a Site,
    pub(crate) index: &'a LangIndex,
    pub(crate) lang: &'a str,
    pub(crate) urls: Urls,
}

/// A date: `iso` for `datetime`, `text` as the language writes it.
#[derive(Serialize)]
pub(crate) struct DateView {
    iso: String,
    text: String,
}

/// A link with its text: a term, a menu item, a facet.
#[derive(Serialize)]
pub(crate) struct LinkView {
    label: String,
    href: String,
}

/// A vocabulary label shown without a link.
#[derive(Serialize)]
struct LabelView<'a> {
    label: &'a str,
}

/// A menu or footer link: to a section (`section`: its folder) or a page (its slug).
#[derive(Serialize)]
struct MenuLink {
    label: String,
    href: String,
    section: String,
}

/// What every page of a language shares.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    title: Option<&'a String>,
    description: Option<&'a String>,
    home: String,
    feed: String,
    themes: String,
    search: String,
    menu: Vec<MenuLink>,
    footer: Vec<MenuLink>,
    logo: &'a Option<String>,
    primary_color: &'a str,
    languages: &'a [String],
    default_language: &'a str,
}

/// An organisation as entries show it: with a page of its own, written inside an entry, or
/// only named (an id whose entry was left out for its own errors).
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum OrgView<'a> {
    Page {
        name: &'a str,
        short_name: &'a Option<String>,
        city: &'a str,
        country: String,
        href: String,
        url: &'a Option<String>,
    },
    Inline {
        name: &'a str,
        city: &'a Option<String>,
        country: Option<String>,
        url: &'a Option<String>,
    },
    Named {
        name: &'a str,
    },
}

impl OrgView<'_> {
    fn name(&self) -> &str {
        match self {
            OrgView::Page { name, .. } | OrgView::Inline { name, .. } | OrgView::Named { name } => {
                name
            }
        }
    }

    fn country(&self) -> Option<&str> {
        match self {
            OrgView::Page { country, .. } => Some(country),
            OrgView::Inline { country, .. } => country.as_deref(),
            OrgView::Named { .. } => None,
        }
    }
}

/// Whether a project is running or finished, with its label.
#[derive(Serialize)]
struct StatusView {
    code: &'static str,
    label: String,
}

/// What a card shows besides what every card shows, by kind of entry.
#[derive(Serialize)]
#[serde(untagged)]
enum CardExtra<'a> {
    Practice {
        organisation: Option<OrgView<'a>>,
    },
    Project {
        status: StatusView,
        acronym: &'a Option<String>,
        programme: &'a str,
        handbook: Option<String>,
    },
    Organisation {
        city: &'a str,
    },
}

/// An entry as a card of a listing.
#[derive(Serialize)]
pub(crate) struct CardView<'a> {
    kind: &'static str,
    kind_label: String,
    title: Option<&'a str>,
    summary: &'a str,
    href: String,
    lang: &'a str,
    translated: bool,
    date: Option<DateView>,
    themes: Vec<LinkView>,
    levels: Vec<LinkView>,
    extra: Option<CardExtra<'a>>,
    image: Option<CardImage<'a>>,
}

/// A picture of an entry (`images`).
#[derive(Serialize)]
struct ImageView<'a> {
    /// The file's address: for a photo, its largest copy.
    src: String,
    alt: &'a str,
    credit: &'a Option<String>,
    /// A photo's copies (none for a GIF or an SVG, shown as it is); `image_at` picks one.
    picture: Option<Picture>,
    /// The markup that shows it, linked to its largest copy.
    html: String,
}

/// A card's photo: the entry's first, as a thumbnail. Addresses are from the site's root (the
/// card template puts `root` before each).
#[derive(Serialize)]
struct CardImage<'a> {
    alt: &'a str,
    #[serde(flatten)]
    picture: Picture,
    /// How wide cards are in the layout (the `sizes` attribute).
    sizes: &'static str,
}

/// A file to download, with its type and size.
#[derive(Serialize)]
pub(crate) struct FileView<'a> {
    href: String,
    title: &'a str,
    file: &'a str,
    #[serde(rename = "type")]
    kind: String,
    size: String,
    lang: &'a Option<String>,
}

/// An address an entry links, with its text (the address itself when it has none).
#[derive(Serialize)]
struct AddressView<'a> {
    url: &'a str,
    label: &'a str,
}

/// Where an entry's content comes from.
#[derive(Serialize)]
struct SourceView<'a> {
    url: &'a Option<String>,
    note: &'a Option<String>,
}

/// A licence: its name in the page's language and a link to its text.
#[derive(Serialize)]
pub(crate) struct LicenseView<'a> {
    id: &'a str,
    name: String,
    url: String,
}

/// A number of people or schools reached, and the sentence saying it.
#[derive(Serialize)]
struct ReachView {
    count: u64,
    text: String,
}

/// A funding source of a practice.
#[derive(Serialize)]
struct FundingView<'a> {
    source: &'a Option<String>,
    amount: Option<String>,
    period: &'a Option<String>,
}

/// What a practice's page shows of its own fields.
#[derive(Serialize)]
struct PracticeView<'a> {
    date: Option<DateView>,
    organisation: Option<OrgView<'a>>,
    authors: &'a [Person],
    dimensions: Vec<LabelView<'a>>,
    steps: &'a [String],
    results: &'a [String],
    reach: Vec<ReachView>,
    funding: Vec<FundingView<'a>>,
    awards: &'a [Award],
}

/// A partner of a project, with its country by name.
#[derive(Serialize)]
struct PartnerView<'a> {
    organisation: OrgView<'a>,
    country: Option<String>,
    role: Option<&'a str>,
}

/// An activity of a project.
#[derive(Serialize)]
struct ActivityView<'a> {
    title: &'a str,
    kind: Option<&'a str>,
    start: Option<DateView>,
    end: Option<DateView>,
    place: &'a Option<String>,
}

/// A result of a project: an address, a file beside it, or its handbook.
#[derive(Serialize)]
struct ResultView<'a> {
    title: &'a str,
    kind: Option<&'a str>,
    /// A handbook result without an address is the project's own handbook.
    is_handbook: bool,
    url: &'a Option<String>,
    file: Option<String>,
}

/// A quality label and the year it was given.
#[derive(Serialize)]
struct QualityLabelView<'a> {
    label: &'a str,
    year: Option<i32>,
}

/// What a project's page shows of its own fields.
#[derive(Serialize)]
struct ProjectView<'a> {
    acronym: &'a Option<String>,
    programme: LinkView,
    action: &'a Option<String>,
    reference: &'a Option<String>,
    start: Option<DateView>,
    end: Option<DateView>,
    status: StatusView,
    coordinator: Option<OrgView<'a>>,
    partners: Vec<PartnerView<'a>>,
    objectives: &'a [String],
    activities: Vec<ActivityView<'a>>,
    /// Columns of the activities table that every activity fills; what only some have is shown
    /// beside their titles instead of in a column of empty cells.
    activities_when: bool,
    activities_where: bool,
    results: Vec<ResultView<'a>>,
    reach: Vec<ReachView>,
    grant: Option<String>,
    labels: Vec<QualityLabelView<'a>>,
    website: &'a Option<String>,
}

/// What an organisation's page shows of its own fields.
#[derive(Serialize)]
struct OrganisationView<'a> {
    short_name: &'a Option<String>,
    city: &'a str,
    country: String,
    website: &'a Option<String>,
    kind_label: &'a str,
    school_type: Option<&'a str>,
    labels: Vec<QualityLabelView<'a>>,
}

/// The fields particular to a kind of entry.
#[derive(Serialize)]
#[serde(untagged)]
enum Specific<'a> {
    Practice(PracticeView<'a>),
    Project(ProjectView<'a>),
    Organisation(OrganisationView<'a>),
}

/// Everything an entry's page shows.
#[derive(Serialize)]
pub(crate) struct EntryView<'a> {
    kind: &'static str,
    kind_label: String,
    title: Option<&'a str>,
    summary: &'a str,
    body: &'a str,
    headings: &'a [crate::markdown::Heading],
    themes: Vec<LinkView>,
    levels: Vec<LinkView>,
    tags: Vec<LinkView>,
    images: Vec<ImageView<'a>>,
    files: Vec<FileView<'a>>,
    links: Vec<AddressView<'a>>,
    license: Option<LicenseView<'a>>,
    source: Option<SourceView<'a>>,
    listing: String,
    specific: Option<Specific<'a>>,
}

/// A term of a taxonomy with how many entries it has.
#[derive(Serialize)]
pub(crate) struct FacetView {
    label: String,
    count: usize,
    href: String,
}

impl<'s> Views<'s> {
    fn t(&self, key: &str) -> String {
        self.site
            .i18n
            .message(self.lang, key, &[])
            .unwrap_or_else(|_| key.to_string())
    }

    fn date(&self, d: Option<crate::content::model::Date>) -> Option<DateView> {
        d.map(|d| date_view(self.site, self.lang, d))
    }

    /// What every page of the language shares: title, menu, languages.
    pub(crate) fn site(&self) -> SiteView<'s> {
        let config = &self.site.config;
        let mut menu: Vec<MenuLink> = [
            Section::Practices,
            Section::Projects,
            Section::Organisations,
        ]
        .iter()
        .map(|s| MenuLink {
            label: self.t(&format!("nav-{}", s.dir())),
            href: self.urls.href(&Urls::listing(self.lang, *s, 1)),
            section: s.dir().to_string(),
        })
        .collect();
        let mut footer = Vec::new();
        for &i in &self.index.ordered[&Section::Pages] {
            let (v, _) = self.site.shown_variant(i, self.lang);
            if let Fields::Page(p) = &v.fields {
                let e = &self.site.entries[i];
                let link = || MenuLink {
                    label: v.common.title.clone(),
                    href: self.entry_href(e, v),
                    section: e.slug.clone(),
                };
                if p.menu.is_some() {
                    menu.push(link());
                }
                if let Some(position) = p.footer {
                    footer.push((position, link()));
                }
            }
        }
        footer.sort_by_key(|(position, _)| *position);
        SiteView {
            title: config.title.get(self.lang),
            description: config.description.get(self.lang),
            home: self.urls.href(&Urls::home(self.lang)),
            feed: format!("{}/feed.xml", self.lang),
            themes: self.urls.href(&Urls::taxonomy(self.lang, Taxonomy::Themes)),
            search: self.urls.href(&Urls::search(self.lang)),
            menu,
            footer: footer.into_iter().map(|(_, link)| link).collect(),
            logo: &config.logo,
            primary_color: &config.primary_color,
            languages: &config.languages,
            default_language: config.default_language(),
        }
    }

    /// The link (root-relative) to the version `v` of entry `e`.
    pub(crate) fn entry_href(&self, e: &Entry, v: &Variant) -> String {
        self.urls.href(&Urls::entry(&v.lang, e.section, &e.slug))
    }

    fn term(&self, taxonomy: Taxonomy, set: &str, code: &str) -> LinkView {
        LinkView {
            label: self.site.vocabulary.label(set, code, self.lang).to_string(),
            href: self.urls.href(&Urls::term(self.lang, taxonomy, code, 1)),
        }
    }

    fn terms(&self, taxonomy: Taxonomy, set: &str, codes: &[String]) -> Vec<LinkView> {
        codes.iter().map(|c| self.term(taxonomy, set, c)).collect()
    }

    fn label(&self, set: &str, code: &'s str) -> &'s str {
        self.site.vocabulary.label(set, code, self.lang)
    }

    fn tags(&self, v: &Variant) -> Vec<LinkView> {
        v.common
            .tags
            .iter()
            .filter(|t| !slugify(t).is_empty())
            .map(|t| LinkView {
                label: t.clone(),
                href: self
                    .urls
                    .href(&Urls::term(self.lang, Taxonomy::Tags, &slugify(t), 1)),
            })
            .collect()
    }

    fn organisation(&self, org: &'s OrgRef) -> OrgView<'s> {
        match org {
            OrgRef::Id(id) => match self.site.find(Section::Organisations, id) {
                Some(i) => {
                    let (v, _) = self.site.shown_variant(i, self.lang);
                    let Fields::Organisation(o) = &v.fields else {
                        return OrgView::Named { name: id };
                    };
                    OrgView::Page {
                        name: &o.name,
                        short_name: &o.short_name,
                        city: &o.city,
                        country: self.country(&o.country),
                        href: self.entry_href(&self.site.entries[i], v),
                        url: &o.website,
                    }
                }
                // Left out for its own errors (reported): the build fails, and the page that
                // names it still renders, so that no template error hides the real cause.
                None => OrgView::Named { name: id },
            },
            OrgRef::Inline(o) => OrgView::Inline {
                name: &o.name,
                city: &o.city,
                country: o.country.as_deref().map(|c| self.country(c)),
                url: &o.url,
            },
        }
    }

    fn status(&self, p: &Project) -> StatusView {
        let finished = p.end.is_some_and(|end| end < self.site.today);
        let code = if finished { "finished" } else { "ongoing" };
        StatusView {
            code,
            label: self.t(&format!("status-{code}")),
        }
    }

    /// A card for listings: title, summary, badges, and a note when it is shown in another
    /// language than the page's.
    pub(crate) fn card(&self, i: usize) -> CardView<'s> {
        let e = &self.site.entries[i];
        let (v, own) = self.site.shown_variant(i, self.lang);
        let (date, extra) = match &v.fields {
            Fields::Practice(p) => (
                self.date(p.date),
                Some(CardExtra::Practice {
                    organisation: p.organisation.as_ref().map(|o| self.organisation(o)),
                }),
            ),
            Fields::Project(p) => (
                self.date(p.start),
                Some(CardExtra::Project {
                    status: self.status(p),
                    acronym: &p.acronym,
                    programme: self.label("programmes", &p.programme),
                    handbook: e.handbook.as_ref().map(|b| {
                        let lang = b.language(self.lang, self.site.config.default_language());
                        self.urls.href(&Urls::handbook(lang, &e.slug))
                    }),
                }),
            ),
            Fields::Organisation(o) => (None, Some(CardExtra::Organisation { city: &o.city })),
            Fields::Page(_) => (None, None),
        };
        CardView {
            kind: e.section.dir(),
            kind_label: self.t(&format!("kind-{}", e.section.dir())),
            title: e.title(&v.lang),
            summary: &v.common.summary,
            href: self.entry_href(e, v),
            lang: &v.lang,
            translated: own,
            date,
            themes: self.terms(Taxonomy::Themes, "themes", &v.common.themes),
            levels: self.terms(Taxonomy::Levels, "levels", &v.common.levels),
            extra,
            image: self
                .first_photo(e, &v.common.images, &|p| self.urls.href(p))
                .map(|(picture, alt)| CardImage {
                    alt,
                    picture,
                    sizes: CARD,
                }),
        }
    }

    /// The views of an entry's `images`: photos as their copies (the first loaded at once if
    /// `eager`), other pictures as they are; a photo that could not be made is left out (its
    /// problem is reported where the entry names it, and the build fails).
    fn gallery(
        &self,
        e: &Entry,
        images: &'s [Image],
        from: &str,
        eager: bool,
    ) -> Vec<ImageView<'s>> {
        let link = |p: &str| self.urls.link(from, p);
        let dir = e.folder.as_ref().map(|f| f.0.as_path());
        images
            .iter()
            .enumerate()
            .filter_map(|(i, im)| {
                let address = Urls::media(e.section, &e.slug, &im.file);
                let source = dir.map(|d| d.join(&im.file)).unwrap_or_default();
                let (src, html, picture) =
                    match crate::links::photo(self.site, &source, &address, &link) {
                        // Reported where the entry names it; the build fails.
                        Some(Err(_)) => return None,
                        Some(Ok(p)) => (
                            p.full.clone(),
                            p.html(&im.alt, COLUMN, eager && i == 0),
                            Some(p),
                        ),
                        None => {
                            let src = link(&address);
                            let html = format!(
                                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
                                crate::escape::xml(&src),
                                crate::escape::xml(&im.alt)
                            );
                            (src, html, None)
                        }
                    };
                Some(ImageView {
                    src,
                    alt: &im.alt,
                    credit: &im.credit,
                    picture,
                    html,
                })
            })
            .collect()
    }

    /// The first of an entry's `images` that is a photo made, with its description.
    pub(crate) fn first_photo(
        &self,
        e: &Entry,
        images: &'s [Image],
        link: &dyn Fn(&str) -> String,
    ) -> Option<(Picture, &'s str)> {
        let dir = &e.folder.as_ref()?.0;
        images.iter().find_map(|im| {
            let address = Urls::media(e.section, &e.slug, &im.file);
            let picture = crate::links::photo(self.site, &dir.join(&im.file), &address, link)?;
            Some((picture.ok()?, im.alt.as_str()))
        })
    }

    /// Everything an entry page shows. `body` is the rendered Markdown; the first image of the
    /// gallery is loaded at once (`eager`) unless the body shows a photo before it.
    pub(crate) fn entry(
        &self,
        i: usize,
        body: &'s crate::markdown::Rendered,
        from: &str,
    ) -> EntryView<'s> {
        let (headings, eager) = (&body.headings, body.pictures == 0);
        let body = body.html.as_str();
        let e = &self.site.entries[i];
        let v = &e.variants[self.lang];
        let c = &v.common;
        let media = |file: &str| self.urls.link(from, &Urls::media(e.section, &e.slug, file));
        let images = self.gallery(e, &c.images, from, eager);
        let files = c
            .files
            .iter()
            .map(|f| {
                file_view(
                    media(&f.file),
                    f.title.as_deref().unwrap_or(&f.file),
                    &f.file,
                    Asset::size_of(&e.assets, &f.file),
                    &f.lang,
                    self.lang,
                )
            })
            .collect();
        let links = c
            .links
            .iter()
            .map(|l| AddressView {
                url: &l.url,
                label: l.label.as_deref().unwrap_or(&l.url),
            })
            .collect();
        let specific = match &v.fields {
            Fields::Practice(p) => Some(Specific::Practice(self.practice(p))),
            Fields::Project(p) => Some(Specific::Project(self.project(e, p))),
            Fields::Organisation(o) => Some(Specific::Organisation(OrganisationView {
                short_name: &o.short_name,
                city: &o.city,
                country: self.country(&o.country),
                website: &o.website,
                kind_label: self.label("organisation_kinds", &o.kind),
                school_type: o
                    .school_type
                    .as_ref()
                    .map(|t| self.label("school_types", t)),
                labels: self.quality_labels(&o.labels),
            })),
            Fields::Page(_) => None,
        };
        EntryView {
            kind: e.section.dir(),
            kind_label: self.t(&format!("kind-{}", e.section.dir())),
            title: e.title(self.lang),
            summary: &c.summary,
            body,
            headings,
            themes: self.terms(Taxonomy::Themes, "themes", &c.themes),
            levels: self.terms(Taxonomy::Levels, "levels", &c.levels),
            tags: self.tags(v),
            images,
            files,
            links,
            license: c.license.as_deref().map(|id| license(id, self.lang)),
            source: c.source.as_ref().map(|s| SourceView {
                url: &s.url,
                note: &s.note,
            }),
            listing: self.urls.href(&Urls::listing(self.lang, e.section, 1)),
            specific,
        }
    }

    fn reach(&self, reach: &BTreeMap<String, u64>) -> Vec<ReachView> {
        let vocabulary = &self.site.vocabulary;
        reach
            .iter()
            .map(|(k, n)| ReachView {
                count: *n,
                text: vocabulary.count("reach", k, *n, self.lang),
            })
            .collect()
    }

    fn quality_labels(
        &self,
        labels: &'s [crate::content::model::Label],
    ) -> Vec<QualityLabelView<'s>> {
        labels
            .iter()
            .map(|l| QualityLabelView {
                label: self.label("labels", &l.kind),
                year: l.year,
            })
            .collect()
    }

    /// A country's name in the page's language (`BG` → България), or its code if unknown.
    fn country(&self, code: &str) -> String {
        let lower = code.to_ascii_lowercase();
        let term = self.site.vocabulary.lookup("countries", &lower);
        term.and_then(|t| t.labels.get(self.lang).cloned())
            .unwrap_or_else(|| code.to_string())
    }

    fn practice(&self, p: &'s Practice) -> PracticeView<'s> {
        PracticeView {
            date: self.date(p.date),
            organisation: p.organisation.as_ref().map(|o| self.organisation(o)),
            authors: &p.authors,
            dimensions: p
                .dimensions
                .iter()
                .map(|c| LabelView {
                    label: self.label("dimensions", c),
                })
                .collect(),
            steps: &p.steps,
            results: &p.results,
            reach: self.reach(&p.reach),
            funding: p
                .funding
                .iter()
                .map(|f| FundingView {
                    source: &f.source,
                    amount: f.amount.map(|a| money(a, f.currency.as_deref(), self.lang)),
                    period: &f.period,
                })
                .collect(),
            awards: &p.awards,
        }
    }

    fn project(&self, e: &Entry, p: &'s Project) -> ProjectView<'s> {
        let partners = p
            .partners
            .iter()
            .map(|x| {
                let organisation = self.organisation(&x.organisation);
                let country = x.country.as_deref().map(|c| self.country(c));
                PartnerView {
                    country: country.or_else(|| organisation.country().map(str::to_string)),
                    organisation,
                    role: x.role.as_ref().map(|r| self.label("partner_roles", r)),
                }
            })
            .collect();
        let activities = p
            .activities
            .iter()
            .map(|a| ActivityView {
                title: &a.title,
                kind: a.kind.as_ref().map(|k| self.label("activity_kinds", k)),
                start: self.date(a.start),
                end: self.date(a.end),
                place: &a.place,
            })
            .collect();
        let results = p
            .results
            .iter()
            .map(|r| ResultView {
                title: &r.title,
                kind: r.kind.as_ref().map(|k| self.label("result_kinds", k)),
                is_handbook: r.kind.as_deref() == Some("handbook"),
                url: &r.url,
                file: r
                    .file
                    .as_ref()
                    .map(|f| self.urls.href(&Urls::media(e.section, &e.slug, f))),
            })
            .collect();
        ProjectView {
            acronym: &p.acronym,
            programme: self.term(Taxonomy::Programmes, "programmes", &p.programme),
            action: &p.action,
            reference: &p.reference,
            start: self.date(p.start),
            end: self.date(p.end),
            status: self.status(p),
            coordinator: p.coordinator.as_ref().map(|o| self.organisation(o)),
            partners,
            objectives: &p.objectives,
            activities,
            activities_when: p
                .activities
                .iter()
                .all(|a| a.start.is_some() || a.end.is_some()),
            activities_where: p.activities.iter().all(|a| a.place.is_some()),
            results,
            reach: self.reach(&p.reach),
            grant: p
                .grant
                .as_ref()
                .map(|g| money(g.amount, Some(&g.currency), self.lang)),
            labels: self.quality_labels(&p.labels),
            website: &p.website,
        }
    }

    /// What the search index needs of entry `i`: its text by field, facets and link.
    pub(crate) fn search_document(&self, i: usize, body: &crate::markdown::Rendered) -> Document {
        let e = &self.site.entries[i];
        let v = &e.variants[self.lang];
        let mut extra = v.common.tags.clone();
        let mut lists: Vec<String> = Vec::new();
        let (programme, organisation) = match &v.fields {
            Fields::Practice(p) => {
                lists.extend(p.steps.iter().chain(&p.results).cloned());
                lists.extend(p.awards.iter().map(|a| a.name.clone()));
                (None, p.organisation.as_ref())
            }
            Fields::Project(p) => {
                lists.extend(p.objectives.iter().cloned());
                lists.extend(p.activities.iter().map(|a| a.title.clone()));
                lists.extend(p.results.iter().map(|r| r.title.clone()));
                (Some(p.programme.clone()), p.coordinator.as_ref())
            }
            Fields::Organisation(o) => {
                extra.push(o.city.clone());
                (None, None)
            }
            Fields::Page(_) => (None, None),
        };
        if let Some(org) = organisation {
            extra.push(self.organisation(org).name().to_string());
        }
        Document {
            href: self.entry_href(e, v),
            title: e.title(self.lang).unwrap_or_default().to_string(),
            kind: e.section.dir().to_string(),
            summary: v.common.summary.clone(),
            headings: body.anchors(),
            sections: body.sections.clone(),
            extra,
            lists,
            themes: v.common.themes.clone(),
            levels: v.common.levels.clone(),
            programme,
            year: crate::site::sort_date(v).map(|d| d.0.year()),
        }
    }

    /// The labels of the search facets in this language.
    pub(crate) fn search_labels(&self) -> Labels {
        let vocab = |set: &str| -> BTreeMap<String, String> {
            self.site
                .vocabulary
                .terms(set)
                .iter()
                .map(|t| {
                    (
                        t.code.clone(),
                        self.site
                            .vocabulary
                            .label(set, &t.code, self.lang)
                            .to_string(),
                    )
                })
                .collect()
        };
        let kinds = Section::ALL
            .iter()
            .map(|s| (s.dir().to_string(), self.t(&format!("kind-{}", s.dir()))))
            .chain([(HANDBOOK_KIND.to_string(), self.t("handbook"))])
            .collect();
        Labels::from([
            ("kind", kinds),
            ("theme", vocab("themes")),
            ("level", vocab("levels")),
            ("programme", vocab("programmes")),
        ])
    }

    /// Terms of a taxonomy with their entry counts, for facet lists and taxonomy pages.
    pub(crate) fn facets(&self, taxonomy: Taxonomy, section: Option<Section>) -> Vec<FacetView> {
        let in_section = |i: usize| section.is_none_or(|s| self.site.entries[i].section == s);
        self.index.taxonomies[&taxonomy]
            .iter()
            .map(|g| FacetView {
                label: g.label.clone(),
                count: g.entries.iter().filter(|&&i| in_section(i)).count(),
                href: self.urls.href(&Urls::term(self.lang, taxonomy, &g.slug, 1)),
            })
            .filter(|f| f.count != 0)
            .collect()
    }
}

/// A file size the way the language writes it (`1,2 MB` / `1.2 MB`).
pub(crate) fn human_size(bytes: u64, lang: &str) -> String {
    let (value, unit) = match bytes {
        b if b >= 1 << 20 => (b as f64 / f64::from(1 << 20), "MB"),
        b if b >= 1 << 10 => (b as f64 / f64::from(1 << 10), "KB"),
        b => (b as f64, "B"),
    };
    let text = if unit == "B" {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let text = if lang == "bg" {
        text.replace('.', ",")
    } else {
        text
    };
    format!("{text}\u{a0}{unit}")
}

/// A date as pages show it in `lang`.
pub(super) fn date_view(site: &Site, lang: &str, d: crate::content::model::Date) -> DateView {
    DateView {
        iso: d.iso(),
        text: site.i18n.date(lang, d.0),
    }
}

/// A licence as a page shows it: its name in `lang` and a link to its text.
pub(super) fn license<'a>(id: &'a str, lang: &str) -> LicenseView<'a> {
    let (name, url) = crate::licences::licence(id, lang);
    LicenseView { id, name, url }
}

/// A file to download as pages list it: its link, title, type (from its extension) and size.
pub(super) fn file_view<'a>(
    href: String,
    title: &'a str,
    file: &'a str,
    size: u64,
    lang: &'a Option<String>,
    page_lang: &str,
) -> FileView<'a> {
    FileView {
        href,
        title,
        file,
        kind: file.rsplit_once('.').map_or("", |(_, x)| x).to_uppercase(),
        size: human_size(size, page_lang),
        lang,
    }
}

/// An amount of money with grouped thousands (`30 000 BGN` / `30,000 BGN`).
fn money(amount: f64, currency: Option<&str>, lang: &str) -> String {
    let whole = amount.round() as i64;
    let grouped = crate::vocabulary::group_digits(whole.unsigned_abs(), lang);
    let sign = if whole < 0 { "-" } else { "" };
    match currency {
        Some(c) => format!("{sign}{grouped}\u{a0}{c}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(money(30000.0, Some("BGN"), "bg"), "30\u{a0}000\u{a0}BGN");
        assert_eq!(money(1234567.0, None, "en"), "1,234,567");
        assert_eq!(human_size(1536, "bg"), "1,5\u{a0}KB");
    }
}
