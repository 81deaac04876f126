//! Checks of one entry that need no other entry: required fields, vocabulary codes, dates,
//! countries, image descriptions and the files an entry names.

use crate::content::entry::Entry;
use crate::content::model::{Common, Fields, InlineOrg, OrgRef, country_problem};
use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::sections::Section;

/// The longest summary, in characters, that fits cards and search snippets.
const SUMMARY_MAX: usize = 300;

/// Pushes every problem of `entry` into `problems`.
pub(super) fn validate(entry: &Entry, problems: &mut Vec<Diagnostic>) {
    for (lang, v) in &entry.variants {
        let error = |problems: &mut Vec<Diagnostic>, field: &str, problem: Problem| {
            problems.push(Diagnostic::error(entry.locate(lang, field), problem));
        };
        // A field that could not be read is reported already, not as missing. A missing
        // top-level field is reported at the start of the file, one inside a list item (an
        // image's `alt`) at the item.
        let require = |problems: &mut Vec<Diagnostic>, field: &str, present: bool| {
            if !present && !v.unreadable.contains(field) {
                let at = match field.contains(['.', '[']) {
                    true => entry.locate(lang, field),
                    false => entry.locate_file(lang),
                };
                let lang = Some(lang.clone());
                problems.push(Diagnostic::error(
                    at,
                    Problem::MissingField {
                        field: field.into(),
                        lang,
                    },
                ));
            }
        };
        let c = &v.common;
        if entry.section != Section::Organisations {
            require(problems, "title", !c.title.trim().is_empty());
            let length = c.summary.chars().count();
            if length > SUMMARY_MAX {
                problems.push(Diagnostic::warning(
                    entry.locate(lang, "summary"),
                    Problem::TooLong {
                        field: "summary".into(),
                        length,
                        max: SUMMARY_MAX,
                    },
                ));
            }
            for (i, image) in c.images.iter().enumerate() {
                require(
                    problems,
                    &format!("images[{i}].alt"),
                    !image.alt.trim().is_empty(),
                );
                check_asset(
                    entry,
                    lang,
                    &format!("images[{i}].file"),
                    &image.file,
                    problems,
                );
            }
            for (i, file) in c.files.iter().enumerate() {
                check_asset(
                    entry,
                    lang,
                    &format!("files[{i}].file"),
                    &file.file,
                    problems,
                );
            }
        }
        for (field, address) in addresses(&v.common, &v.fields) {
            if let Some(problem) = address_problem(&field, address) {
                error(problems, &field, problem);
            }
        }
        for (field, amount) in amounts(&v.fields) {
            if !(0.0..=MAX_AMOUNT).contains(&amount) {
                let message = Text::new("invalid-amount");
                error(
                    problems,
                    &field,
                    Problem::Invalid {
                        field: field.clone(),
                        message,
                    },
                );
            }
        }
        match &v.fields {
            Fields::Practice(p) => {
                require(problems, "summary", !c.summary.trim().is_empty());
                require(problems, "date", p.date.is_some());
                require(problems, "themes", !c.themes.is_empty());
                check_org(
                    entry,
                    lang,
                    "organisation",
                    p.organisation.as_ref(),
                    problems,
                );
            }
            Fields::Project(p) => {
                require(problems, "summary", !c.summary.trim().is_empty());
                require(problems, "programme", !p.programme.is_empty());
                require(problems, "start", p.start.is_some());
                require(problems, "end", p.end.is_some());
                if let (Some(start), Some(end)) = (p.start, p.end) {
                    if end < start {
                        error(
                            problems,
                            "end",
                            Problem::Invalid {
                                field: "end".into(),
                                message: Text::new("invalid-end-before-start")
                                    .arg("start", start.iso()),
                            },
                        );
                    }
                }
                check_org(entry, lang, "coordinator", p.coordinator.as_ref(), problems);
                for (i, partner) in p.partners.iter().enumerate() {
                    check_org(
                        entry,
                        lang,
                        &format!("partners[{i}].organisation"),
                        Some(&partner.organisation),
                        problems,
                    );
                    if let Some(country) = &partner.country {
                        check_country(
                            entry,
                            lang,
                            &format!("partners[{i}].country"),
                            country,
                            problems,
                        );
                    }
                }
                for (i, result) in p.results.iter().enumerate() {
                    if let Some(file) = &result.file {
                        check_asset(entry, lang, &format!("results[{i}].file"), file, problems);
                    }
                }
            }
            Fields::Organisation(o) => {
                require(problems, "name", !o.name.trim().is_empty());
                require(problems, "kind", !o.kind.is_empty());
                require(problems, "city", !o.city.trim().is_empty());
                require(problems, "country", !o.country.is_empty());
                if !o.country.is_empty() {
                    check_country(entry, lang, "country", &o.country, problems);
                }
            }
            Fields::Page(_) => {}
        }
    }
}

fn check_asset(entry: &Entry, lang: &str, field: &str, file: &str, problems: &mut Vec<Diagnostic>) {
    if entry.assets.iter().any(|a| a == file) {
        return;
    }
    let (folder, single_file) = entry.files_folder();
    problems.push(Diagnostic::error(
        entry.locate(lang, field),
        Problem::MissingAsset {
            file: file.to_string(),
            folder,
            single_file,
        },
    ));
}

/// The largest amount of money a field takes: larger ones are mistakes (`1e308`), and pages
/// could not write them.
const MAX_AMOUNT: f64 = 1e12;

/// Every amount of money of a version, with its field's path.
fn amounts(fields: &Fields) -> Vec<(String, f64)> {
    match fields {
        Fields::Practice(p) => p
            .funding
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((format!("funding[{i}].amount"), f.amount?)))
            .collect(),
        Fields::Project(p) => p
            .grant
            .iter()
            .map(|g| ("grant.amount".to_string(), g.amount))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every address a version links, with its field's path: each is checked like a Markdown link.
fn addresses<'a>(c: &'a Common, fields: &'a Fields) -> Vec<(String, &'a str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for (i, link) in c.links.iter().enumerate() {
        out.push((format!("links[{i}].url"), &link.url));
    }
    if let Some(url) = c.source.as_ref().and_then(|s| s.url.as_deref()) {
        out.push(("source.url".into(), url));
    }
    let mut org = |field: String, org: Option<&'a OrgRef>| {
        if let Some(OrgRef::Inline(InlineOrg { url: Some(url), .. })) = org {
            out.push((format!("{field}.url"), url));
        }
    };
    match fields {
        Fields::Practice(p) => {
            org("organisation".into(), p.organisation.as_ref());
            for (i, award) in p.awards.iter().enumerate() {
                if let Some(url) = &award.url {
                    out.push((format!("awards[{i}].url"), url));
                }
            }
        }
        Fields::Project(p) => {
            org("coordinator".into(), p.coordinator.as_ref());
            for (i, partner) in p.partners.iter().enumerate() {
                org(
                    format!("partners[{i}].organisation"),
                    Some(&partner.organisation),
                );
            }
            for (i, result) in p.results.iter().enumerate() {
                if let Some(url) = &result.url {
                    out.push((format!("results[{i}].url"), url));
                }
            }
            if let Some(url) = &p.website {
                out.push(("website".into(), url));
            }
        }
        Fields::Organisation(o) => {
            if let Some(url) = &o.website {
                out.push(("website".into(), url));
            }
        }
        Fields::Page(_) => {}
    }
    out
}

/// The problem with an address a field links to: it must start with `https://`, `http://` or
/// `mailto:` (never `javascript:`, `data:` and the like, however written).
pub(super) fn address_problem(field: &str, address: &str) -> Option<Problem> {
    let scheme = crate::urls::scheme(address);
    if scheme
        .as_deref()
        .is_some_and(|s| crate::urls::LINK_SCHEMES.contains(&s))
    {
        return None;
    }
    let message = match scheme {
        Some(scheme) => Text::new("invalid-address-scheme").arg("scheme", scheme),
        None => Text::new("invalid-address").arg("address", address.trim()),
    };
    Some(Problem::Invalid {
        field: field.into(),
        message,
    })
}

fn check_org(
    entry: &Entry,
    lang: &str,
    field: &str,
    org: Option<&OrgRef>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(OrgRef::Inline(inline)) = org {
        if let Some(country) = &inline.country {
            check_country(entry, lang, &format!("{field}.country"), country, problems);
        }
    }
}

fn check_country(
    entry: &Entry,
    lang: &str,
    field: &str,
    country: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(problem) = country_problem(field, country) {
        problems.push(Diagnostic::error(entry.locate(lang, field), problem));
    }
}
