//! The rules of ARCHITECTURE.md, checked on the source: no module imports a module that imports
//! it back (directly or through others), a child names its siblings directly rather than
//! through its parent's re-exports, the leaves import no stage, and no function is longer than
//! 100 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`content::merge`) → source text without its inline tests.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let mut names: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if names.last().is_some_and(|n| n == "mod") {
            names.pop();
        }
        // The crate roots and test modules in files of their own are not in the pipeline.
        if names == ["lib"] || names == ["main"] || names.last().is_some_and(|n| n == "tests") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let text = match text.find("#[cfg(test)]") {
            Some(i) => &text[..i],
            None => &text,
        };
        // Comments name modules without importing them (doc links); lines are kept for counts.
        let code: String = text
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        found.insert(names.join("::"), code);
    }
    found
}

/// The paths a piece of code names: `crate::a::b`, `super::c` (and each branch of
/// `use super::{d, e::f}`), resolved to module paths from `module`.
fn named_paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let here: Vec<String> = module.split("::").map(str::to_string).collect();
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let start_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let base = if !start_ok {
            None
        } else if rest.starts_with("crate::") {
            Some((Vec::new(), "crate::".len()))
        } else if rest.starts_with("super::") {
            let mut parent = here.clone();
            parent.pop();
            Some((parent, "super::".len()))
        } else {
            None
        };
        match base {
            Some((base, skip)) => {
                let (tree, used) = use_tree(&code[i + skip..]);
                for branch in tree {
                    let mut path = base.clone();
                    path.extend(branch);
                    paths.push(path);
                }
                i += skip + used.max(1);
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    paths
}

/// Reads `a::b::{c, d::e}` at the start of `text`: every branch, and the bytes read.
fn use_tree(text: &str) -> (Vec<Vec<String>>, usize) {
    let ident_end = |t: &str| {
        t.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(t.len())
    };
    let mut prefix = Vec::new();
    let mut i = 0;
    loop {
        let rest = &text[i..];
        if let Some(inner) = rest.strip_prefix('{') {
            let mut branches = Vec::new();
            let mut j = 0;
            loop {
                let part = inner[j..].trim_start();
                j = inner.len() - part.len();
                if part.starts_with('}') || part.is_empty() {
                    j += 1;
                    break;
                }
                let (sub, used) = use_tree(part);
                for b in sub {
                    let mut path = prefix.clone();
                    path.extend(b);
                    branches.push(path);
                }
                j += used;
                let after = inner[j..].trim_start();
                j = inner.len() - after.len();
                if after.starts_with(',') {
                    j += 1;
                }
            }
            return (branches, i + 1 + j);
        }
        let n = ident_end(rest);
        if n == 0 {
            return (vec![prefix], i);
        }
        prefix.push(rest[..n].to_string());
        i += n;
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            // `self` in a group names the prefix itself; `as x` renames are skipped by the caller.
            if prefix.last().is_some_and(|p| p == "self") {
                prefix.pop();
            }
            return (vec![prefix], i);
        }
    }
}

/// Module → the modules it names (the longest known module prefix of each path).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<&String> = modules.keys().collect();
    let mut edges = BTreeMap::new();
    for (module, code) in &modules {
        let mut targets = BTreeSet::new();
        for path in named_paths(module, code) {
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| known.contains(m));
            if let Some(target) = target.filter(|t| t != module) {
                targets.insert(target);
            }
        }
        // A parent reaches its children by their bare names (`merge::merge(…)`).
        for child in modules.keys() {
            if let Some(name) = child
                .strip_prefix(module.as_str())
                .and_then(|c| c.strip_prefix("::"))
                .filter(|c| !c.contains("::"))
                && code.contains(&format!("{name}::"))
            {
                targets.insert(child.clone());
            }
        }
        edges.insert(module.clone(), targets);
    }
    edges
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let edges = graph();
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(i) = path.iter().position(|p| p == m) {
            cycles.push(format!("{} → {m}", path[i..].join(" → ")));
            return;
        }
        if !done.insert(m.to_string()) {
            return;
        }
        path.push(m.to_string());
        for next in edges.get(m).into_iter().flatten() {
            visit(next, edges, path, done, cycles);
        }
        path.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for m in edges.keys() {
        visit(m, &edges, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_graph_sees_imports() {
    // The check above is only as good as the graph: known edges must be in it.
    let edges = graph();
    for (from, to) in [
        ("content::entry", "content::handbook"),
        ("content::handbook", "content::merge"),
        ("content", "content::entry"),
        ("render::renderer", "site"),
        ("yaml", "dates"),
    ] {
        assert!(
            edges[from].contains(to),
            "{from} should import {to}: {:?}",
            edges[from]
        );
    }
    let tree = named_paths("a::b", "use super::{c, d::{e, self}};");
    assert_eq!(
        tree,
        [["a", "c"].as_slice(), &["a", "d", "e"], &["a", "d"]]
            .map(|p| p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
}

#[test]
fn leaves_import_no_stage() {
    let leaves = [
        "diagnostics",
        "messages",
        "reader",
        "yaml",
        "sections",
        "dates",
        "langmap",
        "translit",
        "urls",
        "escape",
        "licences",
        "fingerprint",
        "photos",
    ];
    let edges = graph();
    for leaf in leaves {
        let above: Vec<&String> = edges[leaf]
            .iter()
            .filter(|t| !leaves.iter().any(|l| t.split("::").next() == Some(l)))
            .collect();
        assert!(above.is_empty(), "{leaf} imports stages {above:?}");
    }
}
#[test]
fn no_function_is_longer_than_100_lines() {
    let mut long = Vec::new();
    for (module, code) in modules() {
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .any(|p| t.starts_with(p));
            if !is_fn || t.ends_with(';') {
                continue;
            }
            let indent = line.len() - t.len();
            let end = lines[i + 1..]
                .iter()
                .position(|l| {
                    l.strip_prefix(&" ".repeat(indent))
                        .is_some_and(|r| r.starts_with('}'))
                })
                .map_or(0, |n| n + 1);
            if end > 100 {
                long.push(format!(
                    "{module}: {} ({end} lines)",
                    t.trim_end_matches('{')
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 100 lines:\n{}",
        long.join("\n")
    );
}
