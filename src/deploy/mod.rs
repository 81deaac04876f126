//! `spodeli deploy`: builds the site and puts it on the school's hosting (FTP, FTPS, SFTP) or
//! into a folder, sending only what changed since the last deploy and touching nothing it did
//! not put there.
//!
//! The pieces, in the order a deploy uses them: [`target`] (where), [`credentials`] (the
//! password, never from files of the site), the build into the site's cache and the SHA-256 of
//! its files ([`hashes`], remembered by the output record's stamps), [`remote`] (the
//! target's few file operations per protocol), [`manifest`] (the record a deploy keeps in the
//! target folder, and the journal of one under way), [`plan`] (what to send, make, remove, and
//! what of others is in the way), [`send`] (doing it, retrying what may pass) with
//! [`progress`].

pub mod credentials;
pub mod hashes;
pub mod manifest;
pub mod plan;
pub mod progress;
pub mod remote;
pub mod send;
pub mod target;

use crate::build::{self, Outcome, saved};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{DeployFault, Diagnostic, Diagnostics, Location, Problem};
use crate::messages::Text;
use crate::site::Options;
use manifest::{JOURNAL, Owned, RECORD};
use remote::operations::{Login, Remote};
use std::path::Path;
use std::time::{Duration, Instant};
use target::Target;

/// What to deploy, and how.
#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    /// The target as given on the command line (else `deploy.target` of `site.yaml`).
    pub target: Option<String>,
    /// Only say what would be sent and removed.
    pub dry_run: bool,
    /// Replace files in the way (an earlier copy of the site uploaded by hand).
    pub take_over: bool,
    /// The password or key passphrase when the caller has it (a program embedding spodeli);
    /// otherwise it comes from [`credentials::password`].
    pub password: Option<String>,
    /// How the site is built.
    pub build: Options,
}

/// What a deploy did (or, in a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct Deployed {
    /// The target, without password.
    pub target: String,
    /// Files sent, and their bytes.
    pub sent: usize,
    /// Their size.
    pub bytes: u64,
    /// Files removed (the build no longer has them).
    pub removed: usize,
    /// Files already on the target as built.
    pub unchanged: usize,
    /// Files of others replaced (`--take-over`).
    pub taken_over: usize,
    /// Whether a deploy cut off before was finished.
    pub resumed: bool,
    /// Whether nothing was sent (`--dry-run`).
    pub dry_run: bool,
    /// The plan, as lines to show, for a dry run.
    pub listing: Vec<String>,
    /// How long the sending took (after the build).
    pub elapsed: Duration,
}

/// The folder in the site's cache the site is built into for deploys: kept between runs, so
/// that a deploy after an edit renders again only what the edit changed.
const BUILT: &str = "deploy";

/// Builds the site at `root` and deploys it. The build's report and problems come back as for
/// `build`; a deploy's own failure is one more problem, and then there is no report.
pub fn deploy(root: &Path, options: &DeployOptions) -> (Outcome, Option<Deployed>) {
    // site.yaml first: a broken one is reported before a password is asked for.
    let mut diagnostics = Diagnostics::default();
    let Some(settings) = Config::load(root, &mut diagnostics).map(|c| c.deploy) else {
        return ((None, diagnostics.sorted()), None);
    };
    let from_config = options.target.is_none();
    let target = match options.target.as_ref().or(settings.target.as_ref()) {
        Some(text) => Target::parse(text),
        None => Err(DeployFault::NoTarget),
    };
    let login = target
        .clone()
        .and_then(|t| login(&t, &settings, options.password.as_ref()));
    let (target, login) = match (target, login) {
        (Ok(t), Ok(l)) => (t, l),
        (Err(fault), _) | (_, Err(fault)) => {
            return ((None, vec![located(root, fault, from_config)]), None);
        }
    };
    let built = root.join(saved::CACHE).join(BUILT);
    let (report, mut diagnostics) = build::build(root, Some(&built), &options.build);
    let Some(report) = report else {
        return ((None, diagnostics), None);
    };
    match publish(&built, &target, &login, options) {
        Ok(deployed) => ((Some(report), diagnostics), Some(deployed)),
        Err(fault) => {
            diagnostics.push(Diagnostic::global(Problem::Deploy(fault)));
            ((None, diagnostics), None)
        }
    }
}

/// A problem with the target, placed at `deploy.target` of `site.yaml` when it came from there.
fn located(root: &Path, fault: DeployFault, from_config: bool) -> Diagnostic {
    let problem = Problem::Deploy(fault);
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let source = crate::yaml::Source {
        text: &text,
        first_line: 1,
    };
    match from_config {
        true => Diagnostic::error(
            Location::at(
                CONFIG_FILE,
                crate::yaml::locate_key(source, "deploy.target"),
            ),
            problem,
        ),
        false => Diagnostic::global(problem),
    }
}

/// How to log in to `target`: the password from the environment, a netrc file or the terminal.
fn login(
    target: &Target,
    settings: &crate::config::DeploySettings,
    given: Option<&String>,
) -> Result<Login, DeployFault> {
    let mut login = Login {
        password: None,
        certificate: settings.certificate.clone(),
        known_hosts: settings.known_hosts.clone(),
        key: settings.key.clone(),
    };
    let certificate = settings.certificate.as_deref();
    if certificate.is_some_and(|c| remote::certificate::parse_fingerprint(c).is_none()) {
        return Err(DeployFault::BadTarget {
            target: target.to_string(),
            reason: Text::new("deploy-certificate-format"),
        });
    }
    if let Target::Server(server) = target {
        // SFTP may need none (a key without a passphrase): it asks when it does.
        login.password = match (given, server.protocol) {
            (Some(password), _) => Some(password.clone()),
            (None, target::Protocol::Sftp) => credentials::known(server),
            (None, _) => Some(credentials::password(server)?),
        };
    }
    Ok(login)
}

/// Sends the build in `dir` to `target`.
fn publish(
    dir: &Path,
    target: &Target,
    login: &Login,
    options: &DeployOptions,
) -> Result<Deployed, DeployFault> {
    let started = Instant::now();
    let memo = dir.with_extension("sha256");
    let (files, _) = hashes::of_build(dir, &memo).map_err(|detail| DeployFault::Failed {
        doing: Text::new("deploy-doing-read-build"),
        detail,
    })?;
    let mut progress = progress::Progress::new(0, 0);
    let remote = connect(target, login, &progress)?;
    let mut sender = send::Sender {
        remote,
        progress: &mut progress,
    };
    let owned = read_owned(&mut sender)?;
    let plan = sender.attempt(
        || Text::new("deploy-doing-look"),
        |r| plan::plan(&files, &owned, options.take_over, &mut |p| r.probe(p)),
    )?;
    // With --take-over only a file where the site needs a folder is left in the way.
    if !plan.in_the_way.is_empty() {
        let shown = plan.in_the_way.iter().take(10).cloned().collect();
        return Err(DeployFault::InTheWay {
            files: shown,
            found: plan.in_the_way.len(),
            complete: plan.in_the_way_complete,
        });
    }
    let mut deployed = Deployed {
        target: target.to_string(),
        sent: plan.send.len(),
        bytes: plan.bytes(),
        removed: plan.remove.len(),
        unchanged: plan.unchanged,
        taken_over: plan.taken_over,
        resumed: owned.resumed,
        ..Deployed::default()
    };
    if options.dry_run {
        deployed.dry_run = true;
        deployed.listing = listing(&plan);
        return Ok(deployed);
    }
    let mut progress = progress::Progress::new(plan.send.len(), plan.bytes());
    sender.progress = &mut progress;
    sender.run(&plan, &files, dir)?;
    progress.finish();
    deployed.elapsed = started.elapsed();
    Ok(deployed)
}

/// Connects, retrying what may pass (a host busy for a moment).
fn connect(
    target: &Target,
    login: &Login,
    progress: &progress::Progress,
) -> Result<Box<dyn Remote>, DeployFault> {
    send::retry(
        progress,
        || Text::new("deploy-doing-connect"),
        |_| remote::connect(target, login),
    )
}

/// What deploys left in the target folder: the record and the journal of one cut off.
fn read_owned(sender: &mut send::Sender<'_>) -> Result<Owned, DeployFault> {
    let doing = || Text::new("deploy-doing-read-record");
    let record = sender.attempt(doing, |r| r.read(RECORD))?;
    let journal = sender.attempt(doing, |r| r.read(JOURNAL))?;
    let text = |b: Option<Vec<u8>>| b.map(|b| String::from_utf8_lossy(&b).into_owned());
    let (record, journal) = (text(record), text(journal));
    Owned::read(record.as_deref(), journal.as_deref()).map_err(|damaged| DeployFault::Failed {
        doing: doing(),
        detail: Text::new("deploy-record-damaged")
            .arg("line", damaged.0)
            .to_string(),
    })
}

/// The plan as a dry run shows it.
fn listing(plan: &plan::Plan) -> Vec<String> {
    let mut lines: Vec<String> = plan
        .send
        .iter()
        .map(|(path, sent)| {
            Text::new("deploy-would-send")
                .arg("path", path)
                .arg("size", sent.size as usize)
                .to_string()
        })
        .collect();
    lines.extend(plan.remove.iter().map(|path| {
        Text::new("deploy-would-remove")
            .arg("path", path)
            .to_string()
    }));
    lines
}
