//! A few hundred deterministic mutants of the `full` fixture (a fixed seed): lines deleted,
//! doubled and swapped, YAML's special characters and invalid bytes inserted, files cut short.
//! No mutant may panic; every error names its file; a failed build leaves the previous output
//! byte for byte.

use crate::harness::{SiteTest, files};
use std::path::PathBuf;

/// How many mutants: enough to meet every reader, few enough for CI.
const MUTANTS: usize = 240;

/// A small deterministic generator (xorshift64*), so that every run tries the same mutants.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `bytes` changed in one of the ways people and tools break files.
fn mutate(bytes: &[u8], random: &mut Random) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len();
    let at = random.below(n);
    const SPECIAL: [&str; 16] = [
        ":", ": ", "{", "}", "[", "]", ",", "\"", "'", "#", "&a", "*a", "!", "|", "\t", "- ",
    ];
    match random.below(8) {
        0 if n > 0 => {
            lines.remove(at);
        }
        1 if n > 0 => {
            let line = lines[at].clone();
            lines.insert(at, line);
        }
        2 if n > 1 => lines.swap(at, random.below(n)),
        3 if n > 0 => {
            let line = &mut lines[at];
            let mut cut = random.below(line.len() + 1);
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line.insert_str(cut, SPECIAL[random.below(SPECIAL.len())]);
        }
        4 => {
            let mut cut = random.below(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            return text.as_bytes()[..cut].to_vec();
        }
        5 => {
            let mut out = bytes.to_vec();
            let at = random.below(out.len() + 1);
            out.insert(at, [0xFF, 0xC0, 0x00, 0x1B][random.below(4)]);
            return out;
        }
        6 if n > 0 => lines[at] = format!("  {}", lines[at]),
        _ => lines.push("extra: [1, {a: b".to_string()),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

#[test]
fn mutants_of_a_site_never_panic_and_never_damage_the_output() {
    let site = SiteTest::fixture("full");
    let (root, out) = (site.root(), site.out());
    let build = || site.build();
    assert!(build().0.is_some());
    let mut published = files(&out);
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "md" || x == "yaml" || x == "ftl")
        })
        .collect();
    let mut random = Random(0x5EED_2026_1202);
    let (mut built, mut refused) = (0, 0);
    for mutant in 0..MUTANTS {
        let file = &sources[random.below(sources.len())];
        let original = std::fs::read(file).unwrap();
        std::fs::write(file, mutate(&original, &mut random)).unwrap();
        let outcome = std::panic::catch_unwind(build);
        let (report, problems) =
            outcome.unwrap_or_else(|_| panic!("mutant {mutant} of {} panicked", file.display()));
        match report {
            Some(_) => {
                built += 1;
                published = files(&out);
            }
            None => {
                refused += 1;
                for problem in problems.iter().filter(|d| d.is_error()) {
                    assert!(
                        problem.path().is_some(),
                        "mutant {mutant}: {problem} names no file"
                    );
                }
                assert!(
                    files(&out) == published,
                    "mutant {mutant} ({}) changed the output",
                    file.display()
                );
            }
        }
        std::fs::write(file, original).unwrap();
    }
    eprintln!("{MUTANTS} mutants: {built} built, {refused} refused with located errors");
    assert!(
        built > 0 && refused > MUTANTS / 4,
        "{built} built, {refused} refused"
    );
}
