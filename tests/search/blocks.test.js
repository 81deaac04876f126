// The engine's reading of the index (src/search/index.rs) against the whole of it: over a site
// of 700 practices whose frequent terms have several postings blocks, a query's first page and
// counts must be those of every posting read, and a one-word query must not read more than the
// first block. The site comes from tests/tools/node.rs (SPODELI_SITES, `many`).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const analyze = require(path.join(__dirname, "../../themes/default/static/search/analyze.js"));
const { createEngine, decode, hash } = require(path.join(__dirname, "../../themes/default/static/search/engine.js"));
const sites = process.env.SPODELI_SITES && JSON.parse(process.env.SPODELI_SITES);
const skip = !sites && "run through cargo test (tests/tools/node.rs)";

/* The index parts of the site's Bulgarian search, recording which were read. */
function loader(read) {
  const window = {};
  return (part) => {
    const key = `bg/${part}`;
    if (!(window.spodeliSearch && key in window.spodeliSearch)) {
      read.push(part);
      new Function("window", fs.readFileSync(path.join(sites.many, "search/bg", `${part}.js`), "utf8"))(window);
    }
    return Promise.resolve(window.spodeliSearch[key]);
  };
}

/* Every posting of `term`, read here from all its blocks: {id, impact, themes, year}. */
async function everyPosting(load, term) {
  const meta = await load("meta");
  const [firsts, names] = meta.ranges.terms;
  let k = 0;
  while (k + 1 < firsts.length && firsts[k + 1] <= term) k++;
  const entry = (await load(`t-${names[k]}`))[term];
  const blocks = [decode(entry[1])];
  const later = decode(entry[2]);
  for (let b = 1; b <= later.length / 2; b++) blocks.push(decode(await load(`p-${entry[4]}-${b}`)));
  const f = meta.facets;
  const width = 3 + 1 + Math.ceil(f.theme.length / 30) + Math.ceil(f.level.length / 30);
  const kinds = f.kind.length, programmes = f.programme.length + 1;
  const out = [];
  for (const numbers of blocks) {
    let id = 0;
    for (let p = 0; p < numbers.length; p += width) {
      id += numbers[p];
      const year = Math.floor(Math.floor(numbers[p + 3] / kinds) / programmes);
      const themes = f.theme.filter((_, c) => (numbers[p + 4] >> c) & 1);
      out.push({ id, impact: numbers[p + 1], themes, year: String(f.year[0] + year - 1) });
    }
  }
  return { df: entry[0], postings: out, blocks: blocks.length };
}

function tally(postings, field) {
  const counts = {};
  for (const p of postings) for (const v of [].concat(p[field])) counts[v] = (counts[v] || 0) + 1;
  return counts;
}

const NONE = { kind: [], theme: [], level: [], programme: [], year: [] };

test("numbers and near-miss hashes read as Rust writes them", () => {
  // The same values are asserted in src/search/code.rs and src/search/typos.rs.
  assert.deepStrictEqual(decode("0Va1"), [0, 31, 32]);
  assert.strictEqual(hash(""), 0x811c9dc5);
  assert.strictEqual(hash("a"), 0xe40c292c);
});

test("a frequent word ranks and counts from its first block", { skip }, async () => {
  const read = [];
  const engine = createEngine(loader(read), analyze);
  const all = await everyPosting(loader([]), "наставничеств");
  assert.ok(all.blocks >= 3, `${all.blocks} blocks`);
  const result = await engine.search("наставничество ", NONE);
  assert.ok(!read.some((p) => p.startsWith("p-")), `read ${read}`);
  const best = all.postings.slice().sort((a, b) => b.impact - a.impact || a.id - b.id).slice(0, 20).map((p) => p.id);
  assert.deepStrictEqual(result.hits.slice(0, 20).map((h) => h.doc), best);
  assert.strictEqual(result.total, 700);
  assert.ok(result.exact);
  assert.deepStrictEqual(result.counts.year, tally(all.postings, "year"));
  assert.deepStrictEqual(result.counts.theme, tally(all.postings, "themes"));
  const shown = await engine.doc(result.hits[0]);
  assert.match(shown[1], /^bg\/practices\/p\d+\/$/);
});

test("a filter reads further blocks until its first page is certain", { skip }, async () => {
  const engine = createEngine(loader([]), analyze);
  const all = await everyPosting(loader([]), "наставничеств");
  const reading = all.postings.filter((p) => p.themes.includes("reading"));
  const result = await engine.search("наставничество ", { ...NONE, theme: ["reading"] });
  const best = reading.sort((a, b) => b.impact - a.impact || a.id - b.id).slice(0, 20).map((p) => p.id);
  assert.deepStrictEqual(result.hits.slice(0, 20).map((h) => h.doc), best);
  if (result.exact) {
    assert.strictEqual(result.total, reading.length);
    assert.deepStrictEqual(result.counts.year, tally(reading, "year"));
    assert.deepStrictEqual(result.counts.theme, tally(all.postings, "themes"), "a facet's own filter does not narrow its counts");
  } else {
    // The first page was certain before every block was read: the count is an estimate.
    assert.ok(Math.abs(result.total - reading.length) <= reading.length * 0.2, `${result.total} for ${reading.length}`);
  }
});

test("documents with every word come first, by their summed scores", { skip }, async () => {
  const engine = createEngine(loader([]), analyze);
  const words = ["наставничеств", "учител"];
  const lists = await Promise.all(words.map((t) => everyPosting(loader([]), t)));
  const meta = await loader([])("meta");
  const score = (impact) => 1e-5 * Math.pow(1.004, impact);
  const docs = new Map();
  lists.forEach((list) => list.postings.forEach((p) => {
    const d = docs.get(p.id) || { id: p.id, words: 0, score: 0 };
    d.words += 1;
    d.score += score(p.impact);
    docs.set(p.id, d);
  }));
  const ranked = [...docs.values()].sort((a, b) => b.words - a.words || b.score - a.score || a.id - b.id);
  const result = await engine.search("наставничество учители ", NONE);
  assert.ok(meta.docs >= 700);
  assert.deepStrictEqual(result.hits.slice(0, 20).map((h) => h.doc), ranked.slice(0, 20).map((d) => d.id));
  assert.ok(result.hits.slice(0, 20).every((h) => h.words === 2));
  assert.ok(result.exact);
  assert.strictEqual(result.total, docs.size);
});
