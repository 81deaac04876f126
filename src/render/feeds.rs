//! The files standards define: an Atom feed per language, `sitemap.xml` with hreflang
//! alternates, and `robots.txt`. These are the only places, with canonical links and Open Graph,
//! where absolute URLs (from `base_url`) appear.

use super::jobs::Page;
use crate::content::Section;
use crate::escape::xml;
use crate::site::{LangIndex, Site, sort_date};
use crate::urls::{Taxonomy, Urls};
use std::fmt::Write;

/// How many entries a feed holds.
const FEED_LENGTH: usize = 20;

/// Every feed, the sitemap and robots.txt.
/// `indexes` holds each language's precomputed lookups, in the site's order of languages.
pub(super) fn feeds(site: &Site, indexes: &[(&str, &LangIndex)]) -> Vec<Page> {
    let mut pages: Vec<Page> = site
        .config
        .languages
        .iter()
        .map(|lang| atom(site, lang))
        .collect();
    pages.push(sitemap(site, indexes));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.absolute("sitemap.xml")
    );
    pages.push(Page {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
        lang: None,
    });
    pages
}

fn atom(site: &Site, lang: &str) -> Page {
    let mut entries: Vec<usize> = (0..site.entries.len())
        .filter(|&i| {
            matches!(
                site.entries[i].section,
                Section::Practices | Section::Projects
            ) && site.entries[i].variants.contains_key(lang)
        })
        .collect();
    entries.sort_by_key(|&i| std::cmp::Reverse(sort_date(&site.entries[i].variants[lang])));
    entries.truncate(FEED_LENGTH);
    let stamp = |i: usize| {
        sort_date(&site.entries[i].variants[lang]).map_or_else(|| "1970-01-01".into(), |d| d.iso())
    };
    let updated = entries
        .first()
        .map_or_else(|| site.today.iso(), |&i| stamp(i));
    let title = site.config.title.get(lang).map_or("", String::as_str);
    let home = site.config.absolute(&Urls::home(lang));
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{}</title>\n",
        xml(title)
    );
    if let Some(d) = site.config.description.get(lang) {
        let _ = writeln!(out, "<subtitle>{}</subtitle>", xml(d));
    }
    let _ = write!(
        out,
        "<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n<id>{home}</id>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        xml(&site.config.absolute(&format!("{lang}/feed.xml"))),
        xml(title)
    );
    for i in entries {
        let e = &site.entries[i];
        let v = &e.variants[lang];
        let url = site.config.absolute(&Urls::entry(lang, e.section, &e.slug));
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<id>{url}</id>\n<updated>{}T00:00:00Z</updated>\n<summary>{}</summary>\n",
            xml(&v.common.title),
            stamp(i),
            xml(&v.common.summary)
        );
        for theme in &v.common.themes {
            let _ = writeln!(
                out,
                "<category term=\"{theme}\" label=\"{}\"/>",
                xml(site.vocabulary.label("themes", theme, lang))
            );
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    Page {
        path: format!("{lang}/feed.xml"),
        bytes: out.into_bytes(),
        lang: None,
    }
}

fn sitemap(site: &Site, indexes: &[(&str, &LangIndex)]) -> Page {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut add = |versions: &[(String, String)]| {
        for (_, path) in versions {
            let _ = write!(out, "<url><loc>{}</loc>", xml(&site.config.absolute(path)));
            if versions.len() > 1 {
                for (lang, alt) in versions {
                    let _ = write!(
                        out,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                        xml(&site.config.absolute(alt))
                    );
                }
            }
            out.push_str("</url>\n");
        }
    };
    let everywhere = |make: &dyn Fn(&str) -> String| -> Vec<(String, String)> {
        site.config
            .languages
            .iter()
            .map(|l| (l.clone(), make(l)))
            .collect()
    };
    add(&everywhere(&Urls::home));
    for section in [
        Section::Practices,
        Section::Projects,
        Section::Organisations,
    ] {
        add(&everywhere(&|l| Urls::listing(l, section, 1)));
    }
    for e in &site.entries {
        let versions: Vec<(String, String)> = e
            .variants
            .keys()
            .map(|l| (l.clone(), Urls::entry(l, e.section, &e.slug)))
            .collect();
        add(&versions);
    }
    // Handbooks: the contents page and each chapter (the print page repeats them).
    for (e, book) in site
        .entries
        .iter()
        .filter_map(|e| Some((e, e.handbook.as_ref()?)))
    {
        let in_every = |make: &dyn Fn(&str) -> String| -> Vec<(String, String)> {
            book.versions.keys().map(|l| (l.clone(), make(l))).collect()
        };
        add(&in_every(&|l| Urls::handbook(l, &e.slug)));
        for chapter in &book.chapters {
            add(&in_every(&|l| Urls::chapter(l, &e.slug, &chapter.slug)));
        }
    }
    for taxonomy in Taxonomy::ALL {
        add(&everywhere(&|l| Urls::taxonomy(l, taxonomy)));
        for &(lang, index) in indexes {
            for group in &index.taxonomies[&taxonomy] {
                let shared = taxonomy != Taxonomy::Tags;
                // Vocabulary terms exist in every language; each language lists them once.
                if shared && lang != site.config.default_language() {
                    continue;
                }
                let versions = if shared {
                    everywhere(&|l| Urls::term(l, taxonomy, &group.slug, 1))
                } else {
                    vec![(lang.to_string(), Urls::term(lang, taxonomy, &group.slug, 1))]
                };
                add(&versions);
            }
        }
    }
    out.push_str("</urlset>\n");
    Page {
        path: "sitemap.xml".into(),
        bytes: out.into_bytes(),
        lang: None,
    }
}
