//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and task lists; anchors on
//! every heading; links to other entries (`@/practices/<slug>`) and to files beside the entry
//! resolved and checked; raw HTML shown as text unless the site opts in.

use crate::diagnostics::{PhotoFault, Pos, Problem};
use crate::messages::Text;
use crate::photos::picture::{COLUMN, Picture};
use crate::translit::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

/// Resolves the link targets of one page.
pub trait Resolve {
    /// The link to entry `slug` of section folder `section` in the page's language, if it exists.
    fn entry(&self, section: &str, slug: &str) -> Result<String, Text>;
    /// A file beside the entry, if there is one by that name.
    fn asset(&self, file: &str) -> Option<Asset>;
    /// Where files beside the entry are expected (for the error message).
    fn asset_folder(&self) -> (String, bool);
}

/// A file beside the page, as a link or an image finds it.
pub enum Asset {
    /// Any file but a photo: its address.
    File(String),
    /// A photo: its copies (an image shows them, a link leads to the largest).
    Photo(Box<Picture>),
    /// A photo that cannot be published, and why.
    Faulty(PhotoFault),
}

/// What becomes of a link's or image's destination.
enum Rewritten {
    Keep,
    Address(String),
    Picture(Box<Picture>),
}

/// A heading of the body: its level in the page, anchor and text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 2 to 6 (the page title is the only level 1).
    pub level: u8,
    /// The `id` attribute, unique in the body.
    pub id: String,
    /// The text.
    pub text: String,
}

/// The HTML of a body with its headings and the problems its links have.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML (or what another [`Write`] made of it).
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// The plain text for search: before the first heading, then under each heading in order
    /// (`sections[k + 1]` belongs to `headings[k]`).
    pub sections: Vec<String>,
    /// Broken links and missing files, by position in the file.
    pub problems: Vec<(Pos, Problem)>,
    /// How many photos it shows (the first is loaded at once, the others when scrolled near).
    pub pictures: usize,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn level_of(n: u8) -> HeadingLevel {
    HeadingLevel::try_from(n.clamp(1, 6) as usize).unwrap_or(HeadingLevel::H6)
}

/// `text` with link and image destinations that hold spaces put in `<…>`, so that
/// `![Лехите](Снимка от градината 1.JPG)` — a photo as a phone or a school computer names it —
/// is an image, not the literal text CommonMark would make of it. Code is left alone.
fn bracket_spaced_destinations(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("](") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push_str(line);
            continue;
        }
        let mut in_code = false;
        let mut rest = line;
        while let Some(i) = rest.find(['`', ']']) {
            let (before, at) = rest.split_at(i);
            out.push_str(before);
            if let Some(after) = at.strip_prefix('`') {
                in_code = !in_code;
                out.push('`');
                rest = after;
                continue;
            }
            let spaced = at.strip_prefix("](").and_then(|after| {
                let dest = &after[..after.find(')')?];
                let plain = !dest.starts_with('<') && !dest.contains(['"', '\'', '(']);
                (!in_code && plain && dest.trim().contains(' ')).then_some(dest)
            });
            match spaced {
                Some(dest) => {
                    out.push_str(&format!("](<{}>)", dest.trim()));
                    rest = &at[2 + dest.len() + 1..];
                }
                None => {
                    out.push(']');
                    rest = &at[1..];
                }
            }
        }
        out.push_str(rest);
    }
    out.into()
}

/// The events of a body, each with its byte range in the text.
pub type Events<'t> = Vec<(Event<'t>, std::ops::Range<usize>)>;

/// Writes a body's events out: as HTML for pages, or in another form for books. Links and
/// headings are already resolved and anchored; each photo comes with its index in the events
/// (where its image starts) and its copies.
pub trait Write {
    /// Appends the body to `out`.
    fn write(&self, events: Events<'_>, pictures: Vec<(usize, Box<Picture>)>, out: &mut String);
}

/// Writes pages' HTML: photos as `<picture>`, the first loaded at once.
pub struct Html;

impl Write for Html {
    fn write(
        &self,
        mut events: Events<'_>,
        pictures: Vec<(usize, Box<Picture>)>,
        out: &mut String,
    ) {
        for (k, (i, picture)) in pictures.into_iter().enumerate() {
            show_picture(&mut events, i, &picture, k == 0);
        }
        for (event, _) in &mut events {
            mark_external(event);
        }
        html::push_html(out, events.into_iter().map(|(e, _)| e));
    }
}

/// Renders `text`, whose first line is line `first_line` of its file, as HTML.
pub fn render(text: &str, first_line: usize, allow_html: bool, resolve: &dyn Resolve) -> Rendered {
    render_with(text, first_line, allow_html, resolve, &Html)
}

/// Renders `text` like [`render`], written out by `writer`.
pub fn render_with(
    text: &str,
    first_line: usize,
    allow_html: bool,
    resolve: &dyn Resolve,
    writer: &dyn Write,
) -> Rendered {
    let text = &*bracket_spaced_destinations(text);
    let mut events: Events<'_> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let mut out = Rendered::default();
    // Body headings start at level 2: the page title is the page's only h1.
    let top = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level_number(*level)),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2u8.saturating_sub(top);
    let mut anchors = Anchors::default();
    let mut pictures = Vec::new();
    for i in 0..events.len() {
        if matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            out.headings
                .push(anchor_heading(&mut events, i, shift, &mut anchors));
            continue;
        }
        let start = events[i].1.start;
        match rewrite_event(&mut events[i].0, allow_html, resolve) {
            Ok(None) => {}
            Ok(Some(picture)) => pictures.push((i, picture)),
            Err(problem) => out
                .problems
                .push((Pos::of_offset(text, start, first_line), problem)),
        }
    }
    // Photos' descriptions are searched like any text: pictures go in after the sections.
    out.sections = plain_sections(&events);
    out.pictures = pictures.len();
    out.html.reserve(text.len() * 3 / 2);
    writer.write(events, pictures, &mut out.html);
    out
}

/// The anchors a body's headings have taken, and per base the next suffix to try: a body of
/// 16,000 equal headings must not retry `-1`, `-2`, … from the start each time.
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
    next_suffix: std::collections::HashMap<String, usize>,
}

impl Anchors {
    fn unique(&mut self, base: String) -> String {
        let mut unique = base.clone();
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        while !self.used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            *n += 1;
        }
        unique
    }
}

/// Gives the heading that starts at `events[i]` its level (moved down by `shift`) and a unique
/// anchor (its `{#id}` or its text's slug).
fn anchor_heading(
    events: &mut [(Event<'_>, std::ops::Range<usize>)],
    i: usize,
    shift: u8,
    anchors: &mut Anchors,
) -> Heading {
    let end = events[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
        .map_or(events.len() - 1, |p| i + p);
    let text: String = events[i + 1..end]
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let mut level = 2;
    if let Event::Start(Tag::Heading { level: l, id, .. }) = &mut events[i].0 {
        level = (level_number(*l) + shift).min(6);
        let base = id
            .as_ref()
            .map_or_else(|| slugify(&text), |s| s.to_string());
        let base = match base.is_empty() {
            true => "section".to_string(),
            false => base,
        };
        *l = level_of(level);
        *id = Some(CowStr::from(anchors.unique(base)));
    }
    if let Event::End(TagEnd::Heading(l)) = &mut events[end].0 {
        *l = level_of(level);
    }
    let id = match &events[i].0 {
        Event::Start(Tag::Heading { id: Some(id), .. }) => id.to_string(),
        _ => String::new(),
    };
    Heading { level, id, text }
}

/// Puts the markup of `picture` in place of the image that starts at `events[i]`, its
/// description (the image's text) as `alt`.
fn show_picture(
    events: &mut [(Event<'_>, std::ops::Range<usize>)],
    i: usize,
    picture: &Picture,
    eager: bool,
) {
    let mut alt = String::new();
    let mut j = i + 1;
    while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Image)) {
        if let Event::Text(t) | Event::Code(t) = &events[j].0 {
            alt.push_str(t);
        }
        events[j].0 = Event::Text(CowStr::Borrowed(""));
        j += 1;
    }
    if j < events.len() {
        events[j].0 = Event::Text(CowStr::Borrowed(""));
    }
    events[i].0 = Event::InlineHtml(CowStr::from(picture.html(&alt, COLUMN, eager)));
}

/// Marks a link out of the site as such (the theme shows it).
fn mark_external(event: &mut Event<'_>) {
    if let Event::Start(Tag::Link {
        dest_url, title, ..
    }) = event
        && is_external(dest_url)
    {
        let title = match title.is_empty() {
            true => String::new(),
            false => format!(" title=\"{}\"", crate::escape::xml(title)),
        };
        let tag = format!(
            "<a href=\"{}\" rel=\"external\"{title}>",
            crate::escape::xml(dest_url)
        );
        *event = Event::InlineHtml(CowStr::from(tag));
    }
}

/// Rewrites one event for the page: links to entries resolved,
/// raw HTML escaped unless allowed. A link that cannot be followed is the problem returned; an
/// image of a photo is the photo's copies, to be shown in its place.
fn rewrite_event(
    event: &mut Event<'_>,
    allow_html: bool,
    resolve: &dyn Resolve,
) -> Result<Option<Box<Picture>>, Problem> {
    match event {
        Event::Start(Tag::Link { dest_url, .. }) if is_external(dest_url) => {}
        Event::Start(Tag::Image { dest_url, .. })
            if is_external(dest_url) || dest_url.starts_with("//") =>
        {
            // Pages load nothing from elsewhere: readers may be offline, and their visit
            // stays theirs.
            return Err(Problem::BrokenLink {
                target: dest_url.to_string(),
                reason: Text::new("link-remote-image"),
            });
        }
        Event::Start(Tag::Image { dest_url, .. }) => match rewrite(dest_url, resolve)? {
            Rewritten::Keep => {}
            Rewritten::Address(new) => *dest_url = CowStr::from(new),
            Rewritten::Picture(picture) => return Ok(Some(picture)),
        },
        Event::Start(Tag::Link { dest_url, .. }) => match rewrite(dest_url, resolve)? {
            Rewritten::Keep => {}
            Rewritten::Address(new) => *dest_url = CowStr::from(new),
            // A link to a photo leads to its largest copy.
            Rewritten::Picture(picture) => *dest_url = CowStr::from(picture.full),
        },
        Event::Html(raw) | Event::InlineHtml(raw) if !allow_html => {
            let raw = raw.clone();
            *event = Event::Text(raw);
        }
        _ => {}
    }
    Ok(None)
}

impl Rendered {
    /// The headings as (anchor id, text), as the search index keeps them.
    pub fn anchors(&self) -> Vec<(String, String)> {
        self.headings
            .iter()
            .map(|h| (h.id.clone(), h.text.clone()))
            .collect()
    }
}

/// The HTML of `rendered` as a part of a page that holds several bodies (a handbook's print
/// page): `prefix` before every id (headings, footnotes) and in the links to them, so that ids
/// stay unique, and headings one level lower, under the part's own title.
pub fn nested(rendered: &Rendered, prefix: &str) -> String {
    let mut html = prefixed(&rendered.html, prefix);
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    html
}

/// Rendered HTML with `prefix` before every id (headings, footnotes) and in the links to them.
pub fn prefixed(html: &str, prefix: &str) -> String {
    // In rendered HTML, `id="` and `href="#` only start attributes: text is escaped.
    html.replace("id=\"", &format!("id=\"{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
}

/// Whether a link leads out of the site.
fn is_external(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

fn plain_sections(events: &[(Event<'_>, std::ops::Range<usize>)]) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut in_heading = false;
    for (event, _) in events {
        let section = sections.last_mut().expect("one section at least");
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                sections.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            _ if in_heading => {}
            Event::Text(t) | Event::Code(t) => section.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !section.is_empty() && !section.ends_with(' ') =>
            {
                section.push(' ');
            }
            _ => {}
        }
    }
    sections
}

/// The new address of a link or image, or the problem with it.
fn rewrite(dest: &str, resolve: &dyn Resolve) -> Result<Rewritten, Problem> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = target
            .split_once('#')
            .map_or((target, None), |(p, f)| (p, Some(f)));
        let (section, slug) = path
            .trim_end_matches('/')
            .split_once('/')
            .unwrap_or(("", path));
        return match resolve.entry(section, slug) {
            Ok(href) => Ok(Rewritten::Address(match fragment {
                Some(f) => format!("{href}#{f}"),
                None => href,
            })),
            Err(reason) => Err(Problem::BrokenLink {
                target: dest.to_string(),
                reason,
            }),
        };
    }
    match crate::urls::scheme(dest) {
        Some(scheme) if crate::urls::LINK_SCHEMES.contains(&scheme.as_str()) => {
            return Ok(Rewritten::Keep);
        }
        Some(scheme) => {
            return Err(Problem::BrokenLink {
                target: dest.to_string(),
                reason: Text::new("link-unsafe-scheme").arg("scheme", scheme),
            });
        }
        None => {}
    }
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") {
        return Ok(Rewritten::Keep);
    }
    if dest.starts_with('/') {
        let reason = Text::new("link-root-relative");
        return Err(Problem::BrokenLink {
            target: dest.to_string(),
            reason,
        });
    }
    let file = dest.split(['#', '?']).next().unwrap_or(dest);
    // Another entry's file or folder: files beside an entry are never `../` or a folder.
    if file.ends_with(".md") || file.starts_with("../") || file.ends_with('/') {
        let reason = Text::new("link-other-entry-file");
        return Err(Problem::BrokenLink {
            target: dest.to_string(),
            reason,
        });
    }
    match resolve.asset(file) {
        Some(Asset::File(href)) => Ok(Rewritten::Address(format!("{href}{}", &dest[file.len()..]))),
        Some(Asset::Photo(picture)) => Ok(Rewritten::Picture(picture)),
        Some(Asset::Faulty(fault)) => Err(Problem::Photo {
            file: file.to_string(),
            fault,
        }),
        None => {
            let (folder, single_file) = resolve.asset_folder();
            Err(Problem::MissingAsset {
                file: file.to_string(),
                folder,
                single_file,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture;
    impl Resolve for Fixture {
        fn entry(&self, section: &str, slug: &str) -> Result<String, Text> {
            if section == "practices" && slug == "known" {
                Ok("../known/".into())
            } else {
                Err(Text::new("link-no-entry")
                    .arg("slug", slug)
                    .arg("section", section)
                    .arg("hint", Text::new("hint-none")))
            }
        }
        fn asset(&self, file: &str) -> Option<Asset> {
            match file {
                "photo.jpg" => Some(Asset::File("../../../media/practices/x/photo.jpg".into())),
                "lehi.jpg" => {
                    let photo = crate::photos::Photo {
                        width: 1000,
                        height: 750,
                        alpha: false,
                        widths: vec![400, 1000],
                        webp: true,
                        compatible: true,
                        social: (1000, 525),
                    };
                    let link = |p: &str| format!("../../../{p}");
                    let address = "media/practices/x/lehi.jpg";
                    Some(Asset::Photo(Box::new(Picture::new(&photo, address, &link))))
                }
                "Снимка от градината 1.JPG" => Some(Asset::File(
                    "../../../media/practices/x/snimka-ot-gradinata-1.JPG".into(),
                )),
                _ => None,
            }
        }
        fn asset_folder(&self) -> (String, bool) {
            ("content/practices/x/".into(), false)
        }
    }

    #[test]
    fn destinations_with_spaces_are_links_and_code_is_left_alone() {
        assert_eq!(
            bracket_spaced_destinations(
                "![Лехите](Снимка от градината 1.JPG) и [b](a b.pdf \"t\")\n"
            ),
            "![Лехите](<Снимка от градината 1.JPG>) и [b](a b.pdf \"t\")\n"
        );
        let code = "`[x](a b)`\n```\n[y](c d)\n```\n";
        assert_eq!(bracket_spaced_destinations(code), code);
        let r = render("![Лехите](Снимка от градината 1.JPG)\n", 5, false, &Fixture);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(
            r.html
                .contains("<img src=\"../../../media/practices/x/snimka"),
            "{}",
            r.html
        );
    }

    #[test]
    fn many_equal_headings_get_numbered_anchors() {
        let text = format!("## Цели {{#tseli-2}}\n\n{}", "## Цели\n\n".repeat(4));
        let r = render(&text, 1, false, &Fixture);
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["tseli-2", "tseli", "tseli-1", "tseli-3", "tseli-4"]);
    }

    #[test]
    fn headings_get_unique_anchors_and_start_at_level_two() {
        let r = render(
            "# Цели\n\ntext\n\n## Цели\n\n# Steps {#how}\n",
            5,
            false,
            &Fixture,
        );
        assert!(r.html.contains(r#"<h2 id="tseli">Цели</h2>"#), "{}", r.html);
        assert!(
            r.html.contains(r#"<h3 id="tseli-1">Цели</h3>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="how">Steps</h2>"#), "{}", r.html);
        assert_eq!(r.headings.len(), 3);
        assert_eq!(r.sections, ["", "text ", "", ""]);
    }

    #[test]
    fn nested_bodies_keep_ids_unique_and_headings_below_their_title() {
        let r = render(
            "## Goals {#goals}\n\nSee [goals](#goals)[^n].\n\n[^n]: A note.",
            1,
            false,
            &Fixture,
        );
        let html = nested(&r, "intro--");
        assert!(html.contains(r#"<h3 id="intro--goals">"#), "{html}");
        assert!(html.contains(r##"href="#intro--goals""##), "{html}");
        assert!(
            !html.contains(r#"id="n""#) && !html.contains("<h2"),
            "{html}"
        );
    }

    #[test]
    fn links_out_are_marked_and_images_from_elsewhere_refused() {
        let r = render(
            "Read [the \"guide\"](https://example.org/a?b=1&c=2 \"A <title>\").\n\n![map](https://tiles.example/1.png)",
            3,
            false,
            &Fixture,
        );
        let doc = r.html.as_str();
        assert!(
            doc.contains(r#"<a href="https://example.org/a?b=1&amp;c=2" rel="external" title="A &lt;title&gt;">the "guide"</a>"#),
            "{doc}"
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].0, Pos::new(5, 1));
        assert!(
            matches!(&r.problems[0].1, Problem::BrokenLink { target, .. } if target == "https://tiles.example/1.png")
        );
    }

    #[test]
    fn resolves_and_checks_links() {
        let r = render(
            "See [a](@/practices/known#x), ![p](photo.jpg).\n\n[b](@/practices/gone) [c](missing.pdf) [d](other.en.md) [e](../other/)",
            10,
            false,
            &Fixture,
        );
        assert!(r.html.contains(r#"href="../known/#x""#));
        assert!(
            r.html
                .contains(r#"src="../../../media/practices/x/photo.jpg""#)
        );
        let kinds: Vec<_> = r
            .problems
            .iter()
            .map(|(p, k)| (p.line, std::mem::discriminant(k)))
            .collect();
        assert_eq!(kinds.len(), 4);
        assert_eq!(r.problems[0].0, Pos::new(12, 1));
        assert!(matches!(r.problems[1].1, Problem::MissingAsset { .. }));
        // Another entry's file or folder: a broken link (told how to link an entry), not a
        // missing file.
        for (_, problem) in &r.problems[2..] {
            assert!(matches!(problem, Problem::BrokenLink { .. }), "{problem:?}");
        }
    }

    #[test]
    fn photos_are_pictures_whose_descriptions_are_searched() {
        let r = render(
            "Вижте ![Лехите в двора](lehi.jpg) и ![Още](lehi.jpg).\n",
            1,
            false,
            &Fixture,
        );
        assert_eq!(r.pictures, 2);
        assert_eq!(r.html.matches("<picture>").count(), 2, "{}", r.html);
        assert!(
            r.html.contains(r#"alt="Лехите в двора" decoding="async">"#),
            "the first loads at once"
        );
        assert!(r.html.contains(r#"alt="Още" loading="lazy""#), "{}", r.html);
        assert!(
            r.html
                .contains(r#"srcset="../../../media/practices/x/lehi-400.webp 400w, "#)
        );
        assert!(r.sections[0].contains("Лехите в двора"), "{:?}", r.sections);
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let md = "<script>alert(1)</script>\n\nHi <b>x</b>";
        assert!(!render(md, 1, false, &Fixture).html.contains("<script>"));
        assert!(render(md, 1, false, &Fixture).html.contains("&lt;b&gt;"));
        assert!(render(md, 1, true, &Fixture).html.contains("<b>x</b>"));
    }

    #[test]
    fn extensions_are_on() {
        let html = render(
            "| a |\n|---|\n| b |\n\n- [x] done\n\n~~old~~ note[^1]\n\n[^1]: foot",
            1,
            false,
            &Fixture,
        )
        .html;
        for needle in ["<table>", "checkbox", "<del>old</del>", "footnote"] {
            assert!(html.contains(needle), "{needle} in {html}");
        }
    }
}
