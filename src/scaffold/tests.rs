use super::*;
use crate::build;
use crate::diagnostics::{Diagnostic, Problem};
use crate::site::Options;

const TODAY: &str = "2026-12-02";

fn new_site_in(languages: &[Lang]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    new_site(&dir.path().join("site"), languages, TODAY).unwrap();
    dir
}

/// Checks the site: its problems, and the drafts `check` lists.
fn check(root: &Path, drafts: bool) -> (Vec<Diagnostic>, Vec<PathBuf>, usize) {
    let options = Options {
        drafts,
        ..Options::default()
    };
    let (report, diagnostics) = build::check(root, &options);
    let report = report.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let pages = report.pages.values().sum();
    (diagnostics, report.drafts, pages)
}

/// Makes an entry of `kind` in `form`, dated [`TODAY`].
fn make(root: &Path, kind: &Kind, form: Form) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    new_entry(root, kind, form, TODAY)
}

fn problem_id(result: Result<Vec<PathBuf>, Vec<Diagnostic>>) -> &'static str {
    let problems = result.unwrap_err();
    match &problems[0].problem {
        Problem::New(text) => text.id(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_new_site_builds_without_errors_or_warnings_in_one_or_two_languages() {
    for languages in [
        vec![Lang::Bg, Lang::En],
        vec![Lang::En, Lang::Bg],
        vec![Lang::Bg],
    ] {
        let dir = new_site_in(&languages);
        let root = dir.path().join("site");
        let (diagnostics, drafts, pages) = check(&root, false);
        assert!(diagnostics.is_empty(), "{languages:?}: {diagnostics:#?}");
        assert!(drafts.is_empty());
        assert!(pages > 10, "{pages}");
        let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
        let codes: Vec<&str> = languages.iter().map(|l| l.code()).collect();
        assert!(
            config.contains(&format!("languages: [{}]", codes.join(", "))),
            "{config}"
        );
        let english = root.join("content/pages/accessibility.en.md");
        assert_eq!(english.exists(), languages.contains(&Lang::En));
        // Git, where the site is kept in it, leaves out what builds make.
        let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap();
        let lines: Vec<&str> = ignored.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines, ["public/", ".spodeli-cache/"]);
    }
}

#[test]
fn a_new_site_goes_only_into_an_empty_folder() {
    let dir = new_site_in(&[Lang::Bg, Lang::En]);
    let again = new_site(&dir.path().join("site"), &[Lang::Bg], TODAY).unwrap_err();
    assert!(matches!(&again.problem, Problem::New(t) if t.id() == "new-site-not-empty"));
    assert!(parse_languages("bg,de").is_err());
    assert!(parse_languages("").is_err());
    assert_eq!(parse_languages("en, bg").unwrap(), [Lang::En, Lang::Bg]);
}

#[test]
fn each_kind_of_entry_is_made_in_every_language_as_a_draft_that_checks() {
    let dir = new_site_in(&[Lang::Bg, Lang::En]);
    let root = dir.path().join("site");
    let made = make(&root, &Kind::Practice("Уроци в гората".into()), Form::File).unwrap();
    assert_eq!(
        made,
        [
            PathBuf::from("content/practices/urotsi-v-gorata.bg.md"),
            PathBuf::from("content/practices/urotsi-v-gorata.en.md"),
        ]
    );
    let bg = std::fs::read_to_string(root.join(&made[0])).unwrap();
    assert!(
        bg.contains("draft: true") && bg.contains(&format!("date: {TODAY}")),
        "{bg}"
    );
    assert!(bg.contains("#   digital — дигитално образование"), "{bg}");
    let en = std::fs::read_to_string(root.join(&made[1])).unwrap();
    assert!(
        !en.contains("date:"),
        "neutral fields are written once: {en}"
    );

    let project = Kind::Project("Проект: четене, писане".into());
    let made = make(&root, &project, Form::Folder).unwrap();
    assert_eq!(
        made[0],
        PathBuf::from("content/projects/proekt-chetene-pisane/index.bg.md")
    );
    let page = make(&root, &Kind::Page("Контакти".into()), Form::Yaml).unwrap();
    assert_eq!(page, [PathBuf::from("content/pages/kontakti.yaml")]);
    let yaml = std::fs::read_to_string(root.join(&page[0])).unwrap();
    assert!(
        yaml.contains("title: {bg: Контакти, en: Контакти}"),
        "{yaml}"
    );
    let org = make(
        &root,
        &Kind::Organisation("ОУ „Йовков“, Добрич".into()),
        Form::File,
    )
    .unwrap();
    assert_eq!(
        org,
        [PathBuf::from(
            "content/organisations/ou-yovkov-dobrich.yaml"
        )]
    );
    let handbook = make(
        &root,
        &Kind::Handbook("proekt-chetene-pisane".into()),
        Form::File,
    )
    .unwrap();
    assert_eq!(handbook.len(), 2);
    for title in ["Въведение", "Как започнахме"] {
        make(
            &root,
            &Kind::Chapter("proekt-chetene-pisane".into(), title.into()),
            Form::File,
        )
        .unwrap();
    }
    let chapter =
        root.join("content/projects/proekt-chetene-pisane/handbook/02-kak-zapochnahme.en.md");
    assert!(chapter.is_file());

    // Everything reads without a problem; the drafts are listed and left out of the build.
    let (diagnostics, drafts, pages) = check(&root, false);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(drafts.len(), 3, "{drafts:?}");
    let (diagnostics, _, with_drafts) = check(&root, true);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert!(with_drafts > pages, "{with_drafts} > {pages}");
}

#[test]
fn nothing_is_overwritten_and_impossible_requests_say_why() {
    let dir = new_site_in(&[Lang::Bg, Lang::En]);
    let root = dir.path().join("site");
    let practice = Kind::Practice("Четене с родители".into());
    let before =
        std::fs::read_to_string(root.join("content/practices/reading-with-parents.bg.md")).unwrap();
    make(&root, &practice, Form::File).unwrap();
    assert_eq!(
        problem_id(make(&root, &practice, Form::Yaml)),
        "new-slug-taken"
    );
    assert_eq!(
        problem_id(make(&root, &practice, Form::Folder)),
        "new-slug-taken"
    );
    let after =
        std::fs::read_to_string(root.join("content/practices/reading-with-parents.bg.md")).unwrap();
    assert_eq!(before, after);
    assert_eq!(
        problem_id(make(&root, &Kind::Practice("—".into()), Form::File)),
        "new-no-slug"
    );
    assert_eq!(
        problem_id(make(&root, &Kind::Handbook("nope".into()), Form::File)),
        "new-no-project"
    );
    make(&root, &Kind::Project("Plain".into()), Form::File).unwrap();
    assert_eq!(
        problem_id(make(&root, &Kind::Handbook("plain".into()), Form::File)),
        "new-project-not-a-folder"
    );
    make(&root, &Kind::Project("Folder".into()), Form::Folder).unwrap();
    assert_eq!(
        problem_id(make(
            &root,
            &Kind::Chapter("folder".into(), "Една".into()),
            Form::File
        )),
        "new-no-handbook"
    );
    make(&root, &Kind::Handbook("folder".into()), Form::File).unwrap();
    assert_eq!(
        problem_id(make(&root, &Kind::Handbook("folder".into()), Form::File)),
        "new-exists"
    );
    let chapter = Kind::Chapter("folder".into(), "Една".into());
    make(&root, &chapter, Form::File).unwrap();
    assert_eq!(
        problem_id(make(&root, &chapter, Form::File)),
        "new-slug-taken"
    );
    // Outside a site: the site's own problem.
    let outside = make(dir.path(), &practice, Form::File).unwrap_err();
    assert!(matches!(&outside[0].problem, Problem::Io(t) if t.id() == "config-not-a-site"));
}
