//! The `spodeli` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use spodeli::build::{self, Outcome};
use spodeli::messages::{self, Lang, Text};
use spodeli::scaffold::{self, Form, Kind};
use spodeli::site::Options;
use std::path::PathBuf;
use std::process::ExitCode;

/// Rendering allocates many small strings on every thread; mimalloc handles that far better
/// than the system allocator (about a third less build time on 2 cores). Without transparent
/// huge pages (`no_thp`): with them, memory freed and taken again is zeroed 2 MB at a time, and
/// a 10,000-entry build spent a third of its time in the kernel doing so.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// spodeli builds bilingual (Bulgarian/English) websites of good practices and project results
/// in education from YAML and Markdown entries. The output works at any address, under any
/// sub-path, and when opened from a folder.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// The site folder (the one with site.yaml).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    /// The language of spodeli's messages: bg or en (default: from the environment's locale,
    /// LC_ALL, LC_MESSAGES or LANG; Bulgarian if it starts with `bg`, English otherwise).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

/// What `build` and `package` publish, and at which address.
#[derive(clap::Args)]
struct Publish {
    /// Publish at this address instead of site.yaml's base_url, in canonical links, feeds and
    /// the sitemap (e.g. https://school.example/praktiki/).
    #[arg(long)]
    base_url: Option<String>,
    /// Also build entries marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

impl Publish {
    fn options(&self, offline: bool) -> Options {
        Options {
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            offline,
            ..Options::default()
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder (public/ by default): every page, the search index, feeds,
    /// photos as their copies, and each handbook as a PDF and an EPUB per language (typeset only
    /// when it changed). A failed build leaves the previous output untouched.
    Build {
        /// The output folder (may not be the site folder or hold its sources).
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
        /// Write every link to a folder as `…/index.html`, so the site can be browsed straight
        /// from the disk or a USB stick (browsers do not open index files of folders there).
        #[arg(long)]
        offline: bool,
        /// Write every file again, as into an empty folder (a build otherwise writes only the
        /// files whose bytes changed since the last build into this folder).
        #[arg(long)]
        force: bool,
    },
    /// Build the site for offline use and pack it into one zip file, to copy onto a USB stick or
    /// send: unpacked anywhere, its index.html opens the site, search included.
    Package {
        /// The zip file (default: named after the site title and today's date, in the current
        /// folder).
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
    },
    /// Build the site and put it on the school's hosting (FTP, FTPS, SFTP) or into a folder,
    /// sending only what changed since the last deploy. Files that spodeli did not put there
    /// (the school's own index.php, other folders) are never replaced or removed. The password
    /// comes from SPODELI_DEPLOY_PASSWORD, ~/.netrc, or a question on the terminal.
    Deploy {
        /// Where to: ftp://USER@HOST[:PORT]/FOLDER/, ftps://… (FTP with TLS), sftp://…, or a
        /// folder; default: `deploy: {target: …}` in site.yaml. The folder is relative to the
        /// one the account logs in to.
        target: Option<String>,
        /// Only list what would be sent and removed.
        #[arg(long)]
        dry_run: bool,
        /// Replace files in the way, which spodeli did not put there: for the first deploy over
        /// an earlier copy of the site uploaded by hand.
        #[arg(long)]
        take_over: bool,
        #[command(flatten)]
        publish: Publish,
    },
    /// Build the site into memory and serve it on http://127.0.0.1:1111/, rebuilding on every
    /// change and reloading open pages; problems show in the terminal and over the page.
    Serve {
        /// Port to listen on (the next free one is used if it is taken; 0 for any).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; use 0.0.0.0 to let other devices of the network see the site.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Also build entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything (fields, vocabularies, links, files, templates, translations) without
    /// writing anything; list every problem, the entries missing in a language, and the drafts.
    Check {
        /// Also check entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Start a new site, or add an entry in every language of the site: the file name comes
    /// from the title (Bulgarian transliterated: „Уроци в гората“ → urotsi-v-gorata), every
    /// required field is there with a comment, and `draft: true` keeps it unpublished until
    /// you remove it. Nothing is ever overwritten.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// List the codes of every vocabulary (themes, levels, programmes, …) with their labels in
    /// each language, including the site's own additions from vocabulary.yaml.
    Codes {
        /// Only this vocabulary (e.g. themes).
        vocabulary: Option<String>,
    },
}

/// What `spodeli new` makes.
#[derive(Subcommand)]
enum New {
    /// A working site in a new or empty folder: site.yaml, a sample practice, the school as an
    /// organisation, an about page and an accessibility statement.
    Site {
        /// The folder to create.
        dir: PathBuf,
        /// The site's languages, the default first.
        #[arg(long, default_value = "bg,en")]
        languages: String,
    },
    /// A practice, e.g. `spodeli new practice "Уроци в гората"`.
    Practice {
        /// The title (in the site's default language).
        title: String,
        #[arg(long, value_enum, default_value_t = FormArg::File)]
        /// file: one Markdown file per language; folder: a folder with room for photos and
        /// files; yaml: one YAML file with every language.
        form: FormArg,
    },
    /// A project.
    Project {
        /// The title.
        title: String,
        /// file, folder or yaml (see `new practice --help`).
        #[arg(long, value_enum, default_value_t = FormArg::File)]
        form: FormArg,
    },
    /// An organisation (a school, a municipality, a partner), written as one YAML file.
    Organisation {
        /// The name.
        name: String,
    },
    /// A free page (about, contact).
    Page {
        /// The title.
        title: String,
        /// file, folder or yaml (see `new practice --help`).
        #[arg(long, value_enum, default_value_t = FormArg::File)]
        form: FormArg,
    },
    /// The handbook of a project (the project must be a folder).
    Handbook {
        /// The project's file name (slug), e.g. leading-to-learn-together.
        project: String,
    },
    /// The next chapter of a project's handbook.
    Chapter {
        /// The project's file name (slug).
        project: String,
        /// The chapter's title.
        title: String,
    },
}

/// The form of a new entry.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FormArg {
    File,
    Folder,
    Yaml,
}

fn parse_lang(code: &str) -> Result<Lang, String> {
    match code {
        "bg" => Ok(Lang::Bg),
        "en" => Ok(Lang::En),
        _ => Err("expected bg or en".into()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    messages::choose(cli.lang.unwrap_or_else(Lang::from_environment));

    let (outcome, verb) = match &cli.command {
        Command::Build {
            out,
            publish,
            offline,
            force,
        } => {
            let options = Options {
                force: *force,
                ..publish.options(*offline)
            };
            (
                build::build(&cli.root, out.as_deref(), &options),
                Text::new("summary-built"),
            )
        }
        Command::Package { out, publish } => {
            let options = publish.options(true);
            (
                spodeli::package::package(&cli.root, out.as_deref(), &options),
                Text::new("summary-packaged"),
            )
        }
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => {
            let options = spodeli::serve::ServeOptions {
                bind: bind.clone(),
                port: *port,
                drafts: *drafts,
                open: *open,
            };
            return match spodeli::serve::serve(&cli.root, &options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("{}: {message}", Text::new("severity-error"));
                    ExitCode::FAILURE
                }
            };
        }
        Command::Deploy {
            target,
            dry_run,
            take_over,
            publish,
        } => {
            let options = spodeli::deploy::DeployOptions {
                target: target.clone(),
                dry_run: *dry_run,
                take_over: *take_over,
                password: None,
                build: publish.options(false),
            };
            let (outcome, deployed) = spodeli::deploy::deploy(&cli.root, &options);
            let code = report(outcome, Text::new("summary-built"));
            if let Some(deployed) = deployed {
                deployment(&deployed);
            }
            return code;
        }
        Command::New { what } => return new(&cli.root, what),
        Command::Codes { vocabulary } => return codes(&cli.root, vocabulary.as_deref()),
        Command::Check { drafts } => (
            build::check(
                &cli.root,
                &Options {
                    drafts: *drafts,
                    ..Options::default()
                },
            ),
            Text::new("summary-checked"),
        ),
    };
    report(outcome, verb)
}

/// `spodeli new`: writes the files and says which, and what to do next.
fn new(root: &std::path::Path, what: &New) -> ExitCode {
    let today = time::OffsetDateTime::now_utc().date();
    let today = format!(
        "{:04}-{:02}-{:02}",
        today.year(),
        u8::from(today.month()),
        today.day()
    );
    let form = |f: &FormArg| match f {
        FormArg::File => Form::File,
        FormArg::Folder => Form::Folder,
        FormArg::Yaml => Form::Yaml,
    };
    let (made, next) = match what {
        New::Site { dir, languages } => {
            let made = scaffold::parse_languages(languages)
                .and_then(|l| scaffold::new_site(dir, &l, &today))
                .map(|files| files.into_iter().map(|f| dir.join(f)).collect())
                .map_err(|d| vec![d]);
            let next = Text::new("new-next-site").arg("dir", dir.display().to_string());
            (made, next)
        }
        other => {
            let kind = match other {
                New::Practice { title, .. } => Kind::Practice(title.clone()),
                New::Project { title, .. } => Kind::Project(title.clone()),
                New::Page { title, .. } => Kind::Page(title.clone()),
                New::Organisation { name } => Kind::Organisation(name.clone()),
                New::Handbook { project } => Kind::Handbook(project.clone()),
                New::Chapter { project, title } => Kind::Chapter(project.clone(), title.clone()),
                New::Site { .. } => unreachable!("handled above"),
            };
            let form = match other {
                New::Practice { form: f, .. }
                | New::Project { form: f, .. }
                | New::Page { form: f, .. } => form(f),
                _ => Form::default(),
            };
            let made = scaffold::new_entry(root, &kind, form, &today);
            (made, Text::new("new-next-entry"))
        }
    };
    match made {
        Ok(files) => {
            for file in files {
                eprintln!("{}", scaffold::created(&file));
            }
            eprintln!("{next}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `spodeli codes`: every vocabulary's codes with their labels.
fn codes(root: &std::path::Path, only: Option<&str>) -> ExitCode {
    let mut diagnostics = Default::default();
    let languages: Vec<String> = spodeli::config::Config::load(root, &mut diagnostics)
        .map_or_else(|| vec!["bg".to_string(), "en".to_string()], |c| c.languages);
    let vocabulary = spodeli::vocabulary::Vocabulary::load(root, &languages, &mut diagnostics);
    let listing = vocabulary.listing(&languages, only);
    if listing.is_empty() {
        let known = vocabulary.names().join(", ");
        let text = Text::new("codes-unknown-vocabulary")
            .arg("name", only.unwrap_or_default())
            .arg("known", known);
        eprintln!("{}: {text}", Text::new("severity-error"));
        return ExitCode::FAILURE;
    }
    print!("{listing}");
    ExitCode::SUCCESS
}

/// What a deploy did, after the build's summary; a dry run's list on standard output.
fn deployment(deployed: &spodeli::deploy::Deployed) {
    for line in &deployed.listing {
        println!("{line}");
    }
    let summary = match deployed.dry_run {
        true => Text::new("summary-deploy-dry-run"),
        false => Text::new("summary-deployed"),
    }
    .arg("target", deployed.target.clone())
    .arg("sent", deployed.sent)
    .arg("mb", format!("{:.1}", deployed.bytes as f64 / 1e6))
    .arg("removed", deployed.removed)
    .arg("unchanged", deployed.unchanged)
    .arg("seconds", format!("{:.2}", deployed.elapsed.as_secs_f64()));
    eprintln!("{summary}");
    if deployed.resumed {
        eprintln!("  {}", Text::new("summary-deploy-resumed"));
    }
    if deployed.taken_over > 0 {
        let line = Text::new("summary-deploy-taken-over").arg("count", deployed.taken_over);
        eprintln!("  {line}");
    }
}

fn report((report, diagnostics): Outcome, verb: Text) -> ExitCode {
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let Some(report) = report else {
        eprintln!("{}", Text::new("summary-failed").arg("errors", errors));
        return ExitCode::FAILURE;
    };
    if verb.id() == "summary-checked" {
        for (path, missing) in &report.untranslated {
            let note = Text::new("summary-untranslated")
                .arg("path", path.display().to_string())
                .arg("languages", missing.join(", "));
            eprintln!("{note}");
        }
        for path in &report.drafts {
            let note = Text::new("summary-draft").arg("path", path.display().to_string());
            eprintln!("{note}");
        }
    }
    let per_lang: Vec<String> = report
        .pages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let summary = verb
        .arg("total", report.pages.values().sum::<usize>())
        .arg("per_lang", per_lang.join(", "))
        .arg("files", report.files)
        .arg("mb", format!("{:.1}", report.bytes as f64 / 1e6))
        .arg("seconds", format!("{:.2}", report.elapsed.as_secs_f64()))
        .arg(
            "out",
            report
                .out
                .as_ref()
                .map(|o| o.display().to_string())
                .unwrap_or_default(),
        );
    eprintln!("{summary}");
    let made = [
        (
            Text::new("summary-photos"),
            report.photos,
            report.photo_time,
        ),
        (Text::new("summary-books"), report.books, report.book_time),
    ];
    for (text, (all, made), time) in made.into_iter().filter(|(_, (all, _), _)| *all > 0) {
        let line = text
            .arg("count", all)
            .arg("made", made)
            .arg("seconds", format!("{:.2}", time.as_secs_f64()))
            .arg("stored", all - made);
        eprintln!("  {line}");
    }
    if report.index.0 > 0 {
        let line = Text::new("summary-index")
            .arg("files", report.index.0)
            .arg("seconds", format!("{:.2}", report.index.1.as_secs_f64()));
        eprintln!("  {line}");
    }
    if let Some(written) = report.written {
        if written.repaired {
            eprintln!("{}", Text::new("summary-repaired"));
        }
        let files = Text::new("summary-files")
            .arg("rendered", report.rendered)
            .arg("written", written.written)
            .arg("unchanged", written.unchanged)
            .arg("removed", written.removed);
        eprintln!("  {files}");
    }
    ExitCode::SUCCESS
}
