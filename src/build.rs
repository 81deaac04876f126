//! The pipeline end to end: load the site, render every page, collect static files and entry
//! assets, and (for `build`) write them atomically. `check` runs the same stages and writes nothing.

use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::output::{self, Content};
use crate::render::Renderer;
use crate::render::theme::{Origin, Theme};
use crate::site::{Options, Site};
use crate::urls::{Urls, file_of};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
}

/// The outcome of a run: a report if it succeeded, and every problem found (warnings included).
pub type Outcome = (Option<Report>, Vec<Diagnostic>);

/// Builds the site at `root` into `out` (default: `root/public`).
pub fn build(root: &Path, out: Option<&Path>, options: &Options) -> Outcome {
    let out = out.map_or_else(|| root.join("public"), Path::to_path_buf);
    let out = match output::check_out_dir(root, &out) {
        Ok(out) => out,
        Err(d) => return (None, vec![d]),
    };
    run(root, options, |files| output::write_atomically(&out, files).map(|()| Some(out.clone())))
}

/// Loads, validates and renders the site at `root` without writing anything.
pub fn check(root: &Path, options: &Options) -> Outcome {
    run(root, options, |_| Ok(None))
}

/// Loads and renders everything in memory, then hands the files to `finish`.
pub fn run(
    root: &Path,
    options: &Options,
    finish: impl FnOnce(&[(String, Content)]) -> Result<Option<PathBuf>, Diagnostic>,
) -> Outcome {
    let started = Instant::now();
    let (site, diagnostics) = Site::load(root, options);
    let Some(site) = site else { return (None, diagnostics.sorted()) };
    let (files, mut diagnostics, pages) = with_progress(started, |done, total| render(&site, options, diagnostics, done, total));
    if diagnostics.has_errors() {
        return (None, diagnostics.sorted());
    }
    let out = match finish(&files) {
        Ok(out) => out,
        Err(d) => {
            diagnostics.push(d);
            return (None, diagnostics.sorted());
        }
    };
    let bytes = files
        .iter()
        .map(|(_, c)| match c {
            Content::Bytes(b) => b.len() as u64,
            Content::From(Origin::Embedded(b)) => b.len() as u64,
            Content::From(Origin::Disk(p)) => std::fs::metadata(p).map_or(0, |m| m.len()),
        })
        .sum();
    let untranslated = site
        .entries
        .iter()
        .filter_map(|e| {
            let missing: Vec<String> = site.config.languages.iter().filter(|l| !e.variants.contains_key(*l)).cloned().collect();
            (!missing.is_empty()).then(|| (e.parts[0].shown.clone(), missing))
        })
        .collect();
    let report = Report { pages, files: files.len(), bytes, elapsed: started.elapsed(), untranslated, out };
    (Some(report), diagnostics.sorted())
}

type Rendered = (Vec<(String, Content)>, Diagnostics, BTreeMap<String, usize>);

fn render(site: &Site, options: &Options, mut diagnostics: Diagnostics, done: &AtomicUsize, total: &AtomicUsize) -> Rendered {
    let theme = match Theme::load(&site.config.root, &site.config.theme) {
        Ok(t) => t,
        Err(message) => {
            diagnostics.push(Diagnostic::global(Problem::Config { field: "theme".into(), message }));
            return (vec![], diagnostics, BTreeMap::new());
        }
    };
    let renderer = match Renderer::new(site, Urls { offline: options.offline }, &theme) {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return (vec![], diagnostics, BTreeMap::new());
        }
    };
    let (pages, problems) = renderer.render_all(done, total);
    diagnostics.extend(problems.sorted());
    let mut counts = BTreeMap::new();
    let mut files: Vec<(String, Content)> = Vec::with_capacity(pages.len() + theme.statics.len());
    for page in pages {
        if let Some(lang) = page.lang {
            *counts.entry(lang).or_insert(0) += 1;
        }
        files.push((page.path, Content::Bytes(page.bytes)));
    }
    let generated: std::collections::HashSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    for (path, origin) in theme.statics {
        if !generated.contains(&path) && !generated.contains(&file_of(&path)) {
            files.push((path, Content::From(origin)));
        }
    }
    for e in &site.entries {
        if let Some((dir, _)) = &e.folder {
            for asset in &e.assets {
                files.push((Urls::media(e.section, &e.slug, asset), Content::From(Origin::Disk(dir.join(asset)))));
            }
        }
    }
    (files, diagnostics, counts)
}

/// Runs `work`, showing a progress line on a terminal if it takes longer than a second.
fn with_progress<T: Send>(started: Instant, work: impl FnOnce(&AtomicUsize, &AtomicUsize) -> T + Send) -> T {
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
                    if started.elapsed() >= Duration::from_secs(1) && !finished.load(Ordering::Relaxed) {
                        let (d, t) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
                        eprint!("\r  rendering pages: {d}/{t}");
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
        result
    })
}
