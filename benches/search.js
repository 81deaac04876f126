// Search speed in headless Chromium over file:// (see benches/search.sh):
// - cold: time from navigation to the first results on screen, and the index bytes loaded;
// - warm: median latency of a query (engine search + result details) once its parts are loaded.
// usage: node benches/search.js SITE_DIR [LANG]
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const { chromium } = require(path.join(__dirname, "../tests/browser/node_modules/playwright-core"));

const site = path.resolve(process.argv[2]);
const lang = process.argv[3] || "bg";
const QUERIES = {
  bg: { first: "учителите", one: "училище", prefix: "учи", three: "учители споделят опит" },
  en: { first: "teachers", one: "school", prefix: "tea", three: "teachers share experience" },
}[lang];
const RUNS = 25;

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage();
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const status = document.getElementById("search-status");
      new MutationObserver(() => {
        if (!window.__firstResults && status.textContent) window.__firstResults = performance.now();
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
  });
  const url = "file://" + path.join(site, lang, "search/index.html") + "?q=" + encodeURIComponent(QUERIES.first);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstResults, null, { timeout: 60000 });
  const cold = await page.evaluate(() => window.__firstResults);
  // The parts the first query loaded are the keys the index scripts registered.
  const parts = await page.evaluate(() => Object.keys(window.spodeliSearch));
  const indexFiles = parts.map((key) => path.join(site, "search", `${key}.js`));
  const indexBytes = indexFiles.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const allIndex = fs.readdirSync(path.join(site, "search", lang)).reduce((s, f) => s + fs.statSync(path.join(site, "search", lang, f)).size, 0);

  const warm = await page.evaluate(async ({ queries, runs, language }) => {
    const registry = window.spodeliSearch;
    const load = (part) => {
      const key = `${language}/${part}`;
      if (registry[key]) return Promise.resolve(registry[key]);
      return new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = `../../search/${language}/${part}.js`;
        s.onload = () => resolve(registry[key]);
        s.onerror = reject;
        document.head.appendChild(s);
      });
    };
    const engine = window.spodeliEngine.createEngine(load, window.spodeliAnalyze);
    const filters = Object.fromEntries(engine.facets.map((f) => [f, []]));
    const out = {};
    for (const [name, q] of Object.entries(queries)) {
      const once = async () => {
        const t = performance.now();
        const { hits } = await engine.search(q, filters);
        await Promise.all(hits.slice(0, 20).map(engine.doc));
        return [performance.now() - t, hits.length];
      };
      await once(); // load its parts
      const times = [];
      let count = 0;
      for (let i = 0; i < runs; i++) {
        const [ms, n] = await once();
        times.push(ms);
        count = n;
      }
      times.sort((a, b) => a - b);
      out[name] = { query: q, median_ms: +times[times.length >> 1].toFixed(2), hits: count };
    }
    return out;
  }, { queries: QUERIES, runs: RUNS, language: lang });
  await browser.close();
  console.log(JSON.stringify({ lang, cold_first_results_ms: Math.round(cold), first_query_index_bytes: indexBytes,
    first_query_index_files: indexFiles.length, index_bytes_total: allIndex, warm }, null, 2));
})().catch((e) => { console.error(e); process.exit(1); });
