// Accessibility and keyboard checks in headless Chromium (playwright-core, Debian's chromium),
// and screenshots for people to look at. Run by tests/tools/quality.rs, which builds the sites and
// passes SPODELI_QUALITY: a JSON list of {name, base, offline, pages, screenshots}, where `base`
// is the site's address (http under a sub-path, or a file:// folder), `pages` are paths of every
// page type in both languages, and `screenshots` the pages to photograph; and
// SPODELI_SCREENSHOTS, the folder for the pictures.
// - axe-core with the WCAG 2.0/2.1 A and AA rules on every page: 0 violations;
// - handbooks print as one document: "Print → Save as PDF" of each print page (`prints`:
//   [path, chapters]) gives a page per chapter at least, each chapter starting a new one;
// - keyboard: the skip link comes first, is visible when focused and moves focus to the main
//   content; every focused control shows a focus indicator; the language switcher and the
//   header search work from the keyboard.
// Prints one line per check and exits non-zero on the first failure.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const assert = require("node:assert");
const { chromium } = require(path.join(__dirname, "node_modules/playwright-core"));

const sites = JSON.parse(process.env.SPODELI_QUALITY);
const shots = process.env.SPODELI_SCREENSHOTS;
const axeSource = fs.readFileSync(path.join(__dirname, "node_modules/axe-core/axe.min.js"), "utf8");

/* The address of a page of `site` (offline folders open their index.html). */
function address(site, page) {
  const [file, query] = page.split("?");
  const named = site.offline && (file === "" || file.endsWith("/")) ? `${file}index.html` : file;
  return site.base + named + (query ? `?${query}` : "");
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ") + " — " + n.failureSummary).slice(0, 5),
    }));
  });
}

/* Whether the focused element shows a focus indicator (an outline or a box shadow). */
function focusShown(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const rect = el.getBoundingClientRect();
    return { shown: outline || style.boxShadow !== "none", what: el.outerHTML.slice(0, 80), visible: rect.width > 0 && rect.height > 0 };
  });
}

async function keyboard(page, site, lang) {
  const other = lang === "bg" ? "en" : "bg";
  await page.goto(address(site, `${lang}/`));
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { cls: el.className, top: r.top, height: r.height };
  });
  assert.strictEqual(skip.cls, "skip-link", "the skip link is the first stop");
  assert.ok(skip.top >= 0 && skip.height > 0, "the skip link is visible when focused");
  const first = await focusShown(page);
  assert.ok(first.shown, `focus shown on ${first.what}`);
  await page.keyboard.press("Enter");
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), "main", "skip link moves focus to the content");
  // Every stop of the header and the page start shows where the focus is.
  await page.goto(address(site, `${lang}/`));
  let reachedSwitch = false;
  let reachedSearch = false;
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    const focus = await focusShown(page);
    if (!focus) break;
    assert.ok(focus.shown && focus.visible, `a visible focus indicator on ${focus.what}`);
    const here = await page.evaluate(() => ({ lang: document.activeElement.getAttribute("hreflang"), search: document.activeElement.type === "search" }));
    if (here.lang === other) reachedSwitch = true;
    if (here.search) reachedSearch = true;
  }
  assert.ok(reachedSwitch, "the language switcher is reachable by Tab");
  assert.ok(reachedSearch, "the header search is reachable by Tab");
  // The language switcher, by keyboard.
  await page.goto(address(site, `${lang}/`));
  await page.locator(`.languages a[hreflang="${other}"]`).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((l) => document.documentElement.lang === l, other);
  // The header search, by keyboard.
  await page.goto(address(site, `${lang}/`));
  await page.locator(".site-search input").focus();
  await page.keyboard.type(lang === "bg" ? "учители" : "teachers");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#search-results h3 a").length > 0);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const failures = [];
  for (const site of sites) {
    const page = await browser.newPage();
    let checked = 0;
    for (const p of site.pages) {
      await page.goto(address(site, p));
      const violations = await axe(page);
      for (const v of violations) failures.push(`${site.name} ${p}: ${v.id} (${v.help})\n    ${v.nodes.join("\n    ")}`);
      checked++;
    }
    console.log(`axe: ${site.name}: ${checked} pages, ${failures.length} violations`);
    if (failures.length) {
      console.error(`axe violations:\n${failures.join("\n")}`);
      process.exit(1);
    }
    for (const lang of ["bg", "en"]) {
      await keyboard(page, site, lang);
      console.log(`keyboard: ${site.name} ${lang} ok`);
    }
    for (const [p, chapters] of site.prints) {
      await page.goto(address(site, p));
      const pdf = await page.pdf({ format: "A4" });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.ok(pages > chapters, `${site.name} ${p}: ${pages} PDF pages for ${chapters} chapters and the title`);
      console.log(`print: ${site.name} ${p}: ${pages} pages`);
    }
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      for (const p of site.screenshots) {
        await page.goto(address(site, p));
        if (p.includes("search/")) {
          await page.waitForFunction(() => document.querySelectorAll("#search-results h3 a").length > 0);
        }
        const name = p.split("?")[0].replace(/\/+/g, "-").replace(/-$/, "") || "chooser";
        const file = path.join(shots, `${site.name}-${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshot: ${file}`);
      }
    }
    await page.close();
  }
  await browser.close();
  console.log("quality e2e ok");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
