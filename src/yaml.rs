//! YAML in, typed values out, with positions for every problem.
//!
//! The one module that knows serde_yaml: everything else sees `serde_json::Value` trees, which are
//! easy to merge across translations. serde_yaml gives positions only for syntax errors, so when a
//! later stage finds a bad value it asks [`locate`] for the value's line and column; that re-reads
//! the YAML with yaml-rust2's marked events, which costs nothing on the happy path.

use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::Path;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML text and where it starts in its file (front matter starts on line 2).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The YAML text alone.
    pub text: &'a str,
    /// The file line on which `text` begins.
    pub first_line: usize,
}

/// Parses a YAML mapping. An empty document is an empty mapping.
pub fn parse_mapping(source: Source<'_>, file: &Path) -> Result<Map<String, Value>, Diagnostic> {
    if source.text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_yaml::from_str::<Value>(source.text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(Diagnostic::error(
            Location::at(file, Pos::new(source.first_line, 1)),
            Problem::Yaml("expected a mapping of `field: value` lines".into()),
        )),
        Err(err) => {
            let pos = err.location().map_or(Pos::new(source.first_line, 1), |l| {
                Pos::new(source.first_line + l.line() - 1, l.column())
            });
            // serde_yaml appends " at line X column Y" counted from the block; the location
            // we report instead counts from the start of the file.
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Err(Diagnostic::error(
                Location::at(file, pos),
                Problem::Yaml(message),
            ))
        }
    }
}

/// A value read by [`deserialize`], with the top-level fields it had to leave out.
#[derive(Debug)]
pub struct Read<T> {
    /// The value, read without the fields in `left_out`.
    pub value: T,
    /// Fields whose values had the wrong shape: already reported, so a check for required
    /// fields must not call them missing.
    pub left_out: BTreeSet<String>,
}

impl<T> Read<T> {
    /// The same reading, its value turned into another type.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        Read {
            value: f(self.value),
            left_out: self.left_out,
        }
    }
}

/// Deserializes `value` into `T`, pushing every shape error into `problems` at its field's
/// position. serde stops at the first error, so a field that cannot be read is left out and
/// reading starts again without it: one bad date does not hide the other problems of its file.
/// `None` if the value cannot be read even so (a missing field without a default).
pub fn deserialize<T: DeserializeOwned>(
    mut value: Value,
    locate_field: impl Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) -> Option<Read<T>> {
    let mut left_out = BTreeSet::new();
    loop {
        let mut unread = Vec::new();
        let mut note = |path: serde_ignored::Path<'_>| unread.push(path_text(&path));
        let ignoring = serde_ignored::Deserializer::new(&value, &mut note);
        let err = match serde_path_to_error::deserialize(ignoring) {
            Ok(read) => {
                report_unread(&value, unread, &locate_field, problems);
                return Some(Read {
                    value: read,
                    left_out,
                });
            }
            Err(err) => err,
        };
        let field = err.path().to_string();
        let message = err.into_inner().to_string();
        let location = locate_field(&field);
        let top = field
            .split(['.', '['])
            .next()
            .unwrap_or_default()
            .to_string();
        problems.push(match message.strip_prefix(DATE_ERROR) {
            Some(bad) => Diagnostic::error(
                location,
                Problem::BadDate {
                    field,
                    value: bad.to_string(),
                },
            ),
            None => {
                let message = in_plain_words(&message);
                Diagnostic::error(location, Problem::WrongType { field, message })
            }
        });
        value.as_object_mut()?.remove(&top)?;
        left_out.insert(top);
    }
}

/// serde's message in the words of the people who write the YAML: `a whole number`, not `usize`;
/// `a list`, not `a sequence`.
fn in_plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 16] = [
        ("invalid type: integer", "invalid type: number"),
        ("invalid type: floating point", "invalid type: number"),
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: `key: value` lines"),
        ("expected a map", "expected `key: value` lines"),
        ("invalid type: string", "invalid type: text"),
        ("expected a string", "expected a text"),
        ("invalid type: null", "nothing written"),
        (
            "data did not match any variant of untagged enum OrgRef",
            "expected an organisation's id, or its `name`, `city` and `country`",
        ),
    ];
    let mut plain = WORDS.iter().fold(message.to_string(), |text, (from, to)| {
        text.replace(from, to)
    });
    // `expected struct Person`: a group of fields, whatever the type is called.
    if let Some(at) = plain.find("expected struct ") {
        let name_end = plain[at + 16..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(plain.len(), |i| at + 16 + i);
        plain.replace_range(at..name_end, "expected `key: value` lines");
    }
    plain
}

/// Warns of keys inside a field's value that nothing reads: a misspelt key, or (when the key
/// has no value) the rest of a text cut at a comma inside `{ }`. Keys at the top level are
/// left to the caller, which knows every field of the file (several types read one mapping).
fn report_unread(
    value: &Value,
    unread: Vec<String>,
    locate_field: &impl Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) {
    for field in unread {
        if !field.contains(['.', '[']) {
            continue;
        }
        let cut_text = value_at(value, &field).is_some_and(Value::is_null);
        problems.push(Diagnostic::warning(
            locate_field(&field),
            Problem::UnreadKey { field, cut_text },
        ));
    }
}

/// A serde_ignored path as `results[0].title`, the form [`locate`] and the messages use.
fn path_text(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", path_text(parent)),
        Path::Map { parent, key } => match path_text(parent) {
            p if p.is_empty() => key.clone(),
            p => format!("{p}.{key}"),
        },
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => path_text(parent),
    }
}

/// The value at `path` (`results[0].title`).
fn value_at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path_segments(path)
        .into_iter()
        .try_fold(value, |v, segment| match segment {
            Segment::Key(key) => v.get(key),
            Segment::Index(i) => v.get(i),
        })
}

/// The prefix of the serde message a bad [`crate::content::model::Date`] raises, so that
/// [`deserialize`] can turn it back into a typed [`Problem::BadDate`].
pub(crate) const DATE_ERROR: &str = "bad date: ";

/// Finds the position of the value at `path` (`authors[0].name`, `themes[2]`, `title`). Falls
/// back to the nearest enclosing value that exists, and to the start of the text. A key written
/// without a value is found at the key: there is nothing else to point at.
pub fn locate(source: Source<'_>, path: &str) -> Pos {
    let fallback = Pos::new(source.first_line, 1);
    let Some(root) = parse_tree(source).and_then(|t| t.root) else {
        return fallback;
    };
    let (node, key) = walk(&root, path);
    let mark = match (&node.kind, key) {
        (Kind::Scalar { empty: true }, Some(key)) => key,
        _ => node.mark,
    };
    file_pos(source, mark)
}

/// Finds the position of the key that ends `path` (`colour`, `results[0].titel`), for keys
/// nothing reads. Falls back as [`locate`] does.
pub fn locate_key(source: Source<'_>, path: &str) -> Pos {
    let fallback = Pos::new(source.first_line, 1);
    let Some(root) = parse_tree(source).and_then(|t| t.root) else {
        return fallback;
    };
    let (node, key) = walk(&root, path);
    file_pos(source, key.unwrap_or(node.mark))
}

/// The deepest node on `path` that exists, and the position of the key that led to it (if the
/// last step was a key).
fn walk<'t>(root: &'t Node, path: &str) -> (&'t Node, Option<Marker>) {
    let mut node = root;
    let mut key_mark = None;
    for segment in path_segments(path) {
        let next = match (&node.kind, segment) {
            (Kind::Map(entries), Segment::Key(key)) => entries
                .iter()
                .find(|(k, ..)| k == key)
                .map(|(_, mark, value)| (value, Some(*mark))),
            (Kind::Seq(items), Segment::Index(i)) => items.get(i).map(|value| (value, None)),
            _ => None,
        };
        match next {
            Some((child, mark)) => {
                node = child;
                key_mark = mark;
            }
            None => break,
        }
    }
    (node, key_mark)
}

/// The tree of positions of a YAML text, or `None` if it does not parse.
fn parse_tree(source: Source<'_>) -> Option<TreeBuilder> {
    let mut tree = TreeBuilder::default();
    Parser::new_from_str(source.text)
        .load(&mut tree, false)
        .ok()?;
    Some(tree)
}

/// A yaml-rust2 mark (1-based line, 0-based column in the text) as a position in the file.
fn file_pos(source: Source<'_>, mark: Marker) -> Pos {
    Pos::new(source.first_line + mark.line() - 1, mark.col() + 1)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty() && *p != "?") {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

struct Node {
    mark: Marker,
    kind: Kind,
}

enum Kind {
    /// `empty`: written without a value (or as `~`).
    Scalar {
        empty: bool,
    },
    Seq(Vec<Node>),
    /// Each key with its position, and its value.
    Map(Vec<(String, Marker, Node)>),
}

/// Builds a tree of positions from yaml-rust2's marked events.
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<(Node, Option<(String, Marker)>)>,
    root: Option<Node>,
}

impl TreeBuilder {
    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some((parent, pending_key)) => match &mut parent.kind {
                Kind::Seq(items) => items.push(node),
                Kind::Map(entries) => {
                    // Complex (non-scalar) keys are not addressable; they and their values are skipped.
                    if let Some((key, mark)) = pending_key.take() {
                        entries.push((key, mark, node));
                    }
                }
                Kind::Scalar { .. } => {}
            },
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, style, ..) => {
                // A scalar in key position names the next value.
                if let Some((
                    node @ Node {
                        kind: Kind::Map(_), ..
                    },
                    pending @ None,
                )) = self.stack.last_mut()
                {
                    // A block mapping's start event is marked at its first `:`; its first key is
                    // where a reader sees it begin.
                    if matches!(&node.kind, Kind::Map(entries) if entries.is_empty())
                        && mark.index() < node.mark.index()
                    {
                        node.mark = mark;
                    }
                    *pending = Some((text, mark));
                    return;
                }
                let empty = style == TScalarStyle::Plain && (text.is_empty() || text == "~");
                self.add(Node {
                    mark,
                    kind: Kind::Scalar { empty },
                });
            }
            Event::Alias(_) => self.add(Node {
                mark,
                kind: Kind::Scalar { empty: false },
            }),
            Event::SequenceStart(..) => self.stack.push((
                Node {
                    mark,
                    kind: Kind::Seq(Vec::new()),
                },
                None,
            )),
            Event::MappingStart(..) => self.stack.push((
                Node {
                    mark,
                    kind: Kind::Map(Vec::new()),
                },
                None,
            )),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, _)) = self.stack.pop() {
                    self.add(node);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: Споделяне\nthemes: [digital, stemm]\nauthors:\n  - name: Ана\n    role: учител\n  - name: Иван\n";

    fn src(text: &str) -> Source<'_> {
        Source {
            text,
            first_line: 2,
        }
    }

    #[test]
    fn locates_values_in_flow_and_block_collections() {
        assert_eq!(locate(src(TEXT), "title"), Pos::new(2, 8));
        assert_eq!(locate(src(TEXT), "themes[1]"), Pos::new(3, 19));
        assert_eq!(locate(src(TEXT), "authors[1].name"), Pos::new(7, 11));
        // A missing leaf falls back to its parent.
        assert_eq!(locate(src(TEXT), "authors[0].email"), Pos::new(5, 5));
        assert_eq!(locate_key(src(TEXT), "authors"), Pos::new(4, 1));
        assert_eq!(locate_key(src(TEXT), "authors[0].role"), Pos::new(6, 5));
        // A key without a value is found at the key.
        assert_eq!(locate(src("a: {b: 1, c, d: 2}\n"), "a.c"), Pos::new(2, 11));
    }

    #[derive(serde::Deserialize, Debug)]
    struct Item {
        title: String,
    }

    #[derive(serde::Deserialize, Debug)]
    struct Doc {
        count: Option<u32>,
        #[serde(default)]
        items: Vec<Item>,
        day: Option<String>,
    }

    #[test]
    fn every_shape_error_and_every_unread_key_is_reported() {
        let text = "count: many\nitems:\n  - {title: One, two, note: x}\nday: [1]\n";
        let value = Value::Object(parse_mapping(src(text), Path::new("x.md")).unwrap());
        let at = |field: &str| Location::at("x.md", locate(src(text), field));
        let mut problems = Vec::new();
        let read: Read<Doc> = deserialize(value, at, &mut problems).unwrap();
        // The fields that could be read are; the others are left out, each reported once.
        assert_eq!(read.value.items[0].title, "One");
        assert_eq!((read.value.count, read.value.day), (None, None));
        assert_eq!(
            read.left_out.iter().map(String::as_str).collect::<Vec<_>>(),
            ["count", "day"]
        );
        let found: Vec<(&Problem, bool, Option<Pos>)> = problems
            .iter()
            .map(|d| (&d.problem, d.is_error(), d.pos()))
            .collect();
        assert!(
            matches!(found[0], (Problem::WrongType { field, .. }, true, Some(p))
            if field == "count" && p == Pos::new(2, 8))
        );
        assert!(
            matches!(found[1], (Problem::WrongType { field, .. }, true, Some(p))
            if field == "day" && p == Pos::new(5, 6))
        );
        // A key without a value: a text cut at a comma. A key with one: misspelt or unknown.
        assert!(
            matches!(found[2], (Problem::UnreadKey { field, cut_text: true }, false, Some(p))
            if field == "items[0].two" && p == Pos::new(4, 18))
        );
        assert!(
            matches!(found[3], (Problem::UnreadKey { field, cut_text: false }, false, Some(p))
            if field == "items[0].note" && p == Pos::new(4, 29))
        );
        assert_eq!(found.len(), 4);
        assert_eq!(
            in_plain_words("invalid type: integer `5`, expected struct Person"),
            "invalid type: number `5`, expected `key: value` lines"
        );
    }

    #[test]
    fn syntax_errors_count_lines_from_the_file_start() {
        let err = parse_mapping(src("title: a\nthemes: [a, b\n"), Path::new("x.md")).unwrap_err();
        assert!(matches!(err.problem, Problem::Yaml(_)));
        assert_eq!(err.pos().map(|p| p.line), Some(4));
    }

    #[test]
    fn parses_mappings_and_rejects_other_documents() {
        let map = parse_mapping(src(TEXT), Path::new("x.md")).unwrap();
        assert_eq!(map["themes"][1], "stemm");
        assert!(parse_mapping(src("- a\n- b\n"), Path::new("x.md")).is_err());
        assert!(
            parse_mapping(src("\n"), Path::new("x.md"))
                .unwrap()
                .is_empty()
        );
    }
}
