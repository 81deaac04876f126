//! Real servers on 127.0.0.1 for the deploy tests, and deploying a [`SiteTest`] to them: an FTP
//! or FTPS server (pyftpdlib, from `tests/servers/requirements.txt`, installed into
//! `target/test-servers/venv` on first use) and an SFTP server (Debian's OpenSSH `sshd`).

use super::SiteTest;
use spodeli::deploy::{DeployOptions, Deployed};
use spodeli::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The test account's password: asserted never to appear in any output or file.
pub(crate) const PASSWORD: &str = "Kl0uch-z4-sp0deli-tests";

/// The Python with the FTP server's packages, installed on first use by
/// `tests/servers/venv.sh`.
pub(crate) fn python() -> PathBuf {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    let python = PYTHON.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/servers/venv.sh");
        let out = Command::new("bash").arg(script).output().ok()?;
        out.status
            .success()
            .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    });
    python
        .clone()
        .expect("tests/servers/venv.sh could not install tests/servers/requirements.txt")
}

/// How the FTP server behaves.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ftp {
    /// FTPS with a self-signed certificate.
    pub(crate) tls: bool,
    /// The account may read but not write.
    pub(crate) read_only: bool,
    /// The server dies after receiving this many files.
    pub(crate) stop_after: usize,
}

/// A running server; stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// The port it listens on.
    pub(crate) port: u16,
    /// The folder the account logs in to.
    pub(crate) home: PathBuf,
    /// FTPS: the certificate (PEM).
    pub(crate) certificate: Option<PathBuf>,
    /// Its log.
    pub(crate) log: PathBuf,
}

impl Server {
    /// An FTP server for `user` on the folder `home`, with its files in `work`.
    pub(crate) fn ftp(how: Ftp, home: &Path, work: &Path) -> Server {
        std::fs::create_dir_all(home).unwrap();
        std::fs::create_dir_all(work).unwrap();
        let port_file = work.join("port");
        let _ = std::fs::remove_file(&port_file);
        let log = work.join("ftp.log");
        let certificate = how.tls.then(|| work.join("cert.pem"));
        let mut command = Command::new(python());
        command
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/servers/ftp.py"))
            .arg("--root")
            .arg(home)
            .arg("--port-file")
            .arg(&port_file)
            .args(["--user", "web", "--password", PASSWORD])
            .args(["--stop-after", &how.stop_after.to_string()]);
        if let Some(cert) = &certificate {
            command.arg("--tls").arg(cert);
        }
        if how.read_only {
            command.arg("--read-only");
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let port = wait_for(&port_file, &log);
        Server {
            child,
            port,
            home: home.to_path_buf(),
            certificate,
            log,
        }
    }

    /// The server's address for the account, as a deploy target (`ftp`, `ftps`, `sftp`).
    pub(crate) fn target(&self, scheme: &str, folder: &str) -> String {
        let user = match scheme {
            "sftp" => Server::user(),
            _ => "web".to_string(),
        };
        format!("{scheme}://{user}@127.0.0.1:{}/{folder}", self.port)
    }

    /// An SFTP server (OpenSSH's sshd, as root) for the user running the tests, who logs in with
    /// a key made here whose passphrase is [`PASSWORD`]. `work` gets the keys, the config and
    /// `known_hosts` (with the server's key); the account's files go under `home`, which is
    /// absolute on the server (targets name it with `//`).
    pub(crate) fn sftp(home: &Path, work: &Path) -> Server {
        std::fs::create_dir_all(home).unwrap();
        std::fs::create_dir_all(work).unwrap();
        std::fs::create_dir_all("/run/sshd").unwrap();
        let keygen = |file: &Path, passphrase: &str| {
            let made = Command::new("ssh-keygen")
                .args([
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    passphrase,
                    "-C",
                    "spodeli-test",
                    "-f",
                ])
                .arg(file)
                .status()
                .unwrap();
            assert!(made.success());
        };
        let (host_key, user_key) = (work.join("host_key"), work.join("user_key"));
        keygen(&host_key, "");
        keygen(&user_key, PASSWORD);
        let public = |key: &Path| std::fs::read_to_string(key.with_extension("pub")).unwrap();
        std::fs::write(work.join("authorized_keys"), public(&user_key)).unwrap();
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let host = public(&host_key);
        let host = host
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        std::fs::write(
            work.join("known_hosts"),
            format!("[127.0.0.1]:{port} {host}\n"),
        )
        .unwrap();
        let config = work.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\n\
                 AuthorizedKeysFile {}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n\
                 Subsystem sftp internal-sftp\n",
                host_key.display(),
                work.join("sshd.pid").display(),
                work.join("authorized_keys").display(),
            ),
        )
        .unwrap();
        let log = work.join("sshd.log");
        let child = Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "sshd did not start: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server {
            child,
            port,
            home: home.to_path_buf(),
            certificate: None,
            log,
        }
    }

    /// The user the tests run as (the SFTP account).
    pub(crate) fn user() -> String {
        let out = Command::new("id").arg("-un").output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Whether the server process is still running.
    pub(crate) fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port a server wrote to `file` once it listens.
fn wait_for(file: &Path, log: &Path) -> u16 {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if let Some(port) = std::fs::read_to_string(file)
            .ok()
            .and_then(|p| p.trim().parse().ok())
        {
            return port;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "the server did not start: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

impl SiteTest {
    /// Deploys the site to `target` with `password`, as `spodeli deploy` would.
    pub(crate) fn deploy(
        &self,
        target: &str,
        password: Option<&str>,
        change: impl FnOnce(&mut DeployOptions),
    ) -> (Option<Deployed>, Vec<Diagnostic>) {
        let mut options = DeployOptions {
            target: Some(target.to_string()),
            password: password.map(String::from),
            build: self.options.clone(),
            ..DeployOptions::default()
        };
        change(&mut options);
        let ((_, problems), deployed) = spodeli::deploy::deploy(&self.root, &options);
        (deployed, problems)
    }

    /// The folder deploys build the site into (what a target should equal).
    pub(crate) fn deploy_build(&self) -> PathBuf {
        self.root.join(".spodeli-cache/deploy")
    }
}

/// The names a deploy keeps in the target folder for itself.
pub(crate) fn is_deploy_record(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".spodeli-deploy"))
}

/// Asserts that the files under `target` are the build's, byte for byte, besides the deploy's
/// record and the files of others named in `others` (which must be there as they were).
pub(crate) fn assert_mirrors(target: &Path, built: &Path, others: &[(&str, &[u8])]) {
    let mut on_target = super::files(target);
    for (path, bytes) in others {
        let found = on_target.remove(Path::new(path));
        assert_eq!(found.as_deref(), Some(*bytes), "{path} of others");
    }
    on_target.retain(|path, _| !is_deploy_record(path));
    let mut expected = super::files(built);
    expected.retain(|path, _| path.file_name().is_some_and(|n| n != ".spodeli-record"));
    let differ: Vec<&PathBuf> = expected
        .keys()
        .chain(on_target.keys())
        .filter(|p| expected.get(*p) != on_target.get(*p))
        .collect();
    assert!(
        differ.is_empty(),
        "the target differs from the build: {differ:?}"
    );
}

/// The files of `dir` whose bytes differ from `before` (added or changed), and those gone.
pub(crate) fn changes(
    before: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    dir: &Path,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let after = super::files(dir);
    let changed = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(b) && !p.ends_with(".spodeli-record"))
        .map(|(p, _)| p.clone())
        .collect();
    let gone = before
        .keys()
        .filter(|p| !after.contains_key(*p))
        .cloned()
        .collect();
    (changed, gone)
}

/// Asserts that `needle` is in no file under any of `dirs` (the password, after a deploy).
pub(crate) fn assert_nowhere(needle: &str, dirs: &[&Path]) {
    for dir in dirs {
        for (path, bytes) in super::files(dir) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(needle),
                "{} holds the password",
                path.display()
            );
        }
    }
}

/// The entry every deploy test edits, and the edit.
pub(crate) const EDITED: (&str, &str, &str) = (
    "content/practices/reading-with-parents.en.md",
    "reads a favourite book",
    "reads a favourite picture book",
);

/// The webmaster's day against `target`: a first deploy makes `folder` the build (beside the
/// files of `others`), a second sends nothing, and after one edit exactly the files whose bytes
/// the edit changed are sent.
pub(crate) fn first_again_and_after_an_edit(
    site: &SiteTest,
    target: &str,
    password: Option<&str>,
    folder: &Path,
    others: &[(&str, &[u8])],
) {
    let (first, problems) = site.deploy(target, password, |_| {});
    let first = first.unwrap_or_else(|| panic!("{problems:#?}"));
    assert_mirrors(folder, &site.deploy_build(), others);
    let built = super::files(&site.deploy_build()).len();
    assert_eq!(
        (first.sent, first.removed),
        (built - 1, 0),
        "all but the build's record"
    );

    let (again, _) = site.deploy(target, password, |_| {});
    let again = again.unwrap();
    assert_eq!((again.sent, again.bytes, again.removed), (0, 0, 0));
    assert_eq!(again.unchanged, first.sent);

    let before = super::files(&site.deploy_build());
    let (path, from, to) = EDITED;
    site.edit(path, from, to);
    let (edited, _) = site.deploy(target, password, |_| {});
    let (changed, gone) = changes(&before, &site.deploy_build());
    assert!(!changed.is_empty() && gone.is_empty());
    assert_eq!(edited.unwrap().sent, changed.len(), "{changed:?}");
    assert_mirrors(folder, &site.deploy_build(), others);
}
