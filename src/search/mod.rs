//! Client-side search: the analyzer that turns page text and queries into the same terms, and
//! the index the search page reads.
//!
//! Bulgarian words are normalized, stripped of stop words and stemmed with a light stemmer
//! refined for education vocabulary; each Cyrillic word also has a Latin key, so readers can
//! type `uchilishte` (or `u4ili6te`) and find „училище“. English words use Porter2.

pub mod analyze;
pub mod code;
pub mod document;
pub mod facets;
pub mod index;
pub mod postings;
pub mod shards;
pub mod stem_bg;
pub mod terms;
pub mod typos;
