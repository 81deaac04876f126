//! `spodeli new site DIR`: a working site to start from — a commented `site.yaml`, a sample
//! practice, the school as an organisation, an about page and an accessibility statement
//! (the EU model statement, filled in with what the default theme is tested for).

use super::write::{failure, write_new};
use crate::diagnostics::Diagnostic;
use crate::messages::{Lang, Text};
use crate::yaml::scalar;
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};

/// The sample content of a new site; `@TODAY@` becomes the day it is made.
static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/sample");

/// Writes a new site into `dir` (which must not exist or must be empty) for `languages` (the
/// first is the default), with comments in the language the tool speaks. Returns the files
/// written, relative to `dir`.
pub fn new_site(dir: &Path, languages: &[Lang], today: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    let not_empty = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if not_empty || dir.is_file() {
        let path = dir.display().to_string();
        return Err(failure(Text::new("new-site-not-empty").arg("path", path)));
    }
    let mut files = vec![(PathBuf::from("site.yaml"), site_yaml(dir, languages))];
    collect(&CONTENT, languages, today, &mut files);
    files.sort();
    write_new(dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// The sample files for the site's languages (`about.en.md` only if English is one of them).
fn collect(dir: &Dir<'static>, languages: &[Lang], today: &str, out: &mut Vec<(PathBuf, String)>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => collect(d, languages, today, out),
            include_dir::DirEntry::File(f) => {
                let path = f.path();
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let lang = name.strip_suffix(".md").and_then(|s| s.rsplit('.').next());
                if lang.is_some_and(|l| !languages.iter().any(|x| x.code() == l)) {
                    continue;
                }
                let text = f
                    .contents_utf8()
                    .unwrap_or_default()
                    .replace("@TODAY@", today);
                out.push((path.to_path_buf(), text));
            }
        }
    }
}

/// A commented `site.yaml`, titled after the folder.
fn site_yaml(dir: &Path, languages: &[Lang]) -> String {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "spodeli".into());
    let mut chars = name.chars();
    let title: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect();
    let codes: Vec<&str> = languages.iter().map(|l| l.code()).collect();
    let per_lang = |text: &dyn Fn(Lang) -> String| {
        let parts: Vec<String> = languages
            .iter()
            .map(|l| format!("{}: {}", l.code(), scalar(&text(*l))))
            .collect();
        format!("{{{}}}", parts.join(", "))
    };
    let description = per_lang(&|l| Text::new("new-site-description").render(l));
    format!(
        "# {intro}\n\n# {title_c}\ntitle: {titles}\n# {description_c}\ndescription: {description}\n\n\
         # {base_c}\nbase_url: https://school.example/praktiki/\n\n\
         # {languages_c}\nlanguages: [{languages}]\n\n\
         # {colour_c}\nprimary_color: \"#1f5f8b\"\n\n\
         # {logo_c}\n# logo: logo.svg\n\n# {paginate_c}\npaginate: 12\n",
        intro = Text::new("new-site-intro"),
        title_c = Text::new("new-site-title"),
        titles = per_lang(&|_| title.clone()),
        description_c = Text::new("new-site-description-comment"),
        base_c = Text::new("new-site-base-url"),
        languages_c = Text::new("new-site-languages"),
        languages = codes.join(", "),
        colour_c = Text::new("new-site-colour"),
        logo_c = Text::new("new-site-logo"),
        paginate_c = Text::new("new-site-paginate"),
    )
}
