//! The pipeline end to end: load the site, render every page, add static files and entry
//! assets, and hand each file to a sink as soon as it is ready: `build` writes it into a staging
//! folder swapped in at the end, `check` only counts it. `build` renders only the pages whose
//! inputs changed since its last run into the same folder ([`saved`]).

pub mod books;
pub mod photos;
pub mod saved;

use crate::books::Shelf;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::messages::{Text, io_failed};
use crate::output::{self, Content, Staging};
use crate::photos::Developed;
use crate::render::theme::{Origin, Theme};
use crate::render::{Page, Renderer};
use crate::site::{Options, Site};
use crate::urls::Urls;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What a successful run produced.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// HTML pages per language.
    pub pages: BTreeMap<String, usize>,
    /// All files (pages, feeds, static files, assets).
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// How long it took.
    pub elapsed: Duration,
    /// Entries missing in some language: the entry's first file and the languages it lacks.
    pub untranslated: Vec<(PathBuf, Vec<String>)>,
    /// The folder written (for `build`).
    pub out: Option<PathBuf>,
    /// Entries marked `draft: true` (built only with `--drafts`).
    pub drafts: Vec<PathBuf>,
    /// What `build` did to the output folder: files written, unchanged, removed.
    pub written: Option<output::Written>,
    /// HTML pages rendered: all of them, but for `build` and `serve` with a memory of their
    /// last run, which render only the pages whose inputs changed.
    pub rendered: usize,
    /// Photos of the site, and how many of them had to be made (the others were in the store).
    pub photos: (usize, usize),
    /// How long finding and making the photos took.
    pub photo_time: Duration,
    /// Handbooks' books (PDF, EPUB), and how many of them had to be made.
    pub books: (usize, usize),
    /// How long finding and making the books took.
    pub book_time: Duration,
    /// Search index files made (none when the previous index was kept), and how long adding
    /// up the pages' descriptions into them took.
    pub index: (usize, Duration),
}

/// What a run remembers for the next one (`serve` keeps it): entries by the stamps of their
/// files, and each page's fingerprint, so that a rebuild re-reads and re-renders only what a
/// change touches.
#[derive(Debug, Default)]
pub struct Memory {
    entries: crate::content::cache::Cache,
    pages: crate::render::Memory,
    /// The site and output folder whose builds saved the pages' search descriptions, for pages
    /// read from disk (which come without them).
    descriptions: Option<(PathBuf, PathBuf)>,
    /// Whether the last run made books after its pages ([`Options::books_later`]): the pages
    /// offering them are made by the next run.
    books_made_later: bool,
}

impl Memory {
    /// Files seen to change: the entries holding them are read again whatever their stamps say.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.entries.changed(paths);
    }

    /// Whether the last run made books its pages do not offer yet: a run now would offer them.
    pub fn books_made_later(&self) -> bool {
        self.books_made_later
    }

    /// The output files of every page of the last successful run; those it did not hand to the
    /// sink are unchanged since the run before.
    pub fn pages(&self) -> impl Iterator<Item = &str> {
        self.pages.files()
    }
}

/// The outcome of a run: a report if it succeeded, and every problem found (warnings included).
pub type Outcome = (Option<Report>, Vec<Diagnostic>);

/// Receives every output file: its path under the output folder and its content.
pub type Sink<'a> = dyn Fn(&str, &Content) -> Result<(), Diagnostic> + Sync + 'a;

/// Told, in a run with a memory, that every page, static file and asset has been handed to the
/// sink without errors, before the feeds, sitemap and search index (which take longest, and
/// which a reloaded page does not need at once); it gets the files of all the run's pages.
pub type PagesDone<'a> = dyn Fn(&mut dyn Iterator<Item = &str>) + Sync + 'a;

/// Builds the site at `root` into `out` (default: `root/public`).
pub fn build(root: &Path, out: Option<&Path>, options: &Options) -> Outcome {
    if let Err(d) = Config::exists(root) {
        return (None, vec![d]);
    }
    let out = out.map_or_else(|| root.join("public"), Path::to_path_buf);
    let out = match output::check_out_dir(root, &out) {
        Ok(out) => out,
        Err(d) => return (None, vec![d]),
    };
    let _lock = saved::lock(root, &out);
    let staging = match Staging::new(&out, options.force) {
        Ok(staging) => staging,
        Err(d) => return (None, vec![d]),
    };
    let pages_file = saved::file(root, &out, saved::Kind::Pages);
    let mut memory = Memory {
        descriptions: Some((root.to_path_buf(), out.clone())),
        ..Memory::default()
    };
    let digest = staging.previous_digest();
    let remembered: Option<crate::render::Memory> =
        digest.and_then(|digest| saved::load(&pages_file, digest));
    let loaded = remembered.is_some();
    if let Some(mut pages) = remembered {
        pages.retain(|file| staging.has(file));
        memory.pages = pages;
    }
    let (report, mut diagnostics) = run(
        root,
        options,
        &|path, content| staging.write(path, content),
        Some(&mut memory),
        None,
    );
    let Some(mut report) = report else {
        return (None, diagnostics);
    };
    // The pages that were not rendered again stay as they are.
    staging.keep(memory.pages());
    match staging.commit() {
        Ok(written) => {
            // Nothing rendered and the same output: the memory saved holds.
            let same = loaded && report.rendered == 0 && digest == Some(written.digest);
            let pages = &memory.pages;
            // The two files at once: the descriptions take most of the time.
            let (saved_pages, saved_search) = rayon::join(
                || (!same).then(|| saved::save(&pages_file, &out, written.digest, pages)),
                || {
                    (!pages.index_kept())
                        .then(|| saved::save_descriptions(root, &out, &pages.descriptions()))
                },
            );
            // The descriptions are several files: a failure names their folder.
            let search_file = root.join(saved::CACHE);
            let saving = [(&pages_file, saved_pages), (&search_file, saved_search)];
            let failed = saving.into_iter().filter_map(|(f, r)| Some((f, r?.err()?)));
            for (file, e) in failed {
                let problem = Problem::Io(io_failed("io-writing", file, &e));
                diagnostics.push(Diagnostic::warning(Location::file(file), problem));
            }
            report.files = written.written + written.unchanged;
            report.bytes = written.bytes;
            report.out = Some(out);
            report.written = Some(written);
            drop_aside(memory);
            (Some(report), diagnostics)
        }
        Err(d) => {
            diagnostics.push(d);
            (None, diagnostics)
        }
    }
}

/// Entries and handbook chapters missing in some language: the first file of each, and the
/// languages it lacks.
fn untranslated(site: &Site) -> Vec<(PathBuf, Vec<String>)> {
    let missing = |has: &dyn Fn(&str) -> bool| -> Vec<String> {
        let languages = &site.config.languages;
        languages.iter().filter(|l| !has(l)).cloned().collect()
    };
    let mut out = Vec::new();
    for e in &site.entries {
        let lacking = missing(&|l| e.variants.contains_key(l));
        if !lacking.is_empty() {
            out.push((e.parts[0].shown.clone(), lacking));
        }
        for chapter in e.handbook.iter().flat_map(|h| &h.chapters) {
            let lacking = missing(&|l| chapter.versions.contains_key(l));
            if !lacking.is_empty() {
                out.push((chapter.parts[0].shown.clone(), lacking));
            }
        }
    }
    out
}

/// Loads, validates and renders the site at `root` without writing anything.
pub fn check(root: &Path, options: &Options) -> Outcome {
    run(root, options, &|_, _| Ok(()), None, None)
}

/// Loads and renders everything, handing each file to `sink`. The report is `None` if any
/// problem is an error; the sink may then have received part of the site.
///
/// With a memory of the previous run, unchanged entries are not read again and unchanged
/// pages are neither rendered nor handed to the sink ([`Memory::pages`] lists them all); the
/// memory then describes this run if it succeeded; `pages_done` is told when the pages are.
pub fn run(
    root: &Path,
    options: &Options,
    sink: &Sink<'_>,
    mut memory: Option<&mut Memory>,
    pages_done: Option<&PagesDone<'_>>,
) -> Outcome {
    let started = Instant::now();
    if let Some(memory) = memory.as_deref_mut() {
        memory.books_made_later = false;
    }
    let cache = memory.as_deref_mut().map(|m| &mut m.entries);
    let (site, mut diagnostics) = Site::load(root, options, cache);
    let Some(mut site) = site else {
        return (None, diagnostics.sorted());
    };
    let cache_folder = root.join(saved::CACHE);
    let ((album, problems, store), photo_time) =
        with_progress(Instant::now(), Text::new("progress-photos"), |d, t| {
            photos::develop(&site, &cache_folder, (d, t))
        });
    site.album = album;
    diagnostics.extend(problems);
    let ((shelf, problems, book_store, pending), book_time) =
        with_progress(Instant::now(), Text::new("progress-books"), |d, t| {
            books::make(&site, &cache_folder, (d, t), options.books_later)
        });
    diagnostics.extend(problems);
    let pages = Mutex::new(BTreeMap::<String, usize>::new());
    let (files, bytes) = (AtomicUsize::new(0), AtomicU64::new(0));
    let counting = |path: &str, content: &Content, lang: Option<&str>| {
        sink(path, content)?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(content.size(), Ordering::Relaxed);
        if let Some(lang) = lang {
            *pages
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(lang.to_string())
                .or_default() += 1;
        }
        Ok(())
    };
    let previous = memory.as_ref().map(|m| &m.pages);
    let descriptions = memory.as_ref().and_then(|m| m.descriptions.as_ref());
    let saved = || match descriptions {
        Some((root, out)) => saved::load_descriptions(root, out),
        None => crate::render::Descriptions::default(),
    };
    let index = Mutex::new((0, Duration::ZERO));
    let ((problems, pages_memory), _) =
        with_progress(started, Text::new("progress-rendering"), |done, total| {
            // Pages are worth showing only if nothing so far failed.
            let pages_done = pages_done.filter(|_| !diagnostics.has_errors());
            let progress = (done, total, &index);
            let site = (&site, &shelf);
            render(
                site, options, &counting, progress, previous, &saved, pages_done,
            )
        });
    diagnostics.extend(problems.sorted());
    if diagnostics.has_errors() {
        return (None, diagnostics.sorted());
    }
    // Books left for after the pages (serve) are made now; the next run offers them.
    let (made, problems) = books::finish(&book_store, pending, &AtomicUsize::new(0));
    let made_later = made.len();
    diagnostics.extend(problems);
    if diagnostics.has_errors() {
        return (None, diagnostics.sorted());
    }
    let rendered = pages.into_inner().unwrap_or_default();
    let mut every_page = None;
    if let (Some(memory), Some(pages)) = (memory, pages_memory) {
        every_page = Some(pages.languages());
        memory.pages = pages;
        memory.books_made_later = made_later > 0;
    }
    let (used, sources) = photos::used(&site.album);
    store.close(&used, &sources);
    book_store.close(&books::used(&shelf));
    let untranslated = untranslated(&site);
    let report = Report {
        rendered: rendered.values().sum(),
        pages: every_page.unwrap_or(rendered),
        files: files.into_inner(),
        bytes: bytes.into_inner(),
        elapsed: started.elapsed(),
        untranslated,
        out: None,
        drafts: site.drafts.clone(),
        written: None,
        photos: (site.album.iter().count(), site.album.made),
        photo_time,
        books: (shelf.iter().count() + made_later, shelf.made + made_later),
        book_time,
        index: index.into_inner().unwrap_or_else(|e| e.into_inner()),
    };
    drop_aside(site);
    (Some(report), diagnostics.sorted())
}

/// Drops `value` on a thread of its own: freeing a large site's millions of small values takes
/// a quarter of a second that nobody needs to wait for (a command exits without waiting).
fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

type Counting<'a> = dyn Fn(&str, &Content, Option<&str>) -> Result<(), Diagnostic> + Sync + 'a;

/// Reads the search descriptions saved with a memory read from disk.
type Saved<'a> = dyn Fn() -> crate::render::Descriptions + Sync + 'a;

fn render(
    (site, shelf): (&Site, &Shelf),
    options: &Options,
    sink: &Counting<'_>,
    (done, total, index): (&AtomicUsize, &AtomicUsize, &Mutex<(usize, Duration)>),
    previous: Option<&crate::render::Memory>,
    saved: &Saved<'_>,
    pages_done: Option<&PagesDone<'_>>,
) -> (Diagnostics, Option<crate::render::Memory>) {
    let mut diagnostics = Diagnostics::default();
    let theme = match Theme::load(&site.config.root, &site.config.theme) {
        Ok(t) if !t.problems.is_empty() => {
            diagnostics.extend(t.problems);
            return (diagnostics, None);
        }
        Ok(t) => t,
        Err(message) => {
            diagnostics.push(Diagnostic::global(Problem::Config {
                field: "theme".into(),
                message,
            }));
            return (diagnostics, None);
        }
    };
    let renderer = match Renderer::new(
        site,
        Urls {
            offline: options.offline,
        },
        &theme,
        shelf,
    ) {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return (diagnostics, None);
        }
    };
    // A generated page wins over a static file of the same name: note only those collisions
    // instead of remembering every page.
    let shadowed = Mutex::new(std::collections::HashSet::new());
    let page_sink = |page: Page| {
        if theme.statics.contains_key(&page.path) {
            shadowed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(page.path.clone());
        }
        sink(
            &page.path,
            &Content::Bytes(page.bytes),
            page.lang.as_deref(),
        )
    };
    let (problems, mut memory) = renderer.render_pages(&page_sink, done, total, previous, saved);
    diagnostics.extend(problems.sorted());
    let mut shadowed = shadowed.lock().unwrap_or_else(|e| e.into_inner()).clone();
    // Pages kept from the previous run were not handed over, but shadow all the same.
    if let Some(memory) = &memory {
        let kept = memory.files().filter(|f| theme.statics.contains_key(*f));
        shadowed.extend(kept.map(str::to_string));
    }
    for (path, origin) in &theme.statics {
        if !shadowed.contains(path) {
            diagnostics.extend(sink(path, &Content::From(origin.clone()), None).err());
        }
    }
    diagnostics.extend(assets(site, shelf, sink));
    if let (Some(pages_done), Some(memory)) = (pages_done, &memory)
        && !diagnostics.has_errors()
    {
        pages_done(&mut memory.files());
    }
    let started = Instant::now();
    let (problems, files) = renderer.render_indexes(&page_sink, memory.as_mut());
    *index.lock().unwrap_or_else(|e| e.into_inner()) = (files, started.elapsed());
    diagnostics.extend(problems.sorted());
    (diagnostics, memory)
}

/// Hands every entry's and handbook's files and the handbooks' books to the sink; returns the
/// problems. A photo is
/// handed over as its copies from the store, never as itself (a photo that could not be made
/// is not published at all: its problem is reported where it is named).
fn assets(site: &Site, shelf: &Shelf, sink: &Counting<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut hand = |address: String, source: PathBuf| {
        if !crate::photos::is_photo(&address) {
            let content = Content::From(Origin::Disk(source));
            diagnostics.extend(sink(&address, &content, None).err());
            return;
        }
        let Some(Developed {
            photo: Ok(photo),
            stored,
            ..
        }) = site.album.get(&source)
        else {
            return;
        };
        for name in photo.stored_files() {
            let content = Content::From(Origin::Disk(stored.join(&name)));
            let path = crate::photos::published(&address, &name);
            diagnostics.extend(sink(&path, &content, None).err());
        }
    };
    for e in &site.entries {
        if let Some((dir, _)) = &e.folder {
            for asset in &e.assets {
                hand(
                    Urls::media(e.section, &e.slug, &asset.name),
                    dir.join(&asset.name),
                );
            }
        }
        if let Some(book) = &e.handbook {
            for asset in &book.assets {
                hand(
                    Urls::handbook_media(&e.slug, &asset.name),
                    book.dir.0.join(&asset.name),
                );
            }
        }
    }
    for (project, lang, format, book) in shelf.iter() {
        let address = crate::books::address(&site.entries[project].slug, lang, format);
        let content = Content::From(Origin::Disk(book.stored.clone()));
        diagnostics.extend(sink(&address, &content, None).err());
    }
    diagnostics
}

/// Runs `work`, showing a progress line on a terminal (the message `message` with `done` and
/// `total`) if it takes longer than a second since `started`; its result and how long it took.
fn with_progress<T: Send>(
    started: Instant,
    message: Text,
    work: impl FnOnce(&AtomicUsize, &AtomicUsize) -> T + Send,
) -> (T, Duration) {
    let began = Instant::now();
    let done = AtomicUsize::new(0);
    let total = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let show = std::io::stderr().is_terminal();
    std::thread::scope(|scope| {
        if show {
            scope.spawn(|| {
                let mut shown = false;
                while !finished.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    if started.elapsed() >= Duration::from_secs(1)
                        && !finished.load(Ordering::Relaxed)
                    {
                        let (d, t) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
                        let text = message.clone().arg("done", d).arg("total", t);
                        eprint!("\r  {text}");
                        let _ = std::io::stderr().flush();
                        shown = true;
                    }
                }
                if shown {
                    eprint!("\r\x1b[K");
                }
            });
        }
        let result = work(&done, &total);
        finished.store(true, Ordering::Relaxed);
        (result, began.elapsed())
    })
}
