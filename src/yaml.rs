//! YAML in, typed values out, with positions for every problem.
//!
//! The one module that knows serde_yaml: everything else sees `serde_json::Value` trees, which are
//! easy to merge across translations. serde_yaml gives positions only for syntax errors, so when a
//! later stage finds a bad value it asks [`locate`] for the value's line and column; that re-reads
//! the YAML with yaml-rust2's marked events, which costs nothing on the happy path.

use crate::diagnostics::{Diagnostic, Location, Pos, Problem};
use crate::messages::Text;
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

/// How deeply `[ ]` and `{ }` may nest. Content never needs more than a few levels; the parser
/// takes seconds to refuse tens of thousands, so deeper text is refused before it is parsed.
const MAX_NESTING: usize = 64;

/// The byte offset where flow collections nest deeper than [`MAX_NESTING`], if they do.
/// Brackets inside quotes and comments do not count.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let mut comment = false;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '#') if previous.is_whitespace() => comment = true,
            (None, '"' | '\'') if !previous.is_alphanumeric() => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    None
}

/// Parses a YAML mapping. An empty document is an empty mapping.
pub fn parse_mapping(source: Source<'_>, file: &Path) -> Result<Map<String, Value>, Diagnostic> {
    if source.text.trim().is_empty() {
        return Ok(Map::new());
    }
    if let Some(offset) = too_deep(source.text) {
        let detail = Text::new("yaml-too-deep").arg("max", MAX_NESTING);
        return Err(Diagnostic::error(
            Location::at(file, Pos::of_offset(source.text, offset, source.first_line)),
            Problem::Yaml(detail),
        ));
    }
    match serde_yaml::from_str::<Value>(source.text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(Diagnostic::error(
            Location::at(file, Pos::new(source.first_line, 1)),
            Problem::Yaml(Text::new("yaml-not-a-mapping")),
        )),
        Err(err) => {
            let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
            // serde_yaml appends " at line X column Y" counted from the block; the location
            // we report instead counts from the start of the file.
            let message = err.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            let (at, text) = syntax_problem(source.text, message, line);
            let (line, column) = at.unwrap_or((line, column));
            Err(Diagnostic::error(
                Location::at(file, Pos::new(source.first_line + line - 1, column)),
                Problem::Yaml(text),
            ))
        }
    }
}

/// `text` as a YAML scalar that reads back as the same text, in a block and inside `{ }`: plain
/// where that is safe, in double quotes otherwise (`Проект: четене`, `Йовков, Добрич`, `yes`).
pub fn scalar(text: &str) -> String {
    let reads_back = |yaml: String| {
        serde_yaml::from_str::<Value>(&yaml).is_ok_and(|v| v["k"]["a"].as_str() == Some(text))
    };
    let plain = !text.is_empty()
        && !text.contains(['\n', '"', '\''])
        && text.trim() == text
        && reads_back(format!("k:\n  a: {text}\n"))
        && reads_back(format!("k: {{a: {text}}}\n"));
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

/// What a parsed mapping must not hold, found after parsing and taken out so the rest reads as
/// meant: texts a comma cut inside `{ }`, keys written twice, `.nan` and `.inf`
/// ([`check_written`]) and control characters written through escapes (`"\0"`, `"\x1b"`), which no page or feed may carry.
pub fn check_parsed(
    source: Source<'_>,
    file: &Path,
    map: &mut Map<String, Value>,
) -> Vec<Diagnostic> {
    let mut problems = check_written(source, file, map);
    let mut found = Vec::new();
    for (key, value) in map.iter_mut() {
        strip_controls(value, key.clone(), &mut found);
    }
    for (path, character) in found {
        problems.push(Diagnostic::error(
            Location::at(file, locate(source, &path)),
            Problem::ControlCharacter {
                field: path,
                code: format!("U+{:04X}", u32::from(character)),
            },
        ));
    }
    problems
}

/// A character no text may hold: C0 and C1 controls other than tab and line breaks, and the
/// noncharacters U+FFFE and U+FFFF (not allowed in XML).
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Removes forbidden characters from every text in `value`, noting the first of each text.
fn strip_controls(value: &mut Value, path: String, found: &mut Vec<(String, char)>) {
    match value {
        Value::String(text) => {
            if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
                found.push((path, c));
                text.retain(|c| !is_forbidden(c));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                strip_controls(item, format!("{path}[{i}]"), found);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                strip_controls(item, format!("{path}.{key}"), found);
            }
        }
        _ => {}
    }
}

/// What a walk over the written YAML finds that parsing let through.
enum Finding {
    /// A key without a value after a text in `{ }`: the rest of a text a comma cut.
    Cut {
        path: String,
        key: String,
        before: String,
        mark: Marker,
    },
    /// A key written twice in one mapping (the parser keeps the later value).
    Duplicate {
        key: String,
        first: Marker,
        mark: Marker,
    },
    /// `.nan` or `.inf`, which no field holds (the parser turns them into nothing).
    NotANumber {
        field: String,
        text: String,
        mark: Marker,
    },
}

/// Finds texts that a comma cut inside `{ }` (`{bg: ОУ „Йовков“, Добрич, en: …}` reads as the
/// text „ОУ „Йовков““ and a key „Добрич“ without a value), keys written twice, and `.nan` or
/// `.inf` numbers; reports each where it is written, and takes cut keys and such numbers out of
/// `map`, so the
/// rest is read as the author meant it and no second, misleading problem follows.
fn check_written(source: Source<'_>, file: &Path, map: &mut Map<String, Value>) -> Vec<Diagnostic> {
    if !may_hold_findings(source.text) {
        return Vec::new();
    }
    let Some(root) = parse_tree(source).and_then(|t| t.root) else {
        return Vec::new();
    };
    let chars: Vec<char> = source.text.chars().collect();
    let mut findings = Vec::new();
    walk_written(&root, &chars, String::new(), &mut findings);
    let at = |mark: Marker| Location::at(file, file_pos(source, mark));
    findings
        .into_iter()
        .map(|finding| match finding {
            Finding::Cut {
                path,
                key,
                before,
                mark,
            } => {
                remove_at(map, &path);
                Diagnostic::error(at(mark), Problem::CutText { key, before })
            }
            Finding::Duplicate { key, first, mark } => {
                let first = at(first);
                Diagnostic::error(at(mark), Problem::DuplicateKey { key, first })
            }
            Finding::NotANumber { field, text, mark } => {
                remove_at(map, &field);
                let message = Text::new("invalid-not-a-number").arg("value", text);
                Diagnostic::error(at(mark), Problem::Invalid { field, message })
            }
        })
        .collect()
}

/// Whether `text` may hold what [`check_written`] reports, judged from the text alone so that
/// most files (a few plain lines of front matter) are not parsed a second time, into a tree. It
/// errs only towards `true`: braces (where a comma can cut a text), `.nan` or `.inf`
/// anywhere, any key written twice at the same column within what may be one mapping (keys of
/// one mapping share their column, and nothing less indented, nor a new `- ` item, comes
/// between them), and anything that makes a key hard to read from its line (a tab, `?`,
/// anchors, tags, escapes).
fn may_hold_findings(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if text.contains(['{', '\t', '\\']) || lower.contains(".nan") || lower.contains(".inf") {
        return true;
    }
    // The keys of the mappings open at each line: a key ends the mappings deeper than it, and a
    // sequence item (`- `) starts a new mapping at its key's column.
    let mut keys: Vec<(usize, &str)> = Vec::new();
    for line in text.lines() {
        let rest = line.trim_start_matches([' ', '-']);
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if rest.starts_with(['?', '&', '*', '!']) {
            return true;
        }
        let column = line.len() - rest.len();
        let key = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next(),
            _ => rest.split(": ").next().filter(|k| k.len() < rest.len()),
        };
        let Some(key) = key.or_else(|| rest.strip_suffix(':')) else {
            continue;
        };
        let item = line.trim_start_matches(' ').starts_with('-');
        keys.retain(|&(c, _)| c < column || (c == column && !item));
        let key = key.trim_end();
        if keys.contains(&(column, key)) {
            return true;
        }
        keys.push((column, key));
    }
    false
}

/// Walks the written tree below `node` (at `path`), noting what [`check_written`] reports.
fn walk_written(node: &Node, chars: &[char], path: String, out: &mut Vec<Finding>) {
    let join = |key: &str| match path.is_empty() {
        true => key.to_string(),
        false => format!("{path}.{key}"),
    };
    match &node.kind {
        Kind::Map(entries) => {
            let flow = chars.get(node.mark.index()) == Some(&'{');
            let mut before: Option<&str> = None;
            for (i, (key, mark, value)) in entries.iter().enumerate() {
                if let Some((_, first, _)) = entries[..i].iter().find(|(k, ..)| k == key) {
                    out.push(Finding::Duplicate {
                        key: key.clone(),
                        first: *first,
                        mark: *mark,
                    });
                }
                match &value.kind {
                    Kind::Scalar { empty: true, .. } if flow => {
                        // Written as `key` alone (not `key:`): the rest of a text.
                        let after_key = mark.index() + key.chars().count();
                        let colon = chars[after_key.min(chars.len())..]
                            .iter()
                            .find(|c| !c.is_whitespace())
                            == Some(&':');
                        if let (Some(text), false) = (before, colon) {
                            let (path, key, before) = (join(key), key.clone(), text.to_string());
                            out.push(Finding::Cut {
                                path,
                                key,
                                before,
                                mark: *mark,
                            });
                        }
                    }
                    _ => walk_written(value, chars, join(key), out),
                }
                before = match &value.kind {
                    Kind::Scalar {
                        empty: false, text, ..
                    } => Some(text),
                    _ => None,
                };
            }
        }
        Kind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_written(item, chars, format!("{path}[{i}]"), out);
            }
        }
        Kind::Scalar {
            plain: true, text, ..
        } => {
            let number = text.trim_start_matches(['+', '-']).to_ascii_lowercase();
            if number == ".nan" || number == ".inf" {
                out.push(Finding::NotANumber {
                    field: path,
                    text: text.clone(),
                    mark: node.mark,
                });
            }
        }
        Kind::Scalar { .. } => {}
    }
}

/// Removes the value at `path` (`authors[0].Добрич`) from `map`.
fn remove_at(map: &mut Map<String, Value>, path: &str) {
    let segments = path_segments(path);
    let Some((Segment::Key(last), parents)) = segments.split_last() else {
        return;
    };
    let mut value: Option<&mut Value> = None;
    for segment in parents {
        let next = match (value, segment) {
            (None, Segment::Key(k)) => map.get_mut(*k),
            (Some(v), Segment::Key(k)) => v.get_mut(*k),
            (Some(v), Segment::Index(i)) => v.get_mut(*i),
            (None, Segment::Index(_)) => None,
        };
        let Some(next) = next else { return };
        value = Some(next);
    }
    match value {
        None => {
            map.remove(*last);
        }
        Some(v) => {
            if let Some(m) = v.as_object_mut() {
                m.remove(*last);
            }
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
                report_unread(unread, &locate_field, problems);
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
        problems.push(match crate::dates::bad_date(&message) {
            Some((value, reason)) => Diagnostic::error(
                location,
                Problem::BadDate {
                    field,
                    value,
                    reason,
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
/// `a list`, not `a sequence`; `nothing is written`, not `null`.
fn in_plain_words(message: &str) -> Text {
    if message.contains("did not match any variant of untagged enum OrgRef") {
        return Text::new("shape-organisation");
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Text::new("shape-missing-field").arg("field", field);
    }
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return Text::new("shape-other").arg("detail", message);
    };
    Text::new("shape-found-expected")
        .arg("found", found_words(found))
        .arg("expected", expected_words(expected))
}

/// What serde found (`string "x"`, `integer `5``, `sequence`), as the writer would say it.
fn found_words(found: &str) -> Text {
    let value = |prefix: &str| found[prefix.len()..].trim().to_string();
    if found.starts_with("string ") {
        Text::new("found-text").arg("value", value("string "))
    } else if found.starts_with("integer ") {
        Text::new("found-number").arg("value", value("integer ").trim_matches('`'))
    } else if found.starts_with("floating point ") {
        Text::new("found-number").arg("value", value("floating point ").trim_matches('`'))
    } else if found.starts_with("boolean ") {
        Text::new("found-yes-no").arg("value", value("boolean ").trim_matches('`'))
    } else if found == "sequence" {
        Text::new("found-list")
    } else if found == "map" {
        Text::new("found-map")
    } else if found == "null" || found == "unit value" {
        Text::new("found-nothing")
    } else {
        Text::new("found-other").arg("value", found)
    }
}

/// What serde expected (`usize`, `a sequence`, `struct Person`), as the writer would say it.
fn expected_words(expected: &str) -> Text {
    match expected {
        "usize" | "u64" | "u32" | "u16" | "u8" | "i64" | "i32" => {
            Text::new("expected-whole-number")
        }
        "f64" | "f32" => Text::new("expected-number"),
        "a string" => Text::new("expected-text"),
        "a sequence" => Text::new("expected-list"),
        "a boolean" => Text::new("expected-yes-no"),
        e if e == "a map" || e.starts_with("struct ") => Text::new("expected-map"),
        other => Text::new("expected-other").arg("value", other),
    }
}

/// A YAML syntax error in the writer's words, where the mistake is a common one: a tab in the
/// indentation, a line indented under a value, a colon inside an unquoted text. Returns where
/// the mistake is (1-based line and column in `text`) when that is not where the parser stopped.
fn syntax_problem(text: &str, message: &str, line: usize) -> (Option<(usize, usize)>, Text) {
    let lines: Vec<&str> = text.lines().collect();
    fn indentation(l: &str) -> &str {
        &l[..l.len() - l.trim_start().len()]
    }
    // A tab in the indentation, at or before the line the parser stopped on.
    let tab = lines
        .iter()
        .take(line.max(1))
        .enumerate()
        .rev()
        .find(|(_, l)| indentation(l).contains('\t'));
    if let Some((i, l)) = tab
        && (message.contains("tab") || message.contains("cannot start any token") || i + 1 == line)
    {
        let col = l.chars().position(|c| c == '\t').unwrap_or(0) + 1;
        return (Some((i + 1, col)), Text::new("yaml-tab"));
    }
    if message.starts_with("mapping values are not allowed") {
        let this = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
        // `title: Проект: четене`: the value itself holds `: `.
        if let Some((key, value)) = this.split_once(": ") {
            let value = value.trim();
            let quoted = value.starts_with(['"', '\'', '[', '{', '|', '>']);
            if !quoted && (value.contains(": ") || value.ends_with(':')) {
                let key = key.trim().trim_start_matches("- ");
                let col = this.chars().count()
                    - this.split_once(": ").map_or(0, |(_, v)| v.chars().count())
                    + 1;
                return (
                    Some((line, col)),
                    Text::new("yaml-colon-in-text").arg("key", key),
                );
            }
        }
        // A line indented under a line that already has its value.
        let previous = lines[..line.saturating_sub(1).min(lines.len())]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if let Some((i, prev)) = previous {
            let has_value = prev
                .split_once(':')
                .is_some_and(|(_, v)| !v.trim().is_empty());
            if has_value && indentation(this).len() > indentation(prev).len() {
                let key = prev.split_once(':').map_or("", |(k, _)| k).trim();
                return (
                    Some((line, indentation(this).chars().count() + 1)),
                    Text::new("yaml-indented-under-value")
                        .arg("key", key.trim_start_matches("- "))
                        .arg("line", i + 1),
                );
            }
        }
    }
    (None, Text::new("yaml-syntax").arg("detail", message))
}

/// Warns of keys inside a field's value that nothing reads (a misspelt key; texts cut at a
/// comma are found before, by [`take_cut_texts`]). Keys at the top level are left to the
/// caller, which knows every field of the file (several types read one mapping).
fn report_unread(
    unread: Vec<String>,
    locate_field: &impl Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) {
    for field in unread {
        if !field.contains(['.', '[']) {
            continue;
        }
        problems.push(Diagnostic::warning(
            locate_field(&field),
            Problem::UnreadKey { field },
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
        (Kind::Scalar { empty: true, .. }, Some(key)) => key,
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
    /// `empty`: written without a value (or as `~`); `plain`: without quotes; `text`: as
    /// written.
    Scalar {
        empty: bool,
        plain: bool,
        text: String,
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
                let plain = style == TScalarStyle::Plain;
                let empty = plain && (text.is_empty() || text == "~");
                self.add(Node {
                    mark,
                    kind: Kind::Scalar { empty, plain, text },
                });
            }
            Event::Alias(_) => self.add(Node {
                mark,
                kind: Kind::Scalar {
                    empty: false,
                    plain: false,
                    text: String::new(),
                },
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
            matches!(found[2], (Problem::UnreadKey { field }, false, Some(p))
            if field == "items[0].two" && p == Pos::new(4, 18))
        );
        assert!(
            matches!(found[3], (Problem::UnreadKey { field }, false, Some(p))
            if field == "items[0].note" && p == Pos::new(4, 29))
        );
        assert_eq!(found.len(), 4);
        assert_eq!(
            in_plain_words("invalid type: integer `5`, expected struct Person"),
            Text::new("shape-found-expected")
                .arg("found", Text::new("found-number").arg("value", "5"))
                .arg("expected", Text::new("expected-map"))
        );
    }

    #[test]
    fn syntax_errors_count_lines_from_the_file_start() {
        let err = parse_mapping(src("title: a\nthemes: [a, b\n"), Path::new("x.md")).unwrap_err();
        assert!(matches!(err.problem, Problem::Yaml(_)));
        assert_eq!(err.pos().map(|p| p.line), Some(4));
    }

    #[test]
    fn scalars_read_back_as_written() {
        for text in [
            "Уроци в гората",
            "Проект: четене",
            "ОУ „Йовков“, Добрич",
            "yes",
            "12",
            "#1",
            "- a",
            "[x]",
            "a \"b\"",
        ] {
            let written = scalar(text);
            let value: Value = serde_yaml::from_str(&format!("k: {{a: {written}}}")).unwrap();
            assert_eq!(value["k"]["a"], text, "{written}");
        }
        assert_eq!(scalar("Уроци в гората"), "Уроци в гората");
        assert_eq!(scalar("Проект: четене"), "\"Проект: четене\"");
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

#[cfg(test)]
mod syntax_tests {
    use super::*;

    fn problem(text: &str) -> (Pos, &'static str) {
        let source = Source {
            text,
            first_line: 2,
        };
        let err = parse_mapping(source, Path::new("x.md")).unwrap_err();
        let Problem::Yaml(text) = &err.problem else {
            panic!("{err:?}")
        };
        (err.pos().unwrap(), text.id())
    }

    /// `text` (front matter from line 2) parsed and checked: what is left, and the problems.
    fn checked(text: &str) -> (Map<String, Value>, Vec<Diagnostic>) {
        let source = Source {
            text,
            first_line: 2,
        };
        let mut map = parse_mapping(source, Path::new("x.md")).unwrap();
        let problems = check_parsed(source, Path::new("x.md"), &mut map);
        (map, problems)
    }

    #[test]
    fn texts_cut_by_a_comma_inside_braces_are_errors_at_the_cut_and_taken_out() {
        let text = "organisation: {name: {bg: ОУ „Йовков“ – Добрич, en: Yovkov School, Dobrich}, city: Добрич}\n\
                    activities:\n  - {title: Водим, за да се учим, kind: meeting}\n\
                    authors: [{name: Ана, role: учител, методист}]\nkeep: {a: 1, b: }\n";
        let (map, problems) = checked(text);
        let found: Vec<(String, String, Pos)> = problems
            .iter()
            .map(|d| match &d.problem {
                Problem::CutText { key, before } => (key.clone(), before.clone(), d.pos().unwrap()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Dobrich".into(), "Yovkov School".into(), Pos::new(2, 68)),
                ("за да се учим".into(), "Водим".into(), Pos::new(4, 20)),
                ("методист".into(), "учител".into(), Pos::new(5, 37)),
            ]
        );
        assert!(problems.iter().all(Diagnostic::is_error));
        // What is left reads as meant: a language map, and no stray keys.
        assert_eq!(map["organisation"]["name"]["en"], "Yovkov School");
        assert!(map["organisation"]["name"].get("Dobrich").is_none());
        assert!(map["activities"][0].get("за да се учим").is_none());
        // `b:` with its colon is an empty value, not a cut.
        assert!(map["keep"].get("b").is_some());
    }

    #[test]
    fn nesting_past_the_limit_is_refused_where_it_passes_it() {
        let text = format!("reach: {}\n", "[".repeat(100_000));
        assert_eq!(
            problem(&text),
            (Pos::new(2, 8 + MAX_NESTING), "yaml-too-deep")
        );
        // Brackets in quotes and comments do not count; a few levels are fine.
        let quoted = format!(
            "a: \"{}\" # {}\nb: [[[1]]]\n",
            "[".repeat(100),
            "{".repeat(100)
        );
        let source = Source {
            text: &quoted,
            first_line: 1,
        };
        assert!(parse_mapping(source, Path::new("x.md")).is_ok());
    }

    #[test]
    fn control_characters_written_through_escapes_are_errors_and_taken_out() {
        let text = "title: \"a\\0b\"\nauthors: [{name: \"\\x1b[31m\"}]\nnote: \"\\uFFFE\"\nok: \"tab\\there\"\n";
        let (map, problems) = checked(text);
        let found: Vec<(String, String, Pos)> = problems
            .iter()
            .map(|d| match &d.problem {
                Problem::ControlCharacter { field, code } => {
                    (field.clone(), code.clone(), d.pos().unwrap())
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [
                ("title".into(), "U+0000".into(), Pos::new(2, 8)),
                ("authors[0].name".into(), "U+001B".into(), Pos::new(3, 18)),
                ("note".into(), "U+FFFE".into(), Pos::new(4, 7)),
            ]
        );
        assert_eq!(map["title"], "ab");
        assert_eq!(map["ok"], "tab\there");
    }

    #[test]
    fn only_texts_that_may_hold_findings_are_parsed_again() {
        for plain in [
            "title: A\nsummary: \"S: s\"\nthemes: [a, b]\n",
            "authors:\n  - name: A\n    role: B\npartners:\n  - name: C\n",
            "summary: |\n  Line: one\n  Other: two\n",
        ] {
            assert!(!may_hold_findings(plain), "{plain}");
            assert!(checked(plain).1.is_empty());
        }
        for maybe in [
            "title: A\ntitle: B\n",
            "title: A\n\"title\": B\n",
            "title: A\n'title': B\n",
            "a:\n  - name: A\n    name: B\n",
            "a:\n  -   name: A\n      name: B\n",
            "a:\n  - name: A\n    list:\n      - x\n    name: B\n",
            "title:\n  x\ntitle: y\n",
            "reach: {a: 1}\n",
            "n: .NaN\n",
            "n: -.Inf\n",
            "? title\n: A\n",
            "&k title: A\n",
        ] {
            assert!(may_hold_findings(maybe), "{maybe}");
        }
    }

    /// Front matter made of random lines of keys, items and values, many of them valid YAML.
    fn random_texts(count: usize) -> impl Iterator<Item = String> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let lines = [
            "a: 1", "b: x", "a:", "b:", "- a: 1", "- b: 2", "- x", "\"a\": 2", "'b': 3", "c: |",
            "a: b: c", "# a: 1",
        ];
        (0..count).map(move |_| {
            (0..1 + next(6))
                .map(|_| format!("{}{}\n", "  ".repeat(next(3)), lines[next(lines.len())]))
                .collect()
        })
    }

    #[test]
    fn no_text_whose_tree_holds_findings_is_judged_not_to() {
        let (mut with_findings, mut spared) = (0, 0);
        for text in random_texts(20_000) {
            let source = Source {
                text: &text,
                first_line: 2,
            };
            let Some(root) = parse_tree(source).and_then(|t| t.root) else {
                continue;
            };
            let chars: Vec<char> = text.chars().collect();
            let mut findings = Vec::new();
            walk_written(&root, &chars, String::new(), &mut findings);
            if !findings.is_empty() {
                with_findings += 1;
                assert!(may_hold_findings(&text), "{text}");
            } else if !may_hold_findings(&text) {
                spared += 1;
            }
        }
        assert!(with_findings > 100, "{with_findings} texts with findings");
        assert!(spared > 1000, "{spared} texts not parsed again");
    }

    #[test]
    fn keys_written_twice_and_numbers_that_are_not_are_errors_where_written() {
        let text = "title: A\nsummary: S\ntitle: B\nreach: {teachers: .nan, schools: -.inf}\nnote: \".nan\"\n";
        let (_, problems) = checked(text);
        let found: Vec<(String, Pos)> = problems
            .iter()
            .map(|d| match &d.problem {
                Problem::DuplicateKey { key, first } => {
                    (format!("{key} first at {first}"), d.pos().unwrap())
                }
                Problem::Invalid { field, .. } => (field.clone(), d.pos().unwrap()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [
                ("title first at x.md:2:1".to_string(), Pos::new(4, 1)),
                ("reach.teachers".to_string(), Pos::new(5, 19)),
                ("reach.schools".to_string(), Pos::new(5, 34)),
            ]
        );
    }

    #[test]
    fn common_syntax_mistakes_are_named_where_they_are() {
        // A colon inside an unquoted text: quote it.
        assert_eq!(
            problem("title: Проект: четене\nsummary: a\n"),
            (Pos::new(2, 8), "yaml-colon-in-text")
        );
        // A tab used for indentation.
        assert_eq!(
            problem("authors:\n\t- name: Ана\n"),
            (Pos::new(3, 1), "yaml-tab")
        );
        // A line indented under a value (a text continued on the next line after a colon).
        assert_eq!(
            problem("title: Уроци\n  summary: в гората\n"),
            (Pos::new(3, 3), "yaml-indented-under-value")
        );
    }
}
