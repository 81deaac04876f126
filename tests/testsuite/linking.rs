//! Links as readers follow them: from every page, offline from a folder, and under a sub-path.

use crate::harness::{SiteTest, attr, links, select};
use crate::{FIXTURE_URL, full};

#[test]
fn offline_builds_link_to_files() {
    let site = SiteTest::fixture("full")
        .options(|o| o.offline = true)
        .built();
    assert!(links::all_resolve(site.out(), FIXTURE_URL, true) > 500);
    let doc = site.html("bg/practices/alpha/index.html");
    let switch = attr(&doc, ".languages a[hreflang=en]", "href");
    assert_eq!(
        switch.as_deref(),
        Some("../../../en/practices/alpha/index.html")
    );
}

#[test]
fn every_relative_link_resolves_from_every_page() {
    let site = full();
    let checked = links::all_resolve(site.out(), FIXTURE_URL, false);
    assert!(checked > 500, "only {checked} links checked");
    let alpha = site.html("bg/practices/alpha/index.html");
    let body_links: Vec<_> = select(&alpha, ".prose a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        body_links,
        ["../../../bg/practices/beta/", "../../../bg/about/#contact"]
    );
    assert_eq!(
        attr(&alpha, ".prose img", "src").as_deref(),
        Some("../../../media/practices/alpha/photo.svg")
    );
    // A link to an entry missing in the page's language goes to the version that exists.
    let en = site.html("en/practices/alpha/index.html");
    assert_eq!(
        select(&en, ".prose a")[1].value().attr("href"),
        Some("../../../bg/practices/gamma/")
    );
}

#[test]
fn a_sub_path_base_url_changes_only_absolute_urls() {
    let base = "https://school.example/praktiki/";
    let site = SiteTest::fixture("full")
        .options(|o| o.base_url = Some(base.into()))
        .built();
    let doc = site.html("en/practices/alpha/index.html");
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").unwrap(),
        format!("{base}en/practices/alpha/")
    );
    assert_eq!(
        attr(&doc, "meta[property='og:url']", "content").unwrap(),
        format!("{base}en/practices/alpha/")
    );
    assert_eq!(
        attr(&doc, "link[rel=stylesheet]", "href").as_deref(),
        Some("../../../style.css")
    );
    for a in select(&doc, "a[href]") {
        assert!(
            !a.value().attr("href").unwrap().starts_with(base),
            "in-site links stay relative"
        );
    }
    let not_found = site.html("404.html");
    assert_eq!(
        attr(&not_found, "link[rel=stylesheet]", "href").as_deref(),
        Some("/praktiki/style.css")
    );
    assert_eq!(
        attr(&not_found, ".button", "href").as_deref(),
        Some("/praktiki/bg/")
    );
    assert!(
        site.text("robots.txt")
            .contains(&format!("Sitemap: {base}sitemap.xml"))
    );
}
