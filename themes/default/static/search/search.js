/* spodeli search page: loads the parts of the index a query needs (classic scripts inserted
   with relative paths, so it works from file:// too), ranks documents and shows results as the
   reader types. Text from content is always inserted as text, never as HTML.
   Needs analyze.js (loaded before it) and the #search element of templates/search.html. */
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
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetsBox = document.getElementById("search-facets");
  var forms = JSON.parse(box.getAttribute("data-count-forms"));
  var FACETS = ["kind", "theme", "level", "programme", "year"];
  var RESULTS = 20;
  var chunk = 200;

  function load(part) {
    var key = lang + "/" + part;
    if (registry[key]) return Promise.resolve(registry[key]);
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + part + ".js";
        script.onload = function () { resolve(registry[key]); };
        script.onerror = function () { reject(new Error("cannot load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return loading[key];
  }

  /* The last shard whose first key is not after `key`. */
  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function shardsFor(firsts, key, prefix) {
    var from = shardOf(firsts, key);
    var to = prefix ? shardOf(firsts, key + "\uffff") : from;
    var parts = [];
    for (var i = from; i <= to; i++) parts.push(i);
    return parts;
  }

  function entries(maps, key, prefix) {
    var found = [];
    maps.forEach(function (map) {
      for (var k in map) {
        if (prefix ? k.lastIndexOf(key, 0) === 0 : k === key) found.push([k, map[k]]);
      }
    });
    return found;
  }

  /* Damerau-Levenshtein distance, stopping early above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var d = [];
    for (var i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (var j = 0; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = max + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        best = Math.min(best, d[i][j]);
      }
      if (best > max) return max + 1;
    }
    return d[a.length][b.length];
  }

  /* The terms one query word stands for, each with a weight: the exact term first, then
     Latin-typed Bulgarian, then (for the word being typed) prefixes, then near misses. */
  function candidates(meta, word, typing) {
    var term = A.term(word);
    var wanted = [];
    var jobs = [];
    function terms(key, prefix, weight) {
      var parts = shardsFor(meta.terms, key, prefix);
      jobs.push(Promise.all(parts.map(function (k) { return load("t-" + k); })).then(function (maps) {
        entries(maps, key, prefix).forEach(function (e) { wanted.push([e[0], e[1], e[0] === key ? weight : weight * 0.8]); });
      }));
    }
    if (term) terms(term, false, 1);
    if (typing && word.length >= 2) terms(word, true, 0.85);
    if (/^[a-z0-9]+$/.test(word) && meta.latin.length) {
      var key = A.foldLatin(word);
      var parts = shardsFor(meta.latin, key, typing);
      jobs.push(Promise.all(parts.map(function (k) { return load("l-" + k); })).then(function (maps) {
        var found = entries(maps, key, typing);
        var seen = {};
        var sub = [];
        found.forEach(function (e) {
          e[1].forEach(function (t) {
            if (seen[t]) return;
            seen[t] = true;
            sub.push(load("t-" + shardOf(meta.terms, t)).then(function (map) {
              if (map[t]) wanted.push([t, map[t], e[0] === key ? 0.95 : 0.75]);
            }));
          });
        });
        return Promise.all(sub);
      }));
    }
    return Promise.all(jobs).then(function () {
      if (wanted.length || !term || term.length < 5) return wanted;
      // Nothing found: look for terms one or two edits away among the term's neighbours.
      var max = term.length >= 8 ? 2 : 1;
      var k = shardOf(meta.terms, term);
      var near = [k - 1, k, k + 1].filter(function (i) { return i >= 0 && i < meta.terms.length; });
      return Promise.all(near.map(function (i) { return load("t-" + i); })).then(function (maps) {
        maps.forEach(function (map) {
          for (var t in map) if (distance(term, t, max) <= max) wanted.push([t, map[t], 0.6]);
        });
        return wanted;
      });
    });
  }

  /* Scores per document for one word: the best of its candidate terms. */
  function scoresOf(found) {
    var scores = {};
    found.forEach(function (c) {
      var postings = c[1], doc = 0;
      for (var i = 0; i < postings.length; i += 3) {
        doc += postings[i];
        var s = postings[i + 1] * c[2];
        var old = scores[doc];
        if (!old || s > old.score) scores[doc] = { score: s, section: postings[i + 2], term: c[0] };
      }
    });
    return scores;
  }

  function state() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (f) { filters[f] = params.getAll(f); });
    return { q: params.get("q") || "", filters: filters };
  }

  function setState(s, replace) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    FACETS.forEach(function (f) { s.filters[f].forEach(function (v) { params.append(f, v); }); });
    var url = location.pathname + (params.toString() ? "?" + params : "");
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  }

  /* "N results" with the language's plural rules: the page carries the message formatted for
     a few sample numbers; the one of the same plural category as n is reused with n in it. */
  function countText(n) {
    var rules = new Intl.PluralRules(lang);
    var form = forms.find(function (f) { return rules.select(f[0]) === rules.select(n); }) || forms[forms.length - 1];
    return form[1].replace(String(form[0]), String(n));
  }

  function facetValues(facets, d) {
    var v = facets.docs[d];
    var codes = facets.codes;
    return {
      kind: [codes.kind[v[0]]],
      theme: v[1].map(function (i) { return codes.theme[i]; }),
      level: v[2].map(function (i) { return codes.level[i]; }),
      programme: v[3] === null ? [] : [codes.programme[v[3]]],
      year: v[4] === null ? [] : [String(v[4])]
    };
  }

  function passes(values, filters, except) {
    return FACETS.every(function (f) {
      if (f === except || !filters[f].length) return true;
      return filters[f].some(function (x) { return values[f].indexOf(x) >= 0; });
    });
  }

  var generation = 0;

  function run(s) {
    var mine = ++generation;
    var text = A.normalize(s.q);
    var words = A.words(text);
    var typing = !/\s$/.test(s.q);
    if (!words.length) { show(mine, s, [], null, []); return; }
    load("meta").then(function (meta) {
      A.configure(meta.analyzer);
      chunk = meta.chunk;
      return Promise.all([load("facets")].concat(words.map(function (w, i) { return candidates(meta, w, typing && i === words.length - 1); })));
    }).then(function (found) {
      var facets = found.shift();
      var perWord = found.map(scoresOf).filter(function (sc, i) { return Object.keys(sc).length || A.term(words[i]); });
      var total = {};
      perWord.forEach(function (scores) {
        for (var d in scores) {
          var t = total[d] || (total[d] = { doc: +d, score: 0, words: 0, section: 0, terms: [] });
          t.score += scores[d].score;
          t.words += 1;
          t.terms.push(scores[d].term);
          if (!t.section && scores[d].section) t.section = scores[d].section;
        }
      });
      var hits = Object.keys(total).map(function (d) { return total[d]; });
      hits.forEach(function (h) { h.values = facetValues(facets, h.doc); });
      var counts = {};
      FACETS.forEach(function (f) {
        counts[f] = {};
        hits.forEach(function (h) {
          if (!passes(h.values, s.filters, f)) return;
          h.values[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
        });
      });
      hits = hits.filter(function (h) { return passes(h.values, s.filters, null); });
      // Documents with every word first, then by score.
      hits.sort(function (a, b) { return b.words - a.words || b.score - a.score || a.doc - b.doc; });
      show(mine, s, hits, facets, counts);
    }).catch(function (e) {
      status.textContent = e.message;
    });
  }

  function show(mine, s, hits, facets, counts) {
    var top = hits.slice(0, RESULTS);
    Promise.all(top.map(function (h) { return load("docs-" + Math.floor(h.doc / chunk)); })).then(function (chunks) {
      if (mine !== generation) return;
      list.textContent = "";
      top.forEach(function (h, i) {
        var doc = chunks[i][h.doc % chunk];
        list.appendChild(result(doc, h));
      });
      status.textContent = s.q ? countText(hits.length) : "";
      if (facets) renderFacets(facets, counts, s);
      else facetsBox.textContent = "";
    });
  }

  function result(doc, hit) {
    // doc: [title, href, kind, summary, headings, excerpt]
    var li = document.createElement("li");
    li.className = "result";
    var kind = document.createElement("span");
    kind.className = "badge badge-kind";
    kind.textContent = registry[lang + "/facets"].labels.kind[doc[2]] || doc[2];
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

  function renderFacets(facets, counts, s) {
    facetsBox.textContent = "";
    FACETS.forEach(function (f) {
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
        label.appendChild(document.createTextNode(" " + (names[v] || v) + " "));
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = counts[f][v];
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
      run(s);
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
