//! The integration tests that need tools besides Rust — headless Chromium, Java (the Nu Html
//! Checker), node (the JavaScript tests and the browser tooling), root (to mount a tmpfs) —
//! in one binary with its own harness (libtest-mimic), so that a test whose tool this machine
//! lacks is reported as ignored in the summary, never as passed. With `CI=true` nothing is
//! ignored: a missing tool fails its tests.

#[path = "../harness/mod.rs"]
mod harness;

mod books;
mod browser;
mod deploy;
mod disk;
mod hostile;
mod node;
mod quality;

use harness::tools::{Tool, in_ci};
use libtest_mimic::{Arguments, Trial};

/// A test, the tools it needs, and its function.
type Test = (&'static str, &'static [Tool], fn());

const CHROMIUM: &[Tool] = &[Tool::Chromium];
const BROWSER: &[Tool] = &[Tool::Chromium, Tool::Node];
const NU: &[Tool] = &[Tool::Java, Tool::Node];
const PYTHON: &[Tool] = &[Tool::Python];
const SSHD: &[Tool] = &[Tool::Sshd];
const BOOKS: &[Tool] = &[Tool::Poppler, Tool::Epubcheck];

const TESTS: &[Test] = &[
    (
        "books::the_sample_handbook_is_a_valid_pdf_and_epub_in_each_language",
        BOOKS,
        books::the_sample_handbook_is_a_valid_pdf_and_epub_in_each_language,
    ),
    (
        "books::a_photo_in_a_chapter_is_set_in_both_books_as_the_sites_copy",
        BOOKS,
        books::a_photo_in_a_chapter_is_set_in_both_books_as_the_sites_copy,
    ),
    (
        "books::a_chapter_missing_in_a_language_is_in_its_book_in_the_language_it_has",
        BOOKS,
        books::a_chapter_missing_in_a_language_is_in_its_book_in_the_language_it_has,
    ),
    (
        "browser::the_language_chooser_follows_the_browser_language",
        CHROMIUM,
        browser::the_language_chooser_follows_the_browser_language,
    ),
    (
        "browser::pages_fit_a_phone_screen",
        CHROMIUM,
        browser::pages_fit_a_phone_screen,
    ),
    (
        "browser::screenshots_of_home_and_practice_pages",
        CHROMIUM,
        browser::screenshots_of_home_and_practice_pages,
    ),
    (
        "browser::search_finds_inflected_latin_typed_and_misspelt_words_offline",
        CHROMIUM,
        browser::search_finds_inflected_latin_typed_and_misspelt_words_offline,
    ),
    (
        "browser::search_offers_the_other_language_when_nothing_matches",
        CHROMIUM,
        browser::search_offers_the_other_language_when_nothing_matches,
    ),
    (
        "browser::search_results_show_content_as_text",
        CHROMIUM,
        browser::search_results_show_content_as_text,
    ),
    (
        "browser::search_end_to_end_from_a_folder_and_over_http",
        BROWSER,
        browser::search_end_to_end_from_a_folder_and_over_http,
    ),
    (
        "browser::serve_reloads_the_open_page_and_shows_problems",
        BROWSER,
        browser::serve_reloads_the_open_page_and_shows_problems,
    ),
    (
        "disk::a_mount_point_can_be_the_output_and_a_full_disk_loses_nothing",
        &[Tool::Mount],
        disk::a_mount_point_can_be_the_output_and_a_full_disk_loses_nothing,
    ),
    (
        "deploy::ftp_deploys_mirror_the_build_and_send_only_what_changed",
        PYTHON,
        deploy::ftp_deploys_mirror_the_build_and_send_only_what_changed,
    ),
    (
        "deploy::ftps_trusts_a_self_signed_certificate_only_by_its_fingerprint",
        PYTHON,
        deploy::ftps_trusts_a_self_signed_certificate_only_by_its_fingerprint,
    ),
    (
        "deploy::ftp_failures_are_plain_and_the_password_stays_secret",
        PYTHON,
        deploy::ftp_failures_are_plain_and_the_password_stays_secret,
    ),
    (
        "deploy::an_ftp_deploy_cut_off_by_the_server_is_finished_by_the_next",
        PYTHON,
        deploy::an_ftp_deploy_cut_off_by_the_server_is_finished_by_the_next,
    ),
    (
        "deploy::sftp_deploys_with_a_key_and_checks_the_host_key",
        SSHD,
        deploy::sftp_deploys_with_a_key_and_checks_the_host_key,
    ),
    (
        "disk::a_deploy_to_a_full_stick_says_so_and_keeps_what_was_there",
        &[Tool::Mount],
        disk::a_deploy_to_a_full_stick_says_so_and_keeps_what_was_there,
    ),
    (
        "hostile::no_script_of_the_content_runs_on_any_page_in_chromium",
        BROWSER,
        hostile::no_script_of_the_content_runs_on_any_page_in_chromium,
    ),
    (
        "node::javascript_tests_pass",
        &[Tool::Node],
        node::javascript_tests_pass,
    ),
    (
        "node::javascript_is_lint_free",
        &[Tool::Node],
        node::javascript_is_lint_free,
    ),
    (
        "quality::every_page_type_exists_in_both_languages",
        &[],
        quality::every_page_type_exists_in_both_languages,
    ),
    (
        "quality::html_is_valid_for_the_nu_checker",
        NU,
        quality::html_is_valid_for_the_nu_checker,
    ),
    (
        "quality::every_link_and_fragment_resolves_over_http_and_from_a_folder",
        &[],
        quality::every_link_and_fragment_resolves_over_http_and_from_a_folder,
    ),
    (
        "quality::nothing_is_loaded_from_another_host",
        &[],
        quality::nothing_is_loaded_from_another_host,
    ),
    (
        "quality::the_root_page_works_without_javascript",
        &[],
        quality::the_root_page_works_without_javascript,
    ),
    (
        "quality::feeds_and_sitemap_parse_and_name_existing_pages",
        &[],
        quality::feeds_and_sitemap_parse_and_name_existing_pages,
    ),
    (
        "quality::accessibility_keyboard_and_screenshots_in_chromium",
        BROWSER,
        quality::accessibility_keyboard_and_screenshots_in_chromium,
    ),
    (
        "quality::the_package_unpacks_into_one_folder_that_works_from_disk",
        BROWSER,
        quality::the_package_unpacks_into_one_folder_that_works_from_disk,
    ),
    (
        "quality::a_failed_package_leaves_the_previous_one",
        &[],
        quality::a_failed_package_leaves_the_previous_one,
    ),
    (
        "quality::a_package_is_named_after_the_site_and_the_date",
        &[],
        quality::a_package_is_named_after_the_site_and_the_date,
    ),
];

fn main() {
    let args = Arguments::from_args();
    let ci = in_ci();
    let mut said = Vec::new();
    let trials = TESTS
        .iter()
        .map(|&(name, needs, test)| {
            let missing: Vec<Tool> = needs.iter().copied().filter(|t| !t.available()).collect();
            for tool in &missing {
                if !said.contains(tool) {
                    eprintln!(
                        "{} is missing: the tests that need it are ignored",
                        tool.install()
                    );
                    said.push(*tool);
                }
            }
            Trial::test(name, move || {
                test();
                Ok(())
            })
            .with_ignored_flag(!ci && !missing.is_empty())
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
