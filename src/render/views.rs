//! What templates see: entries and the site turned into plain values with labels in the page's
//! language and links already computed. Links here are relative to the site root; templates put
//! the page's `root` (`../../`) in front.

use crate::content::model::{Fields, OrgRef, Practice, Project};
use crate::content::{Entry, Section, Variant};
use crate::search::index::{Document, Labels};
use crate::site::{LangIndex, Site};
use crate::translit::slugify;
use crate::urls::{Taxonomy, Urls};
use serde_json::{Value, json};
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

impl Views<'_> {
    fn t(&self, key: &str) -> String {
        self.site
            .i18n
            .message(self.lang, key, &[])
            .unwrap_or_else(|_| key.to_string())
    }

    fn date(&self, d: Option<crate::content::model::Date>) -> Value {
        d.map_or(
            Value::Null,
            |d| json!({"iso": d.iso(), "text": self.site.i18n.date(self.lang, d.0)}),
        )
    }

    /// What every page of the language shares: title, menu, languages.
    pub(crate) fn site(&self) -> Value {
        let config = &self.site.config;
        let mut menu: Vec<Value> = [Section::Practices, Section::Projects, Section::Organisations]
            .iter()
            .map(|s| json!({"label": self.t(&format!("nav-{}", s.dir())), "href": self.urls.href(&Urls::listing(self.lang, *s, 1)), "section": s.dir()}))
            .collect();
        let mut footer = Vec::new();
        for &i in &self.index.ordered[&Section::Pages] {
            let (v, _) = self.site.shown_variant(i, self.lang);
            if let Fields::Page(p) = &v.fields {
                let e = &self.site.entries[i];
                let link = json!({"label": v.common.title, "href": self.entry_href(e, v), "section": e.slug});
                if p.menu.is_some() {
                    menu.push(link.clone());
                }
                if let Some(position) = p.footer {
                    footer.push((position, link));
                }
            }
        }
        footer.sort_by_key(|(position, _)| *position);
        let footer: Vec<Value> = footer.into_iter().map(|(_, link)| link).collect();
        json!({
            "title": config.title.get(self.lang),
            "description": config.description.get(self.lang),
            "home": self.urls.href(&Urls::home(self.lang)),
            "feed": format!("{}/feed.xml", self.lang),
            "themes": self.urls.href(&Urls::taxonomy(self.lang, Taxonomy::Themes)),
            "search": self.urls.href(&Urls::search(self.lang)),
            "menu": menu,
            "footer": footer,
            "logo": config.logo,
            "primary_color": config.primary_color,
            "languages": config.languages,
            "default_language": config.default_language(),
        })
    }

    /// The link (root-relative) to the version `v` of entry `e`.
    pub(crate) fn entry_href(&self, e: &Entry, v: &Variant) -> String {
        self.urls.href(&Urls::entry(&v.lang, e.section, &e.slug))
    }

    fn term(&self, taxonomy: Taxonomy, set: &str, code: &str) -> Value {
        json!({
            "label": self.site.vocabulary.label(set, code, self.lang),
            "href": self.urls.href(&Urls::term(self.lang, taxonomy, code, 1)),
        })
    }

    fn terms(&self, taxonomy: Taxonomy, set: &str, codes: &[String]) -> Vec<Value> {
        codes.iter().map(|c| self.term(taxonomy, set, c)).collect()
    }

    fn labels(&self, set: &str, codes: &[String]) -> Vec<Value> {
        codes
            .iter()
            .map(|c| json!({"label": self.site.vocabulary.label(set, c, self.lang)}))
            .collect()
    }

    fn tags(&self, v: &Variant, own: bool) -> Vec<Value> {
        v.common
            .tags
            .iter()
            .filter(|t| own && !slugify(t).is_empty())
            .map(|t| json!({"label": t, "href": self.urls.href(&Urls::term(self.lang, Taxonomy::Tags, &slugify(t), 1))}))
            .collect()
    }

    fn organisation(&self, org: &OrgRef) -> Value {
        match org {
            OrgRef::Id(id) => match self.site.find(Section::Organisations, id) {
                Some(i) => {
                    let (v, _) = self.site.shown_variant(i, self.lang);
                    let Fields::Organisation(o) = &v.fields else {
                        return json!({"name": id});
                    };
                    json!({"name": o.name, "short_name": o.short_name, "city": o.city, "country": self.country(&o.country),
                           "href": self.entry_href(&self.site.entries[i], v), "url": o.website})
                }
                // Left out for its own errors (reported): the build fails, and the page that
                // names it still renders, so that no template error hides the real cause.
                None => json!({"name": id}),
            },
            OrgRef::Inline(o) => {
                let country = o.country.as_deref().map(|c| self.country(c));
                json!({"name": o.name, "city": o.city, "country": country, "url": o.url})
            }
        }
    }

    fn status(&self, p: &Project) -> Value {
        let finished = p.end.is_some_and(|end| end < self.site.today);
        let code = if finished { "finished" } else { "ongoing" };
        json!({"code": code, "label": self.t(&format!("status-{code}"))})
    }

    /// A card for listings: title, summary, badges, and a note when it is shown in another
    /// language than the page's.
    pub(crate) fn card(&self, i: usize) -> Value {
        let e = &self.site.entries[i];
        let (v, own) = self.site.shown_variant(i, self.lang);
        let (date, extra) = match &v.fields {
            Fields::Practice(p) => (
                self.date(p.date),
                json!({"organisation": p.organisation.as_ref().map(|o| self.organisation(o))}),
            ),
            Fields::Project(p) => (
                self.date(p.start),
                json!({"status": self.status(p), "acronym": p.acronym,
                "programme": self.site.vocabulary.label("programmes", &p.programme, self.lang),
                "handbook": e.handbook.as_ref().map(|b| {
                    let lang = b.language(self.lang, self.site.config.default_language());
                    self.urls.href(&Urls::handbook(lang, &e.slug))
                })}),
            ),
            Fields::Organisation(o) => (Value::Null, json!({"city": o.city})),
            Fields::Page(_) => (Value::Null, Value::Null),
        };
        json!({
            "kind": e.section.dir(),
            "kind_label": self.t(&format!("kind-{}", e.section.dir())),
            "title": e.title(&v.lang),
            "summary": v.common.summary,
            "href": self.entry_href(e, v),
            "lang": v.lang,
            "translated": own,
            "date": date,
            "themes": self.terms(Taxonomy::Themes, "themes", &v.common.themes),
            "levels": self.terms(Taxonomy::Levels, "levels", &v.common.levels),
            "extra": extra,
        })
    }

    /// Everything an entry page shows. `body` is the rendered Markdown.
    pub(crate) fn entry(
        &self,
        i: usize,
        body: &str,
        headings: &[crate::markdown::Heading],
        from: &str,
    ) -> Value {
        let e = &self.site.entries[i];
        let v = &e.variants[self.lang];
        let c = &v.common;
        let media = |file: &str| self.urls.link(from, &Urls::media(e.section, &e.slug, file));
        let images: Vec<Value> = c
            .images
            .iter()
            .map(|im| json!({"src": media(&im.file), "alt": im.alt, "credit": im.credit}))
            .collect();
        let files: Vec<Value> = c
            .files
            .iter()
            .map(|f| {
                let size = e.folder.as_ref().and_then(|(dir, _)| std::fs::metadata(dir.join(&f.file)).ok()).map_or(0, |m| m.len());
                let kind = f.file.rsplit_once('.').map_or("", |(_, ext)| ext).to_uppercase();
                json!({"href": media(&f.file), "title": f.title.clone().unwrap_or_else(|| f.file.clone()),
                       "type": kind, "size": human_size(size, self.lang), "lang": f.lang})
            })
            .collect();
        let links: Vec<Value> = c.links.iter().map(|l| json!({"url": l.url, "label": l.label.clone().unwrap_or_else(|| l.url.clone())})).collect();
        let specific = match &v.fields {
            Fields::Practice(p) => self.practice(p),
            Fields::Project(p) => self.project(e, p),
            Fields::Organisation(o) => {
                json!({
                    "short_name": o.short_name, "city": o.city, "country": self.country(&o.country), "website": o.website,
                    "kind_label": self.site.vocabulary.label("organisation_kinds", &o.kind, self.lang),
                    "school_type": o.school_type.as_ref().map(|t| self.site.vocabulary.label("school_types", t, self.lang)),
                    "labels": o.labels.iter().map(|l| json!({"label": self.site.vocabulary.label("labels", &l.kind, self.lang), "year": l.year})).collect::<Vec<_>>(),
                })
            }
            Fields::Page(_) => Value::Null,
        };
        json!({
            "kind": e.section.dir(),
            "kind_label": self.t(&format!("kind-{}", e.section.dir())),
            "title": e.title(self.lang),
            "summary": c.summary,
            "body": body,
            "headings": headings,
            "themes": self.terms(Taxonomy::Themes, "themes", &c.themes),
            "levels": self.terms(Taxonomy::Levels, "levels", &c.levels),
            "tags": self.tags(v, true),
            "images": images,
            "files": files,
            "links": links,
            "license": c.license.as_deref().map(|id| license(id, self.lang)),
            "source": c.source.as_ref().map(|s| json!({"url": s.url, "note": s.note})),
            "listing": self.urls.href(&Urls::listing(self.lang, e.section, 1)),
            "specific": specific,
        })
    }

    fn reach(&self, reach: &std::collections::BTreeMap<String, u64>) -> Vec<Value> {
        let vocabulary = &self.site.vocabulary;
        reach
            .iter()
            .map(|(k, n)| json!({"count": n, "text": vocabulary.count("reach", k, *n, self.lang)}))
            .collect()
    }

    /// A country's name in the page's language (`BG` → България), or its code if unknown.
    fn country(&self, code: &str) -> String {
        let lower = code.to_ascii_lowercase();
        let term = self.site.vocabulary.lookup("countries", &lower);
        term.and_then(|t| t.labels.get(self.lang).cloned())
            .unwrap_or_else(|| code.to_string())
    }

    fn practice(&self, p: &Practice) -> Value {
        json!({
            "date": self.date(p.date),
            "organisation": p.organisation.as_ref().map(|o| self.organisation(o)),
            "authors": p.authors,
            "dimensions": self.labels("dimensions", &p.dimensions),
            "steps": p.steps,
            "results": p.results,
            "reach": self.reach(&p.reach),
            "funding": p.funding.iter().map(|f| json!({"source": f.source, "amount": f.amount.map(|a| money(a, f.currency.as_deref(), self.lang)), "period": f.period})).collect::<Vec<_>>(),
            "awards": p.awards.iter().map(|a| json!({"name": a.name, "edition": a.edition, "rank": a.rank, "category": a.category, "url": a.url})).collect::<Vec<_>>(),
        })
    }

    fn project(&self, e: &Entry, p: &Project) -> Value {
        let vocab = &self.site.vocabulary;
        json!({
            "acronym": p.acronym,
            "programme": self.term(Taxonomy::Programmes, "programmes", &p.programme),
            "action": p.action,
            "reference": p.reference,
            "start": self.date(p.start),
            "end": self.date(p.end),
            "status": self.status(p),
            "coordinator": p.coordinator.as_ref().map(|o| self.organisation(o)),
            "partners": p.partners.iter().map(|x| {
                let org = self.organisation(&x.organisation);
                let country = x.country.as_deref().map(|c| self.country(c)).or_else(|| org.get("country").and_then(Value::as_str).map(str::to_string));
                json!({"organisation": org, "country": country,
                       "role": x.role.as_ref().map(|r| vocab.label("partner_roles", r, self.lang))})
            }).collect::<Vec<_>>(),
            "objectives": p.objectives,
            "activities": p.activities.iter().map(|a| json!({"title": a.title, "kind": a.kind.as_ref().map(|k| vocab.label("activity_kinds", k, self.lang)),
                "start": self.date(a.start), "end": self.date(a.end), "place": a.place})).collect::<Vec<_>>(),
            // Columns of the activities table that every activity fills; what only some have is
            // shown beside their titles instead of in a column of empty cells.
            "activities_when": p.activities.iter().all(|a| a.start.is_some() || a.end.is_some()),
            "activities_where": p.activities.iter().all(|a| a.place.is_some()),
            "results": p.results.iter().map(|r| json!({"title": r.title, "kind": r.kind.as_ref().map(|k| vocab.label("result_kinds", k, self.lang)),
                // A handbook result without an address is the project's own handbook.
                "is_handbook": r.kind.as_deref() == Some("handbook"),
                "url": r.url, "file": r.file.as_ref().map(|f| self.urls.href(&Urls::media(e.section, &e.slug, f)))})).collect::<Vec<_>>(),
            "reach": self.reach(&p.reach),
            "grant": p.grant.as_ref().map(|g| money(g.amount, Some(&g.currency), self.lang)),
            "labels": p.labels.iter().map(|l| json!({"label": vocab.label("labels", &l.kind, self.lang), "year": l.year})).collect::<Vec<_>>(),
            "website": p.website,
        })
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
        if let Some(name) = organisation
            .map(|o| self.organisation(o))
            .and_then(|o| o["name"].as_str().map(str::to_string))
        {
            extra.push(name);
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
    pub(crate) fn facets(&self, taxonomy: Taxonomy, section: Option<Section>) -> Vec<Value> {
        self.index.taxonomies[&taxonomy]
            .iter()
            .map(|g| {
                let n = g.entries.iter().filter(|&&i| section.is_none_or(|s| self.site.entries[i].section == s)).count();
                json!({"label": g.label, "count": n, "href": self.urls.href(&Urls::term(self.lang, taxonomy, &g.slug, 1))})
            })
            .filter(|f| f["count"].as_u64() != Some(0))
            .collect()
    }
}

/// A file size the way the language writes it (`1,2 MB` / `1.2 MB`).
pub(super) fn human_size(bytes: u64, lang: &str) -> String {
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

/// A licence as a page shows it: its name in `lang` and a link to its text.
pub(super) fn license(id: &str, lang: &str) -> Value {
    let (name, url) = crate::licences::licence(id, lang);
    json!({"id": id, "name": name, "url": url})
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
