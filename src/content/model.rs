//! The typed fields of practices, projects, organisations and pages (see docs/content.md), as seen in
//! one language: translated fields already hold that language's text.
//!
//! Required fields are plain values with defaults so that every missing one can be reported in
//! one run (by the `validate` stage) instead of serde stopping at the first.

use crate::diagnostics::Problem;
use crate::messages::Text;
use crate::sections::Section;
use serde::Deserialize;
use std::collections::BTreeMap;

pub use crate::dates::Date;

/// An organisation named by id (`51-su-sofia`) or described in place.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum OrgRef {
    /// The id of an entry in `content/organisations/`.
    Id(String),
    /// An organisation without a page of its own.
    Inline(InlineOrg),
}

/// An organisation written inside an entry.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct InlineOrg {
    /// Its name.
    pub name: String,
    /// Its website.
    pub url: Option<String>,
    /// Its city.
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
}

/// An author with an optional role.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Person {
    /// The name.
    pub name: String,
    /// The role (teacher, director…).
    pub role: Option<String>,
}

/// A photo beside the entry; `alt` is required for accessibility.
#[derive(Debug, Clone, Deserialize)]
pub struct Image {
    /// File name relative to the entry folder.
    pub file: String,
    /// Text alternative.
    #[serde(default)]
    pub alt: String,
    /// Who took it.
    pub credit: Option<String>,
}

/// A document beside the entry (handout, report), shown with its type and size.
#[derive(Debug, Clone, Deserialize)]
pub struct FileRef {
    /// File name relative to the entry folder.
    pub file: String,
    /// The title shown.
    pub title: Option<String>,
    /// The language of the document.
    pub lang: Option<String>,
}

/// A link to elsewhere.
#[derive(Debug, Clone, Deserialize)]
pub struct Link {
    /// The address.
    pub url: String,
    /// The text shown (the address if absent).
    pub label: Option<String>,
}

/// Where an entry was first published.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceRef {
    /// The address.
    pub url: Option<String>,
    /// A note on the source.
    pub note: Option<String>,
}

/// The fields practices and projects share (and pages, in part).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Common {
    /// The title (required).
    #[serde(default)]
    pub title: String,
    /// One or two sentences for cards, meta descriptions and snippets.
    #[serde(default)]
    pub summary: String,
    /// Codes of the `themes` vocabulary.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Codes of the `levels` vocabulary.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Free keywords in the entry's language.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Photos.
    #[serde(default)]
    pub images: Vec<Image>,
    /// Documents.
    #[serde(default)]
    pub files: Vec<FileRef>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// SPDX licence id.
    pub license: Option<String>,
    /// Where it was first published.
    pub source: Option<SourceRef>,
    /// Built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A funding source of a practice.
#[derive(Debug, Clone, Deserialize)]
pub struct Funding {
    /// Who funds it.
    pub source: Option<String>,
    /// How much.
    pub amount: Option<f64>,
    /// ISO 4217 currency code.
    pub currency: Option<String>,
    /// The period, as written.
    pub period: Option<String>,
}

/// An award a practice received.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Award {
    /// The award's name.
    pub name: String,
    /// The edition (2016/2017).
    pub edition: Option<String>,
    /// The place (1, 2, 3…).
    pub rank: Option<u32>,
    /// The category.
    pub category: Option<String>,
    /// The award's page.
    pub url: Option<String>,
}

/// What is particular to a practice.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Practice {
    /// Publication date (required): sorts listings and feeds.
    pub date: Option<Date>,
    /// The organisation that carries it out.
    pub organisation: Option<OrgRef>,
    /// Authors.
    #[serde(default)]
    pub authors: Vec<Person>,
    /// Codes of the `dimensions` vocabulary.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// How it is done, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// What came of it.
    #[serde(default)]
    pub results: Vec<String>,
    /// Numbers reached, by kind (`teachers: 80`).
    #[serde(default)]
    pub reach: BTreeMap<String, u64>,
    /// Funding.
    #[serde(default)]
    pub funding: Vec<Funding>,
    /// Awards.
    #[serde(default)]
    pub awards: Vec<Award>,
    /// The id of the project it came from.
    pub project: Option<String>,
}

/// A partner of a project.
#[derive(Debug, Clone, Deserialize)]
pub struct Partner {
    /// The organisation.
    pub organisation: OrgRef,
    /// ISO country code.
    pub country: Option<String>,
    /// Code of the `partner_roles` vocabulary.
    pub role: Option<String>,
}

/// An activity of a project.
#[derive(Debug, Clone, Deserialize)]
pub struct Activity {
    /// What it was.
    pub title: String,
    /// Code of the `activity_kinds` vocabulary.
    pub kind: Option<String>,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Where.
    pub place: Option<String>,
}

/// A result (output) of a project.
#[derive(Debug, Clone, Deserialize)]
pub struct ProjectResult {
    /// Its title.
    pub title: String,
    /// Code of the `result_kinds` vocabulary.
    pub kind: Option<String>,
    /// A file beside the entry.
    pub file: Option<String>,
    /// An address.
    pub url: Option<String>,
}

/// An amount of money.
#[derive(Debug, Clone, Deserialize)]
pub struct Grant {
    /// The amount.
    pub amount: f64,
    /// ISO 4217 currency code.
    pub currency: String,
}

/// A quality label.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    /// Code of the `labels` vocabulary.
    #[serde(rename = "type")]
    pub kind: String,
    /// The year awarded.
    pub year: Option<i32>,
}

/// What is particular to a project.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Project {
    /// Short name (LELETO).
    pub acronym: Option<String>,
    /// Code of the `programmes` vocabulary (required).
    #[serde(default)]
    pub programme: String,
    /// Key action or action type (KA201).
    pub action: Option<String>,
    /// The programme's project number.
    pub reference: Option<String>,
    /// First day (required).
    pub start: Option<Date>,
    /// Last day (required).
    pub end: Option<Date>,
    /// The coordinating organisation.
    pub coordinator: Option<OrgRef>,
    /// The partners.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Objectives.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Activities.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Results.
    #[serde(default)]
    pub results: Vec<ProjectResult>,
    /// Numbers reached, by kind.
    #[serde(default)]
    pub reach: BTreeMap<String, u64>,
    /// The EU grant.
    pub grant: Option<Grant>,
    /// Quality labels.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// The project's website.
    pub website: Option<String>,
}

/// An organisation (school, municipality, partner).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Organisation {
    /// Full name (required).
    #[serde(default)]
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Code of the `organisation_kinds` vocabulary (required).
    #[serde(default)]
    pub kind: String,
    /// Code of the `school_types` vocabulary.
    pub school_type: Option<String>,
    /// City (required).
    #[serde(default)]
    pub city: String,
    /// ISO country code (required).
    #[serde(default)]
    pub country: String,
    /// Website.
    pub website: Option<String>,
    /// Quality labels.
    #[serde(default)]
    pub labels: Vec<Label>,
}

/// A free page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Page {
    /// Position in the main menu, if it is in the menu.
    pub menu: Option<i32>,
    /// Position among the links of every page's footer (an accessibility statement, contacts).
    pub footer: Option<i32>,
}

/// The fields particular to each kind of entry.
#[derive(Debug, Clone)]
pub enum Fields {
    /// A practice.
    Practice(Practice),
    /// A project. Handbooks (`handbook/` in the project folder) will hang off this variant.
    Project(Project),
    /// An organisation.
    Organisation(Organisation),
    /// A free page.
    Page(Page),
}

/// A reference from one entry to another by id: where it is written, and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The field path (`partners[2].organisation`), to locate problems.
    pub field: String,
    /// The section of the entry named.
    pub section: Section,
    /// Its id (slug).
    pub id: &'a str,
}

impl Fields {
    /// Every entry this one names by id: checks, "related" lists and rebuild decisions all
    /// start from this one list.
    pub fn references(&self) -> Vec<Reference<'_>> {
        fn org(field: String, o: Option<&OrgRef>) -> Option<Reference<'_>> {
            match o {
                Some(OrgRef::Id(id)) => Some(Reference {
                    field,
                    section: Section::Organisations,
                    id: id.as_str(),
                }),
                _ => None,
            }
        }
        match self {
            Fields::Practice(p) => {
                let project = p.project.as_deref().map(|id| Reference {
                    field: "project".into(),
                    section: Section::Projects,
                    id,
                });
                org("organisation".into(), p.organisation.as_ref())
                    .into_iter()
                    .chain(project)
                    .collect()
            }
            Fields::Project(p) => {
                let partners = p.partners.iter().enumerate().filter_map(|(i, x)| {
                    org(format!("partners[{i}].organisation"), Some(&x.organisation))
                });
                org("coordinator".into(), p.coordinator.as_ref())
                    .into_iter()
                    .chain(partners)
                    .collect()
            }
            Fields::Organisation(_) | Fields::Page(_) => Vec::new(),
        }
    }
}

/// The problem with a country code that is not two capital letters.
pub(crate) fn country_problem(field: &str, country: &str) -> Option<Problem> {
    let valid = country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase());
    (!valid).then(|| Problem::Invalid {
        field: field.into(),
        message: Text::new("invalid-country").arg("country", country),
    })
}
