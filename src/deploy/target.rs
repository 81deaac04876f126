//! Where a deploy goes: an FTP, FTPS or SFTP address, or a folder (a USB stick, a network
//! share). Parsed once; shown everywhere without a password, since a target never holds one.

use crate::diagnostics::DeployFault;
use crate::messages::Text;
use std::fmt;
use std::path::PathBuf;

/// The protocol of a server target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Plain FTP (the password crosses the network readable: hosts that offer FTPS should be
    /// reached with it).
    Ftp,
    /// FTP with explicit TLS (`AUTH TLS`), the certificate checked.
    Ftps,
    /// SFTP over SSH, the host key checked against the known hosts.
    Sftp,
}

impl Protocol {
    fn scheme(self) -> &'static str {
        match self {
            Protocol::Ftp => "ftp",
            Protocol::Ftps => "ftps",
            Protocol::Sftp => "sftp",
        }
    }
}

/// An account on a server and the folder the site goes into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// How to talk to it.
    pub protocol: Protocol,
    /// The account's user name (cPanel's are often `user@school.example`).
    pub user: String,
    /// The host name or address.
    pub host: String,
    /// The port (21 for FTP and FTPS, 22 for SFTP unless given).
    pub port: u16,
    /// The folder, relative to the folder the account logs in to (`public_html/praktiki`),
    /// `/`-separated, without leading or trailing `/`; empty for the login folder itself. An
    /// absolute folder on the server is written with two slashes (`sftp://u@h//var/www/`) and
    /// keeps its leading `/`.
    pub folder: String,
}

impl Server {
    /// `user@host`, for messages and the netrc lookup.
    pub fn account(&self) -> String {
        format!("{}@{}", self.user, self.host)
    }
}

/// Where a deploy goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A server reached over the network.
    Server(Server),
    /// A folder of this computer, or one mounted on it.
    Folder(PathBuf),
}

impl Target {
    /// Reads a target as written on the command line or in `site.yaml`.
    pub fn parse(text: &str) -> Result<Target, DeployFault> {
        let text = text.trim();
        let Some((scheme, rest)) = text.split_once("://") else {
            return match text.is_empty() {
                true => Err(DeployFault::NoTarget),
                false => Ok(Target::Folder(PathBuf::from(text))),
            };
        };
        let bad = |reason: Text| DeployFault::BadTarget {
            target: scheme_and_host(scheme, rest),
            reason,
        };
        let protocol = match scheme.to_ascii_lowercase().as_str() {
            "ftp" => Protocol::Ftp,
            "ftps" => Protocol::Ftps,
            "sftp" => Protocol::Sftp,
            _ => return Err(bad(Text::new("deploy-target-scheme"))),
        };
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let Some((userinfo, hostport)) = authority.rsplit_once('@') else {
            return Err(bad(
                Text::new("deploy-target-no-user").arg("host", authority)
            ));
        };
        if userinfo.contains(':') {
            return Err(DeployFault::PasswordInTarget);
        }
        let user = percent_decode(userinfo);
        let (host, port) =
            split_port(hostport).ok_or_else(|| bad(Text::new("deploy-target-port")))?;
        if host.is_empty() || user.is_empty() {
            return Err(bad(Text::new("deploy-target-no-host")));
        }
        let port = port.unwrap_or(match protocol {
            Protocol::Sftp => 22,
            _ => 21,
        });
        let absolute = path.starts_with('/');
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect();
        let folder = match absolute {
            true => format!("/{}", segments.join("/")),
            false => segments.join("/"),
        };
        Ok(Target::Server(Server {
            protocol,
            user,
            host: host.to_string(),
            port,
            folder,
        }))
    }
}

/// `scheme://host/…` of a target that did not parse, without the part before `@` (which may
/// hold a password).
fn scheme_and_host(scheme: &str, rest: &str) -> String {
    let rest = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
    format!("{scheme}://{rest}")
}

/// `host[:port]` or `[v6]:port`; `None` for a port that is not a number from 1 to 65535.
fn split_port(hostport: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = match hostport.strip_prefix('[') {
        Some(v6) => {
            let (host, after) = v6.split_once(']')?;
            (host, after.strip_prefix(':'))
        }
        None => match hostport.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (hostport, None),
        },
    };
    match port {
        None => Some((host, None)),
        Some(port) => port
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .map(|p| (host, Some(p))),
    }
}

/// `%40` → `@`: user names with `@` and folders with spaces are written escaped in addresses.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Folder(path) => write!(f, "{}", path.display()),
            Target::Server(s) => {
                let user = s.user.replace('%', "%25").replace('@', "%40");
                let host = match s.host.contains(':') {
                    true => format!("[{}]", s.host),
                    false => s.host.clone(),
                };
                let slash = if s.folder.is_empty() { "" } else { "/" };
                write!(
                    f,
                    "{}://{user}@{host}:{}/{}{slash}",
                    s.protocol.scheme(),
                    s.port,
                    s.folder
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(text: &str) -> Server {
        match Target::parse(text) {
            Ok(Target::Server(s)) => s,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn addresses_read_as_users_write_them() {
        let s = server("ftp://user%40school.bg@ftp.school.bg/public_html/praktiki/");
        assert_eq!(
            (
                s.protocol,
                s.user.as_str(),
                s.host.as_str(),
                s.port,
                s.folder.as_str()
            ),
            (
                Protocol::Ftp,
                "user@school.bg",
                "ftp.school.bg",
                21,
                "public_html/praktiki"
            )
        );
        // An unescaped @ in the user name: the host is after the last one.
        assert_eq!(server("ftps://a@b.bg@h:2121").user, "a@b.bg");
        assert_eq!(server("ftps://a@b.bg@h:2121").port, 2121);
        let s = server("sftp://web@[::1]:2222//var/www/site");
        assert_eq!(
            (s.host.as_str(), s.port, s.folder.as_str()),
            ("::1", 2222, "/var/www/site")
        );
        assert_eq!(server("SFTP://u@h/").folder, "");
        assert_eq!(server("sftp://u@h").port, 22);
        assert_eq!(
            server("ftp://u@h/%D0%BF%D1%80%D0%B0%D0%BA%D1%82%D0%B8%D0%BA%D0%B8/").folder,
            "практики"
        );
        assert_eq!(
            Target::parse("/media/usb/site").unwrap(),
            Target::Folder(PathBuf::from("/media/usb/site"))
        );
        assert_eq!(
            Target::Server(server("ftp://a@b.bg@h/x y/")).to_string(),
            "ftp://a%40b.bg@h:21/x y/"
        );
    }

    #[test]
    fn a_password_or_a_bad_address_is_refused_without_repeating_the_password() {
        assert_eq!(
            Target::parse("ftp://user:secret@h/"),
            Err(DeployFault::PasswordInTarget)
        );
        for bad in [
            "http://u@h/",
            "ftp://h/",
            "ftp://u@h:99999/",
            "ftp://u@h:x/",
            "ftp://u@/",
        ] {
            match Target::parse(bad) {
                Err(DeployFault::BadTarget { .. }) => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        let Err(DeployFault::BadTarget { target, .. }) = Target::parse("gopher://u:pw@h/") else {
            panic!()
        };
        assert_eq!(target, "gopher://h/");
        assert_eq!(Target::parse("  "), Err(DeployFault::NoTarget));
    }
}
