//! SFTP targets over SSH, with russh and russh-sftp (pure Rust, on a small tokio runtime of the
//! deploy's own). The host key is checked against the known hosts; the login is by key (the
//! site's `deploy.key`, else `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa`), its passphrase or the
//! account's password from [`crate::deploy::credentials`].
//!
//! SFTP (version 3, as OpenSSH speaks it) refuses to rename onto an existing file, so a changed
//! file replaces its old self by removal and rename: for that moment the file is missing.

use super::dial::{TIMEOUT, dial};
use super::operations::{Done, Fault, Kind, Login, Remote};
use crate::deploy::credentials;
use crate::deploy::target::Server;
use crate::diagnostics::DeployFault;
use russh::keys::{HashAlg, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh_sftp::client::SftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::StatusCode;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A logged-in SFTP session.
pub(super) struct Sftp {
    server: Server,
    login: Login,
    runtime: tokio::runtime::Runtime,
    session: Option<(russh::client::Handle<HostKeys>, SftpSession)>,
    /// The target folder with a final `/` (or empty for the login folder).
    base: String,
}

impl Sftp {
    /// Connects, checks the host key, logs in and enters the target folder (created if
    /// missing).
    pub(super) fn connect(server: &Server, login: &Login) -> Done<Sftp> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Fault::Transient(e.to_string()))?;
        let mut sftp = Sftp {
            server: server.clone(),
            login: login.clone(),
            runtime,
            session: None,
            base: String::new(),
        };
        sftp.reconnect()?;
        Ok(sftp)
    }

    fn at(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn sftp(&self) -> Done<&SftpSession> {
        self.session
            .as_ref()
            .map(|(_, s)| s)
            .ok_or_else(|| Fault::Transient("not connected".into()))
    }

    /// Runs an SFTP request on the runtime.
    fn run<T>(
        &self,
        path: &str,
        request: impl AsyncFnOnce(&SftpSession) -> Result<T, SftpError>,
    ) -> Done<T> {
        let sftp = self.sftp()?;
        self.runtime
            .block_on(request(sftp))
            .map_err(|e| fault(path, e))
    }

    async fn open(&self) -> Done<(russh::client::Handle<HostKeys>, SftpSession)> {
        let tcp = dial(&self.server.host, self.server.port)?;
        tcp.set_nonblocking(true)
            .map_err(|e| Fault::Transient(e.to_string()))?;
        let tcp =
            tokio::net::TcpStream::from_std(tcp).map_err(|e| Fault::Transient(e.to_string()))?;
        let config = Arc::new(russh::client::Config {
            inactivity_timeout: Some(TIMEOUT),
            ..Default::default()
        });
        let known_hosts = match &self.login.known_hosts {
            Some(path) => path.clone(),
            None => home().join(".ssh/known_hosts"),
        };
        let checker = HostKeys {
            host: self.server.host.clone(),
            port: self.server.port,
            known_hosts,
            refused: Arc::default(),
        };
        let refused = checker.refused.clone();
        let mut handle = match russh::client::connect_stream(config, tcp, checker).await {
            Ok(handle) => handle,
            Err(e) => {
                let refused = refused.lock().ok().and_then(|mut r| r.take());
                return Err(match refused {
                    Some(fault) => Fault::Fatal(fault),
                    None => Fault::Transient(e.to_string()),
                });
            }
        };
        self.log_in(&mut handle).await?;
        let transient = |e: &dyn std::fmt::Display| Fault::Transient(e.to_string());
        let channel = handle
            .channel_open_session()
            .await
            .map_err(|e| transient(&e))?;
        channel
            .request_subsystem(true, "sftp")
            .await
            .map_err(|e| transient(&e))?;
        let sftp = SftpSession::new(channel.into_stream())
            .await
            .map_err(|e| transient(&e))?;
        sftp.set_timeout(TIMEOUT.as_secs());
        Ok((handle, sftp))
    }

    /// Logs in with each key there is, then with the password.
    async fn log_in(&self, handle: &mut russh::client::Handle<HostKeys>) -> Done<()> {
        let user = self.server.user.clone();
        let refused = || {
            Fault::Fatal(DeployFault::Login {
                account: self.server.account(),
            })
        };
        let transient = |e: russh::Error| Fault::Transient(e.to_string());
        let mut password = self.login.password.clone();
        for path in self.keys() {
            let key = match russh::keys::load_secret_key(&path, None) {
                Ok(key) => key,
                Err(russh::keys::Error::KeyIsEncrypted) => {
                    let passphrase = match &password {
                        Some(p) => p.clone(),
                        None => credentials::password(&self.server).map_err(Fault::Fatal)?,
                    };
                    password = Some(passphrase.clone());
                    russh::keys::load_secret_key(&path, Some(&passphrase)).map_err(|_| refused())?
                }
                Err(_) => continue,
            };
            let hash = handle.best_supported_rsa_hash().await.map_err(transient)?;
            let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash.flatten());
            let result = handle.authenticate_publickey(&user, key).await;
            if result.map_err(transient)?.success() {
                return Ok(());
            }
        }
        let password = match password {
            Some(p) => p,
            None => credentials::password(&self.server).map_err(Fault::Fatal)?,
        };
        let result = handle.authenticate_password(&user, password).await;
        match result.map_err(transient)?.success() {
            true => Ok(()),
            false => Err(refused()),
        }
    }

    /// The private keys to try: the site's, else the usual ones that exist.
    fn keys(&self) -> Vec<PathBuf> {
        match &self.login.key {
            Some(key) => vec![key.clone()],
            None => ["id_ed25519", "id_ecdsa", "id_rsa"]
                .iter()
                .map(|name| home().join(".ssh").join(name))
                .filter(|path| path.is_file())
                .collect(),
        }
    }

    /// Enters the target folder, creating the folders on the way that are missing.
    fn enter_folder(&mut self) -> Done<()> {
        let folder = self.server.folder.clone();
        let mut base = if folder.starts_with('/') {
            "/".to_string()
        } else {
            String::new()
        };
        for segment in folder.split('/').filter(|s| !s.is_empty()) {
            base.push_str(segment);
            let path = base.clone();
            let exists = self.run(&path, async |s| s.try_exists(path.clone()).await)?;
            if !exists {
                self.run(&path, async |s| s.create_dir(path.clone()).await)?;
            }
            base.push('/');
        }
        self.base = base;
        Ok(())
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// A failure sorted by the server's status: a refusal, a missing file, or something that may
/// pass.
fn fault(path: &str, error: SftpError) -> Fault {
    match error {
        SftpError::Status(status) => match status.status_code {
            StatusCode::PermissionDenied => Fault::Fatal(DeployFault::Permission {
                path: path.to_string(),
                detail: status.error_message,
            }),
            StatusCode::Failure | StatusCode::BadMessage | StatusCode::OpUnsupported => {
                Fault::Fatal(DeployFault::Failed {
                    doing: crate::messages::Text::new("deploy-doing-talk").arg("path", path),
                    detail: format!("{}: {}", status.status_code, status.error_message),
                })
            }
            _ => Fault::Transient(format!("{}: {}", status.status_code, status.error_message)),
        },
        other => Fault::Transient(other.to_string()),
    }
}

fn missing(error: &Fault) -> bool {
    matches!(error, Fault::Transient(detail) if detail.starts_with(&StatusCode::NoSuchFile.to_string()))
}

impl Remote for Sftp {
    fn probe(&mut self, path: &str) -> Done<Option<Kind>> {
        let at = self.at(path);
        match self.run(path, async |s| s.symlink_metadata(at).await) {
            Ok(m) if m.is_dir() => Ok(Some(Kind::Folder)),
            Ok(_) => Ok(Some(Kind::File)),
            Err(e) if missing(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn read(&mut self, path: &str) -> Done<Option<Vec<u8>>> {
        let at = self.at(path);
        match self.run(path, async |s| s.read(at).await) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if missing(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Done<()> {
        use tokio::io::AsyncWriteExt;
        let at = self.at(path);
        self.run(path, async |s| {
            let mut file = s.create(at).await?;
            file.write_all(bytes).await?;
            file.shutdown().await?;
            Ok(())
        })
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Done<()> {
        use russh_sftp::protocol::OpenFlags;
        use tokio::io::{AsyncSeekExt, AsyncWriteExt};
        let at = self.at(path);
        self.run(path, async |s| {
            let flags = OpenFlags::CREATE | OpenFlags::WRITE | OpenFlags::APPEND;
            let mut file = s.open_with_flags(at, flags).await?;
            file.seek(std::io::SeekFrom::End(0)).await?;
            file.write_all(bytes).await?;
            file.shutdown().await?;
            Ok(())
        })
    }

    fn rename(&mut self, from: &str, to: &str) -> Done<()> {
        let (old, new) = (self.at(from), self.at(to));
        let renamed = self.run(to, async |s| s.rename(old.clone(), new.clone()).await);
        match renamed {
            Err(Fault::Fatal(_)) if self.probe(to)? == Some(Kind::File) => {
                self.remove(to)?;
                self.run(to, async |s| s.rename(old, new).await)
            }
            other => other,
        }
    }

    fn remove(&mut self, path: &str) -> Done<()> {
        let at = self.at(path);
        match self.run(path, async |s| s.remove_file(at).await) {
            Err(e) if missing(&e) => Ok(()),
            other => other,
        }
    }

    fn create_folder(&mut self, path: &str) -> Done<()> {
        let at = self.at(path);
        match self.run(path, async |s| s.create_dir(at).await) {
            Err(e) if self.probe(path)? == Some(Kind::Folder) => {
                let _ = e;
                Ok(())
            }
            other => other,
        }
    }

    fn remove_folder(&mut self, path: &str) -> Done<bool> {
        let at = self.at(path);
        match self.run(path, async |s| s.remove_dir(at).await) {
            Ok(()) => Ok(true),
            Err(Fault::Fatal(_)) => Ok(false),
            Err(e) if missing(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn reconnect(&mut self) -> Done<()> {
        if let Some((handle, sftp)) = self.session.take() {
            let _ = self.runtime.block_on(async {
                let _ = sftp.close().await;
                handle
                    .disconnect(russh::Disconnect::ByApplication, "", "en")
                    .await
            });
        }
        let session = self.runtime.block_on(self.open())?;
        self.session = Some(session);
        self.enter_folder()
    }
}

/// Checks the server's host key against the known hosts, keeping why it refused one.
struct HostKeys {
    host: String,
    port: u16,
    known_hosts: PathBuf,
    refused: Arc<Mutex<Option<DeployFault>>>,
}

impl russh::client::Handler for HostKeys {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let key = key.public_key();
        let known =
            russh::keys::check_known_hosts_path(&self.host, self.port, &key, &self.known_hosts);
        let changed = match known {
            Ok(true) => return Ok(true),
            Ok(false) => false,
            Err(russh::keys::Error::KeyChanged { .. }) => true,
            // No known-hosts file: the host is not known.
            Err(_) => false,
        };
        if let Ok(mut refused) = self.refused.lock() {
            *refused = Some(DeployFault::HostKey {
                host: match self.port {
                    22 => self.host.clone(),
                    port => format!("[{}]:{port}", self.host),
                },
                fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
                changed,
            });
        }
        Ok(false)
    }
}
