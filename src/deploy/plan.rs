//! What a deploy will do, decided before anything is sent: which files go (and in which order),
//! which folders are made, what is removed, and which files of others stand in the way.

use super::manifest::{Owned, Sent};
use super::remote::operations::{Done, Kind};
use crate::sections::Section;
use crate::urls::Taxonomy;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many files of others in the way are looked for before the deploy stops looking: a
/// folder holding an earlier copy of the site uploaded by hand would otherwise be probed file
/// by file, which takes long on a slow host, only to be refused.
const IN_THE_WAY_LIMIT: usize = 100;

/// The work of one deploy.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to send, in the order readers should see them arrive.
    pub send: Vec<(String, Sent)>,
    /// Folders to make, each after its parent.
    pub create: Vec<String>,
    /// Files the last deploy put there that the build no longer has.
    pub remove: Vec<String>,
    /// Temporary files a deploy cut off may have left of the files in [`Plan::remove`].
    pub parts: Vec<String>,
    /// Folders deploys made that no file of the build needs, deepest first.
    pub remove_folders: Vec<String>,
    /// Every folder the build needs that deploys made (or will make).
    pub folders: BTreeSet<String>,
    /// Files alike on both sides.
    pub unchanged: usize,
    /// Files (or folders' names) of others that a file of the build would replace.
    pub in_the_way: Vec<String>,
    /// Whether every file in the way was looked for ([`IN_THE_WAY_LIMIT`]).
    pub in_the_way_complete: bool,
    /// Files of others that `--take-over` replaces.
    pub taken_over: usize,
}

impl Plan {
    /// The bytes to send.
    pub fn bytes(&self) -> u64 {
        self.send.iter().map(|(_, s)| s.size).sum()
    }
}

/// What is known of a folder the build needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// It is there.
    There,
    /// It is not: made by this deploy, and nothing under it can be in the way.
    Missing,
    /// A file of others has its name.
    Blocked,
}

/// Decides the work of sending `built` to a target that deploys left as `owned`, asking `probe`
/// what is at a path only where no record says.
pub fn plan(
    built: &BTreeMap<String, Sent>,
    owned: &Owned,
    take_over: bool,
    probe: &mut dyn FnMut(&str) -> Done<Option<Kind>>,
) -> Done<Plan> {
    let mut plan = Plan {
        in_the_way_complete: true,
        ..Plan::default()
    };
    let needed: BTreeSet<&str> = built.keys().flat_map(|p| parents(p)).collect();
    // Sorted, a folder comes before everything under it.
    let mut states: HashMap<&str, State> = HashMap::from([("", State::There)]);
    for &folder in &needed {
        let parent = states[parent_of(folder)];
        let state = if owned.folders.contains(folder) {
            State::There
        } else if parent != State::There {
            State::Missing
        } else {
            match probe(folder)? {
                Some(Kind::Folder) => State::There,
                Some(Kind::File) => {
                    plan.in_the_way.push(folder.to_string());
                    State::Blocked
                }
                None => State::Missing,
            }
        };
        if state == State::Missing && parent != State::Blocked {
            plan.create.push(folder.to_string());
        }
        if state == State::Missing || owned.folders.contains(folder) {
            plan.folders.insert(folder.to_string());
        }
        states.insert(folder, state);
    }
    for (path, sent) in built {
        match owned.files.get(path) {
            Some(Some(before)) if before == sent => plan.unchanged += 1,
            Some(_) => plan.send.push((path.clone(), *sent)),
            None => match states[parent_of(path)] {
                State::Missing => plan.send.push((path.clone(), *sent)),
                State::Blocked => {}
                State::There if take_over => {
                    plan.taken_over += 1;
                    plan.send.push((path.clone(), *sent));
                }
                State::There if plan.in_the_way.len() >= IN_THE_WAY_LIMIT => {
                    plan.in_the_way_complete = false;
                }
                State::There => match probe(path)? {
                    None => plan.send.push((path.clone(), *sent)),
                    Some(_) => plan.in_the_way.push(path.clone()),
                },
            },
        }
    }
    for (path, sent) in &owned.files {
        if !built.contains_key(path) {
            plan.remove.push(path.clone());
            if sent.is_none() {
                plan.parts.push(part_name(path));
            }
        }
    }
    plan.remove_folders = owned
        .folders
        .iter()
        .filter(|f| !needed.contains(f.as_str()))
        .rev()
        .cloned()
        .collect();
    plan.send
        .sort_by_cached_key(|(path, _)| (rank(path), path.clone()));
    Ok(plan)
}

/// The temporary name of a file being sent: hidden, beside it, and recognisably spodeli's.
pub fn part_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/.{name}.spodeli-part"),
        None => format!(".{path}.spodeli-part"),
    }
}

/// Every folder `path` is in, outermost first (`a`, `a/b` for `a/b/c.html`).
fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// The folder `path` is in (`""` for the target folder itself).
fn parent_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// When a file is sent: the files pages use first (styles, scripts, photos, downloads), then the
/// entries' pages, then what links to entries (listings, term pages, the search index, feeds,
/// the sitemap), and the home pages last — so that a reader who follows a link during a deploy
/// never meets a page that is not there yet.
fn rank(path: &str) -> u8 {
    const ASSET: u8 = 0;
    const ENTRY: u8 = 1;
    const LISTING: u8 = 2;
    const HOME: u8 = 3;
    let segments: Vec<&str> = path.split('/').collect();
    if !path.ends_with(".html") {
        let index_data = segments.first() == Some(&"search") && segments.len() > 2;
        return match index_data || path.ends_with(".xml") {
            true => LISTING,
            false => ASSET,
        };
    }
    let entries = [
        Section::Practices,
        Section::Projects,
        Section::Organisations,
    ]
    .map(Section::dir);
    let listings = Taxonomy::ALL.map(Taxonomy::segment);
    match segments.as_slice() {
        ["404.html"] => LISTING,
        ["index.html"] | [_, "index.html"] => HOME,
        [_, section, rest @ ..] if entries.contains(section) => match rest.first() {
            Some(&"index.html") | Some(&"page") => LISTING,
            _ => ENTRY,
        },
        [_, "search", ..] => LISTING,
        [_, segment, ..] if listings.contains(segment) => LISTING,
        _ => ENTRY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(paths: &[&str]) -> BTreeMap<String, Sent> {
        paths
            .iter()
            .map(|p| (p.to_string(), Sent::of(p.as_bytes())))
            .collect()
    }

    #[test]
    fn pages_go_after_what_they_link_to() {
        let mut order = vec![
            "index.html",
            "bg/index.html",
            "bg/practices/index.html",
            "bg/practices/page/2/index.html",
            "bg/practices/uroci/index.html",
            "bg/projects/p/handbook/ch/index.html",
            "bg/themes/stem/index.html",
            "bg/search/index.html",
            "bg/about/index.html",
            "bg/feed.xml",
            "search/bg/0.js",
            "search/engine.js",
            "style.css",
            "media/practices/uroci/a-800.webp",
            "404.html",
        ];
        order.sort_by_key(|p| (rank(p), *p));
        let at = |p: &str| order.iter().position(|o| *o == p).unwrap();
        for asset in [
            "style.css",
            "search/engine.js",
            "media/practices/uroci/a-800.webp",
        ] {
            assert!(at(asset) < at("bg/about/index.html"), "{asset}");
        }
        for entry in [
            "bg/practices/uroci/index.html",
            "bg/projects/p/handbook/ch/index.html",
        ] {
            for listing in [
                "bg/practices/page/2/index.html",
                "bg/themes/stem/index.html",
                "search/bg/0.js",
                "bg/feed.xml",
            ] {
                assert!(at(entry) < at(listing), "{entry} before {listing}");
            }
        }
        assert_eq!(&order[order.len() - 2..], ["bg/index.html", "index.html"]);
    }

    #[test]
    fn files_of_others_are_found_only_where_no_record_says() {
        let files = built(&[
            "index.html",
            "bg/a/index.html",
            "bg/b/index.html",
            "index.php/x",
        ]);
        let mut owned = Owned::default();
        owned
            .files
            .insert("bg/a/index.html".into(), Some(Sent::of(b"bg/a/index.html")));
        owned
            .files
            .insert("old.html".into(), Some(Sent::of(b"old")));
        owned
            .folders
            .extend(["bg", "bg/a", "gone"].map(String::from));
        let server = ["index.html", "index.php", "wp-content"];
        let mut asked = Vec::new();
        let mut probe = |p: &str| {
            asked.push(p.to_string());
            Ok(match p {
                "wp-content" => Some(Kind::Folder),
                p if server.contains(&p) => Some(Kind::File),
                _ => None,
            })
        };
        let plan = plan(&files, &owned, false, &mut probe).unwrap();
        assert_eq!(plan.in_the_way, ["index.php", "index.html"]);
        assert_eq!(plan.unchanged, 1);
        let sent: Vec<&str> = plan.send.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(sent, ["bg/b/index.html"]);
        assert_eq!(plan.create, ["bg/b"]);
        assert_eq!(plan.remove, ["old.html"]);
        assert_eq!(plan.remove_folders, ["gone"]);
        // Owned folders and folders under missing ones are not asked about.
        assert_eq!(asked, ["bg/b", "index.php", "index.html"]);

        let mut probe = |p: &str| Ok(server.contains(&p).then_some(Kind::File));
        let taken = super::plan(&built(&["index.html"]), &Owned::default(), true, &mut probe);
        let taken = taken.unwrap();
        assert_eq!((taken.taken_over, taken.in_the_way.len()), (1, 0));
    }

    #[test]
    fn looking_for_files_in_the_way_stops_after_a_hundred() {
        let paths: Vec<String> = (0..150).map(|i| format!("page-{i:03}.html")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let mut asked = 0;
        let mut probe = |_: &str| {
            asked += 1;
            Ok(Some(Kind::File))
        };
        let plan = plan(&built(&paths), &Owned::default(), false, &mut probe).unwrap();
        assert_eq!(
            (plan.in_the_way.len(), plan.in_the_way_complete),
            (IN_THE_WAY_LIMIT, false)
        );
        assert_eq!((asked, plan.send.len()), (IN_THE_WAY_LIMIT, 0));
    }
}
