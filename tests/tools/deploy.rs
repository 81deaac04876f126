//! `spodeli deploy` against real servers on 127.0.0.1: pyftpdlib for FTP and FTPS (a
//! self-signed certificate made for the test), OpenSSH's sshd for SFTP. A first deploy makes
//! the server's folder equal to the build, a second sends nothing, an edit sends only what it
//! changed, the school's own files survive, a deploy cut off by the server going away is
//! finished by the next, and each failure is its own clear error — with the password nowhere.

use crate::harness::SiteTest;
use crate::harness::files;
use crate::harness::servers::{
    Ftp, PASSWORD, Server, assert_mirrors, assert_nowhere, first_again_and_after_an_edit,
};
use spodeli::diagnostics::{DeployFault, Diagnostic, Problem};
use std::path::Path;
use std::process::Command;

/// The school's own files in the folder the site goes into.
const SCHOOL: &[(&str, &[u8])] = &[
    ("index.php", b"<?php require 'wp-blog-header.php';"),
    ("wp-content/uploads/logo.png", b"not really a png"),
];

fn fault(problems: &[Diagnostic]) -> DeployFault {
    let faults: Vec<&DeployFault> = problems
        .iter()
        .filter_map(|d| match &d.problem {
            Problem::Deploy(f) => Some(f),
            _ => None,
        })
        .collect();
    match faults.as_slice() {
        [one] => (*one).clone(),
        _ => panic!("expected one deploy fault: {problems:#?}"),
    }
}

fn kind(problems: &[Diagnostic]) -> &'static str {
    let kinds: Vec<&str> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.problem.kind())
        .collect();
    match kinds.as_slice() {
        [one] => one,
        _ => panic!("expected one error: {problems:#?}"),
    }
}

fn school_folder(home: &Path) -> std::path::PathBuf {
    let folder = home.join("public_html");
    for (path, bytes) in SCHOOL {
        let path = folder.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    folder
}

pub(crate) fn ftp_deploys_mirror_the_build_and_send_only_what_changed() {
    let site = SiteTest::new_site(&[]);
    let server = Server::ftp(Ftp::default(), &site.scratch("home"), &site.scratch("ftp"));
    let folder = school_folder(&server.home);
    let target = server.target("ftp", "public_html/");
    first_again_and_after_an_edit(&site, &target, Some(PASSWORD), &folder, SCHOOL);
    assert_nowhere(PASSWORD, &[&server.home, &site.root()]);
}

pub(crate) fn ftps_trusts_a_self_signed_certificate_only_by_its_fingerprint() {
    let site = SiteTest::new_site(&[]);
    let tls = Ftp {
        tls: true,
        ..Ftp::default()
    };
    let server = Server::ftp(tls, &site.scratch("home"), &site.scratch("ftp"));
    let target = server.target("ftps", "site/");
    let (deployed, problems) = site.deploy(&target, Some(PASSWORD), |_| {});
    assert!(deployed.is_none());
    let DeployFault::Certificate { fingerprint, .. } = fault(&problems) else {
        panic!("{problems:#?}")
    };
    let expected = fingerprint_of(server.certificate.as_ref().unwrap());
    assert_eq!(
        fingerprint, expected,
        "the fingerprint shown is the server's certificate's"
    );
    assert!(
        files(&server.home).is_empty(),
        "nothing crossed an untrusted connection"
    );

    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let pin = |fp: &str| format!("{yaml}deploy:\n  certificate: \"{fp}\"\n");
    site.write(
        "site.yaml",
        pin(&format!("{}AB", "AB:".repeat(31))).as_bytes(),
    );
    let (_, problems) = site.deploy(&target, Some(PASSWORD), |_| {});
    assert_eq!(
        kind(&problems),
        "DeployCertificate",
        "another certificate pinned"
    );

    site.write("site.yaml", pin(&expected).as_bytes());
    let (deployed, problems) = site.deploy(&target, Some(PASSWORD), |_| {});
    assert!(deployed.is_some(), "{problems:#?}");
    assert_mirrors(&server.home.join("site"), &site.deploy_build(), &[]);
}

/// The SHA-256 fingerprint of a PEM certificate, as `openssl x509 -fingerprint -sha256` shows it.
fn fingerprint_of(pem: &Path) -> String {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let der = CertificateDer::from_pem_file(pem).unwrap();
    let digest = ring::digest::digest(&ring::digest::SHA256, der.as_ref());
    let hex: Vec<String> = digest.as_ref().iter().map(|b| format!("{b:02X}")).collect();
    hex.join(":")
}

pub(crate) fn ftp_failures_are_plain_and_the_password_stays_secret() {
    let site = SiteTest::new_site(&[]);
    let server = Server::ftp(Ftp::default(), &site.scratch("home"), &site.scratch("ftp"));
    let (_, problems) = site.deploy(&server.target("ftp", ""), Some("wrong"), |_| {});
    assert_eq!(kind(&problems), "DeployLogin");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let (_, problems) = site.deploy(
        &format!("ftp://web@127.0.0.1:{port}/"),
        Some(PASSWORD),
        |_| {},
    );
    assert_eq!(kind(&problems), "DeployUnreachable");
    let (_, problems) = site.deploy("ftp://web@no-such-host.invalid/", Some(PASSWORD), |_| {});
    assert_eq!(kind(&problems), "DeployHostNotFound");

    let read_only = Ftp {
        read_only: true,
        ..Ftp::default()
    };
    let locked = Server::ftp(
        read_only,
        &site.scratch("locked"),
        &site.scratch("ftp-locked"),
    );
    std::fs::create_dir_all(locked.home.join("site")).unwrap();
    let (_, problems) = site.deploy(&locked.target("ftp", "site/"), Some(PASSWORD), |_| {});
    assert_eq!(kind(&problems), "DeployPermission");

    // The command itself: the password from the environment or a netrc file, never shown.
    let spodeli = |args: &[&str], env: &[(&str, &str)]| {
        let output = Command::new(env!("CARGO_BIN_EXE_spodeli"))
            .args(["--lang", "en", "--root"])
            .arg(site.root())
            .args(args)
            .env_remove("SPODELI_DEPLOY_PASSWORD")
            .env("NETRC", site.scratch("no-netrc"))
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!said.contains(PASSWORD), "{said}");
        (output.status.success(), said)
    };
    let target = server.target("ftp", "public_html/");
    let (ok, said) = spodeli(&["deploy", &target], &[]);
    assert!(
        !ok && said.contains("no password for web@127.0.0.1"),
        "{said}"
    );
    let (ok, said) = spodeli(
        &["deploy", &target],
        &[("SPODELI_DEPLOY_PASSWORD", "wrong")],
    );
    assert!(!ok && said.contains("refused the login"), "{said}");
    let netrc = site.scratch("netrc");
    std::fs::write(
        &netrc,
        format!("machine 127.0.0.1 login web password {PASSWORD}\n"),
    )
    .unwrap();
    let netrc = netrc.to_string_lossy().into_owned();
    let (ok, said) = spodeli(&["deploy", &target, "--dry-run"], &[("NETRC", &netrc)]);
    assert!(ok && said.contains("send index.html"), "{said}");
    let (ok, said) = spodeli(&["deploy", &target], &[("NETRC", &netrc)]);
    assert!(
        ok && said.contains("Deployed to ftp://web@127.0.0.1"),
        "{said}"
    );
    assert_nowhere(PASSWORD, &[&server.home, &site.root()]);
}

pub(crate) fn an_ftp_deploy_cut_off_by_the_server_is_finished_by_the_next() {
    // Sixty handouts besides the pages: enough files for the journal to confirm a stretch
    // (every fifty) before the server dies at its eightieth upload.
    let handouts: Vec<(String, Vec<u8>)> = (0..60)
        .map(|i| {
            (
                format!("static/handouts/{i}.txt"),
                format!("handout {i}").into_bytes(),
            )
        })
        .collect();
    let handouts: Vec<(&str, &[u8])> = handouts
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let site = SiteTest::new_site(&handouts);
    let dying = Ftp {
        stop_after: 80,
        ..Ftp::default()
    };
    let (home, work) = (site.scratch("home"), site.scratch("ftp"));
    let mut server = Server::ftp(dying, &home, &work);
    let (planned, _) = site.deploy(&server.target("ftp", ""), Some(PASSWORD), |o| {
        o.dry_run = true
    });
    let total = planned.unwrap().sent;
    let (deployed, problems) = site.deploy(&server.target("ftp", ""), Some(PASSWORD), |_| {});
    assert!(
        deployed.is_none() && !server.running(),
        "the server went away midway"
    );
    assert!(
        ["DeployUnreachable", "DeployFailed"].contains(&kind(&problems)),
        "{problems:#?}"
    );
    let arrived = files(&home).len();
    assert!(arrived > 10 && arrived < total, "{arrived} of {total}");

    let server = Server::ftp(Ftp::default(), &home, &work);
    let (resumed, problems) = site.deploy(&server.target("ftp", ""), Some(PASSWORD), |_| {});
    let resumed = resumed.unwrap_or_else(|| panic!("{problems:#?}"));
    assert!(resumed.resumed);
    assert!(
        resumed.sent < total,
        "only what the journal does not confirm: {resumed:?}"
    );
    assert_mirrors(&home, &site.deploy_build(), &[]);
    let leftovers: Vec<_> = files(&home)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".spodeli-part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Points the site's `deploy:` at the test server's key and known hosts.
fn sftp_settings(site: &SiteTest, work: &Path, known_hosts: &Path) {
    let original = site.scratch("site.yaml.original");
    if !original.exists() {
        std::fs::copy(site.root().join("site.yaml"), &original).unwrap();
    }
    let yaml = std::fs::read_to_string(original).unwrap();
    let settings = format!(
        "{yaml}deploy:\n  key: {}\n  known_hosts: {}\n",
        work.join("user_key").display(),
        known_hosts.display()
    );
    site.write("site.yaml", settings.as_bytes());
}

pub(crate) fn sftp_deploys_with_a_key_and_checks_the_host_key() {
    let site = SiteTest::new_site(&[]);
    let (home, work) = (site.scratch("sftp-home"), site.scratch("sftp"));
    let server = Server::sftp(&home, &work);
    let folder = school_folder(&home);
    let target = server.target("sftp", &format!("/{}/", folder.display()));

    // An unknown host, and a known host whose key changed: refused before logging in.
    sftp_settings(&site, &work, &site.scratch("empty_known_hosts"));
    let (_, problems) = site.deploy(&target, Some(PASSWORD), |_| {});
    let DeployFault::HostKey {
        fingerprint,
        changed: false,
        ..
    } = fault(&problems)
    else {
        panic!("{problems:#?}")
    };
    let listed = Command::new("ssh-keygen")
        .args(["-l", "-E", "sha256", "-f"])
        .arg(work.join("host_key.pub"))
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(
        listed.split_whitespace().nth(1),
        Some(fingerprint.as_str()),
        "the server's key"
    );
    let other = site.scratch("other_known_hosts");
    let theirs = std::fs::read_to_string(work.join("user_key.pub")).unwrap();
    let theirs: Vec<&str> = theirs.split_whitespace().take(2).collect();
    std::fs::write(
        &other,
        format!("[127.0.0.1]:{} {}\n", server.port, theirs.join(" ")),
    )
    .unwrap();
    sftp_settings(&site, &work, &other);
    let (_, problems) = site.deploy(&target, Some(PASSWORD), |_| {});
    assert!(
        matches!(fault(&problems), DeployFault::HostKey { changed: true, .. }),
        "{problems:#?}"
    );
    assert_eq!(files(&folder).len(), SCHOOL.len(), "nothing was sent");

    // The known host: a wrong passphrase is a refused login; the right one deploys.
    sftp_settings(&site, &work, &work.join("known_hosts"));
    let (_, problems) = site.deploy(&target, Some("wrong"), |_| {});
    assert_eq!(kind(&problems), "DeployLogin");
    first_again_and_after_an_edit(&site, &target, Some(PASSWORD), &folder, SCHOOL);
    assert_nowhere(PASSWORD, &[&home, &site.root()]);
}
