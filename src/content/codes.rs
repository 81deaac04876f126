//! Vocabulary codes as authors write them: a code (`digital`), or one of its labels in any
//! language (`дигитално образование`, `Digital education`), which is read as that code. Every
//! field that takes a code is listed once here ([`codes_mut`]); an unknown code is an error at
//! its place, with the nearest code and its label, or the list of codes.

use crate::content::entry::Entry;
use crate::content::model::{Common, Fields};
use crate::diagnostics::{Diagnostic, Problem};
use crate::vocabulary::Vocabulary;

/// A field holding a code: its vocabulary, its path in the entry, and the code.
type CodeField<'a> = (&'static str, String, &'a mut String);

/// Every code of one language version, with its vocabulary and its field's path.
fn codes_mut<'a>(common: &'a mut Common, fields: &'a mut Fields) -> Vec<CodeField<'a>> {
    fn listed<'a>(set: &'static str, field: &str, codes: &'a mut [String]) -> Vec<CodeField<'a>> {
        codes
            .iter_mut()
            .enumerate()
            .map(|(i, c)| (set, format!("{field}[{i}]"), c))
            .collect()
    }
    let mut out = listed("themes", "themes", &mut common.themes);
    out.extend(listed("levels", "levels", &mut common.levels));
    match fields {
        Fields::Practice(p) => out.extend(listed("dimensions", "dimensions", &mut p.dimensions)),
        Fields::Project(p) => {
            if !p.programme.is_empty() {
                out.push(("programmes", "programme".into(), &mut p.programme));
            }
            for (i, l) in p.labels.iter_mut().enumerate() {
                out.push(("labels", format!("labels[{i}].type"), &mut l.kind));
            }
            for (i, x) in p.partners.iter_mut().enumerate() {
                if let Some(role) = &mut x.role {
                    out.push(("partner_roles", format!("partners[{i}].role"), role));
                }
            }
            for (i, x) in p.activities.iter_mut().enumerate() {
                if let Some(kind) = &mut x.kind {
                    out.push(("activity_kinds", format!("activities[{i}].kind"), kind));
                }
            }
            for (i, x) in p.results.iter_mut().enumerate() {
                if let Some(kind) = &mut x.kind {
                    out.push(("result_kinds", format!("results[{i}].kind"), kind));
                }
            }
        }
        Fields::Organisation(o) => {
            if !o.kind.is_empty() {
                out.push(("organisation_kinds", "kind".into(), &mut o.kind));
            }
            if let Some(t) = &mut o.school_type {
                out.push(("school_types", "school_type".into(), t));
            }
            for (i, l) in o.labels.iter_mut().enumerate() {
                out.push(("labels", format!("labels[{i}].type"), &mut l.kind));
            }
        }
        Fields::Page(_) => {}
    }
    out
}

/// Replaces labels written for codes by their codes, in every language version of `entry`,
/// and reports the codes no vocabulary knows.
pub(super) fn resolve(entry: &mut Entry, vocabulary: &Vocabulary, problems: &mut Vec<Diagnostic>) {
    let mut unknown: Vec<(String, String, Problem)> = Vec::new();
    for (lang, v) in &mut entry.variants {
        for (set, path, code) in codes_mut(&mut v.common, &mut v.fields) {
            match vocabulary.resolve(set, code) {
                Ok(resolved) => *code = resolved,
                Err(problem) => unknown.push((lang.clone(), path, problem)),
            }
        }
        let reach = match &mut v.fields {
            Fields::Practice(p) => &mut p.reach,
            Fields::Project(p) => &mut p.reach,
            _ => continue,
        };
        *reach = std::mem::take(reach)
            .into_iter()
            .map(|(key, count)| match vocabulary.resolve("reach", &key) {
                Ok(code) => (code, count),
                Err(problem) => {
                    unknown.push((lang.clone(), format!("reach.{key}"), problem));
                    (key, count)
                }
            })
            .collect();
    }
    for (lang, path, problem) in unknown {
        problems.push(Diagnostic::error(entry.locate(&lang, &path), problem));
    }
}
