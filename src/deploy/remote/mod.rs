//! The target folder as a deploy sees it: [`operations`] (what every target offers), one module
//! per kind of target ([`folder`], `ftp` with its [`certificate`] check, `sftp`), and
//! [`connect`], which picks one.

pub mod certificate;
mod dial;
mod folder;
mod ftp;
pub mod operations;
mod sftp;

use super::target::Target;
use operations::{Done, Login, Remote};

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
