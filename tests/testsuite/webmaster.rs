//! What a webmaster writes, the way people write it: each natural form is accepted, or refused
//! with its own problem kind at its place. Every test starts from a site made by
//! `spodeli new site` and adds the files it is about.

use crate::harness::{SiteTest, attrs, texts};
use scraper::Selector;
use spodeli::diagnostics::{Pos, Problem};
use spodeli::messages::Lang;
use std::path::Path;

const PRACTICE: &str =
    "---\ntitle: Уроци в гората\nsummary: Кратко.\ndate: 2021-05-10\nthemes: [reading]\n";

#[test]
fn default_language_orders_the_languages_and_unknown_keys_only_warn() {
    let site = SiteTest::new_site(&[]);
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}default_language: en\npaginat: 5\n").as_bytes(),
    );
    let (report, problems) = site.build();
    assert!(report.is_some(), "{problems:#?}");
    // An unknown key is a warning that names the nearest known key.
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(!problems[0].is_error());
    assert!(
        matches!(&problems[0].problem, Problem::UnknownField { field, .. } if field == "paginat")
    );
    assert_eq!(
        problems[0].pos(),
        Some(Pos::new(config.lines().count() + 2, 1))
    );
    assert!(
        problems[0]
            .problem
            .text()
            .render(Lang::En)
            .contains("did you mean `paginate`?")
    );
    let page = site.html("bg/practices/reading-with-parents/index.html");
    // English first in the switcher, and x-default names the English version.
    let switcher = texts(&page, ".languages li");
    assert_eq!(switcher, ["English", "Български"]);
    let x_default = attrs(&page, "link[hreflang=x-default]", "href");
    assert_eq!(
        x_default,
        ["https://school.example/praktiki/en/practices/reading-with-parents/"]
    );
    let root = site.html("index.html");
    assert_eq!(attrs(&root, "html", "lang"), ["en"]);
}

#[test]
fn labels_written_for_codes_are_read_as_the_codes() {
    let site = SiteTest::new_site(&[(
        "content/practices/labels.bg.md",
        "---\ntitle: Етикети\nsummary: Кратко.\ndate: 2021-05-10\n\
         themes: [дигитално образование, Reading literacy]\nlevels: [Начален етап (I–IV клас)]\n\
         reach: {учители: 1, children: 12000}\n---\n"
            .as_bytes(),
    )]);
    site.built();
    let digital = site.html("bg/themes/digital/index.html");
    assert!(
        texts(&digital, "article.card h3")
            .iter()
            .any(|t| t == "Етикети")
    );
    let page = site.html("bg/practices/labels/index.html");
    let facts = texts(&page, ".facts").join(" ");
    assert!(
        facts.contains("1 учител") && facts.contains("12\u{a0}000 деца"),
        "{facts}"
    );
}

#[test]
fn unknown_codes_suggest_a_code_with_its_label_or_list_the_codes() {
    let site = SiteTest::new_site(&[(
        "content/practices/codes.bg.md",
        format!("{PRACTICE}levels: [primery, zzzzzzzzzzzzzz]\n---\n").as_bytes(),
    )]);
    let problems = site.problems();
    let near = problems.iter().find_map(|(_, pos, p)| match p {
        Problem::UnknownCode {
            suggestion: Some(s),
            label,
            ..
        } => Some((*pos, s.clone(), label.clone())),
        _ => None,
    });
    assert_eq!(
        near,
        Some((
            Some(Pos::new(6, 10)),
            "primary".into(),
            Some("Primary, grades 1–4".into())
        ))
    );
    let listed = problems.iter().find_map(|(_, pos, p)| match p {
        Problem::UnknownCode {
            suggestion: None,
            known,
            ..
        } => Some((*pos, known.len())),
        _ => None,
    });
    assert_eq!(listed, Some((Some(Pos::new(6, 19)), 6)));
}

#[test]
fn downloads_listed_in_each_language_are_gathered() {
    let site = SiteTest::new_site(&[
        ("content/projects/p/index.bg.md", b"---\ntitle: Proekt\nsummary: S.\nprogramme: erasmus_plus\nstart: 2020-01-01\nend: 2021-01-01\n---\n"),
        ("content/projects/p/index.en.md", b"---\ntitle: Project\nsummary: S.\n---\n"),
        ("content/projects/p/handbook/index.bg.md", b"---\ntitle: Narachnik\ndownloads: [{file: h-bg.pdf, lang: bg}]\n---\n"),
        ("content/projects/p/handbook/index.en.md", b"---\ntitle: Handbook\ndownloads: [{file: h-en.pdf, lang: en}]\n---\n"),
        ("content/projects/p/handbook/01-one.bg.md", b"---\ntitle: Edno\n---\n"),
        ("content/projects/p/handbook/h-bg.pdf", b"%PDF-1.4"),
        ("content/projects/p/handbook/h-en.pdf", b"%PDF-1.4"),
    ]);
    let report = site.built().report;
    for lang in ["bg", "en"] {
        let contents = site.html(&format!("{lang}/projects/p/handbook/index.html"));
        let files = attrs(&contents, "a[download]:not(.edition)", "hreflang");
        assert_eq!(files, ["bg", "en"], "{lang}");
    }
    // The chapter in Bulgarian only is listed by `check`.
    let untranslated: Vec<String> = report
        .untranslated
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        untranslated.contains(&"content/projects/p/handbook/01-one.bg.md".to_string()),
        "{untranslated:?}"
    );
}

#[test]
fn a_text_cut_by_a_comma_is_an_error_at_the_cut_and_nothing_else() {
    let site = SiteTest::new_site(&[
        (
            "content/organisations/yovkov.yaml",
            "name: {bg: ОУ „Йовков“ – Добрич, en: Yovkov School, Dobrich}\nkind: school\n\
         city: {bg: Добрич, en: Dobrich}\ncountry: BG\n"
                .as_bytes(),
        ),
        (
            "content/practices/cut.bg.md",
            format!("{PRACTICE}authors: [{{name: Ана, role: учител, методист}}]\n---\n").as_bytes(),
        ),
    ]);
    let problems = site.problems();
    let cuts: Vec<(String, Option<Pos>, String)> = problems
        .iter()
        .map(|(file, pos, p)| match p {
            Problem::CutText { key, .. } => (file.display().to_string(), *pos, key.clone()),
            other => panic!("only the cuts are reported: {other:?}"),
        })
        .collect();
    assert_eq!(
        cuts,
        [
            (
                "content/organisations/yovkov.yaml".into(),
                Some(Pos::new(1, 53)),
                "Dobrich".into()
            ),
            (
                "content/practices/cut.bg.md".into(),
                Some(Pos::new(6, 37)),
                "методист".into()
            ),
        ]
    );
}

#[test]
fn dates_written_the_bulgarian_way_or_not_existing_say_what_to_write() {
    let site = SiteTest::new_site(&[
        (
            "content/practices/dotted.bg.md",
            b"---\ntitle: A\nsummary: S.\ndate: 10.05.2021 \xd0\xb3.\nthemes: [reading]\n---\n",
        ),
        (
            "content/practices/feb.bg.md",
            b"---\ntitle: B\nsummary: S.\ndate: 2021-02-30\nthemes: [reading]\n---\n",
        ),
    ]);
    let problems = site.problems();
    let dates: Vec<(String, Option<Pos>, &'static str, String)> = problems
        .iter()
        .map(|(file, pos, p)| match p {
            Problem::BadDate { reason, .. } => (
                file.display().to_string(),
                *pos,
                reason.id(),
                reason.render(Lang::En),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(dates[0].0, "content/practices/dotted.bg.md");
    assert_eq!(
        (dates[0].1, dates[0].2),
        (Some(Pos::new(4, 7)), "date-write-iso")
    );
    assert!(dates[0].3.contains("`2021-05-10`"), "{}", dates[0].3);
    assert_eq!(
        (dates[1].1, dates[1].2),
        (Some(Pos::new(4, 7)), "date-no-such-day")
    );
}

#[test]
fn a_file_saved_in_windows_1251_names_its_encoding() {
    // „Уроци“ as an older Bulgarian editor saves it.
    let site = SiteTest::new_site(&[(
        "content/practices/cp1251.bg.md",
        b"---\ntitle: \xd3\xf0\xee\xf6\xe8\nsummary: S.\n---\n",
    )]);
    let problems = site.problems();
    assert!(
        matches!(
            &problems[..],
            [(_, Some(p), Problem::InvalidUtf8 { looks_like: Some(e) })] if *p == Pos::new(2, 8) && e == "Windows-1251"
        ),
        "{problems:#?}"
    );
}

#[test]
fn photos_named_with_spaces_and_cyrillic_are_published_under_safe_names() {
    let site = SiteTest::new_site(&[
        (
            "content/practices/garden/index.bg.md",
            "---\ntitle: Градина\nsummary: S.\ndate: 2021-05-10\nthemes: [reading]\n\
             images: [{file: Снимка от градината 1.JPG, alt: Лехите}]\n---\n\n\
             ![Лехите отблизо](Снимка от градината 1.JPG)\n"
                .as_bytes(),
        ),
        (
            "content/practices/garden/Снимка от градината 1.JPG",
            &crate::harness::photos::jpeg_of(&crate::harness::photos::halves(600, 400)),
        ),
    ]);
    site.built();
    // The photo is published as its copies, under the safe name: 600 pixels wide is its own.
    let safe = "media/practices/garden/snimka-ot-gradinata-1-600.jpg";
    assert!(site.out().join(safe).is_file());
    let page = site.html("bg/practices/garden/index.html");
    let sources = attrs(&page, "main img", "src");
    assert_eq!(sources.len(), 2, "the gallery's and the body's");
    for src in &sources {
        assert_eq!(src, &format!("../../../{safe}"));
    }
    assert!(
        !texts(&page, "main").join(" ").contains("!["),
        "no literal Markdown"
    );
}

#[test]
fn yaml_mistakes_are_named_in_the_writers_words() {
    let site = SiteTest::new_site(&[
        (
            "content/practices/colon.bg.md",
            "---\ntitle: Проект: четене\nsummary: S.\n---\n".as_bytes(),
        ),
        (
            "content/practices/tab.bg.md",
            b"---\ntitle: T\nauthors:\n\t- name: A\n---\n",
        ),
    ]);
    let problems = site.problems();
    let found: Vec<(String, Option<Pos>, &'static str)> = problems
        .iter()
        .map(|(file, pos, p)| match p {
            Problem::Yaml(text) => (file.display().to_string(), *pos, text.id()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/practices/colon.bg.md".into(),
                Some(Pos::new(2, 8)),
                "yaml-colon-in-text"
            ),
            (
                "content/practices/tab.bg.md".into(),
                Some(Pos::new(4, 1)),
                "yaml-tab"
            ),
        ]
    );
}

#[test]
fn an_organisation_with_errors_is_reported_once_and_never_breaks_another_page() {
    let site = SiteTest::new_site(&[
        ("content/organisations/our-school.yaml", b"name:\nkind: school\ncity: ~\ncountry: BG\n"),
        (
            "content/projects/p.bg.md",
            b"---\ntitle: P\nsummary: S.\nprogramme: erasmus_plus\nstart: 2020-01-01\nend: 2021-01-01\n\
              partners: [{organisation: our-school, role: partner}]\n---\n",
        ),
    ]);
    let problems = site.problems();
    let kinds: Vec<(String, &Problem)> = problems
        .iter()
        .map(|(file, _, p)| (file.display().to_string(), p))
        .collect();
    assert!(kinds.iter().all(|(file, p)| file == "content/organisations/our-school.yaml"
        && matches!(p, Problem::MissingField { field, .. } if field == "name" || field == "city")), "{kinds:#?}");
    assert_eq!(kinds.len(), 4, "name and city, in both languages");
}

#[test]
fn an_english_summary_without_an_english_title_is_a_missing_title() {
    let site = SiteTest::new_site(&[(
        "content/practices/half.yaml",
        "title: {bg: Половин}\nsummary: {bg: Резюме., en: A summary.}\ndate: 2021-05-10\n\
         themes: [reading]\nbody: {bg: Текст., en: Text.}\n"
            .as_bytes(),
    )]);
    let problems = site.problems();
    assert!(
        matches!(
            &problems[..],
            [(_, _, Problem::MissingField { field, lang: Some(l) })] if field == "title" && l == "en"
        ),
        "{problems:#?}"
    );
}

#[test]
fn a_webmaster_starts_a_site_and_adds_a_practice_in_bulgarian() {
    let dir = tempfile::tempdir().unwrap();
    let run = |cwd: &Path, args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_spodeli"))
            .args(args)
            .current_dir(cwd)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "bg_BG.UTF-8")
            .output()
            .unwrap()
    };
    let made = run(dir.path(), &["new", "site", "училище"]);
    let stderr = String::from_utf8(made.stderr).unwrap();
    assert!(made.status.success(), "{stderr}");
    assert!(stderr.contains("създаден е училище/site.yaml"), "{stderr}");
    let site = dir.path().join("училище");
    let practice = run(&site, &["new", "practice", "Уроци в гората"]);
    let stderr = String::from_utf8(practice.stderr).unwrap();
    assert!(practice.status.success(), "{stderr}");
    for lang in ["bg", "en"] {
        assert!(
            site.join(format!("content/practices/urotsi-v-gorata.{lang}.md"))
                .is_file()
        );
    }
    // Never overwritten; the refusal says why, in Bulgarian.
    let again = run(&site, &["new", "practice", "Уроци в гората"]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(
        stderr.contains("вече има запис `urotsi-v-gorata`"),
        "{stderr}"
    );
    // The site checks clean and lists the draft.
    let checked = run(&site, &["check"]);
    let stderr = String::from_utf8(checked.stderr).unwrap();
    assert!(checked.status.success(), "{stderr}");
    assert!(
        stderr.contains("content/practices/urotsi-v-gorata.bg.md: бележка: чернова"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("грешка") && !stderr.contains("предупреждение"),
        "{stderr}"
    );
    // The codes, with their labels.
    let codes = run(&site, &["codes", "themes"]);
    let stdout = String::from_utf8(codes.stdout).unwrap();
    assert!(stdout.starts_with("themes:\n"), "{stdout}");
    assert!(stdout.contains("  digital — дигитално образование / Digital education\n"));
    let unknown = run(&site, &["codes", "colours"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8(unknown.stderr)
            .unwrap()
            .contains("няма речник `colours`")
    );
}

#[test]
fn first_impressions_countries_licences_breadcrumbs_and_activities() {
    let site = SiteTest::fixture("full").built();
    let html = |page: &str| site.html(page);
    // A partner's country by name in the page's language, never as flag emoji.
    let project = html("bg/projects/finished-project/index.html");
    let facts = texts(&project, ".facts").join(" ");
    assert!(facts.contains("Партньорска асоциация (Латвия)"), "{facts}");
    assert!(
        !facts
            .chars()
            .any(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)),
        "{facts}"
    );
    let organisation = html("en/organisations/test-school/index.html");
    assert!(
        texts(&organisation, ".facts dd")
            .iter()
            .any(|t| t == "Varna, Bulgaria")
    );
    // A licence by its name, linked to its text.
    let practice = html("bg/practices/alpha/index.html");
    let licence = attrs(&practice, "a[rel~=license]", "href");
    assert_eq!(licence, ["https://creativecommons.org/licenses/by/4.0/"]);
    assert_eq!(
        texts(&practice, "a[rel~=license]"),
        ["Creative Commons Признание 4.0 Международен"]
    );
    let contents = html("en/projects/finished-project/handbook/index.html");
    assert_eq!(
        texts(&contents, "a[rel~=license]"),
        ["Creative Commons Attribution 4.0 International"]
    );
    // A chapter's breadcrumbs: the projects listing, the project, its handbook, the chapter.
    let chapter = html("en/projects/finished-project/handbook/case-alpha/index.html");
    let crumbs = texts(&chapter, ".breadcrumbs li");
    assert_eq!(crumbs.len(), 5, "{crumbs:?}");
    assert_eq!(crumbs[1], "Projects");
    assert_eq!(crumbs[3], "Handbook");
    // No column of empty cells in the activities table.
    for row in project.select(&Selector::parse("#h-activities + div tr").unwrap()) {
        for cell in row.select(&Selector::parse("td").unwrap()) {
            assert!(
                !cell.text().collect::<String>().trim().is_empty(),
                "{}",
                row.html()
            );
        }
    }
}
