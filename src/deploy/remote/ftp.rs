//! FTP and FTPS (explicit TLS) targets, with suppaftp. Every file goes in binary mode; the
//! connection uses passive mode with the control connection's address (hosts behind NAT
//! announce a private one).

use super::certificate::{self, Refused};
use super::dial::{TIMEOUT, dial};
use super::operations::{Done, Fault, Kind, Login, Remote};
use crate::deploy::target::{Protocol, Server};
use crate::diagnostics::DeployFault;
use suppaftp::types::FileType;
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream};

/// A logged-in FTP connection whose current folder is the target folder.
pub(super) struct Ftp {
    server: Server,
    login: Login,
    stream: Option<RustlsFtpStream>,
    /// The target folder's absolute path on the server, to come back to after probing.
    base: String,
    refused: Refused,
}

impl Ftp {
    /// Connects, logs in and enters the target folder (creating it if missing).
    pub(super) fn connect(server: &Server, login: &Login) -> Done<Ftp> {
        let mut ftp = Ftp {
            server: server.clone(),
            login: login.clone(),
            stream: None,
            base: String::new(),
            refused: Refused::default(),
        };
        ftp.reconnect()?;
        Ok(ftp)
    }

    fn open(&mut self) -> Done<RustlsFtpStream> {
        let tcp = dial(&self.server.host, self.server.port)?;
        let mut ftp = RustlsFtpStream::connect_with_stream(tcp)
            .map_err(|e| self.fault("", e))?
            .passive_stream_builder(|address| {
                let stream = std::net::TcpStream::connect_timeout(&address, TIMEOUT)
                    .map_err(FtpError::ConnectionError)?;
                let _ = stream.set_read_timeout(Some(TIMEOUT));
                let _ = stream.set_write_timeout(Some(TIMEOUT));
                Ok(stream)
            });
        ftp.set_passive_nat_workaround(true);
        if self.server.protocol == Protocol::Ftps {
            let pinned = self
                .login
                .certificate
                .as_deref()
                .and_then(certificate::parse_fingerprint);
            let (config, refused) = certificate::client_config(pinned);
            self.refused = refused;
            let connector = RustlsConnector::from(std::sync::Arc::new(config));
            ftp = ftp
                .into_secure(connector, &self.server.host)
                .map_err(|e| self.fault("", e))?;
        }
        let password = self.login.password.clone().unwrap_or_default();
        ftp.login(self.server.user.as_str(), password.as_str())
            .map_err(|e| match code(&e) {
                Some(530 | 331 | 332) => Fault::Fatal(DeployFault::Login {
                    account: self.server.account(),
                }),
                _ => self.fault("", e),
            })?;
        ftp.transfer_type(FileType::Binary)
            .map_err(|e| self.fault("", e))?;
        // Servers on Windows read names in a legacy code page unless told (others ignore it).
        let _ = ftp.opts("UTF8", Some("ON"));
        self.enter_folder(&mut ftp)?;
        Ok(ftp)
    }

    /// Enters the target folder, creating the folders on the way that are missing.
    fn enter_folder(&mut self, ftp: &mut RustlsFtpStream) -> Done<()> {
        let folder = self.server.folder.clone();
        if folder.starts_with('/') {
            ftp.cwd("/").map_err(|e| self.fault("/", e))?;
        }
        for segment in folder.split('/').filter(|s| !s.is_empty()) {
            if ftp.cwd(segment).is_err() {
                ftp.mkdir(segment).map_err(|e| self.fault(&folder, e))?;
                ftp.cwd(segment).map_err(|e| self.fault(&folder, e))?;
            }
        }
        self.base = ftp.pwd().map_err(|e| self.fault(&folder, e))?;
        Ok(())
    }

    fn stream(&mut self) -> Done<&mut RustlsFtpStream> {
        self.stream
            .as_mut()
            .ok_or_else(|| Fault::Transient("not connected".into()))
    }

    /// A failure sorted by the server's reply code: 530 the login, 550 and 553 a refusal, 452 and
    /// 552 a full disk, 4xx and dropped connections transient.
    fn fault(&self, path: &str, error: FtpError) -> Fault {
        let detail = match &error {
            FtpError::UnexpectedResponse(r) => String::from_utf8_lossy(&r.body).trim().to_string(),
            other => other.to_string(),
        };
        // The handshake runs on the first read or write, so a refused certificate may come
        // back as any kind of error.
        if let Some((fingerprint, reason)) = self.refused.take() {
            return Fault::Fatal(DeployFault::Certificate {
                host: self.server.host.clone(),
                fingerprint,
                detail: reason,
            });
        }
        match code(&error) {
            Some(530) => Fault::Fatal(DeployFault::Login {
                account: self.server.account(),
            }),
            Some(550 | 553 | 532) => Fault::Fatal(DeployFault::Permission {
                path: path.to_string(),
                detail,
            }),
            Some(452 | 552) => Fault::Fatal(DeployFault::DiskFull { detail }),
            Some(c) if (400..500).contains(&c) => Fault::Transient(detail),
            Some(_) => Fault::Fatal(DeployFault::Failed {
                doing: crate::messages::Text::new("deploy-doing-talk").arg("path", path),
                detail,
            }),
            None => match error {
                FtpError::SecureError(_) => Fault::Fatal(DeployFault::Failed {
                    doing: crate::messages::Text::new("deploy-doing-tls"),
                    detail,
                }),
                _ => Fault::Transient(detail),
            },
        }
    }

    /// An absolute path on the server for `path` under the target folder.
    fn absolute(&self, path: &str) -> String {
        format!("{}/{path}", self.base.trim_end_matches('/'))
    }
}

/// The reply code of a refused command.
fn code(error: &FtpError) -> Option<u32> {
    match error {
        FtpError::UnexpectedResponse(r) => Some(r.status.code()),
        _ => None,
    }
}

impl Remote for Ftp {
    fn probe(&mut self, path: &str) -> Done<Option<Kind>> {
        let (folder, base) = (self.absolute(path), self.base.clone());
        let ftp = self.stream()?;
        match ftp.size(path) {
            Ok(_) => return Ok(Some(Kind::File)),
            Err(FtpError::UnexpectedResponse(_)) => {}
            Err(e) => return Err(self.fault(path, e)),
        }
        let ftp = self.stream()?;
        match ftp.cwd(&folder) {
            Ok(()) => {
                ftp.cwd(&base).map_err(|e| self.fault(path, e))?;
                Ok(Some(Kind::Folder))
            }
            Err(FtpError::UnexpectedResponse(_)) => Ok(None),
            Err(e) => Err(self.fault(path, e)),
        }
    }

    fn read(&mut self, path: &str) -> Done<Option<Vec<u8>>> {
        match self.stream()?.retr_as_buffer(path) {
            Ok(cursor) => Ok(Some(cursor.into_inner())),
            Err(FtpError::UnexpectedResponse(r)) if r.status.code() == 550 => Ok(None),
            Err(e) => Err(self.fault(path, e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Done<()> {
        let result = self.stream()?.put_file(path, &mut &bytes[..]);
        result.map(|_| ()).map_err(|e| self.fault(path, e))
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Done<()> {
        let result = self.stream()?.append_file(path, &mut &bytes[..]);
        result.map(|_| ()).map_err(|e| self.fault(path, e))
    }

    fn rename(&mut self, from: &str, to: &str) -> Done<()> {
        match self.stream()?.rename(from, to) {
            Ok(()) => Ok(()),
            // Servers on Windows refuse to rename onto an existing file.
            Err(FtpError::UnexpectedResponse(_)) if self.probe(to)? == Some(Kind::File) => {
                self.remove(to)?;
                let result = self.stream()?.rename(from, to);
                result.map_err(|e| self.fault(to, e))
            }
            Err(e) => Err(self.fault(to, e)),
        }
    }

    fn remove(&mut self, path: &str) -> Done<()> {
        match self.stream()?.rm(path) {
            Ok(()) => Ok(()),
            Err(e @ FtpError::UnexpectedResponse(_)) => match self.probe(path)? {
                None => Ok(()),
                Some(_) => Err(self.fault(path, e)),
            },
            Err(e) => Err(self.fault(path, e)),
        }
    }

    fn create_folder(&mut self, path: &str) -> Done<()> {
        match self.stream()?.mkdir(path) {
            Ok(()) => Ok(()),
            Err(e @ FtpError::UnexpectedResponse(_)) => match self.probe(path)? {
                Some(Kind::Folder) => Ok(()),
                _ => Err(self.fault(path, e)),
            },
            Err(e) => Err(self.fault(path, e)),
        }
    }

    fn remove_folder(&mut self, path: &str) -> Done<bool> {
        match self.stream()?.rmdir(path) {
            Ok(()) => Ok(true),
            Err(FtpError::UnexpectedResponse(_)) => Ok(false),
            Err(e) => Err(self.fault(path, e)),
        }
    }

    fn reconnect(&mut self) -> Done<()> {
        if let Some(mut old) = self.stream.take() {
            let _ = old.quit();
        }
        let stream = self.open()?;
        self.stream = Some(stream);
        Ok(())
    }
}
