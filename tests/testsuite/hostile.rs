//! Input written by an attacker or by accident, and what spodeli makes of it: each defect found
//! by probing has a test here that failed before its fix.

use crate::harness::{SiteTest, attrs};
use scraper::{Html, Selector};
use spodeli::diagnostics::{Pos, Problem};

const HEAD: &str = "---\ntitle: T\nsummary: S.\ndate: 2021-05-10\nthemes: [reading]\n";

/// The fields of the problems of a failed build of `site`, with their positions.
fn invalid_fields(site: &SiteTest) -> Vec<(String, String, Option<Pos>)> {
    site.problems()
        .into_iter()
        .map(|(file, pos, problem)| match problem {
            Problem::Invalid { field, .. } => (file.display().to_string(), field, pos),
            Problem::BrokenLink { target, .. } => (file.display().to_string(), target, pos),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn script_addresses_are_refused_in_every_field_and_link() {
    let practice = format!(
        "{HEAD}organisation: {{name: N, url: \"javascript:alert(1)\"}}\n\
         links: [{{url: \"JAVASCRIPT:alert(2)\"}}]\nsource: {{url: \"  javascript:alert(3)\"}}\n\
         awards: [{{name: A, url: \"java\\tscript:alert(4)\"}}]\n---\n\n\
         [a](javascript:alert(5)) <javascript:alert(6)> [b](&#106;avascript:alert(7)) \
         [c](data:text/html,x) [d](vbscript:x) [ok](https://school.example/) [mail](mailto:a@b.example)\n"
    );
    let project = "---\ntitle: P\nsummary: S.\nprogramme: erasmus_plus\nstart: 2020-01-01\n\
                   end: 2021-01-01\nwebsite: \"javascript:alert(8)\"\n\
                   results: [{title: R, url: \"data:text/html,x\"}]\n\
                   coordinator: {name: C, url: \"vbscript:x\"}\n---\n";
    let organisation =
        "name: O\nkind: school\ncity: C\ncountry: BG\nwebsite: \"javascript:alert(9)\"\n";
    let site = SiteTest::new_site(&[
        ("content/practices/x.bg.md", practice.as_bytes()),
        ("content/projects/p.bg.md", project.as_bytes()),
        ("content/organisations/o.yaml", organisation.as_bytes()),
    ]);
    let found = invalid_fields(&site);
    let mut fields: Vec<&str> = found.iter().map(|(_, f, _)| f.as_str()).collect();
    fields.sort();
    let mut expected = [
        "website",
        "organisation.url",
        "source.url",
        "links[0].url",
        "awards[0].url",
        "javascript:alert(5)",
        "javascript:alert(6)",
        "javascript:alert(7)",
        "data:text/html,x",
        "vbscript:x",
        "coordinator.url",
        "results[0].url",
        "website",
    ];
    expected.sort();
    assert_eq!(fields, expected, "{found:#?}");
    // Each at its place: the organisation's website on line 5, the practice's first on line 6.
    assert_eq!(found[0].2, Some(Pos::new(5, 10)));
    assert_eq!(found[1].2, Some(Pos::new(6, 30)));
}

#[test]
fn no_title_ends_or_confuses_the_json_ld_script() {
    let practice = "---\ntitle: \"x<!--<script></script>\"\nsummary: S.\ndate: 2021-05-10\nthemes: [reading]\n---\n\nBody text.\n";
    let site = SiteTest::new_site(&[("content/practices/x.bg.md", practice.as_bytes())]);
    site.built();
    let page = std::fs::read_to_string(site.out().join("bg/practices/x/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    // The page after the script is still a page: its main text and footer are there.
    assert!(
        page.matches("<!--").count() == 0,
        "no comment opener left in the page"
    );
    let main: String = doc
        .select(&Selector::parse("main .prose").unwrap())
        .flat_map(|e| e.text())
        .collect();
    assert!(main.contains("Body text."), "{main}");
    assert_eq!(doc.select(&Selector::parse("footer").unwrap()).count(), 1);
    let json = attrs(&doc, "script[type='application/ld+json']", "type");
    assert_eq!(json.len(), 1);
    let script: String = doc
        .select(&Selector::parse("script[type='application/ld+json']").unwrap())
        .flat_map(|e| e.text())
        .collect();
    let value: serde_json::Value = serde_json::from_str(&script).unwrap();
    assert_eq!(value["headline"], "x<!--<script></script>");
}

#[test]
fn control_characters_duplicate_keys_and_impossible_numbers_are_located() {
    let practice = format!(
        "{HEAD}summary: \"again\"\nfunding: [{{source: S, amount: 1e308}}, {{amount: -5}}]\nreach: {{teachers: .nan}}\n---\n"
    );
    let escaped =
        "---\ntitle: \"a\\x1b[31m\"\nsummary: S.\ndate: -2022-10-05\nthemes: [reading]\n---\n";
    let site = SiteTest::new_site(&[
        ("content/practices/x.bg.md", practice.as_bytes()),
        ("content/practices/y.bg.md", escaped.as_bytes()),
    ]);
    let problems = site.problems();
    let kinds: Vec<(String, &'static str, Option<Pos>)> = problems
        .iter()
        .map(|(file, pos, problem)| {
            let kind = match problem {
                Problem::DuplicateKey { .. } => "duplicate key",
                Problem::Invalid { field, .. } if field.ends_with("amount") => "amount",
                Problem::Invalid { .. } => "not a number",
                Problem::ControlCharacter { .. } => "control character",
                Problem::BadDate { .. } => "date",
                other => panic!("{other:?}"),
            };
            (file.display().to_string(), kind, *pos)
        })
        .collect();
    let x = "content/practices/x.bg.md".to_string();
    let y = "content/practices/y.bg.md".to_string();
    assert_eq!(
        kinds,
        [
            (x.clone(), "duplicate key", Some(Pos::new(6, 1))),
            (x.clone(), "amount", Some(Pos::new(7, 31))),
            (x.clone(), "amount", Some(Pos::new(7, 48))),
            (x, "not a number", Some(Pos::new(8, 19))),
            (y.clone(), "control character", Some(Pos::new(2, 8))),
            (y, "date", Some(Pos::new(4, 7))),
        ]
    );
}

#[test]
fn symbolic_links_are_followed_inside_the_site_and_refused_outside() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("secret.txt"), "not for publishing").unwrap();
    let entry = format!("{HEAD}---\n");
    let site = SiteTest::new_site(&[
        ("shared/inside.md", entry.as_bytes()),
        ("shared/logo.svg", b"<svg/>"),
    ]);
    let root = site.root();
    let link = |target: &std::path::Path, at: &str| {
        std::os::unix::fs::symlink(target, root.join(at)).unwrap();
    };
    // Inside the site: an entry file, a static file and a whole folder of entries.
    link(
        &root.join("shared/inside.md"),
        "content/practices/linked.bg.md",
    );
    std::fs::create_dir_all(root.join("static")).unwrap();
    link(&root.join("shared/logo.svg"), "static/logo.svg");
    std::fs::create_dir_all(root.join("more/practices-extra")).unwrap();
    site.built();
    assert!(site.out().join("bg/practices/linked/index.html").is_file());
    assert!(site.out().join("logo.svg").is_file());
    // Outside the site, or nowhere: errors at the links, and nothing published.
    link(&elsewhere.path().join("secret.txt"), "static/secret.txt");
    link(
        &elsewhere.path().join("gone.md"),
        "content/practices/gone.bg.md",
    );
    let problems = site.problems();
    let found: Vec<(String, bool)> = problems
        .iter()
        .map(|(file, _, problem)| match problem {
            Problem::BadLink { outside, .. } => (file.display().to_string(), *outside),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            ("content/practices/gone.bg.md".to_string(), false),
            ("static/secret.txt".to_string(), true)
        ]
    );
    assert!(!site.out().join("secret.txt").exists());
}

#[test]
fn files_not_in_utf_8_are_located_wherever_they_are() {
    // „Уроци“ in Windows-1251, on line 2, column 8 of each file.
    let cp1251 = b"# x\ntitle: \xd3\xf0\xee\xf6\xe8\n";
    let site = SiteTest::new_site(&[
        (
            "vocabulary.yaml",
            b"themes:\n  robotics: \xd0\xee\xe1\xee\xf2\xe8\xea\xe0\n",
        ),
        (
            "locales/bg/extra.ftl",
            b"# x\nextra = \xd3\xf0\xee\xf6\xe8\n",
        ),
        (
            "templates/page.html",
            b"{# x #}\n<p>\xd3\xf0\xee\xf6\xe8</p>\n",
        ),
    ]);
    let problems = site.problems();
    let found: Vec<(String, Option<Pos>)> = problems
        .iter()
        .map(|(file, pos, problem)| match problem {
            Problem::InvalidUtf8 { looks_like } => {
                assert_eq!(looks_like.as_deref(), Some("Windows-1251"));
                (file.display().to_string(), *pos)
            }
            other => panic!("{file:?} {other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            ("locales/bg/extra.ftl".to_string(), Some(Pos::new(2, 9))),
            ("templates/page.html".to_string(), Some(Pos::new(2, 4))),
            ("vocabulary.yaml".to_string(), Some(Pos::new(2, 13))),
        ]
    );
    let config = SiteTest::new_site(&[]);
    config.write("site.yaml", cp1251);
    assert!(matches!(
        &config.problems()[..],
        [(_, Some(p), Problem::InvalidUtf8 { .. })] if *p == Pos::new(2, 8)
    ));
}

#[test]
fn old_mac_line_breaks_count_as_lines_in_every_position() {
    // Found by fuzzing: the YAML parser counted a lone `\r` as a line break, spodeli did not,
    // and a problem was placed on a line past the end of the file.
    let site = SiteTest::new_site(&[(
        "content/practices/cr.bg.md",
        b"---\rtitle: T\rsummary: S.\rdate: 2021-05-10\rthemes: [reading\r---\r",
    )]);
    let problems = site.problems();
    assert!(
        matches!(&problems[..], [(_, Some(p), Problem::Yaml(_))] if p.line <= 7),
        "{problems:#?}"
    );
}
