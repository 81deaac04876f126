//! The target folder as a deploy sees it: a handful of file operations that FTP, FTPS, SFTP and
//! a local folder all offer, with failures sorted into what retrying may cure and what it will
//! not. Paths are relative to the target folder, `/`-separated.

mod certificate;
mod folder;
mod ftp;
mod sftp;

pub use certificate::parse_fingerprint;

use super::target::Target;
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

/// Connects to `target` and makes sure its folder exists.
pub fn connect(target: &Target, login: &Login) -> Done<Box<dyn Remote>> {
    Ok(match target {
        Target::Folder(path) => Box::new(folder::Folder::open(path)?),
        Target::Server(server) => match server.protocol {
            super::target::Protocol::Sftp => Box::new(sftp::Sftp::connect(server, login)?),
            _ => Box::new(ftp::Ftp::connect(server, login)?),
        },
    })
}

/// The connection failure of a host: not found, or not answering.
fn unreachable(host: &str, port: u16, error: &std::io::Error) -> Fault {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::ConnectionRefused
        | ErrorKind::TimedOut
        | ErrorKind::HostUnreachable
        | ErrorKind::NetworkUnreachable => Fault::Fatal(DeployFault::Unreachable {
            host: format!("{host}:{port}"),
            detail: error.to_string(),
        }),
        _ => Fault::Transient(error.to_string()),
    }
}

/// Resolves and connects to `host:port` within a timeout.
fn dial(host: &str, port: u16) -> Done<std::net::TcpStream> {
    use std::net::ToSocketAddrs;
    let addresses: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|_| {
            Fault::Fatal(DeployFault::HostNotFound {
                host: host.to_string(),
            })
        })?
        .collect();
    let mut last = None;
    for address in &addresses {
        match std::net::TcpStream::connect_timeout(address, TIMEOUT) {
            Ok(stream) => {
                let _ = stream.set_read_timeout(Some(TIMEOUT));
                let _ = stream.set_write_timeout(Some(TIMEOUT));
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(e) => last = Some(e),
        }
    }
    match last {
        Some(e) => Err(unreachable(host, port, &e)),
        None => Err(Fault::Fatal(DeployFault::HostNotFound {
            host: host.to_string(),
        })),
    }
}

/// How long a connection may stay silent before it counts as dropped.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
