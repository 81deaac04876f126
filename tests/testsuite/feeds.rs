//! What crawlers and feed readers get: Atom feeds, the sitemap and JSON-LD, parsed.

use crate::full;
use crate::harness::select;
use std::collections::BTreeSet;

#[test]
fn feeds_and_sitemap_are_valid_xml_with_the_right_entries() {
    let site = full();
    for (lang, expected) in [
        (
            "bg",
            vec![
                "projects/ongoing-project/",
                "practices/beta/",
                "practices/alpha/",
                "practices/gamma/",
                "practices/delta/",
                "projects/finished-project/",
            ],
        ),
        (
            "en",
            vec![
                "projects/ongoing-project/",
                "practices/beta/",
                "practices/alpha/",
                "practices/delta/",
                "projects/finished-project/",
            ],
        ),
    ] {
        let text = site.text(&format!("{lang}/feed.xml"));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        let ids: Vec<String> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| {
                e.children()
                    .find(|n| n.has_tag_name("id"))
                    .unwrap()
                    .text()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let expected: Vec<String> = expected
            .iter()
            .map(|p| format!("https://fixture.example/{lang}/{p}"))
            .collect();
        assert_eq!(ids, expected, "{lang} feed");
    }
    let text = site.text("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<roxmltree::Node> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: BTreeSet<String> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|n| n.has_tag_name("loc"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    for page in site.pages() {
        let noindex = !select(&site.html(&page), "meta[name=robots][content=noindex]").is_empty();
        let is_listed = page.ends_with("/index.html")
            && !page.contains("/page/")
            && page.matches('/').count() >= 1
            && !noindex;
        if is_listed {
            let url = format!(
                "https://fixture.example/{}",
                page.trim_end_matches("index.html")
            );
            assert!(locs.contains(&url), "{url} in the sitemap");
        }
    }
    let alpha = urls
        .iter()
        .find(|u| {
            u.children().any(|n| {
                n.has_tag_name("loc")
                    && n.text() == Some("https://fixture.example/bg/practices/alpha/")
            })
        })
        .unwrap();
    let alternates: Vec<(String, String)> = alpha
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|l| {
            (
                l.attribute("hreflang").unwrap().to_string(),
                l.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates[1],
        (
            "en".to_string(),
            "https://fixture.example/en/practices/alpha/".to_string()
        )
    );
}

#[test]
fn entry_pages_carry_json_ld() {
    let site = full();
    let json = |path: &str| -> serde_json::Value {
        let doc = site.html(path);
        let script: String = select(&doc, "script[type='application/ld+json']")[0]
            .text()
            .collect();
        serde_json::from_str(&script).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let practice = json("en/practices/alpha/index.html");
    assert_eq!(
        practice["@type"],
        serde_json::json!(["Article", "LearningResource"])
    );
    assert_eq!(practice["inLanguage"], "en");
    assert_eq!(practice["educationalLevel"][0], "Primary, grades 1–4");
    assert_eq!(practice["sourceOrganization"]["@type"], "School");
    assert_eq!(
        practice["workTranslation"][0]["@id"],
        "https://fixture.example/bg/practices/alpha/"
    );
    assert_eq!(
        practice["license"],
        "https://spdx.org/licenses/CC-BY-4.0.html"
    );
    let beta = json("en/practices/beta/index.html");
    assert_eq!(
        beta["description"],
        "Beta <script>alert(1)</script> description."
    );
    let project = json("bg/projects/finished-project/index.html");
    assert_eq!(
        (project["@type"].as_str(), project["alternateName"].as_str()),
        (Some("Project"), Some("FINI"))
    );
    assert_eq!(project["member"].as_array().unwrap().len(), 2);
    assert_eq!(project["funding"]["amount"]["currency"], "EUR");
    let org = json("en/organisations/partner-ngo/index.html");
    assert_eq!(
        (org["@type"].as_str(), org["name"].as_str()),
        (Some("EducationalOrganization"), Some("Partner Association"))
    );
}
