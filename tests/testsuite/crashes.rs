//! Builds that are killed or fail: the output is the previous build, the new one, or (killed
//! while moving changed files in) marked as unfinished and made whole by the next build, which
//! says so; nothing is left behind. (A full disk and a mount point as the output need root:
//! they are in the `tools` tests.)

use crate::harness::{SiteTest, files, leftovers};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn spodeli(args: &[&str], root: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_spodeli"));
    command
        .args(args)
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out);
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

#[test]
fn a_failed_build_leaves_nothing_and_a_good_one_removes_what_killed_builds_left() {
    let site = SiteTest::new_site(&[]);
    let out = site.out();
    site.built();
    let parent = out.parent().unwrap();
    // What builds killed at some moment leave: a staging folder and a previous output.
    for name in [".out.spodeli-new-999999", ".out.spodeli-old-999998"] {
        std::fs::create_dir_all(parent.join(name).join("bg")).unwrap();
        std::fs::write(parent.join(name).join("bg/index.html"), "stale").unwrap();
    }
    // One of a build still running (process 1 always runs) is left alone.
    std::fs::create_dir_all(parent.join(".out.spodeli-new-1")).unwrap();
    // A build that fails makes no staging folder.
    site.write("content/practices/bad.bg.md", b"---\ntitle: [\n---\n");
    assert!(site.build().0.is_none());
    assert_eq!(leftovers(parent).len(), 3);
    std::fs::remove_file(site.root().join("content/practices/bad.bg.md")).unwrap();
    site.built();
    assert_eq!(leftovers(parent), [".out.spodeli-new-1"]);
}

#[test]
fn a_build_killed_at_any_moment_leaves_an_output_the_next_build_makes_right() {
    let site = SiteTest::fixture("full");
    let root = site.root();
    // Enough entries that a build takes a while to write.
    for i in 0..400 {
        let text = format!(
            "---\ntitle: Практика {i}\nsummary: Кратко описание {i}.\ndate: 2021-05-10\nthemes: [digital]\n---\n\n{}\n",
            "Текст. ".repeat(200)
        );
        std::fs::write(root.join(format!("content/practices/p{i}.bg.md")), text).unwrap();
    }
    let out = site.out();
    assert!(spodeli(&["build"], &root, &out).status().unwrap().success());
    let before = files(&out);
    // The next build differs in every page: the title of the site changed.
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        config.replace("Тестов сайт", "Нов сайт"),
    )
    .unwrap();
    let fresh = site.scratch("fresh");
    assert!(
        spodeli(&["build"], &root, &fresh)
            .status()
            .unwrap()
            .success()
    );
    let after = files(&fresh);
    assert_ne!(before, after);
    let mut outcomes = BTreeMap::new();
    for step in 0..12u64 {
        let mut child = spodeli(&["build"], &root, &out).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(40 * step));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = files(&out);
        let state = if now == before {
            "previous"
        } else if now == after {
            "new"
        } else if out.join(".spodeli-updating").exists() {
            repairs(&root, &out, &after);
            "cut off while updating"
        } else {
            panic!("killed after {} ms: the output is a mix", 40 * step)
        };
        *outcomes.entry(state).or_insert(0) += 1;
        // Back to the previous output for the next trial.
        if state != "previous" {
            std::fs::remove_dir_all(&out).unwrap();
            copy_dir_of(&before, &out);
        }
    }
    eprintln!("killed builds: {outcomes:?}");
    assert!(outcomes.contains_key("previous"), "{outcomes:?}");
    // Cut off in the middle of moving the changed files in (the build stops dead after 100
    // moves): the next build repairs it and says so.
    let cut = spodeli(&["build"], &root, &out)
        .env("SPODELI_CUT_OFF_AFTER_MOVES", "100")
        .status()
        .unwrap();
    assert!(!cut.success());
    assert!(out.join(".spodeli-updating").exists());
    let now = files(&out);
    assert!(now != before && now != after, "half moved in");
    repairs(&root, &out, &after);
    std::fs::remove_dir_all(&out).unwrap();
    copy_dir_of(&before, &out);
    // The next build brings the folder to the new state and removes what the kills left.
    assert!(spodeli(&["build"], &root, &out).status().unwrap().success());
    assert_eq!(files(&out), after);
    assert!(
        leftovers(out.parent().unwrap()).is_empty(),
        "{:?}",
        leftovers(out.parent().unwrap())
    );
}

/// An output cut off while a build moved its changed files in: the next build brings it to
/// `after` and says that it repaired it.
fn repairs(root: &Path, out: &Path, after: &BTreeMap<PathBuf, Vec<u8>>) {
    let repair = spodeli(&["--lang", "en", "build"], root, out)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&repair.stderr).into_owned();
    assert!(said.contains("it is whole again"), "{said}");
    assert!(files(out) == *after, "repaired");
}

/// Writes `files` into `dir`.
fn copy_dir_of(files: &BTreeMap<PathBuf, Vec<u8>>, dir: &Path) {
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}
