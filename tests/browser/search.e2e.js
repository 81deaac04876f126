// End-to-end search in headless Chromium (playwright-core, Debian's chromium): typing Bulgarian,
// Latin-typed and English queries, applying a facet, going Back, following a result.
// Run by tests/tools/browser.rs, which builds the sample site and passes where it is served:
// SPODELI_E2E_BASES is a JSON list of site roots (a file:// URL of an offline build, and an
// http://127.0.0.1 URL). Exits non-zero with a message on the first failed check.
"use strict";
const path = require("node:path");
const assert = require("node:assert");
const { chromium } = require(path.join(__dirname, "node_modules/playwright-core"));

const bases = JSON.parse(process.env.SPODELI_E2E_BASES);

/* The result links once the list shows `query` (typing sends the partial words too). */
async function results(page, query) {
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, query);
  return page.$$eval("#search-results h3 a", (links) => links.map((a) => a.getAttribute("href")));
}

async function typeQuery(page, text) {
  const input = page.locator("#search-input");
  await input.fill("");
  await input.pressSequentially(text, { delay: 15 });
  return results(page, text);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  for (const base of bases) {
    const offline = base.startsWith("file:");
    const searchPage = (lang) => `${base}${lang}/search/${offline ? "index.html" : ""}`;
    const page = await browser.newPage();
    await page.goto(searchPage("bg"));
    // Keyboard: the skip link first, the header search box, then the page's search field.
    await page.keyboard.press("Tab");
    assert.strictEqual(await page.evaluate(() => document.activeElement.className), "skip-link");
    await page.locator("#search-input").focus();

    let links = await typeQuery(page, "учителите");
    assert.ok(links.some((l) => l.includes("practices/sharing-knowledge-from-trainings/")), `${base}: учителите → ${links}`);
    assert.match(await page.textContent("#search-status"), /^\d+ резултата$/);
    assert.ok((await page.$$("#search-results mark")).length > 0, "matched words are marked");

    links = await typeQuery(page, "uchilishte");
    assert.ok(links.some((l) => l.includes("practices/cloud-platforms-plovdiv/")), `${base}: uchilishte → ${links}`);
    assert.ok(page.url().includes("q=uchilishte"), page.url());

    // A facet narrows the results, lives in the address, and Back undoes it.
    await page.check('#search-facets input[name="kind"][value="pages"]');
    await page.waitForFunction(() => document.getElementById("search-status").textContent === "1 резултат");
    assert.ok(page.url().includes("kind=pages"), page.url());
    links = await results(page, "uchilishte");
    assert.strictEqual(links.length, 1);
    assert.ok(links[0].includes("etwinning-school-label/"), links[0]);
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('#search-facets input[value="pages"]:checked') && document.querySelectorAll("#search-results li").length > 1);
    assert.ok(!page.url().includes("kind=pages"), page.url());

    // Following a result opens the page.
    await typeQuery(page, "eTwining");
    await Promise.all([page.waitForNavigation(), page.click("#search-results h3 a")]);
    assert.strictEqual((await page.textContent("h1")).trim(), "Знакът „eTwinning училище“");

    // English, reached through the header search box of another page.
    await page.goto(searchPage("en"));
    links = await typeQuery(page, "teachers");
    assert.ok(links.some((l) => l.includes("practices/sharing-knowledge-from-trainings/")), `${base}: teachers → ${links}`);
    assert.match(await page.textContent("#search-status"), /^\d+ results$/);
    await page.close();
    console.log(`search e2e ok: ${base}`);
  }
  await browser.close();
})().catch((e) => { console.error(e.message || e); process.exit(1); });
