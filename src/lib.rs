//! spodeli: a static site generator for sharing good practices and project results in education.
//!
//! The pipeline, one module a stage: [`config`] → [`content`] (discover, read, merge, validate)
//! → [`site`] (the whole model) → [`books`] (handbooks as PDF and EPUB) → [`render`] (templates,
//! messages, feeds) → [`output`] (written atomically). [`build`] runs it; every stage reports problems as [`diagnostics`] values.

pub mod books;
pub mod build;
pub mod config;
pub mod content;
pub mod dates;
pub mod deploy;
pub mod diagnostics;
pub mod escape;
pub mod fingerprint;
pub mod i18n;
pub mod langmap;
pub mod licences;
pub mod links;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod package;
pub mod photos;
pub mod reader;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod sections;
pub mod serve;
pub mod site;
pub mod translit;
pub mod urls;
pub mod vocabulary;
pub mod yaml;
