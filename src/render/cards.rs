//! Cards (the boxes listings are made of): each rendered once per language and page depth by
//! `partials/card.html`, then reused on every listing, term and entry page at that depth; and
//! the pagination of card lists.

use super::jobs::{Lang, Rendering};
use super::renderer::Renderer;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::urls;
use serde::Serialize;
use tera::{Context, Value};

impl Renderer<'_> {
    /// The data of card `i` in language `l`, made the first time a page needs it.
    pub(super) fn card_value(&self, l: Lang, i: usize) -> &Value {
        let data = &self.langs[l];
        data.cards[i]
            .get_or_init(|| Value::from_serializable(&data.views(self.site, self.urls).card(i)))
    }

    /// Card `i` of language `l` for the page at `path`: its data plus `html`, the card rendered
    /// by `partials/card.html` (once per depth, then reused by every page at that depth).
    pub(super) fn card(&self, r: &mut Rendering<'_>, i: usize) -> Value {
        let (l, path) = (r.lang, r.path);
        let data = &self.langs[l];
        let depth = path.matches('/').count();
        let render = || {
            let mut ctx = Context::new();
            ctx.insert("lang", &data.code);
            ctx.insert("root", &urls::root_prefix(path));
            ctx.insert_value("card", self.card_value(l, i).clone());
            self.tera
                .render("partials/card.html", &ctx)
                .map(|html| Value::safe_string(&html))
                .map_err(|e| e.to_string())
        };
        let html = match data.card_html[i].get(depth) {
            Some(slot) => slot.get_or_init(render).clone(),
            None => render(),
        };
        let html = html.unwrap_or_else(|message| {
            let shown = self
                .templates
                .get("partials/card.html")
                .cloned()
                .unwrap_or_default();
            r.problems.push(Diagnostic::error(
                Location::file(shown),
                Problem::Template(message),
            ));
            Value::none()
        });
        let mut card = self.card_value(l, i).as_map().cloned().unwrap_or_default();
        card.insert("html".into(), html);
        Value::from(card)
    }

    /// Cards of `entries` for the page being rendered, as a template list.
    pub(super) fn card_list(
        &self,
        r: &mut Rendering<'_>,
        entries: impl IntoIterator<Item = usize>,
    ) -> Value {
        let cards: Vec<Value> = entries.into_iter().map(|i| self.card(r, i)).collect();
        Value::from(cards.as_slice())
    }

    /// Page `page` of `entries` as cards, and the links to the other pages (`at` makes a page's
    /// address from its number).
    pub(super) fn paginate(
        &self,
        r: &mut Rendering<'_>,
        entries: &[usize],
        page: usize,
        at: impl Fn(usize) -> String,
    ) -> (Value, Pagination) {
        let per_page = self.site.config.paginate;
        let pages = entries.len().div_ceil(per_page).max(1);
        let items = self.card_list(r, page_of(entries, page, per_page).iter().copied());
        let link = |p: usize| self.urls.link(r.path, &at(p));
        // A window around the current page plus both ends, so a page's size does not grow with the
        // number of pages; a gap marks each skipped run.
        let mut links = Vec::new();
        let mut last = 0;
        for p in (1..=pages).filter(|&p| p == 1 || p == pages || p.abs_diff(page) <= 2) {
            if p > last + 1 {
                links.push(PageLink::Gap { gap: true });
            }
            links.push(PageLink::Page {
                number: p,
                href: link(p),
                current: p == page,
            });
            last = p;
        }
        let pagination = Pagination {
            current: page,
            pages,
            total: entries.len(),
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            links,
        };
        (items, pagination)
    }
}

/// Where a page of a list is among the others, and the links to them.
#[derive(Serialize)]
pub(super) struct Pagination {
    current: usize,
    pages: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
}

/// A link to a page of a list, or a gap where pages are skipped.
#[derive(Serialize)]
#[serde(untagged)]
enum PageLink {
    Page {
        number: usize,
        href: String,
        current: bool,
    },
    Gap {
        gap: bool,
    },
}

/// The entries on page `page` (from 1) of a list cut into pages of `per_page`.
pub(super) fn page_of(entries: &[usize], page: usize, per_page: usize) -> &[usize] {
    let start = ((page - 1) * per_page).min(entries.len());
    &entries[start..(start + per_page).min(entries.len())]
}

#[cfg(test)]
mod tests {
    use super::page_of;

    #[test]
    fn pages_cut_a_list_and_a_page_past_the_end_is_empty() {
        let list: Vec<usize> = (0..7).collect();
        assert_eq!(page_of(&list, 1, 3), [0, 1, 2]);
        assert_eq!(page_of(&list, 3, 3), [6]);
        assert!(page_of(&list, 4, 3).is_empty());
        assert!(page_of(&[], 1, 3).is_empty());
    }
}
