/* spodeli search engine: ranks documents for a query from the index parts (src/search/index.rs
   describes them), given a function that loads a part. The search page loads parts with
   <script> elements (search.js); the tests load them from disk with node. No DOM here.
   Needs analyze.js.

   What a query loads does not grow with the site. Each word's terms come with their best
   documents (the first block of their postings); later blocks are loaded only while they could
   still change the first page, and at most LATER_BLOCKS of them per term. Counts are exact
   when every block of every term was read, or when one word stands for one term (its facet
   histogram); otherwise they are estimated from the documents read, and `exact` says so. */
(function (root) {
  "use strict";
  var FACETS = ["kind", "theme", "level", "programme", "year"];
  /* The first page: what a search ranks exactly where it can. */
  var FIRST_PAGE = 20;
  /* How many of the best hits a search describes. */
  var TOP = 100;
  /* Later blocks a query may load per term before it ranks what it has read. */
  var LATER_BLOCKS = 2;
  /* A word found in fewer documents than this may be mistyped: its near misses are looked up
     too (a word found more often is taken as meant). */
  var NEAR_BELOW = 3;
  /* Completions of the word being typed, the most frequent first. */
  var COMPLETIONS = 10;
  /* Weights of the ways a term can stand for a word. */
  var EXACT = 1, LATIN = 0.95, LATIN_PREFIX = 0.75, TYPED = 0.85, COMPLETION = 0.68, NEAR = 0.6;

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyz-_WXYZ";
  var VALUE = {};
  Array.prototype.forEach.call(DIGITS, function (c, k) { VALUE[c.charCodeAt(0)] = k; });

  /* The numbers of a text written by src/search/code.rs. */
  function decode(text) {
    var out = [], n = 0, scale = 1;
    for (var k = 0; k < text.length; k++) {
      var d = VALUE[text.charCodeAt(k)];
      n += (d & 31) * scale;
      if (d < 32) { out.push(n); n = 0; scale = 1; } else scale *= 32;
    }
    return out;
  }

  /* A stored impact as a score (src/search/postings.rs). */
  function score(impact) { return 1e-5 * Math.pow(1.004, impact); }

  /* FNV-1a over UTF-16 code units, as src/search/typos.rs. */
  function hash(key) {
    var h = 0x811c9dc5;
    for (var k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
    return h >>> 0;
  }

  /* A word itself and, from four letters on, each spelling with one letter left out. */
  function typoKeys(term) {
    var chars = Array.from(term), keys = [term];
    if (chars.length >= 4) {
      for (var k = 0; k < chars.length; k++) {
        var key = chars.slice(0, k).concat(chars.slice(k + 1)).join("");
        if (keys.indexOf(key) < 0) keys.push(key);
      }
    }
    return keys;
  }

  /* Damerau-Levenshtein distance, stopping early above `max`. */
  function distance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var d = [];
    for (var i = 0; i <= a.length; i++) d[i] = [i];
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

  /* An engine over the index parts `load(part)` returns (a promise of the part's value). */
  function createEngine(load, A) {
    var metaPromise = null;
    function meta() {
      if (!metaPromise) {
        metaPromise = load("meta").then(function (m) {
          if (m.version !== 2) throw new Error("this search index was made by another version of spodeli");
          A.configure(m.analyzer);
          var f = m.facets;
          f.width = 1 + Math.ceil(f.theme.length / 30) + Math.ceil(f.level.length / 30);
          return m;
        });
        metaPromise.catch(function () { metaPromise = null; });
      }
      return metaPromise;
    }

    /* The range file holding `key`: the last whose first key is not after it. */
    function rangeOf(range, key) {
      var firsts = range[0], lo = 0, hi = firsts.length - 1, found = 0;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (firsts[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }

    /* The range files that may hold `key`, or keys starting with it. */
    function rangeFiles(prefix, range, key, isPrefix) {
      if (!range[0].length) return Promise.resolve([]);
      var from = rangeOf(range, key), to = isPrefix ? rangeOf(range, key + "\uffff") : from, parts = [];
      for (var k = from; k <= to; k++) parts.push(load(prefix + "-" + range[1][k]));
      return Promise.all(parts);
    }

    /* A term's entry: its documents, its blocks (the first one read) and its histogram. */
    var entries = {};
    function entry(m, term) {
      if (!entries[term]) {
        entries[term] = rangeFiles("t", m.ranges.terms, term, false).then(function (maps) {
          var e = maps.length && maps[0][term];
          if (!e) return null;
          var later = decode(e[2]), blocks = [{ max: Infinity, read: decode(e[1]) }];
          for (var k = 0; k < later.length; k += 2) blocks.push({ count: later[k], max: later[k + 1], read: null });
          return { term: term, df: e[0], blocks: blocks, histogram: e[3] ? decode(e[3]) : null, name: e[4] };
        });
      }
      return entries[term];
    }

    function readBlock(c, k) {
      return load("p-" + c.entry.name + "-" + k).then(decode);
    }

    /* The terms one query word stands for, each with a weight: the exact term, Latin-typed
       Bulgarian, completions of the word being typed, then (when those find almost nothing)
       near misses. */
    function candidates(m, word, typing) {
      var term = A.term(word), found = [], jobs = [];
      function add(t, weight, near) {
        for (var k = 0; k < found.length; k++) if (found[k].term === t) { found[k].weight = Math.max(found[k].weight, weight); return; }
        found.push({ term: t, weight: weight, near: !!near });
      }
      if (term) add(term, EXACT);
      if (typing && word.length >= 2) {
        jobs.push(rangeFiles("w", m.ranges.words, word, true).then(function (maps) {
          var completions = [];
          maps.forEach(function (map) { for (var t in map) if (t.lastIndexOf(word, 0) === 0) completions.push([t, map[t]]); });
          completions.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
          completions.slice(0, COMPLETIONS).forEach(function (c) { add(c[0], c[0] === word ? TYPED : COMPLETION); });
        }));
      }
      // Latin letters that are not a frequent term of the index may be Bulgarian typed in
      // Latin (a frequent English word is taken as meant, and its Latin keys are not read).
      var own = term ? entry(m, term) : Promise.resolve(null);
      if (/^[a-z0-9]+$/.test(word)) {
        var key = A.foldLatin(word);
        jobs.push(own.then(function (itself) {
          return itself && itself.df >= FIRST_PAGE ? [] : rangeFiles("l", m.ranges.latin, key, typing);
        }).then(function (maps) {
          var keys = [];
          maps.forEach(function (map) { for (var k in map) if (typing ? k.lastIndexOf(key, 0) === 0 : k === key) keys.push(k); });
          keys.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
          keys.slice(0, COMPLETIONS).forEach(function (k) {
            maps.forEach(function (map) { (map[k] || []).forEach(function (t) { add(t, k === key ? LATIN : LATIN_PREFIX); }); });
          });
        }));
      }
      return Promise.all(jobs).then(function () { return withEntries(m, found); }).then(function (list) {
        var documents = list.reduce(function (sum, c) { return sum + c.entry.df; }, 0);
        if (documents >= NEAR_BELOW || Array.from(word).length < 5) return list;
        return nearMisses(m, word, list.map(function (c) { return c.term; })).then(function (near) {
          near.forEach(function (t) { list.push({ term: t, weight: NEAR, near: true }); });
          return withEntries(m, list);
        });
      });
    }

    /* The candidates whose terms the index holds, with their entries. */
    function withEntries(m, list) {
      return Promise.all(list.map(function (c) { return c.entry ? c.entry : entry(m, c.term); })).then(function (found) {
        return list.filter(function (c, k) { c.entry = found[k]; return !!c.entry; });
      });
    }

    /* Terms of the words one slip away from `word` (one letter missing, extra, wrong, or two
       swapped; two slips from eight letters on), compared in Latin letters, as the index files
       the site's written forms (src/search/typos.rs). */
    function nearMisses(m, word, known) {
      // Latin letters may be English or Latin-typed Bulgarian: both spellings are looked up.
      var typed = /[\u0400-\u04ff]/.test(word) ? [A.latinKey(word)] : [word, A.foldLatin(word)];
      var keys = [], buckets = {};
      typed.forEach(function (t) {
        typoKeys(t).forEach(function (k) { keys.push([k, t]); buckets[hash(k) % m.typos] = true; });
      });
      return Promise.all(Object.keys(buckets).map(function (b) { return load("y-" + b); })).then(function (maps) {
        var near = [];
        keys.forEach(function (key) {
          var max = Array.from(key[1]).length >= 8 ? 2 : 1;
          maps.forEach(function (map) {
            var filed = map[key[0]] || [];
            for (var f = 0; f < filed.length; f += 2) {
              var t = filed[f + 1];
              if (known.indexOf(t) < 0 && near.indexOf(t) < 0 && distance(key[1], filed[f], max) <= max) near.push(t);
            }
          });
        });
        return near;
      });
    }

    /* A document's facet values, as codes, from a posting's signature. */
    function describe(f, sig) {
      var kinds = Math.max(f.kind.length, 1), programmes = f.programme.length + 1;
      var single = sig[0], rest = Math.floor(single / kinds);
      var programme = rest % programmes, year = Math.floor(rest / programmes);
      var out = { kind: [f.kind[single % kinds]].filter(Boolean), programme: programme ? [f.programme[programme - 1]] : [],
        year: year && f.year ? [String(f.year[0] + year - 1)] : [], theme: [], level: [] };
      var at = 1;
      [["theme", f.theme], ["level", f.level]].forEach(function (set) {
        for (var c = 0; c < set[1].length; c++) if ((sig[at + Math.floor(c / 30)] >>> (c % 30)) & 1) out[set[0]].push(set[1][c]);
        at += Math.ceil(set[1].length / 30);
      });
      return out;
    }

    /* Reads a block's postings into the documents' records. */
    function gather(state, w, c, postings) {
      var f = state.meta.facets, width = 3 + f.width, id = 0;
      for (var k = 0; k < postings.length; k += width) {
        id += postings[k];
        var d = state.docs.get(id);
        if (!d) {
          d = { id: id, best: new Float64Array(state.words), via: new Int16Array(state.words).fill(-1), section: 0, facets: null };
          d.facets = describe(f, postings.slice(k + 3, k + width));
          state.docs.set(id, d);
        }
        // A near miss counts only for a document the word's own terms do not match.
        var near = state.candidates[w][c].near, before = d.via[w] >= 0 && !state.candidates[w][d.via[w]].near;
        if (near && before) continue;
        var s = score(postings[k + 1]) * state.candidates[w][c].weight;
        if (s > d.best[w] || (!near && d.via[w] >= 0 && !before)) {
          d.best[w] = s; d.via[w] = c;
          if (!d.section) d.section = postings[k + 2];
        }
      }
    }

    function passes(state, d, except) {
      return state.active.every(function (f) {
        return f === except || d.facets[f].some(function (v) { return state.filters[f].indexOf(v) >= 0; });
      });
    }

    /* The sort key of a document: words matched, words matched without a near miss, score. */
    function sortKey(state, d) {
      var matched = 0, plain = 0, total = 0;
      for (var w = 0; w < state.words; w++) {
        if (d.via[w] < 0) continue;
        matched += 1;
        if (!state.candidates[w][d.via[w]].near) plain += 1;
        total += d.best[w];
      }
      return [matched, plain, total];
    }

    function compare(a, b) { return b[0] - a[0] || b[1] - a[1] || b[2] - a[2]; }

    /* The best a document outside the first page could still reach through unread blocks. */
    function ceiling(state, d) {
      var matched = 0, plain = 0, total = 0;
      for (var w = 0; w < state.words; w++) {
        var rest = 0, restPlain = false;
        state.candidates[w].forEach(function (c) {
          var next = c.entry.blocks[c.read];
          if (!next) return;
          var s = score(next.max) * c.weight;
          if (s > rest) rest = s;
          if (!c.near) restPlain = true;
        });
        var has = d && d.via[w] >= 0;
        if (has || rest > 0) matched += 1;
        if ((has && !state.candidates[w][d.via[w]].near) || restPlain) plain += 1;
        total += Math.max(has ? d.best[w] : 0, rest);
      }
      return [matched, plain, total];
    }

    function complete(state) {
      return state.candidates.every(function (list) { return list.every(function (c) { return c.read >= c.entry.blocks.length; }); });
    }

    /* Whether unread blocks can no longer change which documents make the first page. */
    function settled(state, ranked) {
      if (complete(state)) return true;
      if (ranked.length < FIRST_PAGE) return false;
      var last = ranked[FIRST_PAGE - 1].key;
      if (compare(ceiling(state, null), last) < 0) return false;
      for (var k = FIRST_PAGE; k < ranked.length; k++) if (compare(ceiling(state, ranked[k].doc), last) < 0) return false;
      return true;
    }

    /* Reads the next block of every term that has one, within LATER_BLOCKS. */
    function readMore(state) {
      var jobs = [];
      state.candidates.forEach(function (list, w) {
        list.forEach(function (c, k) {
          if (c.read >= c.entry.blocks.length || c.read > LATER_BLOCKS) return;
          var block = c.read;
          c.read += 1;
          jobs.push(readBlock(c, block).then(function (postings) { gather(state, w, k, postings); }));
        });
      });
      return jobs.length ? Promise.all(jobs).then(function () { return true; }) : Promise.resolve(false);
    }

    function rank(state) {
      var ranked = [];
      state.docs.forEach(function (d) { if (passes(state, d, null)) ranked.push({ doc: d, key: sortKey(state, d) }); });
      ranked.sort(function (a, b) { return compare(a.key, b.key) || a.doc.id - b.doc.id; });
      return ranked;
    }

    /* Total and facet counts: exact when everything was read or one word is one term with
       its histogram, estimated from the documents read otherwise. */
    function counts(state, ranked, exact) {
      var f = state.meta.facets, out = {};
      FACETS.forEach(function (name) { out[name] = {}; });
      var single = state.words === 1 && state.candidates[0].length === 1 && state.candidates[0][0].entry;
      if (!exact && single && single.histogram && !state.active.length) {
        var h = single.histogram, at = 0;
        // Histograms hold the facets in the order meta.js names them.
        f.fields.forEach(function (name) {
          var codes = name === "year" ? yearCodes(f) : f[name];
          codes.forEach(function (code, k) { if (h[at + k]) out[name][code] = h[at + k]; });
          at += codes.length;
        });
        return { total: single.df, counts: out, exact: true };
      }
      var scale = 1;
      if (!exact) {
        var missing = 1;
        state.candidates.forEach(function (list) {
          var df = list.reduce(function (sum, c) { return sum + c.entry.df; }, 0);
          missing *= 1 - Math.min(1, df / Math.max(state.meta.docs, 1));
        });
        scale = state.docs.size ? state.meta.docs * (1 - missing) / state.docs.size : 0;
      }
      var round = exact ? function (n) { return n; } : roughly;
      FACETS.forEach(function (name) {
        state.docs.forEach(function (d) {
          if (!passes(state, d, name)) return;
          d.facets[name].forEach(function (v) { out[name][v] = (out[name][v] || 0) + 1; });
        });
        for (var v in out[name]) out[name][v] = Math.max(1, round(out[name][v] * scale));
      });
      return { total: ranked.length ? Math.max(ranked.length, round(ranked.length * scale)) : 0, counts: out, exact: exact };
    }

    function yearCodes(f) {
      var codes = [];
      if (f.year) for (var y = f.year[0]; y <= f.year[1]; y++) codes.push(String(y));
      return codes;
    }

    /* An estimate to two significant digits. */
    function roughly(n) {
      if (n < 100) return Math.round(n);
      var unit = Math.pow(10, Math.floor(Math.log10(n)) - 1);
      return Math.round(n / unit) * unit;
    }

    /* The documents matching `query` under `filters` ({facet: [codes]}): `total`, the best
       `TOP` as hits (documents with every word first, then those without near misses, then by
       score), the facet counts (each over the matches passing the other facets' filters),
       whether the counts are `exact`, and the facets' codes and labels. `typing` (default: no
       trailing space) completes the last word. */
    function search(query, filters, typing) {
      var words = A.words(A.normalize(query));
      if (typing === undefined) typing = !/\s$/.test(query);
      if (!words.length) return Promise.resolve({ total: 0, hits: [], counts: null, facets: null, exact: true });
      return meta().then(function (m) {
        return Promise.all(words.map(function (w, i) { return candidates(m, w, typing && i === words.length - 1); })).then(function (lists) {
          lists = lists.filter(function (list, i) { return list.length || A.term(words[i]); });
          var state = { meta: m, words: lists.length, candidates: lists, docs: new Map(), filters: {}, active: [] };
          FACETS.forEach(function (name) {
            var list = (filters && filters[name]) || [];
            if (list.length) { state.filters[name] = list.map(String); state.active.push(name); }
          });
          lists.forEach(function (list, w) {
            list.forEach(function (c, k) {
              c.read = 1;
              gather(state, w, k, c.entry.blocks[0].read);
            });
          });
          return refine(state);
        });
      });
    }

    function refine(state) {
      var ranked = rank(state);
      if (settled(state, ranked)) return finish(state, ranked, complete(state));
      return readMore(state).then(function (more) { return more ? refine(state) : finish(state, ranked, false); });
    }

    function finish(state, ranked, exact) {
      var c = counts(state, ranked, exact);
      var hits = ranked.slice(0, TOP).map(function (r) {
        var matched = [];
        for (var w = 0; w < state.words; w++) if (r.doc.via[w] >= 0) matched.push(state.candidates[w][r.doc.via[w]].term);
        return { doc: r.doc.id, score: r.key[2], words: r.key[0], section: r.doc.section, terms: matched };
      });
      return { total: c.total, hits: hits, counts: c.counts, exact: c.exact, facets: state.meta.facets };
    }

    /* The display data of a hit: [title, href, kind, summary, headings, excerpt]. */
    function doc(hit) {
      return meta().then(function (m) {
        var group = Math.floor(hit.doc / m.group);
        return load("r/" + ("0" + (group & 255).toString(16)).slice(-2) + "/" + group);
      }).then(function (records) { return records[hit.doc]; });
    }

    return { search: search, doc: doc, facets: FACETS };
  }

  var api = { createEngine: createEngine, decode: decode, hash: hash, typoKeys: typoKeys };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.spodeliEngine = api;
})(this);
