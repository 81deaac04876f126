//! A handbook chapter's file through the whole build, its PDF and EPUB included: the build
//! either succeeds, with both books made, or reports located problems. Whatever the chapter
//! says, the markup spodeli writes for the typesetter must be its own (text escaped).
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::messages::Lang;

#[path = "shared/site.rs"]
mod shared;

/// Adds a project with a handbook to the site.
fn with_handbook(root: &std::path::Path) {
    let project = root.join("content/projects/p");
    std::fs::create_dir_all(project.join("handbook")).unwrap();
    std::fs::write(
        project.join("index.bg.md"),
        "---\ntitle: Проект\nsummary: Проект.\nprogramme: erasmus_plus\nstart: 2024-01-01\nend: 2025-01-01\n---\n",
    )
    .unwrap();
    std::fs::write(
        project.join("handbook/index.bg.md"),
        "---\ntitle: Наръчник\n---\nПредговор.\n",
    )
    .unwrap();
}

fuzz_target!(|bytes: &[u8]| {
    let root = shared::site(with_handbook);
    let chapter = root.join("content/projects/p/handbook/01-fuzz.bg.md");
    std::fs::write(&chapter, bytes).unwrap();
    let (report, problems) = spodeli::build::check(root, &Default::default());
    // Each input makes new books: the store would grow with the run.
    let _ = std::fs::remove_dir_all(root.join(".spodeli-cache/books"));
    match report {
        Some(report) => assert_eq!(report.books.0, 2, "the PDF and the EPUB"),
        None => assert!(problems.iter().any(|d| d.is_error())),
    }
    for problem in problems.iter().filter(|d| d.is_error()) {
        assert!(problem.path().is_some(), "{problem:?}");
        // The typesetter never fails on a chapter that reads: its errors are limits (nesting).
        if problem.problem.kind() == "BookFailed" {
            let text = problem.problem.text().render(Lang::En);
            assert!(text.contains("depth"), "{text}");
        }
    }
});
