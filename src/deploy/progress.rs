//! What a deploy shows while it sends: on a terminal a bar (files and bytes, the current file,
//! the rate); otherwise a plain line at every tenth of the bytes, for logs.

use crate::messages::Text;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// The progress of sending files.
pub struct Progress {
    bar: Option<ProgressBar>,
    files: (usize, usize),
    bytes: (u64, u64),
    /// The last tenth reported in plain lines.
    tenth: u64,
}

impl Progress {
    /// Progress over `files` files of `bytes` bytes in all.
    pub fn new(files: usize, bytes: u64) -> Progress {
        let bar = (files > 0 && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "  [{bar:28}] {prefix} files, {binary_bytes}/{binary_total_bytes}, \
                 {binary_bytes_per_sec} {wide_msg}",
            )
            .map(|s| s.progress_chars("=> "));
            if let Ok(style) = style {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            files: (0, files),
            bytes: (0, bytes),
            tenth: 0,
        }
    }

    /// `path` is being sent.
    pub fn start(&self, path: &str) {
        if let Some(bar) = &self.bar {
            bar.set_prefix(format!("{}/{}", self.files.0, self.files.1));
            bar.set_message(path.to_string());
        }
    }

    /// A file of `size` bytes arrived.
    pub fn sent(&mut self, size: u64) {
        self.files.0 += 1;
        self.bytes.0 += size;
        match &self.bar {
            Some(bar) => {
                bar.set_prefix(format!("{}/{}", self.files.0, self.files.1));
                bar.inc(size);
            }
            None => {
                let tenth = (self.bytes.0 * 10).checked_div(self.bytes.1).unwrap_or(10);
                if tenth > self.tenth {
                    self.tenth = tenth;
                    eprintln!("  {}", self.line());
                }
            }
        }
    }

    fn line(&self) -> Text {
        let mb = |b: u64| format!("{:.1}", b as f64 / 1e6);
        Text::new("deploy-progress")
            .arg("done", self.files.0)
            .arg("total", self.files.1)
            .arg("mb", mb(self.bytes.0))
            .arg("total_mb", mb(self.bytes.1))
    }

    /// A line to show above the bar (a retry).
    pub fn note(&self, text: Text) {
        match &self.bar {
            Some(bar) => bar.println(format!("  {text}")),
            None => eprintln!("  {text}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
