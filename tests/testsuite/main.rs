//! The integration tests that need nothing but Rust, in one binary (linked once), one module
//! per feature. Each builds sites through the shared harness (`tests/harness/`): a fixture of
//! `tests/sites/`, the sample site, or a new site with files added.

#[path = "../harness/mod.rs"]
mod harness;

mod architecture;
mod books;
mod crashes;
mod deploy;
mod feeds;
mod handbooks;
mod hostile;
mod incremental;
mod linking;
mod mutants;
mod package;
mod pages;
mod photos;
mod problems;
mod rebuild;
mod serve;
mod webmaster;

use harness::{Built, SiteTest};

/// The `base_url` of the `full` fixture.
const FIXTURE_URL: &str = "https://fixture.example/";

/// The `full` fixture (every page type in both languages), built.
fn full() -> Built {
    SiteTest::fixture("full").built()
}
