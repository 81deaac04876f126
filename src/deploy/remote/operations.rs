//! The operations every target offers — a handful of file operations that FTP, FTPS, SFTP and a
//! local folder all have — with failures sorted into what retrying may cure and what it will
//! not. Paths are relative to the target folder, `/`-separated.

use crate::diagnostics::DeployFault;

/// What is at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A file (or anything that is not a folder).
    File,
    /// A folder.
    Folder,
}

/// Why an operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Retrying may help: a dropped connection, a timeout, a server busy for now.
    Transient(String),
    /// Retrying will not help.
    Fatal(DeployFault),
}

/// An operation's result.
pub type Done<T> = Result<T, Fault>;

/// The target folder.
pub trait Remote {
    /// What is at `path`, if anything.
    fn probe(&mut self, path: &str) -> Done<Option<Kind>>;
    /// The bytes of the file at `path`; `None` when there is none.
    fn read(&mut self, path: &str) -> Done<Option<Vec<u8>>>;
    /// Writes `bytes` to `path`, replacing what is there.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Done<()>;
    /// Adds `bytes` to the end of the file at `path`, creating it.
    fn append(&mut self, path: &str, bytes: &[u8]) -> Done<()>;
    /// Renames `from` to `to`, replacing the file at `to`.
    fn rename(&mut self, from: &str, to: &str) -> Done<()>;
    /// Removes the file at `path`; a file that is not there is no failure.
    fn remove(&mut self, path: &str) -> Done<()>;
    /// Creates the folder `path`, whose parent exists; one that exists is no failure.
    fn create_folder(&mut self, path: &str) -> Done<()>;
    /// Removes the folder `path` if it is empty; `false` when it is not (or not there).
    fn remove_folder(&mut self, path: &str) -> Done<bool>;
    /// Drops the connection and makes a new one (after a transient failure).
    fn reconnect(&mut self) -> Done<()>;
}

/// How to log in to a server.
#[derive(Clone)]
pub struct Login {
    /// The password, or the passphrase of the key (SFTP).
    pub password: Option<String>,
    /// FTPS: the SHA-256 fingerprint of a certificate to trust although no authority vouches
    /// for it (a host's self-signed certificate).
    pub certificate: Option<String>,
    /// SFTP: the known-hosts file (default `~/.ssh/known_hosts`).
    pub known_hosts: Option<std::path::PathBuf>,
    /// SFTP: the private key (default: the first of `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa`).
    pub key: Option<std::path::PathBuf>,
}
