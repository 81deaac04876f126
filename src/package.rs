//! `spodeli package`: the offline build of the site in one zip file, to hand over on a USB stick
//! or by e-mail. Unpacked anywhere, its `index.html` opens the site, search included.
//!
//! The zip holds one folder named like the file (`spodeleni-praktiki-2026-11-23/`), so that
//! unpacking never scatters files. It is written beside its final name and renamed at the end:
//! a failed run leaves an earlier package as it was.

use crate::build::{self, Outcome};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
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

/// Builds the site at `root` for offline use and packs it into `out` (default: named after the
/// site and the date, in the current folder). `options.offline` is forced on.
pub fn package(root: &Path, out: Option<&Path>, options: &Options) -> Outcome {
    let out = out.map_or_else(
        || PathBuf::from(format!("{}.zip", default_name(root))),
        Path::to_path_buf,
    );
    let folder = out
        .file_stem()
        .map_or_else(|| "site".into(), |s| s.to_string_lossy().into_owned());
    let staging = std::env::temp_dir().join(format!(
        "spodeli-package-{}-{}",
        std::process::id(),
        time::OffsetDateTime::now_utc().unix_timestamp_nanos()
    ));
    let options = Options {
        offline: true,
        ..options.clone()
    };
    let (report, mut diagnostics) = build::build(root, Some(&staging), &options);
    let outcome = match report {
        Some(mut report) => match zip_folder(&staging, &folder, &out) {
            Ok(()) => {
                report.out = Some(out);
                Some(report)
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        None => None,
    };
    let _ = std::fs::remove_dir_all(&staging);
    (outcome, diagnostics)
}

/// Packs every file under `dir` into `out`, inside a folder `folder`.
fn zip_folder(dir: &Path, folder: &str, out: &Path) -> Result<(), Diagnostic> {
    let partial = out.with_extension("zip.part");
    let written = write_zip(dir, folder, &partial)
        .and_then(|()| std::fs::rename(&partial, out).map_err(|e| e.to_string()));
    written.map_err(|message| {
        let _ = std::fs::remove_file(&partial);
        let message = crate::messages::Text::new("io-packing").arg("detail", message);
        Diagnostic::error(Location::file(out), Problem::Io(message))
    })
}

fn write_zip(dir: &Path, folder: &str, partial: &Path) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| e.to_string();
    let file = std::fs::File::create(partial).map_err(|e| failed(&e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        // The build's record is for the next build into that folder, not for readers.
        .filter(|p| *p != dir.join(crate::output::record::RECORD))
        .collect();
    files.sort();
    for path in files {
        let relative = path.strip_prefix(dir).unwrap_or(&path);
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        zip.start_file(format!("{folder}/{}", name.join("/")), stored)
            .map_err(|e| failed(&e))?;
        let bytes = std::fs::read(&path).map_err(|e| failed(&e))?;
        zip.write_all(&bytes).map_err(|e| failed(&e))?;
    }
    zip.finish()
        .map_err(|e| failed(&e))?
        .flush()
        .map_err(|e| failed(&e))
}
