//! Checking a built site's links the way a browser follows them: every `href` and `src` of every
//! page must reach a file of the output (a folder by its `index.html`, except offline, where
//! browsers open no index file), and every `#fragment` an element of the page it names.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every file under `dir`, as `/`-separated paths relative to it, sorted.
pub(crate) fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            out.extend(walk(&path).into_iter().map(|p| format!("{name}/{p}")));
        } else {
            out.push(name);
        }
    }
    out.sort();
    out
}

/// Resolves `href` from the page at `page` (a file path in the output) to an output file.
pub(crate) fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    let target = href.split(['#', '?']).next().unwrap();
    for segment in target.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if target.ends_with('/') || target.is_empty() || target == "." || target.ends_with("/.") {
        if joined.is_empty() {
            "index.html".into()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    }
}

/// What [`check`] found: links followed, and the broken ones (`page: link → why`).
pub(crate) struct Checked {
    pub(crate) links: usize,
    pub(crate) broken: Vec<String>,
}

/// Follows every link of every page of the site in `out`, published at `base_url` (absolute
/// links into it are followed too; `404.html` links from the base path, as it is served at any
/// depth).
pub(crate) fn check(out: &Path, base_url: &str, offline: bool) -> Checked {
    let files: BTreeSet<String> = walk(out).into_iter().collect();
    let base_path = format!("/{}", base_url.splitn(4, '/').nth(3).unwrap_or_default());
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        ids.entry(file.to_string())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(out.join(file)).unwrap_or_default();
                let doc = Html::parse_document(&text);
                doc.select(&Selector::parse("[id]").unwrap())
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect()
            })
            .clone()
    };
    let linking = Selector::parse("[href], [src]").unwrap();
    let mut checked = Checked {
        links: 0,
        broken: Vec::new(),
    };
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        let doc = Html::parse_document(&text);
        for element in doc.select(&linking) {
            let value = element.value();
            let link = value.attr("href").or(value.attr("src")).unwrap();
            let relative = if let Some(inside) = link.strip_prefix(base_url) {
                // An absolute link into the site (canonical, alternates): from the root.
                resolve("index.html", inside)
            } else if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            } else if page == "404.html" {
                match link.strip_prefix(&base_path) {
                    Some(inside) => resolve("index.html", inside),
                    None => {
                        checked
                            .broken
                            .push(format!("{page}: {link} → outside {base_path}"));
                        continue;
                    }
                }
            } else if link.starts_with('/') {
                checked
                    .broken
                    .push(format!("{page}: {link} → root-relative"));
                continue;
            } else if link.starts_with('#') {
                page.clone()
            } else {
                let file = link.split('#').next().unwrap();
                let names_file = !file.is_empty() && !file.ends_with('/') && file != ".";
                if offline && !names_file {
                    checked
                        .broken
                        .push(format!("{page}: {link} → a folder, offline"));
                    continue;
                }
                resolve(page, link)
            };
            checked.links += 1;
            if !files.contains(&relative) {
                checked
                    .broken
                    .push(format!("{page}: {link} → {relative} is missing"));
            } else if let Some((_, fragment)) = link.split_once('#')
                && !fragment.is_empty()
                && !ids_of(&relative).contains(fragment)
            {
                checked
                    .broken
                    .push(format!("{page}: {link} → no #{fragment} in {relative}"));
            }
        }
    }
    checked
}

/// Follows every link of every page (fragments included; offline, links must name files),
/// asserts none is broken and returns how many were followed.
pub(crate) fn all_resolve(out: &Path, base_url: &str, offline: bool) -> usize {
    let checked = check(out, base_url, offline);
    assert!(checked.broken.is_empty(), "{:#?}", checked.broken);
    checked.links
}
