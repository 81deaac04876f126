//! `spodeli new`: a new site, or a new entry in both languages, written so that it builds at
//! once and is never published half-written (`draft: true` until the author removes it).
//!
//! An entry is described once, as a list of [`Field`]s, and written in whichever form the
//! author asks for: a Markdown file per language, a folder, or one YAML file. Comments in the
//! files (what a field is for, the codes a vocabulary has) are in the file's language.

mod site;
mod write;

use crate::config::SUPPORTED_LANGUAGES;
use crate::diagnostics::Diagnostic;
use crate::messages::{Lang, Text};
use crate::translit::slugify;
use crate::vocabulary::Vocabulary;
use crate::yaml::scalar;
use std::path::{Path, PathBuf};
use write::{failure, write_new};

pub use site::new_site;

/// What `spodeli new` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A practice, from its title.
    Practice(String),
    /// A project, from its title.
    Project(String),
    /// An organisation, from its name.
    Organisation(String),
    /// A free page, from its title.
    Page(String),
    /// The handbook of a project (by the project's slug).
    Handbook(String),
    /// A chapter of a project's handbook: the project's slug and the chapter's title.
    Chapter(String, String),
}

/// The form an entry is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// `<slug>.<lang>.md`, one file per language.
    #[default]
    File,
    /// `<slug>/index.<lang>.md`, with room for photos and files beside them.
    Folder,
    /// `<slug>.yaml`, every language in one file.
    Yaml,
}

/// One field of a new entry.
struct Field {
    key: &'static str,
    /// Written once for every language (in the first language's file), or once per language.
    neutral: bool,
    /// The value per site language, as YAML.
    values: Vec<String>,
    /// What the field is for, in the file's language (`None`: no comment).
    comment: Option<Text>,
    /// Codes of a vocabulary to list under the comment.
    codes: Option<&'static str>,
    /// Written as a comment only: an optional field the author may fill in.
    optional: bool,
}

impl Field {
    /// A field with the same YAML value in every language.
    fn neutral(key: &'static str, value: impl Into<String>, languages: usize) -> Field {
        Field {
            key,
            neutral: true,
            values: vec![value.into(); languages],
            comment: None,
            codes: None,
            optional: false,
        }
    }

    /// A translated text: `text(lang)` in each language.
    fn text(key: &'static str, languages: &[Lang], text: impl Fn(Lang) -> String) -> Field {
        Field {
            key,
            neutral: false,
            values: languages.iter().map(|l| scalar(&text(*l))).collect(),
            comment: None,
            codes: None,
            optional: false,
        }
    }

    fn comment(mut self, text: Text) -> Field {
        self.comment = Some(text);
        self
    }

    fn codes(mut self, vocabulary: &'static str) -> Field {
        self.codes = Some(vocabulary);
        self
    }

    fn optional(mut self) -> Field {
        self.optional = true;
        self
    }

    /// The comment lines above the field in `lang`: what it is for and the codes it takes.
    fn comment_lines(&self, lang: Lang, vocabulary: &Vocabulary, out: &mut String) {
        if let Some(comment) = &self.comment {
            out.push_str(&format!("# {}\n", comment.render(lang)));
        }
        if let Some(set) = self.codes {
            for term in vocabulary.terms(set) {
                let label = term.labels.get(lang.code()).cloned().unwrap_or_default();
                out.push_str(&format!("#   {} — {label}\n", term.code));
            }
        }
    }
}

/// A new entry: its fields and, per language, its Markdown body.
struct Entry {
    fields: Vec<Field>,
    bodies: Vec<String>,
}

/// The site a new entry is added to: its languages (the first is the default) and vocabularies.
struct SiteInfo {
    root: PathBuf,
    languages: Vec<Lang>,
    vocabulary: Vocabulary,
}

impl SiteInfo {
    fn load(root: &Path) -> Result<SiteInfo, Vec<Diagnostic>> {
        let mut diagnostics = crate::diagnostics::Diagnostics::default();
        let Some(config) = crate::config::Config::load(root, &mut diagnostics) else {
            return Err(diagnostics.sorted());
        };
        let vocabulary = Vocabulary::load(root, &config.languages, &mut diagnostics);
        let languages = config
            .languages
            .iter()
            .filter_map(|l| Lang::parse(l))
            .collect();
        Ok(SiteInfo {
            root: root.to_path_buf(),
            languages,
            vocabulary,
        })
    }
}

/// Creates a new entry of `kind` in the site at `root`, in `form`, dated `today`. Returns the
/// files written (relative to `root`). Nothing is overwritten: a taken slug is an error.
pub fn new_entry(
    root: &Path,
    kind: &Kind,
    form: Form,
    today: &str,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let site = SiteInfo::load(root)?;
    let files = match kind {
        Kind::Practice(title) => entry_files(
            &site,
            "practices",
            title,
            form,
            practice(&site, title, today),
        ),
        Kind::Project(title) => {
            entry_files(&site, "projects", title, form, project(&site, title, today))
        }
        Kind::Page(title) => entry_files(&site, "pages", title, form, page(&site, title)),
        Kind::Organisation(name) => entry_files(
            &site,
            "organisations",
            name,
            Form::Yaml,
            organisation(&site, name),
        ),
        Kind::Handbook(project) => handbook_files(&site, project, today),
        Kind::Chapter(project, title) => chapter_files(&site, project, title),
    }
    .map_err(|d| vec![d])?;
    write_new(&site.root, &files).map_err(|d| vec![d])?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// The slug of a title, or an error if it has no letters to make one of.
fn slug_of(title: &str) -> Result<String, Diagnostic> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(failure(Text::new("new-no-slug").arg("title", title)));
    }
    Ok(slug)
}

/// An existing entry with this slug in a section's folder, in any form.
fn existing(root: &Path, section: &str, slug: &str) -> Option<PathBuf> {
    let dir = root.join("content").join(section);
    let taken = |name: &str| {
        name == slug
            || name == format!("{slug}.yaml")
            || name == format!("{slug}.yml")
            || (name.starts_with(&format!("{slug}.")) && name.ends_with(".md"))
    };
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| taken(name))
        .map(|name| Path::new("content").join(section).join(name))
}

/// The files of an entry of `section` in `form`.
fn entry_files(
    site: &SiteInfo,
    section: &str,
    title: &str,
    form: Form,
    entry: Entry,
) -> Result<Vec<(PathBuf, String)>, Diagnostic> {
    let slug = slug_of(title)?;
    if let Some(path) = existing(&site.root, section, &slug) {
        return Err(failure(
            Text::new("new-slug-taken")
                .arg("slug", slug)
                .arg("path", path.display().to_string()),
        ));
    }
    let dir = Path::new("content").join(section);
    Ok(match form {
        Form::Yaml => vec![(dir.join(format!("{slug}.yaml")), yaml_form(site, &entry))],
        Form::File | Form::Folder => site
            .languages
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let name = match form {
                    Form::Folder => Path::new(&slug).join(format!("index.{}.md", lang.code())),
                    _ => PathBuf::from(format!("{slug}.{}.md", lang.code())),
                };
                (dir.join(name), markdown_form(site, &entry, i))
            })
            .collect(),
    })
}

/// The Markdown file of language `i`: the neutral fields go into the first language's file.
fn markdown_form(site: &SiteInfo, entry: &Entry, i: usize) -> String {
    let lang = site.languages[i];
    let mut out = String::from("---\n");
    if i > 0 {
        out.push_str(&format!("# {}\n", Text::new("new-translate").render(lang)));
    }
    for field in entry.fields.iter().filter(|f| i == 0 || !f.neutral) {
        field.comment_lines(lang, &site.vocabulary, &mut out);
        let mark = if field.optional { "# " } else { "" };
        out.push_str(&format!("{mark}{}: {}\n", field.key, field.values[i]));
    }
    out.push_str("---\n\n");
    out.push_str(&entry.bodies[i]);
    out
}

/// The YAML form: translated fields as `{bg: …, en: …}`, comments in the first language.
fn yaml_form(site: &SiteInfo, entry: &Entry) -> String {
    let lang = site.languages[0];
    let mut out = String::new();
    for field in &entry.fields {
        field.comment_lines(lang, &site.vocabulary, &mut out);
        let value = if field.neutral {
            field.values[0].clone()
        } else {
            let per_lang: Vec<String> = site
                .languages
                .iter()
                .zip(&field.values)
                .map(|(l, v)| format!("{}: {v}", l.code()))
                .collect();
            format!("{{{}}}", per_lang.join(", "))
        };
        let mark = if field.optional { "# " } else { "" };
        out.push_str(&format!("{mark}{}: {value}\n", field.key));
    }
    if entry.bodies.iter().any(|b| !b.trim().is_empty()) {
        out.push_str("body:\n");
        for (l, body) in site.languages.iter().zip(&entry.bodies) {
            out.push_str(&format!("  {}: |\n", l.code()));
            for line in body.lines() {
                out.push_str(&format!("    {line}\n").replace("    \n", "\n"));
            }
        }
    }
    out
}

/// The draft flag every new practice, project and page starts with.
fn draft(languages: usize) -> Field {
    Field::neutral("draft", "true", languages).comment(Text::new("new-comment-draft"))
}

/// A placeholder text in each language.
fn placeholder(site: &SiteInfo, text: Text) -> Vec<String> {
    site.languages
        .iter()
        .map(|l| text.render(*l) + "\n")
        .collect()
}

/// The first code of a vocabulary: a valid value the author replaces.
fn first_code(site: &SiteInfo, set: &str) -> String {
    site.vocabulary
        .terms(set)
        .first()
        .map_or_else(String::new, |t| t.code.clone())
}

/// The fields a practice or a project begins with: the draft flag, the title, a summary.
fn opening(site: &SiteInfo, title: &str, summary: Text) -> Vec<Field> {
    let langs = &site.languages;
    vec![
        draft(langs.len()),
        Field::text("title", langs, |_| title.to_string()),
        Field::text("summary", langs, |l| summary.render(l))
            .comment(Text::new("new-comment-summary")),
    ]
}

/// A list of codes of vocabulary `set`, its first code as a placeholder, every code listed
/// with its label; an optional one is written as a comment.
fn code_list(site: &SiteInfo, key: &'static str, set: &'static str, required: bool) -> Field {
    let comment = match required {
        true => Text::new("new-comment-codes-required"),
        false => Text::new("new-comment-codes-optional"),
    };
    let value = format!("[{}]", first_code(site, set));
    let field = Field::neutral(key, value, site.languages.len())
        .comment(comment.arg("field", key))
        .codes(set);
    if required { field } else { field.optional() }
}

fn practice(site: &SiteInfo, title: &str, today: &str) -> Entry {
    let n = site.languages.len();
    let mut fields = opening(site, title, Text::new("new-summary-practice"));
    fields.extend([
        Field::neutral("date", today, n).comment(Text::new("new-comment-date")),
        code_list(site, "themes", "themes", true),
        code_list(site, "levels", "levels", false),
        Field::neutral("organisation", "<id>", n)
            .comment(Text::new("new-comment-organisation"))
            .optional(),
    ]);
    Entry {
        fields,
        bodies: placeholder(site, Text::new("new-body-practice")),
    }
}

fn project(site: &SiteInfo, title: &str, today: &str) -> Entry {
    let n = site.languages.len();
    let mut fields = opening(site, title, Text::new("new-summary-project"));
    fields.extend([
        Field::neutral("programme", first_code(site, "programmes"), n)
            .comment(Text::new("new-comment-code-required").arg("field", "programme"))
            .codes("programmes"),
        Field::neutral("start", today, n).comment(Text::new("new-comment-start-end")),
        Field::neutral("end", today, n),
        code_list(site, "themes", "themes", false),
    ]);
    Entry {
        fields,
        bodies: placeholder(site, Text::new("new-body-project")),
    }
}

fn page(site: &SiteInfo, title: &str) -> Entry {
    let n = site.languages.len();
    Entry {
        fields: vec![
            draft(n),
            Field::text("title", &site.languages, |_| title.to_string()),
            Field::neutral("menu", "1", n)
                .comment(Text::new("new-comment-menu"))
                .optional(),
        ],
        bodies: placeholder(site, Text::new("new-body-page")),
    }
}

fn organisation(site: &SiteInfo, name: &str) -> Entry {
    let n = site.languages.len();
    let langs = &site.languages;
    Entry {
        fields: vec![
            Field::text("name", langs, |_| name.to_string()),
            Field::neutral("kind", first_code(site, "organisation_kinds"), n)
                .comment(Text::new("new-comment-code-required").arg("field", "kind"))
                .codes("organisation_kinds"),
            Field::neutral("school_type", first_code(site, "school_types"), n)
                .comment(Text::new("new-comment-code-optional").arg("field", "school_type"))
                .codes("school_types")
                .optional(),
            Field::text("city", langs, |l| Text::new("new-city").render(l)),
            Field::neutral("country", "BG", n).comment(Text::new("new-comment-country")),
            Field::neutral("website", "https://", n).optional(),
        ],
        bodies: vec![String::new(); n],
    }
}

/// The folder of a project that can hold a handbook, or why it cannot.
fn project_folder(site: &SiteInfo, project: &str) -> Result<PathBuf, Diagnostic> {
    let folder = Path::new("content/projects").join(project);
    if site.root.join(&folder).is_dir() {
        return Ok(folder);
    }
    Err(failure(match existing(&site.root, "projects", project) {
        Some(path) => Text::new("new-project-not-a-folder")
            .arg("path", path.display().to_string())
            .arg("project", project),
        None => Text::new("new-no-project").arg("project", project),
    }))
}

fn handbook_files(
    site: &SiteInfo,
    project: &str,
    today: &str,
) -> Result<Vec<(PathBuf, String)>, Diagnostic> {
    let dir = project_folder(site, project)?.join("handbook");
    if site.root.join(&dir).exists() {
        return Err(failure(
            Text::new("new-exists").arg("path", dir.display().to_string()),
        ));
    }
    let n = site.languages.len();
    let entry = Entry {
        fields: vec![
            Field::text("title", &site.languages, |l| {
                Text::new("new-handbook-title").render(l)
            }),
            Field::neutral("published", today, n).comment(Text::new("new-comment-date")),
            Field::neutral("license", "CC-BY-4.0", n).comment(Text::new("new-comment-license")),
        ],
        bodies: placeholder(site, Text::new("new-body-preface")),
    };
    Ok(markdown_files(site, &dir, "index", &entry))
}

fn chapter_files(
    site: &SiteInfo,
    project: &str,
    title: &str,
) -> Result<Vec<(PathBuf, String)>, Diagnostic> {
    let dir = project_folder(site, project)?.join("handbook");
    if !site.root.join(&dir).is_dir() {
        return Err(failure(
            Text::new("new-no-handbook").arg("project", project),
        ));
    }
    let slug = slug_of(title)?;
    let mut last = 0;
    for entry in std::fs::read_dir(site.root.join(&dir))
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((number, rest)) = name.split_once('-')
            && let Ok(number) = number.parse::<u32>()
        {
            last = last.max(number);
            if rest.split('.').next() == Some(slug.as_str()) {
                return Err(failure(
                    Text::new("new-slug-taken")
                        .arg("slug", slug)
                        .arg("path", dir.join(&name).display().to_string()),
                ));
            }
        }
    }
    let entry = Entry {
        fields: vec![
            Field::text("title", &site.languages, |_| title.to_string()),
            Field::text("summary", &site.languages, |l| {
                Text::new("new-summary-chapter").render(l)
            })
            .comment(Text::new("new-comment-summary")),
            Field::neutral("practices", "[]", site.languages.len())
                .comment(Text::new("new-comment-practices"))
                .optional(),
        ],
        bodies: placeholder(site, Text::new("new-body-chapter")),
    };
    Ok(markdown_files(
        site,
        &dir,
        &format!("{:02}-{slug}", last + 1),
        &entry,
    ))
}

/// `<dir>/<stem>.<lang>.md` for every language.
fn markdown_files(
    site: &SiteInfo,
    dir: &Path,
    stem: &str,
    entry: &Entry,
) -> Vec<(PathBuf, String)> {
    (0..site.languages.len())
        .map(|i| {
            let name = format!("{stem}.{}.md", site.languages[i].code());
            (dir.join(name), markdown_form(site, entry, i))
        })
        .collect()
}

/// The languages of `--languages bg,en`, checked.
pub fn parse_languages(list: &str) -> Result<Vec<Lang>, Diagnostic> {
    let mut languages = Vec::new();
    for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        match Lang::parse(code).filter(|_| SUPPORTED_LANGUAGES.contains(&code)) {
            Some(lang) if !languages.contains(&lang) => languages.push(lang),
            Some(_) => {}
            None => {
                return Err(failure(
                    Text::new("config-unsupported-language")
                        .arg("lang", code)
                        .arg("supported", SUPPORTED_LANGUAGES.join(", ")),
                ));
            }
        }
    }
    if languages.is_empty() {
        return Err(failure(
            Text::new("config-no-languages").arg("supported", SUPPORTED_LANGUAGES.join(", ")),
        ));
    }
    Ok(languages)
}

/// Where `new` says a file was written, for the command line.
pub fn created(path: &Path) -> Text {
    Text::new("new-created").arg("path", path.display().to_string())
}

#[cfg(test)]
mod tests;
