//! Bad input as a webmaster meets it: every problem in one run with file, line and column,
//! what was expected, the previous output kept, and the command line's exit codes.

use crate::harness::fixture;
use spodeli::build;
use spodeli::diagnostics::{Pos, Problem, Severity};
use spodeli::site::Options;
use std::process::Command;

/// Every problem of the `invalid` fixture, by file, position and kind, is in the reviewed
/// snapshot `snapshots/testsuite__problems__invalid_fixture.snap`. A bad date hides neither
/// its file's other problems (fields, references, the body's links) nor reads as a missing
/// date; a title that cannot be read is reported once, not also as missing.
#[test]
fn bad_input_is_reported_all_at_once_with_file_line_and_column() {
    let (report, diagnostics) = build::check(&fixture("invalid"), &Options::default());
    assert!(report.is_none());
    let problems: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let place = match d.pos() {
                Some(pos) => format!(
                    "{}:{}:{}",
                    d.path().unwrap().display(),
                    pos.line,
                    pos.column
                ),
                None => d.path().unwrap().display().to_string(),
            };
            format!("{place} {}", d.problem.kind())
        })
        .collect();
    insta::assert_snapshot!("invalid_fixture", problems.join("\n"));
}

#[test]
fn problems_say_what_was_expected() {
    let (_, diagnostics) = build::check(&fixture("invalid"), &Options::default());
    let find = |f: &dyn Fn(&Problem) -> bool| {
        diagnostics
            .iter()
            .find(|d| f(&d.problem))
            .unwrap()
            .problem
            .clone()
    };
    match find(&|p| matches!(p, Problem::UnknownCode { code, .. } if code == "digitl")) {
        Problem::UnknownCode {
            suggestion, code, ..
        } => assert_eq!(
            (code.as_str(), suggestion.as_deref()),
            ("digitl", Some("digital"))
        ),
        _ => unreachable!(),
    }
    match find(&|p| matches!(p, Problem::Conflict { .. })) {
        Problem::Conflict { field, other } => {
            assert_eq!(field, "date");
            assert_eq!(
                other.to_string(),
                "content/practices/conflict/index.bg.md:4:7"
            );
        }
        _ => unreachable!(),
    }
    let missing = diagnostics
        .iter()
        .find(|d| d.path().is_some_and(|p| p.ends_with("missing-field.bg.md")))
        .unwrap();
    match &missing.problem {
        Problem::MissingField { field, .. } => assert_eq!(field, "summary"),
        other => panic!("{other:?}"),
    }
    let warning = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .unwrap();
    assert!(matches!(&warning.problem, Problem::UnknownField { field, .. } if field == "titel"));
    assert_eq!(warning.pos(), Some(Pos::new(5, 1)));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (ok, _) = build::build(&fixture("full"), Some(&out), &Options::default());
    assert!(ok.is_some());
    let before = std::fs::read(out.join("bg/index.html")).unwrap();
    let (failed, diagnostics) = build::build(&fixture("invalid"), Some(&out), &Options::default());
    assert!(failed.is_none() && !diagnostics.is_empty());
    assert_eq!(std::fs::read(out.join("bg/index.html")).unwrap(), before);
    assert!(out.join("bg/practices/alpha/index.html").exists());
    let siblings: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        1,
        "no staging folder left behind: {siblings:?}"
    );
}

#[test]
fn the_command_line_exits_non_zero_and_names_places() {
    let dir = tempfile::tempdir().unwrap();
    let run_in = |locale: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_spodeli"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .output()
            .unwrap()
    };
    let run = |args: &[&str]| run_in("C.UTF-8", args);
    let failed = run(&[
        "build",
        "--root",
        fixture("invalid").to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert!(
        stderr.contains("content/practices/bad-date.bg.md:4:7: error:"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
    let refused = run(&[
        "build",
        "--root",
        fixture("full").to_str().unwrap(),
        "--out",
        fixture("full").join("content").to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let checked = run(&["check", "--root", fixture("full").to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(0));
    let stderr = String::from_utf8(checked.stderr).unwrap();
    assert!(
        stderr.contains("content/practices/gamma.bg.md: note: no en version"),
        "{stderr}"
    );
    assert!(
        !fixture("full").join("public").exists(),
        "check writes nothing"
    );
    // The locale chooses the language of the messages; --lang overrides it.
    let invalid = fixture("invalid");
    let in_bulgarian = run_in(
        "bg_BG.UTF-8",
        &["check", "--root", invalid.to_str().unwrap()],
    );
    let stderr = String::from_utf8(in_bulgarian.stderr).unwrap();
    assert!(
        stderr.contains("content/practices/bad-date.bg.md:4:7: грешка: `date`: невалидна дата"),
        "{stderr}"
    );
    assert!(stderr.contains("грешки; нищо не е записано."), "{stderr}");
    let overridden = run_in(
        "bg_BG.UTF-8",
        &["--lang", "en", "check", "--root", invalid.to_str().unwrap()],
    );
    let stderr = String::from_utf8(overridden.stderr).unwrap();
    assert!(
        stderr.contains("4:7: error: `date`: invalid date"),
        "{stderr}"
    );
}
