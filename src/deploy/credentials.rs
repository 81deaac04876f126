//! Where a deploy's password comes from — never from `site.yaml` or the target address, which
//! are shared, kept in version control and shown in messages: the environment variable
//! `SPODELI_DEPLOY_PASSWORD`, a netrc file outside the site (`$NETRC`, else `~/.netrc`, or
//! `~/_netrc` on Windows), or a question on the terminal that does not echo.

use super::target::Server;
use crate::diagnostics::DeployFault;
use crate::messages::Text;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable read first.
pub const VARIABLE: &str = "SPODELI_DEPLOY_PASSWORD";

/// The password for `server`'s account from the environment or a netrc file, without asking.
pub fn known(server: &Server) -> Option<String> {
    std::env::var(VARIABLE).ok().or_else(|| {
        netrc_file()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| from_netrc(&text, &server.host, &server.user))
    })
}

/// The password for `server`'s account: [`known`], else asked for on the terminal.
pub fn password(server: &Server) -> Result<String, DeployFault> {
    if let Some(password) = known(server) {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        let prompt = Text::new("deploy-password-prompt").arg("account", server.account());
        if let Ok(password) = rpassword::prompt_password(format!("{prompt} ")) {
            return Ok(password);
        }
    }
    Err(DeployFault::NoPassword {
        account: server.account(),
    })
}

fn netrc_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NETRC") {
        return Some(PathBuf::from(path));
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let name = if cfg!(windows) { "_netrc" } else { ".netrc" };
    Some(Path::new(&home).join(name))
}

/// The password of `login` at `host` in a netrc file's text: the entry of that machine with
/// that login (or without one), else the `default` entry.
fn from_netrc(text: &str, host: &str, login: &str) -> Option<String> {
    let mut tokens = text.split_whitespace();
    let mut entries: Vec<(Option<String>, Option<String>, Option<String>)> = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            "machine" => entries.push((Some(tokens.next()?.to_string()), None, None)),
            "default" => entries.push((None, None, None)),
            "login" => entries.last_mut()?.1 = tokens.next().map(String::from),
            "password" => entries.last_mut()?.2 = tokens.next().map(String::from),
            "account" => {
                tokens.next();
            }
            // A macro runs to the first empty line; spodeli has no use for one.
            "macdef" => break,
            _ => {}
        }
    }
    let fits = |entry: &&(Option<String>, Option<String>, Option<String>)| {
        entry.1.as_deref().is_none_or(|l| l == login) && entry.2.is_some()
    };
    let machine = entries
        .iter()
        .filter(|e| e.0.as_deref() == Some(host))
        .find(fits);
    let default = || entries.iter().filter(|e| e.0.is_none()).find(fits);
    machine.or_else(default).and_then(|e| e.2.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_netrc_entry_is_found_by_host_and_login() {
        let text = "machine ftp.a.bg login web password one\n\
                    machine ftp.b.bg\n  login other\n  password two\n\
                    machine ftp.b.bg login web password three\n\
                    default login web password four\n";
        assert_eq!(from_netrc(text, "ftp.a.bg", "web").as_deref(), Some("one"));
        assert_eq!(
            from_netrc(text, "ftp.b.bg", "web").as_deref(),
            Some("three")
        );
        assert_eq!(from_netrc(text, "ftp.c.bg", "web").as_deref(), Some("four"));
        assert_eq!(from_netrc(text, "ftp.c.bg", "nobody"), None);
        assert_eq!(from_netrc("machine", "h", "u"), None);
    }
}
