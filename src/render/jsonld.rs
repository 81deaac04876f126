//! schema.org JSON-LD for entry pages (docs/content.md, "In the pages"), so search
//! engines and education portals can read what a practice or project is.

use super::jobs::Book;
use crate::content::model::{Fields, OrgRef};
use crate::content::{Entry, Section};
use crate::escape::script_safe;
use crate::site::Site;
use crate::urls::Urls;
use serde_json::{Value, json};

/// The JSON-LD of entry `i` in `lang`, as text safe inside a `<script>` element.
pub(super) fn entry(site: &Site, i: usize, lang: &str, image: Option<&str>) -> String {
    let e = &site.entries[i];
    let v = &e.variants[lang];
    let url = site.config.absolute(&Urls::entry(lang, e.section, &e.slug));
    let label = |set: &str, code: &str| site.vocabulary.label(set, code, lang).to_string();
    let translations: Vec<Value> = e
        .variants
        .keys()
        .filter(|l| l.as_str() != lang)
        .map(|l| json!({"@id": site.config.absolute(&Urls::entry(l, e.section, &e.slug)), "inLanguage": l}))
        .collect();
    let license = v
        .common
        .license
        .as_ref()
        .map(|l| format!("https://spdx.org/licenses/{l}.html"));
    let mut doc = match &v.fields {
        Fields::Practice(p) => json!({
            "@type": ["Article", "LearningResource"],
            "headline": v.common.title,
            "datePublished": p.date.map(|d| d.iso()),
            "educationalLevel": v.common.levels.iter().map(|c| label("levels", c)).collect::<Vec<_>>(),
            "about": v.common.themes.iter().map(|c| json!({"@type": "DefinedTerm", "name": label("themes", c)})).collect::<Vec<_>>(),
            "keywords": v.common.tags,
            "author": p.authors.iter().map(|a| json!({"@type": "Person", "name": a.name, "jobTitle": a.role})).collect::<Vec<_>>(),
            "sourceOrganization": p.organisation.as_ref().map(|o| organisation(site, o, lang)),
            "award": p.awards.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
            "workTranslation": translations,
        }),
        Fields::Project(p) => {
            let mut members: Vec<Value> = p
                .coordinator
                .iter()
                .map(|o| organisation(site, o, lang))
                .collect();
            members.extend(
                p.partners
                    .iter()
                    .map(|x| organisation(site, &x.organisation, lang)),
            );
            json!({
                "@type": "Project",
                "alternateName": p.acronym,
                "startDate": p.start.map(|d| d.iso()),
                "endDate": p.end.map(|d| d.iso()),
                "member": members,
                "funding": {
                    "@type": "Grant",
                    "name": label("programmes", &p.programme),
                    "identifier": p.reference,
                    "amount": p.grant.as_ref().map(|g| json!({"@type": "MonetaryAmount", "value": g.amount, "currency": g.currency})),
                },
                "sameAs": p.website,
            })
        }
        Fields::Organisation(_) => organisation(site, &OrgRef::Id(e.slug.clone()), lang),
        Fields::Page(_) => json!({"@type": "WebPage"}),
    };
    if let Value::Object(map) = &mut doc {
        map.insert("@context".into(), "https://schema.org".into());
        map.insert("@id".into(), url.clone().into());
        map.insert("url".into(), url.into());
        map.insert("inLanguage".into(), lang.into());
        if e.section != Section::Organisations {
            map.insert("name".into(), v.common.title.clone().into());
            map.insert("description".into(), v.common.summary.clone().into());
        }
        if let Some(l) = license {
            map.insert("license".into(), l.into());
        }
        if let Some(image) = image {
            map.insert("image".into(), image.into());
        }
    }
    drop_empty(&mut doc);
    script_safe(&doc.to_string())
}

/// A handbook in `lang` as a `Book` whose parts are its chapters (`Chapter`, `position`); on a
/// chapter's page (`chapter`: its index), that `Chapter`, part of the book.
pub(super) fn handbook(site: &Site, book: Book<'_>, lang: &str, chapter: Option<usize>) -> String {
    let e = &site.entries[book.entry];
    let book = book.handbook;
    let v = &book.versions[lang].fields;
    let book_url = site.config.absolute(&Urls::handbook(lang, &e.slug));
    let chapter_of = |k: usize| {
        let c = &book.chapters[k];
        let (version, shown, _) = c.shown(lang, site.config.default_language());
        let url = site.config.absolute(&Urls::chapter(lang, &e.slug, &c.slug));
        json!({"@type": "Chapter", "@id": url, "url": url, "position": k + 1,
               "name": version.fields.title, "inLanguage": shown,
               "author": version.fields.authors.iter().map(|a| json!({"@type": "Person", "name": a.name})).collect::<Vec<_>>()})
    };
    let mut doc = json!({
        "@type": "Book",
        "@id": book_url,
        "url": book_url,
        "name": v.title,
        "alternativeHeadline": v.subtitle,
        "inLanguage": lang,
        "editor": v.editors.iter().map(|n| json!({"@type": "Person", "name": n})).collect::<Vec<_>>(),
        "datePublished": v.published.map(|d| d.iso()),
        "isbn": v.isbn,
        "license": v.license.as_ref().map(|l| format!("https://spdx.org/licenses/{l}.html")),
        "isPartOf": {"@type": "Project", "@id": site.config.absolute(&Urls::entry(lang, Section::Projects, &e.slug))},
        "hasPart": (0..book.chapters.len()).map(chapter_of).collect::<Vec<_>>(),
    });
    if let Some(k) = chapter {
        let mut part = chapter_of(k);
        doc.as_object_mut().map(|m| m.remove("hasPart"));
        part["isPartOf"] = doc;
        doc = part;
    }
    doc["@context"] = "https://schema.org".into();
    drop_empty(&mut doc);
    script_safe(&doc.to_string())
}

/// Leaves out, at every depth, what has no value (null, empty lists).
fn drop_empty(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
            map.values_mut().for_each(drop_empty);
        }
        Value::Array(list) => list.iter_mut().for_each(drop_empty),
        _ => {}
    }
}

fn organisation(site: &Site, org: &OrgRef, lang: &str) -> Value {
    match org {
        OrgRef::Id(id) => {
            let Some(i) = site.find(Section::Organisations, id) else {
                return Value::Null;
            };
            let e: &Entry = &site.entries[i];
            let (v, _) = site.shown_variant(i, lang);
            let Fields::Organisation(o) = &v.fields else {
                return Value::Null;
            };
            let kind = if matches!(o.kind.as_str(), "school" | "kindergarten") {
                "School"
            } else {
                "EducationalOrganization"
            };
            json!({
                "@type": kind,
                "@id": site.config.absolute(&Urls::entry(&v.lang, e.section, &e.slug)),
                "name": o.name,
                "alternateName": o.short_name,
                "url": o.website,
                "address": {"@type": "PostalAddress", "addressLocality": o.city, "addressCountry": o.country},
            })
        }
        OrgRef::Inline(o) => json!({
            "@type": "EducationalOrganization",
            "name": o.name,
            "url": o.url,
            "address": {"@type": "PostalAddress", "addressLocality": o.city, "addressCountry": o.country},
        }),
    }
}
