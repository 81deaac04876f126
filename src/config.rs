//! `site.yaml`: the site's title, address, languages and look.

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::langmap;
use crate::messages::Text;
use crate::reader::read_text;
use crate::yaml::{self, Source};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// The settings of one site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder (where `site.yaml` is).
    pub root: PathBuf,
    /// The absolute address the site is published at, ending with `/`. Used only where a
    /// standard demands absolute URLs: canonical links, hreflang, sitemap, feeds, Open Graph.
    pub base_url: String,
    /// The site's languages; the first is the default.
    pub languages: Vec<String>,
    /// The site title per language.
    pub title: BTreeMap<String, String>,
    /// A one-sentence description per language (home page, meta description, feeds).
    pub description: BTreeMap<String, String>,
    /// The theme folder name under `themes/` (`default` is built in).
    pub theme: String,
    /// Whether raw HTML in Markdown is passed through (otherwise it is shown as text).
    pub allow_html: bool,
    /// Entries per listing page.
    pub paginate: usize,
    /// The theme's primary colour, `#rrggbb`.
    pub primary_color: String,
    /// A logo file under `static/`, shown in the header.
    pub logo: Option<String>,
    /// Whether entries marked `draft: true` are built.
    pub drafts: bool,
    /// How photos are published (`images:`): the widths made, quality, the pixel limit, and
    /// whether copyright tags are kept.
    pub images: crate::photos::Settings,
    /// Where `spodeli deploy` sends the site by default, and how it trusts the server.
    pub deploy: DeploySettings,
    /// Whether the build writes the default `.htaccess` for Apache hosts (a site's own in
    /// `static/` wins).
    pub htaccess: bool,
}

/// `deploy:` in `site.yaml`. There is no password here: the file is shared and kept in version
/// control, so a `password` key is refused with a pointer to where passwords go.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploySettings {
    /// The default target (`ftp://user@host/folder/`, `ftps://…`, `sftp://…` or a folder).
    pub target: Option<String>,
    /// FTPS: the SHA-256 fingerprint of a self-signed certificate to trust.
    pub certificate: Option<String>,
    /// SFTP: the known-hosts file (default `~/.ssh/known_hosts`).
    pub known_hosts: Option<PathBuf>,
    /// SFTP: the private key file (default `~/.ssh/id_ed25519`, `id_ecdsa` or `id_rsa`).
    pub key: Option<PathBuf>,
    /// Read only to be refused.
    password: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct RawConfig {
    base_url: Option<String>,
    #[serde(default = "default_languages")]
    languages: Vec<String>,
    default_language: Option<String>,
    title: Value,
    #[serde(default)]
    description: Value,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    allow_html: bool,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default = "default_color")]
    primary_color: String,
    logo: Option<String>,
    #[serde(default)]
    images: crate::photos::Settings,
    #[serde(default)]
    deploy: DeploySettings,
    #[serde(default)]
    htaccess: bool,
}

fn default_languages() -> Vec<String> {
    vec!["bg".into(), "en".into()]
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    12
}
fn default_color() -> String {
    "#1f5f8b".into()
}

/// The keys `site.yaml` may have.
const KEYS: [&str; 13] = [
    "title",
    "description",
    "base_url",
    "languages",
    "default_language",
    "theme",
    "primary_color",
    "logo",
    "paginate",
    "allow_html",
    "images",
    "deploy",
    "htaccess",
];

/// A key `site.yaml` does not have is probably misspelt or from another tool: a warning that
/// names the nearest known key, not a failed build.
fn warn_of_unknown_keys(
    map: &Map<String, Value>,
    source: Source<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for key in map.keys().filter(|k| !KEYS.contains(&k.as_str())) {
        problems.push(Diagnostic::warning(
            Location::at(CONFIG_FILE, yaml::locate_key(source, key)),
            Problem::UnknownField {
                field: key.clone(),
                known: KEYS.iter().map(|k| k.to_string()).collect(),
            },
        ));
    }
}

/// The languages spodeli has user-interface messages and date formats for.
pub const SUPPORTED_LANGUAGES: [&str; 2] = langmap::LANGUAGES;

impl Config {
    /// Checks that `root` is a site folder (it has `site.yaml`), before anything is written.
    pub fn exists(root: &Path) -> Result<(), Diagnostic> {
        if root.join(CONFIG_FILE).is_file() {
            return Ok(());
        }
        let message = Text::new("config-not-a-site").arg("root", root.display().to_string());
        Err(Diagnostic::global(Problem::Io(message)))
    }

    /// Reads `site.yaml` from `root`, pushing all its problems into `diagnostics`: `None` if
    /// one of them is an error (problems that still allow a build are warnings).
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
        let mut problems = Vec::new();
        let config = Config::read(root, &mut problems);
        let failed = problems.iter().any(Diagnostic::is_error);
        diagnostics.extend(problems);
        config.filter(|_| !failed)
    }

    /// Reads `site.yaml`, going on after each problem it can go on after.
    fn read(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            let message = Text::new("config-not-a-site").arg("root", root.display().to_string());
            problems.push(Diagnostic::error(
                Location::file(CONFIG_FILE),
                Problem::Io(message),
            ));
            return None;
        }
        let text = read_text(&path, Path::new(CONFIG_FILE))
            .map_err(|d| problems.push(d))
            .ok()?;
        let source = Source {
            text: &text,
            first_line: 1,
        };
        let file = Path::new(CONFIG_FILE);
        let mut map = yaml::parse_mapping(source, file)
            .map_err(|d| problems.push(d))
            .ok()?;
        problems.extend(yaml::check_parsed(source, file, &mut map));
        let at = |field: &str| Location::at(CONFIG_FILE, yaml::locate(source, field));
        warn_of_unknown_keys(&map, source, problems);
        let raw: RawConfig = yaml::deserialize(Value::Object(map), at, problems)?.value;
        let per_lang = |value: &Value| -> BTreeMap<String, String> {
            raw.languages
                .iter()
                .filter_map(|l| {
                    let v = langmap::resolve(value, l, &raw.languages);
                    v.as_str().map(|s| (l.clone(), s.to_string()))
                })
                .collect()
        };
        let title = per_lang(&raw.title);
        for lang in raw.languages.iter().filter(|l| !title.contains_key(*l)) {
            problems.push(Diagnostic::error(
                at("title"),
                Problem::MissingField {
                    field: "title".into(),
                    lang: Some(lang.clone()),
                },
            ));
        }
        let mut report = |error: bool, field: &str, message: Text| {
            let problem = Problem::Config {
                field: field.into(),
                message,
            };
            problems.push(match error {
                true => Diagnostic::error(at(field), problem),
                false => Diagnostic::warning(at(field), problem),
            });
        };
        let languages = ordered_languages(&raw, &mut report);
        if raw.theme != "default" && !root.join("themes").join(&raw.theme).is_dir() {
            report(
                true,
                "theme",
                Text::new("theme-not-found").arg("name", &raw.theme),
            );
        }
        let base_url = base_url(raw.base_url.as_deref(), &mut report);
        check_colour(&raw.primary_color, &mut report);
        if raw.paginate == 0 {
            report(true, "paginate", Text::new("config-paginate"));
        }
        check_images(&raw.images, &mut report);
        if raw.deploy.password.is_some() {
            report(true, "deploy.password", Text::new("config-deploy-password"));
        }
        Some(Config {
            root: root.to_path_buf(),
            base_url,
            description: per_lang(&raw.description),
            languages,
            title,
            theme: raw.theme,
            allow_html: raw.allow_html,
            paginate: raw.paginate,
            primary_color: raw.primary_color,
            logo: raw.logo,
            drafts: false,
            images: raw.images,
            deploy: raw.deploy,
            htaccess: raw.htaccess,
        })
    }

    /// The absolute URL of a site-root-relative path.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The path part of `base_url` (`/praktiki/`), for the one page served at unknown depths: 404.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// The default language (the first listed).
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }
}

/// Reports a problem with a field of `site.yaml`: an error (`true`) or a warning.
type Report<'a> = dyn FnMut(bool, &str, Text) + 'a;

/// The site's languages, the default first: the root page falls back to it, hreflang's
/// x-default names it, and the language switcher starts with it.
fn ordered_languages(raw: &RawConfig, report: &mut Report<'_>) -> Vec<String> {
    let supported = SUPPORTED_LANGUAGES.join(", ");
    if raw.languages.is_empty() {
        let message = Text::new("config-no-languages").arg("supported", &supported);
        report(true, "languages", message);
    }
    for lang in &raw.languages {
        if !SUPPORTED_LANGUAGES.contains(&lang.as_str()) {
            let message = Text::new("config-unsupported-language")
                .arg("lang", lang)
                .arg("supported", &supported);
            report(true, "languages", message);
        }
    }
    let mut languages = raw.languages.clone();
    if let Some(default) = &raw.default_language {
        match languages.iter().position(|l| l == default) {
            Some(i) => {
                let lang = languages.remove(i);
                languages.insert(0, lang);
            }
            None => report(
                true,
                "default_language",
                Text::new("config-default-language")
                    .arg("lang", default)
                    .arg("languages", raw.languages.join(", ")),
            ),
        }
    }
    languages
}

/// The site's address with a final `/`; without one, a local address (and a warning: feeds
/// and canonical links need the real one).
fn base_url(url: Option<&str>, report: &mut Report<'_>) -> String {
    match url {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            match url.ends_with('/') {
                true => url.to_string(),
                false => format!("{url}/"),
            }
        }
        Some(_) => {
            report(true, "base_url", Text::new("config-base-url-not-absolute"));
            String::new()
        }
        None => {
            report(false, "base_url", Text::new("config-base-url-missing"));
            "http://localhost:1111/".into()
        }
    }
}

/// The primary colour must be `#rrggbb`, and white text on it should be readable.
/// Photo settings a photo could not be made with: widths from 16 to 8,000 pixels (WebP's limit
/// is 16,383), qualities from 1 to 100, a pixel limit of at least one megapixel.
fn check_images(images: &crate::photos::Settings, report: &mut Report<'_>) {
    if images.widths.is_empty() || images.widths.iter().any(|w| !(16..=8000).contains(w)) {
        report(true, "images.widths", Text::new("config-image-widths"));
    }
    if images.formats.is_empty() {
        report(true, "images.formats", Text::new("config-image-formats"));
    }
    for (field, quality) in [
        ("images.quality", images.quality),
        ("images.jpeg_quality", images.jpeg_quality),
    ] {
        if !(1..=100).contains(&quality) {
            report(true, field, Text::new("config-image-quality"));
        }
    }
    if images.max_megapixels == 0 {
        report(
            true,
            "images.max_megapixels",
            Text::new("config-image-pixels"),
        );
    }
}

fn check_colour(colour: &str, report: &mut Report<'_>) {
    if !is_hex_colour(colour) {
        report(true, "primary_color", Text::new("config-colour"));
        return;
    }
    let contrast = contrast_with_white(colour);
    if contrast < 4.5 {
        let message = Text::new("config-contrast").arg("contrast", format!("{contrast:.1}"));
        report(false, "primary_color", message);
    }
}

fn is_hex_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The WCAG contrast ratio between `#rrggbb` and white.
fn contrast_with_white(colour: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&colour[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast_with_white("#000000") - 21.0).abs() < 0.01);
        assert!((contrast_with_white("#ffffff") - 1.0).abs() < 0.01);
        assert!(contrast_with_white(&default_color()) >= 4.5);
    }

    #[test]
    fn every_problem_of_the_configuration_is_reported_in_one_run() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "languages: [bg, de]\ntitle: {bg: Т}\nbase_url: school.example\n\
             primary_color: blue\npaginate: many\ncolour: red\ntheme: fancy\n",
        )
        .unwrap();
        let mut diagnostics = Diagnostics::default();
        assert!(Config::load(dir.path(), &mut diagnostics).is_none());
        let found: Vec<(String, (usize, usize))> = diagnostics
            .iter()
            .map(|d| {
                let field = match &d.problem {
                    Problem::UnknownField { field, .. } => {
                        assert!(!d.is_error(), "an unknown key is a warning");
                        format!("unknown {field}")
                    }
                    Problem::Config { field, .. } | Problem::MissingField { field, .. } => {
                        field.clone()
                    }
                    Problem::WrongType { field, .. } => format!("type of {field}"),
                    other => panic!("unexpected {other:?}"),
                };
                let pos = d.pos().unwrap();
                (field, (pos.line, pos.column))
            })
            .collect();
        let expected = [
            ("unknown colour", (6, 1)),
            ("type of paginate", (5, 11)),
            ("title", (2, 8)),
            ("languages", (1, 12)),
            ("theme", (7, 8)),
            ("base_url", (3, 11)),
            ("primary_color", (4, 16)),
        ];
        let expected: Vec<(String, (usize, usize))> =
            expected.iter().map(|(f, p)| (f.to_string(), *p)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_light_primary_colour_is_a_warning_at_its_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "base_url: https://s.example/\ntitle: {bg: Т, en: T}\nprimary_color: '#aaaaaa'\n",
        )
        .unwrap();
        let mut diagnostics = Diagnostics::default();
        assert!(Config::load(dir.path(), &mut diagnostics).is_some());
        let found: Vec<_> = diagnostics.iter().collect();
        assert_eq!(found.len(), 1);
        assert!(!found[0].is_error());
        assert!(
            matches!(&found[0].problem, Problem::Config { field, .. } if field == "primary_color")
        );
        assert_eq!(found[0].pos(), Some(Pos::new(3, 16)));
    }

    #[test]
    fn base_path_is_the_path_of_base_url() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "base_url: https://school.example/praktiki\ntitle: {bg: Т, en: T}\n",
        )
        .unwrap();
        let config = Config::load(dir.path(), &mut Diagnostics::default()).unwrap();
        assert_eq!(config.base_url, "https://school.example/praktiki/");
        assert_eq!(config.base_path(), "/praktiki/");
        assert_eq!(config.title["en"], "T");
    }
}
