//! Content written to attack its readers: script in every text field and address of every kind
//! of page, opened in Chromium, where none of it may run.

use crate::harness::{SiteTest, tools};

/// Script payloads for text: each sets `window.__pwned` or opens a dialog if it runs.
const PAYLOAD: &str = "pwned\"><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\"><svg onload=alert(1)>'--><!--<script>alert(2)</script>&lt;b&gt;";

/// An address that is allowed (https) but tries to break out of its attribute.
const ADDRESS: &str =
    "https://x.example/?a=\"><script>window.__pwned=1</script>&b='onmouseover=alert(1)";

pub(crate) fn no_script_of_the_content_runs_on_any_page_in_chromium() {
    let browser = tools::chromium();
    let node = tools::node_tools();
    let q = |text: &str| serde_json::to_string(text).unwrap();
    let (p, a) = (q(PAYLOAD), q(ADDRESS));
    let practice = format!(
        "---\ntitle: {p}\nsummary: {p}\ndate: 2021-05-10\nthemes: [reading]\ntags: [{p}]\n\
         steps: [{p}]\nresults: [{p}]\nauthors: [{{name: {p}, role: {p}}}]\n\
         images: [{{file: photo.svg, alt: {p}, credit: {p}}}]\n\
         files: [{{file: handout.pdf, title: {p}, lang: bg}}]\nlinks: [{{url: {a}, label: {p}}}]\n\
         source: {{url: {a}, note: {p}}}\nawards: [{{name: {p}, category: {p}, edition: {p}, url: {a}}}]\n\
         funding: [{{source: {p}, period: {p}, amount: 100, currency: {p}}}]\n\
         organisation: {{name: {p}, city: {p}, country: BG, url: {a}}}\nlicense: {p}\n---\n\n\
         {PAYLOAD}\n\n## {PAYLOAD}\n\n[{PAYLOAD}]({ADDRESS}) ![{PAYLOAD}](photo.svg)\n"
    );
    let project = format!(
        "---\ntitle: {p}\nsummary: {p}\nprogramme: erasmus_plus\nstart: 2020-01-01\nend: 2021-01-01\n\
         acronym: {p}\naction: {p}\nreference: {p}\nobjectives: [{p}]\nwebsite: {a}\n\
         activities: [{{title: {p}, kind: meeting, place: {p}}}]\nresults: [{{title: {p}, url: {a}}}]\n\
         partners: [{{organisation: {{name: {p}, city: {p}, country: LV, url: {a}}}, role: partner}}]\n\
         grant: {{amount: 1000, currency: {p}}}\n---\n\n{PAYLOAD}\n"
    );
    let organisation =
        format!("name: {p}\nshort_name: {p}\nkind: school\ncity: {p}\ncountry: BG\nwebsite: {a}\n");
    let page = format!("---\ntitle: {p}\nsummary: {p}\nmenu: 2\nfooter: 2\n---\n\n{PAYLOAD}\n");
    let site = SiteTest::new_site(&[
        ("content/practices/x/index.bg.md", practice.as_bytes()),
        (
            "content/practices/x/photo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("content/practices/x/handout.pdf", b"%PDF-1.4"),
        ("content/projects/p.bg.md", project.as_bytes()),
        ("content/organisations/o.yaml", organisation.as_bytes()),
        ("content/pages/p.bg.md", page.as_bytes()),
    ]);
    let out = site.out();
    let options = spodeli::site::Options {
        offline: true,
        ..Default::default()
    };
    let (report, problems) = spodeli::build::build(&site.root(), Some(&out), &options);
    assert!(report.is_some(), "{problems:#?}");
    let pages: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().strip_prefix(&out).unwrap().display().to_string())
        .filter(|p| p.ends_with(".html") || p.ends_with(".xml"))
        .collect();
    assert!(pages.len() > 40, "{}", pages.len());
    tools::node_e2e(
        &browser,
        &node,
        "hostile.e2e.js",
        &[
            ("SPODELI_HOSTILE_ROOT", out.display().to_string()),
            (
                "SPODELI_HOSTILE_PAGES",
                serde_json::to_string(&pages).unwrap(),
            ),
        ],
        "no script ran",
        1,
    );
}
