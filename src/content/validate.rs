//! Checks of one entry that need no other entry: required fields, vocabulary codes, dates,
//! countries, image descriptions and the files an entry names.

use crate::content::entry::{Entry, Variant};
use crate::content::model::{
    Common, Fields, InlineOrg, OrgRef, Organisation, Practice, Project, country_problem,
};
use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::sections::Section;

/// The longest summary, in characters, that fits cards and search snippets.
const SUMMARY_MAX: usize = 300;

/// Pushes every problem of `entry` into `problems`.
pub(super) fn validate(entry: &Entry, problems: &mut Vec<Diagnostic>) {
    for (lang, v) in &entry.variants {
        let mut check = Check {
            entry,
            lang,
            version: v,
            problems: &mut *problems,
        };
        if entry.section != Section::Organisations {
            check.common();
        }
        check.addresses_and_amounts();
        match &v.fields {
            Fields::Practice(p) => check.practice(p),
            Fields::Project(p) => check.project(p),
            Fields::Organisation(o) => check.organisation(o),
            Fields::Page(_) => {}
        }
    }
}

/// The checks of one language version, reporting into `problems`.
struct Check<'a> {
    entry: &'a Entry,
    lang: &'a str,
    version: &'a Variant,
    problems: &'a mut Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, field: &str, problem: Problem) {
        let at = self.entry.locate(self.lang, field);
        self.problems.push(Diagnostic::error(at, problem));
    }

    /// A field that could not be read is reported already, not as missing. A missing top-level
    /// field is reported at the start of the file, one inside a list item (an image's `alt`)
    /// at the item.
    fn require(&mut self, field: &str, present: bool) {
        if present || self.version.unreadable.contains(field) {
            return;
        }
        let at = match field.contains(['.', '[']) {
            true => self.entry.locate(self.lang, field),
            false => self.entry.locate_file(self.lang),
        };
        let problem = Problem::MissingField {
            field: field.into(),
            lang: Some(self.lang.to_string()),
        };
        self.problems.push(Diagnostic::error(at, problem));
    }

    /// The fields every kind but organisations has: title, summary, images and files.
    fn common(&mut self) {
        let c = &self.version.common;
        self.require("title", !c.title.trim().is_empty());
        let length = c.summary.chars().count();
        if length > SUMMARY_MAX {
            let problem = Problem::TooLong {
                field: "summary".into(),
                length,
                max: SUMMARY_MAX,
            };
            let at = self.entry.locate(self.lang, "summary");
            self.problems.push(Diagnostic::warning(at, problem));
        }
        for (i, image) in c.images.iter().enumerate() {
            self.require(&format!("images[{i}].alt"), !image.alt.trim().is_empty());
            self.asset(&format!("images[{i}].file"), &image.file);
        }
        for (i, file) in c.files.iter().enumerate() {
            self.asset(&format!("files[{i}].file"), &file.file);
        }
    }

    fn addresses_and_amounts(&mut self) {
        let v = self.version;
        for (field, address) in addresses(&v.common, &v.fields) {
            if let Some(problem) = address_problem(&field, address) {
                self.error(&field, problem);
            }
        }
        for (field, amount) in amounts(&v.fields) {
            if !(0.0..=MAX_AMOUNT).contains(&amount) {
                let message = Text::new("invalid-amount");
                let problem = Problem::Invalid {
                    field: field.clone(),
                    message,
                };
                self.error(&field, problem);
            }
        }
    }

    fn practice(&mut self, p: &Practice) {
        let c = &self.version.common;
        self.require("summary", !c.summary.trim().is_empty());
        self.require("date", p.date.is_some());
        self.require("themes", !c.themes.is_empty());
        self.org("organisation", p.organisation.as_ref());
    }

    fn project(&mut self, p: &Project) {
        let c = &self.version.common;
        self.require("summary", !c.summary.trim().is_empty());
        self.require("programme", !p.programme.is_empty());
        self.require("start", p.start.is_some());
        self.require("end", p.end.is_some());
        if let (Some(start), Some(end)) = (p.start, p.end)
            && end < start
        {
            let message = Text::new("invalid-end-before-start").arg("start", start.iso());
            let field = "end".into();
            self.error("end", Problem::Invalid { field, message });
        }
        self.org("coordinator", p.coordinator.as_ref());
        for (i, partner) in p.partners.iter().enumerate() {
            let field = format!("partners[{i}].organisation");
            self.org(&field, Some(&partner.organisation));
            if let Some(country) = &partner.country {
                self.country(&format!("partners[{i}].country"), country);
            }
        }
        for (i, result) in p.results.iter().enumerate() {
            if let Some(file) = &result.file {
                self.asset(&format!("results[{i}].file"), file);
            }
        }
    }

    fn organisation(&mut self, o: &Organisation) {
        self.require("name", !o.name.trim().is_empty());
        self.require("kind", !o.kind.is_empty());
        self.require("city", !o.city.trim().is_empty());
        self.require("country", !o.country.is_empty());
        if !o.country.is_empty() {
            self.country("country", &o.country);
        }
    }

    /// A file the entry names must be beside it.
    fn asset(&mut self, field: &str, file: &str) {
        if self.entry.assets.iter().any(|a| a.name == file) {
            return;
        }
        let (folder, single_file) = self.entry.files_folder();
        let problem = Problem::MissingAsset {
            file: file.to_string(),
            folder,
            single_file,
        };
        self.error(field, problem);
    }

    fn org(&mut self, field: &str, org: Option<&OrgRef>) {
        if let Some(OrgRef::Inline(InlineOrg {
            country: Some(country),
            ..
        })) = org
        {
            self.country(&format!("{field}.country"), country);
        }
    }

    fn country(&mut self, field: &str, country: &str) {
        if let Some(problem) = country_problem(field, country) {
            self.error(field, problem);
        }
    }
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

#[cfg(test)]
mod tests {
    use crate::content::tests::checked;
    use crate::diagnostics::Pos;
    use crate::sections::Section;

    fn problems(section: Section, name: &str, text: &str) -> Vec<(&'static str, Option<Pos>)> {
        checked(section, &[(name, text)]).1
    }

    #[test]
    fn required_fields_are_reported_at_the_start_of_the_file_and_items_at_the_item() {
        let text = "---\ntitle: Т\nimages: [{file: a.jpg, alt: ''}]\n---\n";
        assert_eq!(
            problems(Section::Practices, "x.bg.md", text),
            [
                ("MissingField", Some(Pos::new(1, 1))),
                ("MissingField", Some(Pos::new(1, 1))),
                ("MissingField", Some(Pos::new(1, 1))),
                ("MissingAsset", Some(Pos::new(3, 17))),
                ("MissingField", Some(Pos::new(3, 29))),
            ],
            "summary, date and themes at the file's start; the image's file and alt at their \
             values"
        );
    }

    #[test]
    fn a_project_ending_before_it_starts_is_invalid_at_its_end() {
        let text =
            "title: P\nsummary: S.\nprogramme: erasmus_plus\nstart: 2021-01-01\nend: 2020-01-01\n";
        assert_eq!(
            problems(Section::Projects, "x.yaml", text),
            [("Invalid", Some(Pos::new(5, 6)))]
        );
    }

    #[test]
    fn addresses_countries_and_amounts_are_checked_where_they_are_written() {
        let text = "title: P\nsummary: S.\nprogramme: erasmus_plus\nstart: 2020-01-01\n\
                    end: 2021-01-01\nwebsite: javascript:alert(1)\n\
                    partners: [{organisation: {name: O, country: bg}}]\ngrant: {amount: 1e300, currency: EUR}\n";
        assert_eq!(
            problems(Section::Projects, "x.yaml", text),
            [
                ("Invalid", Some(Pos::new(6, 10))),
                ("Invalid", Some(Pos::new(7, 46))),
                ("Invalid", Some(Pos::new(8, 17))),
            ]
        );
    }

    #[test]
    fn an_organisation_needs_its_name_kind_city_and_country() {
        let (entry, problems) = checked(
            Section::Organisations,
            &[("x.yaml", "name: O\ncountry: Bulgaria\n")],
        );
        // Kind and city, in each of the two versions the plain name gives; the country at it.
        assert_eq!(entry.unwrap().variants.len(), 2);
        let missing = ("MissingField", Some(Pos::new(1, 1)));
        let invalid = ("Invalid", Some(Pos::new(2, 10)));
        assert_eq!(problems, [missing, missing, missing, missing, invalid]);
    }
}
