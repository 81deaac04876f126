//! Cards (the boxes listings are made of): each rendered once per language and page depth by
//! `partials/card.html`, then reused on every listing, term and entry page at that depth; and
//! the pagination of card lists.

use super::Renderer;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::urls;
use tera::{Context, Value};

impl Renderer<'_> {
    /// Card `i` of language `l` for the page at `path`: its data plus `html`, the card rendered
    /// by `partials/card.html` (once per depth, then reused by every page at that depth).
    pub(super) fn card(
        &self,
        l: usize,
        i: usize,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Value {
        let data = &self.langs[l];
        let depth = path.matches('/').count();
        let render = || {
            let mut ctx = Context::new();
            ctx.insert("lang", &data.code);
            ctx.insert("root", &urls::root_prefix(path));
            ctx.insert_value("card", data.cards[i].clone());
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
            problems.push(Diagnostic::error(
                Location::file(shown),
                Problem::Template(message),
            ));
            Value::none()
        });
        let mut card = data.cards[i].as_map().cloned().unwrap_or_default();
        card.insert("html".into(), html);
        Value::from(card)
    }

    /// Cards of `entries` for the page at `path`, as a template list.
    pub(super) fn card_list(
        &self,
        l: usize,
        entries: impl IntoIterator<Item = usize>,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Value {
        let cards: Vec<Value> = entries
            .into_iter()
            .map(|i| self.card(l, i, path, problems))
            .collect();
        Value::from(cards.as_slice())
    }

    /// Page `page` of `entries` as cards, with the pagination numbers.
    pub(super) fn paginate(
        &self,
        l: usize,
        entries: &[usize],
        page: usize,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> (Value, serde_json::Value) {
        let per_page = self.site.config.paginate;
        let pages = entries.len().div_ceil(per_page).max(1);
        let items = self.card_list(
            l,
            entries
                .iter()
                .copied()
                .skip((page - 1) * per_page)
                .take(per_page),
            path,
            problems,
        );
        let pagination =
            serde_json::json!({"current": page, "pages": pages, "total": entries.len()});
        (items, pagination)
    }

    pub(super) fn pagination_links(
        &self,
        path: &str,
        pagination: &mut serde_json::Value,
        at: impl Fn(usize) -> String,
    ) {
        let current = pagination["current"].as_u64().unwrap_or(1) as usize;
        let pages = pagination["pages"].as_u64().unwrap_or(1) as usize;
        let link = |p: usize| self.urls.link(path, &at(p));
        pagination["prev"] = if current > 1 {
            link(current - 1).into()
        } else {
            serde_json::Value::Null
        };
        pagination["next"] = if current < pages {
            link(current + 1).into()
        } else {
            serde_json::Value::Null
        };
        // A window around the current page plus both ends, so a page's size does not grow with the
        // number of pages; `gap` marks the skipped runs.
        let mut links = Vec::new();
        let mut last = 0;
        for p in (1..=pages).filter(|&p| p == 1 || p == pages || p.abs_diff(current) <= 2) {
            if p > last + 1 {
                links.push(serde_json::json!({"gap": true}));
            }
            links.push(serde_json::json!({"number": p, "href": link(p), "current": p == current}));
            last = p;
        }
        pagination["links"] = links.into();
    }
}
