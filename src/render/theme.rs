//! Finding a theme's templates and static files.
//!
//! The default theme is built into the binary, so a site needs no copy of it; a site may still
//! hold `themes/<name>/` (the repository's sample site does, to edit the theme in place), and its
//! own `templates/` overrides any theme template by file name.

use crate::messages::Text;
use include_dir::{Dir, include_dir};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Built into the binary.
    Embedded(&'static [u8]),
    /// A file on disk.
    Disk(PathBuf),
}

/// A theme's files, with the site's overrides applied.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name → (text, path shown in messages).
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Output path → origin, for the theme's `static/` then the site's `static/`.
    pub statics: BTreeMap<String, Origin>,
    /// Templates that could not be read (not UTF-8, unreadable): reported, never an empty
    /// template in their place.
    pub problems: Vec<crate::diagnostics::Diagnostic>,
}

/// The templates' components (Tera's macros): any template may use them without naming the
/// file, so every page depends on it.
const COMPONENTS: &str = "partials/components.html";

impl Theme {
    /// Collects the files of theme `name` for the site at `root`. Returns an error message if the
    /// theme does not exist.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Text> {
        let mut theme = Theme::default();
        let on_disk = root.join("themes").join(name);
        if on_disk.is_dir() {
            theme.add_disk(root, &on_disk.join("templates"), true);
            theme.add_disk(root, &on_disk.join("static"), false);
        } else if name == "default" {
            theme.add_embedded(&DEFAULT_THEME);
        } else {
            return Err(Text::new("theme-not-found").arg("name", name));
        }
        theme.add_disk(root, &root.join("templates"), true);
        theme.add_disk(root, &root.join("static"), false);
        Ok(theme)
    }

    fn add_embedded(&mut self, dir: &'static Dir<'static>) {
        for entry in dir.entries() {
            match entry {
                include_dir::DirEntry::Dir(d) => self.add_embedded(d),
                include_dir::DirEntry::File(f) => {
                    let path = f.path().to_string_lossy().replace('\\', "/");
                    if let Some(name) = path.strip_prefix("templates/") {
                        let shown = Path::new("(built-in theme)").join(&path);
                        self.templates.insert(
                            name.to_string(),
                            (f.contents_utf8().unwrap_or_default().to_string(), shown),
                        );
                    } else if let Some(name) = path.strip_prefix("static/") {
                        self.statics
                            .insert(name.to_string(), Origin::Embedded(f.contents()));
                    }
                }
            }
        }
    }

    /// Reads the templates (`templates` true) or the static files under `dir`. Static files
    /// whose names start with a dot are published (`.htaccess`, `.well-known/`), but not what
    /// [`left_out`] names.
    fn add_disk(&mut self, root: &Path, dir: &Path, templates: bool) {
        // Links are followed (those leading outside the site are refused before).
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !left_out(&e.file_name().to_string_lossy()))
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || (templates && name.starts_with('.')) {
                continue;
            }
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if templates {
                let shown = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                match crate::reader::read_text(entry.path(), &shown) {
                    Ok(text) => {
                        self.templates.insert(name, (text, shown));
                    }
                    Err(problem) => self.problems.push(problem),
                }
            } else {
                self.statics
                    .insert(name, Origin::Disk(entry.path().to_path_buf()));
            }
        }
    }

    /// Per template: a hash of its text and of the texts of every template it names (extends,
    /// includes), of the card template, which pages use through the renderer, and of the components.
    pub(super) fn prints(&self) -> HashMap<String, u64> {
        let templates = &self.templates;
        let uses = |name: &str| -> Vec<&str> {
            let text = &templates[name].0;
            templates
                .keys()
                .map(String::as_str)
                .filter(|other| {
                    *other != name
                        && (text.contains(&format!("\"{other}\""))
                            || text.contains(&format!("'{other}'")))
                })
                .collect()
        };
        templates
            .keys()
            .map(|name| {
                let mut seen: HashSet<&str> = HashSet::new();
                let mut stack = vec![name.as_str(), "partials/card.html", COMPONENTS];
                while let Some(next) = stack.pop() {
                    if templates.contains_key(next) && seen.insert(next) {
                        stack.extend(uses(next));
                    }
                }
                let mut used: Vec<&str> = seen.into_iter().collect();
                used.sort_unstable();
                let texts: Vec<&str> = used.iter().map(|n| templates[*n].0.as_str()).collect();
                (name.clone(), crate::fingerprint::of(&(used, texts)))
            })
            .collect()
    }
}

/// What a site's folders hold but no reader should get: version control, the litter of file
/// managers and editors, and the names spodeli keeps in the output for itself (`.spodeli-…`).
fn left_out(name: &str) -> bool {
    const LEFT_OUT: [&str; 8] = [
        ".git",
        ".svn",
        ".hg",
        ".DS_Store",
        ".gitignore",
        ".gitkeep",
        "Thumbs.db",
        "desktop.ini",
    ];
    LEFT_OUT.contains(&name)
        || name.starts_with(".spodeli")
        || name.starts_with("._")
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        let templates = templates
            .iter()
            .map(|(name, text)| (name.to_string(), (text.to_string(), PathBuf::from(name))))
            .collect();
        Theme {
            templates,
            ..Theme::default()
        }
    }

    #[test]
    fn a_template_depends_on_what_it_names_and_on_the_components() {
        let base = [
            (
                "base.html",
                "<html>{% block main %}{% endblock main %}</html>",
            ),
            ("page.html", r#"{% extends "base.html" %}"#),
            ("search.html", "<p>search</p>"),
            (COMPONENTS, "{% component a() %}{% endcomponent a %}"),
        ];
        let before = theme(&base).prints();
        let mut changed = base;
        changed[0].1 = "<html lang>{% block main %}{% endblock main %}</html>";
        let after = theme(&changed).prints();
        assert_ne!(
            before["page.html"], after["page.html"],
            "it extends base.html"
        );
        assert_eq!(
            before["search.html"], after["search.html"],
            "it names nothing"
        );
        let mut components = base;
        components[3].1 = "{% component a() %}<b>{% endcomponent a %}";
        let after = theme(&components).prints();
        assert_ne!(
            before["search.html"], after["search.html"],
            "any page may use a component"
        );
    }
}
