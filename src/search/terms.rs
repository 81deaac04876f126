//! Terms written once when search descriptions are saved between builds: every document
//! repeats most of the site's terms, so a description saved with its own strings would make the
//! saved file several times larger and its reading mostly allocation. While a table is in use on
//! the thread ([`writing`], [`reading`]), a term (de)serializes as its place in the table.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::sync::Arc;

#[derive(Default)]
struct Table {
    places: ahash::AHashMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Runs `write` (which serializes descriptions) with a table it fills; returns its result and
/// the terms in the order of their places, to be saved before what `write` wrote.
pub fn writing<R>(write: impl FnOnce() -> R) -> (R, Vec<Arc<str>>) {
    TABLE.with(|t| *t.borrow_mut() = Some(Table::default()));
    let result = write();
    let table = TABLE.with(|t| t.borrow_mut().take()).unwrap_or_default();
    (result, table.terms)
}

/// Runs `read` (which deserializes descriptions) with the terms saved by [`writing`].
pub fn reading<R>(terms: Vec<Arc<str>>, read: impl FnOnce() -> R) -> R {
    let table = Table {
        places: ahash::AHashMap::new(),
        terms,
    };
    TABLE.with(|t| *t.borrow_mut() = Some(table));
    let result = read();
    TABLE.with(|t| t.borrow_mut().take());
    result
}

fn place<E: serde::ser::Error>(term: &Arc<str>) -> Result<u32, E> {
    TABLE.with(|t| {
        let mut table = t.borrow_mut();
        let table = table.as_mut().ok_or_else(|| E::custom("no term table"))?;
        if let Some(&place) = table.places.get(term) {
            return Ok(place);
        }
        let place = u32::try_from(table.terms.len()).map_err(E::custom)?;
        table.places.insert(term.clone(), place);
        table.terms.push(term.clone());
        Ok(place)
    })
}

fn term<E: serde::de::Error>(place: u32) -> Result<Arc<str>, E> {
    TABLE.with(|t| {
        let table = t.borrow();
        let table = table.as_ref().ok_or_else(|| E::custom("no term table"))?;
        let term = table.terms.get(place as usize);
        term.cloned()
            .ok_or_else(|| E::custom("a term beyond the table"))
    })
}

/// A term of a saved search description: (de)serialized as its place in the table in use.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term(pub Arc<str>);

impl std::ops::Deref for Term {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        place::<S::Error>(&self.0)?.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Term, D::Error> {
        term::<D::Error>(u32::deserialize(d)?).map(Term)
    }
}
