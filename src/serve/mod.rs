//! `spodeli serve`: builds the site into memory, serves it on 127.0.0.1, watches every input and
//! rebuilds on change, telling open pages to reload (Server-Sent Events on the same port). A
//! broken change keeps the last good build on screen with an overlay naming the problems.
//!
//! [`http`] decides what a request gets from the site in memory; `net` carries requests and
//! answers over connections with bounded resources; this module builds, watches and tells.

pub mod http;
mod net;

use crate::build;
use crate::diagnostics::Diagnostic;
use crate::messages::Text;
use crate::site::Options;
use bytes::Bytes;
use http::{Snapshot, respond};
use net::Answer;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// The script injected into served pages, and the address it and its events live at.
const LIVE_JS: &str = include_str!("live.js");
const LIVE_PREFIX: &str = "/__spodeli/";

/// Pages that may listen for changes at once; more get 503 (their script tries again later).
const MAX_STREAMS: usize = 64;

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; loopback unless the user says otherwise.
    pub bind: String,
    /// Port to try first (0: any free port).
    pub port: u16,
    /// Build drafts too.
    pub drafts: bool,
    /// Open the site in the default browser.
    pub open: bool,
}

/// The state the HTTP workers and the watcher share.
struct Live {
    /// The path of the site's `base_url` (`/praktiki/`): the site is served under it, as it
    /// will be published.
    prefix: String,
    /// The port it listens on: requests must name it in their `Host`.
    port: u16,
    site: RwLock<Arc<Snapshot>>,
    listeners: Mutex<Vec<UnboundedSender<String>>>,
    /// How many times open pages were told to reload or to swap stylesheets: a page coming
    /// back to the foreground, whose stream was closed meanwhile, reloads if it changed.
    version: std::sync::atomic::AtomicU64,
    /// The problems event of the change that could not be built, until a build succeeds: a page
    /// opened meanwhile shows the overlay too, not only the pages open when it was saved.
    problems: Mutex<Option<String>>,
}

impl Live {
    /// Tells every open page `event` with `data`; a reload or a stylesheet swap carries the new
    /// count of changes instead.
    fn broadcast(&self, event: &str, data: &str) {
        let version = || {
            (self
                .version
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                + 1)
            .to_string()
        };
        let data = match event {
            "problems" => data.to_string(),
            // The pages that changed, and the new count of changes.
            "pages" => serde_json::json!({ "version": version(), "pages": data }).to_string(),
            _ => version(),
        };
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        *problems = (event == "problems").then(|| message.clone());
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|l| l.send(message.clone()).is_ok());
    }

    /// What open pages are told of a rebuild that changed `files`: to reload (all of them, or
    /// with `only_those` the pages among `files`), to swap stylesheets if only those changed, or
    /// nothing. A site `broken` before reloads whatever changed.
    fn news(
        &self,
        files: &[&str],
        broken: bool,
        only_those: bool,
    ) -> Option<(&'static str, String)> {
        match (files.is_empty(), only_those) {
            (true, _) if !broken => None,
            (false, true) => Some(("pages", self.addresses(files))),
            _ if !broken && files.iter().all(|p| p.ends_with(".css")) => Some(("css", "{}".into())),
            _ => Some(("reload", "{}".into())),
        }
    }

    /// The addresses under which the pages among `files` are served (`a/index.html` is also
    /// `a/`), one per line.
    fn addresses(&self, files: &[&str]) -> String {
        let mut addresses = Vec::new();
        for file in files.iter().filter(|f| f.ends_with(".html")) {
            addresses.push(format!("{}{file}", self.prefix));
            if let Some(folder) = file.strip_suffix("index.html") {
                addresses.push(format!("{}{folder}", self.prefix));
            }
        }
        addresses.join("\n")
    }

    /// Tells open pages about `problems` (an overlay in the user's language).
    fn broadcast_problems(&self, problems: &[Diagnostic]) {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let data = serde_json::json!({
            "title": Text::new("serve-overlay-title").to_string(),
            "problems": lines,
        });
        self.broadcast("problems", &data.to_string());
    }

    /// A new page's event stream: it hears of problems still standing at once. `None` when
    /// [`MAX_STREAMS`] pages listen already.
    fn listen(&self) -> Option<UnboundedReceiver<String>> {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|l| !l.is_closed());
        if listeners.len() >= MAX_STREAMS {
            return None;
        }
        let (sender, receiver) = unbounded_channel();
        let version = self.version.load(std::sync::atomic::Ordering::Relaxed);
        let _ = sender.send(format!("event: hello\ndata: {version}\n\n"));
        let problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(message) = problems.as_ref() {
            let _ = sender.send(message.clone());
        }
        listeners.push(sender);
        Some(receiver)
    }
}

/// Builds the site at `root` into memory, with the live-reload script in every page. Pages the
/// memory says are unchanged are taken from `previous` (the last good build). Once the pages
/// are ready, `pages_ready` gets the site with them and the previous feeds and search index,
/// to show while those are made.
fn build_snapshot(
    root: &Path,
    options: &Options,
    memory: &mut build::Memory,
    previous: &Snapshot,
    pages_ready: &(dyn Fn(Snapshot) + Sync),
) -> Result<Snapshot, Vec<Diagnostic>> {
    let snapshot = Mutex::new(Snapshot::default());
    let sink = |path: &str, content: &crate::output::Content| {
        let mut bytes = content
            .read()
            .map_err(|e| {
                let reason = crate::messages::io_failed("io-reading", Path::new(path), &e);
                Diagnostic::global(crate::diagnostics::Problem::Io(reason))
            })?
            .into_owned();
        if path.ends_with(".html") {
            let tag = format!("<script src=\"{LIVE_PREFIX}live.js\"></script></body>");
            let html = String::from_utf8_lossy(&bytes);
            if let Some(at) = html.rfind("</body>") {
                bytes =
                    format!("{}{tag}{}", &html[..at], &html[at + "</body>".len()..]).into_bytes();
            }
        }
        snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes);
        Ok(())
    };
    let pages_done = |pages: &mut dyn Iterator<Item = &str>| {
        let sent = snapshot.lock().unwrap_or_else(|e| e.into_inner());
        pages_ready(sent.completed(previous, pages, true));
    };
    let (report, diagnostics) = build::run(root, options, &sink, Some(memory), Some(&pages_done));
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{d}");
    }
    if report.is_none() {
        return Err(diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect());
    }
    let sent = snapshot.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(sent.completed(previous, memory.pages(), false))
}

/// A file's bytes as the snapshot holds them, lent to a response.
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// A plain-text answer that ends its connection (a refusal should not hold a connection).
fn plain(status: u16, text: &str) -> Answer {
    let headers = vec![
        ("Content-Type", "text/plain; charset=utf-8".to_string()),
        ("Connection", "close".to_string()),
    ];
    Answer::Reply(status, headers, Bytes::from(text.to_string()))
}

impl net::Answers for Live {
    fn answer(&self, method: &str, url: &str, header: &dyn Fn(&str) -> Option<String>) -> Answer {
        // Only this server's own pages: its `Host`, and its `Origin` if there is one.
        let own = |host: &str| http::host_allowed(host, self.port);
        let host_ok = header("Host").is_some_and(|h| own(&h));
        let origin_ok = header("Origin").is_none_or(|o| http::origin_host(&o).is_some_and(own));
        if !(host_ok && origin_ok) {
            let text = Text::new("serve-foreign-host").arg("port", self.port.to_string());
            return plain(403, &format!("403 {text}\n"));
        }
        let get = method == "GET" || method == "HEAD";
        if url.starts_with(LIVE_PREFIX) && !get {
            return plain(405, "405 method not allowed\n");
        }
        if url == format!("{LIVE_PREFIX}events") {
            return match self.listen() {
                Some(events) => Answer::Events(events),
                None => plain(503, "503 too many open pages\n"),
            };
        }
        if url == format!("{LIVE_PREFIX}live.js") {
            let kind = "text/javascript; charset=utf-8".to_string();
            return Answer::Reply(
                200,
                vec![("Content-Type", kind)],
                Bytes::from_static(LIVE_JS.as_bytes()),
            );
        }
        let inside = url
            .strip_prefix(self.prefix.trim_end_matches('/'))
            .filter(|r| r.starts_with('/'));
        let Some(rest) = inside else {
            // Outside the site's path: the root and the path without its slash lead to the site.
            let to_site =
                url == "/" || url.split('?').next() == Some(self.prefix.trim_end_matches('/'));
            if to_site {
                return Answer::Reply(301, vec![("Location", self.prefix.clone())], Bytes::new());
            }
            return plain(404, "404 not found\n");
        };
        let site = self.site.read().unwrap_or_else(|e| e.into_inner()).clone();
        let if_none_match = header("If-None-Match");
        let reply = respond(&site, &self.prefix, method, rest, if_none_match.as_deref());
        let headers = reply
            .headers
            .iter()
            .filter(|(n, _)| *n != "Content-Length")
            .map(|(n, v)| (*n, v.clone()))
            .collect();
        let body = if method == "HEAD" {
            Bytes::new()
        } else {
            // Shared with the snapshot, not copied: a large file costs a reference count.
            Bytes::from_owner(Shared(reply.body))
        };
        Answer::Reply(reply.status, headers, body)
    }
}

/// Binds `bind:port`, or the next free port (with a message) if it is taken.
fn bind(options: &ServeOptions) -> Result<std::net::TcpListener, Text> {
    let mut last = Text::new("hint-none");
    for port in (0..20).map(|i| {
        if options.port == 0 {
            0
        } else {
            options.port.saturating_add(i)
        }
    }) {
        match std::net::TcpListener::bind((options.bind.as_str(), port)) {
            Ok(listener) => {
                if port != options.port {
                    let text = Text::new("serve-port-taken")
                        .arg("port", options.port.to_string())
                        .arg("instead", port.to_string());
                    eprintln!("{text}");
                }
                return Ok(listener);
            }
            Err(e) => last = crate::messages::io_error(&e),
        }
        if options.port == 0 {
            break;
        }
    }
    Err(Text::new("serve-cannot-listen")
        .arg("address", format!("{}:{}", options.bind, options.port))
        .arg("reason", last))
}

/// Whether a changed path can change the output (editor temp files and outputs cannot).
fn matters(root: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let watched = [
        "content",
        "static",
        "templates",
        "themes",
        "locales",
        "site.yaml",
        "vocabulary.yaml",
    ];
    !temp && watched.contains(&first.as_str())
}

/// Runs the server until the process is stopped.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), Text> {
    // The watcher reports absolute paths: build from the same spelling of the root.
    let root = &root
        .canonicalize()
        .map_err(|e| crate::messages::io_failed("io-reading", root, &e))?;
    let listener = bind(options)?;
    let address = listener.local_addr().map_err(|e| {
        Text::new("serve-cannot-listen")
            .arg("address", options.bind.as_str())
            .arg("reason", crate::messages::io_error(&e))
    })?;
    let host = if options.bind == "0.0.0.0" {
        "127.0.0.1".to_string()
    } else {
        options.bind.clone()
    };
    // Serve under the path of the site's own base_url, so that links behave as they will.
    let prefix = crate::config::Config::load(root, &mut Default::default())
        .map_or_else(|| "/".to_string(), |c| c.base_path().to_string());
    let base_url = format!("http://{host}:{}{prefix}", address.port());
    let build_options = Options {
        base_url: Some(base_url.clone()),
        drafts: options.drafts,
        books_later: true,
        ..Options::default()
    };
    let started = Instant::now();
    let mut memory = build::Memory::default();
    // Nobody waits for a reload before the server is up: the first build makes the books too.
    let first_options = Options {
        books_later: false,
        ..build_options.clone()
    };
    let first = match build_snapshot(
        root,
        &first_options,
        &mut memory,
        &Snapshot::default(),
        &|_| {},
    ) {
        Ok(site) => site,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("{}", Text::new("serve-problems-page"));
            problems_page(&problems)
        }
    };
    let built = Text::new("serve-built")
        .arg("files", first.len())
        .arg("seconds", format!("{:.2}", started.elapsed().as_secs_f64()));
    eprintln!("{built}");
    let live = Arc::new(Live {
        prefix,
        port: address.port(),
        site: RwLock::new(Arc::new(first)),
        listeners: Mutex::new(Vec::new()),
        version: Default::default(),
        problems: Mutex::new(None),
    });
    net::serve(listener, Arc::clone(&live) as Arc<dyn net::Answers>)
        .map_err(|e| Text::new("os-other").arg("detail", e.to_string()))?;
    // Everything lives in memory and nothing is half-written on disk: stopping is exiting.
    ctrlc::set_handler(|| {
        eprintln!("\n{}", Text::new("serve-stopped"));
        std::process::exit(0);
    })
    .map_err(|e| Text::new("os-other").arg("detail", e.to_string()))?;
    let serving = Text::new("serve-serving")
        .arg("root", root.display().to_string())
        .arg("url", base_url.as_str());
    println!("{serving}");
    if options.open {
        open_browser(&base_url);
    }
    watch(root, &build_options, &live, memory)
}

/// A site of one page, answered for every address, listing why the site cannot be built; it
/// reloads itself once it can.
fn problems_page(problems: &[Diagnostic]) -> Snapshot {
    let items: String = problems
        .iter()
        .map(|p| format!("<li>{}</li>", crate::escape::xml(&p.to_string())))
        .collect();
    let lang = crate::messages::chosen().code();
    let title = crate::escape::xml(&Text::new("serve-problems-title").to_string());
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>spodeli: {title}</title></head>\
         <body style=\"font:15px/1.5 ui-monospace,monospace;margin:2rem\"><h1>{title}</h1>\
         <ul>{items}</ul><script src=\"{LIVE_PREFIX}live.js\"></script></body></html>"
    );
    let mut snapshot = Snapshot::default();
    snapshot.insert("404.html".into(), html.into_bytes());
    snapshot
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("{}", Text::new("serve-no-browser").arg("url", url));
    }
}

/// How long without a change ends a burst that has `events` changes so far: 15 ms and 1 ms per
/// change (at most 250 ms), so that a single save (whose few events come within microseconds)
/// is seen at once, while a `git checkout` or a copy whose writer stalls for a moment is still
/// one rebuild.
fn quiet_after(events: usize) -> Duration {
    Duration::from_millis(15 + (events as u64).min(235))
}

/// Rebuilds after each burst of changes (a quiet moment ends a burst: a `git checkout` of 500
/// files is one rebuild) and tells the pages: to reload if an output file changed, to swap
/// stylesheets if only stylesheets did, to show the problems if the site cannot be built.
fn watch(
    root: &Path,
    options: &Options,
    live: &Live,
    mut memory: build::Memory,
) -> Result<(), Text> {
    use notify::{RecursiveMode, Watcher};
    // A path that changed, or `None` when the watcher lost events and everything must be redone.
    let (sender, receiver) = channel::<Option<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else {
            let _ = sender.send(None);
            return;
        };
        if event.need_rescan() {
            let _ = sender.send(None);
        }
        // Reading files (as every build does) is not a change.
        let metadata_only = matches!(
            event.kind,
            notify::EventKind::Modify(notify::event::ModifyKind::Metadata(_))
        );
        if event.kind.is_access() || metadata_only {
            return;
        }
        for path in event.paths {
            let _ = sender.send(Some(path));
        }
    })
    .map_err(|e| Text::new("serve-cannot-watch").arg("detail", e.to_string()))?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| Text::new("serve-cannot-watch").arg("detail", e.to_string()))?;
    let mut broken = false;
    loop {
        // Books made after the last run's pages are offered by a run at once, without a change.
        let books_made = memory.books_made_later();
        let mut changed = Vec::new();
        if !books_made {
            let Ok(first) = receiver.recv() else {
                break;
            };
            changed.push(first);
        }
        while let Ok(path) = receiver.recv_timeout(quiet_after(changed.len())) {
            changed.push(path);
        }
        if changed.iter().any(Option::is_none) {
            memory = build::Memory::default();
        }
        let mut changed: Vec<PathBuf> = changed.into_iter().flatten().collect();
        changed.retain(|p| matters(root, p));
        if changed.is_empty() && !books_made {
            continue;
        }
        let started = Instant::now();
        memory.changed(changed.iter().cloned());
        let previous = Arc::clone(&live.site.read().unwrap_or_else(|e| e.into_inner()));
        // Pages are shown as soon as they are ready; the feeds and the search index follow.
        // Whether stylesheets alone changed is read from the output, not from the paths the
        // watcher reported: a new folder's files may come without events of their own.
        let pages_ready = |site: Snapshot| {
            let differences = site.differences(&previous);
            let count = differences.len();
            // Books made after the last edit change only the pages offering them.
            let offering = books_made && !broken && changed.is_empty();
            let tell = live.news(&differences, broken, offering);
            *live.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
            if let Some((event, data)) = tell {
                live.broadcast(event, &data);
            }
            let rebuilt = Text::new("serve-rebuilt")
                .arg(
                    "ms",
                    format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0),
                )
                .arg("count", count);
            eprintln!("{rebuilt}");
        };
        match build_snapshot(root, options, &mut memory, &previous, &pages_ready) {
            Ok(site) => {
                *live.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
                broken = false;
                let ms = format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0);
                eprintln!("  {}", Text::new("serve-index-done").arg("ms", ms));
            }
            Err(problems) => {
                broken = true;
                for problem in &problems {
                    eprintln!("{problem}");
                }
                live.broadcast_problems(&problems);
            }
        }
    }
    Ok(())
}
