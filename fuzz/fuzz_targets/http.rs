//! The serve request path: a request line's method and target, `If-None-Match`, `Host` and
//! `Origin`, answered from a small site. Nothing outside the site is ever named, and a
//! redirect never leads to another host.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spodeli::serve::http::{Snapshot, host_allowed, origin_host, respond};
use std::sync::OnceLock;

fn site() -> &'static Snapshot {
    static SITE: OnceLock<Snapshot> = OnceLock::new();
    SITE.get_or_init(|| {
        let mut s = Snapshot::default();
        s.insert("index.html".into(), b"<p>home</p>".to_vec());
        s.insert("bg/practices/index.html".into(), b"<p>list</p>".to_vec());
        s.insert("404.html".into(), b"<p>missing</p>".to_vec());
        s
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut parts = text.splitn(5, '\n');
    let method = parts.next().unwrap_or("GET");
    let target = parts.next().unwrap_or("/");
    let etag = parts.next();
    let host = parts.next().unwrap_or("");
    let origin = parts.next().unwrap_or("");
    for base in ["/", "/praktiki/"] {
        let reply = respond(site(), base, method, target, etag);
        if let Some(location) = reply.header("Location") {
            assert!(location.starts_with(base), "{location}");
            assert!(!location.starts_with("//"), "{location}");
        }
    }
    let _ = host_allowed(host, 1111);
    let _ = origin_host(origin).map(|h| host_allowed(h, 1111));
});
