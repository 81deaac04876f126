//! What a handbook's book in one language holds, gathered once for both formats: the title
//! page's facts, the preface and the chapters (each in the language shown, with its note when
//! that is not the book's), and the practices each chapter presents. Texts the book adds
//! ("Contents", "Editors"…) come from the site's messages, so a site can reword them.

use crate::content::Section;
use crate::content::handbook::{Book, Chapter, Handbook, Version};
use crate::content::model::Fields;
use crate::content::model::{OrgRef, Person};
use crate::site::Site;
use crate::urls::Urls;
use fluent_bundle::FluentValue;

/// A body of the book and where it is: the files it is in, the part and first line, its
/// language.
pub struct Body<'a> {
    /// The Markdown.
    pub text: &'a str,
    /// The file it is in, as shown in messages.
    pub file: &'a std::path::Path,
    /// Its first line in that file.
    pub line: usize,
    /// Its language.
    pub lang: &'a str,
}

/// A practice a chapter presents, as a box in the book.
pub struct CaseStudy {
    /// The practice's title.
    pub title: String,
    /// The organisation that carries it out.
    pub organisation: Option<String>,
    /// Its page.
    pub url: String,
}

/// A chapter as the book shows it.
pub struct Part<'a> {
    /// Its slug (labels in the PDF, file names in the EPUB).
    pub slug: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its authors.
    pub authors: &'a [Person],
    /// Its text, in the language it is shown in.
    pub body: Body<'a>,
    /// The note that it is shown in another language than the book's, if it is.
    pub note: Option<String>,
    /// The practices it presents.
    pub case_studies: Vec<CaseStudy>,
}

/// A handbook's book in one language.
pub struct Manuscript<'a> {
    /// The handbook's index file in that language, as shown (where problems of the whole
    /// book are reported).
    pub file: &'a std::path::Path,
    /// The book's language.
    pub lang: &'a str,
    /// The index's fields in that language.
    pub book: &'a Book,
    /// The preface (the index's body), if there is one.
    pub preface: Option<Body<'a>>,
    /// The chapters in order.
    pub parts: Vec<Part<'a>>,
    /// The project's title.
    pub project: String,
    /// The project's programme, as the vocabulary names it.
    pub programme: String,
    /// The address of the handbook's contents page.
    pub url: String,
    /// The licence's name and address.
    pub licence: Option<(String, String)>,
    /// The words the book adds, by message id.
    words: &'a Site,
}

impl<'a> Manuscript<'a> {
    /// The book of `handbook` (of project entry `project`) in `lang`, one of the languages its
    /// index is written in.
    pub fn new(site: &'a Site, project: usize, handbook: &'a Handbook, lang: &'a str) -> Self {
        let entry = &site.entries[project];
        let index: &Version<Book> = &handbook.versions[lang];
        let preface = (!index.body.trim().is_empty()).then(|| Body {
            text: &index.body,
            file: &handbook.parts[index.body_at.0].shown,
            line: index.body_at.1,
            lang,
        });
        let (variant, _) = site.shown_variant(project, lang);
        let programme = match &variant.fields {
            Fields::Project(p) => site.vocabulary.label("programmes", &p.programme, lang),
            _ => "",
        };
        let licence = index
            .fields
            .license
            .as_deref()
            .map(|id| crate::licences::licence(id, lang));
        let first = handbook
            .parts
            .iter()
            .find(|p| p.lang.as_deref() == Some(lang));
        let mut manuscript = Manuscript {
            file: &first.unwrap_or(&handbook.parts[0]).shown,
            lang,
            book: &index.fields,
            preface,
            parts: Vec::new(),
            project: variant.common.title.clone(),
            programme: programme.to_string(),
            url: site.config.absolute(&Urls::handbook(lang, &entry.slug)),
            licence,
            words: site,
        };
        manuscript.parts = handbook
            .chapters
            .iter()
            .map(|c| manuscript.part(site, c))
            .collect();
        manuscript
    }

    fn part(&self, site: &'a Site, chapter: &'a Chapter) -> Part<'a> {
        let (version, shown, own) = chapter.shown(self.lang, site.config.default_language());
        let note = (!own).then(|| self.word("handbook-chapter-untranslated", &[]));
        Part {
            slug: &chapter.slug,
            title: &version.fields.title,
            authors: &version.fields.authors,
            body: Body {
                text: &version.body,
                file: &chapter.parts[version.body_at.0].shown,
                line: version.body_at.1,
                lang: shown,
            },
            note,
            case_studies: version
                .fields
                .practices
                .iter()
                .filter_map(|id| case_study(site, id, self.lang))
                .collect(),
        }
    }

    /// The site's message `id` in the book's language.
    pub fn word(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.words
            .i18n
            .message(self.lang, id, args)
            .unwrap_or_else(|_| id.to_string())
    }
}

/// The practice `id` as a case study for a book in `lang`, if the site has it.
fn case_study(site: &Site, id: &str, lang: &str) -> Option<CaseStudy> {
    let i = site.find(Section::Practices, id)?;
    let (v, _) = site.shown_variant(i, lang);
    let organisation = match &v.fields {
        Fields::Practice(p) => p.organisation.as_ref().map(|o| match o {
            OrgRef::Inline(inline) => inline.name.clone(),
            OrgRef::Id(id) => site
                .find(Section::Organisations, id.as_str())
                .and_then(|k| {
                    let e = &site.entries[k];
                    e.title(lang).or_else(|| e.title(&site.fallback(e).lang))
                })
                .map_or_else(|| id.clone(), String::from),
        }),
        _ => None,
    };
    Some(CaseStudy {
        title: v.common.title.clone(),
        organisation,
        url: site
            .config
            .absolute(&Urls::entry(&v.lang, Section::Practices, id)),
    })
}
