// Hostile text in every field, in headless Chromium (playwright-core, Debian's chromium): no
// script of the content runs on any page, in search results, in the feeds or in JSON-LD.
// Run by tests/tools/hostile.rs, which builds a site whose every text field holds script payloads
// (each sets window.__pwned or opens a dialog) and passes SPODELI_HOSTILE_ROOT (the offline
// build) and SPODELI_HOSTILE_PAGES (a JSON list of its pages and feeds). Prints the number of
// documents checked; exits non-zero with a message on the first script that ran.
"use strict";
const path = require("node:path");
const assert = require("node:assert");
const { chromium } = require(path.join(__dirname, "node_modules/playwright-core"));

const root = process.env.SPODELI_HOSTILE_ROOT;
const pages = JSON.parse(process.env.SPODELI_HOSTILE_PAGES);

/* What a payload left: a variable set, an inline handler or a script element of the content. */
async function traces(page) {
  return page.evaluate(() => {
    const found = [];
    if (window.__pwned) found.push("window.__pwned was set");
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} has ${attr.name}`);
        if (/^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
    for (const s of document.querySelectorAll("script")) {
      const own = s.type === "application/ld+json" || /search\/(analyze|engine|search)\.js$|search\/[a-z]+\/([^/]+|r\/[0-9a-f]{2}\/\d+)\.js$/.test(s.src);
      if (!own) found.push(`a script element: ${s.outerHTML.slice(0, 80)}`);
    }
    return found;
  });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage();
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  let checked = 0;
  for (const p of pages) {
    await page.goto(`file://${path.join(root, p)}`);
    await page.waitForTimeout(30);
    assert.deepStrictEqual(await traces(page), [], p);
    checked++;
  }
  // Search results are built by JavaScript from the index: query the payload's words.
  for (const lang of ["bg", "en"]) {
    await page.goto(`file://${path.join(root, lang, "search/index.html")}?q=pwned`);
    await page.waitForFunction(() => document.getElementById("search-results").children.length > 0);
    await page.waitForTimeout(100);
    assert.deepStrictEqual(await traces(page), [], `${lang} search results`);
    const shown = await page.$eval("#search-results", (r) => r.textContent);
    assert.ok(shown.includes("<script>"), "the payload is shown as text");
    checked++;
  }
  assert.deepStrictEqual(dialogs, [], "no dialog opened");
  await browser.close();
  console.log(`hostile: ${checked} documents, no script ran`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
