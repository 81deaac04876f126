// Search in headless Chromium, as a reader meets it (see benches/search.sh): for each query of
// a generated corpus (its queries.json), a fresh browser context opens the search page, and the
// query is submitted (or, for the word being typed, typed); counted are the files and bytes the
// page fetched for search (index parts and search scripts; the page itself and its style sheet
// are not), what they would weigh gzip-compressed, and the time from the query to its results
// on screen. `warm` is the
// median time of the same query once its parts are loaded: what ranking costs after the files
// arrive.
//
//   node benches/search.js spodeli SITE LANG QUERIES    over file:// and http
//   node benches/search.js pagefind SITE LANG QUERIES   a Hugo site indexed by Pagefind, over
//                                                       http, through its JS API as its UI uses
//                                                       it: filters, search, five fragments
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const http = require("node:http");
const zlib = require("node:zlib");
const { chromium } = require(path.join(__dirname, "../tests/browser/node_modules/playwright-core"));

const [kind, siteArg, lang, queriesFile] = process.argv.slice(2);
const site = path.resolve(siteArg);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"))[lang];
const WARM_RUNS = 15;

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };

/* A plain static server: no compression, so that bytes are the files' own. */
function serve(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const gzipped = (bytes) => zlib.gzipSync(bytes, { level: 6 }).length;

function median(list) {
  const sorted = list.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/* Counts what the page fetches whose address passes `counted`. */
function recorder(page, counted) {
  const fetched = [];
  page.on("response", async (response) => {
    if (!counted(response.url())) return;
    try {
      const body = await response.body();
      fetched.push({ url: response.url(), bytes: body.length, gzip: gzipped(body) });
    } catch {
      /* a response without a body */
    }
  });
  return fetched;
}

async function spodeliQuery(browser, base, q, transport, typing) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = recorder(page, (u) => u.includes("/search/") && u.endsWith(".js"));
  const offline = transport === "file";
  await page.goto(`${base}${lang}/search/${offline ? "index.html" : ""}`);
  await page.waitForLoadState("load");
  // A word being typed is typed (the page completes it); other queries are submitted.
  const ms = await page.evaluate(({ query, typed }) => new Promise((resolve) => {
    const list = document.getElementById("search-results");
    const input = document.getElementById("search-input");
    const start = performance.now();
    new MutationObserver(() => {
      if (list.getAttribute("data-query") === query) resolve(performance.now() - start);
    }).observe(list, { attributes: true, childList: true });
    input.value = query;
    if (typed) input.dispatchEvent(new Event("input"));
    else document.getElementById("search-form").requestSubmit();
  }), { query: q, typed: typing });
  const results = await page.$$eval("#search-results li", (items) => items.length);
  const status = await page.textContent("#search-status");
  let files = fetched;
  if (offline) {
    // file:// responses have no bodies to read: the parts are the keys the index registered,
    // and the three search scripts.
    const parts = await page.evaluate(() => Object.keys(window.spodeliSearch));
    const names = parts.map((k) => path.join(site, "search", `${k}.js`))
      .concat(["analyze.js", "engine.js", "search.js"].map((f) => path.join(site, "search", f)));
    files = names.map((f) => { const b = fs.readFileSync(f); return { url: f, bytes: b.length, gzip: gzipped(b) }; });
  }
  const warm = await page.evaluate(async ({ query, runs, typed }) => {
    const box = document.getElementById("search");
    const registry = window.spodeliSearch;
    const language = box.getAttribute("data-lang");
    const load = (part) => Promise.resolve(registry[`${language}/${part}`]);
    const engine = window.spodeliEngine.createEngine(load, window.spodeliAnalyze);
    const filters = Object.fromEntries(engine.facets.map((f) => [f, []]));
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const { hits } = await engine.search(query, filters, typed);
      await Promise.all(hits.slice(0, 20).map(engine.doc));
      times.push(performance.now() - t);
    }
    return times;
  }, { query: q, runs: WARM_RUNS, typed: typing }).catch(() => null);
  await context.close();
  return { files, ms, results, status, warm: warm && median(warm) };
}

async function pagefindQuery(browser, base, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = recorder(page, (u) => u.includes("/pagefind/"));
  await page.goto(`${base}${lang}/`);
  const out = await page.evaluate(async ({ query, runs }) => {
    const t = performance.now();
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({});
    await pagefind.filters();
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
    const ms = performance.now() - t;
    const times = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const again = await pagefind.search(query + (i % 2 ? " " : ""));
      await Promise.all(again.results.slice(0, 5).map((r) => r.data()));
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return { ms, results: data.length, total: search.results.length, warm: times[times.length >> 1] };
  }, { query: q, runs: WARM_RUNS });
  await new Promise((r) => setTimeout(r, 200));
  await context.close();
  return { files: fetched, ms: out.ms, results: out.results, status: `${out.total} results`, warm: out.warm };
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const server = await serve(site);
  const httpBase = `http://127.0.0.1:${server.address().port}/`;
  const transports = kind === "pagefind" ? ["http"] : ["file", "http"];
  const rows = [];
  for (const transport of transports) {
    for (const [name, q] of Object.entries(queries)) {
      const r = kind === "pagefind"
        ? await pagefindQuery(browser, httpBase, q)
        : await spodeliQuery(browser, transport === "file" ? `file://${site}/` : httpBase, q, transport, name === "prefix");
      const bytes = r.files.reduce((s, f) => s + f.bytes, 0);
      const gzip = r.files.reduce((s, f) => s + f.gzip, 0);
      rows.push({ tool: kind, transport, query: name, q, files: r.files.length, kib: +(bytes / 1024).toFixed(1),
        gzip_kib: +(gzip / 1024).toFixed(1), first_results_ms: Math.round(r.ms), warm_ms: r.warm && +r.warm.toFixed(1),
        shown: r.results, status: r.status });
    }
  }
  server.close();
  await browser.close();
  for (const row of rows) console.log(JSON.stringify(row));
})().catch((e) => { console.error(e); process.exit(1); });
