/* spodeli search engine: ranks documents for a query from the index parts, given a function
   that loads a part. The search page loads parts with <script> elements (search.js); the tests
   load them from disk with node. No DOM here. Needs analyze.js. */
(function (root) {
  "use strict";
  var FACETS = ["kind", "theme", "level", "programme", "year"];
  /* How many of the best hits a search describes (the page shows 20). */
  var TOP = 100;

  /* An engine over the index parts `load(part)` returns (a promise of the part's value). */
  function createEngine(load, A) {
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
        jobs.push(Promise.all(parts.map(function (k) { return load("t-" + meta.term_files[k]); })).then(function (maps) {
          entries(maps, key, prefix).forEach(function (e) { wanted.push([e[0], e[1], e[0] === key ? weight : weight * 0.8]); });
        }));
      }
      if (term) terms(term, false, 1);
      if (typing && word.length >= 2) terms(word, true, 0.85);
      if (/^[a-z0-9]+$/.test(word) && meta.latin.length) {
        var key = A.foldLatin(word);
        var parts = shardsFor(meta.latin, key, typing);
        jobs.push(Promise.all(parts.map(function (k) { return load("l-" + meta.latin_files[k]); })).then(function (maps) {
          var found = entries(maps, key, typing);
          var seen = {};
          var sub = [];
          found.forEach(function (e) {
            e[1].forEach(function (t) {
              if (seen[t]) return;
              seen[t] = true;
              sub.push(load("t-" + meta.term_files[shardOf(meta.terms, t)]).then(function (map) {
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
        return Promise.all(near.map(function (i) { return load("t-" + meta.term_files[i]); })).then(function (maps) {
          maps.forEach(function (map) {
            for (var t in map) if (distance(term, t, max) <= max) wanted.push([t, map[t], 0.6]);
          });
          return wanted;
        });
      });
    }

    /* Scores per document for one word: the best of its candidate terms. */
    /* Per document, the best score one word reaches through any of its candidate terms, in
       typed arrays: a query touches every document of a large site, and objects per document
       would make it slow. */
    function scoresOf(found, n) {
      var score = new Float64Array(n), section = new Uint16Array(n), term = new Int32Array(n).fill(-1);
      found.forEach(function (c, k) {
        var postings = c[1], id = 0;
        for (var i = 0; i < postings.length; i += 3) {
          id += postings[i];
          var s = postings[i + 1] * c[2];
          if (s > score[id]) { score[id] = s; section[id] = postings[i + 2]; term[id] = k; }
        }
      });
      return { score: score, section: section, term: term, found: found };
    }

    /* A document's values of facet `f` as indexes into its codes (a year is itself): facets.js
       names the place of each facet in a document's entry (`fields`). */
    function values(facets, d, f) {
      var v = facets.docs[d][facets.fields.indexOf(f)];
      if (v === null || v === undefined) return [];
      return Array.isArray(v) ? v : [v];
    }

    function has(facets, d, f, wanted) {
      return values(facets, d, f).some(function (x) { return wanted.has(x); });
    }

    /* Filters ({facet: [codes]}) as sets of the indexes facets.js uses. */
    function wantedSets(facets, filters) {
      var sets = {};
      FACETS.forEach(function (f) {
        var list = filters[f] || [];
        if (!list.length) return;
        sets[f] = new Set(list.map(function (value) {
          return f === "year" ? +value : facets.codes[f].indexOf(value);
        }));
      });
      return sets;
    }

    function code(facets, f, index) {
      return f === "year" ? String(index) : facets.codes[f][index];
    }

    /* The documents matching `query` (the text as typed: a trailing space ends the last word)
       under `filters` ({facet: [codes]}): `total`, the best `TOP` as hits (documents with every
       word first, then by score), and the facet counts, each over the matches that pass the
       other facets' filters. */
    function search(query, filters) {
      var words = A.words(A.normalize(query));
      var typing = !/\s$/.test(query);
      var empty = { total: 0, hits: [], counts: null, facets: null };
      if (!words.length) return Promise.resolve(empty);
      var n;
      return load("meta").then(function (meta) {
        A.configure(meta.analyzer);
        n = meta.docs;
        var found = words.map(function (w, i) { return candidates(meta, w, typing && i === words.length - 1); });
        return Promise.all([load("facets")].concat(found));
      }).then(function (found) {
        var facets = found.shift();
        var perWord = found.filter(function (f, i) { return f.length || A.term(words[i]); }).map(function (f) { return scoresOf(f, n); });
        var score = new Float64Array(n), matched = new Uint8Array(n), docs = [];
        perWord.forEach(function (w) {
          for (var d = 0; d < n; d++) {
            if (w.term[d] < 0) continue;
            if (!matched[d]) docs.push(d);
            matched[d] += 1;
            score[d] += w.score[d];
          }
        });
        var wanted = wantedSets(facets, filters);
        var active = Object.keys(wanted);
        function passes(d, except) {
          return active.every(function (f) { return f === except || has(facets, d, f, wanted[f]); });
        }
        var counts = {};
        FACETS.forEach(function (f) {
          var c = new Map();
          docs.forEach(function (d) {
            if (!passes(d, f)) return;
            values(facets, d, f).forEach(function (x) { c.set(x, (c.get(x) || 0) + 1); });
          });
          counts[f] = {};
          c.forEach(function (count, x) { counts[f][code(facets, f, x)] = count; });
        });
        docs = docs.filter(function (d) { return passes(d, null); });
        docs.sort(function (a, b) { return matched[b] - matched[a] || score[b] - score[a] || a - b; });
        var hits = docs.slice(0, TOP).map(function (d) {
          var terms = [], section = 0;
          perWord.forEach(function (w) {
            if (w.term[d] < 0) return;
            terms.push(w.found[w.term[d]][0]);
            if (!section) section = w.section[d];
          });
          return { doc: d, score: score[d], words: matched[d], section: section, terms: terms };
        });
        return { total: docs.length, hits: hits, counts: counts, facets: facets };
      });
    }

    /* The display data of a hit: [title, href, kind, summary, headings, excerpt]. */
    function doc(hit) {
      return load("meta").then(function (meta) {
        return load("docs-" + Math.floor(hit.doc / meta.chunk)).then(function (chunk) {
          return chunk[hit.doc % meta.chunk];
        });
      });
    }

    return { search: search, doc: doc, facets: FACETS };
  }

  var api = { createEngine: createEngine };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.spodeliEngine = api;
})(this);
