//! The kinds of entry spodeli publishes: a leaf that every stage may name (the folders under
//! `content/`, the URL segments), so that addresses and content agree without either knowing
//! the other.

/// The kinds of entry, each with its folder under `content/` and its URL segment.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Section {
    /// Good practices.
    Practices,
    /// Projects.
    Projects,
    /// Organisations (schools, municipalities, partners).
    Organisations,
    /// Free pages.
    Pages,
}

impl Section {
    /// Every section, in menu order.
    pub const ALL: [Section; 4] = [
        Section::Practices,
        Section::Projects,
        Section::Organisations,
        Section::Pages,
    ];

    /// The folder under `content/`, also the URL segment of listings and entries.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Practices => "practices",
            Section::Projects => "projects",
            Section::Organisations => "organisations",
            Section::Pages => "pages",
        }
    }
}
