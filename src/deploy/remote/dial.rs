//! Reaching a server: the host name resolved, a connection made within a timeout, and its
//! failures told apart (a name that does not resolve, a host that refuses or does not answer).

use super::operations::{Done, Fault};
use crate::diagnostics::DeployFault;

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
pub(super) fn dial(host: &str, port: u16) -> Done<std::net::TcpStream> {
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
pub(super) const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
