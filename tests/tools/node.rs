//! The JavaScript tests (`node --test tests/search/`): the query-side analyzer against the
//! shared vectors, search quality on judged queries over the sample site and a fixture site, and
//! the engine's reading of postings blocks over a site of many practices, all built here.

use crate::harness::SiteTest;
use std::process::Command;

pub(crate) fn javascript_tests_pass() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = [
        ("sample", SiteTest::sample().built()),
        ("full", SiteTest::fixture("full").built()),
        ("many", many_practices().built()),
    ];
    let sites: serde_json::Map<String, serde_json::Value> = built
        .iter()
        .map(|(name, site)| (name.to_string(), site.out().to_string_lossy().into()))
        .collect();
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

/// 700 Bulgarian practices sharing frequent words in varying amounts, so that their terms'
/// postings run to several blocks (tests/search/blocks.test.js).
fn many_practices() -> SiteTest {
    const THEMES: [&str; 3] = ["digital", "reading", "stem"];
    let files: Vec<(String, String)> = (0..700)
        .map(|i| {
            let mut body = "Наставничество и опит. ".repeat(1 + i % 7);
            if i % 3 == 0 {
                body.push_str(&"Учителите планират заедно. ".repeat(1 + i % 4));
            }
            if i % 5 == 0 {
                body.push_str("Родителите помагат в класната стая. ");
            }
            body.push_str(&"Други думи за дължина. ".repeat(i % 11));
            let text = format!(
                "---\ntitle: Практика {i}\nsummary: Кратко описание {i}.\ndate: {}-03-01\nthemes: [{}]\n---\n{body}\n",
                2015 + i % 10,
                THEMES[i % 3]
            );
            (format!("content/practices/p{i}.bg.md"), text)
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_bytes()))
        .collect();
    SiteTest::new_site(&files)
}

/// ESLint over every script of the project: what pages load (search, live reload) and the node
/// scripts that test and measure them (config: `tests/browser/eslint.config.js`).
pub(crate) fn javascript_is_lint_free() {
    let tools = crate::harness::tools::node_tools();
    let root = crate::harness::manifest();
    let output = Command::new(tools.join("node_modules/.bin/eslint"))
        .arg("--config")
        .arg(tools.join("eslint.config.js"))
        .args(["themes", "src", "tests/browser", "tests/search", "benches"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
