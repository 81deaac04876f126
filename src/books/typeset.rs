//! A chapter's Markdown as Typst markup, for the PDF.
//!
//! Every piece of the author's text goes in escaped (as markup text, or as a string literal), so
//! nothing a chapter says can become a Typst command: the markup made here is the only code.
//! Footnotes are set where they are referenced; links between headings of a body become links
//! inside the PDF; raw HTML (where a site allows it) is left out, as a book cannot show it.

use crate::markdown::{Events, Write};
use crate::photos::picture::Picture;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Tag, TagEnd};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// Gives the book's path of the copy of a photo to set (registering the file), with the
/// copy's width and height; `None` if it has none.
pub(super) type Photos<'a> = dyn Fn(&Picture) -> Option<(String, u32, u32)> + 'a;

/// Writes one body (the preface or a chapter) as Typst markup.
pub(super) struct Typst<'a> {
    /// Put before every label of the body, so that labels stay unique in the book.
    pub(super) prefix: &'a str,
    /// Where the photos' copies are.
    pub(super) photo: &'a Photos<'a>,
    /// Where blocks start: (byte in the markup written, byte in the Markdown), to locate what
    /// the engine reports.
    pub(super) marks: RefCell<Vec<(usize, usize)>>,
}

/// A label usable in Typst (`<…>`): letters, digits, `-`, `_`, `.` and `:` only.
pub(super) fn label(text: &str) -> String {
    text.chars()
        .map(|c| match c.is_alphanumeric() || "-_.:".contains(c) {
            true => c,
            false => '-',
        })
        .collect()
}

/// `text` as Typst markup text: every character with a meaning in markup is escaped.
pub(super) fn text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '#' | '[' | ']' | '$' | '`' | '<' | '>' | '@' | '=' | '-' | '+'
            | '/' | '~' | '.' | ':' | '(' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// `text` as a Typst string literal, quotes included.
pub(super) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What closes an open element.
enum Open {
    /// Markup to append at its end.
    Close(&'static str),
    /// A heading: its label follows it.
    Heading(String),
    /// A link that leads nowhere the book can go: only its text is kept.
    Plain,
}

impl Write for Typst<'_> {
    fn write(&self, events: Events<'_>, pictures: Vec<(usize, Box<Picture>)>, out: &mut String) {
        let pictures: HashMap<usize, Box<Picture>> = pictures.into_iter().collect();
        let anchors: HashSet<&str> = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.as_ref()),
                _ => None,
            })
            .collect();
        let notes = self.footnotes(&events, &pictures, &anchors);
        let mut used = HashSet::new();
        let mut state = State {
            open: Vec::new(),
            anchors: &anchors,
        };
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            if let Event::Start(Tag::FootnoteDefinition(_)) = event {
                i = end_of(&events, i) + 1;
                continue;
            }
            if let Event::FootnoteReference(name) = event {
                let l = label(&format!("{}fn-{name}", self.prefix));
                match notes.get(name.as_ref()) {
                    Some(note) if used.insert(name.to_string()) => {
                        out.push_str(&format!("#footnote[{note}]<{l}>"));
                    }
                    Some(_) => out.push_str(&format!("#footnote(<{l}>)")),
                    None => text(out, &format!("[^{name}]")),
                }
                i += 1;
                continue;
            }
            if let (Event::Start(Tag::Image { .. }), Some(picture)) = (event, pictures.get(&i)) {
                let end = end_of(&events, i);
                self.image(out, picture, &plain(&events[i + 1..end]));
                i = end + 1;
                continue;
            }
            if let Event::Start(Tag::CodeBlock(kind)) = event {
                let end = end_of(&events, i);
                self.mark(out, range.start);
                let lang = match kind {
                    CodeBlockKind::Fenced(l) if !l.is_empty() => format!(", lang: {}", string(l)),
                    _ => String::new(),
                };
                let code = plain(&events[i + 1..end]);
                out.push_str(&format!("#raw(block: true{lang}, {})\n\n", string(&code)));
                i = end + 1;
                continue;
            }
            self.event(out, event, range.start, &mut state);
            i += 1;
        }
    }
}

/// The elements open at a point of the body, and its headings' anchors (`#anchor` links to
/// them lead inside the PDF).
struct State<'s> {
    open: Vec<Open>,
    anchors: &'s HashSet<&'s str>,
}

impl Typst<'_> {
    fn mark(&self, out: &str, at: usize) {
        self.marks.borrow_mut().push((out.len(), at));
    }

    /// The footnotes' texts by name, each written as markup.
    fn footnotes(
        &self,
        events: &Events<'_>,
        pictures: &HashMap<usize, Box<Picture>>,
        anchors: &HashSet<&str>,
    ) -> HashMap<String, String> {
        let mut notes = HashMap::new();
        let mut i = 0;
        while i < events.len() {
            if let Event::Start(Tag::FootnoteDefinition(name)) = &events[i].0 {
                let end = end_of(events, i);
                let mut note = String::new();
                let mut state = State {
                    open: Vec::new(),
                    anchors,
                };
                for (k, (event, range)) in events[i + 1..end].iter().enumerate() {
                    match pictures.get(&(i + 1 + k)) {
                        Some(picture) => self.image(&mut note, picture, ""),
                        None => self.event(&mut note, event, range.start, &mut state),
                    }
                }
                notes.insert(name.to_string(), note.trim_end().to_string());
                i = end;
            }
            i += 1;
        }
        notes
    }

    /// Sets a photo as a figure: as wide as the text for a landscape photo, narrower for a
    /// portrait one, so that it fits a page.
    fn image(&self, out: &mut String, picture: &Picture, alt: &str) {
        let Some((path, width, height)) = (self.photo)(picture) else {
            text(out, alt);
            return;
        };
        let size = match height > width {
            true => "height: 40%",
            false => "width: 100%",
        };
        out.push_str(&format!(
            "#figure(image({}, alt: {}, {size}))",
            string(&path),
            string(alt)
        ));
    }

    /// Writes one event.
    fn event(&self, out: &mut String, event: &Event<'_>, at: usize, state: &mut State<'_>) {
        match event {
            Event::Start(tag) => self.start(out, tag, at, state),
            Event::End(end) => match state.open.pop() {
                Some(Open::Close(close)) => {
                    out.push_str(close);
                    if matches!(end, TagEnd::Paragraph) {
                        out.push_str("\n\n");
                    }
                }
                Some(Open::Heading(l)) => out.push_str(&format!("]<{l}>\n\n")),
                Some(Open::Plain) | None => {}
            },
            Event::Text(t) => text(out, t),
            Event::Code(t) => out.push_str(&format!("#raw({})", string(t))),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => {
                self.mark(out, at);
                out.push_str("#line(length: 100%)\n\n");
            }
            Event::TaskListMarker(done) => out.push_str(if *done { "☑ " } else { "☐ " }),
            // Raw HTML reaches a writer only where the site allows it; a book cannot show it.
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&self, out: &mut String, tag: &Tag<'_>, at: usize, state: &mut State<'_>) {
        let open = match tag {
            Tag::Paragraph => {
                self.mark(out, at);
                Open::Close("")
            }
            Tag::Heading { level, id, .. } => {
                self.mark(out, at);
                out.push_str(&format!("#heading(level: {})[", *level as u8));
                let id = id.as_deref().unwrap_or_default();
                Open::Heading(label(&format!("{}{id}", self.prefix)))
            }
            Tag::BlockQuote(_) => {
                self.mark(out, at);
                out.push_str("#quote(block: true)[");
                Open::Close("]\n\n")
            }
            Tag::List(start) => {
                self.mark(out, at);
                match start {
                    Some(n) => out.push_str(&format!("#enum(start: {n}, ")),
                    None => out.push_str("#list("),
                }
                Open::Close(")\n\n")
            }
            Tag::Item => {
                out.push('[');
                Open::Close("], ")
            }
            Tag::Table(alignments) => {
                self.mark(out, at);
                let align: Vec<&str> = alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                        Alignment::None | Alignment::Left => "left",
                    })
                    .collect();
                out.push_str(&format!(
                    "#table(columns: {}, align: ({},), ",
                    align.len().max(1),
                    align.join(", ")
                ));
                Open::Close(")\n\n")
            }
            Tag::TableHead => {
                out.push_str("table.header(");
                Open::Close("), ")
            }
            Tag::TableRow => Open::Close(""),
            Tag::TableCell => {
                out.push('[');
                Open::Close("], ")
            }
            Tag::Emphasis => {
                out.push_str("#emph[");
                Open::Close("]")
            }
            Tag::Strong => {
                out.push_str("#strong[");
                Open::Close("]")
            }
            Tag::Strikethrough => {
                out.push_str("#strike[");
                Open::Close("]")
            }
            Tag::Link { dest_url, .. } => self.link(out, dest_url, state.anchors),
            _ => Open::Plain,
        };
        state.open.push(open);
    }

    /// Opens a link: to a heading of the body inside the PDF, to anything else by its address
    /// (links in books are absolute).
    fn link(&self, out: &mut String, dest: &str, anchors: &HashSet<&str>) -> Open {
        if let Some(anchor) = dest.strip_prefix('#') {
            if !anchors.contains(anchor) {
                return Open::Plain;
            }
            out.push_str(&format!(
                "#link(<{}>)[",
                label(&format!("{}{anchor}", self.prefix))
            ));
            return Open::Close("]");
        }
        if dest.is_empty() {
            return Open::Plain;
        }
        out.push_str(&format!("#link({})[", string(dest)));
        Open::Close("]")
    }
}

/// The index of the event that ends the element starting at `events[i]`.
fn end_of(events: &Events<'_>, i: usize) -> usize {
    let mut depth = 0usize;
    for (k, (event, _)) in events.iter().enumerate().skip(i) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// The plain text of some events (an image's description, a code block).
fn plain(events: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect()
}
