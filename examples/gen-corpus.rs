//! Writes a generated spodeli site for benchmarks: `--entries N` bilingual practices (mostly in
//! the file form, some in the folder and YAML forms), with projects and organisations, and
//! Bulgarian and English text composed from the words schools use, and names from a long tail.
//! It also writes `queries.json`, the queries `benches/search.sh` asks of it.
//!
//! `cargo run --release --example gen-corpus -- --entries 1000 --out /tmp/corpus-1k`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "shared/rng.rs"]
#[allow(dead_code)]
mod rng;
use rng::Rng;

const THEMES: [&str; 12] = [
    "professional_development",
    "leadership",
    "digital",
    "inclusion",
    "stem",
    "reading",
    "languages",
    "parents",
    "citizenship",
    "wellbeing",
    "sustainability",
    "arts_heritage",
];
const LEVELS: [&str; 5] = [
    "preschool",
    "primary",
    "lower_secondary",
    "upper_secondary",
    "vocational",
];

/// Sentence parts in both languages, paired by position.
const SUBJECTS: [(&str, &str); 10] = [
    ("Учителите в началния етап", "Primary teachers"),
    ("Директорът на училището", "The head teacher"),
    ("Учениците от седми клас", "Seventh-grade students"),
    ("Родителите на първокласниците", "Parents of first-graders"),
    (
        "Методическото обединение по природни науки",
        "The science department",
    ),
    (
        "Екипът за приобщаващо образование",
        "The inclusive education team",
    ),
    ("Педагогическият съветник", "The school counsellor"),
    ("Младите учители", "Newly qualified teachers"),
    ("Училищният парламент", "The student council"),
    ("Библиотекарят на училището", "The school librarian"),
];
const VERBS: [(&str, &str); 10] = [
    ("споделят опита си от", "share what they learned from"),
    ("планират заедно", "plan together"),
    ("наблюдават и обсъждат", "observe and discuss"),
    ("въвеждат в уроците", "bring into their lessons"),
    ("организират всеки месец", "organise every month"),
    ("оценяват резултатите от", "evaluate the results of"),
    ("представят пред колегите", "present to colleagues"),
    ("разработват материали за", "develop materials for"),
    ("подкрепят участието в", "support taking part in"),
    ("документират и публикуват", "record and publish"),
];
const OBJECTS: [(&str, &str); 12] = [
    ("обученията по програма „Еразъм+“", "Erasmus+ trainings"),
    ("открити уроци по математика", "open mathematics lessons"),
    ("проекти в платформата eTwinning", "eTwinning projects"),
    (
        "работилници по четивна грамотност",
        "reading literacy workshops",
    ),
    ("дигиталните учебни ресурси", "digital learning resources"),
    ("срещите с родителите", "meetings with parents"),
    (
        "наставничеството на новите колеги",
        "mentoring of new colleagues",
    ),
    (
        "училищните правила за благополучие",
        "the school's wellbeing rules",
    ),
    (
        "изследователските задачи по биология",
        "research tasks in biology",
    ),
    ("съвместното преподаване в екип", "team teaching"),
    (
        "обратната връзка след наблюдение на урок",
        "feedback after lesson observation",
    ),
    (
        "екологичните инициативи в двора на училището",
        "green projects in the schoolyard",
    ),
];
const ENDINGS: [(&str, &str); 8] = [
    (
        "и така подобряват качеството на обучението.",
        "and so improve the quality of teaching.",
    ),
    (
        "за да мотивират учениците да учат повече.",
        "to motivate students to learn more.",
    ),
    (
        "с помощта на общината и местните партньори.",
        "with help from the municipality and local partners.",
    ),
    (
        "като използват облачни платформи и видеоуроци.",
        "using cloud platforms and video lessons.",
    ),
    ("през цялата учебна година.", "throughout the school year."),
    (
        "и канят колеги от други училища в региона.",
        "and invite colleagues from other schools in the region.",
    ),
    (
        "като записват наученото в сборник с добри практики.",
        "writing what they learn into a collection of good practices.",
    ),
    (
        "в малки групи по четирима или петима души.",
        "in small groups of four or five.",
    ),
];
const TITLES: [(&str, &str); 12] = [
    ("Споделяне на знания", "Sharing knowledge"),
    ("Учене в екип", "Learning as a team"),
    ("Открити уроци", "Open lessons"),
    ("Наставничество", "Mentoring"),
    ("Дигитални умения", "Digital skills"),
    ("Четене с удоволствие", "Reading for pleasure"),
    ("Родители в класната стая", "Parents in the classroom"),
    ("Зелено училище", "A green school"),
    ("Наука навън", "Science outdoors"),
    ("Всеки ученик е важен", "Every student matters"),
    ("Гласът на учениците", "Student voice"),
    ("Училище без граници", "A school without borders"),
];
const PLACES: [(&str, &str); 8] = [
    ("София", "Sofia"),
    ("Пловдив", "Plovdiv"),
    ("Варна", "Varna"),
    ("Бургас", "Burgas"),
    ("Русе", "Ruse"),
    ("Стара Загора", "Stara Zagora"),
    ("Плевен", "Pleven"),
    ("Благоевград", "Blagoevgrad"),
];
const TAGS: [(&str, &str); 10] = [
    ("квалификация", "professional development"),
    ("Еразъм+", "Erasmus+"),
    ("eTwinning", "eTwinning"),
    ("наставничество", "mentoring"),
    ("четене", "reading"),
    ("математика", "mathematics"),
    ("родители", "parents"),
    ("екология", "ecology"),
    ("приобщаване", "inclusion"),
    ("иновации", "innovation"),
];

/// Syllables of the names the corpus makes up, in both alphabets: with them every entry names
/// people and places drawn from a long tail, as real entries do, so that the vocabulary grows
/// with the corpus and some words are rare.
const SYLLABLES: [(&str, &str); 24] = [
    ("ба", "ba"),
    ("ве", "ve"),
    ("ги", "gi"),
    ("до", "do"),
    ("жу", "zhu"),
    ("зе", "ze"),
    ("ки", "ki"),
    ("ла", "la"),
    ("ми", "mi"),
    ("но", "no"),
    ("пе", "pe"),
    ("ро", "ro"),
    ("са", "sa"),
    ("ту", "tu"),
    ("фи", "fi"),
    ("ха", "ha"),
    ("це", "tse"),
    ("чо", "cho"),
    ("ши", "shi"),
    ("ям", "yam"),
    ("лин", "lin"),
    ("дар", "dar"),
    ("вес", "ves"),
    ("мир", "mir"),
];

/// Names the corpus draws from.
const NAMES: usize = 200_000;

/// Name number `k`: its syllables are the digits of `k + 24²` in base 24.
fn name(k: usize) -> (String, String) {
    let mut n = k + SYLLABLES.len() * SYLLABLES.len();
    let (mut bg, mut en) = (String::new(), String::new());
    while n > 0 {
        let (b, e) = SYLLABLES[n % SYLLABLES.len()];
        bg.insert_str(0, b);
        en.insert_str(0, e);
        n /= SYLLABLES.len();
    }
    (capitalise(&bg), capitalise(&en))
}

/// A name number drawn so that name `k` comes up about as often as 1/(k+1) (Zipf's law).
fn zipf(rng: &mut Rng) -> usize {
    let u = (rng.next() % 1_000_000_007) as f64 / 1_000_000_007.0;
    ((NAMES as f64).powf(u) as usize).saturating_sub(1)
}

fn sentence(rng: &mut Rng) -> (String, String) {
    let (s, v, o, e) = (
        *rng.pick(&SUBJECTS),
        *rng.pick(&VERBS),
        *rng.pick(&OBJECTS),
        *rng.pick(&ENDINGS),
    );
    (
        format!("{} {} {} {}", s.0, v.0, o.0, e.0),
        format!("{} {} {} {}", s.1, v.1, o.1, e.1),
    )
}

fn paragraph(rng: &mut Rng, sentences: usize) -> (String, String) {
    let mut bg = String::new();
    let mut en = String::new();
    for _ in 0..sentences {
        let (b, e) = sentence(rng);
        bg.push_str(&b);
        bg.push(' ');
        en.push_str(&e);
        en.push(' ');
    }
    (bg.trim_end().to_string(), en.trim_end().to_string())
}

fn codes(rng: &mut Rng, from: &[&str], max: usize) -> String {
    let n = 1 + rng.below(max);
    let mut chosen: Vec<&str> = Vec::new();
    while chosen.len() < n {
        let c = *rng.pick(from);
        if !chosen.contains(&c) {
            chosen.push(c);
        }
    }
    format!("[{}]", chosen.join(", "))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn main() {
    let mut entries = 1000;
    let mut chapters = 0;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--entries" => {
                entries = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--entries N")
            }
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            "--handbook" => {
                chapters = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--handbook CHAPTERS")
            }
            _ => {
                eprintln!("usage: gen-corpus --entries N --out DIR [--handbook CHAPTERS]");
                std::process::exit(2);
            }
        }
    }
    if out.exists() {
        std::fs::remove_dir_all(&out).unwrap();
    }
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    write(
        &out.join("site.yaml"),
        "title: {bg: Генериран сайт, en: Generated site}\ndescription: {bg: Сайт за измерване на скоростта., en: A site for benchmarks.}\nbase_url: https://bench.example/\npaginate: 12\n",
    );
    let orgs = (entries / 50).max(2);
    for i in 0..orgs {
        let place = *rng.pick(&PLACES);
        write(
            &out.join(format!("content/organisations/school-{i}.yaml")),
            &format!(
                "name: {{bg: \"{n} СУ – {}\", en: \"School No. {n}, {}\"}}\nkind: school\nschool_type: secondary_school\ncity: {{bg: {}, en: {}}}\ncountry: BG\n",
                place.0,
                place.1,
                place.0,
                place.1,
                n = i + 1
            ),
        );
    }
    let projects = (entries / 20).max(1);
    let mut named = vec![0u32; NAMES];
    for i in 0..projects {
        let (pbg, pen) = paragraph(&mut rng, 5);
        let title = *rng.pick(&TITLES);
        let start = 2014 + rng.below(11);
        write(
            &out.join(format!("content/projects/project-{i}.yaml")),
            &format!(
                "title: {{bg: \"Проект „{}“ {i}\", en: \"Project {} {i}\"}}\nsummary: {{bg: \"{}\", en: \"{}\"}}\nprogramme: {}\nstart: {start}-09-01\nend: {}-06-30\ncoordinator: school-{}\nthemes: {}\nbody:\n  bg: |\n    {pbg}\n  en: |\n    {pen}\n",
                title.0,
                title.1,
                sentence(&mut rng).0,
                sentence(&mut rng).1,
                rng.pick(&["erasmus_plus", "etwinning", "national", "municipal"]),
                start + 2,
                rng.below(orgs),
                codes(&mut rng, &THEMES, 2)
            ),
        );
    }
    for i in 0..entries {
        let title = *rng.pick(&TITLES);
        let place = *rng.pick(&PLACES);
        let (summary_bg, summary_en) = sentence(&mut rng);
        let date = format!(
            "20{:02}-{:02}-{:02}",
            10 + rng.below(16),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let neutral = format!(
            "date: {date}\norganisation: school-{}\nthemes: {}\nlevels: {}\nproject: project-{}\n",
            rng.below(orgs),
            codes(&mut rng, &THEMES, 3),
            codes(&mut rng, &LEVELS, 2),
            rng.below(projects)
        );
        let tag = *rng.pick(&TAGS);
        let mut body_bg = String::new();
        let mut body_en = String::new();
        for section in 0..3 {
            let (hbg, hen) = *rng.pick(&OBJECTS);
            let _ = writeln!(body_bg, "## {}\n", capitalise(hbg));
            let _ = writeln!(body_en, "## {}\n", capitalise(hen));
            for _ in 0..2 {
                let n = 3 + rng.below(3);
                let (b, e) = paragraph(&mut rng, n);
                let _ = writeln!(body_bg, "{b}\n");
                let _ = writeln!(body_en, "{e}\n");
            }
            if section == 1 && i > 0 {
                let other = rng.below(i);
                let _ = writeln!(
                    body_bg,
                    "Вижте също [практика {other}](@/practices/practice-{other}).\n"
                );
                let _ = writeln!(
                    body_en,
                    "See also [practice {other}](@/practices/practice-{other}).\n"
                );
            }
        }
        let (who, from) = (zipf(&mut rng), zipf(&mut rng));
        named[who] += 1;
        named[from] += 1;
        let ((who_bg, who_en), (from_bg, from_en)) = (name(who), name(from));
        let _ = writeln!(
            body_bg,
            "Материалите подготви {who_bg}, а идеята дойде от {from_bg}.\n"
        );
        let _ = writeln!(
            body_en,
            "The materials were prepared by {who_en}; the idea came from {from_en}.\n"
        );
        let front = |lang: usize, t: (&str, &str), summary: &str, tag: (&str, &str)| {
            let (title, place, tag, at) = if lang == 0 {
                (t.0, place.0, tag.0, "в")
            } else {
                (t.1, place.1, tag.1, "in")
            };
            format!(
                "title: \"{title} {at} {place} {i}\"\nsummary: \"{summary}\"\ntags: [\"{tag}\"]\n"
            )
        };
        let dir = out.join("content/practices");
        match i % 10 {
            // One in ten in the folder form, with shared fields in meta.yaml.
            0 => {
                write(&dir.join(format!("practice-{i}/meta.yaml")), &neutral);
                write(
                    &dir.join(format!("practice-{i}/index.bg.md")),
                    &format!("---\n{}---\n{body_bg}", front(0, title, &summary_bg, tag)),
                );
                write(
                    &dir.join(format!("practice-{i}/index.en.md")),
                    &format!("---\n{}---\n{body_en}", front(1, title, &summary_en, tag)),
                );
            }
            // One in ten in the YAML form.
            5 => {
                let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
                write(
                    &dir.join(format!("practice-{i}.yaml")),
                    &format!(
                        "title: {{bg: \"{} в {} {i}\", en: \"{} in {} {i}\"}}\nsummary: {{bg: \"{summary_bg}\", en: \"{summary_en}\"}}\ntags: {{bg: [\"{}\"], en: [\"{}\"]}}\n{neutral}body:\n  bg: |\n{}  en: |\n{}",
                        title.0,
                        place.0,
                        title.1,
                        place.1,
                        tag.0,
                        tag.1,
                        indent(&body_bg),
                        indent(&body_en)
                    ),
                );
            }
            _ => {
                write(
                    &dir.join(format!("practice-{i}.bg.md")),
                    &format!(
                        "---\n{}{neutral}---\n{body_bg}",
                        front(0, title, &summary_bg, tag)
                    ),
                );
                write(
                    &dir.join(format!("practice-{i}.en.md")),
                    &format!("---\n{}---\n{body_en}", front(1, title, &summary_en, tag)),
                );
            }
        }
    }
    if chapters > 0 {
        handbook(&out, chapters, entries, &mut rng);
    }
    // The queries the search benchmark asks of this corpus; its rare word is the first name
    // that three to eight entries mention.
    let rare = (0..NAMES)
        .find(|&k| (3..=8).contains(&named[k]))
        .map(name)
        .unwrap_or_else(|| name(0));
    write(
        &out.join("queries.json"),
        &format!(
            "{{\"bg\": {{\"frequent\": \"училище\", \"rare\": \"{}\", \"prefix\": \"учи\", \"two\": \"учители споделят\", \"three\": \"учители споделят опит\"}},\n \"en\": {{\"frequent\": \"school\", \"rare\": \"{}\", \"prefix\": \"tea\", \"two\": \"teachers share\", \"three\": \"teachers share experience\"}}}}\n",
            rare.0.to_lowercase(),
            rare.1.to_lowercase()
        ),
    );
    eprintln!(
        "wrote {entries} bilingual practices, {projects} projects and {orgs} organisations to {}",
        out.display()
    );
}

/// A project with a bilingual handbook of `chapters` chapters of about two printed pages each
/// (headings, paragraphs, a list, a table in every third, a footnote, a practice presented),
/// for the books' benchmark.
fn handbook(out: &Path, chapters: usize, practices: usize, rng: &mut Rng) {
    let dir = out.join("content/projects/handbook-project");
    for (lang, title) in [
        ("bg", "Наръчник на проекта"),
        ("en", "The project's handbook"),
    ] {
        write(
            &dir.join(format!("index.{lang}.md")),
            &format!(
                "---\ntitle: {title}\nsummary: {title}.\n{}---\n",
                if lang == "bg" {
                    "programme: erasmus_plus\nstart: 2022-09-01\nend: 2024-08-31\n"
                } else {
                    ""
                }
            ),
        );
        write(
            &dir.join(format!("handbook/index.{lang}.md")),
            &format!(
                "---\ntitle: {title}\neditors: [Мария Петрова, John Smith]\n{}---\n{}\n",
                if lang == "bg" {
                    "published: 2024-06-30\nlicense: CC-BY-4.0\n"
                } else {
                    ""
                },
                paragraph(rng, 6).0
            ),
        );
    }
    for c in 1..=chapters {
        let mut bodies = [String::new(), String::new()];
        let push = |bodies: &mut [String; 2], (bg, en): (String, String)| {
            bodies[0].push_str(&bg);
            bodies[1].push_str(&en);
        };
        let (bg, en) = paragraph(rng, 5);
        push(&mut bodies, (format!("{bg}\n\n"), format!("{en}\n\n")));
        for section in 1..=3 {
            let heading = *rng.pick(&TAGS);
            let (bg, en) = (capitalise(heading.0), capitalise(heading.1));
            push(
                &mut bodies,
                (
                    format!("## {bg} {section}\n\n"),
                    format!("## {en} {section}\n\n"),
                ),
            );
            for _ in 0..2 {
                let (bg, en) = paragraph(rng, 6);
                push(&mut bodies, (format!("{bg}\n\n"), format!("{en}\n\n")));
            }
            for _ in 0..3 {
                let (bg, en) = sentence(rng);
                push(&mut bodies, (format!("- {bg}\n"), format!("- {en}\n")));
            }
            push(&mut bodies, ("\n".into(), "\n".into()));
        }
        if c % 3 == 0 {
            push(&mut bodies, (
                "| Дейност | Участници | Седмици |\n|---|---:|---:|\n| Наблюдение | 12 | 4 |\n| Среща | 20 | 1 |\n\n".into(),
                "| Activity | People | Weeks |\n|---|---:|---:|\n| Observation | 12 | 4 |\n| Meeting | 20 | 1 |\n\n".into(),
            ));
        }
        push(
            &mut bodies,
            (
                "Бележка[^1].\n\n[^1]: Източник: проучване на партньорите.\n".into(),
                "A note[^1].\n\n[^1]: Source: the partners' survey.\n".into(),
            ),
        );
        let practice = rng.below(practices.max(1));
        let titles = sentence(rng);
        for (k, lang) in ["bg", "en"].iter().enumerate() {
            let title = if k == 0 { &titles.0 } else { &titles.1 };
            let title: String = title
                .split_whitespace()
                .take(5)
                .collect::<Vec<_>>()
                .join(" ");
            write(
                &dir.join(format!("handbook/{c:02}-chapter-{c}.{lang}.md")),
                &format!(
                    "---\ntitle: \"{}\"\nsummary: A chapter.\npractices: [practice-{practice}]\n---\n{}",
                    capitalise(&title),
                    bodies[k]
                ),
            );
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
