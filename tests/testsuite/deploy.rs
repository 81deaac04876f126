//! `spodeli deploy` to a folder (a USB stick, a mounted share): the same plan, record and
//! journal as to a server, without a network. The protocols are tested against real servers in
//! `tests/tools/deploy.rs`.

use crate::harness::servers::{
    EDITED, assert_mirrors, first_again_and_after_an_edit, is_deploy_record,
};
use crate::harness::{SiteTest, files};
use spodeli::deploy::manifest::{self, JOURNAL, Owned, RECORD};
use spodeli::diagnostics::{DeployFault, Problem};

fn kinds(problems: &[spodeli::diagnostics::Diagnostic]) -> Vec<&'static str> {
    problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.problem.kind())
        .collect()
}

#[test]
fn a_folder_mirrors_the_build_and_only_changes_are_sent_again() {
    let site = SiteTest::new_site(&[]);
    let target = site.scratch("stick");
    std::fs::create_dir_all(target.join("wp-content")).unwrap();
    let school: &[(&str, &[u8])] = &[
        ("index.php", b"<?php // the school's"),
        ("wp-content/a.css", b"a{}"),
    ];
    for (path, bytes) in school {
        std::fs::write(target.join(path), bytes).unwrap();
    }
    let folder = target.to_string_lossy().into_owned();
    first_again_and_after_an_edit(&site, &folder, None, &target, school);
    assert!(!target.join(JOURNAL).exists() && target.join(RECORD).is_file());

    // A practice taken out: its pages are removed, the school's files stay.
    std::fs::remove_file(site.root().join(EDITED.0)).unwrap();
    std::fs::remove_file(site.root().join(EDITED.0.replace(".en.", ".bg."))).unwrap();
    let (removed, problems) = site.deploy(&folder, None, |_| {});
    let removed = removed.unwrap_or_else(|| panic!("{problems:#?}"));
    assert!(removed.removed >= 2, "{removed:?}");
    assert!(
        !target.join("en/practices/reading-with-parents").exists(),
        "its folder too"
    );
    assert_mirrors(&target, &site.deploy_build(), school);
}

#[test]
fn files_of_others_in_the_way_stop_the_deploy_before_anything_is_sent() {
    let site = SiteTest::new_site(&[]);
    let target = site.scratch("host");
    std::fs::create_dir_all(target.join("bg")).unwrap();
    std::fs::write(target.join("index.html"), "the school's old home page").unwrap();
    std::fs::write(target.join("404.html"), "the host's").unwrap();
    std::fs::write(target.join("en"), "a file where a folder goes").unwrap();
    let folder = target.to_string_lossy().into_owned();

    let (deployed, problems) = site.deploy(&folder, None, |o| o.dry_run = true);
    assert!(deployed.is_none());
    let in_the_way = problems.iter().find_map(|d| match &d.problem {
        Problem::Deploy(DeployFault::InTheWay {
            files,
            found,
            complete,
        }) => Some((files.clone(), *found, *complete)),
        _ => None,
    });
    let (mut listed, found, complete) = in_the_way.unwrap_or_else(|| panic!("{problems:#?}"));
    listed.sort();
    assert_eq!(
        (listed, found, complete),
        (
            vec!["404.html".into(), "en".into(), "index.html".into()],
            3,
            true
        )
    );
    let (deployed, _) = site.deploy(&folder, None, |_| {});
    assert!(deployed.is_none());
    let left: Vec<_> = files(&target).into_keys().collect();
    assert_eq!(left.len(), 3, "nothing was sent: {left:?}");

    // --take-over replaces files, but not a file where a folder goes, which stays in the way.
    let (deployed, problems) = site.deploy(&folder, None, |o| o.take_over = true);
    assert!(deployed.is_none());
    let still = problems.iter().find_map(|d| match &d.problem {
        Problem::Deploy(DeployFault::InTheWay { files, .. }) => Some(files.clone()),
        _ => None,
    });
    assert_eq!(still, Some(vec!["en".to_string()]), "{problems:#?}");
    assert_eq!(files(&target).len(), 3, "nothing was sent");
    std::fs::remove_file(target.join("en")).unwrap();
    let (taken, problems) = site.deploy(&folder, None, |o| o.take_over = true);
    let taken = taken.unwrap_or_else(|| panic!("{problems:#?}"));
    assert!(taken.taken_over >= 2, "{taken:?}");
    assert_mirrors(&target, &site.deploy_build(), &[]);
    let (again, _) = site.deploy(&folder, None, |_| {});
    assert_eq!(
        again.unwrap().sent,
        0,
        "taken over files are the deploy's own now"
    );
}

#[test]
fn a_deploy_cut_off_is_finished_by_the_next_which_sends_only_what_is_missing() {
    let site = SiteTest::new_site(&[]);
    let target = site.scratch("share");
    let folder = target.to_string_lossy().into_owned();
    let (planned, _) = site.deploy(&folder, None, |o| o.dry_run = true);
    let total = planned.unwrap().sent;
    assert!(files(&target).is_empty(), "a dry run sends nothing");
    // Cut off: the first dozen files arrived and the journal heard of them, then the record
    // was never written (what a dropped connection leaves).
    let (_, problems) = site.deploy(&folder, None, |_| {});
    assert!(problems.iter().all(|d| !d.is_error()));
    let journal = rebuild_journal(&target, 12);
    std::fs::remove_file(target.join(RECORD)).unwrap();
    std::fs::write(target.join(JOURNAL), journal).unwrap();
    let arrived: Vec<_> = files(&target)
        .into_keys()
        .filter(|p| !is_deploy_record(p))
        .collect();
    for path in arrived.iter().skip(12) {
        std::fs::remove_file(target.join(path)).unwrap();
    }
    let (resumed, problems) = site.deploy(&folder, None, |_| {});
    let resumed = resumed.unwrap_or_else(|| panic!("{problems:#?}"));
    assert!(resumed.resumed);
    assert_eq!(
        resumed.sent,
        total - 12,
        "only the files the journal does not confirm"
    );
    assert_mirrors(&target, &site.deploy_build(), &[]);
    assert!(!target.join(JOURNAL).exists());
}

/// A journal claiming every file and folder of the record at `target` and confirming the
/// first `n` files (in the order the walk of the folder lists them), as the deploy writes it.
fn rebuild_journal(target: &std::path::Path, n: usize) -> String {
    let record = std::fs::read_to_string(target.join(RECORD)).unwrap();
    let owned = Owned::read(Some(&record), None).unwrap();
    let mut journal: String = owned
        .folders
        .iter()
        .map(|f| manifest::claim_folder(f))
        .collect();
    for (path, sent) in &owned.files {
        journal.push_str(&manifest::claim(path, &sent.unwrap()));
    }
    for path in files(target)
        .into_keys()
        .filter(|p| !is_deploy_record(p))
        .take(n)
    {
        journal.push_str(&manifest::arrived(&path.to_string_lossy()));
    }
    journal
}

#[test]
fn a_target_with_a_password_or_none_at_all_is_refused_with_its_place() {
    let site = SiteTest::new_site(&[]);
    let (_, problems) = site.deploy("ftp://web:Secret-1@127.0.0.1/x/", None, |_| {});
    assert_eq!(kinds(&problems), ["DeployPasswordInTarget"]);
    assert!(!format!("{problems:?}").contains("Secret-1"));
    assert!(
        !site.deploy_build().exists(),
        "nothing is built for a refused target"
    );

    let (_, problems) = site.deploy("", None, |o| o.target = None);
    assert_eq!(kinds(&problems), ["DeployNoTarget"]);

    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{yaml}deploy:\n  target: gopher://web@h/\n").as_bytes(),
    );
    let (_, problems) = site.deploy("", None, |o| o.target = None);
    let line = yaml.lines().count() + 2;
    let at = problems[0]
        .location
        .as_ref()
        .and_then(|l| l.pos)
        .map(|p| p.line);
    assert_eq!(
        (kinds(&problems), at),
        (vec!["DeployBadTarget"], Some(line))
    );

    site.write(
        "site.yaml",
        format!("{yaml}deploy:\n  target: ftp://web@h/\n  password: x\n").as_bytes(),
    );
    let (_, problems) = site.deploy("", None, |o| o.target = None);
    assert!(kinds(&problems).contains(&"Config"), "{problems:#?}");
}

#[test]
fn the_default_htaccess_is_written_only_when_asked_for_and_a_sites_own_wins() {
    let site = SiteTest::new_site(&[]);
    assert!(
        !site.built().out().join(".htaccess").exists(),
        "not by default"
    );
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace(
        "base_url:",
        "base_url: https://school.example/praktiki/\n# was:",
    );
    site.write("site.yaml", format!("{yaml}htaccess: true\n").as_bytes());
    let built = site.built();
    let text = built.text(".htaccess");
    let directives: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    assert!(
        directives.contains(&"ErrorDocument 404 /praktiki/404.html"),
        "{text}"
    );
    assert!(built.out().join("404.html").is_file());
    // Every opening block is closed (Apache refuses the whole file otherwise).
    let opened = text.matches("\n<I").count() + text.matches("\n  <F").count();
    let closed = text.matches("</IfModule>").count() + text.matches("</FilesMatch>").count();
    assert_eq!(opened, closed, "{text}");

    site.write("static/.htaccess", b"ErrorDocument 404 /own.html\n");
    assert_eq!(
        site.built().text(".htaccess"),
        "ErrorDocument 404 /own.html\n"
    );
}
