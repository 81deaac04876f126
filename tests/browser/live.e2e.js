// Live reload under `spodeli serve`, in headless Chromium (playwright-core, Debian's chromium):
// a saved edit reloads the open page; a broken edit shows the problems over the last good page;
// fixing it clears them; a stylesheet change swaps the stylesheet without reloading.
// Run by tests/tools/browser.rs, which starts `spodeli serve` on a copy of tests/sites/full and passes
// SPODELI_LIVE_URL (the site's address, opened by the host name `localhost`) and
// SPODELI_LIVE_ROOT (the copy). Exits non-zero with a message on the first failed check.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const assert = require("node:assert");
const { chromium } = require(path.join(__dirname, "node_modules/playwright-core"));

const url = process.env.SPODELI_LIVE_URL.replace("127.0.0.1", "localhost");
const root = process.env.SPODELI_LIVE_ROOT;
const practice = path.join(root, "content/practices/gamma.bg.md");

function edit(file, from, to) {
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/* Opens `address` and waits until its event stream is connected. */
async function open(page, address) {
  const connected = page.waitForRequest((r) => r.url().endsWith("/__spodeli/events"));
  await page.goto(address);
  await connected;
  await page.waitForTimeout(200);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage();
  await open(page, `${url}bg/practices/gamma/`);
  const summary = () => page.textContent("main");

  // An edit reloads the page with the new text.
  await page.evaluate(() => { window.beforeReload = true; });
  edit(practice, "summary: Само на български.", "summary: Обновено на живо.");
  await page.waitForFunction(() => document.querySelector("main")?.textContent.includes("Обновено на живо"));
  assert.strictEqual(await page.evaluate(() => window.beforeReload), undefined, "the page reloaded");

  // A broken edit: the problems over the page, which stays the last good build.
  edit(practice, "date: 2020-01-15", "date: 2020-13-45");
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /content\/practices\/gamma\.bg\.md:4:7: error: /, message);
  assert.ok((await summary()).includes("Обновено на живо"), "the last good page stays");

  // Fixing it clears the problems by itself.
  edit(practice, "date: 2020-13-45", "date: 2020-01-16");
  await alert.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.querySelector("main")?.textContent.includes("16"));
  assert.strictEqual(await alert.count(), 0);

  // A stylesheet change is swapped in without a reload.
  await open(page, `${url}bg/practices/gamma/`);
  await page.evaluate(() => { window.beforeSwap = true; });
  fs.mkdirSync(path.join(root, "static"), { recursive: true });
  fs.writeFileSync(path.join(root, "static/style.css"), "body { background: rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)");
  assert.strictEqual(await page.evaluate(() => window.beforeSwap), true, "no reload for a stylesheet");

  // A page in a background tab lets its connection go (browsers allow a few per host), and
  // coming back it reloads if it missed a change meanwhile.
  const setHidden = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, "hidden", { value: h, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
  await setHidden(true);
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.beforeHidden = true; });
  edit(practice, "summary: Обновено на живо.", "summary: Докато беше скрита.");
  await page.waitForTimeout(1000);
  assert.strictEqual(await page.evaluate(() => window.beforeHidden), true, "no reload while hidden");
  await setHidden(false);
  await page.waitForFunction(() => document.querySelector("main")?.textContent.includes("Докато беше скрита"));
  assert.strictEqual(await page.evaluate(() => window.beforeHidden), undefined, "reloaded on return");

  await browser.close();
  console.log("live e2e ok");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
