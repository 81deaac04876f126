/* spodeli search page: loads the parts of the index a query needs (classic scripts inserted
   with relative paths, so it works from file:// too), ranks documents and shows results as the
   reader types. Text from content is always inserted as text, never as HTML.
   Needs analyze.js and engine.js (loaded before it) and the #search element of
   templates/search.html. */
(function () {
  "use strict";
  var A = window.spodeliAnalyze;
  var box = document.getElementById("search");
  if (!box || !A) return;
  var lang = box.getAttribute("data-lang");
  var base = box.getAttribute("data-index");
  var root = box.getAttribute("data-root");
  var registry = (window.spodeliSearch = window.spodeliSearch || {});
  var loading = {};
  // Other languages of the site, searched when nothing matches in this one.
  var elsewhere = JSON.parse(box.getAttribute("data-elsewhere") || "[]");
  var elsewhereNote = document.getElementById("search-elsewhere");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetsBox = document.getElementById("search-facets");
  var filtersPanel = document.getElementById("search-filters");
  // Beside the results on a large screen the filters are open; on a phone, a tap opens them.
  filtersPanel.open = window.matchMedia("(min-width: 60rem)").matches;
  var forms = JSON.parse(box.getAttribute("data-count-forms"));
  var aboutForms = JSON.parse(box.getAttribute("data-about-forms"));
  var RESULTS = 20;
  var engine = window.spodeliEngine.createEngine(loader(lang, base), A);
  elsewhere.forEach(function (other) {
    other.engine = window.spodeliEngine.createEngine(loader(other.lang, root + other.index), A);
  });

  /* Loads the index parts of `language` from the folder `from`. */
  function loader(language, from) {
    return function (part) {
      var key = language + "/" + part;
      if (registry[key]) return Promise.resolve(registry[key]);
      if (!loading[key]) {
        loading[key] = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = from + part + ".js";
          script.onload = function () { resolve(registry[key]); };
          script.onerror = function () { delete loading[key]; reject(new Error("cannot load " + script.src)); };
          document.head.appendChild(script);
        });
      }
      return loading[key];
    };
  }

  function state() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    engine.facets.forEach(function (f) { filters[f] = params.getAll(f); });
    return { q: params.get("q") || "", filters: filters };
  }

  function setState(s, replace) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    engine.facets.forEach(function (f) { s.filters[f].forEach(function (v) { params.append(f, v); }); });
    var url = location.pathname + (params.toString() ? "?" + params : "");
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  }

  /* "N results" with the language's plural rules: the page carries the message formatted for
     a few sample numbers; the one of the same plural category as n is reused with n in it. */
  function countText(n, exact) {
    var rules = new Intl.PluralRules(lang);
    var choice = exact ? forms : aboutForms;
    var form = choice.find(function (f) { return rules.select(f[0]) === rules.select(n); }) || choice[choice.length - 1];
    return form[1].replace(String(form[0]), String(n));
  }

  var generation = 0;

  /* Searches as the state says; `typing` when the reader is still typing the last word. When
     nothing matches here, the site's other languages are searched and their results shown,
     marked as theirs. */
  function run(s, typing) {
    var mine = ++generation;
    var completing = !!typing && !/\s$/.test(s.q);
    engine.search(s.q, s.filters, completing).then(function (result) {
      if (result.total || !s.q.trim()) return withDocs(engine, result, null);
      return searchElsewhere(s, completing, 0, result);
    }).then(function (found) {
      if (mine === generation) show(s, found.result, found.docs, found.other);
    }).catch(function (e) {
      status.textContent = e.message;
    });
  }

  function withDocs(from, result, other) {
    return Promise.all(result.hits.slice(0, RESULTS).map(from.doc)).then(function (docs) {
      return { result: result, docs: docs, other: other };
    });
  }

  function searchElsewhere(s, completing, k, none) {
    if (k >= elsewhere.length) return { result: none, docs: [], other: null };
    var other = elsewhere[k];
    return other.engine.search(s.q, {}, completing).then(function (result) {
      if (!result.total) return searchElsewhere(s, completing, k + 1, none);
      result.facets = none.facets || result.facets;
      return withDocs(other.engine, result, other);
    }, function () { return searchElsewhere(s, completing, k + 1, none); });
  }

  function show(s, result, docs, other) {
    list.textContent = "";
    docs.forEach(function (doc, i) {
      var item = resultItem(doc, result.hits[i], result.facets);
      if (other) item.lang = other.lang;
      list.appendChild(item);
    });
    status.textContent = s.q ? countText(result.total, result.exact) : "";
    elsewhereNote.hidden = !other;
    if (other) {
      elsewhereNote.firstChild.textContent = other.note;
      elsewhereNote.lastChild.href = root + other.page + "?q=" + encodeURIComponent(s.q);
    }
    // Which query the list shows (the results of a word still being typed may arrive later).
    list.setAttribute("data-query", s.q);
    if (result.facets && !other) renderFacets(result.facets, result.counts, result.exact, s);
    else facetsBox.textContent = "";
    filtersPanel.hidden = !result.facets || !!other;
  }

  function resultItem(doc, hit, facets) {
    // doc: [title, href, kind, summary, headings, excerpt]
    var li = document.createElement("li");
    li.className = "result";
    var kind = document.createElement("span");
    kind.className = "badge badge-kind";
    kind.textContent = facets.labels.kind[doc[2]] || doc[2];
    var h = document.createElement("h3");
    var a = document.createElement("a");
    a.href = root + doc[1];
    a.textContent = doc[0];
    h.appendChild(a);
    li.appendChild(kind);
    li.appendChild(h);
    if (hit.section && doc[4][hit.section - 1]) {
      var heading = doc[4][hit.section - 1];
      var sub = document.createElement("a");
      sub.className = "result-heading";
      sub.href = root + doc[1] + "#" + heading[0];
      sub.textContent = "→ " + heading[1];
      li.appendChild(sub);
    }
    li.appendChild(snippet(doc[5] && containsAny(doc[5], hit.terms) ? doc[5] : doc[3] || doc[5], hit.terms));
    return li;
  }

  function containsAny(text, terms) {
    return A.words(A.normalize(text)).some(function (w) { return terms.indexOf(A.term(w)) >= 0; });
  }

  /* The text around the first match, matched words in <mark>. */
  function snippet(text, terms) {
    var p = document.createElement("p");
    p.className = "result-snippet";
    var parts = text.split(/([\p{Alphabetic}\p{N}]+)/u);
    var first = parts.findIndex(function (w, i) { return i % 2 === 1 && terms.indexOf(A.term(A.normalize(w))) >= 0; });
    var start = 0, length = 0;
    if (first > 0) {
      for (start = first; start > 1 && length < 80; start -= 2) length += parts[start].length + parts[start - 1].length;
    }
    if (start <= 1) start = 0;
    else p.appendChild(document.createTextNode("… "));
    var shown = 0;
    for (var i = start; i < parts.length && shown < 240; i++) {
      var w = parts[i];
      shown += w.length;
      if (i % 2 === 1 && terms.indexOf(A.term(A.normalize(w))) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = w;
        p.appendChild(mark);
      } else p.appendChild(document.createTextNode(w));
    }
    if (i < parts.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function renderFacets(facets, counts, exact, s) {
    facetsBox.textContent = "";
    engine.facets.forEach(function (f) {
      var values = Object.keys(counts[f]);
      if (!values.length) return;
      if (f === "year") values.sort().reverse();
      var set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = facetsBox.getAttribute("data-label-" + f);
      set.appendChild(legend);
      values.forEach(function (v) {
        var label = document.createElement("label");
        var check = document.createElement("input");
        check.type = "checkbox";
        check.name = f;
        check.value = v;
        check.checked = s.filters[f].indexOf(v) >= 0;
        check.addEventListener("change", function () {
          var next = state();
          next.filters[f] = check.checked ? next.filters[f].concat([v]) : next.filters[f].filter(function (x) { return x !== v; });
          setState(next, false);
          run(next);
        });
        label.appendChild(check);
        var names = facets.labels[f] || {};
        var name = document.createElement("span");
        name.textContent = names[v] || v;
        label.appendChild(name);
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = (exact ? "" : "≈") + counts[f][v];
        label.appendChild(count);
        set.appendChild(label);
      });
      facetsBox.appendChild(set);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var s = state();
      s.q = input.value;
      setState(s, true);
      run(s, true);
    }, 60);
  });
  document.getElementById("search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var s = state();
    s.q = input.value;
    setState(s, false);
    run(s);
  });
  window.addEventListener("popstate", function () {
    var s = state();
    input.value = s.q;
    run(s);
  });
  var initial = state();
  input.value = initial.q;
  run(initial);
})();
