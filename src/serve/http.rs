//! Answering one HTTP request from the site built in memory: no file system access at all, so no
//! request can reach outside the site, whatever it encodes.

use std::collections::HashMap;
use std::sync::Arc;

/// The built site, path (`bg/index.html`) → content and its ETag.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    files: HashMap<String, (Arc<Vec<u8>>, String)>,
}

impl Snapshot {
    /// Adds a file.
    pub fn insert(&mut self, path: String, bytes: Vec<u8>) {
        let etag = format!("\"{:016x}\"", crate::fingerprint::of(&bytes));
        self.files.insert(path, (Arc::new(bytes), etag));
    }

    /// The files of a run so far, completed from the previous run's: the pages it kept (`pages`
    /// lists every page of the run), and, with `others`, the other files it has not made yet
    /// (feeds and search index), taken as they were. Contents are shared, not copied.
    pub fn completed<'a>(
        &self,
        previous: &Snapshot,
        pages: impl Iterator<Item = &'a str>,
        others: bool,
    ) -> Snapshot {
        let mut files = self.files.clone();
        for page in pages {
            if let (false, Some(file)) = (files.contains_key(page), previous.files.get(page)) {
                files.insert(page.to_string(), file.clone());
            }
        }
        if others {
            for (path, file) in &previous.files {
                if !path.ends_with(".html") && !files.contains_key(path) {
                    files.insert(path.clone(), file.clone());
                }
            }
        }
        Snapshot { files }
    }

    /// The paths of the files that differ from `other` (changed, added or removed).
    pub fn differences<'a>(&'a self, other: &'a Snapshot) -> Vec<&'a str> {
        let changed = self
            .files
            .iter()
            .filter(|(path, (_, etag))| other.files.get(*path).is_none_or(|(_, e)| e != etag))
            .map(|(path, _)| path.as_str());
        let removed = other
            .files
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .map(String::as_str);
        changed.chain(removed).collect()
    }

    /// The content of a file.
    pub fn get(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.files.get(path).map(|(b, _)| b)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// An answer: status, headers and body (empty for HEAD and 304).
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// Header names and values.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Arc<Vec<u8>>,
}

impl Reply {
    fn new(status: u16, headers: Vec<(&'static str, String)>, body: Arc<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers,
            body,
        }
    }

    /// The value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The Content-Type of a file, by its extension.
pub fn mime(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase()
        .as_str()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a request's `Host` (or an `Origin`'s host) names this server: `localhost` or an IP
/// address, with the port it listens on. A page of another site that makes the browser ask
/// 127.0.0.1 can get here, and with DNS rebinding under a name of its own (`evil.example`)
/// read the answers: such names, an empty host and other ports are refused.
pub fn host_allowed(host: &str, port: u16) -> bool {
    let (name, given) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, rest)) => (address, rest.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    let port_matches = given.map_or(port == 80, |p| p.parse() == Ok(port));
    let local = name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok();
    port_matches && local
}

/// The host part of an `Origin` header (`http://127.0.0.1:1111` → `127.0.0.1:1111`).
pub fn origin_host(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once("://")?;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// Answers `method url` from `site`, served under `base` (`/praktiki/`, the path of its
/// `base_url`; `url` is the part after it); `if_none_match` is the request's If-None-Match.
pub fn respond(
    site: &Snapshot,
    base: &str,
    method: &str,
    url: &str,
    if_none_match: Option<&str>,
) -> Reply {
    let text = |status: u16, message: &str| {
        Reply::new(
            status,
            vec![("Content-Type", "text/plain; charset=utf-8".into())],
            Arc::new(message.as_bytes().to_vec()),
        )
    };
    let head = method == "HEAD";
    if method != "GET" && !head {
        let mut reply = text(405, "405 method not allowed\n");
        reply.headers.push(("Allow", "GET, HEAD".into()));
        return reply;
    }
    let (raw_path, query) = url
        .split_once('?')
        .map_or((url, None), |(p, q)| (p, Some(q)));
    let Some(path) = percent_decode(raw_path).filter(|p| p.starts_with('/')) else {
        return text(400, "400 bad request\n");
    };
    let unsafe_segment = path
        .split('/')
        .any(|s| s == ".." || s == "." || s.contains(['\\', '\0']));
    if unsafe_segment {
        return text(400, "400 bad request: the path leaves the site\n");
    }
    let relative = path.trim_start_matches('/');
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    let mut reply = match site.files.get(&file) {
        Some((bytes, etag)) => {
            let headers = vec![
                ("Content-Type", mime(&file).into()),
                ("ETag", etag.clone()),
                ("Cache-Control", "no-cache".into()),
            ];
            if if_none_match
                .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
            {
                Reply::new(304, headers, Arc::default())
            } else {
                Reply::new(200, headers, bytes.clone())
            }
        }
        None if site.files.contains_key(&format!("{relative}/index.html")) => {
            // Under the site's base path, and never `//name/`, which a browser reads as
            // another host.
            let location = format!(
                "{}/{}/{}",
                base.trim_end_matches('/'),
                raw_path.trim_start_matches('/'),
                query.map(|q| format!("?{q}")).unwrap_or_default()
            );
            Reply::new(301, vec![("Location", location)], Arc::default())
        }
        None => {
            let body = site
                .get("404.html")
                .cloned()
                .unwrap_or_else(|| Arc::new(b"404 not found\n".to_vec()));
            Reply::new(
                404,
                vec![("Content-Type", "text/html; charset=utf-8".into())],
                body,
            )
        }
    };
    reply
        .headers
        .push(("Content-Length", reply.body.len().to_string()));
    if head {
        reply.body = Arc::default();
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Snapshot {
        let mut s = Snapshot::default();
        s.insert("index.html".into(), b"<p>choose</p>".to_vec());
        s.insert("bg/practices/index.html".into(), b"<p>list</p>".to_vec());
        s.insert("style.css".into(), b"body{}".to_vec());
        s.insert("404.html".into(), b"<p>missing</p>".to_vec());
        s
    }

    #[test]
    fn serves_files_with_their_types_and_index_files_for_folders() {
        let s = site();
        let r = respond(&s, "/", "GET", "/", None);
        assert_eq!((r.status, r.body.as_slice()), (200, &b"<p>choose</p>"[..]));
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(
            respond(&s, "/", "GET", "/style.css", None).header("Content-Type"),
            Some("text/css; charset=utf-8")
        );
        assert_eq!(
            respond(&s, "/", "GET", "/bg/practices/?q=x", None).status,
            200
        );
        for (file, kind) in [
            ("a.webp", "image/webp"),
            ("a.woff2", "font/woff2"),
            ("a.PDF", "application/pdf"),
            ("a.epub", "application/epub+zip"),
            ("a.json", "application/json"),
        ] {
            assert_eq!(mime(file), kind);
        }
    }

    #[test]
    fn redirects_folders_without_a_slash() {
        let r = respond(&site(), "/", "GET", "/bg/practices?q=1", None);
        assert_eq!(
            (r.status, r.header("Location")),
            (301, Some("/bg/practices/?q=1"))
        );
        // Under a sub-path the redirect keeps it; doubled slashes never make `//host/`.
        let r = respond(&site(), "/heldout/", "GET", "/bg/practices", None);
        assert_eq!(r.header("Location"), Some("/heldout/bg/practices/"));
        let r = respond(&site(), "/", "GET", "//bg/practices", None);
        assert_eq!(r.header("Location"), Some("/bg/practices/"));
    }

    #[test]
    fn only_this_servers_own_host_names_are_answered() {
        for (host, ok) in [
            ("127.0.0.1:1111", true),
            ("localhost:1111", true),
            ("LOCALHOST:1111", true),
            ("[::1]:1111", true),
            ("192.168.1.5:1111", true),
            ("127.0.0.1:2222", false),
            ("127.0.0.1", false),
            ("evil.example:1111", false),
            ("evil.example", false),
            ("", false),
            ("[::1", false),
            ("localhost.evil.example:1111", false),
        ] {
            assert_eq!(host_allowed(host, 1111), ok, "{host}");
        }
        assert_eq!(origin_host("http://evil.example"), Some("evil.example"));
        assert_eq!(origin_host("http://127.0.0.1:1111"), Some("127.0.0.1:1111"));
    }

    #[test]
    fn answers_missing_pages_with_the_sites_404() {
        let r = respond(&site(), "/", "GET", "/nope/", None);
        assert_eq!((r.status, r.body.as_slice()), (404, &b"<p>missing</p>"[..]));
    }

    #[test]
    fn head_and_etags() {
        let s = site();
        let r = respond(&s, "/", "HEAD", "/style.css", None);
        assert_eq!(
            (r.status, r.body.len(), r.header("Content-Length")),
            (200, 0, Some("6"))
        );
        let etag = r.header("ETag").unwrap().to_string();
        let r = respond(&s, "/", "GET", "/style.css", Some(&etag));
        assert_eq!((r.status, r.body.len()), (304, 0));
        assert_eq!(
            respond(&s, "/", "GET", "/style.css", Some("\"other\"")).status,
            200
        );
        assert_eq!(respond(&s, "/", "POST", "/", None).status, 405);
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let s = site();
        for url in [
            "/../etc/passwd",
            "/bg/%2e%2e/%2E%2E/etc/passwd",
            "/bg/..%2f..%2fetc",
            "//etc/passwd/..",
            "http://x/../",
            "/a%5c..%5cb",
            "/%ff",
            "/a%2",
        ] {
            let r = respond(&s, "/", "GET", url, None);
            assert!(r.status == 400 || r.status == 404, "{url}: {}", r.status);
            assert_ne!(r.body.as_slice(), b"<p>choose</p>", "{url}");
        }
    }
}
