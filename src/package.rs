//! `spodeli package`: the offline build of the site in one zip file, to hand over on a USB stick
//! or by e-mail. Unpacked anywhere, its `index.html` opens the site, search included.
//!
//! The zip holds one folder named like the file (`spodeleni-praktiki-2026-11-23/`), so that
//! unpacking never scatters files. It is written beside its final name and renamed at the end:
//! a failed run leaves an earlier package as it was. The site is built into the site's cache
//! folder and stays there, so that the next package renders only the pages that changed and
//! compresses only the files that changed (the others are copied, compressed, from the earlier
//! package, which says in its comment which build it was made from).

use crate::build::{self, Outcome};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::output::record::{self, Record};
use crate::site::Options;
use crate::translit::slugify;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The package's name without `.zip`: the site title in the default language, and the date.
fn default_name(root: &Path) -> String {
    let title = Config::load(root, &mut Diagnostics::default())
        .and_then(|c| c.title.get(c.default_language()).map(|t| slugify(t)))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "site".into());
    let today = time::OffsetDateTime::now_utc().date();
    format!("{title}-{today}")
}

/// The folder in the site's cache that packages are built into: kept between runs, so that a
/// package after a small edit renders and packs again only what changed.
const BUILT: &str = "package";

/// The zip comment that says which build of [`BUILT`] a package was made from.
const COMMENT: &str = "spodeli-package";

/// Builds the site at `root` for offline use and packs it into `out` (default: named after the
/// site and the date, in the current folder). `options.offline` is forced on.
///
/// The site is built into the site's cache folder, as `build` would, and an earlier package
/// at `out` made from the build before lends the compressed files that did not change.
pub fn package(root: &Path, out: Option<&Path>, options: &Options) -> Outcome {
    let started = std::time::Instant::now();
    let out = out.map_or_else(
        || PathBuf::from(format!("{}.zip", default_name(root))),
        Path::to_path_buf,
    );
    let folder = out
        .file_stem()
        .map_or_else(|| "site".into(), |s| s.to_string_lossy().into_owned());
    let built = root.join(build::saved::CACHE).join(BUILT);
    // What the folder held when the earlier package could have been made from it.
    let unfinished = built.join(record::UPDATING).exists();
    let before = (!options.force && !unfinished)
        .then(|| record::read(&built))
        .flatten();
    let options = Options {
        offline: true,
        ..options.clone()
    };
    let (report, mut diagnostics) = build::build(root, Some(&built), &options);
    let Some(mut report) = report else {
        return (None, diagnostics);
    };
    let zipped = match record::read(&built) {
        Some(now) => zip_folder(&built, &now, &folder, &out, before.as_ref()),
        None => Err(packing_failed(&out, "no record of the build".into())),
    };
    match zipped {
        Ok(()) => {
            report.out = Some(out);
            report.elapsed = started.elapsed();
            (Some(report), diagnostics)
        }
        Err(d) => {
            diagnostics.push(d);
            (None, diagnostics)
        }
    }
}

fn packing_failed(out: &Path, detail: String) -> Diagnostic {
    let message = crate::messages::Text::new("io-packing").arg("detail", detail);
    Diagnostic::error(Location::file(out), Problem::Io(message))
}

/// Packs the files of `record` under `dir` into `out`, inside a folder `folder`, taking the
/// files that `before` (the record of `dir` an earlier package may have been made from) has
/// alike from that package.
fn zip_folder(
    dir: &Path,
    record: &Record,
    folder: &str,
    out: &Path,
    before: Option<&Record>,
) -> Result<(), Diagnostic> {
    let partial = out.with_extension("zip.part");
    let earlier = before.and_then(|before| Earlier::open(out, before));
    let written = write_zip(dir, record, folder, &partial, earlier)
        .and_then(|()| std::fs::rename(&partial, out).map_err(|e| e.to_string()));
    written.map_err(|message| {
        let _ = std::fs::remove_file(&partial);
        packing_failed(out, message)
    })
}

/// An earlier package made from the build a record describes, and that record.
struct Earlier<'a> {
    zip: zip::ZipArchive<std::fs::File>,
    folder: String,
    record: &'a Record,
}

impl<'a> Earlier<'a> {
    /// The package at `path` if its comment says it was made from `record`.
    fn open(path: &Path, record: &'a Record) -> Option<Earlier<'a>> {
        let zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
        let comment = String::from_utf8_lossy(zip.comment()).into_owned();
        let mut lines = comment.lines();
        let made_from = format!("{:016x}", record::digest(record));
        let ours = lines.next() == Some(COMMENT) && lines.next() == Some(made_from.as_str());
        let folder = lines.next().filter(|_| ours)?.to_string();
        Some(Earlier {
            zip,
            folder,
            record,
        })
    }

    /// The place in the earlier package of `path`, if the file is the same now (`stamp`).
    fn place(&self, path: &str, stamp: &record::Stamp) -> Option<usize> {
        (self.record.get(path) == Some(stamp))
            .then(|| self.zip.index_for_name(&format!("{}/{path}", self.folder)))
            .flatten()
    }
}

fn write_zip(
    dir: &Path,
    record: &Record,
    folder: &str,
    partial: &Path,
    mut earlier: Option<Earlier<'_>>,
) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| e.to_string();
    let file = std::fs::File::create(partial).map_err(|e| failed(&e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let compressed = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut paths: Vec<(&String, &record::Stamp)> = record.iter().collect();
    paths.sort_unstable_by_key(|(path, _)| *path);
    for (path, stamp) in paths {
        let name = format!("{folder}/{path}");
        let place = earlier.as_ref().and_then(|e| e.place(path, stamp));
        if let (Some(place), Some(earlier)) = (place, earlier.as_mut()) {
            let file = earlier.zip.by_index_raw(place).map_err(|e| failed(&e))?;
            zip.raw_copy_file_rename(file, &name)
                .map_err(|e| failed(&e))?;
            continue;
        }
        zip.start_file(name, compressed).map_err(|e| failed(&e))?;
        let bytes = std::fs::read(dir.join(path)).map_err(|e| failed(&e))?;
        zip.write_all(&bytes).map_err(|e| failed(&e))?;
    }
    zip.set_comment(format!(
        "{COMMENT}\n{:016x}\n{folder}",
        record::digest(record)
    ));
    zip.finish()
        .map_err(|e| failed(&e))?
        .flush()
        .map_err(|e| failed(&e))
}
