//! `spodeli serve`: builds the site into memory, serves it on 127.0.0.1, watches every input and
//! rebuilds on change, telling open pages to reload (Server-Sent Events on the same port). A
//! broken change keeps the last good build on screen with an overlay naming the problems.

pub mod http;

use crate::build;
use crate::diagnostics::Diagnostic;
use crate::messages::Text;
use crate::site::Options;
use http::{Snapshot, respond};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The script injected into served pages, and the address it and its events live at.
const LIVE_JS: &str = include_str!("live.js");
const LIVE_PREFIX: &str = "/__spodeli/";

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
    listeners: Mutex<Vec<Sender<String>>>,
    /// The problems event of the change that could not be built, until a build succeeds: a page
    /// opened meanwhile shows the overlay too, not only the pages open when it was saved.
    problems: Mutex<Option<String>>,
}

impl Live {
    fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        *problems = (event == "problems").then(|| message.clone());
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|l| l.send(message.clone()).is_ok());
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

    /// A new page's event stream: it hears of problems still standing at once.
    fn listen(&self) -> Receiver<String> {
        let (sender, receiver) = channel();
        let problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(message) = problems.as_ref() {
            let _ = sender.send(message.clone());
        }
        self.listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(sender);
        receiver
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

/// Streams Server-Sent Events to one page until it goes away, with a comment every 15 s so
/// that closed pages are noticed. Written by hand: tiny_http's chunked responses buffer 8 KB.
fn stream_events(request: tiny_http::Request, receiver: Receiver<String>) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n: connected\n\n";
    let mut message = head.to_string();
    loop {
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        message = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": still here\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
    }
}

/// A header, its value percent-encoded where it is not plain ASCII (a `Location` built from a
/// request may carry any bytes; a bad request must not take a worker down).
fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    let value: String = value
        .bytes()
        .map(|b| {
            if b.is_ascii_graphic() || b == b' ' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// A short plain-text answer.
fn plain(request: tiny_http::Request, status: u16, text: &str) {
    let response = tiny_http::Response::from_string(text).with_status_code(status);
    let _ = request.respond(response);
}

/// Whether a request comes from this server's own pages: its `Host` names this server, and so
/// does its `Origin` if it has one (see [`http::host_allowed`]).
fn from_own_pages(live: &Live, request: &tiny_http::Request) -> bool {
    let value = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let host_ok = value("Host").is_some_and(|h| http::host_allowed(&h, live.port));
    let origin_ok = value("Origin")
        .is_none_or(|o| http::origin_host(&o).is_some_and(|h| http::host_allowed(h, live.port)));
    host_ok && origin_ok
}

fn handle(live: &Live, request: tiny_http::Request) {
    if !from_own_pages(live, &request) {
        let text = Text::new("serve-foreign-host").arg("port", live.port.to_string());
        return plain(request, 403, &format!("403 {text}\n"));
    }
    let url = request.url().to_string();
    let get = matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    );
    if url.starts_with(LIVE_PREFIX) && !get {
        return plain(request, 405, "405 method not allowed\n");
    }
    if url == format!("{LIVE_PREFIX}events") {
        let receiver = live.listen();
        // Each page holds its stream open: answer it on a thread of its own.
        std::thread::spawn(move || stream_events(request, receiver));
        return;
    }
    if url == format!("{LIVE_PREFIX}live.js") {
        let mut response = tiny_http::Response::from_string(LIVE_JS);
        if let Some(kind) = header("Content-Type", "text/javascript; charset=utf-8") {
            response.add_header(kind);
        }
        let _ = request.respond(response);
        return;
    }
    let inside = url
        .strip_prefix(live.prefix.trim_end_matches('/'))
        .filter(|r| r.starts_with('/'));
    let Some(rest) = inside else {
        // Outside the site's path: the root and the path without its slash lead to the site.
        let to_site =
            url == "/" || url.split('?').next() == Some(live.prefix.trim_end_matches('/'));
        let mut response =
            tiny_http::Response::from_string(if to_site { "" } else { "404 not found\n" })
                .with_status_code(if to_site { 301 } else { 404 });
        if let Some(location) = header("Location", &live.prefix).filter(|_| to_site) {
            response.add_header(location);
        }
        let _ = request.respond(response);
        return;
    };
    let url = rest.to_string();
    let site = live.site.read().unwrap_or_else(|e| e.into_inner()).clone();
    let if_none_match = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.to_string());
    let reply = respond(
        &site,
        &live.prefix,
        request.method().as_str(),
        &url,
        if_none_match.as_deref(),
    );
    let headers = reply
        .headers
        .iter()
        .filter(|(n, _)| *n != "Content-Length")
        .filter_map(|(n, v)| header(n, v))
        .collect();
    let length = reply.header("Content-Length").and_then(|l| l.parse().ok());
    let body = std::io::Cursor::new(reply.body.as_ref().clone());
    let _ = request.respond(tiny_http::Response::new(
        reply.status.into(),
        headers,
        body,
        length,
        None,
    ));
}

/// Binds `bind:port`, or the next free port (with a message) if it is taken.
fn bind(options: &ServeOptions) -> Result<tiny_http::Server, Text> {
    let mut last = Text::new("hint-none");
    for port in (0..20).map(|i| {
        if options.port == 0 {
            0
        } else {
            options.port.saturating_add(i)
        }
    }) {
        match listen(&options.bind, port) {
            Ok(listener) => {
                if port != options.port {
                    let text = Text::new("serve-port-taken")
                        .arg("port", options.port.to_string())
                        .arg("instead", port.to_string());
                    eprintln!("{text}");
                }
                return tiny_http::Server::from_listener(listener, None)
                    .map_err(|e| Text::new("os-other").arg("detail", e.to_string()));
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

/// A listening socket whose connections send each write at once (`TCP_NODELAY`, which
/// accepted sockets inherit from it). tiny_http writes a response's head and body separately;
/// with Nagle's algorithm, every response after the first few on a kept-alive connection
/// waited ~40 ms for the browser's delayed acknowledgement.
fn listen(bind: &str, port: u16) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let address = std::net::ToSocketAddrs::to_socket_addrs(&(bind, port))?
        .next()
        .ok_or_else(|| std::io::Error::other(format!("`{bind}` is not an address")))?;
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&address.into())?;
    socket.listen(128)?;
    Ok(socket.into())
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
    let server = bind(options)?;
    let address = match server.server_addr() {
        tiny_http::ListenAddr::IP(a) => a,
        _ => {
            return Err(Text::new("serve-cannot-listen")
                .arg("address", options.bind.as_str())
                .arg("reason", Text::new("hint-none")));
        }
    };
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
        offline: false,
    };
    let started = Instant::now();
    let mut memory = build::Memory::default();
    let first = match build_snapshot(
        root,
        &build_options,
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
        problems: Mutex::new(None),
    });
    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, live) = (Arc::clone(&server), Arc::clone(&live));
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(&live, request);
            }
        });
    }
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
    while let Ok(first) = receiver.recv() {
        let mut changed = vec![first];
        while let Ok(path) = receiver.recv_timeout(quiet_after(changed.len())) {
            changed.push(path);
        }
        if changed.iter().any(Option::is_none) {
            memory = build::Memory::default();
        }
        let mut changed: Vec<PathBuf> = changed.into_iter().flatten().collect();
        changed.retain(|p| matters(root, p));
        if changed.is_empty() {
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
            let css_only = differences.iter().all(|p| p.ends_with(".css"));
            let count = differences.len();
            *live.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
            if count > 0 || broken {
                live.broadcast(if css_only && !broken { "css" } else { "reload" }, "{}");
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
