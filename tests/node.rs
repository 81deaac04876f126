//! The JavaScript tests (`node --test tests/search/`): the query-side analyzer against the
//! shared vectors, and search quality on judged queries over the sample site and a fixture site,
//! built here. Skipped with a message when node is not installed, except in CI (`CI=true`).

use std::process::Command;

#[test]
fn javascript_tests_pass() {
    let node = Command::new("node").arg("--version").output();
    if node.is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "node is required in CI"
        );
        eprintln!("skipping the JavaScript tests: node is not installed");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut sites = serde_json::Map::new();
    for (name, site) in [
        ("sample", root.to_path_buf()),
        ("full", root.join("tests/sites/full")),
    ] {
        let out = dir.path().join(name);
        let (report, problems) = spodeli::build::build(&site, Some(&out), &Default::default());
        assert!(report.is_some(), "{problems:?}");
        sites.insert(name.into(), out.to_string_lossy().into());
    }
    let output = Command::new("node")
        .args(["--test", "--test-reporter=tap", "tests/search/"])
        .env(
            "SPODELI_SITES",
            serde_json::Value::Object(sites).to_string(),
        )
        .current_dir(root)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains("# fail 0") && report.contains("# skipped 0"),
        "{report}"
    );
    for line in report
        .lines()
        .filter(|l| l.contains("search quality") || l.contains(" → "))
    {
        println!("{}", line.trim_start_matches(['#', ' ']));
    }
}
