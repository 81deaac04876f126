/* spodeli search analyzer: the query side of src/search/analyze.rs and stem_bg.rs, step for
   step, so that a query yields exactly the terms the index holds. tests/search/vectors.json
   (made by `cargo run --example gen-vectors`) holds both sides to the same output: a Rust test
   and a node test (tests/search/analyze.test.js) check it.

   The data both sides share (stop words, the stemmer's masculine -т nouns) comes from the index
   (meta.js), written by Rust: call spodeliAnalyze.configure(meta.analyzer) first.
   Classic script, no modules: works from file://. */
(function (root) {
  "use strict";

  var stop = {};
  var masculineT = {};

  function configure(data) {
    stop = {};
    masculineT = {};
    data.stop.forEach(function (w) { stop[w] = true; });
    data.masculine_t.forEach(function (w) { masculineT[w] = true; });
  }

  function isCyrillic(c) { return c >= "\u0400" && c <= "\u04ff"; }
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var LOOK_ALIKE = { a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", y: "у", k: "к", m: "м", t: "т", h: "н", b: "в" };

  /* NFC, no stress marks, lowercase letter by letter (as Rust's char::to_lowercase), ѝ ѐ ё folded. */
  function normalize(text) {
    var out = "";
    for (var c of text.normalize("NFC")) {
      if (c === "\u0301") continue;
      for (var l of c.toLowerCase()) {
        out += l === "ѝ" ? "и" : (l === "ѐ" || l === "ё") ? "е" : l;
      }
    }
    return out;
  }

  function words(normalized) {
    var list = [];
    var word = "";
    for (var c of normalized + " ") {
      if (WORD.test(c)) { word += c; continue; }
      if (!word) continue;
      var chars = Array.from(word);
      var mixed = chars.some(isCyrillic) && chars.some(function (x) { return x >= "a" && x <= "z"; });
      list.push(mixed ? chars.map(function (x) { return LOOK_ALIKE[x] || x; }).join("") : word);
      word = "";
    }
    return list;
  }

  /* ---- Bulgarian light stemmer (see src/search/stem_bg.rs for the rules and why) ---- */
  function stemBg(word) {
    var s = Array.from(word);
    var len = s.length;
    function ends(suffix) {
      var n = suffix.length;
      return len >= n && s.slice(len - n, len).join("") === suffix;
    }
    function ishta() { return len - 3 <= 3 ? len - 3 : len - 1; }
    if (len < 4) return word;
    if (len > 5 && ends("ища")) return s.slice(0, ishta()).join("");
    // articles
    if (len > 6 && ends("ият")) len -= 3;
    else if (len > 5 && ends("та") && masculineT[s.slice(0, len - 1).join("")]) len -= 1;
    else if (len > 5 && ["ът", "то", "те", "та", "ия"].some(ends)) len -= 2;
    else if (len > 4 && ends("ят")) len -= 2;
    // plurals
    if (len > 6 && ends("овци")) len -= 3;
    else if (len > 5 && ends("ове")) len -= 3;
    else if (len > 6 && ends("еве")) { s[len - 3] = "й"; len -= 2; }
    else if (len > 5 && ends("ища")) len = ishta();
    else if (len > 5 && (ends("та") || ends("ии"))) len -= 2;
    else if (len > 5 && ends("ци")) { s[len - 2] = "к"; len -= 1; }
    else if (len > 5 && ends("зи")) { s[len - 2] = "г"; len -= 1; }
    else if (len > 3 && ends("и")) len -= 1;
    // final vowel
    if (len > 4 && (ends("ия") || ends("ие"))) len -= 2;
    else if (len > 3) {
      if (ends("я")) len -= 1;
      if (ends("а") || ends("о") || ends("е")) len -= 1;
    }
    if (len > 4 && ends("ен")) { s[len - 2] = "н"; len -= 1; }
    if (len > 5 && s[len - 2] === "ъ") { s[len - 2] = s[len - 1]; len -= 1; }
    return s.slice(0, len).join("");
  }

  /* ---- English: Porter2 (Snowball English), as the rust-stemmers crate ---- */
  var EXCEPTIONS = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes" };
  var AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  function vowel(c) { return "aeiouy".indexOf(c) >= 0; }

  function porter2(word) {
    if (word.length <= 2) return word;
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    var w = word.split("");
    for (var i = 0; i < w.length; i++) {
      if (w[i] === "y" && (i === 0 || vowel(w[i - 1]))) w[i] = "Y";
    }
    w = w.join("");
    function region(from) {
      for (var k = from + 1; k < w.length; k++) if (!vowel(w[k]) && vowel(w[k - 1])) return k + 1;
      return w.length;
    }
    var r1 = /^(gener|commun|arsen)/.test(w) ? w.match(/^(gener|commun|arsen)/)[1].length : region(0);
    var r2 = region(r1);
    function has(suffix) { return w.length >= suffix.length && w.slice(-suffix.length) === suffix; }
    function cut(n) { w = w.slice(0, w.length - n); }
    function shortSyllableEnd(x) {
      var n = x.length;
      if (n === 2) return vowel(x[0]) && !vowel(x[1]);
      return n >= 3 && !vowel(x[n - 3]) && vowel(x[n - 2]) && !vowel(x[n - 1]) && "wxY".indexOf(x[n - 1]) < 0;
    }
    function isShort(x) { return shortSyllableEnd(x) && r1 >= x.length; }
    function longest(list) {
      var best = null;
      list.forEach(function (s) { if (has(s) && (!best || s.length > best.length)) best = s; });
      return best;
    }
    // Step 1a
    if (has("sses")) cut(2);
    else if (has("ied") || has("ies")) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
    else if (has("us") || has("ss")) { /* stays */ }
    else if (has("s") && /[aeiouy]/.test(w.slice(0, -2))) cut(1);
    if (AFTER_1A[w]) return w;
    // Step 1b
    var s1b = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s1b === "eed" || s1b === "eedly") {
      if (w.length - s1b.length >= r1) w = w.slice(0, -s1b.length) + "ee";
    } else if (s1b && /[aeiouy]/.test(w.slice(0, -s1b.length))) {
      cut(s1b.length);
      if (has("at") || has("bl") || has("iz")) w += "e";
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) cut(1);
      else if (isShort(w)) w += "e";
    }
    // Step 1c
    if ((has("y") || has("Y")) && w.length > 2 && !vowel(w[w.length - 2])) w = w.slice(0, -1) + "i";
    // Step 2
    var STEP2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
      ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous",
      ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "" };
    var s2 = longest(Object.keys(STEP2));
    if (s2 && w.length - s2.length >= r1) {
      var before = w.slice(0, -s2.length);
      if (s2 === "ogi") { if (before.slice(-1) === "l") w = before + "og"; }
      else if (s2 === "li") { if ("cdeghkmnrt".indexOf(before.slice(-1)) >= 0 && before.length) w = before; }
      else w = before + STEP2[s2];
    }
    // Step 3
    var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
    var s3 = longest(Object.keys(STEP3));
    if (s3 && w.length - s3.length >= r1) {
      if (s3 !== "ative" || w.length - s3.length >= r2) w = w.slice(0, -s3.length) + STEP3[s3];
    }
    // Step 4
    var s4 = longest(["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
      "ous", "ive", "ize", "ion"]);
    if (s4 && w.length - s4.length >= r2) {
      if (s4 !== "ion" || /[st]$/.test(w.slice(0, -3))) cut(s4.length);
    }
    // Step 5
    if (has("e")) {
      var stem = w.slice(0, -1);
      if (w.length - 1 >= r2 || (w.length - 1 >= r1 && !shortSyllableEnd(stem))) w = stem;
    } else if (has("l") && w.length - 1 >= r2 && w[w.length - 2] === "l") cut(1);
    return w.replace(/Y/g, "y");
  }

  function term(word) {
    if (stop[word]) return null;
    var chars = Array.from(word);
    if (chars.some(isCyrillic)) return stemBg(word);
    if (/^[a-z]+$/.test(word)) return porter2(word);
    return word;
  }

  function terms(text) {
    return words(normalize(text)).map(term).filter(function (t) { return t !== null; });
  }

  /* ---- Latin typing ---- */
  var LATIN = { "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ѐ": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "ѝ": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya" };

  /* A normalized Cyrillic word in Latin letters (Streamlined System, word-final ия → ia). */
  function toLatin(word) {
    var chars = Array.from(word);
    var out = "";
    chars.forEach(function (c, i) {
      var end = i + 1 >= chars.length || !WORD.test(chars[i + 1]) || /\p{N}/u.test(chars[i + 1]);
      if (c === "я" && end && i > 0 && chars[i - 1] === "и") out += "a";
      else out += Object.prototype.hasOwnProperty.call(LATIN, c) ? LATIN[c] : c;
    });
    return out;
  }

  function foldLatin(word) {
    var out = "";
    for (var i = 0; i < word.length; i++) {
      var c = word[i], next = word[i + 1];
      if (c === "6" && next === "t") { out += "sht"; i++; }
      else if (c === "4") out += "ch";
      else if (c === "6") out += "sh";
      else if (c === "q") out += "ya";
      else if (c === "j") out += "zh";
      else if (c === "w") out += "a";
      else if (c === "x") out += "h";
      else if (c === "c" && next === "h") { out += "ch"; i++; }
      else if (c === "c") out += "ts";
      else out += c;
    }
    return /iya$/.test(out) ? out.slice(0, -3) + "ia" : out;
  }

  function latinKey(word) { return foldLatin(toLatin(word)); }

  var api = { configure: configure, normalize: normalize, words: words, term: term, terms: terms,
    stemBg: stemBg, porter2: porter2, latinKey: latinKey, foldLatin: foldLatin };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.spodeliAnalyze = api;
})(this);
