//! Carries out a plan on the target: the journal's claims, the folders, every file under a
//! temporary name renamed into place, the removals, and the record last. Transient failures
//! are retried a few times, on a new connection, before the deploy gives up.

use super::manifest::{self, JOURNAL, RECORD, Sent};
use super::plan::Plan;
use super::progress::Progress;
use super::remote::operations::{Done, Fault, Remote};
use crate::diagnostics::DeployFault;
use crate::messages::Text;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// How many times an operation is tried before a transient failure ends the deploy.
const ATTEMPTS: u32 = 4;

/// How often the journal hears which files arrived (after so long, or so many files, whichever
/// comes first): a deploy cut off sends again at most the files of the last stretch.
const JOURNAL_EVERY: (Duration, usize) = (Duration::from_secs(2), 50);

/// The target with its retries and progress.
pub struct Sender<'a> {
    /// The connection.
    pub remote: Box<dyn Remote>,
    /// Where retries are told.
    pub progress: &'a mut Progress,
}

/// Runs `op`, and again after a transient failure, waiting 1, 2 and 4 seconds: `op` hears
/// whether it runs again (to make a new connection first).
pub fn retry<T>(
    progress: &Progress,
    doing: impl Fn() -> Text,
    mut op: impl FnMut(bool) -> Done<T>,
) -> Result<T, DeployFault> {
    let mut wait = Duration::from_secs(1);
    for tries in 1.. {
        match op(tries > 1) {
            Ok(value) => return Ok(value),
            Err(Fault::Fatal(fault)) => return Err(fault),
            Err(Fault::Transient(detail)) if tries == ATTEMPTS => {
                return Err(DeployFault::Failed {
                    doing: doing(),
                    detail,
                });
            }
            Err(Fault::Transient(detail)) => {
                let note = Text::new("deploy-retrying")
                    .arg("doing", doing())
                    .arg("detail", detail)
                    .arg("seconds", wait.as_secs() as usize);
                progress.note(note);
                std::thread::sleep(wait);
                wait *= 2;
            }
        }
    }
    unreachable!("the loop returns by its last try")
}

impl Sender<'_> {
    /// Runs `op` on the target, retrying transient failures on a new connection.
    pub fn attempt<T>(
        &mut self,
        doing: impl Fn() -> Text,
        mut op: impl FnMut(&mut dyn Remote) -> Done<T>,
    ) -> Result<T, DeployFault> {
        let remote = &mut self.remote;
        retry(self.progress, doing, |again| {
            if again {
                remote.reconnect()?;
            }
            op(remote.as_mut())
        })
    }

    /// Sends the plan's files from the build folder `built`, removes what it says, and writes
    /// the record of `built`'s files and the plan's folders.
    pub fn run(
        &mut self,
        plan: &Plan,
        built: &BTreeMap<String, Sent>,
        dir: &Path,
    ) -> Result<Vec<String>, DeployFault> {
        let mut claims: String = plan
            .create
            .iter()
            .map(|f| manifest::claim_folder(f))
            .collect();
        for (path, sent) in &plan.send {
            claims.push_str(&manifest::claim(path, sent));
        }
        if !claims.is_empty() {
            let doing = || Text::new("deploy-doing-record");
            self.attempt(doing, |r| r.append(JOURNAL, claims.as_bytes()))?;
        }
        for folder in &plan.create {
            let doing = || Text::new("deploy-doing-folder").arg("path", folder);
            self.attempt(doing, |r| r.create_folder(folder))?;
        }
        self.send_files(plan, dir)?;
        for path in plan.remove.iter().chain(&plan.parts) {
            let doing = || Text::new("deploy-doing-remove").arg("path", path);
            self.attempt(doing, |r| r.remove(path))?;
        }
        let mut kept = Vec::new();
        for folder in &plan.remove_folders {
            let doing = || Text::new("deploy-doing-remove").arg("path", folder);
            // A folder that still holds files of others stays, and stays in the record.
            if !self.attempt(doing, |r| r.remove_folder(folder))? {
                kept.push(folder.clone());
            }
        }
        let folders = plan.folders.iter().chain(&kept);
        let record = manifest::record(built, folders);
        let part = format!("{RECORD}.part");
        let doing = || Text::new("deploy-doing-record");
        self.attempt(doing, |r| {
            r.put(&part, record.as_bytes())?;
            r.rename(&part, RECORD)
        })?;
        self.attempt(doing, |r| r.remove(JOURNAL))?;
        Ok(kept)
    }

    /// Sends each file under a temporary name beside its own and renames it into place, so
    /// that a reader never gets half a file; the journal hears of arrivals every few seconds.
    fn send_files(&mut self, plan: &Plan, dir: &Path) -> Result<(), DeployFault> {
        let mut arrived = String::new();
        let mut told = (Instant::now(), 0);
        for (path, sent) in &plan.send {
            self.progress.start(path);
            let bytes = std::fs::read(dir.join(path)).map_err(|e| DeployFault::Failed {
                doing: Text::new("deploy-doing-send").arg("path", path),
                detail: e.to_string(),
            })?;
            let part = super::plan::part_name(path);
            let doing = || Text::new("deploy-doing-send").arg("path", path);
            self.attempt(doing, |r| {
                r.put(&part, &bytes)?;
                r.rename(&part, path)
            })?;
            self.progress.sent(sent.size);
            arrived.push_str(&manifest::arrived(path));
            told.1 += 1;
            if told.0.elapsed() >= JOURNAL_EVERY.0 || told.1 >= JOURNAL_EVERY.1 {
                self.tell(&mut arrived)?;
                told = (Instant::now(), 0);
            }
        }
        self.tell(&mut arrived)
    }

    fn tell(&mut self, arrived: &mut String) -> Result<(), DeployFault> {
        if arrived.is_empty() {
            return Ok(());
        }
        let doing = || Text::new("deploy-doing-record");
        self.attempt(doing, |r| r.append(JOURNAL, arrived.as_bytes()))?;
        arrived.clear();
        Ok(())
    }
}
