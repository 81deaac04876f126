//! The site the whole-build targets write their input into: made once per process by
//! `spodeli new site` in a temporary folder, then changed by the target.

use spodeli::messages::Lang;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();

/// The site's root; `prepare` changes it once, when it is made.
pub fn site(prepare: fn(&Path)) -> &'static PathBuf {
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("site");
            spodeli::scaffold::new_site(&root, &[Lang::Bg, Lang::En], "2026-12-02").unwrap();
            prepare(&root);
            (dir, root)
        })
        .1
}
