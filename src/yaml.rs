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
use yaml_rust2::scanner::Marker;

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
        let err = match serde_path_to_error::deserialize(&value) {
            Ok(read) => {
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
            None => Diagnostic::error(location, Problem::WrongType { field, message }),
        });
        value.as_object_mut()?.remove(&top)?;
        left_out.insert(top);
    }
}

/// The prefix of the serde message a bad [`crate::content::model::Date`] raises, so that
/// [`deserialize`] can turn it back into a typed [`Problem::BadDate`].
pub(crate) const DATE_ERROR: &str = "bad date: ";

/// Finds the position of the value at `path` (`authors[0].name`, `themes[2]`, `title`). Falls
/// back to the nearest enclosing value that exists, and to the start of the text.
pub fn locate(source: Source<'_>, path: &str) -> Pos {
    let fallback = Pos::new(source.first_line, 1);
    let Some(mut node) = parse_tree(source).and_then(|t| t.root) else {
        return fallback;
    };
    let mut found = node.mark;
    for segment in path_segments(path) {
        let next = match (&node.kind, segment) {
            (Kind::Map(entries), Segment::Key(key)) => {
                entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
            }
            (Kind::Seq(items), Segment::Index(i)) => items.get(i),
            _ => None,
        };
        match next {
            Some(child) => {
                node = child.clone();
                found = node.mark;
            }
            None => break,
        }
    }
    file_pos(source, found)
}

/// Finds the position of the key `key` of the top-level mapping (for unknown-field warnings).
pub fn locate_key(source: Source<'_>, key: &str) -> Pos {
    parse_tree(source)
        .and_then(|t| {
            t.key_marks
                .into_iter()
                .find(|(depth, k, _)| *depth == 1 && k == key)
        })
        .map_or(Pos::new(source.first_line, 1), |(_, _, mark)| {
            file_pos(source, mark)
        })
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

#[derive(Clone)]
struct Node {
    mark: Marker,
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Scalar,
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// Builds a tree of positions from yaml-rust2's marked events.
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<(Node, Option<String>)>,
    root: Option<Node>,
    /// Every mapping key with its nesting depth and position.
    key_marks: Vec<(usize, String, Marker)>,
}

impl TreeBuilder {
    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some((parent, pending_key)) => match &mut parent.kind {
                Kind::Seq(items) => items.push(node),
                Kind::Map(entries) => {
                    // Complex (non-scalar) keys are not addressable; they and their values are skipped.
                    if let Some(key) = pending_key.take() {
                        entries.push((key, node));
                    }
                }
                Kind::Scalar => {}
            },
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, ..) => {
                // A scalar in key position names the next value.
                let depth = self.stack.len();
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
                    *pending = Some(text.clone());
                    self.key_marks.push((depth, text, mark));
                    return;
                }
                self.add(Node {
                    mark,
                    kind: Kind::Scalar,
                });
            }
            Event::Alias(_) => self.add(Node {
                mark,
                kind: Kind::Scalar,
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
