//! Builds that are killed, that run out of disk, or that write to a mount point: the output is
//! always the previous build or the new one, never a mix, and nothing is left behind.

mod common;

use common::{Site, copy_dir, files, fixture};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The names in `dir` that are staging or previous-output folders.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".spodeli-"))
        .collect()
}

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
    let site = Site::with(&[]);
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
fn a_build_killed_at_any_moment_leaves_the_previous_output_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir(&root).unwrap();
    copy_dir(&fixture("full"), &root);
    // Enough entries that a build takes a while to write.
    for i in 0..400 {
        let text = format!(
            "---\ntitle: Практика {i}\nsummary: Кратко описание {i}.\ndate: 2021-05-10\nthemes: [digital]\n---\n\n{}\n",
            "Текст. ".repeat(200)
        );
        std::fs::write(root.join(format!("content/practices/p{i}.bg.md")), text).unwrap();
    }
    let out = dir.path().join("out");
    assert!(spodeli(&["build"], &root, &out).status().unwrap().success());
    let before = files(&out);
    // The next build differs in every page: the title of the site changed.
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        config.replace("Тестов сайт", "Нов сайт"),
    )
    .unwrap();
    let fresh = dir.path().join("fresh");
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
        } else {
            panic!("killed after {} ms: the output is a mix", 40 * step)
        };
        *outcomes.entry(state).or_insert(0) += 1;
        // Back to the previous output for the next trial.
        if state == "new" {
            std::fs::remove_dir_all(&out).unwrap();
            copy_dir_of(&before, &out);
        }
    }
    assert!(outcomes.contains_key("previous"), "{outcomes:?}");
    // The next build brings the folder to the new state and removes what the kills left.
    assert!(spodeli(&["build"], &root, &out).status().unwrap().success());
    assert_eq!(files(&out), after);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

/// Writes `files` into `dir`.
fn copy_dir_of(files: &BTreeMap<PathBuf, Vec<u8>>, dir: &Path) {
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// A tmpfs of `size` mounted at a new folder, for as long as the value lives; `None` where
/// this machine does not let the tests mount (not root), except in CI, where it must.
struct Mount {
    point: PathBuf,
    /// The folder holding the mount point, removed after it is unmounted.
    _dir: tempfile::TempDir,
}

impl Mount {
    fn tmpfs(size: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().unwrap();
        let point = dir.path().join("stick");
        std::fs::create_dir(&point).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&point)
            .output()
            .is_ok_and(|o| o.status.success());
        if !mounted {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI must be able to mount a tmpfs"
            );
            eprintln!("skipping: cannot mount a tmpfs here (not root)");
            return None;
        }
        Some(Mount { point, _dir: dir })
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.point).status();
    }
}

#[test]
fn a_mount_point_can_be_the_output_and_a_full_disk_loses_nothing() {
    let Some(stick) = Mount::tmpfs("4m") else {
        return;
    };
    let site = Site::with(&[]);
    // The root of a USB stick as the output: built, and built again over the previous one.
    for _ in 0..2 {
        let (report, problems) =
            spodeli::build::build(&site.root(), Some(&stick.point), &Default::default());
        assert!(report.is_some(), "{problems:#?}");
        assert!(stick.point.join("bg/index.html").is_file());
        assert!(
            leftovers(&stick.point).is_empty(),
            "{:?}",
            leftovers(&stick.point)
        );
    }
    // A disk too small for the next build: a clear error naming the output, and the previous
    // output as it was.
    let before = files(&stick.point);
    let big = format!("{HEAD}---\n\n{}\n", "Дълъг текст. ".repeat(200_000));
    site.write("content/practices/big.bg.md", big.as_bytes());
    let (report, problems) =
        spodeli::build::build(&site.root(), Some(&stick.point), &Default::default());
    assert!(report.is_none(), "4 MB cannot hold the bigger site");
    let message = problems
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        message.contains(&stick.point.display().to_string()),
        "{message}"
    );
    assert!(message.contains("the disk is full"), "{message}");
    assert_eq!(
        files(&stick.point),
        before,
        "the previous output, as it was"
    );
    assert!(leftovers(&stick.point).is_empty());
}

const HEAD: &str = "---\ntitle: T\nsummary: S.\ndate: 2021-05-10\nthemes: [reading]\n";
