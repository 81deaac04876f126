/* spodeli search engine: ranks documents for a query from the index parts, given a function
   that loads a part. The search page loads parts with <script> elements (search.js); the tests
   load them from disk with node. No DOM here. Needs analyze.js. */
(function (root) {
  "use strict";
  var FACETS = ["kind", "theme", "level", "programme", "year"];

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


    /* The documents matching `query` (the text as typed: a trailing space ends the last word)
       under `filters` ({facet: [codes]}), best first: those with every word before the others.
       Also the facet counts, each counted over the hits that pass the other facets' filters. */
    function search(query, filters) {
      var words = A.words(A.normalize(query));
      var typing = !/\s$/.test(query);
      if (!words.length) return Promise.resolve({ hits: [], counts: null, facets: null });
      return load("meta").then(function (meta) {
        A.configure(meta.analyzer);
        var found = words.map(function (w, i) { return candidates(meta, w, typing && i === words.length - 1); });
        return Promise.all([load("facets")].concat(found));
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
            if (!passes(h.values, filters, f)) return;
            h.values[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
          });
        });
        hits = hits.filter(function (h) { return passes(h.values, filters, null); });
        hits.sort(function (a, b) { return b.words - a.words || b.score - a.score || a.doc - b.doc; });
        return { hits: hits, counts: counts, facets: facets };
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
