//! Where every page goes, and links between pages that work from any depth.
//!
//! Paths are relative to the site root and name directories (`bg/practices/x/`); each is written
//! as `…/index.html`. A link is the page's way back to the root (`../../../`) followed by the
//! target's path, so the same output works at a domain root, under a sub-path and from disk.

use crate::sections::Section;

/// The taxonomies that get term pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    /// Vocabulary `themes`.
    Themes,
    /// Vocabulary `levels`.
    Levels,
    /// Vocabulary `programmes` (projects).
    Programmes,
    /// Free keywords, per language.
    Tags,
    /// Year of the practice's date or the project's start.
    Years,
}

impl Taxonomy {
    /// All taxonomies, in the order facets are shown.
    pub const ALL: [Taxonomy; 5] = [
        Taxonomy::Themes,
        Taxonomy::Levels,
        Taxonomy::Programmes,
        Taxonomy::Years,
        Taxonomy::Tags,
    ];

    /// The URL segment and message-id stem.
    pub fn segment(self) -> &'static str {
        match self {
            Taxonomy::Themes => "themes",
            Taxonomy::Levels => "levels",
            Taxonomy::Programmes => "programmes",
            Taxonomy::Tags => "tags",
            Taxonomy::Years => "years",
        }
    }
}

/// URL segments reserved for generated pages: a free page may not take one as its slug.
pub const RESERVED: [&str; 11] = [
    "practices",
    "projects",
    "organisations",
    "themes",
    "levels",
    "programmes",
    "tags",
    "years",
    "search",
    "media",
    "page",
];

/// The URL segment of a handbook's print page.
pub const PRINT: &str = "print";

/// Builds paths and links; in offline mode directory links end in `index.html`, because browsers
/// opening files from disk do not look for an index file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Urls {
    /// Whether links must name `index.html`.
    pub offline: bool,
}

/// The schemes a link may have: a page never links `javascript:`, `data:`, `vbscript:` or
/// anything else a click would run or open in the page's place.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The scheme of `address` as a browser reads it — ASCII tabs and line breaks removed anywhere,
/// spaces and control characters trimmed at the start, in lower case — or `None` for a relative
/// address. `JAVA\tSCRIPT:alert(1)` is `javascript`, as a browser would run it.
pub fn scheme(address: &str) -> Option<String> {
    let cleaned: String = address
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// `name` if it is plain ASCII without spaces; otherwise its stem as a slug (transliterated)
/// with its extension.
fn safe_file_name(name: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "._-".contains(c);
    if name.chars().all(plain) {
        return name.to_string();
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = match crate::translit::slugify(stem) {
        s if s.is_empty() => "file".to_string(),
        s => s,
    };
    let extension: String = extension.chars().filter(|c| plain(*c)).collect();
    if extension.is_empty() {
        stem
    } else {
        format!("{stem}.{extension}")
    }
}

impl Urls {
    /// The directory path of a language's home.
    pub fn home(lang: &str) -> String {
        format!("{lang}/")
    }

    /// The directory path of a section listing page (1-based `page`).
    pub fn listing(lang: &str, section: Section, page: usize) -> String {
        paged(format!("{lang}/{}/", section.dir()), page)
    }

    /// The directory path of an entry.
    pub fn entry(lang: &str, section: Section, slug: &str) -> String {
        match section {
            Section::Pages => format!("{lang}/{slug}/"),
            _ => format!("{lang}/{}/{slug}/", section.dir()),
        }
    }

    /// The directory path of a language's search page.
    pub fn search(lang: &str) -> String {
        format!("{lang}/search/")
    }

    /// The directory path of a taxonomy's index of terms.
    pub fn taxonomy(lang: &str, taxonomy: Taxonomy) -> String {
        format!("{lang}/{}/", taxonomy.segment())
    }

    /// The directory path of a term page (1-based `page`).
    pub fn term(lang: &str, taxonomy: Taxonomy, term: &str, page: usize) -> String {
        paged(format!("{lang}/{}/{term}/", taxonomy.segment()), page)
    }

    /// The directory path of a project's handbook: its contents page.
    pub fn handbook(lang: &str, project: &str) -> String {
        format!("{}handbook/", Urls::entry(lang, Section::Projects, project))
    }

    /// The directory path of a handbook chapter.
    pub fn chapter(lang: &str, project: &str, chapter: &str) -> String {
        format!("{}{chapter}/", Urls::handbook(lang, project))
    }

    /// The directory path of the page holding every chapter of a handbook, for printing. A
    /// chapter may not take its slug, [`PRINT`].
    pub fn handbook_print(lang: &str, project: &str) -> String {
        Urls::chapter(lang, project, PRINT)
    }

    /// The path of a file of a project's handbook (a download, a picture in a chapter).
    pub fn handbook_media(project: &str, file: &str) -> String {
        Urls::media(Section::Projects, project, &format!("handbook/{file}"))
    }

    /// The path of a file beside an entry, written once for all languages. A file name with
    /// spaces or letters other than ASCII (`Снимка от градината 1.JPG`) is published under a
    /// safe one (`snimka-ot-gradinata-1.JPG`) that every host, zip tool and browser handles.
    pub fn media(section: Section, slug: &str, file: &str) -> String {
        let safe: Vec<String> = file.split('/').map(safe_file_name).collect();
        format!("media/{}/{slug}/{}", section.dir(), safe.join("/"))
    }

    /// How a path is written in a link: directories get `index.html` in offline mode.
    pub fn href(&self, path: &str) -> String {
        if self.offline && (path.is_empty() || path.ends_with('/')) {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }

    /// A link from the page at `from` (a directory path) to `to` (any path).
    pub fn link(&self, from: &str, to: &str) -> String {
        let link = format!("{}{}", root_prefix(from), self.href(to));
        if link.is_empty() { "./".into() } else { link }
    }
}

fn paged(base: String, page: usize) -> String {
    if page <= 1 {
        base
    } else {
        format!("{base}page/{page}/")
    }
}

/// The way from a page's directory back to the site root: `../` per level.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The file a directory path is written to.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_to_the_root_and_down_again() {
        let urls = Urls::default();
        let from = Urls::entry("bg", Section::Practices, "a");
        assert_eq!(
            urls.link(&from, &Urls::entry("en", Section::Practices, "a")),
            "../../../en/practices/a/"
        );
        assert_eq!(urls.link("", &Urls::home("bg")), "bg/");
        assert_eq!(urls.link("", ""), "./");
        assert_eq!(
            Urls::listing("en", Section::Projects, 2),
            "en/projects/page/2/"
        );
    }

    #[test]
    fn offline_links_name_index_files() {
        let urls = Urls { offline: true };
        assert_eq!(
            urls.link("bg/", "bg/practices/"),
            "../bg/practices/index.html"
        );
        assert_eq!(
            urls.link("bg/", "media/practices/a/x.jpg"),
            "../media/practices/a/x.jpg"
        );
        assert_eq!(file_of("bg/"), "bg/index.html");
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for (address, expected) in [
            ("https://school.example/", Some("https")),
            ("JAVASCRIPT:alert(1)", Some("javascript")),
            ("  javascript:alert(1)", Some("javascript")),
            ("\u{1}javascript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("java\nscript:alert(1)", Some("javascript")),
            ("data:text/html,x", Some("data")),
            ("mailto:a@school.example", Some("mailto")),
            ("photo.jpg", None),
            ("folder/a:b.pdf", None),
            ("#top", None),
        ] {
            assert_eq!(scheme(address).as_deref(), expected, "{address:?}");
        }
    }

    #[test]
    fn files_are_published_under_safe_names() {
        let media = |file: &str| Urls::media(Section::Practices, "a", file);
        assert_eq!(media("Photo_1.JPG"), "media/practices/a/Photo_1.JPG");
        assert_eq!(
            media("Снимка от градината 1.JPG"),
            "media/practices/a/snimka-ot-gradinata-1.JPG"
        );
        assert_eq!(
            media("снимки/лято 2024.png"),
            "media/practices/a/snimki/lyato-2024.png"
        );
        assert_eq!(media("„“.pdf"), "media/practices/a/file.pdf");
    }
}
