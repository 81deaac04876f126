//! The JavaScript tests (`node --test tests/search/`): the query-side analyzer against the
//! shared vectors. Skipped with a message when node is not installed, except in CI (`CI=true`).

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
    let output = Command::new("node")
        .args(["--test", "tests/search/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.contains("# fail 0"), "{report}");
}
