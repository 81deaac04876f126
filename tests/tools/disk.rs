//! A USB stick as the output: its root (a mount point, which cannot be replaced) built and
//! built again, and a disk too small for the next build, which loses nothing. Needs root to
//! mount a tmpfs.

use crate::harness::{SiteTest, files, leftovers};
use std::path::PathBuf;
use std::process::Command;

/// A tmpfs of `size` mounted at a new folder, for as long as the value lives.
struct Mount {
    point: PathBuf,
    /// The folder holding the mount point, removed after it is unmounted.
    _dir: tempfile::TempDir,
}

impl Mount {
    fn tmpfs(size: &str) -> Mount {
        let dir = tempfile::tempdir().unwrap();
        let point = dir.path().join("stick");
        std::fs::create_dir(&point).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&point)
            .output()
            .unwrap();
        assert!(mounted.status.success(), "{mounted:?}");
        Mount { point, _dir: dir }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.point).status();
    }
}

pub(crate) fn a_mount_point_can_be_the_output_and_a_full_disk_loses_nothing() {
    let stick = Mount::tmpfs("4m");
    let site = SiteTest::new_site(&[]);
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

/// A USB stick too small for the site as a deploy target: a full-disk error of its own kind,
/// and what the stick held before (an earlier deploy) still whole and still the deploy's.
pub(crate) fn a_deploy_to_a_full_stick_says_so_and_keeps_what_was_there() {
    let stick = Mount::tmpfs("700k");
    let site = SiteTest::new_site(&[]);
    let target = stick.point.to_string_lossy().into_owned();
    let (deployed, problems) = site.deploy(&target, None, |_| {});
    assert!(deployed.is_some(), "{problems:#?}");
    let before = files(&stick.point);
    let big: String = (0..40_000).map(|i| format!("{i:x}")).collect();
    site.write("static/big.txt", big.as_bytes());
    site.write("static/bigger.txt", big.repeat(3).as_bytes());
    let (deployed, problems) = site.deploy(&target, None, |_| {});
    assert!(deployed.is_none());
    let kinds: Vec<&str> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.problem.kind())
        .collect();
    assert_eq!(kinds, ["DeployDiskFull"], "{problems:#?}");
    let now = files(&stick.point);
    for (path, bytes) in &before {
        if !path.to_string_lossy().starts_with(".spodeli-deploy") {
            assert_eq!(now.get(path), Some(bytes), "{} as it was", path.display());
        }
    }
}
