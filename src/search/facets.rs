//! Facets in the index: what each document is (type, programme, year, themes, levels) as two
//! numbers, its *signature*, carried by every posting. A query then counts and filters the
//! documents it has loaded without a per-document facet file that would grow with the site.
//! A term too frequent to load whole carries its *histogram* (how many of its documents have
//! each facet value), so that a one-word query shows exact counts from its first block.

use super::document::Document;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Facet labels of the language, by facet and code.
pub type Labels = BTreeMap<&'static str, BTreeMap<String, String>>;

/// The facets, in the order histograms and the page list them.
pub const FIELDS: [&str; 5] = ["kind", "programme", "year", "theme", "level"];

/// The codes of each facet and the years, fixed for one index.
#[derive(Debug, Default)]
pub struct Layout {
    kinds: Vec<String>,
    programmes: Vec<String>,
    themes: Vec<String>,
    levels: Vec<String>,
    /// First and last year of any document.
    years: Option<(i32, i32)>,
}

/// What a posting says of its document's facets: first a number packing type, programme and
/// year (`kind + kinds × (programme + (programmes + 1) × year)`, programme and year counted
/// from 1, 0 for none), then the bits of its themes and then of its levels, [`CHUNK`] bits to a
/// number (JavaScript's bit operations are exact on 32 bits only).
pub type Signature = Vec<u64>;

/// Bits of a theme or level set per number of a [`Signature`].
pub const CHUNK: usize = 30;

fn chunks(codes: usize) -> usize {
    codes.div_ceil(CHUNK)
}

impl Layout {
    /// The layout of `docs` under `labels`.
    pub fn of<'a>(labels: &Labels, docs: impl Iterator<Item = &'a Document>) -> Layout {
        let codes = |facet: &str| -> Vec<String> {
            labels
                .get(facet)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        let years = docs
            .filter_map(|d| d.year)
            .fold(None, |range, y| match range {
                None => Some((y, y)),
                Some((a, b)) => Some((y.min(a), y.max(b))),
            });
        Layout {
            kinds: codes("kind"),
            programmes: codes("programme"),
            themes: codes("theme"),
            levels: codes("level"),
            years,
        }
    }

    fn place(list: &[String], code: &str) -> Option<u64> {
        list.iter().position(|c| c == code).map(|p| p as u64)
    }

    /// The signature of `doc`.
    pub fn signature(&self, doc: &Document) -> Signature {
        let (kinds, programmes) = self.radices();
        let kind = Self::place(&self.kinds, &doc.kind).unwrap_or(0);
        let programme = doc
            .programme
            .as_deref()
            .and_then(|p| Self::place(&self.programmes, p))
            .map_or(0, |p| p + 1);
        let year = match (doc.year, self.years) {
            (Some(y), Some((first, _))) => (y - first) as u64 + 1,
            _ => 0,
        };
        let mut signature = vec![kind + kinds * (programme + programmes * year)];
        for (list, set) in [(&self.themes, &doc.themes), (&self.levels, &doc.levels)] {
            let at = signature.len();
            signature.resize(at + chunks(list.len()), 0);
            for p in set.iter().filter_map(|code| Self::place(list, code)) {
                signature[at + p as usize / CHUNK] |= 1 << (p as usize % CHUNK);
            }
        }
        signature
    }

    /// How many values the histogram has: one per code of each facet in [`FIELDS`] order, the
    /// years from first to last.
    fn values(&self) -> usize {
        self.kinds.len()
            + self.programmes.len()
            + self.year_count()
            + self.themes.len()
            + self.levels.len()
    }

    /// The bases of the packed first number of a signature: types, then programmes and none.
    fn radices(&self) -> (u64, u64) {
        (
            self.kinds.len().max(1) as u64,
            self.programmes.len() as u64 + 1,
        )
    }

    /// Years from the first to the last.
    fn year_count(&self) -> usize {
        self.years.map_or(0, |(a, b)| (b - a) as usize + 1)
    }

    /// The places in a histogram of the values a signature holds.
    pub fn slots(&self, signature: &Signature) -> Vec<u32> {
        let (kinds, programmes) = self.radices();
        let years = self.year_count();
        let at_programmes = self.kinds.len();
        let at_years = at_programmes + self.programmes.len();
        let mut slots = Vec::new();
        let single = signature[0];
        let (kind, rest) = (single % kinds, single / kinds);
        let (programme, year) = (rest % programmes, rest / programmes);
        if (kind as usize) < self.kinds.len() {
            slots.push(kind as usize);
        }
        if programme > 0 {
            slots.push(at_programmes + programme as usize - 1);
        }
        if year > 0 {
            slots.push(at_years + year as usize - 1);
        }
        let mut at = at_years + years;
        let mut numbers = signature[1..].iter();
        for codes in [self.themes.len(), self.levels.len()] {
            let mut bits = 0;
            for code in 0..codes {
                if code % CHUNK == 0 {
                    bits = numbers.next().copied().unwrap_or(0);
                }
                if (bits >> (code % CHUNK)) & 1 == 1 {
                    slots.push(at + code);
                }
            }
            at += codes;
        }
        slots.into_iter().map(|s| s as u32).collect()
    }

    /// Per facet value, how many documents have it, from the [`Layout::slots`] of each.
    pub fn histogram<'a>(&self, slots: impl Iterator<Item = &'a [u32]>) -> Vec<u64> {
        let mut counts = vec![0u64; self.values()];
        for slot in slots.flatten() {
            counts[*slot as usize] += 1;
        }
        counts
    }

    /// What the search page needs to read signatures and histograms, and to name the values.
    pub fn to_json(&self, labels: &Labels) -> Value {
        json!({
            "fields": FIELDS,
            "kind": self.kinds,
            "programme": self.programmes,
            "year": self.years.map(|(a, b)| vec![a, b]),
            "theme": self.themes,
            "level": self.levels,
            "labels": labels,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        let codes = |codes: &[&str]| -> BTreeMap<String, String> {
            codes
                .iter()
                .map(|c| (c.to_string(), c.to_uppercase()))
                .collect()
        };
        Labels::from([
            ("kind", codes(&["practices", "projects"])),
            ("theme", codes(&["digital", "reading", "stem"])),
            ("level", codes(&["primary", "secondary"])),
            ("programme", codes(&["erasmus_plus", "etwinning"])),
        ])
    }

    #[test]
    fn signatures_count_back_to_each_value() {
        let project = Document {
            kind: "projects".into(),
            themes: vec!["stem".into(), "digital".into()],
            levels: vec!["secondary".into()],
            programme: Some("etwinning".into()),
            year: Some(2021),
            ..Default::default()
        };
        let practice = Document {
            kind: "practices".into(),
            themes: vec!["reading".into(), "unknown".into()],
            year: Some(2019),
            ..Default::default()
        };
        let labels = labels();
        let layout = Layout::of(&labels, [&project, &practice].into_iter());
        let signatures = [layout.signature(&project), layout.signature(&practice)];
        let slots: Vec<Vec<u32>> = signatures.iter().map(|s| layout.slots(s)).collect();
        // kinds (practices, projects), programmes (erasmus_plus, etwinning), years 2019–2021,
        // themes (digital, reading, stem), levels (primary, secondary).
        assert_eq!(
            layout.histogram(slots.iter().map(Vec::as_slice)),
            [1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1]
        );
        assert_eq!(
            signatures[1],
            [2 * 3, 0b10, 0],
            "no programme, first year, reading, no level"
        );
        assert_eq!(signatures[0], [1 + 2 * (2 + 3 * 3), 0b101, 0b10]);
        let json = layout.to_json(&labels);
        assert_eq!(json["year"], json!([2019, 2021]));
        assert_eq!(json["labels"]["theme"]["stem"], "STEM");
    }
}
