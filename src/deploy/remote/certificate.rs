//! How an FTPS server's certificate is trusted: by the authorities this computer trusts, or, for
//! a host with a self-signed certificate, by the one certificate the site names by its SHA-256
//! fingerprint. Never "accept anything": a certificate that fails both is refused, and its
//! fingerprint is kept so that the message can show it for the webmaster to compare with what
//! the hosting company says.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::sync::{Arc, Mutex};

/// A fingerprint as hosts and `openssl x509 -fingerprint -sha256` show it: `AB:CD:…`.
pub(super) fn fingerprint(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    let hex: Vec<String> = digest.as_ref().iter().map(|b| format!("{b:02X}")).collect();
    hex.join(":")
}

/// Reads a fingerprint written as `AB:CD:…`, `abcd…` or `sha256:…`.
pub fn parse_fingerprint(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    let text = text
        .strip_prefix("sha256:")
        .or_else(|| text.strip_prefix("SHA256:"))
        .unwrap_or(text);
    let hex: String = text.chars().filter(|c| !matches!(c, ':' | ' ')).collect();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The TLS settings of an FTPS connection, and where the fingerprint of a refused certificate
/// is left.
pub(super) fn client_config(pinned: Option<[u8; 32]>) -> (rustls::ClientConfig, Refused) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let authorities = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .ok();
    let refused = Refused::default();
    let verifier = Verifier {
        authorities,
        pinned,
        refused: refused.clone(),
        provider: provider.clone(),
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    (config, refused)
}

/// The fingerprint of the last certificate refused, and why.
#[derive(Debug, Clone, Default)]
pub(super) struct Refused(Arc<Mutex<Option<(String, String)>>>);

impl Refused {
    /// The fingerprint and reason, if a certificate was refused.
    pub(super) fn take(&self) -> Option<(String, String)> {
        self.0.lock().ok()?.take()
    }
}

#[derive(Debug)]
struct Verifier {
    authorities: Option<Arc<rustls::client::WebPkiServerVerifier>>,
    pinned: Option<[u8; 32]>,
    refused: Refused,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest = ring::digest::digest(&ring::digest::SHA256, end_entity.as_ref());
        if self.pinned.is_some_and(|p| p.as_slice() == digest.as_ref()) {
            return Ok(ServerCertVerified::assertion());
        }
        let verdict = match &self.authorities {
            Some(a) => a.verify_server_cert(end_entity, intermediates, server_name, ocsp, now),
            None => Err(rustls::Error::General(
                "this computer trusts no certificate authority".into(),
            )),
        };
        if let Err(e) = &verdict {
            let reason = match self.pinned {
                Some(_) => format!("{e}; it is not the certificate site.yaml names either"),
                None => e.to_string(),
            };
            if let Ok(mut refused) = self.refused.0.lock() {
                *refused = Some((fingerprint(end_entity.as_ref()), reason));
            }
        }
        verdict
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_read_in_every_usual_spelling() {
        let shown = fingerprint(b"certificate");
        let bytes = parse_fingerprint(&shown).unwrap();
        assert_eq!(
            parse_fingerprint(&format!("sha256:{}", shown.to_lowercase())),
            Some(bytes)
        );
        assert_eq!(parse_fingerprint(&shown.replace(':', "")), Some(bytes));
        assert_eq!(parse_fingerprint("AB:CD"), None);
        assert_eq!(parse_fingerprint(&"zz".repeat(32)), None);
    }
}
