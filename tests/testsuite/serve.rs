//! `spodeli serve` against a temporary copy of a fixture site, spoken to over real HTTP.

use crate::harness::SiteTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    address: String,
    site: SiteTest,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    start_with(|_| {})
}

/// Starts a server on a copy of the `full` fixture after `prepare` has changed it.
fn start_with(prepare: impl FnOnce(&std::path::Path)) -> Server {
    start_in("en", prepare)
}

/// Starts a server speaking `lang` on a copy of the `full` fixture changed by `prepare`.
fn start_in(lang: &str, prepare: impl FnOnce(&std::path::Path)) -> Server {
    let site = SiteTest::fixture("full");
    prepare(&site.root());
    let mut child = Command::new(env!("CARGO_BIN_EXE_spodeli"))
        .args(["serve", "--lang", lang, "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the address");
    let address = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default();
    Server {
        child,
        address: address.to_string(),
        site,
    }
}

impl Server {
    fn path(&self, relative: &str) -> PathBuf {
        self.site.root().join(relative)
    }

    /// Sends a request with this server's own `Host` and returns status code and body.
    fn request(&self, method: &str, target: &str) -> (u16, String) {
        let host = format!("Host: {}", self.address);
        let (status, _, body) = self.exchange(method, target, &[&host]);
        (status, body)
    }

    /// Sends `method target` with exactly `headers`; returns status, head and body.
    fn exchange(&self, method: &str, target: &str, headers: &[&str]) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let mut head = format!("{method} {target} HTTP/1.1\r\n");
        for h in headers {
            head.push_str(&format!("{h}\r\n"));
        }
        write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (status, head.to_string(), body.to_string())
    }

    fn get(&self, target: &str) -> String {
        let (status, body) = self.request("GET", target);
        assert_eq!(status, 200, "{target}");
        body
    }

    /// Subscribes to the live-reload events.
    fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let host = &self.address;
        write!(
            stream,
            "GET /__spodeli/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
        )
        .unwrap();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { return };
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    // Each stream starts with the count of changes (see live.js).
                    if event == "hello" {
                        continue;
                    }
                    if sender.send((event.clone(), data.to_string())).is_err() {
                        return;
                    }
                }
            }
        });
        std::thread::sleep(Duration::from_millis(200));
        receiver
    }
}

/// The next event but `pages` (the handbooks' books made after an edit: see
/// `a_handbook_edit_reloads_at_once_and_the_contents_page_when_its_books_are_made`).
fn next_event(events: &Receiver<(String, String)>) -> (String, String) {
    loop {
        let event = events
            .recv_timeout(Duration::from_secs(20))
            .expect("an event within 20 s");
        if event.0 != "pages" {
            return event;
        }
    }
}

#[test]
fn a_handbook_edit_reloads_at_once_and_the_contents_page_when_its_books_are_made() {
    let server = start();
    let contents = "/en/projects/finished-project/handbook/";
    let size = |page: &str| {
        let at = page
            .find("finished-project-en.pdf")
            .expect("the PDF is offered");
        page[at..]
            .split("file-meta\">(")
            .nth(1)
            .unwrap()
            .split(')')
            .next()
            .unwrap()
            .to_string()
    };
    let before = size(&server.get(contents));
    let events = server.events();
    let file = server.path("content/projects/finished-project/handbook/01-introduction.en.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let more = "\nA longer introduction. ".repeat(200);
    std::fs::write(&file, text + &more).unwrap();
    // Every open page reloads for the edit at once, before the books are made.
    let first = events.recv_timeout(Duration::from_secs(20)).unwrap();
    assert_eq!(first.0, "reload");
    // Then the books: only the pages offering them reload.
    let (event, data) = events.recv_timeout(Duration::from_secs(20)).unwrap();
    assert_eq!(event, "pages");
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let pages: Vec<&str> = data["pages"].as_str().unwrap().lines().collect();
    assert!(pages.contains(&contents), "{pages:?}");
    assert!(
        !pages.iter().any(|p| p.contains("/introduction/")),
        "{pages:?}"
    );
    assert_ne!(size(&server.get(contents)), before);
    let pdf = server.get("/en/projects/finished-project/handbook/finished-project-en.pdf");
    assert!(pdf.starts_with("%PDF-"));
}

fn h1(html: &str) -> String {
    html.split("<h1>")
        .nth(1)
        .and_then(|s| s.split("</h1>").next())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn edits_reload_pages_and_broken_edits_keep_the_last_good_build() {
    let server = start();
    let page = server.get("/en/practices/alpha/");
    assert_eq!(h1(&page), "Alpha practice");
    assert!(
        page.contains("/__spodeli/live.js"),
        "served pages get the live-reload script"
    );
    let events = server.events();

    let file = server.path("content/practices/alpha/index.en.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        original.replace("title: Alpha practice", "title: Alpha edited"),
    )
    .unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert_eq!(h1(&server.get("/en/practices/alpha/")), "Alpha edited");

    std::fs::write(
        &file,
        original.replace(
            "summary: A short description of alpha.",
            "summary: [unclosed",
        ),
    )
    .unwrap();
    let (event, data) = next_event(&events);
    assert_eq!(event, "problems");
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let first = data["problems"][0].as_str().unwrap();
    assert!(
        first.starts_with("content/practices/alpha/index.en.md:"),
        "{data}"
    );
    assert!(data["title"].as_str().unwrap().contains("last good build"));
    assert_eq!(
        h1(&server.get("/en/practices/alpha/")),
        "Alpha edited",
        "the last good build is still served"
    );

    std::fs::write(&file, &original).unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert_eq!(h1(&server.get("/en/practices/alpha/")), "Alpha practice");
}

#[test]
fn a_page_opened_while_a_mistake_stands_hears_of_it_in_the_chosen_language() {
    let server = start_in("bg", |_| {});
    let events = server.events();
    let file = server.path("content/practices/alpha/index.en.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        original.replace("summary: A short", "date: 10.05.2021\nsummary: A short"),
    )
    .unwrap();
    assert_eq!(next_event(&events).0, "problems");
    // A page opened after the save: its event stream starts with the problems.
    let (event, data) = next_event(&server.events());
    assert_eq!(event, "problems");
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert!(
        data["title"]
            .as_str()
            .unwrap()
            .contains("последното успешно изграждане"),
        "{data}"
    );
    let first = data["problems"][0].as_str().unwrap();
    assert!(
        first.contains(": грешка: ") && first.contains("`2021-05-10`"),
        "{first}"
    );
    // Fixed: pages reload, and a page opened now hears of no problem.
    std::fs::write(&file, &original).unwrap();
    assert_eq!(next_event(&events).0, "reload");
    let later = server.events();
    assert!(later.recv_timeout(Duration::from_millis(500)).is_err());
}

#[test]
fn new_and_deleted_entries_update_listings() {
    let server = start();
    let events = server.events();
    let new = server.path("content/practices/epsilon.en.md");
    std::fs::write(&new, "---\ntitle: Epsilon practice\nsummary: New.\ndate: 2030-01-01\nthemes: [digital]\n---\nBody.\n").unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert!(server.get("/en/practices/").contains("Epsilon practice"));
    assert_eq!(
        h1(&server.get("/en/practices/epsilon/")),
        "Epsilon practice"
    );
    std::fs::remove_file(&new).unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert!(!server.get("/en/practices/").contains("Epsilon practice"));
    assert_eq!(server.request("GET", "/en/practices/epsilon/").0, 404);
}

/// The event that comes within a second, if one does.
fn quiet(events: &Receiver<(String, String)>) -> Option<(String, String)> {
    events.recv_timeout(Duration::from_secs(1)).ok()
}

#[test]
fn editor_files_atomic_saves_and_bursts_are_handled() {
    let server = start();
    let events = server.events();
    let practices = server.path("content/practices");
    // Swap, backup and lock files, vim's probe file, and a save that changes nothing, reload
    // nothing.
    for name in [".gamma.bg.md.swp", "gamma.bg.md~", ".#gamma.bg.md", "4913"] {
        std::fs::write(practices.join(name), "scratch").unwrap();
    }
    std::fs::remove_file(practices.join("4913")).unwrap();
    let gamma = practices.join("gamma.bg.md");
    std::fs::write(&gamma, std::fs::read(&gamma).unwrap()).unwrap();
    assert_eq!(
        quiet(&events),
        None,
        "no reload for editor files or an unchanged save"
    );
    // An atomic save (write a temporary file, rename it over the entry): one reload.
    let text = std::fs::read_to_string(&gamma).unwrap();
    let temporary = practices.join(".gamma.bg.md.tmp");
    std::fs::write(
        &temporary,
        text.replace("Гама практика", "Гама, запазена наведнъж"),
    )
    .unwrap();
    std::fs::rename(&temporary, &gamma).unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert_eq!(quiet(&events), None, "one reload per save");
    assert_eq!(
        h1(&server.get("/bg/practices/gamma/")),
        "Гама, запазена наведнъж"
    );
    // A burst (as from `git checkout`): 300 new files, one rebuild and one reload.
    for n in 0..300 {
        let entry = format!(
            "---\ntitle: Burst {n}\nsummary: S.\ndate: 2031-01-01\nthemes: [digital]\n---\nB.\n"
        );
        std::fs::write(practices.join(format!("burst-{n}.en.md")), entry).unwrap();
    }
    assert_eq!(next_event(&events).0, "reload");
    assert_eq!(quiet(&events), None, "one reload for the burst");
    assert_eq!(h1(&server.get("/en/practices/burst-299/")), "Burst 299");
}

/// Stylesheets alone are swapped, judged by what the output holds: a new folder's file may come
/// without a watcher event of its own, and the folder's event must not turn the swap into a reload.
#[test]
fn a_changed_stylesheet_is_swapped_not_reloaded() {
    let server = start();
    let events = server.events();
    let folder = server.path("static/css/extra");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("site.css"), "body { color: rgb(1, 2, 3); }\n").unwrap();
    assert_eq!(next_event(&events).0, "css");
    assert_eq!(quiet(&events), None, "one swap");
    assert_eq!(
        server.get("/css/extra/site.css"),
        "body { color: rgb(1, 2, 3); }\n"
    );
    // A stylesheet together with an entry: the page must be reloaded.
    std::fs::write(folder.join("site.css"), "body { color: red; }\n").unwrap();
    let gamma = server.path("content/practices/gamma.bg.md");
    let text = std::fs::read_to_string(&gamma).unwrap();
    std::fs::write(&gamma, text.replace("Гама практика", "Гама с нов стил")).unwrap();
    assert_eq!(next_event(&events).0, "reload");
}

#[test]
fn an_interrupt_stops_the_server_cleanly() {
    let mut server = start();
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert!(
        TcpStream::connect(&server.address).is_err(),
        "the port is closed"
    );
}

#[test]
fn http_answers_follow_the_rules() {
    let server = start();
    let (status, _) = server.request("GET", "/en/practices");
    assert_eq!(status, 301);
    let (status, body) = server.request("GET", "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the site's 404 page");
    let (status, body) = server.request("HEAD", "/style.css");
    assert_eq!((status, body.len()), (200, 0));
    // Garbage requests (raw non-ASCII bytes, no HTTP at all) do not take the server down.
    for garbage in [
        "GET /en/practices\u{431} HTTP/1.1\r\n\r\n",
        "\u{0}\u{1}nonsense\r\n\r\n",
    ] {
        if let Ok(mut stream) = TcpStream::connect(&server.address) {
            let _ = stream.write_all(garbage.as_bytes());
            let _ = stream.read_to_end(&mut Vec::new());
        }
    }
    assert_eq!(server.request("GET", "/en/").0, 200);
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/bg/..%2f..%2fsite.yaml",
        "/content/practices/beta.yaml",
    ] {
        let (status, body) = server.request("GET", target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert!(
            !body.contains("title: {bg: Бета"),
            "{target} leaked a source file"
        );
    }
}

#[test]
fn many_requests_from_several_threads_leak_nothing() {
    let server = start();
    let fds = |pid: u32| {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let threads = |pid: u32| {
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let pid = server.child.id();
    let _ = server.get("/");
    let (fds_before, threads_before) = (fds(pid), threads(pid));
    let started = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let server = &server;
            scope.spawn(move || {
                for i in 0..500 {
                    let target = if (i + t) % 3 == 0 {
                        "/en/practices/alpha/"
                    } else {
                        "/style.css"
                    };
                    assert_eq!(server.request("GET", target).0, 200);
                }
            });
        }
    });
    assert!(started.elapsed() < Duration::from_secs(120));
    if fds_before == 0 {
        return;
    }
    // Connections are tasks, not threads: a leak is what is still there a while after.
    let settled = Instant::now() + Duration::from_secs(15);
    while (fds(pid) > fds_before + 2 || threads(pid) > threads_before + 1)
        && Instant::now() < settled
    {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        fds(pid) <= fds_before + 2,
        "file handles: {fds_before} → {}",
        fds(pid)
    );
    assert!(
        threads(pid) <= threads_before + 1,
        "threads: {threads_before} → {}",
        threads(pid)
    );
}

#[test]
fn a_site_that_cannot_be_built_shows_why_until_it_can() {
    let broken = "---\ntitle: Broken\nsummary: [unclosed\n---\n";
    let server = start_with(|root| {
        std::fs::write(root.join("content/practices/broken.en.md"), broken).unwrap()
    });
    let (status, body) = server.request("GET", "/en/");
    assert_eq!(status, 404);
    assert!(
        body.contains("content/practices/broken.en.md:4:1: error: invalid YAML"),
        "{body}"
    );
    assert!(body.contains("/__spodeli/live.js"));
    let events = server.events();
    std::fs::remove_file(server.path("content/practices/broken.en.md")).unwrap();
    assert_eq!(next_event(&events).0, "reload");
    assert_eq!(h1(&server.get("/en/practices/alpha/")), "Alpha practice");
}

#[test]
fn the_site_is_served_under_the_path_of_its_base_url() {
    let server = start_with(|root| {
        let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
        let config = config.replace(
            "https://fixture.example/",
            "https://school.example/praktiki/",
        );
        std::fs::write(root.join("site.yaml"), config).unwrap();
    });
    assert_eq!(
        h1(&server.get("/praktiki/en/practices/alpha/")),
        "Alpha practice"
    );
    assert_eq!(server.request("GET", "/").0, 301);
    assert_eq!(server.request("GET", "/praktiki").0, 301);
    // A folder without its slash is redirected under the sub-path, never to another host.
    let host = format!("Host: {}", server.address);
    for (target, location) in [
        ("/praktiki/en/practices", "/praktiki/en/practices/"),
        ("/praktiki//en/practices", "/praktiki/en/practices/"),
    ] {
        let (status, head, _) = server.exchange("GET", target, &[&host]);
        assert_eq!(status, 301, "{target}");
        let head = head.to_ascii_lowercase();
        assert!(
            head.contains(&format!("\r\nlocation: {location}")),
            "{target}: {head}"
        );
    }
    assert_eq!(server.request("GET", "/en/").0, 404);
    let (status, body) = server.request("GET", "/praktiki/missing/");
    assert_eq!(status, 404);
    assert!(
        body.contains("href=\"/praktiki/bg/\""),
        "the 404 page links into the sub-path: {body}"
    );
}

#[test]
fn only_this_servers_own_pages_are_answered() {
    let server = start();
    let port = server.address.rsplit_once(':').unwrap().1.to_string();
    let own = format!("Host: {}", server.address);
    let localhost = format!("Host: localhost:{port}");
    assert_eq!(server.exchange("GET", "/en/", &[&own]).0, 200);
    assert_eq!(server.exchange("GET", "/en/", &[&localhost]).0, 200);
    // DNS rebinding: a name of another site, an empty host, none, another port.
    for headers in [
        vec!["Host: evil.example"],
        vec!["Host: evil.example:80"],
        vec!["Host: "],
        vec![],
        vec!["Host: 127.0.0.1:1"],
    ] {
        let (status, _, body) = server.exchange("GET", "/en/", &headers);
        assert_eq!(status, 403, "{headers:?}");
        assert!(
            body.contains("127.0.0.1"),
            "the refusal says which address to use: {body}"
        );
    }
    // Another site's page asking through the browser: refused, and no CORS header is given.
    let origin = "Origin: http://evil.example";
    let (status, head, _) = server.exchange("GET", "/__spodeli/events", &[&own, origin]);
    assert_eq!(status, 403);
    assert!(
        !head.to_ascii_lowercase().contains("access-control"),
        "{head}"
    );
    let (status, head, _) = server.exchange("GET", "/en/", &[&own]);
    assert_eq!(status, 200);
    assert!(
        !head.to_ascii_lowercase().contains("access-control"),
        "{head}"
    );
    // The endpoints are read-only.
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(
            server.exchange(method, "/__spodeli/events", &[&own]).0,
            405,
            "{method}"
        );
        assert_eq!(server.exchange(method, "/en/", &[&own]).0, 405, "{method}");
    }
}

/// The threads and open files of process `pid`.
fn threads_and_files(pid: u32) -> (usize, usize) {
    let count = |dir: String| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    (
        count(format!("/proc/{pid}/task")),
        count(format!("/proc/{pid}/fd")),
    )
}

/// Time to get a page over a new connection, which must succeed.
fn page_time(server: &Server) -> Duration {
    let started = Instant::now();
    assert_eq!(h1(&server.get("/en/practices/alpha/")), "Alpha practice");
    started.elapsed()
}

#[test]
fn open_pages_stuck_clients_and_slow_clients_never_starve_the_others() {
    let server = start_with(|root| {
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/big.pdf"), vec![b'x'; 32 << 20]).unwrap();
    });
    let pid = server.child.id();
    let _ = page_time(&server);
    let baseline = threads_and_files(pid);
    let host = format!("Host: {}", server.address);
    let connect = || {
        let stream = TcpStream::connect(&server.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
    };
    // 50 open pages, each listening for changes: no thread each, and pages still answer.
    let streams: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = connect();
            write!(s, "GET /__spodeli/events HTTP/1.1\r\n{host}\r\n\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let with_streams = page_time(&server);
    assert!(
        threads_and_files(pid).0 <= baseline.0 + 1,
        "a thread per stream"
    );
    // Past the limit of listening pages: refused, so a runaway page cannot hold the server.
    let mut extra: Vec<TcpStream> = (0..20).map(|_| connect()).collect();
    let mut refused = 0;
    for s in &mut extra {
        write!(
            s,
            "GET /__spodeli/events HTTP/1.1\r\n{host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut head = [0u8; 12];
        if s.read_exact(&mut head).is_ok() && head.ends_with(b"503") {
            refused += 1;
        }
    }
    assert_eq!(refused, 6, "64 listening pages at most");
    drop(extra);
    // Clients that never read: 500 pipelined requests, and four large files.
    let mut pipelined = connect();
    let request = format!("GET /en/practices/alpha/ HTTP/1.1\r\n{host}\r\n\r\n");
    let _ = pipelined.write_all(request.repeat(500).as_bytes());
    let big: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = connect();
            write!(s, "GET /big.pdf HTTP/1.1\r\n{host}\r\n\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let with_stuck = page_time(&server);
    // 300 slow clients sending a byte of a request every 2 s: closed by the server once a head
    // has taken too long, and pages answer all the while.
    let mut slow: Vec<TcpStream> = (0..300).map(|_| connect()).collect();
    let mut during_slow = Duration::ZERO;
    for round in 0..7 {
        for s in &mut slow {
            let _ = s.write_all(&b"GET /en/ HTTP/1.1\r\n"[round..round + 1]);
        }
        during_slow = during_slow.max(page_time(&server));
        std::thread::sleep(Duration::from_secs(2));
    }
    let mut closed = 0;
    for s in &mut slow {
        // The end of the stream or an answer (408): the server let go; a time-out: it did not.
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut rest = Vec::new();
        if s.read_to_end(&mut rest).is_ok() {
            closed += 1;
        }
    }
    assert_eq!(closed, 300, "every slow client is timed out");
    eprintln!(
        "page with 50 streams: {with_streams:?}; with stuck clients: {with_stuck:?}; \
         slowest while 300 slow clients: {during_slow:?}"
    );
    // Everything let go: threads and open files back to where they were.
    drop((streams, pipelined, big, slow));
    let settled = Instant::now() + Duration::from_secs(20);
    let back =
        |(threads, files): (usize, usize)| threads <= baseline.0 + 1 && files <= baseline.1 + 2;
    while !back(threads_and_files(pid)) && Instant::now() < settled {
        std::thread::sleep(Duration::from_millis(200));
    }
    let now = threads_and_files(pid);
    assert!(back(now), "{baseline:?} → {now:?}");
}
